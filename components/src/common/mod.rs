//! What more than one widget uses: the feedback box, the form engine and
//! the programme app share these pieces rather than each keeping a copy.
//!
//! - [`outbox`]: the one outbox: how a collector's answer is read
//!   ([`outbox::Delivery`]), when to try again ([`outbox::backoff_ms`],
//!   [`outbox::Retry`]); the feedback box's tallies and the programme's
//!   evaluator export both wait in it.
//! - [`send`]: where a finished response goes, by mode (web or kiosk);
//!   the feedback box and the form engine send through it.

pub mod outbox;
pub mod send;
