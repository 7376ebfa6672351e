//! Behaviour of the softphone state machine against a recording host.

mod common;

use common::*;
#[test]
fn sign_in_enables_click_to_dial_once_and_sign_out_disables_it() {
    let mut softphone = Softphone::new();
    let mut host = Recorder::default();
    softphone.handle(&mut host, settings_event());
    assert_eq!(softphone.view().ccp, CcpStatus::LoadingSettings);
    softphone.handle(&mut host, fixture_loaded());
    assert_eq!(softphone.view().ccp, CcpStatus::Connecting);
    host.calls.clear();
    softphone.handle(
        &mut host,
        Event::AgentRefreshed(agent("Offline", AgentStateKind::Offline)),
    );
    softphone.handle(
        &mut host,
        Event::AgentRefreshed(agent("Available", AgentStateKind::Routable)),
    );
    assert_eq!(softphone.view().ccp, CcpStatus::SignedIn);
    softphone.handle(&mut host, Event::CcpTerminated);
    assert_eq!(softphone.view().ccp, CcpStatus::Reconnecting);
    softphone.handle(
        &mut host,
        Event::AgentRefreshed(agent("Offline", AgentStateKind::Offline)),
    );
    // (Presence sync also asks Salesforce for the Omni statuses once the agent is known.)
    assert_eq!(
        calls_of(&host, |c| matches!(c, Call::ClickToDial(_))),
        vec![
            &Call::ClickToDial(true),
            &Call::ClickToDial(false),
            &Call::ClickToDial(true)
        ]
    );
}

#[test]
fn inbound_voice_pops_once_with_the_e164_number() {
    let (mut softphone, mut host) = signed_in();
    let ringing = voice("c1", "(415) 555-0142");
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Init, ringing.clone()),
    );
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connecting, ringing.clone()),
    );
    // A replay after a CCP reconnect must not pop again.
    softphone.handle(&mut host, Event::Contact(ContactEvent::Connecting, ringing));
    assert_eq!(
        host.calls,
        vec![Call::Search("+14155550142".into(), "inbound".into())]
    );
    assert_eq!(softphone.view().contacts.len(), 1);
}

#[test]
fn outbound_voice_does_not_pop() {
    let (mut softphone, mut host) = signed_in();
    let mut dialled = voice("c2", "+14155550100");
    dialled.initiation_method = "outbound".into();
    softphone.handle(&mut host, Event::Contact(ContactEvent::Connecting, dialled));
    assert_eq!(host.calls, vec![]);
}

#[test]
fn unparseable_caller_number_warns_and_searches_the_raw_text() {
    let (mut softphone, mut host) = signed_in();
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connecting, voice("c3", "12")),
    );
    assert_eq!(
        host.calls,
        vec![Call::Search("12".into(), "inbound".into())]
    );
    assert!(matches!(
        &softphone.view().notices[0].kind,
        NoticeKind::UnparseableCallerNumber {
            error: PhoneError::TooShort,
            ..
        }
    ));
}

#[test]
fn queue_callback_pops_on_incoming() {
    let (mut softphone, mut host) = signed_in();
    let callback = contact(
        "c4",
        Channel::QueueCallback,
        ContactState::Incoming,
        Some("+442079460018"),
        &[],
    );
    softphone.handle(&mut host, Event::Contact(ContactEvent::Incoming, callback));
    assert_eq!(
        host.calls,
        vec![Call::Search("+442079460018".into(), "inbound".into())]
    );
}

#[test]
fn chat_with_a_record_id_attribute_pops_the_record() {
    let (mut softphone, mut host) = signed_in();
    let chat = contact(
        "c5",
        Channel::Chat,
        ContactState::Connecting,
        None,
        &[
            ("acsf-screenpop-record", "0035g00000AbCdEAAZ"),
            ("emailAddress", "grace@example.com"),
        ],
    );
    softphone.handle(&mut host, Event::Contact(ContactEvent::Connecting, chat));
    assert_eq!(host.calls, vec![Call::Pop("0035g00000AbCdEAAZ".into())]);
}

