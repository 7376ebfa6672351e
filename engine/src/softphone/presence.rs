//! Presence sync in the softphone: Connect and Omni-Channel events into `presence::Presence`, its actions carried out by the leading tab.

use super::{CallError, Softphone, TabRole};
use crate::contact::{AgentSnapshot, AgentStateKind};
use crate::host::{Host, Level};
use crate::notice::{NoticeKind, Severity};
use crate::presence::{
    Action, Catalog, ConnectStatus, ConnectStatusKind, Input, Output, Presence, PresenceConfig,
    SalesforceStatus, Side, TimerKind, World,
};

/// The Apex class and method that answer the Omni-Channel presence statuses as JSON
/// `[{"id", "developerName", "label"}]` (Omni's console API lists none).
pub const PRESENCE_STATUSES_APEX: (&str, &str) = ("CtiPresenceStatuses", "getStatuses");

/// The Apex class and method that answer an accepted work's service channel as JSON
/// `{"developerName": "…"|null}` (Omni's WORK_ACCEPTED names only the work).
pub const SERVICE_CHANNEL_APEX: (&str, &str) = ("CtiPresenceStatuses", "getServiceChannel");

/// A timer may fire this much before its due time (clocks of different resolution).
const TIMER_SLACK_MS: u64 = 2;

/// Presence sync of one softphone page.
#[derive(Default)]
pub(super) struct Sync {
    /// Runs once the configuration, the Omni statuses and the agent are known.
    machine: Option<Presence>,
    statuses: Option<Vec<SalesforceStatus>>,
    asked: bool,
    /// The Omni status as last read or reported (`None`: logged out), for the machine's start.
    omni: Option<String>,
    /// Armed timers and when each is due (host ms): a replaced timer that fires is ignored.
    due: Vec<(TimerKind, u64)>,
    /// The agent was seen signed out on this page: the next sign-in is a session start.
    signed_out: bool,
    /// Diagnostics already shown to the agent (each once per page).
    shown: Vec<String>,
    /// The session watcher was opened (or refused) from this page.
    watching: bool,
}

impl Softphone {
    /// A configuration went into use: the machine follows it.
    pub(super) fn presence_configured(&mut self, host: &mut impl Host) {
        let config = self.config().map(PresenceConfig::from_config);
        if let (Some(machine), Some(config)) = (self.presence.machine.as_mut(), config) {
            machine.set_config(config);
        }
        self.presence_start(host);
    }

    pub(super) fn on_presence_catalog(
        &mut self,
        host: &mut impl Host,
        answer: Result<String, CallError>,
    ) {
        match answer
            .map_err(|e| e.code)
            .and_then(|text| parse_statuses(&text).ok_or_else(|| "unreadable answer".to_owned()))
        {
            Ok(statuses) => {
                host.log(
                    Level::Info,
                    format!("presence: {} Omni-Channel statuses", statuses.len()),
                );
                self.presence.statuses = Some(statuses);
                self.presence_catalog_changed();
                self.presence_start(host);
            }
            Err(why) => host.log(
                Level::Warn,
                format!("presence: Omni-Channel statuses not loaded ({why}); sync is off"),
            ),
        }
    }

    /// SetAgentStatusOnSessionEnd needs a window that outlives the Salesforce tabs: the leading
    /// tab offers the agent the session watcher once they are signed in (until it is opened).
    pub(super) fn offer_session_watcher(&mut self) {
        let wanted = self
            .config()
            .is_some_and(|c| c.features.session_end.is_some());
        let signed_in = self.view.agent.as_ref().is_some_and(signed_in);
        self.view.offer_session_watcher =
            wanted && signed_in && self.flows.role == TabRole::Leader && !self.presence.watching;
    }

    /// The agent opened the session watcher (or another tab's is reused).
    pub(super) fn open_session_watcher(&mut self, host: &mut impl Host) {
        if self.view.offer_session_watcher {
            self.presence.watching = true;
            self.view.offer_session_watcher = false;
            host.watch_session();
        }
    }

