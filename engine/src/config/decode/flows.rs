//! CTI flow records: source and event, and the body through the flow loader (`flow::load`).

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
                let mut repeated = Vec::new();
                duplicate_keys(&body, &mut Vec::new(), &mut repeated);
                for (key, within) in repeated {
                    let within = Some(within);
                    let kind = ProblemKind::DuplicateKey { key, within };
                    r.problem(Severity::Warning, "body", kind);
                }
                let (flow, found) = crate::flow::load(&body);
                let mut ok = true;
                for Problem { severity, at, kind } in found {
                    ok &= severity != Severity::Error;
                    r.problem(severity, "body", kind);
                    // The loader knows where in the body; the record knows which record.
                    if let Some(last) = r.problems.last_mut() {
                        last.at.flow = at.flow;
                    }
                }
                flow.filter(|_| ok)
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
        body: std::rc::Rc::new(body?),
    })
}

/// One step from a JSON value to a value inside it.
enum Step<'v> {
    Key(&'v str),
    Index(usize),
}

/// Every key an object inside `value` repeats, with where that object is (`$.actions[3].ports`).
fn duplicate_keys<'v>(value: &'v Value, path: &mut Vec<Step<'v>>, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(members) => {
            for key in json::duplicate_keys(members) {
                out.push((key.to_owned(), render(path)));
            }
            for (key, member) in members {
                path.push(Step::Key(key));
                duplicate_keys(member, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                path.push(Step::Index(index));
                duplicate_keys(item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn render(path: &[Step]) -> String {
    let mut text = String::from("$");
    for step in path {
        match step {
            Step::Key(key) => {
                text.push('.');
                text.push_str(key);
            }
            Step::Index(index) => text.push_str(&format!("[{index}]")),
        }
    }
    text
}
