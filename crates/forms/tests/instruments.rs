//! Measurement instruments: the LSNS-6 definition and its scoring, reverse
//! items, mean scoring, subscales, missing and invalid answers, and the
//! definition checks with the path of every problem.

use lokalform_forms::instruments::{Instrument, Invalid, Method, LSNS6_JSON};
use lokalform_forms::schema::Lang;
use proptest::prelude::*;
use serde_json::{json, Value};

const LSNS_ITEMS: [&str; 6] = [
    "family_see",
    "family_talk",
    "family_help",
    "friends_see",
    "friends_talk",
    "friends_help",
];

fn lsns() -> Instrument {
    Instrument::from_json(LSNS6_JSON).expect("the shipped LSNS-6 loads")
}

fn all(value: i64) -> Vec<(&'static str, i64)> {
    LSNS_ITEMS.iter().map(|id| (*id, value)).collect()
}

fn answers(values: [i64; 6]) -> Vec<(&'static str, i64)> {
    LSNS_ITEMS.iter().copied().zip(values).collect()
}

fn text(da: &str, en: &str) -> Value {
    json!({"da": da, "en": en})
}

/// A made-up instrument (not a real scale): 4 items on 1-5, two of them
/// reverse-scored, two subscales, mean scoring.
fn fixture() -> Value {
    json!({
        "id": "fixture",
        "version": 1,
        "languages": ["da", "en"],
        "title": text("Testskema", "Test instrument"),
        "source": text("Opdigtet til test", "Made up for tests"),
        "scale": [
            {"value": 1, "label": text("Slet ikke", "Not at all")},
            {"value": 2, "label": text("Lidt", "A little")},
            {"value": 3, "label": text("Noget", "Somewhat")},
            {"value": 4, "label": text("Meget", "Much")},
            {"value": 5, "label": text("Helt", "Completely")}
        ],
        "subscales": [
            {"id": "mood", "title": text("Humør", "Mood")},
            {"id": "hope", "title": text("Håb", "Hope")}
        ],
        "items": [
            {"id": "calm", "text": text("Jeg er rolig", "I am calm"), "subscale": "mood"},
            {"id": "tense", "text": text("Jeg er anspændt", "I am tense"), "subscale": "mood", "reverse": true},
            {"id": "future", "text": text("Jeg ser frem", "I look forward"), "subscale": "hope", "reverse": false},
            {"id": "stuck", "text": text("Jeg sidder fast", "I am stuck"), "subscale": "hope", "reverse": true}
        ],
        "scoring": {"method": "mean", "min_answered": 3, "subscale_min_answered": 1},
        "bands": [
            {"below": 2.5, "label": text("Lav", "Low"), "flag": true},
            {"below": 4, "label": text("Middel", "Middle")},
            {"label": text("Høj", "High")}
        ],
        "subscale_bands": {
            "hope": [
                {"below": 2, "label": text("Lidt håb", "Little hope"), "flag": true},
                {"label": text("Håb", "Hope")}
            ]
        }
    })
}

fn load(value: &Value) -> Result<Instrument, Vec<String>> {
    Instrument::from_json(&value.to_string())
        .map_err(|problems| problems.iter().map(|p| p.to_string()).collect())
}

fn errors(value: &Value) -> Vec<String> {
    match load(value) {
        Ok(_) => panic!("expected problems in {value}"),
        Err(problems) => problems,
    }
}

/// The definition with `edit` applied gives exactly `expected`.
fn assert_problems(edit: impl FnOnce(&mut Value), expected: &[&str]) {
    let mut value = fixture();
    edit(&mut value);
    assert_eq!(errors(&value), expected, "for {value}");
}

// ---------------------------------------------------------------- LSNS-6

#[test]
fn lsns_all_none_is_zero_and_flagged() {
    let lsns = lsns();
    let score = lsns.score(&all(0));
    assert_eq!(score.total, Some(0.0));
    assert!(score.flagged);
    assert_eq!(
        score.band.map(|b| b.label.get(Lang::En)),
        Some("At risk of social isolation")
    );
    assert!(score.is_complete());
    assert_eq!(score.answered, 6);
}

