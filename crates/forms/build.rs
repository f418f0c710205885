//! Writes the shipped feedback definition without its indentation into
//! `OUT_DIR`, for [`schema::FEEDBACK_FORM_JSON`] (compiled into every
//! feedback-box bundle). `forms/feedback.json` stays readable for editors.

fn main() {
    let source = "../../forms/feedback.json";
    println!("cargo:rerun-if-changed={source}");
    let json = std::fs::read_to_string(source).expect("../../forms/feedback.json");
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if !c.is_whitespace() {
            in_string = c == '"';
            out.push(c);
        }
    }
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(std::path::Path::new(&out_dir).join("feedback.json"), out)
        .expect("OUT_DIR is writable");
}
