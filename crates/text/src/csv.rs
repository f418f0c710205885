//! Writing CSV for spreadsheets: the collector's report and the cohort
//! export share one way of quoting a field.

/// Quotes a CSV field when needed (RFC 4180), and defuses text a
/// spreadsheet would run as a formula (a leading `=`, `+`, `-`, `@`, tab
/// or carriage return gets a `'`, as OWASP's CSV-injection advice says).
/// A plain number (`-2`, `-0.35`, [`is_plain_number`]) is no
/// formula and stays as it is, so a spreadsheet reads it as a number; so
/// does a lone `-`.
///
/// ```
/// use lokalform_text::csv::field;
/// assert_eq!(field("a,b"), "\"a,b\"");
/// assert_eq!(field("=SUM(A1)"), "'=SUM(A1)");
/// assert_eq!(field("-"), "-");
/// assert_eq!(field("<5"), "<5");
/// assert_eq!(field("-2"), "-2");
/// assert_eq!(field("-0.35"), "-0.35");
/// assert_eq!(field("-2+3"), "'-2+3");
/// assert_eq!(field("-1e5"), "'-1e5");
/// assert_eq!(field("\t=1"), "'\t=1");
/// ```
pub fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) && s != "-" && !is_plain_number(s) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Whether `s` is a plain decimal number: an optional `-`, digits, and
/// optionally `.` and more digits. Nothing else (no `+`, exponent, spaces
/// or `inf`), so a spreadsheet can only read it as that number.
///
/// ```
/// use lokalform_text::csv::is_plain_number;
/// assert!(is_plain_number("-2") && is_plain_number("12") && is_plain_number("-0.5"));
/// assert!(!is_plain_number("-") && !is_plain_number("-.5") && !is_plain_number("-2.") && !is_plain_number("-inf"));
/// ```
pub fn is_plain_number(s: &str) -> bool {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let unsigned = s.strip_prefix('-').unwrap_or(s);
    match unsigned.split_once('.') {
        Some((whole, fraction)) => digits(whole) && digits(fraction),
        None => digits(unsigned),
    }
}

/// Appends one CSV record to `out`: every field through [`field`], joined
/// by commas, ended by CRLF (RFC 4180).
///
/// ```
/// use lokalform_text::csv::row;
/// let mut out = String::new();
/// row(&mut out, &["a,b", "=1", "3"]);
/// assert_eq!(out, "\"a,b\",'=1,3\r\n");
/// ```
pub fn row<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&field(f.as_ref()));
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_stay_numbers() {
        for n in ["0", "12", "-2", "-0.35", "14.5", "-100000", "3.0"] {
            assert_eq!(field(n), n, "{n}");
        }
    }

    #[test]
    fn text_that_a_spreadsheet_would_run_is_defused() {
        for (text, written) in [
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+1", "'+1"),
            ("+45 12345678", "'+45 12345678"),
            ("-2+3", "'-2+3"),
            ("-1e5", "'-1e5"),
            ("-.5", "'-.5"),
            ("-inf", "'-inf"),
            ("@SUM(1)", "'@SUM(1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "\"'\r=1\""),
            ("=\"a\",b", "\"'=\"\"a\"\",b\""),
        ] {
            assert_eq!(field(text), written, "{text:?}");
        }
        // Other text is left as it is, quoted only when it must be.
        for text in ["<5", "x", "Vejle Kommune", "2026-W48", "a-b", "-"] {
            assert_eq!(field(text), text, "{text}");
        }
    }
}
