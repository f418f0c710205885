//! The field ids `<lokal-programme>` reads from its forms, in one table,
//! and the check that a definition still has them.
//!
//! The app runs its forms (`forms/recruitment-peer.json`, `contract.json`,
//! …) on the form engine and reads the answers by field id
//! ([`crate::intake`]). A municipality may reword these forms, but an id
//! the app reads must stay, with a type that gives the answer the app
//! expects: a renamed id would otherwise read as an empty answer, and
//! nobody would notice until a contract lacked its goals.
//!
//! - The ids are constants, one module per form ([`recruitment`],
//!   [`contract`], [`exit`], [`participant`]); the reading code uses
//!   only these.
//! - [`ProgrammeForm::fields`] is the table: for each id, the types it may
//!   have, whether the app needs it ([`Need`]), what the app does with it,
//!   the option values it needs or knows ([`Values`]) and, for a group,
//!   its members.
//! - [`check_programme_form`] checks a definition against the table. The
//!   app runs it when it loads a form (and shows the problems instead of
//!   the form); `cargo xtask check-form` runs it on each file that is one
//!   of these forms, and the test run on the shipped ones.
//! - [`markdown`] writes the table for `docs/programme.md` (a test keeps
//!   the two the same).
//!
//! ```
//! use lokalform_forms::schema::Form;
//! use lokalform_programme::form_ids::{check_programme_form, ProgrammeForm};
//! let json = std::fs::read_to_string("../../forms/contract.json").unwrap();
//! assert_eq!(check_programme_form(ProgrammeForm::Contract, &Form::from_json(&json).unwrap()), Ok(()));
//! // A municipality renames "start_date" to "startdato":
//! let renamed = json.replace("\"start_date\"", "\"startdato\"");
//! let problems = check_programme_form(ProgrammeForm::Contract, &Form::from_json(&renamed).unwrap()).unwrap_err();
//! assert_eq!(problems[0].to_string(),
//!     "field \"start_date\" is missing: <lokal-programme> reads it (the start date, which sets the end date); keep the id when you edit the form");
//! ```

use crate::When;
use lokalform_forms::schema::{Field, FieldKind, Form, Problem};

/// One of the forms `<lokal-programme>` runs and reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProgrammeForm {
    /// `recruitment-peer.json`: recruiting a peer.
    RecruitmentPeer,
    /// `recruitment-mentor.json`: recruiting a peer-mentor.
    RecruitmentMentor,
    /// `contract.json`: the pair's three-way contract.
    Contract,
    /// `exit.json`: the pair's exit conversation.
    Exit,
    /// `measurement.json`: a measurement on its own (the app adds the
    /// steps).
    Measurement,
    /// `participant.json`: correcting a participant's details.
    Participant,
}

impl ProgrammeForm {
    /// Every programme form, in the order of the docs.
    pub const ALL: [ProgrammeForm; 6] = [
        ProgrammeForm::RecruitmentPeer,
        ProgrammeForm::RecruitmentMentor,
        ProgrammeForm::Contract,
        ProgrammeForm::Exit,
        ProgrammeForm::Measurement,
        ProgrammeForm::Participant,
    ];

    /// The form's name: its file in the `forms` folder is `<name>.json`,
    /// and the shipped definition's `id` is the name.
    ///
    /// ```
    /// use lokalform_programme::form_ids::ProgrammeForm;
    /// assert_eq!(ProgrammeForm::RecruitmentPeer.name(), "recruitment-peer");
    /// assert_eq!(ProgrammeForm::from_name("contract"), Some(ProgrammeForm::Contract));
    /// assert_eq!(ProgrammeForm::from_name("feedback"), None);
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            ProgrammeForm::RecruitmentPeer => "recruitment-peer",
            ProgrammeForm::RecruitmentMentor => "recruitment-mentor",
            ProgrammeForm::Contract => "contract",
            ProgrammeForm::Exit => "exit",
            ProgrammeForm::Measurement => "measurement",
            ProgrammeForm::Participant => "participant",
        }
    }

    /// The programme form called `name` (a form id, or a file name
    /// without `.json`).
    pub fn from_name(name: &str) -> Option<ProgrammeForm> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The ids the app reads from this form (see the module's table).
    pub fn fields(self) -> &'static [ProgrammeField] {
        match self {
            ProgrammeForm::RecruitmentPeer => RECRUITMENT_PEER,
            ProgrammeForm::RecruitmentMentor => RECRUITMENT_MENTOR,
            ProgrammeForm::Contract => CONTRACT,
            ProgrammeForm::Exit => EXIT,
            ProgrammeForm::Measurement => &[],
            ProgrammeForm::Participant => PARTICIPANT,
        }
    }

    /// Whether the app adds measurement steps to this form, whose ids
    /// ([`is_measurement_id`]) the form must then leave free.
    pub fn gets_measurements(self) -> bool {
        matches!(
            self,
            ProgrammeForm::RecruitmentPeer
                | ProgrammeForm::RecruitmentMentor
                | ProgrammeForm::Exit
                | ProgrammeForm::Measurement
        )
    }
}

