//! The browser, and nothing else: storage, the address and history, the clipboard,
//! downloads, files, timing, animation frames, keys and highlights. The only place outside
//! components and hooks that touches web-sys. Functions deal in strings and bytes, never
//! panic, and report a refusal as a value.
//!
//! Off the browser (native tests, the CLI) there is no window: every read is empty and
//! every write is refused, so the layers above can be tested natively.

pub mod clipboard;
pub mod download;
pub mod files;
pub mod frames;
pub mod highlight;
pub mod keyboard;
pub mod locale;
pub mod location;
pub mod offline;
pub mod storage;
pub mod timing;

/// The browser refused a step (no window, no document, an API that threw).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused;

/// The browser window; `None` off the browser.
#[must_use]
pub fn window() -> Option<web_sys::Window> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// The page's document; `None` off the browser.
#[must_use]
pub fn document() -> Option<web_sys::Document> {
    window()?.document()
}
