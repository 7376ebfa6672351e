//! `ctictl presence simulate`: the presence sync of an adapter configuration against both systems, in simulated time.

use clap::Subcommand;
use engine::presence::{
    self, Action, Catalog, ConnectStatus, ConnectStatusKind, Input, Output, PresenceConfig,
    SalesforceStatus, Timed, World,
};
use serde_json::{Map, Value};
use std::process::ExitCode;

const SIMULATE_HELP: &str = "WORLD.json: {\"omniStatuses\": [{\"id\", \"label\", \"developerName\", \
\"channels\": […], \"online\": bool}], \"connectStates\": [{\"name\", \"type\": \"routable\" | \
\"not_routable\" | \"offline\"}], \"routingProfile\": \"…\", \"initial\": {\"connect\": \"<state>\", \
\"salesforce\": \"<DeveloperName>\" | null}} (salesforce null: logged out of Omni-Channel).

EVENTS.jsonl: one event a line, {\"at\": ms, \"event\": NAME, …its fields}:
  connect_state_change {oldState, newState}
  salesforce_status_change {statusId, statusApiName, statusName, channels}
  salesforce_logout {}
  work_accepted {workItemId, workId, serviceChannel}
  workload_changed {configuredCapacity, previousWorkload, newWorkload}
  session_start {connectState}   (sign-in to Connect)
  session_end {}                 (every Salesforce tab closed)
  session_resume {}              (a Salesforce tab loaded again)
  connect_logout {}

Output, one JSON line per action in time order:
  {\"at\":ms,\"action\":\"set_salesforce_status\",\"state\":\"<DeveloperName>\",\"statusId\":\"…\",\"rule\":…}
  {\"at\":ms,\"action\":\"set_connect_state\",\"state\":\"…\",\"rule\":…}
  {\"at\":ms,\"action\":\"salesforce_logout\"}
  {\"at\":ms,\"action\":\"connect_logout\"}
  {\"at\":ms,\"action\":\"diagnostic\",\"about\":\"<code>[:<name>]\",\"rule\":…}
rule is the id of the presence rule record that caused it, or null. The last line is
{\"final\":{\"connect\":\"…\",\"salesforce\":\"…\"|null}}. Diagnostic codes: unknown_salesforce_status, \
unknown_connect_state, connect_state_not_settable, operand_missing, live_contact.

As in the softphone, a report that comes more than 10 s after the action counts as an outside \
change.";

#[derive(Subcommand)]
pub enum Command {
    /// Runs EVENTS against both systems in simulated time: each action the softphone takes
    /// changes that side, which reports it back after --echo-ms, until no event or timer is
    /// pending. Prints one JSON line per action, then the final states. Exit status: 0, or 2
    /// on unreadable input.
    #[command(after_help = SIMULATE_HELP)]
    Simulate {
        /// The adapter configuration document (what CtiAdapterConfig.getConfiguration returns).
        #[arg(long)]
        config: String,
        /// Both systems: their statuses, the routing profile and the states at the start.
        #[arg(long)]
        world: String,
        /// The outside events, one JSON object a line.
        #[arg(long)]
        events: String,
        /// How long a side takes to report the softphone's action back.
        #[arg(long, default_value_t = 20)]
        echo_ms: u64,
        /// Print every decision (the softphone's presence log) to standard error.
        #[arg(long)]
        log: bool,
    },
}

pub fn run(command: Command) -> ExitCode {
    let Command::Simulate {
        config,
        world,
        events,
        echo_ms,
        log,
    } = command;
    match simulate(&config, &world, &events, echo_ms, log) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

/// An unreadable input: the message goes to standard error, the status is 2.
fn unreadable(file: &str, why: impl std::fmt::Display) -> ExitCode {
    eprintln!("ctictl: {file}: {why}");
    ExitCode::from(2)
}

fn simulate(
    config_file: &str,
    world_file: &str,
    events_file: &str,
    echo_ms: u64,
    log: bool,
) -> Result<(), ExitCode> {
    let parsed = engine::config::parse(&crate::read_input(config_file)?, None);
    for problem in &parsed.problems {
        eprintln!("{}", i18n::config_problem_line(problem));
    }
    let Some(config) = parsed.config else {
        return Err(unreadable(config_file, "no usable adapter configuration"));
    };
    let world = read_world(world_file)?;
    let events = read_events(events_file)?;
    let config = PresenceConfig::from_config(&config);
    let sim = presence::simulate(config, world, events, echo_ms);
    for line in &sim.lines {
        if log {
            eprintln!("[{} ms] {}", line.at, presence::log_line(&line.output));
        }
        if let Some(json) = output_line(line.at, &line.output) {
            println!("{json}");
        }
    }
    if !sim.settled {
        eprintln!("ctictl: the simulation was stopped: the softphone kept acting");
    }
    println!(
        "{{\"final\":{{\"connect\":{},\"salesforce\":{}}}}}",
        text(&sim.connect),
        sim.salesforce.as_deref().map_or("null".to_owned(), text)
    );
    Ok(())
}

/// A JSON string.
fn text(value: &str) -> String {
    Value::from(value).to_string()
}

/// The `rule` member: the record id of the rule, or null.
fn rule(rule: Option<&presence::RuleRef>) -> String {
    rule.map_or("null".to_owned(), |rule| text(&rule.id))
}

fn output_line(at: u64, output: &Output) -> Option<String> {
    Some(match output {
        Output::Act { action, cause } => match action {
            Action::SetSalesforceStatus {
                developer_name,
                status_id,
            } => format!(
                "{{\"at\":{at},\"action\":\"set_salesforce_status\",\"state\":{},\"statusId\":{},\"rule\":{}}}",
                text(developer_name),
                text(status_id),
                rule(cause.rule())
            ),
            Action::SetConnectState { state } => format!(
                "{{\"at\":{at},\"action\":\"set_connect_state\",\"state\":{},\"rule\":{}}}",
                text(state),
                rule(cause.rule())
            ),
            Action::SalesforceLogout => {
                format!("{{\"at\":{at},\"action\":\"salesforce_logout\"}}")
            }
            Action::ConnectLogout => format!("{{\"at\":{at},\"action\":\"connect_logout\"}}"),
        },
        Output::Diagnose {
            diagnostic,
            rule: about_rule,
        } => format!(
            "{{\"at\":{at},\"action\":\"diagnostic\",\"about\":{},\"rule\":{}}}",
            text(&diagnostic.about()),
            rule(about_rule.as_ref())
        ),
        Output::Arm(_) | Output::Cancel(_) | Output::Note(_) => return None,
    })
}

fn read_json(file: &str) -> Result<Value, ExitCode> {
    let source = crate::read_input(file)?;
    serde_json::from_str(&source).map_err(|error| unreadable(file, format!("not JSON: {error}")))
}

/// Reads members of one JSON object, naming where a member is wrong.
struct Fields<'v> {
    object: &'v Map<String, Value>,
    at: String,
}

impl<'v> Fields<'v> {
    fn of(value: &'v Value, at: String) -> Result<Fields<'v>, String> {
        match value.as_object() {
            Some(object) => Ok(Fields { object, at }),
            None => Err(format!("{at} must be a JSON object")),
        }
    }

    fn optional(&self, name: &str) -> Result<Option<&'v str>, String> {
        match self.object.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(format!("{}.{name} must be a string", self.at)),
        }
    }

    fn text(&self, name: &str) -> Result<&'v str, String> {
        self.optional(name)?
            .ok_or_else(|| format!("{}.{name} is required", self.at))
    }

    /// A number, as its JSON text (the engine compares numbers exactly, without floats).
    fn number(&self, name: &str) -> Result<String, String> {
        match self.object.get(name) {
            Some(Value::Number(n)) => Ok(n.to_string()),
            Some(Value::String(s)) if presence::Decimal::parse(s).is_some() => Ok(s.clone()),
            _ => Err(format!("{}.{name} must be a number", self.at)),
        }
    }

    fn array(&self, name: &str) -> Result<&'v [Value], String> {
        match self.object.get(name) {
            Some(Value::Array(items)) => Ok(items),
            _ => Err(format!("{}.{name} must be an array", self.at)),
        }
    }

    fn strings(&self, name: &str) -> Result<(), String> {
        match self.object.get(name) {
            None | Some(Value::Null) => Ok(()),
            Some(Value::Array(items)) if items.iter().all(Value::is_string) => Ok(()),
            Some(_) => Err(format!("{}.{name} must be an array of strings", self.at)),
        }
    }
}

fn read_world(file: &str) -> Result<World, ExitCode> {
    let value = read_json(file)?;
    world(&value).map_err(|why| unreadable(file, why))
}

fn world(value: &Value) -> Result<World, String> {
    let root = Fields::of(value, "$".into())?;
    let mut salesforce_statuses = Vec::new();
    for (i, status) in root.array("omniStatuses")?.iter().enumerate() {
        let status = Fields::of(status, format!("omniStatuses[{i}]"))?;
        let developer_name = status.text("developerName")?;
        status.strings("channels")?;
        if !matches!(status.object.get("online"), None | Some(Value::Bool(_))) {
            return Err(format!("{}.online must be true or false", status.at));
        }
        salesforce_statuses.push(SalesforceStatus {
            id: status.text("id")?.to_owned(),
            label: status
                .optional("label")?
                .unwrap_or(developer_name)
                .to_owned(),
            developer_name: developer_name.to_owned(),
        });
    }
    let mut connect_statuses = Vec::new();
    for (i, state) in root.array("connectStates")?.iter().enumerate() {
        let state = Fields::of(state, format!("connectStates[{i}]"))?;
        let name = state.text("type")?;
        let Some(kind) = ConnectStatusKind::from_name(name) else {
            return Err(format!(
                "{}.type “{name}” is not routable, not_routable or offline",
                state.at
            ));
        };
        connect_statuses.push(ConnectStatus {
            name: state.text("name")?.to_owned(),
            kind,
        });
    }
    let initial = Fields::of(
        root.object.get("initial").unwrap_or(&Value::Null),
        "initial".into(),
    )?;
    Ok(World {
        catalog: Catalog {
            salesforce_statuses,
            connect_statuses,
            routing_profile: root.optional("routingProfile")?.map(str::to_owned),
        },
        connect: initial.text("connect")?.to_owned(),
        salesforce: initial.optional("salesforce")?.map(str::to_owned),
    })
}

fn read_events(file: &str) -> Result<Vec<Timed>, ExitCode> {
    let source = crate::read_input(file)?;
    let mut events = Vec::new();
    for (n, line) in source.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = format!("{file}:{}", n + 1);
        let value: Value = serde_json::from_str(line)
            .map_err(|error| unreadable(&at, format!("not JSON: {error}")))?;
        events.push(event(&value).map_err(|why| unreadable(&at, why))?);
    }
    Ok(events)
}

fn event(value: &Value) -> Result<Timed, String> {
    let e = Fields::of(value, "event line".into())?;
    let at = match e.object.get("at") {
        Some(at) => at.as_u64(),
        None => None,
    }
    .ok_or("“at” must be a whole number of milliseconds from the start")?;
    let input = match e.text("event")? {
        "connect_state_change" => Input::ConnectStateChange {
            old_state: e.optional("oldState")?.unwrap_or_default().to_owned(),
            new_state: e.text("newState")?.to_owned(),
        },
        "salesforce_status_change" => {
            e.optional("statusId")?;
            e.optional("statusName")?;
            // Omni sends the channels as a JSON string; a list is taken too.
            if !matches!(e.object.get("channels"), Some(Value::String(_))) {
                e.strings("channels")?;
            }
            Input::SalesforceStatusChange {
                developer_name: e.text("statusApiName")?.to_owned(),
            }
        }
        "salesforce_logout" => Input::SalesforceLogout,
        "work_accepted" => {
            e.optional("workItemId")?;
            e.optional("workId")?;
            Input::WorkAccepted {
                service_channel: e.optional("serviceChannel")?.map(str::to_owned),
            }
        }
        "workload_changed" => Input::WorkloadChanged {
            configured_capacity: e.number("configuredCapacity")?,
            previous_workload: e.number("previousWorkload")?,
            new_workload: e.number("newWorkload")?,
        },
        "session_start" => Input::SessionStart {
            connect_state: e.text("connectState")?.to_owned(),
        },
        "session_end" => Input::SessionEnd,
        "session_resume" => Input::SessionResume,
        "connect_logout" => Input::ConnectLogout,
        other => {
            return Err(format!(
                "“{other}” is not an event (see ctictl presence simulate --help)"
            ));
        }
    };
    Ok(Timed { at, input })
}

#[cfg(test)]
mod tests {
    #[test]
    fn help_lists_every_diagnostic() {
        use engine::config::Operand;
        use engine::presence::Diagnostic as D;
        let all = [
            D::UnknownSalesforceStatus(String::new()),
            D::UnknownConnectState(String::new()),
            D::ConnectStateNotSettable(String::new()),
            D::OperandMissing(Operand::ConnectNewState),
            D::LiveContact,
        ];
        for diagnostic in all {
            assert!(super::SIMULATE_HELP.contains(diagnostic.code()));
        }
    }
}
