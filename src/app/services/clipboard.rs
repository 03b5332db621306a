//! The clipboard.

/// Copies `text` to the clipboard; `false` when the clipboard API is missing, so the
/// caller falls back to a selected field.
#[must_use]
pub fn copy(text: &str) -> bool {
    let Some(window) = super::window() else {
        return false;
    };
    let navigator = window.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok();
    if clipboard
        .as_ref()
        .is_none_or(|c| c.is_undefined() || c.is_null())
    {
        return false;
    }
    let promise = navigator.clipboard().write_text(text);
    // A refusal (no permission) is reported by the promise; swallow it quietly, the
    // field still shows the link.
    let ignore = wasm_bindgen::closure::Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(|_| {});
    drop(promise.catch(&ignore));
    // One tiny closure per copy, kept alive for the promise.
    ignore.forget();
    true
}
