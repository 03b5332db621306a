//! The model builder: presets, input shape, recurrent layers, embedding, dense head,
//! initializer and input source. Every control emits an [`Action`].

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::model::{DenseActivation, InitScheme, LayerSpec, MergeMode, RnnActivation};

use super::i18n::{Lang, Text};
use super::inputs::{format_manual, InputSource};
use super::messages::error_text;
use super::presets::Preset;
use super::session::SessionInputs;
use super::state::{Action, AppState, Field, NumberField};

/// Props of [`ModelControls`].
#[derive(Properties, PartialEq)]
pub struct ModelControlsProps {
    /// The state shown.
    pub state: UseReducerHandle<AppState>,
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

fn input_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

fn checked(e: &Event) -> bool {
    e.target_unchecked_into::<HtmlInputElement>().checked()
}

fn error_line(state: &AppState, field: Field, id: &str) -> Html {
    match state.error(field) {
        Some(error) => html! {
            <p class="field-error" id={id.to_owned()} role="alert">
                { error_text(error, state.lang) }{ " " }<span class="muted">{ Text::KeepsLastModel.text(state.lang) }</span>
            </p>
        },
        None => html! {},
    }
}

/// A labelled spin button for a whole number.
#[derive(Properties, PartialEq)]
struct NumberProps {
    label: AttrValue,
    field: NumberField,
    value: String,
    min: u32,
    #[prop_or_default]
    placeholder: AttrValue,
    #[prop_or_default]
    invalid: bool,
    #[prop_or_default]
    error_id: AttrValue,
    dispatch: Callback<Action>,
}

#[component]
fn NumberInput(props: &NumberProps) -> Html {
    let field = props.field;
    let onchange = props
        .dispatch
        .reform(move |e: Event| Action::SetNumber(field, input_value(&e)));
    html! {
        <label class="field">
            <span>{ props.label.clone() }</span>
            <input type="number" inputmode="numeric" min={props.min.to_string()} step="1"
                value={props.value.clone()} placeholder={props.placeholder.clone()}
                aria-invalid={props.invalid.to_string()}
                aria-describedby={props.invalid.then(|| props.error_id.clone())}
                {onchange} />
        </label>
    }
}

fn number_text(state: &AppState, field: NumberField, value: Option<usize>) -> String {
    state.raw_number(field).map_or_else(
        || value.map(|v| v.to_string()).unwrap_or_default(),
        str::to_owned,
    )
}

fn rnn_activation_name(a: RnnActivation) -> &'static str {
    a.keras_name()
}

