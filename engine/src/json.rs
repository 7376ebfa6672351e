//! A strict JSON reader (RFC 8259) for configuration documents and flow bodies.
//!
//! Why not serde_json: measured in the release bundle, its `Value` parser cost more than the rest
//! of the configuration decoder together, and the decoder only needs a tree and an exact error
//! position. Numbers stay as their text, so no float parser is linked either.

/// A JSON value. Object members keep their document order, and every member is kept, a repeated
/// key too, so readers can report it (`duplicate_keys`); `get` answers the last one, as
/// `JSON.parse` does.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// The number as written (already checked to be a JSON number).
    Number(String),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

impl Value {
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[(String, Value)]> {
        match self {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// A whole number: `570`, or `570.0` as Apex may write a Number(4,0) field.
    pub fn as_integer(&self) -> Option<i64> {
        let Value::Number(text) = self else {
            return None;
        };
        if text.contains(['e', 'E']) {
            return None;
        }
        let whole = match text.split_once('.') {
            Some((whole, fraction)) if fraction.bytes().all(|b| b == b'0') => whole,
            Some(_) => return None,
            None => text,
        };
        whole.parse().ok()
    }
}

/// Where and why a text is not JSON. `line` and `column` count from 1 (column in characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub kind: SyntaxErrorKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SyntaxErrorKind {
    UnexpectedEnd,
    /// A character that cannot start or continue what is expected here.
    UnexpectedCharacter(char),
    InvalidNumber,
    InvalidEscape,
    /// A raw control character (a newline, a tab…) inside a string.
    ControlCharacterInString,
    /// Something after the single top-level value.
    TrailingCharacters,
    /// More than `MAX_DEPTH` arrays and objects nested inside each other.
    TooDeep,
}

impl SyntaxErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SyntaxErrorKind::UnexpectedEnd => "unexpected_end",
            SyntaxErrorKind::UnexpectedCharacter(_) => "unexpected_character",
            SyntaxErrorKind::InvalidNumber => "invalid_number",
            SyntaxErrorKind::InvalidEscape => "invalid_escape",
            SyntaxErrorKind::ControlCharacterInString => "control_character_in_string",
            SyntaxErrorKind::TrailingCharacters => "trailing_characters",
            SyntaxErrorKind::TooDeep => "too_deep",
        }
    }
}

/// How many arrays and objects may nest inside each other: deep enough for any flow, shallow
/// enough never to exhaust the stack.
pub const MAX_DEPTH: usize = 128;

/// Reads one JSON text.
///
/// `tests/json_diff.rs` checks this reader against serde_json on random and mutated documents:
/// both accept and refuse the same texts and read the same trees, except in these cases only.
/// - A `\u` escape of a UTF-16 surrogate without its other half becomes U+FFFD here, as browsers
///   decode it; serde_json refuses the text.
/// - A number beyond f64's range (`1e400`) is kept as written here (numbers stay text); serde_json
///   refuses the text.
/// - Exactly `MAX_DEPTH` (128) nested arrays and objects are read here; serde_json stops one
///   level earlier.
/// - A repeated object key is not a difference: both keep the last value (serde_json drops the
///   earlier ones; here they stay in `Value::Object` for `duplicate_keys`).
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    reader.skip_space();
    let value = reader.value(0)?;
    reader.skip_space();
    if reader.at < reader.bytes.len() {
        return Err(reader.error(SyntaxErrorKind::TrailingCharacters));
    }
    Ok(value)
}

/// The keys an object's members repeat, each once, in the order of their second appearance.
pub fn duplicate_keys(members: &[(String, Value)]) -> Vec<&str> {
    // How often each key came: the map type the bundle already has for keys (no second set type).
    let mut seen: std::collections::HashMap<&str, usize> =
        std::collections::HashMap::with_capacity(members.len());
    members
        .iter()
        .map(|(key, _)| key.as_str())
        .filter(|key| {
            let times = seen.entry(key).or_default();
            *times += 1;
            *times == 2
        })
        .collect()
}

