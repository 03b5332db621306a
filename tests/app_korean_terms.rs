//! One term per idea in the page's Korean: walks every string literal with Hangul in
//! `src/app` (the words live in `i18n/`, a few templates in `domain/`) and checks the
//! terms the page settled on: `층 1` (not `1층` or `1번째 층`), `시점` for a timestep
//! (not `시간 단계`), Keras / numpy / PyTorch in Latin letters, `예제` only for the
//! chapter's examples, `처음부터 다시` for starting training afresh (`초기화` is weight
//! initialization), no space before a particle after a number (`0.99인`), and Korean
//! breaking between words (`word-break: keep-all`).
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test stops at the first broken fixture or setup, and says which"
)]

use std::path::{Path, PathBuf};

use unrolled::app::i18n::train::TrainText;
use unrolled::app::i18n::Lang;

fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The contents of every `"…"` literal of `source` (escapes kept as written; raw
/// strings and char literals are rare enough in the word files to be read as code).
fn string_literals(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = source.chars().peekable();
    let mut in_comment = false;
    let mut previous = ' ';
    while let Some(c) = chars.next() {
        if in_comment {
            if c == '\n' {
                in_comment = false;
            }
            previous = c;
            continue;
        }
        if c == '/' && chars.peek() == Some(&'/') {
            in_comment = true;
            continue;
        }
        if c == '\'' && previous != '&' && !previous.is_alphanumeric() {
            // A char literal such as '"': skip to its closing quote.
            let mut escaped = false;
            for d in chars.by_ref() {
                if d == '\'' && !escaped {
                    break;
                }
                escaped = d == '\\' && !escaped;
            }
            previous = '\'';
            continue;
        }
        if c == '"' {
            let mut text = String::new();
            let mut escaped = false;
            for d in chars.by_ref() {
                if d == '"' && !escaped {
                    break;
                }
                escaped = d == '\\' && !escaped;
                text.push(d);
            }
            out.push(text);
            previous = '"';
            continue;
        }
        previous = c;
    }
    out
}

/// Every Korean string of the page, with the file it is in.
fn korean_strings() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut out = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        // Tests inside a word file may quote wrong words on purpose.
        let source = source.split("#[cfg(test)]").next().unwrap_or_default();
        let name = file.strip_prefix(&root).unwrap().display().to_string();
        for text in string_literals(source) {
            if has_hangul(&text) {
                out.push((name.clone(), text));
            }
        }
    }
    assert!(out.len() > 300, "only {} Korean strings found", out.len());
    out
}

/// The strings that contain `needle`, as `file: text` lines.
fn offenders(strings: &[(String, String)], bad: impl Fn(&str) -> bool) -> Vec<String> {
    strings
        .iter()
        .filter(|(_, text)| bad(text))
        .map(|(file, text)| format!("{file}: {text}"))
        .collect()
}

/// A number (or a `{placeholder}`) right before `word`, as in `1층`, `{n}층`.
fn number_before(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || c == '}')
    })
}

#[test]
fn layers_are_numbered_one_way() {
    let strings = korean_strings();
    let bad = offenders(&strings, |t| {
        number_before(t, "층") || number_before(t, "번째 층") || number_before(t, "번 층")
    });
    assert!(
        bad.is_empty(),
        "write 층 1, not 1층 or 1번째 층:\n{}",
        bad.join("\n")
    );
}

#[test]
fn a_timestep_is_a_siijeom() {
    let strings = korean_strings();
    let bad = offenders(&strings, |t| t.contains("시간 단계"));
    assert!(
        bad.is_empty(),
        "write 시점, not 시간 단계:\n{}",
        bad.join("\n")
    );
}

#[test]
fn library_names_are_written_in_latin_letters() {
    let strings = korean_strings();
    for (hangul, latin) in [
        ("케라스", "Keras"),
        ("넘파이", "numpy"),
        ("파이토치", "PyTorch"),
    ] {
        let bad = offenders(&strings, |t| t.contains(hangul));
        assert!(
            bad.is_empty(),
            "write {latin}, not {hangul}:\n{}",
            bad.join("\n")
        );
    }
}

#[test]
fn an_example_is_a_preset_and_a_training_item_is_a_sample() {
    let strings = korean_strings();
    let bad: Vec<String> = strings
        .iter()
        .filter(|(file, text)| {
            file.contains("train") && text.contains("예제") && !text.contains("numpy 예제")
        })
        .map(|(file, text)| format!("{file}: {text}"))
        .collect();
    assert!(
        bad.is_empty(),
        "training items are 샘플, 예제 is a preset:\n{}",
        bad.join("\n")
    );
}

#[test]
fn starting_training_afresh_is_not_initialization() {
    assert_eq!(TrainText::Reset.text(Lang::Ko), "처음부터 다시");
    let strings = korean_strings();
    let bad = offenders(&strings, |t| {
        t.contains("초기화를 눌러") || t.contains("초기화를 누르")
    });
    assert!(
        bad.is_empty(),
        "the button is 처음부터 다시:\n{}",
        bad.join("\n")
    );
}

#[test]
fn particles_follow_numbers_without_a_space() {
    let strings = korean_strings();
    let bad = offenders(&strings, |t| {
        ["인 ", "은 ", "는 ", "이 ", "가 "].iter().any(|particle| {
            t.match_indices(&format!(" {particle}")).any(|(at, _)| {
                t[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_digit())
            })
        })
    });
    assert!(
        bad.is_empty(),
        "write 0.99인, not 0.99 인:\n{}",
        bad.join("\n")
    );
}

#[test]
fn korean_breaks_between_words() {
    let css =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("static/style.css"))
            .unwrap();
    let rule = css
        .lines()
        .find(|l| l.contains(":lang(ko)"))
        .expect("a :lang(ko) rule in static/style.css");
    assert!(rule.contains("word-break: keep-all"), "{rule}");
}

#[test]
fn the_walk_finds_what_it_looks_for() {
    // The checks can fail: planted words are found.
    let planted = string_literals(
        r#"let a = "2층, 시간 단계"; // "케라스"
        let b = '"'; let c = "넘파이 예제";"#,
    );
    assert_eq!(
        planted,
        vec!["2층, 시간 단계".to_owned(), "넘파이 예제".to_owned()]
    );
    assert!(number_before(&planted[0], "층"));
    assert!(!number_before("층 2", "층"));
}
