//! Loading: a flow body (JSON) into a typed `Flow`, with every problem as a config `Problem`.

use super::blocks::{self, ControlType};
use super::data::Data;
use super::path::{self, Root};
use super::{Block, Control, Flow, KindRef, Port};
use crate::config::{FlowAt, JsonType, Location, Problem, ProblemKind, Section, Severity};
use crate::json::{self, Value};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// Loads a body given as text; a syntax error is the one problem then.
pub fn load_text(text: &str) -> (Option<Flow>, Vec<Problem>) {
    match json::parse(text) {
        Ok(body) => load(&body),
        Err(error) => {
            let kind = ProblemKind::Syntax {
                line: error.line,
                column: error.column,
                what: error.kind,
            };
            (
                None,
                vec![problem(Severity::Error, kind, String::new(), None)],
            )
        }
    }
}

/// Loads a body. `None` when there is nothing to run (no `actions` list, no start); otherwise the
/// flow, whose unusable parts (a dangling port, a bad path) are left unconnected or missing.
pub fn load(body: &Value) -> (Option<Flow>, Vec<Problem>) {
    let mut loader = Loader {
        problems: Vec::new(),
    };
    let flow = loader.flow(body);
    (flow, loader.problems)
}

/// The location of a problem in a body; the config decoder adds the record around it.
pub(super) fn problem(
    severity: Severity,
    kind: ProblemKind,
    pointer: String,
    block: Option<(&str, &str)>,
) -> Problem {
    Problem {
        severity,
        at: Location {
            section: Section::Flows,
            index: None,
            record_id: None,
            record_name: None,
            field: Some("body".to_owned()),
            flow: Some(FlowAt {
                pointer,
                block_id: block.map(|(id, _)| id.to_owned()),
                block_type: block.map(|(_, kind)| kind.to_owned()),
            }),
        },
        kind,
    }
}

/// How a reference (port target or `$.actions.<id>`) to an id of the body resolves.
#[derive(Clone, Copy)]
enum Target {
    Block(usize),
    /// Several blocks had the id.
    Ambiguous,
}

/// One action of the body with a string id and type.
struct Entry<'v> {
    at: usize,
    id: String,
    type_name: &'v str,
    action: &'v Value,
}

struct Loader {
    problems: Vec<Problem>,
}

impl Loader {
    fn report(&mut self, severity: Severity, kind: ProblemKind, pointer: String, block: &Entry) {
        let block = Some((block.id.as_str(), block.type_name));
        self.problems.push(problem(severity, kind, pointer, block));
    }

    fn flow(&mut self, body: &Value) -> Option<Flow> {
        let Some(actions) = body.get("actions").and_then(Value::as_array) else {
            let kind = ProblemKind::NotAFlow;
            self.problems
                .push(problem(Severity::Error, kind, String::new(), None));
            return None;
        };
        let mut entries = Vec::with_capacity(actions.len());
        for (at, action) in actions.iter().enumerate() {
            let id = action.get("id").and_then(Value::as_str);
            let type_name = action.get("type").and_then(Value::as_str);
            match (id, type_name) {
                (Some(id), Some(type_name)) => entries.push(Entry {
                    at,
                    id: id.to_owned(),
                    type_name,
                    action,
                }),
                _ => {
                    let kind = ProblemKind::FlowActionShape { index: at };
                    self.problems.push(problem(
                        Severity::Error,
                        kind,
                        format!("/actions/{at}"),
                        None,
                    ));
                }
            }
        }
        let targets = self.renumber(&mut entries);
        let starts: Vec<usize> = (0..entries.len())
            .filter(|&i| entries[i].type_name == "SE_Start")
            .collect();
        if starts.len() != 1 {
            let kind = ProblemKind::FlowStart {
                count: starts.len(),
            };
            self.problems
                .push(problem(Severity::Error, kind, "/actions".to_owned(), None));
        }
        let blocks: Vec<Block> = entries
            .iter()
            .map(|entry| self.block(entry, &targets))
            .collect();
        let reads_records = blocks
            .iter()
            .any(|block| block.controls.iter().any(|(_, c)| reads_record(c)));
        Some(Flow {
            name: body.get("name").and_then(Value::as_str).map(str::to_owned),
            blocks,
            start: *starts.first()?,
            reads_records,
        })
    }

