//! Configuration checks of presence rule pairs: two rules that set one side differently for one event, and pairs that can bounce a status.

use super::Side;
use super::rules::{compare_text, destination};
use crate::config::{
    Comparator, Location, Operand, PresenceEvent, PresenceRule, Problem, ProblemKind, Section,
    Severity,
};

/// Warnings about pairs of rules, each located at the later rule and naming the earlier one.
/// `rules` are in evaluation order (`sortOrder`).
pub fn check(rules: &[PresenceRule]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (j, later) in rules.iter().enumerate() {
        for earlier in &rules[..j] {
            if conflict(earlier, later) {
                problems.push(warning(
                    later,
                    ProblemKind::PresenceRuleConflict {
                        other: earlier.index,
                    },
                ));
            }
            if bounces(earlier, later) || bounces(later, earlier) {
                problems.push(warning(
                    later,
                    ProblemKind::PresenceRulesOscillate {
                        other: earlier.index,
                    },
                ));
            }
        }
    }
    problems
}

fn warning(rule: &PresenceRule, kind: ProblemKind) -> Problem {
    let text = |s: &str| Some(s.to_owned()).filter(|s| !s.is_empty());
    Problem {
        severity: Severity::Warning,
        at: Location {
            section: Section::PresenceRules,
            index: Some(rule.index),
            record_id: text(&rule.id),
            record_name: text(&rule.name),
            field: Some("destinationValue".to_owned()),
            flow: None,
        },
        kind,
    }
}

/// Both rules listen to the same event, set the same side to different values, and their
/// criteria can hold at once.
fn conflict(a: &PresenceRule, b: &PresenceRule) -> bool {
    let ((side_a, value_a), (side_b, value_b)) = (destination(a), destination(b));
    a.event == b.event
        && side_a == side_b
        && value_a != value_b
        && Criterion::of(a).together(&Criterion::of(b))
}

/// `first` (on one side's state change) sets the other side to `x`; `second` fires on that
/// change and sets the first side back to `y`; and `first` can fire on a state other than `y`.
/// Without a loop guard, the status the agent chose would bounce to `y`, and each set would
/// trigger the other rule again.
fn bounces(first: &PresenceRule, second: &PresenceRule) -> bool {
    let (Some(from), Some(to)) = (state_side(first.event), state_side(second.event)) else {
        return false;
    };
    let ((first_sets, x), (second_sets, y)) = (destination(first), destination(second));
    if from == to || first_sets != to || second_sets != from {
        return false;
    }
    let fires_on_x = Criterion::of(second).admits(new_state(to), x);
    let only_y = match Criterion::of(first) {
        Criterion::On(operand, Comparator::Equal, value) if *operand == new_state(from) => {
            compare_text(value, Comparator::Equal, y)
        }
        Criterion::Never => true,
        _ => false,
    };
    fires_on_x && !only_y
}

/// The side whose state change an event is; work and logout events are none.
fn state_side(event: PresenceEvent) -> Option<Side> {
    match event {
        PresenceEvent::ConnectAgentStateChange => Some(Side::Connect),
        PresenceEvent::SalesforceAgentStateChange => Some(Side::Salesforce),
        _ => None,
    }
}

fn new_state(side: Side) -> Operand {
    match side {
        Side::Connect => Operand::ConnectNewState,
        Side::Salesforce => Operand::SalesforceNewState,
    }
}

/// What a rule's criterion says, as far as it can be known without an event.
enum Criterion<'r> {
    /// The operand compared with a fixed value (`Static` on either side, turned to the right).
    On(&'r Operand, Comparator, &'r str),
    Always,
    Never,
    /// Two operands of the event compared with each other: anything is possible.
    Unknown,
}

impl<'r> Criterion<'r> {
    fn of(rule: &'r PresenceRule) -> Criterion<'r> {
        match (&rule.operand_a, &rule.operand_b) {
            (Operand::Static(a), Operand::Static(b)) => {
                if compare_text(a, rule.comparator, b) {
                    Criterion::Always
                } else {
                    Criterion::Never
                }
            }
            (operand, Operand::Static(value)) => Criterion::On(operand, rule.comparator, value),
            (Operand::Static(value), operand) => {
                Criterion::On(operand, flipped(rule.comparator), value)
            }
            _ => Criterion::Unknown,
        }
    }

    /// Whether the criterion can hold when `operand` reads `value`.
    fn admits(&self, operand: Operand, value: &str) -> bool {
        match self {
            Criterion::On(on, comparator, fixed) if **on == operand => {
                compare_text(value, *comparator, fixed)
            }
            Criterion::Never => false,
            _ => true,
        }
    }

    /// Whether both criteria can hold for one event. Different operands are taken as
    /// independent; only comparisons of one operand with fixed values can exclude each other.
    fn together(&self, other: &Criterion) -> bool {
        use Comparator as C;
        let (Criterion::On(a, ca, va), Criterion::On(b, cb, vb)) = (self, other) else {
            return !matches!(self, Criterion::Never) && !matches!(other, Criterion::Never);
        };
        if a != b {
            return true;
        }
        match (*ca, *cb) {
            // The one value the first admits must pass the second.
            (C::Equal, _) => compare_text(va, *cb, vb),
            (_, C::Equal) => compare_text(vb, *ca, va),
            (C::NotEqual, _) | (_, C::NotEqual) => true,
            _ => overlap(*ca, va, *cb, vb),
        }
    }
}

/// Whether two half-lines of numbers meet (`> 80` and `< 50` do not).
fn overlap(ca: Comparator, va: &str, cb: Comparator, vb: &str) -> bool {
    let lower = |c| matches!(c, Comparator::GreaterThan | Comparator::GreaterOrEqual);
    let (low, high) = match (lower(ca), lower(cb)) {
        (true, false) => ((ca, va), (cb, vb)),
        (false, true) => ((cb, vb), (ca, va)),
        // Both bound the same way: the stricter one admits values.
        _ => return true,
    };
    let inclusive = low.0 == Comparator::GreaterOrEqual && high.0 == Comparator::LessOrEqual;
    let below = if inclusive {
        Comparator::LessOrEqual
    } else {
        Comparator::LessThan
    };
    // Text that is no number compares false: keep the warning rather than hide it.
    compare_text(low.1, below, high.1)
        || super::number::Decimal::parse(low.1).is_none()
        || super::number::Decimal::parse(high.1).is_none()
}

fn flipped(comparator: Comparator) -> Comparator {
    match comparator {
        Comparator::GreaterThan => Comparator::LessThan,
        Comparator::GreaterOrEqual => Comparator::LessOrEqual,
        Comparator::LessThan => Comparator::GreaterThan,
        Comparator::LessOrEqual => Comparator::GreaterOrEqual,
        same => same,
    }
}
