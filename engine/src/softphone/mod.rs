//! The softphone's state machine: Connect and Salesforce events in, host calls and a `View` out.
//!
//! Invariant: every input is an `Event`, handled to completion by `Softphone::handle`; side
//! effects only go through the `Host` traits, so the whole behaviour is tested natively.

use std::collections::BTreeMap;

use crate::config::{self, AdapterConfig, CcpConfig};
use crate::contact::{AgentSnapshot, ContactEvent, ContactSnapshot, ContactState, MessageTopic};
use crate::host::{ConnectAction, Host, Level, SalesforceOp};
use crate::notice::{Notice, NoticeKind, Severity};
use crate::settings::Settings;

mod agent;
mod connect_api;
mod contacts;
mod flows;
mod messages;
mod omni;
mod presence;
mod startup;

pub use contacts::is_salesforce_id;
pub use flows::{CallError, TabRole, UiEvent};
pub use omni::OmniEvent;
pub use presence::{PRESENCE_STATUSES_APEX, SERVICE_CHANNEL_APEX, parse_statuses};

/// Everything that can happen to the softphone.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// `getCallCenterSettings` answered with its flat key → value map.
    SettingsLoaded(BTreeMap<String, String>),
    /// `sforce.opencti` is missing from the page: not inside Salesforce.
    OpenCtiUnavailable,
    /// A configuration document: rendered into the page by Salesforce (`Boot`) or answered by
    /// `runApex` (`Salesforce`).
    ConfigLoaded { text: String, origin: ConfigOrigin },
    /// `runApex` for the configuration failed.
    ConfigFailed { code: String, description: String },
    /// The configuration kept from earlier in this browser session.
    CachedConfig {
        call_center: String,
        text: String,
        saved_at_ms: f64,
    },
    /// The page's boot metadata names only a CCP address (development pages, the playground).
    BootAddress {
        ccp_url: String,
        region: Option<String>,
    },
    /// Streams' `onInitialized`: the CCP acknowledged us.
    CcpInitialized,
    /// Streams' `agent::refresh`: the agent as of now.
    AgentRefreshed(AgentSnapshot),
    /// A contact event from Streams' event bus.
    Contact(ContactEvent, ContactSnapshot),
    /// Streams' `contact::view`: the contact with this id was brought into view in the CCP.
    ContactViewed(String),
    /// An item of a chat or task on the agent's websocket, as its JSON text (Streams relays
    /// `webSocket::all_message` for the topics the page subscribed to).
    ContactMessage {
        topic: MessageTopic,
        content: String,
    },
    /// The CCP signed out (`terminated`); Streams retries the iframe on its own.
    CcpTerminated,
    /// Streams gave up reloading the CCP iframe (CCP down or not signed in).
    CcpUnreachable,
    /// A person clicked a phone number in Salesforce.
    ClickToDial {
        number: String,
        record_id: Option<String>,
        record_name: Option<String>,
        object_type: Option<String>,
    },
    /// An Omni-Channel presence event.
    Omni(OmniEvent),
    /// `Salesforce::load_presence_statuses` answered (the Apex answer's text) or failed.
    PresenceCatalog(Result<String, CallError>),
    /// The agent asked for the session watcher.
    OpenSessionWatcher,
    /// `Connect::watch_session` could not open its window.
    SessionWatcherBlocked,
    /// A session watcher opened earlier (before a reload, by another tab) is still open.
    SessionWatcherRunning,
    /// The rule simulator could not open: nothing to simulate yet, or its window was refused.
    CompanionRefused,
    /// `Salesforce::find_service_channel` answered (the Apex answer's text) or failed.
    ServiceChannel {
        work_id: String,
        answer: Result<String, CallError>,
    },
    /// `Salesforce::read_omni_status` answered: the status DeveloperName, `None` logged out.
    OmniStatusRead(Option<String>),
    /// A timer presence sync armed (`Timers::presence_timer`) is due.
    PresenceTimer(crate::presence::TimerKind),
    /// A presence sync action on this side failed (`set_omni_status`, `omni_logout`,
    /// `connect_logout`).
    PresenceFailed {
        side: crate::presence::Side,
        reason: String,
    },
    /// A Salesforce UI event with its Open CTI payload, for the flows bound to it.
    SalesforceUi(UiEvent, crate::flow::Data),
    /// The answer to a flow's host call (`FlowCalls::flow_call` with this ticket).
    FlowAnswered {
        ticket: u64,
        result: Result<crate::flow::Data, CallError>,
    },
    /// Which part this tab plays among the softphones open in the browser.
    TabRole(TabRole),
    /// What `Store::save_flow_memory` kept before this page was reloaded.
    FlowMemory(String),
    /// Streams' `agent::state_change`.
    AgentStateChanged { old: String, new: String },
    /// The agent chose a state in the softphone.
    ChooseAgentState(String),
    /// The agent pressed Accept on a ringing contact.
    AcceptContact(String),
    /// The agent pressed Clear on a contact in after-call work.
    ClearContact(String),
    /// Connect refused an agent action.
    ConnectActionFailed {
        action: ConnectAction,
        reason: String,
    },
    /// A Salesforce call failed.
    SalesforceFailed {
        operation: SalesforceOp,
        code: String,
        description: String,
    },
    /// The agent closed a notice.
    DismissNotice(u64),
}

