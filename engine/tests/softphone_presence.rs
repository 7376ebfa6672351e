//! Presence sync in the softphone: which Connect and Omni-Channel events set the other side, in which tab, and what is never done twice.

mod common;

use common::*;
use engine::OmniEvent;
use engine::presence::Diagnostic;
use serde_json::{Value, json};

const STATUSES: &str = r#"[
  {"id":"0N5000000000AVAIL","developerName":"Available","label":"Available"},
  {"id":"0N5000000000BUSY1","developerName":"Busy","label":"Busy"},
  {"id":"0N5000000000OFFLN","developerName":"Offline","label":"Offline"}
]"#;

/// A presence rule: when `event`'s new state equals `value`, set `destination` to `to`.
fn rule(id: &str, event: &str, value: &str, destination: &str, to: &str, order: u32) -> Value {
    let operand = match event {
        "ConnectAgentStateChange" => "ConnectNewState",
        _ => "SalesforceNewState",
    };
    json!({"id": id, "name": id, "event": event, "operandA": operand, "operandAValue": null,
           "comparator": "Equal", "operandB": "StaticValue", "operandBValue": value,
           "destination": destination, "destinationValue": to, "sortOrder": order})
}

/// Connect Available → Omni Available; Omni Busy → Connect Lunch; Connect Lunch → Omni Busy;
/// Omni Available → Connect Available: rules both ways, each could bounce without the guard.
fn rules() -> Value {
    json!([
        rule(
            "R1",
            "ConnectAgentStateChange",
            "Available",
            "SalesforceAgentState",
            "Available",
            1
        ),
        rule(
            "R2",
            "SalesforceAgentStateChange",
            "Busy",
            "ConnectAgentState",
            "Lunch",
            2
        ),
        rule(
            "R3",
            "ConnectAgentStateChange",
            "Lunch",
            "SalesforceAgentState",
            "Busy",
            3
        ),
        rule(
            "R4",
            "SalesforceAgentStateChange",
            "Available",
            "ConnectAgentState",
            "Available",
            4
        ),
        rule(
            "R5",
            "ConnectAgentStateChange",
            "Offline",
            "SalesforceAgentState",
            "Nope",
            5
        ),
    ])
}

fn config(wait_ms: u32, sync_enabled: bool) -> String {
    let mut doc: Value = serde_json::from_str(FIXTURE).unwrap();
    doc["presenceRules"] = rules();
    doc["adapter"]["presenceSyncWaitMs"] = json!(wait_ms);
    doc["adapter"]["presenceSyncEnabled"] = json!(sync_enabled);
    doc.to_string()
}

fn connect(old: &str, new: &str) -> Event {
    Event::AgentStateChanged {
        old: old.into(),
        new: new.into(),
    }
}

fn omni(api_name: &str) -> Event {
    Event::Omni(OmniEvent::StatusChanged {
        id: String::new(),
        name: api_name.into(),
        api_name: api_name.into(),
        channels: Vec::new(),
    })
}

/// Presence sync's host calls, and the timers armed.
fn presence_calls(host: &Recorder) -> Vec<&Call> {
    calls_of(host, |c| {
        matches!(
            c,
            Call::SetState(_)
                | Call::SetOmniStatus(_)
                | Call::OmniLogout
                | Call::ConnectLogout
                | Call::PresenceTimer(..)
        )
    })
}

struct Case {
    name: &'static str,
    wait_ms: u32,
    sync_enabled: bool,
    role: TabRole,
    /// Each event at host time `at` ms.
    events: Vec<(f64, Event)>,
    expect: Vec<Call>,
}

fn case(name: &'static str, events: Vec<(f64, Event)>, expect: Vec<Call>) -> Case {
    Case {
        name,
        wait_ms: 0,
        sync_enabled: true,
        role: TabRole::Leader,
        events,
        expect,
    }
}

