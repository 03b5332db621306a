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

/// Gives every element matching `selector` (a selector list such as `.a, .b` marks
/// both) the class `class` (alone: every other element loses it) and scrolls them into
/// view, the first in document order last.
pub fn mark(selector: &str, class: &str) {
    clear(class);
    let Some(found) = super::document().and_then(|d| d.query_selector_all(selector).ok()) else {
        return;
    };
    let elements: Vec<web_sys::Element> = (0..found.length())
        .filter_map(|i| found.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .collect();
    // Each one into view, the first last: a mark inside its own scrolling box (the
    // settings drawer) is scrolled to there, and the page itself ends at the first.
    for element in elements.iter().rev() {
        drop(element.class_list().add_1(class));
        element.scroll_into_view_with_bool(true);
    }
}
