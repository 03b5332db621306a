//! A chart's text alternative: a sentence of what it shows, and its data as a table on
//! request (built only while open, so a long run costs nothing until asked for).

use yew::prelude::*;

use crate::app::domain::chart_data::Chart;
use crate::app::domain::chart_table::chart_table;
use crate::app::hooks::render_count::count_render;
use crate::app::i18n::classroom::{chart_summary, column_header, left_out_text, ClassroomText};
use crate::app::i18n::Lang;

/// Props of [`ChartAlternative`].
#[derive(Properties, PartialEq)]
pub struct ChartAlternativeProps {
    /// Interface language.
    pub lang: Lang,
    /// The chart described.
    pub chart: Chart,
}

/// The summary sentence and the "Data table" disclosure.
#[component]
pub fn ChartAlternative(props: &ChartAlternativeProps) -> Html {
    count_render("ChartAlternative");
    let lang = props.lang;
    let open = use_state_eq(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            open.set(!*open);
        })
    };
    let summary = chart_summary(&props.chart, lang);
    let table = (*open).then(|| chart_table(&props.chart)).flatten();
    html! {
        <div class="chart-alt">
            if !summary.is_empty() {
                <p class="chart-summary">{ summary }</p>
            }
            <details class="chart-table" open={*open}>
                <summary onclick={toggle}>{ ClassroomText::DataTable.text(lang) }</summary>
                if let Some(table) = table {
                    <table>
                        <thead><tr>
                            { for table.columns.iter().map(|c| html! { <th scope="col">{ column_header(c, lang) }</th> }) }
                        </tr></thead>
                        <tbody>
                            { for table.rows.iter().map(|row| html! {
                                <tr>{ for row.iter().enumerate().map(|(i, cell)| if i == 0 {
                                    html! { <th scope="row">{ cell.clone() }</th> }
                                } else {
                                    html! { <td>{ cell.clone() }</td> }
                                }) }</tr>
                            }) }
                        </tbody>
                    </table>
                    if let Some(note) = left_out_text(table.left_out, lang) {
                        <p class="note">{ note }</p>
                    }
                }
            </details>
        </div>
    }
}