/// Whether the app needs an id to be in the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// The app does not work right without it: missing is a problem.
    Required,
    /// The app reads it when it is there and leaves its part empty when
    /// not, so a municipality may leave the question out (e.g. not ask for
    /// an address). A renamed id then reads as left out:
    /// `cargo xtask check-form` notes every optional id that is absent.
    Optional,
}

/// The option values the app needs or knows, for a field with options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Values {
    /// Values the field must offer: the app reads them (`decision` is
    /// `yes`) or fills them in (`meeting_frequency` from a contract).
    pub needed: &'static [&'static str],
    /// When not empty, the only values the app understands: any other
    /// option would be read as no answer.
    pub known: &'static [&'static str],
}

impl Values {
    /// Any options: the app takes the value (and label) as it is.
    pub const ANY: Values = Values {
        needed: &[],
        known: &[],
    };
}

/// An id the app reads from a form: the table's row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgrammeField {
    /// The field's id (in a group: the member's id within the item).
    pub id: &'static str,
    /// The types the field may have; the first is the shipped form's.
    pub kinds: &'static [FieldKind],
    /// Whether the app needs it.
    pub need: Need,
    /// What the app does with it, for messages and docs: "the
    /// participant's name".
    pub purpose: &'static str,
    /// The option values the app needs or knows.
    pub values: Values,
    /// A group's members the app reads.
    pub members: &'static [ProgrammeField],
}

impl ProgrammeField {
    const fn new(
        id: &'static str,
        kinds: &'static [FieldKind],
        need: Need,
        purpose: &'static str,
    ) -> ProgrammeField {
        ProgrammeField {
            id,
            kinds,
            need,
            purpose,
            values: Values::ANY,
            members: &[],
        }
    }

    const fn values(
        self,
        needed: &'static [&'static str],
        known: &'static [&'static str],
    ) -> ProgrammeField {
        ProgrammeField {
            values: Values { needed, known },
            ..self
        }
    }

    const fn members(self, members: &'static [ProgrammeField]) -> ProgrammeField {
        ProgrammeField { members, ..self }
    }
}

const fn required(
    id: &'static str,
    kinds: &'static [FieldKind],
    purpose: &'static str,
) -> ProgrammeField {
    ProgrammeField::new(id, kinds, Need::Required, purpose)
}

const fn optional(
    id: &'static str,
    kinds: &'static [FieldKind],
    purpose: &'static str,
) -> ProgrammeField {
    ProgrammeField::new(id, kinds, Need::Optional, purpose)
}

use FieldKind as K;

/// A text answer: one line, or several.
const TEXT: &[FieldKind] = &[K::Text, K::Textarea];
/// A text answer, shipped as a textarea.
const LONG_TEXT: &[FieldKind] = &[K::Textarea, K::Text];
/// One option picked.
const CHOICE: &[FieldKind] = &[K::Choice, K::Likert];
/// One option picked, shipped as a Likert scale.
const LIKERT: &[FieldKind] = &[K::Likert, K::Choice];
/// Several options picked (the app also reads a single pick).
const PICKS: &[FieldKind] = &[K::MultiChoice, K::Choice];
const CPR_FIELD: &[FieldKind] = &[K::Cpr];
/// A phone number, or a line of text.
const PHONE_OR_TEXT: &[FieldKind] = &[K::Phone, K::Text];
const PHONE_FIELD: &[FieldKind] = &[K::Phone];
const EMAIL_FIELD: &[FieldKind] = &[K::Email];
const DATE: &[FieldKind] = &[K::Date];
const CONSENT: &[FieldKind] = &[K::Consent];
const SIGNATURE: &[FieldKind] = &[K::Signature];
const GROUP: &[FieldKind] = &[K::Group];
/// A number, as typed (or a text).
const HOURS_FIELD: &[FieldKind] = &[K::Number, K::Text];

