//! The three-way contract of a pair, its end date and its content hash.
//!
//! The extension is not part of signing: it is decided when the six
//! months near, if both want it ([`crate::Registry::extend`]).

use super::Party;
use lokalform_text::date::Date;
use lokalform_text::sha256::{hex, sha256};

/// The contract's duration in months.
pub(super) const MONTHS: u32 = 6;
/// The extension in months (once, if both want).
pub(super) const EXTENSION: u32 = 3;

/// How often the pair meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    /// Every week.
    Weekly,
    /// Every other week.
    Fortnightly,
}

/// Who got a coffee card (one each, manual p. 15).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoffeeCard {
    /// Both the peer and the peer-mentor.
    Both,
    /// Only the peer.
    PeerOnly,
    /// Only the peer-mentor.
    MentorOnly,
    /// Neither, yet.
    Neither,
}

/// One signature on the contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    /// Who signed.
    pub who: Party,
    /// The name written beside the signature.
    pub name: String,
    /// The drawing: SVG path data.
    pub drawing: String,
    /// When.
    pub date: Date,
}

/// The contract (kontrakt) agreed by peer, mentor and project leader.
///
/// Besides the fields, the model fixes what every Vejle contract says:
/// cancellations go to both the partner and the project leader, and the
/// pair meets out in the community, not in each other's homes. Both are
/// part of [`Contract::canonical_text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contract {
    /// The first day.
    pub start: Date,
    /// Extended by three months (at most once).
    pub extended: bool,
    /// The peer's goals.
    pub peer_goals: Vec<String>,
    /// The mentor's goals.
    pub mentor_goals: Vec<String>,
    /// May they phone or mail each other beyond cancellations.
    pub contact_between_meetings: bool,
    /// How often, in their words.
    pub contact_how_often: String,
    /// Weekly or fortnightly meetings.
    pub frequency: Frequency,
    /// Who got a coffee card.
    pub coffee_card: CoffeeCard,
    /// The signatures.
    pub signatures: Vec<Signed>,
    /// Where to get help out of hours or in a crisis (manual p. 23), as
    /// agreed; empty when not written.
    pub crisis_help: String,
    /// The project leader's phone number; empty when not written.
    pub leader_phone: String,
    /// When the contract was typed in, when that was another day than the
    /// signatures' date (a contract signed on paper first); `None` when
    /// the same day, and in files written before it was kept.
    pub entered: Option<Date>,
}

impl Contract {
    /// The last day: six months after the start, nine when extended (the
    /// same day number, clamped to the end of a shorter month); `None`
    /// after the year 9999.
    ///
    /// ```
    /// use lokalform_text::date::Date;
    /// use lokalform_programme::{Contract, Frequency};
    /// let mut c = Contract::new(Date::new(2026, 8, 31).unwrap(), Frequency::Weekly);
    /// assert_eq!(c.end(), Date::new(2027, 2, 28));
    /// c.extended = true;
    /// assert_eq!(c.end(), Date::new(2027, 5, 31));
    /// ```
    pub fn end(&self) -> Option<Date> {
        let months = if self.extended {
            MONTHS + EXTENSION
        } else {
            MONTHS
        };
        self.start.add_months(months)
    }

    /// A contract starting on `start`, with nothing else agreed yet.
    pub fn new(start: Date, frequency: Frequency) -> Contract {
        Contract {
            start,
            extended: false,
            peer_goals: Vec::new(),
            mentor_goals: Vec::new(),
            contact_between_meetings: false,
            contact_how_often: String::new(),
            frequency,
            coffee_card: CoffeeCard::Neither,
            signatures: Vec::new(),
            crisis_help: String::new(),
            leader_phone: String::new(),
            entered: None,
        }
    }