    /// The watcher is already open: nothing to offer.
    pub(super) fn on_session_watcher_running(&mut self) {
        self.presence.watching = true;
        self.offer_session_watcher();
    }

    pub(super) fn on_session_watcher_blocked(&mut self, host: &mut impl Host) {
        self.presence.watching = false;
        self.offer_session_watcher();
        host.log(
            Level::Warn,
            "session watcher blocked: session end cannot set the Connect status".into(),
        );
        self.notify(Severity::Warning, NoticeKind::SessionWatcherBlocked);
    }

    /// Whether an accepted work's service channel must be looked up first: this tab acts on
    /// presence, and a Work Accepted rule reads the channel.
    pub(super) fn presence_needs_channel(&self) -> bool {
        let reads_channel = |rule: &crate::config::PresenceRule| {
            rule.event == crate::config::PresenceEvent::SalesforceWorkAccepted
                && [&rule.operand_a, &rule.operand_b]
                    .contains(&&crate::config::Operand::SalesforceServiceChannel)
        };
        self.flows.role == TabRole::Leader
            && self
                .presence
                .machine
                .as_ref()
                .is_some_and(|m| m.config().rules.iter().any(reads_channel))
    }

    /// The service channel of an accepted work is known (or cannot be): presence sync gets the
    /// Work Accepted event now, with the channel's DeveloperName or without one.
    pub(super) fn on_service_channel(
        &mut self,
        host: &mut impl Host,
        work_id: &str,
        answer: Result<String, CallError>,
    ) {
        let read = answer.map_err(|e| e.code).and_then(|text| {
            parse_service_channel(&text).ok_or_else(|| "unreadable answer".to_owned())
        });
        let service_channel = match read {
            Ok(Some(channel)) => Some(channel),
            Ok(None) => {
                host.log(
                    Level::Warn,
                    format!("presence: work {work_id} has no service channel the agent can read"),
                );
                None
            }
            Err(why) => {
                host.log(
                    Level::Warn,
                    format!("presence: service channel of work {work_id} not found ({why})"),
                );
                None
            }
        };
        self.presence_input(host, Input::WorkAccepted { service_channel });
    }

    pub(super) fn on_omni_status_read(&mut self, host: &mut impl Host, status: Option<String>) {
        host.log(
            Level::Debug,
            format!(
                "presence: Omni-Channel status “{}”",
                status.as_deref().unwrap_or("")
            ),
        );
        self.presence.omni.clone_from(&status);
        if let Some(machine) = self.presence.machine.as_mut() {
            machine.set_state(Side::Salesforce, status);
        }
    }

    /// After each agent snapshot: the machine starts, learns the statuses, or sees a sign-in.
    pub(super) fn presence_agent(&mut self, host: &mut impl Host, was_signed_in: bool) {
        let signed_in = self.view.agent.as_ref().is_some_and(signed_in);
        self.offer_session_watcher();
        if self.presence.machine.is_none() {
            return self.presence_start(host);
        }
        self.presence_catalog_changed();
        if signed_in && !was_signed_in && self.presence.signed_out {
            self.presence.signed_out = false;
            let connect_state = self.view.agent.as_ref().map(|a| a.state_name.clone());
            let connect_state = connect_state.unwrap_or_default();
            self.presence_input(host, Input::SessionStart { connect_state });
        }
    }