/// The ids of the recruitment forms (`recruitment-peer.json`,
/// `recruitment-mentor.json`), and the option values the app reads.
pub mod recruitment {
    /// The participant's name.
    pub const NAME: &str = "name";
    /// The CPR number.
    pub const CPR: &str = "cpr";
    /// The phone number.
    pub const PHONE: &str = "phone";
    /// The e-mail address.
    pub const EMAIL: &str = "email";
    /// Another way to reach the person, in their own words.
    pub const CONTACT_OTHER: &str = "contact_other";
    /// The street address.
    pub const ADDRESS: &str = "address";
    /// The postal code.
    pub const POSTAL_CODE: &str = "postal_code";
    /// The town.
    pub const CITY: &str = "city";
    /// The group of contact persons.
    pub const CONTACTS: &str = "contacts";
    /// A contact person's name (member of [`CONTACTS`]).
    pub const CONTACT_NAME: &str = "name";
    /// Where the contact person works (member of [`CONTACTS`]).
    pub const CONTACT_PLACE: &str = "place";
    /// The contact person's phone (member of [`CONTACTS`]).
    pub const CONTACT_PHONE: &str = "phone";
    /// Whether the project leader may contact them (member of
    /// [`CONTACTS`]; [`YES`]).
    pub const CONTACT_MAY_CONTACT: &str = "may_contact";
    /// The wished-for gender of the match.
    pub const WISH_GENDER: &str = "wish_gender";
    /// The wished-for age of the match.
    pub const WISH_AGE: &str = "wish_age";
    /// Interests (several picks; [`OTHER`] with [`INTERESTS_OTHER`]).
    pub const INTERESTS: &str = "interests";
    /// The "other" interest, written.
    pub const INTERESTS_OTHER: &str = "interests_other";
    /// The wish for a match in the person's own words.
    pub const MATCH_NOTE: &str = "match_note";
    /// The decision ([`YES`]: waiting for a match).
    pub const DECISION: &str = "decision";
    /// The consent to the evaluation (see
    /// [`crate::EVALUATION_CONSENT`]).
    pub const CONSENT_EVALUATION: &str = "consent_evaluation";
    /// The support the person gets ([`OTHER`] with [`SUPPORT_OTHER`]).
    pub const SUPPORT: &str = "support";
    /// The "other" support, written.
    pub const SUPPORT_OTHER: &str = "support_other";
    /// Where they heard of the programme (several picks; [`OTHER`] with
    /// [`HEARD_FROM_OTHER`]).
    pub const HEARD_FROM: &str = "heard_from";
    /// Where else, written.
    pub const HEARD_FROM_OTHER: &str = "heard_from_other";
    /// Why they want to take part.
    pub const MOTIVATION: &str = "motivation";
    /// The experience they bring (mentors).
    pub const EXPERIENCE: &str = "experience";
    /// Their hopes for the programme (a group of [`GOAL_AREA`],
    /// [`GOAL_TEXT`]).
    pub const GOALS: &str = "goals";
    /// What a hope is about (member of [`GOALS`]).
    pub const GOAL_AREA: &str = "area";
    /// The hope, written (member of [`GOALS`]).
    pub const GOAL_TEXT: &str = "text";
    /// The days they are usually free.
    pub const DAYS: &str = "days";
    /// The times of day that suit them.
    pub const TIMES: &str = "times";
    /// Hours a week (mentors).
    pub const HOURS: &str = "hours";
    /// Anything about their time.
    pub const AVAILABILITY_NOTE: &str = "availability_note";
    /// How meeting every week or fortnight fits.
    pub const FITS_MEETINGS: &str = "fits_meetings";
    /// How the teaching fits (mentors).
    pub const FITS_TRAINING: &str = "fits_training";
    /// How the group supervision fits (mentors).
    pub const FITS_SUPERVISION: &str = "fits_supervision";
    /// What could make it easier.
    pub const FITS_NOTE: &str = "fits_note";
    /// What they want to talk more about or think over.
    pub const DECISION_NOTE: &str = "decision_note";
    /// The consent to keeping the form's information; its version is
    /// kept, and withdrawing it deletes the person's data.
    pub const CONSENT_DATA: &str = "consent_data";
    /// "Yes" in [`DECISION`] and [`CONTACT_MAY_CONTACT`].
    pub const YES: &str = "yes";
    /// The wish option left out of the summary.
    pub const NO_PREFERENCE: &str = "no_preference";
    /// The interest option that takes [`INTERESTS_OTHER`].
    pub const OTHER: &str = "other";
}

/// The recruitment rows both forms share, then `$extra` (the rows only
/// one form asks).
macro_rules! recruitment_rows {
    ($($extra:expr),* $(,)?) => {{
        use recruitment::*;
        &[
            required(NAME, TEXT, "the participant's name"),
            optional(CPR, CPR_FIELD, "the CPR number"),
            optional(PHONE, PHONE_FIELD, "the phone number"),
            optional(EMAIL, EMAIL_FIELD, "the e-mail address"),
            optional(CONTACT_OTHER, TEXT, "other contact, in the person's words"),
            optional(ADDRESS, TEXT, "the address, under other contact"),
            optional(POSTAL_CODE, TEXT, "the postal code, under other contact"),
            optional(CITY, TEXT, "the town, under other contact"),
            optional(
                HEARD_FROM,
                PICKS,
                "where they heard of the programme, kept and counted in the cohort export",
            ),
            optional(HEARD_FROM_OTHER, TEXT, "where else they heard of it, kept"),
            optional(MOTIVATION, LONG_TEXT, "why they want to take part, kept"),
            optional(GOALS, GROUP, "their hopes, kept and brought back at the exit").members(&[
                optional(GOAL_AREA, CHOICE, "what the hope is about"),
                required(GOAL_TEXT, TEXT, "the hope"),
            ]),
            optional(WISH_GENDER, CHOICE, "a wish for the match: gender"),
            optional(WISH_AGE, CHOICE, "a wish for the match: age"),
            optional(INTERESTS, PICKS, "a wish for the match: interests, also kept as picked"),
            optional(
                INTERESTS_OTHER,
                TEXT,
                "the interest written under \"other\"",
            ),
            optional(MATCH_NOTE, LONG_TEXT, "the wish in the person's own words"),
            optional(DAYS, PICKS, "the days they are free, kept for matching"),
            optional(TIMES, PICKS, "the times of day that suit them, kept for matching"),
            optional(AVAILABILITY_NOTE, LONG_TEXT, "anything about their time, kept"),
            optional(FITS_MEETINGS, LIKERT, "how the meetings fit, kept"),
            optional(FITS_NOTE, LONG_TEXT, "what could make it easier, kept"),
            required(
                DECISION,
                CHOICE,
                "the decision; \"yes\" puts the person on the waiting list",
            )
            .values(&[YES], &[]),
            optional(DECISION_NOTE, LONG_TEXT, "what they want to talk more about, kept"),
            required(
                CONSENT_DATA,
                CONSENT,
                "the consent to keeping the form; its version is kept, and withdrawing it deletes the data",
            ),
            required(
                CONSENT_EVALUATION,
                CONSENT,
                "the consent to the evaluation; the before-measurement is asked only with it",
            ),
            $($extra),*
        ]
    }};
}

