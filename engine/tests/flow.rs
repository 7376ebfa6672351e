//! The flow engine, stage by stage: `check_load` (problems of a body), `check_run` (host calls and end of a run), and the reference flows as golden files.

mod flow_common;

use flow_common::{Host, run_lines};
use serde_json::json;

/// Loads `body` and compares its problems, lint included, as `severity pointer kind` lines.
fn check_load(body: serde_json::Value, expected: &[&str]) {
    let (flow, mut problems) = engine::flow::load_text(&body.to_string());
    if let Some(flow) = &flow {
        problems.extend(engine::flow::lint(flow));
    }
    let lines: Vec<String> = problems
        .iter()
        .map(|p| {
            let severity = match p.severity {
                engine::config::Severity::Error => "error",
                engine::config::Severity::Warning => "warning",
            };
            let pointer = &p.at.flow.as_ref().unwrap().pointer;
            format!("{severity} {pointer} {}", p.kind.as_str())
        })
        .collect();
    assert_eq!(lines, expected, "problems of {body}");
}

/// Runs `actions` (the `actions` of a body) on `input` with canned `host` answers and compares
/// the host calls and the end, as `ctictl flow run` prints them.
fn check_run(
    actions: serde_json::Value,
    input: serde_json::Value,
    host: serde_json::Value,
    expected: &[&str],
) {
    let body = json!({ "name": "test", "actions": actions }).to_string();
    let lines = run_lines(&body, &input.to_string(), Host::new(&host.to_string()));
    assert_eq!(lines, expected, "run of {body}");
}

fn start(next: &str) -> serde_json::Value {
    json!({"id": "s", "type": "SE_Start", "ports": {"done": next}})
}

fn end(id: &str) -> serde_json::Value {
    json!({"id": id, "type": "SE_End"})
}

fn none() -> serde_json::Value {
    json!({})
}

#[test]
fn load_problems() {
    let ok = [start("e"), end("e")];
    check_load(json!({"actions": ok}), &[]);
    check_load(json!({"x": 1}), &["error  not_a_flow"]);
    // Without a start there is no flow to lint.
    check_load(
        json!({"actions": [end("e")]}),
        &["error /actions flow_start"],
    );
    let second = json!({"id": "s2", "type": "SE_Start", "ports": {"done": "e"}});
    check_load(
        json!({"actions": [start("e"), second, end("e")]}),
        &[
            "error /actions flow_start",
            "warning /actions/1 flow_unreachable",
        ],
    );
    check_load(
        json!({"actions": [start("e"), end("e"), {"id": "x", "type": "SE_Teleport"}]}),
        &[
            "error /actions/2/type flow_unknown_block",
            "warning /actions/2 flow_unreachable",
        ],
    );
    check_load(
        json!({"actions": [start("m"), {"id": "m", "type": "SE_AgentMute", "ports": {"done": "e"}}, end("e")]}),
        // Not built, the block can only fail: its `done` is never taken.
        &[
            "warning /actions/1/type flow_block_not_built",
            "warning /actions/2 flow_unreachable",
        ],
    );
    check_load(
        json!({"actions": [start("nowhere"), end("e")]}),
        &[
            "error /actions/0/ports/done flow_dangling_port",
            "warning /actions/1 flow_unreachable",
        ],
    );
    check_load(
        json!({"actions": [{"id": "s", "type": "SE_Start", "ports": ["e"]}, end("e")]}),
        &[
            "error /actions/0/ports flow_ports_not_object",
            "warning /actions/1 flow_unreachable",
        ],
    );
    check_load(
        json!({"actions": [{"id": "s", "type": "SE_Start", "ports": {"done": 7}}, end("e")]}),
        &[
            "error /actions/0/ports/done flow_port_target_not_string",
            "warning /actions/1 flow_unreachable",
        ],
    );
    check_load(
        json!({"actions": [{"id": 1, "type": "SE_Start"}, start("e"), end("e")]}),
        &["error /actions/0 flow_action_shape"],
    );
}

