//! Phone-number normalisation to E.164 from a compact per-country table.
//!
//! Why not a full libphonenumber port: the Rust `phonenumber` crate weighs ~530 KB gzipped in
//! wasm (measured, see ../shared/reference/toolchain.md), 2.6× the whole app budget. Dialling and
//! screen pops only need "turn what a person typed into +CCNSN, or say precisely why not", which
//! a table of calling codes, trunk prefixes, international prefixes and possible lengths does.

use std::fmt;

/// A number in E.164 form: `+` then 8 to 15 digits, the country code first.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct E164(String);

impl E164 {
    /// The canonical text, e.g. `+14155550142`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The country calling code, e.g. `1` or `44`.
    pub fn country_code(&self) -> u16 {
        let digits = &self.0[1..];
        (1..=3)
            .filter_map(|n| digits.get(..n))
            .filter_map(|prefix| prefix.parse::<u16>().ok())
            .find(|code| is_assigned_code(*code))
            .unwrap_or(0)
    }
}

impl fmt::Display for E164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The result of a successful parse: the dialable number and any extension that was typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub number: E164,
    pub extension: Option<String>,
}

/// Why a text is not a phone number. Rendered to people by the UI's catalog, never here.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PhoneError {
    /// Nothing but blanks.
    Empty,
    /// A character that has no place in a phone number.
    InvalidCharacter(char),
    /// Fewer digits than any number can have.
    TooShort,
    /// More digits than E.164 allows (15).
    TooLong,
    /// `+` followed by digits that start no assigned country calling code.
    UnknownCountryCode,
    /// The default country is not an ISO 3166 alpha-2 code in the table.
    UnknownRegion(String),
    /// The national number has a length this country never uses.
    InvalidLengthForRegion { region: &'static str, length: usize },
    /// A North American number whose area code or exchange starts with 0 or 1.
    InvalidNanpNumber,
}

impl PhoneError {
    /// A stable identifier, for logs and the i18n catalog.
    pub fn as_str(&self) -> &'static str {
        match self {
            PhoneError::Empty => "empty",
            PhoneError::InvalidCharacter(_) => "invalid_character",
            PhoneError::TooShort => "too_short",
            PhoneError::TooLong => "too_long",
            PhoneError::UnknownCountryCode => "unknown_country_code",
            PhoneError::UnknownRegion(_) => "unknown_region",
            PhoneError::InvalidLengthForRegion { .. } => "invalid_length_for_region",
            PhoneError::InvalidNanpNumber => "invalid_nanp_number",
        }
    }
}

/// Parses what a person or a record holds (`(415) 555-0142 x12`, `+44 (0)20 7946 0018`,
/// `00 33 1 23 45 67 89`, `1-800-FLOWERS`) into E.164, reading national numbers as numbers of
/// `default_region` (ISO 3166 alpha-2, e.g. `US`).
pub fn parse(input: &str, default_region: &str) -> Result<Parsed, PhoneError> {
    let region = region_by_iso(default_region)
        .ok_or_else(|| PhoneError::UnknownRegion(default_region.to_owned()))?;
    let (body, extension) = split_extension(input.trim());
    let (plus, digits) = collect_digits(body)?;
    if digits.is_empty() {
        return Err(PhoneError::Empty);
    }
    if digits.len() < 3 {
        return Err(PhoneError::TooShort);
    }
    if digits.len() > 17 {
        return Err(PhoneError::TooLong);
    }
    let international = if plus {
        Some(digits.as_str())
    } else {
        region
            .international_prefixes
            .iter()
            .find_map(|idd| digits.strip_prefix(idd))
    };
    let number = match international {
        Some(rest) => parse_international(rest)?,
        None => parse_national(&digits, region)?,
    };
    Ok(Parsed { number, extension })
}

/// Convenience wrapper: the E.164 number alone.
pub fn normalize(input: &str, default_region: &str) -> Result<E164, PhoneError> {
    parse(input, default_region).map(|parsed| parsed.number)
}

fn parse_international(digits: &str) -> Result<E164, PhoneError> {
    let (code, national) = split_country_code(digits).ok_or(PhoneError::UnknownCountryCode)?;
    match regions_with_code(code).next() {
        Some(region) => {
            let national = strip_trunk_prefix(national, region);
            check_national(national, region)?;
            Ok(build(code, national))
        }
        None => {
            check_total_length(code, national)?;
            Ok(build(code, national))
        }
    }
}

