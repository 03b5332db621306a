//! The words of stepping through time and of the step's equation.

use super::Lang;

/// A word of the step controls or the equation panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(
    missing_docs,
    reason = "each variant's English text is its documentation"
)]
pub enum StepText {
    FirstStep,
    PreviousStep,
    NextStep,
    LastStep,
    Play,
    Pause,
    Speed,
    Example,
    StepOf,
    CurrentHiddenState,
    Equation,
    NumpyNotation,
    ReadsFrom,
    NonFinite,
}

impl StepText {
    /// This text in `lang`.
    #[must_use]
    pub fn text(self, lang: Lang) -> &'static str {
        use Lang::{En, Ko};
        match (self, lang) {
            (StepText::FirstStep, En) => "First step",
            (StepText::FirstStep, Ko) => "첫 시점",
            (StepText::PreviousStep, En) => "Previous step",
            (StepText::PreviousStep, Ko) => "이전 시점",
            (StepText::NextStep, En) => "Next step",
            (StepText::NextStep, Ko) => "다음 시점",
            (StepText::LastStep, En) => "Last step",
            (StepText::LastStep, Ko) => "마지막 시점",
            (StepText::Play, En) => "Play",
            (StepText::Play, Ko) => "재생",
            (StepText::Pause, En) => "Pause",
            (StepText::Pause, Ko) => "일시 정지",
            (StepText::Speed, En) => "Speed",
            (StepText::Speed, Ko) => "속도",
            (StepText::Example, En) => "Example in batch",
            (StepText::Example, Ko) => "배치 속 샘플",
            (StepText::StepOf, En) => "of",
            (StepText::StepOf, Ko) => "/",
            (StepText::CurrentHiddenState, En) => "Current hidden state",
            (StepText::CurrentHiddenState, Ko) => "현재 은닉 상태",
            (StepText::Equation, En) => "This step",
            (StepText::Equation, Ko) => "이 시점의 계산",
            (StepText::NumpyNotation, En) => "Show numpy notation",
            (StepText::NumpyNotation, Ko) => "numpy 표기 보기",
            (StepText::ReadsFrom, En) => "reads h from",
            (StepText::ReadsFrom, Ko) => "이전 은닉 상태를 읽는 시점:",
            (StepText::NonFinite, En) => "A value overflowed (NaN or infinity) at",
            (StepText::NonFinite, Ko) => "값이 발산했습니다 (NaN 또는 무한대):",
        }
    }
}
