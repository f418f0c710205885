//! From the programme's shipped forms to its model, and back: the
//! measurement step added to a form, the recruitment form's answers as a
//! [`Participant`], the contract's as a [`Contract`], the exit
//! conversation's as an [`Exit`], and the answers that prefill the
//! contract and exit forms from the [`Registry`].
//!
//! Everything here is pure: a form in, a form out; answers in, model out.
//! The widget shows the forms with the form engine and keeps the result.
//!
//! The field ids read are the constants of [`crate::form_ids`], whose
//! table [`crate::check_programme_form`] checks a definition against; a
//! municipality that edits the forms keeps those ids.
//!
//! The measurement step's field ids are listed at [`with_measurement`].

use super::{
    CoffeeCard, Contact, Contract, Exit, Expectation, FollowUp, Frequency, Measurement, Next,
    Outcome, Participant, Party, Pick, Place, ProgrammeError, Recruitment, Registry, Role, Signed,
    Status, When, Wish,
};
use crate::form_ids::{contract, exit, participant, recruitment};
use lokalform_forms::answers::{Answers, Value};
use lokalform_forms::instruments::{localise, Instrument};
use lokalform_forms::schema::{Condition, Field, FieldKind, Form, Lang, Problem, Step, Text};
use lokalform_text::date::Date;
use std::fmt;

/// The recruitment form's consent to the evaluation. Measurements are
/// taken from the recruitment answers only when it was given: the form
/// says the before- and after-measurements are part of the evaluation,
/// and that taking part in it is voluntary. Its answer becomes
/// [`Participant::consent_evaluation`].
pub const EVALUATION_CONSENT: &str = recruitment::CONSENT_EVALUATION;

/// Between a contract goal and how the pair will know it is reached, in
/// the goal's text: the contract form asks both, the [`Contract`] keeps one
/// text per goal, and that text is what is signed and hashed.
pub const GOAL_SIGN_SEPARATOR: &str = " – Sådan ser vi, at målet er nået: ";

pub use lokalform_forms::instruments::item_field;

/// The id of the note in the measurement step added under `key`:
/// `{key}_note`.
///
/// ```
/// assert_eq!(lokalform_programme::note_field("after_peer"), "after_peer_note");
/// ```
pub fn note_field(key: &str) -> String {
    format!("{key}_note")
}

/// The fields of the measurement step (ids as listed at [`with_measurement`]).
fn measurement_fields(instrument: &Instrument, key: &str, english: bool) -> Vec<Field> {
    let t = |text: &Text| localise(text, english);
    let default_intro = Text {
        da: format!(
            "Spørgsmålene er fra {}. Svar ud fra, hvordan det er lige nu. Du kan springe et spørgsmål over.",
            instrument.title.da
        ),
        en: Some(format!(
            "The questions are from {}. Answer as things are now. You can skip a question.",
            instrument.title.get(Lang::En)
        )),
    };
    let mut fields = vec![Field {
        id: format!("{key}_info"),
        kind: FieldKind::Info,
        label: t(instrument.intro.as_ref().unwrap_or(&default_intro)),
        // The translation note and the evaluation note are for workers
        // and evaluators (instruments and reports screens), never for the
        // person answering.
        help: None,
        ..Field::default()
    }];
    fields.extend(instrument.item_fields(key, english));
    fields.push(Field {
        id: note_field(key),
        kind: FieldKind::Textarea,
        label: t(&Text {
            da: "Note til målingen".into(),
            en: Some("A note on the measurement".into()),
        }),
        help: Some(t(&Text {
            da: "Fx \"udfyldt på en dårlig dag\", eller hvorfor et spørgsmål ikke er besvaret. Noten står ved tallene, så de kan læses rigtigt.".into(),
            en: Some("For example \"filled in on a bad day\", or why a question was left unanswered. The note is kept with the figures, so they can be read the right way.".into()),
        })),
        max_length: Some(1000),
        ..Field::default()
    });
    fields
}

/// A copy of `form` with one more step, titled `title`, that asks
/// `instrument`'s items: an info block with the instructions (the
/// instrument's `intro`, or a short default) and its translation note, a
/// heading per subscale (when each subscale's items come together), one
/// field per item and a note.
///
/// Their ids are made from a `key` the caller chooses (`before`,
/// `after_peer`, `before_mhrm`, …; one key per instrument in one form) and
/// the item's *position*, not its id: an item id may be 64 characters long
/// or be `note`, and neither must break or collide with the form's ids.
///
/// | id | field |
/// |---|---|
/// | `{key}_info` | info: the instrument's instructions; its translation note as help |
/// | `{key}_part{n}` | heading of subscale `n` (1-based, the instrument's order), when each subscale's items come together |
/// | `{key}_{n}` | item `n` (1-based, [`item_field`]): the answer is the scale value as text |
/// | `{key}_note` | textarea: a note beside the numbers ([`note_field`]) |
///
/// [`measurement_from`] reads them back with the same instrument and key.
///
/// - Where: before the last step when the form has several steps and the
///   last one holds a consent field (the recruitment forms end with the
///   consents); at the end otherwise. Called again for another
///   instrument, the step goes after the first one.
/// - No item is required: a missing item is allowed, and the score says
///   which are missing. Nothing is aggregated: a person's answers to an
///   instrument only leave the device in a cohort's figures.
/// - Items are radio buttons with the scale's labels and values; a scale
///   with more than [`MAX_OPTIONS`](lokalform_forms::schema::MAX_OPTIONS) options is a 0–100 line when it is
///   exactly 0–100, else a whole number between its ends.
/// - Languages: the form's. When the form is in English too and the
///   instrument has no English text, the Danish is shown in English as
///   well (as [`Text::get`] would).
/// - A one-page form becomes a form with steps; its page is titled with
///   the form's title.
///
/// The result is checked as [`Form::from_json`] checks a definition
/// ([`Form::check`]); every problem is returned instead of the form, e.g.
/// an id that is taken already (use another `key`), a `key` that is not an
/// identifier or too long for the ids made from it (ids have at most 64
/// characters; a key of up to 56 always fits), or more fields than a form
/// may have.
///
/// ```
/// use lokalform_forms::instruments::Instrument;
/// use lokalform_programme::with_measurement;
/// use lokalform_forms::schema::{FieldKind, Form, Text};
/// let form = Form::from_json(r#"{"id": "x", "version": 1, "languages": ["da", "en"],
///   "title": {"da": "Samtale", "en": "Conversation"},
///   "steps": [{"title": {"da": "Om dig", "en": "About you"},
///              "fields": [{"id": "name", "type": "text", "label": {"da": "Navn", "en": "Name"}}]},
///             {"title": {"da": "Samtykke", "en": "Consent"},
///              "fields": [{"id": "ok", "type": "consent", "consent_version": "1",
///                          "label": {"da": "Ja tak", "en": "Yes please"}}]}]}"#).unwrap();
/// let lsns = Instrument::lsns6();
/// let title = Text { da: "Førmåling".into(), en: Some("Before-measurement".into()) };
/// let with = with_measurement(&form, &lsns, "before", &title).unwrap();
/// assert_eq!(with.steps.len(), 3);
/// assert_eq!(with.steps[1].title.as_ref(), Some(&title)); // before the consent
/// let item = with.field("before_1").unwrap();
/// assert_eq!(item.kind, FieldKind::Choice);
/// assert_eq!(item.options.len(), 6);
/// assert!(!item.required && !item.aggregate);
/// assert!(with.field("before_note").is_some());
/// // The same key twice: the ids are taken.
/// assert!(with_measurement(&with, &lsns, "before", &title).is_err());
/// ```
pub fn with_measurement(
    form: &Form,
    instrument: &Instrument,
    key: &str,
    title: &Text,
) -> Result<Form, Vec<Problem>> {
    insert_measurement(form, instrument, key, title, None)
}