fn parse_national(digits: &str, region: &'static Region) -> Result<E164, PhoneError> {
    // A national number may still carry its own country code without `+` (e.g. US `14155550142`
    // or `4420…` typed by a UK caller's CRM); prefer the reading whose length fits.
    let stripped = strip_trunk_prefix(digits, region);
    if region.fits(stripped.len()) {
        check_national(stripped, region)?;
        return Ok(build(region.code, stripped));
    }
    if let Some(rest) = digits.strip_prefix(&region.code.to_string())
        && region.fits(rest.len())
    {
        check_national(rest, region)?;
        return Ok(build(region.code, rest));
    }
    check_national(stripped, region)?;
    Ok(build(region.code, stripped))
}

fn strip_trunk_prefix<'a>(national: &'a str, region: &Region) -> &'a str {
    match region.trunk_prefix {
        Some(prefix) => match national.strip_prefix(prefix) {
            // Strip only when that makes the length right, so `+44 020…` and `020…` both work
            // but a number that legitimately starts with the digit is kept.
            Some(rest) if region.fits(rest.len()) || !region.fits(national.len()) => rest,
            _ => national,
        },
        None => national,
    }
}

fn check_national(national: &str, region: &Region) -> Result<(), PhoneError> {
    let length = national.len();
    let (min, max) = region.length_bounds();
    if length < min {
        return Err(if length < 4 {
            PhoneError::TooShort
        } else {
            PhoneError::InvalidLengthForRegion {
                region: region.iso,
                length,
            }
        });
    }
    if length > max || !region.fits(length) {
        return Err(if digits_total(region.code, length) > 15 {
            PhoneError::TooLong
        } else {
            PhoneError::InvalidLengthForRegion {
                region: region.iso,
                length,
            }
        });
    }
    if region.code == 1 {
        let bytes = national.as_bytes();
        if bytes[0] < b'2' || bytes[3] < b'2' {
            return Err(PhoneError::InvalidNanpNumber);
        }
    }
    Ok(())
}

fn check_total_length(code: u16, national: &str) -> Result<(), PhoneError> {
    if national.len() < 4 {
        return Err(PhoneError::TooShort);
    }
    if digits_total(code, national.len()) > 15 {
        return Err(PhoneError::TooLong);
    }
    Ok(())
}

fn digits_total(code: u16, national_len: usize) -> usize {
    code.to_string().len() + national_len
}

fn build(code: u16, national: &str) -> E164 {
    E164(format!("+{code}{national}"))
}

fn split_country_code(digits: &str) -> Option<(u16, &str)> {
    (1..=3).find_map(|n| {
        let code: u16 = digits.get(..n)?.parse().ok()?;
        is_assigned_code(code).then(|| (code, &digits[n..]))
    })
}

/// Splits a trailing extension (`x12`, `ext. 12`, `extension 12`, `#12`, `;ext=12`) off the text.
fn split_extension(text: &str) -> (&str, Option<String>) {
    let lower = text.to_ascii_lowercase();
    for marker in [";ext=", "extension", "ext.", "ext", "x", "#"] {
        if let Some(at) = lower.rfind(marker) {
            let tail = text[at + marker.len()..].trim();
            let head = &text[..at];
            let is_extension = !tail.is_empty()
                && tail.len() <= 7
                && tail.bytes().all(|b| b.is_ascii_digit())
                && head.bytes().any(|b| b.is_ascii_digit());
            if is_extension {
                return (
                    head.trim_end_matches([' ', ',', '.', '-']),
                    Some(tail.to_owned()),
                );
            }
        }
    }
    (text, None)
}

/// Keeps the digits, maps vanity letters (`FLOWERS` → `3569377`) and rejects anything else that
/// is not punctuation people put in numbers. Returns whether a leading `+` was present.
fn collect_digits(text: &str) -> Result<(bool, String), PhoneError> {
    let mut digits = String::with_capacity(text.len());
    let mut plus = false;
    // Like libphonenumber, letters are vanity digits only in a text that already has three
    // real digits and at least three letters (`1-800-FLOWERS`, not `call me`).
    let letters = text.chars().filter(char::is_ascii_alphabetic).count();
    let real_digits = text.chars().filter(char::is_ascii_digit).count();
    let vanity = letters >= 3 && real_digits >= 3;
    for ch in text.chars() {
        match ch {
            '0'..='9' => digits.push(ch),
            // Full-width digits come from East Asian keyboards.
            '０'..='９' => digits.push(char::from(b'0' + (ch as u32 - '０' as u32) as u8)),
            '+' | '＋' if digits.is_empty() && !plus => plus = true,
            ' ' | '\u{a0}' | '-' | '‐' | '–' | '.' | '(' | ')' | '/' | '[' | ']' | '\t' => {}
            'a'..='z' | 'A'..='Z' if vanity => digits.push(keypad_digit(ch)),
            _ => return Err(PhoneError::InvalidCharacter(ch)),
        }
    }
    Ok((plus, digits))
}

