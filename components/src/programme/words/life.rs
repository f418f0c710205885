//! The programme's life as the manual runs it: a pause that can move the
//! end date, the extension both agree to, what comes after the exit, the
//! contract's help lines and coffee cards, and corrections with their
//! reasons in the history.

use lokalform_programme::ChangeKind;

/// Every fixed text of pauses, the extension, the exit's outcome, the
/// contract's newer lines and corrections.
// Each field is one text; its documentation is the text itself, in the
// Danish and English tables below (a field missing from either does not
// compile).
#[allow(missing_docs)]
pub struct LifeWords {
    pub move_end: &'static str,
    pub move_end_help: &'static str,
    pub end_moved: fn(u32, &str) -> String,
    pub confirm_extend: fn(&str, &str, &str) -> String,
    pub yes_extend: &'static str,
    pub coffee_both: &'static str,
    pub coffee_peer_only: &'static str,
    pub coffee_mentor_only: &'static str,
    pub coffee_neither: &'static str,
    pub coffee_card: &'static str,
    pub leader_phone: &'static str,
    pub crisis_help: &'static str,
    pub entered_on: fn(&str) -> String,
    pub end_moved_days: fn(u32) -> String,
    pub exit_who: &'static str,
    pub exit_measurement_note: &'static str,
    pub reason: &'static str,
    pub reason_help: &'static str,
    pub undo_pair: &'static str,
    pub undo_pair_help: &'static str,
    pub pair_undone: fn(&str, &str) -> String,
    pub undo_extension: &'static str,
    pub extension_undone: fn(&str) -> String,
    pub undo_exit: &'static str,
    pub undo_exit_help: &'static str,
    pub exit_undone: &'static str,
    pub remove_wish: &'static str,
    pub remove_wish_help: &'static str,
    pub wish_removed: fn(&str) -> String,
    pub pair_history: &'static str,
    pub change_line: fn(&str, &str, &str) -> String,
    pub change_extended: &'static str,
    pub change_extension_undone: &'static str,
    pub change_end_moved: fn(&str) -> String,
    pub change_became_mentor: &'static str,
    pub change_pair_date: fn(&str) -> String,
    pub change_pair_undone: &'static str,
    pub change_exit_undone: &'static str,
    pub change_exit_corrected: &'static str,
    pub change_wish_corrected: fn(&str) -> String,
    pub change_wish_removed: fn(&str) -> String,
}

impl LifeWords {
    /// What a change was, in words (`before` is [`lokalform_programme::Change::before`]).
    pub fn change(&self, kind: ChangeKind, before: &str) -> String {
        match kind {
            ChangeKind::Extended => self.change_extended.to_string(),
            ChangeKind::ExtensionUndone => self.change_extension_undone.to_string(),
            ChangeKind::EndMoved => (self.change_end_moved)(before),
            ChangeKind::BecameMentor => self.change_became_mentor.to_string(),
            ChangeKind::PairDateCorrected => (self.change_pair_date)(before),
            ChangeKind::PairUndone => self.change_pair_undone.to_string(),
            ChangeKind::ExitUndone => self.change_exit_undone.to_string(),
            ChangeKind::ExitCorrected => self.change_exit_corrected.to_string(),
            ChangeKind::WishCorrected => (self.change_wish_corrected)(before),
            ChangeKind::WishRemoved => (self.change_wish_removed)(before),
        }
    }
}

