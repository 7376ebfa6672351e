//! Bench: the CTI flow interpreter against hand-written Rust doing the same steps, per reference flow; prints one JSON object (ns per run).
//
// Run with `cargo run --release -p engine --example flow_bench`. Before timing, each hand-written
// function must make exactly the interpreter's host calls, end where it ends and leave the same
// flow properties, or the bench panics: a ratio between functions that differ would mean nothing.

mod hand;

use engine::flow::{self, Answer, Data, End, Flow, HostCall, Options, Properties, Run, Step};
use engine::json;
use std::hint::black_box;
use std::path::Path;
use std::rc::Rc;
use std::time::{Duration, Instant};

/// Each measurement runs for at least this long; a figure is the median of `REPEATS` of them.
const MEASURE: Duration = Duration::from_millis(200);
const REPEATS: usize = 9;
/// Inputs are copied untimed, this many at a time, so neither side pays for the copy.
const BATCH: usize = 256;

/// Answers host calls in order from a list; keeps the calls while checking.
pub struct Host<'a> {
    answers: &'a [Answer],
    next: usize,
    calls: Option<Vec<HostCall>>,
}

impl Host<'_> {
    pub fn call(&mut self, call: HostCall) -> Answer {
        let Some(answer) = self.answers.get(self.next) else {
            panic!("a call the interpreter did not make: {call:?}");
        };
        self.next += 1;
        if let Some(calls) = &mut self.calls {
            calls.push(call);
        }
        answer.clone()
    }
}

/// A reference flow and its `.run` case.
struct Case {
    stem: String,
    flow: Rc<Flow>,
    input: Data,
    /// Canned answers per `<api>.<method>`: one, or a list used in order (the last repeats).
    host: Vec<(String, Vec<Answer>)>,
    /// The expected call lines of the `.run` file.
    expected_calls: Vec<String>,
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/flows");
    let mut stems: Vec<String> = std::fs::read_dir(&dir)
        .expect("the reference flows")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|x| x == "json"))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    stems.sort();
    // `-- <text>` keeps only the flows whose name contains it (to profile one).
    if let Some(only) = std::env::args().nth(1) {
        stems.retain(|stem| stem.contains(&only));
    }
    assert!(!stems.is_empty(), "no reference flows in {dir:?}");
    let mut rows = Vec::new();
    for stem in stems {
        let Some(&(_, hand)) = hand::FLOWS.iter().find(|(name, _)| *name == stem) else {
            panic!("{stem}: no hand-written function in examples/flow_bench/hand.rs");
        };
        let case = Case::read(&dir, stem);
        let answers = check(&case, hand);
        // Alternated, so that load on the machine at one moment weighs on both sides alike.
        let (mut interpreter, mut hand_written) = (Vec::new(), Vec::new());
        for _ in 0..REPEATS {
            interpreter.push(time(&case.input, |input| {
                let mut host = Host::new(&answers);
                let mut properties = Properties::default();
                let end = interpret(&case.flow, input, &mut properties, |call| host.call(call));
                black_box(end);
            }));
            hand_written.push(time(&case.input, |input| {
                let mut host = Host::new(&answers);
                let mut properties = Properties::default();
                black_box(hand(input, &mut host, &mut properties));
            }));
        }
        let (interpreter, hand_written) = (median(interpreter), median(hand_written));
        rows.push((case.stem, interpreter, hand_written));
    }
    println!("{}", report(&rows));
}

impl Case {
    fn read(dir: &Path, stem: String) -> Case {
        let body = std::fs::read_to_string(dir.join(format!("{stem}.json"))).unwrap();
        let (loaded, problems) = flow::load_text(&body);
        let flow = loaded.unwrap_or_else(|| panic!("{stem} does not load: {problems:?}"));
        let run = std::fs::read_to_string(dir.join(format!("{stem}.run"))).unwrap();
        let (head, expected) = run.split_once("---\n").expect("a --- line");
        let field = |name: &str| {
            let text = head.lines().find_map(|line| line.strip_prefix(name));
            json::parse(text.map_or("{}", str::trim)).expect("JSON in the .run file")
        };
        let host = field("host ")
            .as_object()
            .expect("host answers are an object")
            .iter()
            .map(|(method, value)| {
                let list = match value.as_array() {
                    Some(items) => items.iter().map(answer).collect(),
                    None => vec![answer(value)],
                };
                (method.clone(), list)
            })
            .collect();
        let expected_calls = expected
            .lines()
            .filter(|line| line.starts_with("{\"call\""))
            .map(str::to_owned)
            .collect();
        Case {
            flow: Rc::new(flow),
            input: Data::from_json(&field("input ")),
            host,
            expected_calls,
            stem,
        }
    }

    /// The canned answer to a call, as `ctictl flow run --host` gives it.
    fn answer(&mut self, call: &HostCall) -> Answer {
        match self
            .host
            .iter_mut()
            .find(|(method, _)| method == call.name())
        {
            Some((_, list)) if list.len() > 1 => list.remove(0),
            Some((_, list)) => list[0].clone(),
            None => Answer::ok(Data::Null),
        }
    }
}