/// Where the CCP connection stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CcpStatus {
    /// Waiting for the call center settings.
    LoadingSettings,
    /// The settings do not allow starting the CCP.
    NotConfigured,
    /// The CCP is loading or waiting for the agent to sign in.
    Connecting,
    /// The agent is signed in.
    SignedIn,
    /// The CCP signed out; Streams is reloading it.
    Reconnecting,
    /// Streams gave up: the CCP is down or nobody signed in.
    Unreachable,
}

/// What the UI shows; plain data, cloned out after each event.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    pub ccp: CcpStatus,
    pub agent: Option<AgentSnapshot>,
    /// Live contacts, oldest first.
    pub contacts: Vec<ContactView>,
    pub notices: Vec<Notice>,
    pub click_to_dial: bool,
    pub opencti_available: bool,
    /// What the CCP was started with.
    pub ccp_config: Option<CcpConfig>,
    pub config: ConfigView,
    /// SetAgentStatusOnSessionEnd needs the session watcher, which the agent opens: pop-up
    /// blockers refuse a window no click opened, and opened by itself at sign-in its loading
    /// made Streams drop a contact event arriving then.
    pub offer_session_watcher: bool,
}

/// Where the adapter configuration stands, for the banner and the admin view.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfigView {
    pub status: ConfigStatus,
    /// Problems of the last document read (fresh, or the fallback in use).
    pub problems: Vec<config::Problem>,
    pub summary: Option<ConfigSummary>,
}

/// What the configuration in use holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigSummary {
    pub adapter_id: String,
    pub adapter_name: String,
    pub call_center: String,
    pub attributes: usize,
    pub presence_rules: usize,
    pub flows: usize,
    pub popout_enabled: bool,
}

