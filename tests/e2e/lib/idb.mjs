// Reading the widget's IndexedDB database "lokalform" from the page.
// Never opens a database that does not exist yet: that would create it
// without its stores and break the widget.

/**
 * Every record of every store: `{ store: [{ id, keys, ivType, ivLength,
 * dataType, dataLength, dataText }] }`. `dataText` is the bytes of `data`
 * decoded as Latin-1, for searching plain text in it.
 */
export async function dumpStores(page) {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes("lokalform")) return {};
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open("lokalform");
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const describe = (v) => {
      if (v instanceof ArrayBuffer) return { type: "ArrayBuffer", bytes: new Uint8Array(v) };
      if (ArrayBuffer.isView(v)) return { type: v.constructor.name, bytes: new Uint8Array(v.buffer, v.byteOffset, v.byteLength) };
      return { type: v === null ? "null" : typeof v, bytes: null };
    };
    const latin1 = (bytes) => (bytes ? Array.from(bytes, (b) => String.fromCharCode(b)).join("") : "");
    const out = {};
    for (const store of db.objectStoreNames) {
      const tx = db.transaction(store);
      const s = tx.objectStore(store);
      const [ids, values] = await Promise.all([
        new Promise((ok, fail) => { const r = s.getAllKeys(); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); }),
        new Promise((ok, fail) => { const r = s.getAll(); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); }),
      ]);
      out[store] = values.map((value, i) => {
        const isObject = value !== null && typeof value === "object" && !(value instanceof ArrayBuffer) && !ArrayBuffer.isView(value);
        const rec = { id: String(ids[i]), kind: value?.constructor?.name ?? typeof value, keys: isObject ? Object.keys(value).sort() : [] };
        if (isObject) {
          const iv = describe(value.iv);
          const data = describe(value.data);
          Object.assign(rec, {
            ivType: iv.type, ivLength: iv.bytes?.length ?? 0,
            dataType: data.type, dataLength: data.bytes?.length ?? 0,
            dataText: latin1(data.bytes) + latin1(iv.bytes),
          });
        } else {
          rec.dataText = typeof value === "string" ? value : JSON.stringify(value) ?? "";
        }
        if (isObject) {
          // Any other field, as text, so a clear-text leak anywhere shows.
          for (const k of Object.keys(value)) {
            if (k !== "iv" && k !== "data") rec.dataText += " " + JSON.stringify(value[k]);
          }
        }
        return rec;
      });
    }
    db.close();
    return out;
  });
}

/** The number of records in `store` (0 when the database does not exist yet). */
export async function countRecords(page, store) {
  const all = await dumpStores(page);
  return (all[store] ?? []).length;
}

/**
 * Decrypts every record of `store` in the page with the widget's own
 * device key (usable, not extractable) and parses the JSON: proves the
 * records are AES-GCM under that key, and lets tests wait for a save.
 */
export async function decryptStore(page, store) {
  return page.evaluate(async (store) => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes("lokalform")) return [];
    const db = await new Promise((ok, fail) => { const r = indexedDB.open("lokalform"); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    const get = (name, how) => new Promise((ok, fail) => { const r = how(db.transaction(name).objectStore(name)); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    const key = await get("keys", (s) => s.get("device"));
    const records = await get(store, (s) => s.getAll());
    db.close();
    const out = [];
    for (const rec of records) {
      const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: rec.iv }, key, rec.data);
      out.push(JSON.parse(new TextDecoder().decode(plain)));
    }
    return out;
  }, store);
}
