//! The Yew front end: one reducer owns the state (`state`), the model/rnn code computes a
//! session from it (`session`), and components draw it.

pub mod canvas;
pub mod chart_panel;
pub mod controls;
pub mod diagram_view;
pub mod export;
pub mod export_panel;
pub mod i18n;
pub mod import;
pub mod inputs;
pub mod messages;
pub mod presets;
pub mod quiz;
pub mod session;
pub mod share;
pub mod share_panel;
pub mod state;
pub mod step_panel;
pub mod summary_panel;
pub mod tour;
pub mod train_model;
pub mod train_text;
pub mod train_view;

use std::rc::Rc;

use ndarray::Array2;
use yew::prelude::*;

use crate::diagram::{CellId, DiagramDesc, LayerDesc};
use crate::model::LayerSpec;
use crate::rnn::Direction;

use chart_panel::{ChartData, ChartLabels, ChartPanel};
use controls::ModelControls;
use diagram_view::{DiagramLabels, DiagramView};
use export_panel::{ExportPanel, ImportControl};
use i18n::{Lang, Text};
use quiz::{QuizPanel, QuizText};
use session::{recurrent_layers, Session};
use share::{Panel, ShareAction, ShareNotice, ViewState};
use share_panel::SharePanel;
use state::{Action, AppState};
use step_panel::{EquationPanel, StepControls};
use summary_panel::SummaryPanel;
use tour::{Tour, TourText};
use train_text::TrainText;
use train_view::TrainPanel;

/// What the diagram draws for `session` with `state`'s selection.
fn diagram_desc(session: &Session, state: &AppState) -> DiagramDesc {
    let layers = recurrent_layers(&session.model);
    DiagramDesc {
        timesteps: session.dims().1,
        layers: layers
            .iter()
            .map(|l| LayerDesc {
                units: l.units,
                bidirectional: l.bidirectional,
                return_sequences: l.return_sequences,
            })
            .collect(),
        token_inputs: matches!(session.model.layers.first(), Some(LayerSpec::Embedding(_))),
        dense_head: matches!(session.model.layers.last(), Some(LayerSpec::Dense(_))),
        selected: Some(CellId {
            layer: state.selection.layer,
            direction: state.selection.direction,
            timestep: state.selection.timestep,
        }),
    }
}

/// Every recurrent layer's states for one example: `[layer][direction] = [T, units]`.
fn all_states(session: &Session, example: usize) -> Vec<Vec<Array2<f32>>> {
    recurrent_layers(&session.model)
        .iter()
        .map(|l| {
            let directions: &[Direction] = if l.bidirectional {
                &[Direction::Forward, Direction::Backward]
            } else {
                &[Direction::Forward]
            };
            directions
                .iter()
                .filter_map(|d| {
                    session
                        .states(l.stack_index, *d, example)
                        .map(|v| v.to_owned())
                })
                .collect()
        })
        .collect()
}

fn session_key(state: &AppState) -> usize {
    state.session.as_ref().map_or(0, |s| Rc::as_ptr(s) as usize)
}

/// Whether a key press should step time: not while typing in a field.
fn is_typing_target(event: &KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        .is_some_and(|el| {
            let tag = el.tag_name().to_ascii_lowercase();
            matches!(tag.as_str(), "input" | "select" | "textarea" | "button")
                && el.get_attribute("type").as_deref() != Some("range")
        })
}

