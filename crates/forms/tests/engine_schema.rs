//! The form engine's definitions: steps, the types' own members, groups,
//! conditions and languages. Every mistake is reported with the exact path
//! of the bad value, all at once; the JSON Schema for editors is made from
//! the same member table as the decoder.

use lokalform_forms::schema::{FieldKind, Form, Lang, PropertyType, PROPERTIES};
use serde_json::{json, Value};

/// A one-page form with `fields`.
fn page(fields: Value) -> String {
    json!({"id": "t", "version": 1, "title": {"da": "T"}, "fields": fields}).to_string()
}

/// A multi-step form, each step titled, with the given fields per step.
fn stepped(steps: Vec<Value>) -> String {
    let steps: Vec<Value> = steps
        .into_iter()
        .enumerate()
        .map(|(i, fields)| json!({"title": {"da": format!("Trin {}", i + 1)}, "fields": fields}))
        .collect();
    json!({"id": "t", "version": 1, "title": {"da": "T"}, "steps": steps}).to_string()
}

fn text_field(id: &str) -> Value {
    json!({"id": id, "type": "text", "label": {"da": id}})
}

fn choice(id: &str, values: &[&str]) -> Value {
    let options: Vec<Value> = values
        .iter()
        .map(|v| json!({"value": v, "label": {"da": v}}))
        .collect();
    json!({"id": id, "type": "choice", "label": {"da": id}, "options": options})
}

/// The problems as `path: message` lines.
fn problems(json: &str) -> Vec<String> {
    match Form::from_json(json) {
        Ok(form) => panic!("accepted a bad definition: {form:?}"),
        Err(p) => p.iter().map(ToString::to_string).collect(),
    }
}

fn only_problem(json: &str) -> String {
    let p = problems(json);
    assert_eq!(p.len(), 1, "expected exactly one problem, got {p:?}");
    p.into_iter().next().unwrap()
}

fn accepted(json: &str) -> Form {
    Form::from_json(json).unwrap_or_else(|p| panic!("rejected: {p:?}"))
}

// ---------------------------------------------------------------------------
// Steps.

#[test]
fn paths_in_a_stepped_form_name_the_step() {
    let json = stepped(vec![
        json!([text_field("a")]),
        json!([
            text_field("b"),
            text_field("c"),
            text_field("d"),
            choice("agree", &["ja", "ja", "nej"])
        ]),
    ]);
    assert_eq!(
        only_problem(&json),
        r#"steps[1].fields[3].options[1].value: duplicate value "ja""#
    );
}

#[test]
fn ids_are_unique_across_steps() {
    let json = stepped(vec![json!([text_field("a")]), json!([text_field("a")])]);
    assert_eq!(
        only_problem(&json),
        r#"steps[1].fields[0].id: duplicate id "a""#
    );
}

#[test]
fn a_stepped_form_knows_its_steps() {
    let form = accepted(&stepped(vec![
        json!([text_field("a"), text_field("b")]),
        json!([text_field("c")]),
    ]));
    assert!(form.stepped);
    assert_eq!(form.steps.len(), 2);
    assert_eq!(form.step_fields(0).len(), 2);
    assert_eq!(form.step_fields(1)[0].id, "c");
    assert!(form.step_fields(2).is_empty());
    assert_eq!(form.step_of(2), 1);
    assert_eq!(form.field_path(2), "steps[1].fields[0]");
    assert_eq!(
        form.steps[1].title.as_ref().map(|t| t.get(Lang::Da)),
        Some("Trin 2")
    );
    let one_page = accepted(&page(json!([text_field("a"), text_field("b")])));
    assert!(!one_page.stepped);
    assert_eq!(one_page.steps.len(), 1);
    assert_eq!(one_page.field_path(1), "fields[1]");
}

#[test]
fn every_step_needs_a_title_when_there_are_several() {
    let json = json!({"id": "t", "version": 1, "title": {"da": "T"}, "steps": [
        {"title": {"da": "Et"}, "fields": [text_field("a")]},
        {"fields": [text_field("b")]}
    ]});
    assert_eq!(
        only_problem(&json.to_string()),
        "steps[1].title: is required when a form has several steps (it names the step in the step indicator)"
    );
    let single = json!({"id": "t", "version": 1, "title": {"da": "T"},
                        "steps": [{"fields": [text_field("a")]}]});
    assert!(Form::from_json(&single.to_string()).is_ok());
}

