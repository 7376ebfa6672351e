//! CTI flows in the softphone: which flow an event runs, when, in which tab, and what the agent sees.

mod common;

use common::*;
use engine::flow::DefaultFlow;
use serde_json::{Value, json};

/// A flow record binding `body` (a list of actions) to `source`/`event`.
fn record(id: &str, source: &str, event: &str, actions: Value) -> Value {
    let body = json!({"name": format!("{source} {event}"), "actions": actions});
    json!({"id": id, "name": id, "source": source, "event": event,
           "description": "", "body": body.to_string()})
}

fn config_with(flows: Value) -> String {
    fixture_with("/flows", flows)
}

fn start(next: &str) -> Value {
    json!({"id": "s", "type": "SE_Start", "controls": {}, "ports": {"done": next}})
}

fn end() -> Value {
    json!({"id": "e", "type": "SE_End", "controls": {}})
}

/// Start → one block → End, the block's ports all leading to End.
fn one_block(kind: &str, controls: Value, ports: &[&str]) -> Value {
    let ports: serde_json::Map<String, Value> =
        ports.iter().map(|p| (p.to_string(), json!("e"))).collect();
    json!([start("b"), {"id": "b", "type": kind, "controls": controls, "ports": ports}, end()])
}

fn search_block(search: &str) -> Value {
    one_block(
        "SE_SFSearchAndScreenpop",
        json!({"searchParams": search, "callType": "inbound"}),
        &["success", "failure"],
    )
}

fn searches(host: &Recorder) -> Vec<String> {
    host.calls
        .iter()
        .filter_map(|c| match c {
            Call::Search(term, _) => Some(term.clone()),
            _ => None,
        })
        .collect()
}

fn flow_logs(host: &Recorder) -> Vec<&str> {
    host.logs
        .iter()
        .map(|(_, m)| m.as_str())
        .filter(|m| m.starts_with("[FLOW]"))
        .collect()
}

#[test]
fn the_shipped_default_flows_load_without_problems_and_lint_clean() {
    for default in DefaultFlow::ALL {
        let (flow, problems) = engine::flow::load_text(default.text());
        assert!(problems.is_empty(), "{default:?}: {problems:?}");
        let flow = flow.expect("loads");
        assert!(engine::flow::lint(&flow).is_empty(), "{default:?}");
        assert!(default.flow().is_some());
    }
}

#[test]
fn the_reference_flows_of_the_fixture_replace_the_defaults() {
    // The fixture binds the adapter's sample flows: voice onConnecting searches
    // `$.contact.parsedNumber.phone`, click-to-dial dials `$.payload.number` as given.
    let (mut softphone, mut host) = signed_in_with(FIXTURE.to_owned());
    let mut dialled = voice("c1", "(415) 555-0142");
    dialled.initiation_method = "outbound".into();
    softphone.handle(&mut host, Event::Contact(ContactEvent::Connecting, dialled));
    // The sample flow has no inbound check, unlike the default: it pops outbound calls too.
    assert_eq!(searches(&host), vec!["+14155550142"]);
    assert!(
        flow_logs(&host)
            .iter()
            .any(|l| l.contains("[VoiceContact.onConnecting]"))
    );
    host.calls.clear();
    softphone.handle(&mut host, click("020 7946 0018"));
    // Dial Number still reads the number as E.164 before Connect sees it (US here: refused).
    assert_eq!(host.calls, vec![Call::ShowPanel]);
    assert!(matches!(
        &softphone.view().notices.last().unwrap().kind,
        NoticeKind::UndialableNumber { input, .. } if input == "020 7946 0018"
    ));
}

