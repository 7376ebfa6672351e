//! The CTI attributes overlay of one contact as data: the lines to show, with labels, text, checked links and allowed styles, and every problem; the UI only draws it.

use crate::config::{
    AttributeKind, CtiAttribute, CtiAttributesFeature, Display, LABEL_LIMIT, LINK_LIMIT, Location,
    Problem, ProblemKind, STYLE_LIMIT, Section, Severity, StyleDeclaration, Template, VALUE_LIMIT,
    bound, check_declaration, excerpt,
};
use std::collections::HashMap;

/// Schemes a link may have; anything else is shown as text.
pub const LINK_SCHEMES: &[&str] = &["http", "https", "tel", "mailto"];

/// The WHATWG URL parser, with no base URL. The browser implements it with `new URL(text)`;
/// native code with the `url` crate.
pub trait UrlParser {
    /// `None` when `text` is not a valid URL.
    fn parse(&self, text: &str) -> Option<ParsedUrl>;
}

/// What the overlay needs of a parsed URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedUrl {
    /// The serialised URL (`url.href`).
    pub href: String,
    /// Lower case, without the colon (`url.protocol` minus its `:`).
    pub scheme: String,
    /// The host without port (`url.hostname`); empty when there is none (`tel:`, `mailto:`).
    pub host: String,
}

/// The overlay of one contact.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overlay {
    /// In order: the configured attributes (Display None left out), then, with
    /// ShowAllAttributes, every raw contact attribute. Empty: show no overlay.
    pub items: Vec<Item>,
    /// What was cut, or shown as text instead of a link, and why; all warnings.
    pub problems: Vec<Problem>,
}

/// One line of the overlay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// The CTI attribute record's id; `None` for a raw contact attribute.
    pub attribute: Option<String>,
    pub display: Shown,
    pub kind: ItemKind,
    /// `None` when the label is not shown (Display Value).
    pub label: Option<String>,
    /// What the agent reads (and copies); empty for a section.
    pub text: String,
    /// Applies to the label and the text; every declaration is in the allow-list.
    pub style: Vec<StyleDeclaration>,
}

/// How an item is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    KeyValue,
    /// The label alone: a section header.
    Key,
    Value,
}

impl Shown {
    pub fn as_str(self) -> &'static str {
        match self {
            Shown::KeyValue => "KeyValue",
            Shown::Key => "Key",
            Shown::Value => "Value",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemKind {
    Text,
    /// `href` is a parsed http, https, tel or mailto URL of at most `LINK_LIMIT` characters.
    Link {
        href: String,
    },
    Section,
}

impl ItemKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            ItemKind::Text => "text",
            ItemKind::Link { .. } => "link",
            ItemKind::Section => "section",
        }
    }

    pub fn href(&self) -> Option<&str> {
        match self {
            ItemKind::Link { href } => Some(href),
            _ => None,
        }
    }
}

/// A contact's attributes as Streams' `getAttributes()` gives them, in order. A key given twice
/// keeps its first place and its last value, as `JSON.parse` does.
#[derive(Clone, Debug, Default)]
pub struct ContactAttributes<'a> {
    pairs: Vec<(&'a str, &'a str)>,
    places: HashMap<&'a str, usize>,
}

impl<'a> ContactAttributes<'a> {
    pub fn new(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut attributes = ContactAttributes::default();
        for (key, value) in pairs {
            match attributes.places.get(key) {
                Some(&place) => attributes.pairs[place].1 = value,
                None => {
                    attributes.places.insert(key, attributes.pairs.len());
                    attributes.pairs.push((key, value));
                }
            }
        }
        attributes
    }

    /// The value of exactly this key (case and spaces count; no paths, no inherited names).
    pub fn get(&self, key: &str) -> Option<&'a str> {
        self.places.get(key).map(|&place| self.pairs[place].1)
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'a str, &'a str)> + '_ {
        self.pairs.iter().copied()
    }
}

