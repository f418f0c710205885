//! The definitions shipped in `forms/`: each loads with the form engine's
//! decoder, is written in Danish and English throughout, counts only what
//! cannot identify anyone, and the committed JSON Schema is the generated
//! one. The recruitment forms follow the Vejle manual (contact details,
//! motivation, hopes, match wishes, how they heard, availability, the
//! agreed expectations, consent); so do the three-way contract (names,
//! goals, contact, cancellations, meetings, start, duration, coffee card,
//! three signatures) and the exit conversation (goals followed up, what the
//! relationship meant, what next, the after-measurement's note).

use lokalform_forms::answers::{Answers, Value};
use lokalform_forms::schema::{Field, FieldKind, Form, Lang, Text};
use lokalform_forms::validate::{check_form, result};
use lokalform_text::date::Date;
use std::path::{Path, PathBuf};

fn forms_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms")
}

/// Every shipped definition: `forms/*.json` except `*.schema.json`.
fn shipped() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(forms_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            name.ends_with(".json") && !name.ends_with(".schema.json")
        })
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

fn load(name: &str) -> Form {
    let text = std::fs::read_to_string(forms_dir().join(name)).unwrap();
    Form::from_json(&text).unwrap_or_else(|p| panic!("{name}: {p:?}"))
}

/// Every field, group members included.
fn all_fields(form: &Form) -> Vec<&Field> {
    let mut out = Vec::new();
    for f in &form.fields {
        out.push(f);
        out.extend(f.fields.iter());
    }
    out
}

/// Every text of a form with where it is.
fn texts(form: &Form) -> Vec<(String, &Text)> {
    let mut out = vec![("title".to_string(), &form.title)];
    out.extend(form.intro.iter().map(|t| ("intro".to_string(), t)));
    out.extend(form.thanks.iter().map(|t| ("thanks".to_string(), t)));
    for (s, step) in form.steps.iter().enumerate() {
        out.extend(step.title.iter().map(|t| (format!("steps[{s}].title"), t)));
        out.extend(step.intro.iter().map(|t| (format!("steps[{s}].intro"), t)));
    }
    for f in all_fields(form) {
        out.push((format!("{}.label", f.id), &f.label));
        for (name, t) in [
            ("help", &f.help),
            ("unit", &f.unit),
            ("min_label", &f.min_label),
            ("max_label", &f.max_label),
            ("required_message", &f.required_message),
            ("crisis_line", &f.crisis_line),
            ("item_label", &f.item_label),
            ("add_label", &f.add_label),
        ] {
            out.extend(t.iter().map(|t| (format!("{}.{name}", f.id), t)));
        }
        for o in &f.options {
            out.push((format!("{}.{}", f.id, o.value), &o.label));
        }
    }
    out
}

#[test]
fn every_shipped_definition_loads_with_the_form_engine() {
    let names: Vec<String> = shipped().into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "contract.json",
            "exit.json",
            "feedback-respekt.json",
            "feedback.json",
            "measurement.json",
            "participant.json",
            "recruitment-mentor.json",
            "recruitment-peer.json"
        ]
    );
    let mut ids = Vec::new();
    for (name, text) in shipped() {
        let form = Form::from_json(&text).unwrap_or_else(|p| panic!("{name}: {p:?}"));
        assert_eq!(format!("{}.json", form.id), name, "file named after its id");
        ids.push(form.id);
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), names.len(), "every id once");
}

#[test]
fn every_shipped_text_is_in_danish_and_english() {
    for (name, text) in shipped() {
        let form = Form::from_json(&text).unwrap();
        assert_eq!(form.languages, [Lang::Da, Lang::En], "{name}");
        for (path, t) in texts(&form) {
            assert!(!t.da.trim().is_empty(), "{name}: {path}");
            let en = t.en.as_deref().unwrap_or("");
            assert!(!en.trim().is_empty(), "{name}: {path} has no English");
            if t.da.len() > 12 {
                assert_ne!(t.da, en, "{name}: {path} is not translated");
            }
        }
    }
}

