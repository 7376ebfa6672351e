//! The softphone's state machine: Connect and Salesforce events in, host calls and a `View` out.
//!
//! Invariant: every input is an `Event`, handled to completion by `Softphone::handle`; side
//! effects only go through the `Host` traits, so the whole behaviour is tested natively.

use std::collections::{BTreeMap, VecDeque};

use crate::config::{self, AdapterConfig, CcpConfig};
use crate::contact::{AgentSnapshot, AgentStateKind, ContactEvent, ContactSnapshot, ContactState};
use crate::host::{ConnectAction, Host, Level, SalesforceOp};
use crate::notice::{Notice, NoticeKind, Severity};
use crate::phone::E164;
use crate::settings::{self, Settings};

mod contacts;
pub use contacts::is_salesforce_id;

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
    /// The CCP signed out (`terminated`); Streams retries the iframe on its own.
    CcpTerminated,
    /// Streams gave up reloading the CCP iframe (CCP down or not signed in).
    CcpUnreachable,
    /// A person clicked a phone number in Salesforce.
    ClickToDial {
        number: String,
        record_id: Option<String>,
        object_type: Option<String>,
    },
    /// Connect accepted an outbound call.
    DialSucceeded { number: E164 },
    /// Connect refused an outbound call.
    DialFailed { number: E164, reason: String },
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
}