fn keypad_digit(letter: char) -> char {
    match letter.to_ascii_uppercase() {
        'A'..='C' => '2',
        'D'..='F' => '3',
        'G'..='I' => '4',
        'J'..='L' => '5',
        'M'..='O' => '6',
        'P'..='S' => '7',
        'T'..='V' => '8',
        _ => '9',
    }
}

/// What the table knows of one country.
#[derive(Debug)]
pub struct Region {
    pub iso: &'static str,
    pub code: u16,
    /// The national (trunk) prefix dialled before national numbers, if the country has one.
    pub trunk_prefix: Option<&'static str>,
    /// International call prefixes used when dialling out of this country.
    pub international_prefixes: &'static [&'static str],
    /// Possible lengths of the national significant number.
    pub lengths: &'static [u8],
}

impl Region {
    fn fits(&self, length: usize) -> bool {
        self.lengths.iter().any(|l| usize::from(*l) == length)
    }

    fn length_bounds(&self) -> (usize, usize) {
        let min = self.lengths.iter().copied().min().unwrap_or(4);
        let max = self.lengths.iter().copied().max().unwrap_or(14);
        (usize::from(min), usize::from(max))
    }
}

/// Looks a region up by its ISO 3166 alpha-2 code, case-insensitively.
pub fn region_by_iso(iso: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.iso.eq_ignore_ascii_case(iso))
}

/// The main region of a calling code, if the table has one (`1` → `US`, `44` → `GB`).
pub fn main_region_of(number: &E164) -> Option<&'static str> {
    regions_with_code(number.country_code())
        .next()
        .map(|r| r.iso)
}

fn regions_with_code(code: u16) -> impl Iterator<Item = &'static Region> {
    REGIONS.iter().filter(move |r| r.code == code)
}

fn is_assigned_code(code: u16) -> bool {
    ASSIGNED_CODES.binary_search(&code).is_ok()
}

const IDD_00: &[&str] = &["00"];

macro_rules! region {
    ($iso:literal, $code:literal, $trunk:expr, $idd:expr, [$($len:literal),+]) => {
        Region { iso: $iso, code: $code, trunk_prefix: $trunk, international_prefixes: $idd, lengths: &[$($len),+] }
    };
}

