//! CSS styles of CTI attributes, kept to an allow-list: text and box looks within size bounds, nothing that positions, hides, layers or loads anything.

use super::ProblemKind;
use super::format::STYLE_LIMIT;

/// One allowed `property: value` pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StyleDeclaration {
    pub property: String,
    pub value: String,
}

/// Sequences that could end a declaration early, open a rule, a comment, an at-rule, an escape
/// or markup: a style holding one is ignored whole.
pub const STYLE_FORBIDDEN: &[&str] = &["\\", "/*", "*/", "<", ">", "{", "}", "@"];

/// Properties an admin may set, in the order of [`RULES`].
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

/// What one space-separated part of a value may be.
#[derive(Clone, Copy)]
enum Token {
    Color,
    Keyword(&'static [&'static str]),
    Size(Bounds),
    /// A whole number in this range (font weights).
    Integer(u32, u32),
}

/// The largest size per unit, in hundredths (`None`: unit refused); `negative` allows the same
/// bound below zero. Numbers stay digits: no float parsing reaches the bundle.
#[derive(Clone, Copy)]
struct Bounds {
    px: Option<u32>,
    pt: Option<u32>,
    em: Option<u32>,
    percent: Option<u32>,
    negative: bool,
    /// How an admin reads the bound.
    max: &'static str,
}

/// A property's grammar: up to `count` tokens, each one of `tokens`; font families have their own.
struct Rule {
    count: usize,
    tokens: &'static [Token],
    families: bool,
}

const fn rule(count: usize, tokens: &'static [Token]) -> Rule {
    Rule {
        count,
        tokens,
        families: false,
    }
}

const FONT_SIZE: Bounds = Bounds {
    px: Some(3200),
    pt: Some(2400),
    em: Some(200),
    percent: Some(20000),
    negative: false,
    max: "32px, 24pt, 2em or 200%",
};
const LETTER_SPACING: Bounds = Bounds {
    px: Some(400),
    pt: Some(300),
    em: Some(25),
    percent: None,
    negative: true,
    max: "±4px, ±3pt or ±0.25em",
};
const BORDER_WIDTH: Bounds = Bounds {
    px: Some(800),
    pt: Some(600),
    em: Some(50),
    percent: None,
    negative: false,
    max: "8px, 6pt or 0.5em",
};
const RADIUS: Bounds = Bounds {
    px: Some(1600),
    pt: Some(1200),
    em: Some(100),
    percent: Some(5000),
    negative: false,
    max: "16px, 12pt, 1em or 50%",
};
const PADDING: Bounds = Bounds {
    px: Some(1600),
    pt: Some(1200),
    em: Some(100),
    percent: None,
    negative: false,
    max: "16px, 12pt or 1em",
};

const BORDER_STYLES: &[&str] = &[
    "none", "hidden", "dotted", "dashed", "solid", "double", "groove", "ridge", "inset", "outset",
];
const WIDTH_WORDS: &[&str] = &["thin", "medium", "thick"];

/// The grammar of each property of [`STYLE_PROPERTIES`], in the same order.
const RULES: &[Rule] = &[
    rule(1, &[Token::Color]),
    rule(1, &[Token::Color]),
    rule(
        1,
        &[
            Token::Keyword(&["normal", "bold", "bolder", "lighter"]),
            Token::Integer(1, 1000),
        ],
    ),
    rule(1, &[Token::Keyword(&["normal", "italic", "oblique"])]),
    rule(
        1,
        &[
            Token::Keyword(&[
                "xx-small", "x-small", "small", "medium", "large", "x-large", "xx-large",
                "smaller", "larger",
            ]),
            Token::Size(FONT_SIZE),
        ],
    ),
    Rule {
        count: 1,
        tokens: &[],
        families: true,
    },
    rule(
        4,
        &[
            Token::Keyword(&[
                "none",
                "underline",
                "overline",
                "line-through",
                "solid",
                "double",
                "dotted",
                "dashed",
                "wavy",
            ]),
            Token::Color,
        ],
    ),
    rule(
        1,
        &[Token::Keyword(&[
            "none",
            "capitalize",
            "uppercase",
            "lowercase",
        ])],
    ),
    rule(
        1,
        &[Token::Keyword(&[
            "left", "right", "center", "justify", "start", "end",
        ])],
    ),
    rule(
        1,
        &[Token::Keyword(&["normal"]), Token::Size(LETTER_SPACING)],
    ),
    // Only wrapping values: `nowrap` and `pre` let a long value push the softphone wider.
    rule(
        1,
        &[Token::Keyword(&[
            "normal",
            "pre-wrap",
            "pre-line",
            "break-spaces",
        ])],
    ),
    rule(
        3,
        &[
            Token::Keyword(BORDER_STYLES),
            Token::Keyword(WIDTH_WORDS),
            Token::Size(BORDER_WIDTH),
            Token::Color,
        ],
    ),
    rule(4, &[Token::Color]),
    rule(4, &[Token::Keyword(BORDER_STYLES)]),
    rule(4, &[Token::Keyword(WIDTH_WORDS), Token::Size(BORDER_WIDTH)]),
    rule(4, &[Token::Size(RADIUS)]),
    rule(4, &[Token::Size(PADDING)]),
];

