//! Hooks that measure an element and draw plotters charts onto a `<canvas>`.
//!
//! [`use_element_size`] follows an element's CSS box with a `ResizeObserver` (window
//! resizes, zoom, and layout changes alike). [`use_plotters_canvas`] sizes a canvas to
//! that box times `devicePixelRatio`, so charts stay crisp on phones and projectors while
//! the chart functions lay out in CSS pixels (their font sizes stay readable), and
//! redraws only when the caller's dependencies or the size change.
//!
//! Charts draw through [`ChartCanvas`], plotters' canvas backend made cheaper to redraw:
//! a bitmap (the heatmap's cells) is copied as one image, and text is measured on the
//! canvas instead of by laying out the page. Every drawing is timed as a `performance.measure` named
//! `unrolled:draw <chart>`, for `scripts/bench-browser.mjs` and the browser's profiler.

use std::cell::RefCell;
use std::collections::HashMap;

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend, IntoDrawingArea, WHITE};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement, ImageData, ResizeObserver};
use yew::prelude::*;

/// The area a chart draws on: CSS pixels of the canvas box.
pub type CanvasArea = DrawingArea<ChartCanvas, Shift>;

/// Error of the canvas backend (plotters-canvas does not export its name).
type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;

/// Most remembered text sizes; the charts' labels are a few hundred at most.
const MAX_REMEMBERED_TEXTS: usize = 4_096;

thread_local! {
    /// Text sizes measured so far, by canvas font and text: tick labels repeat on every
    /// redraw, and measuring is the costly part of drawing text.
    static TEXT_SIZES: RefCell<HashMap<(String, String), (u32, u32)>> =
        RefCell::new(HashMap::new());
    /// Line height of each canvas font, as plotters measures it (a `<span>` in the page).
    static LINE_HEIGHTS: RefCell<HashMap<String, u32>> = RefCell::new(HashMap::new());
}

/// plotters' [`CanvasBackend`] with three changes that keep a redraw cheap:
/// - `blit_bitmap` puts the whole image on the canvas at once (plotters-canvas 0.3 falls
///   back to one `fillRect` per pixel);
/// - text is measured with the canvas' `measureText` and remembered, instead of plotters'
///   web estimate, which adds a `<span>` to the page and reads its size, forcing a layout
///   of the whole page for every label;
/// - the context's font is set only when it changes (each setting is parsed as CSS).
pub struct ChartCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
    /// The font last set on the context by this backend.
    font: RefCell<Option<String>>,
}

impl ChartCanvas {
    /// The backend of `canvas`, `None` without a 2d context.
    #[must_use]
    pub fn new(canvas: &HtmlCanvasElement) -> Option<Self> {
        let context = context_2d(canvas)?;
        let inner = CanvasBackend::with_canvas_object(canvas.clone())?;
        Some(Self {
            inner,
            context,
            font: RefCell::new(None),
        })
    }

    /// Sets the context's font to `font` unless it already is.
    fn use_font(&self, font: &str) {
        let mut current = self.font.borrow_mut();
        if current.as_deref() != Some(font) {
            self.context.set_font(font);
            *current = Some(font.to_owned());
        }
    }

    /// Puts the RGB image `rgb` (`width × height`, row-major) at `(x, y)` in the
    /// context's (scaled) coordinates: through `ImageData` onto a scratch canvas, then
    /// drawn with `drawImage`, which, unlike `putImageData`, honours the transform.
    fn put_rgb(&self, (x, y): BackendCoord, (width, height): (u32, u32), rgb: &[u8]) -> Option<()> {
        let mut rgba = Vec::with_capacity(rgb.len() / 3 * 4);
        for pixel in rgb.chunks_exact(3) {
            rgba.extend_from_slice(&[pixel[0], pixel[1], pixel[2], 255]);
        }
        let image =
            ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), width, height).ok()?;
        let scratch = web_sys::window()?
            .document()?
            .create_element("canvas")
            .ok()?
            .dyn_into::<HtmlCanvasElement>()
            .ok()?;
        scratch.set_width(width);
        scratch.set_height(height);
        context_2d(&scratch)?
            .put_image_data(&image, 0.0, 0.0)
            .ok()?;
        // Cells are flat colours: no blur where a device pixel spans two image pixels.
        self.context.set_image_smoothing_enabled(false);
        let drawn =
            self.context
                .draw_image_with_html_canvas_element(&scratch, f64::from(x), f64::from(y));
        self.context.set_image_smoothing_enabled(true);
        drawn.ok()
    }
}