#[test]
fn chat_falls_back_to_search_attribute_then_email_then_name() {
    /// (attributes, customer name, expected search term)
    type Case<'a> = (&'a [(&'a str, &'a str)], Option<&'a str>, &'a str);
    let cases: &[Case] = &[
        (
            &[
                ("acsf-screenpop-search", "Ada"),
                ("emailAddress", "a@x.com"),
            ],
            None,
            "Ada",
        ),
        (
            &[("emailAddress", "grace@example.com")],
            Some("Grace"),
            "grace@example.com",
        ),
        (&[], Some("Grace Hopper"), "Grace Hopper"),
    ];
    for (attributes, name, expected) in cases {
        let (mut softphone, mut host) = signed_in();
        let mut chat = contact(
            "c6",
            Channel::Chat,
            ContactState::Connecting,
            None,
            attributes,
        );
        chat.customer_name = name.map(str::to_owned);
        softphone.handle(&mut host, Event::Contact(ContactEvent::Connecting, chat));
        assert_eq!(
            host.calls,
            vec![Call::Search(expected.to_string(), "inbound".into())],
            "{attributes:?}"
        );
    }
}

#[test]
fn task_with_an_invalid_record_id_warns_and_searches() {
    let (mut softphone, mut host) = signed_in();
    let task = contact(
        "c7",
        Channel::Task,
        ContactState::Connecting,
        None,
        &[
            ("acsf-screenpop-record", "not-an-id"),
            ("acsf-screenpop-search", "Case 00001026"),
        ],
    );
    softphone.handle(&mut host, Event::Contact(ContactEvent::Connecting, task));
    assert_eq!(
        host.calls,
        vec![Call::Search("Case 00001026".into(), "inbound".into())]
    );
    assert!(
        matches!(&softphone.view().notices[0].kind, NoticeKind::InvalidRecordId { value, .. } if value == "not-an-id")
    );
}

#[test]
fn task_with_nothing_to_search_is_reported() {
    let (mut softphone, mut host) = signed_in();
    let task = contact("c8", Channel::Task, ContactState::Connecting, None, &[]);
    softphone.handle(&mut host, Event::Contact(ContactEvent::Connecting, task));
    assert_eq!(host.calls, vec![]);
    assert!(matches!(
        &softphone.view().notices[0].kind,
        NoticeKind::NothingToPop { .. }
    ));
}

#[test]
fn contact_lifecycle_tracks_state_and_removal() {
    let (mut softphone, mut host) = signed_in();
    host.now = 1000.0;
    let mut call = voice("c9", "+14155550142");
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connecting, call.clone()),
    );
    host.now = 5000.0;
    call.state = ContactState::Connected;
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connected, call.clone()),
    );
    assert_eq!(softphone.view().contacts[0].state_since_ms, 5000.0);
    call.state = ContactState::Ended;
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::AfterCallWork, call.clone()),
    );
    assert_eq!(
        softphone.view().contacts[0].contact.state,
        ContactState::Ended
    );
    softphone.handle(&mut host, Event::Contact(ContactEvent::Destroyed, call));
    assert!(softphone.view().contacts.is_empty());
}

#[test]
fn click_to_dial_normalises_and_dials_on_the_outbound_queue() {
    let (mut softphone, mut host) = signed_in();
    let click = Event::ClickToDial {
        number: "(415) 555-0142".into(),
        record_id: Some("003x".into()),
        record_name: None,
        object_type: None,
    };
    softphone.handle(&mut host, click);
    assert_eq!(
        host.calls,
        vec![
            Call::ShowPanel,
            Call::Dial("+14155550142".into(), Some("arn:queue/out".into()))
        ]
    );
}

#[test]
fn click_to_dial_with_a_bad_number_shows_an_error_and_places_no_call() {
    let (mut softphone, mut host) = signed_in();
    softphone.handle(&mut host, click("12"));
    assert_eq!(host.calls, vec![Call::ShowPanel]);
    assert!(matches!(
        &softphone.view().notices[0].kind,
        NoticeKind::UndialableNumber { input, error: PhoneError::TooShort } if input == "12"
    ));
}

