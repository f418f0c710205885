//! Every fixed text of `<lokal-programme>`, in Danish and English: one
//! table a group of screens, each file with its Danish and English side by
//! side, so a translator finds every Danish string of the app here and a
//! missing English text does not compile. Texts with a name or a number in
//! them are functions. (The forms' questions come from their definitions.)
//!
//! | file | screens |
//! |---|---|
//! | [`frame`] | heading, navigation, lock, notices, forms, the date field, shared words |
//! | [`participants`] | participants, one participant, recruiting, a measurement, the chart |
//! | [`recruitment`] | the recruitment answers (one participant, matching), the readiness note, deleting a person's data |
//! | [`pairs`] | matching and one pair |
//! | [`contract`] | the contract and the exit conversation |
//! | [`reports`] | reports, hard cases, the evaluator export |
//! | [`life`] | pause and end date, the extension both agree to, what comes after the exit, the contract's help lines, corrections and the history of changes |
//! | [`instruments`] | measurement instruments |
//! | [`backup`] | unlocking, a forgotten passphrase, backup and restore |

pub mod backup;
pub mod contract;
pub mod frame;
pub mod instruments;
pub mod life;
pub mod pairs;
pub mod participants;
pub mod recruitment;
pub mod reports;

use lokalform_forms::schema::Lang;

/// The programme's words in one language, by group of screens.
pub struct ProgrammeWords {
    /// The frame: heading, tabs, lock, idle notes, shared words.
    pub frame: frame::FrameWords,
    /// Participants, recruiting, the before/after chart.
    pub participants: participants::ParticipantWords,
    /// The recruitment answers, the readiness note, deleting data.
    pub recruitment: recruitment::RecruitmentWords,
    /// Matching and one pair.
    pub pairs: pairs::PairWords,
    /// The contract and the exit conversation.
    pub contract: contract::ContractWords,
    /// Reports and the waiting export.
    pub reports: reports::ReportWords,
    /// Measurement instruments.
    pub instruments: instruments::InstrumentWords,
    /// Unlocking, the forgotten passphrase, backup and restore.
    pub backup: backup::BackupWords,
    /// Pauses, the extension, the exit's outcome, corrections.
    pub life: life::LifeWords,
}

const DA: ProgrammeWords = ProgrammeWords {
    frame: frame::DA,
    participants: participants::DA,
    recruitment: recruitment::DA,
    pairs: pairs::DA,
    contract: contract::DA,
    reports: reports::DA,
    instruments: instruments::DA,
    backup: backup::DA,
    life: life::DA,
};

const EN: ProgrammeWords = ProgrammeWords {
    frame: frame::EN,
    participants: participants::EN,
    recruitment: recruitment::EN,
    pairs: pairs::EN,
    contract: contract::EN,
    reports: reports::EN,
    instruments: instruments::EN,
    backup: backup::EN,
    life: life::EN,
};

