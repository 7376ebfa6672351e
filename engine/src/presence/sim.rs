//! Both systems in simulated time (for `ctictl presence simulate` and tests): each action changes its side, which reports it back after the echo delay.

use super::{Action, Catalog, Input, Output, Presence, PresenceConfig, Side, TimerKind};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// The two systems at the start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct World {
    pub catalog: Catalog,
    /// The Connect state; the agent is signed in.
    pub connect: String,
    /// The Omni status DeveloperName; `None`: logged out of Omni.
    pub salesforce: Option<String>,
}

/// An input from outside (the agent, a supervisor, the system) at a time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timed {
    pub at: u64,
    pub input: Input,
}

/// What made the machine produce an output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    External,
    /// A side reporting back one of the softphone's actions.
    Echo,
    Timer,
}

/// One output, and the input that made it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub at: u64,
    pub origin: Origin,
    /// Its index in `Simulation::inputs`.
    pub input: usize,
    pub output: Output,
}

#[derive(Clone, Debug)]
pub struct Simulation {
    /// Every input the machine handled, in order, with where it came from.
    pub inputs: Vec<(Timed, Origin)>,
    /// Every output, in order.
    pub lines: Vec<Line>,
    pub connect: String,
    pub connect_signed_in: bool,
    pub salesforce: Option<String>,
    /// False when the step limit stopped the run (the machine kept acting: a loop).
    pub settled: bool,
    /// The machine at the end.
    pub presence: Presence,
}

enum Item {
    External(Input),
    Echo(Action),
    Timer(TimerKind),
}

/// Items by time, then by the order they were added.
#[derive(Default)]
struct Queue {
    heap: BinaryHeap<Reverse<(u64, usize)>>,
    items: Vec<Option<Item>>,
}

impl Queue {
    fn push(&mut self, at: u64, item: Item) {
        self.heap.push(Reverse((at, self.items.len())));
        self.items.push(Some(item));
    }

    fn pop(&mut self) -> Option<(u64, Item)> {
        while let Some(Reverse((at, index))) = self.heap.pop() {
            if let Some(item) = self.items[index].take() {
                return Some((at, item));
            }
        }
        None
    }

    fn cancel(&mut self, kind: TimerKind) {
        for item in &mut self.items {
            if matches!(item, Some(Item::Timer(k)) if *k == kind) {
                *item = None;
            }
        }
    }
}

struct Systems {
    connect: String,
    signed_in: bool,
    salesforce: Option<String>,
    offline: String,
}

impl Systems {
    /// An outside change, as the event reports it.
    fn external(&mut self, input: &Input) {
        match input {
            Input::ConnectStateChange { new_state, .. } => {
                self.connect.clone_from(new_state);
                self.signed_in = true;
            }
            Input::SessionStart { connect_state } => {
                self.connect.clone_from(connect_state);
                self.signed_in = true;
            }
            Input::ConnectLogout => self.sign_out(),
            Input::SalesforceStatusChange { developer_name } => {
                self.salesforce = Some(developer_name.clone());
            }
            Input::SalesforceLogout => self.salesforce = None,
            _ => {}
        }
    }

    fn sign_out(&mut self) {
        self.signed_in = false;
        self.connect.clone_from(&self.offline);
    }

    /// Carries out the softphone's action and returns the side's report (or its failure).
    fn carry_out(&mut self, action: Action) -> Input {
        match action {
            Action::SetSalesforceStatus { developer_name, .. } => {
                self.salesforce = Some(developer_name.clone());
                Input::SalesforceStatusChange { developer_name }
            }
            Action::SalesforceLogout if self.salesforce.is_none() => {
                Input::Failed(Side::Salesforce)
            }
            Action::SalesforceLogout => {
                self.salesforce = None;
                Input::SalesforceLogout
            }
            // Streams refuses a state while signed out or during a contact.
            Action::SetConnectState { .. } | Action::ConnectLogout
                if !self.signed_in || super::is_live_contact(&self.connect) =>
            {
                Input::Failed(Side::Connect)
            }
            Action::SetConnectState { state } => {
                let old_state = std::mem::replace(&mut self.connect, state.clone());
                Input::ConnectStateChange {
                    old_state,
                    new_state: state,
                }
            }
            Action::ConnectLogout => {
                self.sign_out();
                Input::ConnectLogout
            }
        }
    }
}

/// Runs `events` against both systems until nothing is pending. `config.echo_timeout_ms` should
/// exceed `echo_ms`, or echoes count as outside changes.
pub fn simulate(
    config: PresenceConfig,
    world: World,
    mut events: Vec<Timed>,
    echo_ms: u64,
) -> Simulation {
    let mut systems = Systems {
        connect: world.connect.clone(),
        signed_in: true,
        salesforce: world.salesforce.clone(),
        offline: world.catalog.offline_state().to_owned(),
    };
    let mut presence = Presence::new(config, world.catalog, Some(world.connect), world.salesforce);
    let mut queue = Queue::default();
    events.sort_by_key(|e| e.at);
    let limit = 10_000 + 1_000 * events.len();
    for event in events {
        queue.push(event.at, Item::External(event.input));
    }
    let mut inputs = Vec::new();
    let mut lines = Vec::new();
    let mut steps = 0;
    while let Some((now, item)) = queue.pop() {
        steps += 1;
        if steps > limit {
            break;
        }
        let index = inputs.len();
        let (origin, input) = match item {
            Item::External(input) => {
                systems.external(&input);
                (Origin::External, input)
            }
            Item::Echo(action) => (Origin::Echo, systems.carry_out(action)),
            Item::Timer(kind) => (Origin::Timer, Input::Timer(kind)),
        };
        inputs.push((
            Timed {
                at: now,
                input: input.clone(),
            },
            origin,
        ));
        for output in presence.handle(now, input) {
            match &output {
                Output::Act { action, .. } => {
                    queue.push(now.saturating_add(echo_ms), Item::Echo(action.clone()));
                }
                Output::Arm(timer) => {
                    queue.cancel(timer.kind);
                    queue.push(timer.at_ms.max(now), Item::Timer(timer.kind));
                }
                Output::Cancel(kind) => queue.cancel(*kind),
                Output::Diagnose { .. } | Output::Note(_) => {}
            }
            lines.push(Line {
                at: now,
                origin,
                input: index,
                output,
            });
        }
    }
    Simulation {
        inputs,
        lines,
        connect: systems.connect,
        connect_signed_in: systems.signed_in,
        salesforce: systems.salesforce,
        settled: steps <= limit,
        presence,
    }
}
