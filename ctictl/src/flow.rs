//! `ctictl flow run` and `ctictl flow lint`: CTI flow bodies run against canned host answers, or checked.

use clap::Subcommand;
use engine::flow::{self, Answer, Data, Step};
use engine::json::{self, Value};
use std::collections::HashMap;
use std::process::ExitCode;

/// What `--host` accepts, listed in `ctictl flow run --help`; a test keeps it equal to
/// `engine::flow::HOST_METHODS`.
const HOST_HELP: &str = "HOST.json maps a method to its answer, or to a list of answers used in \
order (the last one repeats): {\"opencti.searchAndScreenPop\": {\"success\": true, \
\"returnValue\": {…}}}. A method it does not name succeeds with a null returnValue; \
{\"success\": false, \"errors\": […]} fails.

Methods:
  opencti.searchAndScreenPop
  opencti.screenPop
  opencti.saveLog
  opencti.runApex
  opencti.hvs.completeWork
  streams.agent.connect
  streams.contact.updateAttributes";

#[derive(Subcommand)]
pub enum Command {
    /// Runs a flow and prints one JSON line per host call, {"call":"<api>.<method>","args":{…}},
    /// in order, then {"end":"<block id>","steps":N}: the SE_End reached, or the block where the
    /// run stopped. Exit status: 0 when the run reached an SE_End, 1 when it stopped
    /// elsewhere, 2 on unreadable input.
    #[command(after_help = HOST_HELP)]
    Run {
        /// The flow body, as the adapter exports it.
        flow: String,
        /// The run's data: {"payload": …, "contact": …}.
        #[arg(long)]
        input: String,
        /// Canned answers per host method (see below).
        #[arg(long)]
        host: Option<String>,
        /// Country that national numbers are read in (ISO 3166 alpha-2).
        #[arg(long, default_value = "US")]
        country: String,
        /// Print the run's log ([FLOW] lines, one per block) to standard error.
        #[arg(long)]
        log: bool,
    },
    /// Checks a flow body and prints one `path: message` line per problem (the path is a JSON
    /// pointer into the body). Exit status: 0 when there is no error (warnings allowed), 1 on
    /// any error, 2 on unreadable input.
    Lint {
        /// The flow body; - for standard input.
        flow: String,
    },
}

pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Run {
            flow,
            input,
            host,
            country,
            log,
        } => run_flow(&flow, &input, host.as_deref(), country, log),
        Command::Lint { flow } => lint(&flow),
    }
}

