//! plotters' canvas backend made cheaper to redraw ([`ChartCanvas`]): a bitmap (the
//! heatmap's cells) is copied as one image, and text is measured on the canvas instead of
//! by laying out the page.

use std::cell::RefCell;
use std::collections::HashMap;

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

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
        let scratch = crate::app::services::document()?
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
        let height = if let Some(height) = known_height {
            height
        } else {
            // Once per font: the line height exactly as plotters would lay it out.
            let (_, height) = self.inner.estimate_text_size(&text, style)?;
            LINE_HEIGHTS.with(|heights| heights.borrow_mut().insert(font.clone(), height));
            height
        };
        self.use_font(&font);
        let width = match self.context.measure_text(&text) {
            Ok(metrics) if metrics.width().is_finite() && metrics.width() >= 0.0 => {
                #[allow(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "a finite, non-negative text width; `as` saturates"
                )]
                let width = metrics.width().round() as u32;
                width
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
pub(crate) fn context_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
}
