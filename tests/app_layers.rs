//! The crate's house rules, checked over its sources (`src/`):
//!
//! - no module imports one that imports it back, directly or around a circle (every
//!   `use` and every `crate::`, `super::` and `self::` path, resolved through `pub use`
//!   re-exports to the file that defines the item);
//! - `src/app` is in layers, each importing only the layers above it: services, domain,
//!   state, i18n, hooks, components;
//! - the math and the pure layers never touch the browser or the framework (`model`,
//!   `rnn`, `charts`, `diagram`, `train`, `app::domain` and `app::i18n` import no yew,
//!   web-sys, gloo, wasm-bindgen or js-sys; `app::state` only yew's `Reducible`);
//! - no file of `src/app` is over 700 lines, and no component function over 200.
//!
//! The checker is a pure function of the sources, so the last tests plant a cycle, a
//! layer break, a long file and a long component, and see each reported.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test stops at the first broken fixture or setup, and says which"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The app's layers, top first: each may import only itself and the ones before it.
const LAYERS: [&str; 6] = ["services", "domain", "state", "i18n", "hooks", "components"];

/// Crates of the browser and the framework.
const FRAMEWORK: [&str; 8] = [
    "yew",
    "web_sys",
    "wasm_bindgen",
    "js_sys",
    "gloo_events",
    "gloo_timers",
    "gloo_render",
    "plotters_canvas",
];

const MAX_APP_FILE_LINES: usize = 700;
const MAX_COMPONENT_LINES: usize = 200;

/// A module: its path below the crate root (`["app", "state", "reduce"]`).
type Module = Vec<String>;

/// One source file.
struct Source {
    /// A `mod.rs` or `lib.rs`: its `pub use` lines are the module's face, not imports.
    is_parent: bool,
    text: String,
    /// `text` without comments and strings.
    code: String,
}

impl Source {
    fn new(is_parent: bool, text: String) -> Self {
        let code = code_only(&text);
        Self {
            is_parent,
            text,
            code,
        }
    }
}

