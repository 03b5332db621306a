//! Links, saved views and files anyone could send, each refused before any work with a
//! clear message, and nothing saved lost. One test per failure found on the page:
//! (1) a 4,000-unit orthogonal initialization, (2) inputs of 786 MB, (3) an `.npz`
//! decompression bomb, (4) views saved but not read back, (5) a broken link costing the
//! last session, (8) offsets that overflow, repeated names, silent replacing.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test stops at the first broken setup, and says which"
)]
#![allow(
    clippy::cast_possible_truncation,
    reason = "tests write small sizes into zip fields"
)]

use std::io::Write as _;
use std::rc::Rc;
use std::time::{Duration, Instant};

use unrolled::app::domain::import::{import, ImportError};
use unrolled::app::domain::import_error::{NpyProblem, ZipProblem};
use unrolled::app::domain::inputs::{format_manual, InputSource};
use unrolled::app::domain::link::{
    base64_encode, fit, parse_fragment, parse_stored, Fit, MAX_LINK_BYTES,
};
use unrolled::app::domain::npz::read_npy;
use unrolled::app::domain::presets::Preset;
use unrolled::app::domain::session::SessionError;
use unrolled::app::domain::sessions::{parse_sessions, save_named, SessionsError};
use unrolled::app::i18n::errors::error_text;
use unrolled::app::i18n::Lang;
use unrolled::app::state::errors::PageError;
use unrolled::app::state::fields::{Field, NumberField};
use unrolled::app::state::notice::{Notice, OpenError};
use unrolled::app::state::view::{initial_state, PageStart};
use unrolled::app::state::{Action, AppState};
use unrolled::model::cost::CostError;

/// The link of the default view with its wire JSON edited by `edit`.
fn tampered(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let view = AppState::with_preset(Lang::En, Preset::NumpyLoop).view();
    let mut json: serde_json::Value = serde_json::from_str(&view.to_json()).unwrap();
    edit(&mut json);
    format!("v1={}", base64_encode(json.to_string().as_bytes()))
}

fn opened(fragment: &str) -> Result<AppState, OpenError> {
    let view = parse_fragment(fragment)?.expect("a view");
    AppState::open(&view)
}

/// A whole page start from `fragment` and `stored`, timed: the page must answer at once.
fn start(fragment: &str, stored: Option<&str>) -> AppState {
    let began = Instant::now();
    let state = AppState::at_start(&PageStart {
        fragment: fragment.to_owned(),
        last_session: stored.map(str::to_owned),
        ..PageStart::default()
    });
    assert!(
        began.elapsed() < Duration::from_secs(2),
        "the start took {:?}",
        began.elapsed()
    );
    state
}

#[test]
fn item1_a_4000_unit_link_is_refused_before_initializing() {
    let link = tampered(|j| {
        j["m"]["input"]["features"] = 1.into();
        j["m"]["input"]["timesteps"] = 1.into();
        j["m"]["layers"][0]["units"] = 4000.into();
        j["i"] = "keras".into();
    });
    assert!(link.len() < 400, "{}", link.len());
    let began = Instant::now();
    let error = opened(&link).unwrap_err();
    assert!(began.elapsed() < Duration::from_secs(1));
    let OpenError::Unusable(PageError::Session(SessionError::Cost(cost))) = &error else {
        panic!("{error:?}");
    };
    assert!(
        matches!(
            cost,
            CostError::Initialize {
                layer: 1,
                units: 4000,
                ..
            }
        ),
        "{cost:?}"
    );
    let page = PageError::Session(SessionError::Cost(*cost));
    assert!(error_text(&page, Lang::En).starts_with(
        "layer 1's 4,000 units need about 1.3·10¹¹ operations to initialize; at most 1.0·10⁸"
    ));
    assert!(error_text(&page, Lang::Ko).contains("유닛 4,000개"));
    // The whole page start: the default view and the message.
    let state = start(&link, None);
    assert_eq!(state.preset, Some(Preset::NumpyLoop));
    assert!(matches!(state.notice, Some(Notice::BadLink(_))));
}

