//! Checking answers: every field type's rules with their exact messages
//! (Danish and English), `visible_if` conditions, and what a finished form
//! keeps (`validate::result`).

use lokalform_forms::answers::{Answers, Signature, Value};
use lokalform_forms::schema::{Field, Form, Lang};
use lokalform_forms::validate::{
    check_form, check_step, check_value, result, visibility, Message, Severity,
};
use lokalform_text::date::Date;
use serde_json::{json, Value as Js};

/// The day the tests fill in forms: Sunday 15 March 2026.
fn today() -> Date {
    Date::new(2026, 3, 15).unwrap()
}

/// A one-page form with `fields`.
fn form(fields: Js) -> Form {
    let json = json!({"id": "t", "version": 1, "title": {"da": "T"}, "fields": fields});
    Form::from_json(&json.to_string()).unwrap_or_else(|p| panic!("{p:?}"))
}

/// The single field `def` (id, label and type filled in).
fn field(kind: &str, mut def: Js) -> Field {
    def["id"] = json!("f");
    def["type"] = json!(kind);
    def["label"] = json!({"da": "Spørgsmål", "en": "Question"});
    form(json!([def])).fields.remove(0)
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn list(items: &[&str]) -> Value {
    Value::List(items.iter().map(|s| s.to_string()).collect())
}

/// The finding for `value` on `field` as (severity, Danish text).
fn finding(field: &Field, value: Option<Value>) -> Option<(Severity, String)> {
    check_value(field, value.as_ref(), today()).map(|(s, m)| (s, m.text(Lang::Da)))
}

/// The Danish message of an error, `None` when the answer is fine.
fn error(field: &Field, value: Value) -> Option<String> {
    match finding(field, Some(value)) {
        None => None,
        Some((Severity::Error, m)) => Some(m),
        Some((Severity::Warning, m)) => panic!("a warning, not an error: {m}"),
    }
}

/// The English message of the finding.
fn english(field: &Field, value: Option<Value>) -> String {
    check_value(field, value.as_ref(), today())
        .map(|(_, m)| m.text(Lang::En))
        .expect("a finding")
}

fn ok(field: &Field, values: &[&str]) {
    for v in values {
        assert_eq!(finding(field, Some(text(v))), None, "{v:?} should be fine");
    }
}

// ---------------------------------------------------------------------------
// Required answers and the type's default message.

#[test]
fn a_missing_required_answer_gets_the_types_message() {
    let cases = [
        ("text", json!({}), "Skriv et svar."),
        ("textarea", json!({}), "Skriv et svar."),
        ("number", json!({}), "Skriv et tal."),
        ("scale", json!({}), "Vælg et svar."),
        ("vas", json!({}), "Sæt en markering på linjen."),
        (
            "date",
            json!({}),
            "Skriv en dato som dd.mm.åååå, fx 01.09.2026.",
        ),
        ("cpr", json!({}), "Skriv CPR-nummeret som DDMMÅÅ-XXXX."),
        (
            "email",
            json!({}),
            "Skriv en e-mailadresse, fx navn@eksempel.dk.",
        ),
        ("phone", json!({}), "Skriv et telefonnummer."),
        (
            "consent",
            json!({"consent_version": "1"}),
            "Sæt kryds for at give samtykke.",
        ),
        (
            "signature",
            json!({}),
            "Skriv navnet, eller tegn underskriften.",
        ),
    ];
    for (kind, mut def, message) in cases {
        def["required"] = json!(true);
        let f = field(kind, def);
        assert_eq!(
            finding(&f, None),
            Some((Severity::Error, message.to_string())),
            "{kind}"
        );
        // Blank text is no answer either.
        assert_eq!(
            finding(&f, Some(text("   "))),
            Some((Severity::Error, message.to_string())),
            "{kind}"
        );
    }
}

#[test]
fn optional_fields_may_stay_empty() {
    for kind in ["text", "number", "date", "cpr", "email", "phone", "scale"] {
        let f = field(kind, json!({}));
        assert_eq!(finding(&f, None), None, "{kind}");
        assert_eq!(finding(&f, Some(text(""))), None, "{kind}");
    }
}

#[test]
fn required_message_overrides_the_default_in_both_languages() {
    let f = field(
        "text",
        json!({"required": true,
               "required_message": {"da": "Skriv dit fornavn.", "en": "Enter your first name."}}),
    );
    assert_eq!(error(&f, text("")).as_deref(), Some("Skriv dit fornavn."));
    assert_eq!(english(&f, None), "Enter your first name.");
    // Only for a missing answer: a too long one still says so.
    let f = field(
        "text",
        json!({"required": true, "max_length": 3,
               "required_message": {"da": "Skriv dit fornavn."}}),
    );
    assert_eq!(
        error(&f, text("Hanne")).as_deref(),
        Some("Teksten er for lang. Skriv højst 3 tegn.")
    );
}

#[test]
fn missing_english_falls_back_to_danish() {
    let f = field(
        "text",
        json!({"required": true, "required_message": {"da": "Skriv dit fornavn."}}),
    );
    assert_eq!(english(&f, None), "Skriv dit fornavn.");
}

// ---------------------------------------------------------------------------
// Text.

#[test]
fn text_length_counts_characters_not_bytes() {
    let f = field("text", json!({"max_length": 5}));
    ok(&f, &["æøåæø", "Hanne"]);
    assert_eq!(
        error(&f, text("Hannes")).as_deref(),
        Some("Teksten er for lang. Skriv højst 5 tegn.")
    );
    assert_eq!(
        english(&f, Some(text("Hannes"))),
        "The text is too long. Write at most 5 characters."
    );
    // Surrounding blanks do not count.
    ok(&f, &["  Hanne  "]);
}

#[test]
fn text_and_textarea_have_default_limits() {
    let short = field("text", json!({}));
    ok(&short, &[&"a".repeat(200)]);
    assert_eq!(
        error(&short, text(&"a".repeat(201))).as_deref(),
        Some("Teksten er for lang. Skriv højst 200 tegn.")
    );
    let long = field("textarea", json!({}));
    ok(&long, &[&"a".repeat(2000)]);
    assert_eq!(
        error(&long, text(&"a".repeat(2001))).as_deref(),
        Some("Teksten er for lang. Skriv højst 2000 tegn.")
    );
}

// ---------------------------------------------------------------------------
// Numbers.

#[test]
fn numbers_are_read_as_people_type_them() {
    let f = field("number", json!({}));
    ok(&f, &["12", "2,5", "2.5", " 12 ", "-3", "0", "007"]);
    for bad in [
        "1e3", "12 kr", "12kr", "1,000.5", "1.000,5", ",5", "5,", "- 3", "+3", "tolv", "½", "0x10",
        "inf", "NaN",
    ] {
        assert_eq!(
            error(&f, text(bad)).as_deref(),
            Some("Skriv kun tal, fx 12 eller 2,5."),
            "{bad:?}"
        );
    }
    assert_eq!(
        english(&f, Some(text("1e3"))),
        "Enter digits only, e.g. 12 or 2.5."
    );
}

#[test]
fn number_limits_are_shown_as_the_definition_wrote_them() {
    let f = field("number", json!({"min": 0.5, "max": 40, "step": 0.5}));
    ok(&f, &["0,5", "3,5", "40", "40,0"]);
    assert_eq!(
        error(&f, text("0")).as_deref(),
        Some("Skriv et tal, der er 0,5 eller mere.")
    );
    assert_eq!(
        english(&f, Some(text("0"))),
        "Enter a number that is 0.5 or more."
    );
    assert_eq!(
        error(&f, text("40,5")).as_deref(),
        Some("Skriv et tal, der er 40 eller mindre.")
    );
    assert_eq!(
        english(&f, Some(text("41"))),
        "Enter a number that is 40 or less."
    );
    assert_eq!(
        error(&f, text("1,25")).as_deref(),
        Some("Skriv et tal i spring på 0,5, fx 1 eller 1,5.")
    );
    assert_eq!(
        english(&f, Some(text("1.25"))),
        "Enter a number in steps of 0.5, e.g. 1 or 1.5."
    );
}

#[test]
fn a_step_example_over_the_maximum_is_left_out() {
    let f = field("number", json!({"min": 0, "max": 10, "step": 4}));
    assert_eq!(
        error(&f, text("9")).as_deref(),
        Some("Skriv et tal i spring på 4, fx 8.")
    );
    assert_eq!(
        english(&f, Some(text("5"))),
        "Enter a number in steps of 4, e.g. 4 or 8."
    );
}

#[test]
fn steps_count_from_min_and_tolerate_float_rounding() {
    let from_one = field("number", json!({"min": 1, "step": 2}));
    ok(&from_one, &["1", "3", "5"]);
    assert_eq!(
        error(&from_one, text("4")).as_deref(),
        Some("Skriv et tal i spring på 2, fx 3 eller 5.")
    );
    // Without min, steps count from 0; 0.3 / 0.1 is not exactly 3 in floats.
    let tenths = field("number", json!({"step": 0.1}));
    ok(&tenths, &["0,3", "0,7", "12,9"]);
    assert_eq!(
        error(&tenths, text("0,35")).as_deref(),
        Some("Skriv et tal i spring på 0,1, fx 0,3 eller 0,4.")
    );
}

#[test]
fn negative_limits() {
    let f = field("number", json!({"min": -10, "max": -2}));
    ok(&f, &["-10", "-2", "-5,5"]);
    assert_eq!(
        error(&f, text("-11")).as_deref(),
        Some("Skriv et tal, der er -10 eller mere.")
    );
    assert_eq!(
        error(&f, text("0")).as_deref(),
        Some("Skriv et tal, der er -2 eller mindre.")
    );
}

// ---------------------------------------------------------------------------
// Options.

fn options(values: &[&str]) -> Js {
    Js::Array(
        values
            .iter()
            .map(|v| json!({"value": v, "label": {"da": v}}))
            .collect(),
    )
}

#[test]
fn single_choices_must_be_one_of_the_options() {
    for kind in ["choice", "likert"] {
        let f = field(
            kind,
            json!({"required": true, "options": options(&["ja", "nej"])}),
        );
        ok(&f, &["ja", "nej"]);
        assert_eq!(
            error(&f, text("måske")).as_deref(),
            Some("Vælg en af mulighederne.")
        );
        assert_eq!(
            error(&f, list(&["ja"])).as_deref(),
            Some("Vælg en af mulighederne."),
            "a list is no single choice"
        );
        assert_eq!(error(&f, text("")).as_deref(), Some("Vælg et svar."));
        assert_eq!(english(&f, None), "Choose an answer.");
    }
    let smiley = field(
        "smiley",
        json!({"required": true, "options": options(&["1", "2", "3", "4", "5"])}),
    );
    ok(&smiley, &["1", "5"]);
    assert_eq!(
        error(&smiley, text("6")).as_deref(),
        Some("Vælg en af mulighederne.")
    );
}

#[test]
fn multiple_choice_picks_between_min_and_max() {
    let f = field(
        "multi_choice",
        json!({"min": 2, "max": 3, "options": options(&["a", "b", "c", "d"])}),
    );
    assert_eq!(error(&f, list(&["a", "b"])), None);
    assert_eq!(error(&f, list(&["a", "b", "c"])), None);
    assert_eq!(
        error(&f, list(&["a"])).as_deref(),
        Some("Vælg mindst 2 svar.")
    );
    assert_eq!(
        english(&f, Some(list(&["a"]))),
        "Choose at least 2 answers."
    );
    assert_eq!(
        error(&f, list(&["a", "b", "c", "d"])).as_deref(),
        Some("Vælg højst 3.")
    );
    assert_eq!(
        english(&f, Some(list(&["a", "b", "c", "d"]))),
        "Choose at most 3."
    );
    assert_eq!(
        error(&f, list(&["a", "x"])).as_deref(),
        Some("Vælg en af mulighederne.")
    );
    // The fewest picks apply once something is picked; `required` is what
    // makes a pick needed at all.
    assert_eq!(finding(&f, Some(list(&[]))), None);
    let required = field(
        "multi_choice",
        json!({"required": true, "options": options(&["a", "b"])}),
    );
    assert_eq!(
        error(&required, list(&[])).as_deref(),
        Some("Vælg mindst én mulighed.")
    );
    assert_eq!(english(&required, None), "Choose at least one option.");
}

// ---------------------------------------------------------------------------
// Scales.

#[test]
fn scale_takes_whole_numbers_from_0_to_10() {
    let f = field("scale", json!({}));
    ok(&f, &["0", "5", "10"]);
    for bad in ["11", "-1", "5,5", "5.5", "ti", "100"] {
        assert_eq!(
            error(&f, text(bad)).as_deref(),
            Some("Vælg et tal fra 0 til 10."),
            "{bad:?}"
        );
    }
    assert_eq!(
        english(&f, Some(text("11"))),
        "Choose a number from 0 to 10."
    );
}

#[test]
fn vas_takes_whole_numbers_from_0_to_100() {
    let f = field("vas", json!({"required": true}));
    ok(&f, &["0", "37", "100"]);
    for bad in ["101", "-1", "50,5", "1000"] {
        assert_eq!(
            error(&f, text(bad)).as_deref(),
            Some("Vælg et tal fra 0 til 100."),
            "{bad:?}"
        );
    }
    assert_eq!(english(&f, None), "Mark a point on the line.");
}

// ---------------------------------------------------------------------------
// Dates.

#[test]
fn dates_are_danish_and_must_exist() {
    let f = field("date", json!({}));
    ok(
        &f,
        &[
            "07.03.2026",
            "7.3.2026",
            "07-03-2026",
            "07032026",
            "2026-03-07",
            "29.02.2024",
            "29.02.2000",
        ],
    );
    for no_such in [
        "29.02.2026",
        "29.02.1900",
        "31.04.2026",
        "00.01.2026",
        "01.13.2026",
    ] {
        assert_eq!(
            error(&f, text(no_such)).as_deref(),
            Some("Datoen findes ikke. Tjek dag og måned."),
            "{no_such:?}"
        );
    }
    assert_eq!(
        english(&f, Some(text("29.02.2026"))),
        "That date does not exist. Check the day and month."
    );
    for shape in ["7.3.26", "07.03.26", "marts 2026", "7/3-2026", "2026.03.07"] {
        assert_eq!(
            error(&f, text(shape)).as_deref(),
            Some("Skriv datoen som dd.mm.åååå, fx 01.09.2026."),
            "{shape:?}"
        );
    }
    assert_eq!(
        english(&f, Some(text("7.3.26"))),
        "Enter the date as dd.mm.yyyy, e.g. 01.09.2026."
    );
}

#[test]
fn fixed_date_limits_are_inclusive_and_named() {
    let f = field("date", json!({"min": "2026-01-01", "max": "2026-12-31"}));
    ok(&f, &["01.01.2026", "31.12.2026"]);
    assert_eq!(
        error(&f, text("31.12.2025")).as_deref(),
        Some("Datoen skal være 01.01.2026 eller senere.")
    );
    assert_eq!(
        error(&f, text("01.01.2027")).as_deref(),
        Some("Datoen skal være 31.12.2026 eller tidligere.")
    );
    assert_eq!(
        english(&f, Some(text("01.01.2027"))),
        "The date must be 31.12.2026 or earlier."
    );
}

#[test]
fn today_as_a_limit_moves_with_the_day_of_filling_in() {
    let not_future = field("date", json!({"max": "today"}));
    ok(&not_future, &["15.03.2026", "14.03.2026", "01.01.1950"]);
    assert_eq!(
        error(&not_future, text("16.03.2026")).as_deref(),
        Some("Datoen skal være i dag eller tidligere.")
    );
    assert_eq!(
        english(&not_future, Some(text("16.03.2026"))),
        "The date must be today or earlier."
    );
    let tomorrow = Date::new(2026, 3, 16).unwrap();
    assert_eq!(
        check_value(&not_future, Some(&text("16.03.2026")), tomorrow),
        None
    );
    let not_past = field("date", json!({"min": "today"}));
    assert_eq!(
        error(&not_past, text("14.03.2026")).as_deref(),
        Some("Datoen skal være i dag eller senere.")
    );
    assert_eq!(
        english(&not_past, Some(text("14.03.2026"))),
        "The date must be today or later."
    );
}

// ---------------------------------------------------------------------------
// CPR numbers.

#[test]
fn cpr_shape_and_birth_date_are_errors() {
    let f = field("cpr", json!({}));
    for shape in [
        "12345",
        "070761-428",
        "070761/4285",
        "0707614285x",
        "07076142851",
        "O70761-4285",
    ] {
        assert_eq!(
            error(&f, text(shape)).as_deref(),
            Some("Skriv CPR-nummeret med 10 cifre som DDMMÅÅ-XXXX."),
            "{shape:?}"
        );
    }
    assert_eq!(
        english(&f, Some(text("12345"))),
        "Enter the CPR number with 10 digits as DDMMYY-XXXX."
    );
    // 31 February; and 29.02.1900 (the 7th digit 1 gives 1900, no leap year).
    for no_date in ["310299-1234", "290200-1001", "011399-1234"] {
        assert_eq!(
            error(&f, text(no_date)).as_deref(),
            Some("De første 6 cifre skal være en fødselsdato (DDMMÅÅ). Tjek dag og måned."),
            "{no_date:?}"
        );
    }
    assert_eq!(
        english(&f, Some(text("310299-1234"))),
        "The first 6 digits must be a date of birth (DDMMYY). Check the day and month."
    );
}

#[test]
fn cpr_modulus_11_is_only_a_warning() {
    let f = field("cpr", json!({"required": true}));
    for good in ["070761-4285", "0707614285", "070761 4285", " 070761-4285 "] {
        assert_eq!(finding(&f, Some(text(good))), None, "{good:?}");
    }
    let (severity, message) = check_value(&f, Some(&text("070761-4286")), today()).unwrap();
    assert_eq!(severity, Severity::Warning);
    assert_eq!(message, Message::CprModulus);
    assert_eq!(
        message.text(Lang::Da),
        "Tjek CPR-nummeret. Det består ikke den gamle kontrolberegning, men det gør nogle gyldige numre heller ikke. Er det rigtigt, kan du gå videre."
    );
    // 29.02.2000: the 7th digit 4 gives the year 2000, a leap year.
    assert_eq!(finding(&f, Some(text("290200-4001"))), None);
}

#[test]
fn a_cpr_warning_does_not_block_the_step_but_is_reported() {
    let form =
        form(json!([{"id": "cpr", "type": "cpr", "label": {"da": "CPR"}, "required": true}]));
    let mut answers = Answers::default();
    answers.set("cpr", text("070761-4286"));
    let issues = check_step(&form, 0, &answers, today());
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].path, "cpr");
    assert_eq!(issues[0].severity, Severity::Warning);
    assert!(issues.iter().all(|i| i.severity != Severity::Error));
}

