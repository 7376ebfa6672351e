//! Property test of the flow engine: 10,000 random flows (real block types, random controls, paths, ports and host answers) load without panic and every run ends within the step budget.

mod rng;

use engine::flow::{self, Answer, Data, MAX_STEPS, Options, Properties, Run, Step};
use rng::Rng;
use serde_json::{Value, json};

const FLOWS: usize = 10_000;
const WORDS: &[&str] = &[
    "",
    "0",
    "x",
    "+14155550142",
    "(415) 555-0142",
    "voice",
    "chat",
    "INBOUND",
    "uid-NaN",
    "$",
    "null",
    "true",
];
const ROOTS: &[&str] = &[
    "$.payload",
    "$.contact",
    "$.contact.parsedNumber",
    "$.actions.uid-1.results",
    "$.actions.uid-3",
    "$.actions.nope.results",
    "$.foo",
    "$.actions",
    "$.payload.",
    "$.payload..x",
    "$.payload.a[",
    "$.payload.a[x]",
];
const STEPS: &[&str] = &[
    "",
    ".value",
    ".value.[0].Id",
    ".value[0]",
    ".phone",
    ".number",
    ".attributes.tier",
    ".id",
    "[2][0]",
    ".type",
];
const PORTS: &[&str] = &["done", "success", "failure", "true", "false", "other"];

fn scalar(rng: &mut Rng) -> Value {
    match rng.below(6) {
        0 => Value::Null,
        1 => json!(rng.chance(50)),
        2 => json!(rng.below(20) as i64 - 5),
        3 => json!(*rng.pick(WORDS)),
        4 => json!(format!("{}{}", rng.pick(ROOTS), rng.pick(STEPS))),
        _ => json!(0.5),
    }
}

fn value(rng: &mut Rng, depth: usize) -> Value {
    match (depth, rng.below(8)) {
        (0..=2, 0) => Value::Array((0..rng.below(4)).map(|_| value(rng, depth + 1)).collect()),
        (0..=2, 1) => {
            let mut object = serde_json::Map::new();
            for _ in 0..rng.below(4) {
                object.insert(
                    rng.pick(&["a", "Id", "value", "tier", "0"]).to_string(),
                    value(rng, depth + 1),
                );
            }
            Value::Object(object)
        }
        _ => scalar(rng),
    }
}

fn random_flow(rng: &mut Rng) -> Value {
    let n = 1 + rng.below(24);
    let ids: Vec<String> = (0..n)
        .map(|i| match rng.below(20) {
            0 => "uid-NaN".to_owned(),
            1 => format!("uid-{}", rng.below(n)),
            _ => format!("uid-{i}"),
        })
        .collect();
    let mut types: Vec<&str> = flow::BUILT.iter().map(|k| k.type_id).collect();
    types.extend(flow::NOT_BUILT);
    types.push("SE_Teleport");
    // Back edges (loops) in a few flows only: a loop costs the whole step budget to end.
    let loops = rng.chance(2);
    let actions: Vec<Value> = (0..n)
        .map(|i| {
            let type_id = match i {
                0 if !rng.chance(2) => "SE_Start",
                _ if i + 1 == n && rng.chance(80) => "SE_End",
                _ => *rng.pick(&types),
            };
            let kind = flow::BUILT.iter().find(|k| k.type_id == type_id);
            let mut controls = serde_json::Map::new();
            for (name, _) in kind.map_or(&[][..], |k| k.controls) {
                if rng.chance(80) {
                    controls.insert(name.to_string(), value(rng, 0));
                }
            }
            let mut ports = serde_json::Map::new();
            let names = kind.map_or(&["done"][..], |k| k.ports);
            for port in names.iter().chain(std::iter::once(rng.pick(PORTS))) {
                let target = match rng.below(20) {
                    0 => Value::Null,
                    1 => json!(""),
                    2 => json!("nowhere"),
                    3 => json!(7),
                    _ if loops => json!(ids[rng.below(n)]),
                    // Forward only; the last block's ports lead nowhere.
                    _ if i + 1 == n => Value::Null,
                    _ => json!(ids[(i + 1 + rng.below(3)).min(n - 1)]),
                };
                ports.insert(port.to_string(), target);
            }
            let mut action =
                json!({"id": ids[i], "type": type_id, "controls": controls, "ports": ports});
            if rng.chance(2) {
                action["ports"] = json!("broken");
            }
            if rng.chance(2) {
                action["controls"] = json!([1]);
            }
            action
        })
        .collect();
    json!({"name": "random", "actions": actions})
}

