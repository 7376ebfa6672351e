//! Differential test of `engine::json` against serde_json on random and mutated documents.

use engine::json::{self, Value};
use std::collections::HashSet;

/// splitmix64: small, fast and the same sequence on every machine, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Writes random JSON text: every value kind, string escapes and raw unicode, numbers of every
/// shape, whitespace between tokens, repeated keys and (rarely) nesting near the limits.
struct Writer<'r> {
    rng: &'r mut Rng,
    out: String,
}

impl Writer<'_> {
    fn space(&mut self) {
        if self.rng.percent(70) {
            return;
        }
        for _ in 0..=self.rng.below(3) {
            let c = *self.rng.pick(&[' ', '\t', '\n', '\r']);
            self.out.push(c);
        }
    }

    fn value(&mut self, depth: usize) {
        self.space();
        let kind = if depth >= 6 {
            self.rng.below(5)
        } else {
            self.rng.below(8)
        };
        match kind {
            0 => {
                let word = *self.rng.pick(&["true", "false", "null"]);
                self.out.push_str(word);
            }
            1 | 2 => self.number(),
            3 | 4 => self.string(),
            5 | 6 => {
                self.out.push('[');
                let n = self.rng.below(6);
                for i in 0..n {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.value(depth + 1);
                }
                self.space();
                self.out.push(']');
            }
            _ => {
                self.out.push('{');
                let n = self.rng.below(6);
                for i in 0..n {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.space();
                    if self.rng.percent(30) {
                        // Few distinct keys, so objects repeat some.
                        let key = *self.rng.pick(&["\"a\"", "\"id\"", "\"\\u0061\""]);
                        self.out.push_str(key);
                    } else {
                        self.string();
                    }
                    self.space();
                    self.out.push(':');
                    self.value(depth + 1);
                }
                self.space();
                self.out.push('}');
            }
        }
        self.space();
    }

    fn digits(&mut self, n: usize) {
        for _ in 0..n {
            let d = char::from(b'0' + self.rng.below(10) as u8);
            self.out.push(d);
        }
    }

    fn number(&mut self) {
        if self.rng.percent(30) {
            self.out.push('-');
        }
        if self.rng.percent(20) {
            self.out.push('0');
        } else {
            self.out.push(char::from(b'1' + self.rng.below(9) as u8));
            let more = match self.rng.below(20) {
                0 => 20 + self.rng.below(400),
                1..=3 => self.rng.below(25),
                _ => self.rng.below(6),
            };
            self.digits(more);
        }
        if self.rng.percent(35) {
            self.out.push('.');
            let n = 1 + self.rng.below(20);
            self.digits(n);
        }
        if self.rng.percent(30) {
            self.out.push(*self.rng.pick(&['e', 'E']));
            let sign = *self.rng.pick(&["", "+", "-"]);
            self.out.push_str(sign);
            let n = if self.rng.percent(10) {
                3 + self.rng.below(4)
            } else {
                1 + self.rng.below(2)
            };
            self.digits(n);
        }
    }

    fn string(&mut self) {
        self.out.push('"');
        for _ in 0..self.rng.below(8) {
            match self.rng.below(10) {
                0..=3 => {
                    let c = char::from(b' ' + self.rng.below(95) as u8);
                    if c == '"' || c == '\\' {
                        self.out.push('\\');
                    }
                    self.out.push(c);
                }
                4 | 5 => {
                    let c = *self.rng.pick(&[
                        'é',
                        'ß',
                        '中',
                        '😀',
                        '\u{7f}',
                        '\u{80}',
                        '\u{a0}',
                        '\u{2028}',
                        '\u{feff}',
                        '\u{fffd}',
                        '\u{ffff}',
                        '\u{10ffff}',
                    ]);
                    self.out.push(c);
                }
                6 => {
                    let escape = *self
                        .rng
                        .pick(&["\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"]);
                    self.out.push_str(escape);
                }
                _ => self.unicode_escape(),
            }
        }
        self.out.push('"');
    }

    fn unicode_escape(&mut self) {
        // Lone surrogates are rare: each makes the whole document a documented disagreement.
        let code = match self.rng.below(60) {
            0..=17 => self.rng.below(0x80),
            18..=26 => self.rng.below(0x20),
            27..=38 => 0x80 + self.rng.below(0xD800 - 0x80),
            39..=44 => 0xE000 + self.rng.below(0x2000),
            45..=57 => {
                // A surrogate pair: one character outside the BMP.
                let high = 0xD800 + self.rng.below(0x400);
                self.hex(high);
                0xDC00 + self.rng.below(0x400)
            }
            58 => 0xD800 + self.rng.below(0x400),
            _ => 0xDC00 + self.rng.below(0x400),
        };
        self.hex(code);
    }

    fn hex(&mut self, code: usize) {
        let text = if self.rng.percent(50) {
            format!("\\u{code:04x}")
        } else {
            format!("\\u{code:04X}")
        };
        self.out.push_str(&text);
    }

    /// Containers nested `levels` deep around a scalar: arrays and objects mixed.
    fn nested(&mut self, levels: usize) {
        let mut closers = Vec::new();
        for _ in 0..levels {
            if self.rng.percent(50) {
                self.out.push('[');
                closers.push(']');
            } else {
                self.out.push_str("{\"k\":");
                closers.push('}');
            }
        }
        self.number();
        while let Some(c) = closers.pop() {
            self.out.push(c);
        }
    }
}

