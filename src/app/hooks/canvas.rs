//! Hooks that measure an element and draw a chart onto a `<canvas>`.
//!
//! [`use_element_size`] follows an element's CSS box with a `ResizeObserver` (window
//! resizes, zoom, and layout changes alike). [`use_plotters_canvas`] sizes a canvas to
//! that box times `devicePixelRatio`, so charts stay crisp on phones and projectors while
//! the chart functions lay out in CSS pixels (their font sizes stay readable), and
//! redraws only when the caller's dependencies or the size change. Charts draw through
//! [`ChartCanvas`]. Every drawing is timed as a `performance.measure` named
//! `unrolled:draw <chart>`, for `scripts/bench-browser.mjs` and the browser's profiler.

use plotters::prelude::{IntoDrawingArea, WHITE};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, ResizeObserver};
use yew::prelude::*;

use crate::app::services::{timing, window};

use super::chart_canvas::{context_2d, CanvasArea, ChartCanvas};

/// The CSS box of an element and the device pixel ratio it was measured at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ElementSize {
    /// Width in CSS pixels (`clientWidth`).
    pub width: u32,
    /// Height in CSS pixels (`clientHeight`).
    pub height: u32,
    /// `window.devicePixelRatio` at the time of measuring (1 when unknown).
    pub pixel_ratio: f64,
    /// How much larger charts draw their words and lines here: the element's CSS
    /// property `--chart-scale` (presenting mode sets 1.5), 1 when unset.
    pub chart_scale: f64,
}

impl ElementSize {
    /// Measures `element` now.
    fn of(element: &Element) -> Self {
        let pixel_ratio = window()
            .map(|w| w.device_pixel_ratio())
            .filter(|r| r.is_finite() && *r > 0.0)
            .unwrap_or(1.0);
        let chart_scale = window()
            .and_then(|w| w.get_computed_style(element).ok().flatten())
            .and_then(|style| style.get_property_value("--chart-scale").ok())
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|s| s.is_finite() && (0.5..=4.0).contains(s))
            .unwrap_or(1.0);
        Self {
            width: u32::try_from(element.client_width()).unwrap_or(0),
            height: u32::try_from(element.client_height()).unwrap_or(0),
            pixel_ratio,
            chart_scale,
        }
    }
}

/// The current CSS size of the element behind `node_ref`, `None` until it is mounted.
///
/// Measured after the first render and again whenever a `ResizeObserver` reports a
/// change; the component re-renders only when the size actually changed. The observer is
/// disconnected when the component unmounts.
#[hook]
pub fn use_element_size(node_ref: NodeRef) -> Option<ElementSize> {
    let size = use_state_eq(|| None::<ElementSize>);
    {
        let size = size.clone();
        use_effect_with(node_ref, move |node_ref| {
            let element = node_ref.cast::<Element>();
            let mut observer = None;
            if let Some(element) = element {
                size.set(Some(ElementSize::of(&element)));
                let observed = element.clone();
                let on_resize = Closure::<dyn FnMut()>::new(move || {
                    size.set(Some(ElementSize::of(&observed)));
                });
                if let Ok(resize) = ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
                    resize.observe(&element);
                    observer = Some((resize, on_resize));
                }
            }
            move || {
                if let Some((resize, on_resize)) = observer {
                    resize.disconnect();
                    drop(on_resize);
                }
            }
        });
    }
    *size
}

/// Draws onto the `<canvas>` behind `node_ref` with plotters.
///
/// `draw` receives a white area sized in CSS pixels; the canvas bitmap is that size times
/// the device pixel ratio. It runs after a render in which `deps` differ from the last
/// drawing's (compare cheap things: `Rc`s, the cursor, labels), and when the canvas box
/// is resized. Returns the last drawing error, if any, for the caller to show in place of
/// the chart; a successful redraw clears it. Each drawing is timed as the
/// `performance.measure` `unrolled:draw {name}`. Nothing here panics.
#[hook]
pub fn use_plotters_canvas<D, F>(
    name: &'static str,
    node_ref: NodeRef,
    deps: D,
    draw: F,
) -> Option<String>
where
    D: PartialEq + 'static,
    F: FnOnce(&CanvasArea) -> Result<(), String> + 'static,
{
    let size = use_element_size(node_ref.clone());
    let error = use_state_eq(|| None::<String>);
    {
        let error = error.clone();
        use_effect_with((deps, size), move |(_, size)| {
            if let Some(size) = size {
                let measure = format!("unrolled:draw {name}");
                let drawn = timing::measure(&measure, || draw_scaled(&node_ref, *size, draw));
                error.set(drawn.err());
            }
        });
    }
    (*error).clone()
}

/// Sizes the canvas for `size`, scales its context by the pixel ratio and runs `draw`.
fn draw_scaled<F>(node_ref: &NodeRef, size: ElementSize, draw: F) -> Result<(), String>
where
    F: FnOnce(&CanvasArea) -> Result<(), String>,
{
    let canvas = node_ref
        .cast::<HtmlCanvasElement>()
        .ok_or_else(|| "no canvas element".to_owned())?;
    // The drawing area takes its extent from the backend once, when it is created: make
    // it at CSS size, then enlarge the bitmap and scale the context so that every
    // coordinate plotters sends lands on device pixels.
    // A chart scale above 1 lays the chart out on fewer CSS pixels and draws each one
    // larger: words and lines grow, the bitmap stays at device resolution.
    let scale = size.chart_scale;
    let (width, height) = (
        device_pixels(size.width, 1.0 / scale),
        device_pixels(size.height, 1.0 / scale),
    );
    canvas.set_width(width);
    canvas.set_height(height);
    let backend = ChartCanvas::new(&canvas).ok_or_else(|| "no 2d canvas context".to_owned())?;
    let area = backend.into_drawing_area();
    let ratio = size.pixel_ratio * scale;
    canvas.set_width(device_pixels(width, ratio));
    canvas.set_height(device_pixels(height, ratio));
    let context = context_2d(&canvas).ok_or_else(|| "no 2d canvas context".to_owned())?;
    context
        .set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0)
        .map_err(|_| "cannot scale the canvas".to_owned())?;
    area.fill(&WHITE).map_err(|e| e.to_string())?;
    draw(&area)?;
    area.present().map_err(|e| e.to_string())
}

/// `css` pixels at `ratio` device pixels each, at least one.
fn device_pixels(css: u32, ratio: f64) -> u32 {
    let pixels = (f64::from(css) * ratio).round();
    if pixels.is_finite() && pixels >= 1.0 && pixels <= f64::from(u32::MAX) {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "checked to be a whole number in u32's range"
        )]
        let whole = pixels as u32;
        whole
    } else {
        1
    }
}