/// The model builder.
#[component]
pub fn ModelControls(props: &ModelControlsProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let t = |key: Text| key.text(lang);
    let dispatch = &props.dispatch;

    let preset_change = dispatch.reform(|e: Event| {
        Preset::from_id(&select_value(&e)).map_or(Action::Pause, Action::LoadPreset)
    });
    let init_change = dispatch.reform(|e: Event| {
        Action::SetInit(match select_value(&e).as_str() {
            "pytorch" => InitScheme::PyTorch,
            "uniform01" => InitScheme::Uniform01,
            _ => InitScheme::Keras,
        })
    });
    let number = |field: NumberField, label: Text, value: Option<usize>, min: u32| {
        let id = format!("error-{field:?}").replace(['(', ')'], "-");
        html! {
            <>
                <NumberInput label={t(label)} {field} value={number_text(state, field, value)} {min}
                    placeholder={if field == NumberField::Batch { t(Text::BatchNone) } else { "" }}
                    invalid={state.error(Field::Number(field)).is_some()} error_id={id.clone()}
                    dispatch={dispatch.clone()} />
                { error_line(state, Field::Number(field), &id) }
            </>
        }
    };

    let model = &state.draft;
    let embedding = model.layers.first().and_then(|l| match l {
        LayerSpec::Embedding(e) => Some(e.clone()),
        _ => None,
    });
    let dense = model.layers.last().and_then(|l| match l {
        LayerSpec::Dense(d) => Some(d.clone()),
        _ => None,
    });
    let rnns: Vec<_> = model
        .layers
        .iter()
        .filter_map(|l| match l {
            LayerSpec::SimpleRnn(r) => Some(r.clone()),
            _ => None,
        })
        .collect();
    let rnn_count = rnns.len();

    let layer_rows = rnns.iter().enumerate().map(|(n, rnn)| {
        let k = n + 1;
        let act_change = dispatch.reform(move |e: Event| {
            Action::SetActivation(n, RnnActivation::from_keras_name(&select_value(&e)).unwrap_or_default())
        });
        let bias_change = dispatch.reform(move |e: Event| Action::SetUseBias(n, checked(&e)));
        let seq_change = dispatch.reform(move |e: Event| Action::SetReturnSequences(n, checked(&e)));
        let merge = rnn.bidirectional;
        let bi_change = dispatch.reform(move |e: Event| {
            Action::SetBidirectional(n, checked(&e).then(|| merge.unwrap_or_default()))
        });
        let merge_change = dispatch.reform(move |e: Event| {
            Action::SetBidirectional(n, Some(MergeMode::from_keras_name(&select_value(&e)).unwrap_or_default()))
        });
        let remove = dispatch.reform(move |_: MouseEvent| Action::RemoveLayer(n));
        let down = dispatch.reform(move |_: MouseEvent| Action::MoveLayer(n, true));
        let up = dispatch.reform(move |_: MouseEvent| Action::MoveLayer(n, false));
        let error_id = format!("error-layer-{n}");
        html! {
            <li class="layer-row" key={n}>
                <div class="layer-head">
                    <strong>{ format!("{} {k}", capitalize(t(Text::Layer), lang)) }</strong>
                    <span class="layer-buttons">
                        <button type="button" onclick={down} disabled={n == 0}
                            aria-label={format!("{}, {} {k}", t(Text::MoveDown), t(Text::Layer))}>{ "↓" }</button>
                        <button type="button" onclick={up} disabled={n + 1 == rnn_count}
                            aria-label={format!("{}, {} {k}", t(Text::MoveUp), t(Text::Layer))}>{ "↑" }</button>
                        <button type="button" onclick={remove} disabled={rnn_count == 1}
                            aria-label={format!("{}, {} {k}", t(Text::RemoveLayer), t(Text::Layer))}>{ "✕" }</button>
                    </span>
                </div>
                <div class="layer-fields">
                    <NumberInput label={format!("{}, {} {k}", t(Text::HiddenUnits), t(Text::Layer))}
                        field={NumberField::Units(n)} min=1
                        value={number_text(state, NumberField::Units(n), Some(rnn.units))}
                        invalid={state.error(Field::Number(NumberField::Units(n))).is_some()}
                        error_id={format!("error-units-{n}")} dispatch={dispatch.clone()} />
                    <label class="field">
                        <span>{ format!("{}, {} {k}", t(Text::Activation), t(Text::Layer)) }</span>
                        <select onchange={act_change}>
                            { for RnnActivation::ALL.iter().map(|a| html! {
                                <option value={rnn_activation_name(*a)} selected={*a == rnn.activation}>{ rnn_activation_name(*a) }</option>
                            }) }
                        </select>
                    </label>
                    <label class="check">
                        <input type="checkbox" checked={rnn.use_bias} onchange={bias_change} />
                        { format!("{}, {} {k}", t(Text::UseBias), t(Text::Layer)) }
                    </label>
                    <label class="check">
                        <input type="checkbox" checked={rnn.return_sequences} onchange={seq_change}
                            aria-describedby={state.error(Field::Layer(n)).map(|_| error_id.clone())} />
                        { format!("{}, {} {k}", t(Text::ReturnSequences), t(Text::Layer)) }
                    </label>
                    <label class="check">
                        <input type="checkbox" checked={rnn.bidirectional.is_some()} onchange={bi_change} />
                        { format!("{}, {} {k}", t(Text::Bidirectional), t(Text::Layer)) }
                    </label>
                    if let Some(mode) = rnn.bidirectional {
                        <label class="field">
                            <span>{ format!("{}, {} {k}", t(Text::MergeMode), t(Text::Layer)) }</span>
                            <select onchange={merge_change}>
                                { for MergeMode::ALL.iter().map(|m| html! {
                                    <option value={m.keras_name()} selected={*m == mode}>{ m.keras_name() }</option>
                                }) }
                            </select>
                        </label>
                    }
                </div>
                { error_line(state, Field::Number(NumberField::Units(n)), &format!("error-units-{n}")) }
                { error_line(state, Field::Layer(n), &error_id) }
            </li>
        }
    });

    let embed_toggle = dispatch.reform(|e: Event| Action::SetEmbedding(checked(&e)));
    let dense_toggle = dispatch.reform(|e: Event| Action::SetDense(checked(&e)));
    let dense_act = dispatch.reform(|e: Event| {
        Action::SetDenseActivation(
            DenseActivation::from_keras_name(&select_value(&e)).unwrap_or_default(),
        )
    });
    let add_layer = dispatch.reform(|_: MouseEvent| Action::AddLayer);

    html! {
        <section class="panel controls" aria-labelledby="model-heading">
            <h2 id="model-heading">{ t(Text::Model) }</h2>
            <label class="field wide">
                <span>{ t(Text::Preset) }</span>
                <select onchange={preset_change}>
                    <option value="" selected={state.preset.is_none()} disabled=true>{ t(Text::PresetCustom) }</option>
                    { for Preset::ALL.iter().map(|p| html! {
                        <option value={p.id()} selected={state.preset == Some(*p)}>{ preset_label(*p, lang) }</option>
                    }) }
                </select>
            </label>
            if let Some(preset) = state.preset {
                <code class="preset-code">{ preset.keras_code() }</code>
            }
            <div class="field-grid">
                { number(NumberField::Timesteps, Text::Timesteps, model.input.timesteps, 1) }
                if embedding.is_none() {
                    { number(NumberField::Features, Text::InputFeatures, model.input.features, 1) }
                }
                { number(NumberField::Batch, Text::BatchSize, model.input.batch, 1) }
                { number(NumberField::Seed, Text::Seed, usize::try_from(state.seed).ok(), 0) }
            </div>
            <label class="field wide">
                <span>{ t(Text::WeightInit) }</span>
                <select onchange={init_change}>
                    <option value="keras" selected={state.scheme == InitScheme::Keras}>{ t(Text::InitKeras) }</option>
                    <option value="pytorch" selected={state.scheme == InitScheme::PyTorch}>{ t(Text::InitPytorch) }</option>
                    <option value="uniform01" selected={state.scheme == InitScheme::Uniform01}>{ t(Text::InitUniform01) }</option>
                </select>
            </label>

            <fieldset>
                <legend>{ t(Text::RecurrentLayers) }</legend>
                <label class="check">
                    <input type="checkbox" checked={embedding.is_some()} onchange={embed_toggle} />
                    { t(Text::Embedding) }
                </label>
                if embedding.is_some() {
                    <div class="field-grid">
                        { number(NumberField::Vocab, Text::Vocabulary, embedding.as_ref().map(|e| e.vocab), 1) }
                        { number(NumberField::EmbeddingDim, Text::EmbeddingDim, embedding.as_ref().map(|e| e.dim), 1) }
                    </div>
                }
                <ol class="layers" reversed=false>{ for layer_rows }</ol>
                <button type="button" onclick={add_layer}>{ format!("+ {}", t(Text::AddLayer)) }</button>
                { error_line(state, Field::Layers, "error-layers") }
                <label class="check">
                    <input type="checkbox" checked={dense.is_some()} onchange={dense_toggle} />
                    { t(Text::DenseHead) }
                </label>
                if let Some(d) = dense.as_ref() {
                    <div class="field-grid">
                        { number(NumberField::DenseUnits, Text::DenseUnits, Some(d.units), 1) }
                        <label class="field">
                            <span>{ format!("{}, Dense", t(Text::Activation)) }</span>
                            <select onchange={dense_act}>
                                { for DenseActivation::ALL.iter().map(|a| html! {
                                    <option value={a.keras_name()} selected={*a == d.activation}>{ a.keras_name() }</option>
                                }) }
                            </select>
                        </label>
                    </div>
                }
            </fieldset>
            <InputControls state={state.clone()} dispatch={dispatch.clone()} />
        </section>
    }
}