#[test]
fn lsns_all_nine_or_more_is_thirty() {
    let lsns = lsns();
    let score = lsns.score(&all(5));
    assert_eq!(score.total, Some(30.0));
    assert!(!score.flagged);
    assert_eq!(
        score.band.map(|b| b.label.get(Lang::Da)),
        Some("Ikke i risiko for social isolation")
    );
    for sub in &score.subscales {
        assert_eq!(sub.score, Some(15.0));
        assert!(!sub.flagged);
    }
}

#[test]
fn lsns_cut_off_twelve_is_not_flagged_eleven_is() {
    let lsns = lsns();
    let twelve = lsns.score(&answers([2, 2, 2, 2, 2, 2]));
    assert_eq!(twelve.total, Some(12.0));
    assert!(!twelve.flagged);
    let eleven = lsns.score(&answers([2, 2, 2, 2, 2, 1]));
    assert_eq!(eleven.total, Some(11.0));
    assert!(eleven.flagged);
    assert!(lsns.flags(11.0));
    assert!(!lsns.flags(12.0));
    assert!(lsns.flags(11.999));
}

#[test]
fn lsns_subscales_and_their_bands() {
    let lsns = lsns();
    // Family 1+2+2 = 5 (limited), friends 3+2+1 = 6 (not limited).
    let score = lsns.score(&answers([1, 2, 2, 3, 2, 1]));
    assert_eq!(score.total, Some(11.0));
    let family = score.subscale("family").unwrap();
    assert_eq!(family.score, Some(5.0));
    assert!(family.flagged);
    assert_eq!(
        family.band.map(|b| b.label.get(Lang::En)),
        Some("Limited family network")
    );
    assert_eq!((family.answered, family.items), (3, 3));
    let friends = score.subscale("friends").unwrap();
    assert_eq!(friends.score, Some(6.0));
    assert!(!friends.flagged);
    assert_eq!(
        score.subscales.iter().map(|s| s.id).collect::<Vec<_>>(),
        ["family", "friends"]
    );
}

#[test]
fn lsns_one_missing_item_gives_no_total_and_lists_it() {
    let lsns = lsns();
    let mut given = all(3);
    given.remove(4); // friends_talk
    let score = lsns.score(&given);
    assert_eq!(score.total, None, "a sum is never prorated");
    assert_eq!(score.band, None);
    assert!(!score.flagged);
    assert_eq!(score.missing, ["friends_talk"]);
    assert_eq!(score.answered, 5);
    assert!(score.invalid.is_empty());
    assert!(!score.is_complete());
    // The complete subscale still has its score; the other has none.
    assert_eq!(score.subscale("family").unwrap().score, Some(9.0));
    let friends = score.subscale("friends").unwrap();
    assert_eq!(friends.score, None);
    assert_eq!(friends.answered, 2);
}

#[test]
fn lsns_no_answers_lists_every_item() {
    let lsns = lsns();
    let score = lsns.score::<&str>(&[]);
    assert_eq!(score.total, None);
    assert_eq!(score.missing, LSNS_ITEMS);
    assert!(score.subscales.iter().all(|s| s.score.is_none()));
}

#[test]
fn lsns_out_of_scale_answer_is_reported_and_not_counted() {
    let lsns = lsns();
    for bad in [6, -1, i64::MAX, i64::MIN] {
        let score = lsns.score(&answers([5, 5, 5, 5, 5, bad]));
        assert_eq!(score.total, None, "{bad}");
        assert_eq!(score.missing, ["friends_help"]);
        assert_eq!(score.invalid.len(), 1);
        let invalid = &score.invalid[0];
        assert_eq!(invalid.item, "friends_help");
        assert_eq!(invalid.value, bad);
        assert_eq!(invalid.problem, Invalid::NotOnScale);
        assert_eq!(
            invalid.to_string(),
            format!("The answer {bad} to \"friends_help\" is not on the response scale. It is not counted.")
        );
    }
}

#[test]
fn unknown_and_repeated_answers_are_reported() {
    let lsns = lsns();
    let mut given = all(4);
    given.push(("pets", 2));
    given.push(("family_see", 4));
    let score = lsns.score(&given);
    assert_eq!(score.total, None, "a repeated item is not counted");
    assert_eq!(score.missing, ["family_see"]);
    let problems: Vec<Invalid> = score.invalid.iter().map(|i| i.problem).collect();
    assert_eq!(problems, [Invalid::UnknownItem, Invalid::Repeated]);
    assert_eq!(
        score.invalid[1].message(Lang::Da),
        "\"family_see\" er besvaret mere end én gang. Spørgsmålet tælles som ubesvaret."
    );
    assert_eq!(
        score.invalid[0].message(Lang::Da),
        "Skemaet har ikke spørgsmålet \"pets\". Svaret tælles ikke med."
    );
}

