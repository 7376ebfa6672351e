//! Presence sync, end to end in simulated time: rules, loop guard, wait window, session end and logout sync, each case a setup, timed events and the actions taken.

mod presence_common;

use engine::presence::Input;
use presence_common::{Setup, catalog, render, simulate};

/// Runs `events` (see `presence_common::input`) against `setup` and compares the actions and
/// diagnostics, then the final states, as `render` writes them.
fn check(setup: &Setup, events: &[&str], expected: &[&str]) {
    let sim = simulate(setup, events);
    assert!(sim.settled, "did not settle: {events:?}");
    assert_eq!(render(&sim), expected, "events {events:?}");
}

fn mirror() -> Setup {
    Setup::new(&[
        "C2O connect ConnectNew = Lunch -> omni:Lunch",
        "O2C omni OmniNew = Available -> connect:Available",
    ])
}

#[test]
fn connect_to_omni_and_back() {
    // Applied when the 100 ms window closes; the side's report 20 ms later triggers nothing.
    check(
        &mirror(),
        &["0 connect Available>Lunch"],
        &["100 omni Lunch by C2O", "final connect=Lunch omni=Lunch"],
    );
    check(
        &mirror().start("Offline", Some("Away")),
        &["0 omni Available"],
        &[
            "100 connect Available by O2C",
            "final connect=Available omni=Available",
        ],
    );
    // Nothing applies to Break.
    check(
        &mirror(),
        &["0 connect Available>Break"],
        &["final connect=Break omni=Available"],
    );
}

#[test]
fn the_softphones_own_changes_trigger_nothing() {
    // Each rule's result triggers the next one; only the agent's change runs rules.
    let chain = Setup::new(&[
        "A connect ConnectNew = Lunch -> omni:Lunch",
        "B omni OmniNew = Lunch -> connect:Break",
        "C connect ConnectNew = Break -> omni:Break",
        "D omni OmniNew = Break -> connect:Lunch",
    ]);
    check(
        &chain,
        &["0 connect Available>Lunch"],
        &["100 omni Lunch by A", "final connect=Lunch omni=Lunch"],
    );
    check(
        &chain,
        &["0 omni Lunch"],
        &["100 connect Break by B", "final connect=Break omni=Lunch"],
    );
    // The same change by the agent later is honoured again.
    check(
        &chain,
        &["0 omni Lunch", "500 connect Break>Lunch"],
        &["100 connect Break by B", "final connect=Lunch omni=Lunch"],
    );
    // Logout sync does not answer the softphone's own sign-out either.
    check(
        &Setup::new(&[]).feature(
            "LogoutSync",
            "ConnectLogoutSetsOmniOffline:true\nOmniLogoutSignsOutOfConnect:true",
        ),
        &["0 omni logout"],
        &[
            "100 connect Offline by logout_sync",
            "120 connect logout by logout_sync",
            "final connect=Offline(signed out) omni=-",
        ],
    );
}

#[test]
fn wait_window() {
    // Inside one window only the latest change of a kind is applied.
    let setup = Setup::new(&[
        "L connect ConnectNew = Lunch -> omni:Lunch",
        "B connect ConnectNew = Break -> omni:Break",
    ]);
    check(
        &setup,
        &["0 connect Available>Lunch", "50 connect Lunch>Break"],
        &["100 omni Break by B", "final connect=Break omni=Break"],
    );
    // Further apart than the window: each, in order.
    check(
        &setup,
        &["0 connect Available>Lunch", "150 connect Lunch>Break"],
        &[
            "100 omni Lunch by L",
            "250 omni Break by B",
            "final connect=Break omni=Break",
        ],
    );
    // No window: at once.
    check(
        &setup.clone().wait(0),
        &["0 connect Available>Lunch", "50 connect Lunch>Break"],
        &[
            "0 omni Lunch by L",
            "50 omni Break by B",
            "final connect=Break omni=Break",
        ],
    );
    // Changes of different kinds in one window are all applied, the older first.
    check(
        &Setup::new(&[
            "C2O connect ConnectNew = Lunch -> omni:Lunch",
            "FULL workload NewPct >= 100 -> connect:Break",
        ]),
        &["0 connect Available>Lunch", "40 workload 2 1 2"],
        &[
            "100 omni Lunch by C2O",
            "100 connect Break by FULL",
            "final connect=Break omni=Lunch",
        ],
    );
}

