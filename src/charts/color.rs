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
