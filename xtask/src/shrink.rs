//! Making wasm-bindgen's output smaller around `wasm-opt` and esbuild.
//!
//! Rewrites of the module (and the same names in the JS glue):
//!
//! - [`strip_exports`], [`drop_stream_closures`], [`drop_classes`]: drop
//!   wasm-streams' code, which no widget uses (below).
//! - [`shorten_names`]: wasm-bindgen names every import and closure export
//!   after its Rust path plus a 16-digit hash (`__wbg_appendChild_7465…`).
//!   Those names appear in both files and do not compress; renaming them to
//!   `$a`, `$b`, … saves about 3 KB brotli per bundle.
//! - [`drop_js_imports`], after wasm-opt: the JS glue keeps only the
//!   functions the optimised module still imports.
//!
//! Leptos depends on `server_fn` with its browser client, which brings
//! `wasm-streams`; that crate exports three JavaScript classes
//! (`IntoUnderlyingSource`, `…ByteSource`, `…Sink`). Exports are roots, so
//! their code stays in every bundle although no widget streams anything.
//! Removing the exports lets `wasm-opt` drop the code they call (about
//! 1.3 KB brotli). The function table still holds the promise closures and
//! future drops of that code; [`drop_stream_closures`] empties those slots,
//! so the rest goes too (about 2 kB brotli). [`drop_classes`] removes the
//! JS class wrappers, which nothing constructs and which called only the
//! removed exports (about 0.3 kB brotli).

/// Exports whose names start with one of these are removed.
pub const UNUSED_EXPORT_PREFIXES: &[&str] = &["intounderlying", "__wbg_intounderlying"];

