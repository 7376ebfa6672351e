//! Property test of presence sync: 12,000 random configurations and event sequences, with rules in both directions, never ping-pong and never lose the last change.
//!
//! For each run: it settles; the softphone takes a bounded number of actions per outside change;
//! a side reporting the softphone's own change never makes it act (except to set the agent's
//! newer choice again, or to sign out once Connect reported the Offline set first); and after the last outside change, each side is where that change's
//! rules (and logout sync) put it, or where the agent put it.

mod presence_common;
mod presence_events;
mod rng;

use engine::config::Destination;
use engine::presence::{
    Action, Cause, Input, Note, Origin, Outcome, Output, PresenceConfig, Side, Simulation, Timed,
    Trigger, destination, evaluate, is_live_contact,
};
use presence_common::{Setup, catalog, run};
use presence_events::{CONNECT_EVENTS, OMNI_EVENTS, random_events};
use rng::Rng;

const RUNS: u64 = 12_000;
/// Destinations, a few of them impossible (`Nope`, `Vacation`) or a sign-out (`Logout`).
const OMNI_TARGETS: &[&str] = &["Available", "Lunch", "Busy", "Break", "Away", "Nope"];
const CONNECT_TARGETS: &[&str] = &[
    "Available",
    "Lunch",
    "Break",
    "Offline",
    "Vacation",
    "Logout",
];

/// A rule line for `presence_common::rule`, either direction, or on work and workload.
fn random_rule(rng: &mut Rng, id: usize) -> String {
    let comparator = if rng.chance(75) { "=" } else { "!=" };
    let when = match rng.below(10) {
        0..=3 => format!(
            "connect ConnectNew {comparator} {}",
            rng.word(CONNECT_EVENTS)
        ),
        4..=7 => format!("omni OmniNew {comparator} {}", rng.word(OMNI_EVENTS)),
        8 => "omni-logout OmniNew = Offline".to_owned(),
        _ if rng.chance(50) => {
            format!("work Channel {comparator} {}", rng.word(&["phone", "chat"]))
        }
        _ => format!(
            "workload NewPct {} {}",
            rng.word(&[">=", "<", ">"]),
            rng.word(&["0", "50", "100"])
        ),
    };
    let then = if rng.chance(50) {
        format!("omni:{}", rng.word(OMNI_TARGETS))
    } else {
        format!("connect:{}", rng.word(CONNECT_TARGETS))
    };
    format!("R{id}@{} {when} -> {then}", rng.below(5))
}

fn random_setup(rng: &mut Rng) -> Setup {
    let rules: Vec<String> = (0..rng.below(7)).map(|i| random_rule(rng, i)).collect();
    let rules: Vec<&str> = rules.iter().map(String::as_str).collect();
    let mut setup = Setup::new(&rules)
        .sync(rng.chance(90))
        .wait([0, 0, 50, 100, 250][rng.below(5)])
        .echo([0, 5, 20, 80, 300][rng.below(5)]);
    if rng.chance(40) {
        let value = format!(
            "ConnectLogoutSetsOmniOffline:{}\nOmniLogoutSignsOutOfConnect:{}",
            rng.chance(50),
            rng.chance(50)
        );
        setup = setup.feature("LogoutSync", &value);
    }
    let connect = rng.word(&["Available", "Lunch", "Offline", "Busy"]);
    let omni = Some(rng.word(OMNI_EVENTS)).filter(|_| rng.chance(85));
    setup.start(connect, omni)
}