/// Like [`with_measurement`], but asked only of someone who agreed to the
/// evaluation: the step goes last (after the consent it depends on), each
/// of its fields shows only when the consent field `consent` is answered,
/// and otherwise one line (`{key}_skipped`) says the measurement is
/// skipped. So no measurement is ever typed in and then dropped.
///
/// ```
/// use lokalform_forms::instruments::Instrument;
/// use lokalform_programme::{with_consented_measurement, EVALUATION_CONSENT};
/// use lokalform_forms::schema::{Form, Text};
/// let form = Form::from_json(&std::fs::read_to_string("../../forms/recruitment-peer.json").unwrap()).unwrap();
/// let title = Text { da: "Førmåling".into(), en: Some("Before-measurement".into()) };
/// let with = with_consented_measurement(&form, &Instrument::lsns6(), "before", &title, EVALUATION_CONSENT).unwrap();
/// assert_eq!(with.steps.last().unwrap().title.as_ref(), Some(&title));
/// assert!(with.field("before_1").unwrap().visible_if.is_some());
/// assert!(with.field("before_skipped").is_some());
/// ```
pub fn with_consented_measurement(
    form: &Form,
    instrument: &Instrument,
    key: &str,
    title: &Text,
    consent: &str,
) -> Result<Form, Vec<Problem>> {
    insert_measurement(form, instrument, key, title, Some(consent))
}

