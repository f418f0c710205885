//! The faces of the smiley scale. They are decoration: every face has a
//! visible text label, so meaning never rests on the face (or colour) alone.
//!
//! The markup is a fixed string set with [`crate::common::html::set_markup`] (no user input ever
//! reaches it): static SVG built through the view macro costs several KB of
//! wasm for four shapes.

use crate::common::html::fixed_span;
use leptos::prelude::*;

/// The SVG of the face for step `index` (0 = very poor … 4 = very good).
///
/// ```
/// use lokalform_components::common::faces::face_svg;
/// assert!(face_svg(0).contains("Q16 17")); // a frown: the curve bends up
/// assert!(face_svg(4).contains("Q16 28")); // a smile: it bends down
/// assert!(face_svg(2).contains("M9 22 L23 22"));
/// ```
pub fn face_svg(index: usize) -> String {
    // Mouth: a quadratic curve from frowning (-) to smiling (+).
    let curve = [-5, -2, 0, 3, 6][index.min(4)];
    let mouth = if curve == 0 {
        "M9 22 L23 22".to_string()
    } else {
        let end = 22 - curve / 3;
        format!("M9 {end} Q16 {} 23 {end}", 22 + curve)
    };
    format!(
        r#"<svg class="face-svg" viewBox="0 0 32 32" width="40" height="40" aria-hidden="true" focusable="false"><circle cx="16" cy="16" r="14.5" class="face-head"/><circle cx="11" cy="13" r="1.8" class="face-eye"/><circle cx="21" cy="13" r="1.8" class="face-eye"/><path d="{mouth}" class="face-mouth"/></svg>"#
    )
}

/// A face for step `index`, as a view.
pub fn face(index: usize) -> impl IntoView {
    fixed_span("face-icon", face_svg(index))
}