#[test]
fn aggregates_are_only_option_and_number_types() {
    for (name, text) in shipped() {
        let form = Form::from_json(&text).unwrap();
        for f in all_fields(&form).into_iter().filter(|f| f.aggregate) {
            assert!(f.kind.may_aggregate(), "{name}: {}", f.id);
            assert!(!f.kind.may_hold_personal_data(), "{name}: {}", f.id);
        }
        for f in all_fields(&form) {
            if f.kind.may_hold_personal_data() {
                assert!(!f.aggregate, "{name}: {}", f.id);
            }
        }
    }
}

#[test]
fn the_feedback_box_still_reads_its_definition() {
    let text = std::fs::read_to_string(forms_dir().join("feedback.json")).unwrap();
    let form = Form::from_json_for_feedback(&text).unwrap();
    assert_eq!(form.id, "feedback");
    assert_eq!(form.languages, [Lang::Da, Lang::En]);
    assert_eq!(form.steps.len(), 1);
    // The recruitment forms are for <lokal-form>, not the feedback box.
    let mentor = std::fs::read_to_string(forms_dir().join("recruitment-mentor.json")).unwrap();
    assert!(Form::from_json_for_feedback(&mentor).is_err());
    // So are the contract and the exit conversation.
    for name in ["contract.json", "exit.json"] {
        let text = std::fs::read_to_string(forms_dir().join(name)).unwrap();
        assert!(Form::from_json_for_feedback(&text).is_err(), "{name}");
    }
}

#[test]
fn the_committed_json_schema_is_the_generated_one() {
    let committed = std::fs::read_to_string(forms_dir().join("form.schema.json")).unwrap();
    let file: serde_json::Value = serde_json::from_str(&committed).unwrap();
    let generated: serde_json::Value =
        serde_json::from_str(&lokalform_forms::schema::json_schema().to_string()).unwrap();
    assert_eq!(
        file, generated,
        "forms/form.schema.json is stale: run `cargo xtask json-schema`"
    );
    // The schema is not a definition (and the decoder says so).
    assert!(Form::from_json(&committed).is_err());
}

// ---------------------------------------------------------------------------
// The recruitment forms.

const RECRUITMENT: [&str; 2] = ["recruitment-mentor.json", "recruitment-peer.json"];

#[test]
fn recruitment_forms_hold_personal_data_over_titled_steps() {
    for name in RECRUITMENT {
        let form = load(name);
        assert!(form.holds_personal_data(), "{name}");
        assert!(form.stepped, "{name}");
        assert!((4..=6).contains(&form.steps.len()), "{name}");
        for (s, step) in form.steps.iter().enumerate() {
            assert!(step.title.is_some(), "{name}: step {s}");
            assert!(s == 0 || step.start > 0);
        }
        let kinds: Vec<FieldKind> = all_fields(&form).iter().map(|f| f.kind).collect();
        for kind in [
            FieldKind::Text,
            FieldKind::Textarea,
            FieldKind::Cpr,
            FieldKind::Phone,
            FieldKind::Email,
            FieldKind::MultiChoice,
            FieldKind::Choice,
            FieldKind::Likert,
            FieldKind::Info,
            FieldKind::Consent,
            FieldKind::Group,
        ] {
            assert!(kinds.contains(&kind), "{name} has no {kind:?} field");
        }
    }
}

#[test]
fn contact_details_ask_only_the_name_and_keep_the_cpr_number_optional() {
    for name in RECRUITMENT {
        let form = load(name);
        let name_field = form.field("name").unwrap();
        assert!(name_field.required);
        assert_eq!(name_field.autocomplete.as_deref(), Some("name"));
        let cpr = form.field("cpr").unwrap();
        assert_eq!(cpr.kind, FieldKind::Cpr);
        assert!(!cpr.required && !cpr.aggregate);
        assert!(cpr.help.as_ref().unwrap().da.contains("denne enhed"));
        assert!(cpr
            .help
            .as_ref()
            .unwrap()
            .get(Lang::En)
            .contains("this device"));
        assert_eq!(
            form.field("phone").unwrap().autocomplete.as_deref(),
            Some("tel")
        );
        assert_eq!(
            form.field("email").unwrap().autocomplete.as_deref(),
            Some("email")
        );
        // No date of birth: the CPR number holds it.
        assert!(all_fields(&form).iter().all(|f| f.kind != FieldKind::Date));
        // Required answers are few: the name, the decision, consent to store.
        let required: Vec<&str> = form
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.id.as_str())
            .collect();
        assert_eq!(required, ["name", "decision", "consent_data"], "{name}");
    }
}