    /// Gives `uid-NaN` and repeated ids fresh `uid-<n>` ids (the first of a repeated id keeps
    /// it), and answers where each original id leads.
    fn renumber(&mut self, entries: &mut [Entry]) -> HashMap<String, Target> {
        let mut targets: HashMap<String, Target> = HashMap::with_capacity(entries.len());
        let mut taken: HashSet<String> = HashSet::with_capacity(entries.len());
        let mut next = 0u64;
        for (index, entry) in entries.iter().enumerate() {
            let target = match targets.get(&entry.id) {
                None => Target::Block(index),
                Some(_) => Target::Ambiguous,
            };
            targets.insert(entry.id.clone(), target);
            taken.insert(entry.id.clone());
            if let Some(n) = uid_number(&entry.id) {
                next = next.max(n + 1);
            }
        }
        // A fresh id must not be one a port or path already names (a dangling reference would
        // otherwise start leading to the renumbered block).
        for entry in entries.iter() {
            for name in referenced_ids(entry.action) {
                if let Some(n) = uid_number(name) {
                    next = next.max(n + 1);
                }
                taken.insert(name.to_owned());
            }
        }
        let mut seen: HashSet<String> = HashSet::with_capacity(entries.len());
        for entry in entries.iter_mut() {
            if entry.id != "uid-NaN" && seen.insert(entry.id.clone()) {
                continue;
            }
            let mut fresh = format!("uid-{next}");
            while taken.contains(&fresh) {
                next += 1;
                fresh = format!("uid-{next}");
            }
            next += 1;
            taken.insert(fresh.clone());
            let from = std::mem::replace(&mut entry.id, fresh.clone());
            let pointer = format!("/actions/{}/id", entry.at);
            let kind = ProblemKind::FlowRenumbered { from, to: fresh };
            self.report(Severity::Warning, kind, pointer, entry);
        }
        // References resolve by block index, so they follow a renumbered block.
        targets
    }

    fn block(&mut self, entry: &Entry, targets: &HashMap<String, Target>) -> Block {
        let kind = match blocks::find(entry.type_name) {
            Some(index) => KindRef::Built(index),
            None if blocks::NOT_BUILT.contains(&entry.type_name) => {
                let kind = ProblemKind::FlowBlockNotBuilt {
                    action: entry.id.clone(),
                    block_type: entry.type_name.to_owned(),
                };
                let pointer = format!("/actions/{}/type", entry.at);
                self.report(Severity::Warning, kind, pointer, entry);
                KindRef::NotBuilt
            }
            None => {
                let kind = ProblemKind::FlowUnknownBlock {
                    action: entry.id.clone(),
                    block_type: entry.type_name.to_owned(),
                };
                let pointer = format!("/actions/{}/type", entry.at);
                self.report(Severity::Error, kind, pointer, entry);
                KindRef::Unknown
            }
        };
        let specs = match kind {
            KindRef::Built(index) => blocks::BUILT[index].controls,
            _ => &[],
        };
        let controls = self.controls(entry, specs, targets);
        let ports = self.ports(entry, targets);
        let mut exits = [None; Port::ALL.len()];
        for (name, target) in &ports {
            if let Some(port) = Port::from_name(name) {
                exits[port as usize] = *target;
            }
        }
        Block {
            id: Rc::from(entry.id.as_str()),
            type_name: entry.type_name.to_owned(),
            kind,
            controls,
            ports,
            exits,
            body_index: entry.at,
        }
    }