#[test]
fn click_to_dial_while_signed_out_is_refused_visibly() {
    let mut softphone = Softphone::new();
    let mut host = Recorder::default();
    softphone.handle(&mut host, settings_event());
    softphone.handle(&mut host, fixture_loaded());
    host.calls.clear();
    softphone.handle(&mut host, click("4155550142"));
    assert_eq!(host.calls, vec![Call::ShowPanel]);
    assert!(matches!(
        &softphone.view().notices[0].kind,
        NoticeKind::DialWhileSignedOut { .. }
    ));
}

#[test]
fn events_before_settings_are_replayed_not_lost() {
    let mut softphone = Softphone::new();
    let mut host = Recorder::default();
    softphone.handle(
        &mut host,
        Event::AgentRefreshed(agent("Available", AgentStateKind::Routable)),
    );
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connecting, voice("early", "4155550142")),
    );
    assert!(!host.calls.iter().any(|c| matches!(c, Call::Search(..))));
    softphone.handle(&mut host, settings_event());
    // Still waiting: the adapter configuration may change how numbers are read.
    assert!(!host.calls.iter().any(|c| matches!(c, Call::Search(..))));
    softphone.handle(&mut host, fixture_loaded());
    assert!(
        host.calls
            .contains(&Call::Search("+14155550142".into(), "inbound".into()))
    );
}

#[test]
fn failures_become_notices_and_can_be_dismissed() {
    let (mut softphone, mut host) = signed_in();
    softphone.handle(
        &mut host,
        Event::SalesforceFailed {
            operation: SalesforceOp::SearchAndScreenPop,
            code: "SERVER_ERROR".into(),
            description: "boom".into(),
        },
    );
    softphone.handle(&mut host, click("+14155550142"));
    let failure = CallError {
        code: "InvalidStateException".into(),
        description: "Agent is busy".into(),
    };
    answer_last(&mut softphone, &mut host, Err(failure));
    assert_eq!(softphone.view().notices.len(), 2);
    let first = softphone.view().notices[0].id;
    softphone.handle(&mut host, Event::DismissNotice(first));
    assert_eq!(softphone.view().notices.len(), 1);
    assert!(
        host.logs
            .iter()
            .any(|(level, m)| *level == Level::Error && m.contains("SERVER_ERROR"))
    );
}

#[test]
fn bad_settings_leave_the_ccp_unstarted_with_a_reason() {
    let mut softphone = Softphone::new();
    let mut host = Recorder::default();
    softphone.handle(&mut host, Event::SettingsLoaded(BTreeMap::new()));
    assert_eq!(softphone.view().ccp, CcpStatus::NotConfigured);
    assert!(
        matches!(&softphone.view().notices[0].kind, NoticeKind::Settings(p) if p.key == "/reqGeneralInfo/reqInternalName")
    );
    assert!(matches!(
        &softphone.view().config.status,
        ConfigStatus::Failing {
            failure: ConfigFailure::NoCallCenter,
            retry_in_ms: None,
            ..
        }
    ));
    assert!(matches!(
        softphone.view().notices[1].kind,
        NoticeKind::NoCcpAddress
    ));
    assert!(!host.calls.iter().any(|c| matches!(c, Call::LoadConfig(..))));
}

#[test]
fn missing_opencti_is_visible() {
    let mut softphone = Softphone::new();
    let mut host = Recorder::default();
    softphone.handle(&mut host, Event::OpenCtiUnavailable);
    assert!(!softphone.view().opencti_available);
    assert_eq!(softphone.view().ccp, CcpStatus::NotConfigured);
}

#[test]
fn unreachable_ccp_disables_click_to_dial() {
    let (mut softphone, mut host) = signed_in();
    softphone.handle(&mut host, Event::CcpUnreachable);
    assert_eq!(softphone.view().ccp, CcpStatus::Unreachable);
    assert_eq!(host.calls, vec![Call::ClickToDial(false)]);
}

