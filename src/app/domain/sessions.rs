//! Named sessions: views the user saved under a name, kept as one JSON list of
//! `{name, view}` where each view is a link fragment. Every edit returns a new list or a
//! typed reason; the caller stores it.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::link::MAX_LINK_BYTES;

/// Most named sessions kept.
pub const MAX_NAMED_SESSIONS: usize = 50;

/// A saved, named session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedSession {
    /// The name the user gave.
    pub name: String,
    /// The view, as a link fragment (`v1=...`).
    pub view: String,
}

/// Why a named-session edit was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SessionsError {
    /// The name is empty.
    #[error("give the session a name")]
    EmptyName,
    /// The name is taken by another session.
    #[error("a session named \"{0}\" exists already")]
    Taken(String),
    /// No session has that name.
    #[error("there is no session named \"{0}\"")]
    Missing(String),
    /// Too many sessions.
    #[error("at most {0} sessions are kept; delete one first")]
    TooMany(usize),
}

/// Why the stored list cannot be read (then nothing is written over it).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SessionListError {
    /// Longer than any list the page writes.
    #[error("the stored session list is too large")]
    TooLarge,
    /// Not a list of sessions.
    #[error("{detail}")]
    Damaged {
        /// The JSON reader's explanation.
        detail: String,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
    },
}

/// Reads the stored list.
///
/// # Errors
/// [`SessionListError`]; the caller reports it and leaves the stored text alone.
pub fn parse_sessions(text: &str) -> Result<Vec<NamedSession>, SessionListError> {
    if text.len() > MAX_LINK_BYTES * MAX_NAMED_SESSIONS {
        return Err(SessionListError::TooLarge);
    }
    serde_json::from_str(text).map_err(|e| SessionListError::Damaged {
        detail: e.to_string(),
        line: e.line(),
        column: e.column(),
    })
}

/// The list's stored text.
#[must_use]
pub fn sessions_json(sessions: &[NamedSession]) -> String {
    serde_json::to_string(sessions).unwrap_or_else(|_| "[]".into())
}

/// Adds a session named `name`, or replaces the view of the one with that name.
///
/// # Errors
/// [`SessionsError`] naming the problem; the list is unchanged.
pub fn save_named(
    sessions: &[NamedSession],
    name: &str,
    view: String,
) -> Result<Vec<NamedSession>, SessionsError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(SessionsError::EmptyName);
    }
    let mut list = sessions.to_vec();
    if let Some(existing) = list.iter_mut().find(|s| s.name == name) {
        existing.view = view;
    } else {
        if list.len() >= MAX_NAMED_SESSIONS {
            return Err(SessionsError::TooMany(MAX_NAMED_SESSIONS));
        }
        list.push(NamedSession {
            name: name.to_owned(),
            view,
        });
    }
    Ok(list)
}

/// Renames session `from` to `to`.
///
/// # Errors
/// [`SessionsError`] naming the problem.
pub fn rename_named(
    sessions: &[NamedSession],
    from: &str,
    to: &str,
) -> Result<Vec<NamedSession>, SessionsError> {
    let to = to.trim();
    if to.is_empty() {
        return Err(SessionsError::EmptyName);
    }
    if to != from && sessions.iter().any(|s| s.name == to) {
        return Err(SessionsError::Taken(to.to_owned()));
    }
    let mut list = sessions.to_vec();
    let entry = list
        .iter_mut()
        .find(|s| s.name == from)
        .ok_or_else(|| SessionsError::Missing(from.to_owned()))?;
    to.clone_into(&mut entry.name);
    Ok(list)
}

/// Removes session `name`.
///
/// # Errors
/// [`SessionsError::Missing`].
pub fn delete_named(
    sessions: &[NamedSession],
    name: &str,
) -> Result<Vec<NamedSession>, SessionsError> {
    if !sessions.iter().any(|s| s.name == name) {
        return Err(SessionsError::Missing(name.to_owned()));
    }
    Ok(sessions
        .iter()
        .filter(|s| s.name != name)
        .cloned()
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_sessions() {
        let list = save_named(&[], "lesson 1", "v1=a".into()).unwrap();
        let list = save_named(&list, "lesson 2", "v1=b".into()).unwrap();
        assert_eq!(
            save_named(&list, "  ", "x".into()),
            Err(SessionsError::EmptyName)
        );
        assert_eq!(
            rename_named(&list, "lesson 1", "lesson 2"),
            Err(SessionsError::Taken("lesson 2".into()))
        );
        let list = rename_named(&list, "lesson 1", "intro").unwrap();
        assert_eq!(list[0].name, "intro");
        let list = delete_named(&list, "intro").unwrap();
        assert_eq!(list.len(), 1);
        let text = sessions_json(&list);
        assert_eq!(parse_sessions(&text).unwrap(), list);
        assert!(parse_sessions("{").is_err());
    }

    #[test]
    fn a_damaged_or_huge_list_is_a_typed_error() {
        assert!(matches!(
            parse_sessions("[{\"name\": 1}]"),
            Err(SessionListError::Damaged { line: 1, .. })
        ));
        let huge = " ".repeat(MAX_LINK_BYTES * MAX_NAMED_SESSIONS + 1);
        assert_eq!(parse_sessions(&huge), Err(SessionListError::TooLarge));
        let full: Vec<NamedSession> = (0..MAX_NAMED_SESSIONS)
            .map(|i| NamedSession {
                name: format!("s{i}"),
                view: String::new(),
            })
            .collect();
        assert_eq!(
            save_named(&full, "one more", String::new()),
            Err(SessionsError::TooMany(MAX_NAMED_SESSIONS))
        );
        assert_eq!(
            delete_named(&full, "nope"),
            Err(SessionsError::Missing("nope".into()))
        );
    }
}
