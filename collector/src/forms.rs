//! The registered forms: every definition in the forms folder.
//!
//! Definitions are read once at start with [`Form::from_json`]; a bad one
//! stops start-up with its file name and the path of each problem, so a
//! municipality that edits JSON sees exactly what to fix.

use lokalform_forms::schema::Form;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// All registered forms, by id and version.
#[derive(Debug, Clone, Default)]
pub struct FormRegistry {
    forms: BTreeMap<String, BTreeMap<u32, Form>>,
    files: Vec<(PathBuf, String, u32)>,
}

/// The result of looking a submission's form up.
#[derive(Debug)]
pub enum Lookup<'a> {
    /// The definition.
    Found(&'a Form),
    /// No form has this id.
    UnknownForm,
    /// The form exists, but only in these versions.
    UnknownVersion(Vec<u32>),
}

/// Why the forms folder cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormsError(pub String);

impl fmt::Display for FormsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FormsError {}

impl FormRegistry {
    /// Loads every `*.json` file in `dir` (not recursively), in name order,
    /// except `*.schema.json` (the JSON Schema for editors,
    /// `forms/form.schema.json`, lives beside the definitions).
    ///
    /// ```
    /// use lokalform_collector::forms::FormRegistry;
    /// let dir = std::env::temp_dir().join(format!("lokalform-doc-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// std::fs::write(dir.join("bad.json"), r#"{"id":"x","version":1,"title":{"da":"X"},"fields":[]}"#).unwrap();
    /// let err = FormRegistry::load_dir(&dir).unwrap_err();
    /// assert!(err.to_string().contains("bad.json"));
    /// assert!(err.to_string().contains("fields: a form needs at least one field"));
    /// std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn load_dir(dir: &Path) -> Result<FormRegistry, FormsError> {
        let entries = std::fs::read_dir(dir).map_err(|e| {
            FormsError(format!(
                "Cannot read the forms folder {} ({e}). Point --forms (LOKALFORM_FORMS) at the \
                 folder with the form definitions.",
                dir.display()
            ))
        })?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
            .filter(|p| !p.to_string_lossy().ends_with(".schema.json"))
            .collect();
        paths.sort();
        let mut registry = FormRegistry::default();
        let mut errors = Vec::new();
        for path in paths {
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(e) => {
                    errors.push(format!("{}: cannot read ({e})", path.display()));
                    continue;
                }
            };
            match Form::from_json(&text) {
                Ok(form) => {
                    if let Err(e) = registry.add(form, path.clone()) {
                        errors.push(e);
                    }
                }
                Err(problems) => {
                    let mut msg = format!("{}: the form definition has problems:", path.display());
                    for p in problems {
                        let at = if p.path.is_empty() {
                            "(document)"
                        } else {
                            &p.path
                        };
                        msg.push_str(&format!("\n  - {at}: {}", p.message));
                    }
                    errors.push(msg);
                }
            }
        }
        if !errors.is_empty() {
            return Err(FormsError(errors.join("\n")));
        }
        if registry.files.is_empty() {
            return Err(FormsError(format!(
                "The forms folder {} holds no *.json form definitions.",
                dir.display()
            )));
        }
        Ok(registry)
    }

    /// Registers one definition; `source` is where it came from.
    pub fn add(&mut self, form: Form, source: PathBuf) -> Result<(), String> {
        if let Some((other, _, _)) = self
            .files
            .iter()
            .find(|(_, id, v)| *id == form.id && *v == form.version)
        {
            return Err(format!(
                "{}: form \"{}\" version {} is already defined in {}",
                source.display(),
                form.id,
                form.version,
                other.display()
            ));
        }
        self.files.push((source, form.id.clone(), form.version));
        self.forms
            .entry(form.id.clone())
            .or_default()
            .insert(form.version, form);
        Ok(())
    }

    /// Finds the definition a submission names.
    pub fn lookup(&self, id: &str, version: u32) -> Lookup<'_> {
        match self.forms.get(id) {
            None => Lookup::UnknownForm,
            Some(versions) => match versions.get(&version) {
                Some(form) => Lookup::Found(form),
                None => Lookup::UnknownVersion(versions.keys().copied().collect()),
            },
        }
    }

    /// Every definition, by id then version.
    pub fn iter(&self) -> impl Iterator<Item = &Form> {
        self.forms.values().flat_map(|v| v.values())
    }

    /// Whether a form with this id is registered (any version).
    pub fn has_id(&self, id: &str) -> bool {
        self.forms.contains_key(id)
    }

    /// The files loaded, with the form each holds, for the start-up message.
    pub fn sources(&self) -> impl Iterator<Item = (&Path, &str, u32)> {
        self.files
            .iter()
            .map(|(p, id, v)| (p.as_path(), id.as_str(), *v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lokalform_forms::schema::FEEDBACK_FORM_JSON;

    /// The repository's own forms folder: every definition loads, and the
    /// JSON Schema beside them is not taken for one.
    #[test]
    fn the_shipped_forms_folder_loads_without_its_schema() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../forms");
        assert!(dir.join("form.schema.json").is_file());
        let registry = FormRegistry::load_dir(&dir).expect("shipped forms load");
        assert!(registry.has_id("feedback"));
        // The alternative feedback definition a municipality may choose.
        assert!(registry.has_id("feedback-respekt"));
        assert!(registry
            .sources()
            .all(|(path, _, _)| !path.to_string_lossy().ends_with(".schema.json")));
    }

    /// A response to the alternative definition is accepted as it is sent.
    #[test]
    fn a_response_to_the_respect_form_is_accepted() {
        use lokalform_forms::aggregate::Tally;
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../forms");
        let registry = FormRegistry::load_dir(&dir).expect("shipped forms load");
        let Lookup::Found(form) = registry.lookup("feedback-respekt", 1) else {
            panic!("feedback-respekt version 1 is registered");
        };
        let answers: Vec<(String, String)> = [
            ("role", "relative"),
            ("overall", "4"),
            ("respect", "yes"),
            ("time", "partly"),
            ("meeting", "network"),
        ]
        .iter()
        .map(|(q, a)| (q.to_string(), a.to_string()))
        .collect();
        let tally = Tally::from_response(form, "respekt-key-0000000001", &answers, Some("Fint"));
        assert_eq!(tally.counts.len(), 5);
        assert!(tally.check_web(form).is_ok());
    }

    #[test]
    fn lookup_distinguishes_form_and_version() {
        let mut registry = FormRegistry::default();
        let form = Form::from_json(FEEDBACK_FORM_JSON).expect("shipped form");
        assert!(registry.add(form.clone(), "a.json".into()).is_ok());
        assert!(registry.add(form, "b.json".into()).is_err());
        assert!(matches!(registry.lookup("feedback", 2), Lookup::Found(_)));
        assert!(matches!(registry.lookup("nope", 2), Lookup::UnknownForm));
        match registry.lookup("feedback", 1) {
            Lookup::UnknownVersion(v) => assert_eq!(v, vec![2]),
            other => panic!("{other:?}"),
        }
    }
}
