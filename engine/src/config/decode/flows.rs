//! CTI flow records: source and event, and the structural checks of the flow body.

use super::*;

const FLOW_FIELDS: &[&str] = &["id", "name", "source", "event", "description", "body"];
pub const FLOW_SOURCES: &[&str] = &[
    "Initialization",
    "ConnectAgent",
    "ConnectVoiceContact",
    "ConnectQueueCallbackContact",
    "ConnectChatContact",
    "ConnectTaskContact",
    "SalesforceAgent",
    "SalesforceUi",
    "CtiAction",
];

/// The events each source raises (the adapter's documented list).
pub fn flow_events(source: FlowSource) -> &'static [&'static str] {
    const CONTACT: &[&str] = &[
        "onIncoming",
        "onConnecting",
        "onConnected",
        "onEnded",
        "onRefresh",
        "onAccepted",
        "onPending",
        "onMissed",
        "onDestroy",
    ];
    match source {
        FlowSource::Initialization => &["onInit"],
        FlowSource::ConnectAgent => &[
            "onRefresh",
            "onStateChange",
            "onRoutable",
            "onNotRoutable",
            "onOffline",
            "onError",
            "onAfterCallWork",
            "onInit",
        ],
        FlowSource::ConnectVoiceContact | FlowSource::ConnectQueueCallbackContact => CONTACT,
        FlowSource::ConnectChatContact => &[
            "onConnecting",
            "onConnected",
            "onEnded",
            "onRefresh",
            "onAccepted",
            "onPending",
            "onMessageReceived",
            "onMessageSent",
            "onMissed",
            "onDestroy",
            "onViewContact",
        ],
        FlowSource::ConnectTaskContact => &[
            "onIncoming",
            "onConnecting",
            "onConnected",
            "onEnded",
            "onRefresh",
            "onAccepted",
            "onPending",
            "onMissed",
            "onDestroy",
            "onTransferInitiated",
            "onTransferSucceeded",
            "onTransferFailed",
            "onTaskExpiring",
            "onTaskExpired",
        ],
        FlowSource::SalesforceAgent => &["onStateChange", "onWorkAccepted", "onWorkloadChanged"],
        FlowSource::SalesforceUi => &["onClickToDial", "onNavigationChange", "onHvsWorkStart"],
        // A CTI action's "event" is the action it is bound to: any name.
        FlowSource::CtiAction => &[],
    }
}

pub(super) fn flow(object: &Map, index: usize, problems: &mut Vec<Problem>) -> Option<CtiFlow> {
    use FlowSource as S;
    let at = record_location(Section::Flows, index, object, None);
    let mut r = Record::new(object, at, FLOW_FIELDS, problems);
    let id = r.text("id").unwrap_or_default();
    let name = r.text("name").unwrap_or_default();
    let source = r.choice(
        "source",
        FLOW_SOURCES,
        &[
            S::Initialization,
            S::ConnectAgent,
            S::ConnectVoiceContact,
            S::ConnectQueueCallbackContact,
            S::ConnectChatContact,
            S::ConnectTaskContact,
            S::SalesforceAgent,
            S::SalesforceUi,
            S::CtiAction,
        ],
    );
    let event = r.required("event");
    if let (Some(source), Some(event)) = (source, &event) {
        let events = flow_events(source);
        if source != S::CtiAction && !events.contains(&event.as_str()) {
            r.error(
                "event",
                ProblemKind::UnknownFlowEvent {
                    source: FLOW_SOURCES[source as usize].to_owned(),
                    event: event.clone(),
                },
            );
            r.broken = true;
        }
    }
    let description = r.text("description").unwrap_or_default();
    let body = r
        .required("body")
        .and_then(|text| match json::parse(&text) {
            Ok(body) => {
                let shape = flow_shape(&body);
                let ok = shape.is_empty();
                for kind in shape {
                    r.error("body", kind);
                }
                ok.then_some(body)
            }
            Err(error) => {
                let Problem { kind, .. } = syntax(Section::Flows, Some(index), &error);
                r.error("body", kind);
                None
            }
        });
    if body.is_none() {
        r.broken = true;
    }
    if r.broken {
        return None;
    }
    Some(CtiFlow {
        id,
        name,
        source: source?,
        event: event?,
        description,
        body: body?,
    })
}

/// The structural checks that let the flow engine trust a body: actions with ids and types, one
/// start, and ports that lead to existing actions.
fn flow_shape(body: &Value) -> Vec<ProblemKind> {
    let Some(actions) = body.get("actions").and_then(Value::as_array) else {
        return vec![ProblemKind::NotAFlow];
    };
    let mut problems = Vec::new();
    let mut ids: Vec<&str> = Vec::new();
    let mut starts = 0;
    for (index, action) in actions.iter().enumerate() {
        let id = action.get("id").and_then(Value::as_str);
        let kind = action.get("type").and_then(Value::as_str);
        let (Some(id), Some(kind)) = (id, kind) else {
            problems.push(ProblemKind::FlowActionShape { index });
            continue;
        };
        if ids.contains(&id) {
            problems.push(ProblemKind::FlowDuplicateActionId { id: id.to_owned() });
        }
        ids.push(id);
        if kind == "SE_Start" {
            starts += 1;
        }
    }
    if starts != 1 {
        problems.push(ProblemKind::FlowStart { count: starts });
    }
    for action in actions {
        let Some(id) = action.get("id").and_then(Value::as_str) else {
            continue;
        };
        let Some(ports) = action.get("ports").and_then(Value::as_object) else {
            continue;
        };
        for (port, target) in ports {
            // Editors write "" or null for an unconnected port.
            let Some(target) = target.as_str().filter(|t| !t.is_empty()) else {
                continue;
            };
            if !ids.contains(&target) {
                problems.push(ProblemKind::FlowDanglingPort {
                    action: id.to_owned(),
                    port: port.clone(),
                    target: target.to_owned(),
                });
            }
        }
    }
    problems
}
