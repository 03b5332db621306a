//! Every user-visible string, in English and Korean. A missing translation does not compile.

/// The interface language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Korean.
    Ko,
}

impl Lang {
    /// The BCP 47 code, for the `lang` attribute and links.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The other language, for the switch button.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Ko,
            Lang::Ko => Lang::En,
        }
    }
}

/// A user-visible text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Title,
    Tagline,
    SwitchLanguage,
    Timestep,
    PreviousStep,
    NextStep,
}

impl Text {
    /// This text in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Text::Title, _) => "Unrolled",
            (Text::Tagline, Lang::En) => {
                "See a recurrent neural network think: set the layer sizes, step through time \
                 and watch the hidden state change."
            }
            (Text::Tagline, Lang::Ko) => {
                "순환 신경망이 생각하는 모습을 보세요: 층의 크기를 정하고 시점을 한 단계씩 넘기며 \
                 은닉 상태가 변하는 모습을 지켜보세요."
            }
            (Text::SwitchLanguage, Lang::En) => "한국어",
            (Text::SwitchLanguage, Lang::Ko) => "English",
            (Text::Timestep, Lang::En) => "Timestep",
            (Text::Timestep, Lang::Ko) => "시점",
            (Text::PreviousStep, Lang::En) => "Previous step",
            (Text::PreviousStep, Lang::Ko) => "이전 시점",
            (Text::NextStep, Lang::En) => "Next step",
            (Text::NextStep, Lang::Ko) => "다음 시점",
        }
    }
}
