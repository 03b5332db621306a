//! The model builder: presets, input shape, recurrent layers, embedding, dense head,
//! initializer and input source. Every control emits an [`Action`].

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::app::domain::inputs::InputSource;
use crate::app::domain::layers::{dense_head, embedding, recurrent_specs};
use crate::app::domain::presets::Preset;
use crate::app::domain::session::Session;
use crate::app::hooks::render_count::count_render;
use crate::app::i18n::controls::{preset_label, ControlText};
use crate::app::i18n::Lang;
use crate::app::state::errors::PageError;
use crate::app::state::{Action, Field, NumberField};
use crate::model::{DenseActivation, InitScheme, ModelSpec};

use super::input_controls::InputControls;
use super::layer_row::LayerRow;
use super::number_input::{error_line, error_of, NumberInput};

/// Props of [`ModelControls`]: the parts of the state the builder shows.
#[derive(Properties, PartialEq)]
pub struct ModelControlsProps {
    /// Interface language.
    pub lang: Lang,
    /// The preset last loaded, while the model is unchanged since.
    pub preset: Option<Preset>,
    /// The model as edited (may be invalid).
    pub draft: ModelSpec,
    /// Raw text of numeric fields whose text did not parse.
    pub raw_numbers: Vec<(NumberField, String)>,
    /// Weight initializer.
    pub scheme: InitScheme,
    /// Seed of weights and random inputs.
    pub seed: u64,
    /// The input source.
    pub input: InputSource,
    /// Messages next to the controls.
    pub errors: Vec<(Field, PageError)>,
    /// The computed session (its inputs start "Typed values").
    pub session: Option<Rc<Session>>,
    /// Where edits go.
    pub on_action: Callback<Action>,
}

fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

fn checked(e: &Event) -> bool {
    e.target_unchecked_into::<web_sys::HtmlInputElement>()
        .checked()
}

impl ModelControlsProps {
    /// The text of a numeric field: its raw text while it does not parse, else `value`.
    fn number_text(&self, field: NumberField, value: Option<usize>) -> String {
        self.raw_numbers
            .iter()
            .find(|(f, _)| *f == field)
            .map_or_else(
                || value.map(|v| v.to_string()).unwrap_or_default(),
                |(_, t)| t.clone(),
            )
    }

    /// A numeric field with its message line.
    fn number(
        &self,
        field: NumberField,
        label: ControlText,
        value: Option<usize>,
        min: u32,
    ) -> Html {
        let lang = self.lang;
        let id = format!("error-{field:?}").replace(['(', ')'], "-");
        let error = error_of(&self.errors, Field::Number(field));
        let placeholder: AttrValue = match field {
            NumberField::Batch => ControlText::BatchNone.text(lang).into(),
            // `timesteps: None` (any length): say how many steps the input has.
            NumberField::Timesteps => self.session.as_ref().map_or_else(AttrValue::default, |s| {
                ControlText::TimestepsAny
                    .text(lang)
                    .replace("{n}", &s.dims().1.to_string())
                    .into()
            }),
            _ => AttrValue::default(),
        };
        html! {
            <>
                <NumberInput label={label.text(lang)} {field} value={self.number_text(field, value)} {min}
                    {placeholder} invalid={error.is_some()} error_id={id.clone()}
                    on_action={self.on_action.clone()} />
                { error_line(lang, error, &id) }
            </>
        }
    }
}

