// The JavaScript every lokalform bundle shares: the custom-element class,
// the pre-rendered first screen and its take-over, and the one place that
// puts fixed markup into a page (through a Trusted Types policy).
//
// A bundle's entry module imports this file (the copy wasm-bindgen puts in
// `snippets/`, the same file the wasm imports, so both use one module
// instance) and calls `defineElement` for each of its elements *before* the
// wasm is fetched: the element exists at once, adopts its stylesheets and,
// for the feedback box, shows its first screen as plain, usable HTML made
// at build time by the same Rust code that renders it live. When the wasm
// has started, Rust calls `wireElement`, and every element already on the
// page is taken over: the answers chosen or typed in the pre-rendered
// screen are carried into the live form, focus stays where it was, and the
// live form replaces the pre-rendered one in the same task, so nothing is
// painted in between and nothing moves.

let policy;

/** Sets `el`'s content to `html` (markup escaped by its Rust builder). */
export function setMarkup(el, html) {
  if (policy === undefined) {
    policy = null;
    try {
      if (globalThis.trustedTypes && trustedTypes.createPolicy) {
        policy = trustedTypes.createPolicy("lokalform", { createHTML: (s) => s });
      }
    } catch (_) {
      policy = null;
    }
  }
  el.innerHTML = policy ? policy.createHTML(html) : html;
}

// One constructable stylesheet per distinct text, shared by every element
// class that uses it (the base sheet serves all widgets).
const sheets = new Map();
function sheetFor(css) {
  if (!sheets.has(css)) {
    let sheet = null;
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    } catch (_) {
      sheet = null;
    }
    sheets.set(css, sheet);
  }
  return sheets.get(css);
}

// The language an element speaks: its own `lang`, else the page's around
// it, else Danish (the same rule as the Rust side's `Lang::from_attr`).
function langOf(el) {
  const lang = el.getAttribute("lang") ?? el.parentElement?.closest("[lang]")?.getAttribute("lang") ?? "";
  return lang.trim().toLowerCase().startsWith("en") ? "en" : "da";
}

// What the citizen did in the pre-rendered screen: checked inputs, typed
// text, the focused control (with its caret), a pressed "Næste".
function stateOf(first, root) {
  const checked = [...first.querySelectorAll("input:checked")].map((i) => i.id);
  const typed = [...first.querySelectorAll("textarea, input:not([type=radio]):not([type=checkbox])")]
    .filter((t) => t.value)
    .map((t) => [t.id, t.value]);
  const active = root.activeElement && first.contains(root.activeElement) ? root.activeElement : null;
  // Only text controls have a caret (a radio button's selectionStart is null).
  const caret = active && active.selectionStart != null ? [active.selectionStart, active.selectionEnd] : null;
  return { checked, typed, active: active?.id, caret, submitted: first.__lokalSubmitted === true };
}

