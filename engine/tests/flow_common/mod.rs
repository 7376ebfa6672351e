//! Shared by the flow tests: a host with canned answers, a run loop that prints what `ctictl flow run` prints, and `.run` golden cases.

use engine::flow::{self, Answer, Data, Options, Properties, Run, Step};
use std::collections::HashMap;

/// Canned answers per `<api>.<method>`, as `ctictl flow run --host` reads them: one answer, or a
/// list used in order (the last repeats); a method not named succeeds with `null`.
pub struct Host {
    answers: HashMap<String, Vec<Answer>>,
}

impl Host {
    pub fn new(json: &str) -> Host {
        let value = engine::json::parse(json).expect("host answers are JSON");
        let mut answers = HashMap::new();
        for (method, value) in value.as_object().expect("an object of methods") {
            assert!(flow::HOST_METHODS.contains(&method.as_str()), "{method}");
            let list = match value.as_array() {
                Some(items) => items.iter().map(answer).collect(),
                None => vec![answer(value)],
            };
            answers.insert(method.clone(), list);
        }
        Host { answers }
    }

    fn answer(&mut self, method: &str) -> Answer {
        match self.answers.get_mut(method) {
            Some(list) if list.len() > 1 => list.remove(0),
            Some(list) if !list.is_empty() => list[0].clone(),
            _ => Answer::ok(Data::Null),
        }
    }
}

fn answer(value: &engine::json::Value) -> Answer {
    let success = value.get("success") != Some(&engine::json::Value::Bool(false));
    let field = if success { "returnValue" } else { "errors" };
    let data = value.get(field).map(Data::from_json).unwrap_or_default();
    Answer {
        success,
        value: data,
    }
}

/// Runs a body on an input with fresh properties: the call lines, then the end line.
pub fn run_lines(body: &str, input: &str, host: Host) -> Vec<String> {
    run_with(body, input, host, &mut Properties::default())
}

pub fn run_with(
    body: &str,
    input: &str,
    mut host: Host,
    properties: &mut Properties,
) -> Vec<String> {
    let (loaded, _) = flow::load_text(body);
    let loaded = loaded.expect("a flow that can run");
    let input = Data::from_json(&engine::json::parse(input).expect("input is JSON"));
    let mut run = Run::new(std::rc::Rc::new(loaded), input, Options::default(), 0.0);
    let mut lines = Vec::new();
    loop {
        match run.step(0.0, properties) {
            Step::Call(call) => {
                lines.push(format!(
                    "{{\"call\":{},\"args\":{}}}",
                    Data::text(call.name()).to_json(),
                    call.args().to_json()
                ));
                run.resume(host.answer(call.name()));
            }
            Step::Log(_) => {}
            Step::Waiting => panic!("waiting after its call was answered"),
            Step::Done(end) => {
                lines.push(format!(
                    "{{\"end\":{},\"steps\":{}}}",
                    Data::text(&*end.block).to_json(),
                    end.steps
                ));
                return lines;
            }
        }
    }
}

/// A `.run` case: `input {…}` and `host {…}` lines, `---`, then the expected output lines.
pub fn check_case(case: &std::path::Path, body: &str) {
    let text = std::fs::read_to_string(case).unwrap_or_else(|_| panic!("{case:?} is missing"));
    let (head, expected) = text.split_once("---\n").expect("a --- line");
    let field = |name: &str| {
        head.lines()
            .find_map(|line| line.strip_prefix(name))
            .map_or("{}", str::trim)
            .to_owned()
    };
    let actual = run_lines(body, &field("input "), Host::new(&field("host ")));
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(case, format!("{head}---\n{}\n", actual.join("\n"))).unwrap();
        return;
    }
    let expected: Vec<&str> = expected.lines().collect();
    assert_eq!(actual, expected, "{case:?}");
}