const RECRUITMENT_PEER: &[ProgrammeField] = recruitment_rows![
    optional(
        recruitment::SUPPORT,
        CHOICE,
        "the support the person gets, kept"
    ),
    optional(
        recruitment::SUPPORT_OTHER,
        TEXT,
        "the support written under \"other\", kept"
    ),
    optional(
        recruitment::CONTACTS,
        GROUP,
        "contact persons, under other contact"
    )
    .members(&[
        required(recruitment::CONTACT_NAME, TEXT, "the contact person's name"),
        optional(
            recruitment::CONTACT_PLACE,
            TEXT,
            "where the contact person works"
        ),
        optional(
            recruitment::CONTACT_PHONE,
            PHONE_FIELD,
            "the contact person's phone"
        ),
        required(
            recruitment::CONTACT_MAY_CONTACT,
            CHOICE,
            "whether the project leader may contact them; only then are they kept",
        )
        .values(&[recruitment::YES], &[]),
    ]),
];

const RECRUITMENT_MENTOR: &[ProgrammeField] = recruitment_rows![
    optional(
        recruitment::EXPERIENCE,
        LONG_TEXT,
        "the experience they bring, kept"
    ),
    optional(
        recruitment::HOURS,
        HOURS_FIELD,
        "hours a week, kept for matching"
    ),
    optional(
        recruitment::FITS_TRAINING,
        LIKERT,
        "how the teaching fits, kept"
    ),
    optional(
        recruitment::FITS_SUPERVISION,
        LIKERT,
        "how the group supervision fits, kept"
    ),
];

/// The ids of `contract.json`, and the option values the app reads and
/// fills in.
pub mod contract {
    /// The peer's name (filled in).
    pub const PEER_NAME: &str = "peer_name";
    /// The peer-mentor's name (filled in).
    pub const MENTOR_NAME: &str = "mentor_name";
    /// The project leader's name (filled in).
    pub const LEADER_NAME: &str = "leader_name";
    /// The peer's goals (a group of [`GOAL_TEXT`], [`GOAL_HOW_WE_KNOW`]).
    pub const PEER_GOALS: &str = "peer_goals";
    /// The peer-mentor's goals (the same members).
    pub const MENTOR_GOALS: &str = "mentor_goals";
    /// A goal (member of the goal groups).
    pub const GOAL_TEXT: &str = "text";
    /// How the pair will know the goal is reached (member of the goal
    /// groups).
    pub const GOAL_HOW_WE_KNOW: &str = "how_we_know";
    /// Contact between meetings ([`YES`], [`NO`]).
    pub const CONTACT_BEYOND: &str = "contact_beyond";
    /// How often, with contact between meetings.
    pub const CONTACT_HOW_OFTEN: &str = "contact_how_often";
    /// How often the pair meets ([`WEEKLY`], [`FORTNIGHTLY`]).
    pub const MEETING_FREQUENCY: &str = "meeting_frequency";
    /// The start date.
    pub const START_DATE: &str = "start_date";
    /// Who got a coffee card ([`BOTH`], [`PEER_ONLY`], [`MENTOR_ONLY`],
    /// [`NO`]; [`YES`], from a form made before the card was one each,
    /// reads as both).
    pub const COFFEE_CARD: &str = "coffee_card";
    /// The project leader's phone number.
    pub const LEADER_PHONE: &str = "leader_phone";
    /// Where to get help out of hours or in a crisis.
    pub const CRISIS_HELP: &str = "crisis_help";
    /// The day all three signed (filled in with today; may be set earlier).
    pub const SIGNING_DATE: &str = "signing_date";
    /// The peer's signature.
    pub const SIGNATURE_PEER: &str = "signature_peer";
    /// The peer-mentor's signature.
    pub const SIGNATURE_MENTOR: &str = "signature_mentor";
    /// The project leader's signature.
    pub const SIGNATURE_LEADER: &str = "signature_leader";
    /// Yes.
    pub const YES: &str = "yes";
    /// No.
    pub const NO: &str = "no";
    /// Meeting every week.
    pub const WEEKLY: &str = "weekly";
    /// Meeting every other week.
    pub const FORTNIGHTLY: &str = "fortnightly";
    /// A coffee card each.
    pub const BOTH: &str = "both";
    /// A coffee card for the peer only.
    pub const PEER_ONLY: &str = "peer_only";
    /// A coffee card for the peer-mentor only.
    pub const MENTOR_ONLY: &str = "mentor_only";
}