/// The model builder.
#[component]
pub fn ModelControls(props: &ModelControlsProps) -> Html {
    count_render("ModelControls");
    let lang = props.lang;
    let t = |key: ControlText| key.text(lang);
    let d = &props.on_action;
    let model = &props.draft;
    let preset_change = d.reform(|e: Event| {
        Preset::from_id(&select_value(&e)).map_or(Action::Pause, Action::LoadPreset)
    });
    let init_change = d.reform(|e: Event| {
        Action::SetInit(match select_value(&e).as_str() {
            "pytorch" => InitScheme::PyTorch,
            "uniform01" => InitScheme::Uniform01,
            _ => InitScheme::Keras,
        })
    });
    let embedding = embedding(model).cloned();
    let dense = dense_head(model).cloned();
    let rnns = recurrent_specs(model);
    let count = rnns.len();
    let layer_rows = rnns.into_iter().enumerate().map(|(n, rnn)| {
        html! {
            <LayerRow key={n} {lang} {n} {count} spec={rnn.clone()}
                units_text={props.number_text(NumberField::Units(n), Some(rnn.units))}
                units_error={error_of(&props.errors, Field::Number(NumberField::Units(n))).cloned()}
                layer_error={error_of(&props.errors, Field::Layer(n)).cloned()}
                on_action={d.clone()} />
        }
    });
    let embed_toggle = d.reform(|e: Event| Action::SetEmbedding(checked(&e)));
    let dense_toggle = d.reform(|e: Event| Action::SetDense(checked(&e)));
    let dense_act = d.reform(|e: Event| {
        Action::SetDenseActivation(
            DenseActivation::from_keras_name(&select_value(&e)).unwrap_or_default(),
        )
    });
    let add_layer = d.reform(|_: MouseEvent| Action::AddLayer);
    let scheme = props.scheme;
    html! {
        <section class="panel controls" aria-labelledby="model-heading">
            // A drawer the diagram does not wait for: it follows the diagram in the page and
            // can be folded away.
            <details class="controls-drawer" open=true>
            <summary><h2 id="model-heading">{ t(ControlText::Model) }</h2></summary>
            <label class="field wide">
                <span>{ t(ControlText::Preset) }</span>
                <select onchange={preset_change}>
                    <option value="" selected={props.preset.is_none()} disabled=true>{ t(ControlText::PresetCustom) }</option>
                    { for Preset::ALL.iter().map(|p| html! {
                        <option value={p.id()} selected={props.preset == Some(*p)}>{ preset_label(*p, lang) }</option>
                    }) }
                </select>
            </label>
            if let Some(preset) = props.preset {
                <code class="preset-code">{ preset.keras_code() }</code>
            }
            <div class="field-grid">
                { props.number(NumberField::Timesteps, ControlText::Timesteps, model.input.timesteps, 1) }
                if embedding.is_none() {
                    { props.number(NumberField::Features, ControlText::InputFeatures, model.input.features, 1) }
                }
                { props.number(NumberField::Batch, ControlText::BatchSize, model.input.batch, 1) }
                { props.number(NumberField::Seed, ControlText::Seed, usize::try_from(props.seed).ok(), 0) }
            </div>
            <label class="field wide">
                <span>{ t(ControlText::WeightInit) }</span>
                <select onchange={init_change}>
                    <option value="keras" selected={scheme == InitScheme::Keras}>{ t(ControlText::InitKeras) }</option>
                    <option value="pytorch" selected={scheme == InitScheme::PyTorch}>{ t(ControlText::InitPytorch) }</option>
                    <option value="uniform01" selected={scheme == InitScheme::Uniform01}>{ t(ControlText::InitUniform01) }</option>
                </select>
            </label>
            <fieldset>
                <legend>{ t(ControlText::RecurrentLayers) }</legend>
                <label class="check">
                    <input type="checkbox" checked={embedding.is_some()} onchange={embed_toggle} />
                    { t(ControlText::Embedding) }
                </label>
                if let Some(e) = embedding.as_ref() {
                    <div class="field-grid">
                        { props.number(NumberField::Vocab, ControlText::Vocabulary, Some(e.vocab), 1) }
                        { props.number(NumberField::EmbeddingDim, ControlText::EmbeddingDim, Some(e.dim), 1) }
                    </div>
                }
                <ol class="layers" reversed=false>{ for layer_rows }</ol>
                <button type="button" onclick={add_layer}>{ format!("+ {}", t(ControlText::AddLayer)) }</button>
                { error_line(lang, error_of(&props.errors, Field::Layers), "error-layers") }
                <label class="check">
                    <input type="checkbox" checked={dense.is_some()} onchange={dense_toggle} />
                    { t(ControlText::DenseHead) }
                </label>
                if let Some(head) = dense.as_ref() {
                    <div class="field-grid">
                        { props.number(NumberField::DenseUnits, ControlText::DenseUnits, Some(head.units), 1) }
                        <label class="field">
                            <span>{ format!("{}, Dense", t(ControlText::Activation)) }</span>
                            <select onchange={dense_act}>
                                { for DenseActivation::ALL.iter().map(|a| html! {
                                    <option value={a.keras_name()} selected={*a == head.activation}>{ a.keras_name() }</option>
                                }) }
                            </select>
                        </label>
                    </div>
                }
            </fieldset>
            <InputControls {lang} input={props.input.clone()} tokens={embedding.is_some()}
                session={props.session.clone()} error={error_of(&props.errors, Field::Input).cloned()}
                on_action={d.clone()} />
            </details>
        </section>
    }
}
