//! CTI attribute records: display, type, style and format of each line of the attributes overlay.

use super::*;
use crate::config::format::{DEFAULT_LIMIT, LABEL_LIMIT, Template, bound, excerpt};
use crate::config::style::parse_style;

const ATTRIBUTE_FIELDS: &[&str] = &[
    "id",
    "name",
    "label",
    "display",
    "type",
    "style",
    "format",
    "defaultValue",
    "sortOrder",
];
pub const DISPLAY_VALUES: &[&str] = &["None", "KeyValue", "Key", "Value"];
pub const ATTRIBUTE_TYPES: &[&str] = &["Text", "Hyperlink"];
/// Link schemes a hyperlink attribute may open.
const LINK_SCHEMES: &[&str] = &["https", "http", "tel", "mailto"];

pub(super) fn attribute(
    object: &Map,
    index: usize,
    problems: &mut Vec<Problem>,
) -> Option<CtiAttribute> {
    let at = record_location(Section::Attributes, index, object, None);
    let mut r = Record::new(object, at, ATTRIBUTE_FIELDS, problems);
    let id = r.text("id").unwrap_or_default();
    let name = r.required("name").unwrap_or_default();
    let label = bounded(&mut r, "label", LABEL_LIMIT);
    let display = r.choice(
        "display",
        DISPLAY_VALUES,
        &[
            Display::None,
            Display::KeyValue,
            Display::Key,
            Display::Value,
        ],
    );
    let kind = r.choice(
        "type",
        ATTRIBUTE_TYPES,
        &[AttributeKind::Text, AttributeKind::Hyperlink],
    );
    let (style, style_problems) = parse_style(&r.text("style").unwrap_or_default());
    for problem in style_problems {
        // A refused declaration is dropped; the rest of the style still applies.
        r.error("style", problem);
    }
    let format_text = r.text("format").unwrap_or_default();
    let format = Template::parse(&format_text);
    if let Some(problem) = format.stray_braces() {
        r.problem(Severity::Warning, "format", problem);
    }
    if kind == Some(AttributeKind::Hyperlink) && !format_text.is_empty() {
        link_format(&mut r, &format, &format_text);
    }
    if matches!(display, Some(Display::Key | Display::KeyValue)) && label.is_empty() {
        r.error("label", ProblemKind::Missing);
        r.broken = true;
    }
    let default_value = bounded(&mut r, "defaultValue", DEFAULT_LIMIT);
    r.integer("sortOrder");
    if r.broken {
        return None;
    }
    Some(CtiAttribute {
        index,
        id,
        name,
        label,
        display: display?,
        kind: kind?,
        style,
        format,
        default_value,
    })
}

/// A text field cut to `limit` characters, with a warning when it was longer.
fn bounded(r: &mut Record, field: &str, limit: usize) -> String {
    let (text, cut) = bound(&r.text(field).unwrap_or_default(), limit);
    if cut {
        r.problem(Severity::Warning, field, ProblemKind::TooLong { limit });
    }
    text
}

/// A hyperlink format either fixes an allowed scheme before its first placeholder, or leaves
/// the scheme to contact data (`{{url}}`, `{{base}}/case/{{id}}`), checked once expanded.
fn link_format(r: &mut Record, format: &Template, text: &str) {
    let refuse = |r: &mut Record, kind| {
        r.error("format", kind);
        r.broken = true;
    };
    let value = excerpt(text);
    match fixed_scheme(format.fixed_prefix()) {
        None if format.has_placeholders() => r.problem(
            Severity::Warning,
            "format",
            ProblemKind::LinkFromData { value },
        ),
        None => refuse(r, ProblemKind::LinkSchemeNotAllowed { value }),
        Some(scheme) if !LINK_SCHEMES.contains(&scheme.as_str()) => {
            refuse(r, ProblemKind::LinkSchemeNotAllowed { value })
        }
        // Plain http only to this machine, as everywhere else in the configuration.
        Some(scheme) if scheme == "http" => {
            const HTTP: &str = "http://";
            let local = text
                .get(..HTTP.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(HTTP))
                && {
                    let host_end = text[HTTP.len()..]
                        .find(['/', '{', '?', '#'])
                        .map_or(text.len(), |i| i + HTTP.len());
                    crate::settings::check_address(&text[..host_end]).is_ok()
                };
            if !local {
                refuse(r, ProblemKind::InsecureUrl { value });
            }
        }
        Some(_) => {}
    }
}

/// The scheme a link begins with, lower-cased, read as the URL parser does (leading spaces and
/// controls skipped, tabs and line breaks ignored); `None` when the text names none.
fn fixed_scheme(prefix: &str) -> Option<String> {
    let cleaned: String = prefix
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}
