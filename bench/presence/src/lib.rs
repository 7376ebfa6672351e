//! Times `engine::presence::Presence::handle` per event in the browser, compiled as the agent bundle compiles the engine; scripts/bench.mjs runs it.
//!
//! The events: random outside changes from both systems (the property test's generator,
//! engine/tests/presence_events), played against both systems by `presence::simulate` with the
//! adapter configuration in `config.json` (an admin's rules in both directions), so the inputs
//! include each side's reports of the softphone's own changes and the wait-window timers, each
//! at the time it is due. That input stream is then replayed into a fresh machine and only the
//! `handle` calls are timed: the simulation's own bookkeeping is not the softphone's cost.
//! Nothing here is linked into the softphone.

#[path = "../../../engine/tests/presence_events/mod.rs"]
mod presence_events;
/// Omni statuses and Connect states the agent may use: the property test's catalog.
#[path = "../../../engine/tests/presence_world/mod.rs"]
mod presence_world;
#[path = "../../../engine/tests/rng/mod.rs"]
mod rng;

use engine::config::{Destination, PresenceEvent, PresenceRule};
use engine::presence::{Input, Origin, Output, Presence, PresenceConfig, World, simulate};
use presence_world::catalog;
use rng::Rng;
use std::hint::black_box;
use wasm_bindgen::prelude::*;

const CONFIG: &str = include_str!("../config.json");
const SEED: u64 = 0xBE4C_0F9E_5E4C;
/// How long a side takes to report a change back, per sequence.
const ECHO_MS: &[u64] = &[5, 20, 60, 300];

/// One sequence: where both systems start, and every input the machine handles, timed.
struct Sequence {
    world: World,
    inputs: Vec<(u64, Input)>,
}

impl Sequence {
    /// The machine as `simulate` starts it.
    fn machine(&self, config: &PresenceConfig) -> Presence {
        Presence::new(
            config.clone(),
            self.world.catalog.clone(),
            Some(self.world.connect.clone()),
            self.world.salesforce.clone(),
        )
    }
}

/// What the inputs were, for the report.
#[derive(Default)]
struct Counts {
    external: usize,
    echoes: usize,
    timers: usize,
    actions: usize,
}

/// `performance.now()` in ms.
struct Clock(web_sys::Performance);

impl Clock {
    fn new() -> Clock {
        let performance = web_sys::window()
            .and_then(|w| w.performance())
            .expect("performance.now() in a window");
        Clock(performance)
    }

    fn now(&self) -> f64 {
        self.0.now()
    }

    /// The smallest step the clock takes (Chromium coarsens it: 100 µs, 5 µs when the page is
    /// cross-origin isolated).
    fn resolution(&self) -> f64 {
        let (mut best, mut last, mut steps) = (f64::INFINITY, self.now(), 0);
        for _ in 0..100_000_000u64 {
            let t = self.now();
            if t > last {
                best = best.min(t - last);
                last = t;
                steps += 1;
                if steps == 200 {
                    break;
                }
            }
        }
        best
    }
}

/// Runs the bench: `sequences` random sequences of `events` outside changes each; every
/// `handle` call timed alone, then runs of `batch` consecutive calls timed together. Returns
/// one JSON object (figures in ms).
#[wasm_bindgen]
pub fn run(sequences: u32, events: u32, batch: u32) -> String {
    let config = config();
    let mut rng = Rng(SEED);
    let mut counts = Counts::default();
    let cases: Vec<Sequence> = (0..sequences)
        .map(|_| sequence(&config, &mut rng, events as usize, &mut counts))
        .collect();
    let clock = Clock::new();
    let resolution = clock.resolution();
    let mut per_call = time_each(&config, &cases, &clock);
    let (mut per_batch, batch_total, batch_events) =
        time_batches(&config, &cases, &clock, batch.max(1) as usize);
    let handled: usize = cases.iter().map(|c| c.inputs.len()).sum();
    let (connect_to_omni, omni_to_connect, on_work) = directions(&config.rules);
    format!(
        concat!(
            "{{\"rules\":{},\"rules_connect_to_omni\":{},\"rules_omni_to_connect\":{},",
            "\"rules_on_work_or_workload\":{},\"wait_ms\":{},\"sequences\":{},",
            "\"external_events\":{},\"echo_events\":{},\"timer_events\":{},",
            "\"handled_events\":{},\"actions\":{},\"timer_resolution_ms\":{},",
            "\"per_call_ms\":{},\"batch_events\":{},\"batches\":{},",
            "\"per_event_from_batches_ms\":{},\"mean_ms\":{}}}"
        ),
        config.rules.len(),
        connect_to_omni,
        omni_to_connect,
        on_work,
        config.wait_ms,
        cases.len(),
        counts.external,
        counts.echoes,
        counts.timers,
        handled,
        counts.actions,
        resolution,
        figures(&mut per_call),
        batch,
        per_batch.len(),
        figures(&mut per_batch),
        batch_total / batch_events.max(1) as f64,
    )
}

