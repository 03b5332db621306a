//! The page's logic without the page: what the user can set (language, selection,
//! inputs, presets, the training form), what is computed from it (the session, chart
//! data, exports, quiz answers, the training run), and how views are written to and read
//! from links, saved sessions and imported files. No yew here and no browser; everything
//! is tested natively.

pub mod cell_settings;
pub mod chart_data;
pub mod chart_table;
pub mod classroom;
pub mod export;
pub mod gate_charts;
pub mod gate_formulas;
pub mod import;
pub mod import_error;
pub mod inputs;
pub mod keras_file;
pub mod labels;
pub mod lang;
pub mod layers;
pub mod limits;
pub mod link;
pub mod npz;
pub mod panel;
pub mod presets;
pub mod quiz;
pub mod selection;
pub mod session;
pub mod sessions;
pub mod tour;
pub mod train_charts;
pub mod train_form;
pub mod train_run;
pub mod train_runs;
pub mod trained_model;
pub mod weights_json;
