//! Phone numbers to E.164 exactly as libphonenumber-js reads them, from its own metadata.
//!
//! `parse` follows libphonenumber-js's `parsePhoneNumberFromString(text, country)` then
//! `isValid()` and `.number`, step for step, over tables generated from the same package
//! (`metadata.rs`, written by scripts/phone-metadata.mjs). Why not a library: the Rust
//! `phonenumber` crate weighs about 530 KB gzipped in wasm, more than the whole app; these
//! tables and a small matcher for their patterns do the same job. docs/phone-numbers.md says
//! what is read and how parity with the reference is tested.

mod input;
#[rustfmt::skip]
mod metadata;
mod regex;

use regex::cached;
use std::fmt;
use std::sync::OnceLock;

pub use metadata::SOURCE as METADATA_SOURCE;

/// Longest national significant number libphonenumber accepts.
const MAX_NATIONAL_LENGTH: usize = 17;
/// Longest calling code.
const MAX_CODE_LENGTH: usize = 3;

/// A number in E.164 form: `+` then the calling code and the national significant number.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct E164(String);

impl E164 {
    /// The canonical text, e.g. `+14155550142`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for E164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The result of a successful parse: the dialable number, its country and any extension.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub number: E164,
    /// ISO 3166 code of the number's country, or `001` for non-geographic numbers.
    pub country: &'static str,
    pub extension: Option<String>,
}

/// Why a text is not a valid phone number. Rendered to people by the i18n catalog, never here.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PhoneError {
    /// Nothing but blanks.
    Empty,
    /// No phone number can be read from the text.
    NotANumber,
    /// Fewer digits than any number of its country (or than any number at all).
    TooShort,
    /// More digits than any number of its country (or than any number at all).
    TooLong,
    /// `+` (or an international prefix) followed by digits that start no calling code.
    UnknownCountryCode,
    /// A national number, and the default country is not one libphonenumber knows.
    UnknownRegion(String),
    /// A length between the country's shortest and longest numbers that it never uses.
    InvalidLength { country: &'static str },
    /// The right length, in no range the country has assigned.
    InvalidNumber { country: &'static str },
}

impl PhoneError {
    /// A stable identifier, for logs, `ctictl phone normalize` and the i18n catalog.
    pub fn as_str(&self) -> &'static str {
        match self {
            PhoneError::Empty => "empty",
            PhoneError::NotANumber => "not_a_number",
            PhoneError::TooShort => "too_short",
            PhoneError::TooLong => "too_long",
            PhoneError::UnknownCountryCode => "unknown_country_code",
            PhoneError::UnknownRegion(_) => "unknown_region",
            PhoneError::InvalidLength { .. } => "invalid_length",
            PhoneError::InvalidNumber { .. } => "invalid_number",
        }
    }
}

/// A numbering plan: one line of the generated metadata (libphonenumber-js format 4), read
/// when needed; every field borrows from the static text.
#[derive(Clone, Copy, Debug)]
pub struct Plan {
    pub iso: &'static str,
    pub code: &'static str,
    idd: &'static str,
    national: &'static str,
    lengths: &'static str,
    prefix_for_parsing: &'static str,
    transform: &'static str,
    leading: &'static str,
    types: &'static str,
}

impl Plan {
    fn from_line(line: &'static str) -> Option<Plan> {
        let mut fields = line.split(';');
        let mut next = || fields.next();
        Some(Plan {
            iso: next()?,
            code: next()?,
            idd: next()?,
            national: next()?,
            lengths: next()?,
            prefix_for_parsing: next()?,
            transform: next()?,
            leading: next()?,
            types: next()?,
        })
    }

    /// The number types in metadata order (fixed line, mobile, toll free, …); `None` where the
    /// plan has no such type.
    fn kinds(&self) -> impl Iterator<Item = Option<Kind>> {
        self.types
            .split(' ')
            .filter(|kind| !kind.is_empty())
            .map(|kind| {
                kind.split_once('/')
                    .map(|(pattern, lengths)| Kind { pattern, lengths })
            })
    }
}

/// One number type of a plan: its pattern and possible lengths (empty: the plan's).
#[derive(Clone, Copy, Debug)]
struct Kind {
    pattern: &'static str,
    lengths: &'static str,
}

/// A comma-separated list of lengths, in ascending order.
fn lengths(list: &'static str) -> impl Iterator<Item = usize> + Clone {
    list.split(',').filter_map(|n| n.parse().ok())
}

fn plans(table: &'static str) -> impl Iterator<Item = Plan> {
    table.lines().filter_map(Plan::from_line)
}

