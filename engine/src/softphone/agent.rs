//! The CCP and the agent: sign-in, states the agent chooses, Connect's refusals.

use super::flows::Trigger;
use super::{CcpStatus, Softphone};
use crate::config::FlowSource;
use crate::contact::{AgentSnapshot, AgentStateKind};
use crate::flow::Data;
use crate::host::{ConnectAction, Host, Level};
use crate::notice::{NoticeKind, Severity};

impl Softphone {
    pub(super) fn on_ccp_initialized(&mut self, host: &mut impl Host) {
        host.log(Level::Info, "CCP initialized".into());
        if self.view.ccp != CcpStatus::SignedIn {
            self.view.ccp = CcpStatus::Connecting;
        }
    }

    pub(super) fn on_ccp_terminated(&mut self, host: &mut impl Host) {
        host.log(
            Level::Warn,
            "CCP terminated (signed out); Streams reloads it".into(),
        );
        self.signed_out(host, CcpStatus::Reconnecting);
        self.presence_signed_out(host);
    }

    pub(super) fn on_ccp_unreachable(&mut self, host: &mut impl Host) {
        host.log(
            Level::Error,
            "CCP unreachable: iframe retries exhausted".into(),
        );
        self.signed_out(host, CcpStatus::Unreachable);
    }

    /// Only states Connect offers this agent are asked for.
    pub(super) fn on_choose_agent_state(&mut self, host: &mut impl Host, name: String) {
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

    pub(super) fn on_connect_refused(
        &mut self,
        host: &mut impl Host,
        action: ConnectAction,
        reason: String,
    ) {
        host.log(
            Level::Error,
            format!("Connect refused {}: {reason}", action.as_str()),
        );
        if action == ConnectAction::SetState {
            self.presence_connect_refused(host);
        }
        self.notify(
            Severity::Error,
            NoticeKind::ConnectActionFailed { action, reason },
        );
    }

    pub(super) fn on_agent(&mut self, host: &mut impl Host, agent: AgentSnapshot) {
        let previous = self.view.agent.as_ref().map(|a| a.state_name.clone());
        if previous.as_deref() != Some(agent.state_name.as_str()) {
            host.log(
                Level::Info,
                format!(
                    "agent state {} -> {}",
                    previous.as_deref().unwrap_or("none"),
                    agent.state_name
                ),
            );
        }
        let known_before = self.view.agent.as_ref().map(|a| a.state_type.as_str());
        if agent.state_kind == AgentStateKind::Unknown && known_before != Some(&agent.state_type) {
            host.log(
                Level::Warn,
                format!(
                    "agent state {} has a type Streams does not document: “{}”",
                    agent.state_name, agent.state_type
                ),
            );
        }
        let signed_in = agent.state_kind != AgentStateKind::Init;
        let first = self.view.agent.is_none();
        let was_signed_in = self
            .view
            .agent
            .as_ref()
            .is_some_and(|a| a.state_kind != AgentStateKind::Init);
        let payload = agent_data(&agent);
        self.view.agent = Some(agent);
        if first {
            self.agent_flow(host, "onInit", payload.clone());
        }
        self.agent_flow(host, "onRefresh", payload);
        self.presence_agent(host, was_signed_in);
        if signed_in && self.view.ccp != CcpStatus::SignedIn {
            self.view.ccp = CcpStatus::SignedIn;
            // Without Open CTI the banner says so once; no Salesforce call is attempted.
            if !self.view.click_to_dial && self.view.opencti_available {
                self.view.click_to_dial = true;
                host.set_click_to_dial(true);
            }
        }
    }

    /// Streams' `agent::state_change`: `onStateChange`, then the event of the new state's type.
    pub(super) fn on_agent_state_changed(
        &mut self,
        host: &mut impl Host,
        old: String,
        new: String,
    ) {
        host.log(Level::Info, format!("agent state {old} -> {new}"));
        let input = crate::presence::Input::ConnectStateChange {
            old_state: old.clone(),
            new_state: new.clone(),
        };
        self.presence_input(host, input);
        let kind = self.view.agent.as_ref().and_then(|agent| {
            let current = (agent.state_name == new).then_some(agent.state_kind);
            current.or_else(|| {
                agent
                    .states
                    .iter()
                    .find(|(n, _)| *n == new)
                    .map(|(_, k)| *k)
            })
        });
        let by_kind = match kind {
            _ if new == "AfterCallWork" => Some("onAfterCallWork"),
            Some(AgentStateKind::Routable) => Some("onRoutable"),
            Some(AgentStateKind::NotRoutable) => Some("onNotRoutable"),
            Some(AgentStateKind::Offline) => Some("onOffline"),
            Some(AgentStateKind::Error) => Some("onError"),
            _ => None,
        };
        let mut payload = self.view.agent.as_ref().map_or(Data::Null, agent_data);
        if payload.is_null() {
            payload = Data::object::<&str>([]);
        }
        payload.set("oldState".into(), Data::text(old));
        payload.set("newState".into(), Data::text(new));
        self.agent_flow(host, "onStateChange", payload.clone());
        if let Some(event) = by_kind {
            self.agent_flow(host, event, payload);
        }
    }

    fn agent_flow(&mut self, host: &mut impl Host, event: &'static str, payload: Data) {
        let trigger = Trigger {
            source: Some(FlowSource::ConnectAgent),
            event,
            contact: None,
            payload: Some(payload),
            elected: true,
        };
        self.trigger(host, trigger);
    }

    fn signed_out(&mut self, host: &mut impl Host, status: CcpStatus) {
        self.view.ccp = status;
        if self.view.click_to_dial {
            self.view.click_to_dial = false;
            host.set_click_to_dial(false);
        }
    }
}

/// The agent as flows read it (`$.payload` of agent events).
fn agent_data(agent: &AgentSnapshot) -> Data {
    Data::object([
        ("name", Data::text(agent.name.as_str())),
        (
            "state",
            Data::object([
                ("name", Data::text(agent.state_name.as_str())),
                ("type", Data::text(agent.state_type.as_str())),
            ]),
        ),
    ])
}
