// lokalform's loader: one script line for any lokal-* element. It defines
// each tag on first sight by importing the bundle that holds it, relative to
// this file, once per bundle:
//
//   <script type="module" src="https://your-static-host/lokalform/loader.js"></script>
//
// `BUNDLES` (written above this file by `cargo xtask build`, from
// components/src/api) lists each bundle's entry module and its tags,
// smallest bundle first. For the tags a page shows that no loaded bundle
// defines yet, the loader takes one bundle that holds them all if there is
// one (a page with the feedback box and the form engine loads only the
// all-widgets bundle), else the smallest for each. Tags added later (a
// page's own script, a CMS's lazy block) are seen by a MutationObserver.

const loaded = new Set();

function covered(tag) {
  return customElements.get(tag) || BUNDLES.some((b) => loaded.has(b.src) && b.tags.includes(tag));
}

function load(bundle) {
  if (loaded.has(bundle.src)) return;
  loaded.add(bundle.src);
  import(new URL(bundle.src, import.meta.url).href).catch((error) => console.error("lokalform loader:", error));
}

function scan(root) {
  const needed = [];
  for (const bundle of BUNDLES) {
    for (const tag of bundle.tags) {
      if (needed.includes(tag) || covered(tag)) continue;
      if (root.localName === tag || root.querySelector?.(tag)) needed.push(tag);
    }
  }
  if (!needed.length) return;
  const all = BUNDLES.find((b) => needed.every((t) => b.tags.includes(t)));
  if (all) return load(all);
  for (const tag of needed) if (!covered(tag)) load(BUNDLES.find((b) => b.tags.includes(tag)));
}

scan(document);
new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) if (node.nodeType === 1) scan(node);
}).observe(document, { childList: true, subtree: true });