/// The agent is signed in (Available), Omni answers its statuses and reads Offline; then the
/// case's events; presence sync's calls must be exactly `expect`.
fn check(case: Case) -> (Softphone, Recorder) {
    let (mut softphone, mut host) = signed_in_with(config(case.wait_ms, case.sync_enabled));
    softphone.handle(&mut host, Event::TabRole(case.role));
    softphone.handle(&mut host, Event::PresenceCatalog(Ok(STATUSES.into())));
    softphone.handle(&mut host, Event::OmniStatusRead(Some("Offline".into())));
    host.calls.clear();
    for (at, event) in case.events {
        host.now = at;
        softphone.handle(&mut host, event);
    }
    let expect: Vec<&Call> = case.expect.iter().collect();
    assert_eq!(presence_calls(&host), expect, "{}", case.name);
    (softphone, host)
}

#[test]
fn the_statuses_are_asked_for_once_salesforce_has_answered_and_the_agent_is_known() {
    // The session's copy is in use and the agent is known, but the statuses wait until
    // Salesforce has answered for the configuration: one runApex at a time.
    let mut softphone = Softphone::new();
    let mut host = Recorder::default();
    softphone.handle(&mut host, settings_event());
    let cached = Event::CachedConfig {
        call_center: "ConnectSoftphone".into(),
        text: config(0, true),
        saved_at_ms: 1.0,
    };
    softphone.handle(&mut host, cached);
    let available = agent("Available", AgentStateKind::Routable);
    softphone.handle(&mut host, Event::AgentRefreshed(available.clone()));
    assert!(!host.calls.contains(&Call::LoadPresenceStatuses));
    softphone.handle(&mut host, config_loaded(config(0, true)));
    softphone.handle(&mut host, Event::AgentRefreshed(available));
    let asked = calls_of(&host, |c| {
        matches!(c, Call::LoadPresenceStatuses | Call::ReadOmniStatus)
    });
    assert_eq!(asked, [&Call::LoadPresenceStatuses, &Call::ReadOmniStatus]);
}

#[test]
fn connect_and_omni_changes_follow_the_rules_once() {
    let cases = vec![
        case(
            "a Connect change sets Omni by its rule",
            vec![(10.0, connect("Available", "Lunch"))],
            vec![Call::SetOmniStatus("0N5000000000BUSY1".into())],
        ),
        case(
            "an Omni change sets Connect by its rule",
            vec![(10.0, omni("Busy"))],
            vec![Call::SetState("Lunch".into())],
        ),
        case(
            "the echo of the softphone's own Omni change triggers no rule (R2 would set Lunch)",
            vec![(10.0, connect("Available", "Lunch")), (30.0, omni("Busy"))],
            vec![Call::SetOmniStatus("0N5000000000BUSY1".into())],
        ),
        case(
            "the echo of the softphone's own Connect change triggers no rule (R3 would set Busy)",
            vec![(10.0, omni("Busy")), (30.0, connect("Available", "Lunch"))],
            vec![Call::SetState("Lunch".into())],
        ),
        case(
            "a later change by the agent is honoured after an echo",
            vec![
                (10.0, omni("Busy")),
                (30.0, connect("Available", "Lunch")),
                (50.0, connect("Lunch", "Available")),
            ],
            vec![
                Call::SetState("Lunch".into()),
                Call::SetOmniStatus("0N5000000000AVAIL".into()),
            ],
        ),
        case(
            "an Omni logout runs no state rule",
            vec![(10.0, Event::Omni(OmniEvent::Logout))],
            vec![],
        ),
        Case {
            role: TabRole::Follower,
            ..case(
                "a follower tab does nothing",
                vec![(10.0, omni("Busy")), (20.0, connect("Available", "Lunch"))],
                vec![],
            )
        },
        Case {
            sync_enabled: false,
            ..case(
                "Presence Sync Enabled off",
                vec![(10.0, omni("Busy")), (20.0, connect("Available", "Lunch"))],
                vec![],
            )
        },
        Case {
            wait_ms: 100,
            ..case(
                "the wait window: applied when its timer fires, a replaced timer is ignored",
                vec![
                    (10.0, connect("Available", "Lunch")),
                    (60.0, Event::PresenceTimer(TimerKind::Window)),
                    (110.0, Event::PresenceTimer(TimerKind::Window)),
                ],
                vec![
                    Call::PresenceTimer(100, TimerKind::Window),
                    Call::SetOmniStatus("0N5000000000BUSY1".into()),
                ],
            )
        },
    ];
    for case in cases {
        check(case);
    }
}