    pub(super) fn on_presence_timer(&mut self, host: &mut impl Host, kind: TimerKind) {
        let now = now(host);
        let Some(at) = self
            .presence
            .due
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|d| d.1)
        else {
            return;
        };
        if at > now + TIMER_SLACK_MS {
            return; // a timer this one replaced
        }
        self.presence.due.retain(|(k, _)| *k != kind);
        self.presence_input_at(host, now.max(at), Input::Timer(kind));
    }

    pub(super) fn on_presence_failed(&mut self, host: &mut impl Host, side: Side, reason: String) {
        let name = match side {
            Side::Connect => "Connect",
            Side::Salesforce => "Omni-Channel",
        };
        host.log(Level::Warn, format!("presence: {name} refused: {reason}"));
        self.presence_input(host, Input::Failed(side));
    }

    /// A refused `setState` is presence sync's when it waits for a Connect change.
    pub(super) fn presence_connect_refused(&mut self, host: &mut impl Host) {
        if self
            .presence
            .machine
            .as_ref()
            .is_some_and(|m| m.awaiting(Side::Connect))
        {
            self.presence_input(host, Input::Failed(Side::Connect));
        }
    }

    /// One input to the machine: handled in the leading tab; the others only follow the states
    /// so that a new leader starts from them.
    pub(super) fn presence_input(&mut self, host: &mut impl Host, input: Input) {
        let now = now(host);
        self.presence_input_at(host, now, input);
    }

    fn presence_input_at(&mut self, host: &mut impl Host, now: u64, input: Input) {
        let report = reported(&input);
        if let Some((Side::Salesforce, state)) = &report {
            self.presence.omni.clone_from(state);
        }
        let Some(machine) = self.presence.machine.as_mut() else {
            return;
        };
        if self.flows.role != TabRole::Leader {
            if let Some((side, state)) = report {
                machine.set_state(side, state);
            }
            return;
        }
        let outputs = machine.handle(now, input);
        for output in outputs {
            self.presence_output(host, now, output);
        }
    }

    fn presence_output(&mut self, host: &mut impl Host, now: u64, output: Output) {
        // Actions and diagnostics are logged; notes and timers are not (they would link
        // every note's text into the bundle for a debug line).
        match output {
            Output::Act { .. } => host.log(Level::Info, crate::presence::log_line(&output)),
            Output::Diagnose { .. } => host.log(Level::Warn, crate::presence::log_line(&output)),
            _ => {}
        }
        match output {
            Output::Act { action, .. } => match action {
                Action::SetSalesforceStatus { status_id, .. } => host.set_omni_status(&status_id),
                Action::SetConnectState { state } => host.set_agent_state(&state),
                Action::SalesforceLogout => host.omni_logout(),
                Action::ConnectLogout => host.connect_logout(),
            },
            Output::Diagnose { diagnostic, .. } => {
                let about = diagnostic.about();
                if !self.presence.shown.contains(&about) {
                    self.presence.shown.push(about);
                    self.notify(Severity::Warning, NoticeKind::PresenceSync(diagnostic));
                }
            }
            Output::Arm(timer) => {
                self.presence.due.retain(|(k, _)| *k != timer.kind);
                self.presence.due.push((timer.kind, timer.at_ms));
                let delay = u32::try_from(timer.at_ms.saturating_sub(now)).unwrap_or(u32::MAX);
                host.presence_timer(delay, timer.kind);
            }
            Output::Cancel(kind) => self.presence.due.retain(|(k, _)| *k != kind),
            Output::Note(_) => {}
        }
    }

    /// The agent signed out of Connect.
    pub(super) fn presence_signed_out(&mut self, host: &mut impl Host) {
        self.presence.signed_out = true;
        self.presence_input(host, Input::ConnectLogout);
    }

    /// Starts the machine once everything it needs is known. The Omni statuses are asked for
    /// once, when a configuration is in use, the CCP has delivered the agent (so Salesforce work
    /// never competes with the CCP's start) and Salesforce has answered for the configuration
    /// (one `runApex` at a time), and only inside Salesforce.
    pub(super) fn presence_start(&mut self, host: &mut impl Host) {
        let ready =
            self.config().is_some() && self.view.agent.is_some() && self.salesforce_resolved;
        if ready && !self.presence.asked && self.view.opencti_available {
            self.presence.asked = true;
            host.load_presence_statuses();
            host.read_omni_status();
        }
        if self.presence.machine.is_some() {
            return;
        }
        let (Some(config), Some(agent), Some(_)) = (
            self.config(),
            self.view.agent.as_ref(),
            self.presence.statuses.as_ref(),
        ) else {
            return;
        };
        let connect = signed_in(agent).then(|| agent.state_name.clone());
        let config = PresenceConfig::from_config(config);
        if connect.is_none() {
            self.presence.signed_out = true;
        }
        let machine = Presence::new(
            config,
            self.presence_catalog(),
            connect,
            self.presence.omni.clone(),
        );
        let on = if machine.config().sync_enabled {
            "on"
        } else {
            "off"
        };
        host.log(
            Level::Info,
            format!("presence: sync starts (Presence Sync Enabled {on})"),
        );
        self.presence.machine = Some(machine);
    }

    /// What a companion window (the admin's rule simulator, the session watcher) starts from:
    /// the configuration document in use, and both systems as this page sees them now (`None`
    /// before both are known).
    pub fn companion_start(&self) -> Option<(&str, World)> {
        let (_, text, _) = self.cached.as_ref()?;
        let agent = self.view.agent.as_ref()?;
        let world = World {
            catalog: self.presence_catalog(),
            connect: agent.state_name.clone(),
            salesforce: self.presence.omni.clone(),
        };
        Some((text, world))
    }

    fn presence_catalog(&self) -> Catalog {
        let agent = self.view.agent.as_ref();
        Catalog {
            salesforce_statuses: self.presence.statuses.clone().unwrap_or_default(),
            connect_statuses: agent.map_or(Vec::new(), |a| {
                a.states
                    .iter()
                    .filter_map(|(name, kind)| connect_status(name, *kind))
                    .collect()
            }),
            routing_profile: agent.and_then(|a| a.routing_profile.clone()),
        }
    }

    fn presence_catalog_changed(&mut self) {
        let catalog = self.presence_catalog();
        if let Some(machine) = self.presence.machine.as_mut()
            && *machine.catalog() != catalog
        {
            machine.set_catalog(catalog);
        }
    }
}

