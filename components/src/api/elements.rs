//! The description of each element's attributes and events, and of the CSS
//! custom properties (see the module above for what keeps it true).

use super::{AttributeApi, CssPropertyApi, ElementApi, EventApi};
use crate::common::element::Event;
use crate::fields::element as field;
use crate::{feedback, form, programme};

const LANG: AttributeApi = AttributeApi {
    name: "lang",
    type_text: r#""da" | "en""#,
    default: Some("the page's `lang`, else Danish"),
    description: "The language the element speaks.",
};

const ERROR: EventApi = EventApi {
    name: Event::Error.name(),
    detail_type: "{ message: string }",
    description: "The form definition cannot be used: `detail.message` says why, with the path of the problem.",
};

const NAME: AttributeApi = AttributeApi {
    name: "name",
    type_text: "string",
    default: None,
    description: "The name the value is submitted under with the host's form.",
};
const VALUE: AttributeApi = AttributeApi {
    name: "value",
    type_text: "string",
    default: None,
    description: "The default value: what the field shows first and what `form.reset()` goes back to (the `value` property is the current value).",
};
const REQUIRED: AttributeApi = AttributeApi {
    name: "required",
    type_text: "boolean",
    default: None,
    description: "An answer is needed: the host's form is not submitted without one, and the field says so in Danish or English.",
};
const DISABLED: AttributeApi = AttributeApi {
    name: "disabled",
    type_text: "boolean",
    default: None,
    description: "Not editable, and not submitted.",
};
const MIN_LABEL: AttributeApi = AttributeApi {
    name: "min-label",
    type_text: "string",
    default: None,
    description: "What the lowest end means, e.g. \"Slet ikke\".",
};
const MAX_LABEL: AttributeApi = AttributeApi {
    name: "max-label",
    type_text: "string",
    default: None,
    description: "What the highest end means, e.g. \"Helt enig\".",
};
const TYPED: &[AttributeApi] = &[NAME, VALUE, REQUIRED, DISABLED, LANG];
const RATED: &[AttributeApi] = &[NAME, VALUE, REQUIRED, DISABLED, LANG, MIN_LABEL, MAX_LABEL];

/// A field element's description.
const fn field_api(
    element: &'static crate::common::element::Element,
    class: &'static str,
    summary: &'static str,
    attributes: &'static [AttributeApi],
) -> ElementApi {
    ElementApi {
        element,
        class,
        summary,
        bundles: &["fields"],
        attributes,
        events: &[],
    }
}