const GOAL_MEMBERS: &[ProgrammeField] = {
    use contract::*;
    &[
        required(GOAL_TEXT, TEXT, "the goal, signed and hashed"),
        optional(
            GOAL_HOW_WE_KNOW,
            TEXT,
            "how the pair will know the goal is reached, signed with it",
        ),
    ]
};

const CONTRACT: &[ProgrammeField] = {
    use contract::*;
    &[
        required(
            PEER_NAME,
            TEXT,
            "the peer's name, filled in and part of the signed text",
        ),
        required(
            MENTOR_NAME,
            TEXT,
            "the peer-mentor's name, filled in and part of the signed text",
        ),
        required(
            LEADER_NAME,
            TEXT,
            "the project leader's name, filled in and used for an unnamed signature",
        ),
        required(PEER_GOALS, GROUP, "the peer's goals").members(GOAL_MEMBERS),
        required(MENTOR_GOALS, GROUP, "the peer-mentor's goals").members(GOAL_MEMBERS),
        required(CONTACT_BEYOND, CHOICE, "contact between meetings").values(&[YES, NO], &[YES, NO]),
        optional(
            CONTACT_HOW_OFTEN,
            TEXT,
            "how often they are in contact between meetings",
        ),
        required(MEETING_FREQUENCY, CHOICE, "how often the pair meets")
            .values(&[WEEKLY, FORTNIGHTLY], &[WEEKLY, FORTNIGHTLY]),
        required(START_DATE, DATE, "the start date, which sets the end date"),
        optional(COFFEE_CARD, CHOICE, "who got a coffee card (one each)")
            .values(&[BOTH, NO], &[BOTH, PEER_ONLY, MENTOR_ONLY, NO, YES]),
        optional(
            LEADER_PHONE,
            PHONE_OR_TEXT,
            "the project leader's phone, on the contract",
        ),
        optional(
            CRISIS_HELP,
            LONG_TEXT,
            "where to get help out of hours or in a crisis, on the contract",
        ),
        optional(
            SIGNING_DATE,
            DATE,
            "the day all three signed (today unless set earlier)",
        ),
        required(SIGNATURE_PEER, SIGNATURE, "the peer's signature"),
        required(SIGNATURE_MENTOR, SIGNATURE, "the peer-mentor's signature"),
        required(
            SIGNATURE_LEADER,
            SIGNATURE,
            "the project leader's signature",
        ),
    ]
};

/// The ids of `exit.json`, and the option values the app reads and fills
/// in.
pub mod exit {
    /// The day of the conversation (filled in with today; may be set
    /// earlier).
    pub const EXIT_DATE: &str = "exit_date";
    /// Who takes part (filled in).
    pub const PARTICIPANTS: &str = "participants";
    /// The contract's goals, followed up (a group of [`FOLLOWUP_OWNER`],
    /// [`FOLLOWUP_TEXT`], [`FOLLOWUP_OUTCOME`], [`FOLLOWUP_NOTE`]).
    pub const GOAL_FOLLOWUP: &str = "goal_followup";
    /// Whose goal ([`OWNER_PEER`], [`OWNER_MENTOR`]; filled in).
    pub const FOLLOWUP_OWNER: &str = "owner";
    /// The goal (filled in).
    pub const FOLLOWUP_TEXT: &str = "text";
    /// Whether it was reached ([`REACHED`], [`PARTLY`], [`NOT_REACHED`]).
    pub const FOLLOWUP_OUTCOME: &str = "outcome";
    /// A note on the goal.
    pub const FOLLOWUP_NOTE: &str = "note";
    /// What the relationship meant to the peer.
    pub const MEANING_PEER: &str = "meaning_peer";
    /// What the relationship meant to the peer-mentor.
    pub const MEANING_MENTOR: &str = "meaning_mentor";
    /// What next for the peer (several picks).
    pub const WHAT_NEXT_PEER: &str = "what_next_peer";
    /// The peer's "other", written.
    pub const WHAT_NEXT_PEER_OTHER: &str = "what_next_peer_other";
    /// What next for the peer-mentor (several picks).
    pub const WHAT_NEXT_MENTOR: &str = "what_next_mentor";
    /// The peer-mentor's "other", written.
    pub const WHAT_NEXT_MENTOR_OTHER: &str = "what_next_mentor_other";
    /// Whether the coffee card was returned ([`YES`], [`NO`]).
    pub const COFFEE_CARD_RETURNED: &str = "coffee_card_returned";
    /// A note on the after-measurement.
    pub const MEASUREMENT_NOTE: &str = "measurement_note";
    /// The peer's goal.
    pub const OWNER_PEER: &str = "peer";
    /// The peer-mentor's goal.
    pub const OWNER_MENTOR: &str = "mentor";
    /// Reached.
    pub const REACHED: &str = "reached";
    /// Partly reached.
    pub const PARTLY: &str = "partly";
    /// Not reached.
    pub const NOT_REACHED: &str = "not_reached";
    /// A new match: the person waits for one.
    pub const NEW_MATCH: &str = "new_match";
    /// Café duty.
    pub const CAFE_DUTY: &str = "cafe_duty";
    /// Becoming a peer-mentor.
    pub const BECOME_MENTOR: &str = "become_mentor";
    /// Coordinating an activity.
    pub const COORDINATE: &str = "coordinate";
    /// A break: still in the programme.
    pub const PAUSE: &str = "pause";
    /// Stopping: leaves the programme.
    pub const STOP: &str = "stop";
    /// Does not know yet.
    pub const DONT_KNOW: &str = "dont_know";
    /// Something else (written in the `…_other` field).
    pub const OTHER: &str = "other";
    /// Yes.
    pub const YES: &str = "yes";
    /// No.
    pub const NO: &str = "no";
}

