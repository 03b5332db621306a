//! The page's error messages in both languages.
//!
//! The reducer keeps errors typed ([`PageError`]); the view turns them into words here, at
//! the edge, so switching the language re-words a message already on screen. English is
//! each error's own `Display`; Korean is written per variant, so a new variant does not
//! compile until it has Korean too.

use crate::app::domain::inputs::InputError;
use crate::app::domain::session::SessionError;
use crate::app::state::errors::{NumberFieldError, PageError};

use super::model_errors::{cost_ko, model_ko, rnn_ko};
use super::Lang;

/// `err` in `lang`: English is its `Display`, Korean its translation.
#[must_use]
pub fn error_text(err: &PageError, lang: Lang) -> String {
    match lang {
        Lang::En => err.to_string(),
        Lang::Ko => page_ko(err),
    }
}

fn page_ko(err: &PageError) -> String {
    match err {
        PageError::Number(NumberFieldError::Empty) => "0 이상의 정수를 입력하세요.".into(),
        PageError::Number(NumberFieldError::NotWhole(text)) => {
            format!("\"{text}\"은(는) 0 이상의 정수가 아닙니다.")
        }
        PageError::Model(e) => model_ko(e),
        PageError::Session(e) => session_ko(e),
        PageError::Input(e) => input_ko(e),
        PageError::NeedsOneLayer => "모델에는 순환 층이 하나 이상 있어야 합니다.".into(),
    }
}

fn session_ko(err: &SessionError) -> String {
    match err {
        SessionError::Model(e) => model_ko(e),
        SessionError::Engine(e) => rnn_ko(e),
        SessionError::Cost(e) => cost_ko(e),
    }
}

fn input_ko(err: &InputError) -> String {
    match err {
        InputError::NotANumber { line, text } => {
            format!("{line}번째 줄: \"{text}\"은(는) 숫자가 아닙니다.")
        }
        InputError::WrongWidth {
            line,
            found,
            expected,
        } => format!(
            "{line}번째 줄에 값이 {found}개 있습니다. 각 시점에는 입력 차원마다 하나씩, {expected}개가 필요합니다."
        ),
        InputError::Empty => "시점을 하나 이상 입력하세요: 한 줄에 한 시점의 숫자를 씁니다.".into(),
        InputError::TooLong { lines, limit } => format!(
            "{lines}줄은 이 페이지가 그리는 최대 시점 수 {limit}보다 많습니다."
        ),
        InputError::NoWords => "문장을 입력하세요: 단어가 토큰 번호가 됩니다.".into(),
    }
}