fn signed_in(agent: &AgentSnapshot) -> bool {
    agent.state_kind != AgentStateKind::Init
}

/// Host time as whole milliseconds (the machine reads no float).
fn now(host: &impl Host) -> u64 {
    host.now_ms().max(0.0) as u64
}

fn connect_status(name: &str, kind: AgentStateKind) -> Option<ConnectStatus> {
    let kind = match kind {
        AgentStateKind::Routable => ConnectStatusKind::Routable,
        AgentStateKind::NotRoutable => ConnectStatusKind::NotRoutable,
        AgentStateKind::Offline => ConnectStatusKind::Offline,
        _ => return None,
    };
    Some(ConnectStatus {
        name: name.to_owned(),
        kind,
    })
}

/// The state an input reports for its side (`None` inside: signed out).
fn reported(input: &Input) -> Option<(Side, Option<String>)> {
    match input {
        Input::ConnectStateChange { new_state, .. } => {
            Some((Side::Connect, Some(new_state.clone())))
        }
        Input::SessionStart { connect_state } => Some((Side::Connect, Some(connect_state.clone()))),
        Input::ConnectLogout => Some((Side::Connect, None)),
        Input::SalesforceStatusChange { developer_name } => {
            Some((Side::Salesforce, Some(developer_name.clone())))
        }
        Input::SalesforceLogout => Some((Side::Salesforce, None)),
        _ => None,
    }
}

/// `{"developerName": "…"|null}`: `Some(None)` when no channel was found, `None` when unreadable.
fn parse_service_channel(text: &str) -> Option<Option<String>> {
    let value = crate::json::parse(text).ok()?;
    match value.get("developerName")? {
        crate::json::Value::Null => Some(None),
        name => Some(Some(name.as_str().filter(|n| !n.is_empty())?.to_owned())),
    }
}

/// `[{"id", "developerName", "label"}]` as `CtiPresenceStatuses.getStatuses` answers it.
pub fn parse_statuses(text: &str) -> Option<Vec<SalesforceStatus>> {
    let value = crate::json::parse(text).ok()?;
    let field = |status: &crate::json::Value, key: &str| {
        status.get(key).and_then(|v| v.as_str()).map(str::to_owned)
    };
    value
        .as_array()?
        .iter()
        .map(|status| {
            Some(SalesforceStatus {
                id: field(status, "id")?,
                developer_name: field(status, "developerName")?,
                label: field(status, "label").unwrap_or_default(),
            })
        })
        .collect()
}
