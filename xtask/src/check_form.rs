//! `cargo xtask check-form FILE...` and `cargo xtask json-schema [--check]`:
//! checking form definitions from the shell, and the JSON Schema for
//! editors in `forms/form.schema.json`.
//!
//! `check-form` reads each file with [`Form::from_json`], the same decoder
//! the widgets and the collector use, and prints one line per file when it
//! is fine, or one line per problem:
//!
//! ```text
//! forms/recruitment-peer.json: ok (6 steps, 37 fields, personal data: yes; programme form recruitment-peer)
//! forms/broken.json: steps[1].fields[3].options[1].value: duplicate value "ja"
//! ```
//!
//! A file that is one of `<lokal-programme>`'s forms (by its `id`, else by
//! its file name: `contract.json`, …) is also checked against the ids the
//! app reads from it ([`check_programme_form`], the same check the app
//! runs when it loads the form); an optional id the form lacks is a
//! `note:` line, not a problem:
//!
//! ```text
//! my/contract.json: field "start_date" is missing: <lokal-programme> reads it (the start date, which sets the end date); keep the id when you edit the form
//! forms/recruitment-mentor.json: note: optional field "motivation" is absent: <lokal-programme> leaves that part empty (why they want to take part, kept)
//! ```
//!
//! A `*.schema.json` file (the glob `forms/*.json` includes
//! `forms/form.schema.json`) is skipped with a line saying so.

use crate::tools::root;
use crate::Result;
use lokalform_forms::schema::{json_schema, Field, Form};
use lokalform_programme::form_ids::{absent_optional, check_programme_form, ProgrammeForm};
use lokalform_text::json::Json;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use std::path::{Path, PathBuf};

/// Where the generated JSON Schema lives, relative to the repository root.
pub const SCHEMA_FILE: &str = "forms/form.schema.json";

/// What checking one definition found: the line for a good file (and
/// its notes), or the problems of a bad one (each already prefixed with
/// the file).
pub fn check_text(file: &str, json: &str) -> std::result::Result<Vec<String>, Vec<String>> {
    let form = Form::from_json(json).map_err(|problems| -> Vec<String> {
        problems.iter().map(|p| format!("{file}: {p}")).collect()
    })?;
    let Some(which) = programme_form(file, &form) else {
        return Ok(vec![summary(file, &form, "")]);
    };
    check_programme_form(which, &form).map_err(|problems| -> Vec<String> {
        problems.iter().map(|p| format!("{file}: {p}")).collect()
    })?;
    let mut lines = vec![summary(
        file,
        &form,
        &format!("; programme form {}", which.name()),
    )];
    for (id, purpose) in absent_optional(which, &form) {
        lines.push(format!(
            "{file}: note: optional field \"{id}\" is absent: <lokal-programme> leaves that part empty ({purpose})"
        ));
    }
    Ok(lines)
}

/// The programme form `form` (in `file`) is: by its `id`, else by the file
/// name (the app loads `<forms>/contract.json` whatever its `id`).
fn programme_form(file: &str, form: &Form) -> Option<ProgrammeForm> {
    ProgrammeForm::from_name(&form.id).or_else(|| {
        let stem = Path::new(file).file_stem()?.to_str()?;
        ProgrammeForm::from_name(stem)
    })
}

/// The line for a good file, `extra` added inside the brackets.
fn summary(file: &str, form: &Form, extra: &str) -> String {
    format!(
        "{file}: ok ({} {}, {} {}, personal data: {}{extra})",
        form.steps.len(),
        if form.steps.len() == 1 {
            "step"
        } else {
            "steps"
        },
        field_count(&form.fields),
        if field_count(&form.fields) == 1 {
            "field"
        } else {
            "fields"
        },
        if form.holds_personal_data() {
            "yes"
        } else {
            "no"
        }
    )
}

/// Every field, group members included (headings and info blocks too):
/// what the 100-field limit counts.
fn field_count(fields: &[Field]) -> usize {
    fields.iter().map(|f| 1 + field_count(&f.fields)).sum()
}

/// `cargo xtask check-form FILE...`: fails when any file has a problem.
pub fn check_form(files: &[String]) -> Result<()> {
    if files.is_empty() {
        return Err("usage: cargo xtask check-form FILE...".into());
    }
    let files: Vec<(String, PathBuf)> = files
        .iter()
        .map(|f| (f.clone(), PathBuf::from(f)))
        .collect();
    check_files(&files)
}

