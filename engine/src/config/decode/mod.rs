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
    if let Some((code, message)) = apex_error(root) {
        problems.push(at_document(None, ProblemKind::ApexError { code, message }));
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
            flow: None,
        },
        &[
            "schemaVersion",
            "adapter",
            "attributes",
            "presenceRules",
            "flows",
            "features",
            "error",
        ],
        &mut problems,
    );
    if !get(root, "error").is_none_or(Value::is_null) {
        doc.problem(Severity::Warning, "error", ProblemKind::NotAnApexError);
    }
    schema_version(&mut doc, get(root, "schemaVersion"));
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
    let mut presence_rules: Vec<PresenceRule> = lists[1]
        .iter()
        .enumerate()
        .filter_map(|(index, object)| presence_rule(object, index, &mut problems))
        .collect();
    // The Apex sends them in this order already; a document written by hand may not be.
    presence_rules.sort_by_key(|rule| (rule.sort_order.is_none(), rule.sort_order));
    problems.extend(crate::presence::check(&presence_rules));
    if adapter_present && !presence_rules.is_empty() && !adapter.presence_sync_enabled {
        problems.push(Problem {
            severity: Severity::Warning,
            at: section_location(Section::Adapter, None, Some("presenceSyncEnabled")),
            kind: ProblemKind::PresenceSyncDisabled,
        });
    }
    let mut flows: Vec<CtiFlow> = Vec::new();
    // The record index of each flow kept; a few dozen at most, so a list.
    let mut handled: Vec<usize> = Vec::new();
    for (index, object) in lists[2].iter().enumerate() {
        let Some(flow) = flow(object, index, &mut problems) else {
            continue;
        };
        let same = |kept: &CtiFlow| kept.source == flow.source && kept.event == flow.event;
        if let Some(first) = flows.iter().position(same).map(|at| &handled[at]) {
            problems.push(Problem {
                severity: Severity::Error,
                at: record_location(Section::Flows, index, object, Some("event")),
                kind: ProblemKind::DuplicateFlow { first: *first },
            });
            continue;
        }
        handled.push(index);
        flows.push(flow);
    }
    let features = features(&lists[3], &mut problems);
    // Document order: the admin reads the list top to bottom like the record page.
    problems.sort_by_key(|p| (p.at.section as u8, p.at.index));
    Parsed {
        config: Some(AdapterConfig {
            adapter,
            attributes,
            presence_rules,
            flows,
            features,
        }),
        problems,
    }
}

/// `code` and `message` of an Apex error document: `{"error": {"code": …, "message": …}}`.
fn apex_error(root: &Map) -> Option<(String, String)> {
    let error = get(root, "error")?;
    let text = |key: &str| error.get(key).and_then(Value::as_str).map(str::to_owned);
    Some((text("code")?, text("message")?))
}

/// Version 1 up to the version this softphone knows; a newer one is read as far as it can be.
fn schema_version(doc: &mut Record, value: Option<&Value>) {
    const FIELD: &str = "schemaVersion";
    let Some(number @ Value::Number(text)) = value else {
        // A value of another type is reported as such; either way the version is unknown.
        doc.integer(FIELD);
        doc.problem(Severity::Warning, FIELD, ProblemKind::Missing);
        return;
    };
    match number.as_integer() {
        Some(version) if version >= 1 && version as u64 > SCHEMA_VERSION => doc.problem(
            Severity::Warning,
            FIELD,
            ProblemKind::NewerSchema {
                version: version as u64,
                supported: SCHEMA_VERSION,
            },
        ),
        Some(version) if version >= 1 => {}
        // Below 1, a fraction, or beyond any integer: no schema has that version.
        _ => doc.error(
            FIELD,
            ProblemKind::OutOfRange {
                value: text.clone(),
                min: 1,
                max: SCHEMA_VERSION as i64,
            },
        ),
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
            flow: None,
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
        flow: None,
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
        flow: None,
    }
}