#[test]
fn item1_typing_4000_units_is_refused_at_the_field() {
    let mut state = AppState::with_preset(Lang::En, Preset::NumpyLoop);
    state.apply(Action::SetInit(unrolled::model::InitScheme::Keras));
    let before = state.session.clone();
    let began = Instant::now();
    state.apply(Action::SetNumber(NumberField::Units(0), "4000".into()));
    assert!(began.elapsed() < Duration::from_secs(1));
    assert!(matches!(
        state.error(Field::Number(NumberField::Units(0))),
        Some(PageError::Session(SessionError::Cost(
            CostError::Initialize { .. }
        )))
    ));
    // The last computed model stays on screen.
    assert!(Rc::ptr_eq(
        state.session.as_ref().unwrap(),
        before.as_ref().unwrap()
    ));
}

#[test]
fn item2_inputs_count_in_the_budget() {
    let link = tampered(|j| {
        j["m"]["input"]["batch"] = 48.into();
        j["m"]["input"]["timesteps"] = 1000.into();
        j["m"]["input"]["features"] = 4096.into();
        j["m"]["layers"][0]["units"] = 1.into();
    });
    let began = Instant::now();
    let error = opened(&link).unwrap_err();
    assert!(began.elapsed() < Duration::from_secs(1));
    assert!(
        matches!(
            error,
            OpenError::Unusable(PageError::Session(SessionError::Cost(CostError::Inputs {
                batch: 48,
                timesteps: 1000,
                features: 4096,
                ..
            })))
        ),
        "{error:?}"
    );
}

/// A `.npz` of one deflated `.npy` of `zeros` float32 zeros whose central directory lists
/// it `copies` times under different names, all pointing at the same bytes.
fn bomb(zeros: usize, copies: usize) -> Vec<u8> {
    let mut npy = b"\x93NUMPY\x01\x00".to_vec();
    let mut header = format!("{{'descr': '<f4', 'fortran_order': False, 'shape': ({zeros},), }}");
    while (10 + header.len() + 1) % 64 != 0 {
        header.push(' ');
    }
    header.push('\n');
    npy.extend_from_slice(&(header.len() as u16).to_le_bytes());
    npy.extend_from_slice(header.as_bytes());
    npy.resize(npy.len() + zeros * 4, 0);
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
        .large_file(false);
    writer.start_file("arr_0000.npy", options).unwrap();
    writer.write_all(&npy).unwrap();
    let bytes = writer.finish().unwrap().into_inner();
    let cd = bytes
        .windows(4)
        .position(|w| w == b"PK\x01\x02")
        .expect("a directory");
    let end = bytes
        .windows(4)
        .rposition(|w| w == b"PK\x05\x06")
        .expect("an end record");
    let entry = &bytes[cd..end];
    let name_at = entry
        .windows(12)
        .position(|w| w == b"arr_0000.npy")
        .unwrap();
    let mut out = bytes[..cd].to_vec();
    for i in 0..copies {
        let mut copy = entry.to_vec();
        copy[name_at..name_at + 8].copy_from_slice(format!("arr_{i:04}").as_bytes());
        out.extend_from_slice(&copy);
    }
    let mut record = bytes[end..].to_vec();
    record[8..10].copy_from_slice(&(copies as u16).to_le_bytes());
    record[10..12].copy_from_slice(&(copies as u16).to_le_bytes());
    record[12..16].copy_from_slice(&((entry.len() * copies) as u32).to_le_bytes());
    out.extend_from_slice(&record);
    out
}

#[test]
fn item3_a_decompression_bomb_gets_a_message() {
    let state = AppState::with_preset(Lang::En, Preset::NumpyLoop);
    // 1,000 entries of one deflated 64 MiB array: about 120 KB.
    let file = bomb(16 * 1024 * 1024 - 64, 1000);
    assert!(file.len() < 200 * 1024, "{}", file.len());
    let began = Instant::now();
    let error = import("bomb.npz", &file, &state.draft).unwrap_err();
    assert!(began.elapsed() < Duration::from_secs(1));
    assert!(
        matches!(error, ImportError::Zip(ZipProblem::TotalTooLarge)),
        "{error:?}"
    );
    // Entries small enough together still may not share bytes.
    let small = bomb(1000, 3);
    let error = import("bomb.npz", &small, &state.draft).unwrap_err();
    assert_eq!(error, ImportError::Zip(ZipProblem::Overlapping));
    // One such entry alone is an ordinary array (and then does not fit the model).
    let one = bomb(1000, 1);
    assert!(!matches!(
        import("one.npz", &one, &state.draft),
        Err(ImportError::Zip(_))
    ));
}