/// The root component.
#[component]
pub fn App() -> Html {
    // A link's view, else the last session, else the default (reading the address and
    // storage once, before the first render).
    let state = use_reducer(|| {
        let mut state = share::initial_state(
            initial_lang(),
            &share::browser::fragment(),
            share::browser::read(share::LAST_SESSION_KEY).as_deref(),
        );
        // An explicit `?lang=` beats the language a link or the last session carries.
        if let Some(lang) = query_lang() {
            state.lang = lang;
        }
        state
    });
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    let lang = state.lang;
    let t = |key: Text| key.text(lang);
    let quiz_open = use_state(|| false);
    let tour_open = use_state(|| false);
    let train_open = use_state(|| false);
    // Mounted from the first opening on, so a run survives closing the panel.
    let train_mounted = use_state(|| false);

    // A language the user switched to is remembered for the next visit (the one the page
    // started in, from the link or the browser, is not a choice).
    {
        let started = use_mut_ref(|| lang);
        use_effect_with(lang, move |lang| {
            if *started.borrow() != *lang {
                *started.borrow_mut() = *lang;
                save_lang(*lang);
            }
        });
    }

    // Keyboard: ← → step, Home/End, Space plays.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |()| {
            let listener = web_sys::window()
                .and_then(|w| w.document())
                .map(|document| {
                    let options = gloo_events::EventListenerOptions::enable_prevent_default();
                    gloo_events::EventListener::new_with_options(
                        &document,
                        "keydown",
                        options,
                        move |event| {
                            let Some(event) = wasm_bindgen::JsCast::dyn_ref::<KeyboardEvent>(event)
                            else {
                                return;
                            };
                            if event.alt_key()
                                || event.ctrl_key()
                                || event.meta_key()
                                || is_typing_target(event)
                            {
                                return;
                            }
                            let action = match event.key().as_str() {
                                "ArrowLeft" => Action::Previous,
                                "ArrowRight" => Action::Next,
                                "Home" => Action::First,
                                "End" => Action::Last,
                                " " => Action::TogglePlay,
                                _ => return,
                            };
                            event.prevent_default();
                            dispatch.emit(action);
                        },
                    )
                });
            move || drop(listener)
        });
    }
    // Playing: one step per tick.
    {
        let dispatch = dispatch.clone();
        use_effect_with((state.playing, state.speed_ms), move |(playing, speed)| {
            let timer = playing.then(|| {
                gloo_timers::callback::Interval::new(*speed, move || dispatch.emit(Action::Tick))
            });
            move || drop(timer)
        });
    }

    // The address and the last session follow the view (replaceState: no history flood).
    // A broken link's default view is not written until the user changes something, so
    // the saved session survives a bad link.
    let fragment = ViewState::of(&state).to_fragment();
    let opened = {
        let start = (
            fragment.clone(),
            matches!(
                state.share_notice,
                Some(ShareNotice::BadLink(_) | ShareNotice::BadStored(_))
            ),
        );
        use_memo((), move |()| start)
    };
    let autosave_error = use_state(|| None::<share::browser::StorageError>);
    {
        let autosave_error = autosave_error.clone();
        use_effect_with(fragment, move |fragment| {
            if !(opened.1 && *fragment == opened.0) {
                share::browser::replace_fragment(fragment);
                let result = share::browser::write(share::LAST_SESSION_KEY, fragment).err();
                if *autosave_error != result {
                    autosave_error.set(result);
                }
            }
        });
    }
    let shown = |panel: Panel| !state.hidden.contains(&panel);
    let notice = state
        .share_notice
        .as_ref()
        .map(|n| share::notice_text(n, lang));
    let dismiss = dispatch.reform(|_: MouseEvent| Action::Share(ShareAction::Dismiss));
    let autosave_text = (*autosave_error).map(|e| match e {
        share::browser::StorageError::Unavailable => share::ShareText::StorageUnavailable,
        share::browser::StorageError::Full => share::ShareText::StorageFull,
    });

    let key = session_key(&state);
    let example = state.selection.example;
    let states = {
        let session = state.session.clone();
        use_memo((key, example), move |_| {
            session.map(|s| all_states(&s, example)).unwrap_or_default()
        })
    };
    let sel = state.selection;
    let chart_data = {
        let session = state.session.clone();
        use_memo((key, sel.layer, sel.direction, example), move |_| {
            let session = session?;
            let data = ChartData::of(&session, sel)?;
            Some((data.states, data.preacts, data.bounded))
        })
    };

    let on_select =
        dispatch.reform(|id: CellId| Action::Select(id.layer, id.direction, id.timestep));
    let toggle_lang = dispatch.reform(move |_: MouseEvent| Action::SetLang(lang.other()));
    let diagram_labels = DiagramLabels {
        title: t(Text::UnrolledDiagram).into(),
        input: "x".into(),
        output: "y".into(),
        forward: t(Text::Forward).into(),
        backward: t(Text::Backward).into(),
        cell_template: t(Text::DiagramCell).into(),
        skipped_template: t(Text::StepsHidden).into(),
        embedding: "Embedding".into(),
        dense: "Dense".into(),
    };
    let chart_labels = ChartLabels::new(lang, sel.layer);

    let concepts = [
        (Text::ConceptCellTitle, Text::ConceptCell),
        (Text::ConceptShapesTitle, Text::ConceptShapes),
        (Text::ConceptKerasTitle, Text::ConceptKeras),
        (Text::ConceptDeepTitle, Text::ConceptDeep),
        (Text::ConceptBidirectionalTitle, Text::ConceptBidirectional),
    ];

    html! {
        <div class="app" lang={lang.code()}>
            <header class="top">
                <div>
                    <h1>{ t(Text::Title) }</h1>
                    <p class="tagline">{ t(Text::Tagline) }</p>
                </div>
                <div class="header-buttons">
                    <button type="button" aria-pressed={quiz_open.to_string()}
                        onclick={{ let q = quiz_open.clone(); move |_: MouseEvent| q.set(!*q) }}>
                        { QuizText::Title.text(lang) }</button>
                    <button type="button" aria-pressed={tour_open.to_string()}
                        onclick={{ let o = tour_open.clone(); move |_: MouseEvent| o.set(!*o) }}>
                        { TourText::Tour.text(lang) }</button>
                    <button type="button" aria-pressed={train_open.to_string()}
                        onclick={{
                            let (o, m) = (train_open.clone(), train_mounted.clone());
                            move |_: MouseEvent| { o.set(!*o); m.set(true); }
                        }}>
                        { TrainText::Train.text(lang) }</button>
                    <button type="button" class="lang" onclick={toggle_lang}>{ t(Text::SwitchLanguage) }</button>
                </div>
            </header>
            if *tour_open {
                <Tour {lang} dispatch={dispatch.clone()}
                    on_open_quiz={{ let q = quiz_open.clone(); Callback::from(move |()| q.set(true)) }}
                    on_close={{ let o = tour_open.clone(); Callback::from(move |()| o.set(false)) }} />
            }
            if let Some(notice) = notice {
                <div class="share-notice" role="alert">
                    <span>{ notice }</span>{ " " }
                    <button type="button" onclick={dismiss}>{ share::ShareText::Dismiss.text(lang) }</button>
                </div>
            }
            if let Some(text) = autosave_text {
                <p class="field-error" role="status">{ text.text(lang) }</p>
            }
            <main class={classes!("layout", (!shown(Panel::Controls)).then_some("no-controls"))}>
                if shown(Panel::Controls) {
                    <ModelControls state={state.clone()} dispatch={dispatch.clone()} />
                }
                <div class="work">
                    if *quiz_open {
                        <QuizPanel {lang} dispatch={dispatch.clone()}
                            on_close={{ let q = quiz_open.clone(); Callback::from(move |()| q.set(false)) }} />
                    }
                    if *train_mounted {
                        <TrainPanel {lang} dispatch={dispatch.clone()} visible={*train_open} />
                    }
                    <StepControls state={state.clone()} dispatch={dispatch.clone()} />
                    if let (Some(session), true) = (state.session.as_ref(), shown(Panel::Diagram)) {
                        <section class="panel diagram-panel" aria-label={t(Text::UnrolledDiagram)}>
                            <DiagramView desc={diagram_desc(session, &state)} states={states.clone()}
                                on_select={on_select} labels={diagram_labels} />
                        </section>
                    }
                    if shown(Panel::Equation) {
                        <EquationPanel state={state.clone()} dispatch={dispatch.clone()} />
                    }
                    if let (Some((states, preacts, bounded)), true) = ((*chart_data).clone(), shown(Panel::Charts)) {
                        <section class="panel charts" aria-label={t(Text::Charts)}>
                            <ChartPanel {states} {preacts} cursor={sel.timestep} {bounded} labels={chart_labels} />
                            <p class="note">{ t(Text::SaturationNote) }</p>
                        </section>
                    }
                    if let (Some(session), true) = (state.session.as_ref(), shown(Panel::Summary)) {
                        <SummaryPanel {lang} info={session.info.clone()} />
                    }
                    <ExportPanel state={state.clone()}>
                        <ImportControl state={state.clone()} dispatch={dispatch.clone()} />
                    </ExportPanel>
                    <SharePanel state={state.clone()} dispatch={dispatch.clone()} />
                    if shown(Panel::Concepts) {
                    <section class="panel concepts" aria-labelledby="concepts-heading">
                        <h2 id="concepts-heading">{ t(Text::Concepts) }</h2>
                        { for concepts.iter().map(|(title, body)| html! {
                            <details>
                                <summary>{ t(*title) }</summary>
                                <p>{ t(*body) }</p>
                            </details>
                        }) }
                    </section>
                    }
                </div>
            </main>
        </div>
    }
}