fn answer(value: &json::Value) -> Answer {
    let success = value.get("success") != Some(&json::Value::Bool(false));
    let field = if success { "returnValue" } else { "errors" };
    Answer {
        success,
        value: value.get(field).map(Data::from_json).unwrap_or_default(),
    }
}

impl<'a> Host<'a> {
    fn new(answers: &'a [Answer]) -> Host<'a> {
        Host {
            answers,
            next: 0,
            calls: None,
        }
    }
}

/// One interpreter run, from `Run::new` to `Done`, every call answered by `host`.
fn interpret(
    flow: &Rc<Flow>,
    input: Data,
    properties: &mut Properties,
    mut host: impl FnMut(HostCall) -> Answer,
) -> End {
    // Built once, as a caller that runs many flows with one configuration would: cloning
    // shares its texts.
    thread_local! {
        static OPTIONS: Options = Options::default();
    }
    let options = OPTIONS.with(Options::clone);
    let mut run = Run::new(Rc::clone(flow), input, options, 0.0);
    loop {
        match run.step(0.0, properties) {
            Step::Call(call) => run.resume(host(call)),
            Step::Log(_) => {}
            Step::Waiting => unreachable!("every call is answered before the next step"),
            Step::Done(end) => return end,
        }
    }
}

/// Runs the interpreter on the case's canned answers and `hand` on the same answers, and panics
/// unless both make the same calls (those of the `.run` file), end at the same block and leave
/// the same properties. Returns the answers in call order, for the timed runs.
fn check(case: &Case, hand: hand::HandWritten) -> Vec<Answer> {
    let mut canned = Case {
        stem: case.stem.clone(),
        flow: Rc::clone(&case.flow),
        input: Data::Null,
        host: case.host.clone(),
        expected_calls: Vec::new(),
    };
    let (mut calls, mut answers) = (Vec::new(), Vec::new());
    let mut properties = Properties::default();
    let end = interpret(&case.flow, case.input.clone(), &mut properties, |call| {
        let answer = canned.answer(&call);
        calls.push(call);
        answers.push(answer.clone());
        answer
    });
    let lines: Vec<String> = calls.iter().map(call_line).collect();
    assert_eq!(lines, case.expected_calls, "{}: the .run file", case.stem);
    let mut host = Host::new(&answers);
    host.calls = Some(Vec::new());
    let mut hand_properties = Properties::default();
    let hand_end = hand(case.input.clone(), &mut host, &mut hand_properties);
    assert_eq!(host.calls.as_ref(), Some(&calls), "{}: calls", case.stem);
    assert_eq!(hand_end, &*end.block, "{}: end block", case.stem);
    assert_eq!(hand_properties, properties, "{}: properties", case.stem);
    answers
}

fn call_line(call: &HostCall) -> String {
    format!(
        "{{\"call\":{},\"args\":{}}}",
        Data::text(call.name()).to_json(),
        call.args().to_json()
    )
}

/// Nanoseconds per run of `run`, over at least `MEASURE` of timed runs, each on its own copy of
/// `input` made before the clock starts.
fn time(input: &Data, mut run: impl FnMut(Data)) -> f64 {
    let (mut timed, mut runs) = (Duration::ZERO, 0u64);
    while timed < MEASURE {
        let inputs: Vec<Data> = (0..BATCH).map(|_| input.clone()).collect();
        let start = Instant::now();
        for input in inputs {
            run(black_box(input));
        }
        timed += start.elapsed();
        runs += BATCH as u64;
    }
    timed.as_nanos() as f64 / runs as f64
}

fn median(mut figures: Vec<f64>) -> f64 {
    figures.sort_by(f64::total_cmp);
    let middle = figures.len() / 2;
    match figures.len() % 2 {
        1 => figures[middle],
        _ => (figures[middle - 1] + figures[middle]) / 2.0,
    }
}

/// The JSON object, keys in the order the issue gives them.
fn report(rows: &[(String, f64, f64)]) -> String {
    let round = |x: f64, digits: i32| (x * 10f64.powi(digits)).round() / 10f64.powi(digits);
    let ratios: Vec<f64> = rows.iter().map(|(_, i, h)| i / h).collect();
    let flows: Vec<String> = rows
        .iter()
        .map(|(stem, interpreter, hand)| {
            format!(
                "{{\"flow\":{},\"interpreter_ns\":{},\"hand_written_ns\":{},\"ratio\":{}}}",
                Data::text(stem.as_str()).to_json(),
                round(*interpreter, 1),
                round(*hand, 1),
                round(interpreter / hand, 3)
            )
        })
        .collect();
    let ratio_max = ratios.iter().copied().fold(f64::MIN, f64::max);
    format!(
        "{{\"flows\":[{}],\"ratio_max\":{},\"ratio_median\":{}}}",
        flows.join(","),
        round(ratio_max, 3),
        round(median(ratios), 3)
    )
}
