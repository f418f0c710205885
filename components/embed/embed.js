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
// The element is created once its class is defined, with the attributes
// it observes (its own list, from the Rust `define`), so it renders once
// with them.
const tag = document.body.dataset.widget;
const params = new URLSearchParams(location.search);
const lang = params.get("lang");
if (lang === "en" || lang === "da") document.documentElement.lang = lang;
customElements.whenDefined(tag).then(() => {
  const Widget = customElements.get(tag);
  const widget = document.createElement(tag);
  for (const name of Widget.observedAttributes || []) {
    const value = params.get(name);
    if (value !== null) widget.setAttribute(name, value);
  }
  document.body.append(widget);
});

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