#[test]
fn how_they_heard_has_the_manuals_channels_and_is_counted() {
    for name in RECRUITMENT {
        let form = load(name);
        let heard = form.field("heard_from").unwrap();
        assert_eq!(heard.kind, FieldKind::MultiChoice);
        assert!(heard.aggregate);
        for channel in [
            "press",
            "info_meeting",
            "contact_person",
            "friends",
            "intranet",
            "school",
            "social_media",
            "other",
        ] {
            assert!(heard.option(channel).is_some(), "{name}: {channel}");
        }
        let other = form.field("heard_from_other").unwrap();
        assert_eq!(other.kind, FieldKind::Text);
        assert!(!other.aggregate);
        assert!(other.visible_if.is_some());
    }
}

#[test]
fn only_what_an_evaluator_counts_is_aggregated() {
    for name in RECRUITMENT {
        let form = load(name);
        let counted: Vec<&str> = all_fields(&form)
            .into_iter()
            .filter(|f| f.aggregate)
            .map(|f| f.id.as_str())
            .collect();
        assert_eq!(
            counted,
            ["heard_from", "wish_gender", "wish_age", "interests"],
            "{name}"
        );
    }
}

#[test]
fn match_wishes_include_no_preference() {
    for name in RECRUITMENT {
        let form = load(name);
        for id in ["wish_gender", "wish_age"] {
            let f = form.field(id).unwrap();
            assert_eq!(f.kind, FieldKind::Choice);
            assert!(f.option("no_preference").is_some(), "{name}: {id}");
        }
        assert!(form.field("interests").unwrap().option("other").is_some());
    }
}

#[test]
fn expectations_follow_the_manual() {
    let mentor = load("recruitment-mentor.json");
    let info = &mentor.field("expectations").unwrap().label;
    for part in [
        "hver uge eller hver 14. dag i 6–9 måneder",
        "undervisning en hel dag om måneden i seks måneder",
        "gruppesparring en gang om måneden",
        "både din peer og projektlederen",
    ] {
        assert!(info.da.contains(part), "mentor: {part}");
    }
    assert!(info.get(Lang::En).contains("once a month for six months"));
    for id in ["fits_meetings", "fits_training", "fits_supervision"] {
        assert_eq!(mentor.field(id).unwrap().kind, FieldKind::Likert);
    }
    let peer = load("recruitment-peer.json");
    let info = &peer.field("expectations").unwrap().label;
    assert!(info
        .da
        .contains("hver uge eller hver 14. dag i 6–9 måneder"));
    assert!(!info.da.contains("undervisning"), "peers are not trained");
    assert!(peer.field("fits_training").is_none());
    for form in [&mentor, &peer] {
        assert!(form.field("evaluation_info").is_some());
        assert!(form.field("decision").unwrap().required);
    }
}

#[test]
fn peers_are_asked_about_their_support_respectfully_and_optionally() {
    let peer = load("recruitment-peer.json");
    let support = peer.field("support").unwrap();
    assert_eq!(support.kind, FieldKind::Choice);
    assert!(!support.required && !support.aggregate);
    let values: Vec<&str> = support.options.iter().map(|o| o.value.as_str()).collect();
    assert_eq!(values, ["home_support", "residential", "other", "none"]);
    assert!(support
        .option("home_support")
        .unwrap()
        .label
        .da
        .contains("§ 85"));
    assert!(support.help.as_ref().unwrap().da.contains("behøver ikke"));
    assert!(load("recruitment-mentor.json").field("support").is_none());
}

