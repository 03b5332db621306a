//! The training view: pick a task, press Train, and watch the loss, the gradient flow
//! through time, the recurrent kernels' spectral radius and the hidden states of one
//! example change while the model learns. Its state is the pure
//! [`crate::app::domain::train_run::TrainState`], driven by `hooks::train_run`'s frame
//! loop; this component only draws it and turns clicks into actions.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::domain::chart_data::Same;
use crate::app::domain::train_charts::{prediction_series, ExampleCharts, HistoryCharts};
use crate::app::domain::train_form::FormField;
use crate::app::domain::train_run::{TrainAction, TrainNotice};
use crate::app::hooks::render_count::count_render;
use crate::app::hooks::train_run::{use_train_run, TrainHandle};
use crate::app::i18n::train::TrainText;
use crate::app::i18n::train_errors::{
    alert_text, form_error_text, series_name, status_text, train_notice_text,
};
use crate::app::i18n::Lang;
use crate::app::state::Action;
use crate::train::TaskKind;

use super::train_charts::TrainCharts;
use super::train_fields::{field_message, TrainFields};

/// Props of [`TrainPanel`].
#[derive(Properties, PartialEq)]
pub struct TrainPanelProps {
    /// Interface language.
    pub lang: Lang,
    /// Where app actions go ("Open in visualizer", "Follow in visualizer").
    pub on_action: Callback<Action>,
    /// Whether the panel is shown. A hidden panel pauses and keeps its run, so closing
    /// and reopening the training view loses nothing.
    #[prop_or(true)]
    pub visible: bool,
}

/// Sends the main run's current model to the visualizer: once with a notice (`follow`
/// false), or quietly while following.
fn send_to_visualizer(train: &TrainHandle, on_action: &Callback<Action>, follow: bool) {
    let built = train.state().for_visualizer();
    match built {
        None => {}
        Some(Ok(imported)) => {
            let imported = Rc::new(imported);
            if follow {
                on_action.emit(Action::FollowTraining(imported));
            } else {
                on_action.emit(Action::Import(imported));
                train.dispatch(TrainAction::Notice(Some(TrainNotice::Opened)));
            }
        }
        Some(Err(error)) => train.dispatch(TrainAction::Notice(Some(TrainNotice::Failed(error)))),
    }
}

/// Train, Pause, Step one batch, Reset, Open in visualizer; and "Follow in visualizer".
fn buttons(lang: Lang, train: &TrainHandle, on_open: Callback<MouseEvent>) -> Html {
    let t = |k: TrainText| k.text(lang);
    let on = train.callback();
    let state = train.state();
    let (running, has_run, follow) = (state.running, state.has_run(), state.follow);
    let on_fast = {
        let train = train.clone();
        Callback::from(move |e: Event| {
            train.set_paced(!e.target_unchecked_into::<HtmlInputElement>().checked());
        })
    };
    let on_follow = on.reform(|e: Event| {
        TrainAction::SetFollow(e.target_unchecked_into::<HtmlInputElement>().checked())
    });
    html! {
        <>
            <div class="train-buttons">
                <button type="button" class="primary" onclick={on.reform(|_: MouseEvent| TrainAction::Train)}
                    disabled={running}>{ t(TrainText::Train) }</button>
                <button type="button" onclick={on.reform(|_: MouseEvent| TrainAction::Pause)}
                    disabled={!running}>{ t(TrainText::Pause) }</button>
                <button type="button" onclick={on.reform(|_: MouseEvent| TrainAction::Step)}>{ t(TrainText::StepBatch) }</button>
                <button type="button" onclick={on.reform(|_: MouseEvent| TrainAction::Reset)}>{ t(TrainText::Reset) }</button>
                <button type="button" onclick={on_open} disabled={!has_run}>{ t(TrainText::OpenInVisualizer) }</button>
            </div>
            <div class="train-check">
                <input id="train-fast" type="checkbox" checked={!train.paced()} onchange={on_fast}
                    aria-describedby="train-fast-help" />
                <label for="train-fast">{ t(TrainText::AsFastAsPossible) }</label>
                <span class="muted" id="train-fast-help">{ t(TrainText::PaceHelp) }</span>
            </div>
            <div class="train-check">
                <input id="train-follow" type="checkbox" checked={follow} onchange={on_follow}
                    aria-describedby="train-follow-help" />
                <label for="train-follow">{ t(TrainText::FollowVisualizer) }</label>
                <span class="muted" id="train-follow-help">{ t(TrainText::FollowHelp) }</span>
            </div>
        </>
    }
}

