//! Key presses on the whole page, as plain values.

use wasm_bindgen::JsCast;

pub use gloo_events::EventListener;

/// A key pressed somewhere on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPress {
    /// The key's value (`ArrowRight`, `Home`, `" "`, `Escape`, …).
    pub key: String,
    /// Alt, Control or Meta was held.
    pub modifier: bool,
    /// The key went to a text field, number field, select, text area or button, which
    /// handle keys themselves (a range slider does not count).
    pub in_field: bool,
}

fn in_field(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            let tag = el.tag_name().to_ascii_lowercase();
            matches!(tag.as_str(), "input" | "select" | "textarea" | "button")
                && el.get_attribute("type").as_deref() != Some("range")
        })
}

/// Calls `handle` for every key pressed on the page until the returned listener is
/// dropped; when it returns `true` the key's default action (scrolling) is prevented.
/// `None` off the browser.
#[must_use]
pub fn on_key(mut handle: impl FnMut(&KeyPress) -> bool + 'static) -> Option<EventListener> {
    let document = super::document()?;
    let options = gloo_events::EventListenerOptions::enable_prevent_default();
    Some(EventListener::new_with_options(
        &document,
        "keydown",
        options,
        move |event| {
            let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                return;
            };
            let press = KeyPress {
                key: event.key(),
                modifier: event.alt_key() || event.ctrl_key() || event.meta_key(),
                in_field: in_field(event),
            };
            if handle(&press) {
                event.prevent_default();
            }
        },
    ))
}
