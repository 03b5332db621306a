//! The parameter quiz: the chapter's question, generated variations answered by the model
//! module, answer parsing, worked breakdowns and progress.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test stops at the first broken fixture or setup, and says which"
)]
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    clippy::float_cmp,
    clippy::many_single_char_names,
    clippy::unreadable_literal,
    clippy::print_stdout,
    clippy::items_after_statements,
    reason = "tests compare exact values from fixtures, cast small sizes, use the formulas' one-letter names and print their figures"
)]

use unrolled::app::domain::quiz::{
    parse_count, parse_shape, Answer, Asked, Question, QuizAction, QuizProgress, QuizState,
    Variation, Verdict,
};
use unrolled::app::i18n::Lang;
use unrolled::model::{LayerSpec, Shape};

const SEED: u64 = 1;

/// The first question of each variation, searching the first 40 questions.
fn first_of(variation: Variation) -> Question {
    (0..40)
        .map(|i| Question::nth(SEED, i))
        .find(|q| q.variation == variation)
        .unwrap_or_else(|| panic!("no {variation:?} question"))
}

fn params(q: &Question) -> u64 {
    match q.answer().expect("valid model") {
        Answer::Params(n) => n,
        Answer::Shape(s) => panic!("a shape question: {s}"),
    }
}

fn rnn_units(q: &Question) -> Vec<usize> {
    q.model
        .layers
        .iter()
        .filter_map(|l| match l {
            LayerSpec::SimpleRnn(r) => Some(r.units),
            _ => None,
        })
        .collect()
}

#[test]
fn the_first_question_is_the_chapters_and_its_answer_is_529441() {
    let q = Question::nth(SEED, 0);
    assert_eq!(q.variation, Variation::Chapter);
    assert_eq!(q.asked, Asked::Params);
    assert_eq!(params(&q), 529_441);
    assert_eq!(q.answer().expect("valid").to_string(), "529,441");
    for typed in ["529441", "529,441", " 529 441 ", "529_441"] {
        assert_eq!(q.check(typed), Verdict::Correct, "{typed}");
    }
    assert_eq!(q.check("529440"), Verdict::Wrong);
    assert_eq!(q.check("lots"), Verdict::Unreadable);
    assert!(q.keras_code().contains("model.add(Embedding(5000, 100))"));
    assert!(q.keras_code().contains("model.add(SimpleRNN(128))"));
}

#[test]
fn the_chapters_breakdown_uses_its_numbers_in_both_languages() {
    let q = Question::nth(SEED, 0);
    let en = q.breakdown(Lang::En).join("\n");
    assert!(en.contains("5,000 × 100 = 500,000"), "{en}");
    assert!(
        en.contains("units × (input + units + 1) = 128 × (100 + 128 + 1) = 29,312"),
        "{en}"
    );
    assert!(en.contains("1 × (128 + 1) = 129"), "{en}");
    assert!(en.contains("500,000 + 29,312 + 129 = 529,441"), "{en}");
    let ko = q.breakdown(Lang::Ko).join("\n");
    assert!(
        ko.contains("은닉 상태 크기 × (입력 차원 + 은닉 상태 크기 + 1) = 128 × (100 + 128 + 1)"),
        "{ko}"
    );
    assert!(
        ko.contains("합계: 500,000 + 29,312 + 129 = 529,441"),
        "{ko}"
    );
}

#[test]
fn questions_are_deterministic_for_a_seed_and_vary_between_seeds() {
    for i in 0..20 {
        assert_eq!(Question::nth(7, i), Question::nth(7, i));
    }
    let a: Vec<_> = (1..20).map(|i| Question::nth(7, i).model).collect();
    let b: Vec<_> = (1..20).map(|i| Question::nth(8, i).model).collect();
    assert_ne!(a, b);
}

#[test]
fn every_generated_question_has_an_answer_its_own_text_checks_as_correct() {
    for seed in [1, 2, 3] {
        for i in 0..30 {
            let q = Question::nth(seed, i);
            let answer = q.answer().expect("generated models are valid");
            assert_eq!(q.check(&answer.to_string()), Verdict::Correct, "{q:?}");
            let lines = q.breakdown(Lang::En);
            let last = lines.last().expect("a breakdown");
            assert!(last.ends_with(&answer.to_string()), "{last} vs {answer}");
            assert!(!q.breakdown(Lang::Ko).is_empty());
        }
    }
}

