//! Today's date on this device, for date checks ("not in the future") and
//! the dates the programme records; and this week (UTC), which a tally
//! carries so the collector can refuse one older than its receipts.

use lokalform_text::date::Date;

/// Today's date on this device's clock (in its time zone).
///
/// ```no_run
/// let today = lokalform_components::common::today::today();
/// assert!(today.iso().len() == 10);
/// ```
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(
        now.get_full_year() as u16,
        now.get_month() as u8 + 1,
        now.get_date() as u8,
    )
    .unwrap_or_default()
}

/// This ISO week by the device's clock in UTC (as the collector counts
/// weeks), e.g. `2026-W50`: the `week` of a tally made now.
///
/// ```no_run
/// let week = lokalform_components::common::today::this_week();
/// assert_eq!(week.len(), 8);
/// ```
pub fn this_week() -> String {
    let days = (js_sys::Date::now() / 86_400_000.0).floor() as i64;
    Date::from_days(days).unwrap_or_default().iso_week_label()
}
