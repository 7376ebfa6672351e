//! Shared by the presence tests: a setup written as short rule lines, timed events in a few words, and the simulation rendered as lines.
#![allow(dead_code)]

use engine::presence::{
    self, Action, Cause, Input, Output, PresenceConfig, Side, Simulation, Timed, World,
};
use serde_json::{Value, json};

#[path = "../presence_world/mod.rs"]
mod presence_world;
pub use presence_world::catalog;

/// A configuration and the world it runs in.
#[derive(Clone, Debug)]
pub struct Setup {
    rules: Vec<String>,
    sync: bool,
    wait: u64,
    features: Vec<(String, String)>,
    connect: String,
    omni: Option<String>,
    echo: u64,
}

impl Setup {
    /// Rules as `ID[@sortOrder] EVENT A COMPARATOR B -> side:value` (see `rule`); presence sync
    /// on, a 100 ms window, both sides Available, reports 20 ms after each action.
    pub fn new(rules: &[&str]) -> Setup {
        Setup {
            rules: rules.iter().map(|r| r.to_string()).collect(),
            sync: true,
            wait: 100,
            features: Vec::new(),
            connect: "Available".into(),
            omni: Some("Available".into()),
            echo: 20,
        }
    }

    pub fn sync(mut self, on: bool) -> Setup {
        self.sync = on;
        self
    }

    pub fn wait(mut self, ms: u64) -> Setup {
        self.wait = ms;
        self
    }

    pub fn echo_ms(&self) -> u64 {
        self.echo
    }

    pub fn echo(mut self, ms: u64) -> Setup {
        self.echo = ms;
        self
    }

    pub fn feature(mut self, name: &str, value: &str) -> Setup {
        self.features.push((name.into(), value.into()));
        self
    }

    pub fn start(mut self, connect: &str, omni: Option<&str>) -> Setup {
        self.connect = connect.into();
        self.omni = omni.map(str::to_owned);
        self
    }

    /// The configuration document, decoded; it must have no error.
    pub fn config(&self) -> PresenceConfig {
        let rules: Vec<Value> = self
            .rules
            .iter()
            .enumerate()
            .map(|(i, line)| rule(line, i))
            .collect();
        let features: Vec<Value> = self
            .features
            .iter()
            .map(|(name, value)| json!({"name": name, "value": value}))
            .collect();
        let doc = json!({
            "schemaVersion": 1,
            "adapter": {"callCenterName": "CC", "connectInstance": "example",
                        "presenceSyncEnabled": self.sync, "presenceSyncWaitMs": self.wait},
            "presenceRules": rules,
            "features": features,
        });
        let parsed = engine::config::parse(&doc.to_string(), None);
        let errors: Vec<String> = parsed
            .problems
            .iter()
            .filter(|p| p.severity == engine::config::Severity::Error)
            .map(|p| format!("{} {}", p.at.path(), p.kind.as_str()))
            .collect();
        assert!(errors.is_empty(), "{errors:?} in {doc}");
        PresenceConfig::from_config(&parsed.config.unwrap())
    }

    pub fn world(&self) -> World {
        World {
            catalog: catalog(),
            connect: self.connect.clone(),
            salesforce: self.omni.clone(),
        }
    }
}

/// `ID[@sortOrder] EVENT A COMPARATOR B -> side:value`: events `connect`, `omni`,
/// `omni-logout`, `work`, `workload`; operands `ConnectNew`, `ConnectOld`, `OmniNew`,
/// `Channel`, `NewLoad`, `PrevLoad`, `NewPct`, `PrevPct`, `Capacity`, anything else a static
/// value; comparators `= != > >= < <=`; sides `omni` and `connect`.
pub fn rule(line: &str, position: usize) -> Value {
    let (when, then) = line.split_once(" -> ").expect("a rule needs ->");
    let words: Vec<&str> = when.split_whitespace().collect();
    let [id, event, a, comparator, b] = words[..] else {
        panic!("rule {line}: ID EVENT A COMPARATOR B");
    };
    let (id, sort) = match id.split_once('@') {
        Some((id, sort)) => (id, sort.parse().unwrap()),
        None => (id, position as i64 + 1),
    };
    let event = match event {
        "connect" => "ConnectAgentStateChange",
        "omni" => "SalesforceAgentStateChange",
        "omni-logout" => "SalesforceAgentLogout",
        "work" => "SalesforceWorkAccepted",
        "workload" => "SalesforceWorkloadChanged",
        other => panic!("unknown event {other}"),
    };
    let operand = |text: &str| {
        let name = match text {
            "ConnectNew" => "ConnectNewState",
            "ConnectOld" => "ConnectOldState",
            "OmniNew" => "SalesforceNewState",
            "Channel" => "SalesforceServiceChannel",
            "NewLoad" => "SalesforceNewWorkload",
            "PrevLoad" => "SalesforcePreviousWorkload",
            "NewPct" => "SalesforceNewWorkloadPct",
            "PrevPct" => "SalesforcePreviousWorkloadPct",
            "Capacity" => "SalesforceConfiguredCapacity",
            _ => return (json!("StaticValue"), json!(text)),
        };
        (json!(name), Value::Null)
    };
    let comparator = match comparator {
        "=" => "Equal",
        "!=" => "NotEqual",
        ">" => "GreaterThan",
        ">=" => "GreaterOrEqual",
        "<" => "LessThan",
        "<=" => "LessOrEqual",
        other => panic!("unknown comparator {other}"),
    };
    let (side, value) = then.split_once(':').expect("side:value");
    let destination = match side {
        "omni" => "SalesforceAgentState",
        "connect" => "ConnectAgentState",
        other => panic!("unknown side {other}"),
    };
    let ((a, a_value), (b, b_value)) = (operand(a), operand(b));
    json!({"id": id, "name": format!("rule {id}"), "event": event,
           "operandA": a, "operandAValue": a_value, "comparator": comparator,
           "operandB": b, "operandBValue": b_value,
           "destination": destination, "destinationValue": value, "sortOrder": sort})
}

