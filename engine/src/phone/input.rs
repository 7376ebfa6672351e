//! From what a person or a record holds to the formatted number and its extension, as libphonenumber-js reads them.
//!
//! Mirrors libphonenumber-js's `parse` input stage (RFC 3966 `tel:` URIs and `phone-context`,
//! the text around the number, the "viable number" test, extensions); see docs/phone-numbers.md.

use super::PhoneError;
use super::regex::Regex;
use std::sync::OnceLock;

/// Longer inputs are refused outright (libphonenumber's `MAX_INPUT_STRING_LENGTH`, in UTF-16 units).
const MAX_INPUT_LENGTH: usize = 250;

const DIGITS: &str = "0-9\u{FF10}-\u{FF19}\u{0660}-\u{0669}\u{06F0}-\u{06F9}";
const PLUS: &str = "+\u{FF0B}";
const PUNCTUATION: &str = "-\u{2010}-\u{2015}\u{2212}\u{30FC}\u{FF0D}\u{FF0F}/\u{FF0E}. \u{A0}\u{AD}\u{200B}\u{2060}\u{3000}()\u{FF08}\u{FF09}\u{FF3B}\u{FF3D}\\[\\]~\u{2053}\u{223C}\u{FF5E}";

/// The number part of the input, and the extension when one was written.
#[derive(Debug, PartialEq)]
pub struct Extracted {
    pub number: Vec<char>,
    pub extension: Option<String>,
}

/// libphonenumber-js's `parseInput` for `parsePhoneNumberFromString` (extraction on).
pub fn extract(text: &str) -> Result<Extracted, PhoneError> {
    if text.trim().is_empty() {
        return Err(PhoneError::Empty);
    }
    let number = rfc3966_or_text(text)?;
    if !is_viable(&number) {
        return Err(if starts_viably(&number) {
            PhoneError::TooShort
        } else {
            PhoneError::NotANumber
        });
    }
    Ok(split_extension(number))
}

/// `tel:` URIs with a `phone-context` take their number from the URI; anything else is text.
fn rfc3966_or_text(text: &str) -> Result<Vec<char>, PhoneError> {
    const CONTEXT: &str = ";phone-context=";
    let mut number = match text.find(CONTEXT) {
        None => formatted_number(text)?,
        Some(at) => {
            let after = &text[at + CONTEXT.len()..];
            let context = after.split(';').next().unwrap_or_default();
            if !is_valid_phone_context(context) {
                return Err(PhoneError::NotANumber);
            }
            let mut number = String::new();
            if context.starts_with('+') {
                number.push_str(context);
            }
            let start = text.find("tel:").map_or(0, |tel| tel + "tel:".len());
            number.push_str(text.get(start..at).unwrap_or_default());
            number.chars().collect()
        }
    };
    // libphonenumber cuts an ISDN subaddress only when it does not start the number.
    if let Some(isub) = find(&number, ";isub=").filter(|&at| at > 0) {
        number.truncate(isub);
    }
    if number.is_empty() {
        return Err(PhoneError::NotANumber);
    }
    Ok(number)
}

/// From the first `+` or digit, without what trails the last digit or `#`.
fn formatted_number(text: &str) -> Result<Vec<char>, PhoneError> {
    if text.encode_utf16().count() > MAX_INPUT_LENGTH {
        return Err(PhoneError::TooLong);
    }
    let chars: Vec<char> = text.chars().collect();
    let Some(start) = chars.iter().position(|&c| is_plus(c) || is_digit(c)) else {
        return Err(PhoneError::NotANumber);
    };
    let end = chars
        .iter()
        .rposition(|&c| is_digit(c) || c == '#')
        .map_or(start, |last| last + 1);
    Ok(chars[start..end.max(start)].to_vec())
}

fn is_valid_phone_context(context: &str) -> bool {
    static GLOBAL: OnceLock<Option<Regex>> = OnceLock::new();
    static DOMAIN: OnceLock<Option<Regex>> = OnceLock::new();
    let global = GLOBAL.get_or_init(|| {
        let digit = format!("([{DIGITS}]|[\\-\\.\\(\\)]?)");
        Regex::new(&format!("^\\+{digit}*[{DIGITS}]{digit}*$"), false)
    });
    let domain = DOMAIN.get_or_init(|| {
        let label = format!("[{DIGITS}]+((\\-)*[{DIGITS}])*");
        let top = format!("[a-zA-Z]+((\\-)*[{DIGITS}])*");
        Regex::new(&format!("^({label}\\.)*{top}\\.?$"), false)
    });
    let text: Vec<char> = context.chars().collect();
    !context.is_empty()
        && [global, domain]
            .into_iter()
            .flatten()
            .any(|regex| regex.search(&text).is_some())
}

