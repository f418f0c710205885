//! The feedback-box bundle: registers `<lokal-feedback>` and nothing else,
//! so a municipal page that embeds only the feedback box downloads only it.

use wasm_bindgen::prelude::wasm_bindgen;

/// Runs when the module is instantiated: defines the custom element.
#[wasm_bindgen(start)]
pub fn start() {
    lokalform_components::feedback::register();
}