#[test]
fn controls_and_paths() {
    let with = |controls: serde_json::Value| {
        json!({"actions": [
            start("b"),
            {"id": "b", "type": "SE_SFScreenpopObject", "controls": controls, "ports": {"success": "e"}},
            end("e"),
        ]})
    };
    check_load(
        with(json!({"recordId": "$.payload.id", "noPopOnEmpty": true})),
        &[],
    );
    check_load(with(json!({"recordId": 12})), &[]);
    check_load(
        with(json!({"noPopOnEmpty": "yes"})),
        &["error /actions/1/controls/noPopOnEmpty flow_control_type"],
    );
    check_load(
        with(json!({"recordId": {"a": 1}})),
        &["error /actions/1/controls/recordId flow_control_type"],
    );
    check_load(
        with(json!("recordId")),
        &["error /actions/1/controls flow_control_type"],
    );
    for bad in [
        "$.foo",
        "$.actions",
        "$.payload..x",
        "$.payload.a[x]",
        "$.payload.a[1",
        "$.payload.",
    ] {
        check_load(
            with(json!({"recordId": bad})),
            &["error /actions/1/controls/recordId flow_bad_path"],
        );
    }
    for good in [
        "$.actions.b.results.value.[0].Id",
        "$.actions.b.results.value[0].Id",
        "$.contact.parsedNumber.phone",
        "$.payload.a[0][1]",
    ] {
        check_load(with(json!({"recordId": good})), &[]);
    }
    check_load(
        with(json!({"recordId": "$.actions.uid-9.results.id"})),
        &["warning /actions/1/controls/recordId flow_path_unknown_block"],
    );
    // Paths inside object controls are checked too, with their own pointer.
    check_load(
        json!({"actions": [
            start("b"),
            {"id": "b", "type": "SE_SFSaveLog", "controls": {"fieldValues": {"Name": "$.nope"}}, "ports": {"success": "e"}},
            end("e"),
        ]}),
        &["error /actions/1/controls/fieldValues/Name flow_bad_path"],
    );
}

/// The adapter's issue #95: blocks added after an upload all got `uid-NaN`.
#[test]
fn broken_ids_are_renumbered() {
    // One uid-NaN: renumbered, and the port and the path that named it follow it.
    let body = json!({"actions": [
        {"id": "uid-0", "type": "SE_Start", "ports": {"done": "uid-NaN"}},
        {"id": "uid-NaN", "type": "SE_GetProperty", "controls": {"key": "k", "defaultValue": "v"}, "ports": {"done": "uid-4"}},
        {"id": "uid-4", "type": "SE_SFScreenpopObject", "controls": {"recordId": "$.actions.uid-NaN.results.value"}, "ports": {"success": "uid-2"}},
        {"id": "uid-2", "type": "SE_End"},
    ]});
    check_load(body.clone(), &["warning /actions/1/id flow_renumbered"]);
    let lines = run_lines(&body.to_string(), "{}", Host::new("{}"));
    assert_eq!(
        lines,
        [
            r#"{"call":"opencti.screenPop","args":{"type":"sobject","params":{"recordId":"v"}}}"#,
            r#"{"end":"uid-2","steps":4}"#,
        ]
    );
    let (flow, _) = engine::flow::load_text(&body.to_string());
    assert_eq!(
        &*flow.unwrap().blocks()[1].id,
        "uid-5",
        "above every uid-<n> of the file"
    );
    // Ids beyond any counter are kept out of the numbering, never overflowing it.
    let huge = "uid-18446744073709551615";
    check_load(
        json!({"actions": [start("e"), end("e"), end(huge), end(huge)]}),
        &[
            "warning /actions/3/id flow_renumbered",
            "warning /actions/2 flow_unreachable",
            "warning /actions/3 flow_unreachable",
        ],
    );
    // Two blocks with one id: the second is renumbered; a port to that id is ambiguous, never
    // guessed.
    check_load(
        json!({"actions": [
            start("x"),
            {"id": "x", "type": "SE_Log", "ports": {"done": "e"}},
            {"id": "x", "type": "SE_Log", "ports": {"done": "e"}},
            end("e"),
        ]}),
        &[
            "warning /actions/2/id flow_renumbered",
            "error /actions/0/ports/done flow_duplicate_action_id",
            "warning /actions/1 flow_unreachable",
            "warning /actions/2 flow_unreachable",
            "warning /actions/3 flow_unreachable",
        ],
    );
}

