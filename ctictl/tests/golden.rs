//! Golden tests of the built `ctictl` binary: each `tests/data/NAME.args` is one case.
//!
//! A case's `.args` file holds the command's arguments, one a line (paths relative to the
//! crate); `NAME.stdin`, when present, is fed to standard input; the output (stdout, stderr,
//! exit status) is compared with `NAME.out`. `UPDATE_GOLDEN=1 cargo test -p ctictl` rewrites
//! the `.out` files after an intended change.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

fn run(args: &[&str], stdin: Option<Vec<u8>>) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ctictl"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(bytes) = stdin {
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), &bytes).unwrap();
    }
    let output = child.wait_with_output().unwrap();
    format!(
        "{}-- stderr --\n{}-- exit {} --\n",
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        output.status.code().unwrap_or(-1)
    )
}

fn check(case: &Path) -> Result<(), String> {
    let args_text = std::fs::read_to_string(case).unwrap();
    let args: Vec<&str> = args_text.lines().collect();
    let stdin = std::fs::read(case.with_extension("stdin")).ok();
    let actual = run(&args, stdin);
    let expected_path = case.with_extension("out");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&expected_path, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    if actual == expected {
        Ok(())
    } else {
        Err(format!(
            "{}: output differs from {}\n--- expected\n{expected}--- actual\n{actual}",
            case.display(),
            expected_path.display()
        ))
    }
}

#[test]
fn every_case_in_tests_data() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(data())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "args"))
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 10,
        "expected the golden cases in {:?}",
        data()
    );
    let failures: Vec<String> = cases.iter().filter_map(|case| check(case).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
