//! Form definitions: the shipped form loads, and every malformed definition
//! is rejected with the exact path of the bad value, all problems at once.

use lokalform_forms::schema::{
    is_identifier, FieldKind, Form, Lang, Problem, FEEDBACK_FORM_JSON, MAX_FIELDS, MAX_OPTIONS,
};
use proptest::prelude::*;
use serde_json::{json, Value};

fn feedback_value() -> Value {
    serde_json::from_str(FEEDBACK_FORM_JSON).unwrap()
}

/// The shipped feedback form with one change applied.
fn feedback_with(change: impl FnOnce(&mut Value)) -> String {
    let mut v = feedback_value();
    change(&mut v);
    v.to_string()
}

/// The problems as `path: message` lines.
fn problems(json: &str) -> Vec<String> {
    match Form::from_json(json) {
        Ok(form) => panic!("accepted a bad definition: {form:?}"),
        Err(p) => p.iter().map(Problem::to_string).collect(),
    }
}

/// The single problem of a definition with exactly one.
fn only_problem(json: &str) -> String {
    let p = problems(json);
    assert_eq!(p.len(), 1, "expected exactly one problem, got {p:?}");
    p.into_iter().next().unwrap()
}

fn option(value: &str, da: &str) -> Value {
    json!({ "value": value, "label": { "da": da, "en": da } })
}

// ---------------------------------------------------------------------------
// The shipped form.

#[test]
fn shipped_feedback_form_loads() {
    let form = Form::from_json(FEEDBACK_FORM_JSON).unwrap();
    assert_eq!(form.id, "feedback");
    // Version 2: the meeting question became where/how.
    assert_eq!(form.version, 2);
    let ids: Vec<&str> = form.fields.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "overall",
            "heard",
            "information",
            "next",
            "meeting",
            "comment"
        ]
    );
    let overall = form.field("overall").unwrap();
    assert_eq!(overall.kind, FieldKind::Smiley);
    assert_eq!(overall.options.len(), 5);
    assert!(overall.required && overall.aggregate);
    let comment = form.comment_field().unwrap();
    assert_eq!(comment.id, "comment");
    assert!(!comment.aggregate && !comment.required);
    assert_eq!(comment.comment_limit(), 500);
    assert_eq!(
        form.title.get(Lang::En),
        "How was your meeting with the municipality?"
    );
    assert_eq!(
        form.title.get(Lang::Da),
        "Hvordan var dit møde med kommunen?"
    );
}

/// The compiled-in definition is the file in forms/, only without its
/// indentation (build.rs): the same JSON value, every string intact.
#[test]
fn shipped_constant_is_the_file_in_forms() {
    let on_disk = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../forms/feedback.json"
    ))
    .unwrap();
    let file: Value = serde_json::from_str(&on_disk).unwrap();
    let constant: Value = serde_json::from_str(FEEDBACK_FORM_JSON).unwrap();
    assert_eq!(constant, file);
    assert!(FEEDBACK_FORM_JSON.len() < on_disk.len());
    assert!(!FEEDBACK_FORM_JSON.contains("\n"));
}