/// How many contact ids are remembered to avoid popping the same contact twice.
const POPPED_MEMORY: usize = 256;
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
    popped: VecDeque<String>,
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
            popped: VecDeque::new(),
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

    /// Handles one event to completion.
    pub fn handle(&mut self, host: &mut impl Host, event: Event) {
        let needs_settings = matches!(event, Event::Contact(..) | Event::ClickToDial { .. });
        if needs_settings && !self.ready() {
            host.log(
                Level::Debug,
                format!("queued until settings load: {event:?}"),
            );
            self.early.push(event);
            return;
        }
        match event {
            Event::SettingsLoaded(map) => self.on_settings(host, &map),
            Event::OpenCtiUnavailable => {
                host.log(
                    Level::Error,
                    "sforce.opencti is not available on this page".into(),
                );
                self.view.opencti_available = false;
                self.salesforce_resolved = true;
                self.settle_ccp(host);
                self.release_early(host);
            }
            Event::ConfigLoaded { text, origin } => self.on_config(host, &text, origin),
            Event::ConfigFailed { code, description } => {
                host.log(
                    Level::Error,
                    format!("runApex {}: {code} {description}", config::APEX_CLASS),
                );
                self.config_failed(host, ConfigFailure::Salesforce { code, description });
            }
            Event::CachedConfig {
                call_center,
                text,
                saved_at_ms,
            } => {
                host.log(
                    Level::Info,
                    format!("configuration of {call_center} kept from this session"),
                );
                self.cached = Some((call_center, text, saved_at_ms));
                if self.config.is_none() {
                    self.use_cached(host);
                }
            }
            Event::BootAddress { ccp_url, region } => {
                self.boot_address = Some(CcpConfig {
                    ccp_url,
                    region,
                    login_url: None,
                    login_popup: false,
                    medialess: false,
                    ringtone_url: None,
                });
                self.settle_ccp(host);
            }
            Event::CcpInitialized => {
                host.log(Level::Info, "CCP initialized".into());
                if self.view.ccp != CcpStatus::SignedIn {
                    self.view.ccp = CcpStatus::Connecting;
                }
            }
            Event::AgentRefreshed(agent) => self.on_agent(host, agent),
            Event::Contact(kind, contact) => self.on_contact(host, kind, contact),
            Event::CcpTerminated => {
                host.log(
                    Level::Warn,
                    "CCP terminated (signed out); Streams reloads it".into(),
                );
                self.signed_out(host, CcpStatus::Reconnecting);
            }
            Event::CcpUnreachable => {
                host.log(
                    Level::Error,
                    "CCP unreachable: iframe retries exhausted".into(),
                );
                self.signed_out(host, CcpStatus::Unreachable);
            }
            Event::ClickToDial {
                number,
                record_id,
                object_type,
            } => {
                host.log(
                    Level::Info,
                    format!("click-to-dial {number:?} from {object_type:?} {record_id:?}"),
                );
                self.on_click_to_dial(host, number);
            }
            Event::DialSucceeded { number } => host.log(Level::Info, format!("dialling {number}")),
            Event::DialFailed { number, reason } => {
                host.log(Level::Error, format!("dial {number} failed: {reason}"));
                self.notify(
                    Severity::Error,
                    NoticeKind::DialFailed {
                        number: number.to_string(),
                        reason,
                    },
                );
            }
            Event::SalesforceFailed {
                operation,
                code,
                description,
            } => {
                host.log(
                    Level::Error,
                    format!(
                        "Open CTI {} failed: {code} {description}",
                        operation.as_str()
                    ),
                );
                self.notify(
                    Severity::Error,
                    NoticeKind::SalesforceFailed {
                        operation,
                        code,
                        description,
                    },
                );
                if operation == SalesforceOp::GetCallCenterSettings {
                    self.salesforce_resolved = true;
                    self.settle_ccp(host);
                    self.release_early(host);
                }
            }
            Event::DismissNotice(id) => self.view.notices.retain(|notice| notice.id != id),
            Event::AgentStateChanged { old, new } => {
                host.log(Level::Info, format!("agent state {old} -> {new}"))
            }
            Event::ChooseAgentState(name) => {
                let offered = self
                    .view
                    .agent
                    .as_ref()
                    .is_some_and(|a| a.states.iter().any(|(n, _)| *n == name));
                if offered {
                    host.log(Level::Info, format!("agent chose {name}"));
                    host.set_agent_state(&name);
                } else {
                    self.notify(Severity::Error, NoticeKind::UnknownAgentState { name });
                }
            }
            Event::AcceptContact(contact_id) => {
                let ringing = self.view.contacts.iter().any(|c| {
                    c.contact.contact_id == contact_id
                        && matches!(
                            c.contact.state,
                            ContactState::Incoming | ContactState::Connecting
                        )
                });
                if ringing {
                    host.accept_contact(&contact_id);
                } else {
                    host.log(
                        Level::Warn,
                        format!("accept ignored: {contact_id} is not ringing"),
                    );
                }
            }
            Event::ClearContact(contact_id) => {
                let finished =
                    self.view.contacts.iter().any(|c| {
                        c.contact.contact_id == contact_id && !c.contact.state.is_active()
                    });
                if finished {
                    host.clear_contact(&contact_id);
                } else {
                    host.log(
                        Level::Warn,
                        format!("clear ignored: {contact_id} is still active"),
                    );
                }
            }
            Event::ConnectActionFailed { action, reason } => {
                host.log(
                    Level::Error,
                    format!("Connect refused {}: {reason}", action.as_str()),
                );
                self.notify(
                    Severity::Error,
                    NoticeKind::ConnectActionFailed { action, reason },
                );
            }
        }
    }

    fn on_settings(&mut self, host: &mut impl Host, map: &BTreeMap<String, String>) {
        let (loaded, problems) = settings::from_call_center(map);
        for problem in problems {
            host.log(
                Level::Error,
                format!("call center setting {}: {:?}", problem.key, problem.kind),
            );
            self.notify(Severity::Error, NoticeKind::Settings(problem));
        }
        let call_center = loaded.call_center.clone();
        self.settings = Some(loaded);
        if call_center.is_empty() {
            self.config_failed(host, ConfigFailure::NoCallCenter);
        } else {
            host.log(
                Level::Info,
                format!("loading the adapter configuration of {call_center}"),
            );
            host.load_config(&call_center, 0);
        }
    }

    fn call_center(&self) -> Option<&str> {
        self.settings
            .as_ref()
            .map(|s| s.call_center.as_str())
            .filter(|c| !c.is_empty())
    }

    /// Events that need Salesforce context wait until a configuration is in use or Salesforce
    /// has answered (or never will).
    fn ready(&self) -> bool {
        self.config.is_some() || self.salesforce_resolved
    }

    fn on_config(&mut self, host: &mut impl Host, text: &str, origin: ConfigOrigin) {
        let expected = match origin {
            ConfigOrigin::Salesforce => self.call_center().map(str::to_owned),
            _ => None,
        };
        let parsed = config::parse(text, expected.as_deref());
        for problem in &parsed.problems {
            let level = match problem.severity {
                config::Severity::Error => Level::Error,
                config::Severity::Warning => Level::Warn,
            };
            host.log(
                level,
                format!(
                    "configuration {}: {}",
                    problem.at.path(),
                    problem.kind.as_str()
                ),
            );
        }
        self.view.config.problems = parsed.problems;
        match parsed.config {
            Some(config) => {
                let at = host.epoch_ms();
                host.log(
                    Level::Info,
                    format!(
                        "configuration of {} loaded ({origin:?})",
                        config.adapter.call_center_name
                    ),
                );
                if origin == ConfigOrigin::Salesforce {
                    self.config_attempts = 0;
                    self.salesforce_resolved = true;
                    let call_center =
                        expected.unwrap_or_else(|| config.adapter.call_center_name.clone());
                    host.save_config(&call_center, text, at);
                    self.cached = Some((call_center, text.to_owned(), at));
                }
                self.apply(host, config, origin, at);
            }
            None if origin == ConfigOrigin::Salesforce => {
                self.config_failed(host, ConfigFailure::Document)
            }
            None => {}
        }
    }

    /// Puts a configuration in use: the CCP starts from it if it has not started yet.
    fn apply(
        &mut self,
        host: &mut impl Host,
        config: AdapterConfig,
        origin: ConfigOrigin,
        at: f64,
    ) {
        let adapter = &config.adapter;
        // Without Open CTI there is no panel to size; the banner already says so.
        if self.view.opencti_available
            && (adapter.softphone_width.is_some() || adapter.softphone_height.is_some())
        {
            host.set_panel_size(adapter.softphone_width, adapter.softphone_height);
        }
        self.view.config.summary = Some(ConfigSummary {
            adapter_id: adapter.id.clone(),
            adapter_name: adapter.name.clone(),
            call_center: adapter.call_center_name.clone(),
            attributes: config.attributes.len(),
            presence_rules: config.presence_rules.len(),
            flows: config.flows.len(),
            popout_enabled: adapter.popout_enabled,
        });
        self.view.config.status = ConfigStatus::Loaded { origin, at_ms: at };
        self.config = Some((config, origin, at));
        self.settle_ccp(host);
        self.release_early(host);
    }

    /// Uses the session's last good configuration, when it is for this call center.
    fn use_cached(&mut self, host: &mut impl Host) {
        let Some((call_center, text, saved_at)) = self.cached.clone() else {
            return;
        };
        if self.call_center().is_some_and(|c| c != call_center) {
            return;
        }
        let problems = std::mem::take(&mut self.view.config.problems);
        let parsed = config::parse(&text, None);
        match parsed.config {
            Some(config) => {
                host.log(
                    Level::Warn,
                    format!("using the configuration of {call_center} kept from this session"),
                );
                if problems.is_empty() {
                    self.view.config.problems = parsed.problems;
                } else {
                    // The failed document's problems are what the admin must fix.
                    self.view.config.problems = problems;
                }
                self.apply(host, config, ConfigOrigin::Session, saved_at);
            }
            None => self.view.config.problems = problems,
        }
    }

    fn config_failed(&mut self, host: &mut impl Host, failure: ConfigFailure) {
        self.config_attempts += 1;
        self.salesforce_resolved = true;
        if self.config.is_none() {
            self.use_cached(host);
        }
        let retry_in_ms = match (&failure, self.call_center()) {
            (ConfigFailure::NoCallCenter, _) | (_, None) => None,
            _ => Some(backoff_ms(self.config_attempts)),
        };
        host.log(
            Level::Warn,
            format!(
                "no configuration from Salesforce ({failure:?}); attempt {}, next in {retry_in_ms:?} ms",
                self.config_attempts
            ),
        );
        self.view.config.status = ConfigStatus::Failing {
            failure,
            using: self.config.as_ref().map(|(_, origin, at)| (*origin, *at)),
            attempts: self.config_attempts,
            retry_in_ms,
        };
        if let (Some(delay), Some(call_center)) =
            (retry_in_ms, self.call_center().map(str::to_owned))
        {
            host.load_config(&call_center, delay);
        }
        self.settle_ccp(host);
        self.release_early(host);
    }

    /// Starts the CCP from the best address known: the configuration, then (once Salesforce has
    /// answered) the call center settings, then the page's boot address.
    fn settle_ccp(&mut self, host: &mut impl Host) {
        let from_config = self
            .config
            .as_ref()
            .and_then(|(config, _, _)| config.adapter.ccp.clone());
        let from_settings = self
            .settings
            .as_ref()
            .filter(|_| self.salesforce_resolved)
            .and_then(|s| {
                s.ccp_url.clone().map(|ccp_url| CcpConfig {
                    ccp_url,
                    region: s.region.clone(),
                    login_url: s.login_url.clone(),
                    login_popup: false,
                    medialess: false,
                    ringtone_url: None,
                })
            });
        match &self.ccp_started {
            Some(started) => {
                if let Some(wanted) = from_config
                    && wanted != *started
                    && !self.reload_noticed
                {
                    host.log(
                        Level::Warn,
                        format!(
                            "the CCP runs with {started:?}; the configuration now says {wanted:?}"
                        ),
                    );
                    self.reload_noticed = true;
                    self.notify(Severity::Warning, NoticeKind::ConfigNeedsReload);
                }
            }
            None => match from_config
                .or(from_settings)
                .or_else(|| self.boot_address.clone())
            {
                Some(ccp) => {
                    host.log(Level::Info, format!("starting the CCP at {}", ccp.ccp_url));
                    host.start_ccp(&ccp);
                    self.view.ccp_config = Some(ccp.clone());
                    self.ccp_started = Some(ccp);
                    if matches!(
                        self.view.ccp,
                        CcpStatus::LoadingSettings | CcpStatus::NotConfigured
                    ) {
                        self.view.ccp = CcpStatus::Connecting;
                    }
                }
                None if self.salesforce_resolved => {
                    self.view.ccp = CcpStatus::NotConfigured;
                    if self.view.opencti_available && !self.no_address_noticed {
                        self.no_address_noticed = true;
                        self.notify(Severity::Error, NoticeKind::NoCcpAddress);
                    }
                }
                None => {}
            },
        }
    }

    /// Handles the events queued while waiting for settings (also when they will never come).
    fn release_early(&mut self, host: &mut impl Host) {
        if !self.ready() {
            return;
        }
        for event in std::mem::take(&mut self.early) {
            if self.settings.is_none() && self.config.is_none() {
                // Handled without settings: the contact is shown, and nothing pops.
                match event {
                    Event::Contact(kind, contact) => self.on_contact(host, kind, contact),
                    Event::ClickToDial { number, .. } => self.on_click_to_dial(host, number),
                    other => self.handle(host, other),
                }
            } else {
                self.handle(host, event);
            }
        }
    }

    fn on_agent(&mut self, host: &mut impl Host, agent: AgentSnapshot) {
        let previous = self.view.agent.as_ref().map(|a| a.state_name.clone());
        if previous.as_deref() != Some(agent.state_name.as_str()) {
            host.log(
                Level::Info,
                format!("agent state {previous:?} -> {}", agent.state_name),
            );
        }
        let known_before = self.view.agent.as_ref().map(|a| a.state_type.as_str());
        if agent.state_kind == AgentStateKind::Unknown && known_before != Some(&agent.state_type) {
            host.log(
                Level::Warn,
                format!(
                    "agent state {} has a type Streams does not document: {:?}",
                    agent.state_name, agent.state_type
                ),
            );
        }
        let signed_in = agent.state_kind != AgentStateKind::Init;
        self.view.agent = Some(agent);
        if signed_in && self.view.ccp != CcpStatus::SignedIn {
            self.view.ccp = CcpStatus::SignedIn;
            // Without Open CTI the banner says so once; no Salesforce call is attempted.
            if !self.view.click_to_dial && self.view.opencti_available {
                self.view.click_to_dial = true;
                host.set_click_to_dial(true);
            }
        }
    }

    fn signed_out(&mut self, host: &mut impl Host, status: CcpStatus) {
        self.view.ccp = status;
        if self.view.click_to_dial {
            self.view.click_to_dial = false;
            host.set_click_to_dial(false);
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

/// Waiting time before configuration attempt `attempt` (1-based): 2 s, doubling, at most 5 min.
fn backoff_ms(attempt: u32) -> u32 {
    2_000u32
        .saturating_mul(1 << attempt.saturating_sub(1).min(16))
        .min(300_000)
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
