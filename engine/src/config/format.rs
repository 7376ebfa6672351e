//! The small languages inside configuration fields: `{{key}}` templates and CSS style rules
//! restricted to an allow-list of properties and inert values.

use super::ProblemKind;

/// A format with `{{key}}` placeholders for contact attributes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Template {
    pub parts: Vec<TemplatePart>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplatePart {
    Text(String),
    /// A contact attribute key.
    Key(String),
}

impl Template {
    pub fn parse(text: &str) -> Result<Template, ProblemKind> {
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find("{{") {
            if open > 0 {
                parts.push(TemplatePart::Text(rest[..open].to_owned()));
            }
            let after = &rest[open + 2..];
            let close = after.find("}}").ok_or(ProblemKind::TemplateUnclosed)?;
            let key = after[..close].trim();
            if key.is_empty() {
                return Err(ProblemKind::TemplateEmptyKey);
            }
            parts.push(TemplatePart::Key(key.to_owned()));
            rest = &after[close + 2..];
        }
        if !rest.is_empty() {
            parts.push(TemplatePart::Text(rest.to_owned()));
        }
        Ok(Template { parts })
    }

    /// The attribute keys the template reads.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|part| match part {
            TemplatePart::Key(key) => Some(key.as_str()),
            TemplatePart::Text(_) => None,
        })
    }

    /// The fixed text before the first placeholder.
    pub fn fixed_prefix(&self) -> &str {
        match self.parts.first() {
            Some(TemplatePart::Text(text)) => text,
            _ => "",
        }
    }
}

/// One allowed `property: value` pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StyleDeclaration {
    pub property: String,
    pub value: String,
}

/// Properties an admin may set on an attribute: text and box looks, nothing that positions,
/// hides, overlays or loads anything.
pub const STYLE_PROPERTIES: &[&str] = &[
    "color",
    "background-color",
    "font-weight",
    "font-style",
    "font-size",
    "font-family",
    "text-decoration",
    "text-transform",
    "text-align",
    "letter-spacing",
    "white-space",
    "border",
    "border-color",
    "border-style",
    "border-width",
    "border-radius",
    "padding",
];

/// CSS functions that only compute a colour.
const STYLE_FUNCTIONS: &[&str] = &["rgb(", "rgba(", "hsl(", "hsla("];

/// Parses `a: b; c: d`, keeping the allowed declarations and reporting each refused one.
pub fn parse_style(text: &str) -> (Vec<StyleDeclaration>, Vec<ProblemKind>) {
    let mut declarations = Vec::new();
    let mut problems = Vec::new();
    for declaration in text.split(';').map(str::trim).filter(|d| !d.is_empty()) {
        let Some((property, value)) = declaration.split_once(':') else {
            problems.push(ProblemKind::StyleSyntax {
                declaration: declaration.to_owned(),
            });
            continue;
        };
        let property = property.trim().to_ascii_lowercase();
        let value = value.trim();
        if !STYLE_PROPERTIES.contains(&property.as_str()) {
            problems.push(ProblemKind::StylePropertyNotAllowed { property });
            continue;
        }
        if value.is_empty() || !inert_value(value) {
            problems.push(ProblemKind::StyleValueNotAllowed {
                property,
                value: value.to_owned(),
            });
            continue;
        }
        declarations.push(StyleDeclaration {
            property,
            value: value.to_owned(),
        });
    }
    (declarations, problems)
}

/// Plain words, numbers with units, `#hex`, quoted font names and colour functions; no `url(`,
/// `expression(`, escapes, comments or anything that could close the declaration.
fn inert_value(value: &str) -> bool {
    let plain = value.bytes().all(|b| {
        b.is_ascii_alphanumeric()
            || matches!(
                b,
                b' ' | b'#' | b'%' | b'.' | b',' | b'-' | b'\'' | b'"' | b'(' | b')' | b'+' | b'/'
            )
    });
    if !plain || value.contains("/*") {
        return false;
    }
    let lower = value.to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(open) = rest.find('(') {
        let head = &rest[..=open];
        if !STYLE_FUNCTIONS.iter().any(|f| head.ends_with(f)) {
            return false;
        }
        rest = &rest[open + 1..];
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates() {
        let t = Template::parse("https://x.test/{{ postal_code }}?q={{a}}").unwrap();
        assert_eq!(t.keys().collect::<Vec<_>>(), ["postal_code", "a"]);
        assert_eq!(t.fixed_prefix(), "https://x.test/");
        assert_eq!(
            Template::parse("{{a").unwrap_err(),
            ProblemKind::TemplateUnclosed
        );
        assert_eq!(
            Template::parse("x{{ }}").unwrap_err(),
            ProblemKind::TemplateEmptyKey
        );
        assert_eq!(Template::parse("").unwrap().parts, vec![]);
    }

    #[test]
    fn styles() {
        let check = |text: &str| {
            let (ok, bad) = parse_style(text);
            (
                ok.iter()
                    .map(|d| format!("{}={}", d.property, d.value))
                    .collect::<Vec<_>>(),
                bad.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
            )
        };
        assert_eq!(
            check("color: red; Font-Weight: bold;"),
            (vec!["color=red".into(), "font-weight=bold".into()], vec![])
        );
        assert_eq!(check("color: rgb(255, 0, 0)").1, Vec::<&str>::new());
        assert_eq!(check("position: fixed").1, ["style_property_not_allowed"]);
        assert_eq!(
            check("background-color: url(https://x)").1,
            ["style_value_not_allowed"]
        );
        assert_eq!(
            check("color: expression(alert(1))").1,
            ["style_value_not_allowed"]
        );
        assert_eq!(check("color: red\\;").1, ["style_value_not_allowed"]);
        assert_eq!(check("color red").1, ["style_syntax"]);
        assert_eq!(check("color:").1, ["style_value_not_allowed"]);
    }
}
