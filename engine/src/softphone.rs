//! The softphone's state machine: Connect and Salesforce events in, host calls and a `View` out.
//!
//! Invariant: every input is an `Event`, handled to completion by `Softphone::handle`; side
//! effects only go through the `Host` traits, so the whole behaviour is tested natively.

use std::collections::{BTreeMap, VecDeque};

use crate::contact::{
    AgentSnapshot, AgentStateKind, Channel, ContactEvent, ContactSnapshot, ContactState,
};
use crate::host::{CallType, Host, Level, ScreenPop};
use crate::notice::{Notice, NoticeKind, Severity};
use crate::phone::{self, E164};
use crate::settings::{self, Settings};

/// Everything that can happen to the softphone.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// `getCallCenterSettings` answered with its flat key → value map.
    SettingsLoaded(BTreeMap<String, String>),
    /// `sforce.opencti` is missing from the page: not inside Salesforce.
    OpenCtiUnavailable,
    /// `initCCP` was called with this address (from boot metadata or the settings).
    CcpStarted { ccp_url: String },
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
        action: &'static str,
        reason: String,
    },
    /// A Salesforce call failed; `operation` is the API method.
    SalesforceFailed {
        operation: &'static str,
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
            },
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

    /// Handles one event to completion.
    pub fn handle(&mut self, host: &mut impl Host, event: Event) {
        let needs_settings = matches!(event, Event::Contact(..) | Event::ClickToDial { .. });
        let settings_expected =
            self.view.opencti_available && self.view.ccp != CcpStatus::NotConfigured;
        if needs_settings && self.settings.is_none() && settings_expected {
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
                if self.view.ccp == CcpStatus::LoadingSettings {
                    self.view.ccp = CcpStatus::NotConfigured;
                }
                self.release_early(host);
            }
            Event::CcpStarted { ccp_url } => {
                host.log(Level::Info, format!("starting the CCP at {ccp_url}"));
                if matches!(
                    self.view.ccp,
                    CcpStatus::LoadingSettings | CcpStatus::NotConfigured
                ) {
                    self.view.ccp = CcpStatus::Connecting;
                }
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
                    format!("Open CTI {operation} failed: {code} {description}"),
                );
                if operation == "getCallCenterSettings" {
                    if self.view.ccp == CcpStatus::LoadingSettings {
                        self.view.ccp = CcpStatus::NotConfigured;
                    }
                    self.release_early(host);
                }
                self.notify(
                    Severity::Error,
                    NoticeKind::SalesforceFailed {
                        operation,
                        code,
                        description,
                    },
                );
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
                host.log(Level::Error, format!("Connect refused {action}: {reason}"));
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
        match loaded {
            Some(loaded) => {
                host.log(
                    Level::Info,
                    format!("settings loaded: CCP {}", loaded.ccp_url),
                );
                self.settings = Some(loaded);
                if self.view.ccp == CcpStatus::LoadingSettings {
                    self.view.ccp = CcpStatus::Connecting;
                }
                self.release_early(host);
            }
            None => self.view.ccp = CcpStatus::NotConfigured,
        }
    }

    /// Handles the events queued while waiting for settings (also when they will never come).
    fn release_early(&mut self, host: &mut impl Host) {
        for event in std::mem::take(&mut self.early) {
            if self.settings.is_none() {
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

    fn on_contact(&mut self, host: &mut impl Host, kind: ContactEvent, contact: ContactSnapshot) {
        host.log(
            Level::Info,
            format!(
                "{} {} {} ({})",
                kind.as_str(),
                contact.channel.as_str(),
                contact.contact_id,
                contact.state.as_str()
            ),
        );
        let now = host.now_ms();
        match kind {
            ContactEvent::Destroyed => {
                self.view
                    .contacts
                    .retain(|c| c.contact.contact_id != contact.contact_id);
                return;
            }
            _ => self.upsert(contact.clone(), now),
        }
        let pops_now = match (&contact.channel, kind) {
            (Channel::Voice, ContactEvent::Connecting) => !contact.is_outbound(),
            (Channel::QueueCallback, ContactEvent::Incoming | ContactEvent::Connecting) => true,
            (
                Channel::Chat | Channel::Task | Channel::Email,
                ContactEvent::Incoming | ContactEvent::Connecting,
            ) => true,
            _ => false,
        };
        if pops_now && self.first_pop(&contact.contact_id) {
            self.pop(host, &contact);
        }
    }

    fn upsert(&mut self, contact: ContactSnapshot, now: f64) {
        let state_since_ms = now - contact.state_duration_ms.max(0.0);
        match self
            .view
            .contacts
            .iter_mut()
            .find(|c| c.contact.contact_id == contact.contact_id)
        {
            Some(existing) => {
                if existing.contact.state != contact.state {
                    existing.state_since_ms = state_since_ms;
                }
                existing.contact = contact;
            }
            None => self.view.contacts.push(ContactView {
                contact,
                state_since_ms,
            }),
        }
    }

    /// True the first time a contact id is seen here; Streams may replay contacts after the CCP
    /// reconnects, and the agent must get exactly one pop per contact.
    fn first_pop(&mut self, contact_id: &str) -> bool {
        if self.popped.iter().any(|id| id == contact_id) {
            return false;
        }
        if self.popped.len() == POPPED_MEMORY {
            self.popped.pop_front();
        }
        self.popped.push_back(contact_id.to_owned());
        true
    }

    fn pop(&mut self, host: &mut impl Host, contact: &ContactSnapshot) {
        let Some(settings) = self.settings.clone() else {
            return;
        };
        match contact.channel {
            Channel::Voice | Channel::QueueCallback => {
                let Some(raw) = contact
                    .customer_phone
                    .as_deref()
                    .filter(|n| !n.trim().is_empty())
                else {
                    host.log(
                        Level::Info,
                        format!("{}: no caller number, no pop", contact.contact_id),
                    );
                    return;
                };
                match phone::normalize(raw, &settings.default_country) {
                    Ok(number) => host.search_and_screen_pop(number.as_str(), CallType::Inbound),
                    Err(error) => {
                        host.log(
                            Level::Warn,
                            format!("caller number {raw:?}: {}", error.as_str()),
                        );
                        self.notify(
                            Severity::Warning,
                            NoticeKind::UnparseableCallerNumber {
                                input: raw.to_owned(),
                                error,
                            },
                        );
                        host.search_and_screen_pop(raw.trim(), CallType::Inbound);
                    }
                }
            }
            _ => self.pop_digital(host, contact, &settings),
        }
    }

    /// Chat, task and email: a record id attribute pops the record, else search by the best
    /// customer identifier the contact carries.
    fn pop_digital(
        &mut self,
        host: &mut impl Host,
        contact: &ContactSnapshot,
        settings: &Settings,
    ) {
        let attribute = |name: &str| {
            contact
                .attributes
                .get(name)
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
        };
        if let Some(record_id) = attribute(&settings.record_attribute) {
            if is_salesforce_id(record_id) {
                host.screen_pop(ScreenPop::Record {
                    record_id: record_id.to_owned(),
                });
                return;
            }
            host.log(
                Level::Warn,
                format!(
                    "attribute {} is not a record id: {record_id:?}",
                    settings.record_attribute
                ),
            );
            self.notify(
                Severity::Warning,
                NoticeKind::InvalidRecordId {
                    attribute: settings.record_attribute.clone(),
                    value: record_id.to_owned(),
                },
            );
        }
        let identifier = attribute(&settings.search_attribute)
            .or_else(|| {
                ["emailAddress", "email", "Email", "customerEmail"]
                    .into_iter()
                    .find_map(attribute)
            })
            .or_else(|| {
                contact
                    .customer_name
                    .as_deref()
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
            })
            .or_else(|| {
                contact
                    .customer_phone
                    .as_deref()
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
            });
        match identifier {
            Some(term) => host.search_and_screen_pop(term, CallType::Inbound),
            None => self.notify(
                Severity::Warning,
                NoticeKind::NothingToPop {
                    contact_id: contact.contact_id.clone(),
                    channel: contact.channel.as_str().to_owned(),
                },
            ),
        }
    }

    fn on_click_to_dial(&mut self, host: &mut impl Host, input: String) {
        host.show_panel();
        if self.view.ccp != CcpStatus::SignedIn {
            self.notify(Severity::Error, NoticeKind::DialWhileSignedOut { input });
            return;
        }
        let country = self
            .settings
            .as_ref()
            .map_or("US", |s| s.default_country.as_str())
            .to_owned();
        match phone::normalize(&input, &country) {
            Ok(number) => {
                let queue = self
                    .view
                    .agent
                    .as_ref()
                    .and_then(|a| a.outbound_queue_arn.clone());
                host.log(Level::Info, format!("dial {number} on queue {queue:?}"));
                host.dial(&number, queue.as_deref());
            }
            Err(error) => {
                host.log(
                    Level::Warn,
                    format!("not dialling {input:?}: {}", error.as_str()),
                );
                self.notify(
                    Severity::Error,
                    NoticeKind::UndialableNumber { input, error },
                );
            }
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

/// A 15- or 18-character Salesforce record id.
pub fn is_salesforce_id(value: &str) -> bool {
    matches!(value.len(), 15 | 18) && value.bytes().all(|b| b.is_ascii_alphanumeric())
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
