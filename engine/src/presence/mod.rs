//! Presence sync between Omni-Channel and Connect (rules, loop guard, wait window, session end, logout sync) as a pure state machine driven by timed inputs.
//!
//! The caller (the softphone in the browser, `ctictl presence simulate`) passes every input with
//! its time in whole milliseconds, performs the `Action`s it gets back, and calls back with
//! `Input::Timer` when an armed `Timer` is due. Nothing here reads a clock.

mod check;
mod explain;
mod log;
mod number;
mod rules;
mod session;
mod sim;
mod sync;

pub use check::check;
pub use explain::{Asked, ECHO_MS, Explanation, explain};
pub use log::log_line;
pub use number::{Decimal, Ratio};
pub use rules::{Evaluation, Outcome, Trigger, compare_text, destination, evaluate};
pub use sim::{Line, Origin, Simulation, Timed, World, simulate};
pub use sync::Presence;

use crate::config::{AdapterConfig, LogoutSync, Operand, PresenceRule, SessionEnd};

/// A change not reported back by its side within this time is no longer expected: a later
/// report of that state is then the agent's or the system's own change.
pub const ECHO_TIMEOUT_MS: u64 = 10_000;

/// Connect states of a live contact: the softphone never signs the agent out during one.
pub const LIVE_CONTACT_STATES: &[&str] = &["Busy", "Pending", "PendingBusy", "CallingCustomer"];

/// A Connect status whose name contains this (case-sensitive) signs the agent out: enhanced
/// logout.
pub const LOGOUT_MARK: &str = "Logout";

pub fn is_live_contact(state: &str) -> bool {
    LIVE_CONTACT_STATES.contains(&state)
}

/// The two systems whose presence is kept in sync.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The Amazon Connect agent state (Streams).
    Connect,
    /// The Omni-Channel presence status.
    Salesforce,
}

/// What presence sync needs from the adapter configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PresenceConfig {
    /// In evaluation order (`sortOrder`).
    pub rules: Vec<PresenceRule>,
    /// Presence Sync Enabled: off turns off rules and logout sync (not enhanced logout, session
    /// end or the initial state).
    pub sync_enabled: bool,
    /// `presenceSyncWaitMs`: changes inside one window of this length count as one.
    pub wait_ms: u64,
    pub session_end: Option<SessionEnd>,
    pub logout_sync: LogoutSync,
    /// See `ECHO_TIMEOUT_MS`.
    pub echo_timeout_ms: u64,
}

impl PresenceConfig {
    pub fn from_config(config: &AdapterConfig) -> PresenceConfig {
        PresenceConfig {
            rules: config.presence_rules.clone(),
            sync_enabled: config.adapter.presence_sync_enabled,
            wait_ms: u64::from(config.adapter.presence_sync_wait_ms),
            session_end: config.features.session_end.clone(),
            logout_sync: config.features.logout_sync.clone(),
            echo_timeout_ms: ECHO_TIMEOUT_MS,
        }
    }
}

/// An Omni-Channel presence status the agent may use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SalesforceStatus {
    /// The ServicePresenceStatus id (`0N5…`) that `setServicePresenceStatus` takes.
    pub id: String,
    pub label: String,
    pub developer_name: String,
}

/// A Connect agent status the agent may choose (Streams `agent.getAgentStates()`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectStatus {
    pub name: String,
    pub kind: ConnectStatusKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConnectStatusKind {
    Routable,
    NotRoutable,
    Offline,
}

impl ConnectStatusKind {
    /// The name `ctictl presence simulate` and the companion windows use (Streams' type names).
    pub fn as_str(self) -> &'static str {
        match self {
            ConnectStatusKind::Routable => "routable",
            ConnectStatusKind::NotRoutable => "not_routable",
            ConnectStatusKind::Offline => "offline",
        }
    }

    pub fn from_name(name: &str) -> Option<ConnectStatusKind> {
        [Self::Routable, Self::NotRoutable, Self::Offline]
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }
}

/// What the two systems offer: status names to set, and the agent's routing profile.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalog {
    pub salesforce_statuses: Vec<SalesforceStatus>,
    pub connect_statuses: Vec<ConnectStatus>,
    /// The agent's Connect routing profile name, for `IfProfileNameIncludes`.
    pub routing_profile: Option<String>,
}

