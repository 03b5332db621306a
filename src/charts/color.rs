//! Colours shared by the charts and the cell diagram: a colour-blind-safe diverging scale
//! for values in [-1, 1] and a categorical palette for units.

use plotters::style::RGBColor;

/// `ColorBrewer` `RdBu` (11 classes), ordered from -1 (dark blue) through 0 (near white)
/// to +1 (dark red). `RdBu` is rated colour-blind safe by `ColorBrewer`.
const DIVERGING_ANCHORS: [(u8, u8, u8); 11] = [
    (0x05, 0x30, 0x61),
    (0x21, 0x66, 0xac),
    (0x43, 0x93, 0xc3),
    (0x92, 0xc5, 0xde),
    (0xd1, 0xe5, 0xf0),
    (0xf7, 0xf7, 0xf7),
    (0xfd, 0xdb, 0xc7),
    (0xf4, 0xa5, 0x82),
    (0xd6, 0x60, 0x4d),
    (0xb2, 0x18, 0x2b),
    (0x67, 0x00, 0x1f),
];

/// Colour of values that are NaN or infinite: a mid grey that the diverging scale never
/// produces (its neutral is near white).
pub const NAN_COLOR: RGBColor = RGBColor(0x9e, 0x9e, 0x9e);

/// Colour of the current-step cursor.
pub const CURSOR_COLOR: RGBColor = RGBColor(0x21, 0x21, 0x21);

/// Okabe–Ito palette (colour-blind safe), its black replaced by a dark grey so that unit
/// lines never look like axes. Units beyond eight reuse the colours in order.
pub const UNIT_PALETTE: [RGBColor; 8] = [
    RGBColor(0x00, 0x72, 0xb2),
    RGBColor(0xe6, 0x9f, 0x00),
    RGBColor(0x00, 0x9e, 0x73),
    RGBColor(0xd5, 0x5e, 0x00),
    RGBColor(0x56, 0xb4, 0xe9),
    RGBColor(0xcc, 0x79, 0xa7),
    RGBColor(0xf0, 0xe4, 0x42),
    RGBColor(0x5f, 0x5f, 0x5f),
];

/// Line colour of hidden unit `unit`.
#[must_use]
pub fn unit_color(unit: usize) -> RGBColor {
    UNIT_PALETTE[unit % UNIT_PALETTE.len()]
}

/// Maps `v` in [-1, 1] to RGB on the blue–white–red `RdBu` scale: -1 dark blue, 0 near
/// white, +1 dark red, linear between the eleven `ColorBrewer` anchors. Values outside are
/// clamped; NaN and ±inf give [`NAN_COLOR`].
#[must_use]
pub fn diverging_color(v: f32) -> (u8, u8, u8) {
    if !v.is_finite() {
        return (NAN_COLOR.0, NAN_COLOR.1, NAN_COLOR.2);
    }
    let last = DIVERGING_ANCHORS.len() - 1;
    let pos = (v.clamp(-1.0, 1.0) + 1.0) * 0.5 * last as f32;
    let lower = (pos.floor() as usize).min(last - 1);
    let frac = pos - lower as f32;
    let (a, b) = (DIVERGING_ANCHORS[lower], DIVERGING_ANCHORS[lower + 1]);
    let mix = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * frac).round() as u8;
    (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// WCAG 2 relative luminance of an sRGB colour (0 black, 1 white).
#[must_use]
pub fn relative_luminance((r, g, b): (u8, u8, u8)) -> f32 {
    let linear = |c: u8| {
        let c = f32::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// WCAG 2 contrast ratio of two colours, from 1 (none) to 21 (black on white).
#[must_use]
pub fn contrast_ratio(a: (u8, u8, u8), b: (u8, u8, u8)) -> f32 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Black or white, whichever contrasts more with `background`: text on any colour of
/// the scale then keeps a contrast of at least 4.58 (WCAG AA asks 4.5 for small text).
#[must_use]
pub fn text_color_on(background: (u8, u8, u8)) -> (u8, u8, u8) {
    const BLACK: (u8, u8, u8) = (0, 0, 0);
    const WHITE: (u8, u8, u8) = (255, 255, 255);
    if contrast_ratio(background, BLACK) >= contrast_ratio(background, WHITE) {
        BLACK
    } else {
        WHITE
    }
}

/// [`diverging_color`] as a plotters colour.
pub(crate) fn diverging_rgb(v: f32) -> RGBColor {
    let (r, g, b) = diverging_color(v);
    RGBColor(r, g, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_and_middle_of_the_scale() {
        assert_eq!(diverging_color(-1.0), (0x05, 0x30, 0x61));
        assert_eq!(diverging_color(0.0), (0xf7, 0xf7, 0xf7));
        assert_eq!(diverging_color(1.0), (0x67, 0x00, 0x1f));
        assert_eq!(diverging_color(5.0), diverging_color(1.0));
        assert_eq!(diverging_color(-5.0), diverging_color(-1.0));
    }

    #[test]
    fn non_finite_is_grey() {
        let grey = (NAN_COLOR.0, NAN_COLOR.1, NAN_COLOR.2);
        assert_eq!(diverging_color(f32::NAN), grey);
        assert_eq!(diverging_color(f32::INFINITY), grey);
    }

    #[test]
    fn text_on_every_colour_of_the_scale_is_readable() {
        let worst = (-1000..=1000)
            .map(|i| {
                let bg = diverging_color(i as f32 / 1000.0);
                contrast_ratio(bg, text_color_on(bg))
            })
            .fold(f32::INFINITY, f32::min);
        assert!(worst >= 4.5, "{worst}");
        assert!((contrast_ratio((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-4);
        assert_eq!(text_color_on(NAN_COLOR_TUPLE), (0, 0, 0));
    }

    const NAN_COLOR_TUPLE: (u8, u8, u8) = (NAN_COLOR.0, NAN_COLOR.1, NAN_COLOR.2);

    #[test]
    fn positive_is_redder_negative_is_bluer() {
        for i in 1..=10 {
            let v = i as f32 / 10.0;
            let (r, _, b) = diverging_color(v);
            assert!(r > b, "{v}");
            let (r, _, b) = diverging_color(-v);
            assert!(b > r, "{v}");
        }
    }
}