/// Checks each `(shown, path)`, printing a line per good file and per
/// problem, the file as `shown`.
fn check_files(files: &[(String, PathBuf)]) -> Result<()> {
    let mut bad_files = 0;
    let mut problems = 0;
    for (shown, path) in files {
        let shown = shown.as_str();
        if is_schema(path) {
            // `forms/*.json` in a shell includes the JSON Schema itself.
            println!("{shown}: skipped (a JSON Schema, not a form definition)");
            continue;
        }
        let lines = match std::fs::read_to_string(path) {
            Ok(text) => check_text(shown, &text),
            Err(e) => Err(vec![format!("{shown}: cannot read ({e})")]),
        };
        match lines {
            Ok(lines) => {
                for line in lines {
                    println!("{line}");
                }
            }
            Err(lines) => {
                bad_files += 1;
                problems += lines.len();
                for line in lines {
                    println!("{line}");
                }
            }
        }
    }
    if bad_files == 0 {
        Ok(())
    } else {
        Err(format!(
            "{problems} {} in {bad_files} {}",
            if problems == 1 { "problem" } else { "problems" },
            if bad_files == 1 { "file" } else { "files" }
        ))
    }
}

/// The shipped definitions: every `forms/*.json` except the schema, in
/// name order.
pub fn shipped_forms() -> Result<Vec<PathBuf>> {
    let dir = root().join("forms");
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(std::result::Result::ok)
        .map(|e| e.path())
        .filter(|p| is_definition(p))
        .collect();
    paths.sort();
    Ok(paths)
}

/// Whether `path` is a form definition: `*.json`, but not `*.schema.json`.
fn is_definition(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    path.is_file() && name.ends_with(".json") && !is_schema(path)
}

/// A JSON Schema file (`*.schema.json`), such as [`SCHEMA_FILE`].
fn is_schema(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".schema.json"))
}

/// The test sequence's step: every shipped definition passes (the
/// programme's forms also have every id the app reads), and the committed
/// schema is the generated one.
pub fn check_shipped() -> Result<()> {
    let paths = shipped_forms()?;
    if paths.is_empty() {
        return Err("forms/ holds no form definitions".into());
    }
    // Paths relative to the root read better in the log.
    let files: Vec<(String, PathBuf)> = paths
        .into_iter()
        .map(|p| {
            let shown = p.strip_prefix(root()).unwrap_or(&p).display().to_string();
            (shown, p)
        })
        .collect();
    check_files(&files)?;
    json_schema_command(&["--check".to_string()])
}

/// The schema as the committed file holds it: serde_json's pretty printer
/// (two-space indent), members in the order the core writes them, and a
/// final newline.
pub fn schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&Pretty(&json_schema()))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

/// `cargo xtask json-schema [--check]`: writes `forms/form.schema.json`, or
/// with `--check` fails when the committed file differs.
pub fn json_schema_command(args: &[String]) -> Result<()> {
    let check = match args {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => return Err("usage: cargo xtask json-schema [--check]".into()),
    };
    let path = root().join(SCHEMA_FILE);
    let wanted = schema_text();
    if check {
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != wanted {
            return Err(format!(
                "{SCHEMA_FILE} is not the generated schema; run `cargo xtask json-schema` and commit the file"
            ));
        }
        println!("{SCHEMA_FILE}: up to date");
    } else {
        std::fs::write(&path, wanted).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("wrote {SCHEMA_FILE}");
    }
    Ok(())
}

/// A core [`Json`] tree for serde_json's writer, members in document order
/// (serde_json's own `Value` sorts them unless a workspace-wide feature is
/// switched on).
struct Pretty<'a>(&'a Json);

