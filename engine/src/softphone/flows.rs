//! CTI flows in the softphone: which flow an event runs, runs parked on host calls, and the checks
//! and notices around the calls flows make.
//
// Exactly once: a contact event's flow runs at most once per contact (Streams replays contacts
// when the CCP reconnects), and only in the tab that leads (`TabRole`); Salesforce UI events
// belong to the tab they happened in. Events that arrive before the configuration is in use, or
// before the tabs have chosen a leader, wait in `Flows::waiting` and run once both are known.

use std::collections::VecDeque;
use std::rc::Rc;

use super::{CcpStatus, Softphone};
use crate::config::FlowSource;
use crate::contact::{Channel, ContactEvent, ContactSnapshot};
use crate::flow::{Answer, Data, DefaultFlow, End, EndReason, Flow, HostCall, Options, Run, Step};
use crate::host::{ConnectAction, Host, Level, SalesforceOp};
use crate::notice::{NoticeKind, Severity};
use crate::phone;

/// How many (contact, event) pairs are remembered for exactly-once.
const RAN_MEMORY: usize = 512;
/// Triggers kept while waiting for the configuration or the tab election.
const WAITING_LIMIT: usize = 256;
/// Block lines logged per run; a long loop logs its start and its end, not 10,000 lines.
const LOG_LINES_PER_RUN: usize = 200;

/// This tab's part among the softphones open in one browser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TabRole {
    /// Runs the flows of Connect events (the only tab, or the elected one).
    Leader,
    /// Another tab leads; this one shows contacts and runs only its own Salesforce UI events.
    Follower,
    /// The election is under way: Connect events wait.
    Electing,
}

/// Salesforce UI events other than click-to-dial (which has its own `Event`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UiEvent {
    /// `onNavigationChange`: the agent moved to another page, tab or record.
    NavigationChange,
    /// `hvs.onWorkStart`: High Velocity Sales work began (`workId`, `completeWorkWhen`).
    HvsWorkStart,
}

impl UiEvent {
    fn event_name(self) -> &'static str {
        match self {
            UiEvent::NavigationChange => "onNavigationChange",
            UiEvent::HvsWorkStart => "onHvsWorkStart",
        }
    }
}

/// The Salesforce-side error of a failed host call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallError {
    pub code: String,
    pub description: String,
}

/// An event that may run a flow.
#[derive(Clone, Debug)]
pub(super) struct Trigger {
    /// `None`: an event no configuration can bind (email contacts); only defaults run.
    pub source: Option<FlowSource>,
    pub event: &'static str,
    pub contact: Option<ContactSnapshot>,
    /// `$.payload`; `None` for a contact event, whose payload is the contact itself.
    pub payload: Option<Data>,
    /// Connect events are seen by every tab; only the leader runs them.
    pub elected: bool,
}

/// The flow runs of one softphone.
pub(super) struct Flows {
    pub role: TabRole,
    properties: crate::flow::Properties,
    parked: Vec<Parked>,
    next_ticket: u64,
    ran: VecDeque<(String, &'static str)>,
    waiting: Vec<Trigger>,
    initialized: bool,
}

/// A run waiting for the answer to `call`.
struct Parked {
    ticket: u64,
    call: HostCall,
    active: Active,
}

struct Active {
    run: Run,
    name: String,
    contact: Option<ContactSnapshot>,
    logged: usize,
    /// When the run started (host clock): a call unanswered past the flow timeout ends it.
    started_ms: f64,
}

impl Default for Flows {
    fn default() -> Self {
        Flows {
            role: TabRole::Leader,
            properties: Default::default(),
            parked: Vec::new(),
            next_ticket: 1,
            ran: VecDeque::new(),
            waiting: Vec::new(),
            initialized: false,
        }
    }
}

/// The names `Flows::ran` holds: contact events, and `number` (the caller's number was checked).
const REMEMBERED: &[&str] = &[
    "onIncoming",
    "onPending",
    "onConnecting",
    "onConnected",
    "onAccepted",
    "onMissed",
    "onEnded",
    "onDestroy",
    "number",
];

impl Flows {
    /// True the first time this contact raises this event here (in this page or, through the
    /// session copy, before a reload).
    pub(super) fn first_time(&mut self, contact_id: &str, event: &'static str) -> bool {
        if self
            .ran
            .iter()
            .any(|(id, e)| id == contact_id && *e == event)
        {
            return false;
        }
        if self.ran.len() == RAN_MEMORY {
            self.ran.pop_front();
        }
        self.ran.push_back((contact_id.to_owned(), event));
        true
    }

