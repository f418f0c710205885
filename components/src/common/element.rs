//! Custom-element registration: Shadow DOM mount, attributes → signals,
//! events out.
//!
//! A few lines of JavaScript define the element class. Its stylesheet is
//! made once per element class as a constructable `CSSStyleSheet` and
//! adopted into each (open) shadow root, so a host page whose
//! Content-Security-Policy has no `'unsafe-inline'` in `style-src` still
//! styles the widget (a `<style>` element in a shadow root is an inline
//! style; an adopted sheet is not). Only a browser without constructable
//! stylesheets gets a `<style>` element instead. `connectedCallback` then
//! calls into Rust, which appends a container and mounts the Leptos view
//! there.
//! `disconnectedCallback` unmounts it again, and `attributeChangedCallback`
//! feeds the attribute's [`RwSignal`], so a widget reacts to attribute
//! changes like to any other signal.
//!
//! ```no_run
//! use leptos::prelude::*;
//! use lokalform_components::common::element::{define, Attributes};
//!
//! fn hello(_host: web_sys::HtmlElement, attrs: Attributes) -> AnyView {
//!     let name = attrs.signal("name");
//!     view! { <p>"Hej " {move || name.get().unwrap_or_default()}</p> }.into_any()
//! }
//! define("lokal-hello", &["name"], "p { color: #004D99 }", hello);
//! ```

use leptos::prelude::*;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(inline_js = r#"
export function defineElement(tag, attrs, css, connect, disconnect, changed) {
  if (customElements.get(tag)) return;
  let sheet = null;
  try { sheet = new CSSStyleSheet(); sheet.replaceSync(css); } catch (_) { sheet = null; }
  customElements.define(tag, class extends HTMLElement {
    static get observedAttributes() { return attrs; }
    connectedCallback() {
      if (this.__lokal !== undefined) return;
      const root = this.shadowRoot || this.attachShadow({ mode: "open" });
      // A re-connected element keeps its shadow root: start from empty.
      root.replaceChildren();
      if (sheet && "adoptedStyleSheets" in root) {
        root.adoptedStyleSheets = [sheet];
      } else {
        const style = document.createElement("style");
        style.textContent = css;
        root.append(style);
      }
      this.__lokal = connect(this, root);
    }
    disconnectedCallback() {
      if (this.__lokal === undefined) return;
      disconnect(this.__lokal);
      this.__lokal = undefined;
    }
    attributeChangedCallback(name, old, value) {
      if (this.__lokal !== undefined && old !== value) changed(this.__lokal, name, value);
    }
  });
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = defineElement)]
    fn define_element(
        tag: &str,
        attrs: js_sys::Array,
        css: &str,
        connect: &JsValue,
        disconnect: &JsValue,
        changed: &JsValue,
    );
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

/// A mounted instance: dropping it unmounts the view and disposes its
/// reactive owner.
struct Instance {
    attributes: Attributes,
    _mounted: Box<dyn Any>,
    _owner: Owner,
}

thread_local! {
    static INSTANCES: RefCell<Vec<Option<Instance>>> = const { RefCell::new(Vec::new()) };
}

/// Defines custom element `tag` whose view is made by `render`.
///
/// `attributes` are observed; `css` is adopted into the shadow root as a
/// constructable stylesheet (see the module's doc). Calling it
/// twice for one tag does nothing the second time.
pub fn define(
    tag: &'static str,
    attributes: &'static [&'static str],
    css: &'static str,
    render: fn(web_sys::HtmlElement, Attributes) -> AnyView,
) {
    let connect = Closure::<dyn Fn(web_sys::HtmlElement, web_sys::ShadowRoot) -> u32>::new(
        move |host: web_sys::HtmlElement, root: web_sys::ShadowRoot| {
            mount(host, root, attributes, render)
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
            let signal = INSTANCES.with(|all| {
                all.borrow()
                    .get(handle as usize)
                    .and_then(Option::as_ref)
                    .map(|i| i.attributes.signal(&name))
            });
            if let Some(signal) = signal {
                signal.set(value);
            }
        },
    );
    let names: js_sys::Array = attributes.iter().map(|a| JsValue::from_str(a)).collect();
    define_element(
        tag,
        names,
        css,
        connect.as_ref(),
        disconnect.as_ref(),
        changed.as_ref(),
    );
    // The element class lives as long as the page; so do its callbacks.
    connect.forget();
    disconnect.forget();
    changed.forget();
}

fn mount(
    host: web_sys::HtmlElement,
    root: web_sys::ShadowRoot,
    attributes: &'static [&'static str],
    render: fn(web_sys::HtmlElement, Attributes) -> AnyView,
) -> u32 {
    let Some(container) = document()
        .create_element("div")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return u32::MAX;
    };
    container.set_class_name("lokal-root");
    let _ = root.append_child(&container);

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
    INSTANCES.with(|all| {
        let mut all = all.borrow_mut();
        let instance = Instance {
            attributes: attrs,
            _mounted: Box::new(mounted),
            _owner: owner,
        };
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

/// Dispatches `CustomEvent` `name` from `host`, bubbling out of the shadow
/// root (`composed`). `detail` must never carry answers.
pub fn emit(host: &web_sys::HtmlElement, name: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// An event's `detail`: an object with one string member.
pub fn detail(key: &str, value: &str) -> JsValue {
    let object = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    object.into()
}