/// The plans, read from the text once (the binary carries text, not a table of slices).
fn countries() -> &'static [Plan] {
    static PLANS: OnceLock<Vec<Plan>> = OnceLock::new();
    PLANS.get_or_init(|| plans(metadata::COUNTRIES).collect())
}

fn non_geographic() -> &'static [Plan] {
    static PLANS: OnceLock<Vec<Plan>> = OnceLock::new();
    PLANS.get_or_init(|| plans(metadata::NON_GEOGRAPHIC).collect())
}

/// The countries sharing a calling code, the main one first.
fn countries_of(code: &str) -> Option<&'static [&'static str]> {
    type Codes = Vec<(&'static str, Vec<&'static str>)>;
    static CODES: OnceLock<Codes> = OnceLock::new();
    let codes = CODES.get_or_init(|| {
        let lines = metadata::CALLING_CODES.lines();
        lines
            .filter_map(|line| line.split_once(':'))
            .map(|(code, isos)| (code, isos.split(',').collect()))
            .collect()
    });
    codes
        .iter()
        .find(|(known, _)| *known == code)
        .map(|(_, isos)| isos.as_slice())
}

/// Parses what a person or a record holds (`(415) 555-0142 x12`, `+44 (0)20 7946 0018`,
/// `tel:+44-20-7946-0018;ext=12`, `0 21 11 98765 4321`) into a valid E.164 number, reading
/// national numbers as numbers of `default_region` (ISO 3166 alpha-2, e.g. `US`).
pub fn parse(input: &str, default_region: &str) -> Result<Parsed, PhoneError> {
    let default = region_by_iso(default_region);
    let extracted = input::extract(input)?;
    let number = digits_with_plus(&extracted.number);
    let (code, national, country) =
        split(&number, default).ok_or_else(|| unknown_plan(&number, default_region, default))?;
    if national.len() < 2 {
        return Err(PhoneError::TooShort);
    }
    if national.len() > MAX_NATIONAL_LENGTH {
        return Err(PhoneError::TooLong);
    }
    let plan = country.unwrap_or_else(|| plan_for_code(code).expect("split found the code"));
    validate(&national, plan)?;
    Ok(Parsed {
        number: E164(format!("+{code}{}", national.iter().collect::<String>())),
        country: plan.iso,
        extension: extracted.extension,
    })
}

/// Convenience wrapper: the E.164 number alone.
/// Reads a number in international and one in national form for `default_region`, so the
/// tables and that region's patterns are ready before the first caller's number (the first
/// read costs milliseconds; the softphone does it while idle).
pub fn warm_up(default_region: &str) {
    let _ = parse("+1 415 555 0100", default_region);
    let _ = parse("020 7946 0018", default_region);
}

pub fn normalize(input: &str, default_region: &str) -> Result<E164, PhoneError> {
    parse(input, default_region).map(|parsed| parsed.number)
}

/// The plan of a country libphonenumber knows, by ISO 3166 alpha-2 code.
pub fn region_by_iso(iso: &str) -> Option<Plan> {
    let iso = iso.trim().to_ascii_uppercase();
    let plans = countries();
    let at = plans
        .binary_search_by(|plan| plan.iso.cmp(iso.as_str()))
        .ok()?;
    Some(plans[at])
}

/// Why no plan was found: a bad calling code, or no default country to read a national number.
fn unknown_plan(number: &[char], region: &str, default: Option<Plan>) -> PhoneError {
    if number.first() == Some(&'+') || default.is_some() {
        PhoneError::UnknownCountryCode
    } else {
        PhoneError::UnknownRegion(region.to_owned())
    }
}

/// libphonenumber-js's `parseIncompletePhoneNumber`: digits, and `+` only in first place.
fn digits_with_plus(text: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len());
    for &c in text {
        if c == '+' {
            if out.is_empty() {
                out.push('+');
            }
        } else if let Some(digit) = input::digit_value(c) {
            out.push(digit);
        }
    }
    out
}

/// The calling code, the national significant number and, when it can tell, the country.
fn split(
    number: &[char],
    default: Option<Plan>,
) -> Option<(&'static str, Vec<char>, Option<Plan>)> {
    let (code, rest, mut country) = match calling_code(number, default)? {
        Some((code, rest)) => (code, rest, None),
        None => {
            let plan = default?;
            (plan.code, number.to_vec(), Some(plan))
        }
    };
    let plan = country.unwrap_or(plan_for_code(code)?);
    let national = national_number(&rest, plan);
    if let Some(exact) = country_for(code, &national) {
        country = Some(exact);
    }
    Some((code, national, country))
}

