//! Taking things out of the page: the case document, hidden states (CSV, JSON), the
//! step trace, the plots (PNG or SVG) and the diagram (SVG), and code that reproduces the
//! view.

use plotters::prelude::{IntoDrawingArea, SVGBackend, WHITE};
use wasm_bindgen::JsCast;

use super::chart_panel::{
    largest_magnitude, ChartData, ChartLabels, ChartOptions, SATURATION_HISTOGRAM_MIN_WIDTH,
};
use crate::charts::{draw_hidden_state_heatmap, draw_hidden_state_lines, draw_saturation};

/// Size in pixels of the plots' SVG: three charts side by side.
pub const PLOTS_SVG_SIZE: (u32, u32) = (1500, 420);

/// Why a download could not start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// The document could not be written as JSON.
    #[error("the case could not be written as JSON: {0}")]
    Json(String),
    /// There is no computed layer to plot.
    #[error("there are no plots to export: no layer is computed")]
    NoPlots,
    /// A chart could not be drawn.
    #[error("a chart could not be drawn: {0}")]
    Chart(String),
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
    let url = object_url(mime, text)?;
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

/// A `blob:` URL holding `text` with type `mime`; the caller revokes it.
fn object_url(mime: &str, text: &str) -> Result<String, ExportError> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| ExportError::Browser)?;
    web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| ExportError::Browser)
}

/// The first `<svg>` under `selector` and its markup with the page's styles embedded.
fn styled_svg(selector: &str) -> Result<(web_sys::Element, String), ExportError> {
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
    Ok((element, with_page_styles(&text)))
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
    let (_, svg) = styled_svg(selector)?;
    download_text(name, "image/svg+xml", &svg)
}

/// Downloads the first `<svg>` under `selector` as a PNG at twice its size on screen: the
/// serialized drawing (with the page's styles) is loaded as an image and painted on a white
/// canvas. The download starts when the image has loaded.
///
/// # Errors
/// [`ExportError::Browser`] when there is no such element or the browser refuses a step.
pub fn download_svg_png(selector: &str, name: &str) -> Result<(), ExportError> {
    const SCALE: f64 = 2.0;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(ExportError::Browser)?;
    let (element, svg) = styled_svg(selector)?;
    let rect = element.get_bounding_client_rect();
    let (width, height) = (
        rect.width().max(1.0) * SCALE,
        rect.height().max(1.0) * SCALE,
    );
    let url = object_url("image/svg+xml", &svg)?;
    let canvas = document
        .create_element("canvas")
        .ok()
        .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        .ok_or(ExportError::Browser)?;
    // Whole pixels; the sizes are small positive numbers.
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "bounded by the page size"
    )]
    {
        canvas.set_width(width.ceil() as u32);
        canvas.set_height(height.ceil() as u32);
    }
    let image = web_sys::HtmlImageElement::new().map_err(|_| ExportError::Browser)?;
    let (loaded, source, name) = (image.clone(), url.clone(), name.to_owned());
    let onload = wasm_bindgen::closure::Closure::once_into_js(move || {
        let painted = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
            .and_then(|context| {
                context.set_fill_style_str("#ffffff");
                context.fill_rect(0.0, 0.0, width, height);
                context
                    .draw_image_with_html_image_element_and_dw_and_dh(
                        &loaded, 0.0, 0.0, width, height,
                    )
                    .ok()
            })
            .and_then(|()| canvas.to_data_url_with_type("image/png").ok());
        let _ = web_sys::Url::revoke_object_url(&source);
        if let Some(data) = painted {
            let _ = download_url(&name, &data);
        }
    });
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_src(&url);
    Ok(())
}

/// The page's style sheets, which the diagram's classes refer to.
const PAGE_CSS: [&str; 2] = [
    include_str!("../../static/style.css"),
    include_str!("../../static/viz.css"),
];

/// `svg` (serialized markup whose root is an `<svg>` element) with the page's style sheets
/// embedded after its opening tag, so the file looks as the page does when opened alone.
#[must_use]
pub fn with_page_styles(svg: &str) -> String {
    let Some(end) = svg.find('>') else {
        return svg.to_owned();
    };
    let (head, rest) = svg.split_at(end + 1);
    let css = PAGE_CSS.join("\n").replace("]]>", "]] >");
    format!("{head}<style><![CDATA[\n{css}\n]]></style>{rest}")
}

/// The three charts of the selected layer, direction and example, side by side in one SVG
/// document: the data and options the page draws with ([`ChartData::of`],
/// [`ChartOptions::in_file`]), each chart titled with its caption.
///
/// # Errors
/// [`ExportError::NoPlots`] without a computed layer, [`ExportError::Chart`] when a chart
/// cannot be drawn.
pub fn plots_svg(state: &super::state::AppState) -> Result<String, ExportError> {
    let session = state.session.as_ref().ok_or(ExportError::NoPlots)?;
    let data = ChartData::of(session, state.selection).ok_or(ExportError::NoPlots)?;
    let labels = ChartLabels::new(state.lang, state.selection.layer);
    let mut options = ChartOptions::in_file(&labels, data.bounded);
    if !data.bounded {
        options.heatmap.value_limit = largest_magnitude(&data.states);
    }
    let cursor = Some(state.selection.timestep);
    let chart = |e: &dyn std::fmt::Display| ExportError::Chart(e.to_string());
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, PLOTS_SVG_SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(|e| chart(&e))?;
        let panels = root.split_evenly((1, 3));
        let [lines, heatmap, saturation] = panels.as_slice() else {
            return Err(ExportError::Chart("the drawing could not be split".into()));
        };
        draw_hidden_state_lines(lines, data.states.view(), cursor, &options.lines)
            .map_err(|e| chart(&e))?;
        draw_hidden_state_heatmap(heatmap, data.states.view(), cursor, &options.heatmap)
            .map_err(|e| chart(&e))?;
        let wide = saturation.dim_in_pixel().0 >= SATURATION_HISTOGRAM_MIN_WIDTH;
        let z = data.preacts.as_ref().filter(|_| wide).map(|z| z.view());
        draw_saturation(
            saturation,
            data.states.view(),
            z,
            cursor,
            &options.saturation,
        )
        .map_err(|e| chart(&e))?;
        root.present().map_err(|e| chart(&e))?;
    }
    Ok(svg)
}