#[test]
fn failed_settings_call_leaves_the_ccp_unstarted() {
    let mut softphone = Softphone::new();
    let mut host = Recorder::default();
    softphone.handle(
        &mut host,
        Event::SalesforceFailed {
            operation: SalesforceOp::GetCallCenterSettings,
            code: "TIMEOUT".into(),
            description: "x".into(),
        },
    );
    assert_eq!(softphone.view().ccp, CcpStatus::NotConfigured);
    let kinds: Vec<_> = softphone.view().notices.iter().map(|n| &n.kind).collect();
    assert!(matches!(
        kinds[..],
        [
            NoticeKind::SalesforceFailed { .. },
            NoticeKind::NoCcpAddress
        ]
    ));
}

#[test]
fn the_agent_can_choose_only_offered_states() {
    let (mut softphone, mut host) = signed_in();
    softphone.handle(&mut host, Event::ChooseAgentState("Lunch".into()));
    softphone.handle(&mut host, Event::ChooseAgentState("Nap".into()));
    assert_eq!(host.calls, vec![Call::SetState("Lunch".into())]);
    assert!(
        matches!(&softphone.view().notices[0].kind, NoticeKind::UnknownAgentState { name } if name == "Nap")
    );
}

#[test]
fn accept_needs_a_ringing_contact_and_clear_a_finished_one() {
    let (mut softphone, mut host) = signed_in();
    let mut call = voice("c10", "+14155550142");
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connecting, call.clone()),
    );
    host.calls.clear();
    softphone.handle(&mut host, Event::ClearContact("c10".into()));
    softphone.handle(&mut host, Event::AcceptContact("c10".into()));
    call.state = ContactState::Ended;
    softphone.handle(&mut host, Event::Contact(ContactEvent::AfterCallWork, call));
    softphone.handle(&mut host, Event::AcceptContact("c10".into()));
    softphone.handle(&mut host, Event::ClearContact("c10".into()));
    assert_eq!(
        host.calls,
        vec![Call::Accept("c10".into()), Call::Clear("c10".into())]
    );
}

#[test]
fn refused_connect_actions_are_shown() {
    let (mut softphone, mut host) = signed_in();
    softphone.handle(
        &mut host,
        Event::ConnectActionFailed {
            action: ConnectAction::Accept,
            reason: "InvalidStateException: gone".into(),
        },
    );
    assert!(matches!(
        &softphone.view().notices[0].kind,
        NoticeKind::ConnectActionFailed {
            action: ConnectAction::Accept,
            ..
        }
    ));
}

#[test]
fn a_ccp_started_from_boot_metadata_runs_without_open_cti_and_says_so_once() {
    let mut softphone = Softphone::new();
    let mut host = Recorder::default();
    softphone.handle(
        &mut host,
        Event::BootAddress {
            ccp_url: "https://x.my.connect.aws/ccp-v2/".into(),
            region: None,
        },
    );
    softphone.handle(&mut host, Event::OpenCtiUnavailable);
    assert_eq!(softphone.view().ccp, CcpStatus::Connecting);
    softphone.handle(
        &mut host,
        Event::AgentRefreshed(agent("Available", AgentStateKind::Routable)),
    );
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connecting, voice("c11", "+14155550142")),
    );
    assert_eq!(softphone.view().ccp, CcpStatus::SignedIn);
    assert_eq!(
        softphone.view().contacts.len(),
        1,
        "the contact is shown, not queued forever"
    );
    assert!(!softphone.view().opencti_available);
    // No Salesforce calls that can only fail; the banner is the one message.
    assert_eq!(
        host.calls,
        vec![Call::StartCcp("https://x.my.connect.aws/ccp-v2/".into())]
    );
    assert!(softphone.view().notices.is_empty());
}

