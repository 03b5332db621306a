//! The models the training view trains: the one set up in the form and, when comparing
//! initializers, its twin from the other initializer, each with what the charts need
//! beyond the trainer's history.

use crate::rnn::InitScheme;
use crate::train::{TrainError, Trainer, TrainerConfig};

/// One model being trained, with what the charts need beyond the trainer's history.
pub struct Run {
    /// The trainer.
    pub trainer: Trainer,
    /// `(fractional epoch, loss)` of every optimizer step.
    pub batch_loss: Vec<(f64, f32)>,
    /// Spectral radii of the fresh weights (epoch 0 on the chart).
    pub initial_radii: Vec<f32>,
    /// Why the last step failed; training stops while it is set.
    pub error: Option<TrainError>,
}

impl Run {
    pub(crate) fn new(config: TrainerConfig) -> Result<Self, TrainError> {
        let trainer = Trainer::new(config)?;
        let initial_radii = trainer.spectral_radii();
        Ok(Self {
            trainer,
            batch_loss: Vec::new(),
            initial_radii,
            error: None,
        })
    }

    /// One optimizer step; false when it failed (the error is kept).
    pub(crate) fn step(&mut self) -> bool {
        match self.trainer.train_batch() {
            Ok(report) => {
                #[allow(
                    clippy::cast_precision_loss,
                    reason = "epoch and batch counts far below 2^52"
                )]
                let x = report.epoch as f64
                    + (report.batch + 1) as f64 / self.trainer.batches_per_epoch().max(1) as f64;
                self.batch_loss.push((x, report.loss));
                true
            }
            Err(error) => {
                self.error = Some(error);
                false
            }
        }
    }

    /// The learning rate the run trains with now.
    #[must_use]
    pub fn learning_rate(&self) -> f32 {
        crate::train::trainer::learning_rate(&self.trainer.config().optimizer)
    }

    /// The loss and accuracy to show: the last epoch's, else the last batch's loss.
    #[must_use]
    pub fn reading(&self) -> Reading {
        let last = self.trainer.history().last();
        Reading {
            loss: last
                .map(|r| r.loss)
                .or_else(|| self.batch_loss.last().map(|b| b.1)),
            accuracy: last.and_then(|r| r.accuracy),
        }
    }
}

/// The initializer the comparison trains next to `init`: uniform [0, 1) (the seed
/// chapter's numpy example) next to anything else, orthogonal Keras next to it.
#[must_use]
pub fn twin_init(init: InitScheme) -> InitScheme {
    if init == InitScheme::Uniform01 {
        InitScheme::Keras
    } else {
        InitScheme::Uniform01
    }
}

/// The models of the view: the one set up in the form, and the initializer twin.
#[derive(Default)]
pub struct Runs {
    /// The model set up in the form.
    pub main: Option<Run>,
    /// The same model from the other initializer, when comparing.
    pub compared: Option<Run>,
    /// Epochs to train.
    pub epochs: usize,
    /// The form changed since the runs were made: the next Train starts afresh.
    pub stale: bool,
}

impl Runs {
    pub(crate) fn finished(&self) -> bool {
        self.main
            .as_ref()
            .is_some_and(|m| m.trainer.epoch() >= self.epochs)
    }

    pub(crate) fn failed(&self) -> bool {
        self.main.as_ref().is_some_and(|m| m.error.is_some())
    }

    /// One batch of each model; false when training has to stop (finished or failed).
    pub(crate) fn step(&mut self) -> bool {
        let Some(main) = self.main.as_mut() else {
            return false;
        };
        let ok = main.step();
        let epochs = self.epochs;
        if let Some(twin) = self.compared.as_mut() {
            if twin.error.is_none() && twin.trainer.epoch() < epochs {
                twin.step();
            }
        }
        ok && !self.finished()
    }

    /// New runs from `config` (and its twin with the other initializer when comparing).
    pub(crate) fn start(
        &mut self,
        config: TrainerConfig,
        compare: bool,
        epochs: usize,
    ) -> Result<(), TrainError> {
        let twin = compare.then(|| TrainerConfig {
            init: twin_init(config.init),
            ..config.clone()
        });
        self.main = Some(Run::new(config)?);
        self.compared = match twin {
            Some(c) => Some(Run::new(c)?),
            None => None,
        };
        self.epochs = epochs;
        self.stale = false;
        Ok(())
    }

    /// Both runs, the main one first, with whether each is the twin.
    pub fn each(&self) -> impl Iterator<Item = (bool, &Run)> {
        self.main
            .iter()
            .map(|r| (false, r))
            .chain(self.compared.iter().map(|r| (true, r)))
    }
}

/// The loss and accuracy the status line shows for one model.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Reading {
    /// The last epoch's loss, else the last batch's.
    pub loss: Option<f32>,
    /// The last epoch's accuracy, for classification tasks.
    pub accuracy: Option<f32>,
}
