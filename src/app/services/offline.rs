//! The release site's service worker, as the page sees it (`offline/register.js` sets the
//! hook): whether a new build has been downloaded, and a reload to open it.

pub use gloo_events::EventListener;

/// Whether a new build has been downloaded and waits for the next load
/// (`<html data-unrolled-update="ready">`).
#[must_use]
pub fn update_ready() -> bool {
    super::document()
        .and_then(|d| d.document_element())
        .and_then(|html| html.get_attribute("data-unrolled-update"))
        .is_some_and(|v| v == "ready")
}

/// Calls `handle` when a new build has been downloaded, until the listener is dropped.
/// `None` off the browser.
#[must_use]
pub fn on_update(mut handle: impl FnMut() + 'static) -> Option<EventListener> {
    let window = super::window()?;
    Some(EventListener::new(&window, "unrolled-update", move |_| {
        handle();
    }))
}

/// Loads the page again (the new build).
///
/// # Errors
/// [`super::Refused`] when the browser refuses.
pub fn reload() -> Result<(), super::Refused> {
    super::window()
        .ok_or(super::Refused)?
        .location()
        .reload()
        .map_err(|_| super::Refused)
}