#[test]
fn a_contact_event_arriving_before_the_configuration_runs_its_flow_exactly_once() {
    let config = config_with(json!([record(
        "f1",
        "ConnectVoiceContact",
        "onConnecting",
        search_block("$.contact.contactId")
    )]));
    let mut softphone = Softphone::new();
    let mut host = Recorder::default();
    softphone.handle(&mut host, settings_event());
    softphone.handle(
        &mut host,
        Event::AgentRefreshed(agent("Available", AgentStateKind::Routable)),
    );
    let ringing = voice("early", "+14155550142");
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connecting, ringing.clone()),
    );
    assert!(searches(&host).is_empty(), "waits for the configuration");
    softphone.handle(&mut host, config_loaded(config.clone()));
    // A second copy of the configuration and a replay of the event change nothing.
    softphone.handle(&mut host, config_loaded(config));
    softphone.handle(&mut host, Event::Contact(ContactEvent::Connecting, ringing));
    assert_eq!(searches(&host), vec!["early"]);
}

#[test]
fn each_event_of_a_contact_runs_its_own_flow_once_and_refresh_every_time() {
    let flows = json!([
        record(
            "f1",
            "ConnectVoiceContact",
            "onConnected",
            search_block("connected")
        ),
        record(
            "f2",
            "ConnectVoiceContact",
            "onEnded",
            search_block("ended")
        ),
        record(
            "f3",
            "ConnectVoiceContact",
            "onRefresh",
            search_block("refresh")
        ),
    ]);
    let (mut softphone, mut host) = signed_in_with(config_with(flows));
    let call = voice("c2", "+14155550142");
    for kind in [
        ContactEvent::Connecting,
        ContactEvent::Connected,
        ContactEvent::Refresh,
        ContactEvent::Connected,
        ContactEvent::Refresh,
        ContactEvent::Ended,
        ContactEvent::Ended,
    ] {
        softphone.handle(&mut host, Event::Contact(kind, call.clone()));
    }
    // onConnecting has no flow bound, and so runs the default pop.
    assert_eq!(
        searches(&host),
        vec!["+14155550142", "connected", "refresh", "refresh", "ended"]
    );
}

#[test]
fn a_flow_runs_for_the_contact_that_raised_the_event() {
    let flows = json!([record(
        "f1",
        "ConnectChatContact",
        "onConnected",
        search_block("$.contact.attributes.topic.value")
    )]);
    let (mut softphone, mut host) = signed_in_with(config_with(flows));
    let chat = |id: &str, topic: &str| {
        contact(
            id,
            Channel::Chat,
            ContactState::Connected,
            None,
            &[("topic", topic)],
        )
    };
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connected, chat("a", "billing")),
    );
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connected, chat("b", "returns")),
    );
    assert_eq!(searches(&host), vec!["billing", "returns"]);
}

#[test]
fn a_configured_pop_on_one_event_turns_off_the_default_on_the_others() {
    let flows = json!([record(
        "f1",
        "ConnectTaskContact",
        "onIncoming",
        search_block("configured")
    )]);
    let (mut softphone, mut host) = signed_in_with(config_with(flows));
    let task = contact(
        "t1",
        Channel::Task,
        ContactState::Incoming,
        None,
        &[("acsf-screenpop-search", "default")],
    );
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Incoming, task.clone()),
    );
    softphone.handle(&mut host, Event::Contact(ContactEvent::Connecting, task));
    assert_eq!(searches(&host), vec!["configured"]);
}

#[test]
fn only_the_leading_tab_runs_connect_flows_and_every_tab_its_own_clicks() {
    let (mut softphone, mut host) = signed_in();
    softphone.handle(&mut host, Event::TabRole(TabRole::Electing));
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connecting, voice("c1", "+14155550142")),
    );
    assert!(searches(&host).is_empty(), "waits for the election");
    // A click belongs to this tab: it runs during the election.
    softphone.handle(&mut host, click("+14155550100"));
    assert!(host.calls.contains(&Call::Dial(
        "+14155550100".into(),
        Some("arn:queue/out".into())
    )));
    softphone.handle(&mut host, Event::TabRole(TabRole::Follower));
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connecting, voice("c2", "+14155550143")),
    );
    assert!(searches(&host).is_empty(), "another tab runs them");
    // The leader closed: this tab leads, and the next event runs here.
    softphone.handle(&mut host, Event::TabRole(TabRole::Leader));
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connecting, voice("c3", "+14155550144")),
    );
    assert_eq!(searches(&host), vec!["+14155550144"]);
}