impl Serialize for Pretty<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self.0 {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Number(text) => match text.parse::<serde_json::Number>() {
                Ok(n) => n.serialize(s),
                Err(e) => Err(serde::ser::Error::custom(e)),
            },
            Json::String(text) => s.serialize_str(text),
            Json::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&Pretty(item))?;
                }
                seq.end()
            }
            Json::Object(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (k, v) in members {
                    map.serialize_entry(k, &Pretty(v))?;
                }
                map.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE_PAGE: &str = r#"{"id": "x", "version": 1, "title": {"da": "X"}, "fields": [
        {"id": "overall", "type": "smiley", "label": {"da": "Hvordan?"}, "options": [
          {"value": "1", "label": {"da": "1"}}, {"value": "2", "label": {"da": "2"}},
          {"value": "3", "label": {"da": "3"}}, {"value": "4", "label": {"da": "4"}},
          {"value": "5", "label": {"da": "5"}}]}]}"#;

    #[test]
    fn a_good_file_gets_one_summary_line() {
        assert_eq!(
            check_text("a.json", ONE_PAGE),
            Ok(vec![
                "a.json: ok (1 step, 1 field, personal data: no)".to_string()
            ])
        );
    }

    #[test]
    fn the_summary_counts_steps_group_members_and_personal_data() {
        let json = r#"{"id": "x", "version": 1, "title": {"da": "X"}, "steps": [
          {"title": {"da": "A"}, "fields": [{"id": "name", "type": "text", "label": {"da": "Navn"}}]},
          {"title": {"da": "B"}, "fields": [{"id": "goals", "type": "group", "label": {"da": "Mål"},
            "fields": [{"id": "text", "type": "text", "label": {"da": "Mål"}},
                       {"id": "note", "type": "textarea", "label": {"da": "Note"}}]}]}]}"#;
        assert_eq!(
            check_text("b.json", json),
            Ok(vec![
                "b.json: ok (2 steps, 4 fields, personal data: yes)".to_string()
            ])
        );
    }

    #[test]
    fn every_problem_is_a_line_with_the_file_and_the_path() {
        let json = r#"{"id": "x", "version": 0, "title": {"da": "X"}, "fields": [
          {"id": "a", "type": "choice", "label": {"da": "A"}, "options": [
            {"value": "ja", "label": {"da": "Ja"}}, {"value": "ja", "label": {"da": "Ja"}}]},
          {"id": "b", "type": "text", "label": {"da": "B"}, "min": 1}]}"#;
        assert_eq!(
            check_text("c.json", json),
            Err(vec![
                "c.json: version: must be 1 or more".to_string(),
                r#"c.json: fields[0].options[1].value: duplicate value "ja""#.to_string(),
                "c.json: fields[1].min: a text field has no \"min\"; it may have: id, type, label, help, visible_if, required, required_message, max_length, autocomplete".to_string(),
            ])
        );
    }

    #[test]
    fn unreadable_json_is_one_line_without_a_path() {
        let lines = check_text("d.json", "{").unwrap_err();
        assert_eq!(lines.len(), 1);
        assert!(lines[0].starts_with("d.json: "), "{lines:?}");
    }

    #[test]
    fn check_files_fails_on_a_missing_file_and_counts_problems() {
        let missing = "does-not-exist/form.json".to_string();
        let err = check_files(&[(missing.clone(), PathBuf::from(missing))]).unwrap_err();
        assert_eq!(err, "1 problem in 1 file");
    }

    #[test]
    fn the_schema_keeps_member_order_and_indents_by_two() {
        let text = schema_text();
        assert!(text.starts_with(
            "{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n  \"title\": "
        ));
        assert!(text.ends_with("}\n"));
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        let compact: serde_json::Value = serde_json::from_str(&json_schema().to_string()).unwrap();
        assert_eq!(parsed, compact);
    }

    fn shipped(name: &str) -> String {
        std::fs::read_to_string(root().join("forms").join(name)).unwrap()
    }

    #[test]
    fn a_programme_form_is_checked_against_the_ids_the_programme_reads() {
        let contract = shipped("contract.json");
        let lines = check_text("forms/contract.json", &contract).unwrap();
        assert_eq!(
            lines,
            ["forms/contract.json: ok (5 steps, 24 fields, personal data: yes; programme form contract)"]
        );
        let renamed = contract.replace("\"start_date\"", "\"startdato\"");
        assert_eq!(
            check_text("kommune/contract.json", &renamed),
            Err(vec![
                "kommune/contract.json: field \"start_date\" is missing: <lokal-programme> reads it (the start date, which sets the end date); keep the id when you edit the form".to_string()
            ])
        );
    }

    #[test]
    fn a_programme_form_is_known_by_its_id_else_by_its_file_name() {
        let renamed = shipped("contract.json").replace("\"start_date\"", "\"startdato\"");
        // By the id, whatever the file is called.
        assert!(check_text("kontrakt.json", &renamed).is_err());
        // By the file name, whatever the id.
        let other_id = renamed.replacen("\"id\": \"contract\"", "\"id\": \"kontrakt\"", 1);
        assert!(other_id.contains("\"kontrakt\""));
        assert!(check_text("forms/contract.json", &other_id).is_err());
        // Neither: an ordinary form.
        assert_eq!(
            check_text("kontrakt.json", &other_id),
            Ok(vec![
                "kontrakt.json: ok (5 steps, 24 fields, personal data: yes)".to_string()
            ])
        );
    }

    #[test]
    fn an_absent_optional_id_is_a_note() {
        // The shipped form has every id; a municipality renames one the
        // app only keeps.
        let renamed = shipped("recruitment-mentor.json").replacen(
            "\"id\": \"motivation\"",
            "\"id\": \"motivation_own\"",
            1,
        );
        let lines = check_text("forms/recruitment-mentor.json", &renamed).unwrap();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[0].starts_with("forms/recruitment-mentor.json: ok ("),
            "{lines:?}"
        );
        assert!(
            lines[0].ends_with("; programme form recruitment-mentor)"),
            "{lines:?}"
        );
        assert_eq!(
            lines[1],
            "forms/recruitment-mentor.json: note: optional field \"motivation\" is absent: <lokal-programme> leaves that part empty (why they want to take part, kept)"
        );
    }

    /// What `cargo xtask test` runs: the shipped forms pass and the
    /// committed schema is current.
    #[test]
    fn the_shipped_forms_and_schema_pass() {
        assert_eq!(check_shipped(), Ok(()));
    }

    #[test]
    fn the_schema_file_is_not_a_definition() {
        let forms = shipped_forms().unwrap();
        assert!(!forms.is_empty());
        assert!(forms.iter().all(|p| !p.ends_with("form.schema.json")));
        assert!(forms.iter().any(|p| p.ends_with("feedback.json")));
    }
}
