//! `performance.now()` for the wasm benchmarks (`bench_wasm.rs`, `bench_train_wasm.rs`).

use wasm_bindgen::JsCast;

/// `performance.now()` of the global object (Node and browsers both have it), in
/// milliseconds; `Date.now()` where it is missing.
pub fn now_ms() -> f64 {
    let global = js_sys::global();
    js_sys::Reflect::get(&global, &"performance".into())
        .ok()
        .and_then(|perf| {
            let now = js_sys::Reflect::get(&perf, &"now".into()).ok()?;
            let now: js_sys::Function = now.dyn_into().ok()?;
            now.call0(&perf).ok()?.as_f64()
        })
        .unwrap_or_else(js_sys::Date::now)
}