// ---------------------------------------------------------------------------
// E-mail and phone.

#[test]
fn email_addresses() {
    let f = field("email", json!({}));
    ok(
        &f,
        &[
            "ole@aarhus.dk",
            " ole@aarhus.dk ",
            "søren.ørsted@kommune.dk",
            "ole+test@a.b.dk",
        ],
    );
    for bad in [
        "ole",
        "ole@localhost",
        "ole@@aarhus.dk",
        "ole..hansen@aarhus.dk",
        "ole hansen@aarhus.dk",
        "@aarhus.dk",
    ] {
        assert_eq!(
            error(&f, text(bad)).as_deref(),
            Some("Skriv e-mailadressen som navn@eksempel.dk."),
            "{bad:?}"
        );
    }
    assert_eq!(
        english(&f, Some(text("ole"))),
        "Enter the e-mail address as name@example.com."
    );
}

#[test]
fn phone_numbers() {
    let f = field("phone", json!({}));
    ok(
        &f,
        &[
            "12345678",
            "12 34 56 78",
            "+45 12 34 56 78",
            "0045 12345678",
            "+46 70 123 45 67",
        ],
    );
    for bad in [
        "1234567",
        "123456789",
        "+45 1234567",
        "ring 12345678",
        "(+45) 12345678",
        "+0 1234567",
    ] {
        assert_eq!(
            error(&f, text(bad)).as_deref(),
            Some("Skriv telefonnummeret med 8 cifre, fx 12 34 56 78, eller med landekode, fx +46 8 123 456 78."),
            "{bad:?}"
        );
    }
    assert_eq!(
        english(&f, Some(text("1234567"))),
        "Enter the phone number with 8 digits, e.g. 12 34 56 78, or with a country code, e.g. +46 8 123 456 78."
    );
}