#[test]
fn bidirectional_doubles_the_recurrent_count() {
    let q = first_of(Variation::Bidirectional);
    let [u] = rnn_units(&q)[..] else {
        panic!("one layer")
    };
    let f = q.model.input.features.expect("features");
    assert_eq!(params(&q), 2 * (u * (f + u + 1)) as u64);
    assert!(q.keras_code().contains("Bidirectional(SimpleRNN("));
    let text = q.breakdown(Lang::En).join("\n");
    assert!(
        text.contains(&format!("2 × {u} × ({f} + {u} + 1)")),
        "{text}"
    );
}

#[test]
fn a_stacked_layer_reads_the_first_layers_output_width() {
    let q = first_of(Variation::Stacked);
    let [u1, u2] = rnn_units(&q)[..] else {
        panic!("two layers")
    };
    let f = q.model.input.features.expect("features");
    assert_eq!(params(&q), (u1 * (f + u1 + 1) + u2 * (u1 + u2 + 1)) as u64);
    let text = q.breakdown(Lang::En).join("\n");
    assert!(
        text.contains(&format!("{u2} × ({u1} + {u2} + 1)")),
        "{text}"
    );
}

#[test]
fn no_bias_drops_the_plus_one_and_a_dense_head_adds_its_own() {
    let q = first_of(Variation::NoBias);
    let [u] = rnn_units(&q)[..] else {
        panic!("one layer")
    };
    let f = q.model.input.features.expect("features");
    assert_eq!(params(&q), (u * (f + u)) as u64);
    assert!(q.keras_code().contains("use_bias=False"));

    let q = first_of(Variation::DenseHead);
    let [u] = rnn_units(&q)[..] else {
        panic!("one layer")
    };
    let f = q.model.input.features.expect("features");
    let Some(LayerSpec::Dense(d)) = q.model.layers.last() else {
        panic!("dense head")
    };
    assert_eq!(params(&q), (u * (f + u + 1) + d.units * (u + 1)) as u64);
}

#[test]
fn shape_questions_follow_return_sequences_and_batch_input_shape() {
    let q = first_of(Variation::ShapeSequences);
    assert_eq!(q.asked, Asked::OutputShape);
    let t = q.model.input.timesteps.expect("timesteps");
    let [u] = rnn_units(&q)[..] else {
        panic!("one layer")
    };
    assert_eq!(
        q.answer().expect("valid"),
        Answer::Shape(Shape(vec![None, Some(t), Some(u)]))
    );
    assert_eq!(q.check(&format!("(None, {t}, {u})")), Verdict::Correct);
    assert_eq!(q.check(&format!("none,{t},{u}")), Verdict::Correct);
    assert_eq!(q.check(&format!("(None, {u})")), Verdict::Wrong);

    let q = first_of(Variation::ShapeLastStep);
    let [u] = rnn_units(&q)[..] else {
        panic!("one layer")
    };
    assert_eq!(q.check(&format!("(None, {u})")), Verdict::Correct);

    let q = first_of(Variation::ShapeBatch);
    let b = q.model.input.batch.expect("batch");
    assert!(q
        .keras_code()
        .contains(&format!("batch_input_shape=({b}, ")));
    let Answer::Shape(shape) = q.answer().expect("valid") else {
        panic!("shape")
    };
    assert_eq!(shape.0.first(), Some(&Some(b)));

    let q = first_of(Variation::ShapeBidirectional);
    let [u] = rnn_units(&q)[..] else {
        panic!("one layer")
    };
    let Answer::Shape(shape) = q.answer().expect("valid") else {
        panic!("shape")
    };
    assert_eq!(shape.last(), Some(2 * u));
}

/// The embedding's vocabulary and width, the recurrent layer, and the dense head's count
/// of a question built on the chapter's model.
fn chapter_shape(q: &Question) -> (u64, u64, &LayerSpec, u64) {
    let [LayerSpec::Embedding(e), recurrent, LayerSpec::Dense(d)] = &q.model.layers[..] else {
        panic!("Embedding → recurrent → Dense: {q:?}")
    };
    let units = recurrent.recurrent().expect("recurrent").units as u64;
    (
        e.vocab as u64,
        e.dim as u64,
        recurrent,
        d.units as u64 * (units + 1),
    )
}

