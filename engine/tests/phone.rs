//! Phone numbers: the cases the field report named, each with libphonenumber-js's answer.
//!
//! The full parity run (thousands of generated numbers against libphonenumber-js itself) is
//! tests/phone/parity.test.mjs; these are the ones worth reading.

use engine::phone::{self, PhoneError};

/// (default country, input, E.164 or the reason it is refused)
const CASES: &[(&str, &str, Result<&str, &str>)] = &[
    // National and international forms, punctuation.
    ("US", "(415) 555-0142", Ok("+14155550142")),
    ("US", "+1 415 555 0142", Ok("+14155550142")),
    ("US", "1 (415) 555-0142", Ok("+14155550142")),
    ("GB", "+44 (0)20 7946 0018", Ok("+442079460018")),
    ("GB", "44 20 7946 0018", Ok("+442079460018")),
    ("DE", "+49 (0)40 123456", Ok("+4940123456")),
    // RFC 3966 URIs with parameters.
    ("US", "tel:+44-20-7946-0018", Ok("+442079460018")),
    ("US", "tel:+44-20-7946-0018;ext=12", Ok("+442079460018")),
    ("US", "tel:+1-415-555-0142;isub=12", Ok("+14155550142")),
    (
        "GB",
        "tel:020-7946-0018;phone-context=+44",
        Ok("+442079460018"),
    ),
    (
        "GB",
        "tel:020-7946-0018;phone-context=",
        Err("not_a_number"),
    ),
    // International prefixes of each country, and Brazil's carrier selection codes.
    ("US", "011 33 1 23 45 67 89", Ok("+33123456789")),
    ("GB", "00 1 415 555 0142", Ok("+14155550142")),
    ("AU", "0011 44 20 7946 0018", Ok("+442079460018")),
    ("BR", "0 21 11 98765 4321", Ok("+5511987654321")),
    ("BR", "0021 55 11 98765 4321", Ok("+5511987654321")),
    // Never another country's number: +0 is no calling code (it used to become Egypt).
    ("US", "+0 20 1234 5678", Err("unknown_country_code")),
    ("US", "+999 1234 5678", Err("unknown_country_code")),
    // Ranges that are not assigned, and impossible lengths.
    ("US", "(415) 155-0142", Err("invalid_number")),
    ("US", "(115) 555-0142", Err("invalid_number")),
    ("GB", "+44 20 7946 00", Err("invalid_length")),
    ("GB", "020 7946 001", Err("invalid_number")),
    ("US", "12", Err("too_short")),
    ("US", "1-800-FLOWERS", Err("too_short")),
    ("US", "", Err("empty")),
    ("US", "n/a", Err("not_a_number")),
    // A national number with no country to read it in.
    ("ZZ", "415 555 0142", Err("unknown_region")),
    ("ZZ", "+1 415 555 0142", Ok("+14155550142")),
    // Non-geographic numbers.
    ("GB", "+800 1234 5678", Ok("+80012345678")),
];

#[test]
fn field_cases() {
    for &(country, input, expected) in CASES {
        let actual = phone::normalize(input, country);
        let actual = actual
            .as_ref()
            .map(|number| number.as_str())
            .map_err(PhoneError::as_str);
        assert_eq!(actual, expected, "{input:?} in {country}");
    }
}

#[test]
fn extensions_and_countries_come_back() {
    let parsed = phone::parse("Tel: 415 555 0142 ext. 7", "US").unwrap();
    assert_eq!(parsed.number.as_str(), "+14155550142");
    assert_eq!(parsed.extension.as_deref(), Some("7"));
    assert_eq!(parsed.country, "US");
    assert_eq!(phone::parse("+1 416 555 0123", "US").unwrap().country, "CA");
    assert_eq!(phone::parse("+44 1481 256789", "US").unwrap().country, "GG");
}

#[test]
fn long_garbage_is_refused_quickly() {
    let input = "1-".repeat(124) + "x";
    assert_eq!(phone::normalize(&input, "US"), Err(PhoneError::TooLong));
    let too_long = "1".repeat(251);
    assert_eq!(phone::normalize(&too_long, "US"), Err(PhoneError::TooLong));
}