#[test]
fn answers_given_as_owned_strings() {
    let lsns = lsns();
    let owned: Vec<(String, i64)> = LSNS_ITEMS.iter().map(|id| (id.to_string(), 1)).collect();
    assert_eq!(lsns.score(&owned).total, Some(6.0));
}

// ---------------------------------------------------------------- the shipped file

#[test]
fn shipped_lsns6_has_danish_and_english_everywhere() {
    let lsns = lsns();
    assert_eq!(lsns.id, "lsns6");
    assert_eq!(lsns.version, 1);
    assert_eq!(lsns.languages, [Lang::Da, Lang::En]);
    assert_eq!(lsns.scoring.method, Method::Sum);
    assert_eq!(lsns.scoring.min_answered, 6);
    assert_eq!(lsns.scale_bounds(), (0, 5));
    assert_eq!(lsns.range(None), Some((0.0, 30.0)));
    assert_eq!(lsns.range(Some("friends")), Some((0.0, 15.0)));
    assert_eq!(
        lsns.items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
        LSNS_ITEMS
    );
    assert!(lsns.items.iter().all(|i| !i.reverse));
    let values: Vec<i64> = lsns.scale.iter().map(|o| o.value).collect();
    assert_eq!(values, [0, 1, 2, 3, 4, 5]);

    let mut texts = vec![("title", &lsns.title), ("source", &lsns.source)];
    let note = lsns.translation_note.as_ref().expect("a translation note");
    texts.push(("translation_note", note));
    let evaluation = lsns.evaluation_note.as_ref().expect("an evaluation note");
    assert!(evaluation.da.contains("65 år") && evaluation.da.contains("under 12"));
    texts.push(("evaluation_note", evaluation));
    for o in &lsns.scale {
        texts.push(("scale", &o.label));
    }
    for s in &lsns.subscales {
        texts.push(("subscale", &s.title));
        texts.push(("subscale intro", s.intro.as_ref().expect("lead-in")));
    }
    for i in &lsns.items {
        texts.push(("item", &i.text));
    }
    for b in &lsns.bands {
        texts.push(("band", &b.label));
    }
    for (_, bands) in &lsns.subscale_bands {
        for b in bands {
            texts.push(("subscale band", &b.label));
        }
    }
    for (what, t) in texts {
        assert!(!t.da.trim().is_empty(), "{what}: {t:?}");
        let en = t.en.as_deref().unwrap_or("");
        assert!(!en.trim().is_empty(), "{what} has no English: {t:?}");
        assert_ne!(t.da, en, "{what} is not translated: {t:?}");
    }

    assert_eq!(
        note.da,
        "Dansk arbejdsoversættelse – ikke valideret. Kommunen kan erstatte den med en valideret tekst."
    );
    assert!(note.get(Lang::En).contains("not validated"));
    assert!(lsns.source.da.contains("arbejdsoversættelse"));
    assert!(lsns.source.da.contains("ikke er valideret"));
    for t in [&lsns.source.da, lsns.source.en.as_ref().unwrap()] {
        assert!(t.contains("Lubben J"), "{t}");
        assert!(t.contains("2006"), "{t}");
    }
}

#[test]
fn shipped_lsns6_has_the_published_english_text() {
    let lsns = lsns();
    let en: Vec<&str> = lsns.items.iter().map(|i| i.text.get(Lang::En)).collect();
    assert_eq!(
        en,
        [
            "How many relatives do you see or hear from at least once a month?",
            "How many relatives do you feel at ease with that you can talk about private matters?",
            "How many relatives do you feel close to such that you could call on them for help?",
            "How many of your friends do you see or hear from at least once a month?",
            "How many friends do you feel at ease with that you can talk about private matters?",
            "How many friends do you feel close to such that you could call on them for help?",
        ]
    );
    let scale: Vec<&str> = lsns.scale.iter().map(|o| o.label.get(Lang::En)).collect();
    assert_eq!(
        scale,
        [
            "None",
            "One",
            "Two",
            "Three or four",
            "Five through eight",
            "Nine or more"
        ]
    );
    for (id, sub) in [("family", "family"), ("friends", "friends")] {
        assert_eq!(lsns.subscale_items(id).count(), 3);
        assert!(lsns
            .items
            .iter()
            .filter(|i| i.id.starts_with(sub))
            .all(|i| i.subscale.as_deref() == Some(id)));
    }
    assert_eq!(lsns.bands[0].below, Some(12.0));
    assert!(lsns.bands[0].flag);
    for (_, bands) in &lsns.subscale_bands {
        assert_eq!(bands[0].below, Some(6.0));
    }
    assert_eq!(Instrument::lsns6(), lsns);
}

