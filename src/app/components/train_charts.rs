//! The training view's four charts: loss (and accuracy), gradient flow through time for
//! one example, spectral radius per epoch, and that example's hidden states.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::domain::chart_data::{Chart, Same};
use crate::app::domain::train_charts::{flow_verdict, ExampleCharts, HistoryCharts};
use crate::app::domain::train_run::{FormEdit, TrainAction};
use crate::app::hooks::render_count::count_render;
use crate::app::i18n::train::{flow_verdict_text, TrainText};
use crate::app::i18n::Lang;
use crate::charts::{
    AxisLabels, CellDrawing, GradientFlowOptions, HeatmapOptions, LossChartOptions,
    SpectralRadiusOptions, TrainingSeries,
};

use super::chart_figure::ChartFigure;
use super::train_fields::{text_edit, NumberField};

/// Props of [`TrainCharts`].
#[derive(Properties, PartialEq)]
pub struct TrainChartsProps {
    /// Interface language.
    pub lang: Lang,
    /// Loss and spectral radius of every run.
    pub history: HistoryCharts,
    /// Gradient flow and hidden states of the example.
    pub example: ExampleCharts,
    /// The example's prediction and target (the sine task), when there is one.
    #[prop_or_default]
    pub prediction: Option<Same<Vec<TrainingSeries>>>,
    /// Loss on a log axis.
    pub log_loss: bool,
    /// The example field's text.
    pub example_text: String,
    /// The example field's message.
    pub example_error: Option<String>,
    /// Where edits go.
    pub on: Callback<TrainAction>,
}

/// The four charts with their controls and notes.
#[component]
pub fn TrainCharts(props: &TrainChartsProps) -> Html {
    count_render("TrainCharts");
    let lang = props.lang;
    let t = |k: TrainText| k.text(lang);
    let axes = |x: TrainText, y: TrainText| AxisLabels {
        title: String::new(),
        x: t(x).to_owned(),
        y: t(y).to_owned(),
    };
    let loss = Chart::Loss {
        series: props.history.loss.clone(),
        options: LossChartOptions {
            loss: axes(TrainText::EpochAxis, TrainText::LossAxis),
            accuracy: axes(TrainText::EpochAxis, TrainText::AccuracyAxis),
            log_scale: props.log_loss,
        },
    };
    let flow = Chart::Flow {
        series: props.example.flow.clone(),
        options: GradientFlowOptions {
            labels: axes(TrainText::TimestepAxis, TrainText::FlowAxis),
            log_scale: true,
        },
    };
    let radius = Chart::Radius {
        series: props.history.radius.clone(),
        options: SpectralRadiusOptions {
            labels: axes(TrainText::EpochAxis, TrainText::RadiusAxis),
            reference_label: t(TrainText::RadiusReference).to_owned(),
        },
    };
    let heatmap = Chart::Heatmap {
        states: props.example.states.clone(),
        cursor: None,
        fit: false,
        options: HeatmapOptions {
            labels: axes(TrainText::TimestepAxis, TrainText::UnitAxis),
            colorbar_label: "h".into(),
            cells: CellDrawing::Bitmap,
            ..HeatmapOptions::default()
        },
    };
    // Prediction against target over the steps: a linear line chart on the step axis.
    let prediction = props.prediction.clone().map(|series| Chart::Flow {
        series,
        options: GradientFlowOptions {
            labels: axes(TrainText::TimestepAxis, TrainText::ValueAxis),
            log_scale: false,
        },
    });
    let on_log = props.on.reform(|e: Event| {
        TrainAction::Edit(FormEdit::LogLoss(
            e.target_unchecked_into::<HtmlInputElement>().checked(),
        ))
    });
    let example = NumberField {
        id: "train-example",
        label: t(TrainText::Example),
        value: props.example_text.clone(),
        help: None,
        error: props.example_error.clone(),
        disabled: false,
        inputmode: "numeric",
    };
    let error_text = AttrValue::from(t(TrainText::DrawError));
    html! {
        <div class="train-charts">
            <ChartFigure name="train loss" class="train-loss" title={t(TrainText::LossTitle)}
                description={t(TrainText::LossDescription)} error_text={error_text.clone()} chart={loss} lang={Some(lang)}>
                <label class="train-check">
                    <input type="checkbox" checked={props.log_loss} onchange={on_log} />
                    <span>{ t(TrainText::LogScale) }</span>
                </label>
            </ChartFigure>
            <ChartFigure name="train gradient flow" class="train-flow" title={t(TrainText::FlowTitle)}
                description={t(TrainText::FlowDescription)} error_text={error_text.clone()} chart={flow} lang={Some(lang)}>
                { example.view(text_edit(&props.on, FormEdit::Example)) }
                <p class="note">{ t(TrainText::FlowNote) }</p>
                if let Some(verdict) = flow_verdict(&props.example.flow) {
                    <p class={classes!("train-verdict", format!("flow-{:?}", verdict.kind).to_lowercase())} aria-live="polite">
                        { flow_verdict_text(verdict, lang) }
                    </p>
                }
            </ChartFigure>
            <ChartFigure name="train spectral radius" class="train-radius" title={t(TrainText::RadiusTitle)}
                description={t(TrainText::RadiusDescription)} error_text={error_text.clone()} chart={radius} lang={Some(lang)}>
                <p class="note">{ t(TrainText::RadiusNote) }</p>
            </ChartFigure>
            <ChartFigure name="train hidden states" class="train-heatmap" title={t(TrainText::HeatmapTitle)}
                description={t(TrainText::HeatmapDescription)} error_text={error_text.clone()} chart={heatmap} lang={Some(lang)} />
            if let Some(chart) = prediction {
                <ChartFigure name="train prediction" class="train-prediction" title={t(TrainText::PredictionTitle)}
                    description={t(TrainText::PredictionDescription)} {error_text} {chart} lang={Some(lang)} />
            }
        </div>
    }
}
