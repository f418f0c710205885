//! Custom elements: Shadow DOM mount, attributes → signals, events out.
//!
//! The element class is JavaScript (`components/js/lokalform.js`), and a
//! bundle's entry module defines it at once, before the wasm is fetched:
//! the element attaches an open shadow root, adopts its stylesheets as
//! constructable `CSSStyleSheet`s (so a host page whose
//! Content-Security-Policy has no `'unsafe-inline'` in `style-src` still
//! styles the widget; only a browser without them gets a `<style>`
//! element), and the feedback box shows its pre-rendered first screen.
//! When the wasm has started, [`define`] wires the live widget: each
//! element's `connectedCallback` calls into Rust, which appends a container
//! and mounts the widget there, a Leptos view or, with [`define_live`], a
//! widget drawn without Leptos (taking over from the first screen,
//! with what the citizen already chose). `disconnectedCallback` unmounts
//! it again, and `attributeChangedCallback` tells the widget ([`Live`]); a
//! Leptos view gets it as its attribute's
//! [`RwSignal`], so a widget reacts to attribute changes like to any other
//! signal.
//!
//! ```no_run
//! use leptos::prelude::*;
//! use lokalform_components::common::element::{define, define_without_entry, Attributes, Element};
//!
//! const HELLO: Element = Element { tag: "lokal-hello", attributes: &["name"], styles: &["p { color: #004D99 }"], control: false };
//! fn hello(_host: web_sys::HtmlElement, attrs: Attributes) -> AnyView {
//!     let name = attrs.signal("name");
//!     view! { <p>"Hej " {move || name.get().unwrap_or_default()}</p> }.into_any()
//! }
//! define_without_entry(&HELLO); // a bundle's entry module does this part
//! define(HELLO.tag, HELLO.attributes, hello);
//! ```

use leptos::prelude::*;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/js/lokalform.js")]
extern "C" {
    #[wasm_bindgen(js_name = wireElement)]
    fn wire_element(tag: &str, connect: &JsValue, disconnect: &JsValue, changed: &JsValue);
    #[wasm_bindgen(js_name = defineElement)]
    fn define_element(
        tag: &str,
        attrs: js_sys::Array,
        styles: js_sys::Array,
        first: &JsValue,
        version: &str,
        control: &JsValue,
    );
    #[wasm_bindgen(js_name = controlState)]
    fn control_state(
        host: &web_sys::HtmlElement,
        value: Option<String>,
        message: Option<String>,
        anchor: Option<web_sys::Element>,
        extra: js_sys::Array,
    );
    #[wasm_bindgen(js_name = controlLabel)]
    fn control_label(host: &web_sys::HtmlElement) -> String;
}

/// One observed attribute: its name and its value (absent = `None`).
type Attribute = (&'static str, RwSignal<Option<String>>);

/// The observed attributes of one element instance, as signals.
#[derive(Clone)]
pub struct Attributes(Rc<[Attribute]>);

impl Attributes {
    /// The signal of attribute `name` (one of the names given to [`define`]);
    /// a name that was not declared gives a signal that stays `None`.
    pub fn signal(&self, name: &str) -> RwSignal<Option<String>> {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, s)| *s)
            .unwrap_or_else(|| RwSignal::new(None))
    }
}

/// A live widget in one element: told when an observed attribute changes;
/// dropping it takes the widget out of the element.
pub trait Live {
    /// Observed attribute `name` is now `value` (absent: `None`).
    fn changed(&self, name: &str, value: Option<String>);
}

/// A mounted Leptos instance: dropping it unmounts the view and disposes
/// its reactive owner.
struct Instance {
    attributes: Attributes,
    _mounted: Box<dyn Any>,
    _owner: Owner,
}

impl Live for Instance {
    fn changed(&self, name: &str, value: Option<String>) {
        self.attributes.signal(name).set(value);
    }
}

thread_local! {
    static INSTANCES: RefCell<Vec<Option<Rc<dyn Live>>>> = const { RefCell::new(Vec::new()) };
}