/// The step of [`with_measurement`] (`consent: None`) or of
/// [`with_consented_measurement`].
fn insert_measurement(
    form: &Form,
    instrument: &Instrument,
    key: &str,
    title: &Text,
    consent: Option<&str>,
) -> Result<Form, Vec<Problem>> {
    let english = form.languages.contains(&Lang::En);
    let mut fields = measurement_fields(instrument, key, english);
    if let Some(consent) = consent {
        let given = |answered| Condition::Answered {
            field: consent.to_string(),
            answered,
        };
        for f in &mut fields {
            f.visible_if = Some(given(true));
        }
        fields.insert(
            0,
            Field {
                id: format!("{key}_skipped"),
                kind: FieldKind::Info,
                label: localise(
                    &Text {
                        da: "Uden samtykke til evalueringen springer vi målingen over. Gå bare videre.".into(),
                        en: Some("Without consent to the evaluation we skip the measurement. Just go on.".into()),
                    },
                    english,
                ),
                visible_if: Some(given(false)),
                ..Field::default()
            },
        );
    }
    let n = fields.len();
    let mut out = form.clone();
    if !out.stepped {
        out.stepped = true;
        for step in out.steps.iter_mut().filter(|s| s.title.is_none()) {
            step.title = Some(out.title.clone());
        }
    }
    let last = out.steps.len().saturating_sub(1);
    let before_last = consent.is_none()
        && out.steps.len() > 1
        && out
            .step_fields(last)
            .iter()
            .any(|f| f.kind == FieldKind::Consent);
    let (at_step, at) = if before_last {
        (last, out.steps[last].start)
    } else {
        (out.steps.len(), out.fields.len())
    };
    out.fields.splice(at..at, fields);
    for step in &mut out.steps[at_step..] {
        step.start += n;
        step.end += n;
    }
    out.steps.insert(
        at_step,
        Step {
            title: Some(localise(title, english)),
            intro: None,
            start: at,
            end: at + n,
        },
    );
    let problems = out.check();
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The measurement in `answers` to the step [`with_measurement`] added for
/// `instrument` under `key`: each answered item as `(item id, value)`, in
/// the instrument's order, and the note. `None` when no item is answered
/// and there is no note. An unanswered item is simply absent; scoring
/// ([`Measurement::score`]) then says it is missing and gives a total only
/// as the definition allows.
///
/// ```
/// use lokalform_forms::answers::{Answers, Value};
/// use lokalform_text::date::Date;
/// use lokalform_forms::instruments::Instrument;
/// use lokalform_programme::{measurement_from, When};
/// let lsns = Instrument::lsns6();
/// let date = Date::new(2026, 8, 1).unwrap();
/// let mut a = Answers::default();
/// assert_eq!(measurement_from(&a, &lsns, "before", When::Before, date), None);
/// a.set("before_1", Value::Text("3".into()));
/// a.set("before_note", Value::Text("Udfyldt på en dårlig dag".into()));
/// let m = measurement_from(&a, &lsns, "before", When::Before, date).unwrap();
/// assert_eq!(m.answers, [("family_see".to_string(), 3)]);
/// let score = m.score(&lsns).unwrap();
/// assert_eq!(score.total, None); // a sum needs every item
/// assert_eq!(score.missing.len(), 5);
/// ```
pub fn measurement_from(
    answers: &Answers,
    instrument: &Instrument,
    key: &str,
    when: When,
    date: Date,
) -> Option<Measurement> {
    let values = instrument.answers_in(answers, key);
    let note = answers.text(&note_field(key)).trim().to_string();
    if values.is_empty() && note.is_empty() {
        return None;
    }
    Some(Measurement {
        instrument: instrument.id.clone(),
        version: instrument.version,
        when,
        date,
        answers: values,
        note,
    })
}

fn trimmed(answers: &Answers, id: &str) -> String {
    answers.text(id).trim().to_string()
}

/// The picks of a multiple-choice answer (one pick for a text).
fn picks(answers: &Answers, id: &str) -> Vec<String> {
    match answers.get(id) {
        Some(Value::List(l)) => l.clone(),
        Some(Value::Text(t)) if !t.trim().is_empty() => vec![t.clone()],
        _ => Vec::new(),
    }
}

/// How else to reach someone: their own words, their address, and the
/// contact persons the project leader may contact; one a line.
fn other_contact(answers: &Answers) -> String {
    let mut lines = Vec::new();
    let other = trimmed(answers, recruitment::CONTACT_OTHER);
    if !other.is_empty() {
        lines.push(other);
    }
    let town = [
        trimmed(answers, recruitment::POSTAL_CODE),
        trimmed(answers, recruitment::CITY),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" ");
    let address = [trimmed(answers, recruitment::ADDRESS), town]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    if !address.is_empty() {
        lines.push(format!("Adresse: {address}"));
    }
    for person in answers
        .get(recruitment::CONTACTS)
        .map_or(&[][..], Value::items)
    {
        let name = trimmed(person, recruitment::CONTACT_NAME);
        if person.text(recruitment::CONTACT_MAY_CONTACT) != recruitment::YES || name.is_empty() {
            continue;
        }
        let mut line = format!("Kontaktperson: {name}");
        let place = trimmed(person, recruitment::CONTACT_PLACE);
        if !place.is_empty() {
            line.push_str(&format!(" ({place})"));
        }
        let phone = trimmed(person, recruitment::CONTACT_PHONE);
        if !phone.is_empty() {
            line.push_str(&format!(", tlf. {phone}"));
        }
        lines.push(line);
    }
    lines.join("\n")
}

/// The match preferences in short Danish, with the form's option labels;
/// `None` when there are none.
fn preferences(form: &Form, answers: &Answers) -> Option<String> {
    let label = |field: &str, value: &str| {
        form.field(field)
            .and_then(|f| f.option(value))
            .map_or(value.to_string(), |o| o.label.da.clone())
    };
    let mut parts = Vec::new();
    for (field, name) in [
        (recruitment::WISH_GENDER, "Køn"),
        (recruitment::WISH_AGE, "Alder"),
    ] {
        let value = answers.text(field).trim();
        if !value.is_empty() && value != recruitment::NO_PREFERENCE {
            parts.push(format!("{name}: {}", label(field, value)));
        }
    }
    let interests: Vec<String> = picks(answers, recruitment::INTERESTS)
        .iter()
        .map(|v| {
            let other = trimmed(answers, recruitment::INTERESTS_OTHER);
            if v == recruitment::OTHER && !other.is_empty() {
                format!("{}: {other}", label(recruitment::INTERESTS, v))
            } else {
                label(recruitment::INTERESTS, v)
            }
        })
        .collect();
    if !interests.is_empty() {
        parts.push(format!("Interesser: {}", interests.join(", ")));
    }
    (!parts.is_empty()).then(|| format!("{}.", parts.join(". ")))
}

/// The picks of `field` with their Danish labels from `form`; the pick
/// [`recruitment::OTHER`] with the text of `other_field`, when written, as
/// "Andet: text".
fn labelled_picks(form: &Form, answers: &Answers, field: &str, other_field: &str) -> Vec<Pick> {
    let other = trimmed(answers, other_field);
    picks(answers, field)
        .into_iter()
        .map(|value| {
            let mut label = form
                .field(field)
                .and_then(|f| f.option(&value))
                .map_or(value.clone(), |o| o.label.da.clone());
            if value == recruitment::OTHER && !other.is_empty() {
                label = format!("{label}: {other}");
            }
            Pick { value, label }
        })
        .collect()
}

/// Everything else the recruitment form asks, as [`Recruitment`] (see
/// [`participant_from_recruitment`]).
fn recruitment_answers(form: &Form, answers: &Answers) -> Recruitment {
    use recruitment as r;
    let list = |field: &str, other: &str| labelled_picks(form, answers, field, other);
    let hopes = answers
        .get(r::GOALS)
        .map_or(&[][..], Value::items)
        .iter()
        .filter_map(|item| {
            let text = trimmed(item, r::GOAL_TEXT);
            if text.is_empty() {
                return None;
            }
            let area = item.text(r::GOAL_AREA).trim();
            let label = form
                .field(r::GOALS)
                .and_then(|g| g.member(r::GOAL_AREA))
                .and_then(|f| f.option(area))
                .map(|o| o.label.da.clone());
            Some(match label {
                Some(label) => format!("{label}: {text}"),
                None => text,
            })
        })
        .collect();
    let expectations = [r::FITS_MEETINGS, r::FITS_TRAINING, r::FITS_SUPERVISION]
        .into_iter()
        .filter_map(|id| {
            let answer = list(id, "").into_iter().next()?;
            let question = form
                .field(id)
                .map_or(id.to_string(), |f| f.label.da.clone());
            Some(Expectation { question, answer })
        })
        .collect();
    Recruitment {
        form: form.id.clone(),
        version: form.version,
        support: list(r::SUPPORT, r::SUPPORT_OTHER),
        heard_from: list(r::HEARD_FROM, r::HEARD_FROM_OTHER),
        motivation: trimmed(answers, r::MOTIVATION),
        experience: trimmed(answers, r::EXPERIENCE),
        hopes,
        interests: list(r::INTERESTS, r::INTERESTS_OTHER),
        days: list(r::DAYS, ""),
        times: list(r::TIMES, ""),
        hours: trimmed(answers, r::HOURS),
        availability_note: trimmed(answers, r::AVAILABILITY_NOTE),
        expectations,
        expectations_note: trimmed(answers, r::FITS_NOTE),
        decision: list(r::DECISION, "").into_iter().next(),
        decision_note: trimmed(answers, r::DECISION_NOTE),
        consent_data: Some(trimmed(answers, r::CONSENT_DATA)).filter(|v| !v.is_empty()),
    }
}

/// A participant from the answers to a recruitment form (`form`, as shown,
/// for its option labels), recruited on `date` with id `id`:
///
/// - name; CPR number only when answered (as typed, trimmed); phone and
///   e-mail; as other contact, one a line: `contact_other`, the address
///   (`Adresse: Vejlevej 1, 7100 Vejle`) and each contact person the
///   project leader may contact (`Kontaktperson: Name (place), tlf. …`).
/// - Wishes, both recorded `date` at [`Place::Other`]: the person's own
///   words (`match_note`), and when any preference was given a short
///   Danish summary of gender, age and interests in the form's labels
///   (`Køn: En kvinde. Interesser: Gå på café, Andet: strikning.`); "no
///   preference" is left out.
/// - The evaluation consent ([`Participant::consent_evaluation`]): whether
///   [`EVALUATION_CONSENT`] was answered (ticked).
/// - Before-measurements: for each `(key, instrument)` in `measurements`,
///   [`measurement_from`] with [`When::Before`], but only when the
///   evaluation consent was given; without it the answers are not kept.
/// - Status [`Status::WaitingForMatch`] (with its history event) when
///   `decision` is `yes`; [`Status::Recruited`] otherwise (wants to talk or
///   think, or not now).
///
/// - Everything else the form asks, as [`Participant::recruitment`]: the
///   form's id and version; support, how they heard, interests, days and
///   times as [`Pick`]s (value and Danish label, an "other" with its
///   text); motivation, experience, hours and the notes as written; each
///   hope as "area label: text"; each expectation question answered
///   (`fits_meetings`, `fits_training`, `fits_supervision`) with its
///   Danish question; the decision; and the version of the data consent
///   (`consent_data`) given.
///
/// Not kept: the preferred way of contact (the worker sees phone and
/// e-mail).
///
/// ```
/// use lokalform_forms::answers::{Answers, Value};
/// use lokalform_text::date::Date;
/// use lokalform_forms::instruments::Instrument;
/// use lokalform_programme::{participant_from_recruitment, Role, Status};
/// use lokalform_forms::schema::Form;
/// let form = Form::from_json(r#"{"id": "r", "version": 1, "title": {"da": "R"}, "fields": [
///   {"id": "name", "type": "text", "label": {"da": "Navn"}},
///   {"id": "decision", "type": "choice", "label": {"da": "Med?"},
///    "options": [{"value": "yes", "label": {"da": "Ja"}}, {"value": "think", "label": {"da": "Tænker"}}]}]}"#).unwrap();
/// let t = |s: &str| Value::Text(s.into());
/// let mut a = Answers::default();
/// a.set("name", t(" Ida "));
/// a.set("decision", t("yes"));
/// let lsns = Instrument::lsns6();
/// let date = Date::new(2026, 8, 1).unwrap();
/// let p = participant_from_recruitment(&form, &a, Role::Peer, "p1", date, &[("before", &lsns)]);
/// assert_eq!(p.name, "Ida");
/// assert_eq!(p.cpr, None);
/// assert_eq!(p.status, Status::WaitingForMatch);
/// assert_eq!(p.history.len(), 1);
/// assert!(!p.consent_evaluation);
/// assert!(p.measurements.is_empty());
/// a.set("consent_evaluation", t("2026-1"));
/// a.set("before_1", t("2"));
/// let p = participant_from_recruitment(&form, &a, Role::Peer, "p1", date, &[("before", &lsns)]);
/// assert!(p.consent_evaluation);
/// assert_eq!(p.measurements.len(), 1);
/// ```
pub fn participant_from_recruitment(
    form: &Form,
    answers: &Answers,
    role: Role,
    id: &str,
    date: Date,
    measurements: &[(&str, &Instrument)],
) -> Participant {
    let mut p = Participant::new(id, role, &trimmed(answers, recruitment::NAME), date);
    p.cpr = Some(trimmed(answers, recruitment::CPR)).filter(|c| !c.is_empty());
    p.contact = Contact {
        phone: trimmed(answers, recruitment::PHONE),
        email: trimmed(answers, recruitment::EMAIL),
        other: other_contact(answers),
    };
    let own_words = trimmed(answers, recruitment::MATCH_NOTE);
    let wishes = [
        Some(own_words).filter(|w| !w.is_empty()),
        preferences(form, answers),
    ];
    for text in wishes.into_iter().flatten() {
        p.wishes.push(Wish {
            text,
            match_with: None,
            date,
            place: Place::Other,
        });
    }
    p.consent_evaluation = answers
        .get(EVALUATION_CONSENT)
        .is_some_and(Value::is_answered);
    if p.consent_evaluation {
        p.measurements = measurements
            .iter()
            .filter_map(|(key, instrument)| {
                measurement_from(answers, instrument, key, When::Before, date)
            })
            .collect();
    }
    p.recruitment = Some(recruitment_answers(form, answers));
    if answers.text(recruitment::DECISION) == recruitment::YES {
        // Recruited may always become WaitingForMatch: this cannot fail.
        let _ = p.set_status(Status::WaitingForMatch, date);
    }
    p
}

/// Why the contract's answers do not make a [`Contract`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntakeError {
    /// An answer the model needs is missing: the field's id
    /// (`start_date`, `meeting_frequency`).
    Missing(&'static str),
    /// A date that cannot be read.
    BadDate {
        /// The field's id.
        field: &'static str,
        /// The text as typed.
        text: String,
    },
}

impl IntakeError {
    /// The id of the field to go back to.
    pub fn field(&self) -> &'static str {
        match self {
            IntakeError::Missing(field) | IntakeError::BadDate { field, .. } => field,
        }
    }

    /// A calm sentence saying what to do.
    ///
    /// ```
    /// use lokalform_programme::IntakeError;
    /// use lokalform_forms::schema::Lang;
    /// assert_eq!(IntakeError::Missing("meeting_frequency").message(Lang::Da),
    ///     "Vælg, hvor tit I mødes.");
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        let words = crate::words::words(lang);
        match self {
            IntakeError::Missing(contract::START_DATE) => words.missing_start_date.to_string(),
            IntakeError::Missing(contract::MEETING_FREQUENCY) => {
                words.missing_meeting_frequency.to_string()
            }
            IntakeError::Missing(field) => (words.missing_answer)(field),
            IntakeError::BadDate { text, .. } => (words.bad_date)(text),
        }
    }
}

