//! The guided tour: the seed chapter in order, one step per idea. Each step loads the
//! matching preset and highlights the part of the page it talks about (the tour card in
//! `components` does that, and remembers the place in storage); the steps' words are in
//! `i18n::tour`.

use super::presets::Preset;

/// CSS class of the highlighted panel.
pub const HIGHLIGHT_CLASS: &str = "tour-target";

/// One step of the tour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TourStep {
    /// Heading.
    pub title: TourText,
    /// Explanation.
    pub body: TourText,
    /// The preset it loads.
    pub preset: Preset,
    /// CSS selector of the part of the page it points at.
    pub target: &'static str,
    /// Whether the step opens the quiz.
    pub opens_quiz: bool,
}

const fn step(title: TourText, body: TourText, preset: Preset, target: &'static str) -> TourStep {
    TourStep {
        title,
        body,
        preset,
        target,
        opens_quiz: false,
    }
}

/// The steps, in the chapter's order.
pub const STEPS: [TourStep; 10] = [
    step(
        TourText::FeedForwardTitle,
        TourText::FeedForward,
        Preset::Diagram,
        ".diagram-panel",
    ),
    step(
        TourText::CellTitle,
        TourText::Cell,
        Preset::Diagram,
        ".equation",
    ),
    step(
        TourText::HiddenStateTitle,
        TourText::HiddenState,
        Preset::NumpyLoop,
        ".charts",
    ),
    step(
        TourText::ShapesTitle,
        TourText::Shapes,
        Preset::Diagram,
        ".concepts",
    ),
    step(
        TourText::KerasTitle,
        TourText::Keras,
        Preset::InputShape,
        ".summary",
    ),
    step(
        TourText::ReturnSequencesTitle,
        TourText::ReturnSequences,
        Preset::ReturnSequences,
        // The checkbox and the diagram whose outputs it turns on and off.
        ".rs-toggle, .diagram-panel",
    ),
    step(
        TourText::NumpyTitle,
        TourText::Numpy,
        Preset::NumpyLoop,
        ".stepper",
    ),
    step(
        TourText::DeepTitle,
        TourText::Deep,
        Preset::DeepBidirectional,
        ".diagram-panel",
    ),
    step(
        TourText::BidirectionalTitle,
        TourText::Bidirectional,
        Preset::Bidirectional,
        ".diagram-panel",
    ),
    TourStep {
        title: TourText::QuizTitle,
        body: TourText::Quiz,
        preset: Preset::Quiz,
        target: ".quiz",
        opens_quiz: true,
    },
];

/// Where a saved tour resumes: the saved step, or the start when there is none or the
/// tour was finished.
#[must_use]
pub fn resume_step(saved: Option<&str>) -> usize {
    saved
        .and_then(|s| s.parse::<usize>().ok())
        .filter(|n| *n < STEPS.len())
        .unwrap_or(0)
}

/// The tour's texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(
    missing_docs,
    reason = "each variant's English text is its documentation"
)]
pub enum TourText {
    Tour,
    StepOf,
    Back,
    Next,
    Finish,
    Close,
    FeedForwardTitle,
    FeedForward,
    CellTitle,
    Cell,
    HiddenStateTitle,
    HiddenState,
    ShapesTitle,
    Shapes,
    KerasTitle,
    Keras,
    ReturnSequencesTitle,
    ReturnSequences,
    NumpyTitle,
    Numpy,
    DeepTitle,
    Deep,
    BidirectionalTitle,
    Bidirectional,
    QuizTitle,
    Quiz,
}
