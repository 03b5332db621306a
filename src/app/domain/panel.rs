//! The parts of the page a classroom link can hide.

/// A part of the page a classroom link can hide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Panel {
    /// The model controls (left column).
    Controls,
    /// The `model.summary()` panel.
    Summary,
    /// The plots.
    Charts,
    /// The step equation panel.
    Equation,
    /// The unrolled diagram.
    Diagram,
    /// The concept notes.
    Concepts,
}

impl Panel {
    /// Every panel, in page order.
    pub const ALL: [Panel; 6] = [
        Panel::Controls,
        Panel::Diagram,
        Panel::Equation,
        Panel::Charts,
        Panel::Summary,
        Panel::Concepts,
    ];

    /// The name used in links.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Panel::Controls => "controls",
            Panel::Summary => "summary",
            Panel::Charts => "charts",
            Panel::Equation => "equation",
            Panel::Diagram => "diagram",
            Panel::Concepts => "concepts",
        }
    }

    /// The panel named `id` in a link.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Panel> {
        Panel::ALL.into_iter().find(|p| p.id() == id.trim())
    }
}