impl fmt::Display for IntakeError {
    /// The English message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for IntakeError {}

/// The goals of a contract group: each item's text, with how the pair will
/// know it is reached after [`GOAL_SIGN_SEPARATOR`] when answered.
fn goals(answers: &Answers, id: &str) -> Vec<String> {
    answers
        .get(id)
        .map_or(&[][..], Value::items)
        .iter()
        .filter_map(|item| {
            let text = trimmed(item, contract::GOAL_TEXT);
            let how = trimmed(item, contract::GOAL_HOW_WE_KNOW);
            match (text.is_empty(), how.is_empty()) {
                (true, _) => None,
                (false, true) => Some(text),
                (false, false) => Some(format!("{text}{GOAL_SIGN_SEPARATOR}{how}")),
            }
        })
        .collect()
}

/// The goals as the contract form's group items.
fn goal_items(goals: &[String]) -> Value {
    Value::Items(
        goals
            .iter()
            .map(|goal| {
                let mut item = Answers::default();
                let (text, how) = goal
                    .split_once(GOAL_SIGN_SEPARATOR)
                    .unwrap_or((goal.as_str(), ""));
                item.set(contract::GOAL_TEXT, Value::Text(text.to_string()));
                if !how.is_empty() {
                    item.set(contract::GOAL_HOW_WE_KNOW, Value::Text(how.to_string()));
                }
                item
            })
            .collect(),
    )
}

fn text_value(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// The contract form's yes or no.
fn yes(b: bool) -> Value {
    text_value(if b { contract::YES } else { contract::NO })
}

/// The pair and its two participants.
fn pair_people<'a>(
    registry: &'a Registry,
    pair: &str,
) -> Result<(&'a super::Pair, &'a Participant, &'a Participant), ProgrammeError> {
    let p = registry
        .pair(pair)
        .ok_or_else(|| ProgrammeError::UnknownPair(pair.to_string()))?;
    let person = |id: &str| {
        registry
            .participant(id)
            .ok_or_else(|| ProgrammeError::UnknownParticipant(id.to_string()))
    };
    Ok((p, person(&p.peer)?, person(&p.mentor)?))
}

/// Answers that start the contract form for `pair`: the peer's and the
/// mentor's names from the registry and `leader` as the project leader's
/// (when not blank). When the pair has a contract already (it is being
/// redone), everything agreed in it too: goals, contact, frequency, start
/// date (`dd.mm.åååå`, as the date field is typed), duration and coffee
/// card. Never the two agreements to tick or the signatures: a changed
/// contract is agreed and signed anew.
///
/// ```
/// use lokalform_text::date::Date;
/// use lokalform_programme::{contract_prefill, Participant, Registry, Role};
/// let d = Date::new(2026, 8, 1).unwrap();
/// let mut reg = Registry::default();
/// reg.recruit(Participant::new("p1", Role::Peer, "Ida", d)).unwrap();
/// reg.recruit(Participant::new("m1", Role::Mentor, "Ole", d)).unwrap();
/// reg.wait_for_match("p1", d).unwrap();
/// reg.wait_for_match("m1", d).unwrap();
/// reg.form_pair("pair1", "p1", "m1", d).unwrap();
/// let a = contract_prefill(&reg, "pair1", "Mette").unwrap();
/// assert_eq!(a.to_json(), r#"{"peer_name":"Ida","mentor_name":"Ole","leader_name":"Mette"}"#);
/// assert!(contract_prefill(&reg, "pair9", "Mette").is_err());
/// ```
pub fn contract_prefill(
    registry: &Registry,
    pair: &str,
    leader: &str,
) -> Result<Answers, ProgrammeError> {
    let (p, peer, mentor) = pair_people(registry, pair)?;
    let mut a = Answers::default();
    a.set(contract::PEER_NAME, text_value(&peer.name));
    a.set(contract::MENTOR_NAME, text_value(&mentor.name));
    if !leader.trim().is_empty() {
        a.set(contract::LEADER_NAME, text_value(leader.trim()));
    }
    if let Some(c) = &p.contract {
        if !c.peer_goals.is_empty() {
            a.set(contract::PEER_GOALS, goal_items(&c.peer_goals));
        }
        if !c.mentor_goals.is_empty() {
            a.set(contract::MENTOR_GOALS, goal_items(&c.mentor_goals));
        }
        a.set(contract::CONTACT_BEYOND, yes(c.contact_between_meetings));
        if c.contact_between_meetings && !c.contact_how_often.is_empty() {
            a.set(
                contract::CONTACT_HOW_OFTEN,
                text_value(&c.contact_how_often),
            );
        }
        a.set(
            contract::MEETING_FREQUENCY,
            text_value(match c.frequency {
                Frequency::Weekly => contract::WEEKLY,
                Frequency::Fortnightly => contract::FORTNIGHTLY,
            }),
        );
        a.set(contract::START_DATE, text_value(&c.start.danish()));
        a.set(
            contract::COFFEE_CARD,
            text_value(match c.coffee_card {
                CoffeeCard::Both => contract::BOTH,
                CoffeeCard::PeerOnly => contract::PEER_ONLY,
                CoffeeCard::MentorOnly => contract::MENTOR_ONLY,
                CoffeeCard::Neither => contract::NO,
            }),
        );
        for (field, value) in [
            (contract::LEADER_PHONE, &c.leader_phone),
            (contract::CRISIS_HELP, &c.crisis_help),
        ] {
            if !value.is_empty() {
                a.set(field, text_value(value));
            }
        }
    }
    Ok(a)
}

/// The contract in the contract form's answers:
///
/// - start: `start_date`, as typed (`dd.mm.åååå` and the other ways
///   [`Date::parse_danish`] reads); missing or unreadable is an error.
/// - frequency: `meeting_frequency` (`weekly`, `fortnightly`); required by
///   the shipped form, and missing is an error here too.
/// - never extended: the extension is agreed later, when the six months
///   near ([`Registry::extend`]).
/// - goals: each item of `peer_goals` / `mentor_goals` with a text; its
///   `how_we_know`, when answered, follows after [`GOAL_SIGN_SEPARATOR`],
///   so it is part of what is signed.
/// - contact between meetings: `contact_beyond` is `yes`; how often only
///   then.
/// - coffee card: `coffee_card` is `both` (or `yes`, from an older
///   form), `peer_only`, `mentor_only`; anything else is neither.
/// - the project leader's phone (`leader_phone`) and where to get help out
///   of hours or in a crisis (`crisis_help`), trimmed.
/// - signatures: peer, mentor, project leader, each one signed (drawn or
///   typed), dated `signing_date` when answered (a contract signed on paper
///   first), else `today`: the drawing's path data, and the typed name,
///   or else the name in `peer_name` / `mentor_name` / `leader_name`. An
///   unsigned one is left out (the form requires all three).
/// - entered: `today`, when the signatures are dated earlier.
///
/// The names are not part of the [`Contract`]: pass the peer's and the
/// mentor's names (`answers.text("peer_name")`, …) to
/// [`Contract::content_hash`].
///
/// ```
/// use lokalform_forms::answers::{Answers, Value};
/// use lokalform_text::date::Date;
/// use lokalform_programme::{contract_from, Frequency, IntakeError};
/// let t = |s: &str| Value::Text(s.into());
/// let mut a = Answers::default();
/// a.set("start_date", t("01.04.2026"));
/// assert_eq!(contract_from(&a, Date::new(2026, 3, 15).unwrap()),
///     Err(IntakeError::Missing("meeting_frequency")));
/// a.set("meeting_frequency", t("weekly"));
/// a.set("signing_date", t("10.03.2026"));
/// let c = contract_from(&a, Date::new(2026, 3, 15).unwrap()).unwrap();
/// assert_eq!(c.frequency, Frequency::Weekly);
/// assert_eq!(c.end(), Date::new(2026, 10, 1));
/// assert_eq!(c.entered, Date::new(2026, 3, 15));
/// ```
pub fn contract_from(answers: &Answers, today: Date) -> Result<Contract, IntakeError> {
    let start_text = answers.text(contract::START_DATE).trim();
    if start_text.is_empty() {
        return Err(IntakeError::Missing(contract::START_DATE));
    }
    let start = Date::parse_danish(start_text).map_err(|_| IntakeError::BadDate {
        field: contract::START_DATE,
        text: start_text.to_string(),
    })?;
    let frequency = match answers.text(contract::MEETING_FREQUENCY) {
        contract::WEEKLY => Frequency::Weekly,
        contract::FORTNIGHTLY => Frequency::Fortnightly,
        _ => return Err(IntakeError::Missing(contract::MEETING_FREQUENCY)),
    };
    let signed_on = answer_date(answers, contract::SIGNING_DATE)?.unwrap_or(today);
    let mut c = Contract::new(start, frequency);
    c.entered = (signed_on != today).then_some(today);
    c.peer_goals = goals(answers, contract::PEER_GOALS);
    c.mentor_goals = goals(answers, contract::MENTOR_GOALS);
    c.contact_between_meetings = answers.text(contract::CONTACT_BEYOND) == contract::YES;
    if c.contact_between_meetings {
        c.contact_how_often = trimmed(answers, contract::CONTACT_HOW_OFTEN);
    }
    c.coffee_card = match answers.text(contract::COFFEE_CARD) {
        contract::BOTH | contract::YES => CoffeeCard::Both,
        contract::PEER_ONLY => CoffeeCard::PeerOnly,
        contract::MENTOR_ONLY => CoffeeCard::MentorOnly,
        _ => CoffeeCard::Neither,
    };
    c.leader_phone = trimmed(answers, contract::LEADER_PHONE);
    c.crisis_help = trimmed(answers, contract::CRISIS_HELP);
    for (field, name_field, who) in [
        (contract::SIGNATURE_PEER, contract::PEER_NAME, Party::Peer),
        (
            contract::SIGNATURE_MENTOR,
            contract::MENTOR_NAME,
            Party::Mentor,
        ),
        (
            contract::SIGNATURE_LEADER,
            contract::LEADER_NAME,
            Party::ProjectLeader,
        ),
    ] {
        let Some(Value::Signature(s)) = answers.get(field).filter(|v| v.is_answered()) else {
            continue;
        };
        let typed = s.name.trim();
        c.signatures.push(Signed {
            who,
            name: if typed.is_empty() {
                trimmed(answers, name_field)
            } else {
                typed.to_string()
            },
            drawing: s.drawing.clone(),
            date: signed_on,
        });
    }
    Ok(c)
}

/// Answers that start the exit form for `pair`: who takes part
/// (`Peer: Ida, peer-mentor: Ole`, and `, projektleder: Mette` when the
/// contract has the project leader's signature), and one `goal_followup`
/// item per contract goal, the peer's first, with its owner (`peer`,
/// `mentor`) and text. Without a contract there are no goals to follow up.
///
/// A goal with how the pair would know it is reached (see
/// [`GOAL_SIGN_SEPARATOR`]) is shown whole, so it can be followed up
/// against that; at more than 300 characters the exit form asks to
/// shorten it.
///
/// ```
/// use lokalform_text::date::Date;
/// use lokalform_programme::{exit_prefill, Contract, Frequency, Participant, Registry, Role};
/// let d = Date::new(2026, 8, 1).unwrap();
/// let mut reg = Registry::default();
/// reg.recruit(Participant::new("p1", Role::Peer, "Ida", d)).unwrap();
/// reg.recruit(Participant::new("m1", Role::Mentor, "Ole", d)).unwrap();
/// reg.wait_for_match("p1", d).unwrap();
/// reg.wait_for_match("m1", d).unwrap();
/// reg.form_pair("pair1", "p1", "m1", d).unwrap();
/// let mut c = Contract::new(d, Frequency::Weekly);
/// c.mentor_goals.push("Lytte mere".into());
/// reg.set_contract("pair1", c).unwrap();
/// let a = exit_prefill(&reg, "pair1").unwrap();
/// assert_eq!(a.to_json(), r#"{"participants":"Peer: Ida, peer-mentor: Ole","goal_followup":[{"owner":"mentor","text":"Lytte mere"}]}"#);
/// ```
pub fn exit_prefill(registry: &Registry, pair: &str) -> Result<Answers, ProgrammeError> {
    let (p, peer, mentor) = pair_people(registry, pair)?;
    let mut who = format!("Peer: {}, peer-mentor: {}", peer.name, mentor.name);
    let leader = p.contract.as_ref().and_then(|c| {
        c.signatures
            .iter()
            .find(|s| s.who == Party::ProjectLeader && !s.name.trim().is_empty())
    });
    if let Some(leader) = leader {
        who.push_str(&format!(", projektleder: {}", leader.name.trim()));
    }
    let mut a = Answers::default();
    a.set(exit::PARTICIPANTS, Value::Text(who));
    if let Some(c) = &p.contract {
        let items: Vec<Answers> = [
            (exit::OWNER_PEER, &c.peer_goals),
            (exit::OWNER_MENTOR, &c.mentor_goals),
        ]
        .into_iter()
        .flat_map(|(owner, goals)| {
            goals.iter().map(move |goal| {
                let mut item = Answers::default();
                item.set(exit::FOLLOWUP_OWNER, text_value(owner));
                item.set(exit::FOLLOWUP_TEXT, text_value(goal));
                item
            })
        })
        .collect();
        if !items.is_empty() {
            a.set(exit::GOAL_FOLLOWUP, Value::Items(items));
        }
    }
    Ok(a)
}

/// The exit form `form` with what each of `pair`'s two hoped for when
/// they started ([`Recruitment::hopes`]) brought back: added to the help
/// of "what has the relationship meant to you" (`meaning_peer`,
/// `meaning_mentor`), so the pair can talk about how it went. A person
/// with no hopes written, or a form without the field, is left as it is.
///
/// ```
/// use lokalform_text::date::Date;
/// use lokalform_forms::schema::Form;
/// use lokalform_programme::{exit_with_hopes, Participant, Recruitment, Registry, Role};
/// let d = Date::new(2026, 8, 1).unwrap();
/// let mut reg = Registry::default();
/// let mut ida = Participant::new("p1", Role::Peer, "Ida", d);
/// ida.recruitment = Some(Recruitment { hopes: vec!["Min trivsel: sove bedre".into()], ..Recruitment::default() });
/// reg.recruit(ida).unwrap();
/// reg.recruit(Participant::new("m1", Role::Mentor, "Ole", d)).unwrap();
/// reg.wait_for_match("p1", d).unwrap();
/// reg.wait_for_match("m1", d).unwrap();
/// reg.form_pair("pair1", "p1", "m1", d).unwrap();
/// let form = Form::from_json(&std::fs::read_to_string("../../forms/exit.json").unwrap()).unwrap();
/// let form = exit_with_hopes(&form, &reg, "pair1").unwrap();
/// assert_eq!(form.field("meaning_peer").unwrap().help.as_ref().unwrap().da,
///     "Da forløbet begyndte, håbede du på: Min trivsel: sove bedre.");
/// assert!(form.field("meaning_mentor").unwrap().help.is_none());
/// ```
pub fn exit_with_hopes(
    form: &Form,
    registry: &Registry,
    pair: &str,
) -> Result<Form, ProgrammeError> {
    let (_, peer, mentor) = pair_people(registry, pair)?;
    let mut out = form.clone();
    for (field, person) in [(exit::MEANING_PEER, peer), (exit::MEANING_MENTOR, mentor)] {
        let hopes = person
            .recruitment
            .as_ref()
            .map_or(&[][..], |r| &r.hopes[..]);
        let Some(f) = out.fields.iter_mut().find(|f| f.id == field) else {
            continue;
        };
        if hopes.is_empty() {
            continue;
        }
        let list = hopes.join("; ");
        let line = |lang: Lang| (crate::words::words(lang).hoped_for)(&list);
        let join = |before: Option<&str>, after: String| match before {
            Some(b) if !b.trim().is_empty() => format!("{b} {after}"),
            _ => after,
        };
        let help = f.help.take();
        f.help = Some(Text {
            da: join(help.as_ref().map(|h| h.da.as_str()), line(Lang::Da)),
            en: form
                .languages
                .contains(&Lang::En)
                .then(|| join(help.as_ref().and_then(|h| h.en.as_deref()), line(Lang::En))),
        });
    }
    Ok(out)
}

/// What next, from a `what_next_*` list `id`; `other` takes the text of
/// `other_id` (empty when not written).
fn nexts(answers: &Answers, id: &str, other_id: &str) -> Vec<Next> {
    picks(answers, id)
        .iter()
        .filter_map(|v| match v.as_str() {
            exit::NEW_MATCH => Some(Next::NewMatch),
            exit::CAFE_DUTY => Some(Next::CafeDuty),
            exit::BECOME_MENTOR => Some(Next::BecomeMentor),
            exit::COORDINATE => Some(Next::Coordinate),
            exit::PAUSE => Some(Next::Pause),
            exit::STOP => Some(Next::Stop),
            exit::DONT_KNOW => Some(Next::DontKnow),
            exit::OTHER => Some(Next::Other(trimmed(answers, other_id))),
            _ => None,
        })
        .collect()
}

/// The exit conversation entered on `today`, from the exit form's
/// answers:
///
/// - its date: `exit_date` when answered (a conversation recorded
///   afterwards; [`Exit::entered`] is then `today`), else `today`.
/// - who took part (`participants`) and the note on the after-measurement
///   (`measurement_note`), trimmed.
/// - a [`FollowUp`] for each `goal_followup` item with an outcome
///   (`reached`, `partly`, `not_reached`), with its text and note. An item
///   without an outcome is left out: the model has no "not followed up",
///   and recording "not reached" would say what nobody said.
/// - what the relationship meant to each, as written.
/// - what next for each from `what_next_peer` / `what_next_mentor`;
///   `other` is [`Next::Other`] with the text of `what_next_peer_other` /
///   `what_next_mentor_other`.
/// - coffee card returned: `coffee_card_returned` is `yes`.
///
/// The after-measurement's own note stays with the measurement
/// ([`measurement_from`]); `measurement_note` is the exit's.
///
/// ```
/// use lokalform_forms::answers::{Answers, Value};
/// use lokalform_text::date::Date;
/// use lokalform_programme::{exit_from, Next, Outcome};
/// let t = |s: &str| Value::Text(s.into());
/// let mut goal = Answers::default();
/// goal.set("text", t("Komme mere ud"));
/// goal.set("outcome", t("partly"));
/// let mut a = Answers::default();
/// a.set("goal_followup", Value::Items(vec![goal]));
/// a.set("what_next_peer", Value::List(vec!["become_mentor".into(), "other".into()]));
/// a.set("what_next_peer_other", t("Højskole"));
/// let exit = exit_from(&a, Date::new(2027, 2, 1).unwrap());
/// assert_eq!(exit.goal_follow_up[0].outcome, Outcome::Partly);
/// assert_eq!(exit.next_peer, [Next::BecomeMentor, Next::Other("Højskole".into())]);
/// assert!(exit.next_mentor.is_empty());
/// assert!(!exit.coffee_card_returned);
/// ```
pub fn exit_from(answers: &Answers, today: Date) -> Exit {
    // The engine checks a date field as it is typed; one that still does
    // not read is taken as not answered.
    let date = answer_date(answers, exit::EXIT_DATE)
        .ok()
        .flatten()
        .unwrap_or(today);
    let goal_follow_up = answers
        .get(exit::GOAL_FOLLOWUP)
        .map_or(&[][..], Value::items)
        .iter()
        .filter_map(|item| {
            let outcome = match item.text(exit::FOLLOWUP_OUTCOME) {
                exit::REACHED => Outcome::Reached,
                exit::PARTLY => Outcome::Partly,
                exit::NOT_REACHED => Outcome::NotReached,
                _ => return None,
            };
            Some(FollowUp {
                goal: trimmed(item, exit::FOLLOWUP_TEXT),
                outcome,
                note: trimmed(item, exit::FOLLOWUP_NOTE),
            })
        })
        .collect();
    Exit {
        date,
        goal_follow_up,
        meaning_peer: trimmed(answers, exit::MEANING_PEER),
        meaning_mentor: trimmed(answers, exit::MEANING_MENTOR),
        next_peer: nexts(answers, exit::WHAT_NEXT_PEER, exit::WHAT_NEXT_PEER_OTHER),
        next_mentor: nexts(
            answers,
            exit::WHAT_NEXT_MENTOR,
            exit::WHAT_NEXT_MENTOR_OTHER,
        ),
        coffee_card_returned: answers.text(exit::COFFEE_CARD_RETURNED) == exit::YES,
        participants: trimmed(answers, exit::PARTICIPANTS),
        measurement_note: trimmed(answers, exit::MEASUREMENT_NOTE),
        entered: (date != today).then_some(today),
    }
}

/// The date answered in `field` (`dd.mm.åååå` and the other ways
/// [`Date::parse_danish`] reads), `None` when not answered.
fn answer_date(answers: &Answers, field: &'static str) -> Result<Option<Date>, IntakeError> {
    let text = answers.text(field).trim();
    if text.is_empty() {
        return Ok(None);
    }
    Date::parse_danish(text)
        .map(Some)
        .map_err(|_| IntakeError::BadDate {
            field,
            text: text.to_string(),
        })
}

/// A participant's details as the participant form (`participant.json`)
/// edits them: what [`Registry::edit_details`] takes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Details {
    /// The name, trimmed.
    pub name: String,
    /// The CPR number, trimmed; `None` when the field is empty (the
    /// number is then removed).
    pub cpr: Option<String>,
    /// Phone, e-mail and other contact, trimmed.
    pub contact: Contact,
}

