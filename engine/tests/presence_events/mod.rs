//! Random timed presence inputs from both systems, shared by the property test and the wasm bench (bench/presence/), so both exercise the same event mix.
#![allow(dead_code)]

use super::rng::Rng;
use engine::presence::{Input, Timed};

/// Connect states an event can report: agent states, system states, an enhanced logout.
pub const CONNECT_EVENTS: &[&str] = &[
    "Available",
    "Lunch",
    "Break",
    "Offline",
    "Busy",
    "AfterCallWork",
    "Logout",
];
/// Omni states an event can report (`Offline` here is a DeveloperName, not a logout).
pub const OMNI_EVENTS: &[&str] = &["Available", "Lunch", "Busy", "Break", "Away", "Offline"];
/// Gaps between outside changes: inside one wait window, across it, and long after.
const GAPS_MS: &[u64] = &[0, 10, 40, 90, 150, 400, 2_000];

pub fn random_input(rng: &mut Rng) -> Input {
    match rng.below(20) {
        0..=7 => Input::ConnectStateChange {
            old_state: rng.word(CONNECT_EVENTS).into(),
            new_state: rng.word(CONNECT_EVENTS).into(),
        },
        8..=14 => Input::SalesforceStatusChange {
            developer_name: rng.word(OMNI_EVENTS).into(),
        },
        15 => Input::SalesforceLogout,
        16 => Input::ConnectLogout,
        17 => Input::WorkAccepted {
            service_channel: Some(rng.word(&["phone", "chat"]).into()).filter(|_| rng.chance(90)),
        },
        _ => Input::WorkloadChanged {
            configured_capacity: rng.word(&["0", "2", "4"]).into(),
            previous_workload: rng.word(&["0", "1", "2"]).into(),
            new_workload: rng.word(&["0", "1", "2", "4"]).into(),
        },
    }
}

/// `count` outside changes, each a random gap after the one before.
pub fn random_events(rng: &mut Rng, count: usize) -> Vec<Timed> {
    let mut at = 0;
    (0..count)
        .map(|_| {
            at += GAPS_MS[rng.below(GAPS_MS.len())];
            Timed {
                at,
                input: random_input(rng),
            }
        })
        .collect()
}
