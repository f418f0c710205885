//! Single fields for partners' own forms: `<lokal-cpr>`, `<lokal-date>`,
//! `<lokal-phone>`, `<lokal-email>`, `<lokal-scale>`, `<lokal-vas>`,
//! `<lokal-signature>` and `<lokal-instrument>` (a whole measurement
//! instrument, e.g. LSNS-6, with its score), each a real form control of
//! the host page's `<form>`.
//!
//! Each element draws one field of the engine, with the engine's renderer
//! and the forms core's validation: it builds a one-field definition from
//! its attributes (the kind, the page's `<label>` text, `required`, the end
//! labels) and runs the same views the form engine runs. Its value goes to
//! the host's form (`FormData`, reset, back/forward restore), and its
//! validity with the engine's Danish or English message
//! (`checkValidity()`, `reportValidity()`, a blocked submit); the message
//! also shows above the field once the form was tried. The element itself
//! sends nothing anywhere.
//!
//! A Leptos app uses the same field as the component [`Field`], in its
//! own `<form>`, with the value in a signal it owns.
//!
//! ```html
//! <form action="/intake" method="post">
//!   <label for="cpr">CPR-nummer</label>
//!   <lokal-cpr id="cpr" name="cpr" required></lokal-cpr>
//!   <button>Send</button>
//! </form>
//! ```

pub mod element;
mod field;
pub mod instrument;
mod live;
mod words;

pub use element::{register, ELEMENTS};
pub use field::Field;
pub use words::{field_words, FieldWords};
