//! How much of the page one step re-renders: the app mounted alone in headless Chromium,
//! counting component renders (a debug-build counter, `hooks::render_count`) per
//! `ArrowRight`. Its own test file, so no other mounted app counts along.
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

async fn settle() {
    for _ in 0..6 {
        next_tick().await;
    }
}

/// Presses `key` on the page, as the keyboard would.
fn press(key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_key(key);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("event");
    web_sys::window()
        .expect("window")
        .document()
        .expect("document")
        .body()
        .expect("body")
        .dispatch_event(&event)
        .expect("dispatch");
}

/// The components rendered since the last call, and how often, printed under `what`.
fn renders(what: &str) -> Vec<(&'static str, u32)> {
    let counts = unrolled::app::hooks::render_count::take_render_counts();
    let total: u32 = counts.iter().map(|c| c.1).sum();
    wasm_bindgen_test::console_log!("renders, {what}: {total} ({counts:?})");
    counts
}

/// One step re-renders what shows the step, and nothing that does not change with it.
#[wasm_bindgen_test]
async fn a_step_re_renders_only_what_shows_the_step() {
    let root = mount();
    settle().await;
    renders("mount");
    // Panels whose props do not change with the selected timestep.
    let untouched = [
        "Header",
        "NoticeBanner",
        "ModelControls",
        "LayerRow",
        "NumberInput",
        "InputControls",
        "SummaryPanel",
        "ImportControl",
        "ConceptsPanel",
        "TrainPanel",
        "TrainFields",
        "TrainCharts",
    ];
    let check = |counts: &[(&'static str, u32)]| {
        for (name, _) in counts {
            assert!(!untouched.contains(name), "{name} re-rendered on a step");
        }
        assert!(counts.contains(&("StepControls", 1)), "{counts:?}");
    };
    for _ in 0..3 {
        press("ArrowRight");
        settle().await;
        check(&renders("ArrowRight"));
    }
    button(&root, "Train").click();
    settle().await;
    renders("opening the training view");
    for _ in 0..2 {
        press("ArrowRight");
        settle().await;
        check(&renders("ArrowRight with the training view open"));
    }
}
