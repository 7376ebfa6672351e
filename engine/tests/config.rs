//! The adapter configuration decoder: the contract fixture, then one line per problem kind, each
//! a small change to the fixture and the problems it must produce (`severity path kind`).

use engine::config::{self, Comparator, Destination, Display, FlowSource, Operand, PresenceEvent};
use serde_json::{Value, json};

mod config_common;

use config_common::*;

/// A flow body of `n` blocks in a chain: a start, `n - 2` steps, an end.
fn chain(n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| {
            let kind = match i {
                0 => "SE_Start",
                _ if i + 1 == n => "SE_End",
                _ => "SE_Log",
            };
            let mut action = json!({"id": format!("b{i}"), "type": kind});
            if i + 1 < n {
                action["ports"] = json!({"done": format!("b{}", i + 1)});
            }
            action
        })
        .collect()
}

fn body(actions: Vec<Value>) -> Value {
    json!(json!({ "actions": actions }).to_string())
}

#[test]
fn the_contract_fixture_is_valid_and_complete() {
    let parsed = config::parse(FIXTURE, Some("ConnectSoftphone"));
    assert_eq!(parsed.problems, vec![]);
    let config = parsed.config.unwrap();
    let adapter = &config.adapter;
    assert_eq!(adapter.id, "a005g00000ADAPT1AA");
    assert_eq!(adapter.call_center_name, "ConnectSoftphone");
    let ccp = adapter.ccp.as_ref().unwrap();
    assert_eq!(
        ccp.ccp_url,
        "https://example-contact-center.my.connect.aws/ccp-v2/"
    );
    assert_eq!(ccp.region.as_deref(), Some("us-east-1"));
    assert!(!ccp.login_popup && !ccp.medialess);
    assert_eq!(
        (adapter.softphone_height, adapter.softphone_width),
        (Some(570), Some(330))
    );
    assert!(adapter.popout_enabled && adapter.presence_sync_enabled);
    assert_eq!(adapter.default_country.as_deref(), Some("US"));
    let attributes: Vec<_> = config
        .attributes
        .iter()
        .map(|a| (a.label.as_str(), a.display))
        .collect();
    assert_eq!(
        attributes,
        [
            ("Callback Phone", Display::KeyValue),
            ("Address", Display::Key),
            ("MapIt", Display::KeyValue)
        ]
    );
    assert_eq!(config.attributes[0].style[0].property, "color");
    assert_eq!(
        config.attributes[2].format.keys().collect::<Vec<_>>(),
        ["postal_code"]
    );
    let rule = &config.presence_rules[0];
    assert_eq!(
        (
            rule.event,
            &rule.operand_a,
            rule.comparator,
            &rule.operand_b,
            &rule.destination
        ),
        (
            PresenceEvent::ConnectAgentStateChange,
            &Operand::ConnectNewState,
            Comparator::Equal,
            &Operand::Static("Lunch".into()),
            &Destination::SalesforceAgentState("On_Break".into())
        )
    );
    assert_eq!(
        config.presence_rules[1].destination,
        Destination::ConnectAgentState("Available".into())
    );
    let flows: Vec<_> = config
        .flows
        .iter()
        .map(|f| (f.source, f.event.as_str()))
        .collect();
    assert_eq!(
        flows,
        [
            (FlowSource::SalesforceUi, "onClickToDial"),
            (FlowSource::ConnectVoiceContact, "onConnecting")
        ]
    );
    assert!(
        config.features.cti_attributes.show_if_empty && !config.features.cti_attributes.show_all
    );
    let session_end = config.features.session_end.as_ref().unwrap();
    assert_eq!(session_end.timer_seconds, 20);
    assert_eq!(session_end.if_current_agent_state, ["Available", "Lunch"]);
    assert!(config.features.logout_sync.connect_logout_sets_omni_offline);
}

#[test]
fn the_reference_flows_load_unchanged() {
    let files: Vec<_> = std::fs::read_dir("tests/data/flows")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    assert_eq!(files.len(), 7);
    for path in files {
        let body = std::fs::read_to_string(&path).unwrap();
        let mut doc = fixture();
        doc["flows"][0]["body"] = json!(body);
        assert_eq!(problems(&doc.to_string()), Vec::<String>::new(), "{path:?}");
    }
}

