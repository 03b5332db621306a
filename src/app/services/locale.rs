//! What the browser says about its user.

/// The browser's preferred language tag (`navigator.language`, e.g. `ko-KR`).
#[must_use]
pub fn browser_language() -> Option<String> {
    super::window()?.navigator().language()
}