// ---------------------------------------------------------------- reverse, mean, subscales

#[test]
fn fixture_loads() {
    let f = load(&fixture()).unwrap();
    assert_eq!(f.scoring.method, Method::Mean);
    assert_eq!(f.range(None), Some((1.0, 5.0)));
    assert_eq!(f.range(Some("hope")), Some((1.0, 5.0)));
}

#[test]
fn reverse_items_count_max_plus_min_minus_answer() {
    let f = load(&fixture()).unwrap();
    // tense and stuck are reversed: 1 counts 5, 5 counts 1, 2 counts 4.
    let high = f.score(&[("calm", 5), ("tense", 1), ("future", 5), ("stuck", 1)]);
    assert_eq!(high.total, Some(5.0));
    assert_eq!(high.band.map(|b| b.label.get(Lang::En)), Some("High"));
    let low = f.score(&[("calm", 1), ("tense", 5), ("future", 2), ("stuck", 4)]);
    assert_eq!(low.total, Some(1.5));
    assert!(low.flagged);
    assert_eq!(low.subscale("mood").unwrap().score, Some(1.0));
    let hope = low.subscale("hope").unwrap();
    assert_eq!(hope.score, Some(2.0));
    assert!(!hope.flagged, "2 is not below 2");
    let mid = f.score(&[("calm", 3), ("tense", 3), ("future", 3), ("stuck", 2)]);
    assert_eq!(mid.total, Some(3.25));
    assert_eq!(mid.band.map(|b| b.label.get(Lang::Da)), Some("Middel"));
    assert!(!mid.flagged);
}

#[test]
fn mean_uses_the_answered_items_when_enough_are_answered() {
    let f = load(&fixture()).unwrap();
    let three = f.score(&[("calm", 4), ("tense", 2), ("future", 3)]);
    assert_eq!(three.total, Some(11.0 / 3.0));
    assert_eq!(three.missing, ["stuck"]);
    assert_eq!(three.answered, 3);
    assert_eq!(three.subscale("mood").unwrap().score, Some(4.0));
    // One of two hope items is enough with subscale_min_answered 1.
    assert_eq!(three.subscale("hope").unwrap().score, Some(3.0));

    let two = f.score(&[("calm", 4), ("future", 3)]);
    assert_eq!(two.total, None, "min_answered is 3");
    assert_eq!(two.missing, ["tense", "stuck"]);
    assert_eq!(two.subscale("mood").unwrap().score, Some(4.0));
}

#[test]
fn subscale_min_answered_is_applied_per_subscale() {
    let mut value = fixture();
    value["scoring"]["subscale_min_answered"] = json!(2);
    let f = load(&value).unwrap();
    let score = f.score(&[("calm", 4), ("tense", 2), ("future", 1)]);
    assert_eq!(score.total, Some(3.0));
    assert_eq!(score.subscale("mood").unwrap().score, Some(4.0));
    let hope = score.subscale("hope").unwrap();
    assert_eq!(hope.score, None);
    assert_eq!(hope.band, None);
    assert!(!hope.flagged);
    assert_eq!((hope.answered, hope.items), (1, 2));

    // Without it, every item of the subscale is needed.
    value["scoring"]
        .as_object_mut()
        .unwrap()
        .remove("subscale_min_answered");
    let f = load(&value).unwrap();
    assert_eq!(f.scoring.subscale_min_answered, None);
    let score = f.score(&[("calm", 4), ("tense", 2), ("future", 1)]);
    assert_eq!(score.subscale("hope").unwrap().score, None);
    assert_eq!(score.subscale("mood").unwrap().score, Some(4.0));
}

