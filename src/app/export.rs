//! Taking things out of the page: the case document, hidden states (CSV, JSON), the
//! step trace, the plots (PNG) and the diagram (SVG), and code that reproduces the view.

use wasm_bindgen::JsCast;

/// Why a download could not start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// The document could not be written as JSON.
    #[error("the case could not be written as JSON: {0}")]
    Json(String),
    /// The browser refused to create the file.
    #[error("the browser could not create the download")]
    Browser,
}

/// The case document of `case`, pretty-printed.
///
/// # Errors
/// [`ExportError::Json`] if serialization fails.
pub fn case_json(case: &crate::model::CaseSpec) -> Result<String, ExportError> {
    serde_json::to_string_pretty(case).map_err(|e| ExportError::Json(e.to_string()))
}

/// Offers `text` to the user as a file named `name`.
///
/// # Errors
/// [`ExportError::Browser`] when the browser refuses a step.
pub fn download_text(name: &str, mime: &str, text: &str) -> Result<(), ExportError> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| ExportError::Browser)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| ExportError::Browser)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(ExportError::Browser)?;
    let anchor = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or(ExportError::Browser)?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // The click has started the download; the URL can go.
    web_sys::Url::revoke_object_url(&url).map_err(|_| ExportError::Browser)
}

/// The selected layer's hidden states as CSV: a header `example,timestep,h0,h1,…` and one
/// row per example and timestep (input time, 0-based), every example of the batch; numbers
/// are the shortest text that reads back to the same `f32`.
#[must_use]
pub fn hidden_states_csv(
    session: &super::session::Session,
    layer: usize,
    direction: crate::rnn::Direction,
) -> String {
    let mut out = String::new();
    let Some(stack_index) = super::session::recurrent_layers(&session.model)
        .get(layer)
        .map(|l| l.stack_index)
    else {
        return out;
    };
    let (batch, _) = session.dims();
    for example in 0..batch {
        let Some(states) = session.states(stack_index, direction, example) else {
            continue;
        };
        if out.is_empty() {
            out.push_str("example,timestep");
            for unit in 0..states.ncols() {
                out.push_str(&format!(",h{unit}"));
            }
            out.push('\n');
        }
        for (t, row) in states.outer_iter().enumerate() {
            out.push_str(&format!("{example},{t}"));
            for v in row {
                out.push_str(&format!(",{v}"));
            }
            out.push('\n');
        }
    }
    out
}

/// Every recurrent layer's hidden states as JSON: `{"layers": [{"layer": 1, "direction":
/// "forward", "states": [example][timestep][unit]}, …]}` (layers numbered from 1).
#[must_use]
pub fn hidden_states_json(session: &super::session::Session) -> String {
    let (batch, _) = session.dims();
    let mut layers = Vec::new();
    for (n, layer) in super::session::recurrent_layers(&session.model)
        .iter()
        .enumerate()
    {
        let directions: &[crate::rnn::Direction] = if layer.bidirectional {
            &[
                crate::rnn::Direction::Forward,
                crate::rnn::Direction::Backward,
            ]
        } else {
            &[crate::rnn::Direction::Forward]
        };
        for d in directions {
            let states: Vec<Vec<Vec<f32>>> = (0..batch)
                .filter_map(|b| session.states(layer.stack_index, *d, b))
                .map(|s| s.outer_iter().map(|r| r.to_vec()).collect())
                .collect();
            layers.push(serde_json::json!({
                "layer": n + 1,
                "direction": d.to_string(),
                "states": states,
            }));
        }
    }
    serde_json::json!({ "layers": layers }).to_string()
}

/// The selected step's cell internals as JSON: `x_t`, `h_prev`, `x_t·kernel`
/// (`input_projection`), `h_{t-1}·recurrent_kernel` (`recurrent_projection`), `bias`,
/// `z_t` (`pre_activation`) and `h_t`.
///
/// # Errors
/// [`ExportError::Json`] when the step does not exist.
pub fn step_trace_json(
    session: &super::session::Session,
    selection: super::state::Selection,
) -> Result<String, ExportError> {
    let layer = super::session::recurrent_layers(&session.model)
        .get(selection.layer)
        .copied()
        .ok_or_else(|| ExportError::Json("no such layer".into()))?;
    let trace = session
        .trace(
            layer.stack_index,
            selection.direction,
            selection.example,
            selection.timestep,
        )
        .map_err(|e| ExportError::Json(e.to_string()))?;
    let v = |a: &ndarray::Array1<f32>| a.to_vec();
    Ok(serde_json::json!({
        "layer": selection.layer + 1,
        "direction": trace.direction.to_string(),
        "example": trace.batch,
        "timestep": trace.timestep,
        "x_t": v(&trace.x_t),
        "h_prev": v(&trace.h_prev),
        "input_projection": v(&trace.input_projection),
        "recurrent_projection": v(&trace.recurrent_projection),
        "bias": v(&trace.bias),
        "pre_activation": v(&trace.pre_activation),
        "h_t": v(&trace.h_t),
    })
    .to_string())
}

/// Offers a `data:` or `blob:` URL as a file named `name`.
///
/// # Errors
/// [`ExportError::Browser`] when the browser refuses a step.
pub fn download_url(name: &str, url: &str) -> Result<(), ExportError> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(ExportError::Browser)?;
    let anchor = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or(ExportError::Browser)?;
    anchor.set_href(url);
    anchor.set_download(name);
    anchor.click();
    Ok(())
}

/// Downloads every chart canvas under `selector` as PNG (`unrolled-plot-N.png`).
///
/// # Errors
/// [`ExportError::Browser`] when there is no chart or the canvas cannot be read.
pub fn download_canvases_png(selector: &str) -> Result<(), ExportError> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(ExportError::Browser)?;
    let list = document
        .query_selector_all(selector)
        .map_err(|_| ExportError::Browser)?;
    if list.length() == 0 {
        return Err(ExportError::Browser);
    }
    for i in 0..list.length() {
        let canvas = list
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlCanvasElement>().ok())
            .ok_or(ExportError::Browser)?;
        let url = canvas
            .to_data_url_with_type("image/png")
            .map_err(|_| ExportError::Browser)?;
        download_url(&format!("unrolled-plot-{}.png", i + 1), &url)?;
    }
    Ok(())
}

/// Downloads the first `<svg>` under `selector`, serialized as it is drawn.
///
/// # Errors
/// [`ExportError::Browser`] when there is no such element.
pub fn download_svg(selector: &str, name: &str) -> Result<(), ExportError> {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .ok_or(ExportError::Browser)?;
    if !element.has_attribute("xmlns") {
        let _ = element.set_attribute("xmlns", "http://www.w3.org/2000/svg");
    }
    let text = web_sys::XmlSerializer::new()
        .and_then(|s| s.serialize_to_string(&element))
        .map_err(|_| ExportError::Browser)?;
    download_text(name, "image/svg+xml", &text)
}
