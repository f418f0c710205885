//! The dashboard's "Tabletter": the form that makes a one-time enrollment
//! code, the enrolled tablets with a "Tilbagekald" button each, and the
//! page that shows a new code once. Plain HTML forms (POST, no script),
//! every value escaped by [`Html`].

use super::{close_page, open_page};
use crate::devices::{CODE_HOURS, MAX_LABEL_CHARS};
use crate::html::{fill, Html};
use crate::period::date_da;
use crate::store::StoredDevice;
use lokalform_text::date::Date;

/// The anchor of the section (the revoke button returns to it).
pub const ANCHOR: &str = "tabletter";

/// A stored day (`2026-12-07`) in Danish, or the text as it is.
fn day_da(iso: &str) -> String {
    Date::parse_iso(iso).map_or_else(|| iso.to_string(), date_da)
}

/// The section: the code form and the table of tablets.
pub fn render_section(html: &mut Html, devices: &[StoredDevice]) {
    fill!(
        html,
        "<section aria-labelledby=\"{}\">\n<h2 id=\"{}\">Tabletter</h2>\n",
        ANCHOR,
        ANCHOR
    );
    html.markup(
        "<p>En tablet i kiosktilstand kan kun sende svar, når den er tilmeldt her. Lav en \
         tilmeldingskode, og skriv den i tablettens personalevisning. Koden kan bruges én gang \
         og gælder i 24 timer.</p>\n",
    );
    fill!(
        html,
        "<form class=\"filters\" method=\"post\" action=\"/admin/devices/codes\">\n\
         <div><label for=\"device-label\">Tablettens navn</label>\n\
         <input id=\"device-label\" name=\"label\" required maxlength=\"{}\" \
         aria-describedby=\"device-label-hint\" autocomplete=\"off\">\n\
         <p id=\"device-label-hint\" class=\"hint\">Skriv tabletten eller stedet, fx „Café-tablet 1“ – \
         aldrig en persons navn.</p></div>\n\
         <button type=\"submit\">Lav tilmeldingskode</button>\n</form>\n",
        MAX_LABEL_CHARS
    );
    if devices.is_empty() {
        html.markup("<p>Der er ingen tilmeldte tabletter endnu.</p>\n</section>\n");
        return;
    }
    html.markup(
        "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"devices-caption\">\n\
         <table>\n<caption id=\"devices-caption\">Tilmeldte tabletter</caption>\n\
         <thead><tr><th scope=\"col\">Navn</th><th scope=\"col\">Tilmeldt</th>\
         <th scope=\"col\">Sidste pakke</th><th scope=\"col\">Svar i dag (UTC)</th>\
         <th scope=\"col\">Status</th><th scope=\"col\"><span class=\"visually-hidden\">Handling</span></th></tr></thead>\n<tbody>\n",
    );
    for device in devices {
        let last = device
            .last_batch
            .as_deref()
            .map_or_else(|| "Ingen endnu".to_string(), day_da);
        fill!(
            html,
            "<tr><th scope=\"row\">{}</th><td class=\"nowrap\">{}</td><td class=\"nowrap\">{}</td>\
             <td class=\"count\">{}</td>",
            device.label,
            day_da(&device.enrolled),
            last,
            device.responses_today
        );
        if device.revoked {
            html.markup("<td>Tilbagekaldt</td><td></td></tr>\n");
        } else {
            fill!(
                html,
                "<td>Aktiv</td><td><form class=\"revoke\" method=\"post\" action=\"/admin/devices/{}/revoke\">\
                 <button type=\"submit\" aria-label=\"Tilbagekald {}\">Tilbagekald</button></form></td></tr>\n",
                device.id,
                device.label
            );
        }
    }
    html.markup("</tbody>\n</table>\n</div>\n");
    html.markup(
        "<p>En tilbagekaldt tablet kan ikke sende flere svar. Svar, den allerede har sendt, \
         tæller stadig med.</p>\n</section>\n",
    );
}

/// The page that shows a new code, once: large, with its expiry and what
/// to do with it.
pub fn code_page(code: &str, label: &str, expires: i64) -> String {
    let mut html = Html::with_capacity(8 * 1024);
    open_page(&mut html, "Tilmeldingskode – lokalform");
    html.markup("<h1>Tilmeldingskode</h1>\n");
    fill!(html, "<p>Koden er til tabletten „{}“:</p>\n", label);
    fill!(html, "<p class=\"code\">{}</p>\n", code);
    let day = Date::from_days(expires.div_euclid(86_400)).map_or_else(String::new, date_da);
    let minutes = expires.rem_euclid(86_400) / 60;
    fill!(
        html,
        "<p>Koden gælder i {} timer, til {} kl. {} (UTC), og kan bruges én gang.</p>\n",
        CODE_HOURS,
        day,
        format!("{:02}.{:02}", minutes / 60, minutes % 60)
    );
    html.markup(
        "<h2>Sådan bruger du koden</h2>\n<ol>\n\
         <li>Åbn personalevisningen på tabletten og skriv koden.</li>\n\
         <li>Tabletten er tilmeldt, når personalevisningen siger det. Derefter sender den svarene selv.</li>\n\
         </ol>\n\
         <p class=\"note\">Koden vises kun denne ene gang og gemmes ikke læsbart. Luk siden, når koden \
         er skrevet ind. Har du mistet den, så lav en ny.</p>\n",
    );
    fill!(
        html,
        "<p><a href=\"/admin#{}\">Tilbage til dashboardet</a></p>\n",
        ANCHOR
    );
    close_page(&mut html);
    html.into_string()
}
