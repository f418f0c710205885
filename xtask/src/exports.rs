//! Dropping unused exports from a wasm module before `wasm-opt`.
//!
//! Leptos depends on `server_fn` with its browser client, which brings
//! `wasm-streams`; that crate exports three JavaScript classes
//! (`IntoUnderlyingSource`, `…ByteSource`, `…Sink`). Exports are roots, so
//! their code stays in every bundle although no widget streams anything.
//! Removing the exports lets `wasm-opt` drop the code (about 1.3 KB
//! brotli). The generated JS keeps its class wrappers, which are never
//! constructed, so nothing calls the removed functions.

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
    let mut out = module.get(..8)?.to_vec();
    let mut removed = Vec::new();
    let mut at = 8;
    while at < module.len() {
        let id = module[at];
        let mut body_at = at + 1;
        let size = read_leb(module, &mut body_at)? as usize;
        let body = module.get(body_at..body_at + size)?;
        if id == 7 {
            let mut p = 0;
            let count = read_leb(body, &mut p)?;
            let mut kept = Vec::new();
            let mut kept_count = 0u32;
            for _ in 0..count {
                let start = p;
                let len = read_leb(body, &mut p)? as usize;
                let name = std::str::from_utf8(body.get(p..p + len)?).ok()?.to_string();
                p += len + 1; // name, then the kind byte
                read_leb(body, &mut p)?; // the index
                if prefixes.iter().any(|x| name.starts_with(x)) {
                    removed.push(name);
                } else {
                    kept.extend_from_slice(body.get(start..p)?);
                    kept_count += 1;
                }
            }
            let mut section = Vec::new();
            write_leb(kept_count, &mut section);
            section.extend(kept);
            out.push(7);
            write_leb(section.len() as u32, &mut out);
            out.extend(section);
        } else {
            out.extend_from_slice(module.get(at..body_at + size)?);
        }
        at = body_at + size;
    }
    Some((out, removed))
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
}