#[test]
fn contacts_queued_for_settings_are_shown_when_the_settings_call_fails() {
    let mut softphone = Softphone::new();
    let mut host = Recorder::default();
    softphone.handle(
        &mut host,
        Event::BootAddress {
            ccp_url: "https://x.my.connect.aws/ccp-v2/".into(),
            region: None,
        },
    );
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connecting, voice("c12", "+14155550142")),
    );
    assert!(softphone.view().contacts.is_empty());
    softphone.handle(
        &mut host,
        Event::SalesforceFailed {
            operation: SalesforceOp::GetCallCenterSettings,
            code: "TIMEOUT".into(),
            description: "x".into(),
        },
    );
    assert_eq!(softphone.view().contacts.len(), 1);
    assert!(!host.calls.iter().any(|c| matches!(c, Call::Search(..))));
}

// ---------------------------------------------------------------- adapter configuration

#[test]
fn the_configuration_loads_after_the_settings_and_starts_the_ccp() {
    let mut softphone = Softphone::new();
    let mut host = Recorder::default();
    softphone.handle(&mut host, settings_event());
    assert_eq!(
        host.calls,
        vec![Call::LoadConfig("ConnectSoftphone".into(), 0)]
    );
    softphone.handle(&mut host, fixture_loaded());
    assert_eq!(
        host.calls[1..],
        [
            Call::SaveConfig("ConnectSoftphone".into()),
            Call::PanelSize(Some(330), Some(570)),
            Call::StartCcp(FIXTURE_CCP.into()),
        ]
    );
    let view = softphone.view();
    assert!(matches!(
        view.config.status,
        ConfigStatus::Loaded {
            origin: ConfigOrigin::Salesforce,
            ..
        }
    ));
    let summary = view.config.summary.as_ref().unwrap();
    assert_eq!(
        (summary.attributes, summary.presence_rules, summary.flows),
        (3, 2, 2)
    );
    assert!(view.config.problems.is_empty());
    assert_eq!(
        view.ccp_config.as_ref().unwrap().region.as_deref(),
        Some("us-east-1")
    );
}

#[test]
fn a_configuration_with_errors_runs_with_what_is_valid() {
    let mut softphone = Softphone::new();
    let mut host = Recorder::default();
    softphone.handle(&mut host, settings_event());
    let text = fixture_with("/attributes/0/style", serde_json::json!("position: fixed"));
    softphone.handle(&mut host, config_loaded(text));
    let view = softphone.view();
    assert!(matches!(view.config.status, ConfigStatus::Loaded { .. }));
    assert_eq!(view.config.problems.len(), 1);
    assert_eq!(view.config.problems[0].at.path(), "attributes[0].style");
    assert!(host.calls.contains(&Call::StartCcp(FIXTURE_CCP.into())));
    assert!(
        host.logs
            .iter()
            .any(|(l, m)| *l == Level::Error && m.contains("attributes[0].style"))
    );
}

#[test]
fn without_a_usable_instance_the_call_center_address_is_the_fallback() {
    let mut softphone = Softphone::new();
    let mut host = Recorder::default();
    softphone.handle(&mut host, settings_event());
    softphone.handle(
        &mut host,
        config_loaded(fixture_with(
            "/adapter/connectInstance",
            serde_json::json!("http://evil.example"),
        )),
    );
    assert!(
        host.calls
            .contains(&Call::StartCcp("http://127.0.0.1:8711/ccp-v2/".into()))
    );
    assert_eq!(
        softphone.view().config.problems[0].kind.as_str(),
        "insecure_url"
    );
}

