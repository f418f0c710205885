//! The kiosk bundle: registers `<lokal-feedback>` with its kiosk mode
//! (one question a screen, batches, the idle reset) for a shared tablet,
//! so the feedback bundle a municipal page embeds does not carry it.

use wasm_bindgen::prelude::wasm_bindgen;

/// Runs when the module is instantiated: defines the custom element.
#[wasm_bindgen(start)]
pub fn start() {
    lokalform_components::feedback::kiosk::register();
}