fn config() -> PresenceConfig {
    let parsed = engine::config::parse(CONFIG, None);
    assert_eq!(parsed.errors(), 0, "config.json: {:?}", parsed.problems);
    PresenceConfig::from_config(&parsed.config.expect("config.json decodes"))
}

/// Simulates one random sequence and keeps its inputs; replaying them must give the same
/// outputs, or timing the replay would time something else.
fn sequence(
    config: &PresenceConfig,
    rng: &mut Rng,
    events: usize,
    counts: &mut Counts,
) -> Sequence {
    let connect = rng
        .word(&["Available", "Lunch", "Offline", "Busy"])
        .to_owned();
    let salesforce =
        Some(rng.word(presence_events::OMNI_EVENTS).to_owned()).filter(|_| rng.chance(85));
    let echo = ECHO_MS[rng.below(ECHO_MS.len())];
    let world = World {
        catalog: catalog(),
        connect,
        salesforce,
    };
    let timed = presence_events::random_events(rng, events);
    let sim = simulate(config.clone(), world.clone(), timed, echo);
    assert!(sim.settled, "a bench sequence did not settle");
    for (_, origin) in &sim.inputs {
        match origin {
            Origin::External => counts.external += 1,
            Origin::Echo => counts.echoes += 1,
            Origin::Timer => counts.timers += 1,
        }
    }
    let expected: Vec<Output> = sim.lines.into_iter().map(|l| l.output).collect();
    counts.actions += expected
        .iter()
        .filter(|o| matches!(o, Output::Act { .. }))
        .count();
    let case = Sequence {
        world,
        inputs: sim
            .inputs
            .into_iter()
            .map(|(t, _)| (t.at, t.input))
            .collect(),
    };
    let mut machine = case.machine(config);
    let replayed: Vec<Output> = case
        .inputs
        .iter()
        .flat_map(|(at, input)| machine.handle(*at, input.clone()))
        .collect();
    assert!(
        replayed == expected,
        "the replay differs from the simulation"
    );
    case
}

/// Each `handle` call timed alone; its outputs are dropped after the clock is read.
fn time_each(config: &PresenceConfig, cases: &[Sequence], clock: &Clock) -> Vec<f64> {
    let mut times = Vec::new();
    for case in cases {
        let mut machine = case.machine(config);
        for (at, input) in case.inputs.clone() {
            let start = clock.now();
            let outputs = machine.handle(at, input);
            let end = clock.now();
            black_box(outputs);
            times.push(end - start);
        }
    }
    times
}

/// Runs of `batch` consecutive calls within a sequence, each timed together and divided by
/// `batch` (a sequence's last, shorter run is left out); also the total time and event count.
fn time_batches(
    config: &PresenceConfig,
    cases: &[Sequence],
    clock: &Clock,
    batch: usize,
) -> (Vec<f64>, f64, usize) {
    let (mut per_event, mut total, mut events) = (Vec::new(), 0.0, 0);
    for case in cases {
        let mut machine = case.machine(config);
        let mut inputs = case.inputs.clone().into_iter();
        let mut kept: Vec<Vec<Output>> = Vec::with_capacity(batch);
        loop {
            let run: Vec<(u64, Input)> = inputs.by_ref().take(batch).collect();
            if run.len() < batch {
                break;
            }
            let start = clock.now();
            for (at, input) in run {
                kept.push(machine.handle(at, input));
            }
            let elapsed = clock.now() - start;
            black_box(&kept);
            kept.clear();
            per_event.push(elapsed / batch as f64);
            total += elapsed;
            events += batch;
        }
    }
    (per_event, total, events)
}

/// How many rules go each way: Connect → Omni, Omni status or logout → Connect, and Omni work
/// or workload → Connect.
fn directions(rules: &[PresenceRule]) -> (usize, usize, usize) {
    let count = |test: fn(&PresenceRule) -> bool| rules.iter().filter(|r| test(r)).count();
    (
        count(|r| {
            r.event == PresenceEvent::ConnectAgentStateChange
                && matches!(r.destination, Destination::SalesforceAgentState(_))
        }),
        count(|r| {
            matches!(
                r.event,
                PresenceEvent::SalesforceAgentStateChange | PresenceEvent::SalesforceAgentLogout
            ) && matches!(r.destination, Destination::ConnectAgentState(_))
        }),
        count(|r| {
            matches!(
                r.event,
                PresenceEvent::SalesforceWorkAccepted | PresenceEvent::SalesforceWorkloadChanged
            )
        }),
    )
}

/// `{"count","p50","p99","max"}` of times in ms.
fn figures(times: &mut [f64]) -> String {
    if times.is_empty() {
        return "{\"count\":0,\"p50\":null,\"p99\":null,\"max\":null}".to_owned();
    }
    times.sort_by(f64::total_cmp);
    let at = |p: f64| {
        let rank = (p / 100.0 * times.len() as f64).ceil() as usize;
        times[rank.clamp(1, times.len()) - 1]
    };
    format!(
        "{{\"count\":{},\"p50\":{},\"p99\":{},\"max\":{}}}",
        times.len(),
        at(50.0),
        at(99.0),
        at(100.0)
    )
}
