//! Checks of a loaded flow beyond loading: blocks no port leads to, and ports no run follows.

use super::blocks::BUILT;
use super::{Block, Flow, KindRef};
use crate::config::{Problem, ProblemKind, Severity};

/// Problems of a loaded flow that do not stop it from running (warnings); `load` reports the rest.
pub fn lint(flow: &Flow) -> Vec<Problem> {
    let mut problems = Vec::new();
    for block in flow.blocks() {
        let KindRef::Built(kind) = block.kind else {
            continue;
        };
        let allowed = BUILT[kind].ports;
        for (port, target) in &block.ports {
            if target.is_some() && !allowed.contains(&port.as_str()) {
                let kind = ProblemKind::FlowUnknownPort {
                    action: block.id.to_string(),
                    port: port.clone(),
                    allowed,
                };
                let pointer = format!(
                    "/actions/{}/ports/{}",
                    block.body_index,
                    port.replace('~', "~0").replace('/', "~1")
                );
                problems.push(warning(block, pointer, kind));
            }
        }
    }
    let mut reached = vec![false; flow.blocks().len()];
    let mut stack = vec![flow.start()];
    while let Some(index) = stack.pop() {
        if std::mem::replace(&mut reached[index], true) {
            continue;
        }
        stack.extend(followed(&flow.blocks()[index]));
    }
    for (block, reached) in flow.blocks().iter().zip(reached) {
        if !reached {
            let kind = ProblemKind::FlowUnreachable {
                action: block.id.to_string(),
            };
            problems.push(warning(
                block,
                format!("/actions/{}", block.body_index),
                kind,
            ));
        }
    }
    problems
}

/// The blocks a run can go to from `block`: the ports its type leaves by (only `failure` for a
/// block not built yet, none for an unknown one).
fn followed(block: &Block) -> impl Iterator<Item = usize> + '_ {
    let allowed: &[&str] = match block.kind {
        KindRef::Built(kind) => BUILT[kind].ports,
        KindRef::NotBuilt => &["failure"],
        KindRef::Unknown => &[],
    };
    block
        .ports
        .iter()
        .filter(move |(port, _)| allowed.contains(&port.as_str()))
        .filter_map(|(_, target)| *target)
}

fn warning(block: &Block, pointer: String, kind: ProblemKind) -> Problem {
    let at = (&*block.id, block.type_name.as_str());
    super::load::problem(Severity::Warning, kind, pointer, Some(at))
}
