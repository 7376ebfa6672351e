//! Running a flow as a resumable state machine: it stops at each host call until the host answers.

use super::blocks::{BUILT, Ctx, Outcome};
use super::data::Data;
use super::host::{Answer, HostCall};
use super::path::{self, PathStep};
use super::{Block, Flow, KindRef, Port};
use std::borrow::Cow;
use std::fmt;
use std::rc::Rc;

/// Block executions one run may make: a loop in a flow ends the run, never the softphone.
pub const MAX_STEPS: u32 = 10_000;
/// The adapter's flow timeout (60 s since 5.9), against the times the caller passes.
pub const TIMEOUT_MS: f64 = 60_000.0;

/// How a run reads its input.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// The flow's name in log lines (shared: every line of a run names it).
    pub name: Rc<str>,
    /// ISO country that national numbers are read in (`parsedNumber`, Format Phone Number
    /// without a country).
    pub default_country: Rc<str>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            name: Rc::from(""),
            default_country: Rc::from("US"),
        }
    }
}

/// Flow properties (Set/Get/Unset/Clear Property): kept by the caller across runs, apart from
/// the softphone's own state, so no flow can clear what the softphone needs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Properties {
    values: Vec<(String, Data)>,
}

impl Properties {
    pub fn get(&self, key: &str) -> Option<&Data> {
        self.values.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn set(&mut self, key: String, value: Data) {
        match self.values.iter_mut().find(|(k, _)| *k == key) {
            Some((_, slot)) => *slot = value,
            None => self.values.push((key, value)),
        }
    }

    pub fn unset(&mut self, key: &str) {
        self.values.retain(|(k, _)| k != key);
    }

    pub fn clear(&mut self) {
        self.values.clear();
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Data)> {
        self.values.iter().map(|(k, v)| (k.as_str(), v))
    }
}

/// What the caller must do next.
#[derive(Clone, Debug, PartialEq)]
pub enum Step<'r> {
    /// Make this call, then `resume` with its answer. The call is handed out once (moved, not
    /// copied): asking `step` again before `resume` answers `Waiting`.
    Call(HostCall),
    /// The call handed out has not been answered yet.
    Waiting,
    /// A block ran (or the run stopped at one): log the line. It is lent by the run, so a step
    /// neither copies nor allocates for it.
    Log(LogLine<'r>),
    /// The run is over; `step` keeps answering this.
    Done(End),
}

/// Where and why a run ended.
#[derive(Clone, Debug, PartialEq)]
pub struct End {
    /// The `SE_End` reached, or the block where the run stopped (shared: `step` hands it out
    /// again each time it is asked).
    pub block: Rc<str>,
    pub reason: EndReason,
    /// Block executions, start and end included.
    pub steps: u32,
}

impl End {
    pub fn reached_end(&self) -> bool {
        self.reason == EndReason::Finished
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EndReason {
    /// An `SE_End` block.
    Finished,
    /// The block left by a port that leads nowhere.
    Unconnected {
        port: String,
    },
    /// The block failed and has no failure port.
    Failed,
    UnknownBlock,
    /// A block this engine does not run yet, without a failure port.
    NotBuilt,
    StepBudget,
    Timeout,
}

impl EndReason {
    pub fn as_str(&self) -> &'static str {
        match self {
            EndReason::Finished => "end",
            EndReason::Unconnected { .. } => "unconnected_port",
            EndReason::Failed => "failed",
            EndReason::UnknownBlock => "unknown_block",
            EndReason::NotBuilt => "not_built",
            EndReason::StepBudget => "step_budget",
            EndReason::Timeout => "timeout",
        }
    }
}

/// What a block did: the object `{success, results, exception}` that later blocks read as
/// `$.actions.<id>` and its log line shows. Kept as fields, so a step builds no object.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub success: bool,
    pub results: Results,
    pub exception: Data,
}

/// A block's results. Most blocks answer `{"value": …}`: that is kept as the value alone and
/// read as if it were the object.
#[derive(Clone, Debug, PartialEq)]
pub enum Results {
    Data(Data),
    Value(Data),
}

impl Results {
    /// The results as flows and log lines see them.
    pub fn to_data(&self) -> Data {
        match self {
            Results::Data(data) => data.clone(),
            Results::Value(value) => Data::object([("value", value.clone())]),
        }
    }