/// Possible national lengths follow libphonenumber's metadata (fixed line, mobile, toll free);
/// the first region of a code is its main region.
static REGIONS: &[Region] = &[
    region!("US", 1, Some("1"), &["011"], [10]),
    region!("CA", 1, Some("1"), &["011"], [10]),
    region!("PR", 1, Some("1"), &["011"], [10]),
    region!("RU", 7, Some("8"), &["810"], [10]),
    region!("EG", 20, Some("0"), IDD_00, [8, 9, 10]),
    region!("ZA", 27, Some("0"), IDD_00, [9]),
    region!("GR", 30, None, IDD_00, [10]),
    region!("NL", 31, Some("0"), IDD_00, [9, 10, 11]),
    region!("BE", 32, Some("0"), IDD_00, [8, 9]),
    region!("FR", 33, Some("0"), IDD_00, [9]),
    region!("ES", 34, None, IDD_00, [9]),
    region!("HU", 36, Some("06"), IDD_00, [8, 9]),
    region!("IT", 39, None, IDD_00, [6, 7, 8, 9, 10, 11, 12]),
    region!("RO", 40, Some("0"), IDD_00, [9]),
    region!("CH", 41, Some("0"), IDD_00, [9]),
    region!(
        "AT",
        43,
        Some("0"),
        IDD_00,
        [4, 5, 6, 7, 8, 9, 10, 11, 12, 13]
    ),
    region!("GB", 44, Some("0"), IDD_00, [7, 9, 10]),
    region!("DK", 45, None, IDD_00, [8]),
    region!("SE", 46, Some("0"), IDD_00, [7, 8, 9, 10, 12]),
    region!("NO", 47, None, IDD_00, [5, 8]),
    region!("PL", 48, None, IDD_00, [6, 7, 8, 9]),
    region!(
        "DE",
        49,
        Some("0"),
        IDD_00,
        [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]
    ),
    region!("PE", 51, Some("0"), IDD_00, [8, 9]),
    region!("MX", 52, None, IDD_00, [10]),
    region!("AR", 54, Some("0"), IDD_00, [10, 11]),
    region!("BR", 55, Some("0"), IDD_00, [8, 9, 10, 11]),
    region!("CL", 56, None, IDD_00, [9, 10, 11]),
    region!("CO", 57, None, &["00", "009"], [8, 10]),
    region!("MY", 60, Some("0"), IDD_00, [8, 9, 10]),
    region!("AU", 61, Some("0"), &["0011"], [5, 6, 7, 8, 9, 10]),
    region!("ID", 62, Some("0"), &["001", "007"], [7, 8, 9, 10, 11, 12]),
    region!("PH", 63, Some("0"), IDD_00, [8, 9, 10]),
    region!("NZ", 64, Some("0"), IDD_00, [8, 9, 10]),
    region!("SG", 65, None, &["000", "001"], [8, 10, 11]),
    region!("TH", 66, Some("0"), &["001"], [8, 9]),
    region!("JP", 81, Some("0"), &["010"], [9, 10]),
    region!("KR", 82, Some("0"), &["001", "002"], [8, 9, 10]),
    region!("VN", 84, Some("0"), IDD_00, [9, 10]),
    region!("CN", 86, Some("0"), IDD_00, [9, 10, 11, 12]),
    region!("TR", 90, Some("0"), IDD_00, [10]),
    region!("IN", 91, Some("0"), IDD_00, [10]),
    region!("PK", 92, Some("0"), IDD_00, [9, 10]),
    region!("MA", 212, Some("0"), IDD_00, [9]),
    region!("NG", 234, Some("0"), &["009"], [8, 10]),
    region!("KE", 254, Some("0"), &["000"], [9]),
    region!("PT", 351, None, IDD_00, [9]),
    region!("LU", 352, None, IDD_00, [6, 7, 8, 9]),
    region!("IE", 353, Some("0"), IDD_00, [7, 8, 9, 10]),
    region!(
        "FI",
        358,
        Some("0"),
        &["00", "990"],
        [5, 6, 7, 8, 9, 10, 11, 12]
    ),
    region!("CZ", 420, None, IDD_00, [9]),
    region!("HK", 852, None, &["001"], [8]),
    region!("TW", 886, Some("0"), &["00", "002"], [8, 9]),
    region!("AE", 971, Some("0"), IDD_00, [8, 9]),
    region!("IL", 972, Some("0"), &["00", "01"], [8, 9]),
    region!("SA", 966, Some("0"), IDD_00, [8, 9]),
];