    /// Drops what `first_time` remembers of a contact.
    fn forget(&mut self, contact_id: &str) {
        self.ran.retain(|(id, _)| id != contact_id);
    }

    /// `ran` as text for the session: one `contactId<TAB>event` line each.
    pub(super) fn memory_text(&self) -> String {
        let mut text = String::new();
        for (id, event) in &self.ran {
            text.push_str(id);
            text.push('\t');
            text.push_str(event);
            text.push('\n');
        }
        text
    }

    /// Takes back what `memory_text` wrote before a reload; unknown lines are skipped.
    fn restore(&mut self, text: &str) -> usize {
        let mut restored = 0;
        for line in text.lines() {
            let Some((id, event)) = line.split_once('\t') else {
                continue;
            };
            let Some(event) = REMEMBERED.iter().find(|known| **known == event) else {
                continue;
            };
            if !id.is_empty() && self.first_time(id, event) {
                restored += 1;
            }
        }
        restored
    }
}

/// The adapter's event name for a Streams contact event; `None` when it names none.
pub(super) fn contact_event_name(kind: ContactEvent) -> Option<&'static str> {
    Some(match kind {
        ContactEvent::Incoming => "onIncoming",
        ContactEvent::Pending => "onPending",
        ContactEvent::Connecting => "onConnecting",
        ContactEvent::Connected => "onConnected",
        ContactEvent::Accepted => "onAccepted",
        ContactEvent::Missed => "onMissed",
        ContactEvent::Ended => "onEnded",
        ContactEvent::Destroyed => "onDestroy",
        ContactEvent::Refresh => "onRefresh",
        ContactEvent::Init | ContactEvent::AfterCallWork => return None,
    })
}

/// Events that run their flow every time, not once per contact.
fn repeats(event: &str) -> bool {
    matches!(event, "onRefresh" | "onViewContact") || super::messages::is_message_event(event)
}

/// The configuration source of a contact's channel.
pub(super) fn contact_source(channel: &Channel) -> Option<FlowSource> {
    match channel {
        Channel::Voice => Some(FlowSource::ConnectVoiceContact),
        Channel::QueueCallback => Some(FlowSource::ConnectQueueCallbackContact),
        Channel::Chat => Some(FlowSource::ConnectChatContact),
        Channel::Task => Some(FlowSource::ConnectTaskContact),
        Channel::Email | Channel::Other(_) => None,
    }
}

/// The built-in flows and the events they serve when the configuration binds no flow to any of
/// those events of the source (so a configured pop on one event is not doubled by a default on
/// another). `None` as source: contacts no configuration can bind (email).
const DEFAULTS: &[(Option<FlowSource>, &[&str], DefaultFlow)] = &[
    (
        Some(FlowSource::ConnectVoiceContact),
        &["onConnecting"],
        DefaultFlow::VoiceScreenPop,
    ),
    (
        Some(FlowSource::ConnectQueueCallbackContact),
        &["onIncoming"],
        DefaultFlow::CallbackScreenPop,
    ),
    (
        Some(FlowSource::ConnectChatContact),
        &["onConnecting"],
        DefaultFlow::DigitalScreenPop,
    ),
    (
        Some(FlowSource::ConnectTaskContact),
        &["onIncoming", "onConnecting"],
        DefaultFlow::DigitalScreenPop,
    ),
    (
        None,
        &["onIncoming", "onConnecting"],
        DefaultFlow::DigitalScreenPop,
    ),
    (
        Some(FlowSource::SalesforceUi),
        &["onClickToDial"],
        DefaultFlow::ClickToDial,
    ),
];