    fn read(&self, steps: &[PathStep]) -> Cow<'_, Data> {
        match (self, steps.split_first()) {
            (Results::Data(data), _) => Cow::Borrowed(path::follow(data, steps)),
            (Results::Value(value), Some((PathStep::Key(key), rest))) if key == "value" => {
                Cow::Borrowed(path::follow(value, rest))
            }
            // Anything else reads the object itself, so both forms always agree.
            (Results::Value(_), _) => Cow::Owned(path::follow(&self.to_data(), steps).clone()),
        }
    }
}

impl Record {
    /// The value at `steps` inside the record's object; `Null` where there is nothing.
    pub fn read(&self, steps: &[PathStep]) -> Cow<'_, Data> {
        let Some((first, rest)) = steps.split_first() else {
            return Cow::Owned(self.to_data());
        };
        let field = match first {
            PathStep::Key(key) if key == "results" => return self.results.read(rest),
            PathStep::Key(key) if key == "exception" => &self.exception,
            PathStep::Key(key) if key == "success" => {
                return Cow::Owned(path::follow(&Data::Bool(self.success), rest).clone());
            }
            _ => return Cow::Owned(Data::Null),
        };
        Cow::Borrowed(path::follow(field, rest))
    }

    /// The record as the object flows and log lines see.
    pub fn to_data(&self) -> Data {
        Data::object([
            ("success", Data::Bool(self.success)),
            ("results", self.results.to_data()),
            ("exception", self.exception.clone()),
        ])
    }
}

/// One line of a run's log: a block and its record, or the reason the run stopped there.
/// Displayed as the adapter's `[FLOW] [<name>] …` lines.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LogLine<'r> {
    /// The flow's name.
    pub flow: &'r str,
    block: &'r Block,
    /// The block's record (the one later blocks read); `None` on a stop line.
    pub record: Option<&'r Record>,
    pub stop: Option<&'r EndReason>,
}

impl LogLine<'_> {
    pub fn block_id(&self) -> &str {
        &self.block.id
    }

    /// The block's `type` as written.
    pub fn block_type(&self) -> &str {
        &self.block.type_name
    }
}

impl fmt::Display for LogLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "[FLOW] [{}] {} {} ",
            self.flow,
            self.block_id(),
            self.block_type()
        )?;
        match (self.stop, self.record) {
            (Some(EndReason::Unconnected { port }), _) => write!(f, "stop unconnected_port {port}"),
            (Some(reason), _) => write!(f, "stop {}", reason.as_str()),
            (None, Some(record)) => f.write_str(&record.to_data().to_json()),
            (None, None) => f.write_str("null"),
        }
    }
}

/// One run of a flow.
pub struct Run {
    /// Shared with the configuration: a reload of it never changes a run under way.
    flow: Rc<Flow>,
    options: Options,
    /// `{"payload": …, "contact": …}`.
    root: Data,
    /// Each block's record, by block index (`None` before it ran); its log line borrows it.
    /// Empty when no path of the flow reads a record.
    records: Vec<Option<Record>>,
    /// The last block's record when there is no `records` table, for its log line.
    last: Option<Record>,
    at: usize,
    steps: u32,
    started_ms: f64,
    state: State,
    /// Lines not yet handed out by `step`.
    pending: Pending,
    /// The line `step` lent last (its stop reason lives here while the caller reads it).
    lent: Option<Line>,
}

thread_local! {
    /// The record of a block that succeeded with no results (Start, End, Log…): lent to its
    /// line rather than made per block. Made once per thread and never freed (`Data` is not
    /// `Sync`, so it cannot be a `static`).
    static EMPTY: &'static Record = Box::leak(Box::new(Record {
        success: true,
        results: Results::Data(Data::Null),
        exception: Data::Null,
    }));
}