pub(super) const DA: LifeWords = LifeWords {
    move_end: "Ryk slutdatoen med pausens dage, så pausen ikke tæller med",
    move_end_help: "Spørg peeren og peer-mentoren, om de vil have pausen lagt til forløbet.",
    end_moved: |days, end| format!("Forløbet er genoptaget, og slutdatoen er rykket {days} dage til {end}."),
    confirm_extend: |peer, mentor, end| format!("Har både {peer} og {mentor} sagt ja til at forlænge forløbet med 3 måneder til {end}?"),
    yes_extend: "Ja, begge vil forlænge",
    coffee_both: "Ja, begge",
    coffee_peer_only: "Kun peeren",
    coffee_mentor_only: "Kun peer-mentoren",
    coffee_neither: "Nej, ikke endnu",
    coffee_card: "Kaffekort",
    leader_phone: "Projektlederens telefon",
    crisis_help: "Hjælp uden for arbejdstid eller ved krise",
    entered_on: |date| format!("Skrevet ind den {date}."),
    end_moved_days: |days| format!("Slutdatoen er rykket {days} dage for pauser."),
    exit_who: "Med til samtalen",
    exit_measurement_note: "Note til eftermålingen",
    reason: "Hvorfor retter eller fortryder du?",
    reason_help: "Begrundelsen gemmes i historikken.",
    undo_pair: "Fortryd parret",
    undo_pair_help: "Hvis parret er dannet ved en fejl. Begge kommer tilbage på ventelisten.",
    pair_undone: |peer, mentor| format!("Parret er fortrudt. {peer} og {mentor} venter på et match igen."),
    undo_extension: "Fortryd forlængelsen",
    extension_undone: |end| format!("Forlængelsen er fortrudt. Forløbet slutter {end}."),
    undo_exit: "Fortryd exitsamtalen",
    undo_exit_help: "Hvis exitsamtalen er skrevet ind ved en fejl. Forløbet er i gang igen, og begge får deres status tilbage. Eftermålingerne bliver gemt. Skal svarene rettes, så fortryd og hold samtalen igen.",
    exit_undone: "Exitsamtalen er fortrudt. Forløbet er i gang igen.",
    remove_wish: "Fjern ønsket",
    remove_wish_help: "Er ønsket skrevet forkert, så fjern det og noter det igen.",
    wish_removed: |name| format!("Ønsket er fjernet for {name}."),
    pair_history: "Ændringer og rettelser",
    change_line: |date, what, reason| {
        if reason.is_empty() {
            format!("{date}: {what}.")
        } else {
            format!("{date}: {what}. Begrundelse: {reason}")
        }
    },
    change_extended: "Forlænget med 3 måneder, begge sagde ja",
    change_extension_undone: "Forlængelsen er fortrudt",
    change_end_moved: |days| format!("Slutdatoen er rykket {days} dage for en pause"),
    change_became_mentor: "Blev peer-mentor (samme person, med sin historik og sine målinger)",
    change_pair_date: |before| format!("Datoen for parret er rettet (var {before})"),
    change_pair_undone: "Parret er fortrudt",
    change_exit_undone: "Exitsamtalen er fortrudt",
    change_exit_corrected: "Exitsamtalen er rettet",
    change_wish_corrected: |before| format!("Et ønske er rettet (var: \"{before}\")"),
    change_wish_removed: |before| format!("Et ønske er fjernet: \"{before}\""),
};

pub(super) const EN: LifeWords = LifeWords {
    move_end: "Move the end date by the pause's days, so the pause does not count",
    move_end_help: "Ask the peer and the peer mentor whether they want the pause added to the relationship.",
    end_moved: |days, end| format!("The relationship is resumed, and the end date is moved {days} days to {end}."),
    confirm_extend: |peer, mentor, end| format!("Have both {peer} and {mentor} said yes to extending the relationship by 3 months to {end}?"),
    yes_extend: "Yes, both want to extend",
    coffee_both: "Yes, both",
    coffee_peer_only: "Only the peer",
    coffee_mentor_only: "Only the peer mentor",
    coffee_neither: "No, not yet",
    coffee_card: "Coffee card",
    leader_phone: "The project leader's phone",
    crisis_help: "Help out of hours or in a crisis",
    entered_on: |date| format!("Entered on {date}."),
    end_moved_days: |days| format!("The end date is moved {days} days for pauses."),
    exit_who: "Taking part in the conversation",
    exit_measurement_note: "Note on the after-measurement",
    reason: "Why do you correct or undo this?",
    reason_help: "The reason is kept in the history.",
    undo_pair: "Undo the pair",
    undo_pair_help: "If the pair was formed by mistake. Both go back on the waiting list.",
    pair_undone: |peer, mentor| format!("The pair is undone. {peer} and {mentor} are waiting for a match again."),
    undo_extension: "Undo the extension",
    extension_undone: |end| format!("The extension is undone. The relationship ends on {end}."),
    undo_exit: "Undo the exit conversation",
    undo_exit_help: "If the exit conversation was entered by mistake. The relationship is under way again, and both get their status back. The after-measurements are kept. To correct the answers, undo it and hold the conversation again.",
    exit_undone: "The exit conversation is undone. The relationship is under way again.",
    remove_wish: "Remove the wish",
    remove_wish_help: "If the wish was written wrong, remove it and note it again.",
    wish_removed: |name| format!("The wish is removed for {name}."),
    pair_history: "Changes and corrections",
    change_line: |date, what, reason| {
        if reason.is_empty() {
            format!("{date}: {what}.")
        } else {
            format!("{date}: {what}. Reason: {reason}")
        }
    },
    change_extended: "Extended by 3 months, both said yes",
    change_extension_undone: "The extension was undone",
    change_end_moved: |days| format!("The end date was moved {days} days for a pause"),
    change_became_mentor: "Became a peer mentor (the same person, with their history and measurements)",
    change_pair_date: |before| format!("The pair's date was corrected (was {before})"),
    change_pair_undone: "The pair was undone",
    change_exit_undone: "The exit conversation was undone",
    change_exit_corrected: "The exit conversation was corrected",
    change_wish_corrected: |before| format!("A wish was corrected (was: \"{before}\")"),
    change_wish_removed: |before| format!("A wish was removed: \"{before}\""),
};