/// libphonenumber's `VALID_PHONE_NUMBER_PATTERN`: two digits, or at least three digits with
/// punctuation, an optional leading plus and an optional extension.
fn is_viable(number: &[char]) -> bool {
    static VIABLE: OnceLock<Option<Regex>> = OnceLock::new();
    let viable = VIABLE.get_or_init(|| {
        let body =
            format!("[{PLUS}]{{0,1}}(?:[{PUNCTUATION}]*[{DIGITS}]){{3,}}[{PUNCTUATION}{DIGITS}]*");
        let pattern = format!("^[{DIGITS}]{{2}}$|^{body}(?:{})?$", extension_pattern());
        Regex::new(&pattern, true)
    });
    let units: usize = number.iter().map(|c| c.len_utf16()).sum();
    units >= 2
        && viable
            .as_ref()
            .is_some_and(|regex| regex.search(number).is_some())
}

/// A plus and one or two digits: a number cut short rather than not a number.
fn starts_viably(number: &[char]) -> bool {
    static START: OnceLock<Option<Regex>> = OnceLock::new();
    let start = START.get_or_init(|| {
        Regex::new(
            &format!("^[{PLUS}]{{0,1}}(?:[{PUNCTUATION}]*[{DIGITS}]){{1,2}}$"),
            true,
        )
    });
    start
        .as_ref()
        .is_some_and(|regex| regex.search(number).is_some())
}

fn split_extension(number: Vec<char>) -> Extracted {
    static EXTENSION: OnceLock<Option<Regex>> = OnceLock::new();
    let extension =
        EXTENSION.get_or_init(|| Regex::new(&format!("(?:{})$", extension_pattern()), true));
    let found = extension.as_ref().and_then(|regex| regex.search(&number));
    let Some(found) = found else {
        return Extracted {
            number,
            extension: None,
        };
    };
    match found.groups.iter().flatten().find(|(from, to)| to > from) {
        Some(&(from, to)) => Extracted {
            extension: Some(number[from..to].iter().collect()),
            number: number[..found.start].to_vec(),
        },
        None => Extracted {
            number,
            extension: None,
        },
    }
}

/// libphonenumber's extension forms: `;ext=`, `ext.`/`extension`/`anexo`/`доб`, `x`/`#`/`~`,
/// `- 1234#`, auto-dialling `,,` or `;`, and commas.
fn extension_pattern() -> String {
    let digits = |max: u32| format!("([{DIGITS}]{{1,{max}}})");
    let before = "[ \u{A0}\\t,]*";
    let after = "[:\\.\u{FF0E}]?[ \u{A0}\\t,-]*";
    let explicit = "(?:e?xt(?:ensi(?:o\u{301}?|\u{F3}))?n?|\u{FF45}?\u{FF58}\u{FF54}\u{FF4E}?|\u{434}\u{43E}\u{431}|anexo)";
    let ambiguous = "(?:[x\u{FF58}#\u{FF03}~\u{FF5E}]|int|\u{FF49}\u{FF4E}\u{FF54})";
    let no_comma = "[ \u{A0}\\t]*";
    [
        format!(";ext={}", digits(20)),
        format!("{before}{explicit}{after}{}#?", digits(20)),
        format!("{before}{ambiguous}{after}{}#?", digits(9)),
        format!("[- ]+{}#", digits(6)),
        format!("{no_comma}(?:,{{2}}|;){after}{}#?", digits(15)),
        format!("{no_comma}(?:,)+{after}{}#?", digits(9)),
    ]
    .join("|")
}

fn find(haystack: &[char], needle: &str) -> Option<usize> {
    let needle: Vec<char> = needle.chars().collect();
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn is_plus(c: char) -> bool {
    c == '+' || c == '\u{FF0B}'
}

/// The digits libphonenumber reads: ASCII, full-width, Arabic-Indic and Eastern Arabic-Indic.
pub fn digit_value(c: char) -> Option<char> {
    let zero = match c {
        '0'..='9' => '0',
        '\u{FF10}'..='\u{FF19}' => '\u{FF10}',
        '\u{0660}'..='\u{0669}' => '\u{0660}',
        '\u{06F0}'..='\u{06F9}' => '\u{06F0}',
        _ => return None,
    };
    char::from_digit(c as u32 - zero as u32, 10)
}

fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}
