//! Browser tests: the app mounted in headless Chromium (wasm-bindgen-test).
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test stops at the first broken fixture or setup, and says which"
)]
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    clippy::float_cmp,
    clippy::many_single_char_names,
    clippy::unreadable_literal,
    clippy::print_stdout,
    clippy::items_after_statements,
    reason = "tests compare exact values from fixtures, cast small sizes, use the formulas' one-letter names and print their figures"
)]
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Lets Yew's scheduler render: resolves after a zero-delay timeout.
async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = web_sys::window().expect("window");
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .expect("setTimeout");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("timeout");
}

fn mount() -> Element {
    let document = web_sys::window()
        .expect("window")
        .document()
        .expect("document");
    let root = document.create_element("div").expect("div");
    document
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    yew::Renderer::<unrolled::app::App>::with_root(root.clone()).render();
    root
}

/// The button whose accessible name (aria-label, else text) is `label`.
fn button(root: &Element, label: &str) -> HtmlElement {
    let buttons = root.query_selector_all("button").expect("query");
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        .find(|b| {
            b.get_attribute("aria-label")
                .or_else(|| b.text_content())
                .as_deref()
                == Some(label)
        })
        .unwrap_or_else(|| panic!("no button {label:?}"))
}

#[wasm_bindgen_test]
async fn app_renders_steps_and_translates() {
    let root = mount();
    next_tick().await;
    let heading = root.query_selector("h1").expect("query").expect("h1");
    assert_eq!(heading.text_content().as_deref(), Some("Unrolled"));
    let step = || {
        root.query_selector(".step")
            .expect("query")
            .expect("step")
            .text_content()
            .unwrap_or_default()
    };
    assert_eq!(step(), "t = 1 of 10");
    button(&root, "Next step").click();
    next_tick().await;
    assert_eq!(step(), "t = 2 of 10");
    let hidden = root
        .query_selector("[aria-label=\"Current hidden state\"] .num")
        .expect("query")
        .expect("h values");
    assert_eq!(
        hidden.text_content().map(|t| t.len()),
        Some(6),
        "4 decimals, as 0.xxxx"
    );
    button(&root, "한국어").click();
    next_tick().await;
    assert!(button(&root, "다음 시점").is_connected());
}
