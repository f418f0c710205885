//! Every sentence this crate says, in Danish and English side by side: the
//! names of the statuses, why an operation on the programme was refused
//! ([`crate::ProgrammeError`]) and why a contract's answers do not make a
//! contract ([`crate::IntakeError`]). Both tables are full struct
//! literals, so a missing English text does not compile. Texts with a name
//! or an id in them are functions.

use lokalform_forms::schema::Lang;

/// The crate's words in one language.
pub(crate) struct Words {
    pub recruited: &'static str,
    pub waiting_for_match: &'static str,
    pub matched: &'static str,
    pub paused: &'static str,
    pub ended: &'static str,
    pub active: &'static str,
    /// Name, the status now, the status asked for.
    pub transition: fn(&str, &str, &str) -> String,
    pub unknown_participant: fn(&str) -> String,
    pub unknown_pair: fn(&str) -> String,
    pub duplicate_id: fn(&str) -> String,
    pub not_a_peer: fn(&str) -> String,
    pub not_a_mentor: fn(&str) -> String,
    /// Name, status.
    pub not_waiting: fn(&str, &str) -> String,
    pub pair_ended: &'static str,
    pub already_paused: &'static str,
    pub not_paused: &'static str,
    pub no_contract: &'static str,
    pub already_extended: &'static str,
    pub date_too_early: &'static str,
    pub date_too_late: &'static str,
    pub no_evaluation_consent: fn(&str) -> String,
    pub empty_name: &'static str,
    pub in_active_pair: fn(&str) -> String,
    /// The hopes, listed.
    pub hoped_for: fn(&str) -> String,
    pub no_reason: &'static str,
    pub empty_wish: &'static str,
    pub unknown_wish: &'static str,
    pub pair_has_records: &'static str,
    pub no_exit: &'static str,
    pub not_extended: &'static str,
    /// Name.
    pub not_undoable: fn(&str) -> String,
    pub missing_start_date: &'static str,
    pub missing_meeting_frequency: &'static str,
    /// The field's id.
    pub missing_answer: fn(&str) -> String,
    /// The text as typed.
    pub bad_date: fn(&str) -> String,
}

const DA: Words = Words {
    recruited: "rekrutteret",
    waiting_for_match: "venter på match",
    matched: "matchet",
    paused: "på pause",
    ended: "afsluttet",
    active: "aktiv uden forløb",
    transition: |name, from, to| {
        format!("Status for {name} kan ikke skifte fra \"{from}\" til \"{to}\".")
    },
    unknown_participant: |id| format!("Der er ingen deltager med id \"{id}\"."),
    unknown_pair: |id| format!("Der er intet par med id \"{id}\"."),
    duplicate_id: |id| format!("Id'et \"{id}\" er allerede brugt. Brug et nyt."),
    not_a_peer: |name| format!("{name} er ikke peer. Vælg en peer."),
    not_a_mentor: |name| format!("{name} er ikke peer-mentor. Vælg en peer-mentor."),
    not_waiting: |name, status| {
        format!("{name} er {status} og venter ikke på et match. Sæt først {name} til at vente på et match.")
    },
    pair_ended: "Parret har haft sin exitsamtale. Forløbet kan ikke ændres mere.",
    already_paused: "Forløbet er allerede på pause.",
    not_paused: "Forløbet er ikke på pause.",
    no_contract: "Parret har ingen kontrakt endnu. Udfyld kontrakten først.",
    already_extended:
        "Forløbet er allerede forlænget med tre måneder. Det kan kun forlænges én gang.",
    date_too_early: "Datoen ligger før den dato, den følger efter. Tjek datoen.",
    date_too_late: "Datoen ligger for sent: efter i dag, eller efter parrets første møde eller pause. Tjek datoen.",
    no_evaluation_consent: |name| {
        format!("{name} har ikke givet samtykke til, at målingerne bruges i evalueringen. Målingen er ikke gemt.")
    },
    empty_name: "Skriv deltagerens navn.",
    hoped_for: |hopes| format!("Da forløbet begyndte, håbede du på: {hopes}."),
    in_active_pair: |name| {
        format!("{name} er stadig med i et forløb. Hold exitsamtalen først. Derefter kan du slette oplysningerne.")
    },
    no_reason: "Skriv, hvorfor du retter eller fortryder. Begrundelsen gemmes i historikken.",
    empty_wish: "Skriv ønsket, eller fjern det.",
    unknown_wish: "Ønsket findes ikke. Det kan være fjernet.",
    pair_has_records: "Parret har en kontrakt, møder eller en exitsamtale og kan ikke fortrydes. Afslut i stedet forløbet med en exitsamtale.",
    no_exit: "Parret har ikke haft sin exitsamtale.",
    not_extended: "Forløbet er ikke forlænget.",
    not_undoable: |name| format!("Exitsamtalen kan ikke fortrydes, fordi {name} er gået videre siden, fx i et nyt par."),
    missing_start_date: "Skriv datoen, hvor forløbet starter.",
    missing_meeting_frequency: "Vælg, hvor tit I mødes.",
    missing_answer: |field| format!("Svaret på \"{field}\" mangler."),
    bad_date: |text| format!("\"{text}\" er ikke en dato. Skriv datoen som dd.mm.åååå."),
};

