//! Files in and out: a download made on the device (nothing is uploaded)
//! and the text of a file the worker picked.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function downloadText(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
export async function pickedText(input) {
  const file = input && input.files && input.files[0];
  if (!file) return null;
  if (file.size > 50 * 1024 * 1024) throw new Error("too-large");
  return await file.text();
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = downloadText)]
    fn download_text(name: &str, text: &str, kind: &str);
    #[wasm_bindgen(catch, js_name = pickedText)]
    async fn picked_text(input: &JsValue) -> Result<JsValue, JsValue>;
}

/// Offers `text` as a file called `name` (a download from memory).
pub fn download(name: &str, text: &str, kind: &str) {
    download_text(name, text, kind);
}

/// The text of the file picked in `input`: `Ok(None)` when none is picked;
/// `Err` when it cannot be read (or is over 50 MB).
pub async fn read_picked(input: &web_sys::HtmlInputElement) -> Result<Option<String>, String> {
    picked_text(input.as_ref())
        .await
        .map(|v| v.as_string())
        .map_err(|e| crate::store::vault::thrown(e).unwrap_or_default())
}
