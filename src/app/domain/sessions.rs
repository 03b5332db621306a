//! Named sessions: views the user saved under a name, kept as one JSON list of
//! `{name, view}` where each view is a link fragment. Every edit returns a new list or a
//! typed reason; the caller stores it.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::link::MAX_STORED_BYTES;

/// Most named sessions kept.
pub const MAX_NAMED_SESSIONS: usize = 50;

/// Longest session name kept, in characters (the field takes 80).
pub const MAX_NAME_CHARS: usize = 80;

/// Longest stored list read: far more than the page writes (50 views of at most
/// [`MAX_STORED_BYTES`]) and more than a browser's storage holds, so a list the page
/// wrote, or one edited by hand within the storage quota, can always be read, and its
/// sessions deleted or renamed.
pub const MAX_LIST_BYTES: usize = 32 * 1024 * 1024;

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
    /// The view is longer than any stored view is read back.
    #[error("this view is {bytes} bytes long; saved sessions hold at most {max} bytes, so it would not open again: use fewer timesteps or shorter typed values")]
    ViewTooLarge {
        /// Its length.
        bytes: usize,
        /// The limit.
        max: usize,
    },
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
/// Names repeated in a list edited by hand get ` (2)`, ` (3)`, … so every name is one
/// session (the page's list is keyed by name).
pub fn parse_sessions(text: &str) -> Result<Vec<NamedSession>, SessionListError> {
    if text.len() > MAX_LIST_BYTES {
        return Err(SessionListError::TooLarge);
    }
    let list: Vec<NamedSession> =
        serde_json::from_str(text).map_err(|e| SessionListError::Damaged {
            detail: e.to_string(),
            line: e.line(),
            column: e.column(),
        })?;
    let mut seen = std::collections::HashSet::new();
    let mut unique = Vec::with_capacity(list.len());
    for mut session in list {
        if !seen.contains(&session.name) {
            seen.insert(session.name.clone());
            unique.push(session);
            continue;
        }
        let base = session.name.clone();
        let mut n = 2usize;
        while seen.contains(&format!("{base} ({n})")) {
            n += 1;
        }
        session.name = format!("{base} ({n})");
        seen.insert(session.name.clone());
        unique.push(session);
    }
    Ok(unique)
}

/// The list's stored text.
#[must_use]
pub fn sessions_json(sessions: &[NamedSession]) -> String {
    serde_json::to_string(sessions).unwrap_or_else(|_| "[]".into())
}

/// Adds a session named `name` (at most [`MAX_NAME_CHARS`] characters of it kept).
///
/// # Errors
/// [`SessionsError`] naming the problem: an empty or taken name, a full list, or a view
/// longer than [`MAX_STORED_BYTES`]; the list is unchanged.
pub fn save_named(
    sessions: &[NamedSession],
    name: &str,
    view: String,
) -> Result<Vec<NamedSession>, SessionsError> {
    let name: String = name.trim().chars().take(MAX_NAME_CHARS).collect();
    if name.is_empty() {
        return Err(SessionsError::EmptyName);
    }
    if sessions.iter().any(|s| s.name == name) {
        return Err(SessionsError::Taken(name));
    }
    if sessions.len() >= MAX_NAMED_SESSIONS {
        return Err(SessionsError::TooMany(MAX_NAMED_SESSIONS));
    }
    if view.len() > MAX_STORED_BYTES {
        return Err(SessionsError::ViewTooLarge {
            bytes: view.len(),
            max: MAX_STORED_BYTES,
        });
    }
    let mut list = sessions.to_vec();
    list.push(NamedSession { name, view });
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
    let to: String = to.trim().chars().take(MAX_NAME_CHARS).collect();
    let to = to.as_str();
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
        let huge = " ".repeat(MAX_LIST_BYTES + 1);
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

    #[test]
    fn saving_under_a_taken_name_says_so() {
        let list = save_named(&[], "lesson", "v1=a".into()).unwrap();
        assert_eq!(
            save_named(&list, " lesson ", "v1=b".into()),
            Err(SessionsError::Taken("lesson".into()))
        );
        assert_eq!(list[0].view, "v1=a");
    }

    #[test]
    fn a_view_that_would_not_read_back_is_not_saved() {
        let view = format!("v1={}", "A".repeat(MAX_STORED_BYTES));
        assert!(matches!(
            save_named(&[], "big", view),
            Err(SessionsError::ViewTooLarge { .. })
        ));
        let fits = format!("v1={}", "A".repeat(MAX_STORED_BYTES - 3));
        assert!(save_named(&[], "fits", fits).is_ok());
    }

    #[test]
    fn a_list_past_every_cap_can_still_be_emptied() {
        // Fifty views of the largest size a list of old could hold: more than 800 KB.
        let big = format!("v1={}", "A".repeat(20 * 1024));
        let full: Vec<NamedSession> = (0..MAX_NAMED_SESSIONS + 5)
            .map(|i| NamedSession {
                name: format!("s{i}"),
                view: big.clone(),
            })
            .collect();
        let text = sessions_json(&full);
        assert!(text.len() > 800 * 1024);
        let list = parse_sessions(&text).unwrap();
        let list = delete_named(&list, "s0").unwrap();
        let list = rename_named(&list, "s1", "first").unwrap();
        assert_eq!(list.len(), MAX_NAMED_SESSIONS + 4);
        assert_eq!(list[0].name, "first");
    }

    #[test]
    fn repeated_names_in_a_hand_edited_list_become_unique() {
        let text = r#"[{"name":"a","view":"1"},{"name":"a","view":"2"},{"name":"a (2)","view":"3"},{"name":"a","view":"4"}]"#;
        let names: Vec<String> = parse_sessions(text)
            .unwrap()
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(names, ["a", "a (2)", "a (2) (2)", "a (3)"]);
    }
}