#[test]
fn a_failing_call_is_a_notice_and_the_run_takes_the_failure_port() {
    let actions = json!([
        start("pop"),
        {"id": "pop", "type": "SE_SFSearchAndScreenpop", "controls": {"searchParams": "x"},
         "ports": {"success": "e", "failure": "log"}},
        {"id": "log", "type": "SE_Log", "controls": {"level": "error", "message": "pop failed"},
         "ports": {"done": "e"}},
        end()
    ]);
    let flows = json!([record("f1", "ConnectVoiceContact", "onConnecting", actions)]);
    let (mut softphone, mut host) = signed_in_with(config_with(flows));
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connecting, voice("c1", "+14155550142")),
    );
    let failure = CallError {
        code: "SERVER_ERROR".into(),
        description: "A problem was encountered on the server.".into(),
    };
    answer_last(&mut softphone, &mut host, Err(failure));
    assert!(matches!(
        &softphone.view().notices[0].kind,
        NoticeKind::SalesforceFailed { operation: SalesforceOp::SearchAndScreenPop, code, .. }
            if code == "SERVER_ERROR"
    ));
    let logs = flow_logs(&host);
    assert!(logs.iter().any(|l| l.contains(" log SE_Log ")), "{logs:#?}");
    assert!(logs.last().unwrap().contains("ends at e"), "{logs:#?}");
}

#[test]
fn a_looping_flow_stops_at_its_budget_with_a_notice_and_a_bounded_log() {
    let actions = json!([
        start("a"),
        {"id": "a", "type": "SE_SetProperty", "controls": {"key": "k", "value": "v"},
         "ports": {"done": "a"}},
        end()
    ]);
    let flows = json!([record(
        "loop",
        "ConnectVoiceContact",
        "onConnecting",
        actions
    )]);
    let (mut softphone, mut host) = signed_in_with(config_with(flows));
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connecting, voice("c1", "+14155550142")),
    );
    assert!(matches!(
        &softphone.view().notices[0].kind,
        NoticeKind::FlowStopped { reason, .. } if reason == "step_budget"
    ));
    assert!(flow_logs(&host).len() < 300);
    // The softphone goes on: the next contact pops with the default on another event.
    assert_eq!(softphone.view().ccp, CcpStatus::SignedIn);
}

#[test]
fn agent_and_initialization_flows_get_their_payloads() {
    let flows = json!([
        record("f1", "Initialization", "onInit", search_block("init")),
        record(
            "f2",
            "ConnectAgent",
            "onStateChange",
            search_block("$.payload.newState")
        ),
        record(
            "f3",
            "ConnectAgent",
            "onNotRoutable",
            search_block("$.payload.oldState")
        ),
    ]);
    let (mut softphone, mut host) = signed_in_with(config_with(flows));
    softphone.handle(
        &mut host,
        Event::AgentStateChanged {
            old: "Available".into(),
            new: "Lunch".into(),
        },
    );
    // onInit ran once the configuration was in use (inside `signed_in_with`, cleared since).
    assert_eq!(searches(&host), vec!["Lunch", "Available"]);
    let inits = host
        .logs
        .iter()
        .filter(|(_, m)| m.contains("starts on onInit"))
        .count();
    assert_eq!(inits, 1);
}

#[test]
fn click_to_dial_flows_read_the_click_payload() {
    let actions = one_block(
        "SE_AgentDialNumber",
        json!({"phoneNumber": "$.payload.number", "queueARN": "arn:queue/vip"}),
        &["success", "failure"],
    );
    let flows = json!([record("f1", "SalesforceUi", "onClickToDial", actions)]);
    let (mut softphone, mut host) = signed_in_with(config_with(flows));
    softphone.handle(&mut host, click("(415) 555-0142"));
    assert_eq!(
        host.calls,
        vec![
            Call::ShowPanel,
            Call::Dial("+14155550142".into(), Some("arn:queue/vip".into()))
        ]
    );
    answer_last(&mut softphone, &mut host, Ok(Data::Null));
    assert!(host.logs.iter().any(|(_, m)| m == "dialling +14155550142"));
}