#[test]
fn consent_to_store_is_required_and_to_evaluate_is_optional() {
    for name in RECRUITMENT {
        let form = load(name);
        let store = form.field("consent_data").unwrap();
        assert_eq!(store.kind, FieldKind::Consent);
        assert!(store.required);
        assert!(store.consent_version.is_some());
        let evaluation = form.field("consent_evaluation").unwrap();
        assert_eq!(evaluation.kind, FieldKind::Consent);
        assert!(!evaluation.required);
        assert!(evaluation.consent_version.is_some());
        // Both on the last step.
        let last = form.steps.len() - 1;
        let ids: Vec<&str> = form
            .step_fields(last)
            .iter()
            .map(|f| f.id.as_str())
            .collect();
        assert_eq!(ids, ["consent_data", "consent_evaluation"], "{name}");
    }
}

#[test]
fn the_goals_group_is_a_repeatable_list() {
    for name in RECRUITMENT {
        let form = load(name);
        let goals = form.field("goals").unwrap();
        assert_eq!(goals.kind, FieldKind::Group);
        assert!(goals.item_label.as_ref().unwrap().da.contains("{n}"));
        assert!(goals
            .item_label
            .as_ref()
            .unwrap()
            .get(Lang::En)
            .contains("{n}"));
        assert!(goals.add_label.is_some());
        assert!(goals.member("text").unwrap().required);
    }
}

// ---------------------------------------------------------------------------
// Filling in the peer form, as a worker would.