fn lint(file: &str) -> ExitCode {
    let text = match crate::read_input(file) {
        Ok(text) => text,
        Err(code) => return code,
    };
    let (flow, mut problems) = flow::load_text(&text);
    if let Some(flow) = &flow {
        problems.extend(flow::lint(flow));
    }
    for problem in &problems {
        println!("{}", problem_line(problem));
    }
    let errors = problems
        .iter()
        .filter(|p| p.severity == engine::config::Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    eprintln!("{file}: {errors} error(s), {warnings} warning(s)");
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `pointer: message`; `$` for the whole body.
fn problem_line(problem: &engine::config::Problem) -> String {
    let pointer = problem
        .at
        .flow
        .as_ref()
        .map(|at| at.pointer.as_str())
        .filter(|p| !p.is_empty())
        .unwrap_or("$");
    format!("{pointer}: {}", i18n::config_problem(problem))
}

fn run_flow(file: &str, input: &str, host: Option<&str>, country: String, log: bool) -> ExitCode {
    let unreadable = |what: &str, why: String| {
        eprintln!("ctictl: {what}: {why}");
        ExitCode::from(2)
    };
    let text = match crate::read_input(file) {
        Ok(text) => text,
        Err(code) => return code,
    };
    let (loaded, problems) = flow::load_text(&text);
    for problem in &problems {
        eprintln!("{}", problem_line(problem));
    }
    let Some(loaded) = loaded else {
        return unreadable(file, "not a flow that can run".into());
    };
    let input = match read_json(input) {
        Ok(value @ Value::Object(_)) => Data::from_json(&value),
        Ok(_) => return unreadable(input, "must be a JSON object".into()),
        Err(code) => return code,
    };
    let mut answers = match host.map(read_answers).transpose() {
        Ok(answers) => answers.unwrap_or_default(),
        Err(code) => return code,
    };
    if engine::phone::region_by_iso(&country).is_none() {
        return unreadable(&country, "not an ISO 3166 alpha-2 country".into());
    }
    // Log lines name the flow; a body without a name goes by its file's name.
    let stem = std::path::Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned());
    let name = loaded
        .name()
        .map(str::to_owned)
        .or(stem)
        .unwrap_or_default();
    let options = flow::Options {
        name: name.into(),
        default_country: country.into(),
    };
    // No clock: the CLI runs at time 0, so only the step budget can stop a loop.
    let mut run = flow::Run::new(std::rc::Rc::new(loaded), input, options, 0.0);
    let mut properties = flow::Properties::default();
    loop {
        match run.step(0.0, &mut properties) {
            Step::Call(call) => {
                let name = call.name();
                println!(
                    "{{\"call\":{},\"args\":{}}}",
                    Data::text(name).to_json(),
                    call.args().to_json()
                );
                let answer = match answers.get_mut(name) {
                    Some(list) if list.len() > 1 => list.remove(0),
                    Some(list) if !list.is_empty() => list[0].clone(),
                    _ => Answer::ok(Data::Null),
                };
                run.resume(answer);
            }
            Step::Log(line) if log => eprintln!("{line}"),
            Step::Log(_) => {}
            Step::Waiting => unreachable!("every call is answered before the next step"),
            Step::Done(end) => {
                println!(
                    "{{\"end\":{},\"steps\":{}}}",
                    Data::text(&*end.block).to_json(),
                    end.steps
                );
                return if end.reached_end() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::FAILURE
                };
            }
        }
    }
}

fn read_json(file: &str) -> Result<Value, ExitCode> {
    let text = crate::read_input(file)?;
    json::parse(&text).map_err(|error| {
        eprintln!(
            "ctictl: {file}: not JSON at line {}, column {} ({})",
            error.line,
            error.column,
            error.kind.as_str()
        );
        ExitCode::from(2)
    })
}

/// HOST.json: method → answer, or → answers in order.
fn read_answers(file: &str) -> Result<HashMap<String, Vec<Answer>>, ExitCode> {
    let fail = |why: String| {
        eprintln!("ctictl: {file}: {why}");
        ExitCode::from(2)
    };
    let Value::Object(members) = read_json(file)? else {
        return Err(fail("must be a JSON object of methods".into()));
    };
    let mut answers = HashMap::new();
    for (method, value) in &members {
        if !flow::HOST_METHODS.contains(&method.as_str()) {
            return Err(fail(format!(
                "“{method}” is not a host method (see ctictl flow run --help)"
            )));
        }
        let list: Vec<Answer> = match value {
            Value::Array(items) => items.iter().map(answer).collect(),
            single => vec![answer(single)],
        };
        answers.insert(method.clone(), list);
    }
    Ok(answers)
}

/// `{"success": bool, "returnValue": …, "errors": …}`; `success` defaults to true.
fn answer(value: &Value) -> Answer {
    let success = !matches!(value.get("success"), Some(Value::Bool(false)));
    let field = if success { "returnValue" } else { "errors" };
    let data = value.get(field).map(Data::from_json).unwrap_or_default();
    if success {
        Answer::ok(data)
    } else {
        Answer::failed(data)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn help_lists_every_host_method() {
        let listed: Vec<&str> = super::HOST_HELP
            .split("Methods:")
            .nth(1)
            .unwrap()
            .split_whitespace()
            .collect();
        assert_eq!(listed, engine::flow::HOST_METHODS);
    }
}