/// Every element of the suite: those of [`crate::ELEMENTS`], then the
/// single fields ([`crate::fields::ELEMENTS`]).
pub const ELEMENTS: &[ElementApi] = &[
    ElementApi {
        element: &feedback::ELEMENT,
        class: "LokalFeedback",
        summary: "The citizen's feedback box: a few questions about a meeting with the authority. Only anonymised counts leave the device, small counts suppressed; on a shared tablet (`mode=\"kiosk\"`) responses are sent in batches.",
        bundles: &["feedback", "kiosk", "all"],
        attributes: &[
            AttributeApi {
                name: "form",
                type_text: "string",
                default: Some("the built-in definition"),
                description: "URL of a JSON form definition (checked with `cargo xtask check-form`).",
            },
            AttributeApi {
                name: "collector",
                type_text: "string",
                default: Some("the page's origin"),
                description: "Base URL of the collector that receives the counts.",
            },
            LANG,
            AttributeApi {
                name: "mode",
                type_text: r#""web" | "kiosk""#,
                default: Some("web"),
                description: "`kiosk` for a shared tablet: one question a screen, starts over by itself, sends responses in batches. Only the kiosk bundle (`lokalform-kiosk.js`) has it; the others say so.",
            },
            AttributeApi {
                name: "idle-seconds",
                type_text: "number",
                default: Some("60"),
                description: "Kiosk: start over after this many seconds without input.",
            },
            AttributeApi {
                name: "batch-size",
                type_text: "number",
                default: Some("5"),
                description: "Kiosk: send only batches of at least this many responses (at least 5).",
            },
        ],
        events: &[
            EventApi {
                name: Event::Submitted.name(),
                detail_type: r#"{ outcome: "sent" | "queued" | "kept" | "rejected" | "failed" }"#,
                description: "A response was submitted: sent, queued to be sent later, kept on the tablet for a batch, rejected by the collector, or failed (the answers are still on screen). Never carries answers.",
            },
            ERROR,
            EventApi {
                name: Event::StartScreen.name(),
                detail_type: "null",
                description: "Kiosk: the box shows its empty start screen with nobody at it, the moment a page may reload to take a new version.",
            },
        ],
    },
    ElementApi {
        element: &form::ELEMENT,
        class: "LokalForm",
        summary: "The form engine: renders any lokalform JSON definition, keeps a draft encrypted on the device, and saves it there. With a `collector`, the counts of the aggregatable questions are sent after a receipt of exactly what goes.",
        bundles: &["all"],
        attributes: &[
            AttributeApi {
                name: "form",
                type_text: "string",
                default: None,
                description: "URL of a JSON form definition (required).",
            },
            LANG,
            AttributeApi {
                name: "protect",
                type_text: r#""auto" | "passphrase" | "device""#,
                default: Some("auto"),
                description: "How the draft is protected: `auto` asks for a passphrase when the form holds personal data.",
            },
            AttributeApi {
                name: "collector",
                type_text: "string",
                default: None,
                description: "Base URL of a collector: saving also sends the counts of the aggregatable questions.",
            },
            AttributeApi {
                name: "idle-lock",
                type_text: "number",
                default: Some("600"),
                description: "Seconds without input before a passphrase-protected form locks itself (0: never).",
            },
        ],
        events: &[
            EventApi {
                name: Event::Submitted.name(),
                detail_type: "{ form: string }",
                description: "The form was saved; `detail.form` is the definition's URL. Never carries answers.",
            },
            ERROR,
        ],
    },
    ElementApi {
        element: &programme::ELEMENT,
        class: "LokalProgramme",
        summary: "The project worker's application for a peer-support programme: recruitment, matching, contracts, exits and reports, in an encrypted registry on the device.",
        bundles: &["all"],
        attributes: &[
            AttributeApi {
                name: "programme",
                type_text: "string",
                default: Some("programme"),
                description: "The registry's id on this device.",
            },
            AttributeApi {
                name: "forms",
                type_text: "string",
                default: Some("/forms"),
                description: "The folder with the form definitions.",
            },
            LANG,
            AttributeApi {
                name: "idle-lock",
                type_text: "number",
                default: Some("600"),
                description: "Seconds without input before the registry locks (0: never).",
            },
            AttributeApi {
                name: "collector",
                type_text: "string",
                default: None,
                description: "A collector's base URL: the evaluator export can be sent there.",
            },
            AttributeApi {
                name: "municipality",
                type_text: "string",
                default: None,
                description: "The municipality's name, filled in where it is needed.",
            },
            AttributeApi {
                name: "programme-name",
                type_text: "string",
                default: None,
                description: "The programme's name, filled in where it is needed.",
            },
            AttributeApi {
                name: "leader",
                type_text: "string",
                default: None,
                description: "The project leader's name, filled in on new contracts.",
            },
            AttributeApi {
                name: "leader-phone",
                type_text: "string",
                default: None,
                description: "The project leader's phone, filled in on new contracts.",
            },
            AttributeApi {
                name: "crisis-help",
                type_text: "string",
                default: None,
                description: "Where to get help out of hours or in a crisis, filled in on new contracts.",
            },
        ],
        events: &[EventApi {
            name: Event::Locked.name(),
            detail_type: "null",
            description: "The registry was locked (also at the start, before it is opened): the moment a page may reload to take a new version. Nothing about the participants leaves the element.",
        }],
    },
    field_api(&field::CPR, "LokalCpr", concat!("A Danish CPR number: checks the date and the form, masks the number after entry, and only warns on the modulus-11 rule (numbers since 2007 may not follow it).", " A form control of the host page's own `<form>`: named by an ordinary `<label for>`, submitted with the form, reset and restored with it. It sends nothing anywhere itself: its value goes to the host's form, whose owner is responsible for it from there."), TYPED),
    field_api(&field::DATE, "LokalDate", concat!("A date typed as dd.mm.åååå, checked as the form engine checks it.", " A form control of the host page's own `<form>`: named by an ordinary `<label for>`, submitted with the form, reset and restored with it. It sends nothing anywhere itself: its value goes to the host's form, whose owner is responsible for it from there."), TYPED),
    field_api(&field::PHONE, "LokalPhone", concat!("A phone number, checked as the form engine checks it.", " A form control of the host page's own `<form>`: named by an ordinary `<label for>`, submitted with the form, reset and restored with it. It sends nothing anywhere itself: its value goes to the host's form, whose owner is responsible for it from there."), TYPED),
    field_api(&field::EMAIL, "LokalEmail", concat!("An e-mail address, checked as the form engine checks it.", " A form control of the host page's own `<form>`: named by an ordinary `<label for>`, submitted with the form, reset and restored with it. It sends nothing anywhere itself: its value goes to the host's form, whose owner is responsible for it from there."), TYPED),
    field_api(&field::SCALE, "LokalScale", concat!("A whole number from 0 to 10, chosen among eleven radio buttons.", " A form control of the host page's own `<form>`: named by an ordinary `<label for>`, submitted with the form, reset and restored with it. It sends nothing anywhere itself: its value goes to the host's form, whose owner is responsible for it from there."), RATED),
    field_api(&field::VAS, "LokalVas", concat!("A point on a line from 0 to 100, set by pointer, touch or keyboard.", " A form control of the host page's own `<form>`: named by an ordinary `<label for>`, submitted with the form, reset and restored with it. It sends nothing anywhere itself: its value goes to the host's form, whose owner is responsible for it from there."), RATED),
    field_api(&field::SIGNATURE, "LokalSignature", concat!("A signature: drawn with a finger, pen or mouse on a pad, or typed as the full name (the keyboard and screen-reader way). Its form value is JSON: `{\"name\":\"Ida Jensen\",\"drawing\":\"M10 50L12 51\"}`, the typed name and the drawing as SVG path data in a 300 × 100 box (empty when only the name was typed).", " A form control of the host page's own `<form>`: named by an ordinary `<label for>`, submitted with the form, reset and restored with it. It sends nothing anywhere itself: its value goes to the host's form, whose owner is responsible for it from there."), TYPED),
    ElementApi {
        element: &crate::fields::instrument::INSTRUMENT,
        class: "LokalInstrument",
        summary: concat!("A measurement instrument (LSNS-6 built in, or a definition the partner serves): its items as radio buttons, a line saying which items are missing, and the score exactly as the forms core computes it. The host's form gets, under `name` (e.g. `lsns`), the answers as JSON (`{\"family_see\":2,…}`, item id to scale value), `lsns.score` with the total when the definition allows one, and `lsns.score.<subscale>` with each subscale's score.", " A form control of the host page's own `<form>`: named by an ordinary `<label for>`, submitted with the form, reset and restored with it. It sends nothing anywhere itself: its value goes to the host's form, whose owner is responsible for it from there."),
        bundles: &["fields"],
        attributes: &[
            NAME,
            AttributeApi {
                name: "value",
                type_text: "string",
                default: None,
                description: "The default answers as JSON, item id to scale value (`{\"family_see\":2}`): what `form.reset()` goes back to (the `value` property is the current answers' JSON).",
            },
            AttributeApi {
                name: "required",
                type_text: "boolean",
                default: None,
                description: "The host's form is not submitted until the instrument can be scored (for a sum: every item answered); the message names the missing items in Danish or English.",
            },
            DISABLED,
            LANG,
            AttributeApi {
                name: "src",
                type_text: "string",
                default: Some("the built-in LSNS-6"),
                description: "URL of an instrument definition (JSON, fetched without cookies); a definition with a problem shows a message naming the problem's path.",
            },
        ],
        events: &[
            EventApi {
                name: Event::Scored.name(),
                detail_type: "{ total: number | null; band: string | null; flagged: boolean; answered: number; missing: string[]; subscales: { id: string; score: number | null; band: string | null; flagged: boolean }[] }",
                description: "At the start and whenever the score changes: the total (null until the definition allows one), its band and whether that band is flagged, how many items are answered, the ids of those missing, and each subscale. Never carries the answers.",
            },
            ERROR,
        ],
    },
];

