//! The values a flow run reads and writes: an engine-owned JSON-like tree, with JavaScript truthiness.

use crate::json::Value;

/// One value of a flow run. Numbers stay as their JSON text (as in `json::Value`), so no float
/// parser is linked; blocks that compare numbers do it on the decimal text.
///
/// A missing value (a path to nothing, an absent control) is `Null`: where the adapter's
/// JavaScript sees `undefined`, this engine sees `Null`. Both are falsy and both mean "absent" to
/// every block, so one value is enough and no block has to tell them apart.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Data {
    #[default]
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Data>),
    /// Members in insertion order; a key is kept once (setting it again replaces the value).
    Object(Vec<(String, Data)>),
}

impl Data {
    pub fn text(text: impl Into<String>) -> Data {
        Data::String(text.into())
    }

    /// An object from `(key, value)` pairs.
    pub fn object<K: Into<String>>(members: impl IntoIterator<Item = (K, Data)>) -> Data {
        let mut object = Data::Object(Vec::new());
        for (key, value) in members {
            object.set(key.into(), value);
        }
        object
    }

    /// Copies a JSON tree; a repeated key keeps its last value, as `JSON.parse` does.
    pub fn from_json(value: &Value) -> Data {
        match value {
            Value::Null => Data::Null,
            Value::Bool(b) => Data::Bool(*b),
            Value::Number(text) => Data::Number(text.clone()),
            Value::String(text) => Data::String(text.clone()),
            Value::Array(items) => Data::Array(items.iter().map(Data::from_json).collect()),
            Value::Object(members) => {
                // A repeated key keeps its first place and its last value, as in `JSON.parse`;
                // the map keeps large objects linear.
                let mut out: Vec<(String, Data)> = Vec::with_capacity(members.len());
                let mut places = std::collections::HashMap::with_capacity(members.len());
                for (key, value) in members {
                    let value = Data::from_json(value);
                    match places.get(key.as_str()) {
                        Some(&place) => out[place] = (key.clone(), value),
                        None => {
                            places.insert(key.as_str(), out.len());
                            out.push((key.clone(), value));
                        }
                    }
                }
                Data::Object(out)
            }
        }
    }

    /// The member `key` of an object; `Null` for anything else.
    pub fn get(&self, key: &str) -> &Data {
        const NULL: &Data = &Data::Null;
        match self {
            Data::Object(members) => members
                .iter()
                .find(|(k, _)| k == key)
                .map_or(NULL, |(_, v)| v),
            // JavaScript reads `"3"` on an array as index 3.
            Data::Array(items) => key
                .parse::<usize>()
                .ok()
                .and_then(|i| items.get(i))
                .unwrap_or(NULL),
            _ => NULL,
        }
    }

    pub fn at(&self, index: usize) -> &Data {
        const NULL: &Data = &Data::Null;
        match self {
            Data::Array(items) => items.get(index).unwrap_or(NULL),
            // `value[0]` on an object reads its key "0", as JavaScript does.
            Data::Object(_) => self.get(&index.to_string()),
            _ => NULL,
        }
    }

    /// Sets a member, turning a non-object into an empty object first.
    pub fn set(&mut self, key: String, value: Data) {
        if !matches!(self, Data::Object(_)) {
            *self = Data::Object(Vec::new());
        }
        if let Data::Object(members) = self {
            match members.iter_mut().find(|(k, _)| *k == key) {
                Some((_, slot)) => *slot = value,
                None => members.push((key, value)),
            }
        }
    }

    /// This object without its `null` members (what JavaScript callers leave out); other
    /// values as they are.
    pub fn without_nulls(&self) -> Data {
        match self {
            Data::Object(members) => Data::Object(
                members
                    .iter()
                    .filter(|(_, value)| !value.is_null())
                    .cloned()
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Data::Null)
    }

    /// JavaScript truthiness: `null`, `false`, `0`, `-0`, `NaN` and `""` are false; every other
    /// value is true, empty arrays and objects included.
    pub fn truthy(&self) -> bool {
        match self {
            Data::Null => false,
            Data::Bool(b) => *b,
            Data::Number(text) => !is_zero(text),
            Data::String(text) => !text.is_empty(),
            Data::Array(_) | Data::Object(_) => true,
        }
    }

    /// The value as text, as JavaScript's `String(value)` writes scalars; `None` for `null`,
    /// arrays and objects, which no text control means.
    pub fn as_text(&self) -> Option<String> {
        match self {
            Data::Null | Data::Array(_) | Data::Object(_) => None,
            Data::Bool(b) => Some(b.to_string()),
            Data::Number(text) | Data::String(text) => Some(text.clone()),
        }
    }

    /// Text that is present and not blank.
    pub fn non_empty_text(&self) -> Option<String> {
        self.as_text().filter(|text| !text.trim().is_empty())
    }

    /// Compact JSON text, for logs.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    fn write_json(&self, out: &mut String) {
        match self {
            Data::Null => out.push_str("null"),
            Data::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Data::Number(text) => out.push_str(text),
            Data::String(text) => write_string(text, out),
            Data::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_json(out);
                }
                out.push(']');
            }
            Data::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(key, out);
                    out.push(':');
                    value.write_json(out);
                }
                out.push('}');
            }
        }
    }
}

impl From<bool> for Data {
    fn from(value: bool) -> Self {
        Data::Bool(value)
    }
}

impl From<&str> for Data {
    fn from(value: &str) -> Self {
        Data::String(value.to_owned())
    }
}

impl From<String> for Data {
    fn from(value: String) -> Self {
        Data::String(value)
    }
}

impl From<Option<String>> for Data {
    fn from(value: Option<String>) -> Self {
        value.map_or(Data::Null, Data::String)
    }
}

/// Whether a JSON number's text is zero: every digit before the exponent is `0`.
fn is_zero(text: &str) -> bool {
    let mantissa = text.split(['e', 'E']).next().unwrap_or("");
    mantissa
        .chars()
        .filter(char::is_ascii_digit)
        .all(|c| c == '0')
}

fn write_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(text: &str) -> Data {
        Data::from_json(&crate::json::parse(text).unwrap())
    }

    #[test]
    fn javascript_truthiness_of_numbers_written_as_text() {
        for falsy in ["0", "-0", "0.0", "0e10", "-0.000E-3"] {
            assert!(!data(falsy).truthy(), "{falsy}");
        }
        for truthy in ["1", "0.001", "1e-5", "-2"] {
            assert!(data(truthy).truthy(), "{truthy}");
        }
    }

    #[test]
    fn repeated_keys_keep_the_first_place_and_the_last_value() {
        let object = data(r#"{"a": 1, "b": 2, "a": 3}"#);
        assert_eq!(object.to_json(), r#"{"a":3,"b":2}"#);
        assert_eq!(data(r#"["x", "y"]"#).get("1"), &Data::text("y"));
        assert_eq!(data(r#"{"0": "z"}"#).at(0), &Data::text("z"));
        assert_eq!(data("\"a\\u0001\\n\"").to_json(), "\"a\\u0001\\n\"");
    }
}