/// The overlay of one contact: its attributes through the configured CTI attributes.
///
/// Product rules (issue 16): a format is expanded once, left to right (`config::Template`);
/// everything is text; only a Hyperlink attribute's expanded value can become a link, and only
/// when the WHATWG URL parser (no base) reads it as http, https, tel or mailto and, when the
/// format fixes the host, the host is still that one. The Default Value, labels and raw
/// attributes are always text. Every text is bounded (`config::*_LIMIT`), in linear time.
pub fn render(
    attributes: &[CtiAttribute],
    feature: CtiAttributesFeature,
    contact: &ContactAttributes,
    urls: &dyn UrlParser,
) -> Overlay {
    let mut overlay = Overlay::default();
    // ShowAttributesIfEmpty: without attributes, the overlay shows only if the admin wants it.
    if contact.is_empty() && !feature.show_if_empty {
        return overlay;
    }
    for attribute in attributes {
        if let Some(item) = configured(attribute, contact, urls, &mut overlay.problems) {
            overlay.items.push(item);
        }
    }
    if feature.show_all {
        for (key, value) in contact.iter() {
            overlay.items.push(raw(key, value, &mut overlay.problems));
        }
    }
    overlay
}

fn configured(
    attribute: &CtiAttribute,
    contact: &ContactAttributes,
    urls: &dyn UrlParser,
    problems: &mut Vec<Problem>,
) -> Option<Item> {
    let mut report = |field: &str, kind| problems.push(record_problem(attribute, field, kind));
    let display = match attribute.display {
        Display::None => return None,
        Display::KeyValue => Shown::KeyValue,
        Display::Key => Shown::Key,
        Display::Value => Shown::Value,
    };
    let (kind, text) = match display {
        Shown::Key => (ItemKind::Section, String::new()),
        _ => value(attribute, contact, urls, &mut report),
    };
    Some(Item {
        attribute: Some(attribute.id.clone()),
        display,
        kind,
        label: (display != Shown::Value).then(|| bound(&attribute.label, LABEL_LIMIT).0),
        text,
        style: allowed(&attribute.style),
    })
}

/// The value of a KeyValue or Value attribute: the expanded format (the Default Value when the
/// format has placeholders and the contact has none of their keys), a link when it may be one.
fn value(
    attribute: &CtiAttribute,
    contact: &ContactAttributes,
    urls: &dyn UrlParser,
    report: &mut impl FnMut(&str, ProblemKind),
) -> (ItemKind, String) {
    let format = &attribute.format;
    let expanded = format.expand(|key| contact.get(key), VALUE_LIMIT);
    if format.has_placeholders() && !expanded.found_any {
        let (text, _) = bound(&attribute.default_value, crate::config::DEFAULT_LIMIT);
        return (ItemKind::Text, text);
    }
    if expanded.cut {
        report("format", ProblemKind::TooLong { limit: VALUE_LIMIT });
    }
    let text = expanded.text;
    if attribute.kind == AttributeKind::Text || text.is_empty() {
        return (ItemKind::Text, text);
    }
    match link(&text, format, urls) {
        Ok(href) => (ItemKind::Link { href }, text),
        Err(problem) => {
            report("format", problem);
            (ItemKind::Text, text)
        }
    }
}

