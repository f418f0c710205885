//! Writing CSV for spreadsheets: the collector's report and the cohort
//! export share one way of quoting a field.

/// Quotes a CSV field when needed (RFC 4180), and defuses text a
/// spreadsheet would run as a formula (a leading `=`, `+`, `-` or `@` gets
/// a `'`; a lone `-` is no formula and stays as it is).
///
/// ```
/// use lokalform_text::csv::field;
/// assert_eq!(field("a,b"), "\"a,b\"");
/// assert_eq!(field("=SUM(A1)"), "'=SUM(A1)");
/// assert_eq!(field("-"), "-");
/// assert_eq!(field("<5"), "<5");
/// ```
pub fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) && s != "-" {
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