/// Values every property takes.
const GLOBAL_WORDS: &[&str] = &["inherit", "initial", "unset"];
/// CSS functions that only compute a colour.
const COLOR_FUNCTIONS: &[&str] = &["rgb(", "rgba(", "hsl(", "hsla("];

/// Parses `a: b; c: d`, keeping the allowed declarations and reporting each refused one. A style
/// over [`STYLE_LIMIT`] characters or holding one of [`STYLE_FORBIDDEN`] is refused whole.
pub fn parse_style(text: &str) -> (Vec<StyleDeclaration>, Vec<ProblemKind>) {
    if text.chars().nth(STYLE_LIMIT).is_some() {
        return (
            vec![],
            vec![ProblemKind::StyleTooLong { limit: STYLE_LIMIT }],
        );
    }
    if let Some(sequence) = STYLE_FORBIDDEN.iter().find(|s| text.contains(**s)) {
        return (vec![], vec![ProblemKind::StyleForbidden { sequence }]);
    }
    let mut declarations = Vec::new();
    let mut problems = Vec::new();
    for declaration in text.split(';').map(str::trim).filter(|d| !d.is_empty()) {
        match check_declaration(declaration) {
            Ok(declaration) => declarations.push(declaration),
            Err(problem) => problems.push(problem),
        }
    }
    (declarations, problems)
}

/// One `property: value`, checked against the allow-list.
pub fn check_declaration(declaration: &str) -> Result<StyleDeclaration, ProblemKind> {
    let Some((property, value)) = declaration.split_once(':') else {
        return Err(ProblemKind::StyleSyntax {
            declaration: super::format::excerpt(declaration),
        });
    };
    let property = property.trim().to_ascii_lowercase();
    let value = value.trim();
    let Some(at) = STYLE_PROPERTIES.iter().position(|p| *p == property) else {
        return Err(ProblemKind::StylePropertyNotAllowed {
            property: super::format::excerpt(&property),
        });
    };
    let refused = |property: String| ProblemKind::StyleValueNotAllowed {
        property,
        value: super::format::excerpt(value),
    };
    // Printable ASCII only: no control characters, no look-alike letters, no `!important`, and
    // nothing that ends the declaration or the rule.
    let printable = value
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) && !matches!(b, b'!' | b';'));
    if value.is_empty() || !printable || STYLE_FORBIDDEN.iter().any(|s| value.contains(s)) {
        return Err(refused(property));
    }
    let lower = value.to_ascii_lowercase();
    match value_fits(&RULES[at], &lower) {
        Fit::Yes => Ok(StyleDeclaration {
            property,
            value: value.to_owned(),
        }),
        Fit::No => Err(refused(property)),
        Fit::TooBig(max) => Err(ProblemKind::StyleValueOutOfRange {
            property,
            value: super::format::excerpt(value),
            max,
        }),
    }
}