#[test]
fn malformed_documents() {
    assert_eq!(problems(""), ["error $ syntax"]);
    assert_eq!(problems("{\"adapter\": {"), ["error $ syntax"]);
    assert_eq!(problems("[]"), ["error $ wrong_type"]);
    let parsed = config::parse("{\n  \"a\": [1,,2]\n}", None);
    assert_eq!(
        parsed.problems[0].kind,
        config::ProblemKind::Syntax {
            line: 2,
            column: 11,
            what: engine::json::SyntaxErrorKind::UnexpectedCharacter(',')
        }
    );
    assert!(parsed.config.is_none());
    assert_eq!(
        problems(
            r#"{"schemaVersion":1,"error":{"code":"ADAPTER_NOT_FOUND","message":"no adapter"}}"#
        ),
        ["error $ apex_error"]
    );
    assert_eq!(
        problems("{}"),
        ["warning schemaVersion missing", "error adapter missing"]
    );
    // Only an object with a code and a message is an Apex error; anything else is ignored.
    for error in [
        json!(null),
        json!("oops"),
        json!({"code": 1, "message": "x"}),
        json!({"message": "x"}),
    ] {
        let mut doc = fixture();
        doc["error"] = error.clone();
        let parsed = config::parse(&doc.to_string(), Some("ConnectSoftphone"));
        assert!(
            parsed.config.is_some(),
            "error {error} discarded the document"
        );
    }
}

#[test]
fn document_level() {
    check(
        "/schemaVersion",
        json!(2),
        &["warning schemaVersion newer_schema"],
    );
    check(
        "/schemaVersion",
        json!(0),
        &["error schemaVersion out_of_range"],
    );
    for version in [
        json!(-1),
        json!(-3),
        json!(0.5),
        json!(1.5),
        json!(2.5),
        json!(-2.5),
    ] {
        check(
            "/schemaVersion",
            version,
            &["error schemaVersion out_of_range"],
        );
    }
    check("/schemaVersion", json!(1.0), &[]);
    check("/error", Value::Null, &[]);
    check(
        "/error",
        json!("oops"),
        &["warning error not_an_apex_error"],
    );
    check(
        "/error",
        json!({"code": "E1", "message": 2}),
        &["warning error not_an_apex_error"],
    );
    check(
        "/error",
        json!({"code": "E1"}),
        &["warning error not_an_apex_error"],
    );
    check(
        "/schemaVersion",
        json!("1"),
        &[
            "error schemaVersion wrong_type",
            "warning schemaVersion missing",
        ],
    );
    check(
        "/generatedBy",
        json!("v9"),
        &["warning generatedBy unknown_field"],
    );
    check("/attributes", json!({}), &["error attributes wrong_type"]);
    check("/flows/2", json!("x"), &["error flows[2] wrong_type"]);
    check(
        "/adapter",
        json!([]),
        &["error adapter wrong_type", "error adapter missing"],
    );
}

