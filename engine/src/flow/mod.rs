//! CTI flows (the adapter's JSON block flows): `load` a body into a typed `Flow`, `lint` it, and `Run` it step by step.
//
// Missing values: a path to nothing, an absent control and a block that has not run all read as
// `Data::Null` (the adapter's JavaScript `undefined`), everywhere; nothing here panics on input.
//
// Broken ids (the adapter's issue #95): a block whose id is `uid-NaN`, or repeats the id of an
// earlier block, gets a fresh `uid-<n>` (a warning). A port or `$.actions.<id>` path that names an
// id only one block had follows that block to its new id. One that names an id several blocks
// had is ambiguous: it is reported as an error (`FlowDuplicateActionId`) and left unconnected,
// never guessed.

use std::rc::Rc;

mod blocks;
mod check;
mod data;
mod defaults;
mod host;
mod load;
mod path;
mod run;

pub(crate) use blocks::query_string;
pub use blocks::{BUILT, ControlType, Ctx, INFERRED_TYPE_IDS, Kind, NOT_BUILT, Outcome};
pub use check::lint;
pub use data::Data;
pub use defaults::DefaultFlow;
pub use host::{Answer, HOST_METHODS, HostCall};
pub use load::{load, load_text};
pub use path::{Path, PathError, PathStep, Root};
pub use run::{
    End, EndReason, LogLine, MAX_STEPS, Options, Properties, Record, Results, Run, Step, TIMEOUT_MS,
};

/// A loaded flow: every block with typed controls and resolved ports, and its one start. Only
/// `load` makes one, so every port index and the start are valid and a run can trust them.
#[derive(Clone, Debug, PartialEq)]
pub struct Flow {
    name: Option<String>,
    blocks: Vec<Block>,
    start: usize,
    /// Whether a `$.actions.<id>` path reads a block's record: a run of a flow with none keeps
    /// no records table.
    reads_records: bool,
}

impl Flow {
    /// The body's `name`, for log lines (callers use the record's name when it has none).
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The blocks in body order (renumbered ids); ports hold indexes into this list.
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// Index of the `SE_Start` block in `blocks`.
    pub fn start(&self) -> usize {
        self.start
    }

    pub fn block(&self, id: &str) -> Option<&Block> {
        self.blocks.iter().find(|b| *b.id == *id)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// The id, after renumbering (shared: a run's end names it without a copy).
    pub id: Rc<str>,
    /// The `type` as written (`SE_SFSearchAndScreenpop`).
    pub type_name: String,
    pub kind: KindRef,
    /// Every control of the body, typed; a control the kind does not name is kept as it is.
    pub controls: Vec<(String, Control)>,
    /// Port name → index of the next block, as written; `None` for an unconnected or unusable
    /// port.
    pub ports: Vec<(String, Option<usize>)>,
    /// The next block by each `Port` a run can leave by (`ports` read once, at load).
    exits: [Option<usize>; Port::ALL.len()],
    /// Position in the body's `actions`, for JSON pointers.
    pub body_index: usize,
}

impl Block {
    pub fn control(&self, name: &str) -> Option<&Control> {
        self.controls
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, c)| c)
    }

    /// Where a port leads: `None` when the block has no such port or it is unconnected.
    pub fn next(&self, port: Port) -> Option<usize> {
        self.exits[port as usize]
    }
}

/// A port a run leaves a block by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Port {
    Done,
    Success,
    Failure,
    True,
    False,
}

impl Port {
    pub const ALL: [Port; 5] = [
        Port::Done,
        Port::Success,
        Port::Failure,
        Port::True,
        Port::False,
    ];

    /// The name flow files write.
    pub fn as_str(self) -> &'static str {
        match self {
            Port::Done => "done",
            Port::Success => "success",
            Port::Failure => "failure",
            Port::True => "true",
            Port::False => "false",
        }
    }

    fn from_name(name: &str) -> Option<Port> {
        Port::ALL.into_iter().find(|port| port.as_str() == name)
    }
}

/// What a block's type is to this engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KindRef {
    /// Index into `BUILT`.
    Built(usize),
    /// A block of the adapter's appendix this engine does not run yet.
    NotBuilt,
    Unknown,
}

/// A control value: a literal, a `$.` path read at run time, or an object or array of controls
/// (`fieldValues`, `attributes`), each member typed the same way.
#[derive(Clone, Debug, PartialEq)]
pub enum Control {
    Literal(Data),
    Path(Path),
    Object(Vec<(String, Control)>),
    Array(Vec<Control>),
}
