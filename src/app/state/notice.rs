//! The message at the top of the page about links, saved sessions and imports.

use crate::app::domain::import::{ImportError, ImportKind};
use crate::app::domain::link::LinkError;

use super::errors::PageError;

/// Why a view (a link, the last session, a named session) could not be opened.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OpenError {
    /// Its text could not be read.
    #[error("{0}")]
    Link(#[from] LinkError),
    /// It was read, but the page cannot show it (too large, bad input).
    #[error("the link's view cannot be shown: {0}")]
    Unusable(PageError),
}

/// A message about links, saved sessions or imports, shown at the top of the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// The opened link was unusable; the default view is shown.
    BadLink(OpenError),
    /// The stored last session was unusable; the default view is shown.
    BadStored(OpenError),
    /// A named session was opened.
    Opened(String),
    /// The last session kept before a broken link was restored.
    Restored,
    /// A named session could not be opened; nothing changed.
    BadNamed(String, OpenError),
    /// A file (or the training view's model) was imported.
    Imported(ImportKind),
    /// A file could not be read; nothing changed.
    ImportFailed(ImportError),
    /// A file was read but its model cannot be shown; nothing changed.
    ImportUnusable(PageError),
}