fn t(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn item(pairs: &[(&str, &str)]) -> Answers {
    let mut a = Answers::default();
    for (k, v) in pairs {
        a.set(k, t(v));
    }
    a
}

#[test]
fn a_filled_in_peer_form_passes_and_keeps_only_what_is_shown() {
    let form = load("recruitment-peer.json");
    let today = Date::new(2026, 3, 15).unwrap();
    let mut a = Answers::default();
    a.set("name", t("Hanne Jensen"));
    a.set("cpr", t("070761-4285"));
    a.set("phone", t("12 34 56 78"));
    a.set("contact_preference", t("sms"));
    a.set(
        "contact_other",
        t("left over from before the phone was typed"),
    );
    a.set(
        "contacts",
        Value::Items(vec![
            item(&[
                ("name", "Lis"),
                ("may_contact", "yes"),
                ("phone", "87 65 43 21"),
            ]),
            item(&[
                ("name", "Bo"),
                ("may_contact", "no"),
                ("phone", "not asked"),
            ]),
        ]),
    );
    a.set("support", t("home_support"));
    a.set("support_other", t("hidden: support is not 'other'"));
    a.set(
        "heard_from",
        Value::List(vec!["contact_person".into(), "friends".into()]),
    );
    a.set("motivation", t("Jeg vil gerne ud og møde nogen."));
    a.set(
        "goals",
        Value::Items(vec![item(&[
            ("area", "getting_out"),
            ("text", "Gå en tur hver uge"),
        ])]),
    );
    a.set("wish_gender", t("no_preference"));
    a.set("wish_age", t("30-44"));
    a.set(
        "interests",
        Value::List(vec!["cafe".into(), "walks".into()]),
    );
    a.set("days", Value::List(vec!["tue".into(), "thu".into()]));
    a.set("fits_meetings", t("well"));
    a.set("decision", t("yes"));
    a.set("consent_data", t("2026-2"));

    let issues = check_form(&form, &a, today);
    assert!(issues.is_empty(), "{issues:?}");

    let kept = result(&form, &a);
    assert!(kept.get("contact_other").is_none());
    assert!(kept.get("support_other").is_none());
    assert!(kept.get("heard_from_other").is_none());
    assert!(kept.get("fits_note").is_none());
    let contacts = kept.get("contacts").unwrap().items();
    assert_eq!(contacts[0].text("phone"), "87 65 43 21");
    assert!(contacts[1].get("phone").is_none(), "hidden member dropped");
    assert_eq!(kept.text("consent_data"), "2026-2");
}

#[test]
fn the_peer_form_asks_for_what_is_missing() {
    let form = load("recruitment-peer.json");
    let today = Date::new(2026, 3, 15).unwrap();
    let mut a = Answers::default();
    a.set("heard_from", Value::List(vec!["other".into()]));
    a.set("consent_data", t("2025-1"));
    a.set("goals", Value::Items(vec![item(&[("area", "network")])]));
    a.set("fits_meetings", t("hard"));
    let lines: Vec<String> = check_form(&form, &a, today)
        .iter()
        .map(|i| format!("{}: {}", i.path, i.message.text(Lang::Da)))
        .collect();
    assert_eq!(
        lines,
        [
            "name: Skriv dit navn.",
            "goals.0.text: Skriv ønsket, eller fjern det.",
            "decision: Vælg et svar.",
            "consent_data: Samtykketeksten er ændret. Læs den, og sæt kryds igen.",
        ]
    );
    let english: Vec<String> = check_form(&form, &a, today)
        .iter()
        .map(|i| i.message.text(Lang::En))
        .collect();
    assert_eq!(english[0], "Enter your name.");
    // "Other" was picked and "hard" chosen: their follow-ups are shown.
    let shown = lokalform_forms::validate::visibility(&form.fields, &a, None);
    let visible = |id: &str| shown[form.fields.iter().position(|f| f.id == id).unwrap()];
    assert!(visible("heard_from_other"));
    assert!(visible("fits_note"));
    assert!(visible("contact_other"), "no phone and no e-mail given");
    assert!(!visible("contact_preference"));
}

// ---------------------------------------------------------------------------
// The contract and the exit conversation.

/// The ids of the fields on every step, step by step.
fn step_ids(form: &Form) -> Vec<Vec<&str>> {
    (0..form.steps.len())
        .map(|s| form.step_fields(s).iter().map(|f| f.id.as_str()).collect())
        .collect()
}

fn values(field: &Field) -> Vec<&str> {
    field.options.iter().map(|o| o.value.as_str()).collect()
}

#[test]
fn contract_and_exit_hold_personal_data_over_titled_steps() {
    for name in ["contract.json", "exit.json"] {
        let form = load(name);
        assert!(form.holds_personal_data(), "{name}");
        assert!(form.stepped, "{name}");
        assert!((4..=5).contains(&form.steps.len()), "{name}");
        for (s, step) in form.steps.iter().enumerate() {
            assert!(step.title.is_some(), "{name}: step {s}");
        }
        assert!(form.thanks.is_some(), "{name}");
    }
}

#[test]
fn the_contract_names_the_three_and_needs_their_signatures_and_a_start_date() {
    let form = load("contract.json");
    for id in ["peer_name", "mentor_name", "leader_name"] {
        let f = form.field(id).unwrap();
        assert_eq!(f.kind, FieldKind::Text, "{id}");
        assert!(f.required && f.required_message.is_some(), "{id}");
        // Someone else's name on a shared device: no browser autofill.
        assert!(f.autocomplete.is_none(), "{id}");
    }
    let signatures: Vec<&Field> = form
        .fields
        .iter()
        .filter(|f| f.kind == FieldKind::Signature)
        .collect();
    let ids: Vec<&str> = signatures.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        ["signature_peer", "signature_mentor", "signature_leader"]
    );
    assert!(signatures.iter().all(|f| f.required));
    // All three sign last, on their own step, with the day they signed
    // (today unless set earlier: a contract signed on paper is entered later).
    let mut last_step = ids.clone();
    last_step.push("signing_date");
    assert_eq!(
        step_ids(&form).last().unwrap().as_slice(),
        last_step.as_slice()
    );
    let signing = form.field("signing_date").unwrap();
    assert_eq!(signing.kind, FieldKind::Date);
    assert!(!signing.required);
    let start = form.field("start_date").unwrap();
    assert_eq!(start.kind, FieldKind::Date);
    assert!(start.required);
    // Required: the names, the two agreements, how often, the start date,
    // the signatures.
    let required: Vec<&str> = form
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(
        required,
        [
            "peer_name",
            "mentor_name",
            "leader_name",
            "cancellations_agreed",
            "meeting_frequency",
            "meeting_place_agreed",
            "start_date",
            "signature_peer",
            "signature_mentor",
            "signature_leader"
        ]
    );
}