#[test]
fn the_latest_change_wins() {
    // The agent picks Omni Available while the softphone's Lunch is on its way: Omni reports
    // Lunch after Available, so Available is set again, and its own rule runs.
    check(
        &mirror().start("Available", Some("Away")),
        &["0 connect Available>Lunch", "110 omni Available"],
        &[
            "100 omni Lunch by C2O",
            "120 omni Available by restore",
            "210 connect Available by O2C",
            "final connect=Available omni=Available",
        ],
    );
    // An older change applied in the same window does not undo a newer one on its side.
    check(
        &mirror(),
        &["0 connect Available>Lunch", "30 omni Away"],
        &["final connect=Lunch omni=Away"],
    );
}

#[test]
fn later_sort_order_wins() {
    let setup = Setup::new(&[
        "WIN@2 connect ConnectNew != Available -> omni:Busy",
        "LOSE@1 connect ConnectNew = Lunch -> omni:Lunch",
    ]);
    check(
        &setup,
        &["0 connect Available>Lunch"],
        &["100 omni Busy by WIN", "final connect=Lunch omni=Busy"],
    );
    // A rule that cannot be applied is reported and does not win.
    let broken = Setup::new(&[
        "LUNCH connect ConnectNew = Lunch -> omni:Lunch",
        "NOPE connect ConnectNew = Lunch -> omni:Nope",
    ]);
    check(
        &broken,
        &["0 connect Available>Lunch"],
        &[
            "100 ! unknown_salesforce_status:Nope NOPE",
            "100 omni Lunch by LUNCH",
            "final connect=Lunch omni=Lunch",
        ],
    );
}

#[test]
fn operands_and_comparisons() {
    let load = Setup::new(&[
        "PCT workload NewPct >= 80 -> connect:Break",
        "TEN workload NewLoad > 9 -> omni:Busy",
    ]);
    // 8 of 10 is 80 %; 10 > 9 as numbers (as text "10" < "9").
    check(
        &load,
        &["0 workload 10 7 8"],
        &[
            "100 connect Break by PCT",
            "final connect=Break omni=Available",
        ],
    );
    check(
        &load,
        &["0 workload 20 7 10"],
        &["100 omni Busy by TEN", "final connect=Available omni=Busy"],
    );
    // Exact: 2 of 3 is 66.66… %, not 67 %.
    check(
        &Setup::new(&["P67 workload NewPct >= 67 -> connect:Break"]),
        &["0 workload 3 1 2"],
        &["final connect=Available omni=Available"],
    );
    // No capacity: no percentage, reported.
    check(
        &load,
        &["0 workload 0 0 1"],
        &[
            "100 ! operand_missing:SalesforceNewWorkloadPct PCT",
            "final connect=Available omni=Available",
        ],
    );
    // Text is exact and case-sensitive; the Omni state is the DeveloperName.
    check(
        &mirror(),
        &["0 connect Available>lunch"],
        &["final connect=lunch omni=Available"],
    );
    let channel = Setup::new(&["PHONE work Channel = sfdc_phone -> connect:Break"]);
    check(
        &channel,
        &["0 work sfdc_phone"],
        &[
            "100 connect Break by PHONE",
            "final connect=Break omni=Available",
        ],
    );
    check(
        &channel,
        &["0 work -"],
        &[
            "100 ! operand_missing:SalesforceServiceChannel PHONE",
            "final connect=Available omni=Available",
        ],
    );
    // The old state too, and a system state can be compared.
    check(
        &Setup::new(&["ACW connect ConnectOld = AfterCallWork -> omni:Available"])
            .start("AfterCallWork", Some("Busy")),
        &["0 connect AfterCallWork>Lunch"],
        &[
            "100 omni Available by ACW",
            "final connect=Lunch omni=Available",
        ],
    );
}