#[test]
fn presence_never_ping_pongs_and_never_loses_the_last_change() {
    let mut rng = Rng(0x5EED_0F9E_5E4C);
    let mut most = 0;
    let mut repeats = 0;
    let mut coincident = 0;
    let mut checked = 0;
    for run_index in 0..RUNS {
        let setup = random_setup(&mut rng);
        let count = 1 + rng.below(12);
        let events = random_events(&mut rng, count);
        let config = setup.config();
        if run_index == 8976 {
            eprintln!("RUN8976 {:?} {:?}", setup, events);
        }
        let sim = run(
            config.clone(),
            setup.world(),
            events.clone(),
            setup.echo_ms(),
        );
        let context = || {
            format!(
                "run {run_index}: {setup:?}\nevents {events:?}\n{:#?}",
                sim.lines
            )
        };
        assert!(sim.settled, "did not settle: {}", context());
        let acts = sim
            .lines
            .iter()
            .filter(|l| matches!(l.output, Output::Act { .. }));
        // Per outside change at most: Omni once, Connect twice (Offline, then sign out), and
        // once more to set the agent's choice again over a late report.
        let count = acts.clone().count();
        assert!(count <= 4 * events.len(), "{count} actions: {}", context());
        most = most.max(count.div_ceil(events.len()));
        if coincidences(&sim, &events, setup.echo_ms()) > 0 {
            coincident += 1;
            continue;
        }
        for line in acts {
            if let (Origin::Echo, Output::Act { action, cause }) = (line.origin, &line.output) {
                // Or the sign-out that waited for Connect to report Offline.
                let released = *action == Action::ConnectLogout
                    && matches!(&sim.inputs[line.input].0.input,
                        Input::ConnectStateChange { new_state, .. } if new_state == "Offline");
                assert!(
                    cause == &Cause::Restore || released,
                    "an echo made the softphone act: {}",
                    context()
                );
            }
        }
        let last = events.last().unwrap();
        // A report of the state the side was known to be in changes nothing, so the states
        // before it stand: not what this test can predict.
        let last_input = external_input(&sim, events.len() - 1);
        let repeated = sim.lines.iter().any(|l| {
            l.input == last_input && matches!(l.output, Output::Note(Note::Unchanged { .. }))
        });
        if repeated {
            repeats += 1;
            continue;
        }
        checked += 1;
        if run_index == 8976 {
            eprintln!("SIM8976 {:#?}", sim.lines);
        }
        let world = |side| match side {
            Side::Connect => sim.connect_signed_in.then(|| sim.connect.clone()),
            Side::Salesforce => sim.salesforce.clone(),
        };
        for (side, expected) in expected_final(&config, &last.input) {
            let actual = world(side);
            let excused = excuse(
                &sim,
                &events,
                &config,
                side,
                &actual,
                &expected,
                setup.echo_ms(),
            );
            assert!(
                actual == expected || excused,
                "{side:?} ends {actual:?}, the last change wants {expected:?}: {}",
                context()
            );
        }
    }
    eprintln!(
        "{checked} final states checked; {repeats} runs ended on a repeated report, \
         {coincident} had a coincidence; at most {most} actions per outside change"
    );
    assert!(checked >= 10_000, "only {checked} final states checked");
}

/// Why a side may end elsewhere than the last change wants, through no fault of the softphone:
/// nothing signs the agent back in to Connect; a live contact's state is not set over; a state
/// the softphone cannot set (a system state, an unknown status) cannot be set again over the
/// softphone's older change that the side applied after it.
fn excuse(
    sim: &Simulation,
    events: &[Timed],
    config: &PresenceConfig,
    side: Side,
    actual: &Option<String>,
    expected: &Option<String>,
    echo: u64,
) -> bool {
    let last = events.last().unwrap();
    let reported = reported_side(&last.input);
    let in_flight = in_flight(sim, events.len() - 1, echo);
    match (side, actual, expected) {
        (Side::Connect, None, Some(_)) => {
            events[..events.len() - 1]
                .iter()
                .any(|e| signs_out(&e.input, config))
                || sim.lines.iter().any(|l| {
                    l.at <= last.at
                        && matches!(
                            l.output,
                            Output::Act {
                                action: Action::ConnectLogout,
                                ..
                            }
                        )
                })
        }
        (Side::Connect, Some(state), _) if is_live_contact(state) => {
            reported != Some(Side::Connect)
                || matches!(&last.input, Input::ConnectStateChange { new_state, .. } if new_state == state)
        }
        (_, _, Some(state)) if reported == Some(side) => {
            catalog().target(side, state) != Ok(Some(state.clone()))
                && in_flight.iter().any(|(on, _)| *on == side)
        }
        _ => false,
    }
}

/// The softphone's actions its side had not reported yet when the outside change `event` (an
/// index in `events`) came: taken before it, reported at its time or later (reports due at the
/// same time come after outside changes).
fn in_flight(sim: &Simulation, event: usize, echo: u64) -> Vec<(Side, Option<String>)> {
    let input = external_input(sim, event);
    let at = sim.inputs[input].0.at;
    sim.lines
        .iter()
        .filter(|l| l.input < input && l.at + echo >= at)
        .filter_map(|l| match &l.output {
            Output::Act { action, .. } => Some(action_effect(action)),
            // Expected from now on, though made only once Connect reports Offline.
            Output::Note(Note::SignOutHeld { .. }) => Some((Side::Connect, None)),
            _ => None,
        })
        .collect()
}

/// Where the outside change `event` (an index in `events`) is in `sim.inputs`.
fn external_input(sim: &Simulation, event: usize) -> usize {
    sim.inputs
        .iter()
        .enumerate()
        .filter(|(_, (_, origin))| *origin == Origin::External)
        .nth(event)
        .unwrap()
        .0
}

/// Outside reports equal to a change the softphone was making on that side at that moment:
/// the loop guard matches reports by value, so it takes one of the two reports for the
/// softphone's own, and which one it is cannot be known.
fn coincidences(sim: &Simulation, events: &[Timed], echo: u64) -> usize {
    events
        .iter()
        .enumerate()
        .filter(|(index, e)| {
            trigger_of(&e.input)
                .and_then(|(_, report)| report)
                .is_some_and(|report| in_flight(sim, *index, echo).contains(&report))
        })
        .count()
}