/// The words in `lang`.
pub fn programme_words(lang: Lang) -> &'static ProgrammeWords {
    match lang {
        Lang::Da => &DA,
        Lang::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lokalform_programme::When;

    /// `text` holds every one of `parts` and something besides.
    fn check(parts: &[&str], text: String) -> String {
        for part in parts {
            assert!(text.contains(part), "{part:?} is missing from {text:?}");
        }
        assert!(
            text.len() > parts.iter().map(|p| p.len()).sum::<usize>() + 1,
            "{text:?}"
        );
        text
    }

    /// Every text with a name or a number in it, filled in with made-up
    /// values (each checked to appear in the text).
    fn all(w: &ProgrammeWords) -> Vec<String> {
        vec![
            check(&["7", "A2"], (w.frame.idle_note)(7, "A2")),
            check(&["A1", "A2"], (w.frame.pair_label)("A1", "A2")),
            check(&["A1"], (w.participants.pair_with)("A1")),
            check(&["A1"], (w.participants.ended_notice)("A1")),
            check(&["A1"], (w.participants.waiting_notice)("A1")),
            check(
                &["A1", "A2", "A3", "A4"],
                (w.participants.wish_line)("A1", "A2", "A3", Some("A4")),
            ),
            check(&["A1"], (w.participants.wish_noted)("A1")),
            check(&["A1"], (w.participants.consent_withdrawn)("A1")),
            check(&["A1"], (w.participants.consent_recorded)("A1")),
            check(&["A1"], (w.participants.details_corrected)("A1")),
            check(&["A1"], (w.participants.added_notice)("A1")),
            check(
                &["A2", "A3"],
                (w.participants.measurement_title)(When::After, Some("A2"), "A3"),
            ),
            check(&["A1"], (w.participants.measurement_saved)("A1")),
            check(
                &["A1", "A2"],
                (w.participants.chart_description)("A1", "A2"),
            ),
            check(&["A1"], (w.participants.chart_caption)("A1")),
            check(&["A1"], (w.pairs.waiting_since)("A1")),
            check(&["A1", "A2"], (w.pairs.pair_formed)("A1", "A2")),
            check(&["A1"], (w.pairs.cancelled_by)("A1")),
            check(&["A1"], (w.pairs.meeting_recorded)("A1")),
            check(&["A1"], (w.pairs.cancellation_recorded)("A1")),
            check(&["A1"], (w.pairs.resumed_from)("A1")),
            check(&["A1"], (w.pairs.paused_from)("A1")),
            check(&["A1"], (w.pairs.extended_to)("A1")),
            check(&["7", "A1"], (w.life.end_moved)(7, "A1")),
            check(
                &["A1", "A2", "A3"],
                (w.life.confirm_extend)("A1", "A2", "A3"),
            ),
            check(&["A1"], (w.life.entered_on)("A1")),
            check(&["7"], (w.life.end_moved_days)(7)),
            check(&["A1", "A2"], (w.life.pair_undone)("A1", "A2")),
            check(&["A1"], (w.life.extension_undone)("A1")),
            check(&["A1"], (w.life.wish_removed)("A1")),
            check(&["A1", "A2", "A3"], (w.life.change_line)("A1", "A2", "A3")),
            check(&["A1"], (w.life.change_end_moved)("A1")),
            check(&["A1"], (w.life.change_pair_date)("A1")),
            check(&["A1"], (w.life.change_wish_corrected)("A1")),
            check(&["A1"], (w.life.change_wish_removed)("A1")),
            check(&["A1"], (w.pairs.exit_held)("A1")),
            check(&["A1"], (w.contract.signature_of)("A1")),
            check(&["A1", "A2", "A3"], (w.contract.parties)("A1", "A2", "A3")),
            check(&["A1"], (w.contract.extended_duration)("A1")),
            check(&["A1"], (w.contract.usual_duration)("A1")),
            check(&["A1"], (w.contract.meeting_place)("A1")),
            check(&["A1"], (w.contract.form_heading)("A1")),
            check(&["A1", "A2"], (w.contract.signed_notice)("A1", "A2")),
            check(&["A1"], (w.contract.exit_heading)("A1")),
            check(&["A1", "A2"], (w.contract.exit_saved)("A1", "A2")),
            check(&["A1", "A2"], (w.reports.ci)("A1", "A2")),
            check(&["A1"], (w.reports.cohort_caption)("A1")),
            check(&["A1"], (w.reports.no_exit)("A1")),
            check(&["503"], (w.reports.refused)(503)),
            check(&["503"], (w.reports.waiting_refused)(503)),
            check(&["7"], (w.reports.ci_why)(7)),
            check(&["A1", "7", "3"], (w.instruments.facts)("A1", 7, 3)),
            check(&["A1"], (w.instruments.added)("A1")),
            check(&["A1"], (w.instruments.unusable)("A1")),
            check(&["A1"], (w.backup.registry_unreadable)("A1")),
            check(&["A1"], (w.backup.browser_failed)("A1")),
            check(&["A1"], (w.backup.ready)("A1")),
            check(&["3", "3"], (w.backup.summary)(3, 3)),
            check(&["A1"], (w.backup.restored)("A1")),
            check(&["A1"], (w.backup.backup_unreadable)("A1")),
            check(&["A1"], (w.backup.holds)("A1")),
            check(&["A1"], (w.backup.replaces)("A1")),
            check(&["A1"], (w.recruitment.data_consent_given)("A1")),
            check(&["A1"], (w.recruitment.note_saved)("A1")),
            check(&["A1"], (w.recruitment.confirm_delete)("A1")),
            check(&["A1"], (w.recruitment.deleted_notice)("A1")),
        ]
    }

    /// Each such text formats in both languages, and the two differ.
    #[test]
    fn every_text_with_a_name_or_number_formats_in_both_languages() {
        let (da, en) = (
            all(programme_words(Lang::Da)),
            all(programme_words(Lang::En)),
        );
        for (da, en) in da.iter().zip(&en) {
            assert_ne!(da, en);
        }
    }

    #[test]
    fn counted_words_agree_with_their_number() {
        let (da, en) = (&DA.backup, &EN.backup);
        assert_eq!((da.summary)(1, 1), "1 deltager og 1 par");
        assert_eq!((da.summary)(5, 2), "5 deltagere og 2 par");
        assert_eq!((en.summary)(1, 1), "1 participant and 1 pair");
        assert_eq!((en.summary)(5, 2), "5 participants and 2 pairs");
        let title = DA.participants.measurement_title;
        assert_eq!(title(When::Before, None, "LSNS-6"), "Førmåling: LSNS-6");
        assert_eq!(
            title(When::After, Some("Ida"), "LSNS-6"),
            "Eftermåling for Ida: LSNS-6"
        );
    }
}
