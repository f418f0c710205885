// lokalform embed pages: one widget alone on a page, for a CMS that allows
// an <iframe> but no <script>. The page's query string gives the widget's
// attributes (only those the widget knows); the page tells its parent its
// height whenever it changes, so the host can size the iframe:
//
//   window.addEventListener("message", (e) => {
//     if (e.origin === "https://widgets.example.dk" && e.data && e.data.type === "lokalform:height") {
//       document.getElementById("feedback-frame").style.height = e.data.height + "px";
//     }
//   });
//
// The message carries only the height in CSS pixels: never an answer.
const ATTRIBUTES = {
  "lokal-feedback": ["collector", "form", "lang", "mode", "idle-seconds", "batch-size"],
  "lokal-form": ["form", "lang", "protect", "collector", "idle-lock"],
  "lokal-programme": ["programme", "forms", "lang", "collector", "municipality", "programme-name", "leader", "idle-lock"],
};

const tag = document.body.dataset.widget;
const params = new URLSearchParams(location.search);
const widget = document.createElement(tag);
for (const name of ATTRIBUTES[tag] || []) {
  const value = params.get(name);
  if (value !== null) widget.setAttribute(name, value);
}
const lang = params.get("lang");
if (lang === "en" || lang === "da") document.documentElement.lang = lang;
document.body.append(widget);

let last = -1;
function report() {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height !== last && window.parent !== window) {
    last = height;
    window.parent.postMessage({ type: "lokalform:height", height }, "*");
  }
}
new ResizeObserver(report).observe(document.documentElement);
report();
