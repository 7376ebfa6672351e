//! Checks that keep the architecture honest: the engine stays pure and every module says what
//! it is for.

use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

#[test]
fn engine_depends_on_no_browser_crate() {
    for krate in ["engine", "i18n", "ctictl"] {
        pure_crate(krate);
    }
}

/// The crate's manifest and sources name no browser crate: it builds and tests natively.
fn pure_crate(krate: &str) {
    let manifest = fs::read_to_string(root().join(krate).join("Cargo.toml")).unwrap();
    for banned in [
        "wasm-bindgen",
        "web-sys",
        "js-sys",
        "gloo",
        "leptos",
        "serde-wasm-bindgen",
    ] {
        let used = manifest
            .lines()
            .any(|line| line.trim_start().starts_with(banned));
        assert!(!used, "{krate}/Cargo.toml must not depend on {banned}");
    }
    for file in rust_files(&root().join(krate).join("src")) {
        let text = fs::read_to_string(&file).unwrap();
        for banned in ["wasm_bindgen", "web_sys", "js_sys", "leptos", "JsValue"] {
            assert!(
                !text.contains(banned),
                "{} mentions {banned}",
                file.display()
            );
        }
    }
}

#[test]
fn only_bindings_touch_javascript() {
    for file in rust_files(&root().join("src")) {
        let relative = file
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let text = fs::read_to_string(&file).unwrap();
        let in_bindings = relative.starts_with("src/bindings/");
        for marker in ["extern \"C\"", "JsValue", "Closure"] {
            assert!(
                in_bindings || !text.contains(marker),
                "{relative} uses {marker}; move it to src/bindings/"
            );
        }
        assert!(
            !text.contains("inner_html"),
            "{relative}: inner_html is banned (never build HTML from strings)"
        );
        assert!(!text.contains("eval("), "{relative}: eval is banned");
    }
}

#[test]
fn every_module_starts_with_a_purpose_comment() {
    let mut files = rust_files(&root().join("engine/src"));
    for dir in [
        "src",
        "i18n/src",
        "ctictl/src",
        "engine/tests",
        "ctictl/tests",
    ] {
        files.extend(rust_files(&root().join(dir)));
    }
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        assert!(
            text.starts_with("//!"),
            "{} must open with a //! line saying what it is for",
            file.display()
        );
    }
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}