fn document(rng: &mut Rng) -> String {
    let mut writer = Writer {
        rng,
        out: String::new(),
    };
    if writer.rng.percent(2) {
        let levels = 120 + writer.rng.below(15);
        writer.nested(levels);
    } else {
        writer.value(0);
    }
    writer.out
}

/// One to three small edits: what a hand-edited or truncated document looks like.
fn mutate(rng: &mut Rng, text: &str) -> String {
    const PIECES: &[&str] = &[
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "\\udc00", "-", "+", ".", "0",
        "1", "e", "E", "1e400", "nul", "tru", " ", "\t", "\u{0}", "\u{1f}", "\u{7f}", "\u{a0}",
        "\u{feff}", "é", "😀",
    ];
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..=rng.below(3) {
        let at = rng.below(chars.len() + 1);
        match rng.below(6) {
            0 if at < chars.len() => {
                chars.remove(at);
            }
            1 if at < chars.len() => {
                let piece: Vec<char> = rng.pick(PIECES).chars().collect();
                chars.splice(at..at + 1, piece);
            }
            2 => chars.truncate(at),
            3 if at < chars.len() => {
                let end = (at + 1 + rng.below(8)).min(chars.len());
                let copy: Vec<char> = chars[at..end].to_vec();
                chars.splice(end..end, copy);
            }
            _ => {
                let piece: Vec<char> = rng.pick(PIECES).chars().collect();
                chars.splice(at..at, piece);
            }
        }
    }
    chars.into_iter().collect()
}

/// The same tree: numbers equal as serde_json reads their text, objects equal under
/// `JSON.parse`'s rule that the last of a repeated key counts.
fn same(ours: &Value, theirs: &serde_json::Value) -> bool {
    use serde_json::Value as S;
    match (ours, theirs) {
        (Value::Null, S::Null) => true,
        (Value::Bool(a), S::Bool(b)) => a == b,
        (Value::Number(text), S::Number(n)) => {
            serde_json::from_str::<serde_json::Number>(text)
                .ok()
                .as_ref()
                == Some(n)
        }
        (Value::String(a), S::String(b)) => a == b,
        (Value::Array(a), S::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (Value::Object(members), S::Object(map)) => {
            let keys: HashSet<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
            keys.len() == map.len()
                && map
                    .iter()
                    .all(|(k, t)| ours.get(k).is_some_and(|v| same(v, t)))
        }
        _ => false,
    }
}

/// The documented reasons the two readers may disagree (see `engine::json::parse`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Documented {
    /// A `\u` escape of a surrogate without its pair: U+FFFD here, an error in serde_json.
    LoneSurrogate,
    /// A number beyond f64's range: kept as text here, an error in serde_json.
    NumberOutOfRange,
    /// Exactly `json::MAX_DEPTH` nested arrays and objects: accepted here, one level past
    /// serde_json's limit.
    Depth,
}