#[test]
fn subscale_band_flags_low_hope() {
    let f = load(&fixture()).unwrap();
    let score = f.score(&[("calm", 3), ("tense", 3), ("future", 1), ("stuck", 4)]);
    let hope = score.subscale("hope").unwrap();
    assert_eq!(hope.score, Some(1.5));
    assert!(hope.flagged);
    assert_eq!(
        hope.band.map(|b| b.label.get(Lang::En)),
        Some("Little hope")
    );
    // Mood has no bands.
    assert_eq!(score.subscale("mood").unwrap().band, None);
}

#[test]
fn min_answered_defaults_to_every_item() {
    let mut value = fixture();
    value["scoring"] = json!({"method": "mean"});
    let f = load(&value).unwrap();
    assert_eq!(f.scoring.min_answered, 4);
    assert_eq!(
        f.score(&[("calm", 4), ("tense", 2), ("future", 3)]).total,
        None
    );
}

#[test]
fn a_sum_of_a_made_up_instrument_with_reverse_items() {
    let mut value = fixture();
    value["scoring"] = json!({"method": "sum"});
    value["bands"] = json!([{"below": 10, "label": text("Lav", "Low"), "flag": true}]);
    value["subscale_bands"] = json!({});
    let f = load(&value).unwrap();
    assert_eq!(f.range(None), Some((4.0, 20.0)));
    let score = f.score(&[("calm", 2), ("tense", 4), ("future", 1), ("stuck", 5)]);
    assert_eq!(score.total, Some(2.0 + 2.0 + 1.0 + 1.0));
    assert!(score.flagged);
    let top = f.score(&[("calm", 5), ("tense", 1), ("future", 5), ("stuck", 1)]);
    assert_eq!(top.total, Some(20.0));
    assert_eq!(top.band, None, "no band above 10 was defined");
}

// ---------------------------------------------------------------- definition problems

#[test]
fn duplicate_item_id() {
    assert_problems(
        |v| v["items"][3]["id"] = json!("calm"),
        &["items[3].id: duplicate id \"calm\""],
    );
}

#[test]
fn unknown_subscale() {
    assert_problems(
        |v| v["items"][2]["subscale"] = json!("hoop"),
        &["items[2].subscale: unknown subscale \"hoop\"; expected one of: mood, hope"],
    );
}

#[test]
fn unknown_subscale_without_subscales() {
    let mut value = fixture();
    value.as_object_mut().unwrap().remove("subscales");
    value["scoring"]
        .as_object_mut()
        .unwrap()
        .remove("subscale_min_answered");
    value["subscale_bands"] = json!({});
    let problems = errors(&value);
    assert_eq!(
        problems,
        [
            "items[0].subscale: unknown subscale \"mood\"; the instrument has no subscales",
            "items[1].subscale: unknown subscale \"mood\"; the instrument has no subscales",
            "items[2].subscale: unknown subscale \"hope\"; the instrument has no subscales",
            "items[3].subscale: unknown subscale \"hope\"; the instrument has no subscales",
        ]
    );
}

#[test]
fn empty_scale() {
    assert_problems(
        |v| v["scale"] = json!([]),
        &["scale: a scale needs at least 2 response options, found 0"],
    );
    assert_problems(
        |v| v["scale"] = json!([{"value": 1, "label": text("Ja", "Yes")}]),
        &["scale: a scale needs at least 2 response options, found 1"],
    );
}

#[test]
fn duplicate_scale_value() {
    assert_problems(
        |v| v["scale"][3]["value"] = json!(2),
        &["scale[3].value: duplicate value 2"],
    );
}

#[test]
fn scale_values_are_whole_numbers_in_range() {
    assert_problems(
        |v| {
            v["scale"][0]["value"] = json!(1.5);
            v["scale"][1]["value"] = json!("2");
            v["scale"][2]["value"] = json!(1001);
        },
        &[
            "scale[0].value: must be a whole number from -1000 to 1000",
            "scale[1].value: expected a whole number, found a string",
            "scale[2].value: must be a whole number from -1000 to 1000",
        ],
    );
}