#[test]
fn a_reloaded_page_runs_no_contact_event_twice_but_runs_the_later_ones() {
    let flows = json!([
        record(
            "f1",
            "ConnectVoiceContact",
            "onConnected",
            search_block("connected")
        ),
        record(
            "f2",
            "ConnectVoiceContact",
            "onEnded",
            search_block("ended")
        ),
    ]);
    let config = config_with(flows);
    let (mut softphone, mut host) = signed_in_with(config.clone());
    let call = voice("c1", "+14155550142");
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connected, call.clone()),
    );
    let kept = host.flow_memory.clone();
    assert!(kept.contains("c1\tonConnected"), "{kept:?}");
    // The reloaded page: Streams shows it the live contact as connected again.
    let mut softphone = Softphone::new();
    let mut host = Recorder::default();
    softphone.handle(
        &mut host,
        Event::FlowMemory(kept + "junk line\nc9\tnotAnEvent\n"),
    );
    softphone.handle(&mut host, settings_event());
    softphone.handle(&mut host, config_loaded(config));
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connected, call.clone()),
    );
    softphone.handle(&mut host, Event::Contact(ContactEvent::Ended, call));
    assert_eq!(searches(&host), vec!["ended"]);
}

#[test]
fn a_destroyed_contact_leaves_the_session_copy_and_its_flows_still_run_once() {
    let flows = json!([record(
        "f1",
        "ConnectVoiceContact",
        "onDestroy",
        search_block("destroyed")
    )]);
    let (mut softphone, mut host) = signed_in_with(config_with(flows));
    let (gone, live) = (voice("c1", "+14155550142"), voice("c2", "+14155550143"));
    for call in [&gone, &live] {
        softphone.handle(
            &mut host,
            Event::Contact(ContactEvent::Connecting, call.clone()),
        );
    }
    assert!(host.flow_memory.contains("c1\tonConnecting"));
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Destroyed, gone.clone()),
    );
    // Streams raises nothing more for c1, so nothing of it is kept; c2 is live and stays.
    assert!(!host.flow_memory.contains("c1"), "{:?}", host.flow_memory);
    assert!(host.flow_memory.contains("c2\tonConnecting"));
    // The default pops of both calls, then c1's onDestroy flow, once.
    let expected = ["+14155550142", "+14155550143", "destroyed"];
    assert_eq!(searches(&host), expected);
}

#[test]
fn a_chat_brought_into_view_runs_its_flow_each_time() {
    let flows = json!([record(
        "f1",
        "ConnectChatContact",
        "onViewContact",
        search_block("$.contact.contactId")
    )]);
    let (mut softphone, mut host) = signed_in_with(config_with(flows));
    let chat = contact("chat-1", Channel::Chat, ContactState::Connected, None, &[]);
    softphone.handle(&mut host, Event::Contact(ContactEvent::Connected, chat));
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connected, voice("c1", "+14155550142")),
    );
    let before = searches(&host).len();
    for id in ["chat-1", "chat-1", "c1", "gone"] {
        softphone.handle(&mut host, Event::ContactViewed(id.into()));
    }
    // The chat's flow twice; a call has no such event and an unknown id is no contact.
    assert_eq!(searches(&host)[before..], ["chat-1", "chat-1"]);
}

/// A chat item or task event as Connect sends it on the agent's websocket.
fn item(contact_id: &str, kind: &str, role: &str, content_type: &str, content: &str) -> String {
    json!({"Id": format!("m-{content}"), "Type": kind, "ParticipantRole": role,
           "ContentType": content_type, "Content": content, "ContactId": contact_id,
           "InitialContactId": "first-leg", "AbsoluteTime": "2026-12-02T10:00:00.000Z"})
    .to_string()
}

