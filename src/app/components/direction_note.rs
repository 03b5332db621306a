//! The note above a bidirectional layer's step: which direction the cell runs and which
//! step it reads its previous state from.

use yew::prelude::*;

use crate::app::domain::layers::RecurrentLayer;
use crate::app::domain::selection::Selection;
use crate::app::i18n::stepper::StepText;
use crate::app::i18n::{Lang, Text};
use crate::rnn::Direction;

/// Which direction a bidirectional cell runs and which step it reads `h` from.
pub fn direction_note(
    lang: Lang,
    layer: &RecurrentLayer,
    sel: Selection,
    timesteps: usize,
) -> Html {
    if !layer.bidirectional {
        return html! {};
    }
    let reads = match sel.direction {
        Direction::Forward => sel.timestep.checked_sub(1),
        Direction::Backward => Some(sel.timestep + 1).filter(|t| *t < timesteps),
    };
    let (dir, class) = match sel.direction {
        Direction::Forward => (Text::Forward.text(lang), "fwd"),
        Direction::Backward => (Text::Backward.text(lang), "bwd"),
    };
    html! {
        <p class="direction-note">
            <span class={classes!("badge", class)}>{ dir }</span>
            { format!(" {} ", StepText::ReadsFrom.text(lang)) }
            { reads.map_or_else(|| "h₀ = 0".to_owned(), |r| format!("t = {}", r + 1)) }
        </p>
    }
}