#[test]
fn negative_scale_values_reverse_around_the_middle() {
    let mut value = fixture();
    value["scale"] = json!([
        {"value": -2, "label": text("Meget uenig", "Strongly disagree")},
        {"value": 0, "label": text("Hverken eller", "Neither")},
        {"value": 2, "label": text("Meget enig", "Strongly agree")}
    ]);
    value["bands"] = json!([]);
    value["subscale_bands"] = json!({});
    let f = load(&value).unwrap();
    let score = f.score(&[("calm", -2), ("tense", -2), ("future", 0), ("stuck", 2)]);
    // -2, reversed -2 → 2, 0, reversed 2 → -2.
    assert_eq!(score.total, Some(-0.5));
    assert_eq!(score.subscale("mood").unwrap().score, Some(0.0));
}

#[test]
fn min_answered_more_than_items() {
    assert_problems(
        |v| v["scoring"]["min_answered"] = json!(5),
        &["scoring.min_answered: is more than the number of items (4)"],
    );
    assert_problems(
        |v| v["scoring"]["min_answered"] = json!(0),
        &["scoring.min_answered: must be 1 or more"],
    );
}

#[test]
fn a_sum_is_never_prorated() {
    assert_problems(
        |v| {
            v["scoring"]["method"] = json!("sum");
            v["bands"] = json!([]);
            v["subscale_bands"] = json!({});
        },
        &[
            "scoring.min_answered: a sum is not prorated, so it needs every item: write 4, or use \"mean\"",
            "scoring.subscale_min_answered: a sum is not prorated, so subscale \"mood\" needs all its 2 items; use \"mean\" to allow missing items",
            "scoring.subscale_min_answered: a sum is not prorated, so subscale \"hope\" needs all its 2 items; use \"mean\" to allow missing items",
        ],
    );
    let mut lsns: Value = serde_json::from_str(LSNS6_JSON).unwrap();
    lsns["scoring"]["min_answered"] = json!(5);
    assert_eq!(
        errors(&lsns),
        ["scoring.min_answered: a sum is not prorated, so it needs every item: write 6, or use \"mean\""]
    );
}

#[test]
fn subscale_min_answered_more_than_a_subscale() {
    assert_problems(
        |v| v["scoring"]["subscale_min_answered"] = json!(3),
        &[
            "scoring.subscale_min_answered: is more than the 2 items of subscale \"mood\"",
            "scoring.subscale_min_answered: is more than the 2 items of subscale \"hope\"",
        ],
    );
}

#[test]
fn band_order() {
    assert_problems(
        |v| v["bands"][1]["below"] = json!(2.5),
        &["bands[1].below: must be more than the band before's (2.5): bands go in rising order"],
    );
    assert_problems(
        |v| v["bands"][1]["below"] = json!(2),
        &["bands[1].below: must be more than the band before's (2.5): bands go in rising order"],
    );
}

#[test]
fn only_the_last_band_may_be_open() {
    assert_problems(
        |v| {
            v["bands"][0].as_object_mut().unwrap().remove("below");
        },
        &["bands[0].below: is required: only the last band may leave it out"],
    );
}

#[test]
fn bands_lie_within_the_possible_scores() {
    assert_problems(
        |v| {
            v["bands"][0]["below"] = json!(1);
            v["subscale_bands"]["hope"][0]["below"] = json!(6);
        },
        &[
            "bands[0].below: must be more than 1 and at most 5, the possible scores",
            "subscale_bands.hope[0].below: must be more than 1 and at most 5, the possible scores",
        ],
    );
    let mut lsns: Value = serde_json::from_str(LSNS6_JSON).unwrap();
    lsns["subscale_bands"]["family"][0]["below"] = json!(16);
    assert_eq!(
        errors(&lsns),
        ["subscale_bands.family[0].below: must be more than 0 and at most 15, the possible scores"]
    );
}

#[test]
fn subscale_bands_name_known_subscales() {
    assert_problems(
        |v| v["subscale_bands"]["hoop"] = json!([]),
        &["subscale_bands.hoop: unknown subscale \"hoop\"; expected one of: mood, hope"],
    );
}

#[test]
fn a_subscale_needs_items() {
    assert_problems(
        |v| {
            v["subscales"]
                .as_array_mut()
                .unwrap()
                .push(json!({"id": "sleep", "title": text("Søvn", "Sleep")}))
        },
        &["subscales[2]: no item belongs to subscale \"sleep\""],
    );
}