#[test]
fn adapter_fields() {
    check(
        "/adapter/callCenterName",
        json!(""),
        &["error adapter.callCenterName missing"],
    );
    check(
        "/adapter/callCenterName",
        json!("Other"),
        &["warning adapter.callCenterName call_center_mismatch"],
    );
    check(
        "/adapter/connectInstance",
        Value::Null,
        &["error adapter.connectInstance missing"],
    );
    check(
        "/adapter/connectInstance",
        json!("http://x.my.connect.aws"),
        &["error adapter.connectInstance insecure_url"],
    );
    check(
        "/adapter/connectInstance",
        json!("not an instance"),
        &["error adapter.connectInstance invalid_instance"],
    );
    check(
        "/adapter/connectInstance",
        json!("default"),
        &["warning adapter.connectInstance default_alias"],
    );
    for instance in [
        "https://mycompany.my.connect.aws?x=1",
        "https://mycompany.my.connect.aws/?x=1",
        "https://mycompany.my.connect.aws/ccp-v2/?x=1",
        "https://mycompany.my.connect.aws#top",
        "https://mycompany.my.connect.aws/ccp-v2#x",
        "https://admin@mycompany.my.connect.aws/",
        "https://admin:secret@mycompany.my.connect.aws",
        "mycompany.my.connect.aws?x=1",
    ] {
        check(
            "/adapter/connectInstance",
            json!(instance),
            &["error adapter.connectInstance invalid_instance"],
        );
    }
    check(
        "/adapter/region",
        json!("Mars-1"),
        &["error adapter.region invalid_region"],
    );
    check(
        "/adapter/ssoUrl",
        json!("javascript:alert(1)"),
        &["error adapter.ssoUrl not_a_url"],
    );
    check(
        "/adapter/ssoRelayState",
        json!("&RelayState=x"),
        &["warning adapter.ssoRelayState ignored"],
    );
    check(
        "/adapter/loginPopup",
        json!("yes"),
        &["error adapter.loginPopup wrong_type"],
    );
    check(
        "/adapter/softphoneHeight",
        json!(100),
        &["error adapter.softphoneHeight out_of_range"],
    );
    check(
        "/adapter/softphoneWidth",
        json!(330.5),
        &["error adapter.softphoneWidth wrong_type"],
    );
    check(
        "/adapter/ringtoneUrl",
        json!("http://cdn.example.com/ring.mp3"),
        &["error adapter.ringtoneUrl insecure_url"],
    );
    check(
        "/adapter/defaultCountry",
        json!("XX"),
        &["error adapter.defaultCountry unknown_country"],
    );
    check(
        "/adapter/presenceSyncEnabled",
        json!(false),
        &["warning adapter.presenceSyncEnabled presence_sync_disabled"],
    );
    for (value, problems) in [
        (
            json!(-1),
            &["error adapter.presenceSyncWaitMs out_of_range"][..],
        ),
        (
            json!(60_001),
            &["error adapter.presenceSyncWaitMs out_of_range"],
        ),
        (json!(2.5), &["error adapter.presenceSyncWaitMs wrong_type"]),
        (
            json!("100"),
            &["error adapter.presenceSyncWaitMs wrong_type"],
        ),
        (json!(0), &[]),
        (json!(60_000), &[]),
    ] {
        check("/adapter/presenceSyncWaitMs", value, problems);
    }
    check(
        "/adapter/instanceArn",
        json!("arn:x"),
        &["warning adapter.instanceArn unknown_field"],
    );
}

#[test]
fn ccp_addresses_from_what_admins_type() {
    let url = |instance: &str| {
        let mut doc = fixture();
        doc["adapter"]["connectInstance"] = json!(instance);
        let parsed = config::parse(&doc.to_string(), None);
        parsed.config.unwrap().adapter.ccp.map(|c| c.ccp_url)
    };
    assert_eq!(
        url("mycompany").as_deref(),
        Some("https://mycompany.my.connect.aws/ccp-v2/")
    );
    assert_eq!(
        url("mycompany.awsapps.com").as_deref(),
        Some("https://mycompany.awsapps.com/connect/ccp-v2/")
    );
    assert_eq!(
        url("https://mycompany.awsapps.com/connect").as_deref(),
        Some("https://mycompany.awsapps.com/connect/ccp-v2/")
    );
    assert_eq!(
        url("https://mycompany.my.connect.aws/").as_deref(),
        Some("https://mycompany.my.connect.aws/ccp-v2/")
    );
    assert_eq!(
        url("https://mycompany.my.connect.aws/ccp-v2").as_deref(),
        Some("https://mycompany.my.connect.aws/ccp-v2")
    );
    assert_eq!(url("https://mycompany.my.connect.aws?x=1"), None);
    assert_eq!(
        url("http://127.0.0.2:8711/ccp-v2/").as_deref(),
        Some("http://127.0.0.2:8711/ccp-v2/")
    );
    assert_eq!(url("-bad-"), None);
}

#[test]
fn sso_login_address() {
    let mut doc = fixture();
    doc["adapter"]["ssoUrl"] = json!("https://idp.example.com/idp/login?app=0sp0N");
    doc["adapter"]["ssoRelayState"] =
        json!("&RelayState=https://console.aws.amazon.com/connect/federate/1");
    let ccp = config::parse(&doc.to_string(), None)
        .config
        .unwrap()
        .adapter
        .ccp
        .unwrap();
    assert_eq!(
        ccp.login_url.as_deref(),
        Some(
            "https://idp.example.com/idp/login?app=0sp0N&RelayState=https://console.aws.amazon.com/connect/federate/1"
        )
    );
    doc["adapter"]["ssoUrl"] = json!("https://sts.example.com/adfs/ls/idpinitiatedsignon.aspx");
    let ccp = config::parse(&doc.to_string(), None)
        .config
        .unwrap()
        .adapter
        .ccp
        .unwrap();
    assert_eq!(
        ccp.login_url.as_deref(),
        Some(
            "https://sts.example.com/adfs/ls/idpinitiatedsignon.aspx?RelayState=https://console.aws.amazon.com/connect/federate/1"
        )
    );
}

