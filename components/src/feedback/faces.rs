//! The faces of the smiley scale. They are decoration: every face has a
//! visible text label, so meaning never rests on the face (or colour) alone.

use leptos::prelude::*;

/// A face for step `index` (0 = very poor … 4 = very good) of five.
pub fn face(index: usize) -> impl IntoView {
    // Mouth: a quadratic curve from frowning (-) to smiling (+).
    let curve = [-5, -2, 0, 3, 6][index.min(4)];
    let mouth = if curve == 0 {
        "M9 22 L23 22".to_string()
    } else {
        format!(
            "M9 {} Q16 {} 23 {}",
            22 - curve / 3,
            22 + curve,
            22 - curve / 3
        )
    };
    view! {
        <svg class="face-svg" viewBox="0 0 32 32" width="40" height="40" aria-hidden="true" focusable="false">
            <circle cx="16" cy="16" r="14.5" class="face-head"></circle>
            <circle cx="11" cy="13" r="1.8" class="face-eye"></circle>
            <circle cx="21" cy="13" r="1.8" class="face-eye"></circle>
            <path d=mouth class="face-mouth"></path>
        </svg>
    }
}
