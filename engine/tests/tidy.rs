//! Keeps ARCHITECTURE.md true: a pure engine without dependencies or clock, short files, a true map.

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
    // The softphone, and the CTI attributes editor page with bindings of its own; the vendored
    // wasm-streams stand-in is bindings through and through, and still may not eval.
    let apps = [
        ("src", "src/bindings/"),
        ("editor/src", "editor/src/bindings/"),
        ("vendor/wasm-streams/src", "vendor/wasm-streams/src/"),
    ];
    for (file, bindings) in apps.iter().flat_map(|(dir, bindings)| {
        rust_files(&root().join(dir))
            .into_iter()
            .map(move |f| (f, *bindings))
    }) {
        let relative = file
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let text = fs::read_to_string(&file).unwrap();
        let in_bindings = relative.starts_with(bindings);
        for marker in ["extern \"C\"", "JsValue", "Closure"] {
            assert!(
                in_bindings || !text.contains(marker),
                "{relative} uses {marker}; move it to {bindings}"
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
        "editor/src",
        "i18n/src",
        "ctictl/src",
        "engine/tests",
        "ctictl/tests",
        "vendor/wasm-streams/src",
        "bench/presence/src",
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

/// ARCHITECTURE.md promises the engine has no dependencies at all: every crate it links would
/// have to be checked for browser access and clocks, and would grow the bundle.
#[test]
fn engine_has_no_dependencies() {
    let manifest = fs::read_to_string(root().join("engine/Cargo.toml")).unwrap();
    let mut section = String::new();
    for line in manifest.lines().map(str::trim) {
        if let Some(header) = line.strip_prefix('[') {
            section = header.trim_end_matches(']').trim().to_owned();
            assert!(
                dependency_section(&section) != Some(true),
                "engine/Cargo.toml declares [{section}]: the engine has no dependencies"
            );
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        assert!(
            dependency_section(&section).is_none(),
            "engine/Cargo.toml [{section}] lists `{line}`: the engine has no dependencies"
        );
    }
}

#[test]
fn dependency_sections_are_recognised() {
    for (section, expected) in [
        ("dependencies", Some(false)),
        ("build-dependencies", Some(false)),
        ("dependencies.serde", Some(true)),
        (
            "target.'cfg(target_arch = \"wasm32\")'.dependencies",
            Some(false),
        ),
        ("target.\"cfg(unix)\".dependencies.libc", Some(true)),
        ("dev-dependencies", None),
        ("target.'cfg(unix)'.dev-dependencies", None),
        ("package", None),
        ("lints", None),
    ] {
        assert_eq!(dependency_section(section), expected, "[{section}]");
    }
    assert!(contains_word("use std::time::Instant;", "Instant"));
    assert!(!contains_word("Instantly, an InstantReplay", "Instant"));
}

/// Whether a manifest section adds to what the engine links: `Some(false)` for a list
/// (`dependencies`, `build-dependencies`, `target.'cfg(…)'.dependencies`), `Some(true)` for a
/// header that declares one itself (`dependencies.foo`), `None` otherwise (dev-dependencies only
/// build the tests).
fn dependency_section(section: &str) -> Option<bool> {
    // Quoted parts (`'cfg(…)'`) may hold dots of their own.
    let unquoted: String = section.split(['\'', '"']).step_by(2).collect();
    let parts: Vec<&str> = unquoted.split('.').map(str::trim).collect();
    let at = parts
        .iter()
        .position(|p| matches!(*p, "dependencies" | "build-dependencies"))?;
    Some(at + 1 < parts.len())
}

/// The engine has no clock of its own: time comes from the host (`Clock`), so the same event
/// sequence always gives the same calls.
#[test]
fn engine_has_no_clock() {
    for file in rust_files(&root().join("engine/src")) {
        let text = fs::read_to_string(&file).unwrap();
        for banned in [
            "std::time",
            "core::time",
            "Instant",
            "SystemTime",
            "UNIX_EPOCH",
        ] {
            assert!(
                !contains_word(&text, banned),
                "{} uses {banned}; take time from the host's Clock",
                file.display()
            );
        }
    }
}

/// `word` in `text` with no identifier character right before or after it.
fn contains_word(text: &str, word: &str) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(at, _)| {
        !text[..at].chars().next_back().is_some_and(ident)
            && !text[at + word.len()..].chars().next().is_some_and(ident)
    })
}

/// Past 1,000 lines a file holds more than one responsibility; split it by what it is for.
#[test]
fn no_source_file_over_1000_lines() {
    const LIMIT: usize = 1000;
    let files = source_files();
    assert!(files.len() > 50, "only {} source files found", files.len());
    let long: Vec<String> = files
        .into_iter()
        .filter_map(|relative| {
            // A file listed by git but deleted in the work tree is on its way out.
            let text = fs::read_to_string(root().join(&relative)).ok()?;
            let lines = text.lines().count();
            (lines > LIMIT).then(|| format!("{relative} ({lines} lines)"))
        })
        .collect();
    assert!(
        long.is_empty(),
        "split by responsibility, each under {LIMIT} lines: {}",
        long.join(", ")
    );
}

/// Directories that hold build output, installed packages or git's own files.
const NOT_SOURCE: &[&str] = &["target", "node_modules", "dist", ".git"];
const SOURCE_EXTENSIONS: &[&str] = &["rs", "js", "mjs", "cls"];

/// Source files relative to the root: what git tracks or would track (not ignored), or, outside a
/// git checkout (a source archive), every file outside the build and package directories.
fn source_files() -> Vec<String> {
    let listed = std::process::Command::new("git")
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])
        .current_dir(root())
        .output()
        .ok()
        .filter(|out| out.status.success());
    let files: Vec<String> = match listed {
        Some(out) => String::from_utf8_lossy(&out.stdout)
            .split('\0')
            .filter(|f| !f.is_empty())
            .map(str::to_owned)
            .collect(),
        None => all_files(&root())
            .into_iter()
            .map(|p| {
                p.strip_prefix(root())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect(),
    };
    let mut files: Vec<String> = files
        .into_iter()
        .filter(|f| !f.split('/').any(|part| NOT_SOURCE.contains(&part)))
        .filter(|f| {
            Path::new(f)
                .extension()
                .is_some_and(|e| SOURCE_EXTENSIONS.iter().any(|x| e == *x))
        })
        .collect();
    files.sort();
    files.dedup();
    files
}

fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return files;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            if !NOT_SOURCE.contains(&name.as_str()) {
                files.extend(all_files(&path));
            }
        } else {
            files.push(path);
        }
    }
    files
}

