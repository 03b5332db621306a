//! The interface language, and how a link or storage names it.

/// The interface language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    En,
    /// Korean.
    Ko,
}

impl Lang {
    /// The BCP 47 code, for the `lang` attribute and links.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The other language, for the switch button.
    #[must_use]
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Ko,
            Lang::Ko => Lang::En,
        }
    }
}

/// `ko` or `en` (as stored and in links), in any case and with spaces around.
#[must_use]
pub fn lang_from_code(code: &str) -> Option<Lang> {
    match code.trim().to_ascii_lowercase().as_str() {
        "ko" => Some(Lang::Ko),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// The language a link asks for: `?lang=ko` or `?lang=en`.
#[must_use]
pub fn lang_from_query(search: &str) -> Option<Lang> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.strip_prefix("lang="))
        .find_map(lang_from_code)
}

/// The language of a fresh visit from the browser's language tag: Korean for `ko…`,
/// else English.
#[must_use]
pub fn lang_of_browser(tag: Option<&str>) -> Lang {
    if tag.is_some_and(|t| t.to_ascii_lowercase().starts_with("ko")) {
        Lang::Ko
    } else {
        Lang::En
    }
}

/// The language at start: the link's, else the remembered one, else the browser's.
#[must_use]
pub fn starting_lang(query: &str, remembered: Option<&str>, browser: Option<&str>) -> Lang {
    lang_from_query(query)
        .or_else(|| remembered.and_then(lang_from_code))
        .unwrap_or_else(|| lang_of_browser(browser))
}