#[test]
fn each_person_in_the_pair_has_a_repeatable_list_of_goals() {
    let form = load("contract.json");
    for id in ["peer_goals", "mentor_goals"] {
        let goals = form.field(id).unwrap();
        assert_eq!(goals.kind, FieldKind::Group, "{id}");
        assert!(!goals.required, "{id}");
        for t in [&goals.item_label, &goals.add_label] {
            let t = t.as_ref().unwrap();
            assert!(!t.da.is_empty() && !t.get(Lang::En).is_empty(), "{id}");
        }
        assert!(goals.item_label.as_ref().unwrap().da.contains("{n}"));
        assert!(goals
            .item_label
            .as_ref()
            .unwrap()
            .get(Lang::En)
            .contains("{n}"));
        let text = goals.member("text").unwrap();
        assert!(text.required, "{id}");
        let know = goals.member("how_we_know").unwrap();
        assert!(!know.required, "{id}");
        assert_eq!(goals.fields.len(), 2, "{id}");
    }
}

#[test]
fn the_contract_holds_the_manuals_agreements() {
    let form = load("contract.json");
    // Contact beyond cancellations, and how often only when it is allowed.
    let contact = form.field("contact_beyond").unwrap();
    assert_eq!(contact.kind, FieldKind::Choice);
    assert_eq!(values(contact), ["yes", "no"]);
    let often = form.field("contact_how_often").unwrap();
    assert!(often.visible_if.is_some());
    let mut a = Answers::default();
    let shown = |a: &Answers| {
        let v = lokalform_forms::validate::visibility(&form.fields, a, None);
        v[form
            .fields
            .iter()
            .position(|f| f.id == "contact_how_often")
            .unwrap()]
    };
    assert!(!shown(&a));
    a.set("contact_beyond", t("no"));
    assert!(!shown(&a));
    a.set("contact_beyond", t("yes"));
    assert!(shown(&a));
    // Cancellations go to both; meetings out in the community.
    for (id, part) in [
        ("cancellations_agreed", "både hinanden og projektlederen"),
        ("meeting_place_agreed", "ikke hjemme hos hinanden"),
    ] {
        let f = form.field(id).unwrap();
        assert_eq!(f.kind, FieldKind::Consent, "{id}");
        assert!(f.required && f.consent_version.is_some(), "{id}");
        assert!(f.label.da.contains(part), "{id}");
    }
    let frequency = form.field("meeting_frequency").unwrap();
    assert_eq!(values(frequency), ["weekly", "fortnightly"]);
    // The extension is decided when the six months near, by both (manual
    // p. 15): not a choice at signing, only said.
    assert!(form.field("duration").is_none());
    let duration = form.field("duration_info").unwrap();
    assert_eq!(duration.kind, FieldKind::Info);
    // Help out of hours or in a crisis (p. 23) and the project leader's phone.
    assert_eq!(form.field("leader_phone").unwrap().kind, FieldKind::Phone);
    assert_eq!(form.field("crisis_help").unwrap().kind, FieldKind::Textarea);
    // One coffee card each.
    let card = form.field("coffee_card").unwrap();
    assert_eq!(card.kind, FieldKind::Choice);
    assert_eq!(values(card), ["both", "peer_only", "mentor_only", "no"]);
    // A contract between three people: nothing in it is counted.
    assert!(all_fields(&form).iter().all(|f| !f.aggregate));
}

fn signed(name: &str) -> Value {
    Value::Signature(lokalform_forms::answers::Signature {
        name: name.to_string(),
        drawing: String::new(),
    })
}

