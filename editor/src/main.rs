//! Entry point of the editor's wasm binary: mount the editor page.

fn main() {
    ctieditor::run();
}
