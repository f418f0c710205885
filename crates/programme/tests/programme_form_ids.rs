//! The table of field ids the programme reads (`form_ids`) against the
//! shipped forms, and its check against edited copies: a renamed id, a
//! changed type, a renamed option, a group member renamed, an id of the
//! measurement steps taken, an optional question left out.

use lokalform_forms::schema::Form;
use lokalform_programme::form_ids::{
    absent_optional, check_programme_form, markdown, ProgrammeForm,
};
use serde_json::Value as Json;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shipped(which: ProgrammeForm) -> Json {
    let path = root().join("forms").join(format!("{}.json", which.name()));
    let text = std::fs::read_to_string(&path).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn form(json: &Json) -> Form {
    Form::from_json(&json.to_string()).unwrap_or_else(|p| panic!("{p:?}"))
}

/// The problems of `json` as programme form `which`, as text.
fn problems(which: ProgrammeForm, json: &Json) -> Vec<String> {
    match check_programme_form(which, &form(json)) {
        Ok(()) => Vec::new(),
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
    }
}

/// Every top-level field object of a definition.
fn fields_mut(json: &mut Json) -> Vec<&mut Json> {
    fn walk<'a>(fields: &'a mut Json, out: &mut Vec<&'a mut Json>) {
        for field in fields.as_array_mut().into_iter().flatten() {
            out.push(field);
        }
    }
    let mut top = Vec::new();
    if json.get("steps").is_some() {
        for step in json["steps"].as_array_mut().into_iter().flatten() {
            walk(&mut step["fields"], &mut top);
        }
    } else {
        walk(&mut json["fields"], &mut top);
    }
    top
}

/// The top-level field `id` of a definition.
fn field<'a>(json: &'a mut Json, id: &str) -> &'a mut Json {
    fields_mut(json)
        .into_iter()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no field {id}"))
}

/// Takes field `id` out of a definition (and any condition on it stays
/// valid only where the shipped form has none).
fn remove(json: &mut Json, id: &str) {
    let drop = |fields: &mut Json| {
        if let Some(list) = fields.as_array_mut() {
            list.retain(|f| f["id"] != id);
        }
    };
    if let Some(steps) = json.get_mut("steps").and_then(Json::as_array_mut) {
        for step in steps {
            drop(&mut step["fields"]);
        }
    } else {
        drop(&mut json["fields"]);
    }
}

#[test]
fn every_shipped_programme_form_has_what_the_programme_reads() {
    for which in ProgrammeForm::ALL {
        let json = shipped(which);
        assert_eq!(json["id"], which.name(), "the form id is the file's name");
        assert_eq!(problems(which, &json), Vec::<String>::new(), "{which:?}");
    }
}

#[test]
fn the_shipped_forms_leave_out_no_id_the_app_reads() {
    // The peers' and the mentors' tables differ: contact persons and
    // support are asked of peers; experience, hours, teaching and group
    // supervision of mentors.
    for which in ProgrammeForm::ALL {
        let absent: Vec<String> = absent_optional(which, &form(&shipped(which)))
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(absent, Vec::<String>::new(), "{which:?}");
    }
}

#[test]
fn a_renamed_id_in_the_contract_is_missing_by_name() {
    let mut json = shipped(ProgrammeForm::Contract);
    field(&mut json, "meeting_frequency")["id"] = "frequency".into();
    assert_eq!(
        problems(ProgrammeForm::Contract, &json),
        ["field \"meeting_frequency\" is missing: <lokal-programme> reads it (how often the pair meets); keep the id when you edit the form"]
    );
}

#[test]
fn a_changed_type_names_the_path_and_both_types() {
    let mut json = shipped(ProgrammeForm::Contract);
    let start = field(&mut json, "start_date");
    start["type"] = "text".into();
    start.as_object_mut().unwrap().remove("min");
    start.as_object_mut().unwrap().remove("max");
    assert_eq!(
        problems(ProgrammeForm::Contract, &json),
        ["steps[3].fields[2].type: field \"start_date\" must be a date field, not text: <lokal-programme> reads it (the start date, which sets the end date)"]
    );
}

