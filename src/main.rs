//! Entry point of the wasm binary: mount the app.

fn main() {
    ctisoftphone::run();
}