#[test]
fn an_empty_step_is_rejected() {
    let json = stepped(vec![json!([text_field("a")]), json!([])]);
    assert_eq!(
        only_problem(&json),
        "steps[1].fields: a step needs at least one field"
    );
    // A step whose only field cannot be read is not empty: the field's
    // own problem is the one reported.
    let unread = stepped(vec![json!([{"id": "q", "type": "smiley"}])]);
    assert_eq!(
        only_problem(&unread),
        "steps[0].fields[0].label: is required"
    );
    // Checks of parts that were read stay: a duplicate id beside it.
    let beside = stepped(vec![
        json!([text_field("a"), text_field("a"), {"id": "q", "type": "smiley"}]),
    ]);
    assert_eq!(
        problems(&beside),
        [
            "steps[0].fields[1].id: duplicate id \"a\"",
            "steps[0].fields[2].label: is required"
        ]
    );
    let none = json!({"id": "t", "version": 1, "title": {"da": "T"}, "steps": []});
    assert_eq!(
        only_problem(&none.to_string()),
        "steps: a form needs at least one step"
    );
}

#[test]
fn fields_and_steps_together_are_rejected() {
    let json = json!({"id": "t", "version": 1, "title": {"da": "T"},
        "fields": [text_field("a")],
        "steps": [{"title": {"da": "Et"}, "fields": [text_field("b")]}]});
    assert_eq!(
        only_problem(&json.to_string()),
        r#"fields: write either "fields" (one page) or "steps", not both"#
    );
}

#[test]
fn unknown_step_members_are_reported() {
    let json = json!({"id": "t", "version": 1, "title": {"da": "T"},
        "steps": [{"title": {"da": "Et"}, "fields": [text_field("a")], "help": {"da": "?"}}]});
    assert_eq!(
        only_problem(&json.to_string()),
        "steps[0].help: unknown field; expected one of: title, intro, fields"
    );
}

// ---------------------------------------------------------------------------
// Aggregates and personal data.

#[test]
fn types_that_can_hold_personal_data_can_never_be_aggregated() {
    for kind in [
        "cpr",
        "text",
        "textarea",
        "date",
        "email",
        "phone",
        "signature",
        "comment",
    ] {
        let json = stepped(vec![
            json!([text_field("a")]),
            json!([{"id": "x", "type": kind, "label": {"da": "X"}, "aggregate": true}]),
        ]);
        assert_eq!(
            only_problem(&json),
            format!(
                "steps[1].fields[0].aggregate: a {kind} field can hold personal data (a CPR number, a name, free text, a signature, a date of birth) and can never be aggregated"
            )
        );
    }
}

#[test]
fn aggregate_inside_a_group_reports_the_member_path() {
    let json = page(
        json!([{"id": "g", "type": "group", "label": {"da": "G"}, "fields": [
            text_field("a"),
            {"id": "cpr", "type": "cpr", "label": {"da": "CPR"}, "aggregate": true}
        ]}]),
    );
    assert_eq!(
        only_problem(&json),
        "fields[0].fields[1].aggregate: a cpr field can hold personal data (a CPR number, a name, free text, a signature, a date of birth) and can never be aggregated"
    );
}

#[test]
fn option_and_number_types_may_be_aggregated() {
    let opts = json!([{"value": "a", "label": {"da": "A"}}, {"value": "b", "label": {"da": "B"}}]);
    let five: Vec<Value> = (1..=5)
        .map(|i| json!({"value": i.to_string(), "label": {"da": i.to_string()}}))
        .collect();
    let form = accepted(&page(json!([
        {"id": "s", "type": "smiley", "label": {"da": "S"}, "aggregate": true, "options": five},
        {"id": "c", "type": "choice", "label": {"da": "C"}, "aggregate": true, "options": opts},
        {"id": "m", "type": "multi_choice", "label": {"da": "M"}, "aggregate": true, "options": opts},
        {"id": "l", "type": "likert", "label": {"da": "L"}, "aggregate": true, "options": opts},
        {"id": "sc", "type": "scale", "label": {"da": "Sc"}, "aggregate": true},
        {"id": "v", "type": "vas", "label": {"da": "V"}, "aggregate": true},
        {"id": "n", "type": "number", "label": {"da": "N"}, "aggregate": true}
    ])));
    assert!(form.fields.iter().all(|f| f.aggregate));
    assert!(!form.holds_personal_data());
}

