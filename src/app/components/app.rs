//! The root component: owns the one reducer, runs the page's effects, and hands each
//! panel the parts of the state it draws (never the reducer itself), so an action
//! re-renders only the panels whose parts changed.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::domain::chart_data::ChartData;
use crate::app::domain::classroom::PageMode;
use crate::app::domain::labels::{ChartLabels, DiagramLabels};
use crate::app::domain::panel::Panel;
use crate::app::domain::session::Session;
use crate::app::hooks::page::{
    use_autosave, use_first_visit_play, use_page_keys, use_play_timer, use_remembered_lang,
};
use crate::app::hooks::render_count::count_render;
use crate::app::i18n::charts::ChartText;
use crate::app::i18n::Text;
use crate::app::services::storage::{self, Key};
use crate::app::services::{locale, location};
use crate::app::state::notice::Notice;
use crate::app::state::view::PageStart;
use crate::app::state::{Action, AppState};
use crate::diagram::CellId;
use crate::model::Shape;

use super::chart_panel::ChartPanel;
use super::concepts_panel::ConceptsPanel;
use super::diagram_view::DiagramView;
use super::equation_panel::EquationPanel;
use super::export_panel::ExportPanel;
use super::gate_charts::GateCharts;
use super::header::{Header, Overlay};
use super::keys_overlay::KeysOverlay;
use super::model_controls::ModelControls;
use super::notice_banner::NoticeBanner;
use super::present::{PresentBar, PresentHead, PresentProps};
use super::quiz_panel::QuizPanel;
use super::share_panel::SharePanel;
use super::step_controls::StepControls;
use super::summary_panel::SummaryPanel;
use super::tour_card::Tour;
use super::train_panel::TrainPanel;
use super::update_notice::UpdateNotice;

/// What the page starts from, read from the address and storage once.
fn page_start() -> PageStart {
    PageStart {
        query: location::query(),
        fragment: location::fragment(),
        last_session: storage::read(Key::LastSession),
        previous_session: storage::read(Key::PreviousSession),
        remembered_lang: storage::read(Key::Lang),
        browser_lang: locale::browser_language(),
    }
}

/// The input batch's and the model output's shapes with the batch and sequence length
/// of the computed inputs filled in, as Keras prints a shape: `(8, 10, 4)`, `(8, 3)`.
fn shapes(session: &Session) -> (AttrValue, AttrValue) {
    let (batch, steps) = session.dims();
    let fill = |shape: &Shape| {
        let dims = shape.0.iter().enumerate().map(|(i, d)| match i {
            0 => Some(batch),
            1 => d.or(Some(steps)),
            _ => *d,
        });
        AttrValue::from(Shape(dims.collect()).to_string())
    };
    (
        fill(&session.info.input_shape),
        fill(session.info.output_shape()),
    )
}

/// The overlays (quiz, tour, training view) the header opens.
#[derive(Clone, PartialEq, Default)]
struct Overlays {
    open: Vec<Overlay>,
    /// The training view is kept from its first opening on, so a run survives closing it.
    train_mounted: bool,
}

impl Overlays {
    fn toggle(&self, overlay: Overlay) -> Self {
        let mut next = self.clone();
        if next.open.contains(&overlay) {
            next.open.retain(|o| *o != overlay);
        } else {
            next.open.push(overlay);
        }
        next.train_mounted |= overlay == Overlay::Train;
        next
    }

    fn set(&self, overlay: Overlay, open: bool) -> Self {
        if self.open.contains(&overlay) == open {
            self.clone()
        } else {
            self.toggle(overlay)
        }
    }

    fn is_open(&self, overlay: Overlay) -> bool {
        self.open.contains(&overlay)
    }
}

/// Opens or closes an overlay.
enum OverlayChange {
    Toggle(Overlay),
    Set(Overlay, bool),
}

impl Reducible for Overlays {
    type Action = OverlayChange;

