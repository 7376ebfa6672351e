//! The narrow traits through which the engine acts on the world. The web crate implements them
//! over Streams and Open CTI; tests implement them with recorders.

use crate::phone::E164;

/// Amazon Connect (Streams) side effects.
pub trait Connect {
    /// Places an outbound call from the agent; the result comes back as an `Event`.
    fn dial(&mut self, number: &E164, queue_arn: Option<&str>);
    /// Sets the agent's state by name; failures come back as `Event::ConnectActionFailed`.
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
}

/// Milliseconds since an arbitrary origin; only differences matter.
pub trait Clock {
    fn now_ms(&self) -> f64;
}

/// Developer diagnostics; the UI keeps them in a downloadable log.
pub trait Log {
    fn log(&mut self, level: Level, message: String);
}

/// Everything the engine needs from its host.
pub trait Host: Connect + Salesforce + Clock + Log {}

impl<T: Connect + Salesforce + Clock + Log> Host for T {}

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
