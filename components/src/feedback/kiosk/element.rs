//! `<lokal-feedback>` with the kiosk: the element of the kiosk bundle.
//! The same tag, attributes and events
//! as the web box's ([`crate::feedback::ELEMENT`]), with the kiosk's
//! stylesheet; `mode="kiosk"` draws [`super::KioskBox`], any other mode
//! the web box.

use super::KioskBox;
use crate::common::element::{define, Element};
use crate::common::send::Mode;
use crate::common::style;
use crate::feedback::element::{number, Wired};
use leptos::prelude::*;

/// The element: the feedback box's, with the kiosk's stylesheet too.
pub const ELEMENT: Element = Element {
    styles: &[style::BASE, style::KIOSK],
    ..crate::feedback::ELEMENT
};

/// Wires `<lokal-feedback>` (defined by the bundle's entry module) to the
/// kiosk in kiosk mode, and to the web box otherwise.
pub fn register() {
    define(ELEMENT.tag, ELEMENT.attributes, |host, attrs| {
        let wired = Wired::new(host, &attrs);
        let (idle_seconds, batch_size) =
            (number(&attrs, "idle-seconds"), number(&attrs, "batch-size"));
        let mode = wired.mode;
        (move || {
            if Mode::from_attr(mode.get().as_deref()) != Mode::Kiosk {
                return wired.clone().web();
            }
            let w = wired.clone();
            view! {
                <KioskBox
                    form=w.form
                    collector=w.collector
                    lang=w.lang
                    idle_seconds=idle_seconds
                    batch_size=batch_size
                    on_submitted=w.on_submitted
                    on_error=w.on_error
                />
            }
            .into_any()
        })
        .into_any()
    });
}