/// libphonenumber-js's `extractCountryCallingCode`: after `+`, after the default country's
/// international prefix, or the default country's own code written without `+`. `None`: an
/// international number with no known calling code; `Some(None)`: a national number.
#[allow(clippy::type_complexity)]
fn calling_code(
    number: &[char],
    default: Option<Plan>,
) -> Option<Option<(&'static str, Vec<char>)>> {
    let international = if number.first() == Some(&'+') {
        number[1..].to_vec()
    } else {
        let Some(plan) = default else {
            return Some(None);
        };
        match strip_idd(number, plan) {
            Some(rest) => rest,
            None => return Some(code_without_plus(number, plan)),
        }
    };
    if international.first() == Some(&'0') {
        return None; // no calling code starts with 0: never read "+0…" as another country's
    }
    (1..=MAX_CODE_LENGTH.min(international.len()))
        .find_map(|n| {
            let code: String = international[..n].iter().collect();
            let plan = plan_for_code(&code)?;
            Some((plan.code, international[n..].to_vec()))
        })
        .map(Some)
}

/// The number after the country's international prefix, unless none is there, nothing
/// follows it, or a `0` follows it.
fn strip_idd(number: &[char], plan: Plan) -> Option<Vec<char>> {
    let idd = cached(plan.idd)?;
    let found = idd.match_at(number, 0, false)?;
    let rest = &number[found.end..];
    if rest.is_empty() || rest.first() == Some(&'0') {
        return None;
    }
    Some(rest.to_vec())
}

/// `4420…` with the default country GB: the number carried its own calling code without `+`.
fn code_without_plus(number: &[char], plan: Plan) -> Option<(&'static str, Vec<char>)> {
    let code: Vec<char> = plan.code.chars().collect();
    let shorter = number.strip_prefix(code.as_slice())?;
    let national_pattern = cached(plan.national)?;
    let whole = national_number(number, plan);
    let short = national_number(shorter, plan);
    let shorter_is_right =
        !national_pattern.is_entire(&whole) && national_pattern.is_entire(&short);
    (shorter_is_right || check_length(&whole, plan) == Length::TooLong)
        .then(|| (plan.code, shorter.to_vec()))
}

/// libphonenumber-js's `extractNationalNumber`: strips the national (and carrier) prefix when
/// that leaves a number of a possible length that still fits the plan.
fn national_number(number: &[char], plan: Plan) -> Vec<char> {
    let Some(stripped) = strip_national_prefix(number, plan) else {
        return number.to_vec();
    };
    if stripped == number {
        return stripped;
    }
    if let Some(pattern) = cached(plan.national)
        && pattern.is_entire(number)
        && !pattern.is_entire(&stripped)
    {
        return number.to_vec();
    }
    if !plan.lengths.is_empty() {
        let country = country_for(plan.code, &stripped).unwrap_or(plan);
        if matches!(
            check_length(&stripped, country),
            Length::TooShort | Length::Invalid
        ) {
            return number.to_vec();
        }
    }
    stripped
}

/// libphonenumber-js's `extractNationalNumberFromPossiblyIncompleteNumber`.
fn strip_national_prefix(number: &[char], plan: Plan) -> Option<Vec<char>> {
    if number.is_empty() || plan.prefix_for_parsing.is_empty() {
        return None;
    }
    // `^(?:pattern)` in libphonenumber-js: a match anchored at the start.
    let found = cached(plan.prefix_for_parsing)?.match_at(number, 0, false)?;
    let last_group = found.groups.last().copied().flatten();
    let captured = last_group.is_some_and(|(from, to)| to > from);
    if !plan.transform.is_empty() && captured {
        let mut out = expand(plan.transform, number, &found.groups);
        out.extend_from_slice(&number[found.end..]);
        return Some(out);
    }
    Some(number[found.end..].to_vec())
}

/// A JavaScript replacement string: `$1`…`$9` are groups (empty when they took no part).
fn expand(rule: &str, text: &[char], groups: &[Option<(usize, usize)>]) -> Vec<char> {
    let rule: Vec<char> = rule.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    while at < rule.len() {
        let group = rule
            .get(at + 1)
            .and_then(|c| c.to_digit(10))
            .filter(|&n| rule[at] == '$' && n >= 1 && (n as usize) <= groups.len());
        match group {
            Some(n) => {
                if let Some((from, to)) = groups[n as usize - 1] {
                    out.extend_from_slice(&text[from..to]);
                }
                at += 2;
            }
            None => {
                out.push(rule[at]);
                at += 1;
            }
        }
    }
    out
}

