//! Omni-Channel presence events from Salesforce: the flows of the Salesforce Agent source.

use super::Softphone;
use super::flows::Trigger;
use crate::config::FlowSource;
use crate::flow::Data;
use crate::host::{Host, Level};
use crate::presence::Input;

/// An Omni-Channel presence event, as `sforce.console` reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OmniEvent {
    /// `STATUS_CHANGED`: the agent's status (its DeveloperName is `api_name`) and its channels.
    StatusChanged {
        id: String,
        name: String,
        api_name: String,
        channels: Vec<String>,
    },
    /// `LOGOUT`.
    Logout,
    /// `WORK_ACCEPTED`.
    WorkAccepted {
        work_item_id: String,
        work_id: String,
    },
    /// `WORKLOAD_CHANGED`; numbers as JSON number text.
    WorkloadChanged {
        configured_capacity: String,
        previous_workload: String,
        new_workload: String,
    },
}

impl OmniEvent {
    /// The Salesforce Agent flow event it raises, and its payload (`$.payload`).
    fn flow_event(&self) -> Option<(&'static str, Data)> {
        Some(match self {
            OmniEvent::StatusChanged {
                id,
                name,
                api_name,
                channels,
            } => (
                "onStateChange",
                Data::object([
                    ("statusId", Data::text(id.as_str())),
                    ("statusName", Data::text(name.as_str())),
                    ("statusApiName", Data::text(api_name.as_str())),
                    (
                        "channels",
                        Data::Array(channels.iter().map(|c| Data::text(c.as_str())).collect()),
                    ),
                ]),
            ),
            OmniEvent::WorkAccepted {
                work_item_id,
                work_id,
            } => (
                "onWorkAccepted",
                Data::object([
                    ("workItemId", Data::text(work_item_id.as_str())),
                    ("workId", Data::text(work_id.as_str())),
                ]),
            ),
            OmniEvent::WorkloadChanged {
                configured_capacity,
                previous_workload,
                new_workload,
            } => (
                "onWorkloadChanged",
                Data::object([
                    ("configuredCapacity", number(configured_capacity)),
                    ("previousWorkload", number(previous_workload)),
                    ("newWorkload", number(new_workload)),
                ]),
            ),
            OmniEvent::Logout => return None,
        })
    }
}

impl OmniEvent {
    /// The input presence sync gets. Omni's WORK_ACCEPTED does not name the service channel:
    /// when a rule needs it, `on_service_channel` gives the input instead.
    fn presence_input(&self) -> Input {
        match self {
            OmniEvent::StatusChanged { api_name, .. } => Input::SalesforceStatusChange {
                developer_name: api_name.clone(),
            },
            OmniEvent::Logout => Input::SalesforceLogout,
            OmniEvent::WorkAccepted { .. } => Input::WorkAccepted {
                service_channel: None,
            },
            OmniEvent::WorkloadChanged {
                configured_capacity,
                previous_workload,
                new_workload,
            } => Input::WorkloadChanged {
                configured_capacity: configured_capacity.clone(),
                previous_workload: previous_workload.clone(),
                new_workload: new_workload.clone(),
            },
        }
    }
}

/// A JSON number when the text is one, else the text (or null when empty).
fn number(text: &str) -> Data {
    match crate::json::parse(text) {
        Ok(crate::json::Value::Number(n)) => Data::Number(n),
        _ if text.is_empty() => Data::Null,
        _ => Data::text(text),
    }
}

impl Softphone {
    pub(super) fn on_omni(&mut self, host: &mut impl Host, event: OmniEvent) {
        match &event {
            // Rules read the work's channel, which the event does not carry: ask first.
            OmniEvent::WorkAccepted { work_id, .. } if self.presence_needs_channel() => {
                host.find_service_channel(work_id)
            }
            _ => self.presence_input(host, event.presence_input()),
        }
        let Some((name, payload)) = event.flow_event() else {
            host.log(Level::Info, "Omni-Channel: logged out".into());
            return;
        };
        host.log(Level::Info, format!("Omni-Channel {name}"));
        // Every tab hears Omni's events: the elected tab runs their flows.
        let trigger = Trigger {
            source: Some(FlowSource::SalesforceAgent),
            event: name,
            contact: None,
            payload: Some(payload),
            elected: true,
        };
        self.trigger(host, trigger);
    }
}
