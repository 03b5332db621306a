//! The parameter quiz panel: the question (the chapter's first, then variations), the
//! answer field, the verdict and the worked answer, and "show me this model". The quiz's
//! state is the pure [`QuizState`]; its progress is kept in storage.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::domain::quiz::{Asked, QuizAction, QuizProgress, QuizState, Variation, Verdict};
use crate::app::hooks::render_count::count_render;
use crate::app::i18n::quiz::QuizText;
use crate::app::i18n::Lang;
use crate::app::services::storage::{self, Key};
use crate::app::state::Action;

impl Reducible for QuizState {
    type Action = QuizAction;

    fn reduce(self: Rc<Self>, action: QuizAction) -> Rc<Self> {
        Rc::new(self.after(action))
    }
}

fn load_progress() -> Option<QuizProgress> {
    QuizProgress::from_json(&storage::read(Key::Quiz)?)
}

fn save_progress(progress: &QuizProgress) {
    // Storage can be full or disabled; the quiz works on without it.
    let _ = storage::write(Key::Quiz, &progress.to_json());
}

/// The chapter's own wording of its question.
fn chapter_intro(lang: Lang) -> Html {
    let t = |key: QuizText| key.text(lang);
    html! {
        <>
            <p>{ t(QuizText::ChapterIntro) }</p>
            <ul>
                <li>{ t(QuizText::ChapterVocab) }</li>
                <li>{ t(QuizText::ChapterHidden) }</li>
                <li>{ t(QuizText::ChapterLength) }</li>
                <li>{ t(QuizText::ChapterOutput) }</li>
                <li>{ t(QuizText::ChapterOneLayer) }</li>
            </ul>
        </>
    }
}

/// The verdict on the last answer.
fn feedback(lang: Lang, verdict: Option<Verdict>) -> Html {
    let t = |key: QuizText| key.text(lang);
    match verdict {
        Some(Verdict::Correct) => html! { <p class="quiz-correct">{ t(QuizText::Correct) }</p> },
        Some(Verdict::Wrong) => html! { <p class="quiz-wrong">{ t(QuizText::Wrong) }</p> },
        Some(Verdict::Unreadable) => {
            html! { <p class="quiz-wrong">{ t(QuizText::Unreadable) }</p> }
        }
        None => html! {},
    }
}

/// Props of [`QuizPanel`].
#[derive(Properties, PartialEq)]
pub struct QuizPanelProps {
    /// Interface language.
    pub lang: Lang,
    /// Where app actions go ("show me").
    pub on_action: Callback<Action>,
    /// Closes the panel.
    pub on_close: Callback<()>,
}

/// The quiz panel.
#[component]
pub fn QuizPanel(props: &QuizPanelProps) -> Html {
    count_render("QuizPanel");
    let quiz = use_reducer(|| QuizState::resume(load_progress().unwrap_or_default()));
    let answer = use_state(String::new);
    {
        let progress = quiz.progress;
        use_effect_with(progress, save_progress);
    }
    let lang = props.lang;
    let t = |key: QuizText| key.text(lang);
    let question = quiz.question();

    let oninput = {
        let answer = answer.clone();
        Callback::from(move |e: InputEvent| {
            answer.set(e.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let onsubmit = {
        let quiz = quiz.clone();
        let answer = answer.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            quiz.dispatch(QuizAction::Submit((*answer).clone()));
        })
    };
    let next = {
        let quiz = quiz.clone();
        let answer = answer.clone();
        Callback::from(move |_: MouseEvent| {
            answer.set(String::new());
            quiz.dispatch(QuizAction::Next);
        })
    };
    let restart = {
        let quiz = quiz.clone();
        let answer = answer.clone();
        Callback::from(move |_: MouseEvent| {
            answer.set(String::new());
            quiz.dispatch(QuizAction::Restart);
        })
    };
    let show_me = {
        let question = question.clone();
        props.on_action.reform(move |_: MouseEvent| {
            Action::LoadModel(Box::new(question.model.clone()), question.input_source())
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());

    let chapter = question.variation == Variation::Chapter;
    let ask = match question.asked {
        Asked::Params => QuizText::AskParams,
        Asked::OutputShape => QuizText::AskShape,
    };
    let help = match question.asked {
        Asked::Params => QuizText::AnswerHelpParams,
        Asked::OutputShape => QuizText::AnswerHelpShape,
    };
    let verdict = quiz.feedback.as_ref().map(|(v, _)| *v);
    let progress = quiz.progress;
    let show_breakdown = verdict == Some(Verdict::Wrong);

    html! {
        <section class="panel quiz" aria-labelledby="quiz-heading">
            <div class="quiz-head">
                <h2 id="quiz-heading">{ t(QuizText::Title) }</h2>
                <p class="quiz-score" aria-live="polite">
                    { format!("{} {} / {} · {} {}", t(QuizText::Score), progress.score, progress.answered,
                        t(QuizText::Streak), progress.streak) }
                </p>
                <button type="button" onclick={close}>{ t(QuizText::Close) }</button>
            </div>
            <h3>{ t(QuizText::QuestionNo).replace("{n}", &(question.index + 1).to_string()) }</h3>
            if chapter { { chapter_intro(lang) } }
            <pre class="quiz-code"><code>{ question.keras_code() }</code></pre>
            <p class="quiz-ask">{ t(ask) }</p>
            <form class="quiz-form" {onsubmit}>
                <label class="field">
                    <span>{ t(QuizText::YourAnswer) }</span>
                    <input type="text" autocomplete="off" spellcheck="false" value={(*answer).clone()}
                        aria-describedby="quiz-help" {oninput} />
                </label>
                <button type="submit">{ t(QuizText::Check) }</button>
            </form>
            <p class="muted" id="quiz-help">{ t(help) }</p>
            <div role="status" aria-live="polite" class="quiz-feedback">{ feedback(lang, verdict) }</div>
            if show_breakdown {
                <div class="quiz-breakdown" role="region" aria-label={t(QuizText::WorkedAnswer)}>
                    <h3>{ t(QuizText::WorkedAnswer) }</h3>
                    <ol>
                        { for question.breakdown(lang).into_iter().map(|line| html! { <li>{ line }</li> }) }
                    </ol>
                </div>
            }
            <div class="quiz-buttons">
                <button type="button" onclick={show_me}>{ t(QuizText::ShowMe) }</button>
                <button type="button" onclick={next}>{ t(QuizText::Next) }</button>
                <button type="button" onclick={restart}>{ t(QuizText::Restart) }</button>
            </div>
        </section>
    }
}