#[test]
fn chat_messages_and_task_events_run_their_flows_with_the_item_as_payload() {
    let bind = |id, source, event| record(id, source, event, search_block("$.payload.Content"));
    let flows = json!([
        bind("f1", "ConnectChatContact", "onMessageReceived"),
        record(
            "f2",
            "ConnectChatContact",
            "onMessageSent",
            search_block("$.contact.contactId")
        ),
        bind("f3", "ConnectTaskContact", "onTransferInitiated"),
        bind("f4", "ConnectTaskContact", "onTaskExpiring"),
        bind("f5", "ConnectTaskContact", "onTaskExpired"),
    ]);
    let (mut softphone, mut host) = signed_in_with(config_with(flows));
    let chat = contact("chat-1", Channel::Chat, ContactState::Connected, None, &[]);
    let task = contact("task-1", Channel::Task, ContactState::Connected, None, &[]);
    for live in [chat, task] {
        softphone.handle(&mut host, Event::Contact(ContactEvent::Connected, live));
    }
    let before = searches(&host).len();
    let expire = "application/vnd.amazonaws.connect.event.expire";
    let transfer = "application/vnd.amazonaws.connect.event.transfer";
    let cases = [
        // topic, item, what its flow searched (None: no flow runs)
        (
            MessageTopic::Chat,
            item("chat-1", "MESSAGE", "CUSTOMER", "text/plain", "hello"),
            Some("hello"),
        ),
        // Each message runs its flow, the same text too.
        (
            MessageTopic::Chat,
            item("chat-1", "MESSAGE", "CUSTOMER", "text/plain", "hello"),
            Some("hello"),
        ),
        (
            MessageTopic::Chat,
            item(
                "chat-1",
                "ATTACHMENT",
                "SYSTEM",
                "application/pdf",
                "bill.pdf",
            ),
            Some("bill.pdf"),
        ),
        (
            MessageTopic::Chat,
            item("chat-1", "MESSAGE", "AGENT", "text/plain", "hi"),
            Some("chat-1"),
        ),
        // Typing and joins are events no flow event names.
        (
            MessageTopic::Chat,
            item(
                "chat-1",
                "EVENT",
                "CUSTOMER",
                "application/vnd.amazonaws.connect.event.typing",
                "t",
            ),
            None,
        ),
        // The first leg's id finds the contact too.
        (
            MessageTopic::Chat,
            json!({"Type": "MESSAGE", "ParticipantRole": "CUSTOMER",
            "Content": "again", "ContactId": "next-leg", "InitialContactId": "chat-1"})
            .to_string(),
            Some("again"),
        ),
        (
            MessageTopic::Task,
            item(
                "task-1",
                "EVENT",
                "SYSTEM",
                &format!("{transfer}.initiated"),
                "moving",
            ),
            Some("moving"),
        ),
        // Bound to no flow: nothing runs.
        (
            MessageTopic::Task,
            item(
                "task-1",
                "EVENT",
                "SYSTEM",
                &format!("{transfer}.failed"),
                "x",
            ),
            None,
        ),
        (
            MessageTopic::Task,
            item(
                "task-1",
                "EVENT",
                "SYSTEM",
                &format!("{expire}.warning"),
                "2 h",
            ),
            Some("2 h"),
        ),
        (
            MessageTopic::Task,
            item(
                "task-1",
                "EVENT",
                "SYSTEM",
                &format!("{expire}.complete"),
                "gone",
            ),
            Some("gone"),
        ),
        // A contact this agent does not have, and items that are not what Connect sends.
        (
            MessageTopic::Chat,
            item("other", "MESSAGE", "CUSTOMER", "text/plain", "lost"),
            None,
        ),
        (MessageTopic::Chat, "[1]".to_owned(), None),
        (MessageTopic::Task, "{\"Type\":".to_owned(), None),
    ];
    for (topic, content, expected) in cases {
        let at = searches(&host).len();
        softphone.handle(
            &mut host,
            Event::ContactMessage {
                topic,
                content: content.clone(),
            },
        );
        let ran: Vec<String> = searches(&host)[at..].to_vec();
        assert_eq!(
            ran,
            expected.into_iter().map(String::from).collect::<Vec<_>>(),
            "{content}"
        );
    }
    assert_eq!(searches(&host).len() - before, 8);
    let logs = host
        .logs
        .iter()
        .map(|(_, m)| m.as_str())
        .collect::<Vec<_>>();
    for expected in [
        "onMessageReceived of \"other\": not a live contact of this agent; no flow runs",
        "aws/chat item is not a JSON object; no flow runs",
        "aws/task item is not a JSON object; no flow runs",
    ] {
        assert!(logs.contains(&expected), "{expected} in {logs:#?}");
    }
}