#[test]
fn aggregate_on_a_type_without_answers_to_count_is_a_wrong_member() {
    let json = page(json!([{"id": "c", "type": "consent", "label": {"da": "Ja"},
                            "consent_version": "1", "aggregate": true}]));
    assert_eq!(
        only_problem(&json),
        r#"fields[0].aggregate: a consent field has no "aggregate"; it may have: id, type, label, help, visible_if, required, required_message, consent_version"#
    );
}

#[test]
fn personal_data_is_detected_in_groups_too() {
    let json = page(json!([
        choice("c", &["a", "b"]),
        {"id": "g", "type": "group", "label": {"da": "G"}, "fields": [
            {"id": "d", "type": "date", "label": {"da": "Født"}}
        ]}
    ]));
    assert!(accepted(&json).holds_personal_data());
    assert!(!accepted(&page(json!([choice("c", &["a", "b"])]))).holds_personal_data());
}

// ---------------------------------------------------------------------------
// Members of the wrong type, and each type's own settings.

#[test]
fn a_member_on_the_wrong_type_lists_what_the_type_may_have() {
    let cases = [
        (
            json!({"id": "x", "type": "text", "label": {"da": "X"}, "min": 1}),
            r#"fields[0].min: a text field has no "min"; it may have: id, type, label, help, visible_if, required, required_message, max_length, autocomplete"#,
        ),
        (
            json!({"id": "x", "type": "number", "label": {"da": "X"}, "options": []}),
            r#"fields[0].options: a number field has no "options"; it may have: id, type, label, help, visible_if, required, required_message, aggregate, min, max, step, unit"#,
        ),
        (
            json!({"id": "x", "type": "heading", "label": {"da": "X"}, "required": true}),
            r#"fields[0].required: a heading field has no "required"; it may have: id, type, label, help, visible_if"#,
        ),
        (
            json!({"id": "x", "type": "date", "label": {"da": "X"}, "step": 1}),
            r#"fields[0].step: a date field has no "step"; it may have: id, type, label, help, visible_if, required, required_message, min, max"#,
        ),
        (
            json!({"id": "x", "type": "email", "label": {"da": "X"}, "consent_version": "1"}),
            r#"fields[0].consent_version: a email field has no "consent_version"; it may have: id, type, label, help, visible_if, required, required_message, autocomplete"#,
        ),
    ];
    for (field, expected) in cases {
        assert_eq!(only_problem(&page(json!([field]))), expected);
    }
}

#[test]
fn a_member_no_type_has_is_unknown() {
    let json = page(json!([{"id": "x", "type": "text", "label": {"da": "X"}, "colour": "red"}]));
    let p = only_problem(&json);
    assert!(
        p.starts_with("fields[0].colour: unknown field; expected one of: id, type, label, help, visible_if, required, required_message, aggregate, options, select, max_length, crisis_line, min, max, step, unit, min_label, max_label, consent_version, autocomplete, fields, item_label, add_label"),
        "{p}"
    );
}

#[test]
fn min_above_max_is_rejected_for_numbers_dates_and_picks() {
    let number =
        page(json!([{"id": "n", "type": "number", "label": {"da": "N"}, "min": 10, "max": 2.5}]));
    assert_eq!(
        only_problem(&number),
        "fields[0].max: must not be less than min (10)"
    );
    let date = page(json!([{"id": "d", "type": "date", "label": {"da": "D"},
                            "min": "2026-12-31", "max": "2026-01-01"}]));
    assert_eq!(
        only_problem(&date),
        "fields[0].max: must not be before min (2026-12-31)"
    );
    let mut picks = choice("m", &["a", "b", "c"]);
    picks["type"] = json!("multi_choice");
    picks["min"] = json!(3);
    picks["max"] = json!(2);
    assert_eq!(
        only_problem(&page(json!([picks]))),
        "fields[0].max: must not be less than min (3)"
    );
    let group = page(json!([{"id": "g", "type": "group", "label": {"da": "G"},
                             "min": 4, "max": 2, "fields": [text_field("a")]}]));
    assert_eq!(
        only_problem(&group),
        "fields[0].max: must not be less than min (4)"
    );
}

