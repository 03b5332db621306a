//! The page's keys: what a key press does to the state.

use crate::app::services::keyboard::KeyPress;

use super::action::Action;

/// The action of a key pressed on the page: ← → step, Home and End jump, Space plays.
/// Keys held with a modifier, or typed into a field, do nothing here.
#[must_use]
pub fn key_action(press: &KeyPress) -> Option<Action> {
    if press.modifier || press.in_field {
        return None;
    }
    match press.key.as_str() {
        "ArrowLeft" => Some(Action::Previous),
        "ArrowRight" => Some(Action::Next),
        "Home" => Some(Action::First),
        "End" => Some(Action::Last),
        " " => Some(Action::TogglePlay),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(key: &str, modifier: bool, in_field: bool) -> KeyPress {
        KeyPress {
            key: key.into(),
            modifier,
            in_field,
        }
    }

    #[test]
    fn arrows_step_unless_typing_or_with_a_modifier() {
        assert_eq!(
            key_action(&press("ArrowRight", false, false)),
            Some(Action::Next)
        );
        assert_eq!(
            key_action(&press("ArrowLeft", false, false)),
            Some(Action::Previous)
        );
        assert_eq!(
            key_action(&press("Home", false, false)),
            Some(Action::First)
        );
        assert_eq!(key_action(&press("End", false, false)), Some(Action::Last));
        assert_eq!(
            key_action(&press(" ", false, false)),
            Some(Action::TogglePlay)
        );
        assert_eq!(key_action(&press("ArrowRight", true, false)), None);
        assert_eq!(key_action(&press("ArrowRight", false, true)), None);
        assert_eq!(key_action(&press("a", false, false)), None);
    }
}