impl Catalog {
    pub fn salesforce_status(&self, developer_name: &str) -> Option<&SalesforceStatus> {
        self.salesforce_statuses
            .iter()
            .find(|s| s.developer_name == developer_name)
    }

    /// The Connect status of type offline (`Offline` unless the instance renamed it).
    pub fn offline_state(&self) -> &str {
        self.connect_statuses
            .iter()
            .find(|s| s.kind == ConnectStatusKind::Offline)
            .map_or("Offline", |s| s.name.as_str())
    }

    /// What setting `value` on `side` means: a state, or `None` to sign out (a Connect status
    /// containing `Logout`); or why it cannot be set.
    pub fn target(&self, side: Side, value: &str) -> Result<Option<String>, Diagnostic> {
        match side {
            Side::Salesforce if self.salesforce_status(value).is_some() => {
                Ok(Some(value.to_owned()))
            }
            Side::Salesforce => Err(Diagnostic::UnknownSalesforceStatus(value.to_owned())),
            Side::Connect if value.contains(LOGOUT_MARK) => Ok(None),
            Side::Connect if crate::config::CONNECT_SYSTEM_STATES.contains(&value) => {
                Err(Diagnostic::ConnectStateNotSettable(value.to_owned()))
            }
            Side::Connect if self.connect_statuses.iter().any(|s| s.name == value) => {
                Ok(Some(value.to_owned()))
            }
            Side::Connect => Err(Diagnostic::UnknownConnectState(value.to_owned())),
        }
    }
}

/// Everything that happens to presence, as the caller observes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// Streams `agent::state_change` (any state, system and error states included).
    ConnectStateChange {
        old_state: String,
        new_state: String,
    },
    /// The agent is signed out of Connect.
    ConnectLogout,
    /// Omni `STATUS_CHANGED`; `developer_name` is its `statusApiName`.
    SalesforceStatusChange { developer_name: String },
    /// Omni `LOGOUT`.
    SalesforceLogout,
    /// Omni `WORK_ACCEPTED`, with the service channel's DeveloperName found from the work item.
    WorkAccepted { service_channel: Option<String> },
    /// Omni `WORKLOAD_CHANGED`; each number as JSON number text.
    WorkloadChanged {
        configured_capacity: String,
        previous_workload: String,
        new_workload: String,
    },
    /// The agent signed in to Connect, now in `connect_state`.
    SessionStart { connect_state: String },
    /// The agent closed every Salesforce tab.
    SessionEnd,
    /// A Salesforce tab loaded again.
    SessionResume,
    /// An armed timer is due.
    Timer(TimerKind),
    /// An action on this side failed (the oldest one still unreported): its report will not come.
    Failed(Side),
}

/// What the caller must do or know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    /// Perform this, then expect the side to report it back as an ordinary input.
    Act { action: Action, cause: Cause },
    /// Something the admin should fix or know; `rule` when a rule is concerned.
    Diagnose {
        diagnostic: Diagnostic,
        rule: Option<RuleRef>,
    },
    /// Call `handle(at_ms, Input::Timer(kind))` at `at_ms` (replacing an armed timer of that kind).
    Arm(Timer),
    /// The timer of this kind is no longer needed.
    Cancel(TimerKind),
    /// For the log only.
    Note(Note),
}

/// What the softphone does to a side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// `sforce.console.presence.setServicePresenceStatus(status_id)`.
    SetSalesforceStatus {
        developer_name: String,
        status_id: String,
    },
    /// Streams `agent.setState` with the agent state of this name.
    SetConnectState { state: String },
    /// `sforce.console.presence.logout()`.
    SalesforceLogout,
    /// Sign the agent out of Connect (the CCP's logout).
    ConnectLogout,
}

/// Why the softphone acts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cause {
    Rule(RuleRef),
    /// The `LogoutSync` feature.
    LogoutSync,
    /// The agent chose a Connect status containing `Logout`.
    EnhancedLogout,
    /// `SetAgentStatusOnSessionEnd`: every Salesforce tab closed.
    SessionEnd,
    /// `InitialAgentState` at sign-in.
    InitialState,
    /// A side reported the softphone's older change after the agent's newer one: the agent's
    /// choice is set again.
    Restore,
}

impl Cause {
    pub fn rule(&self) -> Option<&RuleRef> {
        match self {
            Cause::Rule(rule) => Some(rule),
            _ => None,
        }
    }
}