    fn reduce(self: Rc<Self>, change: OverlayChange) -> Rc<Self> {
        Rc::new(match change {
            OverlayChange::Toggle(overlay) => self.toggle(overlay),
            OverlayChange::Set(overlay, open) => self.set(overlay, open),
        })
    }
}

/// The root component.
#[component]
pub fn App() -> Html {
    count_render("App");
    let state = use_reducer(|| AppState::at_start(&page_start()));
    // One callback for the page's life: panels given it do not re-render for its sake.
    let on_action = (*use_memo((), {
        let dispatcher = state.dispatcher();
        move |()| Callback::from(move |action| dispatcher.dispatch(action))
    }))
    .clone();
    let overlays = use_reducer(Overlays::default);
    let (on_toggle, open_quiz, close_quiz, close_tour) = (*use_memo((), {
        let d = overlays.dispatcher();
        move |()| {
            let toggle = {
                let d = d.clone();
                Callback::from(move |overlay| d.dispatch(OverlayChange::Toggle(overlay)))
            };
            let change = move |f: fn(()) -> OverlayChange| {
                let d = d.clone();
                Callback::from(move |()| d.dispatch(f(())))
            };
            (
                toggle,
                change(|()| OverlayChange::Set(Overlay::Quiz, true)),
                change(|()| OverlayChange::Set(Overlay::Quiz, false)),
                change(|()| OverlayChange::Set(Overlay::Tour, false)),
            )
        }
    }))
    .clone();
    let lang = state.lang;
    use_remembered_lang(lang);
    use_page_keys(on_action.clone());
    use_play_timer(state.playing, state.speed_ms, on_action.clone());
    let view = state.view();
    // The address also keeps presenting or embedded mode (`&present=1`, `&embed=1`).
    let fragment = state.mode.add_to(&view.to_fragment());
    let mode = state.mode;
    let full = mode == PageMode::Normal;
    let started_badly = matches!(
        state.notice,
        Some(Notice::BadLink(_) | Notice::BadStored(_))
    );
    use_first_visit_play(full, on_action.clone());
    // What the user changes on purpose: the view but for the selected step.
    let content = {
        let mut still = view.clone();
        still.selection = crate::app::domain::selection::Selection::default();
        still.to_json()
    };
    let (fit, autosave) = use_autosave(&fragment, &content, started_badly);

    let sel = state.selection;
    let diagram_states = {
        let session = state.session.clone();
        use_memo((session, sel.example), |(session, example)| {
            session
                .as_ref()
                .map(|s| s.all_states(*example))
                .unwrap_or_default()
        })
    };
    let chart_data = {
        let session = state.session.clone();
        use_memo(
            (session, sel.layer, sel.direction, sel.example),
            move |(session, ..)| session.as_ref().and_then(|s| ChartData::of(s, sel)),
        )
    };
    let on_select = (*use_memo((), {
        let on_action = on_action.clone();
        move |()| on_action.reform(|id: CellId| Action::Select(id.layer, id.direction, id.timestep))
    }))
    .clone();
    // Presenting keeps the diagram, the equation and the charts; embedding the diagram.
    let shown = |panel: Panel| {
        !state.hidden.contains(&panel)
            && match mode {
                PageMode::Normal => true,
                PageMode::Presenting => {
                    matches!(panel, Panel::Diagram | Panel::Equation | Panel::Charts)
                }
                PageMode::Embedded => panel == Panel::Diagram,
            }
    };
    let present_props = |on_action: &Callback<Action>| PresentProps {
        lang,
        timestep: sel.timestep,
        timesteps: state.timesteps(),
        playing: state.playing,
        on_action: on_action.clone(),
    };
    let session = state.session.clone();
    html! {
        <div class={classes!("app", mode.class())} lang={lang.code()}>
            if full {
                <Header {lang} open={overlays.open.clone()} {on_toggle} on_action={on_action.clone()} />
            } else if mode == PageMode::Presenting {
                <PresentHead ..present_props(&on_action) />
            } else {
                <h1 class="visually-hidden">{ Text::Title.text(lang) }</h1>
            }
            if state.keys_open {
                <KeysOverlay {lang} on_action={on_action.clone()} />
            }
            if mode != PageMode::Embedded {
                <UpdateNotice {lang} />
            }
            if full && overlays.is_open(Overlay::Tour) {
                <Tour {lang} on_action={on_action.clone()}
                    on_open_quiz={open_quiz} on_close={close_tour} />
            }
            <NoticeBanner {lang} notice={state.notice.clone()} {autosave} {fit}
                restorable={state.restorable.is_some()} on_action={on_action.clone()} />
            <main class={classes!("layout", (!shown(Panel::Controls) || overlays.is_open(Overlay::Train)).then_some("no-controls"))}>
                <div class="work">
                    if full && overlays.is_open(Overlay::Quiz) {
                        <QuizPanel {lang} on_action={on_action.clone()}
                            on_close={close_quiz} />
                    }
                    if full && overlays.train_mounted {
                        <TrainPanel {lang} on_action={on_action.clone()} visible={overlays.is_open(Overlay::Train)} />
                    }
                    if mode != PageMode::Presenting {
                    <StepControls {lang} timestep={sel.timestep} timesteps={state.timesteps()}
                        playing={state.playing} speed_ms={state.speed_ms}
                        batch={session.as_ref().map_or(1, |s| s.dims().0)} example={sel.example}
                        on_action={on_action.clone()} />
                    }
                    if let (Some(session), true) = (session.as_ref(), shown(Panel::Diagram)) {
                        <section class="panel diagram-panel" aria-label={ChartText::UnrolledDiagram.text(lang)}>
                            <DiagramView desc={session.diagram(sel)} states={diagram_states.clone()}
                                {on_select} labels={DiagramLabels::new(lang)}
                                input_shape={shapes(session).0} output_shape={shapes(session).1} />
                        </section>
                    }
                    if let (Some(session), true) = (session.as_ref(), shown(Panel::Equation)) {
                        <EquationPanel {lang} session={session.clone()} selection={sel}
                            show_numpy={state.show_numpy} on_action={on_action.clone()} />
                    }
                    if let (Some(session), true) = (session.as_ref(), shown(Panel::Charts)) {
                        <GateCharts {lang} session={session.clone()} selection={sel} />
                    }
                    if let (Some(data), true) = ((*chart_data).as_ref(), shown(Panel::Charts)) {
                        <section class="panel charts" aria-label={ChartText::Charts.text(lang)}>
                            <ChartPanel states={Rc::clone(&data.states.0)} preacts={data.preacts.as_ref().map(|p| Rc::clone(&p.0))}
                                cursor={sel.timestep} bounded={data.bounded} labels={ChartLabels::new(lang, sel.layer)} {lang} />
                            <p class="note">{ ChartText::SaturationNote.text(lang) }</p>
                        </section>
                    }
                    if let (Some(session), true) = (session.as_ref(), shown(Panel::Summary)) {
                        <SummaryPanel {lang} session={session.clone()} />
                    }
                    if let (Some(session), true) = (session.as_ref(), full) {
                        <ExportPanel {lang} session={session.clone()} selection={sel}
                            draft={state.draft.clone()} on_action={on_action.clone()} />
                    }
                    if full {
                    <SharePanel {lang} fragment={fragment} weights_left_out={view.weights_left_out}
                        hidden={state.hidden.clone()} on_action={on_action.clone()} />
                    }
                    if shown(Panel::Concepts) {
                        <ConceptsPanel {lang} />
                    }
                </div>
                // The training view has its own form: the visualizer's waits while it is open.
                if shown(Panel::Controls) && !overlays.is_open(Overlay::Train) {
                    <ModelControls {lang} preset={state.preset} draft={state.draft.clone()}
                        raw_numbers={state.raw_numbers.clone()} scheme={state.scheme} seed={state.seed}
                        input={state.input.clone()} errors={state.errors.clone()} session={session.clone()}
                        on_action={on_action.clone()} />
                }
                if mode == PageMode::Presenting {
                    <PresentBar ..present_props(&on_action) />
                }
            </main>
        </div>
    }
}
