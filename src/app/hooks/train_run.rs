//! The training view's state and its frame loop.
//!
//! [`use_train_run`] keeps one [`TrainState`] for the life of the panel and changes it
//! only through [`TrainHandle::dispatch`]. While it runs, each animation frame sends
//! [`TrainAction::Batch`] as often as fits in [`SLICE_BUDGET_MS`] (measured on the page's
//! clock), so input is handled between frames and Pause stops before the next frame; the
//! panel re-renders (readout and charts) at most every [`CHART_INTERVAL_MS`], and at once
//! after anything the user did.

use std::cell::{Cell, Ref, RefCell};
use std::rc::Rc;

use yew::prelude::*;

use crate::app::domain::train_run::{TrainAction, TrainState};
use crate::app::services::frames::{self, AnimationFrame};
use crate::app::services::timing;

/// Time one frame may spend training, in milliseconds: leaves most of a 60 Hz frame for
/// input, layout and drawing.
pub const SLICE_BUDGET_MS: f64 = 8.0;
/// The charts are redrawn at most this often while training, in milliseconds.
pub const CHART_INTERVAL_MS: f64 = 250.0;
/// At the paced rate (the default), an epoch starts at most this often, in milliseconds,
/// so that a small task's 30 epochs take seconds to watch instead of a blink.
pub const EPOCH_PACE_MS: f64 = 400.0;

/// Epochs the main model has finished.
fn epochs_done(state: &TrainState) -> usize {
    state
        .runs
        .main
        .as_ref()
        .map_or(0, |run| run.trainer.epoch())
}

/// The training view's state, shared by the panel's renders and its frame loop; made
/// once per panel, so its [`TrainHandle::callback`] stays the same across renders.
#[derive(Clone)]
pub struct TrainHandle {
    inner: Loop,
    callback: Callback<TrainAction>,
}

impl PartialEq for TrainHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner.state, &other.inner.state)
    }
}

impl TrainHandle {
    /// The state, to read while rendering.
    #[must_use]
    pub fn state(&self) -> Ref<'_, TrainState> {
        self.inner.state.borrow()
    }

    /// Applies `action`, starts or stops the frame loop to match, and re-renders.
    pub fn dispatch(&self, action: TrainAction) {
        self.inner.dispatch(action);
    }

    /// Whether epochs are paced (at most one per [`EPOCH_PACE_MS`]) rather than trained
    /// as fast as the frame budget allows.
    #[must_use]
    pub fn paced(&self) -> bool {
        self.inner.paced.get()
    }

    /// Paces the epochs or lets them run as fast as possible, and re-renders.
    pub fn set_paced(&self, paced: bool) {
        self.inner.paced.set(paced);
        self.inner.redraw.force_update();
    }

    /// `dispatch` as a callback (the same one for the life of the panel).
    #[must_use]
    pub fn callback(&self) -> Callback<TrainAction> {
        self.callback.clone()
    }
}

/// The state with the frame loop's handles.
#[derive(Clone)]
struct Loop {
    state: Rc<RefCell<TrainState>>,
    frame: Rc<RefCell<Option<AnimationFrame>>>,
    last_refresh: Rc<Cell<f64>>,
    /// Epochs are paced (the default) or as fast as possible.
    paced: Rc<Cell<bool>>,
    /// When the last epoch began, on the page's clock.
    epoch_began: Rc<Cell<f64>>,
    redraw: UseForceUpdateHandle,
}

impl Loop {
    fn dispatch(&self, action: TrainAction) {
        let running = {
            let Ok(mut state) = self.state.try_borrow_mut() else {
                return;
            };
            let tick = state.tick;
            state.reduce(action);
            if state.tick != tick {
                self.last_refresh.set(timing::now());
            }
            state.running
        };
        if running {
            self.schedule();
        } else {
            self.frame.borrow_mut().take();
        }
        self.redraw.force_update();
    }

    /// Asks for the next frame, unless one is pending.
    fn schedule(&self) {
        if self.frame.borrow().is_some() {
            return;
        }
        let this = self.clone();
        let frame = frames::next_frame(move |_| {
            this.frame.borrow_mut().take();
            this.slice();
        });
        *self.frame.borrow_mut() = frame;
    }

    /// One frame's work: train until the budget is spent, then show it when due.
    fn slice(&self) {
        let started = timing::now();
        let running = {
            let Ok(mut state) = self.state.try_borrow_mut() else {
                return;
            };
            let paced = self.paced.get();
            loop {
                let before = epochs_done(&state);
                // Paced: an epoch waits for its turn; the frames go on asking.
                if paced && before > 0 && started - self.epoch_began.get() < EPOCH_PACE_MS {
                    let first_batch = state
                        .runs
                        .main
                        .as_ref()
                        .is_some_and(|run| run.trainer.next_batch() == 0);
                    if first_batch {
                        break;
                    }
                }
                state.reduce(TrainAction::Batch);
                if paced && epochs_done(&state) != before {
                    self.epoch_began.set(timing::now());
                    // Show each epoch as it ends.
                    self.last_refresh.set(0.0);
                    break;
                }
                if !state.running || timing::now() - started >= SLICE_BUDGET_MS {
                    break;
                }
            }
            let now = timing::now();
            if state.running && now - self.last_refresh.get() >= CHART_INTERVAL_MS {
                state.reduce(TrainAction::Refresh);
            }
            state.running
        };
        if running {
            self.schedule();
        }
        // A stop (finished, failed) is shown at once; a running loop when charts are due.
        let now = timing::now();
        if !running || now - self.last_refresh.get() >= CHART_INTERVAL_MS {
            self.last_refresh.set(now);
            self.redraw.force_update();
        }
    }

    /// Stops the frame loop (the panel is going away).
    fn cancel(&self) {
        self.frame.borrow_mut().take();
    }
}

/// The training view's state for the life of the component, with its frame loop; a
/// hidden panel (`visible` false) pauses and keeps its runs.
#[hook]
pub fn use_train_run(visible: bool) -> TrainHandle {
    let redraw = use_force_update();
    let handle = (*use_memo((), move |()| {
        let inner = Loop {
            state: Rc::new(RefCell::new(TrainState::default())),
            frame: Rc::new(RefCell::new(None)),
            last_refresh: Rc::new(Cell::new(0.0)),
            paced: Rc::new(Cell::new(true)),
            epoch_began: Rc::new(Cell::new(0.0)),
            redraw,
        };
        let sender = inner.clone();
        TrainHandle {
            inner,
            callback: Callback::from(move |action| sender.dispatch(action)),
        }
    }))
    .clone();
    {
        let inner = handle.inner.clone();
        use_effect_with((), move |()| move || inner.cancel());
    }
    {
        let handle = handle.clone();
        use_effect_with(visible, move |&visible| {
            if !visible {
                handle.dispatch(TrainAction::Pause);
            }
        });
    }
    handle
}
