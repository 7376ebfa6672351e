//! The presence parts of the adapter configuration: the wait between updates, each rule's problems, rule order, and pairs of rules that conflict or can bounce a status.

mod config_common;

use config_common::*;
use engine::config;
use serde_json::{Value, json};

#[test]
fn presence_sync_wait_defaults_to_100_ms() {
    let wait = |value: Option<Value>| {
        let mut doc = fixture();
        let adapter = doc["adapter"].as_object_mut().unwrap();
        match value {
            Some(value) => adapter.insert("presenceSyncWaitMs".into(), value),
            None => adapter.remove("presenceSyncWaitMs"),
        };
        let parsed = config::parse(&doc.to_string(), None);
        parsed.config.unwrap().adapter.presence_sync_wait_ms
    };
    assert_eq!(wait(Some(json!(250))), 250);
    assert_eq!(wait(Some(json!(0))), 0);
    assert_eq!(wait(Some(Value::Null)), 100);
    assert_eq!(wait(Some(json!(-5))), 100);
    assert_eq!(wait(None), 100);
}

#[test]
fn presence_rules() {
    check(
        "/presenceRules/0/event",
        json!("AgentChanged"),
        &["error presenceRules[0].event unknown_value"],
    );
    check(
        "/presenceRules/0/operandBValue",
        Value::Null,
        &["error presenceRules[0].operandBValue static_value_missing"],
    );
    check(
        "/presenceRules/0/operandAValue",
        json!("x"),
        &["warning presenceRules[0].operandAValue ignored"],
    );
    check(
        "/presenceRules/0/operandA",
        json!("SalesforceNewWorkload"),
        &["error presenceRules[0].operandA operand_not_for_event"],
    );
    check(
        "/presenceRules/0/comparator",
        json!("GreaterThan"),
        &[
            "error presenceRules[0].comparator comparison_needs_number",
            "error presenceRules[0].operandBValue not_a_number",
        ],
    );
    check(
        "/presenceRules/0/destinationValue",
        json!(""),
        &["error presenceRules[0].destinationValue missing"],
    );
    check(
        "/presenceRules/1/destinationValue",
        json!("AfterCallWork"),
        &["error presenceRules[1].destinationValue system_state_not_settable"],
    );
    check(
        "/presenceRules/0/destination",
        json!("Omni"),
        &["error presenceRules[0].destination unknown_value"],
    );
    check(
        "/presenceRules/2",
        json!({"name": "fixed", "event": "ConnectAgentStateChange", "operandA": "StaticValue", "operandAValue": "a",
               "comparator": "Equal", "operandB": "StaticValue", "operandBValue": "a",
               "destination": "SalesforceAgentState", "destinationValue": "Busy"}),
        // Always applying, it also meets both fixture rules: Connect Lunch sets Omni both Lunch
        // and Busy, and Omni Available sets Connect Available, which sets Omni Busy.
        &[
            "warning presenceRules[2].operandB constant_condition",
            "warning presenceRules[2].destinationValue presence_rule_conflict",
            "warning presenceRules[2].destinationValue presence_rules_oscillate",
        ],
    );
    check(
        "/presenceRules/2",
        json!({"name": "logout", "event": "SalesforceAgentLogout", "operandA": "SalesforceNewState",
               "comparator": "Equal", "operandB": "StaticValue", "operandBValue": "offline",
               "destination": "ConnectAgentState", "destinationValue": "Offline"}),
        &["warning presenceRules[2].event logout_rule_never_fires"],
    );
    let capacity = |value: &str| {
        json!({"name": "capacity", "event": "SalesforceWorkloadChanged", "operandA": "SalesforceNewWorkloadPct",
               "comparator": "GreaterOrEqual", "operandB": "StaticValue", "operandBValue": value,
               "destination": "ConnectAgentState", "destinationValue": "Busy with Omni"})
    };
    for number in ["80", " 80 ", "-1.5e2", "0.5", "1E3"] {
        check("/presenceRules/2", capacity(number), &[]);
    }
    // Rust's float parser takes all of these; JSON numbers are none of them.
    for not_number in [
        "NaN", "nan", "inf", "-inf", "+inf", "Infinity", "infinity", "+80", ".5", "80.", "0x50",
    ] {
        check(
            "/presenceRules/2",
            capacity(not_number),
            &["error presenceRules[2].operandBValue not_a_number"],
        );
    }
}

/// A presence rule record: `when` is (event, operand A, comparator, operand B), where a value
/// that is no operand name is a static value.
fn rule(id: &str, when: [&str; 4], destination: &str, value: &str, sort: Value) -> Value {
    const OPERANDS: &[&str] = &[
        "ConnectNewState",
        "ConnectOldState",
        "SalesforceNewState",
        "SalesforceNewWorkloadPct",
    ];
    let operand = |text: &str| match OPERANDS.contains(&text) {
        true => (json!(text), Value::Null),
        false => (json!("StaticValue"), json!(text)),
    };
    let ((a, a_value), (b, b_value)) = (operand(when[1]), operand(when[3]));
    json!({"id": id, "name": id, "event": when[0], "operandA": a, "operandAValue": a_value,
           "comparator": when[2], "operandB": b, "operandBValue": b_value,
           "destination": destination, "destinationValue": value, "sortOrder": sort})
}

