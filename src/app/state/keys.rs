//! The page's keys: what a key press does to the state, wherever the focus is.
//!
//! ← → and `PageUp`/`PageDown` (what presenter remotes send) step, Home/End jump, Space plays
//! or pauses, `?` opens the list of keys, Escape closes it or leaves presenting mode.
//! A text, number or select field keeps its keys; on other buttons, checkboxes and diagram
//! cells Space (and Enter) still press them, but the stepping keys step.

use crate::app::services::keyboard::{KeyPress, KeyTarget};

use super::action::Action;

/// The action of a key pressed on the page, `None` when the key is left to the browser.
#[must_use]
pub fn key_action(press: &KeyPress) -> Option<Action> {
    if press.modifier || press.target == KeyTarget::Field {
        return None;
    }
    match press.key.as_str() {
        "ArrowLeft" | "PageUp" => Some(Action::Previous),
        "ArrowRight" | "PageDown" => Some(Action::Next),
        "Home" => Some(Action::First),
        "End" => Some(Action::Last),
        " " if press.target != KeyTarget::Control => Some(Action::TogglePlay),
        "?" => Some(Action::ToggleKeys),
        "Escape" => Some(Action::Escape),
        _ => None,
    }
}

/// The keys the list of keys shows, in its order: what is pressed and what it does.
pub const KEYS: [KeyHelp; 6] = [
    KeyHelp::Step,
    KeyHelp::Remote,
    KeyHelp::Jump,
    KeyHelp::Play,
    KeyHelp::List,
    KeyHelp::Escape,
];

/// A row of the list of keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyHelp {
    /// ← →
    Step,
    /// `PageUp` `PageDown`
    Remote,
    /// Home End
    Jump,
    /// Space
    Play,
    /// ?
    List,
    /// Esc
    Escape,
}

impl KeyHelp {
    /// The keys, as printed on a keyboard.
    #[must_use]
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            KeyHelp::Step => &["←", "→"],
            KeyHelp::Remote => &["PageUp", "PageDown"],
            KeyHelp::Jump => &["Home", "End"],
            KeyHelp::Play => &["Space"],
            KeyHelp::List => &["?"],
            KeyHelp::Escape => &["Esc"],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(key: &str, target: KeyTarget) -> KeyPress {
        KeyPress {
            key: key.into(),
            modifier: false,
            target,
        }
    }

    #[test]
    fn stepping_keys_work_from_buttons_cells_and_sliders_but_not_fields() {
        for target in [
            KeyTarget::Page,
            KeyTarget::Control,
            KeyTarget::StepBar,
            KeyTarget::Slider,
        ] {
            assert_eq!(key_action(&press("ArrowRight", target)), Some(Action::Next));
            assert_eq!(key_action(&press("PageDown", target)), Some(Action::Next));
            assert_eq!(
                key_action(&press("ArrowLeft", target)),
                Some(Action::Previous)
            );
            assert_eq!(key_action(&press("PageUp", target)), Some(Action::Previous));
            assert_eq!(key_action(&press("Home", target)), Some(Action::First));
            assert_eq!(key_action(&press("End", target)), Some(Action::Last));
            assert_eq!(key_action(&press("Escape", target)), Some(Action::Escape));
        }
        for key in ["ArrowRight", "PageDown", "Home", " ", "?", "Escape"] {
            assert_eq!(key_action(&press(key, KeyTarget::Field)), None, "{key}");
        }
        let held = KeyPress {
            modifier: true,
            ..press("ArrowRight", KeyTarget::Page)
        };
        assert_eq!(key_action(&held), None);
        assert_eq!(key_action(&press("a", KeyTarget::Page)), None);
    }

    #[test]
    fn space_plays_except_where_it_presses_a_control() {
        for target in [KeyTarget::Page, KeyTarget::StepBar, KeyTarget::Slider] {
            assert_eq!(key_action(&press(" ", target)), Some(Action::TogglePlay));
        }
        assert_eq!(key_action(&press(" ", KeyTarget::Control)), None);
        assert_eq!(
            key_action(&press("?", KeyTarget::Control)),
            Some(Action::ToggleKeys)
        );
    }
}
