//! The drawing of one LSTM or GRU cell (gates, ⊙, +, the `c` lane) with the selected
//! step's values on its parts: each part's strip of unit colours, and the selected part
//! with the wires and parts it reads highlighted. Geometry from
//! [`crate::diagram::CellSchematic`].

use ndarray::ArrayView1;
use yew::prelude::*;

use crate::app::i18n::gates::{schematic_part_text, GateText};
use crate::app::i18n::Lang;
use crate::charts::diverging_color;
use crate::diagram::{CellSchematic, Part, PartBox, PartShape, SCHEMATIC_HEIGHT, SCHEMATIC_WIDTH};
use crate::rnn::CellTrace;

/// Props of [`CellSchematicView`].
#[derive(Properties, PartialEq)]
pub struct SchematicProps {
    /// Interface language.
    pub lang: Lang,
    /// The drawing.
    pub schematic: CellSchematic,
    /// The step whose values the parts show.
    pub trace: CellTrace,
    /// The selected part, whose inputs are highlighted.
    pub selected: Option<Part>,
    /// A part was clicked (or chosen with Enter or Space).
    pub on_select: Callback<Part>,
}

/// The values a part shows at this step.
fn values(trace: &CellTrace, part: Part) -> Option<ArrayView1<'_, f32>> {
    Some(match (trace, part) {
        (CellTrace::Lstm(t), p) => match p {
            Part::Input => t.x_t.view(),
            Part::PrevHidden => t.h_prev.view(),
            Part::PrevCell => t.c_prev.view(),
            Part::InputGate => t.input_gate.value.view(),
            Part::ForgetGate => t.forget_gate.value.view(),
            Part::CellCandidate => t.candidate.value.view(),
            Part::OutputGate => t.output_gate.value.view(),
            Part::Kept => t.kept.view(),
            Part::Written => t.written.view(),
            Part::CellSum | Part::Cell => t.c_t.view(),
            Part::CellActivation => t.c_activated.view(),
            Part::Hidden | Part::HiddenOut => t.h_t.view(),
            _ => return None,
        },
        (CellTrace::Gru(t), p) => match p {
            Part::Input => t.x_t.view(),
            Part::PrevHidden => t.h_prev.view(),
            Part::UpdateGate => t.update_gate.value.view(),
            Part::ResetGate => t.reset_gate.value.view(),
            Part::HiddenCandidate => t.candidate.value.view(),
            Part::ResetProduct => t.reset_product.view(),
            Part::Hidden | Part::HiddenOut => t.h_t.view(),
            _ => return None,
        },
        (CellTrace::SimpleRnn(_), _) => return None,
    })
}

fn px(v: f32) -> String {
    format!("{v:.1}")
}

/// A part's colour strip (at most 8 units) under its box.
fn strip(node: &PartBox, values: Option<ArrayView1<'_, f32>>) -> Html {
    let Some(values) = values.filter(|v| !v.is_empty()) else {
        return Html::default();
    };
    let shown = values.len().min(8);
    let width = node.w.max(40.0);
    let seg = width / shown as f32;
    let x0 = node.x + (node.w - width) / 2.0;
    let y = node.y + node.h + 2.0;
    html! {
        <g class="part-strip" aria-hidden="true">
            { for values.iter().take(shown).enumerate().map(|(i, v)| {
                let (r, g, b) = diverging_color(*v);
                html! { <rect x={px(x0 + i as f32 * seg)} y={px(y)} width={px(seg + 0.3)} height="6" fill={format!("rgb({r},{g},{b})")} /> }
            }) }
        </g>
    }
}

/// The drawing of the cell with this step's values.
#[component]
pub fn CellSchematicView(props: &SchematicProps) -> Html {
    let s = &props.schematic;
    let reads = props.selected.map(|p| s.reads(p)).unwrap_or_default();
    let wires = s.wires.iter().map(|w| {
        let on = props.selected == Some(w.to);
        let points: Vec<String> = w
            .points
            .iter()
            .map(|(x, y)| format!("{},{}", px(*x), px(*y)))
            .collect();
        html! {
            <polyline class={classes!("wire", w.lane.then_some("lane"), on.then_some("reads"))}
                points={points.join(" ")} />
        }
    });
    let nodes = s.nodes.iter().map(|n| {
        let part = n.part;
        let on_click = props.on_select.reform(move |_: MouseEvent| part);
        let on_key = {
            let on_select = props.on_select.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    on_select.emit(part);
                }
            })
        };
        let class = classes!(
            "part",
            match n.kind {
                PartShape::Gate => "part-gate",
                PartShape::Operation => "part-op",
                PartShape::Port => "part-port",
            },
            (props.selected == Some(part)).then_some("selected"),
            reads.contains(&part).then_some("read"),
        );
        let (cx, cy) = n.center();
        let shape = if n.kind == PartShape::Operation {
            html! { <circle cx={px(cx)} cy={px(cy)} r={px(n.w / 2.0)} /> }
        } else {
            html! { <rect x={px(n.x)} y={px(n.y)} width={px(n.w)} height={px(n.h)} rx="5" /> }
        };
        html! {
            <g {class} tabindex="0" role="button" aria-label={schematic_part_text(part, props.lang)}
                aria-pressed={if props.selected == Some(part) { "true" } else { "false" }}
                onclick={on_click} onkeydown={on_key}>
                { shape }
                <text x={px(cx)} y={px(cy + 4.5)} text-anchor="middle">{ n.label.clone() }</text>
                { strip(n, values(&props.trace, part)) }
            </g>
        }
    });
    let reads_text = props.selected.map(|p| {
        let names: Vec<&str> = reads
            .iter()
            .map(|r| schematic_part_text(*r, props.lang))
            .collect();
        format!(
            "{} {} {}",
            schematic_part_text(p, props.lang),
            GateText::GateReads.text(props.lang),
            names.join(", ")
        )
    });
    html! {
        <figure class="schematic">
            <svg class="schematic-svg" viewBox={format!("0 0 {SCHEMATIC_WIDTH} {SCHEMATIC_HEIGHT}")}
                role="group" aria-label={GateText::Schematic.text(props.lang)}>
                <g class="wires">{ for wires }</g>
                <g class="parts">{ for nodes }</g>
            </svg>
            <figcaption class="note" aria-live="polite">
                { reads_text.unwrap_or_else(|| GateText::SchematicHint.text(props.lang).to_owned()) }
            </figcaption>
        </figure>
    }
}