#[test]
fn duplicate_subscale_id() {
    assert_problems(
        |v| v["subscales"][1]["id"] = json!("mood"),
        &[
            "subscales[1].id: duplicate id \"mood\"",
            "items[2].subscale: unknown subscale \"hope\"; expected one of: mood",
            "items[3].subscale: unknown subscale \"hope\"; expected one of: mood",
            "subscale_bands.hope: unknown subscale \"hope\"; expected one of: mood",
        ],
    );
}

#[test]
fn an_instrument_needs_items() {
    assert_problems(
        |v| {
            v["items"] = json!([]);
            v["subscales"] = json!([]);
            v["scoring"] = json!({"method": "mean"});
            v["bands"] = json!([]);
            v["subscale_bands"] = json!({});
        },
        &["items: an instrument needs at least one item"],
    );
}

#[test]
fn english_is_required_when_listed() {
    assert_problems(
        |v| {
            v["items"][1]["text"] = json!({"da": "Jeg er anspændt"});
            v["scale"][0]["label"]["en"] = json!(" ");
        },
        &[
            "scale[0].label.en: is missing: the instrument lists English among its languages",
            "items[1].text.en: is missing: the instrument lists English among its languages",
        ],
    );
    // Without English listed, Danish alone is fine.
    let mut value = fixture();
    value["languages"] = json!(["da"]);
    value["items"][1]["text"] = json!({"da": "Jeg er anspændt"});
    let f = load(&value).unwrap();
    assert_eq!(f.items[1].text.get(Lang::En), "Jeg er anspændt");
}

#[test]
fn types_members_and_required_texts() {
    assert_problems(
        |v| {
            v["id"] = json!("my instrument");
            v["version"] = json!(0);
            v["colour"] = json!("blue");
            v["title"] = json!({"da": "", "en": "X"});
            v.as_object_mut().unwrap().remove("source");
            v["items"][0]["reverse"] = json!("no");
            v["items"][1]["weight"] = json!(2);
            v["scoring"]["method"] = json!("median");
            v["bands"][2]["flag"] = json!(1);
        },
        &[
            "colour: unknown field; expected one of: id, version, languages, title, intro, source, translation_note, evaluation_note, scale, items, subscales, scoring, bands, subscale_bands",
            "id: must be 1-64 letters A-Z or a-z, digits, '-' or '_'",
            "version: must be 1 or more",
            "title.da: must not be empty",
            "source: is required",
            "items[0].reverse: expected true or false, found a string",
            "items[1].weight: unknown field; expected one of: id, text, subscale, reverse",
            "scoring.method: unknown method \"median\"; expected one of: sum, mean",
            "bands[2].flag: expected true or false, found a number",
        ],
    );
}

#[test]
fn unreadable_json_gives_line_and_column() {
    let problems = Instrument::from_json("{\"id\": \"x\",\n  \"version\": }").unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, "");
    assert_eq!(
        problems[0].to_string(),
        "line 2, column 14: expected a value"
    );
    let problems = Instrument::from_json("[]").unwrap_err();
    assert_eq!(
        problems[0].to_string(),
        "expected an object, found an array"
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut value = fixture();
    value["items"][3]["id"] = json!("calm");
    value["items"][2]["subscale"] = json!("hoop");
    value["scale"][3]["value"] = json!(2);
    value["scoring"]["min_answered"] = json!(9);
    value["bands"][1]["below"] = json!(2);
    let problems = errors(&value);
    for expected in [
        "items[3].id: duplicate id \"calm\"",
        "items[2].subscale: unknown subscale \"hoop\"; expected one of: mood, hope",
        "scale[3].value: duplicate value 2",
        "scoring.min_answered: is more than the number of items (4)",
        "bands[1].below: must be more than the band before's (2.5): bands go in rising order",
    ] {
        assert!(
            problems.iter().any(|p| p == expected),
            "{expected} not in {problems:#?}"
        );
    }
}

