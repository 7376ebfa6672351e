//! The admin's rule simulator (`presence::explain`): each case one event from chosen states, the verdict of every rule of its kind, and what the softphone does.

mod presence_common;

use engine::presence::{Asked, Explanation, Outcome, Simulation, explain};
use presence_common::{Setup, render};

/// Explains `asked` from `setup`'s states; compares each rule's verdict (`ID applies`,
/// `ID no`, `ID missing OPERAND`) and then the actions as `presence_common::render` writes them.
fn check(setup: &Setup, asked: Asked, verdicts: &[&str], actions: &[&str]) {
    let explanation = explain(&setup.config(), setup.world(), asked.clone());
    let got: Vec<String> = explanation
        .rules
        .iter()
        .map(|(rule, outcome)| match outcome {
            Outcome::Applies => format!("{} applies", rule.id),
            Outcome::DoesNotApply => format!("{} no", rule.id),
            Outcome::Missing(operand) => format!("{} missing {}", rule.id, operand.name()),
        })
        .collect();
    assert_eq!(got, verdicts, "verdicts of {asked:?}");
    assert!(explanation.settled, "{asked:?} did not settle");
    assert_eq!(
        render(&as_simulation(explanation)),
        actions,
        "actions of {asked:?}"
    );
}

fn as_simulation(explanation: Explanation) -> Simulation {
    let setup = Setup::new(&[]);
    let mut sim = presence_common::simulate(&setup, &[]);
    sim.lines = explanation.lines;
    sim.inputs = explanation.inputs;
    sim.connect = explanation.connect;
    sim.connect_signed_in = explanation.connect_signed_in;
    sim.salesforce = explanation.salesforce;
    sim
}

fn rules() -> Setup {
    Setup::new(&[
        "LUNCH connect ConnectNew = Lunch -> omni:Lunch",
        "AWAY connect ConnectOld = Available -> omni:Away",
        "BACK omni OmniNew = Available -> connect:Available",
        "FULL workload NewPct >= 100 -> connect:Training",
        "CHAT work Channel = sfdc_livechat -> connect:Lunch",
    ])
}

#[test]
fn every_rule_of_the_event_gets_a_verdict_and_the_later_one_wins() {
    // Both Connect rules apply; AWAY comes later in sort order, so Omni ends Away, set once.
    check(
        &rules().start("Available", Some("Available")),
        Asked::ConnectState {
            new_state: "Lunch".into(),
        },
        &["LUNCH applies", "AWAY applies"],
        &["100 omni Away by AWAY", "final connect=Lunch omni=Away"],
    );
    check(
        &rules().start("Lunch", Some("Lunch")),
        Asked::ConnectState {
            new_state: "Break".into(),
        },
        &["LUNCH no", "AWAY no"],
        &["final connect=Break omni=Lunch"],
    );
}

#[test]
fn the_echo_of_the_softphones_change_runs_no_rule() {
    // BACK sets Connect Available; Connect reports it, and AWAY (old state Available) does not
    // run on that report: only the agent's change runs rules.
    check(
        &rules().start("Lunch", Some("Lunch")),
        Asked::SalesforceStatus {
            developer_name: "Available".into(),
        },
        &["BACK applies"],
        &[
            "100 connect Available by BACK",
            "final connect=Available omni=Available",
        ],
    );
}

#[test]
fn missing_operands_and_unsettable_destinations_are_reported() {
    check(
        &rules(),
        Asked::WorkAccepted {
            service_channel: None,
        },
        &["CHAT missing SalesforceServiceChannel"],
        &[
            "100 ! operand_missing:SalesforceServiceChannel CHAT",
            "final connect=Available omni=Available",
        ],
    );
    // No Connect status has that name: nothing is set, and the rule is named.
    check(
        &rules(),
        Asked::WorkloadChanged {
            configured_capacity: "4".into(),
            previous_workload: "3".into(),
            new_workload: "4".into(),
        },
        &["FULL applies"],
        &[
            "100 ! unknown_connect_state:Training FULL",
            "final connect=Available omni=Available",
        ],
    );
}

#[test]
fn logouts_have_no_rules_of_their_own_but_logout_sync_acts() {
    check(
        &rules().feature("LogoutSync", "ConnectLogoutSetsOmniOffline:true"),
        Asked::ConnectLogout,
        &[],
        &[
            "100 omni logout by logout_sync",
            "final connect=Offline(signed out) omni=-",
        ],
    );
    check(
        &rules()
            .sync(false)
            .feature("LogoutSync", "ConnectLogoutSetsOmniOffline:true"),
        Asked::ConnectLogout,
        &[],
        &["final connect=Offline(signed out) omni=Available"],
    );
}
