//! The ids of stored records: exactly the strings already in users'
//! browsers, read back as they were built, and one programme's records
//! never taken for another's.

use lokalform_forms::record_id::{
    is_programme_id, programme_id, registry_lock, ProgrammeDraftKey, RecordId,
};
use proptest::prelude::*;

/// Every kind of id as it was stored before this module existed (see
/// `tests/e2e`: `form:recruitment-peer:gallery-peer`,
/// `programme:vejle-demo`, `programme-outbox:vejle-demo`,
/// `form:recruitment-mentor:vejle-demo`).
#[test]
fn the_ids_are_the_strings_stored_today() {
    let cases: [(RecordId, &str); 10] = [
        (
            RecordId::FeedbackDraft {
                form: "feedback",
                key: "",
            },
            "feedback",
        ),
        (
            RecordId::FeedbackDraft {
                form: "feedback",
                key: "/kommune/borger.html#0",
            },
            "feedback:/kommune/borger.html#0",
        ),
        (
            RecordId::FeedbackDraft {
                form: "feedback",
                key: "gallery-feedback",
            },
            "feedback:gallery-feedback",
        ),
        (
            RecordId::FormDraft {
                form: "recruitment-peer",
                key: "",
            },
            "form:recruitment-peer",
        ),
        (
            RecordId::FormDraft {
                form: "recruitment-peer",
                key: "gallery-peer",
            },
            "form:recruitment-peer:gallery-peer",
        ),
        (
            RecordId::FormDraft {
                form: "recruitment-mentor",
                key: "vejle-demo",
            },
            "form:recruitment-mentor:vejle-demo",
        ),
        (
            RecordId::FormDraft {
                form: "contract",
                key: "vejle-demo:contract-pair-1a2b3c",
            },
            "form:contract:vejle-demo:contract-pair-1a2b3c",
        ),
        (
            RecordId::FormDraft {
                form: "measurement",
                key: "vejle-demo:measure-peer-x-after",
            },
            "form:measurement:vejle-demo:measure-peer-x-after",
        ),
        (
            RecordId::Registry {
                programme: "vejle-demo",
            },
            "programme:vejle-demo",
        ),
        (
            RecordId::ProgrammeOutbox {
                programme: "vejle-demo",
            },
            "programme-outbox:vejle-demo",
        ),
    ];
    for (id, text) in cases {
        assert_eq!(id.to_string(), text);
        assert_eq!(RecordId::parse(text), Some(id), "{text}");
    }
    assert_eq!(
        registry_lock("vejle-demo"),
        "lokalform:programme:vejle-demo"
    );
}

#[test]
fn the_programmes_draft_keys_are_the_strings_stored_today() {
    let key = |use_| {
        ProgrammeDraftKey {
            programme: "vejle-demo",
            use_,
        }
        .to_string()
    };
    assert_eq!(key(""), "vejle-demo");
    assert_eq!(key("contract-pair-1"), "vejle-demo:contract-pair-1");
    assert_eq!(key("edit-peer-1"), "vejle-demo:edit-peer-1");
    assert_eq!(
        key("measure-peer-1-before"),
        "vejle-demo:measure-peer-1-before"
    );
}

#[test]
fn the_programme_id_rule_is_the_one_of_the_attribute() {
    for (attribute, id) in [
        ("vejle-demo", "vejle-demo"),
        ("  vejle-demo\n", "vejle-demo"),
        ("a:b", "a_b"),
        ("a b", "a_b"),
        ("a_b", "a_b"),
        ("a/b.c", "a_b_c"),
        ("Ærø-2026", "Ærø-2026"),
        ("", "programme"),
        (" \t", "programme"),
    ] {
        assert_eq!(programme_id(attribute), id, "{attribute:?}");
        assert!(is_programme_id(id));
    }
}

