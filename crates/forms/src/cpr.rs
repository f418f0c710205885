//! Danish CPR numbers (`DDMMYY-SSSS`).
//!
//! The birth date is the first six digits; the century follows from the
//! two-digit year together with the 7th digit (see [`century`]). The date
//! must exist. The modulus 11 check is only a warning
//! ([`Cpr::passes_modulus_11`]): since 2007 valid numbers can fail it.
//!
//! A [`Cpr`] never prints its last four digits by accident: its `Debug`
//! shows only the [masked](Cpr::masked) form, and it has no `Display`.
//!
//! ```
//! use lokalform_forms::cpr;
//! let c = cpr::parse("070326-4000").unwrap();
//! assert_eq!(c.birth_date().to_string(), "07.03.2026");
//! assert_eq!(c.masked(), "070326-XXXX");
//! assert_eq!(format!("{c:?}"), "Cpr(070326-XXXX)");
//! ```

use lokalform_text::date::Date;
use std::fmt;

/// A CPR number with an existing birth date (modulus 11 not required).
///
/// ```
/// let c = lokalform_forms::cpr::parse("0703264000").unwrap();
/// assert_eq!(c.formatted(), "070326-4000");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Cpr {
    digits: [u8; 10],
    birth: Date,
}

/// Why [`parse`] refused a text.
///
/// ```
/// use lokalform_forms::cpr::{parse, CprError};
/// assert_eq!(parse("12345"), Err(CprError::Format));
/// assert_eq!(parse("310299-1234"), Err(CprError::NoSuchDate));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CprError {
    /// Not ten digits in the shape `DDMMYY-SSSS`, `DDMMYY SSSS` or
    /// `DDMMYYSSSS`.
    Format,
    /// The shape is fine but the birth date does not exist, e.g. `310299-1234`.
    NoSuchDate,
}

impl fmt::Display for CprError {
    /// ```
    /// use lokalform_forms::cpr::CprError;
    /// assert_eq!(CprError::NoSuchDate.to_string(), "the birth date does not exist");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CprError::Format => "not a CPR number in the form DDMMYY-SSSS",
            CprError::NoSuchDate => "the birth date does not exist",
        })
    }
}

impl std::error::Error for CprError {}

/// The full birth year from the 7th digit and the two-digit year `yy`, by
/// the CPR office's table:
///
/// | 7th digit | `yy` 00–36 | `yy` 37–57 | `yy` 58–99 |
/// |---|---|---|---|
/// | 0–3 | 19yy | 19yy | 19yy |
/// | 4, 9 | 20yy | 19yy | 19yy |
/// | 5–8 | 20yy | 20yy | 18yy |
///
/// `None` if `seventh_digit` > 9 or `yy` > 99.
///
/// ```
/// use lokalform_forms::cpr::century;
/// assert_eq!(century(4, 36), Some(2036));
/// assert_eq!(century(4, 37), Some(1937));
/// assert_eq!(century(5, 58), Some(1858));
/// assert_eq!(century(2, 5), Some(1905));
/// assert_eq!(century(10, 5), None);
/// ```
pub fn century(seventh_digit: u8, yy: u8) -> Option<u16> {
    if yy > 99 {
        return None;
    }
    let base = match (seventh_digit, yy) {
        (0..=3, _) => 1900,
        (4 | 9, 0..=36) => 2000,
        (4 | 9, _) => 1900,
        (5..=8, 0..=57) => 2000,
        (5..=8, _) => 1800,
        _ => return None,
    };
    Some(base + u16::from(yy))
}

/// Reads a CPR number: `DDMMYY-SSSS`, `DDMMYY SSSS` or `DDMMYYSSSS` with
/// ASCII digits, surrounding whitespace ignored; nothing else.
///
/// ```
/// use lokalform_forms::cpr::{parse, CprError};
/// assert!(parse(" 290200-4001 ").is_ok()); // 2000 was a leap year
/// assert_eq!(parse("290200-1001"), Err(CprError::NoSuchDate)); // 1900 was not
/// assert_eq!(parse("290200/1001"), Err(CprError::Format));
/// ```
pub fn parse(input: &str) -> Result<Cpr, CprError> {
    let b = input.trim().as_bytes();
    let serial = match b.len() {
        10 => b.get(6..),
        11 if matches!(b.get(6), Some(b'-' | b' ')) => b.get(7..),
        _ => None,
    };
    let mut digits = [0u8; 10];
    let mut n = 0;
    for &c in b.get(..6).into_iter().chain(serial).flatten() {
        if !c.is_ascii_digit() {
            return Err(CprError::Format);
        }
        *digits.get_mut(n).ok_or(CprError::Format)? = c - b'0';
        n += 1;
    }
    if n != 10 {
        return Err(CprError::Format);
    }
    let [d1, d0, m1, m0, y1, y0, s, ..] = digits;
    let yy = y1 * 10 + y0;
    let birth = century(s, yy)
        .and_then(|year| Date::new(year, m1 * 10 + m0, d1 * 10 + d0))
        .ok_or(CprError::NoSuchDate)?;
    Ok(Cpr { digits, birth })
}

impl Cpr {
    /// The birth date, with the century from the 7th digit.
    ///
    /// ```
    /// let c = lokalform_forms::cpr::parse("010158-5000").unwrap();
    /// assert_eq!(c.birth_date().iso(), "1858-01-01");
    /// ```
    pub fn birth_date(&self) -> Date {
        self.birth
    }

    /// Whether the number passes the old modulus 11 check (weights
    /// 4, 3, 2, 7, 6, 5, 4, 3, 2, 1). Only a warning: since 2007 valid
    /// numbers can fail it.
    ///
    /// ```
    /// use lokalform_forms::cpr::parse;
    /// assert!(parse("070761-4285").unwrap().passes_modulus_11());
    /// assert!(!parse("070761-4286").unwrap().passes_modulus_11());
    /// ```
    pub fn passes_modulus_11(&self) -> bool {
        const WEIGHTS: [u32; 10] = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
        let sum: u32 = self
            .digits
            .iter()
            .zip(WEIGHTS)
            .map(|(&d, w)| u32::from(d) * w)
            .sum();
        sum.is_multiple_of(11)
    }

    /// The number as `DDMMYY-SSSS`.
    ///
    /// ```
    /// assert_eq!(lokalform_forms::cpr::parse("0703264000").unwrap().formatted(), "070326-4000");
    /// ```
    pub fn formatted(&self) -> String {
        self.render(false)
    }

    /// The number with its last four digits hidden, `DDMMYY-XXXX`, to show
    /// after entry so it cannot be read over a shoulder.
    ///
    /// ```
    /// assert_eq!(lokalform_forms::cpr::parse("0703264000").unwrap().masked(), "070326-XXXX");
    /// ```
    pub fn masked(&self) -> String {
        self.render(true)
    }

    fn render(&self, mask: bool) -> String {
        let mut s = String::with_capacity(11);
        for (i, &d) in self.digits.iter().enumerate() {
            if i == 6 {
                s.push('-');
            }
            s.push(if mask && i >= 6 {
                'X'
            } else {
                char::from(b'0' + d)
            });
        }
        s
    }
}

impl fmt::Debug for Cpr {
    /// Only the masked form: `Cpr(DDMMYY-XXXX)`.
    ///
    /// ```
    /// let c = lokalform_forms::cpr::parse("0703264000").unwrap();
    /// assert_eq!(format!("{c:?}"), "Cpr(070326-XXXX)");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cpr({})", self.masked())
    }
}