#[test]
fn attributes() {
    check(
        "/attributes/0/display",
        json!("Key-Value"),
        &["error attributes[0].display unknown_value"],
    );
    check(
        "/attributes/0/type",
        Value::Null,
        &["error attributes[0].type missing"],
    );
    check(
        "/attributes/0/name",
        json!(""),
        &["error attributes[0].name missing"],
    );
    check(
        "/attributes/0/style",
        json!("position: fixed; color: red"),
        &["error attributes[0].style style_property_not_allowed"],
    );
    check(
        "/attributes/0/style",
        json!("color: url(https://x)"),
        &["error attributes[0].style style_value_not_allowed"],
    );
    check(
        "/attributes/0/style",
        json!("color red"),
        &["error attributes[0].style style_syntax"],
    );
    // A `{{` that starts no placeholder is shown as written: a warning, the record stays.
    check(
        "/attributes/0/format",
        json!("{{phone"),
        &["warning attributes[0].format template_unclosed"],
    );
    check(
        "/attributes/0/format",
        json!("{{}}"),
        &["warning attributes[0].format template_empty_key"],
    );
    check("/attributes/0/format", json!("{{{phone_number}}}"), &[]);
    check(
        "/attributes/2/format",
        json!("javascript:alert({{x}})"),
        &["error attributes[2].format link_scheme_not_allowed"],
    );
    check(
        "/attributes/2/format",
        json!("JaVa\tScript:alert({{x}})"),
        &["error attributes[2].format link_scheme_not_allowed"],
    );
    check(
        "/attributes/2/format",
        json!("crm.example/case"),
        &["error attributes[2].format link_scheme_not_allowed"],
    );
    // Formats from the adapter we replace: the scheme comes from the contact, checked when shown.
    check(
        "/attributes/2/format",
        json!("{{url}}"),
        &["warning attributes[2].format link_from_data"],
    );
    check(
        "/attributes/2/format",
        json!("{{base}}/case/{{id}}"),
        &["warning attributes[2].format link_from_data"],
    );
    check(
        "/attributes/2/format",
        json!("http://maps.example.com/{{x}}"),
        &["error attributes[2].format insecure_url"],
    );
    check(
        "/attributes/2/format",
        json!("http:maps.example.com/{{x}}"),
        &["error attributes[2].format insecure_url"],
    );
    check(
        "/attributes/2/format",
        json!("http://localhost:8080/{{x}}"),
        &[],
    );
    check("/attributes/2/format", json!("MAILTO:{{email}}"), &[]);
    check(
        "/attributes/0/style",
        json!("color: red; font-size: 40px; padding: 2px"),
        &["error attributes[0].style style_value_out_of_range"],
    );
    check(
        "/attributes/0/style",
        json!("color: red; background-color: blue /* x */"),
        &["error attributes[0].style style_forbidden"],
    );
    check(
        "/attributes/0/style",
        json!(format!("color: {}", "r".repeat(1000))),
        &["error attributes[0].style style_too_long"],
    );
    check(
        "/attributes/0/label",
        json!("L".repeat(300)),
        &["warning attributes[0].label too_long"],
    );
    check(
        "/attributes/0/defaultValue",
        json!("d".repeat(1001)),
        &["warning attributes[0].defaultValue too_long"],
    );
    check("/attributes/2/format", json!("tel:{{phone}}"), &[]);
    check(
        "/attributes/1/label",
        json!(""),
        &["error attributes[1].label missing"],
    );
    check(
        "/attributes/0/sortOrder",
        json!("first"),
        &["error attributes[0].sortOrder wrong_type"],
    );
}

#[test]
fn a_broken_record_is_dropped_and_the_rest_kept() {
    let mut doc = fixture();
    doc["attributes"][1]["display"] = json!("Sideways");
    doc["presenceRules"][0]["comparator"] = json!("Like");
    let config = config::parse(&doc.to_string(), None).config.unwrap();
    let names: Vec<_> = config.attributes.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["customer_phone", "postal_code"]);
    assert_eq!(config.presence_rules.len(), 1);
    // A refused style declaration drops only itself.
    doc["attributes"][0]["style"] = json!("position: fixed; color: red");
    let config = config::parse(&doc.to_string(), None).config.unwrap();
    assert_eq!(config.attributes[0].style.len(), 1);
}