fn capitalize(word: &str, lang: Lang) -> String {
    if lang == Lang::Ko {
        return word.to_owned();
    }
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// A preset's name in the select.
#[must_use]
pub fn preset_label(preset: Preset, lang: Lang) -> &'static str {
    match (preset, lang) {
        (Preset::InputShape, Lang::En) => "SimpleRNN(3), input_shape=(2, 10)",
        (Preset::InputShape, Lang::Ko) => "SimpleRNN(3), input_shape=(2, 10)",
        (Preset::BatchInputShape, Lang::En) => "SimpleRNN(3), batch_input_shape=(8, 2, 10)",
        (Preset::BatchInputShape, Lang::Ko) => "SimpleRNN(3), batch_input_shape=(8, 2, 10)",
        (Preset::ReturnSequences, Lang::En) => "… with return_sequences=True",
        (Preset::ReturnSequences, Lang::Ko) => "… return_sequences=True",
        (Preset::NumpyLoop, Lang::En) => "The numpy loop (T 10, input 4, hidden 8, uniform [0, 1))",
        (Preset::NumpyLoop, Lang::Ko) => "넘파이 구현 (시점 10, 입력 4, 은닉 8, 균등 [0, 1))",
        (Preset::Bidirectional, Lang::En) => "Bidirectional SimpleRNN(8) on (10, 5)",
        (Preset::Bidirectional, Lang::Ko) => "양방향 SimpleRNN(8), 입력 (10, 5)",
        (Preset::DeepBidirectional, Lang::En) => "Four stacked bidirectional layers",
        (Preset::DeepBidirectional, Lang::Ko) => "양방향 층 4개 쌓기",
        (Preset::Quiz, Lang::En) => "Quiz: Embedding(5000, 100) → SimpleRNN(128) → Dense(1)",
        (Preset::Quiz, Lang::Ko) => "퀴즈: Embedding(5000, 100) → SimpleRNN(128) → Dense(1)",
        (Preset::Diagram, Lang::En) => "The diagram: input 4, hidden 2, output 2, 2 timesteps",
        (Preset::Diagram, Lang::Ko) => "그림 예: 입력 4, 은닉 2, 출력 2, 시점 2",
    }
}

