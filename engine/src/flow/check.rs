//! Checks of a loaded flow beyond loading: blocks no port leads to from the start.

use super::Flow;
use crate::config::{FlowAt, Location, Problem, ProblemKind, Section, Severity};

/// Problems of a loaded flow that do not stop it from running (warnings); `load` reports the rest.
pub fn lint(flow: &Flow) -> Vec<Problem> {
    let mut reached = vec![false; flow.blocks.len()];
    let mut stack = vec![flow.start];
    while let Some(index) = stack.pop() {
        if std::mem::replace(&mut reached[index], true) {
            continue;
        }
        stack.extend(flow.blocks[index].ports.iter().filter_map(|(_, t)| *t));
    }
    flow.blocks
        .iter()
        .zip(reached)
        .filter(|(_, reached)| !reached)
        .map(|(block, _)| Problem {
            severity: Severity::Warning,
            at: Location {
                section: Section::Flows,
                index: None,
                record_id: None,
                record_name: None,
                field: Some("body".to_owned()),
                flow: Some(FlowAt {
                    pointer: format!("/actions/{}", block.body_index),
                    block_id: Some(block.id.clone()),
                    block_type: Some(block.type_name.clone()),
                }),
            },
            kind: ProblemKind::FlowUnreachable {
                action: block.id.clone(),
            },
        })
        .collect()
}
