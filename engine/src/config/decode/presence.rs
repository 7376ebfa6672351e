//! Presence sync rules: event, operands, comparator and destination, and whether they can fire.

use super::*;

const RULE_FIELDS: &[&str] = &[
    "id",
    "name",
    "event",
    "operandA",
    "operandAValue",
    "comparator",
    "operandB",
    "operandBValue",
    "destination",
    "destinationValue",
    "sortOrder",
];
pub const PRESENCE_EVENTS: &[&str] = &[
    "ConnectAgentStateChange",
    "SalesforceAgentStateChange",
    "SalesforceAgentLogout",
    "SalesforceWorkAccepted",
    "SalesforceWorkloadChanged",
];
pub const OPERANDS: &[&str] = &[
    "ConnectNewState",
    "ConnectOldState",
    "SalesforceNewState",
    "SalesforceServiceChannel",
    "SalesforcePreviousWorkload",
    "SalesforcePreviousWorkloadPct",
    "SalesforceNewWorkload",
    "SalesforceNewWorkloadPct",
    "SalesforceConfiguredCapacity",
    "StaticValue",
];
pub const COMPARATORS: &[&str] = &[
    "Equal",
    "NotEqual",
    "GreaterThan",
    "GreaterOrEqual",
    "LessThan",
    "LessOrEqual",
];
pub const DESTINATIONS: &[&str] = &["SalesforceAgentState", "ConnectAgentState"];

/// Which operands carry a value for each event (everything else is unknown then).
fn operand_available(event: PresenceEvent, operand: &Operand) -> bool {
    use Operand as O;
    use PresenceEvent as E;
    match operand {
        O::Static(_) => true,
        O::ConnectNewState | O::ConnectOldState => event == E::ConnectAgentStateChange,
        O::SalesforceNewState => matches!(
            event,
            E::SalesforceAgentStateChange | E::SalesforceAgentLogout
        ),
        O::SalesforceServiceChannel => event == E::SalesforceWorkAccepted,
        O::SalesforcePreviousWorkload
        | O::SalesforcePreviousWorkloadPct
        | O::SalesforceNewWorkload
        | O::SalesforceNewWorkloadPct
        | O::SalesforceConfiguredCapacity => event == E::SalesforceWorkloadChanged,
    }
}

pub(super) fn presence_rule(
    object: &Map,
    index: usize,
    problems: &mut Vec<Problem>,
) -> Option<PresenceRule> {
    use PresenceEvent as E;
    let at = record_location(Section::PresenceRules, index, object, None);
    let mut r = Record::new(object, at, RULE_FIELDS, problems);
    let id = r.text("id").unwrap_or_default();
    let name = r.text("name").unwrap_or_default();
    let event = r.choice(
        "event",
        PRESENCE_EVENTS,
        &[
            E::ConnectAgentStateChange,
            E::SalesforceAgentStateChange,
            E::SalesforceAgentLogout,
            E::SalesforceWorkAccepted,
            E::SalesforceWorkloadChanged,
        ],
    );
    let operand_a = operand(&mut r, "operandA", "operandAValue");
    let comparator = r.choice(
        "comparator",
        COMPARATORS,
        &[
            Comparator::Equal,
            Comparator::NotEqual,
            Comparator::GreaterThan,
            Comparator::GreaterOrEqual,
            Comparator::LessThan,
            Comparator::LessOrEqual,
        ],
    );
    let operand_b = operand(&mut r, "operandB", "operandBValue");
    let destination_kind = r.choice("destination", DESTINATIONS, &[true, false]);
    let destination_value = r.required("destinationValue");
    let sort_order = r.integer("sortOrder");
    let destination = match (destination_kind, destination_value) {
        (Some(true), Some(value)) => Some(Destination::SalesforceAgentState(value)),
        (Some(false), Some(value)) => {
            if CONNECT_SYSTEM_STATES.contains(&value.as_str()) {
                r.error(
                    "destinationValue",
                    ProblemKind::SystemStateNotSettable { state: value },
                );
                r.broken = true;
                None
            } else {
                Some(Destination::ConnectAgentState(value))
            }
        }
        _ => None,
    };
    if let Some(event) = event {
        for (field, operand) in [("operandA", &operand_a), ("operandB", &operand_b)] {
            if let Some(operand) = operand
                && !operand_available(event, operand)
            {
                r.error(
                    field,
                    ProblemKind::OperandNotForEvent {
                        operand: operand.name().to_owned(),
                        event: PRESENCE_EVENTS[event as usize].to_owned(),
                    },
                );
                r.broken = true;
            }
        }
    }
    if let (Some(a), Some(comparator), Some(b)) = (&operand_a, comparator, &operand_b) {
        if matches!((a, b), (Operand::Static(_), Operand::Static(_))) {
            r.problem(
                Severity::Warning,
                "operandB",
                ProblemKind::ConstantCondition,
            );
        }
        if comparator.is_ordering() {
            if !a.is_numeric() && !b.is_numeric() {
                r.error(
                    "comparator",
                    ProblemKind::ComparisonNeedsNumber {
                        comparator: COMPARATORS[comparator as usize].to_owned(),
                    },
                );
                r.broken = true;
            }
            for (field, operand) in [("operandAValue", a), ("operandBValue", b)] {
                // JSON's number syntax, not Rust's float parser, which also takes `NaN` and `inf`.
                if let Operand::Static(value) = operand
                    && !json::is_number(value.trim())
                {
                    r.error(
                        field,
                        ProblemKind::NotANumber {
                            value: value.clone(),
                        },
                    );
                    r.broken = true;
                }
            }
        }
        if event == Some(E::SalesforceAgentLogout) {
            let tests_offline = comparator == Comparator::Equal
                && matches!(
                    (a, b),
                    (Operand::SalesforceNewState, Operand::Static(v)) | (Operand::Static(v), Operand::SalesforceNewState)
                        if v == "Offline"
                );
            if !tests_offline {
                r.problem(
                    Severity::Warning,
                    "event",
                    ProblemKind::LogoutRuleNeverFires,
                );
            }
        }
    }
    if r.broken {
        return None;
    }
    Some(PresenceRule {
        id,
        name,
        index,
        sort_order,
        event: event?,
        operand_a: operand_a?,
        comparator: comparator?,
        operand_b: operand_b?,
        destination: destination?,
    })
}

fn operand(r: &mut Record, field: &str, value_field: &str) -> Option<Operand> {
    use Operand as O;
    let kind = r.choice(field, OPERANDS, &[0u8, 1, 2, 3, 4, 5, 6, 7, 8, 9])?;
    let value = r.text(value_field);
    let operand = match kind {
        0 => O::ConnectNewState,
        1 => O::ConnectOldState,
        2 => O::SalesforceNewState,
        3 => O::SalesforceServiceChannel,
        4 => O::SalesforcePreviousWorkload,
        5 => O::SalesforcePreviousWorkloadPct,
        6 => O::SalesforceNewWorkload,
        7 => O::SalesforceNewWorkloadPct,
        8 => O::SalesforceConfiguredCapacity,
        _ => match value {
            Some(value) => return Some(O::Static(value)),
            None => {
                r.error(value_field, ProblemKind::StaticValueMissing);
                r.broken = true;
                return None;
            }
        },
    };
    if value.is_some() {
        r.problem(
            Severity::Warning,
            value_field,
            ProblemKind::Ignored {
                needs: "StaticValue",
            },
        );
    }
    Some(operand)
}
