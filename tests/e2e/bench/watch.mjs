// Shared by the browser benchmarks: what they watch for in the page, and
// how they summarise samples.

/**
 * Installed before any page script (`page.addInitScript(watchFor, {...})`):
 * waits for one element — `id` (or the first match of `selector`) in the
 * shadow root of the first `tag` element, or in the document when there is
 * no `tag` — to be ready:
 * - `enabled`: it exists and is not disabled;
 * - `laid-out`: it has a layout box of some width;
 * - `usable`: it is not disabled and has a layout box (not `display: none`
 *   or inside a `hidden` ancestor), so a citizen can see and choose it.
 *
 * Records two times, `performance.now()` (0 = navigation start):
 * `window[global]` when the element was first found ready, and
 * `window[global + "Frame"]` at the start of the animation frame that
 * paints it. In a shadow root a MutationObserver finds it at once; in the
 * document (and before the shadow root exists) it is looked for at the
 * start of every animation frame, so both times are that frame. Browsers
 * run no animation frames while render-blocking stylesheets load, so the
 * frame time is the first paint the element can be in: the measure that
 * compares pages fairly.
 */
export function watchFor({ tag, id, selector, global, ready }) {
  const frameKey = `${global}Frame`;
  const find = () => {
    const root = tag ? document.querySelector(tag)?.shadowRoot : document;
    if (!root) return null;
    return id ? root.getElementById(id) : root.querySelector(selector);
  };
  const isReady = (el) => {
    if (!el || !el.isConnected) return false;
    if (ready === "laid-out") return el.getBoundingClientRect().width > 0;
    if (ready === "usable") return !el.disabled && el.getClientRects().length > 0;
    return !el.disabled;
  };
  // `inFrame`: called at the start of an animation frame.
  const check = (inFrame) => {
    if (window[global] !== undefined) return true;
    if (!isReady(find())) return false;
    window[global] = performance.now();
    if (inFrame) window[frameKey] = window[global];
    else requestAnimationFrame(() => (window[frameKey] = performance.now()));
    return true;
  };
  let observing = false;
  const frame = () => {
    if (check(true)) return;
    const root = tag ? document.querySelector(tag)?.shadowRoot : null;
    if (root && !observing) {
      // Inside the shadow root a MutationObserver is exact; rAF covers the time before it exists.
      observing = true;
      new MutationObserver((_, mo) => check(false) && mo.disconnect()).observe(root, { childList: true, subtree: true, attributes: true });
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/**
 * Installed before any page script: collects the page's layout shifts
 * without recent input (the ones Cumulative Layout Shift counts) in
 * `window.__layoutShifts`, each with its time and which nodes moved (a
 * short CSS-like path; a node in a shadow root is named after its host,
 * `host >> node`), so a shift can be traced to its cause.
 */
export function watchLayoutShifts() {
  const shifts = (window.__layoutShifts = []);
  const name = (node) => {
    if (node.nodeType !== Node.ELEMENT_NODE) return node.nodeName.toLowerCase();
    const classes = [...node.classList].map((c) => `.${c}`).join("");
    // Which of its kind, when its parent has several (`main > p:nth-of-type(3)`).
    const kind = [...(node.parentNode?.children ?? [])].filter((c) => c.localName === node.localName);
    const nth = kind.length > 1 ? `:nth-of-type(${kind.indexOf(node) + 1})` : "";
    return `${node.localName}${node.id ? `#${node.id}` : ""}${classes}${nth}`;
  };
  const describe = (node) => {
    if (!node) return null;
    const parts = [];
    for (let n = node, depth = 0; n && depth < 4; depth++) {
      parts.unshift(name(n));
      const parent = n.parentNode;
      if (parent instanceof ShadowRoot) return `${describe(parent.host)} >> ${parts.join(" > ")}`;
      if (!parent || parent === document || parent === document.body) break;
      n = parent;
    }
    return parts.join(" > ");
  };
  const rect = (r) => r && { x: r.x, y: r.y, width: r.width, height: r.height };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      shifts.push({
        value: e.value,
        startTime: e.startTime,
        sources: (e.sources ?? []).map((s) => ({ node: describe(s.node), previousRect: rect(s.previousRect), currentRect: rect(s.currentRect) })),
      });
    }
  }).observe({ type: "layout-shift", buffered: true });
}

/** Median, min, max and count of the numbers among `values`; null when there are none. */
export function stats(values) {
  const sorted = values.filter((v) => typeof v === "number").sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}
