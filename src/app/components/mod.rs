//! The panels: function components that take plain props (the parts of the state they
//! draw: `Rc<Session>`, `Selection`, `Lang`, …) and send what the user did upward as a
//! `Callback<Action>`. One component per file.

pub mod app;
pub mod cell_options;
pub mod cell_schematic_view;
pub mod cell_values;
pub mod chart_alt;
pub mod chart_figure;
pub mod chart_panel;
pub mod concepts_panel;
pub mod diagram_key;
pub mod diagram_view;
pub mod direction_note;
pub mod equation_panel;
pub mod export_panel;
pub mod formula;
pub mod gate_charts;
pub mod gate_panel;
pub mod gate_terms;
pub mod header;
pub mod hidden_state_region;
pub mod import_control;
pub mod input_controls;
pub mod keras_open;
pub mod keys_overlay;
pub mod layer_row;
pub mod model_controls;
pub mod notice_banner;
pub mod number_input;
pub mod present;
pub mod quiz_panel;
pub mod share_panel;
pub mod step_controls;
pub mod summary_panel;
pub mod tour_card;
pub mod train_charts;
pub mod train_fields;
pub mod train_panel;
pub mod update_notice;
