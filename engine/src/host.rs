//! The narrow traits through which the engine acts on the world. The web crate implements them
//! over Streams and Open CTI; tests implement them with recorders.

use crate::config::CcpConfig;
use crate::flow::HostCall;
pub use crate::overlay::UrlParser;

/// Amazon Connect (Streams) side effects.
pub trait Connect {
    /// Starts the CCP (`initCCP` and every subscription). Streams allows this once per page.
    fn start_ccp(&mut self, ccp: &CcpConfig);
    /// Sets the agent's state by name; failures come back as `Event::ConnectActionFailed`
    /// (likewise for accept and clear).
    fn set_agent_state(&mut self, name: &str);
    /// Accepts a ringing contact.
    fn accept_contact(&mut self, contact_id: &str);
    /// Clears a contact in after-call work.
    fn clear_contact(&mut self, contact_id: &str);
    /// Signs the agent out of Connect (the CCP's logout); a failure comes back as
    /// `Event::PresenceFailed` for Connect.
    fn connect_logout(&mut self);
    /// Opens the session watcher, a window that outlives the Salesforce tabs and sets the
    /// Connect status when they have all closed (SetAgentStatusOnSessionEnd); a refused window
    /// comes back as `Event::SessionWatcherBlocked`.
    fn watch_session(&mut self);
}

/// Salesforce side effects. Open CTI implements this today; its replacement will too.
pub trait Salesforce {
    fn set_click_to_dial(&mut self, enabled: bool);
    fn show_panel(&mut self);
    /// Sizes the softphone panel (the adapter record's size, when set).
    fn set_panel_size(&mut self, width: Option<u32>, height: Option<u32>);
    /// Asks for the call center's adapter configuration after `delay_ms`; the answer comes back
    /// as `Event::ConfigLoaded` or `Event::ConfigFailed`.
    fn load_config(&mut self, call_center: &str, delay_ms: u32);
    /// Asks for the Omni-Channel presence statuses (`softphone::PRESENCE_STATUSES_APEX`); the
    /// answer comes back as `Event::PresenceCatalog`.
    fn load_presence_statuses(&mut self);
    /// Asks which service channel an accepted work came through (`softphone::SERVICE_CHANNEL_APEX`
    /// with `workId`); the answer comes back as `Event::ServiceChannel`.
    fn find_service_channel(&mut self, work_id: &str);
    /// Reads the agent's Omni-Channel status; the answer comes back as `Event::OmniStatusRead`.
    fn read_omni_status(&mut self);
    /// Sets the agent's Omni-Channel status by its id; a failure comes back as
    /// `Event::PresenceFailed` for Salesforce (likewise for `omni_logout`).
    fn set_omni_status(&mut self, status_id: &str);
    fn omni_logout(&mut self);
}

/// Timers the engine asks for (it keeps no clock): each dispatches `Event::PresenceTimer(kind)`
/// after `delay_ms`.
pub trait Timers {
    fn presence_timer(&mut self, delay_ms: u32, kind: crate::presence::TimerKind);
}

/// The calls CTI flows make (screen pops, records, Apex, dialling), checked by the engine first.
/// Each answer comes back as `Event::FlowAnswered` with the same `ticket`, exactly once.
pub trait FlowCalls {
    fn flow_call(&mut self, ticket: u64, call: &HostCall);
}

/// What the softphone keeps for the browser session, so a failing Salesforce call mid-shift
/// (or a reload) still finds the last configuration that worked.
pub trait Store {
    fn save_config(&mut self, call_center: &str, text: &str, saved_at_ms: f64);
    /// Which contact events this tab has handled, so a reload mid-contact runs none twice;
    /// given back as `Event::FlowMemory`.
    fn save_flow_memory(&mut self, text: &str);
}

/// Milliseconds since an arbitrary origin; only differences matter.
pub trait Clock {
    fn now_ms(&self) -> f64;
    /// Wall-clock time (ms since the Unix epoch), for "configuration from 14:02".
    fn epoch_ms(&self) -> f64;
}

/// Developer diagnostics; the UI keeps them in a downloadable log.
pub trait Log {
    fn log(&mut self, level: Level, message: String);
}

/// Everything the engine needs from its host; `UrlParser` is the WHATWG URL parser the CTI
/// attributes overlay checks links with (the browser's own).
pub trait Host:
    Connect + Salesforce + FlowCalls + Clock + Timers + Log + Store + UrlParser
{
}

impl<T: Connect + Salesforce + FlowCalls + Clock + Timers + Log + Store + UrlParser> Host for T {}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Debug,
    Info,
    Warn,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Debug => "DEBUG",
            Level::Info => "INFO",
            Level::Warn => "WARN",
            Level::Error => "ERROR",
        }
    }
}

/// An Amazon Connect agent action the softphone asks for; a refusal names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConnectAction {
    SetState,
    Accept,
    Clear,
    UpdateAttributes,
}

impl ConnectAction {
    /// The Streams method, for logs.
    pub fn as_str(self) -> &'static str {
        match self {
            ConnectAction::SetState => "setState",
            ConnectAction::Accept => "accept",
            ConnectAction::Clear => "clear",
            ConnectAction::UpdateAttributes => "updateContactAttributes",
        }
    }
}

/// A Salesforce operation the softphone performs (an Open CTI method today); a failure names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SalesforceOp {
    GetCallCenterSettings,
    OnClickToDial,
    EnableClickToDial,
    DisableClickToDial,
    SearchAndScreenPop,
    ScreenPop,
    SaveLog,
    CompleteHvsWork,
    SetSoftphonePanelVisibility,
    SetSoftphonePanelWidth,
    SetSoftphonePanelHeight,
    RunApex,
}

impl SalesforceOp {
    /// The Open CTI method name, for logs and the agent's notice.
    pub fn as_str(self) -> &'static str {
        match self {
            SalesforceOp::GetCallCenterSettings => "getCallCenterSettings",
            SalesforceOp::OnClickToDial => "onClickToDial",
            SalesforceOp::EnableClickToDial => "enableClickToDial",
            SalesforceOp::DisableClickToDial => "disableClickToDial",
            SalesforceOp::SearchAndScreenPop => "searchAndScreenPop",
            SalesforceOp::ScreenPop => "screenPop",
            SalesforceOp::SaveLog => "saveLog",
            SalesforceOp::CompleteHvsWork => "hvs.completeWork",
            SalesforceOp::SetSoftphonePanelVisibility => "setSoftphonePanelVisibility",
            SalesforceOp::SetSoftphonePanelWidth => "setSoftphonePanelWidth",
            SalesforceOp::SetSoftphonePanelHeight => "setSoftphonePanelHeight",
            SalesforceOp::RunApex => "runApex",
        }
    }
}
