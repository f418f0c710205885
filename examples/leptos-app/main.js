// Loads the Leptos app: wasm-bindgen's module runs the app's `start`.
import init from "/dist/examples/leptos-app/app.js";
init();