/// A contact as flows read it (`$.contact`), in the shape of the adapter's contact data.
fn contact_data(contact: &ContactSnapshot) -> Data {
    let attributes = contact.attributes.iter().map(|(key, value)| {
        let attribute = Data::object([
            ("name", Data::text(key.as_str())),
            ("value", Data::text(value.as_str())),
        ]);
        (key.clone(), attribute)
    });
    Data::object([
        ("contactId", Data::text(contact.contact_id.as_str())),
        ("type", Data::text(contact.channel.as_str())),
        ("state", Data::text(contact.state.as_str())),
        (
            "initiationMethod",
            Data::text(contact.initiation_method.to_ascii_uppercase()),
        ),
        ("queueName", Data::from(contact.queue_name.clone())),
        ("phoneNumber", Data::from(contact.customer_phone.clone())),
        ("customerName", Data::from(contact.customer_name.clone())),
        ("attributes", Data::object(attributes)),
    ])
}

impl Softphone {
    /// Ends the runs still waiting for an answer past the flow timeout (a call whose answer
    /// never comes must not hold a run, or its contact's later flows, forever).
    fn sweep_parked(&mut self, host: &mut impl Host) {
        let now = host.now_ms();
        let late = |p: &Parked| now - p.active.started_ms >= crate::flow::TIMEOUT_MS;
        if !self.flows.parked.iter().any(late) {
            return;
        }
        let (gone, waiting): (Vec<_>, Vec<_>) = std::mem::take(&mut self.flows.parked)
            .into_iter()
            .partition(late);
        self.flows.parked = waiting;
        for Parked {
            call, mut active, ..
        } in gone
        {
            host.log(
                Level::Warn,
                format!("[FLOW] [{}] {} never answered", active.name, call.name()),
            );
            active.run.resume(Answer::failed(Data::text("no answer")));
            self.drive(host, active);
        }
    }

    /// Runs the flow an event binds (or its default), now or once the softphone may.
    pub(super) fn trigger(&mut self, host: &mut impl Host, trigger: Trigger) {
        self.sweep_parked(host);
        if !self.flows_may_run(&trigger) {
            if self.flows.waiting.len() == WAITING_LIMIT {
                let dropped = self.flows.waiting.remove(0);
                host.log(
                    Level::Warn,
                    format!("[FLOW] too many waiting events; dropped {}", dropped.event),
                );
            }
            self.flows.waiting.push(trigger);
            return;
        }
        if trigger.elected && self.flows.role == TabRole::Follower {
            host.log(
                Level::Debug,
                format!("[FLOW] {}: another tab runs it", trigger.event),
            );
            return;
        }
        if !self.view.opencti_available || (self.settings.is_none() && self.config.is_none()) {
            host.log(
                Level::Info,
                format!(
                    "[FLOW] {}: not inside Salesforce, no flow runs",
                    trigger.event
                ),
            );
            return;
        }
        // Refreshes, views and websocket items repeat by nature: each one runs its flow.
        if let Some(contact) = &trigger.contact
            && !repeats(trigger.event)
        {
            if !self.flows.first_time(&contact.contact_id, trigger.event) {
                host.log(
                    Level::Debug,
                    format!(
                        "[FLOW] {} of {} already handled",
                        trigger.event, contact.contact_id
                    ),
                );
                return;
            }
            // Streams never raises a destroyed contact's events again (a reload replays live
            // contacts only): its lines go, so the session copy holds the live contacts alone.
            if trigger.event == "onDestroy" {
                self.flows.forget(&contact.contact_id);
            }
            host.save_flow_memory(&self.flows.memory_text());
        }
        if let Some((flow, name)) = self.flow_for(&trigger) {
            self.start_run(host, flow, name, trigger);
        }
    }

    fn flows_may_run(&self, trigger: &Trigger) -> bool {
        self.ready() && !(trigger.elected && self.flows.role == TabRole::Electing)
    }

    /// Runs what waited, once the configuration is in use and the tabs have a leader; the first
    /// time, the Initialization source's `onInit` runs first.
    pub(super) fn release_flows(&mut self, host: &mut impl Host) {
        if !self.ready() {
            return;
        }
        if !self.flows.initialized {
            self.flows.initialized = true;
            let init = Trigger {
                source: Some(FlowSource::Initialization),
                event: "onInit",
                contact: None,
                payload: Some(Data::object::<&str>([])),
                elected: false,
            };
            self.trigger(host, init);
        }
        let (now, later): (Vec<_>, Vec<_>) = std::mem::take(&mut self.flows.waiting)
            .into_iter()
            .partition(|t| self.flows_may_run(t));
        self.flows.waiting = later;
        for trigger in now {
            self.trigger(host, trigger);
        }
    }