/// The presence sync rule record that caused something.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleRef {
    pub id: String,
    pub name: String,
}

impl RuleRef {
    pub fn of(rule: &PresenceRule) -> RuleRef {
        RuleRef {
            id: rule.id.clone(),
            name: rule.name.clone(),
        }
    }
}

/// What the admin should know: a rule or setting that could not do what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Diagnostic {
    /// No Omni status has this DeveloperName.
    UnknownSalesforceStatus(String),
    /// No Connect status the agent may choose has this name.
    UnknownConnectState(String),
    /// A Connect system or error state: never set.
    ConnectStateNotSettable(String),
    /// The event had no value for this operand (a work item's channel that was not found, a
    /// workload of a zero capacity): the rule did not apply.
    OperandMissing(Operand),
    /// The agent was not signed out of Connect during a live contact.
    LiveContact,
}

impl Diagnostic {
    /// A stable identifier for logs and the CLI.
    pub fn code(&self) -> &'static str {
        match self {
            Diagnostic::UnknownSalesforceStatus(_) => "unknown_salesforce_status",
            Diagnostic::UnknownConnectState(_) => "unknown_connect_state",
            Diagnostic::ConnectStateNotSettable(_) => "connect_state_not_settable",
            Diagnostic::OperandMissing(_) => "operand_missing",
            Diagnostic::LiveContact => "live_contact",
        }
    }

    /// The name or operand concerned.
    pub fn subject(&self) -> Option<&str> {
        match self {
            Diagnostic::UnknownSalesforceStatus(name)
            | Diagnostic::UnknownConnectState(name)
            | Diagnostic::ConnectStateNotSettable(name) => Some(name),
            Diagnostic::OperandMissing(operand) => Some(operand.name()),
            Diagnostic::LiveContact => None,
        }
    }

    /// `code` or `code:subject`, as `ctictl presence simulate` prints it.
    pub fn about(&self) -> String {
        match self.subject() {
            Some(subject) => format!("{}:{subject}", self.code()),
            None => self.code().to_owned(),
        }
    }
}

/// A timer the caller arms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timer {
    pub at_ms: u64,
    pub kind: TimerKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimerKind {
    /// The wait window closes: its changes are applied.
    Window,
    /// SessionEndTimer ran out.
    SessionEnd,
}

/// Why a session-end step or the initial state did nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skip {
    /// The routing profile name contains none of IfProfileNameIncludes.
    ProfileName,
    /// The Connect state is none of IfCurrentAgentState.
    CurrentState,
    SignedOut,
    LiveContact,
}

/// Log-only facts: what the machine decided not to do, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note {
    /// A side reported the softphone's own change: no rule or logout sync runs.
    Echo {
        side: Side,
        state: Option<String>,
    },
    /// A side reported the state it was known to be in (a repeated report): nothing runs.
    Unchanged {
        side: Side,
        state: Option<String>,
    },
    /// The softphone's change was not reported within the echo timeout; no longer expected.
    EchoExpired {
        side: Side,
        state: Option<String>,
    },
    /// The host reported that this change failed; no longer expected.
    Failed {
        side: Side,
        state: Option<String>,
    },
    /// A newer change of the same kind inside the wait window replaced this one.
    Coalesced(Trigger),
    /// Presence sync is off: no rule or logout sync runs for this change.
    SyncDisabled(Trigger),
    /// A later rule (or logout) decided the same side for the same change.
    Overridden {
        cause: Cause,
        by: Cause,
    },
    /// A newer change already decided this side.
    Stale {
        side: Side,
        cause: Cause,
    },
    /// The side already is, or is about to be, in this state.
    AlreadySet {
        side: Side,
        state: Option<String>,
        cause: Cause,
    },
    /// The agent's or the system's newer state cannot be set again (a system state, an unknown
    /// status): the side stays where the softphone's older change put it.
    CannotRestore {
        side: Side,
        state: String,
    },
    /// No Connect status set: the agent is signed out of Connect.
    SignedOut {
        cause: Cause,
    },
    /// The sign-out of Connect waits until Connect reports the Offline set before it.
    SignOutHeld {
        cause: Cause,
    },
    SessionEndCancelled,
    /// The live contact ended: the deferred session end runs now.
    SessionEndResumed,
    SessionEndSkipped(Skip),
    InitialStateSkipped(Skip),
}
