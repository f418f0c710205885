// Shared by the browser benchmarks.

/**
 * Installed before any page script (`page.addInitScript(watchFor, {...})`):
 * records `performance.now()` in `window[global]` once the element with
 * `id` in the shadow root of the first `tag` element is ready — `enabled`
 * (it can be used) or `laid-out` (it has a layout box).
 */
export function watchFor({ tag, id, global, ready }) {
  const check = () => {
    if (window[global] !== undefined) return true;
    const el = document.querySelector(tag)?.shadowRoot?.getElementById(id);
    const usable = ready === "laid-out" ? el?.getBoundingClientRect().width > 0 : el && !el.disabled;
    if (el && el.isConnected && usable) {
      window[global] = performance.now();
      return true;
    }
    return false;
  };
  let observing = false;
  const frame = () => {
    if (check()) return;
    const root = document.querySelector(tag)?.shadowRoot;
    if (root && !observing) {
      // Inside the shadow root a MutationObserver is exact; rAF covers the time before it exists.
      observing = true;
      new MutationObserver((_, mo) => check() && mo.disconnect()).observe(root, { childList: true, subtree: true, attributes: true });
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}
