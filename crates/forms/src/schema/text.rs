//! Translatable text.

use serde::{Deserialize, Serialize};

/// A user-interface language. Danish is the default; English is available.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Danish (the default).
    #[default]
    Da,
    /// English.
    En,
}

impl Lang {
    /// Reads a `lang` attribute: anything starting with `en` is English,
    /// everything else Danish.
    ///
    /// ```
    /// use lokalform_forms::schema::Lang;
    /// assert_eq!(Lang::from_attr("en-GB"), Lang::En);
    /// assert_eq!(Lang::from_attr(""), Lang::Da);
    /// ```
    pub fn from_attr(value: &str) -> Lang {
        if value.trim().to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Da
        }
    }

    /// The BCP 47 code, for the `lang` attribute of rendered markup.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }
}

/// A text in Danish, optionally with an English translation.
///
/// ```
/// use lokalform_forms::schema::{Lang, Text};
/// let t = Text { da: "Tak".into(), en: Some("Thank you".into()) };
/// assert_eq!(t.get(Lang::En), "Thank you");
/// let only_da = Text { da: "Tak".into(), en: None };
/// assert_eq!(only_da.get(Lang::En), "Tak");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Text {
    /// Danish text (required).
    pub da: String,
    /// English text; Danish is shown where it is missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    /// The text in `lang`, falling back to Danish.
    pub fn get(&self, lang: Lang) -> &str {
        match (lang, &self.en) {
            (Lang::En, Some(en)) if !en.is_empty() => en,
            _ => &self.da,
        }
    }
}