#[test]
fn the_lstm_question_counts_four_gate_blocks_and_says_why() {
    let q = first_of(Variation::Lstm);
    let (vocab, dim, layer, dense) = chapter_shape(&q);
    let LayerSpec::Lstm(l) = layer else {
        panic!("an LSTM: {layer:?}")
    };
    let u = l.units as u64;
    let simple = u * (dim + u) + u;
    // Keras: 4 · (u · (d + u) + u).
    assert_eq!(params(&q), vocab * dim + 4 * simple + dense);
    assert!(
        q.keras_code().contains(&format!("model.add(LSTM({u}))")),
        "{}",
        q.keras_code()
    );
    let en = q.breakdown(Lang::En).join("\n");
    assert!(
        en.contains("LSTM: 4 gate blocks (input i, forget f, candidate c̃, output o)"),
        "{en}"
    );
    assert!(
        en.contains(&format!("4 × ({u} × ({dim} + {u}) + {u})")),
        "{en}"
    );
    assert!(en.contains("Why 4×"), "{en}");
    assert!(
        en.contains(&format!("4 × {} = {}", group(simple), group(4 * simple))),
        "{en}"
    );
    let ko = q.breakdown(Lang::Ko).join("\n");
    assert!(ko.contains("왜 4배일까요?"), "{ko}");
    assert!(ko.contains("망각 f"), "{ko}");
}

#[test]
fn gru_questions_count_three_blocks_and_the_second_bias_of_reset_after() {
    let questions: Vec<Question> = (1..=4)
        .flat_map(|seed| (0..60).map(move |i| Question::nth(seed, i)))
        .filter(|q| q.variation == Variation::Gru)
        .collect();
    let mut seen = [false, false];
    for q in &questions {
        let (vocab, dim, layer, dense) = chapter_shape(q);
        let LayerSpec::Gru(g) = layer else {
            panic!("a GRU: {layer:?}")
        };
        let u = g.units as u64;
        let simple = u * (dim + u) + u;
        let en = q.breakdown(Lang::En).join("\n");
        let ko = q.breakdown(Lang::Ko).join("\n");
        if g.reset_after {
            // Keras: 3 · (u · (d + u) + 2u), the bias is (2, 3u).
            assert_eq!(params(q), vocab * dim + 3 * (simple + u) + dense);
            assert!(
                en.contains(&format!("3 × ({u} × ({dim} + {u}) + 2 × {u})")),
                "{en}"
            );
            assert!(en.contains(&format!("(2, 3 × {u})")), "{en}");
            assert!(
                en.contains(&format!(
                    "with reset_after=False it would be 3 × {}",
                    group(simple)
                )),
                "{en}"
            );
            assert!(ko.contains("입력 편향과 순환 편향"), "{ko}");
            assert!(
                q.keras_code().contains(&format!("model.add(GRU({u}))")),
                "{}",
                q.keras_code()
            );
        } else {
            // Keras: 3 · (u · (d + u) + u).
            assert_eq!(params(q), vocab * dim + 3 * simple + dense);
            assert!(
                en.contains("GRU (reset_after=False): 3 gate blocks"),
                "{en}"
            );
            assert!(
                en.contains(&format!("3 × {} = {}", group(simple), group(3 * simple))),
                "{en}"
            );
            assert!(ko.contains("왜 정확히 3배일까요?"), "{ko}");
            assert!(
                q.keras_code().contains("reset_after=False"),
                "{}",
                q.keras_code()
            );
        }
        seen[usize::from(g.reset_after)] = true;
    }
    assert_eq!(seen, [true, true], "both reset_after variants are asked");
}

fn group(n: u64) -> String {
    unrolled::model::group_thousands(n)
}

#[test]
fn answers_are_parsed_leniently() {
    assert_eq!(parse_count("529441"), Some(529_441));
    assert_eq!(parse_count("529,441"), Some(529_441));
    assert_eq!(parse_count(" 529 441 "), Some(529_441));
    assert_eq!(parse_count(""), None);
    assert_eq!(parse_count("5.2e5"), None);
    assert_eq!(parse_count("-3"), None);
    assert_eq!(
        parse_shape("(None, 10, 8)"),
        Some(Shape(vec![None, Some(10), Some(8)]))
    );
    assert_eq!(
        parse_shape(" ( none ,10,8 ) "),
        Some(Shape(vec![None, Some(10), Some(8)]))
    );
    assert_eq!(parse_shape("[8, 3]"), Some(Shape(vec![Some(8), Some(3)])));
    assert_eq!(parse_shape("(8,)"), Some(Shape(vec![Some(8)])));
    assert_eq!(parse_shape("(a, b)"), None);
    assert_eq!(parse_shape(""), None);
}

