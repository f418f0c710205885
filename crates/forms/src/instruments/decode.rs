//! Reading an instrument definition from JSON, with the path of every
//! problem.

use super::{
    range, Band, Instrument, Item, Method, ScaleOption, Scoring, Subscale, MAX_ITEMS, MAX_SCALE,
    MAX_VALUE,
};
use crate::schema::{is_identifier, Lang, Text};
use crate::Problem;
use lokalform_text::json::decode::{expected, join};
use lokalform_text::json::{Fields, Json};

const MEMBERS: &[&str] = &[
    "id",
    "version",
    "languages",
    "title",
    "intro",
    "source",
    "translation_note",
    "evaluation_note",
    "scale",
    "items",
    "subscales",
    "scoring",
    "bands",
    "subscale_bands",
];

const ID_RULE: &str = "must be 1-64 letters A-Z or a-z, digits, '-' or '_'";

/// Reads the texts with the rule of the definition's languages.
struct Texts {
    english: bool,
}

impl Texts {
    fn read(&self, value: &Json, path: &str, p: &mut Vec<Problem>) -> Option<Text> {
        let f = Fields::of(value, path, &["da", "en"], p)?;
        let da = f.string("da", p);
        let en = f.opt_string("en", p);
        if da.as_deref().is_some_and(|d| d.trim().is_empty()) {
            p.push(Problem::new(f.path("da"), "must not be empty"));
        }
        if self.english && en.as_deref().is_none_or(|e| e.trim().is_empty()) {
            p.push(Problem::new(
                f.path("en"),
                "is missing: the instrument lists English among its languages",
            ));
        }
        Some(Text { da: da?, en })
    }

    fn required(&self, f: &Fields, name: &str, p: &mut Vec<Problem>) -> Option<Text> {
        f.required(name, p)
            .and_then(|v| self.read(v, &f.path(name), p))
    }

    fn optional(&self, f: &Fields, name: &str, p: &mut Vec<Problem>) -> Option<Text> {
        f.get(name).and_then(|v| self.read(v, &f.path(name), p))
    }
}

pub(super) fn instrument(json: &str) -> Result<Instrument, Vec<Problem>> {
    let value =
        lokalform_text::json::parse(json).map_err(|e| vec![Problem::new("", e.to_string())])?;
    let mut p = Vec::new();
    let Some(f) = Fields::of(&value, "", MEMBERS, &mut p) else {
        return Err(p);
    };
    let languages = languages(&f, &mut p);
    let t = Texts {
        english: languages.contains(&Lang::En),
    };
    let id = f.string("id", &mut p);
    if id.as_deref().is_some_and(|id| !is_identifier(id)) {
        p.push(Problem::new("id", ID_RULE));
    }
    let version = f.u32("version", &mut p);
    if version == Some(0) {
        p.push(Problem::new("version", "must be 1 or more"));
    }
    let title = t.required(&f, "title", &mut p);
    let intro = t.optional(&f, "intro", &mut p);
    let source = t.required(&f, "source", &mut p);
    let translation_note = t.optional(&f, "translation_note", &mut p);
    let evaluation_note = t.optional(&f, "evaluation_note", &mut p);
    let (scale, scale_ok) = scale(&f, &t, &mut p);
    let subscales = subscales(&f, &t, &mut p);
    let (items, item_count) = items(&f, &t, &subscales, &mut p);
    let scoring = scoring(&f, &subscales, &items, item_count, &mut p);

    // Bands are checked against the possible scores only when the scale
    // and the scoring could be read (no problems that follow from others).
    let range_of = |size: usize| -> Option<(f64, f64)> {
        let method = scoring.map(|s| s.method)?;
        scale_ok.then(|| range(&scale, method, size))
    };
    let bands = match f.get("bands") {
        Some(v) => band_list(v, "bands", range_of(item_count), &t, &mut p),
        None => Vec::new(),
    };
    let mut subscale_bands: Vec<(String, Vec<Band>)> = Vec::new();
    if let Some(v) = f.get("subscale_bands") {
        match v.as_object() {
            Some(members) => {
                for (name, list) in members {
                    let path = join("subscale_bands", name);
                    if !subscales.iter().any(|s| &s.id == name) {
                        p.push(Problem::new(
                            path.as_str(),
                            unknown_subscale(name, &subscales),
                        ));
                        continue;
                    }
                    if subscale_bands.iter().any(|(s, _)| s == name) {
                        p.push(Problem::new(path.as_str(), "is listed twice"));
                        continue;
                    }
                    let size = items
                        .iter()
                        .filter(|i| i.subscale.as_deref() == Some(name.as_str()))
                        .count();
                    let list = band_list(list, &path, range_of(size), &t, &mut p);
                    subscale_bands.push((name.clone(), list));
                }
            }
            None => p.push(expected("subscale_bands", "an object", v)),
        }
    }

    let built = (|| {
        Some(Instrument {
            id: id?,
            version: version?,
            languages,
            title: title?,
            intro,
            source: source?,
            translation_note,
            evaluation_note,
            scale,
            items,
            subscales,
            scoring: scoring?,
            bands,
            subscale_bands,
        })
    })();
    match built {
        Some(instrument) if p.is_empty() => Ok(instrument),
        _ => {
            if p.is_empty() {
                p.push(Problem::new("", "the definition is incomplete"));
            }
            Err(p)
        }
    }
}