#[test]
fn is_truthy_follows_javascript() {
    for (value, port) in [
        (json!(""), "false"),
        (json!("0"), "true"),
        (json!("false"), "true"),
        (json!(0), "false"),
        (json!(-0.0), "false"),
        (json!(0.5), "true"),
        (json!(false), "false"),
        (json!(true), "true"),
        (json!(null), "false"),
        (json!([]), "true"),
        (json!({}), "true"),
    ] {
        check_run(
            json!([
                start("t"),
                {"id": "t", "type": "SE_CoreTruthy", "controls": {"value": "$.payload.v"}, "ports": {"true": "true", "false": "false"}},
                end("true"),
                end("false"),
            ]),
            json!({"payload": {"v": value}}),
            none(),
            &[&format!(r#"{{"end":"{port}","steps":3}}"#)],
        );
    }
    // A missing path is null: false.
    check_run(
        json!([
            start("t"),
            {"id": "t", "type": "SE_CoreTruthy", "controls": {"value": "$.actions.t.results.nothing[3].x"}, "ports": {"true": "true", "false": "false"}},
            end("true"),
            end("false"),
        ]),
        json!({}),
        none(),
        &[r#"{"end":"false","steps":3}"#],
    );
}

#[test]
fn limits_and_failures() {
    // A loop ends at the step budget.
    check_run(
        json!([
            start("a"),
            {"id": "a", "type": "SE_Log", "ports": {"done": "b"}},
            {"id": "b", "type": "SE_Log", "ports": {"done": "a"}},
        ]),
        json!({}),
        none(),
        // 10,000 blocks ran; the run stops before the next one.
        &[r#"{"end":"b","steps":10000}"#],
    );
    let dial = |ports: serde_json::Value| {
        json!([
            start("d"),
            {"id": "d", "type": "SE_AgentDialNumber", "controls": {"phoneNumber": "$.payload.number"}, "ports": ports},
            end("ok"),
            end("failed"),
        ])
    };
    let input = json!({"payload": {"number": "+14155550142"}});
    let call = r#"{"call":"streams.agent.connect","args":{"endpoint":{"type":"phone_number","phoneNumber":"+14155550142"},"queueARN":null}}"#;
    let refused = json!({"streams.agent.connect": {"success": false, "errors": ["busy"]}});
    check_run(
        dial(json!({"success": "ok", "failure": "failed"})),
        input.clone(),
        refused.clone(),
        &[call, r#"{"end":"failed","steps":3}"#],
    );
    check_run(
        dial(json!({"success": "ok"})),
        input.clone(),
        refused,
        &[call, r#"{"end":"d","steps":2}"#],
    );
    check_run(
        dial(json!({"success": "ok"})),
        input,
        none(),
        &[call, r#"{"end":"ok","steps":3}"#],
    );
    // An empty number fails without a call; an unknown block and one not built stop the run.
    check_run(
        dial(json!({"success": "ok", "failure": "failed"})),
        json!({}),
        none(),
        &[r#"{"end":"failed","steps":3}"#],
    );
    check_run(
        json!([start("x"), {"id": "x", "type": "SE_Teleport", "ports": {"done": "e"}}, end("e")]),
        json!({}),
        none(),
        &[r#"{"end":"x","steps":2}"#],
    );
    for (ports, end_at) in [(json!({"done": "e"}), "x"), (json!({"failure": "e"}), "e")] {
        check_run(
            json!([start("x"), {"id": "x", "type": "SE_AgentMute", "ports": ports}, end("e")]),
            json!({}),
            none(),
            &[&format!(
                r#"{{"end":"{end_at}","steps":{}}}"#,
                if end_at == "e" { 3 } else { 2 }
            )],
        );
    }
}

#[test]
fn timeout_uses_the_callers_clock() {
    use engine::flow::{Answer, Data, EndReason, Options, Properties, Run, Step};
    let body = json!({"actions": [
        start("d"),
        {"id": "d", "type": "SE_AgentDialNumber", "controls": {"phoneNumber": "+1"}, "ports": {"success": "e"}},
        end("e"),
    ]});
    let (flow, _) = engine::flow::load_text(&body.to_string());
    let flow = flow.unwrap();
    let mut properties = Properties::default();
    let mut run = Run::new(
        std::rc::Rc::new(flow),
        Data::Null,
        Options::default(),
        1_000.0,
    );
    let mut now = 1_000.0;
    let mut last_line = String::new();
    let end = loop {
        match run.step(now, &mut properties) {
            Step::Call(_) => {
                now += 60_000.0;
                run.resume(Answer::ok(Data::Null));
            }
            Step::Log(line) => last_line = line.to_string(),
            Step::Waiting => panic!("waiting after its call was answered"),
            Step::Done(end) => break end,
        }
    };
    assert_eq!((&*end.block, end.reason), ("e", EndReason::Timeout));
    assert!(last_line.ends_with("e SE_End stop timeout"), "{last_line}");
}

#[test]
fn data_blocks() {
    let results = json!({"opencti.searchAndScreenPop": {"success": true, "returnValue": {"value": [{"Id": "001A"}]}}});
    let pop = |path: &str| json!({"id": "p", "type": "SE_SFScreenpopObject", "controls": {"recordId": path}, "ports": {"success": "e"}});
    let search = json!({"id": "q", "type": "SE_SFSearchAndScreenpop", "controls": {"searchParams": "x"}, "ports": {"success": "p"}});
    let popped =
        r#"{"call":"opencti.screenPop","args":{"type":"sobject","params":{"recordId":"001A"}}}"#;
    for path in [
        "$.actions.q.results.value.[0].Id",
        "$.actions.q.results.value[0].Id",
    ] {
        let lines = run_lines(
            &json!({"actions": [start("q"), search.clone(), pop(path), end("e")]}).to_string(),
            "{}",
            Host::new(&results.to_string()),
        );
        assert_eq!(lines[1], popped, "{path}");
    }
    // Extract Value, If-else on numbers written as text, contact attributes in both forms.
    check_run(
        json!([
            start("x"),
            {"id": "x", "type": "SE_CoreExtractValue", "controls": {"targetField": "$.payload.record", "keyPath": "Owner.Ids[1]"}, "ports": {"done": "i"}},
            {"id": "i", "type": "SE_CoreIfElse", "controls": {"value1": "$.actions.x.results.value", "operator": ">", "value2": "9"}, "ports": {"true": "a", "false": "no"}},
            {"id": "a", "type": "SE_ContactGetAttributeValue", "controls": {"attributeName": "tier", "defaultValue": "none"}, "ports": {"done": "p"}},
            pop("$.actions.a.results.value"),
            end("e"),
            end("no"),
        ]),
        json!({"payload": {"record": {"Owner": {"Ids": ["1", "10"]}}}, "contact": {"attributes": {"tier": {"name": "tier", "value": "gold"}}}}),
        none(),
        &[
            r#"{"call":"opencti.screenPop","args":{"type":"sobject","params":{"recordId":"gold"}}}"#,
            r#"{"end":"e","steps":6}"#,
        ],
    );
}

/// `$.actions.<id>` reads the block's record `{success, results, exception}`: whole, or a
/// member; anything else in it, or a block that has not run, reads `null` (left out here).
/// (`json!` sorts the members.)
#[test]
fn records_read_as_objects() {
    let fields = json!({
        "whole": "$.actions.q",
        "dialled": "$.actions.d.success",
        "error": "$.actions.d.exception",
        "found": "$.actions.q.results.Id",
        "inside_a_bool": "$.actions.d.success.x",
        "other": "$.actions.q.other",
        "not_run": "$.actions.e.results",
    });
    check_run(
        json!([
            start("d"),
            {"id": "d", "type": "SE_AgentDialNumber", "controls": {"phoneNumber": ""}, "ports": {"failure": "q"}},
            {"id": "q", "type": "SE_SFSearchAndScreenpop", "controls": {"searchParams": "x"}, "ports": {"success": "w"}},
            {"id": "w", "type": "SE_SFSaveLog", "controls": {"entityType": "Task", "fieldValues": fields}, "ports": {"success": "e"}},
            end("e"),
        ]),
        none(),
        json!({"opencti.searchAndScreenPop": {"success": true, "returnValue": {"Id": "003A"}}}),
        &[
            r#"{"call":"opencti.searchAndScreenPop","args":{"searchParams":"x","queryParams":null,"defaultFieldValues":null,"callType":"inbound","deferred":false}}"#,
            r#"{"call":"opencti.saveLog","args":{"value":{"entityApiName":"Task","dialled":false,"error":"phoneNumber is empty","found":"003A","whole":{"success":true,"results":{"Id":"003A"},"exception":null}}}}"#,
            r#"{"end":"e","steps":5}"#,
        ],
    );
}

#[test]
fn contact_branches() {
    let branch = |kind: &str| {
        json!([
            start("b"),
            {"id": "b", "type": kind, "ports": {"true": "yes", "false": "no"}},
            end("yes"),
            end("no"),
        ])
    };
    for (kind, contact, answer) in [
        ("SE_ContactIsVoice", json!({"type": "voice"}), "yes"),
        ("SE_ContactIsVoice", json!({"type": "chat"}), "no"),
        ("SE_ContactIsChat", json!({"type": "chat"}), "yes"),
        (
            "SE_ContactIsInbound",
            json!({"initiationMethod": "INBOUND"}),
            "yes",
        ),
        (
            "SE_ContactIsInbound",
            json!({"initiationMethod": "OUTBOUND"}),
            "no",
        ),
        (
            "SE_ContactIsCallback",
            json!({"type": "queue_callback"}),
            "yes",
        ),
        ("SE_ContactIsCallback", json!({}), "no"),
    ] {
        check_run(
            branch(kind),
            json!({"contact": contact}),
            none(),
            &[&format!(r#"{{"end":"{answer}","steps":3}}"#)],
        );
    }
}

/// High Velocity Sales: onHvsWorkStart keeps the work in properties; a later flow completes it
/// with the saved task. Properties outlive a run; the softphone's state is not in them.
#[test]
fn properties_carry_across_runs() {
    use engine::flow::Properties;
    let mut properties = Properties::default();
    // static/json/lightning/onHvsWorkStart.json of the adapter (ids as published, positions cut).
    let work_start = r#"{"actions":[
        {"id":"uid-0","type":"SE_Start","controls":{},"ports":{"done":"uid1"}},
        {"id":"uid1","type":"SE_SetProperty","controls":{"key":"hvsWorkId","value":"$.payload.workId"},"ports":{"done":"uid-3"}},
        {"id":"uid-3","type":"SE_SetProperty","controls":{"key":"hvsCompleteWorkWhen","value":"$.payload.completeWorkWhen"},"ports":{"done":"uid4"}},
        {"id":"uid4","type":"SE_End","controls":{},"ports":{}}]}"#;
    let lines = flow_common::run_with(
        work_start,
        r#"{"payload": {"workId": "0Z5A", "completeWorkWhen": "onDisconnect"}}"#,
        Host::new("{}"),
        &mut properties,
    );
    assert_eq!(lines, [r#"{"end":"uid4","steps":4}"#]);
    let complete = json!({"actions": [
        start("g"),
        {"id": "g", "type": "SE_GetProperty", "controls": {"key": "hvsWorkId"}, "ports": {"done": "c"}},
        {"id": "c", "type": "SE_SFCompleteHvsWorkWithTaskSaved", "controls": {"workId": "$.actions.g.results.value", "taskId": "00T1", "disposition": "Connected"}, "ports": {"success": "u"}},
        {"id": "u", "type": "SE_UnsetProperty", "controls": {"key": "hvsWorkId"}, "ports": {"done": "k"}},
        {"id": "k", "type": "SE_ClearProperties", "ports": {"done": "e"}},
        end("e"),
    ]});
    let lines = flow_common::run_with(
        &complete.to_string(),
        "{}",
        Host::new("{}"),
        &mut properties,
    );
    assert_eq!(
        lines,
        [
            r#"{"call":"opencti.hvs.completeWork","args":{"workId":"0Z5A","attributes":{"disposition":"Connected","taskId":"00T1"}}}"#,
            r#"{"end":"e","steps":6}"#,
        ]
    );
    assert_eq!(properties.iter().count(), 0);
}

/// Every reference flow, run on its `.run` case: input, host answers, and the expected calls
/// (`UPDATE_EXPECT=1` rewrites the expected part).
#[test]
fn reference_flows() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/flows");
    let mut flows: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    flows.sort();
    assert_eq!(flows.len(), 7);
    for flow in flows {
        let body = std::fs::read_to_string(&flow).unwrap();
        let (loaded, problems) = engine::flow::load_text(&body);
        assert_eq!(problems, vec![], "{flow:?}");
        assert!(engine::flow::lint(&loaded.unwrap()).is_empty(), "{flow:?}");
        flow_common::check_case(&flow.with_extension("run"), &body);
    }
}

/// `HOST_METHODS` (what `ctictl flow run --host` accepts) names every call, and nothing else.
#[test]
fn host_methods_name_every_call() {
    use engine::flow::{Data, HOST_METHODS, HostCall};
    let calls = [
        HostCall::SearchAndScreenPop {
            search_params: String::new(),
            query_params: Data::Null,
            default_field_values: Data::Null,
            call_type: "inbound".into(),
            deferred: false,
        },
        HostCall::ScreenPopObject {
            record_id: String::new(),
        },
        HostCall::ScreenPopNewRecord {
            entity_name: String::new(),
            default_field_values: Data::Null,
        },
        HostCall::SaveLog { value: Data::Null },
        HostCall::RunApex {
            apex_class: "C",
            method_name: "m",
            method_params: String::new(),
        },
        HostCall::CompleteHvsWork {
            work_id: String::new(),
            attributes: Data::Null,
        },
        HostCall::Dial {
            phone_number: String::new(),
            queue_arn: None,
        },
        HostCall::UpdateContactAttributes {
            contact_id: String::new(),
            attributes: Data::Null,
        },
    ];
    let mut names: Vec<&str> = calls.iter().map(HostCall::name).collect();
    names.dedup();
    assert_eq!(names, HOST_METHODS);
}

/// The configuration decoder loads bodies with `flow::load`: its problems carry the record and,
/// inside the body, the pointer and the block.
#[test]
fn config_problems_point_into_the_body() {
    const FIXTURE: &str = include_str!(
        "../../visualforce/force-app/main/default/staticresources/CtiAdapterConfigFixture.json"
    );
    let mut doc: serde_json::Value = serde_json::from_str(FIXTURE).unwrap();
    let body = json!({"actions": [
        start("x"),
        {"id": "x", "type": "SE_CoreTruthy", "controls": {"value": "$.payload..n"}, "ports": {"true": "e", "false": "e"}},
        end("e"),
    ]});
    doc["flows"][0]["body"] = json!(body.to_string());
    let parsed = engine::config::parse(&doc.to_string(), None);
    let problem = &parsed.problems[0];
    assert_eq!(problem.at.path(), "flows[0].body#/actions/1/controls/value");
    assert_eq!(problem.at.record_id.as_deref(), Some("a035g00000FLOW01AA"));
    let at = problem.at.flow.as_ref().unwrap();
    assert_eq!(
        (
            at.pointer.as_str(),
            at.block_id.as_deref(),
            at.block_type.as_deref()
        ),
        (
            "/actions/1/controls/value",
            Some("x"),
            Some("SE_CoreTruthy")
        )
    );
    // An error drops the flow; the other flow of the fixture is kept, loaded.
    let config = parsed.config.unwrap();
    assert_eq!(config.flows.len(), 1);
    assert_eq!(config.flows[0].body.blocks().len(), 3);
}

/// A `{"value": …}` result (kept as its value) reads as the object it stands for: whole, by
/// `value`, by another key, in the log line.
#[test]
fn a_value_result_reads_as_its_object() {
    let attribute = json!({"contact": {"attributes": {"k": {"name": "k", "value": "v1"}}}});
    let truthy = |id: &str, path: &str, yes: &str, no: &str| json!({"id": id, "type": "SE_CoreTruthy", "controls": {"value": path}, "ports": {"true": yes, "false": no}});
    check_run(
        json!([
            start("a"),
            {"id": "a", "type": "SE_ContactGetAttributeValue", "controls": {"attributeName": "k"}, "ports": {"done": "t1"}},
            truthy("t1", "$.actions.a.results", "t2", "no"),
            truthy("t2", "$.actions.a.results.other", "no", "t3"),
            truthy("t3", "$.actions.a.success", "p", "no"),
            {"id": "p", "type": "SE_SFScreenpopObject", "controls": {"recordId": "$.actions.a.results.value"}, "ports": {"success": "e", "failure": "no"}},
            end("e"),
            end("no"),
        ]),
        attribute.clone(),
        none(),
        &[
            r#"{"call":"opencti.screenPop","args":{"type":"sobject","params":{"recordId":"v1"}}}"#,
            r#"{"end":"e","steps":7}"#,
        ],
    );
    use engine::flow::{Data, Options, Properties, Run, Step};
    let body = json!({"name": "n", "actions": [
        start("a"),
        {"id": "a", "type": "SE_ContactGetAttributeValue", "controls": {"attributeName": "k"}, "ports": {"done": "e"}},
        end("e"),
    ]});
    let (flow, _) = engine::flow::load_text(&body.to_string());
    let input = Data::from_json(&engine::json::parse(&attribute.to_string()).unwrap());
    let mut run = Run::new(
        std::rc::Rc::new(flow.unwrap()),
        input,
        Options::default(),
        0.0,
    );
    let mut lines = Vec::new();
    while let Step::Log(line) = run.step(0.0, &mut Properties::default()) {
        lines.push(line.to_string());
    }
    assert_eq!(
        lines[1],
        r#"[FLOW] [] a SE_ContactGetAttributeValue {"success":true,"results":{"value":"v1"},"exception":null}"#
    );
}
