//! Reads one JSON object as a record: typed fields, each problem against the record and field.

use super::*;
use std::collections::HashMap;

/// Reads one JSON object as a record, reporting problems against it.
pub(super) struct Record<'o, 'p> {
    object: &'o Map,
    at: Location,
    pub(super) problems: &'p mut Vec<Problem>,
    /// Whether an error dropped a field the record cannot do without.
    pub(super) broken: bool,
}

impl<'o, 'p> Record<'o, 'p> {
    pub(super) fn new(
        object: &'o Map,
        at: Location,
        known: &[&str],
        problems: &'p mut Vec<Problem>,
    ) -> Self {
        let mut record = Record {
            object,
            at,
            problems,
            broken: false,
        };
        // How often each key came; the same map type as elsewhere keeps the bundle small.
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(object.len());
        for (key, _) in object {
            let key = key.as_str();
            let times = seen.entry(key).or_default();
            *times += 1;
            if *times == 1 {
                if !known.contains(&key) {
                    record.problem(Severity::Warning, key, ProblemKind::UnknownField);
                }
            } else if *times == 2 {
                let kind = ProblemKind::DuplicateKey {
                    key: key.to_owned(),
                    within: None,
                };
                record.problem(Severity::Warning, key, kind);
            }
        }
        record
    }

    pub(super) fn problem(&mut self, severity: Severity, field: &str, kind: ProblemKind) {
        let mut at = self.at.clone();
        at.field = Some(field.to_owned());
        self.problems.push(Problem { severity, at, kind });
    }

    pub(super) fn error(&mut self, field: &str, kind: ProblemKind) {
        self.problem(Severity::Error, field, kind);
    }

    pub(super) fn wrong_type(&mut self, field: &str, expected: JsonType) {
        self.error(field, ProblemKind::WrongType { expected });
    }

    /// A string field; `null`, absent and blank are `None`.
    pub(super) fn text(&mut self, field: &str) -> Option<String> {
        match get(self.object, field) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
            Some(_) => {
                self.wrong_type(field, JsonType::String);
                None
            }
        }
    }

    /// A string field the record cannot do without.
    pub(super) fn required(&mut self, field: &str) -> Option<String> {
        let present = matches!(
            get(self.object, field),
            None | Some(Value::Null | Value::String(_))
        );
        let value = self.text(field);
        if value.is_none() {
            if present {
                self.error(field, ProblemKind::Missing);
            }
            self.broken = true;
        }
        value
    }

    pub(super) fn boolean(&mut self, field: &str, default: bool) -> bool {
        match get(self.object, field) {
            None | Some(Value::Null) => default,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                self.wrong_type(field, JsonType::Boolean);
                default
            }
        }
    }

    /// A whole number; Apex may write `570` or `570.0`.
    pub(super) fn integer(&mut self, field: &str) -> Option<i64> {
        match get(self.object, field) {
            None | Some(Value::Null) => None,
            Some(number @ Value::Number(_)) => match number.as_integer() {
                Some(i) => Some(i),
                None => {
                    self.wrong_type(field, JsonType::Integer);
                    None
                }
            },
            Some(_) => {
                self.wrong_type(field, JsonType::Integer);
                None
            }
        }
    }

    pub(super) fn ranged(&mut self, field: &str, min: i64, max: i64) -> Option<u32> {
        let value = self.integer(field)?;
        if value < min || value > max {
            let value = value.to_string();
            self.error(field, ProblemKind::OutOfRange { value, min, max });
            return None;
        }
        Some(value as u32)
    }

    /// A required value from a closed vocabulary.
    pub(super) fn choice<T: Copy>(
        &mut self,
        field: &str,
        allowed: &'static [&'static str],
        values: &[T],
    ) -> Option<T> {
        let text = self.required(field)?;
        match allowed.iter().position(|a| *a == text) {
            Some(i) => Some(values[i]),
            None => {
                self.error(
                    field,
                    ProblemKind::UnknownValue {
                        value: text,
                        allowed,
                    },
                );
                self.broken = true;
                None
            }
        }
    }

    pub(super) fn object(&mut self, field: &str) -> Option<&'o Map> {
        match get(self.object, field) {
            None | Some(Value::Null) => None,
            Some(Value::Object(o)) => Some(o.as_slice()),
            Some(_) => {
                self.wrong_type(field, JsonType::Object);
                None
            }
        }
    }

    /// The objects of a related list; anything else in it is reported and skipped.
    pub(super) fn records(&mut self, section: Section) -> Vec<&'o Map> {
        let field = section.key();
        match get(self.object, field) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(index, item)| match item {
                    Value::Object(o) => Some(o.as_slice()),
                    _ => {
                        self.problems.push(Problem {
                            severity: Severity::Error,
                            at: section_location(section, Some(index), None),
                            kind: ProblemKind::WrongType {
                                expected: JsonType::Object,
                            },
                        });
                        None
                    }
                })
                .collect(),
            Some(_) => {
                self.wrong_type(field, JsonType::Array);
                Vec::new()
            }
        }
    }
}
