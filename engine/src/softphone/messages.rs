//! Chat messages and task events from the agent's websocket: the flow event each item raises.
//
// Amazon Connect sends a contact's chat items and task events on the agent's websocket, which
// the CCP's worker relays to every page (`webSocket::all_message`, topics `aws/chat` and
// `aws/task`; Streams' WebSocket manager hands the same items to ChatJS and TaskJS). The item is
// JSON text with `Type`, `ContentType`, `ParticipantRole`, `ContactId` and `InitialContactId`.
// Every tab hears every item, so these run in the leading tab only; each item runs its flow
// (they repeat by nature, like `onRefresh`).

use super::Softphone;
use super::flows::Trigger;
use crate::config::FlowSource;
use crate::contact::MessageTopic;
use crate::flow::Data;
use crate::host::{Host, Level};

/// The task events TaskJS names, by the item's `ContentType` after
/// `application/vnd.amazonaws.connect.event.`.
const TASK_EVENTS: &[(&str, &str)] = &[
    ("transfer.initiated", "onTransferInitiated"),
    ("transfer.succeeded", "onTransferSucceeded"),
    ("transfer.failed", "onTransferFailed"),
    ("expire.warning", "onTaskExpiring"),
    ("expire.complete", "onTaskExpired"),
];

/// True for the flow events an item of the websocket raises (each item runs its flow once).
pub(super) fn is_message_event(event: &str) -> bool {
    matches!(event, "onMessageReceived" | "onMessageSent")
        || TASK_EVENTS.iter().any(|(_, name)| *name == event)
}

/// The flow event of one item; `None` for items no flow event names (typing, joins, receipts…).
///
/// A chat message or attachment is sent when an agent wrote it (`ParticipantRole` `AGENT`) and
/// received otherwise (the customer, a bot or the system).
fn message_event(topic: MessageTopic, item: &Data) -> Option<&'static str> {
    let text = |key: &str| match item.get(key) {
        Data::String(text) => text.as_str(),
        _ => "",
    };
    match topic {
        MessageTopic::Chat => match text("Type") {
            "MESSAGE" | "ATTACHMENT" if text("ParticipantRole") == "AGENT" => Some("onMessageSent"),
            "MESSAGE" | "ATTACHMENT" => Some("onMessageReceived"),
            _ => None,
        },
        MessageTopic::Task => {
            let kind =
                text("ContentType").strip_prefix("application/vnd.amazonaws.connect.event.")?;
            TASK_EVENTS
                .iter()
                .find(|(known, _)| *known == kind)
                .map(|(_, event)| *event)
        }
    }
}

impl Softphone {
    /// An item of a chat or task: runs the flow its event binds, with the item as `$.payload`
    /// and its contact as `$.contact`.
    pub(super) fn on_contact_message(
        &mut self,
        host: &mut impl Host,
        topic: MessageTopic,
        content: &str,
    ) {
        let item = match crate::json::parse(content) {
            Ok(value @ crate::json::Value::Object(_)) => Data::from_json(&value),
            _ => {
                let topic = topic.as_str();
                host.log(
                    Level::Warn,
                    format!("{topic} item is not a JSON object; no flow runs"),
                );
                return;
            }
        };
        // Typing, joins, receipts…: no flow event names them.
        let Some(event) = message_event(topic, &item) else {
            return;
        };
        let ids = [item.get("ContactId"), item.get("InitialContactId")];
        let live = self.view.contacts.iter().find(|c| {
            let id = c.contact.contact_id.as_str();
            ids.iter().any(|i| matches!(i, Data::String(i) if i == id))
        });
        let Some(contact) = live.map(|c| c.contact.clone()) else {
            let id = ids[0].to_json();
            host.log(
                Level::Info,
                format!("{event} of {id}: not a live contact of this agent; no flow runs"),
            );
            return;
        };
        let source = match topic {
            MessageTopic::Chat => FlowSource::ConnectChatContact,
            MessageTopic::Task => FlowSource::ConnectTaskContact,
        };
        let trigger = Trigger {
            source: Some(source),
            event,
            contact: Some(contact),
            payload: Some(item),
            elected: true,
        };
        self.trigger(host, trigger);
    }
}