/// A widget's custom element as the page first meets it: its tag, the
/// attributes it observes and its stylesheets.
///
/// The stylesheets are not in the wasm: the bundle's entry module carries
/// them (written by `src/bin/lokalform-entry.rs`, which reads
/// [`crate::ELEMENTS`]), defines the element with them before the wasm is
/// fetched, and [`define`] then wires the live widget to it. Use the fields
/// one by one in wasm code (`ELEMENT.tag`): a reference to the whole
/// constant would put the stylesheets into the wasm as well.
pub struct Element {
    /// The tag name, `lokal-…`.
    pub tag: &'static str,
    /// The observed attributes.
    pub attributes: &'static [&'static str],
    /// CSS texts adopted into the shadow root in this order, each as one
    /// constructable stylesheet shared by every element that uses it
    /// ([`crate::common::style`]).
    pub styles: &'static [&'static str],
    /// Whether the element is a form control of the host page's `<form>`
    /// (form-associated: see `defineElement` in `js/lokalform.js` and
    /// [`report_control`]).
    pub control: bool,
}

/// Wires the live widget to custom element `tag`, defined by the bundle's
/// entry module (see [`Element`]): each element on the page, and each
/// added later, is mounted with the view `render` makes, taking over from
/// a pre-rendered first screen where there is one. `attributes` are the
/// element's observed attributes, as signals. Calling it twice for one tag
/// does nothing the second time.
pub fn define(
    tag: &'static str,
    attributes: &'static [&'static str],
    render: fn(web_sys::HtmlElement, Attributes) -> AnyView,
) {
    define_live(tag, move |host, container| {
        Rc::new(mount(host, container, attributes, render))
    });
}

/// Wires custom element `tag` to a widget that is not a Leptos view (the
/// feedback box on the web, see [`crate::feedback::web`]): `start` puts
/// the widget into each element's container (a `div.lokal-root` in its
/// shadow root) and gives back what is told of attribute changes.
pub fn define_live(
    tag: &'static str,
    start: impl Fn(web_sys::HtmlElement, web_sys::HtmlElement) -> Rc<dyn Live> + 'static,
) {
    let connect = Closure::<dyn Fn(web_sys::HtmlElement, web_sys::ShadowRoot) -> u32>::new(
        move |host: web_sys::HtmlElement, root: web_sys::ShadowRoot| {
            let Some(container) = root
                .owner_document()
                .and_then(|d| d.create_element("div").ok())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            else {
                return u32::MAX;
            };
            container.set_class_name("lokal-root");
            let _ = root.append_child(&container);
            keep(start(host, container))
        },
    );
    let disconnect = Closure::<dyn Fn(u32)>::new(|handle: u32| {
        // Take the instance out first, then drop it outside the borrow:
        // unmounting may run cleanups that touch other instances.
        let instance = INSTANCES.with(|all| {
            all.borrow_mut()
                .get_mut(handle as usize)
                .and_then(Option::take)
        });
        drop(instance);
    });
    let changed = Closure::<dyn Fn(u32, String, Option<String>)>::new(
        |handle: u32, name: String, value: Option<String>| {
            // Told outside the borrow: the widget may add or remove
            // elements in turn.
            let instance =
                INSTANCES.with(|all| all.borrow().get(handle as usize).and_then(Option::clone));
            if let Some(instance) = instance {
                instance.changed(&name, value);
            }
        },
    );
    wire_element(tag, connect.as_ref(), disconnect.as_ref(), changed.as_ref());
    // The element class lives as long as the page; so do its callbacks.
    connect.forget();
    disconnect.forget();
    changed.forget();
}

/// Keeps `instance` until its element is disconnected: its handle.
fn keep(instance: Rc<dyn Live>) -> u32 {
    INSTANCES.with(|all| {
        let mut all = all.borrow_mut();
        match all.iter().position(Option::is_none) {
            Some(free) => {
                all[free] = Some(instance);
                free as u32
            }
            None => {
                all.push(Some(instance));
                (all.len() - 1) as u32
            }
        }
    })
}