// ---------------------------------------------------------------------------
// Consent and signature.

#[test]
fn consent_keeps_its_version_and_a_changed_text_asks_again() {
    let f = field(
        "consent",
        json!({"consent_version": "2026-1", "required": true}),
    );
    assert_eq!(error(&f, text("2026-1")), None);
    assert_eq!(
        error(&f, text("2025-3")).as_deref(),
        Some("Samtykketeksten er ændret. Læs den, og sæt kryds igen.")
    );
    assert_eq!(
        english(&f, Some(text("2025-3"))),
        "The consent text has changed. Read it and tick the box again."
    );
    assert_eq!(
        error(&f, text("true")).as_deref(),
        Some("Samtykketeksten er ændret. Læs den, og sæt kryds igen."),
        "a bare tick without the version is not consent to this text"
    );
    assert_eq!(english(&f, None), "Tick the box to give your consent.");
    let optional = field("consent", json!({"consent_version": "2026-1"}));
    assert_eq!(finding(&optional, None), None);
}

fn signature(name: &str, drawing: &str) -> Value {
    Value::Signature(Signature {
        name: name.to_string(),
        drawing: drawing.to_string(),
    })
}

#[test]
fn a_signature_is_a_typed_name_or_a_drawing() {
    let f = field("signature", json!({"required": true}));
    assert_eq!(error(&f, signature("Hanne Jensen", "")), None);
    assert_eq!(error(&f, signature("", "M10 50L12 51L20 40")), None);
    assert_eq!(error(&f, signature("Hanne Jensen", "M10 50L12 51")), None);
    assert_eq!(
        error(&f, signature("  ", "")).as_deref(),
        Some("Skriv navnet, eller tegn underskriften.")
    );
    assert_eq!(
        english(&f, Some(signature("", ""))),
        "Type the name, or draw the signature."
    );
    assert_eq!(
        error(&f, signature(&"å".repeat(201), "")).as_deref(),
        Some("Teksten er for lang. Skriv højst 200 tegn.")
    );
}

