//! Presence rules at run time: the values an event gives the operands, exact comparisons, and which rules apply.

use super::Side;
use super::number::{Decimal, Ratio};
use crate::config::{Comparator, Destination, Operand, PresenceEvent, PresenceRule};

/// One change rules can react to, carrying what its operands read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trigger {
    /// A Streams agent state change, system and error states included.
    ConnectState {
        old_state: String,
        new_state: String,
    },
    /// Signing out of Connect: no rule listens to it, logout sync does.
    ConnectLogout,
    /// An Omni-Channel status change; its `SalesforceNewState` is the DeveloperName.
    SalesforceStatus { developer_name: String },
    /// An Omni-Channel logout; its rules read `SalesforceNewState` as `Offline`.
    SalesforceLogout,
    /// Omni-Channel work accepted; the service channel's DeveloperName, when it was found.
    WorkAccepted { service_channel: Option<String> },
    /// Omni-Channel workload changed; each number as JSON number text.
    WorkloadChanged {
        configured_capacity: String,
        previous_workload: String,
        new_workload: String,
    },
}

impl Trigger {
    /// The rule event it raises; signing out of Connect raises none.
    pub fn event(&self) -> Option<PresenceEvent> {
        use PresenceEvent as E;
        Some(match self {
            Trigger::ConnectState { .. } => E::ConnectAgentStateChange,
            Trigger::ConnectLogout => return None,
            Trigger::SalesforceStatus { .. } => E::SalesforceAgentStateChange,
            Trigger::SalesforceLogout => E::SalesforceAgentLogout,
            Trigger::WorkAccepted { .. } => E::SalesforceWorkAccepted,
            Trigger::WorkloadChanged { .. } => E::SalesforceWorkloadChanged,
        })
    }

    /// The side whose own state this trigger reports, if it reports one.
    pub fn side(&self) -> Option<Side> {
        match self {
            Trigger::ConnectState { .. } | Trigger::ConnectLogout => Some(Side::Connect),
            Trigger::SalesforceStatus { .. } | Trigger::SalesforceLogout => Some(Side::Salesforce),
            Trigger::WorkAccepted { .. } | Trigger::WorkloadChanged { .. } => None,
        }
    }

    fn read<'a>(&'a self, operand: &'a Operand) -> Reading<'a> {
        use Operand as O;
        use Trigger as T;
        let percent = |part: &str, whole: &str| {
            Decimal::parse(part)
                .zip(Decimal::parse(whole))
                .and_then(|(part, whole)| Ratio::percent(&part, &whole))
                .map_or(Reading::Missing, Reading::Percent)
        };
        match (operand, self) {
            (O::Static(value), _) => Reading::Text(value),
            (O::ConnectNewState, T::ConnectState { new_state, .. }) => Reading::Text(new_state),
            (O::ConnectOldState, T::ConnectState { old_state, .. }) => Reading::Text(old_state),
            (O::SalesforceNewState, T::SalesforceStatus { developer_name }) => {
                Reading::Text(developer_name)
            }
            (O::SalesforceNewState, T::SalesforceLogout) => Reading::Text("Offline"),
            (O::SalesforceServiceChannel, T::WorkAccepted { service_channel }) => service_channel
                .as_deref()
                .map_or(Reading::Missing, Reading::Text),
            (
                O::SalesforceConfiguredCapacity,
                T::WorkloadChanged {
                    configured_capacity,
                    ..
                },
            ) => number(configured_capacity),
            (
                O::SalesforcePreviousWorkload,
                T::WorkloadChanged {
                    previous_workload, ..
                },
            ) => number(previous_workload),
            (O::SalesforceNewWorkload, T::WorkloadChanged { new_workload, .. }) => {
                number(new_workload)
            }
            (
                O::SalesforcePreviousWorkloadPct,
                T::WorkloadChanged {
                    configured_capacity,
                    previous_workload,
                    ..
                },
            ) => percent(previous_workload, configured_capacity),
            (
                O::SalesforceNewWorkloadPct,
                T::WorkloadChanged {
                    configured_capacity,
                    new_workload,
                    ..
                },
            ) => percent(new_workload, configured_capacity),
            _ => Reading::Missing,
        }
    }
}

