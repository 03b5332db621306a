//! The ideas behind the page: short notes from the seed chapter, one per concept.

use yew::prelude::*;

use crate::app::hooks::render_count::count_render;
use crate::app::i18n::{Lang, Text};

/// The concept notes, as (title, body).
const CONCEPTS: [(Text, Text); 5] = [
    (Text::ConceptCellTitle, Text::ConceptCell),
    (Text::ConceptShapesTitle, Text::ConceptShapes),
    (Text::ConceptKerasTitle, Text::ConceptKeras),
    (Text::ConceptDeepTitle, Text::ConceptDeep),
    (Text::ConceptBidirectionalTitle, Text::ConceptBidirectional),
];

/// Props of [`ConceptsPanel`].
#[derive(Properties, PartialEq)]
pub struct ConceptsProps {
    /// Interface language.
    pub lang: Lang,
}

/// The concept notes, each a disclosure.
#[component]
pub fn ConceptsPanel(props: &ConceptsProps) -> Html {
    count_render("ConceptsPanel");
    let t = |key: Text| key.text(props.lang);
    html! {
        <section class="panel concepts" aria-labelledby="concepts-heading">
            <h2 id="concepts-heading">{ t(Text::Concepts) }</h2>
            { for CONCEPTS.iter().map(|(title, body)| html! {
                <details>
                    <summary>{ t(*title) }</summary>
                    <p>{ t(*body) }</p>
                </details>
            }) }
        </section>
    }
}