/// The text with comments, strings and character literals blanked (lines kept).
fn code_only(text: &str) -> String {
    let bytes: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < bytes.len() {
        let c = bytes[i];
        let next = bytes.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < bytes.len() && bytes[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < bytes.len() {
                if bytes[i] == '/' && bytes.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if bytes[i] == '*' && bytes.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(bytes[i]));
                    i += 1;
                }
            }
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && !is_ident(out.chars().last())
        {
            // A raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while bytes.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if bytes.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let rest: String = bytes[j + 1..].iter().collect();
            let end = rest.find(&close).map_or(bytes.len(), |e| {
                j + 1 + rest[..e].chars().count() + close.len()
            });
            for ch in &bytes[i..end.min(bytes.len())] {
                out.push(blank(*ch));
            }
            i = end;
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < bytes.len() && bytes[i] != '"' {
                if bytes[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < bytes.len() {
                    out.push(blank(bytes[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && (bytes.get(i + 2) == Some(&'\'') || next == Some('\\')) {
            // A character literal ('x', '\n', '\''); a lifetime has no closing quote.
            let end = if next == Some('\\') {
                (i + 2..bytes.len())
                    .find(|&k| bytes[k] == '\'')
                    .map_or(i + 1, |k| k + 1)
            } else {
                i + 3
            };
            for _ in i..end {
                out.push(' ');
            }
            i = end;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_ident(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// The paths a `use` tree names: `a::{b, c::{d, e}}` gives `a::b`, `a::c::d`, `a::c::e`.
fn expand_use(tree: &str) -> Vec<Vec<String>> {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let prefix: Vec<String> = tree[..open]
            .trim_end_matches("::")
            .split("::")
            .filter(|s| !s.trim().is_empty())
            .map(|s| s.trim().to_owned())
            .collect();
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let mut depth = 0;
        let mut start = 0;
        let mut parts = Vec::new();
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(&inner[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        parts.push(&inner[start..]);
        parts
            .into_iter()
            .filter(|p| !p.trim().is_empty())
            .flat_map(expand_use)
            .map(|tail| prefix.iter().cloned().chain(tail).collect())
            .collect()
    } else {
        let path = tree.split(" as ").next().unwrap_or(tree);
        vec![path
            .split("::")
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()]
    }
}

/// Every path a file names: its `use` trees (all of them, or only those not `pub` in a
/// parent module) and the `crate::`, `super::` and `self::` paths in its code.
fn named_paths(code: &str, is_parent: bool) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let mut rest = code;
    while let Some(at) = find_word(rest, "use") {
        let before = rest[..at].trim_end();
        let public = before.ends_with("pub") || before.ends_with(')');
        let after = &rest[at + 3..];
        let end = after.find(';').unwrap_or(after.len());
        if !(is_parent && public) {
            paths.extend(expand_use(&after[..end]));
        }
        rest = &after[end..];
    }
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(found) = code[from..].find(start) {
            let at = from + found;
            from = at + start.len();
            if is_ident(code[..at].chars().last()) || code[..at].ends_with("::") {
                continue;
            }
            let path: String = code[at..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            paths.push(
                path.split("::")
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect(),
            );
        }
    }
    paths
}

/// The byte offset of `word` standing alone in `text`.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text[from..].find(word) {
        let at = from + found;
        let before = text[..at].chars().last();
        let after = text[at + word.len()..].chars().next();
        if !is_ident(before) && after.is_some_and(char::is_whitespace) {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// The whole crate, as the checker sees it.
struct Crate {
    sources: BTreeMap<Module, Source>,
}

impl Crate {
    fn read(root: &Path) -> Self {
        fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<Module, Source>) {
            for entry in std::fs::read_dir(dir).expect("read src") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    walk(&path, root, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let rel = path.strip_prefix(root).expect("inside src");
                    let mut module: Module = rel
                        .with_extension("")
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect();
                    // The binaries are crates of their own.
                    if module.first().is_some_and(|m| m == "main" || m == "bin") {
                        continue;
                    }
                    let is_parent =
                        matches!(module.last().map(String::as_str), Some("mod" | "lib"));
                    if is_parent {
                        module.pop();
                    }
                    let text = std::fs::read_to_string(&path).expect("read file");
                    out.insert(module, Source::new(is_parent, text));
                }
            }
        }
        let mut sources = BTreeMap::new();
        walk(root, root, &mut sources);
        Self { sources }
    }

    fn from_texts(files: &[(&str, &str)]) -> Self {
        let sources = files
            .iter()
            .map(|(path, text)| {
                let mut module: Module = path
                    .trim_end_matches(".rs")
                    .split('/')
                    .map(str::to_owned)
                    .collect();
                let is_parent = matches!(module.last().map(String::as_str), Some("mod" | "lib"));
                if is_parent {
                    module.pop();
                }
                (module.clone(), Source::new(is_parent, (*text).to_owned()))
            })
            .collect();
        Self { sources }
    }

    /// Where an item named by `path` (absolute, from the crate root) is defined: the
    /// deepest module on the path, followed through its `pub use` re-exports.
    fn resolve(&self, path: &[String], depth: usize) -> Module {
        let mut module: Module = Vec::new();
        let mut i = 0;
        while i < path.len() {
            let mut next = module.clone();
            next.push(path[i].clone());
            if self.sources.contains_key(&next) {
                module = next;
                i += 1;
            } else {
                break;
            }
        }
        if let (Some(item), true) = (path.get(i), depth < 8) {
            if let Some(target) = self.reexport(&module, item) {
                return self.resolve(&target, depth + 1);
            }
        }
        module
    }

    /// The absolute path `module`'s `pub use` lines give `item`, if any.
    fn reexport(&self, module: &Module, item: &str) -> Option<Vec<String>> {
        let source = self.sources.get(module)?;
        let mut rest = source.code.as_str();
        while let Some(at) = find_word(rest, "use") {
            let before = rest[..at].trim_end();
            let after = &rest[at + 3..];
            let end = after.find(';').unwrap_or(after.len());
            if before.ends_with("pub") || before.ends_with(')') {
                for path in expand_use(&after[..end]) {
                    if path.last().is_some_and(|last| last == item) {
                        return Some(absolute(module, source.is_parent, &path));
                    }
                }
            }
            rest = &after[end..];
        }
        None
    }

    /// Every module each module imports.
    fn edges(&self) -> BTreeMap<Module, BTreeSet<Module>> {
        let mut edges = BTreeMap::new();
        for (module, source) in &self.sources {
            let targets: BTreeSet<Module> = named_paths(&source.code, source.is_parent)
                .iter()
                .filter(|p| {
                    matches!(
                        p.first().map(String::as_str),
                        Some("crate" | "super" | "self")
                    )
                })
                .map(|p| self.resolve(&absolute(module, source.is_parent, p), 0))
                .filter(|t| t != module && !t.is_empty())
                .collect();
            edges.insert(module.clone(), targets);
        }
        edges
    }
}

/// `path` (starting with `crate`, `super` or `self`, or relative) from the crate root.
fn absolute(module: &Module, is_parent: bool, path: &[String]) -> Vec<String> {
    let mut base: Vec<String> = module.clone();
    let mut rest = path;
    match rest.first().map(String::as_str) {
        Some("crate") => {
            base.clear();
            rest = &rest[1..];
        }
        Some("self") => rest = &rest[1..],
        Some("super") => {
            while rest.first().is_some_and(|s| s == "super") {
                base.pop();
                rest = &rest[1..];
            }
        }
        _ => {
            // A path relative to this module (`use sub::Item` in a parent module).
            if !is_parent {
                base.pop();
            }
        }
    }
    base.extend(rest.iter().cloned());
    base
}

/// Every circle of imports: the strongly connected groups of more than one module.
fn cycles(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct Tarjan<'a> {
        edges: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<Module, usize>,
        low: BTreeMap<Module, usize>,
        stack: Vec<Module>,
        on_stack: BTreeSet<Module>,
        found: Vec<Vec<Module>>,
    }
    impl Tarjan<'_> {
        fn visit(&mut self, v: &Module) {
            let n = self.index.len();
            self.index.insert(v.clone(), n);
            self.low.insert(v.clone(), n);
            self.stack.push(v.clone());
            self.on_stack.insert(v.clone());
            for w in self.edges.get(v).into_iter().flatten() {
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v.clone(), low);
                } else if self.on_stack.contains(w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v.clone(), low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut group = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(&w);
                    let done = &w == v;
                    group.push(w);
                    if done {
                        break;
                    }
                }
                if group.len() > 1 {
                    group.sort();
                    self.found.push(group);
                }
            }
        }
    }
    let mut tarjan = Tarjan {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in edges.keys() {
        if !tarjan.index.contains_key(v) {
            tarjan.visit(v);
        }
    }
    tarjan.found
}

/// The app layer of `module`, as its place in [`LAYERS`].
fn layer(module: &Module) -> Option<usize> {
    if module.first().map(String::as_str) != Some("app") {
        return None;
    }
    LAYERS
        .iter()
        .position(|l| module.get(1).is_some_and(|m| m == l))
}

fn name(module: &Module) -> String {
    if module.is_empty() {
        "crate".to_owned()
    } else {
        module.join("::")
    }
}

/// Lines of each `#[component]` function, by name.
fn component_lengths(code: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = code[from..].find("#[component]") {
        let at = from + found;
        from = at + 1;
        let Some(fn_at) = code[at..].find("fn ").map(|f| at + f) else {
            continue;
        };
        let fn_name: String = code[fn_at + 3..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let Some(open) = code[fn_at..].find('{').map(|o| fn_at + o) else {
            continue;
        };
        let mut depth = 0;
        let mut close = code.len();
        for (i, c) in code[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        close = open + i;
                        break;
                    }
                }
                _ => {}
            }
        }
        let lines = code[fn_at..close].lines().count();
        out.push((fn_name, lines));
    }
    out
}

/// Everything wrong with `krate`, one line each.
fn problems(krate: &Crate) -> Vec<String> {
    let mut problems = Vec::new();
    let edges = krate.edges();
    for group in cycles(&edges) {
        let names: Vec<String> = group.iter().map(name).collect();
        problems.push(format!("import cycle: {}", names.join(" ↔ ")));
    }
    for (from, targets) in &edges {
        let Some(own) = layer(from) else { continue };
        for to in targets {
            if let Some(theirs) = layer(to) {
                if theirs > own {
                    problems.push(format!(
                        "layer break: {} ({}) imports {} ({}), which is below it",
                        name(from),
                        LAYERS[own],
                        name(to),
                        LAYERS[theirs]
                    ));
                }
            }
        }
    }
    for (module, source) in &krate.sources {
        let code = &source.code;
        let pure = matches!(
            module.first().map(String::as_str),
            Some("model" | "rnn" | "charts" | "diagram" | "train")
        ) || matches!(layer(module), Some(1..=3));
        if pure {
            for path in named_paths(code, false) {
                let Some(first) = path.first() else { continue };
                let allowed = layer(module) == Some(2)
                    && first == "yew"
                    && path.get(1).is_some_and(|p| p == "Reducible");
                if FRAMEWORK.contains(&first.as_str()) && !allowed {
                    problems.push(format!(
                        "{} is pure but imports {}",
                        name(module),
                        path.join("::")
                    ));
                }
            }
        }
        if module.first().map(String::as_str) == Some("app") {
            let lines = source.text.lines().count();
            if lines > MAX_APP_FILE_LINES {
                problems.push(format!(
                    "{} has {lines} lines; at most {MAX_APP_FILE_LINES}",
                    name(module)
                ));
            }
            for (component, lines) in component_lengths(code) {
                if lines > MAX_COMPONENT_LINES {
                    problems.push(format!(
                        "component {component} in {} has {lines} lines; at most {MAX_COMPONENT_LINES}",
                        name(module)
                    ));
                }
            }
        }
    }
    problems
}

fn the_crate() -> Crate {
    Crate::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

#[test]
fn the_crate_keeps_its_house_rules() {
    let krate = the_crate();
    assert!(krate.sources.len() > 50, "{} files", krate.sources.len());
    let problems = problems(&krate);
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn the_checker_sees_the_app_layers() {
    // The reducer imports the state's action through `state/mod.rs`'s re-export, the
    // domain's layers, and (by an inline path) the session: all resolved to their files.
    let krate = the_crate();
    let edges = krate.edges();
    let module = |p: &str| p.split("::").map(str::to_owned).collect::<Module>();
    let reduce = &edges[&module("app::state::reduce")];
    assert!(reduce.contains(&module("app::state::action")), "{reduce:?}");
    assert!(
        reduce.contains(&module("app::domain::layers")),
        "{reduce:?}"
    );
    let app = &edges[&module("app::components::app")];
    assert!(app.contains(&module("app::state::app_state")), "{app:?}");
    assert!(app.contains(&module("app::hooks::page")), "{app:?}");
    // model re-exports rnn's InitScheme: the state's import lands in rnn.
    let state = &edges[&module("app::state::app_state")];
    assert!(state.contains(&module("rnn::init")), "{state:?}");
}

#[test]
fn a_planted_cycle_is_reported() {
    let krate = Crate::from_texts(&[
        ("lib.rs", "pub mod a;\npub mod b;\npub mod c;\n"),
        ("a.rs", "use crate::b::Bee;\npub struct Ay;\n"),
        ("b.rs", "pub struct Bee(pub crate::c::Cee);\n"),
        ("c.rs", "// use crate::a::Ay; is a comment\npub struct Cee;\nfn f() -> super::a::Ay { super::a::Ay }\n"),
    ]);
    let problems = problems(&krate);
    assert_eq!(problems, ["import cycle: a ↔ b ↔ c"], "{problems:?}");
    // Without the way back there is no circle.
    let krate = Crate::from_texts(&[
        ("lib.rs", "pub mod a;\npub mod b;\n"),
        ("a.rs", "use crate::b::Bee;\npub struct Ay;\n"),
        (
            "b.rs",
            "/// Not crate::a::Ay.\npub struct Bee;\nconst S: &str = \"crate::a::Ay\";\n",
        ),
    ]);
    assert_eq!(problems_of(&krate), Vec::<String>::new());
}

fn problems_of(krate: &Crate) -> Vec<String> {
    problems(krate)
}

#[test]
fn a_cycle_through_a_re_export_is_reported() {
    // `state/mod.rs` re-exports `Action`; the domain reaching it closes a circle.
    let krate = Crate::from_texts(&[
        ("lib.rs", "pub mod app;\n"),
        ("app/mod.rs", "pub mod domain;\npub mod state;\n"),
        ("app/domain/mod.rs", "pub mod lang;\n"),
        (
            "app/domain/lang.rs",
            "use crate::app::state::Action;\npub enum Lang { En }\n",
        ),
        (
            "app/state/mod.rs",
            "pub mod action;\npub use action::Action;\n",
        ),
        (
            "app/state/action.rs",
            "use crate::app::domain::lang::Lang;\npub enum Action { SetLang(Lang) }\n",
        ),
    ]);
    let problems = problems(&krate);
    assert!(
        problems.contains(&"import cycle: app::domain::lang ↔ app::state::action".to_owned()),
        "{problems:?}"
    );
    assert!(
        problems.contains(
            &"layer break: app::domain::lang (domain) imports app::state::action (state), which is below it"
                .to_owned()
        ),
        "{problems:?}"
    );
}

#[test]
fn the_real_crate_with_a_planted_cycle_fails() {
    // The domain's language reaching back into a component closes a circle through the
    // whole app, and breaks the layers.
    let mut krate = the_crate();
    let lang: Module = ["app", "domain", "lang"].map(str::to_owned).to_vec();
    let source = krate.sources.get_mut(&lang).expect("domain::lang");
    source
        .text
        .push_str("\nfn planted() { let _ = crate::app::components::header::Overlay::Quiz; }\n");
    *source = Source::new(false, source.text.clone());
    let problems = problems(&krate);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("import cycle:") && p.contains("app::domain::lang")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("layer break: app::domain::lang")),
        "{problems:?}"
    );
}

#[test]
fn framework_imports_long_files_and_long_components_are_reported() {
    let long_component = format!(
        "#[component]\npub fn Huge() -> Html {{\n{}    html! {{}}\n}}\n",
        "    let x = 1;\n".repeat(MAX_COMPONENT_LINES)
    );
    let long_file = "// a line\n".repeat(MAX_APP_FILE_LINES + 1);
    let krate = Crate::from_texts(&[
        ("lib.rs", "pub mod app;\npub mod rnn;\n"),
        ("rnn/mod.rs", "use yew::prelude::*;\n"),
        (
            "app/mod.rs",
            "pub mod components;\npub mod domain;\npub mod state;\n",
        ),
        ("app/state/mod.rs", "use yew::Reducible;\n"),
        ("app/domain/mod.rs", "pub mod long;\n"),
        ("app/domain/long.rs", &long_file),
        ("app/components/mod.rs", "pub mod huge;\n"),
        ("app/components/huge.rs", &long_component),
    ]);
    let problems = problems(&krate);
    assert!(
        problems.contains(&"rnn is pure but imports yew::prelude::*".to_owned()),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("app::domain::long has 701 lines")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("component Huge in app::components::huge has")),
        "{problems:?}"
    );
    assert_eq!(problems.len(), 3, "{problems:?}");
}