#[test]
fn progress_counts_first_tries_keeps_streaks_and_survives_a_reload() {
    let s = QuizState::default();
    let s = s.after(QuizAction::Submit("nonsense".into()));
    assert_eq!(s.feedback.as_ref().map(|f| f.0), Some(Verdict::Unreadable));
    assert_eq!(s.progress.answered, 0);
    let s = s.after(QuizAction::Submit("529,441".into()));
    assert_eq!(
        (s.progress.score, s.progress.streak, s.progress.answered),
        (1, 1, 1)
    );
    // Once right, the question does not count again.
    let s = s.after(QuizAction::Submit("529441".into()));
    assert_eq!((s.progress.score, s.progress.streak), (1, 1));
    let s = s.after(QuizAction::Next);
    assert_eq!(s.progress.index, 1);
    assert_eq!(s.feedback, None);
    let s = s.after(QuizAction::Submit("1".into()));
    assert_eq!(
        (s.progress.score, s.progress.streak, s.progress.answered),
        (1, 0, 2)
    );
    // A right answer after a wrong one keeps the score but starts a new streak.
    let answer = s.question().answer().expect("valid").to_string();
    let s = s.after(QuizAction::Submit(answer));
    assert_eq!(
        (s.progress.score, s.progress.streak, s.progress.answered),
        (1, 1, 2)
    );

    let saved = s.progress.to_json();
    assert_eq!(QuizProgress::from_json(&saved), Some(s.progress));
    assert_eq!(QuizProgress::from_json("not json"), None);

    let restarted = s.after(QuizAction::Restart);
    assert_eq!(restarted.progress.index, 0);
    assert_eq!(restarted.progress.score, 0);
    assert_ne!(restarted.progress.seed, s.progress.seed);
}

#[test]
fn show_me_loads_the_questions_model_into_the_visualizer() {
    use std::rc::Rc;
    use unrolled::app::state::{Action, AppState};
    use yew::Reducible;
    for i in 0..10 {
        let q = Question::nth(SEED, i);
        let state = Rc::new(AppState::default());
        let state = state.reduce(Action::LoadModel(
            Box::new(q.model.clone()),
            q.input_source(),
        ));
        assert!(state.errors.is_empty(), "{i}: {:?}", state.errors);
        let info = &state.session.as_ref().expect("computed").info;
        match q.answer().expect("valid") {
            Answer::Params(n) => assert_eq!(info.keras_params(), n),
            Answer::Shape(s) => assert_eq!(info.output_shape(), &s),
        }
        assert_eq!(state.preset, None);
    }
}

#[test]
fn the_tour_follows_the_chapter_and_resumes_where_it_stopped() {
    use unrolled::app::domain::presets::Preset;
    use unrolled::app::domain::tour::{resume_step, STEPS};
    assert_eq!(STEPS.first().map(|s| s.preset), Some(Preset::Diagram));
    assert_eq!(STEPS.last().map(|s| s.preset), Some(Preset::Quiz));
    assert!(STEPS.last().is_some_and(|s| s.opens_quiz));
    for step in STEPS {
        for lang in [Lang::En, Lang::Ko] {
            assert!(!step.title.text(lang).is_empty());
            assert!(step.body.text(lang).len() > 40);
        }
        assert!(step.target.starts_with('.'));
    }
    assert_eq!(resume_step(None), 0);
    assert_eq!(resume_step(Some("4")), 4);
    assert_eq!(resume_step(Some("done")), 0);
    assert_eq!(resume_step(Some("99")), 0);
}

#[test]
fn the_language_comes_from_the_link() {
    use unrolled::app::domain::lang::{lang_from_code, lang_from_query};
    assert_eq!(lang_from_query("?lang=ko"), Some(Lang::Ko));
    assert_eq!(lang_from_query("?x=1&lang=en"), Some(Lang::En));
    assert_eq!(lang_from_query("?lang=fr"), None);
    assert_eq!(lang_from_query(""), None);
    assert_eq!(lang_from_code("KO"), Some(Lang::Ko));
}
