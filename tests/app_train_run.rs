//! The training view's state machine, natively: Train, Pause, Step one batch and Reset
//! do what the buttons say, form edits mark the runs stale and get their messages, a NaN
//! stop keeps the last good weights and a lower learning rate goes on from them, and
//! "Follow in visualizer" is one action that shows the trained model with its example.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test stops at the first broken fixture or setup, and says which"
)]

use std::rc::Rc;

use unrolled::app::domain::import::ImportKind;
use unrolled::app::domain::inputs::InputSource;
use unrolled::app::domain::train_form::{FieldProblem, FormError, FormField, OptimizerKind};
use unrolled::app::domain::train_run::{FormEdit, Phase, TrainAction, TrainNotice, TrainState};
use unrolled::app::state::{Action, AppState};
use unrolled::model::CaseParameters;
use unrolled::train::TaskKind;
use yew::Reducible;

fn state(task: TaskKind) -> TrainState {
    let mut s = TrainState::default();
    s.reduce(TrainAction::SetTask(task));
    s
}

fn edit(s: &mut TrainState, e: FormEdit) {
    s.reduce(TrainAction::Edit(e));
}

/// Batches until the loop stops, at most `limit`.
fn train_out(s: &mut TrainState, limit: usize) {
    for _ in 0..limit {
        if !s.running {
            return;
        }
        s.reduce(TrainAction::Batch);
    }
}

#[test]
fn train_pause_step_and_reset_do_what_they_say() {
    let mut s = state(TaskKind::BitSum);
    assert!(s.status().is_none());
    edit(&mut s, FormEdit::Epochs("3".into()));
    s.reduce(TrainAction::Train);
    assert!(s.running);
    s.reduce(TrainAction::Batch);
    s.reduce(TrainAction::Pause);
    assert!(!s.running);
    let paused = s.status().unwrap();
    assert_eq!(paused.phase, Phase::Paused);
    assert_eq!(paused.epoch, 1);
    // A batch while paused does nothing; Step one batch trains exactly one.
    s.reduce(TrainAction::Batch);
    assert_eq!(s.status().unwrap().batch, paused.batch);
    let tick = s.tick;
    s.reduce(TrainAction::Step);
    assert_eq!(s.status().unwrap().batch, paused.batch + 1);
    assert!(s.tick > tick, "a step redraws the charts");
    s.reduce(TrainAction::Train);
    train_out(&mut s, 10_000);
    let done = s.status().unwrap();
    assert_eq!((done.phase, done.epoch, done.epochs), (Phase::Done, 3, 3));
    assert!(done.main.loss.is_some());
    s.reduce(TrainAction::Reset);
    assert!(s.status().is_none() && !s.has_run());
}

#[test]
fn form_edits_mark_the_runs_stale_and_explain_bad_fields() {
    let mut s = state(TaskKind::Echo);
    s.reduce(TrainAction::Step);
    assert!(s.has_run());
    edit(&mut s, FormEdit::Epochs("50".into()));
    assert!(
        !s.status().unwrap().stale,
        "epochs do not change what a run trains"
    );
    edit(&mut s, FormEdit::HiddenUnits("4".into()));
    assert!(s.status().unwrap().stale);
    edit(&mut s, FormEdit::BatchSize("0".into()));
    assert_eq!(
        s.field_errors,
        vec![(
            FormField::BatchSize,
            FieldProblem::Form(FormError::WholeNumber { min: 1, max: 512 })
        )]
    );
    // A bad field does not start training.
    s.reduce(TrainAction::Train);
    assert!(!s.running);
    edit(&mut s, FormEdit::BatchSize("16".into()));
    assert!(s.field_errors.is_empty());
    s.reduce(TrainAction::Train);
    assert!(
        s.running && !s.status().unwrap().stale,
        "Train starts afresh"
    );
    // Another task: a fresh form that keeps the two checkboxes.
    edit(&mut s, FormEdit::Compare(true));
    edit(&mut s, FormEdit::LogLoss(true));
    s.reduce(TrainAction::SetTask(TaskKind::Parity));
    assert!(!s.running && !s.has_run());
    assert!(s.form.compare && s.form.log_loss);
    assert_eq!(s.form.task, TaskKind::Parity);
}