// Replays that state into the live form as the citizen's own input
// (click and input events), so the live form's handlers record it.
function replay(state, root) {
  for (const id of state.checked) {
    const input = root.getElementById(id);
    if (input && !input.checked) input.click();
  }
  for (const [id, value] of state.typed) {
    const field = root.getElementById(id);
    if (field) {
      field.value = value;
      field.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }
  const active = state.active && root.getElementById(state.active);
  if (active) {
    active.focus({ preventScroll: true });
    // The live form writes the value back once more (its own update, after
    // this task), which puts the caret at the end: put it back before the
    // next frame.
    const caret = state.caret;
    if (caret && active.setSelectionRange) {
      active.setSelectionRange(caret[0], caret[1]);
      requestAnimationFrame(() => root.activeElement === active && active.setSelectionRange(caret[0], caret[1]));
    }
  }
  if (state.submitted) root.querySelector("form")?.requestSubmit();
}

// The elements, per class, waiting for the wasm.
const waitingLists = [];

/**
 * The wasm could not be started (no network, a refused integrity hash):
 * every element still waiting shows the page's fallback content, its own
 * children, e.g. "Feedbackboksen kan ikke vises lige nu …", instead of a
 * first screen whose answers could never be sent.
 */
export function startFailed(error) {
  console.error("lokalform:", error);
  for (const waiting of waitingLists) for (const el of waiting) el.lokalFail();
}

/**
 * Defines custom element `tag` (once per page): observed `attrs`, the
 * stylesheets `styles` (CSS texts) and, optionally, `first`: the first
 * screen's markup per language (`{ da, en }`), shown until the wasm takes
 * over — only when the element names no `form` of its own and is not a
 * kiosk (the markup is of the built-in definition on the web). Every
 * element has a read-only `version` property: the lokalform `version` that
 * defined it, where a support question can start.
 */
export function defineElement(tag, attrs, styles, first, version) {
  if (customElements.get(tag)) return;
  let live = null;
  const waiting = new Set();
  waitingLists.push(waiting);
  const adopted = styles.map(sheetFor);
  customElements.define(
    tag,
    class extends HTMLElement {
      static get observedAttributes() {
        return attrs;
      }
      get version() {
        return version;
      }
      // Called by the wasm when it has started (`wireElement`).
      static lokalWire(connect, disconnect, changed) {
        if (live) return; // another bundle on the page was first
        live = { connect, disconnect, changed };
        for (const el of waiting) el.lokalStart();
        waiting.clear();
      }
      connectedCallback() {
        if (this.__lokal !== undefined) return;
        const root = this.shadowRoot || this.attachShadow({ mode: "open" });
        if (!root.__lokalStyled) {
          root.__lokalStyled = true;
          if (adopted.every((s) => s) && "adoptedStyleSheets" in root) {
            root.adoptedStyleSheets = adopted;
          } else {
            // Old browsers: a <style> element (refused under a strict CSP).
            const style = document.createElement("style");
            style.textContent = styles.join("");
            root.prepend(style);
          }
        }
        if (live) return this.lokalStart();
        waiting.add(this);
        const markup = first && !this.getAttribute("form")?.trim() && this.getAttribute("mode") !== "kiosk" && first[langOf(this)];
        if (markup && !root.querySelector(".lokal-root")) {
          const container = document.createElement("div");
          container.className = "lokal-root lokal-first";
          setMarkup(container, markup);
          // "Næste" before the wasm has come: remember it, go on after.
          container.addEventListener("submit", (ev) => {
            ev.preventDefault();
            container.__lokalSubmitted = true;
          });
          root.append(container);
        }
      }
      // The wasm could not start: the page's own fallback content (the
      // element's children) instead of a form that cannot be sent.
      lokalFail() {
        this.shadowRoot.replaceChildren(document.createElement("slot"));
      }
      lokalStart() {
        const root = this.shadowRoot;
        const first = root.querySelector(".lokal-first");
        const state = first && stateOf(first, root);
        // A re-connected element keeps its shadow root: start from empty.
        for (const node of [...root.childNodes]) if (node.localName !== "style") node.remove();
        this.__lokal = live.connect(this, root);
        // Carrying the answers over must never stop the live box.
        try {
          if (state) replay(state, root);
        } catch (e) {
          console.error("lokalform:", e);
        }
      }
      disconnectedCallback() {
        waiting.delete(this);
        if (this.__lokal === undefined) return;
        live.disconnect(this.__lokal);
        this.__lokal = undefined;
      }
      attributeChangedCallback(name, old, value) {
        if (this.__lokal !== undefined && old !== value) live.changed(this.__lokal, name, value);
      }
    },
  );
}

/** Called by the wasm: the live element `tag` is ready to take over. */
export function wireElement(tag, connect, disconnect, changed) {
  const defined = customElements.get(tag);
  if (defined && defined.lokalWire) defined.lokalWire(connect, disconnect, changed);
  else console.error(`lokalform: <${tag}> is not defined; load the bundle's entry module (lokalform-*.js)`);
}