#[test]
fn item4_a_long_typed_view_is_kept_in_storage_and_reads_back() {
    let mut state = AppState::with_preset(Lang::En, Preset::NumpyLoop);
    state.apply(Action::SetNumber(NumberField::Timesteps, "600".into()));
    assert!(state.errors.is_empty(), "{:?}", state.errors);
    let inputs = state.session.as_ref().unwrap().case.inputs.clone();
    let unrolled::model::CaseInputs::Features(x) = inputs else {
        panic!("features");
    };
    let typed = format_manual(&x.index_axis(ndarray::Axis(0), 0).to_owned());
    state.apply(Action::SetInput(InputSource::Manual(typed)));
    assert!(state.errors.is_empty(), "{:?}", state.errors);
    let view = state.view();
    let fragment = view.to_fragment();
    assert!(fragment.len() > MAX_LINK_BYTES);
    // Not a link, but kept; and what is kept reads back as the same view.
    assert_eq!(fit(&fragment), Fit::StorageOnly);
    assert_eq!(parse_stored(&fragment).unwrap(), view);
    let back = start("", Some(&fragment));
    assert_eq!(back.notice, None);
    assert_eq!(back.view(), view);
    // Saved by name too.
    let list = save_named(&[], "long", fragment.clone()).unwrap();
    assert_eq!(parse_stored(&list[0].view).unwrap(), view);
}

#[test]
fn item5_a_broken_link_keeps_the_last_session_one_click_away() {
    let mut last = AppState::with_preset(Lang::En, Preset::Quiz);
    last.apply(Action::SetNumber(NumberField::Seed, "7".into()));
    let stored = last.view().to_fragment();
    let broken = tampered(|j| j["m"]["layers"] = serde_json::json!([]));
    let mut state = start(&broken, Some(&stored));
    assert!(matches!(state.notice, Some(Notice::BadLink(_))));
    assert_eq!(state.restorable.as_deref(), Some(stored.as_str()));
    // Stepping is not a change of the view on purpose; the button still restores.
    state.apply(Action::Next);
    state.apply(Action::RestoreLast);
    assert_eq!(state.notice, Some(Notice::Restored));
    assert_eq!(state.view(), last.view());
    // A broken last session falls back on its backup.
    let state = AppState::at_start(&PageStart {
        last_session: Some("v1=garbage".into()),
        previous_session: Some(stored.clone()),
        ..PageStart::default()
    });
    assert!(matches!(state.notice, Some(Notice::BadStored(_))));
    assert_eq!(state.restorable.as_deref(), Some(stored.as_str()));
    // Nothing to restore: no button.
    let state = initial_state(Lang::En, &broken, None);
    assert_eq!(state.restorable, None);
}

#[test]
fn item8_offsets_names_and_replacing() {
    // A version-2 header declaring 4 GiB: a typed error, not an overflow.
    let mut npy = b"\x93NUMPY\x02\x00".to_vec();
    npy.extend_from_slice(&u32::MAX.to_le_bytes());
    npy.extend_from_slice(b"{'descr': '<f4'");
    assert_eq!(
        read_npy("a", &npy).unwrap_err(),
        ImportError::Npy {
            name: "a".into(),
            problem: NpyProblem::HeaderCutOff
        }
    );
    // A shape whose byte count overflows.
    let mut npy = b"\x93NUMPY\x01\x00".to_vec();
    let header = format!("{{'descr': '<f8', 'shape': ({}, 4), }}\n", usize::MAX / 2);
    npy.extend_from_slice(&(header.len() as u16).to_le_bytes());
    npy.extend_from_slice(header.as_bytes());
    assert!(read_npy("b", &npy).is_err());
    // Repeated names in a hand-edited list become distinct (the list is keyed by name).
    let list = parse_sessions(r#"[{"name":"x","view":""},{"name":"x","view":""}]"#).unwrap();
    assert_ne!(list[0].name, list[1].name);
    // Saving under a taken name says so and keeps the old view.
    let list = save_named(&[], "x", "v1=a".into()).unwrap();
    assert_eq!(
        save_named(&list, "x", "v1=b".into()),
        Err(SessionsError::Taken("x".into()))
    );
}
