//! Today's date on this device, for date checks ("not in the future") and
//! the dates the programme records.

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
