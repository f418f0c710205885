//! The fields bundle: registers the single field elements (`<lokal-cpr>`,
//! `<lokal-date>`, `<lokal-phone>`, `<lokal-email>`, `<lokal-scale>`,
//! `<lokal-vas>`), so a partner's own form downloads only them.

use wasm_bindgen::prelude::wasm_bindgen;

/// Runs when the module is instantiated: defines the custom elements.
#[wasm_bindgen(start)]
pub fn start() {
    lokalform_components::fields::register();
}