/// Whether `text` is exactly one JSON number: `-1.5e3`, but not `NaN`, `inf`, `+1`, `.5` or `1.`,
/// which Rust's float parser would take.
pub fn is_number(text: &str) -> bool {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    reader.number().is_ok() && reader.at == text.len()
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn error(&self, kind: SyntaxErrorKind) -> SyntaxError {
        let before = &self.text[..self.at.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        SyntaxError { line, column, kind }
    }

    fn unexpected(&self) -> SyntaxError {
        match self.text[self.at..].chars().next() {
            Some(c) => self.error(SyntaxErrorKind::UnexpectedCharacter(c)),
            None => self.error(SyntaxErrorKind::UnexpectedEnd),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), SyntaxError> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    /// A value inside `depth` arrays and objects.
    fn value(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        if depth >= MAX_DEPTH && matches!(self.peek(), Some(b'{' | b'[')) {
            return Err(self.error(SyntaxErrorKind::TooDeep));
        }
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'n') => self.word("null", Value::Null),
            _ => Err(self.unexpected()),
        }
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, SyntaxError> {
        for expected in word.bytes() {
            self.expect(expected)?;
        }
        Ok(value)
    }

    fn object(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.at += 1;
        let mut members = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.unexpected());
            }
            let key = self.string()?;
            self.skip_space();
            self.expect(b':')?;
            self.skip_space();
            let value = self.value(depth + 1)?;
            members.push((key, value));
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Value::Object(members));
                }
                _ => return Err(self.unexpected()),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.at += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_space();
            items.push(self.value(depth + 1)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.unexpected()),
            }
        }
    }

    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.at;
        let digits = |reader: &mut Self| {
            let from = reader.at;
            while matches!(reader.peek(), Some(b'0'..=b'9')) {
                reader.at += 1;
            }
            reader.at > from
        };
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        if self.peek() == Some(b'0') {
            self.at += 1;
        } else if !digits(self) {
            return Err(self.error(SyntaxErrorKind::InvalidNumber));
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !digits(self) {
                return Err(self.error(SyntaxErrorKind::InvalidNumber));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !digits(self) {
                return Err(self.error(SyntaxErrorKind::InvalidNumber));
            }
        }
        Ok(Value::Number(self.text[start..self.at].to_owned()))
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let run = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            out.push_str(&self.text[run..self.at]);
            match self.peek() {
                None => return Err(self.error(SyntaxErrorKind::UnexpectedEnd)),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escaped = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.at += 1;
                            let c = self.unicode_escape()?;
                            out.push(c);
                            continue;
                        }
                        _ => return Err(self.error(SyntaxErrorKind::InvalidEscape)),
                    };
                    self.at += 1;
                    out.push(escaped);
                }
                Some(_) => return Err(self.error(SyntaxErrorKind::ControlCharacterInString)),
            }
        }
    }

    /// After `\u`: four hex digits, and a low surrogate escape after a high one. A lone
    /// surrogate becomes U+FFFD, as browsers decode it.
    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) && self.bytes[self.at..].starts_with(b"\\u") {
            let save = self.at;
            self.at += 2;
            let second = self.hex4()?;
            if (0xDC00..0xE000).contains(&second) {
                let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                return Ok(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
            self.at = save;
        }
        Ok(char::from_u32(first).unwrap_or('\u{FFFD}'))
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let digits = self
            .text
            .get(self.at..self.at + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.error(SyntaxErrorKind::InvalidEscape))?;
        self.at += 4;
        u32::from_str_radix(digits, 16).map_err(|_| self.error(SyntaxErrorKind::InvalidEscape))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> (usize, usize, &'static str) {
        let e = parse(text).unwrap_err();
        (e.line, e.column, e.kind.as_str())
    }

    #[test]
    fn values() {
        let v = parse(r#" {"a": [1, -2.5e3, true, false, null], "b": "x\"\\\/\n\u00e9\ud83d\ude00", "a": 0} "#).unwrap();
        assert_eq!(
            v.get("a"),
            Some(&Value::Number("0".into())),
            "the last repeated key wins"
        );
        assert_eq!(v.get("b").unwrap().as_str(), Some("x\"\\/\né😀"));
        let Value::Object(members) = &v else { panic!() };
        assert_eq!(
            members[0].1.as_array().unwrap()[1],
            Value::Number("-2.5e3".into())
        );
        assert_eq!(parse("570.0").unwrap().as_integer(), Some(570));
        assert_eq!(parse("570.5").unwrap().as_integer(), None);
        assert_eq!(parse("\"\\ud800\"").unwrap().as_str(), Some("\u{FFFD}"));
        assert_eq!(parse("[]").unwrap(), Value::Array(vec![]));
        let repeats = parse(r#"{"a":1,"b":2,"a":3,"a":4,"b":5,"c":6}"#).unwrap();
        assert_eq!(duplicate_keys(repeats.as_object().unwrap()), ["a", "b"]);
        assert_eq!(repeats.get("a"), Some(&Value::Number("4".into())));
    }

    #[test]
    fn numbers_as_json_writes_them() {
        for yes in ["0", "-0", "12", "-1.5e3", "1E+2", "1e400"] {
            assert!(is_number(yes), "{yes}");
        }
        for no in [
            "", "NaN", "nan", "inf", "-inf", "Infinity", "+1", ".5", "1.", "01", "1e", "0x10",
            "1_000", " 1",
        ] {
            assert!(!is_number(no), "{no}");
        }
    }

    #[test]
    fn errors_name_the_position() {
        assert_eq!(error(""), (1, 1, "unexpected_end"));
        assert_eq!(
            error("{\n  \"a\": [1,,2]\n}"),
            (2, 11, "unexpected_character")
        );
        assert_eq!(error("{\"a\" 1}"), (1, 6, "unexpected_character"));
        assert_eq!(error("01"), (1, 2, "trailing_characters"));
        assert_eq!(error("-"), (1, 2, "invalid_number"));
        assert_eq!(error("1."), (1, 3, "invalid_number"));
        assert_eq!(error("\"a\\x\""), (1, 4, "invalid_escape"));
        assert_eq!(error("\"a\nb\""), (1, 3, "control_character_in_string"));
        assert_eq!(error("\"é"), (1, 3, "unexpected_end"));
        assert_eq!(error("tru"), (1, 4, "unexpected_end"));
        assert_eq!(error("{'a': 1}"), (1, 2, "unexpected_character"));
        assert_eq!(error(&"[".repeat(200)), (1, 129, "too_deep"));
    }
}