impl DrawingBackend for ChartCanvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        if !matches!(style.transform(), FontTransform::None) {
            // Rotated text (one axis description per chart): plotters' own code, which
            // sets the font itself.
            *self.font.borrow_mut() = None;
            return self.inner.draw_text(text, style, pos);
        }
        self.context.set_text_baseline(match style.anchor().v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        });
        self.context.set_text_align(match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        });
        let (r, g, b) = color.rgb;
        self.context
            .set_fill_style_str(&format!("rgba({r},{g},{b},{})", color.alpha));
        self.use_font(&canvas_font(style));
        if self
            .context
            .fill_text(text, f64::from(pos.0), f64::from(pos.1))
            .is_err()
        {
            return self.inner.draw_text(text, style, pos);
        }
        Ok(())
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<CanvasError>> {
        let font = canvas_font(style);
        let key = (font, text.to_owned());
        if let Some(size) = TEXT_SIZES.with(|sizes| sizes.borrow().get(&key).copied()) {
            return Ok(size);
        }
        let (font, text) = key;
        let known_height = LINE_HEIGHTS.with(|heights| heights.borrow().get(&font).copied());
        let height = match known_height {
            Some(height) => height,
            None => {
                // Once per font: the line height exactly as plotters would lay it out.
                let (_, height) = self.inner.estimate_text_size(&text, style)?;
                LINE_HEIGHTS.with(|heights| heights.borrow_mut().insert(font.clone(), height));
                height
            }
        };
        self.use_font(&font);
        let width = match self.context.measure_text(&text) {
            Ok(metrics) if metrics.width().is_finite() && metrics.width() >= 0.0 => {
                metrics.width().round() as u32
            }
            _ => self.inner.estimate_text_size(&text, style)?.0,
        };
        TEXT_SIZES.with(|sizes| {
            let mut sizes = sizes.borrow_mut();
            if sizes.len() >= MAX_REMEMBERED_TEXTS {
                sizes.clear();
            }
            sizes.insert((font, text), (width, height));
        });
        Ok((width, height))
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        let expected = (size.0 as usize)
            .saturating_mul(size.1 as usize)
            .saturating_mul(3);
        if src.len() >= expected && self.put_rgb(pos, size, &src[..expected]).is_some() {
            return Ok(());
        }
        // Without an image (odd size, no document): plotters' pixel-by-pixel fallback.
        self.inner.blit_bitmap(pos, size, src)
    }
}

/// The CSS font of a plotters text style, as plotters-canvas writes it.
fn canvas_font<S: BackendTextStyle>(style: &S) -> String {
    format!(
        "{} {}px {}",
        style.style().as_str(),
        style.size(),
        style.family().as_str()
    )
}

/// The 2d context of `canvas`.
fn context_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
}

/// The CSS box of an element and the device pixel ratio it was measured at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ElementSize {
    /// Width in CSS pixels (`clientWidth`).
    pub width: u32,
    /// Height in CSS pixels (`clientHeight`).
    pub height: u32,
    /// `window.devicePixelRatio` at the time of measuring (1 when unknown).
    pub pixel_ratio: f64,
}

impl ElementSize {
    /// Measures `element` now.
    fn of(element: &Element) -> Self {
        let pixel_ratio = web_sys::window()
            .map(|w| w.device_pixel_ratio())
            .filter(|r| r.is_finite() && *r > 0.0)
            .unwrap_or(1.0);
        Self {
            width: u32::try_from(element.client_width()).unwrap_or(0),
            height: u32::try_from(element.client_height()).unwrap_or(0),
            pixel_ratio,
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
                let performance = web_sys::window().and_then(|w| w.performance());
                let measure = format!("unrolled:draw {name}");
                if let Some(performance) = &performance {
                    drop(performance.mark(&measure));
                }
                error.set(draw_scaled(&node_ref, *size, draw).err());
                if let Some(performance) = performance {
                    // Only a profiling aid, kept to the latest drawing of each chart so that
                    // the timeline does not grow while the animation plays.
                    performance.clear_measures_with_measure_name(&measure);
                    drop(performance.measure_with_start_mark(&measure, &measure));
                    performance.clear_marks_with_mark_name(&measure);
                }
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
    canvas.set_width(size.width.max(1));
    canvas.set_height(size.height.max(1));
    let backend = ChartCanvas::new(&canvas).ok_or_else(|| "no 2d canvas context".to_owned())?;
    let area = backend.into_drawing_area();
    let ratio = size.pixel_ratio;
    canvas.set_width(device_pixels(size.width, ratio));
    canvas.set_height(device_pixels(size.height, ratio));
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
        pixels as u32
    } else {
        1
    }
}