/// The reason for the rule: with `a:b` allowed, programme `a:b`'s
/// recruitment draft `form:recruitment-peer:a:b` would read as programme
/// `a`'s draft for use `b`, and deleting `a` would delete it.
#[test]
fn one_programmes_drafts_never_pass_for_anothers() {
    let a = programme_id("a");
    let a_b = programme_id("a:b");
    assert_eq!(a_b, "a_b");
    let draft_of = |programme: &str, use_: &str| {
        let key = ProgrammeDraftKey { programme, use_ }.to_string();
        RecordId::FormDraft {
            form: "recruitment-peer",
            key: &key,
        }
        .to_string()
    };
    for use_ in ["", "contract-pair-1", "b"] {
        let of_a_b = draft_of(&a_b, use_);
        let of_a = draft_of(&a, use_);
        let parsed = RecordId::parse(&of_a_b).unwrap();
        assert!(parsed.belongs_to(&a_b), "{of_a_b}");
        assert!(!parsed.belongs_to(&a), "{of_a_b} must not be a's");
        let parsed = RecordId::parse(&of_a).unwrap();
        assert!(parsed.belongs_to(&a), "{of_a}");
        assert!(!parsed.belongs_to(&a_b), "{of_a} must not be a_b's");
    }
    for (id, of_a) in [
        ("programme:a", true),
        ("programme:a_b", false),
        ("programme-outbox:a", true),
        ("programme-outbox:a_b", false),
        ("programme-outbox:ab", false),
        ("form:contract:ab:contract-x", false),
        ("form:contract:a-b", false),
        ("a", false), // a feedback draft of a form called "a"
        ("a:b", false),
    ] {
        let parsed = RecordId::parse(id).unwrap();
        assert_eq!(parsed.belongs_to(&a), of_a, "{id}");
    }
    // What a programme with a ':' in its id would have made is not even a
    // programme's record.
    assert_eq!(RecordId::parse("programme:a:b"), None);
    assert_eq!(RecordId::parse("programme-outbox:a:b"), None);
}

#[test]
fn ids_no_widget_makes_are_not_read() {
    for id in [
        "",
        "form:",
        "form:x:",
        "feedback:",
        "programme:",
        "programme-outbox:",
        "hørt",
        "hørt:x",
        "form:hørt:x",
        ":x",
        "programme:a b",
    ] {
        assert_eq!(RecordId::parse(id), None, "{id:?}");
    }
}

/// The prefixes win, as documented on `RecordId::parse`: a feedback
/// definition called `form` or `programme` would have drafts that read as
/// another kind. No shipped definition has such an id.
#[test]
fn a_feedback_form_called_form_or_programme_reads_as_another_kind() {
    let id = RecordId::FeedbackDraft {
        form: "programme",
        key: "x",
    }
    .to_string();
    assert_eq!(
        RecordId::parse(&id),
        Some(RecordId::Registry { programme: "x" })
    );
    let id = RecordId::FeedbackDraft {
        form: "form",
        key: "x",
    }
    .to_string();
    assert_eq!(
        RecordId::parse(&id),
        Some(RecordId::FormDraft { form: "x", key: "" })
    );
}

fn form_id() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_-]{1,64}".prop_filter("a prefix of another kind", |f| {
        !matches!(f.as_str(), "form" | "programme" | "programme-outbox")
    })
}

proptest! {
    #[test]
    fn drafts_read_back_as_built(form in form_id(), key in "(|[^\\x00]{1,40})", engine in any::<bool>()) {
        let id = if engine {
            RecordId::FormDraft { form: &form, key: &key }
        } else {
            RecordId::FeedbackDraft { form: &form, key: &key }
        };
        let text = id.to_string();
        prop_assert_eq!(RecordId::parse(&text), Some(id));
    }

    #[test]
    fn programme_records_read_back_as_built(attribute in "\\PC{0,30}", use_ in "[a-z0-9-]{0,30}") {
        let programme = programme_id(&attribute);
        prop_assert!(is_programme_id(&programme));
        prop_assert!(!programme.contains(':'));
        for id in [RecordId::Registry { programme: &programme }, RecordId::ProgrammeOutbox { programme: &programme }] {
            let text = id.to_string();
            prop_assert_eq!(RecordId::parse(&text), Some(id));
            prop_assert!(id.belongs_to(&programme));
        }
        let key = ProgrammeDraftKey { programme: &programme, use_: &use_ }.to_string();
        let draft = RecordId::FormDraft { form: "contract", key: &key };
        let text = draft.to_string();
        prop_assert_eq!(RecordId::parse(&text), Some(draft));
        prop_assert!(draft.belongs_to(&programme));
    }

    #[test]
    fn another_programmes_records_never_belong(a in "\\PC{1,12}", b in "\\PC{1,12}", use_ in "[a-z0-9-]{0,12}") {
        let (a, b) = (programme_id(&a), programme_id(&b));
        prop_assume!(a != b);
        let key = ProgrammeDraftKey { programme: &b, use_: &use_ }.to_string();
        let ids = [
            RecordId::Registry { programme: &b }.to_string(),
            RecordId::ProgrammeOutbox { programme: &b }.to_string(),
            RecordId::FormDraft { form: "exit", key: &key }.to_string(),
        ];
        for id in ids {
            let parsed = RecordId::parse(&id);
            prop_assert!(parsed.is_some());
            prop_assert!(!parsed.is_some_and(|r| r.belongs_to(&a)), "{} is not {}'s", id, a);
        }
    }
}