#[test]
fn websocket_items_run_in_the_leading_tab_only_and_wait_for_the_election() {
    let flows = json!([record(
        "f1",
        "ConnectChatContact",
        "onMessageReceived",
        search_block("$.payload.Content")
    )]);
    let (mut softphone, mut host) = signed_in_with(config_with(flows));
    let chat = contact("chat-1", Channel::Chat, ContactState::Connected, None, &[]);
    softphone.handle(&mut host, Event::Contact(ContactEvent::Connected, chat));
    let message = |text| Event::ContactMessage {
        topic: MessageTopic::Chat,
        content: item("chat-1", "MESSAGE", "CUSTOMER", "text/plain", text),
    };
    let before = searches(&host).len();
    softphone.handle(&mut host, Event::TabRole(TabRole::Follower));
    softphone.handle(&mut host, message("follower"));
    assert_eq!(searches(&host).len(), before, "another tab runs it");
    softphone.handle(&mut host, Event::TabRole(TabRole::Electing));
    softphone.handle(&mut host, message("during the election"));
    softphone.handle(&mut host, Event::TabRole(TabRole::Leader));
    assert_eq!(searches(&host)[before..], ["during the election"]);
}

#[test]
fn salesforce_ui_events_run_their_flows_in_the_tab_they_happened_in() {
    let flows = json!([
        record(
            "f1",
            "SalesforceUi",
            "onNavigationChange",
            search_block("$.payload.recordName")
        ),
        record(
            "f2",
            "SalesforceUi",
            "onHvsWorkStart",
            search_block("$.payload.workId")
        ),
    ]);
    let (mut softphone, mut host) = signed_in_with(config_with(flows));
    softphone.handle(&mut host, Event::TabRole(TabRole::Follower));
    let navigation = Data::object([
        (
            "url",
            Data::text("https://x.lightning.force.com/lightning/r/Account/001/view"),
        ),
        ("recordName", Data::text("Analytical Engines Ltd")),
    ]);
    softphone.handle(
        &mut host,
        Event::SalesforceUi(UiEvent::NavigationChange, navigation),
    );
    let work = Data::object([("workId", Data::text("0Z1xx0000000001"))]);
    softphone.handle(&mut host, Event::SalesforceUi(UiEvent::HvsWorkStart, work));
    assert_eq!(
        searches(&host),
        vec!["Analytical Engines Ltd", "0Z1xx0000000001"]
    );
}

#[test]
fn a_contact_carries_its_overlay_and_it_changes_with_its_attributes() {
    use engine::overlay::ItemKind;
    let (mut softphone, mut host) = signed_in_with(FIXTURE.to_owned());
    let mut call = voice("c1", "+14155550142");
    call.attributes = [
        ("phone_number", "+1 415 555 0100"),
        ("postal_code", "94105"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connecting, call.clone()),
    );
    let view = &softphone.view().contacts[0];
    let texts: Vec<_> = view.overlay.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "+1 415 555 0100",
            "",
            "https://maps.example.com/search/94105"
        ]
    );
    assert!(
        matches!(&view.overlay.items[2].kind, ItemKind::Link { href } if href == "https://maps.example.com/search/94105")
    );
    let revision = view.overlay_revision;
    // A refresh with the same attributes keeps the revision; a changed value bumps it.
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Refresh, call.clone()),
    );
    assert_eq!(softphone.view().contacts[0].overlay_revision, revision);
    call.attributes.insert("postal_code".into(), "10001".into());
    softphone.handle(&mut host, Event::Contact(ContactEvent::Refresh, call));
    let view = &softphone.view().contacts[0];
    assert_ne!(view.overlay_revision, revision);
    assert_eq!(
        view.overlay.items[2].kind.href(),
        Some("https://maps.example.com/search/10001")
    );
}

