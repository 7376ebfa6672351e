//! The softphone's logic as plain Rust: models, phone numbers and the rules that turn Connect and
//! Salesforce events into actions. No browser access; every side effect goes through `host`.

pub mod config;
pub mod contact;
#[cfg(feature = "editor")]
pub mod editor;
pub mod flow;
pub mod host;
pub mod json;
pub mod notice;
pub mod overlay;
pub mod phone;
pub mod presence;
pub mod settings;
pub mod softphone;

pub use contact::{
    AgentSnapshot, AgentStateKind, Channel, ContactEvent, ContactSnapshot, ContactState,
    MessageTopic,
};
pub use host::{
    Clock, Connect, ConnectAction, FlowCalls, Host, Level, Log, Salesforce, SalesforceOp, Store,
    Timers,
};
pub use notice::{Notice, NoticeKind, Severity};
pub use settings::{Settings, SettingsProblem};
pub use softphone::{
    CallError, CcpStatus, ConfigFailure, ConfigOrigin, ConfigStatus, ConfigView, Event, OmniEvent,
    PRESENCE_STATUSES_APEX, SERVICE_CHANNEL_APEX, Softphone, TabRole, UiEvent, View,
    parse_statuses,
};