/// Names in the code map that are not in this repository: Trunk's build output and the Salesforce
/// scripts the playground's bridge stands in for.
const MAP_NAMES_OUTSIDE: &[&str] = &["dist/", "opencti_min.js", "integration.js"];

/// Every path the code map names exists, so the map cannot silently rot when files move.
/// A path is looked up from the root, or inside the top-level directory its `###` section is
/// about (the map writes `format.rs` under `engine/`, `ui/mod.rs` under `src/ui/`).
#[test]
fn code_map_paths_exist() {
    let map = fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let section = map
        .split("\n## ")
        .find(|s| s.starts_with("Code map"))
        .expect("ARCHITECTURE.md has a ## Code map section");
    let mut checked = 0;
    let mut missing = Vec::new();
    let mut tops: Vec<PathBuf> = Vec::new();
    for line in section.lines() {
        let paths: Vec<&str> = line
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|token| is_path(token))
            .collect();
        if line.starts_with("### ") {
            tops = paths
                .iter()
                .filter_map(|p| p.split('/').next())
                .map(|top| root().join(top))
                .filter(|dir| dir.is_dir())
                .collect();
        }
        for path in paths {
            // Build output (`dist/…`) exists only after a build; the native tests run before it.
            if MAP_NAMES_OUTSIDE.contains(&path) || path.starts_with("dist/") {
                continue;
            }
            checked += 1;
            let found = root().join(path).exists()
                || tops
                    .iter()
                    .flat_map(|top| directories(top))
                    .any(|dir| dir.join(path).exists());
            if !found {
                missing.push(path);
            }
        }
    }
    assert!(checked > 20, "the code map names only {checked} paths");
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md's code map names paths that do not exist: {missing:?}"
    );
}

/// A backticked token that names a file or directory: `engine/src/json.rs`, `src/bindings/`,
/// `phone.rs`. Code (`Softphone::handle(…)`), messages and site paths (`/app/`) are not.
fn is_path(token: &str) -> bool {
    const EXTENSIONS: &[&str] = &[
        "rs", "js", "mjs", "cls", "json", "css", "html", "toml", "md", "sh",
    ];
    let plain = !token.is_empty()
        && !token.starts_with('/')
        && !token.contains([' ', ':', '(', '{', '<', '*', '=', '"']);
    let has_extension = Path::new(token)
        .extension()
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e == *x));
    plain && (token.contains('/') || has_extension)
}

/// `dir` and every directory under it, build and package directories aside.
fn directories(dir: &Path) -> Vec<PathBuf> {
    let mut dirs = vec![dir.to_path_buf()];
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() && !NOT_SOURCE.contains(&name.as_str()) {
                dirs.extend(directories(&path));
            }
        }
    }
    dirs
}