const WHAT_NEXT: &[&str] = {
    use exit::*;
    &[
        NEW_MATCH,
        CAFE_DUTY,
        BECOME_MENTOR,
        COORDINATE,
        PAUSE,
        STOP,
        DONT_KNOW,
        OTHER,
    ]
};

const EXIT: &[ProgrammeField] = {
    use exit::*;
    &[
        optional(
            EXIT_DATE,
            DATE,
            "the day of the conversation (today unless set earlier)",
        ),
        optional(PARTICIPANTS, TEXT, "who takes part, filled in and kept"),
        required(GOAL_FOLLOWUP, GROUP, "the contract's goals, followed up").members(&[
            required(FOLLOWUP_OWNER, CHOICE, "whose goal, filled in")
                .values(&[OWNER_PEER, OWNER_MENTOR], &[]),
            required(FOLLOWUP_TEXT, TEXT, "the goal, filled in"),
            required(FOLLOWUP_OUTCOME, LIKERT, "whether the goal was reached")
                .values(&[], &[REACHED, PARTLY, NOT_REACHED]),
            optional(FOLLOWUP_NOTE, LONG_TEXT, "a note on the goal"),
        ]),
        optional(
            MEANING_PEER,
            LONG_TEXT,
            "what the relationship meant to the peer",
        ),
        optional(
            MEANING_MENTOR,
            LONG_TEXT,
            "what the relationship meant to the peer-mentor",
        ),
        required(
            WHAT_NEXT_PEER,
            PICKS,
            "what next for the peer; \"new_match\" puts them on the waiting list, only \"stop\" ends their part",
        )
        .values(&[NEW_MATCH], WHAT_NEXT),
        optional(WHAT_NEXT_PEER_OTHER, TEXT, "the peer's \"other\", written"),
        required(
            WHAT_NEXT_MENTOR,
            PICKS,
            "what next for the peer-mentor; \"new_match\" puts them on the waiting list, only \"stop\" ends their part",
        )
        .values(&[NEW_MATCH], WHAT_NEXT),
        optional(
            WHAT_NEXT_MENTOR_OTHER,
            TEXT,
            "the peer-mentor's \"other\", written",
        ),
        optional(
            MEASUREMENT_NOTE,
            LONG_TEXT,
            "a note on the after-measurement, kept with the exit",
        ),
        optional(
            COFFEE_CARD_RETURNED,
            CHOICE,
            "whether the coffee card was returned",
        )
        .values(&[YES], &[YES, NO]),
    ]
};

/// The ids of `participant.json` (correcting a participant's details).
/// Every one is needed: the form is filled in with what is on record, and
/// saving it writes every detail back, so a missing field would erase
/// that detail.
pub mod participant {
    /// The name.
    pub const NAME: &str = "name";
    /// The CPR number.
    pub const CPR: &str = "cpr";
    /// The phone number.
    pub const PHONE: &str = "phone";
    /// The e-mail address.
    pub const EMAIL: &str = "email";
    /// Other contact.
    pub const CONTACT_OTHER: &str = "contact_other";
}

const PARTICIPANT: &[ProgrammeField] = {
    use participant::*;
    &[
        required(NAME, TEXT, "the participant's name"),
        required(CPR, CPR_FIELD, "the CPR number; left empty, it is removed"),
        required(PHONE, PHONE_FIELD, "the phone number"),
        required(EMAIL, EMAIL_FIELD, "the e-mail address"),
        required(CONTACT_OTHER, LONG_TEXT, "other contact"),
    ]
};

/// The key of a measurement step's fields ([`crate::with_measurement`]):
/// `before_m1` for the first instrument measured, or with `whose`
/// (`peer`, `mentor`) `after_peer_m1`. By the instrument's place
/// (0-based), not its id: two versions of one id, or ids that differ only
/// in punctuation, never meet, and a long id never makes a field id too
/// long.
///
/// ```
/// use lokalform_programme::{form_ids::measurement_key, When};
/// assert_eq!(measurement_key(When::Before, None, 0), "before_m1");
/// assert_eq!(measurement_key(When::After, Some("mentor"), 1), "after_mentor_m2");
/// ```
pub fn measurement_key(when: When, whose: Option<&str>, position: usize) -> String {
    let when = match when {
        When::Before => "before",
        When::After => "after",
    };
    match whose {
        Some(w) => format!("{when}_{w}_m{}", position + 1),
        None => format!("{when}_m{}", position + 1),
    }
}

