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
 *
 * `control` is `asControl` for an element that is a form control (only
 * the fields bundle imports it, so the others do not carry it).
 */
export function defineElement(tag, attrs, styles, first, version, control) {
  if (customElements.get(tag)) return;
  let live = null;
  const waiting = new Set();
  waitingLists.push(waiting);
  const adopted = styles.map(sheetFor);
  const Lokal = class extends HTMLElement {
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
        // A control hands focus to its input (a `<label for>` click, `focus()`).
        const root = this.shadowRoot || this.attachShadow({ mode: "open", delegatesFocus: this.__internals !== undefined });
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
      // To the live widget, as a change of attribute `name` (a control's value).
      lokalChanged(name, value) {
        if (this.__lokal !== undefined) live.changed(this.__lokal, name, value);
      }
    };
  customElements.define(tag, control ? control(Lokal) : Lokal);
}

/** Called by the wasm: the live element `tag` is ready to take over. */
export function wireElement(tag, connect, disconnect, changed) {
  const defined = customElements.get(tag);
  if (defined && defined.lokalWire) defined.lokalWire(connect, disconnect, changed);
  else console.error(`lokalform: <${tag}> is not defined; load the bundle's entry module (lokalform-*.js)`);
}

/**
 * A form control's state, from the live widget: the value its form submits
 * under the element's `name` (`null`: none), `extra` entries submitted
 * beside it (`[name, value, name, value, …]`, e.g. an instrument's score)
 * and, when it is not valid, the message and the control inside the shadow
 * root that the browser points at (`reportValidity`).
 */
export function controlState(el, value, message, anchor, extra) {
  const internals = el.__internals;
  if (!internals) return;
  el.__current = value ?? "";
  let submitted = value;
  if (value != null && extra?.length && el.name) {
    submitted = new FormData();
    submitted.append(el.name, value);
    for (let i = 0; i < extra.length; i += 2) submitted.append(extra[i], extra[i + 1]);
  }
  internals.setFormValue(submitted, value);
  if (message) internals.setValidity({ customError: true }, message, anchor ?? undefined);
  else internals.setValidity({});
}

/** The text of the `<label>`s that name form control `el`, else its `aria-label`. */
export function controlLabel(el) {
  const labels = el.__internals?.labels;
  const text = labels ? [...labels].map((l) => l.textContent.trim()).filter(Boolean).join(" ") : "";
  return text || el.getAttribute("aria-label") || "";
}

/**
 * Makes element class `Base` a form control of the host page's own
 * `<form>` (form-associated, through ElementInternals): it has `name`,
 * `value`, `form`, `validity`, `checkValidity()`, `reportValidity()`,
 * takes part in the form's submit (FormData), reset and back/forward
 * restore, an ordinary `<label for>` names it, and focus goes to its input.
 * The live widget reports its value and validity with `controlState`;
 * value changes from the page reach it as changes of its `value` signal
 * (the `value` attribute is the default value).
 */
export function asControl(Base) {
  return class extends Base {
    static get formAssociated() {
      return true;
    }
    constructor() {
      super();
      this.__internals = this.attachInternals();
    }
      // The form-control API.
      get form() {
        return this.__internals?.form ?? null;
      }
      get name() {
        return this.getAttribute("name") ?? "";
      }
      set name(v) {
        this.setAttribute("name", v);
      }
      get value() {
        return this.__current ?? this.__value ?? this.getAttribute("value") ?? "";
      }
      set value(v) {
        this.__value = v == null ? "" : String(v);
        this.lokalValue(this.__value);
      }
      get required() {
        return this.hasAttribute("required");
      }
      set required(v) {
        this.toggleAttribute("required", Boolean(v));
      }
      get disabled() {
        return this.hasAttribute("disabled");
      }
      set disabled(v) {
        this.toggleAttribute("disabled", Boolean(v));
      }
      get validity() {
        return this.__internals?.validity;
      }
      get validationMessage() {
        return this.__internals?.validationMessage ?? "";
      }
      get willValidate() {
        return this.__internals?.willValidate ?? false;
      }
      get labels() {
        return this.__internals?.labels;
      }
      checkValidity() {
        return this.__internals ? this.__internals.checkValidity() : true;
      }
      reportValidity() {
        return this.__internals ? this.__internals.reportValidity() : true;
      }
      // A value set by the page, by reset or by restore: to the live widget,
      // as a change of its `value` signal.
      lokalValue(v) {
        this.lokalChanged("value", v);
      }
      formResetCallback() {
        this.__value = undefined;
        this.lokalValue(this.getAttribute("value"));
      }
      formStateRestoreCallback(state) {
        if (typeof state === "string") this.value = state;
      }
      lokalStart() {
        super.lokalStart();
        if (this.__value !== undefined) this.lokalValue(this.__value);
      }
      attributeChangedCallback(name, old, value) {
        // Once the page or the person set a value, the default no longer shows.
        if (name === "value" && this.__value !== undefined) return;
        super.attributeChangedCallback(name, old, value);
      }
  };
}