#[test]
fn a_filled_in_contract_passes_and_an_unsigned_one_says_who_is_missing() {
    let form = load("contract.json");
    let today = Date::new(2026, 3, 15).unwrap();
    let mut a = Answers::default();
    a.set("peer_name", t("Hanne Jensen"));
    a.set("mentor_name", t("Lars Holm"));
    a.set("leader_name", t("Mette Due"));
    a.set(
        "peer_goals",
        Value::Items(vec![item(&[
            ("text", "Komme mere ud"),
            ("how_we_know", "Jeg går en tur hver uge."),
        ])]),
    );
    a.set(
        "mentor_goals",
        Value::Items(vec![item(&[("text", "Blive bedre til at lytte")])]),
    );
    a.set("contact_beyond", t("no"));
    a.set("contact_how_often", t("hidden: contact is only to cancel"));
    a.set("cancellations_agreed", t("2026-1"));
    a.set("meeting_frequency", t("fortnightly"));
    a.set("meeting_place_agreed", t("2026-1"));
    a.set("start_date", t("01.04.2026"));
    a.set("coffee_card", t("both"));
    a.set("signature_peer", signed("Hanne Jensen"));
    a.set("signature_mentor", signed("Lars Holm"));
    a.set("signature_leader", signed("Mette Due"));
    let issues = check_form(&form, &a, today);
    assert!(issues.is_empty(), "{issues:?}");
    let kept = result(&form, &a);
    assert!(kept.get("contact_how_often").is_none());
    assert_eq!(kept.get("peer_goals").unwrap().items().len(), 1);

    let mut unsigned = Answers::default();
    unsigned.set("peer_name", t("Hanne Jensen"));
    unsigned.set("mentor_name", t("Lars Holm"));
    unsigned.set("leader_name", t("Mette Due"));
    unsigned.set("cancellations_agreed", t("2026-1"));
    unsigned.set("meeting_place_agreed", t("2026-1"));
    unsigned.set("signature_peer", signed("Hanne Jensen"));
    let lines: Vec<String> = check_form(&form, &unsigned, today)
        .iter()
        .map(|i| format!("{}: {}", i.path, i.message.text(Lang::Da)))
        .collect();
    assert_eq!(
        lines,
        [
            "meeting_frequency: Vælg, hvor tit I mødes.",
            "start_date: Skriv datoen, hvor forløbet starter.",
            "signature_mentor: Peer-mentoren mangler at skrive under.",
            "signature_leader: Projektlederen mangler at skrive under.",
        ]
    );
}

#[test]
fn the_exit_follows_up_each_contract_goal() {
    let form = load("exit.json");
    let goals = form.field("goal_followup").unwrap();
    assert_eq!(goals.kind, FieldKind::Group);
    assert!(goals.item_label.as_ref().unwrap().da.contains("{n}"));
    let owner = goals.member("owner").unwrap();
    assert_eq!(values(owner), ["peer", "mentor"]);
    let text = goals.member("text").unwrap();
    assert_eq!(text.kind, FieldKind::Text);
    assert!(text.required);
    let outcome = goals.member("outcome").unwrap();
    assert_eq!(outcome.kind, FieldKind::Likert);
    assert_eq!(values(outcome), ["reached", "partly", "not_reached"]);
    assert_eq!(goals.member("note").unwrap().kind, FieldKind::Textarea);
    // Room for every goal of both lists in the contract.
    let contract = load("contract.json");
    let most = |id: &str| {
        contract
            .field(id)
            .unwrap()
            .max
            .as_ref()
            .unwrap()
            .count()
            .unwrap()
    };
    assert!(
        goals.max.as_ref().unwrap().count().unwrap() >= most("peer_goals") + most("mentor_goals")
    );
}

