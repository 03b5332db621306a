//! Time: a clock for budgets, and `performance.measure` entries for the benchmarks.

/// Milliseconds on the page's monotonic clock (`performance.now()`), 0 off the browser.
#[must_use]
pub fn now() -> f64 {
    super::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Runs `f`, timed in the browser as the `performance.measure` `name` (only the latest
/// one is kept, so the timeline does not grow), for `scripts/bench-browser.mjs` and the
/// profiler; off the browser just runs it.
pub fn measure<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let performance = super::window().and_then(|w| w.performance());
    if let Some(performance) = &performance {
        drop(performance.mark(name));
    }
    let out = f();
    if let Some(performance) = performance {
        performance.clear_measures_with_measure_name(name);
        drop(performance.measure_with_start_mark(name, name));
        performance.clear_marks_with_mark_name(name);
    }
    out
}
