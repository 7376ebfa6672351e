//! Decodes the configuration document field by field, collecting every problem on the way.

mod adapter;
mod attributes;
mod features;
mod flows;
mod presence;
mod record;

use super::*;
use crate::json::{self, Value};
use adapter::{adapter, empty_adapter};
use attributes::attribute;
use features::features;
use flows::flow;
use presence::presence_rule;
use record::Record;

/// A JSON object: its members in document order.
type Map = [(String, Value)];

pub(super) fn document(text: &str, call_center: Option<&str>) -> Parsed {
    let mut problems = Vec::new();
    let root = match json::parse(text) {
        Ok(value) => value,
        Err(error) => {
            problems.push(syntax(Section::Document, None, &error));
            return Parsed {
                config: None,
                problems,
            };
        }
    };
    let Some(root) = root.as_object() else {
        problems.push(at_document(
            None,
            ProblemKind::WrongType {
                expected: JsonType::Object,
            },
        ));
        return Parsed {
            config: None,
            problems,
        };
    };
    if let Some(error) = get(root, "error") {
        let field = |key: &str| {
            error
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        problems.push(at_document(
            None,
            ProblemKind::ApexError {
                code: field("code"),
                message: field("message"),
            },
        ));
        return Parsed {
            config: None,
            problems,
        };
    }
    let mut doc = Record::new(
        root,
        Location {
            section: Section::Document,
            index: None,
            record_id: None,
            record_name: None,
            field: None,
        },
        &[
            "schemaVersion",
            "adapter",
            "attributes",
            "presenceRules",
            "flows",
            "features",
        ],
        &mut problems,
    );
    match doc.integer("schemaVersion") {
        None => doc.problem(Severity::Warning, "schemaVersion", ProblemKind::Missing),
        Some(version) if version as u64 > SCHEMA_VERSION => doc.problem(
            Severity::Warning,
            "schemaVersion",
            ProblemKind::NewerSchema {
                version: version as u64,
                supported: SCHEMA_VERSION,
            },
        ),
        Some(version) if version < 1 => doc.problem(
            Severity::Error,
            "schemaVersion",
            ProblemKind::OutOfRange {
                value: version,
                min: 1,
                max: SCHEMA_VERSION as i64,
            },
        ),
        Some(_) => {}
    }
    let adapter_value = doc.object("adapter");
    let lists: Vec<Vec<&Map>> = [
        Section::Attributes,
        Section::PresenceRules,
        Section::Flows,
        Section::Features,
    ]
    .into_iter()
    .map(|section| doc.records(section))
    .collect();
    drop(doc);

    let adapter_present = adapter_value.is_some();
    let adapter = match adapter_value {
        Some(object) => adapter(object, call_center, &mut problems),
        None => {
            problems.push(Problem {
                severity: Severity::Error,
                at: section_location(Section::Adapter, None, None),
                kind: ProblemKind::Missing,
            });
            empty_adapter()
        }
    };
    let attributes = lists[0]
        .iter()
        .enumerate()
        .filter_map(|(index, object)| attribute(object, index, &mut problems))
        .collect();
    let presence_rules: Vec<PresenceRule> = lists[1]
        .iter()
        .enumerate()
        .filter_map(|(index, object)| presence_rule(object, index, &mut problems))
        .collect();
    if adapter_present && !presence_rules.is_empty() && !adapter.presence_sync_enabled {
        problems.push(Problem {
            severity: Severity::Warning,
            at: section_location(Section::Adapter, None, Some("presenceSyncEnabled")),
            kind: ProblemKind::PresenceSyncDisabled,
        });
    }
    let mut flows: Vec<(usize, CtiFlow)> = Vec::new();
    for (index, object) in lists[2].iter().enumerate() {
        let Some(flow) = flow(object, index, &mut problems) else {
            continue;
        };
        if let Some((first, _)) = flows
            .iter()
            .find(|(_, f)| f.source == flow.source && f.event == flow.event)
        {
            problems.push(Problem {
                severity: Severity::Error,
                at: record_location(Section::Flows, index, object, Some("event")),
                kind: ProblemKind::DuplicateFlow { first: *first },
            });
            continue;
        }
        flows.push((index, flow));
    }
    let features = features(&lists[3], &mut problems);
    // Document order: the admin reads the list top to bottom like the record page.
    problems.sort_by_key(|p| (p.at.section as u8, p.at.index));
    Parsed {
        config: Some(AdapterConfig {
            adapter,
            attributes,
            presence_rules,
            flows: flows.into_iter().map(|(_, flow)| flow).collect(),
            features,
        }),
        problems,
    }
}

fn syntax(section: Section, index: Option<usize>, error: &json::SyntaxError) -> Problem {
    Problem {
        severity: Severity::Error,
        at: Location {
            section,
            index,
            record_id: None,
            record_name: None,
            field: None,
        },
        kind: ProblemKind::Syntax {
            line: error.line,
            column: error.column,
            what: error.kind,
        },
    }
}

fn at_document(field: Option<&str>, kind: ProblemKind) -> Problem {
    Problem {
        severity: Severity::Error,
        at: section_location(Section::Document, None, field),
        kind,
    }
}

fn section_location(section: Section, index: Option<usize>, field: Option<&str>) -> Location {
    Location {
        section,
        index,
        record_id: None,
        record_name: None,
        field: field.map(str::to_owned),
    }
}

/// A member of an object; the last one when a key repeats, as `JSON.parse` keeps.
fn get<'v>(object: &'v Map, key: &str) -> Option<&'v Value> {
    object.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn record_location(section: Section, index: usize, object: &Map, field: Option<&str>) -> Location {
    let text = |key: &str| {
        get(object, key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    Location {
        section,
        index: Some(index),
        record_id: text("id"),
        record_name: text("name"),
        field: field.map(str::to_owned),
    }
}
