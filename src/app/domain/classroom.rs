//! How the page is shown in a classroom: normally, presenting (big type, the controls
//! away, a floating step bar) or embedded in a slide or course page (the diagram and the
//! step bar only). A link asks for one with `&present=1` or `&embed=1` beside `v1=` (or
//! alone: `#present=1`); pages that do not know these keys ignore them, so the link
//! format itself is unchanged.

/// How the page is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PageMode {
    /// Everything: header, controls, panels.
    #[default]
    Normal,
    /// For a projector: the controls hidden, large type, the diagram across the screen.
    Presenting,
    /// Frameless, for an `<iframe>`: the diagram and the step bar only.
    Embedded,
}

impl PageMode {
    /// The link key that asks for this mode (`None` for the normal page).
    #[must_use]
    pub fn link_key(self) -> Option<&'static str> {
        match self {
            PageMode::Normal => None,
            PageMode::Presenting => Some("present"),
            PageMode::Embedded => Some("embed"),
        }
    }

    /// The page's class for this mode (`presenting`, `embedded`).
    #[must_use]
    pub fn class(self) -> Option<&'static str> {
        match self {
            PageMode::Normal => None,
            PageMode::Presenting => Some("presenting"),
            PageMode::Embedded => Some("embedded"),
        }
    }

    /// The mode a link fragment (with or without `#`) asks for: `embed=1` wins over
    /// `present=1`; any other value (`present=0`, `present=yes`) is the normal page.
    #[must_use]
    pub fn from_fragment(fragment: &str) -> PageMode {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        let on = |key: &str| {
            fragment
                .split('&')
                .filter_map(|pair| pair.split_once('='))
                .any(|(k, v)| k == key && v == "1")
        };
        if on("embed") {
            PageMode::Embedded
        } else if on("present") {
            PageMode::Presenting
        } else {
            PageMode::Normal
        }
    }

    /// `fragment` (a view's `v1=…`) with this mode's key added, as the address shows it.
    #[must_use]
    pub fn add_to(self, fragment: &str) -> String {
        match self.link_key() {
            None => fragment.to_owned(),
            Some(key) if fragment.is_empty() => format!("{key}=1"),
            Some(key) => format!("{fragment}&{key}=1"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_from_links() {
        assert_eq!(PageMode::from_fragment(""), PageMode::Normal);
        assert_eq!(PageMode::from_fragment("#v1=abc"), PageMode::Normal);
        assert_eq!(
            PageMode::from_fragment("#v1=abc&present=1"),
            PageMode::Presenting
        );
        assert_eq!(
            PageMode::from_fragment("present=1&hide=charts"),
            PageMode::Presenting
        );
        assert_eq!(
            PageMode::from_fragment("embed=1&present=1"),
            PageMode::Embedded
        );
        assert_eq!(PageMode::from_fragment("present=0"), PageMode::Normal);
        assert_eq!(PageMode::from_fragment("present"), PageMode::Normal);
        assert_eq!(PageMode::from_fragment("xpresent=1"), PageMode::Normal);
    }

    #[test]
    fn modes_into_links_and_back() {
        for mode in [PageMode::Normal, PageMode::Presenting, PageMode::Embedded] {
            assert_eq!(PageMode::from_fragment(&mode.add_to("v1=abc")), mode);
            assert_eq!(PageMode::from_fragment(&mode.add_to("")), mode);
        }
        assert_eq!(PageMode::Presenting.add_to("v1=abc"), "v1=abc&present=1");
        assert_eq!(PageMode::Normal.add_to("v1=abc"), "v1=abc");
    }
}