fn random_input(rng: &mut Rng) -> Data {
    let input = json!({
        "payload": {"number": scalar(rng), "id": scalar(rng), "a": value(rng, 1)},
        "contact": {
            "contactId": scalar(rng),
            "type": rng.pick(&["voice", "chat", "task", "queue_callback", ""]),
            "initiationMethod": rng.pick(&["INBOUND", "OUTBOUND", "CALLBACK", "TRANSFER"]),
            "phoneNumber": scalar(rng),
            "attributes": {"tier": scalar(rng)},
        },
    });
    Data::from_json(&engine::json::parse(&input.to_string()).unwrap())
}

fn random_answer(rng: &mut Rng) -> Answer {
    let returned = value(rng, 0);
    let data = Data::from_json(&engine::json::parse(&returned.to_string()).unwrap());
    match rng.below(4) {
        0 => Answer::failed(data),
        1 => Answer::ok(Data::object([(
            "runApex",
            Data::text(returned.to_string()),
        )])),
        _ => Answer::ok(data),
    }
}

/// Reference flows with random bytes changed, dropped or repeated: loading and running never
/// panic, and neither does the configuration decoder that embeds them.
#[test]
fn mutated_reference_flows_load_without_panic() {
    const FIXTURE: &str = include_str!(
        "../../visualforce/force-app/main/default/staticresources/CtiAdapterConfigFixture.json"
    );
    let mut rng = Rng(0x00B0_D1E5);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/flows");
    let bodies: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    let mut doc: Value = serde_json::from_str(FIXTURE).unwrap();
    let mut loaded = 0;
    for _ in 0..2_000 {
        let mut bytes = rng.pick(&bodies).clone();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(bytes.len());
            match rng.below(3) {
                0 => bytes[at] = *rng.pick(b"{}[]\":,0-$.ux "),
                1 => {
                    bytes.remove(at);
                }
                _ => bytes.insert(at, bytes[at]),
            }
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let (flow, _) = flow::load_text(&text);
        if let Some(flow) = &flow {
            loaded += 1;
            let mut run = Run::new(
                std::rc::Rc::new(flow.clone()),
                random_input(&mut rng),
                Options::default(),
                0.0,
            );
            let mut properties = Properties::default();
            loop {
                match run.step(0.0, &mut properties) {
                    Step::Call(_) => run.resume(random_answer(&mut rng)),
                    Step::Log(_) => {}
                    Step::Waiting => panic!("waiting after its call was answered"),
                    Step::Done(end) => break assert!(end.steps <= MAX_STEPS),
                }
            }
        }
        doc["flows"][0]["body"] = json!(text);
        let _ = engine::config::parse(&doc.to_string(), None);
    }
    assert!(loaded > 100, "only {loaded} mutants loaded");
}

#[test]
fn random_flows_load_and_end_within_the_budget() {
    let mut rng = Rng(0x5EED_F10F);
    let (mut ran, mut budget_ends, mut finished) = (0, 0, 0);
    let mut properties = Properties::default();
    for case in 0..FLOWS {
        let body = random_flow(&mut rng).to_string();
        let (loaded, _problems) = flow::load_text(&body);
        let Some(loaded) = loaded else { continue };
        let _ = flow::lint(&loaded);
        ran += 1;
        let mut run = Run::new(
            std::rc::Rc::new(loaded.clone()),
            random_input(&mut rng),
            Options::default(),
            0.0,
        );
        let mut calls = 0;
        let mut asked = 0usize;
        let end = loop {
            asked += 1;
            assert!(
                asked <= 3 * MAX_STEPS as usize + 10,
                "case {case}: the run does not end\n{body}"
            );
            match run.step(0.0, &mut properties) {
                Step::Call(_) => {
                    calls += 1;
                    // The call is handed out once; the run waits for its answer.
                    assert_eq!(run.step(0.0, &mut properties), Step::Waiting, "case {case}");
                    run.resume(random_answer(&mut rng));
                }
                Step::Log(_) => {}
                Step::Waiting => panic!("case {case}: waiting after its call was answered"),
                Step::Done(end) => break end,
            }
        };
        assert!(end.steps <= MAX_STEPS, "case {case}");
        assert!(calls <= end.steps as usize, "case {case}");
        assert!(
            loaded.block(&end.block).is_some(),
            "case {case}: {}",
            end.block
        );
        budget_ends += usize::from(end.steps == MAX_STEPS);
        finished += usize::from(end.reached_end());
    }
    // The generator must reach the interesting cases, not only broken bodies.
    assert!(ran > FLOWS / 2, "only {ran} flows could run");
    assert!(budget_ends > 10, "only {budget_ends} runs looped");
    assert!(finished > FLOWS / 10, "only {finished} runs reached an end");
}