/// Defines `element` from the wasm, with its stylesheets and no first
/// screen, as the entry module would: for pages that load the wasm without
/// a bundle's entry module (the component tests). Call [`define`] (the
/// widget's `register`) after it.
pub fn define_without_entry(element: &Element) {
    let strings = |list: &[&str]| {
        list.iter()
            .map(|s| JsValue::from_str(s))
            .collect::<js_sys::Array>()
    };
    define_element(
        element.tag,
        strings(element.attributes),
        strings(element.styles),
        &JsValue::NULL,
        env!("CARGO_PKG_VERSION"),
        // Tests only: a control is defined as a plain element here (the
        // entry module passes `asControl`).
        &JsValue::NULL,
    );
}

fn mount(
    host: web_sys::HtmlElement,
    container: web_sys::HtmlElement,
    attributes: &'static [&'static str],
    render: fn(web_sys::HtmlElement, Attributes) -> AnyView,
) -> Instance {
    let owner = Owner::new();
    let (attrs, mounted) = owner.with(|| {
        let attrs = Attributes(
            attributes
                .iter()
                .map(|name| (*name, RwSignal::new(host.get_attribute(name))))
                .collect(),
        );
        let view_attrs = attrs.clone();
        let view_host = host.clone();
        let mounted = leptos::mount::mount_to(container, move || render(view_host, view_attrs));
        (attrs, mounted)
    });
    Instance {
        attributes: attrs,
        _mounted: Box::new(mounted),
        _owner: owner,
    }
}

/// Reports a form control's state to the host page's form: the `value` it
/// submits under its `name` (`None`: nothing), the `extra` entries it
/// submits beside it (full names, e.g. `lsns.score`; only with a value)
/// and, when it is not valid, the message the browser shows, with the
/// control inside the shadow root it points at (`anchor`, once drawn).
pub fn report_control(
    host: &web_sys::HtmlElement,
    value: Option<String>,
    extra: &[(String, String)],
    invalid: Option<String>,
    anchor: Option<web_sys::Element>,
) {
    let entries = js_sys::Array::new();
    for (name, text) in extra {
        entries.push(&JsValue::from_str(name));
        entries.push(&JsValue::from_str(text));
    }
    control_state(host, value, invalid, anchor, entries);
}

/// The text of the `<label>`s that name form control `host` (else its
/// `aria-label`; empty when it has neither).
pub fn label_of(host: &web_sys::HtmlElement) -> String {
    control_label(host)
}

/// The events the elements dispatch, all bubbling and composed; none ever
/// carries an answer (what each means: `crate::api`, natively).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// A response or form was submitted (`detail` says how it went).
    Submitted,
    /// The form definition cannot be used (`detail.message`).
    Error,
    /// A kiosk's empty start screen with nobody at it.
    StartScreen,
    /// The programme's registry was locked.
    Locked,
    /// An instrument's score changed (`detail` is the score, never the
    /// answers).
    Scored,
}

impl Event {
    /// Every event.
    pub const ALL: [Event; 5] = [
        Event::Submitted,
        Event::Error,
        Event::StartScreen,
        Event::Locked,
        Event::Scored,
    ];

    /// The event's name on the page.
    ///
    /// ```
    /// use lokalform_components::common::element::Event;
    /// assert_eq!(Event::Submitted.name(), "lokal-submitted");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Event::Submitted => "lokal-submitted",
            Event::Error => "lokal-error",
            Event::StartScreen => "lokal-start-screen",
            Event::Locked => "lokal-locked",
            Event::Scored => "lokal-scored",
        }
    }
}

/// Dispatches `event` from `host`, bubbling out of the shadow
/// root (`composed`). `detail` must never carry answers.
pub fn emit(host: &web_sys::HtmlElement, event: Event, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(event.name(), &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// An event's `detail`: an object with one string member.
pub fn detail(key: &str, value: &str) -> JsValue {
    let object = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    object.into()
}
