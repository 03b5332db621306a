//! The Yew front end: one reducer owns the state; components draw it.

pub mod canvas;
pub mod chart_panel;
pub mod diagram_view;
mod i18n;

use i18n::{Lang, Text};
use yew::prelude::*;

/// Timesteps of the placeholder sequence the shell steps through.
const SHELL_TIMESTEPS: usize = 10;

/// The root component.
#[component]
pub fn App() -> Html {
    let lang = use_state(|| Lang::En);
    let step = use_state(|| 0_usize);
    let t = |key: Text| key.text(*lang);

    let previous = {
        let step = step.clone();
        Callback::from(move |_: MouseEvent| step.set(step.saturating_sub(1)))
    };
    let next = {
        let step = step.clone();
        Callback::from(move |_: MouseEvent| step.set((*step + 1).min(SHELL_TIMESTEPS - 1)))
    };
    let toggle_lang = {
        let lang = lang.clone();
        Callback::from(move |_: MouseEvent| lang.set(lang.other()))
    };

    html! {
        <main class="shell" lang={lang.code()}>
            <header>
                <h1>{ t(Text::Title) }</h1>
                <p class="tagline">{ t(Text::Tagline) }</p>
                <button class="lang" onclick={toggle_lang}>{ t(Text::SwitchLanguage) }</button>
            </header>
            <section aria-label={t(Text::Timestep)}>
                <button onclick={previous} disabled={*step == 0}>{ t(Text::PreviousStep) }</button>
                <output class="step">{ format!("t = {} / {}", *step + 1, SHELL_TIMESTEPS) }</output>
                <button onclick={next} disabled={*step + 1 == SHELL_TIMESTEPS}>{ t(Text::NextStep) }</button>
            </section>
        </main>
    }
}