#[test]
fn a_licensed_instrument_can_be_imported_as_a_definition() {
    // The shape of a 0-10 line instrument (like FIT's ORS): four items on a
    // 0-10 scale, summed to 0-40. Made-up texts; the real ones are licensed.
    let scale: Vec<Value> = (0..=10)
        .map(|v| json!({"value": v, "label": {"da": v.to_string()}}))
        .collect();
    let items: Vec<Value> = ["a", "b", "c", "d"]
        .iter()
        .map(|id| json!({"id": id, "text": {"da": format!("Spørgsmål {id}")}}))
        .collect();
    let value = json!({
        "id": "lines", "version": 1, "title": {"da": "Linjer"},
        "source": {"da": "Indlæst af kommunen under licens"},
        "scale": scale, "items": items,
        "scoring": {"method": "sum"},
        "bands": [{"below": 25, "label": {"da": "Under grænsen"}, "flag": true}, {"label": {"da": "Over grænsen"}}]
    });
    let f = load(&value).unwrap();
    assert_eq!(f.range(None), Some((0.0, 40.0)));
    let score = f.score(&[("a", 5), ("b", 6), ("c", 7), ("d", 6)]);
    assert_eq!(score.total, Some(24.0));
    assert!(score.flagged);
    assert!(score.subscales.is_empty());
}

// ---------------------------------------------------------------- properties

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 500,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn lsns_total_is_the_sum_and_flag_is_below_twelve(values in prop::array::uniform6(0i64..=5)) {
        let lsns = lsns();
        let score = lsns.score(&answers(values));
        let sum: i64 = values.iter().sum();
        prop_assert_eq!(score.total, Some(sum as f64));
        prop_assert_eq!(score.flagged, sum < 12);
        let family: i64 = values[..3].iter().sum();
        let friends: i64 = values[3..].iter().sum();
        prop_assert_eq!(score.subscale("family").unwrap().score, Some(family as f64));
        prop_assert_eq!(score.subscale("friends").unwrap().score, Some(friends as f64));
        prop_assert_eq!(score.subscale("family").unwrap().flagged, family < 6);
        prop_assert_eq!(score.subscale("friends").unwrap().flagged, friends < 6);
        prop_assert!(score.is_complete());
    }

    #[test]
    fn any_answers_are_accounted_for(
        given in prop::collection::vec((0usize..8, -3i64..9), 0..12)
    ) {
        let lsns = lsns();
        let ids = ["family_see", "family_talk", "family_help", "friends_see", "friends_talk", "friends_help", "pets", ""];
        let given: Vec<(&str, i64)> = given.iter().map(|&(i, v)| (ids[i], v)).collect();
        let score = lsns.score(&given);
        prop_assert_eq!(score.answered + score.missing.len(), 6);
        prop_assert_eq!(score.total.is_some(), score.missing.is_empty());
        // An item counts when it has exactly one answer and that is on the
        // scale; every other answer is reported.
        let mut expected_invalid = given.iter().filter(|(id, _)| !LSNS_ITEMS.contains(id)).count();
        let mut expected_missing = Vec::new();
        for id in LSNS_ITEMS {
            let mine: Vec<i64> = given.iter().filter(|(i, _)| *i == id).map(|(_, v)| *v).collect();
            let first_ok = mine.first().is_some_and(|v| (0..=5).contains(v));
            if mine.len() != 1 || !first_ok {
                expected_missing.push(id);
            }
            expected_invalid += mine.len().saturating_sub(1) + usize::from(!mine.is_empty() && !first_ok);
        }
        prop_assert_eq!(&score.missing, &expected_missing);
        prop_assert_eq!(score.invalid.len(), expected_invalid);
        if let Some(total) = score.total {
            prop_assert!((0.0..=30.0).contains(&total));
        }
    }

    #[test]
    fn fixture_mean_stays_on_the_scale(values in prop::collection::vec(prop::option::of(1i64..=5), 4)) {
        let f = load(&fixture()).unwrap();
        let ids = ["calm", "tense", "future", "stuck"];
        let given: Vec<(&str, i64)> = ids.iter().zip(&values).filter_map(|(id, v)| v.map(|v| (*id, v))).collect();
        let score = f.score(&given);
        let answered = values.iter().flatten().count();
        prop_assert_eq!(score.total.is_some(), answered >= 3);
        if let Some(total) = score.total {
            prop_assert!((1.0..=5.0).contains(&total));
            let expected: i64 = ids.iter().zip(&values).filter_map(|(id, v)| {
                v.map(|v| if *id == "tense" || *id == "stuck" { 6 - v } else { v })
            }).sum();
            prop_assert!((total - expected as f64 / answered as f64).abs() < 1e-12);
        }
    }
}