#[test]
fn flows() {
    check(
        "/flows/0/source",
        json!("Browser"),
        &["error flows[0].source unknown_value"],
    );
    check(
        "/flows/0/event",
        json!("onClick"),
        &["error flows[0].event unknown_flow_event"],
    );
    check(
        "/flows/1/event",
        json!("onClickToDial"),
        &["error flows[1].event unknown_flow_event"],
    );
    check(
        "/flows/1/source",
        json!("SalesforceUi"),
        &["error flows[1].event unknown_flow_event"],
    );
    // Chat messages and task events (the agent's websocket) bind like any other event.
    for (source, event) in [
        ("ConnectChatContact", "onMessageReceived"),
        ("ConnectChatContact", "onMessageSent"),
        ("ConnectTaskContact", "onTransferInitiated"),
        ("ConnectTaskContact", "onTaskExpired"),
    ] {
        let mut doc = fixture();
        doc["flows"][1]["source"] = json!(source);
        doc["flows"][1]["event"] = json!(event);
        let parsed = config::parse(&doc.to_string(), None);
        assert_eq!(problems(&doc.to_string()), [] as [&str; 0], "{event}");
        assert_eq!(parsed.config.unwrap().flows.len(), 2);
    }
    check(
        "/flows/0/body",
        json!("{\"actions\": ["),
        &["error flows[0].body syntax"],
    );
    check(
        "/flows/0/body",
        json!({"actions": []}),
        &["error flows[0].body wrong_type"],
    );
    check(
        "/flows/0/body",
        json!("{}"),
        &["error flows[0].body not_a_flow"],
    );
    check(
        "/flows/0/body",
        json!(r#"{"actions":[{"id":"1","type":"SE_End"}]}"#),
        &["error flows[0].body#/actions flow_start"],
    );
    check(
        "/flows/0/body",
        json!(
            r#"{"actions":[{"id":"0","type":"SE_Start","ports":{"done":"1"}},{"id":"0","type":"SE_End"}]}"#
        ),
        &[
            "warning flows[0].body#/actions/1/id flow_renumbered",
            "error flows[0].body#/actions/0/ports/done flow_dangling_port",
        ],
    );
    check(
        "/flows/0/body",
        json!(r#"{"actions":[{"id":0,"type":"SE_Start"}]}"#),
        &[
            "error flows[0].body#/actions/0 flow_action_shape",
            "error flows[0].body#/actions flow_start",
        ],
    );
    for ports in [json!(["1"]), json!("1"), json!(true)] {
        check(
            "/flows/0/body",
            body(vec![
                json!({"id": "0", "type": "SE_Start", "ports": ports}),
                json!({"id": "1", "type": "SE_End"}),
            ]),
            &["error flows[0].body#/actions/0/ports flow_ports_not_object"],
        );
    }
    for target in [json!(1), json!(["1"]), json!({"id": "1"}), json!(true)] {
        check(
            "/flows/0/body",
            body(vec![
                json!({"id": "0", "type": "SE_Start", "ports": {"done": target}}),
                json!({"id": "1", "type": "SE_End"}),
            ]),
            &["error flows[0].body#/actions/0/ports/done flow_port_target_not_string"],
        );
    }
    // Unconnected ports, as editors write them.
    for target in [json!(""), Value::Null] {
        check(
            "/flows/0/body",
            body(vec![
                json!({"id": "0", "type": "SE_Start", "ports": {"done": target}}),
                json!({"id": "1", "type": "SE_End", "ports": null}),
            ]),
            &[],
        );
    }
    check(
        "/flows/2",
        json!({"name": "again", "source": "SalesforceUi", "event": "onClickToDial", "body": FIXTURE_FLOW}),
        &["error flows[2].event duplicate_flow"],
    );
    check(
        "/flows/2",
        json!({"name": "action", "source": "CtiAction", "event": "Log a call", "body": FIXTURE_FLOW}),
        &[],
    );
}

const FIXTURE_FLOW: &str =
    r#"{"actions":[{"id":"0","type":"SE_Start","ports":{"done":"1"}},{"id":"1","type":"SE_End"}]}"#;

#[test]
fn features() {
    check(
        "/features/0/value",
        json!("ShowAllAttributes:maybe"),
        &["error features[0].value feature_not_boolean"],
    );
    check(
        "/features/0/value",
        json!("no colon here"),
        &["error features[0].value feature_line"],
    );
    check(
        "/features/0/value",
        json!("Colour:blue"),
        &["warning features[0].value feature_unknown_key"],
    );
    check(
        "/features/2/value",
        json!("SessionEndTimer:soon"),
        &["error features[2].value feature_not_seconds"],
    );
    check(
        "/features/2/name",
        json!("FEATURE_CTI_ATTRIBUTES"),
        &["error features[2].name duplicate_feature"],
    );
    check(
        "/features/3",
        json!({"name": "VDIPlatform", "value": "Name:CITRIX"}),
        &["warning features[3].name feature_not_supported"],
    );
    check(
        "/features/3",
        json!({"name": "Teleport"}),
        &["warning features[3].name feature_unknown"],
    );
    check(
        "/features/3",
        json!({"value": "x:y"}),
        &["error features[3].name missing"],
    );
}

#[test]
fn every_problem_names_its_record() {
    let mut doc = fixture();
    doc["attributes"][0]["style"] = json!("position: fixed");
    let parsed = config::parse(&doc.to_string(), None);
    let at = &parsed.problems[0].at;
    assert_eq!(at.path(), "attributes[0].style");
    assert_eq!(at.record_id.as_deref(), Some("a015g00000ATTR01AA"));
    assert_eq!(at.record_name.as_deref(), Some("customer_phone"));
}

/// Checks stay linear in the number of items: sets and maps, never a list searched per item
/// (16,000 blocks took 450 ms when each id was looked up in a list).
#[test]
fn large_flows_and_lists() {
    check("/flows/0/body", body(chain(16_000)), &[]);
    let mut broken = chain(16_000);
    broken[15_998]["ports"]["done"] = json!("nowhere");
    broken[15_999]["id"] = json!("b0");
    check(
        "/flows/0/body",
        body(broken),
        &[
            "warning flows[0].body#/actions/15999/id flow_renumbered",
            "error flows[0].body#/actions/15998/ports/done flow_dangling_port",
        ],
    );
    let mut doc = fixture();
    let flow = doc["flows"][0].clone();
    doc["flows"] = json!(vec![flow; 2_000]);
    let found = problems(&doc.to_string());
    assert_eq!(found.len(), 1_999);
    assert_eq!(found[1_998], "error flows[1999].event duplicate_flow");
    let mut doc = fixture();
    let feature = doc["features"][0].clone();
    doc["features"] = json!(vec![feature; 2_000]);
    let found = problems(&doc.to_string());
    assert_eq!(found.len(), 1_999);
    assert_eq!(found[0], "error features[1].name duplicate_feature");
}

#[test]
fn repeated_keys_are_named() {
    check_text(
        r#""schemaVersion":1"#,
        r#""schemaVersion":1,"schemaVersion":1"#,
        &["warning schemaVersion duplicate_key"],
    );
    // The last one counts, as in JSON.parse: no call center mismatch here.
    check_text(
        r#""callCenterName":"ConnectSoftphone""#,
        r#""callCenterName":"Other","callCenterName":"ConnectSoftphone""#,
        &["warning adapter.callCenterName duplicate_key"],
    );
    check_text(
        r#""callCenterName":"ConnectSoftphone""#,
        r#""callCenterName":"ConnectSoftphone","x":1,"x":2,"x":3"#,
        &[
            "warning adapter.x unknown_field",
            "warning adapter.x duplicate_key",
        ],
    );
    check(
        "/flows/0/body",
        json!(
            r#"{"actions":[{"id":"0","type":"SE_Start","ports":{"done":"9","done":"1"}},{"id":"1","type":"SE_End","id":"1"}]}"#
        ),
        &[
            "warning flows[0].body duplicate_key",
            "warning flows[0].body duplicate_key",
        ],
    );
    let mut doc = fixture();
    doc["flows"][0]["body"] = json!(
        r#"{"actions":[{"id":"0","type":"SE_Start","ports":{"done":"1","done":"1"}},{"id":"1","type":"SE_End"}],"actions":[]}"#
    );
    let kinds: Vec<_> = config::parse(&doc.to_string(), None)
        .problems
        .into_iter()
        .map(|p| p.kind)
        .collect();
    let repeated = |key: &str, within: &str| config::ProblemKind::DuplicateKey {
        key: key.into(),
        within: Some(within.into()),
    };
    assert_eq!(
        kinds,
        [
            repeated("actions", "$"),
            repeated("done", "$.actions[0].ports"),
            config::ProblemKind::FlowStart { count: 0 },
        ]
    );
}