/// `TIME connect OLD>NEW`, `TIME connect logout`, `TIME omni NAME`, `TIME omni logout`,
/// `TIME work CHANNEL` (`-`: not found), `TIME workload CAPACITY PREVIOUS NEW`,
/// `TIME start STATE`, `TIME end`, `TIME resume`.
pub fn input(line: &str) -> Timed {
    let (at, rest) = line.split_once(' ').unwrap();
    let (kind, arg) = rest.split_once(' ').unwrap_or((rest, ""));
    let input = match (kind, arg) {
        ("connect", "logout") => Input::ConnectLogout,
        ("connect", states) => {
            let (old, new) = states.split_once('>').expect("OLD>NEW");
            Input::ConnectStateChange {
                old_state: old.into(),
                new_state: new.into(),
            }
        }
        ("omni", "logout") => Input::SalesforceLogout,
        ("omni", name) => Input::SalesforceStatusChange {
            developer_name: name.into(),
        },
        ("work", channel) => Input::WorkAccepted {
            service_channel: Some(channel.to_owned()).filter(|c| c != "-"),
        },
        ("workload", numbers) => {
            let n: Vec<&str> = numbers.split(' ').collect();
            Input::WorkloadChanged {
                configured_capacity: n[0].into(),
                previous_workload: n[1].into(),
                new_workload: n[2].into(),
            }
        }
        ("start", state) => Input::SessionStart {
            connect_state: state.into(),
        },
        ("end", _) => Input::SessionEnd,
        ("resume", _) => Input::SessionResume,
        _ => panic!("unknown event {line}"),
    };
    Timed {
        at: at.parse().unwrap(),
        input,
    }
}

/// Runs the events; what the softphone knows of each side must be where the side is.
pub fn simulate(setup: &Setup, events: &[&str]) -> Simulation {
    let events = events.iter().map(|e| input(e)).collect();
    run(setup.config(), setup.world(), events, setup.echo)
}

pub fn run(config: PresenceConfig, world: World, events: Vec<Timed>, echo: u64) -> Simulation {
    let sim = presence::simulate(config, world, events, echo);
    let connect = sim.connect_signed_in.then_some(sim.connect.as_str());
    assert_eq!(sim.presence.known(Side::Connect), connect, "known Connect");
    assert_eq!(
        sim.presence.known(Side::Salesforce),
        sim.salesforce.as_deref(),
        "known Omni"
    );
    sim
}

/// Actions as `TIME side state by CAUSE`, diagnostics as `TIME ! about RULE`, then the final
/// states.
pub fn render(sim: &Simulation) -> Vec<String> {
    let mut lines: Vec<String> = sim
        .lines
        .iter()
        .filter_map(|line| match &line.output {
            Output::Act { action, cause } => Some(format!(
                "{} {} by {}",
                line.at,
                action_text(action),
                cause_text(cause)
            )),
            Output::Diagnose { diagnostic, rule } => Some(format!(
                "{} ! {} {}",
                line.at,
                diagnostic.about(),
                rule.as_ref().map_or("-", |r| r.id.as_str())
            )),
            _ => None,
        })
        .collect();
    lines.push(format!(
        "final connect={}{} omni={}",
        sim.connect,
        if sim.connect_signed_in {
            ""
        } else {
            "(signed out)"
        },
        sim.salesforce.as_deref().unwrap_or("-")
    ));
    lines
}

fn action_text(action: &Action) -> String {
    match action {
        Action::SetSalesforceStatus { developer_name, .. } => format!("omni {developer_name}"),
        Action::SetConnectState { state } => format!("connect {state}"),
        Action::SalesforceLogout => "omni logout".into(),
        Action::ConnectLogout => "connect logout".into(),
    }
}

pub fn cause_text(cause: &Cause) -> &str {
    match cause {
        Cause::Rule(rule) => &rule.id,
        Cause::LogoutSync => "logout_sync",
        Cause::EnhancedLogout => "enhanced_logout",
        Cause::SessionEnd => "session_end",
        Cause::InitialState => "initial_state",
        Cause::Restore => "restore",
    }
}