    /// The text of everything agreed, the same on every device and in
    /// every version of this format: what is signed and hashed.
    ///
    /// One line per item, each `name: value`, ending in `\n`, in this
    /// order:
    ///
    /// ```text
    /// lokalform contract 1
    /// peer: <peer name>
    /// mentor: <mentor name>
    /// start: <YYYY-MM-DD>
    /// duration: 6 months, extendable once by 3 months if both want
    /// frequency: weekly | fortnightly
    /// meetings: out in the community, not in each other's homes
    /// cancellations: to both the partner and the project leader
    /// contact between meetings: yes | no
    /// contact how often: <text>
    /// coffee card given: yes | no | peer only | mentor only
    /// peer goals: <n>
    /// peer goal 1: <text>          (one line per goal)
    /// mentor goals: <n>
    /// mentor goal 1: <text>
    /// project leader phone: <text> (only when written)
    /// help out of hours: <text>    (only when written)
    /// ```
    ///
    /// The coffee card is `yes` for both and `no` for neither, and the last
    /// two lines are left out when empty, so a contract made before they
    /// existed keeps its text and its hash.
    ///
    /// In free text, `\` is written `\\`, a line feed `\n` and a carriage
    /// return `\r`, so no text can forge another line. Not included: the
    /// signatures (names, drawings, dates: they sign this text), and
    /// whether the contract was later extended (the signed text already
    /// says it may be, and an extension must not make the signatures look
    /// broken).
    ///
    /// ```
    /// use lokalform_text::date::Date;
    /// use lokalform_programme::{Contract, Frequency};
    /// let mut c = Contract::new(Date::new(2026, 8, 31).unwrap(), Frequency::Fortnightly);
    /// c.peer_goals.push("Go to the library\nevery week".into());
    /// let text = c.canonical_text("Ida", "Ole");
    /// assert!(text.starts_with("lokalform contract 1\npeer: Ida\nmentor: Ole\nstart: 2026-08-31\n"));
    /// assert!(text.contains("peer goal 1: Go to the library\\nevery week\n"));
    /// ```
    pub fn canonical_text(&self, peer_name: &str, mentor_name: &str) -> String {
        let mut t = String::from("lokalform contract 1\n");
        let mut line = |name: &str, value: &str| {
            t.push_str(name);
            t.push_str(": ");
            for c in value.chars() {
                match c {
                    '\\' => t.push_str("\\\\"),
                    '\n' => t.push_str("\\n"),
                    '\r' => t.push_str("\\r"),
                    c => t.push(c),
                }
            }
            t.push('\n');
        };
        let yes = |b: bool| if b { "yes" } else { "no" };
        line("peer", peer_name);
        line("mentor", mentor_name);
        line("start", &self.start.iso());
        line(
            "duration",
            "6 months, extendable once by 3 months if both want",
        );
        line(
            "frequency",
            match self.frequency {
                Frequency::Weekly => "weekly",
                Frequency::Fortnightly => "fortnightly",
            },
        );
        line(
            "meetings",
            "out in the community, not in each other's homes",
        );
        line(
            "cancellations",
            "to both the partner and the project leader",
        );
        line(
            "contact between meetings",
            yes(self.contact_between_meetings),
        );
        line("contact how often", &self.contact_how_often);
        line(
            "coffee card given",
            match self.coffee_card {
                CoffeeCard::Both => "yes",
                CoffeeCard::Neither => "no",
                CoffeeCard::PeerOnly => "peer only",
                CoffeeCard::MentorOnly => "mentor only",
            },
        );
        for (who, goals) in [("peer", &self.peer_goals), ("mentor", &self.mentor_goals)] {
            line(&format!("{who} goals"), &goals.len().to_string());
            for (i, goal) in goals.iter().enumerate() {
                line(&format!("{who} goal {}", i + 1), goal);
            }
        }
        for (name, value) in [
            ("project leader phone", &self.leader_phone),
            ("help out of hours", &self.crisis_help),
        ] {
            if !value.is_empty() {
                line(name, value);
            }
        }
        t
    }

    /// The lowercase hex SHA-256 of [`Contract::canonical_text`]: shown on
    /// the print-out, so a change after signing is visible.
    ///
    /// ```
    /// use lokalform_text::date::Date;
    /// use lokalform_programme::{Contract, Frequency};
    /// let mut c = Contract::new(Date::new(2026, 8, 31).unwrap(), Frequency::Weekly);
    /// let signed = c.content_hash("Ida", "Ole");
    /// assert_eq!(signed.len(), 64);
    /// c.coffee_card = lokalform_programme::CoffeeCard::PeerOnly;
    /// assert_ne!(c.content_hash("Ida", "Ole"), signed);
    /// ```
    pub fn content_hash(&self, peer_name: &str, mentor_name: &str) -> String {
        hex(&sha256(
            self.canonical_text(peer_name, mentor_name).as_bytes(),
        ))
    }
}
