// The gallery's section per element, made from the elements' API
// description (dist/lokalform/custom-elements.json, generated from the
// code by `cargo xtask build`), so what the gallery says cannot drift from
// what the elements do. Each form control gets a live demo inside a plain
// HTML <form> that shows what the form would submit; every element gets
// its snippet and its attributes. Built with DOM calls only (no innerHTML):
// the page needs no inline script and no Trusted Types policy.
import "/dist/lokalform/fields/lokalform-fields.js";

/** The demo's visible label and extra attributes, per element. */
const DEMO = {
  "lokal-cpr": { label: "CPR-nummer", attrs: { required: "" } },
  "lokal-date": { label: "Første mødedag" },
  "lokal-phone": { label: "Telefon" },
  "lokal-email": { label: "E-mail" },
  "lokal-scale": { label: "Hvordan har du det i dag?", attrs: { "min-label": "Meget dårligt", "max-label": "Rigtig godt" } },
  "lokal-vas": { label: "Hvor ofte føler du dig alene?", attrs: { "min-label": "Aldrig", "max-label": "Hele tiden" } },
  "lokal-signature": { label: "Underskrift" },
  "lokal-instrument": { label: "Dit sociale netværk (LSNS-6)" },
};

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "text") e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

/** Whether `d` is a form control of the host's <form> (it has `name`). */
const isControl = (d) => d.attributes.some((a) => a.name === "name");

/** The element's markup as a partner writes it. */
function markup(d, id, demo) {
  const attrs = { id, ...(isControl(d) ? { name: id } : {}), ...(demo.attrs ?? {}) };
  const text = Object.entries(attrs).map(([k, v]) => (v === "" ? ` ${k}` : ` ${k}="${v}"`)).join("");
  const label = isControl(d) ? `<label for="${id}">${demo.label}</label>\n` : "";
  return `<script type="module" src="https://your-static-host/lokalform/loader.js"></script>\n${label}<${d.tagName}${text}></${d.tagName}>`;
}

/** A plain form with the element, and what it would submit. */
function liveDemo(d, id, demo) {
  const element = el(d.tagName, { id, name: id, ...(demo.attrs ?? {}) });
  const out = el("pre", { class: "submitted", "aria-live": "polite", text: "(intet endnu)" });
  const form = el("form", { class: "demo", novalidate: "" },
    el("p", {}, el("label", { for: id, text: demo.label }), " ", element),
    el("p", {}, el("button", { type: "submit", text: "Send" }), " ", el("button", { type: "reset", text: "Ryd" })));
  form.removeAttribute("novalidate");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const entries = [...new FormData(form)].map(([k, v]) => `${k}=${v}`);
    out.textContent = entries.length ? entries.join("\n") : "(intet)";
  });
  form.addEventListener("reset", () => { out.textContent = "(intet endnu)"; });
  return [form, el("p", { text: "Det ville formularen sende:" }), out];
}

function attributeTable(d) {
  const head = el("tr", {}, ...["Attribut", "Type", "Standard", "Beskrivelse"].map((t) => el("th", { scope: "col", text: t })));
  const rows = d.attributes.map((a) => el("tr", {},
    el("td", {}, el("code", { text: a.name })),
    el("td", {}, el("code", { text: a.type?.text ?? "" })),
    el("td", { text: a.default ?? "" }),
    el("td", { text: a.description ?? "" })));
  return el("table", { class: "attributes" },
    el("caption", { text: `Attributter på <${d.tagName}>` }),
    el("thead", {}, head), el("tbody", {}, ...rows));
}

const host = document.getElementById("elements-list");
let manifest = { modules: [] };
try {
  manifest = await (await fetch("/dist/lokalform/custom-elements.json")).json();
} catch {
  host.append(el("p", { text: "Elementernes beskrivelse kunne ikke hentes lige nu (måske er der ingen forbindelse). Prøv igen senere." }));
}
for (const module of manifest.modules) {
  for (const d of module.declarations.filter((x) => x.customElement)) {
    const id = `demo-${d.tagName.replace(/^lokal-/, "")}`;
    const demo = DEMO[d.tagName] ?? { label: d.tagName };
    const heading = el("h3", { id: `${id}-title` }, el("code", { text: `<${d.tagName}>` }));
    const section = el("section", { class: "element", "aria-labelledby": `${id}-title`, "data-tag": d.tagName },
      heading, el("p", { text: d.description }));
    if (isControl(d)) section.append(...liveDemo(d, id, demo));
    section.append(el("pre", { class: "snippet" }, el("code", { text: markup(d, id, demo) })), attributeTable(d));
    host.append(section);
  }
}
host.setAttribute("aria-busy", "false");