#[test]
fn omni_channel_events_run_the_salesforce_agent_flows_in_the_leading_tab() {
    use engine::OmniEvent;
    let flows = json!([
        record(
            "f1",
            "SalesforceAgent",
            "onStateChange",
            search_block("$.payload.statusApiName")
        ),
        record(
            "f2",
            "SalesforceAgent",
            "onWorkAccepted",
            search_block("$.payload.workItemId")
        ),
        record(
            "f3",
            "SalesforceAgent",
            "onWorkloadChanged",
            one_block(
                "SE_CoreIfElse",
                json!({"value1": "$.payload.newWorkload", "operator": ">", "value2": "$.payload.previousWorkload"}),
                &["true", "false", "failure"],
            )
        ),
    ]);
    let (mut softphone, mut host) = signed_in_with(config_with(flows));
    let status = OmniEvent::StatusChanged {
        id: "0N5xx0000000001".into(),
        name: "Available".into(),
        api_name: "Available_Phone".into(),
        channels: vec!["sfdc_phone".into()],
    };
    softphone.handle(&mut host, Event::Omni(status.clone()));
    softphone.handle(
        &mut host,
        Event::Omni(OmniEvent::WorkAccepted {
            work_item_id: "500xx0000000001".into(),
            work_id: "0Bzxx0000000001".into(),
        }),
    );
    softphone.handle(
        &mut host,
        Event::Omni(OmniEvent::WorkloadChanged {
            configured_capacity: "10".into(),
            previous_workload: "2".into(),
            new_workload: "10".into(),
        }),
    );
    assert_eq!(searches(&host), vec!["Available_Phone", "500xx0000000001"]);
    let logs = flow_logs(&host);
    assert!(
        logs.iter()
            .any(|l| l.contains("SE_CoreIfElse") && l.contains("\"success\":true")),
        "{logs:#?}"
    );
    // Another tab leads: it runs them there.
    softphone.handle(&mut host, Event::TabRole(TabRole::Follower));
    softphone.handle(&mut host, Event::Omni(status));
    assert_eq!(searches(&host).len(), 2);
}

#[test]
fn a_call_that_never_answers_ends_its_run_at_the_flow_timeout() {
    let flows = json!([record(
        "f1",
        "ConnectVoiceContact",
        "onConnecting",
        search_block("x")
    )]);
    let (mut softphone, mut host) = signed_in_with(config_with(flows));
    host.now = 1_000.0;
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connecting, voice("c1", "+14155550142")),
    );
    assert_eq!(searches(&host), vec!["x"]);
    // Nothing answers; 61 s later another event arrives.
    host.now = 62_000.0;
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connecting, voice("c2", "+14155550143")),
    );
    assert!(softphone.view().notices.iter().any(|n| matches!(
        &n.kind,
        NoticeKind::FlowStopped { reason, .. } if reason == "timeout"
    )));
    // A late answer finds no run, and says so.
    answer_last(&mut softphone, &mut host, Ok(Data::Null));
    let first = host.tickets[0];
    softphone.handle(
        &mut host,
        Event::FlowAnswered {
            ticket: first,
            result: Ok(Data::Null),
        },
    );
    assert!(host.logs.iter().any(|(_, m)| m.contains("has no run")));
}

/// Update Contact Attributes: the package's Apex writes them through Connect's API.
fn attributes_flow() -> String {
    let block = one_block(
        "SE_ContactUpdateAttributes",
        json!({"attributes": {"reason": "billing & refunds", "tier": "$.contact.queueName"}}),
        &["success", "failure"],
    );
    config_with(json!([record(
        "f1",
        "ConnectVoiceContact",
        "onConnecting",
        block
    )]))
}

