//! Running async work on the page's event loop.

use std::future::Future;
use std::pin::Pin;

/// Runs `work` to completion in the background.
///
/// Every future is boxed into one type before it reaches the executor, so
/// the executor's task code exists once in the wasm instead of once per
/// call site (several KB in a widget bundle).
///
/// ```no_run
/// lokalform_components::common::task::spawn(async { /* … */ });
/// ```
///
/// Rendered natively (the feedback box's first screen, at build time)
/// there is no page to run on: the work is dropped.
pub fn spawn(work: impl Future<Output = ()> + 'static) {
    if cfg!(not(target_arch = "wasm32")) {
        return;
    }
    let boxed: Pin<Box<dyn Future<Output = ()>>> = Box::pin(work);
    wasm_bindgen_futures::spawn_local(boxed);
}