#[test]
fn a_text_may_become_a_textarea_and_a_choice_a_likert_scale() {
    let mut json = shipped(ProgrammeForm::Participant);
    let name = field(&mut json, "name");
    name["type"] = "textarea".into();
    name.as_object_mut().unwrap().remove("max_length");
    assert_eq!(
        problems(ProgrammeForm::Participant, &json),
        Vec::<String>::new()
    );
    let mut json = shipped(ProgrammeForm::RecruitmentPeer);
    field(&mut json, "decision")["type"] = "likert".into();
    assert_eq!(
        problems(ProgrammeForm::RecruitmentPeer, &json),
        Vec::<String>::new()
    );
}

#[test]
fn a_renamed_group_member_is_missing_with_the_groups_path() {
    let mut json = shipped(ProgrammeForm::Contract);
    field(&mut json, "peer_goals")["fields"][0]["id"] = "goal".into();
    assert_eq!(
        problems(ProgrammeForm::Contract, &json),
        ["steps[1].fields[0].fields: field \"peer_goals.text\" is missing: <lokal-programme> reads it (the goal, signed and hashed); keep the id when you edit the form"]
    );
}

#[test]
fn a_renamed_option_is_missing_and_unknown() {
    let mut json = shipped(ProgrammeForm::Contract);
    field(&mut json, "meeting_frequency")["options"][0]["value"] = "ugentlig".into();
    assert_eq!(
        problems(ProgrammeForm::Contract, &json),
        [
            "steps[3].fields[0].options: field \"meeting_frequency\" has no option \"weekly\": <lokal-programme> needs it (how often the pair meets)",
            "steps[3].fields[0].options[0].value: field \"meeting_frequency\" has option \"ugentlig\", which <lokal-programme> does not know: it reads only \"weekly\" or \"fortnightly\" (how often the pair meets)",
        ]
    );
}

#[test]
fn an_option_may_be_left_out_where_the_programme_only_knows_it() {
    // A programme without café duty, and a mentor who may become anything
    // the peer may: the exit form still works.
    let mut json = shipped(ProgrammeForm::Exit);
    let options = field(&mut json, "what_next_peer")["options"]
        .as_array_mut()
        .unwrap();
    options.retain(|o| o["value"] != "cafe_duty");
    assert_eq!(problems(ProgrammeForm::Exit, &json), Vec::<String>::new());
    // But "new_match" is what puts a person back on the waiting list.
    let options = field(&mut json, "what_next_mentor")["options"]
        .as_array_mut()
        .unwrap();
    options.retain(|o| o["value"] != "new_match");
    assert_eq!(
        problems(ProgrammeForm::Exit, &json),
        ["steps[3].fields[2].options: field \"what_next_mentor\" has no option \"new_match\": <lokal-programme> needs it (what next for the peer-mentor; \"new_match\" puts them on the waiting list, only \"stop\" ends their part)"]
    );
}

#[test]
fn a_consent_that_is_not_a_consent_is_refused() {
    let mut json = shipped(ProgrammeForm::RecruitmentPeer);
    let consent = field(&mut json, "consent_evaluation");
    consent["type"] = "choice".into();
    consent.as_object_mut().unwrap().remove("consent_version");
    consent["options"] = serde_json::json!([
        {"value": "yes", "label": {"da": "Ja", "en": "Yes"}},
        {"value": "no", "label": {"da": "Nej", "en": "No"}}
    ]);
    let found = problems(ProgrammeForm::RecruitmentPeer, &json);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].ends_with(".type: field \"consent_evaluation\" must be a consent field, not choice: <lokal-programme> reads it (the consent to the evaluation; the before-measurement is asked only with it)"),
        "{found:?}"
    );
}

