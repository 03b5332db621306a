//! The diverging value scale (diagram strips, heatmap, step-panel cells) under the common
//! colour-vision deficiencies: simulated with the Machado, Oliveira & Fernandes (2009)
//! matrices at full severity, it keeps its order (lightness falls from the neutral middle
//! towards both ends) and its two signs stay apart. The simulation and the `CIELab`
//! conversion are checked against colorspacious (`tests/fixtures/color/make_cvd_fixture.py`).
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test stops at the first broken fixture or setup, and says which"
)]
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::print_stdout,
    clippy::many_single_char_names,
    clippy::unreadable_literal,
    reason = "tests use the formulas' one-letter names and print their figures"
)]

use unrolled::charts::{diverging_color, NAN_COLOR};

type Matrix = [[f64; 3]; 3];

/// Machado et al. (2009), severity 1.0, applied to linear sRGB.
const VISIONS: [(&str, Matrix); 3] = [
    (
        "protanopia",
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ],
    ),
    (
        "deuteranopia",
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ],
    ),
    (
        "tritanopia",
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ],
    ),
];

const IDENTITY: Matrix = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];

fn to_linear(c: f64) -> f64 {
    if c < 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn to_srgb(c: f64) -> f64 {
    if c <= 0.003_130_8 {
        c * 12.92
    } else {
        1.055 * c.powf(1.0 / 2.4) - 0.055
    }
}

fn apply(m: &Matrix, v: [f64; 3]) -> [f64; 3] {
    [0, 1, 2].map(|i| m[i][0] * v[0] + m[i][1] * v[1] + m[i][2] * v[2])
}

/// The colour as seen with `vision`, in sRGB on 0..1, clipped to the displayable range.
fn simulate(vision: &Matrix, (r, g, b): (u8, u8, u8)) -> [f64; 3] {
    let linear = [r, g, b].map(|c| to_linear(f64::from(c) / 255.0));
    apply(vision, linear).map(|c| to_srgb(c).clamp(0.0, 1.0))
}

/// `CIELab` (D65) of an sRGB colour on 0..1.
fn lab(srgb: [f64; 3]) -> [f64; 3] {
    const TO_XYZ: Matrix = [
        [0.41239559, 0.35758343, 0.18049265],
        [0.21258623, 0.7151703, 0.0722005],
        [0.01929722, 0.11918386, 0.95049713],
    ];
    const WHITE: [f64; 3] = [0.95047, 1.0, 1.08883];
    let xyz = apply(&TO_XYZ, srgb.map(to_linear));
    let f = |t: f64| {
        let d: f64 = 6.0 / 29.0;
        if t > d * d * d {
            t.cbrt()
        } else {
            t / (3.0 * d * d) + 4.0 / 29.0
        }
    };
    let [fx, fy, fz] = [0, 1, 2].map(|i| f(xyz[i] / WHITE[i]));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// CIE76 colour difference (about 2.3 is just noticeable; above 10 clearly different).
fn delta_e(a: [f64; 3], b: [f64; 3]) -> f64 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

fn hex(code: &str) -> (u8, u8, u8) {
    let byte = |i: usize| u8::from_str_radix(&code[i..i + 2], 16).unwrap();
    (byte(0), byte(2), byte(4))
}

fn fixture() -> serde_json::Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/color/cvd.json"
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

fn triple(value: &serde_json::Value) -> [f64; 3] {
    [0, 1, 2].map(|i| value[i].as_f64().unwrap())
}

#[test]
fn simulation_and_lab_match_colorspacious() {
    let fixture = fixture();
    let colours: Vec<(u8, u8, u8)> = fixture["colours"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| hex(c.as_str().unwrap()))
        .collect();
    for (i, &colour) in colours.iter().enumerate() {
        let (r, g, b) = colour;
        let own = lab([r, g, b].map(|c| f64::from(c) / 255.0));
        let expected = triple(&fixture["lab"][i]);
        assert!(
            delta_e(own, expected) < 1e-3,
            "Lab of {colour:?}: {own:?} vs {expected:?}"
        );
        for (name, vision) in &VISIONS {
            let seen = simulate(vision, colour);
            let want = triple(&fixture[*name]["srgb"][i]);
            for k in 0..3 {
                assert!(
                    (seen[k] - want[k]).abs() < 1e-5,
                    "{name} {colour:?}: {seen:?} vs {want:?}"
                );
            }
            let seen_lab = lab(seen);
            let want_lab = triple(&fixture[*name]["lab"][i]);
            assert!(
                delta_e(seen_lab, want_lab) < 1e-3,
                "{name} Lab of {colour:?}"
            );
        }
    }
}

/// The scale sampled every 0.01 from -1 to +1, as Lab seen with `vision`.
fn seen_scale(vision: &Matrix) -> Vec<[f64; 3]> {
    (-100..=100)
        .map(|i| lab(simulate(vision, diverging_color(i as f32 / 100.0))))
        .collect()
}

fn every_vision() -> Vec<(&'static str, Matrix)> {
    let mut all = vec![("typical vision", IDENTITY)];
    all.extend(VISIONS);
    all
}

#[test]
fn lightness_orders_the_scale_for_every_vision() {
    for (name, vision) in every_vision() {
        let scale = seen_scale(&vision);
        let middle = scale.len() / 2;
        // Darker with the magnitude, on both sides: the size of a value reads without hue.
        for (i, pair) in scale.windows(2).enumerate() {
            let (l0, l1) = (pair[0][0], pair[1][0]);
            if i < middle {
                assert!(
                    l1 > l0,
                    "{name}: L* does not rise towards 0 at v = {}",
                    (i as f64 - 100.0) / 100.0
                );
            } else {
                assert!(
                    l1 < l0,
                    "{name}: L* does not fall away from 0 at v = {}",
                    (i as f64 - 100.0) / 100.0
                );
            }
        }
        let darkest = scale[0][0].max(scale[scale.len() - 1][0]);
        assert!(
            scale[middle][0] - darkest > 70.0,
            "{name}: too little lightness range"
        );
    }
}

#[test]
fn the_two_signs_stay_apart_for_every_vision() {
    for (name, vision) in every_vision() {
        let scale = seen_scale(&vision);
        let middle = scale.len() / 2;
        // +v and -v have nearly the same lightness, so hue alone must tell them apart.
        let worst_sign = (20..=100)
            .map(|k| delta_e(scale[middle + k], scale[middle - k]))
            .fold(f64::INFINITY, f64::min);
        // Neighbouring ColorBrewer classes (steps of 0.2) stay clearly different.
        let anchors: Vec<[f64; 3]> = (0..=10)
            .map(|i| {
                lab(simulate(
                    &vision,
                    diverging_color(-1.0 + 0.2 * f64::from(i) as f32),
                ))
            })
            .collect();
        let worst_step = anchors
            .windows(2)
            .map(|p| delta_e(p[0], p[1]))
            .fold(f64::INFINITY, f64::min);
        // NaN cells are grey: nothing on the scale may look like them.
        let grey = lab(simulate(&vision, (NAN_COLOR.0, NAN_COLOR.1, NAN_COLOR.2)));
        let worst_grey = scale
            .iter()
            .map(|c| delta_e(*c, grey))
            .fold(f64::INFINITY, f64::min);
        println!(
            "{name}: ΔE76 between +v and -v (|v| ≥ 0.2) ≥ {worst_sign:.1}; between classes ≥ {worst_step:.1}; to the NaN grey ≥ {worst_grey:.1}"
        );
        assert!(
            worst_sign > 15.0,
            "{name}: +v and -v look alike ({worst_sign:.1})"
        );
        assert!(
            worst_step > 8.0,
            "{name}: neighbouring classes look alike ({worst_step:.1})"
        );
        assert!(
            worst_grey > 15.0,
            "{name}: a value looks like the NaN grey ({worst_grey:.1})"
        );
    }
}
