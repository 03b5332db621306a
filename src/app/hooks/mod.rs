//! Yew hooks: drawing a chart on a canvas, the training view's frame loop, and the
//! page's effects (keys, the play timer, the remembered language, autosave).

pub mod canvas;
pub mod chart_canvas;
pub mod page;
pub mod render_count;
pub mod train_run;