#[test]
fn omni_logout_runs_only_logout_rules() {
    let setup = Setup::new(&[
        "OUT omni-logout OmniNew = Offline -> connect:Offline",
        "STATE omni OmniNew = Offline -> connect:Lunch",
    ]);
    check(
        &setup,
        &["0 omni logout"],
        &["100 connect Offline by OUT", "final connect=Offline omni=-"],
    );
    // An Omni status whose DeveloperName is Offline is a state change, not a logout.
    check(
        &setup,
        &["0 omni Offline"],
        &[
            "100 connect Lunch by STATE",
            "final connect=Lunch omni=Offline",
        ],
    );
}

#[test]
fn destinations_that_cannot_be_set() {
    check(
        &Setup::new(&["X omni OmniNew = Busy -> connect:Vacation"]),
        &["0 omni Busy"],
        &[
            "100 ! unknown_connect_state:Vacation X",
            "final connect=Available omni=Busy",
        ],
    );
    // No Connect state is set while signed out of Connect.
    check(
        &mirror(),
        &["0 connect logout", "200 omni Available"],
        &["final connect=Offline(signed out) omni=Available"],
    );
}

#[test]
fn enhanced_logout_and_logout_sync() {
    // Offline first, then sign out once Connect reported Offline (20 ms later), with or without
    // presence sync.
    for setup in [Setup::new(&[]), Setup::new(&[]).sync(false)] {
        check(
            &setup,
            &["0 connect Available>Logout"],
            &[
                "100 connect Offline by enhanced_logout",
                "120 connect logout by enhanced_logout",
                "final connect=Offline(signed out) omni=Available",
            ],
        );
    }
    let sync = Setup::new(&[]).feature("LogoutSync", "ConnectLogoutSetsOmniOffline:true");
    check(
        &sync,
        &["0 connect Available>End of day Logout"],
        &[
            "100 omni logout by logout_sync",
            "100 connect Offline by enhanced_logout",
            "120 connect logout by enhanced_logout",
            "final connect=Offline(signed out) omni=-",
        ],
    );
    check(
        &sync,
        &["0 connect logout"],
        &[
            "100 omni logout by logout_sync",
            "final connect=Offline(signed out) omni=-",
        ],
    );
    // Another LogoutStatusContains: enhanced logout still signs out of both.
    let custom = Setup::new(&[]).feature(
        "LogoutSync",
        "ConnectLogoutSetsOmniOffline:true\nLogoutStatusContains:End of shift",
    );
    check(
        &custom,
        &["0 connect Available>End of shift"],
        &[
            "100 omni logout by logout_sync",
            "final connect=End of shift omni=-",
        ],
    );
    check(
        &custom,
        &["0 connect Available>Logout"],
        &[
            "100 omni logout by logout_sync",
            "100 connect Offline by enhanced_logout",
            "120 connect logout by enhanced_logout",
            "final connect=Offline(signed out) omni=-",
        ],
    );
    // Case-sensitive.
    check(
        &sync,
        &["0 connect Available>logout"],
        &["final connect=logout omni=Available"],
    );
    check(
        &Setup::new(&[]).feature("LogoutSync", "OmniLogoutSignsOutOfConnect:true"),
        &["0 omni logout"],
        &[
            "100 connect Offline by logout_sync",
            "120 connect logout by logout_sync",
            "final connect=Offline(signed out) omni=-",
        ],
    );
    // Already Offline: signed out at once.
    check(
        &Setup::new(&[])
            .feature("LogoutSync", "OmniLogoutSignsOutOfConnect:true")
            .start("Offline", Some("Available")),
        &["0 omni logout"],
        &[
            "100 connect logout by logout_sync",
            "final connect=Offline(signed out) omni=-",
        ],
    );
    // Never during a live contact.
    check(
        &Setup::new(&[])
            .feature("LogoutSync", "OmniLogoutSignsOutOfConnect:true")
            .start("Busy", Some("Available")),
        &["0 omni logout"],
        &["100 ! live_contact -", "final connect=Busy omni=-"],
    );
}

