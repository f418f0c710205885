//! The single fields' own texts: what a field is called when the page gives
//! it no `<label>` (a page should; these keep the control named anyway).

use lokalform_forms::schema::{FieldKind, Lang};

/// The fallback names, Danish and English.
pub struct FieldWords {
    /// `<lokal-cpr>`.
    pub cpr: &'static str,
    /// `<lokal-date>`.
    pub date: &'static str,
    /// `<lokal-phone>`.
    pub phone: &'static str,
    /// `<lokal-email>`.
    pub email: &'static str,
    /// `<lokal-scale>`.
    pub scale: &'static str,
    /// `<lokal-vas>`.
    pub vas: &'static str,
}

const DA: FieldWords = FieldWords {
    cpr: "CPR-nummer",
    date: "Dato",
    phone: "Telefonnummer",
    email: "E-mailadresse",
    scale: "Vælg et tal fra 0 til 10",
    vas: "Sæt en markering på linjen fra 0 til 100",
};

const EN: FieldWords = FieldWords {
    cpr: "CPR number",
    date: "Date",
    phone: "Phone number",
    email: "Email address",
    scale: "Choose a number from 0 to 10",
    vas: "Mark the line from 0 to 100",
};

impl FieldWords {
    /// The fallback name of a field of `kind`.
    ///
    /// ```
    /// use lokalform_components::fields::field_words;
    /// use lokalform_forms::schema::{FieldKind, Lang};
    /// assert_eq!(field_words(Lang::Da).name(FieldKind::Cpr), "CPR-nummer");
    /// ```
    pub fn name(&self, kind: FieldKind) -> &'static str {
        match kind {
            FieldKind::Cpr => self.cpr,
            FieldKind::Date => self.date,
            FieldKind::Phone => self.phone,
            FieldKind::Email => self.email,
            FieldKind::Scale => self.scale,
            _ => self.vas,
        }
    }
}

/// The words in `lang`.
pub fn field_words(lang: Lang) -> &'static FieldWords {
    match lang {
        Lang::Da => &DA,
        Lang::En => &EN,
    }
}