enum Fit {
    Yes,
    No,
    /// A size beyond the property's bounds (described for the admin).
    TooBig(&'static str),
}

fn value_fits(rule: &Rule, value: &str) -> Fit {
    if GLOBAL_WORDS.contains(&value) {
        return Fit::Yes;
    }
    if rule.families {
        return if font_families(value) {
            Fit::Yes
        } else {
            Fit::No
        };
    }
    let Some(tokens) = tokens(value) else {
        return Fit::No;
    };
    if tokens.len() > rule.count {
        return Fit::No;
    }
    for token in tokens {
        match rule
            .tokens
            .iter()
            .map(|t| token_fits(*t, token))
            .reduce(best)
        {
            Some(Fit::Yes) => {}
            Some(other) => return other,
            None => return Fit::No,
        }
    }
    Fit::Yes
}

/// The more useful of two answers for one token: a match, else the bound it broke.
fn best(a: Fit, b: Fit) -> Fit {
    match (a, b) {
        (Fit::Yes, _) | (_, Fit::Yes) => Fit::Yes,
        (Fit::TooBig(max), _) | (_, Fit::TooBig(max)) => Fit::TooBig(max),
        _ => Fit::No,
    }
}

/// Space-separated tokens; a colour function (`rgb(1, 2, 3)`) is one token. `None` when
/// parentheses are unbalanced or nested.
fn tokens(value: &str) -> Option<Vec<&str>> {
    let mut tokens = Vec::new();
    let (mut start, mut open) = (None, false);
    for (i, b) in value.bytes().enumerate() {
        match b {
            b' ' if !open => {
                tokens.extend(start.take().map(|s| &value[s..i]));
                continue;
            }
            b'(' if open => return None,
            b')' if !open => return None,
            b'(' | b')' => open = b == b'(',
            _ => {}
        }
        start.get_or_insert(i);
    }
    if open {
        return None;
    }
    tokens.extend(start.map(|s| &value[s..]));
    Some(tokens)
}

fn token_fits(kind: Token, token: &str) -> Fit {
    let yes = |ok: bool| if ok { Fit::Yes } else { Fit::No };
    match kind {
        Token::Color => yes(color(token)),
        Token::Keyword(words) => yes(words.contains(&token)),
        Token::Integer(min, max) => yes(token.len() <= 4
            && token.bytes().all(|b| b.is_ascii_digit())
            && token.parse::<u32>().is_ok_and(|n| (min..=max).contains(&n))),
        Token::Size(bounds) => size(token, bounds),
    }
}

/// `#rgb`, `#rrggbb` (and with alpha), a colour name, or `rgb()`/`rgba()`/`hsl()`/`hsla()` of
/// numbers: nothing that could load or compute anything else.
fn color(token: &str) -> bool {
    if let Some(hex) = token.strip_prefix('#') {
        return matches!(hex.len(), 3 | 4 | 6 | 8) && hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    if let Some(function) = COLOR_FUNCTIONS.iter().find(|f| token.starts_with(**f)) {
        let Some(args) = token[function.len()..].strip_suffix(')') else {
            return false;
        };
        return args.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'.' | b'%' | b',' | b' ' | b'+' | b'-' | b'/')
        });
    }
    !token.is_empty() && token.len() <= 32 && token.bytes().all(|b| b.is_ascii_lowercase())
}

/// A number with a unit within `bounds` (or a bare zero).
fn size(token: &str, bounds: Bounds) -> Fit {
    let (negative, number) = match token.as_bytes().first() {
        Some(b'-') => (true, &token[1..]),
        Some(b'+') => (false, &token[1..]),
        _ => (false, token),
    };
    let digits = number
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(number.len());
    let (number, unit) = number.split_at(digits);
    let Some(hundredths) = hundredths(number) else {
        return Fit::No;
    };
    if unit.is_empty() {
        return if hundredths == 0 { Fit::Yes } else { Fit::No };
    }
    let limit = match unit {
        "px" => bounds.px,
        "pt" => bounds.pt,
        "em" | "rem" => bounds.em,
        "%" => bounds.percent,
        _ => None,
    };
    match limit {
        None => Fit::No,
        Some(_) if negative && !bounds.negative && hundredths > 0 => Fit::No,
        Some(limit) if hundredths > limit => Fit::TooBig(bounds.max),
        Some(_) => Fit::Yes,
    }
}

/// `12`, `1.5`, `.25` in hundredths, rounded up (so a bound is never passed by a fraction);
/// `None` when it is not such a number or is past any bound.
fn hundredths(number: &str) -> Option<u32> {
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
        return None;
    }
    if number.ends_with('.') || whole.len() > 6 {
        return None;
    }
    let whole: u32 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let mut cents = 0;
    for (i, b) in fraction.bytes().enumerate() {
        let digit = u32::from(b - b'0');
        match i {
            0 => cents += digit * 10,
            1 => cents += digit,
            _ if digit > 0 => return Some(whole * 100 + cents + 1),
            _ => {}
        }
    }
    Some(whole * 100 + cents)
}

/// `Arial, "Segoe UI", sans-serif`: names of letters, digits, spaces and dashes, maybe quoted.
fn font_families(value: &str) -> bool {
    value.split(',').map(str::trim).all(|family| {
        let name = match family.as_bytes().first() {
            Some(&quote @ (b'"' | b'\'')) => match family[1..].strip_suffix(quote as char) {
                Some(inner) => inner,
                None => return false,
            },
            _ => family,
        };
        !name.is_empty()
            && name.len() <= 64
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b' ' | b'-' | b'_'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_property_has_a_rule() {
        assert_eq!(STYLE_PROPERTIES.len(), RULES.len());
    }

    #[test]
    fn hundredths_without_floats() {
        for (text, expected) in [
            ("12", Some(1200)),
            ("1.5", Some(150)),
            (".25", Some(25)),
            ("0.251", Some(26)),
            ("2.000", Some(200)),
            ("1.", None),
            (".", None),
            ("1.2.3", None),
            ("9999999", None),
        ] {
            assert_eq!(hundredths(text), expected, "{text}");
        }
    }
}