    fn controls(
        &mut self,
        entry: &Entry,
        specs: &[(&str, ControlType)],
        targets: &HashMap<String, Target>,
    ) -> Vec<(String, Control)> {
        let base = format!("/actions/{}/controls", entry.at);
        let members = match entry.action.get("controls") {
            None | Some(Value::Null) => return Vec::new(),
            Some(Value::Object(members)) => members,
            Some(_) => {
                let kind = ProblemKind::FlowControlType {
                    action: entry.id.clone(),
                    control: "controls".to_owned(),
                    expected: JsonType::Object,
                };
                self.report(Severity::Error, kind, base, entry);
                return Vec::new();
            }
        };
        let mut controls: Vec<(String, Control)> = Vec::with_capacity(members.len());
        for (name, value) in last_members(members) {
            let pointer = format!("{base}/{}", escape_pointer(name));
            let spec = specs
                .iter()
                .find(|(n, _)| n == name)
                .map_or(ControlType::Any, |(_, t)| *t);
            let expected = match (spec, value) {
                (_, Value::String(text)) if path::is_path(text) => None,
                (ControlType::Text, Value::Array(_) | Value::Object(_)) => Some(JsonType::String),
                (ControlType::Bool, Value::Null | Value::Bool(_)) => None,
                (ControlType::Bool, _) => Some(JsonType::Boolean),
                (ControlType::Object, Value::Null | Value::Object(_)) => None,
                // Editors write "" for an object nobody filled in.
                (ControlType::Object, Value::String(text)) if text.is_empty() => None,
                (ControlType::Object, _) => Some(JsonType::Object),
                _ => None,
            };
            if let Some(expected) = expected {
                let kind = ProblemKind::FlowControlType {
                    action: entry.id.clone(),
                    control: name.clone(),
                    expected,
                };
                self.report(Severity::Error, kind, pointer, entry);
                continue;
            }
            let control = self.control(entry, name, value, pointer, targets);
            controls.push((name.clone(), control));
        }
        controls
    }

    /// A control value, with every `$.` string inside it parsed into a path.
    fn control(
        &mut self,
        entry: &Entry,
        name: &str,
        value: &Value,
        pointer: String,
        targets: &HashMap<String, Target>,
    ) -> Control {
        match value {
            Value::String(text) if path::is_path(text) => match path::parse(text) {
                Ok(mut p) => {
                    if let Root::Action { id, block } = &mut p.root {
                        match targets.get(id.as_str()) {
                            Some(Target::Block(index)) => *block = Some(*index),
                            Some(Target::Ambiguous) => {
                                let kind = ProblemKind::FlowDuplicateActionId { id: id.clone() };
                                self.report(Severity::Error, kind, pointer, entry);
                            }
                            None => {
                                let kind = ProblemKind::FlowPathUnknownBlock {
                                    action: entry.id.clone(),
                                    control: name.to_owned(),
                                    target: id.clone(),
                                };
                                self.report(Severity::Warning, kind, pointer, entry);
                            }
                        }
                    }
                    Control::Path(p)
                }
                Err(reason) => {
                    let kind = ProblemKind::FlowBadPath {
                        action: entry.id.clone(),
                        control: name.to_owned(),
                        path: text.clone(),
                        reason,
                    };
                    self.report(Severity::Error, kind, pointer, entry);
                    Control::Literal(Data::Null)
                }
            },
            Value::Object(members) => Control::Object(
                last_members(members)
                    .map(|(key, member)| {
                        let at = format!("{pointer}/{}", escape_pointer(key));
                        (key.clone(), self.control(entry, name, member, at, targets))
                    })
                    .collect(),
            ),
            Value::Array(items) => Control::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        self.control(entry, name, item, format!("{pointer}/{i}"), targets)
                    })
                    .collect(),
            ),
            other => Control::Literal(Data::from_json(other)),
        }
    }

    fn ports(
        &mut self,
        entry: &Entry,
        targets: &HashMap<String, Target>,
    ) -> Vec<(String, Option<usize>)> {
        let base = format!("/actions/{}/ports", entry.at);
        let members = match entry.action.get("ports") {
            None | Some(Value::Null) => return Vec::new(),
            Some(Value::Object(members)) => members,
            Some(_) => {
                let kind = ProblemKind::FlowPortsNotObject {
                    action: entry.id.clone(),
                };
                self.report(Severity::Error, kind, base, entry);
                return Vec::new();
            }
        };
        let mut ports = Vec::with_capacity(members.len());
        for (port, target) in last_members(members) {
            let pointer = format!("{base}/{}", escape_pointer(port));
            let target = match target {
                // Editors write "" or null for an unconnected port.
                Value::Null => None,
                Value::String(target) if target.is_empty() => None,
                Value::String(target) => match targets.get(target.as_str()) {
                    Some(Target::Block(index)) => Some(*index),
                    Some(Target::Ambiguous) => {
                        let kind = ProblemKind::FlowDuplicateActionId { id: target.clone() };
                        self.report(Severity::Error, kind, pointer, entry);
                        None
                    }
                    None => {
                        let kind = ProblemKind::FlowDanglingPort {
                            action: entry.id.clone(),
                            port: port.clone(),
                            target: target.clone(),
                        };
                        self.report(Severity::Error, kind, pointer, entry);
                        None
                    }
                },
                _ => {
                    let kind = ProblemKind::FlowPortTargetNotString {
                        action: entry.id.clone(),
                        port: port.clone(),
                    };
                    self.report(Severity::Error, kind, pointer, entry);
                    None
                }
            };
            ports.push((port.clone(), target));
        }
        ports
    }
}