#[test]
fn the_exit_asks_what_it_meant_and_what_next() {
    let form = load("exit.json");
    for id in ["meaning_peer", "meaning_mentor"] {
        assert_eq!(form.field(id).unwrap().kind, FieldKind::Textarea, "{id}");
    }
    // What the manual names (pp. 15, 21–22).
    let peer = form.field("what_next_peer").unwrap();
    assert_eq!(peer.kind, FieldKind::MultiChoice);
    assert_eq!(
        values(peer),
        [
            "new_match",
            "cafe_duty",
            "become_mentor",
            "coordinate",
            "pause",
            "stop",
            "dont_know",
            "other"
        ]
    );
    // A mentor is one already.
    let mentor = form.field("what_next_mentor").unwrap();
    assert_eq!(mentor.kind, FieldKind::MultiChoice);
    assert_eq!(
        values(mentor),
        [
            "new_match",
            "cafe_duty",
            "coordinate",
            "pause",
            "stop",
            "dont_know",
            "other"
        ]
    );
    // "Other" opens a text field.
    for (id, other) in [
        ("what_next_peer", "what_next_peer_other"),
        ("what_next_mentor", "what_next_mentor_other"),
    ] {
        let mut a = Answers::default();
        let shown = |a: &Answers| {
            let v = lokalform_forms::validate::visibility(&form.fields, a, None);
            v[form.fields.iter().position(|f| f.id == other).unwrap()]
        };
        assert!(!shown(&a));
        a.set(id, Value::List(vec!["pause".into()]));
        assert!(!shown(&a));
        a.set(id, Value::List(vec!["pause".into(), "other".into()]));
        assert!(shown(&a), "{other}");
        assert_eq!(form.field(other).unwrap().kind, FieldKind::Text);
    }
    // What an evaluator counts: what next; not how a person's goals went.
    let counted: Vec<&str> = all_fields(&form)
        .into_iter()
        .filter(|f| f.aggregate)
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(counted, ["what_next_peer", "what_next_mentor"]);
}

#[test]
fn the_exit_keeps_a_note_beside_the_after_measurement_and_the_card() {
    let form = load("exit.json");
    let note = form.field("measurement_note").unwrap();
    assert_eq!(note.kind, FieldKind::Textarea);
    assert!(note.help.as_ref().unwrap().da.contains("dårlig dag"));
    assert!(note
        .help
        .as_ref()
        .unwrap()
        .get(Lang::En)
        .contains("bad day"));
    let card = form.field("coffee_card_returned").unwrap();
    assert_eq!(card.kind, FieldKind::Choice);
    assert_eq!(values(card), ["yes", "no"]);
    assert_eq!(form.field("participants").unwrap().kind, FieldKind::Text);
    // Nothing at the top level must be answered: the conversation is hard
    // enough to book, and a half-filled exit form still counts.
    assert!(form.fields.iter().all(|f| !f.required));
}

#[test]
fn a_filled_in_exit_form_passes_and_keeps_only_what_is_shown() {
    let form = load("exit.json");
    let today = Date::new(2026, 10, 1).unwrap();
    let mut a = Answers::default();
    a.set("participants", t("Hanne, Lars og Mette"));
    a.set(
        "goal_followup",
        Value::Items(vec![
            item(&[
                ("owner", "peer"),
                ("text", "Komme mere ud"),
                ("outcome", "reached"),
            ]),
            item(&[
                ("owner", "mentor"),
                ("text", "Blive bedre til at lytte"),
                ("outcome", "partly"),
                ("note", "Svært i starten."),
            ]),
        ]),
    );
    a.set("meaning_peer", t("Jeg kom ud af huset."));
    a.set(
        "what_next_peer",
        Value::List(vec!["become_mentor".into(), "cafe_duty".into()]),
    );
    a.set("what_next_peer_other", t("hidden: other was not picked"));
    a.set("what_next_mentor", Value::List(vec!["new_match".into()]));
    a.set("measurement_note", t("Udfyldt på en dårlig dag."));
    a.set("coffee_card_returned", t("yes"));
    let issues = check_form(&form, &a, today);
    assert!(issues.is_empty(), "{issues:?}");
    let kept = result(&form, &a);
    assert!(kept.get("what_next_peer_other").is_none());
    assert_eq!(kept.get("goal_followup").unwrap().items().len(), 2);

    let mut missing = Answers::default();
    missing.set(
        "goal_followup",
        Value::Items(vec![item(&[("outcome", "not_reached")])]),
    );
    let lines: Vec<String> = check_form(&form, &missing, today)
        .iter()
        .map(|i| format!("{}: {}", i.path, i.message.text(Lang::Da)))
        .collect();
    assert_eq!(
        lines,
        ["goal_followup.0.text: Skriv målet, eller fjern det."]
    );
}