    /// A Salesforce UI event runs its flow in this tab: it happened here.
    pub(super) fn on_salesforce_ui(&mut self, host: &mut impl Host, event: UiEvent, payload: Data) {
        let trigger = Trigger {
            source: Some(FlowSource::SalesforceUi),
            event: event.event_name(),
            contact: None,
            payload: Some(payload),
            elected: false,
        };
        self.trigger(host, trigger);
    }

    /// What an earlier page of this tab handled (Streams replays a live contact's state to a
    /// reloaded page: its `onConnected` flow must not run twice).
    pub(super) fn on_flow_memory(&mut self, host: &mut impl Host, text: &str) {
        let restored = self.flows.restore(text);
        host.log(
            Level::Info,
            format!("[FLOW] {restored} contact events were handled before the reload"),
        );
    }

    pub(super) fn on_tab_role(&mut self, host: &mut impl Host, role: TabRole) {
        if self.flows.role != role {
            let name = match role {
                TabRole::Leader => "leads: runs the flows of Connect events",
                TabRole::Follower => "follows: another tab runs the flows of Connect events",
                TabRole::Electing => "is electing a tab to run flows",
            };
            host.log(Level::Info, format!("this tab {name}"));
        }
        self.flows.role = role;
        self.release_flows(host);
        self.offer_session_watcher();
    }

    /// The configuration's flow for the event, else the default that serves it.
    fn flow_for(&self, trigger: &Trigger) -> Option<(Rc<Flow>, String)> {
        let flows = self.config().map(|c| c.flows.as_slice()).unwrap_or(&[]);
        let bound = |event: &str| {
            flows
                .iter()
                .find(|f| Some(f.source) == trigger.source && f.event == event)
        };
        if let Some(flow) = bound(trigger.event) {
            let name = flow.body.name().unwrap_or(&flow.name);
            return Some((flow.body.clone(), name.to_owned()));
        }
        let (_, events, default) = DEFAULTS.iter().find(|(source, events, _)| {
            *source == trigger.source && events.contains(&trigger.event)
        })?;
        if events.iter().any(|event| bound(event).is_some()) {
            return None;
        }
        let flow = default.flow()?;
        let name = flow.name().unwrap_or_default().to_owned();
        Some((flow, name))
    }

    fn start_run(&mut self, host: &mut impl Host, flow: Rc<Flow>, name: String, trigger: Trigger) {
        let contact = trigger.contact.as_ref();
        host.log(
            Level::Info,
            format!(
                "[FLOW] [{name}] starts on {}{}",
                trigger.event,
                contact.map_or(String::new(), |c| format!(" of {}", c.contact_id))
            ),
        );
        // Built only once a flow runs. A contact event's payload is the contact itself;
        // `parsedNumber` comes from the number read for the caller check (so `Run::new` does
        // not read it again).
        let mut payload = trigger.payload;
        let contact_data = match contact {
            Some(contact) => {
                let mut data = contact_data(contact);
                payload.get_or_insert_with(|| data.clone());
                let raw = contact.customer_phone.as_deref().map(str::trim);
                if let Some(Ok(parsed)) = raw.filter(|r| !r.is_empty()).map(|r| self.read_number(r))
                {
                    let number = Data::object([
                        ("phone", Data::text(parsed.number.as_str())),
                        ("country", Data::text(parsed.country)),
                    ]);
                    data.set("parsedNumber".into(), number);
                }
                data
            }
            None => Data::Null,
        };
        let input = Data::object([
            ("payload", payload.unwrap_or(Data::Null)),
            ("contact", contact_data),
        ]);
        let options = Options {
            name: Rc::from(name.as_str()),
            default_country: Rc::from(self.default_country()),
        };
        let run = Run::new(flow, input, options, host.now_ms());
        let active = Active {
            run,
            name,
            contact: trigger.contact,
            logged: 0,
            started_ms: host.now_ms(),
        };
        self.drive(host, active);
    }

