//! Every hostile payload of tests/data/hostile-attributes.json through the overlay model: no link outside http/https/tel/mailto or off its format's host, no style outside the allow-list, every text bounded, no panic.

mod overlay_common;

use engine::config::{LABEL_LIMIT, LINK_LIMIT, STYLE_LIMIT, STYLE_PROPERTIES, VALUE_LIMIT};
use engine::overlay::{Item, ItemKind, Overlay};
use overlay_common::{describe, document, render};
use serde_json::{Value, json};

const CORPUS: &str = include_str!("../../tests/data/hostile-attributes.json");

/// A string of the corpus: as written, or a list of parts (strings, `{"repeat": s, "times": n}`).
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(parts) => parts.iter().map(text).collect(),
        Value::Object(repeat) => repeat["repeat"]
            .as_str()
            .unwrap()
            .repeat(repeat["times"].as_u64().unwrap() as usize),
        other => panic!("not a corpus string: {other}"),
    }
}

/// The case's attribute records with the corpus defaults filled in, strings expanded.
fn records(case: &Value, index: usize) -> Vec<Value> {
    let name = case["name"].as_str().unwrap();
    let list = case["attributes"].as_array().unwrap();
    list.iter()
        .enumerate()
        .map(|(i, fields)| {
            let mut record = json!({
                "id": format!("h{index}-{i}"), "name": name, "label": "Label",
                "display": "KeyValue", "type": "Text", "format": "{{a}}", "defaultValue": "dflt",
            });
            for (key, value) in fields.as_object().unwrap() {
                record[key] = if value.is_null() {
                    Value::Null
                } else {
                    json!(text(value))
                };
            }
            record
        })
        .collect()
}

fn contact(case: &Value) -> Vec<(String, String)> {
    let pairs = case["contact"].as_array().unwrap();
    pairs
        .iter()
        .map(|pair| (text(&pair[0]), text(&pair[1])))
        .collect()
}

/// What every overlay must be, whatever went in; each broken promise as a sentence.
fn invariants(
    overlay: &Overlay,
    formats: &[(String, String)],
    fixed_host: Option<&str>,
) -> Vec<String> {
    let mut broken = Vec::new();
    for item in &overlay.items {
        let line = || excerpt(&describe(item));
        if item
            .label
            .as_ref()
            .is_some_and(|l| l.chars().count() > LABEL_LIMIT)
        {
            broken.push(format!("label over {LABEL_LIMIT}: {}", line()));
        }
        if item.text.chars().count() > VALUE_LIMIT {
            broken.push(format!("text over {VALUE_LIMIT}: {}", line()));
        }
        if let ItemKind::Link { href } = &item.kind {
            broken.extend(
                link_problem(item, href, formats, fixed_host).map(|p| format!("{p}: {}", line())),
            );
        }
        if item.attribute.is_none() && (item.kind != ItemKind::Text || !item.style.is_empty()) {
            broken.push(format!("a raw attribute is plain text: {}", line()));
        }
        let total: usize = item
            .style
            .iter()
            .map(|d| d.property.len() + d.value.len())
            .sum();
        if total > STYLE_LIMIT {
            broken.push(format!("style over {STYLE_LIMIT}: {}", line()));
        }
        for declaration in &item.style {
            if let Some(why) = style_problem(&declaration.property, &declaration.value) {
                broken.push(format!("{why}: {}", line()));
            }
        }
    }
    for problem in &overlay.problems {
        if format!("{problem:?}").chars().count() > 2_000 {
            broken.push(format!(
                "unbounded problem: {}",
                excerpt(&format!("{problem:?}"))
            ));
        }
    }
    broken
}

/// A link must parse (WHATWG), be http/https/tel/mailto, fit the limit, and keep a fixed host.
fn link_problem(
    item: &Item,
    href: &str,
    formats: &[(String, String)],
    fixed_host: Option<&str>,
) -> Option<String> {
    let Ok(url) = url::Url::parse(href) else {
        return Some("a link that is no URL".into());
    };
    if !["http", "https", "tel", "mailto"].contains(&url.scheme()) {
        return Some(format!("a {} link", url.scheme()));
    }
    if !href.starts_with(&format!("{}:", url.scheme())) || href.chars().count() > LINK_LIMIT {
        return Some("a link that is not what it says, or too long".into());
    }
    let format = formats
        .iter()
        .find(|(id, _)| Some(id.as_str()) == item.attribute.as_deref())
        .map(|(_, format)| format.as_str());
    let expected = fixed_host
        .map(str::to_owned)
        .or_else(|| format.and_then(host_of_format));
    match expected {
        Some(host) if url.host_str() != Some(host.as_str()) => Some(format!(
            "a link to {:?} from a format fixed to {host}",
            url.host_str()
        )),
        _ => None,
    }
}

/// The host a format plainly fixes: `http(s)://host/…` with the host ended by `/`, `?` or `#`
/// before any placeholder (worked out here independently of the engine).
fn host_of_format(format: &str) -> Option<String> {
    let prefix = &format[..format.find("{{").unwrap_or(format.len())];
    let rest = prefix.split_once("://")?.1;
    rest.find(['/', '?', '#'])?;
    url::Url::parse(prefix).ok()?.host_str().map(str::to_owned)
}