fn languages(f: &Fields, p: &mut Vec<Problem>) -> Vec<Lang> {
    let mut out = vec![Lang::Da];
    for (i, v) in f.array("languages", p).iter().enumerate() {
        match v.as_str() {
            Some("da") => {}
            Some("en") => {
                if !out.contains(&Lang::En) {
                    out.push(Lang::En);
                }
            }
            _ => p.push(Problem::new(
                format!("languages[{i}]"),
                "expected \"da\" or \"en\"",
            )),
        }
    }
    out
}

/// A required array member; a problem when it is missing or not an array.
fn list<'a>(f: &Fields<'a>, name: &str, p: &mut Vec<Problem>) -> &'a [Json] {
    if f.required(name, p).is_some() {
        f.array(name, p)
    } else {
        &[]
    }
}

/// The scale, and whether every option could be read and the values are
/// distinct (so score ranges can be worked out).
fn scale(f: &Fields, t: &Texts, p: &mut Vec<Problem>) -> (Vec<ScaleOption>, bool) {
    let raw = list(f, "scale", p);
    let mut values_ok = true;
    let mut out: Vec<ScaleOption> = Vec::new();
    for (i, v) in raw.iter().enumerate() {
        let path = format!("scale[{i}]");
        let Some(o) = Fields::of(v, &path, &["value", "label"], p) else {
            values_ok = false;
            continue;
        };
        let value = o
            .required("value", p)
            .and_then(|v| whole_number(v, &o.path("value"), p));
        let label = t.required(&o, "label", p);
        values_ok &= value.is_some();
        if let Some(value) = value {
            if out.iter().any(|s| s.value == value) {
                values_ok = false;
                p.push(Problem::new(
                    o.path("value"),
                    format!("duplicate value {value}"),
                ));
                continue;
            }
        }
        if let (Some(value), Some(label)) = (value, label) {
            out.push(ScaleOption { value, label });
        }
    }
    if f.get("scale").is_some_and(|v| v.as_array().is_some()) && raw.len() < 2 {
        p.push(Problem::new(
            "scale",
            format!(
                "a scale needs at least 2 response options, found {}",
                raw.len()
            ),
        ));
    } else if raw.len() > MAX_SCALE {
        p.push(Problem::new(
            "scale",
            format!("at most {MAX_SCALE} response options are allowed"),
        ));
    }
    (out, values_ok && raw.len() >= 2)
}

/// A whole number from `-MAX_VALUE` to `MAX_VALUE`.
fn whole_number(value: &Json, path: &str, p: &mut Vec<Problem>) -> Option<i64> {
    let Json::Number(text) = value else {
        p.push(expected(path, "a whole number", value));
        return None;
    };
    match text.parse::<i64>() {
        Ok(n) if (-MAX_VALUE..=MAX_VALUE).contains(&n) => Some(n),
        _ => {
            p.push(Problem::new(
                path,
                format!("must be a whole number from -{MAX_VALUE} to {MAX_VALUE}"),
            ));
            None
        }
    }
}

