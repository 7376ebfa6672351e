//! Shared by the softphone tests: a host that records every call, and event builders.
#![allow(dead_code, unused_imports)]

pub use std::collections::BTreeMap;

pub use engine::config::CcpConfig;
pub use engine::flow::{Data, HostCall};
pub use engine::phone::PhoneError;
pub use engine::presence::{Side, TimerKind};
pub use engine::{
    AgentSnapshot, AgentStateKind, CallError, CcpStatus, Channel, Clock, ConfigFailure,
    ConfigOrigin, ConfigStatus, Connect, ConnectAction, ContactEvent, ContactSnapshot,
    ContactState, Event, FlowCalls, Level, Log, MessageTopic, NoticeKind, Salesforce, SalesforceOp,
    Softphone, Store, TabRole, Timers, UiEvent,
};

pub const FIXTURE: &str = include_str!(
    "../../../visualforce/force-app/main/default/staticresources/CtiAdapterConfigFixture.json"
);
pub const FIXTURE_CCP: &str = "https://example-contact-center.my.connect.aws/ccp-v2/";

/// What the engine asked the host to do, in order.
#[derive(Debug, PartialEq)]
pub enum Call {
    Dial(String, Option<String>),
    SetState(String),
    Accept(String),
    Clear(String),
    /// `searchAndScreenPop`: search term and call type.
    Search(String, String),
    /// `screenPop` of one record.
    Pop(String),
    /// Any other call a flow made: its `<api>.<method>` name and arguments as JSON.
    Flow(&'static str, String),
    ClickToDial(bool),
    ShowPanel,
    StartCcp(String),
    PanelSize(Option<u32>, Option<u32>),
    LoadConfig(String, u32),
    SaveConfig(String),
    ConnectLogout,
    LoadPresenceStatuses,
    FindServiceChannel(String),
    WatchSession,
    ReadOmniStatus,
    /// `set_omni_status` with the status id.
    SetOmniStatus(String),
    OmniLogout,
    /// `presence_timer`: delay and kind.
    PresenceTimer(u32, TimerKind),
}

#[derive(Default)]
pub struct Recorder {
    pub calls: Vec<Call>,
    /// The ticket of each flow call, in order; answer with `Event::FlowAnswered`.
    pub tickets: Vec<u64>,
    /// What the engine last kept with `save_flow_memory`.
    pub flow_memory: String,
    pub logs: Vec<(Level, String)>,
    pub now: f64,
}

impl Connect for Recorder {
    fn start_ccp(&mut self, ccp: &CcpConfig) {
        self.calls.push(Call::StartCcp(ccp.ccp_url.clone()));
    }
    fn set_agent_state(&mut self, name: &str) {
        self.calls.push(Call::SetState(name.to_owned()));
    }
    fn accept_contact(&mut self, contact_id: &str) {
        self.calls.push(Call::Accept(contact_id.to_owned()));
    }
    fn clear_contact(&mut self, contact_id: &str) {
        self.calls.push(Call::Clear(contact_id.to_owned()));
    }
    fn connect_logout(&mut self) {
        self.calls.push(Call::ConnectLogout);
    }
    fn watch_session(&mut self) {
        self.calls.push(Call::WatchSession);
    }
}
impl Timers for Recorder {
    fn presence_timer(&mut self, delay_ms: u32, kind: TimerKind) {
        self.calls.push(Call::PresenceTimer(delay_ms, kind));
    }
}
impl Salesforce for Recorder {
    fn set_click_to_dial(&mut self, enabled: bool) {
        self.calls.push(Call::ClickToDial(enabled));
    }
    fn show_panel(&mut self) {
        self.calls.push(Call::ShowPanel);
    }
    fn set_panel_size(&mut self, width: Option<u32>, height: Option<u32>) {
        self.calls.push(Call::PanelSize(width, height));
    }
    fn load_config(&mut self, call_center: &str, delay_ms: u32) {
        self.calls
            .push(Call::LoadConfig(call_center.to_owned(), delay_ms));
    }
    fn load_presence_statuses(&mut self) {
        self.calls.push(Call::LoadPresenceStatuses);
    }
    fn find_service_channel(&mut self, work_id: &str) {
        self.calls
            .push(Call::FindServiceChannel(work_id.to_owned()));
    }
    fn read_omni_status(&mut self) {
        self.calls.push(Call::ReadOmniStatus);
    }
    fn set_omni_status(&mut self, status_id: &str) {
        self.calls.push(Call::SetOmniStatus(status_id.to_owned()));
    }
    fn omni_logout(&mut self) {
        self.calls.push(Call::OmniLogout);
    }
}
/// The WHATWG URL parser the browser uses, as the `url` crate implements it.
impl engine::host::UrlParser for Recorder {
    fn parse(&self, text: &str) -> Option<engine::overlay::ParsedUrl> {
        let url = url::Url::parse(text).ok()?;
        Some(engine::overlay::ParsedUrl {
            href: url.as_str().to_owned(),
            scheme: url.scheme().to_owned(),
            host: url.host_str().unwrap_or_default().to_owned(),
        })
    }
}
impl FlowCalls for Recorder {
    fn flow_call(&mut self, ticket: u64, call: &HostCall) {
        self.tickets.push(ticket);
        self.calls.push(match call {
            HostCall::SearchAndScreenPop {
                search_params,
                call_type,
                ..
            } => Call::Search(search_params.clone(), call_type.clone()),
            HostCall::ScreenPopObject { record_id } => Call::Pop(record_id.clone()),
            HostCall::Dial {
                phone_number,
                queue_arn,
            } => Call::Dial(phone_number.clone(), queue_arn.clone()),
            other => Call::Flow(other.name(), other.args().to_json()),
        });
    }
}
impl Store for Recorder {
    fn save_config(&mut self, call_center: &str, _text: &str, _saved_at_ms: f64) {
        self.calls.push(Call::SaveConfig(call_center.to_owned()));
    }
    fn save_flow_memory(&mut self, text: &str) {
        self.flow_memory = text.to_owned();
    }
}
impl Clock for Recorder {
    fn now_ms(&self) -> f64 {
        self.now
    }
    fn epoch_ms(&self) -> f64 {
        1_700_000_000_000.0 + self.now
    }
}
impl Log for Recorder {
    fn log(&mut self, level: Level, message: String) {
        self.logs.push((level, message));
    }
}

pub fn settings_event() -> Event {
    let map: BTreeMap<String, String> = [
        ("/reqGeneralInfo/reqInternalName", "ConnectSoftphone"),
        ("/reqConnect/reqCcpUrl", "http://127.0.0.1:8711/ccp-v2/"),
        ("/reqConnect/reqDefaultCountry", "US"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    Event::SettingsLoaded(map)
}

pub fn agent(state: &str, kind: AgentStateKind) -> AgentSnapshot {
    AgentSnapshot {
        name: "Test Agent".into(),
        state_name: state.into(),
        state_kind: kind,
        state_type: format!("{kind:?}").to_lowercase(),
        outbound_queue_arn: Some("arn:queue/out".into()),
        states: vec![
            ("Available".into(), AgentStateKind::Routable),
            ("Lunch".into(), AgentStateKind::NotRoutable),
            ("Offline".into(), AgentStateKind::Offline),
        ],
        routing_profile: Some("Basic Routing Profile".into()),
    }
}

/// The playground's Amazon Connect instance, as the ARNs of its queues begin.
pub const INSTANCE_ARN: &str =
    "arn:aws:connect:us-west-2:123456789012:instance/5a1c1d0e-0c4b-4b7a-9d8e-2f3a4b5c6d7e";

pub fn contact(
    id: &str,
    channel: Channel,
    state: ContactState,
    phone: Option<&str>,
    attrs: &[(&str, &str)],
) -> ContactSnapshot {
    ContactSnapshot {
        contact_id: id.into(),
        initial_contact_id: Some(id.into()),
        channel,
        state,
        initiation_method: "inbound".into(),
        queue_name: Some("BasicQueue".into()),
        queue_arn: Some(format!("{INSTANCE_ARN}/queue/basic")),
        attributes: attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        customer_phone: phone.map(str::to_owned),
        customer_name: None,
        state_duration_ms: 0.0,
        attributes_error: None,
    }
}

/// A softphone with settings loaded, the fixture without flows (so the default flows run) and
/// the agent signed in; the recorder starts empty.
pub fn signed_in() -> (Softphone, Recorder) {
    signed_in_with(fixture_with("/flows", serde_json::json!([])))
}

/// `signed_in` with this configuration document.
pub fn signed_in_with(config: String) -> (Softphone, Recorder) {
    let mut softphone = Softphone::new();
    let mut host = Recorder::default();
    softphone.handle(&mut host, settings_event());
    softphone.handle(&mut host, config_loaded(config));
    softphone.handle(&mut host, Event::CcpInitialized);
    softphone.handle(
        &mut host,
        Event::AgentRefreshed(agent("Available", AgentStateKind::Routable)),
    );
    host.calls.clear();
    (softphone, host)
}

/// `runApex` answered the contract fixture.
pub fn fixture_loaded() -> Event {
    config_loaded(FIXTURE.to_owned())
}

pub fn config_loaded(text: String) -> Event {
    Event::ConfigLoaded {
        text,
        origin: ConfigOrigin::Salesforce,
    }
}

/// The fixture with one JSON pointer set to `value`.
pub fn fixture_with(pointer: &str, value: serde_json::Value) -> String {
    let mut doc: serde_json::Value = serde_json::from_str(FIXTURE).unwrap();
    *doc.pointer_mut(pointer).unwrap() = value;
    doc.to_string()
}

pub fn apex_failed() -> Event {
    Event::ConfigFailed {
        code: "SERVER_ERROR".into(),
        description: "Could not load Apex class: CtiAdapterConfig.".into(),
    }
}

/// A click on a phone number that carries no record context.
pub fn click(number: &str) -> Event {
    Event::ClickToDial {
        number: number.into(),
        record_id: None,
        record_name: None,
        object_type: None,
    }
}

/// Answers the host's last flow call.
pub fn answer_last(
    softphone: &mut Softphone,
    host: &mut Recorder,
    result: Result<Data, CallError>,
) {
    let ticket = *host.tickets.last().expect("a flow call to answer");
    softphone.handle(host, Event::FlowAnswered { ticket, result });
}

pub fn voice(id: &str, phone: &str) -> ContactSnapshot {
    contact(
        id,
        Channel::Voice,
        ContactState::Connecting,
        Some(phone),
        &[],
    )
}

/// What the host was asked to do, minus logs: the calls of one kind.
pub fn calls_of(host: &Recorder, pick: fn(&Call) -> bool) -> Vec<&Call> {
    host.calls.iter().filter(|c| pick(c)).collect()
}