/// The language of a fresh visit: the browser's when it is Korean, else English.
#[must_use]
pub fn browser_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .filter(|l| l.to_ascii_lowercase().starts_with("ko"))
        .map_or(Lang::En, |_| Lang::Ko)
}

/// localStorage key of the chosen language.
pub const LANG_KEY: &str = "unrolled.lang";

/// The language a link asks for: `?lang=ko` or `?lang=en`.
#[must_use]
pub fn lang_from_query(search: &str) -> Option<Lang> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.strip_prefix("lang="))
        .find_map(lang_from_code)
}

/// `ko` or `en` (as stored and in links).
#[must_use]
pub fn lang_from_code(code: &str) -> Option<Lang> {
    match code.trim().to_ascii_lowercase().as_str() {
        "ko" => Some(Lang::Ko),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// The language a `?lang=ko|en` query parameter asks for.
fn query_lang() -> Option<Lang> {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|search| lang_from_query(&search))
}

/// The language at start: the link's, else the remembered one, else the browser's.
#[must_use]
pub fn initial_lang() -> Lang {
    let window = web_sys::window();
    let from_link = query_lang();
    let remembered = || {
        window
            .as_ref()
            .and_then(|w| w.local_storage().ok().flatten())
            .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
            .and_then(|code| lang_from_code(&code))
    };
    from_link.or_else(remembered).unwrap_or_else(browser_lang)
}

fn save_lang(lang: Lang) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        // Storage can be full or disabled; the page works on without it.
        let _ = storage.set_item(LANG_KEY, lang.code());
    }
}