/// The members of an object, a repeated key once with its last value (as `JSON.parse` reads it),
/// in the order of their last appearance.
fn last_members(members: &[(String, Value)]) -> impl Iterator<Item = &(String, Value)> {
    let mut last: HashMap<&str, usize> = HashMap::with_capacity(members.len());
    for (at, (key, _)) in members.iter().enumerate() {
        last.insert(key, at);
    }
    members
        .iter()
        .enumerate()
        .filter(move |(at, (key, _))| last[key.as_str()] == *at)
        .map(|(_, member)| member)
}

/// `n` of a `uid-<n>` id, as the adapter's editor numbers blocks. Huge numbers are left out (they
/// stay taken, so never reused) so that counting on from the highest cannot overflow.
fn uid_number(id: &str) -> Option<u64> {
    let n: u64 = id.strip_prefix("uid-")?.parse().ok()?;
    (n < u64::from(u32::MAX)).then_some(n)
}

/// The ids an action's ports lead to and its `$.actions.<id>` paths read.
fn referenced_ids(action: &Value) -> Vec<&str> {
    let mut ids = Vec::new();
    if let Some(Value::Object(ports)) = action.get("ports") {
        ids.extend(ports.iter().filter_map(|(_, target)| target.as_str()));
    }
    let mut stack: Vec<&Value> = action.get("controls").into_iter().collect();
    while let Some(value) = stack.pop() {
        match value {
            Value::String(text) => {
                if let Some(rest) = text.strip_prefix("$.actions.") {
                    ids.extend(rest.split(['.', '[']).next());
                }
            }
            Value::Array(items) => stack.extend(items),
            Value::Object(members) => stack.extend(members.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    ids
}

/// RFC 6901: `~` and `/` inside a key.
fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Whether a control reads a block's record (`$.actions.<id>` of a block the flow has).
fn reads_record(control: &Control) -> bool {
    match control {
        Control::Literal(_) => false,
        Control::Path(p) => matches!(p.root, Root::Action { block: Some(_), .. }),
        Control::Object(members) => members.iter().any(|(_, c)| reads_record(c)),
        Control::Array(items) => items.iter().any(reads_record),
    }
}
