//! The tour card: one step of the guided tour at a time. Each step loads its preset,
//! highlights the part of the page it talks about and moves focus to the card; the place
//! is remembered in storage; Escape closes it.

use yew::prelude::*;

use crate::app::domain::tour::{resume_step, TourText, HIGHLIGHT_CLASS, STEPS};
use crate::app::hooks::render_count::count_render;
use crate::app::i18n::Lang;
use crate::app::services::storage::{self, Key};
use crate::app::services::{highlight, keyboard};
use crate::app::state::Action;

fn save(value: &str) {
    // Storage can be full or disabled; the tour works on without it.
    let _ = storage::write(Key::Tour, value);
}

/// Props of [`Tour`].
#[derive(Properties, PartialEq)]
pub struct TourProps {
    /// Interface language.
    pub lang: Lang,
    /// Where app actions go (each step loads a preset).
    pub on_action: Callback<Action>,
    /// Opens the quiz (its step).
    pub on_open_quiz: Callback<()>,
    /// Closes the tour.
    pub on_close: Callback<()>,
}

/// The tour card; mounted while the tour is open.
#[component]
pub fn Tour(props: &TourProps) -> Html {
    count_render("Tour");
    let index = use_state(|| resume_step(storage::read(Key::Tour).as_deref()));
    let primary = use_node_ref();
    let current = STEPS[(*index).min(STEPS.len() - 1)];

    // Each step: load its preset, open the quiz if it is the quiz's, remember the place,
    // then (once the page has drawn) highlight the target and move focus to the card.
    {
        let dispatch = props.on_action.clone();
        let on_open_quiz = props.on_open_quiz.clone();
        let primary = primary.clone();
        use_effect_with(*index, move |&i| {
            dispatch.emit(Action::LoadPreset(current.preset));
            if current.opens_quiz {
                on_open_quiz.emit(());
            }
            save(&i.to_string());
            let timer = gloo_timers::callback::Timeout::new(60, move || {
                highlight::mark(current.target, HIGHLIGHT_CLASS);
                if let Some(button) = primary.cast::<web_sys::HtmlElement>() {
                    drop(button.focus());
                }
            });
            move || drop(timer)
        });
    }
    // Unmounting (closed or finished) removes the highlight.
    use_effect_with((), |()| || highlight::clear(HIGHLIGHT_CLASS));
    // Escape closes.
    {
        let on_close = props.on_close.clone();
        use_effect_with((), move |()| {
            let listener = keyboard::on_key(move |press| {
                if press.key == "Escape" {
                    on_close.emit(());
                }
                false
            });
            move || drop(listener)
        });
    }

    let lang = props.lang;
    let t = |key: TourText| key.text(lang);
    let i = *index;
    let last = i + 1 == STEPS.len();
    let back = {
        let index = index.clone();
        Callback::from(move |_: MouseEvent| index.set(i.saturating_sub(1)))
    };
    let next = {
        let index = index.clone();
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| {
            if last {
                save("done");
                on_close.emit(());
            } else {
                index.set(i + 1);
            }
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    let counter = t(TourText::StepOf)
        .replace("{n}", &(i + 1).to_string())
        .replace("{total}", &STEPS.len().to_string());

    html! {
        <aside class="tour" role="dialog" aria-modal="false" aria-labelledby="tour-title"
            aria-describedby="tour-body">
            <p class="tour-counter muted">{ format!("{} · {counter}", t(TourText::Tour)) }</p>
            <h2 id="tour-title">{ t(current.title) }</h2>
            <p id="tour-body">{ t(current.body) }</p>
            <div class="tour-buttons">
                <button type="button" onclick={back} disabled={i == 0}>{ t(TourText::Back) }</button>
                <button type="button" class="primary" ref={primary} onclick={next}>
                    { if last { t(TourText::Finish) } else { t(TourText::Next) } }
                </button>
                <button type="button" onclick={close}>{ t(TourText::Close) }</button>
            </div>
        </aside>
    }
}