/// A workload is a number or missing: text that is not one cannot be compared.
fn number(text: &str) -> Reading<'_> {
    match Decimal::parse(text) {
        Some(_) => Reading::Text(text),
        None => Reading::Missing,
    }
}

/// What an operand reads.
enum Reading<'t> {
    Text(&'t str),
    /// A workload percentage: exact, so it has no text.
    Percent(Ratio),
    Missing,
}

impl Reading<'_> {
    fn number(&self) -> Option<Ratio> {
        match self {
            Reading::Text(text) => Decimal::parse(text).map(Ratio::whole),
            Reading::Percent(ratio) => Some(ratio.clone()),
            Reading::Missing => None,
        }
    }
}

/// Compares two texts as the rules do: as numbers when both read as numbers (`10 > 9`),
/// otherwise as exact, case-sensitive text, where only equality is defined.
pub fn compare_text(a: &str, comparator: Comparator, b: &str) -> bool {
    compare(&Reading::Text(a), comparator, &Reading::Text(b))
}

fn compare(a: &Reading, comparator: Comparator, b: &Reading) -> bool {
    use std::cmp::Ordering::{Equal, Greater, Less};
    if let (Some(x), Some(y)) = (a.number(), b.number()) {
        let order = x.compare(&y);
        return match comparator {
            Comparator::Equal => order == Equal,
            Comparator::NotEqual => order != Equal,
            Comparator::GreaterThan => order == Greater,
            Comparator::GreaterOrEqual => order != Less,
            Comparator::LessThan => order == Less,
            Comparator::LessOrEqual => order != Greater,
        };
    }
    let same = matches!((a, b), (Reading::Text(x), Reading::Text(y)) if x == y);
    match comparator {
        Comparator::Equal => same,
        Comparator::NotEqual => !same,
        _ => false,
    }
}

/// Whether a rule applies to a trigger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Applies,
    DoesNotApply,
    /// The trigger has no value for this operand (a work item's channel that was not found, a
    /// workload percentage of a zero capacity): the rule does not apply, and this is reported.
    Missing(Operand),
}

/// One rule of the trigger's event and whether it applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evaluation<'r> {
    pub rule: &'r PresenceRule,
    pub outcome: Outcome,
}

/// Every rule of the trigger's event, in rule order, with whether its criterion holds.
pub fn evaluate<'r>(rules: &'r [PresenceRule], trigger: &Trigger) -> Vec<Evaluation<'r>> {
    let Some(event) = trigger.event() else {
        return Vec::new();
    };
    rules
        .iter()
        .filter(|rule| rule.event == event)
        .map(|rule| Evaluation {
            rule,
            outcome: outcome(rule, trigger),
        })
        .collect()
}

fn outcome(rule: &PresenceRule, trigger: &Trigger) -> Outcome {
    let a = trigger.read(&rule.operand_a);
    let b = trigger.read(&rule.operand_b);
    for (reading, operand) in [(&a, &rule.operand_a), (&b, &rule.operand_b)] {
        if matches!(reading, Reading::Missing) {
            return Outcome::Missing(operand.clone());
        }
    }
    if compare(&a, rule.comparator, &b) {
        Outcome::Applies
    } else {
        Outcome::DoesNotApply
    }
}

/// The side a rule sets and the value: an Omni status DeveloperName or a Connect status name.
pub fn destination(rule: &PresenceRule) -> (Side, &str) {
    match &rule.destination {
        Destination::SalesforceAgentState(value) => (Side::Salesforce, value),
        Destination::ConnectAgentState(value) => (Side::Connect, value),
    }
}