/// Why the readers disagree on `text`, when it is a documented case.
fn explain(
    text: &str,
    ours: &Result<Value, json::SyntaxError>,
    theirs: &Result<serde_json::Value, serde_json::Error>,
) -> Option<Documented> {
    match (ours, theirs) {
        (Ok(value), Err(error)) => {
            let message = error.to_string();
            if message.starts_with("recursion limit exceeded") && depth(text) == json::MAX_DEPTH {
                Some(Documented::Depth)
            } else if message.starts_with("number out of range") && has_infinite_number(value) {
                Some(Documented::NumberOutOfRange)
            } else if (message.starts_with("lone leading surrogate")
                || message.starts_with("unexpected end of hex escape"))
                && has_lone_surrogate_escape(text)
            {
                Some(Documented::LoneSurrogate)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// How many arrays and objects the (valid) text nests inside each other.
fn depth(text: &str) -> usize {
    let (mut now, mut most, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for c in text.chars() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '[' | '{' => {
                now += 1;
                most = most.max(now);
            }
            ']' | '}' => now -= 1,
            _ => {}
        }
    }
    most
}

fn has_infinite_number(value: &Value) -> bool {
    match value {
        Value::Number(text) => text.parse::<f64>().is_ok_and(f64::is_infinite),
        Value::Array(items) => items.iter().any(has_infinite_number),
        Value::Object(members) => members.iter().any(|(_, v)| has_infinite_number(v)),
        _ => false,
    }
}

/// Whether the (valid) text has a `\uD800`–`\uDFFF` escape that is not half of a pair.
fn has_lone_surrogate_escape(text: &str) -> bool {
    let mut codes: Vec<Option<u32>> = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        let after = &rest[at + 1..];
        if let Some(hex) = after.strip_prefix('u') {
            codes.push(u32::from_str_radix(&hex[..4], 16).ok());
            rest = &hex[4..];
        } else {
            // Another escape breaks a pair just as text does.
            codes.push(None);
            rest = &after[after.chars().next().map_or(0, char::len_utf8)..];
        }
        // Text between escapes breaks a pair too.
        if !rest.starts_with('\\') {
            codes.push(None);
        }
    }
    let high = |c: &Option<u32>| c.is_some_and(|c| (0xD800..0xDC00).contains(&c));
    let low = |c: &Option<u32>| c.is_some_and(|c| (0xDC00..0xE000).contains(&c));
    let mut i = 0;
    while i < codes.len() {
        if high(&codes[i]) && codes.get(i + 1).is_some_and(low) {
            i += 2;
        } else if high(&codes[i]) || low(&codes[i]) {
            return true;
        } else {
            i += 1;
        }
    }
    false
}

/// Parses `text` with both readers and returns why they disagree, or panics when they disagree
/// for a reason the reader's documentation does not give.
fn compare(text: &str) -> Option<Documented> {
    let ours = json::parse(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => {
            assert!(
                same(a, b),
                "different trees for {text:?}:\n ours {a:?}\n serde {b:?}"
            );
            None
        }
        (Err(_), Err(_)) => None,
        _ => {
            let case = explain(text, &ours, &theirs);
            assert!(
                case.is_some(),
                "undocumented disagreement on {text:?}:\n ours {ours:?}\n serde {theirs:?}"
            );
            case
        }
    }
}

#[test]
fn random_documents_read_as_serde_json_reads_them() {
    let mut rng = Rng(0x5EED_0001);
    let mut agreed = 0;
    let mut seen = HashSet::new();
    for _ in 0..10_000 {
        let text = document(&mut rng);
        match compare(&text) {
            None => agreed += 1,
            Some(case) => {
                seen.insert(case);
            }
        }
    }
    assert!(agreed > 8_500, "only {agreed} of 10,000 documents agreed");
    assert_eq!(
        seen.len(),
        3,
        "every documented case should come up: {seen:?}"
    );
    eprintln!("random documents: {agreed} agreed, disagreements {seen:?}");
}

#[test]
fn mutated_documents_fail_or_read_alike() {
    let mut rng = Rng(0x5EED_0002);
    let (mut both_accept, mut both_refuse, mut documented) = (0, 0, 0);
    for _ in 0..20_000 {
        let text = document(&mut rng);
        let text = mutate(&mut rng, &text);
        let accepted = json::parse(&text).is_ok();
        match compare(&text) {
            Some(_) => documented += 1,
            None if accepted => both_accept += 1,
            None => both_refuse += 1,
        }
    }
    // Both outcomes must be common, or the mutations test nothing.
    assert!(
        both_accept > 1_000 && both_refuse > 5_000,
        "{both_accept} accepted, {both_refuse} refused"
    );
    eprintln!(
        "mutations: {both_accept} both accept, {both_refuse} both refuse, {documented} documented"
    );
}

/// Each documented disagreement, so the documentation stays true in both directions.
#[test]
fn the_documented_disagreements() {
    let deep = |levels: usize| format!("{}0{}", "[".repeat(levels), "]".repeat(levels));
    let cases: &[(&str, Documented)] = &[
        (r#""\ud800""#, Documented::LoneSurrogate),
        (r#""\udc00x""#, Documented::LoneSurrogate),
        (r#"["\ud83d\n"]"#, Documented::LoneSurrogate),
        (r#""\ud83d\u0041""#, Documented::LoneSurrogate),
        ("1e400", Documented::NumberOutOfRange),
        ("[-1.5E+309]", Documented::NumberOutOfRange),
    ];
    for (text, case) in cases {
        assert_eq!(compare(text), Some(*case), "{text}");
    }
    assert_eq!(compare(&deep(json::MAX_DEPTH)), Some(Documented::Depth));
    assert_eq!(compare(&deep(json::MAX_DEPTH - 1)), None);
    assert!(json::parse(&deep(json::MAX_DEPTH + 1)).is_err());
    assert_eq!(
        json::parse(r#""\ud800\ud83d\ude00""#).unwrap().as_str(),
        Some("\u{fffd}😀")
    );
    assert_eq!(compare("1e-400"), None, "underflow is zero in both");
    assert_eq!(compare("0e999999"), None, "zero is zero in both");
}