#[test]
fn a_failing_apex_call_retries_with_backoff_and_says_so() {
    let mut softphone = Softphone::new();
    let mut host = Recorder::default();
    softphone.handle(&mut host, settings_event());
    for _ in 0..9 {
        softphone.handle(&mut host, apex_failed());
    }
    let delays: Vec<_> = calls_of(&host, |c| matches!(c, Call::LoadConfig(..)))
        .into_iter()
        .map(|c| match c {
            Call::LoadConfig(_, delay) => *delay,
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(
        delays,
        [
            0, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000
        ]
    );
    assert!(matches!(
        &softphone.view().config.status,
        ConfigStatus::Failing { failure: ConfigFailure::Salesforce { code, .. }, using: None, attempts: 9, retry_in_ms: Some(300_000) } if code == "SERVER_ERROR"
    ));
    // Nothing better known: the call center's own CCP address keeps the agent working.
    assert!(
        host.calls
            .contains(&Call::StartCcp("http://127.0.0.1:8711/ccp-v2/".into()))
    );
    // A later success puts the configuration in use and resets the backoff.
    softphone.handle(&mut host, fixture_loaded());
    assert!(matches!(
        softphone.view().config.status,
        ConfigStatus::Loaded {
            origin: ConfigOrigin::Salesforce,
            ..
        }
    ));
    softphone.handle(&mut host, apex_failed());
    assert_eq!(
        host.calls.last(),
        Some(&Call::LoadConfig("ConnectSoftphone".into(), 2_000))
    );
}

#[test]
fn the_session_copy_keeps_the_agent_working_when_apex_fails() {
    let mut softphone = Softphone::new();
    let mut host = Recorder::default();
    let other_ccp = fixture_with(
        "/adapter/connectInstance",
        serde_json::json!("cached-instance"),
    );
    softphone.handle(
        &mut host,
        Event::CachedConfig {
            call_center: "ConnectSoftphone".into(),
            text: other_ccp,
            saved_at_ms: 42.0,
        },
    );
    // At boot the session copy starts the CCP at once.
    assert_eq!(
        host.calls,
        vec![
            Call::PanelSize(Some(330), Some(570)),
            Call::StartCcp("https://cached-instance.my.connect.aws/ccp-v2/".into())
        ]
    );
    softphone.handle(&mut host, settings_event());
    softphone.handle(&mut host, apex_failed());
    assert!(matches!(
        softphone.view().config.status,
        ConfigStatus::Failing { using: Some((ConfigOrigin::Session, at)), retry_in_ms: Some(2_000), .. } if at == 42.0
    ));
    // Contacts pop with the kept configuration.
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connecting, voice("s1", "4155550142")),
    );
    assert!(
        host.calls
            .contains(&Call::Search("+14155550142".into(), "inbound".into()))
    );
}

#[test]
fn a_malformed_answer_is_a_failure_that_names_the_position() {
    let mut softphone = Softphone::new();
    let mut host = Recorder::default();
    softphone.handle(&mut host, settings_event());
    softphone.handle(&mut host, config_loaded("{\"schemaVersion\": 1,".into()));
    let view = softphone.view();
    assert!(matches!(
        view.config.status,
        ConfigStatus::Failing {
            failure: ConfigFailure::Document,
            retry_in_ms: Some(2_000),
            ..
        }
    ));
    assert_eq!(view.config.problems[0].kind.as_str(), "syntax");
    assert!(
        host.calls
            .contains(&Call::LoadConfig("ConnectSoftphone".into(), 2_000))
    );
    // An Apex error document is a failure too, with its own message.
    softphone.handle(
        &mut host,
        config_loaded(
            r#"{"schemaVersion":1,"error":{"code":"ADAPTER_NOT_FOUND","message":"none"}}"#.into(),
        ),
    );
    assert_eq!(
        softphone.view().config.problems[0].kind.as_str(),
        "apex_error"
    );
}

#[test]
fn contacts_wait_for_the_configuration_and_use_its_country() {
    let mut softphone = Softphone::new();
    let mut host = Recorder::default();
    softphone.handle(&mut host, settings_event());
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Connecting, voice("gb1", "020 7946 0018")),
    );
    assert!(calls_of(&host, |c| matches!(c, Call::Search(..))).is_empty());
    softphone.handle(
        &mut host,
        config_loaded(fixture_with(
            "/adapter/defaultCountry",
            serde_json::json!("GB"),
        )),
    );
    assert!(
        host.calls
            .contains(&Call::Search("+442079460018".into(), "inbound".into()))
    );
}

