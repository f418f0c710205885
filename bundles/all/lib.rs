//! The bundle with every lokalform widget: registers all custom elements.

use wasm_bindgen::prelude::wasm_bindgen;

/// Runs when the module is instantiated: defines every custom element.
#[wasm_bindgen(start)]
pub fn start() {
    lokalform_components::register_all();
}
