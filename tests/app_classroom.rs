//! The classroom natively: a link's `present=1` / `embed=1`, Escape and the list of keys
//! in the reducer, and the charts' text alternatives in both languages.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test stops at the first broken fixture or setup, and says which"
)]

use unrolled::app::domain::chart_data::ChartData;
use unrolled::app::domain::classroom::PageMode;
use unrolled::app::domain::selection::Selection;
use unrolled::app::i18n::classroom::chart_summary;
use unrolled::app::i18n::Lang;
use unrolled::app::state::view::PageStart;
use unrolled::app::state::{Action, AppState};

fn start(fragment: &str) -> AppState {
    AppState::at_start(&PageStart {
        fragment: fragment.to_owned(),
        ..PageStart::default()
    })
}

#[test]
fn a_link_opens_presenting_or_embedded_and_keeps_its_view() {
    let view = AppState::default().view().to_fragment();
    let presenting = start(&format!("{view}&present=1&hide=charts"));
    assert_eq!(presenting.mode, PageMode::Presenting);
    assert_eq!(presenting.hidden.len(), 1, "hide= still holds");
    assert_eq!(start("present=1").mode, PageMode::Presenting);
    assert_eq!(start(&format!("{view}&embed=1")).mode, PageMode::Embedded);
    assert_eq!(start(&view).mode, PageMode::Normal);
    // The address written back keeps the mode and reads the same view.
    let written = presenting.mode.add_to(&presenting.view().to_fragment());
    assert_eq!(start(&written).mode, PageMode::Presenting);
    assert_eq!(start(&written).view(), presenting.view());
}

#[test]
fn escape_closes_the_list_of_keys_then_leaves_presenting() {
    let mut state = AppState::default();
    state.apply(Action::SetMode(PageMode::Presenting));
    state.apply(Action::ToggleKeys);
    assert!(state.keys_open);
    state.apply(Action::Escape);
    assert!(!state.keys_open);
    assert_eq!(state.mode, PageMode::Presenting);
    state.apply(Action::Escape);
    assert_eq!(state.mode, PageMode::Normal);
    // Escape does not leave an embedded page (there is nowhere to go).
    state.apply(Action::SetMode(PageMode::Embedded));
    state.apply(Action::Escape);
    assert_eq!(state.mode, PageMode::Embedded);
}

#[test]
fn charts_say_what_they_show_in_both_languages() {
    let mut state = AppState::default();
    state.apply(Action::Next);
    let session = state.session.clone().unwrap();
    let data = ChartData::of(
        &session,
        Selection {
            timestep: 1,
            ..state.selection
        },
    )
    .unwrap();
    let labels = unrolled::app::domain::labels::ChartLabels::new(Lang::En, 0);
    let charts = data.charts(
        1,
        unrolled::app::domain::chart_data::ChartOptions::on_screen(&labels, true),
    );
    let en: Vec<String> = charts.iter().map(|c| chart_summary(c, Lang::En)).collect();
    let ko: Vec<String> = charts.iter().map(|c| chart_summary(c, Lang::Ko)).collect();
    assert!(
        en[0].starts_with("8 units over 10 steps. At t = 2 the highest is h["),
        "{}",
        en[0]
    );
    assert!(
        ko[0].starts_with("유닛 8개, 시점 10개. t = 2에서 가장 큰 값은 h["),
        "{}",
        ko[0]
    );
    assert!(
        en[1].contains("(negative blue, 0 white, positive red)") && ko[1].contains("음수는 파랑"),
        "{en:?} {ko:?}"
    );
    assert!(
        en[2].starts_with("At t = 2, ") && ko[2].starts_with("t = 2에서 "),
        "{en:?} {ko:?}"
    );
    // The numbers are the data's: the highest value at t = 2 is the row's maximum.
    let states = session
        .states(0, unrolled::rnn::Direction::Forward, 0)
        .unwrap();
    let max = states.row(1).iter().copied().fold(f32::MIN, f32::max);
    assert!(en[0].contains(&format!("{max:.3}")), "{} vs {max}", en[0]);
}
