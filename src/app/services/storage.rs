//! localStorage, with every key the page keeps in one list ([`Key`]).

/// Everything the page keeps in localStorage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    /// The last session: the view as a link fragment (`v1=…`).
    LastSession,
    /// The last session before the page's first write of this visit replaced it with
    /// another view (one backup).
    PreviousSession,
    /// The named sessions: a JSON list of `{name, view}`.
    NamedSessions,
    /// The language the user switched to (`ko` or `en`).
    Lang,
    /// The quiz progress (JSON).
    Quiz,
    /// The tour's place: a step number, or `done`.
    Tour,
    /// Set once the first visit's play-through has started (`played`).
    Intro,
}

impl Key {
    /// Every key.
    pub const ALL: [Key; 7] = [
        Key::LastSession,
        Key::PreviousSession,
        Key::NamedSessions,
        Key::Lang,
        Key::Quiz,
        Key::Tour,
        Key::Intro,
    ];

    /// The key's name in localStorage.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Key::LastSession => "unrolled.session",
            Key::PreviousSession => "unrolled.session.previous",
            Key::NamedSessions => "unrolled.sessions",
            Key::Lang => "unrolled.lang",
            Key::Quiz => "unrolled.quiz",
            Key::Tour => "unrolled.tour",
            Key::Intro => "unrolled.intro",
        }
    }
}

/// Why a storage write failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageError {
    /// No storage (private mode, disabled, not a browser).
    Unavailable,
    /// The write was refused (quota).
    Full,
}

fn storage() -> Result<web_sys::Storage, StorageError> {
    super::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(StorageError::Unavailable)
}

/// The stored value of `key`, if any.
#[must_use]
pub fn read(key: Key) -> Option<String> {
    storage().ok()?.get_item(key.name()).ok().flatten()
}

/// Stores `value` under `key`; the old value stays when the write fails.
///
/// # Errors
/// [`StorageError`].
pub fn write(key: Key, value: &str) -> Result<(), StorageError> {
    storage()?
        .set_item(key.name(), value)
        .map_err(|_| StorageError::Full)
}