/// "Sample text" and what it generated, for the character model.
fn sample(lang: Lang, train: &TrainHandle) -> Html {
    let t = |k: TrainText| k.text(lang);
    let state = train.state();
    if state.form.task != TaskKind::CharModel {
        return html! {};
    }
    let on_sample = train.callback().reform(|_: MouseEvent| TrainAction::Sample);
    html! {
        <div class="train-sample">
            <button type="button" onclick={on_sample} disabled={!state.can_sample()}>{ t(TrainText::SampleText) }</button>
            if let Some(Ok(text)) = state.sample.as_ref() {
                <figure class="train-sample-text">
                    <figcaption>{ t(TrainText::GeneratedText) }</figcaption>
                    <output aria-label={t(TrainText::GeneratedText)}>{ text.clone() }</output>
                </figure>
            }
            if let Some(Err(error)) = state.sample.as_ref() {
                <p class="field-error" role="alert">{ crate::app::i18n::train_errors::train_error_text(error, None, 0.01, false, lang) }</p>
            }
        </div>
    }
}

/// The training panel.
#[component]
pub fn TrainPanel(props: &TrainPanelProps) -> Html {
    count_render("TrainPanel");
    let lang = props.lang;
    let t = |k: TrainText| k.text(lang);
    let train = use_train_run(props.visible);
    let (tick, follow) = {
        let state = train.state();
        (state.tick, state.follow)
    };
    // "Follow in visualizer": every redraw of the charts (a few times a second while
    // training, and after a step) sends the current weights to the visualizer, as one
    // action.
    {
        let (train, on_action) = (train.clone(), props.on_action.clone());
        use_effect_with(
            (tick, follow, props.visible),
            move |&(_, follow, visible)| {
                if follow && visible {
                    send_to_visualizer(&train, &on_action, true);
                }
            },
        );
    }
    let example = train.state().example();
    let chart_example = example.unwrap_or(0);
    let history = {
        let train = train.clone();
        use_memo((tick, lang), move |&(_, lang)| {
            HistoryCharts::of(&train.state().runs, &|name| series_name(name, lang))
        })
    };
    let example_charts = {
        let train = train.clone();
        use_memo((tick, chart_example, lang), move |&(_, example, lang)| {
            ExampleCharts::of(&train.state().runs, example, &|name| {
                series_name(name, lang)
            })
        })
    };
    let prediction = {
        let train = train.clone();
        use_memo((tick, chart_example, lang), move |&(_, example, lang)| {
            let names = [TrainText::Prediction, TrainText::Target].map(|k| k.text(lang).to_owned());
            prediction_series(&train.state().runs, example, names).map(Same::new)
        })
    };
    let on_open = {
        let (train, on_action) = (train.clone(), props.on_action.clone());
        Callback::from(move |_: MouseEvent| send_to_visualizer(&train, &on_action, false))
    };
    let state = train.state();
    let example_error = match example {
        Err(error) => Some(form_error_text(error, lang)),
        Ok(_) => field_message(&state.field_errors, FormField::Example, lang),
    };
    html! {
        <section class="panel train-panel" aria-labelledby="train-heading" hidden={!props.visible}>
            <h2 id="train-heading">{ t(TrainText::Training) }</h2>
            <p class="muted">{ t(TrainText::Intro) }</p>
            <TrainFields {lang} form={state.form.clone()} running={state.running}
                errors={state.field_errors.clone()} on={train.callback()} />
            { buttons(lang, &train, on_open) }
            <p class="train-status" role="status" aria-live="polite">{ status_text(state.status().as_ref(), lang) }</p>
            { for state.alerts().iter().map(|a| html! { <p class="train-alert" role="alert">{ alert_text(a, lang) }</p> }) }
            { match state.notice.as_ref() {
                Some(notice @ TrainNotice::Failed(_)) => html! { <p class="train-alert" role="alert">{ train_notice_text(notice, lang) }</p> },
                Some(notice) => html! { <p class="train-notice">{ train_notice_text(notice, lang) }</p> },
                None => html! {},
            } }
            { sample(lang, &train) }
            <TrainCharts {lang} history={(*history).clone()} example={(*example_charts).clone()}
                prediction={(*prediction).clone()}
                log_loss={state.form.log_loss} example_text={state.form.example.clone()}
                {example_error} on={train.callback()} />
        </section>
    }
}