    /// Steps a run until it waits for the host or ends.
    fn drive(&mut self, host: &mut impl Host, mut active: Active) {
        loop {
            match active.run.step(host.now_ms(), &mut self.flows.properties) {
                Step::Log(line) => {
                    active.logged += 1;
                    if active.logged <= LOG_LINES_PER_RUN {
                        host.log(Level::Info, line.to_string());
                    }
                }
                Step::Call(call) => {
                    let ticket = self.flows.next_ticket;
                    self.flows.next_ticket += 1;
                    match self.perform(host, ticket, &call, &active) {
                        Err(answer) => active.run.resume(answer),
                        Ok(call) => {
                            let parked = Parked {
                                ticket,
                                call,
                                active,
                            };
                            self.flows.parked.push(parked);
                            return;
                        }
                    }
                }
                Step::Done(end) => return self.ended(host, &active, &end),
                // Never: a run is driven only when it is not waiting. Said rather than hidden.
                Step::Waiting => {
                    return host.log(
                        Level::Error,
                        format!("[FLOW] [{}] driven while waiting: run dropped", active.name),
                    );
                }
            }
        }
    }

    fn ended(&mut self, host: &mut impl Host, active: &Active, end: &End) {
        let name = &active.name;
        if active.logged > LOG_LINES_PER_RUN {
            host.log(
                Level::Info,
                format!(
                    "[FLOW] [{name}] {} block lines not shown",
                    active.logged - LOG_LINES_PER_RUN
                ),
            );
        }
        let level = match end.reason {
            EndReason::Finished | EndReason::Unconnected { .. } => Level::Info,
            _ => Level::Warn,
        };
        host.log(
            level,
            format!(
                "[FLOW] [{name}] ends at {} after {} steps: {}",
                end.block,
                end.steps,
                end.reason.as_str()
            ),
        );
        if level == Level::Warn {
            self.notify(
                Severity::Warning,
                NoticeKind::FlowStopped {
                    flow: name.clone(),
                    block: end.block.to_string(),
                    reason: end.reason.as_str().to_owned(),
                },
            );
        }
    }

    /// The host's answer to a parked run's call.
    pub(super) fn on_flow_answer(
        &mut self,
        host: &mut impl Host,
        ticket: u64,
        result: Result<Data, CallError>,
    ) {
        self.sweep_parked(host);
        let Some(at) = self.flows.parked.iter().position(|p| p.ticket == ticket) else {
            host.log(Level::Warn, format!("[FLOW] answer {ticket} has no run"));
            return;
        };
        let Parked {
            call, mut active, ..
        } = self.flows.parked.remove(at);
        let answer = match result {
            Ok(value) => {
                if let HostCall::Dial { phone_number, .. } = &call {
                    host.log(Level::Info, format!("dialling {phone_number}"));
                }
                Answer::ok(value)
            }
            Err(error) => {
                self.call_failed(host, &call, &error);
                Answer::failed(Data::object([
                    ("code", Data::text(error.code)),
                    ("description", Data::text(error.description)),
                ]))
            }
        };
        active.run.resume(answer);
        self.drive(host, active);
    }

    /// Logs a failed call and tells the agent what Salesforce or Connect refused.
    fn call_failed(&mut self, host: &mut impl Host, call: &HostCall, error: &CallError) {
        let CallError { code, description } = error.clone();
        host.log(
            Level::Error,
            format!("{} failed: {code}: {description}", call.name()),
        );
        let kind = match (salesforce_op(call), call) {
            (Some(operation), _) => NoticeKind::SalesforceFailed {
                operation,
                code,
                description,
            },
            (None, HostCall::Dial { phone_number, .. }) => NoticeKind::DialFailed {
                number: phone_number.clone(),
                reason: description,
            },
            (None, _) => NoticeKind::ConnectActionFailed {
                action: ConnectAction::UpdateAttributes,
                reason: description,
            },
        };
        self.notify(Severity::Error, kind);
    }