/// The side an action changes and the state it leaves it in.
fn action_effect(action: &Action) -> (Side, Option<String>) {
    match action {
        Action::SetSalesforceStatus { developer_name, .. } => {
            (Side::Salesforce, Some(developer_name.clone()))
        }
        Action::SalesforceLogout => (Side::Salesforce, None),
        Action::SetConnectState { state } => (Side::Connect, Some(state.clone())),
        Action::ConnectLogout => (Side::Connect, None),
    }
}

/// Whether an outside change can lead to a sign-out of Connect.
fn signs_out(input: &Input, config: &PresenceConfig) -> bool {
    let rule_signs_out = config.rules.iter().any(
        |r| matches!(&r.destination, Destination::ConnectAgentState(v) if v.contains("Logout")),
    );
    match input {
        Input::ConnectLogout => true,
        Input::ConnectStateChange { new_state, .. } => {
            new_state.contains("Logout") || rule_signs_out
        }
        Input::SalesforceLogout => {
            rule_signs_out || config.logout_sync.omni_logout_signs_out_of_connect
        }
        _ => rule_signs_out,
    }
}

/// Where the last outside change puts each side it decides: its rules (the later one wins a
/// side; destinations that cannot be set are skipped), logout sync and enhanced logout; a side
/// it reports and does not decide stays as reported. Sides it leaves alone are not checked.
fn expected_final(config: &PresenceConfig, input: &Input) -> Vec<(Side, Option<String>)> {
    let Some((trigger, reported)) = trigger_of(input) else {
        return Vec::new();
    };
    let mut sides: Vec<(Side, Option<String>)> = Vec::new();
    let mut set = |side: Side, state: Option<String>| {
        sides.retain(|(s, _)| *s != side);
        sides.push((side, state));
    };
    if let Some((side, state)) = reported {
        set(side, state);
    }
    let catalog = catalog();
    if config.sync_enabled {
        for evaluation in evaluate(&config.rules, &trigger) {
            if evaluation.outcome == Outcome::Applies {
                let (side, value) = destination(evaluation.rule);
                if let Ok(state) = catalog.target(side, value) {
                    set(side, state);
                }
            }
        }
    }
    let logout = &config.logout_sync;
    let sync = config.sync_enabled;
    match &trigger {
        Trigger::ConnectState { new_state, .. } => {
            if sync
                && logout.connect_logout_sets_omni_offline
                && (new_state.contains("Logout")
                    || new_state.contains(logout.logout_status_contains.as_str()))
            {
                set(Side::Salesforce, None);
            }
            if new_state.contains("Logout") {
                set(Side::Connect, None);
            }
        }
        Trigger::ConnectLogout if sync && logout.connect_logout_sets_omni_offline => {
            set(Side::Salesforce, None);
        }
        Trigger::SalesforceLogout if sync && logout.omni_logout_signs_out_of_connect => {
            set(Side::Connect, None);
        }
        _ => {}
    }
    sides
}

fn reported_side(input: &Input) -> Option<Side> {
    trigger_of(input).and_then(|(_, reported)| reported.map(|(side, _)| side))
}

/// A side and the state it reports (`None`: signed out).
type Report = (Side, Option<String>);

/// The trigger an outside input raises, and the side state it reports.
fn trigger_of(input: &Input) -> Option<(Trigger, Option<Report>)> {
    Some(match input {
        Input::ConnectStateChange {
            old_state,
            new_state,
        } => (
            Trigger::ConnectState {
                old_state: old_state.clone(),
                new_state: new_state.clone(),
            },
            Some((Side::Connect, Some(new_state.clone()))),
        ),
        Input::ConnectLogout => (Trigger::ConnectLogout, Some((Side::Connect, None))),
        Input::SalesforceStatusChange { developer_name } => (
            Trigger::SalesforceStatus {
                developer_name: developer_name.clone(),
            },
            Some((Side::Salesforce, Some(developer_name.clone()))),
        ),
        Input::SalesforceLogout => (Trigger::SalesforceLogout, Some((Side::Salesforce, None))),
        Input::WorkAccepted { service_channel } => (
            Trigger::WorkAccepted {
                service_channel: service_channel.clone(),
            },
            None,
        ),
        Input::WorkloadChanged {
            configured_capacity,
            previous_workload,
            new_workload,
        } => (
            Trigger::WorkloadChanged {
                configured_capacity: configured_capacity.clone(),
                previous_workload: previous_workload.clone(),
                new_workload: new_workload.clone(),
            },
            None,
        ),
        _ => return None,
    })
}