fn subscales(f: &Fields, t: &Texts, p: &mut Vec<Problem>) -> Vec<Subscale> {
    let mut out: Vec<Subscale> = Vec::new();
    for (i, v) in f.array("subscales", p).iter().enumerate() {
        let path = format!("subscales[{i}]");
        let Some(s) = Fields::of(v, &path, &["id", "title", "intro"], p) else {
            continue;
        };
        let id = s.string("id", p);
        let title = t.required(&s, "title", p);
        let intro = t.optional(&s, "intro", p);
        let Some(id) = id else { continue };
        if !is_identifier(&id) {
            p.push(Problem::new(s.path("id"), ID_RULE));
            continue;
        }
        if out.iter().any(|o| o.id == id) {
            p.push(Problem::new(s.path("id"), format!("duplicate id \"{id}\"")));
            continue;
        }
        if let Some(title) = title {
            out.push(Subscale { id, title, intro });
        }
    }
    out
}

fn unknown_subscale(name: &str, subscales: &[Subscale]) -> String {
    if subscales.is_empty() {
        format!("unknown subscale \"{name}\"; the instrument has no subscales")
    } else {
        let ids: Vec<&str> = subscales.iter().map(|s| s.id.as_str()).collect();
        format!(
            "unknown subscale \"{name}\"; expected one of: {}",
            ids.join(", ")
        )
    }
}

/// The items that could be read, and how many the definition lists.
fn items(
    f: &Fields,
    t: &Texts,
    subscales: &[Subscale],
    p: &mut Vec<Problem>,
) -> (Vec<Item>, usize) {
    let raw = list(f, "items", p);
    let mut out: Vec<Item> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    for (i, v) in raw.iter().enumerate() {
        let path = format!("items[{i}]");
        let Some(it) = Fields::of(v, &path, &["id", "text", "subscale", "reverse"], p) else {
            continue;
        };
        let id = it.string("id", p);
        let mut id_ok = false;
        if let Some(id) = &id {
            if !is_identifier(id) {
                p.push(Problem::new(it.path("id"), ID_RULE));
            } else if ids.contains(id) {
                p.push(Problem::new(
                    it.path("id"),
                    format!("duplicate id \"{id}\""),
                ));
            } else {
                ids.push(id.clone());
                id_ok = true;
            }
        }
        let text = t.required(&it, "text", p);
        let subscale = it.opt_string("subscale", p);
        let mut subscale_ok = true;
        if let Some(name) = &subscale {
            if !subscales.iter().any(|s| &s.id == name) {
                p.push(Problem::new(
                    it.path("subscale"),
                    unknown_subscale(name, subscales),
                ));
                subscale_ok = false;
            }
        }
        let reverse = it.flag("reverse", p);
        if let (Some(id), Some(text), true, true) = (id, text, id_ok, subscale_ok) {
            out.push(Item {
                id,
                text,
                subscale,
                reverse,
            });
        }
    }
    if f.get("items").is_some_and(|v| v.as_array().is_some()) && raw.is_empty() {
        p.push(Problem::new(
            "items",
            "an instrument needs at least one item",
        ));
    } else if raw.len() > MAX_ITEMS {
        p.push(Problem::new(
            "items",
            format!("at most {MAX_ITEMS} items are allowed"),
        ));
    }
    for (i, s) in subscales.iter().enumerate() {
        let listed = raw
            .iter()
            .any(|v| v.get("subscale").and_then(Json::as_str) == Some(&s.id));
        if !listed {
            p.push(Problem::new(
                format!("subscales[{i}]"),
                format!("no item belongs to subscale \"{}\"", s.id),
            ));
        }
    }
    (out, raw.len())
}

