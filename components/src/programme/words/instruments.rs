//! The measurement instruments: the built-in and imported ones, and
//! importing a definition.

/// Every fixed text of the instruments screen.
// Each field is one text; its documentation is the text itself, in the
// Danish and English tables below (a field missing from either does not
// compile).
#[allow(missing_docs)]
pub struct InstrumentWords {
    pub heading: &'static str,
    pub intro: &'static str,
    pub facts: fn(&str, u32, usize) -> String,
    pub source_and_terms: &'static str,
    pub list_label: &'static str,
    pub add_heading: &'static str,
    pub file: &'static str,
    pub paste: &'static str,
    pub add: &'static str,
    pub nothing_chosen: &'static str,
    pub added: fn(&str) -> String,
    pub unusable: fn(&str) -> String,
}

pub(super) const DA: InstrumentWords = InstrumentWords {
    heading: "Måleredskaber",
    intro: "LSNS-6 er indbygget. Skemaer med licens, fx MHRM eller FIT (ORS/SRS), tilføjer I selv som en definitionsfil med den tekst, I har ret til at bruge. Nye måleredskaber kommer med i førmålingen for nye deltagere og i eftermålingen.",
    facts: |id, version, items| format!("Id {id} · version {version} · {items} spørgsmål"),
    source_and_terms: "Kilde og vilkår",
    list_label: "Måleredskaber i registret",
    add_heading: "Tilføj et måleredskab",
    file: "Fil med definitionen (JSON)",
    paste: "Eller indsæt definitionen",
    add: "Tilføj måleredskabet",
    nothing_chosen: "Vælg en fil med definitionen, eller indsæt teksten.",
    added: |title| format!("Måleredskabet er tilføjet: {title}."),
    unusable: |problems| format!("Definitionen kan ikke bruges. Ret dette, og prøv igen: {problems}"),
};

pub(super) const EN: InstrumentWords = InstrumentWords {
    heading: "Measurement instruments",
    intro: "LSNS-6 is built in. Licensed instruments, e.g. MHRM or FIT (ORS/SRS), you add yourselves as a definition file with the text you have the right to use. New instruments are included in the before-measurement of new participants and in the after-measurement.",
    facts: |id, version, items| format!("Id {id} · version {version} · {items} items"),
    source_and_terms: "Source and terms",
    list_label: "Instruments in the registry",
    add_heading: "Add an instrument",
    file: "File with the definition (JSON)",
    paste: "Or paste the definition",
    add: "Add the instrument",
    nothing_chosen: "Choose a file with the definition, or paste its text.",
    added: |title| format!("The instrument is added: {title}."),
    unusable: |problems| format!("The definition cannot be used. Correct this and try again: {problems}"),
};
