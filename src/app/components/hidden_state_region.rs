//! The region named "Current hidden state": `h_t` of the selected cell, unit by unit.

use ndarray::Array1;
use yew::prelude::*;

use crate::app::hooks::render_count::count_render;
use crate::app::i18n::stepper::StepText;
use crate::app::i18n::Lang;

use super::cell_values::fmt4;

/// `h_t` values, compared by value so the region re-renders only when they change.
#[derive(Clone, Debug, PartialEq)]
pub struct HiddenValues(pub Array1<f32>);

/// Props of [`HiddenStateRegion`].
#[derive(Properties, PartialEq)]
pub struct HiddenStateProps {
    /// Interface language.
    pub lang: Lang,
    /// `h_t` of the selected cell.
    pub trace: HiddenValues,
}

/// The region named "Current hidden state": `h_t` in unit order, 4 decimals each.
#[component]
pub fn HiddenStateRegion(props: &HiddenStateProps) -> Html {
    count_render("HiddenStateRegion");
    let name = StepText::CurrentHiddenState.text(props.lang);
    html! {
        <section class="hidden-state" role="region" aria-label={name}>
            <h3>{ name }</h3>
            <ol class="h-values">
                { for props.trace.0.iter().enumerate().map(|(i, v)| html! {
                    <li><span class="unit">{ format!("h[{i}]") }</span>{ " " }<span class="num">{ fmt4(*v) }</span></li>
                }) }
            </ol>
        </section>
    }
}