/// libphonenumber-js's `getCountryByCallingCode`: the one country of a code, or the first
/// whose leading digits or number types fit.
fn country_for(code: &str, national: &[char]) -> Option<Plan> {
    // Non-geographic codes (+800…) are in no country's list: they have no country.
    let isos = countries_of(code)?;
    let mut candidates = isos.iter().filter_map(|iso| region_by_iso(iso));
    if isos.len() == 1 {
        return candidates.next();
    }
    candidates.find(|plan| {
        if plan.leading.is_empty() {
            number_kind(national, *plan).is_some()
        } else {
            !national.is_empty()
                && cached(plan.leading)
                    .is_some_and(|leading| leading.match_at(national, 0, false).is_some())
        }
    })
}

/// The plan a calling code selects: its main country, or its non-geographic plan.
fn plan_for_code(code: &str) -> Option<Plan> {
    let main = countries_of(code)
        .and_then(|isos| isos.first())
        .and_then(|iso| region_by_iso(iso));
    main.or_else(|| {
        non_geographic()
            .iter()
            .find(|plan| plan.code == code)
            .copied()
    })
}

/// libphonenumber-js's `isValid()`: a number type fits, or (plans without types) the pattern.
fn validate(national: &[char], plan: Plan) -> Result<(), PhoneError> {
    let valid = if plan.types.is_empty() {
        cached(plan.national).is_some_and(|pattern| pattern.is_entire(national))
    } else {
        number_kind(national, plan).is_some()
    };
    if valid {
        return Ok(());
    }
    Err(match check_length(national, plan) {
        Length::TooShort => PhoneError::TooShort,
        Length::TooLong => PhoneError::TooLong,
        Length::Invalid => PhoneError::InvalidLength { country: plan.iso },
        Length::Possible => PhoneError::InvalidNumber { country: plan.iso },
    })
}

/// libphonenumber-js's `getNumberType`, reduced to "is there one": the pattern fits, and one
/// of the ten number types (fixed line, mobile, toll free, …) fits too.
fn number_kind(national: &[char], plan: Plan) -> Option<usize> {
    let pattern = cached(plan.national)?;
    if !pattern.is_entire(national) {
        return None;
    }
    plan.kinds()
        .position(|kind| kind.is_some_and(|kind| is_kind(national, plan, kind)))
}

fn is_kind(national: &[char], plan: Plan, kind: Kind) -> bool {
    if kind.pattern.is_empty() {
        return false;
    }
    let possible = if kind.lengths.is_empty() {
        plan.lengths
    } else {
        kind.lengths
    };
    if !possible.is_empty() && !lengths(possible).any(|n| n == national.len()) {
        return false;
    }
    cached(kind.pattern).is_some_and(|pattern| pattern.is_entire(national))
}

#[derive(Debug, PartialEq)]
enum Length {
    Possible,
    TooShort,
    TooLong,
    Invalid,
}

/// libphonenumber-js's `checkNumberLength` against the plan's possible lengths.
fn check_length(national: &[char], plan: Plan) -> Length {
    let possible = lengths(plan.lengths);
    let (Some(min), Some(max)) = (possible.clone().next(), possible.clone().last()) else {
        return Length::Possible;
    };
    let length = national.len();
    if length < min {
        Length::TooShort
    } else if length > max {
        Length::TooLong
    } else if possible.into_iter().any(|n| n == length) {
        Length::Possible
    } else {
        Length::Invalid
    }
}

#[cfg(test)]
mod tests {
    use super::{metadata, plans, regex::Regex};

    /// Every pattern of the generated tables compiles with our matcher.
    #[test]
    fn every_metadata_pattern_compiles() {
        let all = plans(metadata::COUNTRIES).chain(plans(metadata::NON_GEOGRAPHIC));
        let mut count = 0;
        for plan in all {
            count += 1;
            let kinds = plan.kinds().flatten().map(|kind| kind.pattern);
            let fixed = [
                plan.idd,
                plan.national,
                plan.prefix_for_parsing,
                plan.leading,
            ];
            for pattern in fixed.into_iter().chain(kinds).filter(|p| !p.is_empty()) {
                assert!(
                    Regex::new(pattern, false).is_some(),
                    "{} {}: {pattern}",
                    plan.iso,
                    plan.code
                );
            }
        }
        // Every line was read: 245 countries and 9 non-geographic plans (libphonenumber-js 1.13).
        assert!(count > 250, "{count} plans read");
    }
}
