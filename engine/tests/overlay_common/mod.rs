//! Shared by the overlay tests: the WHATWG URL parser (the `url` crate), and a configuration built around given attribute records.
#![allow(dead_code)]

use engine::config::{self, Severity};
use engine::overlay::{self, ContactAttributes, Item, Overlay, ParsedUrl, UrlParser};
use serde_json::{Value, json};

pub const FIXTURE: &str = include_str!(
    "../../../visualforce/force-app/main/default/staticresources/CtiAdapterConfigFixture.json"
);

/// What a browser's `new URL(text)` does, by the `url` crate (an implementation of the standard).
pub struct Whatwg;

impl UrlParser for Whatwg {
    fn parse(&self, text: &str) -> Option<ParsedUrl> {
        let url = url::Url::parse(text).ok()?;
        Some(ParsedUrl {
            href: url.as_str().to_owned(),
            scheme: url.scheme().to_owned(),
            host: url.host_str().unwrap_or_default().to_owned(),
        })
    }
}

/// The contract fixture with these attribute records and `FEATURE_CTI_ATTRIBUTES` set to
/// `feature` (its `Key:value` lines).
pub fn document(attributes: Vec<Value>, feature: &str) -> String {
    let mut doc: Value = serde_json::from_str(FIXTURE).unwrap();
    doc["attributes"] = Value::Array(attributes);
    doc["features"][0]["value"] = json!(feature);
    doc.to_string()
}

/// Decodes `document` and renders the overlay of `contact`: the overlay, and the configuration's
/// problems followed by the overlay's.
pub fn render(document: &str, contact: &[(&str, &str)]) -> (Overlay, Vec<config::Problem>) {
    let parsed = config::parse(document, None);
    let config = parsed.config.expect("a configuration");
    let contact = ContactAttributes::new(contact.iter().copied());
    let overlay = overlay::render(
        &config.attributes,
        config.features.cti_attributes,
        &contact,
        &Whatwg,
    );
    let mut problems = parsed.problems;
    problems.extend(overlay.problems.iter().cloned());
    (overlay, problems)
}

/// `Display kind label = text -> href [property: value; …]`, `-` for no label.
pub fn describe(item: &Item) -> String {
    let mut line = format!(
        "{} {} {} = {}",
        item.display.as_str(),
        item.kind.as_str(),
        item.label.as_deref().unwrap_or("-"),
        item.text
    );
    if let Some(href) = item.kind.href() {
        line.push_str(" -> ");
        line.push_str(href);
    }
    if !item.style.is_empty() {
        let style: Vec<String> = item
            .style
            .iter()
            .map(|d| format!("{}: {}", d.property, d.value))
            .collect();
        line.push_str(&format!(" [{}]", style.join("; ")));
    }
    line
}

/// `severity path kind`.
pub fn problem_line(problem: &config::Problem) -> String {
    let severity = match problem.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    format!("{severity} {} {}", problem.at.path(), problem.kind.as_str())
}