#[test]
fn today_is_a_date_limit_but_danish_dates_are_not() {
    let ok = page(
        json!([{"id": "d", "type": "date", "label": {"da": "D"}, "min": "2020-01-01", "max": "today"}]),
    );
    assert!(Form::from_json(&ok).is_ok());
    let bad = page(json!([{"id": "d", "type": "date", "label": {"da": "D"}, "max": "31.12.2026"}]));
    assert_eq!(
        only_problem(&bad),
        r#"fields[0].max: "31.12.2026" is not a date; write YYYY-MM-DD or "today""#
    );
    let no_such =
        page(json!([{"id": "d", "type": "date", "label": {"da": "D"}, "min": "2026-02-29"}]));
    assert_eq!(
        only_problem(&no_such),
        r#"fields[0].min: "2026-02-29" is not a date; write YYYY-MM-DD or "today""#
    );
}

#[test]
fn picks_must_fit_the_options_and_steps_must_be_positive() {
    let mut picks = choice("m", &["a", "b", "c"]);
    picks["type"] = json!("multi_choice");
    picks["max"] = json!(4);
    assert_eq!(
        only_problem(&page(json!([picks.clone()]))),
        "fields[0].max: must be 1 or more and at most the number of options (3)"
    );
    picks["max"] = json!(0);
    assert_eq!(
        only_problem(&page(json!([picks.clone()]))),
        "fields[0].max: must be 1 or more and at most the number of options (3)"
    );
    picks.as_object_mut().unwrap().remove("max");
    picks["min"] = json!(5);
    assert_eq!(
        only_problem(&page(json!([picks]))),
        "fields[0].min: must be at most the number of options (3)"
    );
    let picks_as_decimals = page(
        json!([{"id": "m", "type": "multi_choice", "label": {"da": "M"},
        "min": 1.5, "options": [{"value": "a", "label": {"da": "A"}}, {"value": "b", "label": {"da": "B"}}]}]),
    );
    assert_eq!(
        only_problem(&picks_as_decimals),
        "fields[0].min: expected a whole number from 0 to 4294967295, found a number"
    );
    let step = page(json!([{"id": "n", "type": "number", "label": {"da": "N"}, "step": 0}]));
    assert_eq!(only_problem(&step), "fields[0].step: must be more than 0");
    let group = page(json!([{"id": "g", "type": "group", "label": {"da": "G"},
                             "max": 51, "fields": [text_field("a")]}]));
    assert_eq!(
        only_problem(&group),
        "fields[0].max: must be 1 or more and at most 50"
    );
}

#[test]
fn consent_needs_its_version() {
    let json = stepped(vec![
        json!([text_field("a")]),
        json!([{"id": "c", "type": "consent", "label": {"da": "Jeg giver samtykke."}}]),
    ]);
    assert_eq!(
        only_problem(&json),
        "steps[1].fields[0].consent_version: is required: the answer records which consent text was agreed to"
    );
    let blank = page(
        json!([{"id": "c", "type": "consent", "label": {"da": "Ja"}, "consent_version": " "}]),
    );
    assert_eq!(
        only_problem(&blank),
        "fields[0].consent_version: must be 1-64 characters"
    );
}