/// The checked address of an expanded hyperlink, or why it stays text.
fn link(text: &str, format: &Template, urls: &dyn UrlParser) -> Result<String, ProblemKind> {
    let too_long = ProblemKind::LinkTooLong { limit: LINK_LIMIT };
    if text.chars().nth(LINK_LIMIT).is_some() {
        return Err(too_long);
    }
    let url = urls.parse(text).ok_or_else(|| ProblemKind::LinkNotAUrl {
        value: excerpt(text),
    })?;
    // The address itself must start with the scheme the parser reports, whatever the parser.
    let claimed = url.href.split_once(':').map(|(scheme, _)| scheme);
    if !LINK_SCHEMES.contains(&url.scheme.as_str()) || claimed != Some(url.scheme.as_str()) {
        return Err(ProblemKind::LinkSchemeRefused {
            value: excerpt(text),
            scheme: excerpt(&url.scheme),
        });
    }
    if let Some(expected) = fixed_host(format, urls)
        && url.host != expected
    {
        return Err(ProblemKind::LinkHostChanged {
            value: excerpt(text),
            expected: excerpt(&expected),
            found: excerpt(&url.host),
        });
    }
    if url.href.chars().nth(LINK_LIMIT).is_some() {
        return Err(too_long);
    }
    Ok(url.href)
}

/// The host a hyperlink format fixes: its text before the first placeholder holds
/// `scheme://host` ended by `/`, `?`, `#`, `\` or a port's `:` (`https://crm.example/{{id}}`,
/// `https://crm.example:{{port}}/`). A host a placeholder completes
/// (`https://{{tenant}}.crm.example/`) is the contact data's to choose.
pub fn fixed_host(format: &Template, urls: &dyn UrlParser) -> Option<String> {
    let prefix = format.fixed_prefix();
    if prefix.chars().nth(LINK_LIMIT).is_some() {
        return None;
    }
    // As the URL parser reads it: leading spaces and controls skipped, tabs and breaks ignored.
    let cleaned: String = prefix
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let authority_start = cleaned.find("://")? + 3;
    let rest = &cleaned[authority_start..];
    let end = rest.find(['/', '?', '#', '\\']);
    let authority = &rest[..end.unwrap_or(rest.len())];
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let port_follows = host.rsplit(']').next().unwrap_or(host).contains(':');
    if end.is_none() && !port_follows {
        return None;
    }
    let origin = &cleaned[..authority_start + authority.len()];
    let url = urls.parse(origin)?;
    (!url.host.is_empty()).then_some(url.host)
}

/// A raw contact attribute (ShowAllAttributes): its key as the label, its value as text.
fn raw(key: &str, value: &str, problems: &mut Vec<Problem>) -> Item {
    let (label, label_cut) = bound(key, LABEL_LIMIT);
    let (text, text_cut) = bound(value, VALUE_LIMIT);
    for (cut, limit) in [(label_cut, LABEL_LIMIT), (text_cut, VALUE_LIMIT)] {
        if cut {
            problems.push(Problem {
                severity: Severity::Warning,
                at: Location {
                    section: Section::Contact,
                    index: None,
                    record_id: None,
                    record_name: None,
                    field: Some(excerpt(key)),
                    flow: None,
                },
                kind: ProblemKind::TooLong { limit },
            });
        }
    }
    Item {
        attribute: None,
        display: Shown::KeyValue,
        kind: ItemKind::Text,
        label: Some(label),
        text,
        style: vec![],
    }
}

/// The record's declarations, each checked again: the model never hands the UI a declaration
/// outside the allow-list, whoever built the record.
fn allowed(style: &[StyleDeclaration]) -> Vec<StyleDeclaration> {
    let total: usize = style
        .iter()
        .map(|d| d.property.len() + d.value.len() + 2)
        .sum();
    if total > STYLE_LIMIT {
        return vec![];
    }
    style
        .iter()
        .filter_map(|d| check_declaration(&format!("{}: {}", d.property, d.value)).ok())
        .collect()
}

fn record_problem(attribute: &CtiAttribute, field: &str, kind: ProblemKind) -> Problem {
    Problem {
        severity: Severity::Warning,
        at: Location {
            section: Section::Attributes,
            index: Some(attribute.index),
            record_id: Some(excerpt(&attribute.id)).filter(|id| !id.is_empty()),
            record_name: Some(excerpt(&attribute.name)).filter(|name| !name.is_empty()),
            field: Some(field.to_owned()),
            flow: None,
        },
        kind,
    }
}