/// The input source picker.
#[component]
fn InputControls(props: &ModelControlsProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let t = |key: Text| key.text(lang);
    let tokens = matches!(state.draft.layers.first(), Some(LayerSpec::Embedding(_)));
    let draft_text = use_state(String::new);

    let current_manual = || -> String {
        match (&state.input, state.session.as_deref().map(|s| &s.inputs)) {
            (InputSource::Manual(text), _) => text.clone(),
            (_, Some(SessionInputs::Features(x))) if x.dim().0 > 0 => {
                format_manual(&x.index_axis(ndarray::Axis(0), 0).to_owned())
            }
            _ => String::new(),
        }
    };
    let kind = match &state.input {
        InputSource::Random => "random",
        InputSource::Sine => "sine",
        InputSource::Step => "step",
        InputSource::Sentence(_) => "sentence",
        InputSource::Manual(_) => "manual",
    };
    let onchange = {
        let dispatch = props.dispatch.clone();
        let draft_text = draft_text.clone();
        let manual = current_manual();
        let sentence = match &state.input {
            InputSource::Sentence(s) => s.clone(),
            _ => super::presets::QUIZ_SENTENCE.to_owned(),
        };
        Callback::from(move |e: Event| {
            let source = match select_value(&e).as_str() {
                "sine" => InputSource::Sine,
                "step" => InputSource::Step,
                "sentence" => InputSource::Sentence(sentence.clone()),
                "manual" => {
                    draft_text.set(manual.clone());
                    InputSource::Manual(manual.clone())
                }
                _ => InputSource::Random,
            };
            dispatch.emit(Action::SetInput(source));
        })
    };
    let text_value = match &state.input {
        InputSource::Sentence(s) => s.clone(),
        InputSource::Manual(_) if !draft_text.is_empty() => (*draft_text).clone(),
        InputSource::Manual(s) => s.clone(),
        _ => String::new(),
    };
    let on_text = {
        let draft_text = draft_text.clone();
        Callback::from(move |e: InputEvent| {
            draft_text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value());
        })
    };
    let apply = {
        let dispatch = props.dispatch.clone();
        let draft_text = draft_text.clone();
        let sentence_mode = matches!(state.input, InputSource::Sentence(_));
        let fallback = text_value.clone();
        Callback::from(move |_: MouseEvent| {
            let text = if draft_text.is_empty() {
                fallback.clone()
            } else {
                (*draft_text).clone()
            };
            dispatch.emit(Action::SetInput(if sentence_mode {
                InputSource::Sentence(text)
            } else {
                InputSource::Manual(text)
            }));
        })
    };
    let editable = matches!(
        state.input,
        InputSource::Sentence(_) | InputSource::Manual(_)
    );
    html! {
        <div class="input-controls">
            <label class="field wide">
                <span>{ t(Text::InputSource) }</span>
                <select {onchange}>
                    <option value="random" selected={kind == "random"}>{ t(Text::InputRandom) }</option>
                    if !tokens {
                        <option value="sine" selected={kind == "sine"}>{ t(Text::InputSine) }</option>
                        <option value="step" selected={kind == "step"}>{ t(Text::InputStep) }</option>
                        <option value="manual" selected={kind == "manual"}>{ t(Text::InputManual) }</option>
                    } else {
                        <option value="sentence" selected={kind == "sentence"}>{ t(Text::InputSentence) }</option>
                    }
                </select>
            </label>
            if editable {
                <label class="field wide">
                    <span>{ if kind == "manual" { t(Text::ManualHelp) } else { t(Text::InputSentence) } }</span>
                    <textarea rows="4" value={text_value} oninput={on_text}
                        aria-invalid={state.error(Field::Input).is_some().to_string()} />
                </label>
                <button type="button" onclick={apply}>{ t(Text::Apply) }</button>
            }
            { error_line(state, Field::Input, "error-input") }
        </div>
    }
}
