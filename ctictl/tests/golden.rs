//! Golden tests of the built `ctictl` binary: every `tests/data/*.json` is validated and its
//! output compared with the `.out` file next to it. `UPDATE_GOLDEN=1 cargo test -p ctictl`
//! rewrites the `.out` files after an intended change.

use std::path::Path;
use std::process::Command;

fn run(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_ctictl"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    format!(
        "{}-- stderr --\n{}-- exit {} --\n",
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        output.status.code().unwrap_or(-1)
    )
}

fn check(name: &str, args: &[&str]) {
    let actual = run(args);
    let expected_path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(format!("{name}.out"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&expected_path, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    assert_eq!(
        actual, expected,
        "{name}: output differs from {expected_path:?}"
    );
}

#[test]
fn the_contract_fixture_passes() {
    check(
        "fixture",
        &[
            "config",
            "validate",
            "../visualforce/force-app/main/default/staticresources/CtiAdapterConfigFixture.json",
        ],
    );
}

#[test]
fn documents() {
    for name in ["many-problems", "truncated", "apex-error", "warnings-only"] {
        check(
            name,
            &["config", "validate", &format!("tests/data/{name}.json")],
        );
    }
}

#[test]
fn usage_and_unreadable_files() {
    check("usage", &["config", "check"]);
    check(
        "missing-file",
        &["config", "validate", "tests/data/does-not-exist.json"],
    );
}