#[test]
fn autocomplete_purposes_come_from_a_fixed_list() {
    let json = page(
        json!([{"id": "x", "type": "text", "label": {"da": "X"}, "autocomplete": "nickname"}]),
    );
    assert_eq!(
        only_problem(&json),
        r#"fields[0].autocomplete: unknown purpose "nickname"; expected one of: name, given-name, family-name, email, tel, street-address, postal-code, address-level2, organization"#
    );
    let on_cpr =
        page(json!([{"id": "x", "type": "cpr", "label": {"da": "X"}, "autocomplete": "name"}]));
    assert!(only_problem(&on_cpr)
        .starts_with(r#"fields[0].autocomplete: a cpr field has no "autocomplete""#));
}

#[test]
fn text_limits() {
    let too_long =
        page(json!([{"id": "x", "type": "textarea", "label": {"da": "X"}, "max_length": 5001}]));
    assert_eq!(
        only_problem(&too_long),
        "fields[0].max_length: must be at most 5000"
    );
    let zero = page(json!([{"id": "x", "type": "text", "label": {"da": "X"}, "max_length": 0}]));
    assert_eq!(
        only_problem(&zero),
        "fields[0].max_length: must be 1 or more"
    );
}

// ---------------------------------------------------------------------------
// Groups.

#[test]
fn a_group_cannot_hold_a_group() {
    let json = page(
        json!([{"id": "g", "type": "group", "label": {"da": "G"}, "fields": [
            {"id": "inner", "type": "group", "label": {"da": "Inner"}, "fields": [text_field("a")]}
        ]}]),
    );
    assert_eq!(
        only_problem(&json),
        "fields[0].fields[0].type: a group cannot hold another group"
    );
}

#[test]
fn a_group_needs_members_with_unique_ids_and_no_comment() {
    let empty = page(json!([{"id": "g", "type": "group", "label": {"da": "G"}, "fields": []}]));
    assert_eq!(
        only_problem(&empty),
        "fields[0].fields: a group needs at least one field"
    );
    let missing = page(json!([{"id": "g", "type": "group", "label": {"da": "G"}}]));
    // Said once: the missing list, not also an empty group.
    assert_eq!(only_problem(&missing), "fields[0].fields: is required");
    let dup = page(json!([{"id": "g", "type": "group", "label": {"da": "G"},
                           "fields": [text_field("a"), text_field("a")]}]));
    assert_eq!(
        only_problem(&dup),
        r#"fields[0].fields[1].id: duplicate id "a""#
    );
    let comment = page(json!([{"id": "g", "type": "group", "label": {"da": "G"},
        "fields": [{"id": "c", "type": "comment", "label": {"da": "C"}}]}]));
    assert_eq!(
        only_problem(&comment),
        "fields[0].fields[0].type: a comment cannot be inside a group"
    );
    // A member may share an id with a top-level field: items are separate.
    let shared = page(json!([text_field("text"), {"id": "goals", "type": "group",
        "label": {"da": "Mål"}, "fields": [text_field("text")]}]));
    assert!(Form::from_json(&shared).is_ok());
}

#[test]
fn group_members_are_counted_towards_the_field_limit() {
    let members: Vec<Value> = (0..60).map(|i| text_field(&format!("m{i}"))).collect();
    let tops: Vec<Value> = (0..39).map(|i| text_field(&format!("t{i}"))).collect();
    let mut fields = tops.clone();
    fields.push(json!({"id": "g", "type": "group", "label": {"da": "G"}, "fields": members}));
    assert!(
        Form::from_json(&page(Value::Array(fields.clone()))).is_ok(),
        "exactly 100"
    );
    fields.insert(0, text_field("one_more"));
    assert_eq!(
        only_problem(&page(Value::Array(fields))),
        "fields: at most 100 fields are allowed"
    );
}

// ---------------------------------------------------------------------------
// Conditions.

#[test]
fn a_condition_may_only_ask_about_an_earlier_field() {
    let json = stepped(vec![
        json!([{"id": "a", "type": "text", "label": {"da": "A"},
                "visible_if": {"field": "b", "answered": true}}]),
        json!([text_field("b")]),
    ]);
    assert_eq!(
        only_problem(&json),
        r#"steps[0].fields[0].visible_if.field: "b" must be a field before this one"#
    );
    let itself = page(json!([{"id": "a", "type": "text", "label": {"da": "A"},
                              "visible_if": {"field": "a", "answered": true}}]));
    assert_eq!(
        only_problem(&itself),
        r#"fields[0].visible_if.field: "a" must be a field before this one"#
    );
}

#[test]
fn a_condition_on_an_unknown_field_or_option() {
    let unknown = page(
        json!([text_field("a"), {"id": "b", "type": "text", "label": {"da": "B"},
        "visible_if": {"field": "zzz", "equals": "x"}}]),
    );
    assert_eq!(
        only_problem(&unknown),
        r#"fields[1].visible_if.field: no field "zzz" in this form"#
    );
    let option = page(
        json!([choice("a", &["ja", "nej"]), {"id": "b", "type": "text",
        "label": {"da": "B"}, "visible_if": {"field": "a", "equals": "måske"}}]),
    );
    assert_eq!(
        only_problem(&option),
        r#"fields[1].visible_if.field: field "a" has no option "måske""#
    );
    let any_of = page(
        json!([choice("a", &["ja", "nej"]), {"id": "b", "type": "text",
        "label": {"da": "B"}, "visible_if": {"any": [
            {"field": "a", "equals": "ja"},
            {"field": "a", "any_of": ["nej", "x", "y"]}
        ]}}]),
    );
    assert_eq!(
        problems(&any_of),
        [
            r#"fields[1].visible_if.any[1].field: field "a" has no option "x""#,
            r#"fields[1].visible_if.any[1].field: field "a" has no option "y""#,
        ]
    );
}

#[test]
fn a_condition_on_a_field_without_an_answer() {
    let heading = page(json!([{"id": "h", "type": "heading", "label": {"da": "H"}},
        {"id": "b", "type": "text", "label": {"da": "B"}, "visible_if": {"field": "h", "answered": true}}]));
    assert_eq!(
        only_problem(&heading),
        r#"fields[1].visible_if.field: a heading field has no answer to test"#
    );
    let group = page(
        json!([{"id": "g", "type": "group", "label": {"da": "G"}, "fields": [text_field("a")]},
        {"id": "b", "type": "text", "label": {"da": "B"}, "visible_if": {"field": "g", "answered": true}}]),
    );
    assert_eq!(
        only_problem(&group),
        r#"fields[1].visible_if.field: a group field has no answer to test"#
    );
}

#[test]
fn conditions_inside_groups_see_earlier_siblings_and_earlier_top_level_fields() {
    let ok = page(json!([choice("role", &["peer", "mentor"]),
    {"id": "g", "type": "group", "label": {"da": "G"}, "fields": [
        choice("may_call", &["yes", "no"]),
        {"id": "phone", "type": "phone", "label": {"da": "T"}, "visible_if": {"field": "may_call", "equals": "yes"}},
        {"id": "home", "type": "text", "label": {"da": "B"}, "visible_if": {"field": "role", "equals": "peer"}}
    ]}]));
    assert!(Form::from_json(&ok).is_ok());
    let later_sibling = page(
        json!([{"id": "g", "type": "group", "label": {"da": "G"}, "fields": [
            {"id": "phone", "type": "phone", "label": {"da": "T"}, "visible_if": {"field": "may_call", "equals": "yes"}},
            choice("may_call", &["yes", "no"])
        ]}]),
    );
    assert_eq!(
        only_problem(&later_sibling),
        r#"fields[0].fields[0].visible_if.field: "may_call" must be a field before this one"#
    );
    let later_top = page(
        json!([{"id": "g", "type": "group", "label": {"da": "G"}, "fields": [
        {"id": "x", "type": "text", "label": {"da": "X"}, "visible_if": {"field": "role", "equals": "peer"}}
    ]}, choice("role", &["peer", "mentor"])]),
    );
    assert_eq!(
        only_problem(&later_top),
        r#"fields[0].fields[0].visible_if.field: "role" must be a field before this one"#
    );
    let typo = page(
        json!([{"id": "g", "type": "group", "label": {"da": "G"}, "fields": [
            {"id": "x", "type": "text", "label": {"da": "X"}, "visible_if": {"field": "zzz", "answered": true}}
        ]}]),
    );
    assert_eq!(
        only_problem(&typo),
        r#"fields[0].fields[0].visible_if.field: no field "zzz" in this form"#
    );
    let bad_option = page(
        json!([{"id": "g", "type": "group", "label": {"da": "G"}, "fields": [
            choice("may_call", &["yes", "no"]),
            {"id": "phone", "type": "phone", "label": {"da": "T"}, "visible_if": {"field": "may_call", "equals": "ja"}}
        ]}]),
    );
    assert_eq!(
        only_problem(&bad_option),
        r#"fields[0].fields[1].visible_if.field: field "may_call" has no option "ja""#
    );
}

#[test]
fn malformed_conditions() {
    let base = |condition: Value| {
        page(json!([choice("a", &["ja", "nej"]),
            {"id": "b", "type": "text", "label": {"da": "B"}, "visible_if": condition}]))
    };
    assert_eq!(
        only_problem(&base(json!({"field": "a"}))),
        r#"fields[1].visible_if: needs exactly one of "equals", "any_of" or "answered""#
    );
    assert_eq!(
        only_problem(&base(
            json!({"field": "a", "equals": "ja", "answered": true})
        )),
        r#"fields[1].visible_if: needs exactly one of "equals", "any_of" or "answered""#
    );
    assert_eq!(
        only_problem(&base(
            json!({"all": [{"field": "a", "equals": "ja"}], "field": "a"})
        )),
        r#"fields[1].visible_if: "all" stands alone: write the other tests inside its list"#
    );
    assert_eq!(
        only_problem(&base(json!({"any": []}))),
        "fields[1].visible_if.any: needs at least one condition"
    );
    assert_eq!(
        only_problem(&base(json!({"field": "a", "any_of": []}))),
        "fields[1].visible_if.any_of: needs at least one value"
    );
    assert_eq!(
        only_problem(&base(json!({"field": "a", "answered": "yes"}))),
        "fields[1].visible_if.answered: expected true or false, found a string"
    );
    assert_eq!(
        problems(&base(json!({"field": "a", "is": "ja"}))),
        [
            "fields[1].visible_if.is: unknown field; expected one of: field, equals, any_of, answered, all, any",
            r#"fields[1].visible_if: needs exactly one of "equals", "any_of" or "answered""#,
        ]
    );
    assert_eq!(
        only_problem(&base(
            json!({"all": [{"field": "a", "equals": "ja"}, {"any": [{"field": "zzz", "answered": true}]}]})
        )),
        r#"fields[1].visible_if.all[1].any[0].field: no field "zzz" in this form"#
    );
}

// ---------------------------------------------------------------------------
// Languages.

#[test]
fn listing_english_makes_every_text_need_it() {
    let json = json!({"id": "t", "version": 1, "languages": ["da", "en"],
    "title": {"da": "T", "en": "T"},
    "intro": {"da": "Intro"},
    "steps": [
        {"title": {"da": "Et", "en": "One"}, "fields": [
            {"id": "a", "type": "choice", "label": {"da": "A", "en": "A"},
             "help": {"da": "Hjælp"},
             "options": [{"value": "ja", "label": {"da": "Ja", "en": "Yes"}},
                         {"value": "nej", "label": {"da": "Nej", "en": " "}}]}
        ]},
        {"title": {"da": "To"}, "fields": [
            {"id": "n", "type": "number", "label": {"da": "N", "en": "N"}, "unit": {"da": "timer"}},
            {"id": "g", "type": "group", "label": {"da": "G", "en": "G"},
             "item_label": {"da": "Mål {n}", "en": "Goal {n}"}, "add_label": {"da": "Tilføj"},
             "fields": [{"id": "x", "type": "text", "label": {"da": "X"}}]}
        ]}
    ]});
    let missing = "is missing: the form lists English among its languages";
    assert_eq!(
        problems(&json.to_string()),
        [
            format!("intro.en: {missing}"),
            format!("steps[0].fields[0].help.en: {missing}"),
            format!("steps[0].fields[0].options[1].label.en: {missing}"),
            format!("steps[1].title.en: {missing}"),
            format!("steps[1].fields[0].unit.en: {missing}"),
            format!("steps[1].fields[1].add_label.en: {missing}"),
            format!("steps[1].fields[1].fields[0].label.en: {missing}"),
        ]
    );
}

#[test]
fn without_english_listed_danish_alone_is_fine() {
    let form = accepted(&page(json!([text_field("a")])));
    assert_eq!(form.languages, [Lang::Da]);
    let json = json!({"id": "t", "version": 1, "languages": ["da", "de"], "title": {"da": "T"},
                      "fields": [text_field("a")]});
    assert_eq!(
        only_problem(&json.to_string()),
        r#"languages[1]: expected "da" or "en""#
    );
}

#[test]
fn several_problems_come_in_document_order() {
    let json = stepped(vec![
        json!([
            {"id": "a", "type": "text", "label": {"da": "A"}, "aggregate": true},
            {"id": "c", "type": "consent", "label": {"da": "C"}}
        ]),
        json!([
            {"id": "n", "type": "number", "label": {"da": "N"}, "min": 5, "max": 1},
            {"id": "v", "type": "text", "label": {"da": "V"}, "visible_if": {"field": "nope", "answered": true}}
        ]),
    ]);
    assert_eq!(
        problems(&json),
        [
            "steps[0].fields[0].aggregate: a text field can hold personal data (a CPR number, a name, free text, a signature, a date of birth) and can never be aggregated",
            "steps[0].fields[1].consent_version: is required: the answer records which consent text was agreed to",
            "steps[1].fields[0].max: must not be less than min (5)",
            r#"steps[1].fields[1].visible_if.field: no field "nope" in this form"#,
        ]
    );
}

// ---------------------------------------------------------------------------
// The JSON Schema for editors.

fn schema() -> Value {
    serde_json::from_str(&lokalform_forms::schema::json_schema().to_string()).unwrap()
}

#[test]
fn the_schema_lists_every_type() {
    let schema = schema();
    let kinds = &schema["$defs"]["field"]["properties"]["type"]["enum"];
    let names: Vec<&str> = FieldKind::ALL.iter().map(|(_, n)| *n).collect();
    assert_eq!(kinds, &json!(names));
    assert_eq!(names.len(), 19);
}

#[test]
fn the_schema_allows_per_type_exactly_the_members_the_decoder_reads() {
    let schema = schema();
    let per_kind = schema["$defs"]["field"]["allOf"].as_array().unwrap();
    assert_eq!(per_kind.len(), FieldKind::ALL.len());
    for (rule, (kind, name)) in per_kind.iter().zip(FieldKind::ALL) {
        assert_eq!(rule["if"]["properties"]["type"]["const"], json!(name));
        let mut allowed: Vec<&str> = Vec::new();
        for p in PROPERTIES.iter().filter(|p| p.applies_to(kind)) {
            if !allowed.contains(&p.name) {
                allowed.push(p.name);
            }
        }
        assert_eq!(
            rule["then"]["propertyNames"]["enum"],
            json!(allowed),
            "{name}"
        );
        // Personal-data types never list `aggregate`.
        if kind.may_hold_personal_data() {
            assert!(!allowed.contains(&"aggregate"), "{name}");
        }
    }
}

#[test]
fn min_and_max_mean_different_things_per_type_in_the_schema() {
    let schema = schema();
    let rule = |name: &str| {
        schema["$defs"]["field"]["allOf"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["if"]["properties"]["type"]["const"] == json!(name))
            .unwrap()
            .clone()
    };
    assert_eq!(
        rule("number")["then"]["properties"]["min"]["type"],
        "number"
    );
    assert_eq!(
        rule("multi_choice")["then"]["properties"]["min"]["type"],
        "integer"
    );
    assert_eq!(
        rule("group")["then"]["properties"]["max"]["type"],
        "integer"
    );
    assert_eq!(
        rule("date")["then"]["properties"]["min"]["pattern"],
        "^(today|[0-9]{4}-[0-9]{2}-[0-9]{2})$"
    );
    let count_rows = PROPERTIES
        .iter()
        .filter(|p| p.name == "min" && p.ty == PropertyType::Count)
        .count();
    assert_eq!(count_rows, 2, "multi_choice picks and group items");
}

/// `"aggregate": false` on a personal-data type says what is true anyway:
/// accepted, not reported.
#[test]
fn aggregate_false_on_a_personal_data_type_is_accepted() {
    let form = accepted(&page(json!([
        {"id": "cpr", "type": "cpr", "label": {"da": "CPR"}, "aggregate": false},
        {"id": "name", "type": "text", "label": {"da": "Navn"}, "aggregate": false}
    ])));
    assert!(form.fields.iter().all(|f| !f.aggregate));
}