#[test]
fn a_configuration_unlike_the_running_ccp_asks_for_a_reload_once() {
    let mut softphone = Softphone::new();
    let mut host = Recorder::default();
    softphone.handle(
        &mut host,
        Event::BootAddress {
            ccp_url: FIXTURE_CCP.into(),
            region: Some("us-east-1".into()),
        },
    );
    softphone.handle(&mut host, settings_event());
    softphone.handle(&mut host, fixture_loaded());
    assert!(
        softphone.view().notices.is_empty(),
        "same options: nothing to say"
    );
    let medialess = fixture_with("/adapter/medialess", serde_json::json!(true));
    softphone.handle(&mut host, config_loaded(medialess.clone()));
    softphone.handle(&mut host, config_loaded(medialess));
    let reloads = softphone
        .view()
        .notices
        .iter()
        .filter(|n| matches!(n.kind, NoticeKind::ConfigNeedsReload))
        .count();
    assert_eq!(reloads, 1);
    assert_eq!(
        calls_of(&host, |c| matches!(c, Call::StartCcp(..))).len(),
        1
    );
}

#[test]
fn without_open_cti_a_kept_configuration_starts_the_ccp_and_asks_salesforce_nothing() {
    let mut softphone = Softphone::new();
    let mut host = Recorder::default();
    softphone.handle(&mut host, Event::OpenCtiUnavailable);
    softphone.handle(
        &mut host,
        Event::CachedConfig {
            call_center: "ConnectSoftphone".into(),
            text: FIXTURE.into(),
            saved_at_ms: 1.0,
        },
    );
    assert_eq!(host.calls, vec![Call::StartCcp(FIXTURE_CCP.into())]);
    assert_eq!(softphone.view().ccp, CcpStatus::Connecting);
    assert!(softphone.view().notices.is_empty());
}

#[test]
fn unreadable_attributes_are_logged_and_shown_once_per_contact() {
    let (mut softphone, mut host) = signed_in();
    let mut chat = contact("c-9", Channel::Chat, ContactState::Incoming, None, &[]);
    chat.customer_name = Some("Ada".into());
    chat.attributes_error = Some("TypeError: contact is gone".into());
    softphone.handle(
        &mut host,
        Event::Contact(ContactEvent::Incoming, chat.clone()),
    );
    softphone.handle(&mut host, Event::Contact(ContactEvent::Connected, chat));
    let notices: Vec<_> = softphone
        .view()
        .notices
        .iter()
        .filter(|n| matches!(&n.kind, NoticeKind::AttributesUnreadable { contact_id } if contact_id == "c-9"))
        .collect();
    assert_eq!(notices.len(), 1);
    let warnings: Vec<_> = host
        .logs
        .iter()
        .filter(|(level, line)| {
            *level == Level::Warn && line.contains("could not read its attributes")
        })
        .collect();
    assert_eq!(warnings.len(), 1, "{:?}", host.logs);
}

#[test]
fn an_undocumented_agent_state_type_is_logged_not_guessed() {
    let (mut softphone, mut host) = signed_in();
    let mut odd = agent("Quiet hours", AgentStateKind::from_streams("quiet"));
    odd.state_type = "quiet".into();
    assert_eq!(odd.state_kind, AgentStateKind::Unknown);
    softphone.handle(&mut host, Event::AgentRefreshed(odd.clone()));
    softphone.handle(&mut host, Event::AgentRefreshed(odd));
    let warnings: Vec<_> = host
        .logs
        .iter()
        .filter(|(level, line)| *level == Level::Warn && line.contains("“quiet”"))
        .collect();
    assert_eq!(warnings.len(), 1, "{:?}", host.logs);
    assert_eq!(
        AgentStateKind::from_streams("system"),
        AgentStateKind::System
    );
}

#[test]
fn the_region_comes_from_the_address_or_not_at_all() {
    use engine::settings::region_from_url;
    for (url, region) in [
        (
            "https://connect.eu-west-2.amazonaws.com/ccp-v2/",
            Some("eu-west-2"),
        ),
        (
            "https://x.awsapps.com.us-gov-west-1.example/ccp-v2",
            Some("us-gov-west-1"),
        ),
        ("https://example.my.connect.aws/ccp-v2/", None),
        ("http://127.0.0.2:8711/ccp-v2/", None),
        ("https://eu-west-2x.example/", None),
    ] {
        assert_eq!(region_from_url(url).as_deref(), region, "{url}");
    }
}