fn scoring(
    f: &Fields,
    subscales: &[Subscale],
    items: &[Item],
    item_count: usize,
    p: &mut Vec<Problem>,
) -> Option<Scoring> {
    let v = f.required("scoring", p)?;
    let s = Fields::of(
        v,
        "scoring",
        &["method", "min_answered", "subscale_min_answered"],
        p,
    )?;
    let method = s.string("method", p).and_then(|m| match m.as_str() {
        "sum" => Some(Method::Sum),
        "mean" => Some(Method::Mean),
        other => {
            p.push(Problem::new(
                s.path("method"),
                format!("unknown method \"{other}\"; expected one of: sum, mean"),
            ));
            None
        }
    });
    let min = s.opt_u32("min_answered", p).map(|n| n as usize);
    let sub_min = s.opt_u32("subscale_min_answered", p).map(|n| n as usize);
    let min_path = s.path("min_answered");
    match min {
        Some(0) => p.push(Problem::new(min_path.as_str(), "must be 1 or more")),
        Some(n) if n > item_count => p.push(Problem::new(
            min_path.as_str(),
            format!("is more than the number of items ({item_count})"),
        )),
        Some(n) if n < item_count && method == Some(Method::Sum) => p.push(Problem::new(
            min_path.as_str(),
            format!(
                "a sum is not prorated, so it needs every item: write {item_count}, or use \"mean\""
            ),
        )),
        _ => {}
    }
    let sub_path = s.path("subscale_min_answered");
    if let Some(n) = sub_min {
        if n == 0 {
            p.push(Problem::new(sub_path.as_str(), "must be 1 or more"));
        } else if subscales.is_empty() {
            p.push(Problem::new(
                sub_path.as_str(),
                "the instrument has no subscales",
            ));
        } else {
            for sub in subscales {
                let size = items
                    .iter()
                    .filter(|i| i.subscale.as_deref() == Some(sub.id.as_str()))
                    .count();
                if size == 0 {
                    continue; // reported at the subscale
                }
                if n > size {
                    p.push(Problem::new(
                        sub_path.as_str(),
                        format!("is more than the {size} items of subscale \"{}\"", sub.id),
                    ));
                } else if n < size && method == Some(Method::Sum) {
                    p.push(Problem::new(
                        sub_path.as_str(),
                        format!(
                            "a sum is not prorated, so subscale \"{}\" needs all its {size} items; use \"mean\" to allow missing items",
                            sub.id
                        ),
                    ));
                }
            }
        }
    }
    Some(Scoring {
        method: method?,
        min_answered: min.unwrap_or(item_count),
        subscale_min_answered: sub_min,
    })
}

fn band_list(
    value: &Json,
    path: &str,
    range: Option<(f64, f64)>,
    t: &Texts,
    p: &mut Vec<Problem>,
) -> Vec<Band> {
    let Some(raw) = value.as_array() else {
        p.push(expected(path, "an array", value));
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut previous: Option<f64> = None;
    for (i, v) in raw.iter().enumerate() {
        let at = format!("{path}[{i}]");
        let Some(b) = Fields::of(v, &at, &["below", "label", "flag"], p) else {
            continue;
        };
        let below = match b.get("below") {
            None => {
                if i + 1 < raw.len() {
                    p.push(Problem::new(
                        b.path("below"),
                        "is required: only the last band may leave it out",
                    ));
                }
                None
            }
            Some(Json::Number(text)) => match text.parse::<f64>() {
                Ok(n) if n.is_finite() => Some(n),
                _ => {
                    p.push(Problem::new(b.path("below"), "is too large"));
                    None
                }
            },
            Some(other) => {
                p.push(expected(&b.path("below"), "a number", other));
                None
            }
        };
        if let Some(n) = below {
            match previous {
                Some(before) if n <= before => p.push(Problem::new(
                    b.path("below"),
                    format!(
                        "must be more than the band before's ({before}): bands go in rising order"
                    ),
                )),
                _ => {}
            }
            if let Some((lo, hi)) = range {
                if n <= lo || n > hi {
                    p.push(Problem::new(
                        b.path("below"),
                        format!("must be more than {lo} and at most {hi}, the possible scores"),
                    ));
                }
            }
            previous = Some(n);
        }
        let label = t.required(&b, "label", p);
        let flag = b.flag("flag", p);
        if let Some(label) = label {
            out.push(Band { below, label, flag });
        }
    }
    out
}