const EN: Words = Words {
    recruited: "recruited",
    waiting_for_match: "waiting for a match",
    matched: "matched",
    paused: "paused",
    ended: "ended",
    active: "active, without a relationship",
    transition: |name, from, to| {
        format!("The status of {name} cannot change from \"{from}\" to \"{to}\".")
    },
    unknown_participant: |id| format!("There is no participant with id \"{id}\"."),
    unknown_pair: |id| format!("There is no pair with id \"{id}\"."),
    duplicate_id: |id| format!("The id \"{id}\" is already in use. Use a new one."),
    not_a_peer: |name| format!("{name} is not a peer. Choose a peer."),
    not_a_mentor: |name| format!("{name} is not a peer-mentor. Choose a peer-mentor."),
    not_waiting: |name, status| {
        format!(
            "{name} is {status} and not waiting for a match. First set {name} to wait for a match."
        )
    },
    pair_ended: "The pair has had its exit conversation. The relationship can no longer change.",
    already_paused: "The relationship is already paused.",
    not_paused: "The relationship is not paused.",
    no_contract: "The pair has no contract yet. Fill in the contract first.",
    already_extended:
        "The relationship has already been extended by three months. It can be extended only once.",
    date_too_early: "The date is before the date it follows. Check the date.",
    date_too_late: "The date is too late: after today, or after the pair's first meeting or pause. Check the date.",
    no_evaluation_consent: |name| {
        format!("{name} has not agreed that the measurements are used in the evaluation. The measurement is not saved.")
    },
    empty_name: "Write the participant's name.",
    hoped_for: |hopes| format!("When the programme started, you hoped for: {hopes}."),
    in_active_pair: |name| {
        format!("{name} is still in a relationship. Hold the exit conversation first. Then you can delete the information.")
    },
    no_reason: "Write why you correct or undo this. The reason is kept in the history.",
    empty_wish: "Write the wish, or remove it.",
    unknown_wish: "The wish does not exist. It may have been removed.",
    pair_has_records: "The pair has a contract, meetings or an exit conversation and cannot be undone. End the relationship with an exit conversation instead.",
    no_exit: "The pair has not had its exit conversation.",
    not_extended: "The relationship has not been extended.",
    not_undoable: |name| format!("The exit conversation cannot be undone, because {name} has moved on since, e.g. into a new pair."),
    missing_start_date: "Enter the date the relationship starts.",
    missing_meeting_frequency: "Choose how often you will meet.",
    missing_answer: |field| format!("The answer to \"{field}\" is missing."),
    bad_date: |text| format!("\"{text}\" is not a date. Enter the date as dd.mm.yyyy."),
};

/// The words in `lang`.
pub(crate) fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Da => &DA,
        Lang::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text with a name or an id in it, filled in with made-up
    /// values (each checked to appear in the text).
    fn all(w: &Words) -> Vec<String> {
        let check = |parts: &[&str], text: String| {
            for part in parts {
                assert!(text.contains(part), "{part:?} is missing from {text:?}");
            }
            text
        };
        vec![
            check(&["A", "B", "C"], (w.transition)("A", "B", "C")),
            check(&["A"], (w.unknown_participant)("A")),
            check(&["A"], (w.unknown_pair)("A")),
            check(&["A"], (w.duplicate_id)("A")),
            check(&["A"], (w.not_a_peer)("A")),
            check(&["A"], (w.not_a_mentor)("A")),
            check(&["A", "B"], (w.not_waiting)("A", "B")),
            check(&["A"], (w.no_evaluation_consent)("A")),
            check(&["A"], (w.not_undoable)("A")),
            check(&["A"], (w.missing_answer)("A")),
            check(&["A"], (w.bad_date)("A")),
        ]
    }

    /// Each such text formats in both languages, and the two differ.
    #[test]
    fn every_text_with_a_name_formats_in_both_languages() {
        for (da, en) in all(&DA).iter().zip(&all(&EN)) {
            assert_ne!(da, en);
        }
    }
}
