//! `model.summary()` text, character for character as tf.keras 2 (2.9 to 2.12) prints it
//! for a `Sequential` model, and the same table with `PyTorch`'s parameter counts.

use std::fmt::Write as _;

use super::validate::{ModelInfo, PytorchNote};

/// Width of every summary line (Keras' default `line_length` for sequential models).
const LINE_LENGTH: usize = 65;

/// Right edge of each column: Keras' `[int(65 * p) for p in (0.45, 0.85, 1.0)]`.
const POSITIONS: [usize; 3] = [29, 55, 65];

/// Prints one table row the way Keras' `print_row` does: each column is cut to its width
/// (minus two separating spaces), preferably right after a `),`-like break, and whatever
/// did not fit continues on the next line. A field wider than its column pushes the
/// following columns to the right, as in Keras.
fn push_row(out: &mut String, fields: &[String; 3]) {
    let mut left: Vec<Vec<char>> = fields.iter().map(|f| f.chars().collect()).collect();
    while left.iter().any(|field| !field.is_empty()) {
        let mut line: Vec<char> = Vec::with_capacity(LINE_LENGTH);
        for (column, field) in left.iter_mut().enumerate() {
            let start = if column > 0 { POSITIONS[column - 1] } else { 0 };
            let end = POSITIONS[column];
            let space = if column == POSITIONS.len() - 1 { 0 } else { 2 };
            let mut cutoff = (end - start - space).min(field.len());
            let fit: String = field[..cutoff].iter().collect();
            let breaks = ["),", "},", "],", "',"]
                .iter()
                .filter_map(|mark| fit.find(mark).map(|at| fit[..at].chars().count() + 2))
                .min();
            if let Some(at) = breaks {
                cutoff = at;
            }
            if column == 0 {
                line.push(' ');
            }
            line.extend(&field[..cutoff]);
            line.extend(std::iter::repeat_n(' ', space));
            field.drain(..cutoff);
            if line.len() < end {
                line.resize(end, ' ');
            }
        }
        out.extend(line);
        out.push('\n');
    }
}

/// `1234567` -> `1,234,567`, like Python's `f"{n:,}"`.
#[must_use]
pub fn group_thousands(number: u64) -> String {
    super::cost::group_thousands(number)
}

/// The table shared by both summaries, with the given parameter count per layer.
fn table(info: &ModelInfo, title: &str, params: impl Fn(usize) -> u64, total: u64) -> String {
    let rows: Vec<[String; 3]> = info
        .layers
        .iter()
        .enumerate()
        .map(|(index, layer)| {
            [
                format!("{} ({})", layer.name, layer.keras_class),
                layer.output_shape.to_string(),
                params(index).to_string(),
            ]
        })
        .collect();
    summary_table(title, &rows, total)
}

/// A `model.summary()` table as tf.keras 2 prints it: `title`, then one row per layer
/// (`name (Class)`, output shape, parameters), then the totals (every parameter
/// trainable). Used for documents and for saved Keras models, whose rows also list
/// layers that compute nothing at inference (dropout, noise).
#[must_use]
pub fn summary_table(title: &str, rows: &[[String; 3]], total: u64) -> String {
    let mut out = String::new();
    out.push_str(title);
    out.push('\n');
    out.push_str(&"_".repeat(LINE_LENGTH));
    out.push('\n');
    push_row(
        &mut out,
        &[
            "Layer (type)".to_string(),
            "Output Shape".to_string(),
            "Param #".to_string(),
        ],
    );
    out.push_str(&"=".repeat(LINE_LENGTH));
    out.push('\n');
    for row in rows {
        push_row(&mut out, row);
        out.push_str(&" ".repeat(LINE_LENGTH));
        out.push('\n');
    }
    out.push_str(&"=".repeat(LINE_LENGTH));
    out.push('\n');
    let total = group_thousands(total);
    let _ = writeln!(out, "Total params: {total}");
    let _ = writeln!(out, "Trainable params: {total}");
    out.push_str("Non-trainable params: 0\n");
    out.push_str(&"_".repeat(LINE_LENGTH));
    out.push('\n');
    out
}

impl ModelInfo {
    /// The text tf.keras 2 prints for `model.summary()`, one `\n` after every line.
    #[must_use]
    pub fn summary_text(&self) -> String {
        table(
            self,
            &format!("Model: \"{}\"", self.name),
            |index| self.layers[index].keras_params,
            self.keras_params(),
        )
    }

    /// The same table with `PyTorch`'s parameter counts, followed by the reason for each
    /// layer whose count differs from Keras'.
    #[must_use]
    pub fn pytorch_summary_text(&self) -> String {
        let mut out = table(
            self,
            &format!(
                "Model: \"{}\" (parameters counted as PyTorch does)",
                self.name
            ),
            |index| self.layers[index].pytorch_params,
            self.pytorch_params(),
        );
        let differing: Vec<_> = self
            .layers
            .iter()
            .filter(|layer| layer.pytorch_note != PytorchNote::Same)
            .collect();
        if differing.is_empty() {
            out.push_str("Keras counts the same.\n");
        } else if self.pytorch_params() == self.keras_params() {
            out.push_str("Keras counts the same; how the modules differ:\n");
            for layer in differing {
                let _ = writeln!(
                    out,
                    " {} ({}): {}",
                    layer.name, layer.keras_class, layer.pytorch_note
                );
            }
        } else {
            let _ = writeln!(
                out,
                "Keras counts {}; the difference:",
                group_thousands(self.keras_params())
            );
            for layer in differing {
                let _ = writeln!(
                    out,
                    " {} ({}): {}",
                    layer.name, layer.keras_class, layer.pytorch_note
                );
            }
        }
        out
    }
}
