//! The page's address: the fragment that holds the view, the query, and history.

/// The current fragment, without `#` (empty when none).
#[must_use]
pub fn fragment() -> String {
    super::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_owned())
        .unwrap_or_default()
}

/// The current query, with its `?` (empty when none).
#[must_use]
pub fn query() -> String {
    super::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The page address with `fragment`.
#[must_use]
pub fn link(fragment: &str) -> String {
    let base = super::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().to_owned())
        .unwrap_or_default();
    format!("{base}#{fragment}")
}

/// Replaces the address's fragment without adding a history entry.
pub fn replace_fragment(fragment: &str) {
    let Some(window) = super::window() else {
        return;
    };
    let wanted = format!("#{fragment}");
    if window.location().hash().ok().as_deref() == Some(wanted.as_str()) {
        return;
    }
    if let Ok(history) = window.history() {
        // A refusal leaves the old address; the view is still saved.
        drop(history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&wanted)));
    }
}