/// The CSS custom properties a host page may set on an element (each
/// element reads those its stylesheets name; defaults come from the CSS).
pub const CSS_PROPERTIES: &[CssPropertyApi] = &[
    CssPropertyApi {
        name: "--lokal-accent",
        description: "The accent colour: buttons and chosen answers.",
    },
    CssPropertyApi {
        name: "--lokal-text",
        description: "The text colour.",
    },
    CssPropertyApi {
        name: "--lokal-muted",
        description: "The colour of help texts and counters (keep 4.5:1 against the background).",
    },
    CssPropertyApi {
        name: "--lokal-bg",
        description: "The background colour.",
    },
    CssPropertyApi {
        name: "--lokal-line",
        description: "The colour of input borders and lines (keep 3:1 against the background).",
    },
    CssPropertyApi {
        name: "--lokal-error",
        description: "The colour of error messages and invalid fields.",
    },
    CssPropertyApi {
        name: "--lokal-focus",
        description: "The colour of the keyboard focus ring.",
    },
    CssPropertyApi {
        name: "--lokal-radius",
        description: "The corner radius of inputs, buttons and boxes.",
    },
    CssPropertyApi {
        name: "--lokal-font",
        description: "The font family (the host page's font, for example).",
    },
    CssPropertyApi {
        name: "--lokal-font-size",
        description: "The base font size; everything else scales with it.",
    },
    CssPropertyApi {
        name: "--lokal-padding",
        description: "The padding around the widget's box.",
    },
    CssPropertyApi {
        name: "--lokal-link",
        description: "The colour of links and link-like buttons.",
    },
];

#[cfg(test)]
mod tests {
    use crate::common::send::Outcome;

    /// The feedback box's `lokal-submitted` type names every outcome: a new
    /// [`Outcome`] stops this from compiling until the type is updated.
    #[test]
    fn the_submitted_type_names_every_outcome() {
        fn listed(outcome: Outcome) -> bool {
            match outcome {
                Outcome::Sent
                | Outcome::Queued
                | Outcome::Kept
                | Outcome::Rejected
                | Outcome::TooOld
                | Outcome::Failed => super::ELEMENTS[0].events[0]
                    .detail_type
                    .contains(&format!("\"{}\"", outcome.name())),
            }
        }
        for outcome in [
            Outcome::Sent,
            Outcome::Queued,
            Outcome::Kept,
            Outcome::Rejected,
            Outcome::TooOld,
            Outcome::Failed,
        ] {
            assert!(listed(outcome), "{}", outcome.name());
        }
    }
}