/// Answers that start the participant form for `p`: what is on record
/// (name, CPR number, phone, e-mail, other contact).
///
/// ```
/// use lokalform_text::date::Date;
/// use lokalform_programme::{participant_prefill, Participant, Role};
/// let mut p = Participant::new("p1", Role::Peer, "Ida", Date::new(2026, 8, 1).unwrap());
/// p.contact.phone = "12345678".into();
/// assert_eq!(participant_prefill(&p).to_json(),
///     r#"{"name":"Ida","cpr":"","phone":"12345678","email":"","contact_other":""}"#);
/// ```
pub fn participant_prefill(p: &Participant) -> Answers {
    let mut a = Answers::default();
    a.set(participant::NAME, text_value(&p.name));
    a.set(
        participant::CPR,
        text_value(p.cpr.as_deref().unwrap_or_default()),
    );
    a.set(participant::PHONE, text_value(&p.contact.phone));
    a.set(participant::EMAIL, text_value(&p.contact.email));
    a.set(participant::CONTACT_OTHER, text_value(&p.contact.other));
    a
}

/// The details in the participant form's answers, each trimmed; an empty
/// CPR number is `None`.
///
/// ```
/// use lokalform_forms::answers::{Answers, Value};
/// use lokalform_programme::details_from;
/// let mut a = Answers::default();
/// a.set("name", Value::Text(" Ida Hansen ".into()));
/// a.set("cpr", Value::Text(" ".into()));
/// let d = details_from(&a);
/// assert_eq!(d.name, "Ida Hansen");
/// assert_eq!(d.cpr, None);
/// assert_eq!(d.contact.phone, "");
/// ```
pub fn details_from(answers: &Answers) -> Details {
    Details {
        name: trimmed(answers, participant::NAME),
        cpr: Some(trimmed(answers, participant::CPR)).filter(|c| !c.is_empty()),
        contact: Contact {
            phone: trimmed(answers, participant::PHONE),
            email: trimmed(answers, participant::EMAIL),
            other: trimmed(answers, participant::CONTACT_OTHER),
        },
    }
}