/// Where a configuration came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfigOrigin {
    /// Rendered into the page by the Visualforce controller.
    Boot,
    /// Answered by `runApex` just now.
    Salesforce,
    /// Kept from earlier in this browser session.
    Session,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ConfigStatus {
    /// Not loaded yet.
    Waiting,
    /// In use; `at_ms` is wall-clock time.
    Loaded { origin: ConfigOrigin, at_ms: f64 },
    /// Salesforce did not deliver a usable configuration; `using` is what runs meanwhile.
    Failing {
        failure: ConfigFailure,
        using: Option<(ConfigOrigin, f64)>,
        attempts: u32,
        /// When the next attempt runs; `None` when retrying cannot help.
        retry_in_ms: Option<u32>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigFailure {
    /// `runApex` failed.
    Salesforce { code: String, description: String },
    /// The answer is not a usable document; the problems say why.
    Document,
    /// The call center definition has no internal name to ask for.
    NoCallCenter,
}

/// A live contact and when it entered its current state (host clock, ms).
#[derive(Clone, Debug, PartialEq)]
pub struct ContactView {
    pub contact: ContactSnapshot,
    pub state_since_ms: f64,
    /// Its CTI attributes, as the configuration lays them out.
    pub overlay: crate::overlay::Overlay,
    /// Changes whenever `overlay` does, so the UI redraws only then.
    pub overlay_revision: u32,
}

/// How many notices stay on screen; older ones remain in the log.
const NOTICE_LIMIT: usize = 12;

pub struct Softphone {
    settings: Option<Settings>,
    /// The adapter configuration in use, where it came from and when (wall clock).
    config: Option<(AdapterConfig, ConfigOrigin, f64)>,
    /// The session's last good configuration: call center, document, when it was saved.
    cached: Option<(String, String, f64)>,
    /// A CCP address from boot metadata, used when nothing better is known.
    boot_address: Option<CcpConfig>,
    /// Failed configuration attempts in a row.
    config_attempts: u32,
    /// Salesforce has answered the first configuration request (or never will).
    salesforce_resolved: bool,
    /// What `start_ccp` was called with; Streams allows one start per page.
    ccp_started: Option<CcpConfig>,
    reload_noticed: bool,
    no_address_noticed: bool,
    view: View,
    /// Contact and click events that arrived before the settings; replayed once they are loaded.
    early: Vec<Event>,
    flows: flows::Flows,
    presence: presence::Sync,
    /// Customers' numbers as last read (`read_number`).
    numbers: Vec<(
        String,
        String,
        Result<crate::phone::Parsed, crate::phone::PhoneError>,
    )>,
    next_notice_id: u64,
}

impl Default for Softphone {
    fn default() -> Self {
        Self::new()
    }
}

impl Softphone {
    pub fn new() -> Self {
        Softphone {
            settings: None,
            view: View {
                ccp: CcpStatus::LoadingSettings,
                agent: None,
                contacts: Vec::new(),
                notices: Vec::new(),
                click_to_dial: false,
                opencti_available: true,
                ccp_config: None,
                config: ConfigView {
                    status: ConfigStatus::Waiting,
                    problems: Vec::new(),
                    summary: None,
                },
                offer_session_watcher: false,
            },
            config: None,
            cached: None,
            boot_address: None,
            config_attempts: 0,
            salesforce_resolved: false,
            ccp_started: None,
            reload_noticed: false,
            no_address_noticed: false,
            early: Vec::new(),
            flows: flows::Flows::default(),
            presence: presence::Sync::default(),
            numbers: Vec::new(),
            next_notice_id: 1,
        }
    }

    pub fn view(&self) -> &View {
        &self.view
    }

    pub fn settings(&self) -> Option<&Settings> {
        self.settings.as_ref()
    }

    /// The adapter configuration in use.
    pub fn config(&self) -> Option<&AdapterConfig> {
        self.config.as_ref().map(|(config, _, _)| config)
    }

    /// Handles one event to completion: a router, one call per event; the handlers live with
    /// their group (`startup`, `agent`, `contacts`).
    pub fn handle(&mut self, host: &mut impl Host, event: Event) {
        let needs_settings = matches!(
            event,
            Event::Contact(..)
                | Event::ContactViewed(_)
                | Event::ContactMessage { .. }
                | Event::ClickToDial { .. }
        );
        if needs_settings && !self.ready() {
            // Named, not Debug-printed: a Debug of the event would link float formatting
            // into the bundle for one log line.
            let what = match &event {
                Event::Contact(kind, contact) => {
                    format!("{} {}", kind.as_str(), contact.contact_id)
                }
                Event::ContactViewed(contact_id) => format!("contact::view {contact_id}"),
                Event::ContactMessage { topic, .. } => topic.as_str().to_owned(),
                Event::ClickToDial { number, .. } => format!("click-to-dial “{number}”"),
                _ => String::new(),
            };
            host.log(Level::Debug, format!("queued until settings load: {what}"));
            self.early.push(event);
            return;
        }
        match event {
            // Start-up: Salesforce settings, the configuration, where the CCP starts from.
            Event::SettingsLoaded(map) => self.on_settings(host, &map),
            Event::OpenCtiUnavailable => self.on_opencti_unavailable(host),
            Event::ConfigLoaded { text, origin } => self.on_config(host, &text, origin),
            Event::ConfigFailed { code, description } => {
                self.on_config_failed(host, code, description)
            }
            Event::CachedConfig {
                call_center,
                text,
                saved_at_ms,
            } => self.on_cached_config(host, call_center, text, saved_at_ms),
            Event::BootAddress { ccp_url, region } => self.on_boot_address(host, ccp_url, region),
            Event::SalesforceFailed {
                operation,
                code,
                description,
            } => self.on_salesforce_failed(host, operation, code, description),
            // The CCP and the agent.
            Event::CcpInitialized => self.on_ccp_initialized(host),
            Event::AgentRefreshed(agent) => self.on_agent(host, agent),
            Event::CcpTerminated => self.on_ccp_terminated(host),
            Event::CcpUnreachable => self.on_ccp_unreachable(host),
            Event::AgentStateChanged { old, new } => self.on_agent_state_changed(host, old, new),
            Event::ChooseAgentState(name) => self.on_choose_agent_state(host, name),
            Event::ConnectActionFailed { action, reason } => {
                self.on_connect_refused(host, action, reason)
            }
            // Contacts, and the Salesforce UI's click-to-dial.
            Event::Contact(kind, contact) => self.on_contact(host, kind, contact),
            Event::ContactViewed(contact_id) => self.on_contact_viewed(host, contact_id),
            Event::ContactMessage { topic, content } => {
                self.on_contact_message(host, topic, &content)
            }
            Event::AcceptContact(contact_id) => self.on_accept(host, contact_id),
            Event::ClearContact(contact_id) => self.on_clear(host, contact_id),
            Event::ClickToDial {
                number,
                record_id,
                record_name,
                object_type,
            } => self.on_click_to_dial(host, number, record_id, record_name, object_type),
            Event::SalesforceUi(event, payload) => self.on_salesforce_ui(host, event, payload),
            Event::Omni(event) => self.on_omni(host, event),
            // Presence sync between Connect and Omni-Channel.
            Event::PresenceCatalog(answer) => self.on_presence_catalog(host, answer),
            Event::OpenSessionWatcher => self.open_session_watcher(host),
            Event::SessionWatcherBlocked => self.on_session_watcher_blocked(host),
            Event::SessionWatcherRunning => self.on_session_watcher_running(),
            Event::CompanionRefused => self.notify(Severity::Warning, NoticeKind::SimulatorRefused),
            Event::ServiceChannel { work_id, answer } => {
                self.on_service_channel(host, &work_id, answer)
            }
            Event::OmniStatusRead(status) => self.on_omni_status_read(host, status),
            Event::PresenceTimer(kind) => self.on_presence_timer(host, kind),
            Event::PresenceFailed { side, reason } => self.on_presence_failed(host, side, reason),
            // CTI flows: answers to their calls, and which tab runs them.
            Event::FlowAnswered { ticket, result } => self.on_flow_answer(host, ticket, result),
            Event::TabRole(role) => self.on_tab_role(host, role),
            Event::FlowMemory(text) => self.on_flow_memory(host, &text),
            // The softphone's own UI.
            Event::DismissNotice(id) => self.view.notices.retain(|notice| notice.id != id),
        }
    }

    fn notify(&mut self, severity: Severity, kind: NoticeKind) {
        let id = self.next_notice_id;
        self.next_notice_id += 1;
        if self.view.notices.len() == NOTICE_LIMIT {
            self.view.notices.remove(0);
        }
        self.view.notices.push(Notice { id, severity, kind });
    }
}

impl ConfigOrigin {
    /// For the log.
    pub fn as_str(self) -> &'static str {
        match self {
            ConfigOrigin::Boot => "Boot",
            ConfigOrigin::Salesforce => "Salesforce",
            ConfigOrigin::Session => "Session",
        }
    }
}

impl ConfigFailure {
    /// For the log.
    pub fn as_str(&self) -> &str {
        match self {
            ConfigFailure::Salesforce { code, .. } => code,
            ConfigFailure::Document => "unusable document",
            ConfigFailure::NoCallCenter => "no call center name",
        }
    }
}

impl ContactState {
    /// Still ringing, connecting or talking (not wrap-up or gone).
    pub fn is_active(&self) -> bool {
        matches!(
            self,
            ContactState::Incoming
                | ContactState::Pending
                | ContactState::Connecting
                | ContactState::Connected
        )
    }
}
