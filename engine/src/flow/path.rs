//! `$.` paths of control values: parsed once at load time into steps, read against a run's data.

use super::data::Data;

/// A parsed `$.` path: `$.payload.number`, `$.contact.parsedNumber.phone`,
/// `$.actions.uid-3.results.value.[0].Id`, `$.actions.uid-3.results.value[0]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path {
    pub root: Root,
    pub steps: Vec<PathStep>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Root {
    Payload,
    Contact,
    /// The record of a block, by its index in `Flow::blocks` (`None` when no block has the id:
    /// the path then reads as missing). `id` is the block id as written in the body.
    Action {
        id: String,
        block: Option<usize>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathStep {
    Key(String),
    Index(usize),
}

/// Why a `$.` value is not a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PathError {
    /// Not `$.payload`, `$.contact` or `$.actions`.
    UnknownRoot,
    /// `$.actions` without a block id.
    MissingBlockId,
    /// Two dots in a row, or a dot at the end.
    EmptyStep,
    /// `[` without `]`, or something other than digits inside.
    BadIndex,
}

impl PathError {
    pub fn as_str(self) -> &'static str {
        match self {
            PathError::UnknownRoot => "unknown_root",
            PathError::MissingBlockId => "missing_block_id",
            PathError::EmptyStep => "empty_step",
            PathError::BadIndex => "bad_index",
        }
    }
}

/// Whether a control value is meant as a path.
pub fn is_path(text: &str) -> bool {
    text.starts_with("$.")
}

/// Parses a path; the block of `$.actions.<id>` is resolved later by the loader.
pub fn parse(text: &str) -> Result<Path, PathError> {
    let rest = text.strip_prefix("$.").ok_or(PathError::UnknownRoot)?;
    let mut steps = steps(rest)?;
    let root = match steps.first() {
        Some(PathStep::Key(key)) if key == "payload" => Root::Payload,
        Some(PathStep::Key(key)) if key == "contact" => Root::Contact,
        Some(PathStep::Key(key)) if key == "actions" => match steps.get(1) {
            Some(PathStep::Key(id)) => {
                let id = id.clone();
                steps.remove(0);
                Root::Action { id, block: None }
            }
            _ => return Err(PathError::MissingBlockId),
        },
        _ => return Err(PathError::UnknownRoot),
    };
    steps.remove(0);
    Ok(Path { root, steps })
}

/// Splits `a.b[0].[1].c` into keys and indexes. Block ids contain `-`, so keys are anything
/// between dots and brackets.
fn steps(text: &str) -> Result<Vec<PathStep>, PathError> {
    let mut steps = Vec::new();
    for part in text.split('.') {
        let (key, mut brackets) = match part.find('[') {
            Some(at) => (&part[..at], &part[at..]),
            None => (part, ""),
        };
        if key.is_empty() && brackets.is_empty() {
            return Err(PathError::EmptyStep);
        }
        if !key.is_empty() {
            steps.push(PathStep::Key(key.to_owned()));
        }
        while !brackets.is_empty() {
            let inner = brackets.strip_prefix('[').ok_or(PathError::BadIndex)?;
            let close = inner.find(']').ok_or(PathError::BadIndex)?;
            let digits = &inner[..close];
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(PathError::BadIndex);
            }
            let index = digits.parse().map_err(|_| PathError::BadIndex)?;
            steps.push(PathStep::Index(index));
            brackets = &inner[close + 1..];
        }
    }
    Ok(steps)
}

/// Follows `steps` from `value`; a step into nothing gives `Null`, never an error.
pub fn follow<'d>(mut value: &'d Data, steps: &[PathStep]) -> &'d Data {
    for step in steps {
        value = match step {
            PathStep::Key(key) => value.get(key),
            PathStep::Index(index) => value.at(*index),
        };
    }
    value
}

/// `keyPath` of Extract Value: `a.b[0].c` or `a.b.0.c`, without a root.
pub fn key_path(text: &str) -> Result<Vec<PathStep>, PathError> {
    let text = text.strip_prefix("$.").unwrap_or(text);
    if text.is_empty() {
        return Ok(Vec::new());
    }
    steps(text)
}