#[test]
fn every_shipped_text_has_danish_and_english() {
    let form = Form::from_json(FEEDBACK_FORM_JSON).unwrap();
    let mut texts = vec![&form.title];
    texts.extend(form.intro.as_ref());
    texts.extend(form.thanks.as_ref());
    for f in &form.fields {
        texts.push(&f.label);
        texts.extend(f.help.as_ref());
        texts.extend(f.options.iter().map(|o| &o.label));
    }
    for t in texts {
        assert!(!t.da.trim().is_empty());
        assert!(
            t.en.as_deref().is_some_and(|e| !e.trim().is_empty()),
            "{t:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// One problem each, with its exact path.

#[test]
fn duplicate_option_value_is_reported_at_the_option() {
    let json = feedback_with(|v| v["fields"][1]["options"][2]["value"] = json!("yes"));
    assert_eq!(
        only_problem(&json),
        r#"fields[1].options[2].value: duplicate value "yes""#
    );
}

#[test]
fn duplicate_field_id_is_reported_at_the_second_field() {
    let json = feedback_with(|v| v["fields"][3]["id"] = json!("heard"));
    assert_eq!(only_problem(&json), r#"fields[3].id: duplicate id "heard""#);
}

#[test]
fn smiley_with_four_options_is_rejected() {
    let json = feedback_with(|v| {
        v["fields"][0]["options"].as_array_mut().unwrap().pop();
    });
    assert_eq!(
        only_problem(&json),
        "fields[0].options: a smiley scale has exactly 5 options, found 4"
    );
}

#[test]
fn smiley_with_six_options_is_rejected() {
    let json = feedback_with(|v| {
        v["fields"][0]["options"]
            .as_array_mut()
            .unwrap()
            .push(option("6", "Fantastisk"));
    });
    assert_eq!(
        only_problem(&json),
        "fields[0].options: a smiley scale has exactly 5 options, found 6"
    );
}

#[test]
fn choice_with_one_option_is_rejected() {
    let json = feedback_with(|v| v["fields"][1]["options"] = json!([option("yes", "Ja")]));
    assert_eq!(
        only_problem(&json),
        "fields[1].options: a choice field needs at least 2 options"
    );
}

#[test]
fn choice_with_too_many_options_is_rejected() {
    let json = feedback_with(|v| {
        v["fields"][1]["options"] = Value::Array(
            (0..=MAX_OPTIONS)
                .map(|i| option(&format!("o{i}"), "Svar"))
                .collect(),
        )
    });
    assert_eq!(
        only_problem(&json),
        format!("fields[1].options: at most {MAX_OPTIONS} options are allowed")
    );
    let ok = feedback_with(|v| {
        v["fields"][1]["options"] = Value::Array(
            (0..MAX_OPTIONS)
                .map(|i| option(&format!("o{i}"), "Svar"))
                .collect(),
        )
    });
    assert!(Form::from_json(&ok).is_ok());
}

#[test]
fn comment_marked_aggregate_is_rejected() {
    let json = feedback_with(|v| v["fields"][5]["aggregate"] = json!(true));
    assert_eq!(
        only_problem(&json),
        "fields[5].aggregate: a comment field can hold personal data (a CPR number, a name, free text, a signature, a date of birth) and can never be aggregated"
    );
}

#[test]
fn required_comment_is_rejected() {
    let json = feedback_with(|v| v["fields"][5]["required"] = json!(true));
    assert_eq!(
        only_problem(&json),
        "fields[5].required: a comment must be optional"
    );
}

#[test]
fn second_comment_field_is_rejected() {
    let json = feedback_with(|v| {
        let mut second = v["fields"][5].clone();
        second["id"] = json!("comment2");
        v["fields"].as_array_mut().unwrap().push(second);
    });
    assert_eq!(
        only_problem(&json),
        "fields[6].type: a form may have only one comment field"
    );
}

#[test]
fn comment_limits_outside_1_to_2000_are_rejected() {
    let zero = feedback_with(|v| v["fields"][5]["max_length"] = json!(0));
    assert_eq!(
        only_problem(&zero),
        "fields[5].max_length: must be 1 or more"
    );
    let big = feedback_with(|v| v["fields"][5]["max_length"] = json!(2001));
    assert_eq!(
        only_problem(&big),
        "fields[5].max_length: must be at most 2000"
    );
    let edge = feedback_with(|v| v["fields"][5]["max_length"] = json!(2000));
    assert!(Form::from_json(&edge).is_ok());
}

#[test]
fn max_length_on_a_choice_is_rejected() {
    let json = feedback_with(|v| v["fields"][2]["max_length"] = json!(10));
    assert_eq!(
        only_problem(&json),
        "fields[2].max_length: a choice field has no \"max_length\"; it may have: id, type, label, help, visible_if, required, required_message, aggregate, options, select"
    );
}

#[test]
fn options_on_a_comment_are_rejected() {
    let json =
        feedback_with(|v| v["fields"][5]["options"] = json!([option("a", "A"), option("b", "B")]));
    assert_eq!(
        only_problem(&json),
        "fields[5].options: a comment field has no \"options\"; it may have: id, type, label, help, visible_if, required, required_message, max_length, crisis_line"
    );
}

#[test]
fn a_crisis_line_belongs_to_the_comment_only() {
    let engine = feedback_with(|v| v["fields"][1]["crisis_line"] = json!({"da": "Ring 112"}));
    assert!(
        only_problem(&engine)
            .starts_with("fields[1].crisis_line: a choice field has no \"crisis_line\""),
        "{}",
        only_problem(&engine)
    );
    let problems = Form::from_json_for_feedback(&engine).unwrap_err();
    assert_eq!(
        problems[0].to_string(),
        "fields[1].crisis_line: only a comment field has a crisis line"
    );
}

/// The alternative feedback definition a municipality may choose: both
/// readers take it, and it carries what the co-design workshop asked for.
#[test]
fn the_respect_feedback_form_loads_in_both_readers() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../forms/feedback-respekt.json"
    );
    let json = std::fs::read_to_string(path).unwrap();
    let form = Form::from_json_for_feedback(&json).unwrap();
    assert_eq!(Form::from_json(&json).unwrap().fields, form.fields);
    let ids: Vec<&str> = form.fields.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        ["role", "overall", "respect", "heard", "time", "meeting", "comment"]
    );
    assert_eq!(
        form.field("role").unwrap().label.get(Lang::Da),
        "Jeg svarer som"
    );
    assert_eq!(
        form.title.get(Lang::Da),
        "Hvordan var dit møde med din rådgiver?"
    );
    assert!(form.comment_field().unwrap().crisis_line.is_some());
    assert!(form.marks_required());
}

#[test]
fn the_minority_is_marked() {
    let all_required = feedback_with(|v| {
        for f in v["fields"].as_array_mut().unwrap().iter_mut().take(5) {
            f["required"] = json!(true);
        }
    });
    assert!(!Form::from_json(&all_required).unwrap().marks_required());
    assert!(Form::from_json(FEEDBACK_FORM_JSON)
        .unwrap()
        .marks_required());
}

#[test]
fn empty_danish_label_is_rejected_wherever_it_is() {
    let field = feedback_with(|v| v["fields"][1]["label"]["da"] = json!(""));
    assert_eq!(
        only_problem(&field),
        "fields[1].label.da: must not be empty"
    );
    let blank = feedback_with(|v| v["fields"][1]["label"]["da"] = json!("  \n"));
    assert_eq!(
        only_problem(&blank),
        "fields[1].label.da: must not be empty"
    );
    let opt = feedback_with(|v| v["fields"][4]["options"][3]["label"]["da"] = json!(""));
    assert_eq!(
        only_problem(&opt),
        "fields[4].options[3].label.da: must not be empty"
    );
    let title = feedback_with(|v| v["title"]["da"] = json!(""));
    assert_eq!(only_problem(&title), "title.da: must not be empty");
}

#[test]
fn bad_identifiers_are_rejected() {
    let form_id = feedback_with(|v| v["id"] = json!("feed back"));
    assert_eq!(
        only_problem(&form_id),
        "id: must be 1-64 letters A-Z or a-z, digits, '-' or '_'"
    );
    let field_id = feedback_with(|v| v["fields"][2]["id"] = json!("hørt"));
    assert_eq!(
        only_problem(&field_id),
        "fields[2].id: must be 1-64 letters A-Z or a-z, digits, '-' or '_'"
    );
    let empty_value = feedback_with(|v| v["fields"][0]["options"][1]["value"] = json!(""));
    assert_eq!(
        only_problem(&empty_value),
        "fields[0].options[1].value: must be 1-64 letters A-Z or a-z, digits, '-' or '_'"
    );
    let long = "a".repeat(65);
    let long_id = feedback_with(|v| v["fields"][2]["id"] = json!(long));
    assert_eq!(
        problems(&long_id),
        ["fields[2].id: must be 1-64 letters A-Z or a-z, digits, '-' or '_'"]
    );
    let max = "a".repeat(64);
    assert!(Form::from_json(&feedback_with(|v| v["fields"][2]["id"] = json!(max))).is_ok());
}

#[test]
fn version_zero_is_rejected() {
    let json = feedback_with(|v| v["version"] = json!(0));
    assert_eq!(only_problem(&json), "version: must be 1 or more");
}

#[test]
fn form_without_fields_is_rejected() {
    let json = feedback_with(|v| v["fields"] = json!([]));
    assert_eq!(
        only_problem(&json),
        "fields: a form needs at least one field"
    );
}

#[test]
fn form_with_too_many_fields_is_rejected() {
    let json = feedback_with(|v| {
        let template = v["fields"][1].clone();
        v["fields"] = Value::Array(
            (0..=MAX_FIELDS)
                .map(|i| {
                    let mut f = template.clone();
                    f["id"] = json!(format!("q{i}"));
                    f
                })
                .collect(),
        );
    });
    assert_eq!(
        only_problem(&json),
        format!("fields: at most {MAX_FIELDS} fields are allowed")
    );
}

// ---------------------------------------------------------------------------
// JSON-level errors, with the path of the bad value.

#[test]
fn unknown_field_in_a_field_reports_its_path() {
    let json = feedback_with(|v| v["fields"][1]["colour"] = json!("red"));
    let p = only_problem(&json);
    assert!(
        p.starts_with("fields[1].colour: unknown field; expected one of: id, type, label"),
        "{p}"
    );
}

#[test]
fn unknown_field_in_an_option_label_reports_its_path() {
    let json = feedback_with(|v| v["fields"][0]["options"][2]["label"]["de"] = json!("Weder noch"));
    let p = only_problem(&json);
    assert!(
        p == "fields[0].options[2].label.de: unknown field; expected one of: da, en",
        "{p}"
    );
}

#[test]
fn unknown_top_level_field_reports_its_path() {
    let json = feedback_with(|v| v["owner"] = json!("Slagelse"));
    let p = only_problem(&json);
    assert!(
        p.starts_with("owner: unknown field; expected one of: id, version"),
        "{p}"
    );
}

#[test]
fn wrong_type_reports_its_path() {
    let version = feedback_with(|v| v["version"] = json!("1"));
    let p = only_problem(&version);
    assert_eq!(
        p,
        "version: expected a whole number from 0 to 4294967295, found a string"
    );
    let required = feedback_with(|v| v["fields"][0]["required"] = json!("ja"));
    let p = only_problem(&required);
    assert_eq!(
        p,
        "fields[0].required: expected true or false, found a string"
    );
}

#[test]
fn unknown_field_type_reports_its_path() {
    let json = feedback_with(|v| v["fields"][3]["type"] = json!("slider"));
    let p = only_problem(&json);
    assert!(
        p == "fields[3].type: unknown type \"slider\"; expected one of: smiley, choice, comment, text, textarea, number, multi_choice, likert, scale, vas, date, cpr, email, phone, consent, signature, heading, info, group",
        "{p}"
    );
}

#[test]
fn missing_required_value_is_reported() {
    let json = feedback_with(|v| {
        v["fields"][1].as_object_mut().unwrap().remove("label");
    });
    let p = only_problem(&json);
    assert_eq!(p, "fields[1].label: is required");
}

#[test]
fn malformed_json_is_reported_without_a_path() {
    let p = problems("{\"id\": ");
    assert_eq!(p.len(), 1);
    assert_eq!(p[0], "line 1, column 8: unexpected end of the text");
    let err = Form::from_json("not json").unwrap_err();
    assert_eq!(err[0].path, "");
}

// ---------------------------------------------------------------------------
// Many problems at once.

#[test]
fn several_problems_are_all_reported_at_once() {
    let json = feedback_with(|v| {
        v["version"] = json!(0);
        v["title"]["da"] = json!(" ");
        v["fields"][0]["options"].as_array_mut().unwrap().pop();
        v["fields"][1]["options"][2]["value"] = json!("yes");
        v["fields"][3]["id"] = json!("heard");
        v["fields"][4]["label"]["da"] = json!("");
        v["fields"][5]["aggregate"] = json!(true);
        v["fields"][5]["max_length"] = json!(0);
    });
    assert_eq!(
        problems(&json),
        [
            "version: must be 1 or more",
            "title.da: must not be empty",
            "fields[0].options: a smiley scale has exactly 5 options, found 4",
            r#"fields[1].options[2].value: duplicate value "yes""#,
            r#"fields[3].id: duplicate id "heard""#,
            "fields[4].label.da: must not be empty",
            "fields[5].aggregate: a comment field can hold personal data (a CPR number, a name, free text, a signature, a date of birth) and can never be aggregated",
            "fields[5].max_length: must be 1 or more",
        ]
    );
}

#[test]
fn problem_paths_are_structured_not_just_text() {
    let json = feedback_with(|v| v["fields"][1]["options"][2]["value"] = json!("yes"));
    let err = Form::from_json(&json).unwrap_err();
    assert_eq!(err[0].path, "fields[1].options[2].value");
    assert_eq!(err[0].message, "duplicate value \"yes\"");
    assert_eq!(Problem::new("", "whole").to_string(), "whole");
}

// ---------------------------------------------------------------------------
// Identifiers and languages.

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn identifiers_are_exactly_1_to_64_ascii_word_characters(s in "[A-Za-z0-9_æø. -]{0,70}") {
        let expected = !s.is_empty()
            && s.chars().count() <= 64
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        prop_assert_eq!(is_identifier(&s), expected);
    }

    #[test]
    fn any_valid_field_id_is_accepted(id in "[A-Za-z0-9_-]{1,64}") {
        prop_assume!(!["overall", "heard", "information", "next", "meeting", "comment"].contains(&id.as_str()));
        let json = feedback_with(|v| v["fields"][2]["id"] = json!(id));
        prop_assert!(Form::from_json(&json).is_ok());
    }
}

#[test]
fn lang_attribute_picks_english_only_for_en() {
    assert_eq!(Lang::from_attr("en"), Lang::En);
    assert_eq!(Lang::from_attr(" EN-us "), Lang::En);
    assert_eq!(Lang::from_attr("da-DK"), Lang::Da);
    assert_eq!(Lang::from_attr("de"), Lang::Da);
    assert_eq!(Lang::En.code(), "en");
    assert_eq!(Lang::Da.code(), "da");
}

#[test]
fn missing_or_empty_english_falls_back_to_danish() {
    let t = lokalform_forms::schema::Text {
        da: "Tak".into(),
        en: Some(String::new()),
    };
    assert_eq!(t.get(Lang::En), "Tak");
    let t = lokalform_forms::schema::Text {
        da: "Tak".into(),
        en: None,
    };
    assert_eq!(t.get(Lang::En), "Tak");
}