// ---------------------------------------------------------------------------
// Headings and info blocks.

#[test]
fn headings_and_info_blocks_take_no_answer() {
    let form = form(json!([
        {"id": "h", "type": "heading", "label": {"da": "Om dig"}},
        {"id": "i", "type": "info", "label": {"da": "Tag dig god tid."}},
        {"id": "name", "type": "text", "label": {"da": "Navn"}}
    ]));
    let mut answers = Answers::default();
    answers.set("h", text("something"));
    answers.set("name", text("Hanne"));
    assert!(check_step(&form, 0, &answers, today()).is_empty());
    let kept = result(&form, &answers);
    assert_eq!(kept.to_json(), r#"{"name":"Hanne"}"#);
}

// ---------------------------------------------------------------------------
// Repeatable groups.

fn goals_form(extra: Js) -> Form {
    let mut group = json!({
        "id": "goals", "type": "group", "label": {"da": "Mål"},
        "fields": [
            {"id": "text", "type": "text", "label": {"da": "Mål"}, "required": true, "max_length": 20},
            {"id": "by", "type": "date", "label": {"da": "Hvornår?"}}
        ]
    });
    for (k, v) in extra.as_object().unwrap() {
        group[k] = v.clone();
    }
    form(json!([group]))
}

fn item(pairs: &[(&str, &str)]) -> Answers {
    let mut a = Answers::default();
    for (k, v) in pairs {
        a.set(k, text(v));
    }
    a
}

fn with_goals(items: Vec<Answers>) -> Answers {
    let mut a = Answers::default();
    a.set("goals", Value::Items(items));
    a
}

/// Each issue as `path: Danish message`.
fn issues(form: &Form, answers: &Answers) -> Vec<String> {
    check_form(form, answers, today())
        .iter()
        .map(|i| format!("{}: {}", i.path, i.message.text(Lang::Da)))
        .collect()
}

#[test]
fn group_item_counts() {
    let form = goals_form(json!({"min": 1, "max": 2}));
    let one = item(&[("text", "Gå en tur")]);
    assert!(issues(&form, &with_goals(vec![one.clone()])).is_empty());
    assert_eq!(
        issues(&form, &with_goals(vec![])),
        ["goals: Tilføj mindst én."],
        "min applies without required"
    );
    assert_eq!(
        issues(&form, &Answers::default()),
        ["goals: Tilføj mindst én."]
    );
    assert_eq!(
        issues(&form, &with_goals(vec![one.clone(), one.clone(), one])),
        ["goals: Der kan højst være 2. Fjern én."]
    );
    let f = &form.fields[0];
    assert_eq!(
        english(f, Some(with_goals(vec![]).get("goals").unwrap().clone())),
        "Add at least one."
    );
}

#[test]
fn a_required_group_needs_one_item_and_may_say_so_itself() {
    let form = goals_form(json!({"required": true}));
    assert_eq!(
        issues(&form, &Answers::default()),
        ["goals: Tilføj mindst én."]
    );
    let form = goals_form(json!({"required": true,
        "required_message": {"da": "Skriv mindst ét mål.", "en": "Write at least one goal."}}));
    assert_eq!(
        issues(&form, &Answers::default()),
        ["goals: Skriv mindst ét mål."]
    );
    let optional = goals_form(json!({}));
    assert!(issues(&optional, &Answers::default()).is_empty());
}

#[test]
fn group_members_are_checked_per_item_with_numbered_paths() {
    let form = goals_form(json!({}));
    let answers = with_goals(vec![
        item(&[("text", "Gå en tur"), ("by", "01.06.2026")]),
        item(&[("by", "31.06.2026")]),
        item(&[("text", "Komme ud og møde nye mennesker")]),
    ]);
    assert_eq!(
        issues(&form, &answers),
        [
            "goals.1.text: Skriv et svar.",
            "goals.1.by: Datoen findes ikke. Tjek dag og måned.",
            "goals.2.text: Teksten er for lang. Skriv højst 20 tegn.",
        ]
    );
    let first = &check_form(&form, &answers, today())[0];
    assert_eq!(first.path, "goals.1.text");
    assert_eq!(first.severity, Severity::Error);
    assert_eq!(first.message.text(Lang::En), "Write an answer.");
}

// ---------------------------------------------------------------------------
// Conditions.

fn role_form() -> Form {
    form(json!([
        {"id": "role", "type": "choice", "label": {"da": "Rolle"},
         "options": [{"value": "peer", "label": {"da": "Peer"}},
                     {"value": "mentor", "label": {"da": "Mentor"}},
                     {"value": "staff", "label": {"da": "Medarbejder"}}]},
        {"id": "heard", "type": "multi_choice", "label": {"da": "Hørt om"},
         "options": [{"value": "press", "label": {"da": "Presse"}},
                     {"value": "friends", "label": {"da": "Venner"}},
                     {"value": "other", "label": {"da": "Andet"}}]},
        {"id": "phone", "type": "phone", "label": {"da": "Telefon"}},
        {"id": "support", "type": "text", "label": {"da": "Støtte"},
         "visible_if": {"field": "role", "equals": "peer"}},
        {"id": "heard_other", "type": "text", "label": {"da": "Hvor ellers?"}, "required": true,
         "visible_if": {"field": "heard", "equals": "other"}},
        {"id": "volunteer", "type": "text", "label": {"da": "Frivillig"},
         "visible_if": {"field": "role", "any_of": ["mentor", "staff"]}},
        {"id": "sms", "type": "choice", "label": {"da": "Sms?"},
         "options": [{"value": "ja", "label": {"da": "Ja"}}, {"value": "nej", "label": {"da": "Nej"}}],
         "visible_if": {"field": "phone", "answered": true}},
        {"id": "how_else", "type": "text", "label": {"da": "Hvordan ellers?"},
         "visible_if": {"field": "phone", "answered": false}},
        {"id": "peer_without_phone", "type": "info", "label": {"da": "Vi ringer til kontaktpersonen."},
         "visible_if": {"all": [{"field": "role", "equals": "peer"}, {"field": "phone", "answered": false}]}},
        {"id": "press_or_mentor", "type": "text", "label": {"da": "Fortæl"},
         "visible_if": {"any": [{"field": "heard", "equals": "press"}, {"field": "role", "equals": "mentor"}]}}
    ]))
}

/// The ids of the shown fields.
fn shown(form: &Form, answers: &Answers) -> Vec<String> {
    visibility(&form.fields, answers, None)
        .iter()
        .zip(&form.fields)
        .filter(|(s, _)| **s)
        .map(|(_, f)| f.id.clone())
        .collect()
}

#[test]
fn equals_any_of_and_answered() {
    let form = role_form();
    let mut a = Answers::default();
    assert_eq!(
        shown(&form, &a),
        ["role", "heard", "phone", "how_else"],
        "nothing answered: only unconditional fields and `answered: false`"
    );
    a.set("role", text("peer"));
    a.set("phone", text("12345678"));
    assert_eq!(
        shown(&form, &a),
        ["role", "heard", "phone", "support", "sms"]
    );
    a.set("role", text("staff"));
    a.set("phone", text("   "));
    assert_eq!(
        shown(&form, &a),
        ["role", "heard", "phone", "volunteer", "how_else"],
        "blank text is not an answer"
    );
}

#[test]
fn equals_on_multiple_choice_means_among_the_picks() {
    let form = role_form();
    let mut a = Answers::default();
    a.set("heard", list(&["friends", "other"]));
    assert!(shown(&form, &a).contains(&"heard_other".to_string()));
    a.set("heard", list(&["friends"]));
    assert!(!shown(&form, &a).contains(&"heard_other".to_string()));
    a.set("heard", list(&[]));
    assert!(!shown(&form, &a).contains(&"heard_other".to_string()));
}

#[test]
fn all_and_any() {
    let form = role_form();
    let mut a = Answers::default();
    a.set("role", text("peer"));
    assert!(shown(&form, &a).contains(&"peer_without_phone".to_string()));
    a.set("phone", text("12345678"));
    assert!(!shown(&form, &a).contains(&"peer_without_phone".to_string()));

    let mut b = Answers::default();
    assert!(!shown(&form, &b).contains(&"press_or_mentor".to_string()));
    b.set("heard", list(&["press"]));
    assert!(shown(&form, &b).contains(&"press_or_mentor".to_string()));
    b.set("heard", list(&[]));
    b.set("role", text("mentor"));
    assert!(shown(&form, &b).contains(&"press_or_mentor".to_string()));
}

#[test]
fn a_hidden_required_field_is_not_checked() {
    let form = role_form();
    let mut a = Answers::default();
    a.set("heard", list(&["press"]));
    assert!(issues(&form, &a).is_empty());
    a.set("heard", list(&["press", "other"]));
    assert_eq!(issues(&form, &a), ["heard_other: Skriv et svar."]);
}

#[test]
fn hiding_a_field_also_hides_what_depends_on_it() {
    let form = form(json!([
        {"id": "a", "type": "choice", "label": {"da": "A"},
         "options": [{"value": "x", "label": {"da": "X"}}, {"value": "y", "label": {"da": "Y"}}]},
        {"id": "b", "type": "text", "label": {"da": "B"}, "visible_if": {"field": "a", "equals": "x"}},
        {"id": "c", "type": "text", "label": {"da": "C"}, "required": true,
         "visible_if": {"field": "b", "answered": true}},
        {"id": "d", "type": "text", "label": {"da": "D"}, "visible_if": {"field": "b", "answered": false}}
    ]));
    let mut a = Answers::default();
    a.set("a", text("x"));
    a.set("b", text("kept while typing"));
    assert_eq!(shown(&form, &a), ["a", "b", "c"]);
    // Changing `a` hides `b`; b's answer is still kept (never lost), but it
    // no longer counts, so `c` hides too and `answered: false` holds.
    a.set("a", text("y"));
    assert_eq!(shown(&form, &a), ["a", "d"]);
    assert!(issues(&form, &a).is_empty(), "hidden `c` is not required");
    assert_eq!(a.text("b"), "kept while typing");
    assert_eq!(result(&form, &a).to_json(), r#"{"a":"y"}"#);
}

#[test]
fn conditions_inside_group_items_see_siblings_and_top_level_fields() {
    let form = form(json!([
        {"id": "role", "type": "choice", "label": {"da": "Rolle"},
         "options": [{"value": "peer", "label": {"da": "Peer"}}, {"value": "mentor", "label": {"da": "Mentor"}}]},
        {"id": "contacts", "type": "group", "label": {"da": "Kontaktpersoner"}, "fields": [
            {"id": "name", "type": "text", "label": {"da": "Navn"}, "required": true},
            {"id": "may_call", "type": "choice", "label": {"da": "Må vi ringe?"},
             "options": [{"value": "yes", "label": {"da": "Ja"}}, {"value": "no", "label": {"da": "Nej"}}]},
            {"id": "phone", "type": "phone", "label": {"da": "Telefon"}, "required": true,
             "visible_if": {"field": "may_call", "equals": "yes"}},
            {"id": "residence", "type": "text", "label": {"da": "Botilbud"}, "required": true,
             "visible_if": {"field": "role", "equals": "peer"}}
        ]}
    ]));
    let group = &form.fields[1];
    let mut a = Answers::default();
    a.set("role", text("mentor"));
    let calls = item(&[("name", "Lis"), ("may_call", "yes")]);
    let no_calls = item(&[("name", "Bo"), ("may_call", "no"), ("phone", "1")]);
    a.set(
        "contacts",
        Value::Items(vec![calls.clone(), no_calls.clone()]),
    );
    let outer = visibility(&form.fields, &a, None);
    assert_eq!(
        visibility(&group.fields, &calls, Some((&form.fields, &a, &outer))),
        [true, true, true, false]
    );
    assert_eq!(
        visibility(&group.fields, &no_calls, Some((&form.fields, &a, &outer))),
        [true, true, false, false]
    );
    assert_eq!(
        issues(&form, &a),
        ["contacts.0.phone: Skriv et telefonnummer."],
        "item 1's bad phone is hidden and not checked"
    );
    a.set("role", text("peer"));
    assert_eq!(
        issues(&form, &a),
        [
            "contacts.0.phone: Skriv et telefonnummer.",
            "contacts.0.residence: Skriv et svar.",
            "contacts.1.residence: Skriv et svar.",
        ]
    );
    // The result keeps only the shown members of each item.
    a.set("role", text("mentor"));
    assert_eq!(
        result(&form, &a).to_json(),
        r#"{"role":"mentor","contacts":[{"name":"Lis","may_call":"yes"},{"name":"Bo","may_call":"no"}]}"#
    );
}

#[test]
fn a_top_level_field_hidden_does_not_count_inside_groups() {
    let form = form(json!([
        {"id": "peer", "type": "choice", "label": {"da": "Peer?"},
         "options": [{"value": "ja", "label": {"da": "Ja"}}, {"value": "nej", "label": {"da": "Nej"}}]},
        {"id": "home", "type": "choice", "label": {"da": "Botilbud?"},
         "visible_if": {"field": "peer", "equals": "ja"},
         "options": [{"value": "ja", "label": {"da": "Ja"}}, {"value": "nej", "label": {"da": "Nej"}}]},
        {"id": "g", "type": "group", "label": {"da": "G"}, "fields": [
            {"id": "where", "type": "text", "label": {"da": "Hvor?"},
             "visible_if": {"field": "home", "equals": "ja"}}
        ]}
    ]));
    let mut a = Answers::default();
    a.set("peer", text("nej"));
    a.set("home", text("ja"));
    let it = item(&[("where", "Bakkehuset")]);
    a.set("g", Value::Items(vec![it.clone()]));
    let outer = visibility(&form.fields, &a, None);
    assert_eq!(outer, [true, false, true]);
    assert_eq!(
        visibility(
            &form.fields[2].fields,
            &it,
            Some((&form.fields, &a, &outer))
        ),
        [false]
    );
    assert_eq!(result(&form, &a).to_json(), r#"{"peer":"nej","g":[{}]}"#);
}

// ---------------------------------------------------------------------------
// The result.

#[test]
fn the_result_drops_hidden_answers_headings_blanks_and_unknown_ids() {
    let form = role_form();
    let mut a = Answers::default();
    a.set("role", text("staff"));
    a.set("support", text("§ 85"));
    a.set("heard", list(&["friends"]));
    a.set("heard_other", text("stale, hidden"));
    a.set("phone", text("  "));
    a.set("how_else", text("Via kontaktpersonen"));
    a.set("volunteer", text(""));
    a.set("peer_without_phone", text("an info block's answer"));
    a.set("not_in_the_form", text("x"));
    assert_eq!(
        result(&form, &a).to_json(),
        r#"{"role":"staff","heard":["friends"],"how_else":"Via kontaktpersonen"}"#
    );
}

#[test]
fn the_result_keeps_the_forms_order_and_values_as_typed() {
    let form = form(json!([
        {"id": "n", "type": "number", "label": {"da": "Tal"}},
        {"id": "d", "type": "date", "label": {"da": "Dato"}},
        {"id": "s", "type": "signature", "label": {"da": "Underskrift"}}
    ]));
    let mut a = Answers::default();
    a.set("s", signature("Hanne", ""));
    a.set("d", text("7.3.2026"));
    a.set("n", text("2,5"));
    assert_eq!(
        result(&form, &a).to_json(),
        r#"{"n":"2,5","d":"7.3.2026","s":{"name":"Hanne","drawing":""}}"#
    );
}

#[test]
fn check_step_covers_only_its_own_step() {
    let json = json!({"id": "t", "version": 1, "title": {"da": "T"}, "steps": [
        {"title": {"da": "Et"}, "fields": [{"id": "a", "type": "text", "label": {"da": "A"}, "required": true}]},
        {"title": {"da": "To"}, "fields": [{"id": "b", "type": "email", "label": {"da": "B"}}]}
    ]});
    let form = Form::from_json(&json.to_string()).unwrap();
    let mut a = Answers::default();
    a.set("b", text("ikke en adresse"));
    let paths = |issues: Vec<lokalform_forms::validate::Issue>| {
        issues.into_iter().map(|i| i.path).collect::<Vec<_>>()
    };
    assert_eq!(paths(check_step(&form, 0, &a, today())), ["a"]);
    assert_eq!(paths(check_step(&form, 1, &a, today())), ["b"]);
    assert_eq!(
        paths(check_step(&form, 2, &a, today())),
        Vec::<String>::new()
    );
    assert_eq!(paths(check_form(&form, &a, today())), ["a", "b"]);
}