#[test]
fn an_optional_question_may_be_left_out_and_is_listed() {
    let mut json = shipped(ProgrammeForm::RecruitmentPeer);
    remove(&mut json, "address");
    remove(&mut json, "cpr");
    assert_eq!(
        problems(ProgrammeForm::RecruitmentPeer, &json),
        Vec::<String>::new()
    );
    assert_eq!(
        absent_optional(ProgrammeForm::RecruitmentPeer, &form(&json)),
        [
            ("cpr".to_string(), "the CPR number"),
            ("address".to_string(), "the address, under other contact")
        ]
    );
    // A member of a group that is there counts too.
    let mut json = shipped(ProgrammeForm::RecruitmentPeer);
    let contacts = field(&mut json, "contacts");
    let members = contacts["fields"].as_array_mut().unwrap();
    members.retain(|m| m["id"] != "place");
    assert_eq!(
        absent_optional(ProgrammeForm::RecruitmentPeer, &form(&json)),
        [(
            "contacts.place".to_string(),
            "where the contact person works"
        )]
    );
}

#[test]
fn the_participant_form_needs_every_detail_because_saving_writes_them_all() {
    let mut json = shipped(ProgrammeForm::Participant);
    remove(&mut json, "cpr");
    assert_eq!(
        problems(ProgrammeForm::Participant, &json),
        ["field \"cpr\" is missing: <lokal-programme> reads it (the CPR number; left empty, it is removed); keep the id when you edit the form"]
    );
}

#[test]
fn the_ids_of_the_measurement_steps_stay_free() {
    let mut json = shipped(ProgrammeForm::Exit);
    field(&mut json, "measurement_note")["id"] = "after_peer_m1_note".into();
    assert_eq!(
        problems(ProgrammeForm::Exit, &json),
        ["steps[4].fields[1].id: \"after_peer_m1_note\" looks like an id of the measurement steps <lokal-programme> adds (ids beginning with before_m, after_m, after_peer_m, after_mentor_m, then a digit); choose another id"]
    );
    // The contract gets no measurement steps.
    let mut json = shipped(ProgrammeForm::Contract);
    field(&mut json, "contact_how_often")["id"] = "before_m1".into();
    assert_eq!(
        problems(ProgrammeForm::Contract, &json),
        Vec::<String>::new()
    );
}

#[test]
fn a_one_page_form_gets_one_page_paths() {
    let json = serde_json::json!({
        "id": "participant", "version": 1, "title": {"da": "Ret"},
        "fields": [
            {"id": "name", "type": "text", "label": {"da": "Navn"}},
            {"id": "cpr", "type": "cpr", "label": {"da": "CPR"}},
            {"id": "phone", "type": "email", "label": {"da": "Telefon"}},
            {"id": "email", "type": "email", "label": {"da": "E-mail"}},
            {"id": "contact_other", "type": "text", "label": {"da": "Andet"}}
        ]
    });
    assert_eq!(
        problems(ProgrammeForm::Participant, &json),
        ["fields[2].type: field \"phone\" must be a phone field, not email: <lokal-programme> reads it (the phone number)"]
    );
}

#[test]
fn forms_are_known_by_their_names() {
    for which in ProgrammeForm::ALL {
        assert_eq!(ProgrammeForm::from_name(which.name()), Some(which));
    }
    assert_eq!(ProgrammeForm::from_name("feedback"), None);
    assert_eq!(ProgrammeForm::from_name("contract.json"), None);
}

/// `docs/programme.md` lists the ids a municipality must keep: exactly
/// the table, so the two cannot drift.
#[test]
fn the_docs_hold_the_table() {
    let docs = std::fs::read_to_string(root().join("docs/programme.md")).unwrap();
    let table = markdown();
    assert!(
        docs.contains(&table),
        "docs/programme.md must hold the table of form_ids::markdown() exactly; replace the section with:\n\n{table}"
    );
}

/// The reading code uses the table's constants: no field id is written
/// as a string where answers are read or filled in.
#[test]
fn the_reading_code_has_no_literal_ids() {
    let source = std::fs::read_to_string(root().join("crates/programme/src/intake.rs")).unwrap();
    for call in [
        ".text(\"",
        ".get(\"",
        ".set(\"",
        "trimmed(answers, \"",
        "trimmed(item, \"",
        "trimmed(person, \"",
        "picks(answers, \"",
        "Missing(\"",
        "field: \"",
    ] {
        let code = source
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .find(|l| l.contains(call));
        assert_eq!(code, None, "intake.rs reads an id written as a string");
    }
}