#[test]
fn sync_disabled() {
    let off = mirror().sync(false).feature(
        "LogoutSync",
        "ConnectLogoutSetsOmniOffline:true\nOmniLogoutSignsOutOfConnect:true",
    );
    check(
        &off,
        &[
            "0 connect Available>Lunch",
            "300 omni logout",
            "600 connect logout",
        ],
        &["final connect=Offline(signed out) omni=-"],
    );
}

#[test]
fn session_end() {
    let end = |value: &str| Setup::new(&[]).feature("SetAgentStatusOnSessionEnd", value);
    check(
        &end("SessionEndTimer:5"),
        &["0 end"],
        &[
            "5000 connect Offline by session_end",
            "final connect=Offline omni=Available",
        ],
    );
    // A reload inside the timer cancels it.
    check(
        &end("SessionEndTimer:5"),
        &["0 end", "4000 resume"],
        &["final connect=Available omni=Available"],
    );
    check(
        &end("Status:Lunch\nIfCurrentAgentState: Break , Available"),
        &["0 end"],
        &[
            "5000 connect Lunch by session_end",
            "final connect=Lunch omni=Available",
        ],
    );
    check(
        &end("Status:Lunch\nIfCurrentAgentState:Break"),
        &["0 end"],
        &["final connect=Available omni=Available"],
    );
    check(
        &end("Status:Lunch\nIfProfileNameIncludes:Support, Sales"),
        &["0 end"],
        &[
            "5000 connect Lunch by session_end",
            "final connect=Lunch omni=Available",
        ],
    );
    check(
        &end("Status:Lunch\nIfProfileNameIncludes:Support,sales"),
        &["0 end"],
        &["final connect=Available omni=Available"],
    );
    check(
        &end("Status:AfterCallWork"),
        &["0 end"],
        &[
            "5000 ! connect_state_not_settable:AfterCallWork -",
            "final connect=Available omni=Available",
        ],
    );
    // Logout signs out like enhanced logout, but waits for a live contact to end.
    check(
        &end("Status:Logout\nSessionEndTimer:20"),
        &["0 end"],
        &[
            "20000 connect Offline by session_end",
            "20020 connect logout by session_end",
            "final connect=Offline(signed out) omni=Available",
        ],
    );
    check(
        &end("Status:Logout").start("Busy", Some("Available")),
        &["0 end", "9000 connect Busy>AfterCallWork"],
        &[
            "5000 ! live_contact -",
            "9000 connect Offline by session_end",
            "9020 connect logout by session_end",
            "final connect=Offline(signed out) omni=Available",
        ],
    );
    check(
        &end("Status:Logout").start("Busy", Some("Available")),
        &["0 end", "8000 resume", "9000 connect Busy>AfterCallWork"],
        &[
            "5000 ! live_contact -",
            "final connect=AfterCallWork omni=Available",
        ],
    );
}

#[test]
fn initial_state_at_sign_in() {
    let setup = |value: &str| {
        Setup::new(&[])
            .feature("SetAgentStatusOnSessionEnd", value)
            .start("Offline", None)
    };
    check(
        &setup("Status:Offline"),
        &["0 start Offline"],
        &[
            "0 connect Available by initial_state",
            "final connect=Available omni=-",
        ],
    );
    check(
        &setup("InitialAgentState:Lunch\nIfProfileNameIncludes:Sales"),
        &["0 start Offline"],
        &[
            "0 connect Lunch by initial_state",
            "final connect=Lunch omni=-",
        ],
    );
    check(
        &setup("InitialAgentState:Lunch\nIfProfileNameIncludes:Support"),
        &["0 start Offline"],
        &["final connect=Offline omni=-"],
    );
    // Without the feature, nothing.
    check(
        &Setup::new(&[]).start("Offline", None),
        &["0 start Offline"],
        &["final connect=Offline omni=-"],
    );
}

