//! Shared by the configuration tests: the contract fixture, and `check`, which patches it and compares the problems as `severity path kind` lines.
#![allow(dead_code)]

use engine::config;
use serde_json::Value;

pub const FIXTURE: &str = include_str!(
    "../../../visualforce/force-app/main/default/staticresources/CtiAdapterConfigFixture.json"
);

pub fn fixture() -> Value {
    serde_json::from_str(FIXTURE).unwrap()
}

/// Problems as `severity path kind` lines.
pub fn problems(text: &str) -> Vec<String> {
    config::parse(text, Some("ConnectSoftphone"))
        .problems
        .iter()
        .map(|p| {
            let severity = match p.severity {
                config::Severity::Error => "error",
                config::Severity::Warning => "warning",
            };
            format!("{severity} {} {}", p.at.path(), p.kind.as_str())
        })
        .collect()
}

/// Sets `pointer` (a JSON pointer into the fixture) to `value` and checks the problems.
pub fn check(pointer: &str, value: Value, expected: &[&str]) {
    let mut doc = fixture();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match doc.pointer_mut(parent).unwrap() {
        Value::Object(map) => {
            map.insert(key.to_owned(), value);
        }
        Value::Array(items) => {
            let index: usize = key.parse().unwrap();
            if index == items.len() {
                items.push(value);
            } else {
                items[index] = value;
            }
        }
        other => panic!("cannot patch into {other}"),
    }
    assert_eq!(
        problems(&doc.to_string()),
        expected,
        "after setting {pointer}"
    );
}

/// Replaces the first `find` in the fixture's text with `replace` and checks the problems: for
/// what `check` cannot write, such as a key twice in one object.
pub fn check_text(find: &str, replace: &str, expected: &[&str]) {
    let text = fixture().to_string();
    assert!(text.contains(find), "the fixture has no {find}");
    assert_eq!(
        problems(&text.replacen(find, replace, 1)),
        expected,
        "after replacing {find} with {replace}"
    );
}