/// Every country calling code assigned by the ITU (sorted), so that `+` numbers of countries
/// the table has no detail for are still recognised.
static ASSIGNED_CODES: &[u16] = &[
    1, 7, 20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54,
    55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98, 211,
    212, 213, 216, 218, 220, 221, 222, 223, 224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234,
    235, 236, 237, 238, 239, 240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251, 252, 253,
    254, 255, 256, 257, 258, 260, 261, 262, 263, 264, 265, 266, 267, 268, 269, 290, 291, 297, 298,
    299, 350, 351, 352, 353, 354, 355, 356, 357, 358, 359, 370, 371, 372, 373, 374, 375, 376, 377,
    378, 379, 380, 381, 382, 383, 385, 386, 387, 389, 420, 421, 423, 500, 501, 502, 503, 504, 505,
    506, 507, 508, 509, 590, 591, 592, 593, 594, 595, 596, 597, 598, 599, 670, 672, 673, 674, 675,
    676, 677, 678, 679, 680, 681, 682, 683, 685, 686, 687, 688, 689, 690, 691, 692, 800, 808, 850,
    852, 853, 855, 856, 870, 878, 880, 881, 882, 883, 886, 888, 960, 961, 962, 963, 964, 965, 966,
    967, 968, 970, 971, 972, 973, 974, 975, 976, 977, 979, 992, 993, 994, 995, 996, 998,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, region: &str, expected: Result<&str, PhoneError>) {
        let actual = normalize(input, region);
        let actual = actual.as_ref().map(E164::as_str).map_err(Clone::clone);
        assert_eq!(actual, expected, "input {input:?} in {region}");
    }

    #[test]
    fn assigned_codes_are_sorted_so_binary_search_works() {
        assert!(ASSIGNED_CODES.windows(2).all(|w| w[0] < w[1]));
        for region in REGIONS {
            assert!(
                is_assigned_code(region.code),
                "{} has unassigned {}",
                region.iso,
                region.code
            );
        }
    }

    #[test]
    fn north_american_formats() {
        for input in [
            "(415) 555-0142",
            "415-555-0142",
            "415.555.0142",
            "+1 415 555 0142",
            "+14155550142",
            "1 (415) 555-0142",
            "14155550142",
            "011 1 415 555 0142",
            "＋１ ４１５ ５５５ ０１４２",
        ] {
            check(input, "US", Ok("+14155550142"));
        }
        check("1-800-FLOWERS", "US", Ok("+18003569377"));
        check("(415) 555-0142", "CA", Ok("+14155550142"));
    }

    #[test]
    fn extensions_are_split_off() {
        let parsed = parse("(415) 555-0142 x123", "US").unwrap();
        assert_eq!(parsed.number.as_str(), "+14155550142");
        assert_eq!(parsed.extension.as_deref(), Some("123"));
        let parsed = parse("+44 20 7946 0018 ext. 7", "US").unwrap();
        assert_eq!(parsed.number.as_str(), "+442079460018");
        assert_eq!(parsed.extension.as_deref(), Some("7"));
    }

    #[test]
    fn european_formats() {
        check("+44 20 7946 0018", "US", Ok("+442079460018"));
        check("+44 (0)20 7946 0018", "US", Ok("+442079460018"));
        check("020 7946 0018", "GB", Ok("+442079460018"));
        check("00 44 20 7946 0018", "FR", Ok("+442079460018"));
        check("+49 30 901820", "US", Ok("+4930901820"));
        check("030 901820", "DE", Ok("+4930901820"));
        check("+33 1 23 45 67 89", "US", Ok("+33123456789"));
        check("01 23 45 67 89", "FR", Ok("+33123456789"));
        // Italian numbers keep their leading zero.
        check("06 1234 5678", "IT", Ok("+390612345678"));
        check("+39 06 1234 5678", "US", Ok("+390612345678"));
    }

    #[test]
    fn other_regions() {
        check("0011 44 20 7946 0018", "AU", Ok("+442079460018"));
        check("(02) 9876 5432", "AU", Ok("+61298765432"));
        check("090-1234-5678", "JP", Ok("+819012345678"));
        check("+65 6123 4567", "US", Ok("+6561234567"));
        // A code the table has no detail for is still accepted on total length.
        check("+354 555 1234", "US", Ok("+3545551234"));
    }

    #[test]
    fn errors_are_specific() {
        check("", "US", Err(PhoneError::Empty));
        check("   ", "US", Err(PhoneError::Empty));
        check("12", "US", Err(PhoneError::TooShort));
        check("call me", "US", Err(PhoneError::InvalidCharacter('c')));
        check("415*555", "US", Err(PhoneError::InvalidCharacter('*')));
        check("+999 1234 5678", "US", Err(PhoneError::UnknownCountryCode));
        check("1234567890123456789", "US", Err(PhoneError::TooLong));
        check(
            "555-0142",
            "US",
            Err(PhoneError::InvalidLengthForRegion {
                region: "US",
                length: 7,
            }),
        );
        check("(015) 555-0142", "US", Err(PhoneError::InvalidNanpNumber));
        check("415 055 0142", "US", Err(PhoneError::InvalidNanpNumber));
        check(
            "4155550142",
            "ZZ",
            Err(PhoneError::UnknownRegion("ZZ".into())),
        );
    }

    #[test]
    fn country_code_and_region_of_a_number() {
        let number = normalize("+44 20 7946 0018", "US").unwrap();
        assert_eq!(number.country_code(), 44);
        assert_eq!(main_region_of(&number), Some("GB"));
        let number = normalize("+3545551234", "US").unwrap();
        assert_eq!(main_region_of(&number), None);
    }
}