/// A line a step has made: the block's record line, or why the run stopped at the block.
#[derive(Clone, Debug)]
enum Line {
    Record(usize),
    /// A block that succeeded with no results, when no records table keeps it.
    Empty(usize),
    Stop(usize, EndReason),
}

/// The lines a step has made and not handed out: at most two (a block's, then why the run
/// stopped there), so they wait in place rather than in a heap-allocated queue.
#[derive(Default)]
struct Pending([Option<Line>; 2]);

impl Pending {
    fn push(&mut self, line: Line) {
        let slot = usize::from(self.0[0].is_some());
        debug_assert!(self.0[slot].is_none(), "a third line in one step");
        self.0[slot] = Some(line);
    }

    fn pop(&mut self) -> Option<Line> {
        let line = self.0[0].take();
        self.0.swap(0, 1);
        line
    }

    fn is_empty(&self) -> bool {
        self.0[0].is_none()
    }
}

enum State {
    Ready,
    Waiting {
        /// A call an answer led to, until `step` hands it out (a block's own call is handed
        /// out at once); `None` while the host has it.
        call: Option<HostCall>,
        then: fn(Answer) -> Outcome,
    },
    Done(End),
}

impl Run {
    /// Starts a run on `input` (`{"payload": …, "contact": …}`). The contact's `parsedNumber`
    /// is computed from its `phoneNumber` when the input has none.
    pub fn new(flow: Rc<Flow>, input: Data, options: Options, now_ms: f64) -> Run {
        let mut root = match input {
            object @ Data::Object(_) => object,
            _ => Data::Object(Vec::new()),
        };
        parsed_number(&mut root, &options.default_country);
        Run {
            records: if flow.reads_records {
                vec![None; flow.blocks.len()]
            } else {
                Vec::new()
            },
            last: None,
            at: flow.start,
            flow,
            options,
            root,
            steps: 0,
            started_ms: now_ms,
            state: State::Ready,
            pending: Pending::default(),
            lent: None,
        }
    }