    /// Checks a call and makes it (the call as made), or refuses it here with the run's answer.
    fn perform(
        &mut self,
        host: &mut impl Host,
        ticket: u64,
        call: &HostCall,
        active: &Active,
    ) -> Result<HostCall, Answer> {
        let refused = |reason: &str| Err(Answer::failed(Data::text(reason)));
        match call {
            HostCall::Dial {
                phone_number,
                queue_arn,
            } => return self.dial(host, ticket, phone_number, queue_arn.as_deref()),
            HostCall::SearchAndScreenPop { search_params, .. }
                if search_params.trim().is_empty() =>
            {
                host.log(
                    Level::Warn,
                    format!("[FLOW] [{}] nothing to search for", active.name),
                );
                if let Some(contact) = &active.contact {
                    self.notify(
                        Severity::Warning,
                        NoticeKind::NothingToPop {
                            contact_id: contact.contact_id.clone(),
                            channel: contact.channel.as_str().to_owned(),
                        },
                    );
                }
                return refused("empty search");
            }
            HostCall::ScreenPopObject { record_id }
                if !super::is_salesforce_id(record_id.trim()) =>
            {
                host.log(
                    Level::Warn,
                    format!("[FLOW] [{}] not a record id: “{record_id}”", active.name),
                );
                self.notify(
                    Severity::Warning,
                    NoticeKind::InvalidRecordId {
                        flow: active.name.clone(),
                        value: record_id.clone(),
                    },
                );
                return refused("not a record id");
            }
            HostCall::UpdateContactAttributes { attributes, .. } => {
                use super::connect_api::{NO_INSTANCE, update_attributes};
                let agent = self.view.agent.as_ref();
                let agent_queue = agent.and_then(|a| a.outbound_queue_arn.as_deref());
                let contact = active.contact.as_ref();
                let Some(made) =
                    contact.and_then(|c| update_attributes(c, agent_queue, attributes))
                else {
                    let description = NO_INSTANCE.to_owned();
                    let code = "NO_INSTANCE".to_owned();
                    self.call_failed(host, call, &CallError { code, description });
                    return refused(NO_INSTANCE);
                };
                host.flow_call(ticket, &made);
                return Ok(made);
            }
            _ => {}
        }
        host.flow_call(ticket, call);
        Ok(call.clone())
    }

    /// Dials only when signed in and the number reads as E.164; the agent's outbound queue when
    /// the flow names none.
    fn dial(
        &mut self,
        host: &mut impl Host,
        ticket: u64,
        input: &str,
        queue_arn: Option<&str>,
    ) -> Result<HostCall, Answer> {
        if self.view.ccp != CcpStatus::SignedIn {
            let input = input.to_owned();
            self.notify(Severity::Error, NoticeKind::DialWhileSignedOut { input });
            return Err(Answer::failed(Data::text("signed out")));
        }
        let number = match phone::normalize(input, &self.default_country()) {
            Ok(number) => number,
            Err(error) => {
                host.log(
                    Level::Warn,
                    format!("not dialling “{input}”: {}", error.as_str()),
                );
                let reason = error.as_str();
                let input = input.to_owned();
                self.notify(
                    Severity::Error,
                    NoticeKind::UndialableNumber { input, error },
                );
                return Err(Answer::failed(Data::text(reason)));
            }
        };
        let queue = queue_arn.map(str::to_owned).or_else(|| {
            self.view
                .agent
                .as_ref()
                .and_then(|a| a.outbound_queue_arn.clone())
        });
        host.log(
            Level::Info,
            format!("dial {number} on queue {}", queue.as_deref().unwrap_or("-")),
        );
        let call = HostCall::Dial {
            phone_number: number.as_str().to_owned(),
            queue_arn: queue,
        };
        host.flow_call(ticket, &call);
        Ok(call)
    }
}

/// The Salesforce operation a call performs, for its failure notice; `None` for Connect's.
fn salesforce_op(call: &HostCall) -> Option<SalesforceOp> {
    Some(match call {
        HostCall::SearchAndScreenPop { .. } => SalesforceOp::SearchAndScreenPop,
        HostCall::ScreenPopObject { .. } | HostCall::ScreenPopNewRecord { .. } => {
            SalesforceOp::ScreenPop
        }
        HostCall::SaveLog { .. } => SalesforceOp::SaveLog,
        HostCall::RunApex { .. } => SalesforceOp::RunApex,
        HostCall::CompleteHvsWork { .. } => SalesforceOp::CompleteHvsWork,
        HostCall::Dial { .. } | HostCall::UpdateContactAttributes { .. } => return None,
    })
}
