//! The narrow traits through which the engine acts on the world. The web crate implements them
//! over Streams and Open CTI; tests implement them with recorders.

use crate::config::CcpConfig;
use crate::phone::E164;

/// Amazon Connect (Streams) side effects.
pub trait Connect {
    /// Starts the CCP (`initCCP` and every subscription). Streams allows this once per page.
    fn start_ccp(&mut self, ccp: &CcpConfig);
    /// Places an outbound call from the agent; the result comes back as an `Event`.
    fn dial(&mut self, number: &E164, queue_arn: Option<&str>);
    /// Sets the agent's state by name; failures come back as `Event::ConnectActionFailed`
    /// (likewise for accept and clear).
    fn set_agent_state(&mut self, name: &str);
    /// Accepts a ringing contact.
    fn accept_contact(&mut self, contact_id: &str);
    /// Clears a contact in after-call work.
    fn clear_contact(&mut self, contact_id: &str);
}

/// Salesforce side effects. Open CTI implements this today; its replacement will too.
pub trait Salesforce {
    fn search_and_screen_pop(&mut self, search: &str, call_type: CallType);
    fn screen_pop(&mut self, pop: ScreenPop);
    fn set_click_to_dial(&mut self, enabled: bool);
    fn show_panel(&mut self);
    /// Sizes the softphone panel (the adapter record's size, when set).
    fn set_panel_size(&mut self, width: Option<u32>, height: Option<u32>);
    /// Asks for the call center's adapter configuration after `delay_ms`; the answer comes back
    /// as `Event::ConfigLoaded` or `Event::ConfigFailed`.
    fn load_config(&mut self, call_center: &str, delay_ms: u32);
}

/// What the softphone keeps for the browser session, so a failing Salesforce call mid-shift
/// (or a reload) still finds the last configuration that worked.
pub trait Store {
    fn save_config(&mut self, call_center: &str, text: &str, saved_at_ms: f64);
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

/// Everything the engine needs from its host.
pub trait Host: Connect + Salesforce + Clock + Log + Store {}

impl<T: Connect + Salesforce + Clock + Log + Store> Host for T {}

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
}

impl ConnectAction {
    /// The Streams method, for logs.
    pub fn as_str(self) -> &'static str {
        match self {
            ConnectAction::SetState => "setState",
            ConnectAction::Accept => "accept",
            ConnectAction::Clear => "clear",
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
            SalesforceOp::SetSoftphonePanelVisibility => "setSoftphonePanelVisibility",
            SalesforceOp::SetSoftphonePanelWidth => "setSoftphonePanelWidth",
            SalesforceOp::SetSoftphonePanelHeight => "setSoftphonePanelHeight",
            SalesforceOp::RunApex => "runApex",
        }
    }
}

/// Which softphone-layout section a search uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallType {
    Inbound,
    Outbound,
    Internal,
}

/// A direct screen pop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScreenPop {
    /// Open one record by its Salesforce Id.
    Record { record_id: String },
}
