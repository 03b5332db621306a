//! Key presses on the whole page, as plain values.

use wasm_bindgen::JsCast;

pub use gloo_events::EventListener;

/// Where a key press went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyTarget {
    /// The page itself, or an element with no keys of its own.
    Page,
    /// A text, number or select field or a text area: it keeps every key.
    Field,
    /// A button, checkbox, link or cell of the diagram outside the step bar: Space and
    /// Enter press it, the other keys are free.
    Control,
    /// A button of a step bar (the normal one or presenting mode's): Space plays too.
    StepBar,
    /// A range slider: its arrows and Home/End move time just like the page's.
    Slider,
}

/// A key pressed somewhere on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPress {
    /// The key's value (`ArrowRight`, `PageDown`, `Home`, `" "`, `Escape`, `?`, …).
    pub key: String,
    /// Alt, Control or Meta was held (Shift is not a modifier here: `?` needs it).
    pub modifier: bool,
    /// Where it went.
    pub target: KeyTarget,
}

fn target(event: &web_sys::KeyboardEvent) -> KeyTarget {
    let Some(el) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return KeyTarget::Page;
    };
    let tag = el.tag_name().to_ascii_lowercase();
    let kind = el
        .get_attribute("type")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let in_step_bar = || {
        el.closest(".stepper, .present-bar")
            .ok()
            .flatten()
            .is_some()
    };
    match tag.as_str() {
        "input" if kind == "range" => KeyTarget::Slider,
        "input"
            if matches!(
                kind.as_str(),
                "checkbox" | "radio" | "button" | "submit" | "reset"
            ) =>
        {
            KeyTarget::Control
        }
        "input" | "select" | "textarea" => KeyTarget::Field,
        "button" if in_step_bar() => KeyTarget::StepBar,
        "button" | "a" | "summary" => KeyTarget::Control,
        _ if el.get_attribute("contenteditable").is_some() => KeyTarget::Field,
        _ if el.get_attribute("role").as_deref() == Some("button") => KeyTarget::Control,
        _ => KeyTarget::Page,
    }
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
                target: target(event),
            };
            if handle(&press) {
                event.prevent_default();
            }
        },
    ))
}