#[test]
fn a_new_leader_starts_from_the_states_its_tab_followed() {
    // As a follower the tab saw Omni go Busy (the leader set Connect Lunch); once it leads, the
    // echo of that Lunch is not the agent's change: R3 does not set Omni Busy again.
    let (mut softphone, mut host) = check(Case {
        role: TabRole::Follower,
        ..case("follower", vec![(10.0, omni("Busy"))], vec![])
    });
    softphone.handle(&mut host, Event::TabRole(TabRole::Leader));
    host.now = 40.0;
    softphone.handle(&mut host, connect("Available", "Lunch"));
    assert_eq!(presence_calls(&host), Vec::<&Call>::new());
    host.now = 60.0;
    softphone.handle(&mut host, connect("Lunch", "Available"));
    let set = Call::SetOmniStatus("0N5000000000AVAIL".into());
    assert_eq!(presence_calls(&host), vec![&set]);
}

#[test]
fn a_failed_omni_change_is_not_expected_back_and_an_unknown_status_is_shown_once() {
    let (mut softphone, mut host) = check(case(
        "unknown status",
        vec![
            (10.0, connect("Available", "Offline")),
            (20.0, connect("Offline", "Available")),
            (30.0, connect("Available", "Offline")),
        ],
        vec![Call::SetOmniStatus("0N5000000000AVAIL".into())],
    ));
    let shown: Vec<_> = softphone
        .view()
        .notices
        .iter()
        .filter(|n| {
            n.kind == NoticeKind::PresenceSync(Diagnostic::UnknownSalesforceStatus("Nope".into()))
        })
        .collect();
    assert_eq!(shown.len(), 1);
    softphone.handle(
        &mut host,
        Event::PresenceFailed {
            side: Side::Salesforce,
            reason: "FAILED".into(),
        },
    );
    // Omni now reports Available on its own: the agent's change, so R4 sets Connect.
    host.now = 50.0;
    softphone.handle(&mut host, omni("Available"));
    assert!(
        host.logs
            .iter()
            .any(|(_, m)| m.contains("presence: Omni-Channel refused: FAILED"))
    );
    assert_eq!(
        presence_calls(&host).last(),
        Some(&&Call::SetState("Available".into()))
    );
}

#[test]
fn the_apex_answer_is_read_strictly() {
    let statuses = engine::parse_statuses(STATUSES).expect("reads");
    assert_eq!(statuses.len(), 3);
    assert_eq!(statuses[1].developer_name, "Busy");
    assert_eq!(statuses[1].id, "0N5000000000BUSY1");
    for bad in [
        "",
        "{}",
        r#"[{"id":"x"}]"#,
        r#"[{"developerName":"x","id":1}]"#,
    ] {
        assert_eq!(engine::parse_statuses(bad), None, "{bad}");
    }
    let (mut softphone, mut host) = signed_in_with(config(0, true));
    softphone.handle(
        &mut host,
        Event::PresenceCatalog(Err(CallError {
            code: "SERVER_ERROR".into(),
            description: "no class".into(),
        })),
    );
    softphone.handle(&mut host, omni("Busy"));
    assert_eq!(presence_calls(&host), Vec::<&Call>::new());
}

