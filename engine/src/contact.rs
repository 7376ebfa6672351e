//! Owned snapshots of Connect agents and contacts, decoded once at the bindings boundary.

use std::collections::BTreeMap;

/// The channel of a contact, from Streams' `contact.getType()`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Channel {
    Voice,
    QueueCallback,
    Chat,
    Task,
    Email,
    Other(String),
}

impl Channel {
    pub fn from_streams(kind: &str) -> Self {
        match kind {
            "voice" => Channel::Voice,
            "queue_callback" => Channel::QueueCallback,
            "chat" => Channel::Chat,
            "task" => Channel::Task,
            "email" => Channel::Email,
            other => Channel::Other(other.to_owned()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Channel::Voice => "voice",
            Channel::QueueCallback => "queue_callback",
            Channel::Chat => "chat",
            Channel::Task => "task",
            Channel::Email => "email",
            Channel::Other(other) => other,
        }
    }
}

/// The state of a contact, from Streams' `contact.getStatus().type`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContactState {
    Init,
    Incoming,
    Pending,
    Connecting,
    Connected,
    Missed,
    Error,
    Ended,
    Rejected,
    Paused,
    Other(String),
}

impl ContactState {
    pub fn from_streams(state: &str) -> Self {
        match state {
            "init" => ContactState::Init,
            "incoming" => ContactState::Incoming,
            "pending" => ContactState::Pending,
            "connecting" => ContactState::Connecting,
            "connected" => ContactState::Connected,
            "missed" => ContactState::Missed,
            "error" => ContactState::Error,
            "ended" => ContactState::Ended,
            "rejected" => ContactState::Rejected,
            "paused" => ContactState::Paused,
            other => ContactState::Other(other.to_owned()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            ContactState::Init => "init",
            ContactState::Incoming => "incoming",
            ContactState::Pending => "pending",
            ContactState::Connecting => "connecting",
            ContactState::Connected => "connected",
            ContactState::Missed => "missed",
            ContactState::Error => "error",
            ContactState::Ended => "ended",
            ContactState::Rejected => "rejected",
            ContactState::Paused => "paused",
            ContactState::Other(other) => other,
        }
    }
}

/// A contact as it was when an event fired. Streams' live `Contact` objects throw once the
/// contact is gone, so the bindings copy everything the engine needs right away.
#[derive(Clone, Debug, PartialEq)]
pub struct ContactSnapshot {
    pub contact_id: String,
    /// The contact's first leg (Streams' `getInitialContactId`): a transfer is a new contact id
    /// with the first leg's here. Connect's API names the contact by it.
    pub initial_contact_id: Option<String>,
    pub channel: Channel,
    pub state: ContactState,
    /// `inbound`, `outbound`, `transfer`, `callback`, … as Streams reports it.
    pub initiation_method: String,
    pub queue_name: Option<String>,
    /// The queue's ARN, which names the Amazon Connect instance.
    pub queue_arn: Option<String>,
    pub attributes: BTreeMap<String, String>,
    /// The customer leg's phone number (voice, callbacks), as Connect gives it.
    pub customer_phone: Option<String>,
    /// The customer's display name (chat, task), when Connect has one.
    pub customer_name: Option<String>,
    /// How long the contact has been in its state, in ms, when the event fired.
    pub state_duration_ms: f64,
    /// Streams' `getAttributes` threw (the text it threw): `attributes` is empty because it
    /// could not be read, not because the contact has none.
    pub attributes_error: Option<String>,
}

impl ContactSnapshot {
    /// A contact placed by the agent (click-to-dial, CCP dial pad).
    pub fn is_outbound(&self) -> bool {
        self.initiation_method == "outbound"
    }
}

/// Which contact event Streams fired.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactEvent {
    Init,
    Incoming,
    Pending,
    Connecting,
    Connected,
    Accepted,
    Missed,
    AfterCallWork,
    Ended,
    Destroyed,
    /// Any change of the contact (attributes, state, connections): fires on every snapshot.
    Refresh,
}

impl ContactEvent {
    /// Every event the softphone subscribes to, with Streams' event-bus name.
    pub const ALL: [(ContactEvent, &'static str); 11] = [
        (ContactEvent::Init, "contact::init"),
        (ContactEvent::Incoming, "contact::incoming"),
        (ContactEvent::Pending, "contact::pending"),
        (ContactEvent::Connecting, "contact::connecting"),
        (ContactEvent::Connected, "contact::connected"),
        (ContactEvent::Accepted, "contact::accepted"),
        (ContactEvent::Refresh, "contact::refresh"),
        (ContactEvent::Missed, "contact::missed"),
        (ContactEvent::AfterCallWork, "contact::acw"),
        (ContactEvent::Ended, "contact::ended"),
        (ContactEvent::Destroyed, "contact::destroyed"),
    ];

    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(event, _)| *event == self)
            .map_or("", |(_, name)| name)
    }
}

/// A topic of the agent's websocket, whose items the CCP's worker relays to the page
/// (`webSocket::all_message`): what Amazon Connect ChatJS and TaskJS listen to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageTopic {
    /// Chat items: messages, attachments and events of the agent's chats.
    Chat,
    /// Task events: transfers and expiry.
    Task,
}

impl MessageTopic {
    pub const ALL: [MessageTopic; 2] = [MessageTopic::Chat, MessageTopic::Task];

    /// The topic's name on the websocket.
    pub fn as_str(self) -> &'static str {
        match self {
            MessageTopic::Chat => "aws/chat",
            MessageTopic::Task => "aws/task",
        }
    }
}

/// The type of an agent state, from Streams' `AgentStateType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgentStateKind {
    Routable,
    NotRoutable,
    Offline,
    System,
    Error,
    Init,
    /// A type Streams does not document; the snapshot keeps the raw text and the engine logs it.
    Unknown,
}

impl AgentStateKind {
    pub fn from_streams(kind: &str) -> Self {
        match kind {
            "routable" => AgentStateKind::Routable,
            "not_routable" => AgentStateKind::NotRoutable,
            "offline" => AgentStateKind::Offline,
            "system" => AgentStateKind::System,
            "error" => AgentStateKind::Error,
            "init" => AgentStateKind::Init,
            _ => AgentStateKind::Unknown,
        }
    }
}

/// The agent as of the last `agent::refresh`.
#[derive(Clone, Debug, PartialEq)]
pub struct AgentSnapshot {
    pub name: String,
    pub state_name: String,
    pub state_kind: AgentStateKind,
    /// The state's type as Streams gave it (kept for the log when it is not one we know).
    pub state_type: String,
    /// The routing profile's default outbound queue, used for click-to-dial.
    pub outbound_queue_arn: Option<String>,
    /// The states the agent may choose (Available, Offline, custom not-routable ones).
    pub states: Vec<(String, AgentStateKind)>,
    /// The routing profile's name, for presence sync's `IfProfileNameIncludes`.
    pub routing_profile: Option<String>,
}
