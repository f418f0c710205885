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