#[test]
fn echoes_that_never_come_or_come_late() {
    // Omni reports 20 s later: past the echo timeout, the report is an outside change and
    // runs its rules.
    let chain = Setup::new(&[
        "A connect ConnectNew = Lunch -> omni:Lunch",
        "B omni OmniNew = Lunch -> connect:Break",
    ]);
    check(
        &chain.echo(20_000),
        &["0 connect Available>Lunch"],
        &[
            "100 omni Lunch by A",
            "20200 connect Break by B",
            "final connect=Break omni=Lunch",
        ],
    );
    // Connect refuses a state after the agent signed out: the change failed.
    check(
        &mirror().start("Offline", Some("Away")),
        &["0 omni Available", "110 connect logout"],
        &[
            "100 connect Available by O2C",
            "final connect=Offline(signed out) omni=Available",
        ],
    );
}

#[test]
fn a_state_read_at_start_up_is_no_change() {
    use engine::presence::{Input, Output, Presence, Side};
    let mut presence = Presence::new(mirror().wait(0).config(), catalog(), None, None);
    presence.set_state(Side::Connect, Some("Lunch".into()));
    presence.set_state(Side::Salesforce, Some("Available".into()));
    assert_eq!(presence.known(Side::Salesforce), Some("Available"));
    let mut actions = |at, developer_name: &str| {
        let input = Input::SalesforceStatusChange {
            developer_name: developer_name.into(),
        };
        let outputs = presence.handle(at, input);
        outputs
            .iter()
            .filter(|o| matches!(o, Output::Act { .. }))
            .count()
    };
    // Reported again, it is no change; a change from another state is.
    assert_eq!(actions(0, "Available"), 0);
    assert_eq!(actions(10, "Away"), 0);
    assert_eq!(actions(20, "Available"), 1);
}

/// Each step: an input at a time, and the actions the machine takes for it (as logged).
fn check_steps(setup: &Setup, connect: &str, steps: &[(u64, Input, &[&str])]) {
    use engine::presence::{Output, Presence, log_line};
    let mut presence = Presence::new(
        setup.config(),
        catalog(),
        Some(connect.into()),
        Some("Available".into()),
    );
    for (at, input, expected) in steps {
        let acts: Vec<String> = presence
            .handle(*at, input.clone())
            .iter()
            .filter(|o| matches!(o, Output::Act { .. }))
            .map(log_line)
            .collect();
        assert_eq!(acts, *expected, "at {at}: {input:?}");
    }
}

#[test]
fn a_sign_out_waits_for_connect_to_report_offline() {
    use engine::presence::Side;
    let change = |old: &str, new: &str| Input::ConnectStateChange {
        old_state: old.into(),
        new_state: new.into(),
    };
    let offline = "presence: set Connect state “Offline” (enhanced logout)";
    let setup = Setup::new(&[]).wait(0);
    // Sent once Connect has Offline; the sign-out's own report is the softphone's.
    check_steps(
        &setup,
        "Available",
        &[
            (0, change("Available", "Logout"), &[offline]),
            (
                30,
                change("Logout", "Offline"),
                &["presence: sign out of Connect (enhanced logout)"],
            ),
            (60, Input::ConnectLogout, &[]),
        ],
    );
    // Connect refused Offline: no sign-out, not even when the agent picks Offline later.
    check_steps(
        &setup,
        "Available",
        &[
            (0, change("Available", "Logout"), &[offline]),
            (30, Input::Failed(Side::Connect), &[]),
            (60, change("Logout", "Offline"), &[]),
        ],
    );
    // Offline never reported: the sign-out lapses with it.
    check_steps(
        &setup,
        "Available",
        &[
            (0, change("Available", "Logout"), &[offline]),
            (20_000, change("Logout", "Offline"), &[]),
        ],
    );
}