fn read_leb(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut value: u32 = 0;
    for shift in (0..35).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        value |= u32::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

fn read_name(bytes: &[u8], at: &mut usize) -> Option<String> {
    let len = read_leb(bytes, at)? as usize;
    let name = std::str::from_utf8(bytes.get(*at..*at + len)?)
        .ok()?
        .to_string();
    *at += len;
    Some(name)
}

fn write_name(name: &str, out: &mut Vec<u8>) {
    write_leb(name.len() as u32, out);
    out.extend_from_slice(name.as_bytes());
}

fn write_leb(mut value: u32, out: &mut Vec<u8>) {
    loop {
        let b = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// Returns `module` without the exports whose names start with any of
/// `prefixes`, and the names removed. `None` if the module is malformed.
pub fn strip_exports(module: &[u8], prefixes: &[&str]) -> Option<(Vec<u8>, Vec<String>)> {
    let mut removed = Vec::new();
    let out = rewrite_sections(module, |id, body| {
        if id != 7 {
            return Some(None);
        }
        let mut kept = Vec::new();
        for (name, desc) in export_entries(body)? {
            if prefixes.iter().any(|x| name.starts_with(x)) {
                removed.push(name);
            } else {
                kept.push((name, desc));
            }
        }
        Some(Some(export_section(&kept)))
    })?;
    Some((out, removed))
}

/// The entries of an export section: each name with its kind and index
/// (still encoded).
fn export_entries(body: &[u8]) -> Option<Vec<(String, &[u8])>> {
    let mut p = 0;
    let count = read_leb(body, &mut p)?;
    let mut entries = Vec::new();
    for _ in 0..count {
        let name = read_name(body, &mut p)?;
        let desc = p;
        p += 1; // the kind
        read_leb(body, &mut p)?; // the index
        entries.push((name, body.get(desc..p)?));
    }
    Some(entries)
}

/// An export section holding `entries`.
fn export_section(entries: &[(String, &[u8])]) -> Vec<u8> {
    let mut section = Vec::new();
    write_leb(entries.len() as u32, &mut section);
    for (name, desc) in entries {
        write_name(name, &mut section);
        section.extend_from_slice(desc);
    }
    section
}

/// Calls `rewrite(section id, section body)` for every section; a `Some`
/// result replaces the body.
fn rewrite_sections(
    module: &[u8],
    mut rewrite: impl FnMut(u8, &[u8]) -> Option<Option<Vec<u8>>>,
) -> Option<Vec<u8>> {
    let mut out = module.get(..8)?.to_vec();
    let mut at = 8;
    while at < module.len() {
        let id = module[at];
        let mut body_at = at + 1;
        let size = read_leb(module, &mut body_at)? as usize;
        let body = module.get(body_at..body_at + size)?;
        match rewrite(id, body)? {
            Some(new_body) => {
                out.push(id);
                write_leb(new_body.len() as u32, &mut out);
                out.extend(new_body);
            }
            None => out.extend_from_slice(module.get(at..body_at + size)?),
        }
        at = body_at + size;
    }
    Some(out)
}

/// Skips an import's description (function, table, memory, global, tag).
fn skip_import_desc(body: &[u8], at: &mut usize) -> Option<()> {
    let kind = *body.get(*at)?;
    *at += 1;
    let limits = |at: &mut usize| -> Option<()> {
        let flags = *body.get(*at)?;
        *at += 1;
        read_leb(body, at)?;
        if flags & 1 != 0 {
            read_leb(body, at)?;
        }
        Some(())
    };
    match kind {
        0 => read_leb(body, at).map(|_| ()),
        1 => {
            *at += 1; // the reference type
            limits(at)
        }
        2 => limits(at),
        3 => {
            *at += 2; // value type, mutability
            Some(())
        }
        4 => {
            *at += 1;
            read_leb(body, at).map(|_| ())
        }
        _ => None,
    }
}

/// Returns wasm-bindgen's JS without the exported classes whose lowercased
/// names start with one of `prefixes` (see the module docs), and the names
/// removed: each `export class Name { … }` block, its `Symbol.dispose` line
/// and its `const NameFinalization = …;` registry. `None` if the JS has
/// another shape than expected (a class without its closing line, or a name
/// still used after the removal).
pub fn drop_classes(js: &str, prefixes: &[&str]) -> Option<(String, Vec<String>)> {
    let mut removed = Vec::new();
    let mut out = String::with_capacity(js.len());
    let mut lines = js.split_inclusive('\n');
    while let Some(line) = lines.next() {
        let name = line
            .strip_prefix("export class ")
            .and_then(|rest| rest.strip_suffix(" {\n"))
            .filter(|name| {
                let lower = name.to_ascii_lowercase();
                prefixes.iter().any(|p| lower.starts_with(p))
            });
        let Some(name) = name else {
            out.push_str(line);
            continue;
        };
        // The class body ends at the first line that is only `}`.
        loop {
            if lines.next()?.trim_end() == "}" {
                break;
            }
        }
        removed.push(name.to_string());
    }
    for name in &removed {
        let dispose = format!("if (Symbol.dispose) {name}.prototype");
        out = out
            .split_inclusive('\n')
            .filter(|line| !line.starts_with(&dispose))
            .collect();
        let registry = format!("const {name}Finalization = ");
        if let Some(at) = out.find(&registry) {
            let end = at + out[at..].find(";\n")? + 2;
            out.replace_range(at..end, "");
        }
        let still_used = out.match_indices(name.as_str()).any(|(at, _)| {
            let before = out[..at].chars().next_back();
            let after = out[at + name.len()..].chars().next();
            let ident = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
            !ident(before) && !ident(after)
        });
        if still_used {
            return None;
        }
    }
    Some((out, removed))
}

/// The function names in the module's `name` section, by function index.
fn function_names(module: &[u8]) -> Option<std::collections::BTreeMap<u32, String>> {
    let mut names = std::collections::BTreeMap::new();
    rewrite_sections(module, |id, body| {
        let mut p = 0;
        if id != 0 || read_name(body, &mut p)? != "name" {
            return Some(None);
        }
        while p < body.len() {
            let sub = *body.get(p)?;
            p += 1;
            let size = read_leb(body, &mut p)? as usize;
            let end = p + size;
            if sub == 1 {
                let mut q = p;
                for _ in 0..read_leb(body, &mut q)? {
                    let index = read_leb(body, &mut q)?;
                    names.insert(index, read_name(body, &mut q)?);
                }
            }
            p = end;
        }
        Some(None)
    })?;
    Some(names)
}

/// Whether a table entry is wasm-streams' code: its futures' drops and the
/// promise closures `future_to_promise` makes for them.
fn is_stream_code(name: &str) -> bool {
    name.contains("wasm_streams") || name.starts_with("js_sys::futures::future_to_promise::")
}

/// Empties the function-table slots of wasm-streams' code (see the module
/// docs), so `wasm-opt` can drop that code with the JS imports only it
/// calls: removing the exports alone leaves it, because the table still
/// holds its closures and the drops of its futures (about 2 kB brotli).
/// Calling an emptied slot traps; nothing calls them, since nothing creates
/// those streams. Every `future_to_promise` closure in a bundle is taken
/// for wasm-streams' only while every future it is made for is one of
/// wasm-streams': otherwise the module is returned unchanged. Returns the
/// module and how many slots were emptied; `None` if it is malformed.
pub fn drop_stream_closures(module: &[u8]) -> Option<(Vec<u8>, usize)> {
    let names = function_names(module)?;
    let promise_for_other = names.values().any(|n| {
        n.strip_prefix("core::ptr::drop_in_place<js_sys::futures::future_to_promise<")
            .is_some_and(|rest| !rest.contains("wasm_streams"))
    });
    if promise_for_other {
        return Some((module.to_vec(), 0));
    }
    let mut emptied = 0;
    let out = rewrite_sections(module, |id, body| {
        if id != 9 {
            return Some(None);
        }
        let mut p = 0;
        let count = read_leb(body, &mut p)?;
        let mut section = Vec::new();
        write_leb(count, &mut section);
        for _ in 0..count {
            let start = p;
            if read_leb(body, &mut p)? != 0 {
                return Some(None); // a segment of another form: left alone
            }
            // Flags 0: an active segment of table 0, its offset expression,
            // then function indices. Written again as flags 4, the same
            // with an expression per slot, so a slot can be null.
            let offset_at = p;
            p += body.get(p..)?.iter().position(|&b| b == 0x0b)? + 1;
            let offset = body.get(offset_at..p)?;
            let slots = read_leb(body, &mut p)?;
            let mut entries = Vec::new();
            let mut any = false;
            for _ in 0..slots {
                let function = read_leb(body, &mut p)?;
                if names.get(&function).is_some_and(|n| is_stream_code(n)) {
                    entries.extend([0xd0, 0x70, 0x0b]); // ref.null func
                    any = true;
                    emptied += 1;
                } else {
                    entries.push(0xd2); // ref.func
                    write_leb(function, &mut entries);
                    entries.push(0x0b);
                }
            }
            if any {
                write_leb(4, &mut section);
                section.extend_from_slice(offset);
                write_leb(slots, &mut section);
                section.extend(entries);
            } else {
                section.extend_from_slice(body.get(start..p)?);
            }
        }
        Some(Some(section))
    })?;
    Some((out, emptied))
}

/// The names the module imports from the JS glue (module `x`, as
/// [`shorten_names`] left it).
pub fn glue_imports(module: &[u8]) -> Option<std::collections::BTreeSet<String>> {
    let mut names = std::collections::BTreeSet::new();
    rewrite_sections(module, |id, body| {
        if id == 2 {
            let mut p = 0;
            for _ in 0..read_leb(body, &mut p)? {
                let module_name = read_name(body, &mut p)?;
                let name = read_name(body, &mut p)?;
                skip_import_desc(body, &mut p)?;
                if module_name == "x" {
                    names.insert(name);
                }
            }
        }
        Some(None)
    })?;
    Some(names)
}

/// Removes from the JS glue's import object the functions the optimised
/// module no longer imports (wasm-opt dropped the code that called them):
/// each entry `        $name: function(…) {` up to the next line at its
/// indentation that closes it. Only shortened names (`$…`) are removed;
/// returns the JS and how many entries went.
pub fn drop_js_imports(js: &str, imported: &std::collections::BTreeSet<String>) -> (String, usize) {
    const INDENT: &str = "        ";
    let mut out = String::with_capacity(js.len());
    let mut dropped = 0;
    let mut lines = js.split_inclusive('\n');
    while let Some(line) = lines.next() {
        let unused = line
            .strip_prefix(INDENT)
            .filter(|rest| rest.starts_with('$'))
            .and_then(|rest| rest.split_once(": function("))
            .is_some_and(|(name, _)| !imported.contains(name));
        if !unused {
            out.push_str(line);
            continue;
        }
        let mut skipped = vec![line];
        let mut closed = false;
        for inner in lines.by_ref() {
            skipped.push(inner);
            if inner
                .strip_prefix(INDENT)
                .is_some_and(|rest| rest.starts_with('}'))
            {
                closed = true;
                break;
            }
        }
        if closed {
            dropped += 1;
        } else {
            skipped.iter().for_each(|l| out.push_str(l));
        }
    }
    (out, dropped)
}

/// Whether an export is a hashed wasm-bindgen closure shim.
fn is_hashed(name: &str) -> bool {
    let base = match name.rsplit_once('_') {
        Some((base, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => base,
        _ => name,
    };
    base.len() > 18
        && base.as_bytes()[base.len() - 18] == b'_'
        && base.as_bytes()[base.len() - 17] == b'h'
        && base[base.len() - 16..]
            .bytes()
            .all(|b| b.is_ascii_hexdigit())
}

/// Whether an export is wasm-bindgen's own plumbing, called only by the
/// JS glue (`__wbindgen_malloc`, `__externref_table_alloc`, …).
fn is_glue_export(name: &str) -> bool {
    name.starts_with("__wbindgen_")
        || name.starts_with("__externref_")
        || name.starts_with("__wbg_")
}

fn short_name(n: usize) -> String {
    let mut n = n;
    let mut s = Vec::new();
    loop {
        s.push(b'a' + (n % 26) as u8);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    s.reverse();
    format!("${}", String::from_utf8_lossy(&s))
}

/// What [`shorten_names`] renamed.
pub struct Renamed {
    /// Old name → new name, for imports and exports.
    pub names: std::collections::BTreeMap<String, String>,
    /// The JS module the imports came from (`./x_bg.js`), now `x`.
    pub module: Option<String>,
}

/// Renames every import from the JS glue module (`./…`), every hashed
/// closure export and wasm-bindgen's plumbing exports to `$a`, `$b`, …, and
/// the glue module to `x`. Apply the
/// same renaming to the JS with [`rename_in_js`].
pub fn shorten_names(module: &[u8]) -> Option<(Vec<u8>, Renamed)> {
    let mut renamed = Renamed {
        names: Default::default(),
        module: None,
    };
    let out = rewrite_sections(module, |id, body| {
        let next = |names: &mut std::collections::BTreeMap<String, String>, old: &str| {
            let n = names.len();
            names
                .entry(old.to_string())
                .or_insert_with(|| short_name(n))
                .clone()
        };
        match id {
            2 => {
                let mut p = 0;
                let count = read_leb(body, &mut p)?;
                let mut section = Vec::new();
                write_leb(count, &mut section);
                for _ in 0..count {
                    let module_name = read_name(body, &mut p)?;
                    let name = read_name(body, &mut p)?;
                    let desc = p;
                    skip_import_desc(body, &mut p)?;
                    if module_name.starts_with("./") {
                        renamed.module = Some(module_name);
                        write_name("x", &mut section);
                        write_name(&next(&mut renamed.names, &name), &mut section);
                    } else {
                        write_name(&module_name, &mut section);
                        write_name(&name, &mut section);
                    }
                    section.extend_from_slice(body.get(desc..p)?);
                }
                Some(Some(section))
            }
            7 => {
                let mut entries = export_entries(body)?;
                for (name, _) in &mut entries {
                    if is_hashed(name) || is_glue_export(name) {
                        *name = next(&mut renamed.names, name);
                    }
                }
                Some(Some(export_section(&entries)))
            }
            _ => Some(None),
        }
    })?;
    Some((out, renamed))
}

/// Applies [`shorten_names`]' renaming to the JS glue: every identifier
/// token that was renamed, and the module's name where the imports are
/// handed over. `None` if the JS already uses one of the new names.
pub fn rename_in_js(js: &str, renamed: &Renamed) -> Option<String> {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let mut out = String::with_capacity(js.len());
    let mut token = String::new();
    let new_names: std::collections::BTreeSet<&String> = renamed.names.values().collect();
    let flush = |token: &mut String, out: &mut String| -> Option<()> {
        if new_names.contains(token) {
            return None; // the JS already uses one of the new names
        }
        out.push_str(renamed.names.get(token.as_str()).unwrap_or(token));
        token.clear();
        Some(())
    };
    for c in js.chars() {
        if is_ident(c) {
            token.push(c);
        } else {
            flush(&mut token, &mut out)?;
            out.push(c);
        }
    }
    flush(&mut token, &mut out)?;
    Some(match &renamed.module {
        Some(module) => out.replace(&format!("\"{module}\""), "\"x\""),
        None => out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module with one function exported twice: as "keep" and as
    /// "intounderlyingsink_close".
    fn module() -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        m.extend([1, 4, 1, 0x60, 0, 0]); // type section: () -> ()
        m.extend([3, 2, 1, 0]); // function section: one function of type 0
        let mut exports = vec![2];
        exports.extend([4]);
        exports.extend(b"keep");
        exports.extend([0, 0]);
        let name = b"intounderlyingsink_close";
        exports.push(name.len() as u8);
        exports.extend(name);
        exports.extend([0, 0]);
        m.push(7);
        m.push(exports.len() as u8);
        m.extend(exports);
        m.extend([10, 4, 1, 2, 0, 0x0b]); // code section: an empty body
        m
    }

    #[test]
    fn removes_only_the_named_exports_and_keeps_the_module_valid_in_shape() {
        let (out, removed) = strip_exports(&module(), UNUSED_EXPORT_PREFIXES).unwrap();
        assert_eq!(removed, vec!["intounderlyingsink_close".to_string()]);
        let (again, removed_again) = strip_exports(&out, UNUSED_EXPORT_PREFIXES).unwrap();
        assert!(removed_again.is_empty());
        assert_eq!(again, out);
        assert!(out.windows(4).any(|w| w == b"keep"));
        assert!(out.len() < module().len());
    }

    #[test]
    fn malformed_input_is_refused_not_a_panic() {
        assert!(strip_exports(b"\0asm", &[]).is_none());
        let mut truncated = module();
        truncated.truncate(20);
        assert!(strip_exports(&truncated, UNUSED_EXPORT_PREFIXES).is_none());
    }

    #[test]
    fn unused_stream_classes_leave_the_js_with_their_registries() {
        let js = "import { a } from './x.js';\n\
export class IntoUnderlyingSink {\n    free() {\n        wasm.__wbg_intounderlyingsink_free(this.__wbg_ptr, 0);\n    }\n}\n\
if (Symbol.dispose) IntoUnderlyingSink.prototype[Symbol.dispose] = IntoUnderlyingSink.prototype.free;\n\
export function start() {\n    wasm.start();\n}\n\
const IntoUnderlyingSinkFinalization = (typeof FinalizationRegistry === 'undefined')\n    ? { register: () => {}, unregister: () => {} }\n    : new FinalizationRegistry(ptr => wasm.__wbg_intounderlyingsink_free(ptr >>> 0, 1));\n\
let cachedDataView = null;\n";
        let (out, removed) = drop_classes(js, UNUSED_EXPORT_PREFIXES).unwrap();
        assert_eq!(removed, vec!["IntoUnderlyingSink".to_string()]);
        assert_eq!(
            out,
            "import { a } from './x.js';\nexport function start() {\n    wasm.start();\n}\nlet cachedDataView = null;\n"
        );
        // Nothing to remove: the same text.
        assert_eq!(drop_classes(&out, UNUSED_EXPORT_PREFIXES).unwrap().0, out);
        // A class still used elsewhere: refused, not half removed.
        let used = format!("{js}new IntoUnderlyingSink();\n");
        assert!(drop_classes(&used, UNUSED_EXPORT_PREFIXES).is_none());
        // A class without its closing line: refused.
        assert!(drop_classes(
            "export class IntoUnderlyingSink {\n  x\n",
            UNUSED_EXPORT_PREFIXES
        )
        .is_none());
    }

    /// A module with three functions in its table (named `keep`,
    /// `wasm_streams::pull` and `future_to_promise`'s closure), plus
    /// `extra_name` as a fourth function's name.
    fn module_with_table(extra_name: &str) -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        m.extend([1, 4, 1, 0x60, 0, 0]); // type section: () -> ()
        m.extend([3, 5, 4, 0, 0, 0, 0]); // function section: four functions
        m.extend([4, 4, 1, 0x70, 0, 3]); // table section: funcref, min 3
        m.extend([9, 9, 1, 0, 0x41, 0, 0x0b, 3, 0, 1, 2]); // elem: 0, 1, 2 at 0
        let mut code = vec![4];
        for _ in 0..4 {
            code.extend([2, 0, 0x0b]);
        }
        m.push(10);
        m.push(code.len() as u8);
        m.extend(code);
        let mut names = Vec::new();
        write_leb(4, &mut names);
        for (i, name) in [
            "keep",
            "wasm_streams::pull",
            "js_sys::futures::future_to_promise::{{closure}}::h1",
            extra_name,
        ]
        .iter()
        .enumerate()
        {
            write_leb(i as u32, &mut names);
            write_name(name, &mut names);
        }
        let mut custom = Vec::new();
        write_name("name", &mut custom);
        custom.push(1);
        write_leb(names.len() as u32, &mut custom);
        custom.extend(names);
        m.push(0);
        write_leb(custom.len() as u32, &mut m);
        m.extend(custom);
        m
    }

    #[test]
    fn wasm_streams_table_slots_are_emptied_and_others_kept() {
        let m = module_with_table(
            "core::ptr::drop_in_place<js_sys::futures::future_to_promise<wasm_streams::X>>",
        );
        let (out, emptied) = drop_stream_closures(&m).unwrap();
        assert_eq!(emptied, 2);
        // The element section as flags 4: `keep` by reference, two nulls.
        let elem = [
            9, 15, 1, 4, 0x41, 0, 0x0b, 3, 0xd2, 0, 0x0b, 0xd0, 0x70, 0x0b, 0xd0, 0x70, 0x0b,
        ];
        assert!(out.windows(elem.len()).any(|w| w == elem));
        // Once more: nothing left to empty.
        assert_eq!(drop_stream_closures(&out).unwrap().1, 0);
    }

    #[test]
    fn a_promise_for_other_code_leaves_the_table_alone() {
        let m = module_with_table(
            "core::ptr::drop_in_place<js_sys::futures::future_to_promise<lokalform::Save>>",
        );
        let (out, emptied) = drop_stream_closures(&m).unwrap();
        assert_eq!((out, emptied), (m, 0));
        assert!(drop_stream_closures(b"\0asm").is_none());
    }

    #[test]
    fn js_imports_the_module_no_longer_has_are_dropped() {
        let js = concat!(
            "    const import0 = {\n",
            "        __proto__: null,\n",
            "        $a: function(arg0) {\n",
            "            const ret = arg0.byobRequest;\n",
            "            return ret;\n",
            "        },\n",
            "        $b: function() { return handleError(function (arg0) {\n",
            "            arg0.close();\n",
            "        }, arguments); },\n",
            "        $c: function(arg0) {\n",
            "            arg0.focus();\n",
            "        },\n",
            "    };\n",
        );
        let kept: std::collections::BTreeSet<String> = ["$c".to_string()].into();
        let (out, dropped) = drop_js_imports(js, &kept);
        assert_eq!(dropped, 2);
        assert_eq!(
            out,
            "    const import0 = {\n        __proto__: null,\n        $c: function(arg0) {\n            arg0.focus();\n        },\n    };\n"
        );
        // An entry that never closes is kept whole.
        let open = "        $a: function(arg0) {\n            x\n";
        assert_eq!(drop_js_imports(open, &kept), (open.to_string(), 0));
    }

    #[test]
    fn glue_imports_are_read_from_module_x() {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        m.extend([1, 4, 1, 0x60, 0, 0]);
        let mut imports = vec![2];
        write_name("x", &mut imports);
        write_name("$a", &mut imports);
        imports.extend([0, 0]);
        write_name("env", &mut imports);
        write_name("other", &mut imports);
        imports.extend([0, 0]);
        m.push(2);
        m.push(imports.len() as u8);
        m.extend(imports);
        let names = glue_imports(&m).unwrap();
        assert_eq!(
            names.into_iter().collect::<Vec<_>>(),
            vec!["$a".to_string()]
        );
    }

    #[test]
    fn hashed_closure_exports_are_recognised() {
        assert!(is_hashed(
            "wasm_bindgen__convert__closures_____invoke__h10c7cea53597491f"
        ));
        assert!(is_hashed(
            "wasm_bindgen__convert__closures_____invoke__h69fa2504bad91d7d_14"
        ));
        assert!(!is_hashed("__wbindgen_malloc"));
        assert!(!is_hashed("memory"));
    }

    #[test]
    fn only_glue_plumbing_is_renamed_among_plain_exports() {
        assert!(is_glue_export("__wbindgen_malloc"));
        assert!(is_glue_export("__externref_table_alloc"));
        assert!(!is_glue_export("memory"));
        assert!(!is_glue_export("start"));
    }

    #[test]
    fn short_names_are_unique_and_short() {
        let names: std::collections::BTreeSet<String> = (0..1000).map(short_name).collect();
        assert_eq!(names.len(), 1000);
        assert_eq!(short_name(0), "$a");
        assert_eq!(short_name(26), "$ba");
    }

    #[test]
    fn imports_from_the_glue_are_renamed_in_wasm_and_js_alike() {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        m.extend([1, 4, 1, 0x60, 0, 0]);
        let mut imports = vec![1];
        write_name("./x_bg.js", &mut imports);
        write_name("__wbg_appendChild_7465eba84213c75f", &mut imports);
        imports.extend([0, 0]);
        m.push(2);
        m.push(imports.len() as u8);
        m.extend(imports);
        let (out, renamed) = shorten_names(&m).unwrap();
        assert!(out.windows(2).any(|w| w == b"$a"));
        assert!(!out.windows(6).any(|w| w == b"append"));
        let js = r#"const import0 = { __wbg_appendChild_7465eba84213c75f: function() {} }; return { "./x_bg.js": import0 };"#;
        let new_js = rename_in_js(js, &renamed).unwrap();
        assert_eq!(
            new_js,
            r#"const import0 = { $a: function() {} }; return { "x": import0 };"#
        );
        assert!(rename_in_js("let $a = 1;", &renamed).is_none());
    }
}