#[test]
fn a_nan_stop_keeps_the_weights_and_a_lower_rate_goes_on() {
    let mut s = state(TaskKind::NoisySine);
    edit(&mut s, FormEdit::Optimizer(OptimizerKind::Sgd));
    edit(&mut s, FormEdit::LearningRate("1000000".into()));
    edit(&mut s, FormEdit::Epochs("200".into()));
    s.reduce(TrainAction::Train);
    train_out(&mut s, 10_000);
    let stopped = s.status().unwrap();
    assert_eq!(stopped.phase, Phase::Stopped);
    let alerts = s.alerts();
    assert_eq!(alerts.len(), 1);
    assert!(!alerts[0].compared);
    assert!((alerts[0].lower_rate - 0.01).abs() < 1e-9);
    // A lower rate applies to the stopped run; Train retries the same batch.
    edit(&mut s, FormEdit::LearningRate("0.001".into()));
    assert!(!s.status().unwrap().stale);
    s.reduce(TrainAction::Train);
    assert!(s.running);
    assert!(s.alerts().is_empty());
    s.reduce(TrainAction::Batch);
    assert!(s.status().unwrap().main.loss.is_some());
}

#[test]
fn the_character_model_samples_and_other_tasks_cannot() {
    let mut s = state(TaskKind::Parity);
    s.reduce(TrainAction::Step);
    assert!(!s.can_sample());
    let mut s = state(TaskKind::CharModel);
    edit(&mut s, FormEdit::Text("ab".into()));
    s.reduce(TrainAction::Train);
    assert!(!s.running);
    assert!(matches!(
        s.field_errors.as_slice(),
        [(FormField::Text, FieldProblem::Train(_))]
    ));
    let mut s = state(TaskKind::CharModel);
    s.reduce(TrainAction::Step);
    assert!(s.can_sample());
    s.reduce(TrainAction::Sample);
    let text = s.sample.clone().unwrap().unwrap();
    assert!(text.chars().count() >= 100, "{text}");
}

#[test]
fn following_is_one_action_with_the_example_as_input() {
    let mut s = state(TaskKind::NoisySine);
    assert!(s.for_visualizer().is_none());
    s.reduce(TrainAction::Step);
    edit(&mut s, FormEdit::Example("2".into()));
    let imported = s.for_visualizer().unwrap().unwrap();
    assert_eq!(imported.kind, ImportKind::Training);
    assert!(matches!(imported.input, Some(InputSource::Manual(_))));
    let imported = Rc::new(imported);

    let page = Rc::new(AppState::default());
    let before = Rc::clone(page.session.as_ref().unwrap());
    let followed = Rc::clone(&page).reduce(Action::FollowTraining(Rc::clone(&imported)));
    assert!(followed.errors.is_empty(), "{:?}", followed.errors);
    assert_eq!(followed.draft, imported.model);
    assert_eq!(Some(&followed.input), imported.input.as_ref());
    assert_eq!(followed.notice, None);
    let session = followed.session.as_ref().unwrap();
    assert!(!Rc::ptr_eq(session, &before));
    assert!(matches!(
        session.case.parameters,
        CaseParameters::Weights(_)
    ));

    // The three actions the view used to send end in the same view.
    let three = Rc::clone(&page)
        .reduce(Action::SetInput(imported.input.clone().unwrap()))
        .reduce(Action::Import(Rc::clone(&imported)))
        .reduce(Action::Dismiss);
    assert_eq!(three.draft, followed.draft);
    assert_eq!(three.input, followed.input);
    assert_eq!(three.imported, followed.imported);
    assert_eq!(three.selection, followed.selection);
    assert_eq!(three.notice, followed.notice);
    assert_eq!(
        three.session.as_ref().unwrap().case,
        followed.session.as_ref().unwrap().case
    );

    // Opening (not following) says so in both places.
    let opened = Rc::clone(&page).reduce(Action::Import(imported));
    assert!(opened.notice.is_some());
    s.reduce(TrainAction::Notice(Some(TrainNotice::Opened)));
    assert_eq!(s.notice, Some(TrainNotice::Opened));
}
