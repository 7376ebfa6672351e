//! Things the agent must see: errors and warnings as data. The UI renders them through its
//! i18n catalog; the engine never formats user text.

use crate::host::{ConnectAction, SalesforceOp};
use crate::phone::PhoneError;
use crate::settings::SettingsProblem;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// One notice, with an id the UI uses to dismiss it.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub id: u64,
    pub severity: Severity,
    pub kind: NoticeKind,
}

#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum NoticeKind {
    /// Click-to-dial got a number that cannot be dialled; no call was placed.
    UndialableNumber { input: String, error: PhoneError },
    /// An inbound caller's number could not be normalised; the raw text was searched instead.
    UnparseableCallerNumber { input: String, error: PhoneError },
    /// Connect refused an outbound call.
    DialFailed { number: String, reason: String },
    /// Connect refused an agent action (state change, accept, clear).
    ConnectActionFailed {
        action: ConnectAction,
        reason: String,
    },
    /// The agent picked a state Connect does not offer them.
    UnknownAgentState { name: String },
    /// Click-to-dial arrived while the agent is not signed in to the CCP.
    DialWhileSignedOut { input: String },
    /// A Salesforce call failed (`success: false`, timeout, thrown error).
    SalesforceFailed {
        operation: SalesforceOp,
        code: String,
        description: String,
    },
    /// A flow asked to open a record by something that is not a Salesforce record id.
    InvalidRecordId { flow: String, value: String },
    /// Streams could not read a contact's attributes: pops and flows see none.
    AttributesUnreadable { contact_id: String },
    /// A contact carried nothing to search for.
    NothingToPop { contact_id: String, channel: String },
    /// A CTI flow stopped before its end (`reason` as `EndReason::as_str`).
    FlowStopped {
        flow: String,
        block: String,
        reason: String,
    },
    /// The call center settings are incomplete or wrong.
    Settings(SettingsProblem),
    /// The CCP already runs with other options than the configuration now says; a reload applies them.
    ConfigNeedsReload,
    /// Neither the adapter configuration nor the call center gives a CCP address.
    NoCcpAddress,
    /// Presence sync could not do what a rule or setting says.
    PresenceSync(crate::presence::Diagnostic),
    /// The browser refused the session watcher's window: session end cannot work.
    SessionWatcherBlocked,
    /// The rule simulator did not open (no configuration or agent yet, or pop-ups blocked).
    SimulatorRefused,
}
