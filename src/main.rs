//! Web entry: mounts the Yew app (built for wasm32; see scripts/serve.sh).

#[cfg(target_arch = "wasm32")]
fn main() {
    yew::Renderer::<unrolled::app::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "unrolled is the web app and runs in the browser: start it with scripts/serve.sh.\n\
         The command-line tool is unrolled-cli (cargo run --release --bin unrolled-cli -- --help)."
    );
    std::process::exit(2);
}
