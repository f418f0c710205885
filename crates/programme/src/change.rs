//! The log of changes that are not a status change: an extension agreed,
//! a role taken on, and every correction or undo with its reason. Kept in
//! the [`crate::Registry`] and shown in the history of the people and the
//! pair it concerns.

use lokalform_text::date::Date;

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    /// Both agreed to extend the relationship by three months.
    Extended,
    /// The extension was undone.
    ExtensionUndone,
    /// The end date was moved for a pause (by [`Change::before`] days).
    EndMoved,
    /// A peer became a peer-mentor: the same participant, a new role.
    BecameMentor,
    /// The date a pair was formed was corrected.
    PairDateCorrected,
    /// A pair formed by mistake was undone; both wait for a match again.
    PairUndone,
    /// An exit conversation was undone; the pair is under way again.
    ExitUndone,
    /// An exit conversation was corrected (recorded anew).
    ExitCorrected,
    /// A wish's text was corrected.
    WishCorrected,
    /// A wish was removed.
    WishRemoved,
}

impl ChangeKind {
    /// Whether this change is a correction or an undo, which needs a
    /// reason.
    pub fn is_correction(self) -> bool {
        !matches!(
            self,
            ChangeKind::Extended | ChangeKind::EndMoved | ChangeKind::BecameMentor
        )
    }
}

/// One entry in the log of changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The date it is about: the day the extension was agreed, the role
    /// taken on, the correction made.
    pub date: Date,
    /// When it was typed in.
    pub entered: Date,
    /// What changed.
    pub kind: ChangeKind,
    /// The participants it concerns (ids).
    pub participants: Vec<String>,
    /// The pair it concerns (an id; the pair may be gone, when undone).
    pub pair: Option<String>,
    /// Why, in the worker's words (required for a correction or undo).
    pub reason: String,
    /// What it was before, as text: the wish's old text, the old date
    /// (`YYYY-MM-DD`), the days moved; empty when nothing to say.
    pub before: String,
}

impl Change {
    /// Whether it concerns participant `id`.
    pub fn concerns(&self, id: &str) -> bool {
        self.participants.iter().any(|p| p == id)
    }
}