/// Independently of the engine's grammar: an allowed property, and a value that cannot load,
/// escape, compute or grow past a small size.
fn style_problem(property: &str, value: &str) -> Option<String> {
    if !STYLE_PROPERTIES.contains(&property) {
        return Some(format!("style property {property}"));
    }
    let lower = value.to_ascii_lowercase();
    let banned = [
        "url(",
        "var(",
        "attr(",
        "expression(",
        "image-set(",
        "calc(",
        "!",
        "\\",
        "/*",
        "*/",
        "<",
        ">",
        "{",
        "}",
        "@",
        ";",
        "vw",
        "vh",
        "vmin",
        "vmax",
    ];
    if let Some(bad) = banned.iter().find(|b| lower.contains(**b)) {
        return Some(format!("style value {value:?} holds {bad}"));
    }
    if !value.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return Some(format!("style value {value:?} is not printable ASCII"));
    }
    let too_big = lower.split([' ', ',', '(', ')']).any(|token| {
        let digits: String = token.chars().take_while(|c| c.is_ascii_digit()).collect();
        let unit = &token[digits.len()..];
        let whole: u64 = digits.parse().unwrap_or(0);
        (unit.starts_with("px") && whole > 32)
            || (unit.starts_with("em") && whole > 2)
            || (unit.starts_with("rem") && whole > 2)
            || (unit.starts_with("pt") && whole > 24)
    });
    too_big.then(|| format!("style value {value:?} is too large"))
}

fn excerpt(text: &str) -> String {
    text.chars().take(160).collect()
}

/// The case's own expectations about the configured items, in order.
fn expectations(case: &Value, overlay: &Overlay) -> Vec<String> {
    let configured: Vec<&Item> = overlay
        .items
        .iter()
        .filter(|i| i.attribute.is_some())
        .collect();
    let mut broken = Vec::new();
    if let Some(kinds) = case.get("kinds").and_then(Value::as_array) {
        let found: Vec<&str> = configured.iter().map(|i| i.kind.as_str()).collect();
        let expected: Vec<&str> = kinds.iter().map(|k| k.as_str().unwrap()).collect();
        if found != expected {
            broken.push(format!("kinds {found:?}, expected {expected:?}"));
        }
    }
    if let Some(texts) = case.get("texts").and_then(Value::as_array) {
        let found: Vec<&str> = configured.iter().map(|i| i.text.as_str()).collect();
        let expected: Vec<String> = texts.iter().map(text).collect();
        if found != expected {
            broken.push(format!("texts {found:?}, expected {expected:?}"));
        }
    }
    broken
}

fn run_case(case: &Value, index: usize) -> Vec<String> {
    let records = records(case, index);
    let formats: Vec<(String, String)> = records
        .iter()
        .map(|r| {
            let format = r["format"].as_str().unwrap_or_default().trim().to_owned();
            (r["id"].as_str().unwrap().to_owned(), format)
        })
        .collect();
    let show_all = case.get("showAll").and_then(Value::as_bool).unwrap_or(true);
    let feature = format!("ShowAttributesIfEmpty:true\nShowAllAttributes:{show_all}");
    let pairs = contact(case);
    let borrowed: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (overlay, _) = render(&document(records, &feature), &borrowed);
    let fixed_host = case.get("fixedHost").and_then(Value::as_str);
    let mut broken = invariants(&overlay, &formats, fixed_host);
    broken.extend(expectations(case, &overlay));
    if show_all
        && overlay
            .items
            .iter()
            .filter(|i| i.attribute.is_none())
            .count()
            != {
                let mut keys: Vec<&str> = borrowed.iter().map(|(k, _)| *k).collect();
                keys.sort_unstable();
                keys.dedup();
                keys.len()
            }
    {
        broken.push("ShowAllAttributes lists every distinct key once".into());
    }
    broken
}

#[test]
fn every_hostile_payload_stays_inert() {
    let corpus: Value = serde_json::from_str(CORPUS).unwrap();
    let cases = corpus["cases"].as_array().unwrap();
    assert!(cases.len() >= 150, "only {} hostile cases", cases.len());
    let mut failures = Vec::new();
    for (index, case) in cases.iter().enumerate() {
        let name = case["name"].as_str().unwrap();
        match std::panic::catch_unwind(|| run_case(case, index)) {
            Ok(broken) => failures.extend(broken.into_iter().map(|b| format!("{name}: {b}"))),
            Err(_) => failures.push(format!("{name}: panicked")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The checks above can fail: a link, a style and a text that break each promise are caught.
#[test]
fn the_invariants_catch_what_they_promise_to() {
    let item = |kind: ItemKind, text: &str, style: &[(&str, &str)]| Item {
        attribute: Some("r".into()),
        display: engine::overlay::Shown::KeyValue,
        kind,
        label: Some("L".into()),
        text: text.into(),
        style: style
            .iter()
            .map(|(p, v)| engine::config::StyleDeclaration {
                property: (*p).into(),
                value: (*v).into(),
            })
            .collect(),
    };
    let link = |href: &str| ItemKind::Link { href: href.into() };
    let formats = [("r".to_owned(), "https://crm.example/{{x}}".to_owned())];
    for (bad, host) in [
        (item(link("javascript:alert(1)"), "x", &[]), None),
        (item(link("https://evil.example/"), "x", &[]), None),
        (
            item(link("https://evil.example/"), "x", &[]),
            Some("crm.example"),
        ),
        (
            item(ItemKind::Text, &"x".repeat(VALUE_LIMIT + 1), &[]),
            None,
        ),
        (item(ItemKind::Text, "x", &[("position", "fixed")]), None),
        (item(ItemKind::Text, "x", &[("color", "url(x)")]), None),
        (item(ItemKind::Text, "x", &[("font-size", "99px")]), None),
    ] {
        let overlay = Overlay {
            items: vec![bad],
            problems: vec![],
        };
        assert_eq!(
            invariants(&overlay, &formats, host).len(),
            1,
            "{:?}",
            overlay.items[0]
        );
    }
    let good = Overlay {
        items: vec![item(
            link("https://crm.example/a"),
            "x",
            &[("color", "red")],
        )],
        problems: vec![],
    };
    assert_eq!(invariants(&good, &formats, None), Vec::<String>::new());
}
