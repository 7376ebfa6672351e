//! CTI attribute records: display, type, style and format of each line of the attributes overlay.

use super::*;
use crate::config::format::{Template, parse_style};

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
const LINK_SCHEMES: &[&str] = &["https://", "http://", "tel:", "mailto:"];

pub(super) fn attribute(
    object: &Map,
    index: usize,
    problems: &mut Vec<Problem>,
) -> Option<CtiAttribute> {
    let at = record_location(Section::Attributes, index, object, None);
    let mut r = Record::new(object, at, ATTRIBUTE_FIELDS, problems);
    let id = r.text("id").unwrap_or_default();
    let name = r.required("name").unwrap_or_default();
    let label = r.text("label").unwrap_or_default();
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
    let format = match Template::parse(&format_text) {
        Ok(format) => Some(format),
        Err(kind) => {
            r.error("format", kind);
            r.broken = true;
            None
        }
    };
    if let (Some(AttributeKind::Hyperlink), Some(format)) = (kind, &format) {
        let prefix = format.fixed_prefix().to_ascii_lowercase();
        if !LINK_SCHEMES.iter().any(|s| prefix.starts_with(s)) {
            r.error(
                "format",
                ProblemKind::LinkSchemeNotAllowed {
                    value: format_text.clone(),
                },
            );
            r.broken = true;
        } else if prefix.starts_with("http://") {
            let host_end = format_text["http://".len()..]
                .find(['/', '{'])
                .map_or(format_text.len(), |i| i + "http://".len());
            if crate::settings::check_address(&format_text[..host_end]).is_err() {
                r.error(
                    "format",
                    ProblemKind::InsecureUrl {
                        value: format_text.clone(),
                    },
                );
                r.broken = true;
            }
        }
    }
    if matches!(display, Some(Display::Key | Display::KeyValue)) && label.is_empty() {
        r.error("label", ProblemKind::Missing);
        r.broken = true;
    }
    let default_value = r.text("defaultValue").unwrap_or_default();
    r.integer("sortOrder");
    if r.broken {
        return None;
    }
    Some(CtiAttribute {
        id,
        name,
        label,
        display: display?,
        kind: kind?,
        style,
        format: format?,
        default_value,
    })
}
