//! Marking a part of the page with a class (the tour's highlight).

use wasm_bindgen::JsCast;

/// Removes `class` from every element that has it.
pub fn clear(class: &str) {
    let Some(document) = super::document() else {
        return;
    };
    let Ok(marked) = document.query_selector_all(&format!(".{class}")) else {
        return;
    };
    for i in 0..marked.length() {
        if let Some(element) = marked
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            drop(element.class_list().remove_1(class));
        }
    }
}

/// Gives the first element matching `selector` the class `class` (alone: every other
/// element loses it) and scrolls it into view.
pub fn mark(selector: &str, class: &str) {
    clear(class);
    let target = super::document().and_then(|d| d.query_selector(selector).ok().flatten());
    if let Some(element) = target {
        drop(element.class_list().add_1(class));
        element.scroll_into_view_with_bool(true);
    }
}
