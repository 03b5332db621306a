//! How often each component rendered, counted in debug builds only: the browser tests
//! (`tests/web.rs`) read it to check how much of the page one step re-renders. Release
//! builds count nothing and keep no table.

#[cfg(debug_assertions)]
thread_local! {
    static RENDERS: std::cell::RefCell<std::collections::BTreeMap<&'static str, u32>> =
        const { std::cell::RefCell::new(std::collections::BTreeMap::new()) };
}

/// Counts one render of the component `name` (debug builds only).
pub fn count_render(name: &'static str) {
    #[cfg(debug_assertions)]
    RENDERS.with(|r| *r.borrow_mut().entry(name).or_insert(0) += 1);
    #[cfg(not(debug_assertions))]
    let _ = name;
}

/// The renders counted since the last call, by component name, and a fresh count.
#[must_use]
pub fn take_render_counts() -> Vec<(&'static str, u32)> {
    #[cfg(debug_assertions)]
    {
        RENDERS.with(|r| std::mem::take(&mut *r.borrow_mut()).into_iter().collect())
    }
    #[cfg(not(debug_assertions))]
    {
        Vec::new()
    }
}