    /// Advances the run until it needs the host, has a line to log, or is over.
    pub fn step(&mut self, now_ms: f64, properties: &mut Properties) -> Step<'_> {
        loop {
            if !self.pending.is_empty() {
                self.lent = self.pending.pop();
                return Step::Log(self.lent_line());
            }
            match &mut self.state {
                State::Done(end) => return Step::Done(end.clone()),
                State::Waiting { call, .. } => {
                    return call.take().map_or(Step::Waiting, Step::Call);
                }
                State::Ready => {}
            }
            // NaN (a broken clock) counts as out of time rather than as forever.
            let within = (now_ms - self.started_ms).partial_cmp(&TIMEOUT_MS);
            if within != Some(std::cmp::Ordering::Less) {
                self.stop(EndReason::Timeout);
                continue;
            }
            if self.steps >= MAX_STEPS {
                self.stop(EndReason::StepBudget);
                continue;
            }
            self.steps += 1;
            let block = &self.flow.blocks[self.at];
            let outcome = match block.kind {
                KindRef::Built(kind) => {
                    let mut ctx = Ctx {
                        block,
                        root: &self.root,
                        records: &self.records,
                        properties,
                        options: &self.options,
                    };
                    (BUILT[kind].exec)(&mut ctx)
                }
                KindRef::NotBuilt => {
                    self.fail(Data::text("not built"), EndReason::NotBuilt);
                    continue;
                }
                KindRef::Unknown => {
                    self.stop(EndReason::UnknownBlock);
                    continue;
                }
            };
            if let Some(call) = self.apply(outcome) {
                return Step::Call(call);
            }
        }
    }

    /// The host's answer to the call `step` returned; ignored when no call is waiting.
    pub fn resume(&mut self, answer: Answer) {
        if let State::Waiting { then, .. } = self.state {
            self.state = State::Ready;
            // The next `step` hands out a call the answer leads to.
            if let Some(next) = self.apply(then(answer))
                && let State::Waiting { call, .. } = &mut self.state
            {
                *call = Some(next);
            }
        }
    }

    /// Carries out a block's outcome; a host call is returned to be handed out (moved: it is
    /// the largest value a step makes), and the run waits for its answer.
    fn apply(&mut self, outcome: Outcome) -> Option<HostCall> {
        match outcome {
            Outcome::Next { port, results } => {
                self.record(true, Results::Data(results), Data::Null);
                self.follow(port);
            }
            Outcome::Value(value) => {
                self.record(true, Results::Value(value), Data::Null);
                self.follow(Port::Done);
            }
            Outcome::Fail { exception } => self.fail(exception, EndReason::Failed),
            Outcome::Call { call, then } => {
                self.state = State::Waiting { call: None, then };
                return Some(call);
            }
            Outcome::End => {
                self.record(true, Results::Data(Data::Null), Data::Null);
                self.stop(EndReason::Finished);
            }
        }
        None
    }

    /// A failed block leaves by its failure port, or ends the run with `reason`.
    fn fail(&mut self, exception: Data, reason: EndReason) {
        self.record(false, Results::Data(Data::Null), exception);
        match self.flow.blocks[self.at].next(Port::Failure) {
            Some(next) => self.at = next,
            None => self.stop(reason),
        }
    }

    fn follow(&mut self, port: Port) {
        match self.flow.blocks[self.at].next(port) {
            Some(next) => self.at = next,
            None => self.stop(EndReason::Unconnected {
                port: port.as_str().to_owned(),
            }),
        }
    }

    fn record(&mut self, success: bool, results: Results, exception: Data) {
        let empty = success && matches!(results, Results::Data(Data::Null)) && exception.is_null();
        if empty && self.records.is_empty() {
            // Nothing reads it later: its line lends the shared empty record.
            self.pending.push(Line::Empty(self.at));
            return;
        }
        let record = Record {
            success,
            results,
            exception,
        };
        match self.records.get_mut(self.at) {
            Some(slot) => *slot = Some(record),
            None => self.last = Some(record),
        }
        self.pending.push(Line::Record(self.at));
    }

    fn stop(&mut self, reason: EndReason) {
        if reason != EndReason::Finished {
            self.pending.push(Line::Stop(self.at, reason.clone()));
        }
        self.state = State::Done(End {
            block: Rc::clone(&self.flow.blocks[self.at].id),
            reason,
            steps: self.steps,
        });
    }

    /// The line `step` lends: its block, and the block's record or the stop reason.
    fn lent_line(&self) -> LogLine<'_> {
        let (block, record, stop) = match &self.lent {
            Some(Line::Record(block)) => {
                let record = match self.records.get(*block) {
                    Some(slot) => slot.as_ref(),
                    None => self.last.as_ref(),
                };
                (*block, record, None)
            }
            Some(Line::Empty(block)) => (*block, Some(EMPTY.with(|empty| *empty)), None),
            Some(Line::Stop(block, reason)) => (*block, None, Some(reason)),
            // `step` sets the line before it lends it.
            None => (self.at, None, None),
        };
        LogLine {
            flow: &self.options.name,
            block: &self.flow.blocks[block],
            record,
            stop,
        }
    }
}

/// `contact.parsedNumber` = `{phone, country}` of the customer's number, when it can be read.
fn parsed_number(root: &mut Data, default_country: &str) {
    let contact = root.get("contact");
    if !contact.get("parsedNumber").is_null() {
        return;
    }
    let Some(number) = contact.get("phoneNumber").non_empty_text() else {
        return;
    };
    let Ok(parsed) = crate::phone::parse(&number, default_country) else {
        return;
    };
    let value = Data::object([
        ("phone", Data::text(parsed.number.as_str())),
        ("country", Data::text(parsed.country)),
    ]);
    let mut contact = contact.clone();
    contact.set("parsedNumber".to_owned(), value);
    root.set("contact".to_owned(), contact);
}
