//! The rule simulator of the admin tools: one event, from states the admin chooses, through the real machine against both simulated systems.

use super::rules::{Outcome, Trigger, evaluate};
use super::sim::{Line, Origin, Timed, World, simulate};
use super::{Input, PresenceConfig, RuleRef};

/// How long each simulated side takes to report a change back, as `ctictl presence simulate`.
pub const ECHO_MS: u64 = 20;

/// The event the admin asks about, raised by the agent, a supervisor or the system.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Asked {
    ConnectState {
        new_state: String,
    },
    ConnectLogout,
    SalesforceStatus {
        developer_name: String,
    },
    SalesforceLogout,
    WorkAccepted {
        service_channel: Option<String>,
    },
    WorkloadChanged {
        configured_capacity: String,
        previous_workload: String,
        new_workload: String,
    },
}

/// What the rules and the softphone make of one event.
#[derive(Clone, Debug)]
pub struct Explanation {
    /// Every rule of the event's kind, in evaluation order, and whether it applies.
    pub rules: Vec<(RuleRef, Outcome)>,
    /// What happened, in time order: the event, the softphone's actions and their echoes.
    pub lines: Vec<Line>,
    /// The inputs the lines point at (`Line::input`), with where each came from.
    pub inputs: Vec<(Timed, Origin)>,
    pub connect: String,
    pub connect_signed_in: bool,
    pub salesforce: Option<String>,
    /// False when the machine was still acting at the step limit: the rules loop.
    pub settled: bool,
}

/// Runs `asked` against `world` (the agent signed in to Connect in `world.connect`).
pub fn explain(config: &PresenceConfig, world: World, asked: Asked) -> Explanation {
    let (trigger, input) = asked.into_parts(&world.connect);
    let rules = trigger
        .map(|trigger| {
            evaluate(&config.rules, &trigger)
                .into_iter()
                .map(|e| (RuleRef::of(e.rule), e.outcome))
                .collect()
        })
        .unwrap_or_default();
    let run = simulate(config.clone(), world, vec![Timed { at: 0, input }], ECHO_MS);
    Explanation {
        rules,
        lines: run.lines,
        inputs: run.inputs,
        connect: run.connect,
        connect_signed_in: run.connect_signed_in,
        salesforce: run.salesforce,
        settled: run.settled,
    }
}

impl Asked {
    /// The trigger its rules see, and the machine's input; `connect` is the state before it.
    fn into_parts(self, connect: &str) -> (Option<Trigger>, Input) {
        match self {
            Asked::ConnectState { new_state } => (
                Some(Trigger::ConnectState {
                    old_state: connect.to_owned(),
                    new_state: new_state.clone(),
                }),
                Input::ConnectStateChange {
                    old_state: connect.to_owned(),
                    new_state,
                },
            ),
            Asked::ConnectLogout => (None, Input::ConnectLogout),
            Asked::SalesforceStatus { developer_name } => (
                Some(Trigger::SalesforceStatus {
                    developer_name: developer_name.clone(),
                }),
                Input::SalesforceStatusChange { developer_name },
            ),
            Asked::SalesforceLogout => (Some(Trigger::SalesforceLogout), Input::SalesforceLogout),
            Asked::WorkAccepted { service_channel } => (
                Some(Trigger::WorkAccepted {
                    service_channel: service_channel.clone(),
                }),
                Input::WorkAccepted { service_channel },
            ),
            Asked::WorkloadChanged {
                configured_capacity,
                previous_workload,
                new_workload,
            } => (
                Some(Trigger::WorkloadChanged {
                    configured_capacity: configured_capacity.clone(),
                    previous_workload: previous_workload.clone(),
                    new_workload: new_workload.clone(),
                }),
                Input::WorkloadChanged {
                    configured_capacity,
                    previous_workload,
                    new_workload,
                },
            ),
        }
    }
}
