// What a host page adds to let the iframe follow the widget's height (see
// components/embed/embed.js). Without it, the iframe keeps its fixed height
// and scrolls. Only messages from the iframe's own window and origin count.
window.addEventListener("message", (e) => {
  if (!e.data || e.data.type !== "lokalform:height" || typeof e.data.height !== "number") return;
  for (const frame of document.querySelectorAll("iframe[data-follow-height]")) {
    if (frame.contentWindow === e.source && new URL(frame.src).origin === e.origin) {
      frame.style.height = `${e.data.height}px`;
    }
  }
});