#[test]
fn presence_rules_run_in_sort_order() {
    let when = [
        "ConnectAgentStateChange",
        "ConnectNewState",
        "Equal",
        "Lunch",
    ];
    let mut doc = fixture();
    doc["presenceRules"] = json!([
        rule("third", when, "SalesforceAgentState", "Lunch", json!(3)),
        rule("first", when, "SalesforceAgentState", "Lunch", json!(1)),
        rule("last", when, "SalesforceAgentState", "Lunch", Value::Null),
        rule("second", when, "SalesforceAgentState", "Lunch", json!(2)),
    ]);
    let config = config::parse(&doc.to_string(), None).config.unwrap();
    let order: Vec<_> = config
        .presence_rules
        .iter()
        .map(|r| (r.id.as_str(), r.index))
        .collect();
    assert_eq!(
        order,
        [("first", 1), ("second", 3), ("third", 0), ("last", 2)]
    );
}

const CONNECT: &str = "ConnectAgentStateChange";
const OMNI: &str = "SalesforceAgentStateChange";
const CONFLICT: &str = "warning presenceRules[1].destinationValue presence_rule_conflict";
const BOUNCE: &str = "warning presenceRules[1].destinationValue presence_rules_oscillate";

/// Checks the problems of `first` and `second` as the only rules.
fn pair(first: Value, second: Value, expected: &[&str]) {
    check("/presenceRules", json!([first, second]), expected);
}

fn lunch() -> Value {
    let when = [CONNECT, "ConnectNewState", "Equal", "Lunch"];
    rule("lunch", when, "SalesforceAgentState", "Lunch", json!(1))
}

#[test]
fn presence_rules_that_set_one_side_differently() {
    let omni = |id: &str, when: [&str; 4], value: &str| {
        rule(id, when, "SalesforceAgentState", value, json!(2))
    };
    // Both apply when Connect turns Lunch, and set Omni differently.
    let not_available = [CONNECT, "ConnectNewState", "NotEqual", "Available"];
    pair(lunch(), omni("b", not_available, "Break"), &[CONFLICT]);
    // A static value on the left: the comparison turns around.
    let static_first = [CONNECT, "Lunch", "Equal", "ConnectNewState"];
    pair(lunch(), omni("b", static_first, "Break"), &[CONFLICT]);
    // Never together, the same value, or another event.
    let on_break = [CONNECT, "ConnectNewState", "Equal", "Break"];
    pair(lunch(), omni("b", on_break, "Break"), &[]);
    let from_available = [CONNECT, "ConnectOldState", "Equal", "Available"];
    pair(lunch(), omni("b", from_available, "Lunch"), &[]);
    let other_event = [OMNI, "SalesforceNewState", "Equal", "Away"];
    pair(lunch(), omni("b", other_event, "Break"), &[]);
    // Workload percentages: half-lines of numbers that meet or not.
    let load = |id: &str, comparator: &str, value: &str, sort: i64| {
        let when = [
            "SalesforceWorkloadChanged",
            "SalesforceNewWorkloadPct",
            comparator,
            value,
        ];
        rule(id, when, "ConnectAgentState", id, json!(sort))
    };
    for (comparator, value, expected) in [
        ("LessThan", "50", &[][..]),
        ("LessOrEqual", "80", &[CONFLICT]),
        ("LessThan", "80", &[]),
        ("GreaterThan", "90", &[CONFLICT]),
        ("Equal", "80.0", &[CONFLICT]),
        ("Equal", "79.5", &[]),
    ] {
        let full = load("full", "GreaterOrEqual", "80", 1);
        pair(full, load("busy", comparator, value, 2), expected);
    }
}

#[test]
fn presence_rules_that_can_bounce_a_status() {
    let connect = |id: &str, when: [&str; 4], value: &str, sort: i64| {
        rule(id, when, "ConnectAgentState", value, json!(sort))
    };
    let omni_lunch = [OMNI, "SalesforceNewState", "Equal", "Lunch"];
    // Omni Lunch sets Connect Break: Lunch chosen in Connect would bounce to Break.
    pair(lunch(), connect("b", omni_lunch, "Break", 2), &[BOUNCE]);
    // A mirror: each rule sets the state the other started from.
    pair(lunch(), connect("b", omni_lunch, "Lunch", 2), &[]);
    // Connect Break (not Lunch) sets Omni Busy, which sets Connect Lunch: found when the
    // later rule starts the round trip too, and located at the later rule.
    let any_omni = [OMNI, "SalesforceNewState", "NotEqual", "Away"];
    let not_lunch = [CONNECT, "ConnectNewState", "NotEqual", "Lunch"];
    let busy = |when| rule("b", when, "SalesforceAgentState", "Busy", json!(2));
    pair(
        connect("a", any_omni, "Lunch", 1),
        busy(not_lunch),
        &[BOUNCE],
    );
    // Omni Busy and Connect Lunch mirror each other under different names.
    let omni_busy = [OMNI, "SalesforceNewState", "Equal", "Busy"];
    let on_lunch = [CONNECT, "ConnectNewState", "Equal", "Lunch"];
    pair(connect("a", omni_busy, "Lunch", 1), busy(on_lunch), &[]);
}