/// A Work Accepted rule on the service channel: Omni's event does not name it, so the softphone
/// asks Salesforce for the work's channel first, then applies the rule to the answer.
#[test]
fn an_accepted_works_channel_is_looked_up_when_a_rule_reads_it() {
    let channel_rule = json!({"id": "CH", "name": "CH", "event": "SalesforceWorkAccepted",
        "operandA": "SalesforceServiceChannel", "operandAValue": null, "comparator": "Equal",
        "operandB": "StaticValue", "operandBValue": "sfdc_livechat",
        "destination": "ConnectAgentState", "destinationValue": "Lunch", "sortOrder": 1});
    let accepted = || {
        Event::Omni(OmniEvent::WorkAccepted {
            work_item_id: "5705g000000CHAT1AA".into(),
            work_id: "0Bz5g00000W0001AAA".into(),
        })
    };
    let answer = |text: Result<&str, &str>| Event::ServiceChannel {
        work_id: "0Bz5g00000W0001AAA".into(),
        answer: text.map(str::to_owned).map_err(|code| engine::CallError {
            code: code.into(),
            description: String::new(),
        }),
    };
    let run = |rules: Value, role: TabRole, events: Vec<Event>| {
        let mut doc: Value = serde_json::from_str(FIXTURE).unwrap();
        doc["presenceRules"] = rules;
        doc["adapter"]["presenceSyncWaitMs"] = json!(0);
        let (mut softphone, mut host) = signed_in_with(doc.to_string());
        softphone.handle(&mut host, Event::TabRole(role));
        softphone.handle(&mut host, Event::PresenceCatalog(Ok(STATUSES.into())));
        softphone.handle(&mut host, Event::OmniStatusRead(Some("Available".into())));
        host.calls.clear();
        for event in events {
            host.now += 10.0;
            softphone.handle(&mut host, event);
        }
        let calls: Vec<String> = calls_of(&host, |c| {
            matches!(c, Call::FindServiceChannel(_) | Call::SetState(_))
        })
        .into_iter()
        .map(|c| format!("{c:?}"))
        .collect();
        (calls, host)
    };
    let lookup = || {
        format!(
            "{:?}",
            Call::FindServiceChannel("0Bz5g00000W0001AAA".into())
        )
    };

    let (calls, _) = run(json!([channel_rule]), TabRole::Leader, vec![accepted()]);
    assert_eq!(
        calls,
        [lookup()],
        "asked, nothing applied before the answer"
    );
    let chat = answer(Ok(r#"{"developerName":"sfdc_livechat"}"#));
    let (calls, _) = run(
        json!([channel_rule]),
        TabRole::Leader,
        vec![accepted(), chat],
    );
    assert_eq!(
        calls,
        [lookup(), format!("{:?}", Call::SetState("Lunch".into()))],
        "the rule applies"
    );
    let phone = answer(Ok(r#"{"developerName":"sfdc_phone"}"#));
    let (calls, _) = run(
        json!([channel_rule]),
        TabRole::Leader,
        vec![accepted(), phone],
    );
    assert_eq!(
        calls,
        [lookup()],
        "another channel: the rule does not apply"
    );
    for (about, reply) in [
        ("no channel found", answer(Ok(r#"{"developerName":null}"#))),
        (
            "an unreadable answer",
            answer(Ok(r#"{"name":"sfdc_livechat"}"#)),
        ),
        ("a failed call", answer(Err("SERVER_ERROR"))),
    ] {
        let (calls, host) = run(
            json!([channel_rule]),
            TabRole::Leader,
            vec![accepted(), reply],
        );
        assert_eq!(calls, [lookup()], "{about}: nothing applies");
        assert!(
            host.logs
                .iter()
                .any(|(_, line)| line.contains("0Bz5g00000W0001AAA")),
            "{about}: said in the log"
        );
    }
    let (calls, _) = run(json!([channel_rule]), TabRole::Follower, vec![accepted()]);
    assert!(calls.is_empty(), "a following tab asks nothing: {calls:?}");
    let (calls, _) = run(rules(), TabRole::Leader, vec![accepted()]);
    assert!(
        calls.is_empty(),
        "no rule reads the channel: nothing to ask"
    );
}

/// SetAgentStatusOnSessionEnd: the leading tab offers the session watcher once the agent is
/// signed in, whether the configuration, the election or the sign-in comes last; the agent's
/// click opens it, once; a following tab never offers it; a refused window offers it again.
#[test]
fn the_leading_tab_offers_the_session_watcher_and_the_agent_opens_it() {
    let opened = |host: &Recorder| calls_of(host, |c| matches!(c, Call::WatchSession)).len();
    let doc: Value = serde_json::from_str(FIXTURE).unwrap();
    assert!(
        doc["features"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["name"] == "SetAgentStatusOnSessionEnd"),
        "the fixture configures session end"
    );
    let role = |role| Event::TabRole(role);
    let config = || config_loaded(FIXTURE.to_owned());
    let ccp = || Event::CcpInitialized;
    let agent_in = || Event::AgentRefreshed(agent("Available", AgentStateKind::Routable));
    let orders: [(&str, Vec<Event>); 3] = [
        (
            "the election last",
            vec![
                role(TabRole::Electing),
                settings_event(),
                config(),
                ccp(),
                agent_in(),
                role(TabRole::Leader),
            ],
        ),
        (
            "the configuration last",
            vec![
                role(TabRole::Electing),
                settings_event(),
                ccp(),
                agent_in(),
                role(TabRole::Leader),
                config(),
            ],
        ),
        (
            "the sign-in last",
            vec![
                role(TabRole::Electing),
                settings_event(),
                config(),
                role(TabRole::Leader),
                ccp(),
                agent_in(),
            ],
        ),
    ];
    for (about, events) in orders {
        let mut softphone = Softphone::new();
        let mut host = Recorder::default();
        for event in events {
            assert!(
                !softphone.view().offer_session_watcher,
                "{about}: not before all three"
            );
            softphone.handle(&mut host, event);
        }
        assert!(softphone.view().offer_session_watcher, "{about}");
        assert_eq!(opened(&host), 0, "{about}: only the agent opens it");
        softphone.handle(&mut host, Event::OpenSessionWatcher);
        softphone.handle(&mut host, Event::OpenSessionWatcher);
        softphone.handle(&mut host, connect("Available", "Lunch"));
        assert_eq!(opened(&host), 1, "{about}: once");
        assert!(
            !softphone.view().offer_session_watcher,
            "{about}: offered no more"
        );
        // Refused by the browser: said, and offered again.
        softphone.handle(&mut host, Event::SessionWatcherBlocked);
        assert!(
            softphone.view().offer_session_watcher,
            "{about}: offered again"
        );
        assert!(
            softphone
                .view()
                .notices
                .iter()
                .any(|n| n.kind == engine::NoticeKind::SessionWatcherBlocked),
            "{about}: the agent is told"
        );
    }
    // A following tab does not; without the feature nobody does.
    let mut softphone = Softphone::new();
    let mut host = Recorder::default();
    for event in [
        role(TabRole::Follower),
        settings_event(),
        config(),
        ccp(),
        agent_in(),
    ] {
        softphone.handle(&mut host, event);
    }
    assert!(!softphone.view().offer_session_watcher, "a following tab");
    softphone.handle(&mut host, Event::OpenSessionWatcher);
    assert_eq!(opened(&host), 0, "a following tab opens nothing");
    let mut doc = doc;
    doc["features"] = json!([]);
    let (mut softphone, host) = signed_in_with(doc.to_string());
    softphone.handle(&mut Recorder::default(), role(TabRole::Leader));
    assert!(!softphone.view().offer_session_watcher, "not configured");
    assert_eq!(opened(&host), 0);
}

/// A page loaded while a watcher is open (a reload, a new tab) finds it and offers nothing.
#[test]
fn a_watcher_already_open_is_not_offered_again() {
    for (about, early) in [("found at start", true), ("found once signed in", false)] {
        let mut softphone = Softphone::new();
        let mut host = Recorder::default();
        let mut events = vec![
            Event::TabRole(TabRole::Electing),
            settings_event(),
            config_loaded(FIXTURE.to_owned()),
            Event::CcpInitialized,
            Event::AgentRefreshed(agent("Available", AgentStateKind::Routable)),
            Event::TabRole(TabRole::Leader),
        ];
        let at = if early { 1 } else { events.len() };
        events.insert(at, Event::SessionWatcherRunning);
        for event in events {
            softphone.handle(&mut host, event);
        }
        assert!(!softphone.view().offer_session_watcher, "{about}");
        softphone.handle(&mut host, Event::OpenSessionWatcher);
        assert!(
            calls_of(&host, |c| matches!(c, Call::WatchSession)).is_empty(),
            "{about}: nothing opened"
        );
    }
}