/// The beginnings of the ids [`measurement_key`] makes, before the
/// instrument's place.
const MEASUREMENT_PREFIXES: [&str; 4] = ["before_m", "after_m", "after_peer_m", "after_mentor_m"];

/// Whether `id` could be one of the ids of a measurement step the app
/// adds (a key of [`measurement_key`] and what follows it): a form the
/// app adds steps to must not use it.
///
/// ```
/// use lokalform_programme::form_ids::is_measurement_id;
/// assert!(is_measurement_id("before_m1_3"));
/// assert!(is_measurement_id("after_peer_m2_note"));
/// assert!(!is_measurement_id("before_meeting"));
/// assert!(!is_measurement_id("measurement_note"));
/// ```
pub fn is_measurement_id(id: &str) -> bool {
    MEASUREMENT_PREFIXES.iter().any(|prefix| {
        id.strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// Checks that `form` has what the app reads from programme form
/// `which`: every needed id (and the needed members of a group that is
/// there), each id there with one of its types and the option values
/// the app needs or knows, and no id of the measurement steps the app
/// adds. Every problem is returned, with the path of the field where
/// there is one, in English for the developer or web editor:
///
/// - `field "start_date" is missing: <lokal-programme> reads it (the start date, which sets the end date); keep the id when you edit the form`
/// - `steps[3].fields[2].type: field "start_date" must be a date field, not text: <lokal-programme> reads it (the start date, which sets the end date)`
/// - `steps[3].fields[0].options: field "meeting_frequency" has no option "weekly": <lokal-programme> needs it (how often the pair meets)`
///
/// An optional id that is absent is not a problem ([`absent_optional`]
/// lists them).
///
/// ```
/// use lokalform_forms::schema::Form;
/// use lokalform_programme::form_ids::{check_programme_form, ProgrammeForm};
/// let form = Form::from_json(r#"{"id": "participant", "version": 1, "title": {"da": "Ret"},
///   "fields": [{"id": "name", "type": "textarea", "label": {"da": "Navn"}},
///              {"id": "cpr", "type": "text", "label": {"da": "CPR"}}]}"#).unwrap();
/// let problems: Vec<String> = check_programme_form(ProgrammeForm::Participant, &form)
///     .unwrap_err().iter().map(ToString::to_string).collect();
/// assert_eq!(problems[0],
///     "fields[1].type: field \"cpr\" must be a cpr field, not text: <lokal-programme> reads it (the CPR number; left empty, it is removed)");
/// assert!(problems[1].starts_with("field \"phone\" is missing"));
/// ```
pub fn check_programme_form(which: ProgrammeForm, form: &Form) -> Result<(), Vec<Problem>> {
    let mut problems = Vec::new();
    let paths: Vec<String> = (0..form.fields.len()).map(|i| form.field_path(i)).collect();
    check_fields(
        which.fields(),
        &form.fields,
        &paths,
        "",
        None,
        &mut problems,
    );
    if which.gets_measurements() {
        // Top-level ids only: a group member's id is its own within an item.
        for (field, path) in form.fields.iter().zip(&paths) {
            if is_measurement_id(&field.id) {
                problems.push(Problem::new(
                    format!("{path}.id"),
                    format!(
                        "\"{}\" looks like an id of the measurement steps <lokal-programme> adds (ids beginning with {}, then a digit); choose another id",
                        field.id,
                        MEASUREMENT_PREFIXES.join(", ")
                    ),
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Checks `fields` (with their `paths`) against the table's `rows`;
/// `prefix` (`contacts.`) and `group_path` name the group when these are
/// its members.
fn check_fields(
    rows: &[ProgrammeField],
    fields: &[Field],
    paths: &[String],
    prefix: &str,
    group_path: Option<&str>,
    problems: &mut Vec<Problem>,
) {
    for row in rows {
        let name = format!("{prefix}{}", row.id);
        let Some(i) = fields.iter().position(|f| f.id == row.id) else {
            if row.need == Need::Required {
                problems.push(Problem::new(
                    group_path.map_or(String::new(), |p| format!("{p}.fields")),
                    format!(
                        "field \"{name}\" is missing: <lokal-programme> reads it ({}); keep the id when you edit the form",
                        row.purpose
                    ),
                ));
            }
            continue;
        };
        let (field, path) = (&fields[i], &paths[i]);
        if !row.kinds.contains(&field.kind) {
            let kinds: Vec<&str> = row.kinds.iter().map(|k| k.name()).collect();
            problems.push(Problem::new(
                format!("{path}.type"),
                format!(
                    "field \"{name}\" must be a {} field, not {}: <lokal-programme> reads it ({})",
                    kinds.join(" or "),
                    field.kind.name(),
                    row.purpose
                ),
            ));
            continue;
        }
        for value in row.values.needed {
            if field.option(value).is_none() {
                problems.push(Problem::new(
                    format!("{path}.options"),
                    format!(
                        "field \"{name}\" has no option \"{value}\": <lokal-programme> needs it ({})",
                        row.purpose
                    ),
                ));
            }
        }
        if !row.values.known.is_empty() {
            for (j, option) in field.options.iter().enumerate() {
                if !row.values.known.contains(&option.value.as_str()) {
                    problems.push(Problem::new(
                        format!("{path}.options[{j}].value"),
                        format!(
                            "field \"{name}\" has option \"{}\", which <lokal-programme> does not know: it reads only {} ({})",
                            option.value,
                            quoted(row.values.known),
                            row.purpose
                        ),
                    ));
                }
            }
        }
        if !row.members.is_empty() {
            let member_paths: Vec<String> = (0..field.fields.len())
                .map(|j| format!("{path}.fields[{j}]"))
                .collect();
            check_fields(
                row.members,
                &field.fields,
                &member_paths,
                &format!("{name}."),
                Some(path),
                problems,
            );
        }
    }
}

/// `"a", "b" or "c"`.
fn quoted(values: &[&str]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

/// The optional ids of programme form `which` that `form` lacks, as
/// `contacts` or `contacts.place` (a member only when its group is
/// there), each with what the app does with it: the app leaves that part
/// empty. A renamed optional id shows up here, so `cargo xtask
/// check-form` notes each one.
///
/// ```
/// use lokalform_forms::schema::Form;
/// use lokalform_programme::form_ids::{absent_optional, ProgrammeForm};
/// let json = std::fs::read_to_string("../../forms/recruitment-mentor.json").unwrap();
/// let form = Form::from_json(&json).unwrap();
/// assert_eq!(absent_optional(ProgrammeForm::RecruitmentMentor, &form), []);
/// // A municipality renames the question about motivation:
/// let json = json.replace("\"motivation\"", "\"motivering\"");
/// assert_eq!(absent_optional(ProgrammeForm::RecruitmentMentor, &Form::from_json(&json).unwrap()),
///     [("motivation".to_string(), "why they want to take part, kept")]);
/// ```
pub fn absent_optional(which: ProgrammeForm, form: &Form) -> Vec<(String, &'static str)> {
    type Out = Vec<(String, &'static str)>;
    fn walk(rows: &'static [ProgrammeField], fields: &[Field], prefix: &str, out: &mut Out) {
        for row in rows {
            match fields.iter().find(|f| f.id == row.id) {
                None if row.need == Need::Optional => {
                    out.push((format!("{prefix}{}", row.id), row.purpose))
                }
                None => {}
                Some(f) => walk(row.members, &f.fields, &format!("{prefix}{}.", row.id), out),
            }
        }
    }
    let mut out = Vec::new();
    walk(which.fields(), &form.fields, "", &mut out);
    out
}

/// The table as Markdown, one section per form, for `docs/programme.md`
/// (a test checks that the docs hold exactly this).
///
/// ```
/// let text = lokalform_programme::form_ids::markdown();
/// assert!(text.contains("| `start_date` | date | yes | the start date, which sets the end date |"));
/// ```
pub fn markdown() -> String {
    let mut out = String::new();
    let mut forms: Vec<(Vec<ProgrammeForm>, &[ProgrammeField])> = Vec::new();
    for which in ProgrammeForm::ALL {
        match forms.iter_mut().find(|(_, rows)| *rows == which.fields()) {
            Some((names, _)) => names.push(which),
            None => forms.push((vec![which], which.fields())),
        }
    }
    for (names, rows) in forms {
        let files: Vec<String> = names
            .iter()
            .map(|f| format!("`{}.json`", f.name()))
            .collect();
        out.push_str(&format!("**{}**", files.join(", ")));
        if rows.is_empty() {
            out.push_str(": no ids; the app only adds its measurement steps.\n\n");
            continue;
        }
        out.push_str("\n\n| id | type | needed | what the app does with it | options |\n|---|---|---|---|---|\n");
        fn rows_of(rows: &[ProgrammeField], prefix: &str, out: &mut String) {
            for row in rows {
                let kinds: Vec<&str> = row.kinds.iter().map(|k| k.name()).collect();
                let (needed, known) = (row.values.needed, row.values.known);
                let mut options = Vec::new();
                if !needed.is_empty() && needed == known {
                    options.push(format!("exactly {}", backticked(needed)));
                } else {
                    if !needed.is_empty() {
                        options.push(format!("needs {}", backticked(needed)));
                    }
                    if !known.is_empty() {
                        options.push(format!("only {}", backticked(known)));
                    }
                }
                out.push_str(&format!(
                    "| `{prefix}{}` | {} | {} | {} | {} |\n",
                    row.id,
                    kinds.join(" or "),
                    match row.need {
                        Need::Required => "yes",
                        Need::Optional => "no",
                    },
                    row.purpose,
                    options.join("; ")
                ));
                rows_of(row.members, &format!("{prefix}{}[].", row.id), out);
            }
        }
        rows_of(rows, "", &mut out);
        out.push('\n');
    }
    out.push_str(&format!(
        "The forms that get measurement steps (recruitment, exit, measurement) must not use ids beginning with {}, then a digit.\n",
        backticked(&MEASUREMENT_PREFIXES)
    ));
    out
}

/// `` `a`, `b` `` for Markdown.
fn backticked(values: &[&str]) -> String {
    let list: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
    list.join(", ")
}