#[test]
fn update_contact_attributes_runs_the_package_apex_for_the_first_leg_and_its_instance() {
    let (mut softphone, mut host) = signed_in_with(attributes_flow());
    let mut transferred = voice("c2", "+14155550142");
    transferred.initial_contact_id = Some("c1".into());
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connecting, transferred),
    );
    let params = "instanceId=5a1c1d0e-0c4b-4b7a-9d8e-2f3a4b5c6d7e&initialContactId=c1\
                  &attributes={\"reason\":\"billing %26 refunds\",\"tier\":\"BasicQueue\"}";
    let expected = json!({"apexClass": "CtiContactAttributes", "methodName": "updateAttributes",
                          "methodParams": params});
    assert_eq!(
        calls_of(&host, |c| matches!(c, Call::Flow(..))),
        [&Call::Flow("opencti.runApex", expected.to_string())]
    );
    answer_last(
        &mut softphone,
        &mut host,
        Ok(Data::object([("runApex", Data::text("true"))])),
    );
    assert!(
        flow_logs(&host).last().unwrap().contains("ends at e"),
        "{:#?}",
        host.logs
    );
    assert!(softphone.view().notices.is_empty());
}

#[test]
fn update_contact_attributes_falls_back_to_the_agent_queue_and_says_when_no_instance_is_known() {
    // No queue ARN on the contact: the agent's outbound queue names the instance.
    let (mut softphone, mut host) = signed_in_with(attributes_flow());
    let mut contact = voice("c1", "+14155550142");
    contact.queue_arn = None;
    let mut agent = agent("Available", AgentStateKind::Routable);
    agent.outbound_queue_arn = Some(format!("{INSTANCE_ARN}/queue/out"));
    softphone.handle(&mut host, Event::AgentRefreshed(agent));
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connecting, contact.clone()),
    );
    let made = calls_of(&host, |c| matches!(c, Call::Flow("opencti.runApex", _)));
    assert_eq!(made.len(), 1, "{made:?}");

    // Neither has one: no call, the failure port, an error notice and log line.
    let (mut softphone, mut host) = signed_in_with(attributes_flow());
    softphone.handle(&mut host, Event::Contact(ContactEvent::Connecting, contact));
    assert!(calls_of(&host, |c| matches!(c, Call::Flow(..))).is_empty());
    assert!(matches!(
        &softphone.view().notices[0].kind,
        NoticeKind::ConnectActionFailed { action: ConnectAction::UpdateAttributes, reason }
            if reason == "no queue ARN names the Amazon Connect instance"
    ));
    let failed = "streams.contact.updateAttributes failed: NO_INSTANCE: no queue ARN names";
    assert!(
        host.logs
            .iter()
            .any(|(level, l)| *level == Level::Error && l.starts_with(failed))
    );
    let logs = flow_logs(&host);
    assert!(logs.last().unwrap().contains("ends at e"), "{logs:#?}");
}

#[test]
fn a_refused_attribute_update_is_a_salesforce_notice_and_takes_the_failure_port() {
    let (mut softphone, mut host) = signed_in_with(attributes_flow());
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connecting, voice("c1", "+14155550142")),
    );
    let failure = CallError {
        code: "SERVER_ERROR".into(),
        description: "Amazon Connect refused the attributes (HTTP 400)".into(),
    };
    answer_last(&mut softphone, &mut host, Err(failure));
    assert!(
        matches!(
            &softphone.view().notices[..],
            [notice] if matches!(&notice.kind, NoticeKind::SalesforceFailed { operation: SalesforceOp::RunApex, description, .. }
                if description.contains("HTTP 400"))
        ),
        "{:#?}",
        softphone.view().notices
    );
    let logs = flow_logs(&host);
    let block = logs
        .iter()
        .find(|l| l.contains(" b SE_ContactUpdateAttributes "));
    assert!(block.unwrap().contains("\"success\":false"), "{logs:#?}");
}
