// The presence sync part of the benchmark (scripts/bench.mjs prints it as `presence`):
// - engine: `engine::presence::Presence::handle` per event, compiled to wasm32 as the agent bundle
//   compiles the engine (workspace release profile, then wasm-opt -Oz --low-memory-unused) and run in headless
//   Chromium (bench/presence/: the property test's random events against both systems, with an
//   admin's rules in both directions; only the `handle` calls are timed). Its page is
//   cross-origin isolated, so performance.now() steps by 5 µs instead of 100 µs.
// - mirror: in the playground (real Streams, both emulators), with rules Connect Lunch → Omni
//   Busy, Connect Available → Omni Available and the reverse two, the agent's state is changed N
//   times each way and each change is timed from its message's arrival in the softphone frame:
//   Connect → Omni until the softphone calls setServicePresenceStatus (one clock: the frame's);
//   Omni → Connect until the CCP emulator's frame receives putAgentState. That frame is another
//   site, so another process with its own performance.now(): both ends are read as
//   performance.timeOrigin + now(), which Chromium derives from one monotonic clock, and the
//   offset between the two frames' clocks is bounded by reading them in turn
//   (`clock_offset_ms`). On the softphone's clock alone, `answered` times the same change until
//   the CCP's answer to putAgentState is back in the softphone frame (it adds the way back).
//   presenceSyncWaitMs (the wait window, 100 ms by default) is part of each latency by design;
//   `…_minus_wait_ms_…` figures subtract it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { until, Playground } from '../tests/e2e/harness.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
export const round = (x, digits = 3) => (x === null || x === undefined ? null : Math.round(x * 10 ** digits) / 10 ** digits);

// ------------------------------------------------------------------ engine, in wasm

// Builds bench/presence/ for the browser; returns the directory with its JS glue and wasm.
export function buildPresenceEngine(root) {
  const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  run('cargo', ['build', '--release', '--quiet', '--locked', '-p', 'presence-bench', '--target', 'wasm32-unknown-unknown']);
  const out = path.join(root, 'target/presence-bench');
  const built = path.join(root, 'target/wasm32-unknown-unknown/release/presence_bench.wasm');
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', out, built]);
  const wasm = path.join(out, 'presence_bench_bg.wasm');
  run('wasm-opt', ['-Oz', '--low-memory-unused', wasm, '-o', wasm]);
  return out;
}

// Serves `dir` on a loopback port, cross-origin isolated (COOP + COEP).
async function isolatedServer(dir) {
  const server = http.createServer((req, res) => {
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cache-Control': 'no-store' };
    const name = new URL(req.url, 'http://x').pathname.slice(1);
    if (name === '') {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><meta charset="utf-8"><title>presence bench</title>');
      return;
    }
    if (!/^presence_bench(_bg\.wasm|\.js)$/.test(name)) {
      res.writeHead(404, headers);
      res.end();
      return;
    }
    const type = name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript; charset=utf-8';
    res.writeHead(200, { ...headers, 'Content-Type': type });
    res.end(fs.readFileSync(path.join(dir, name)));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

export async function presenceEngine(browser, dir, { sequences, events, batch }) {
  const server = await isolatedServer(dir);
  const page = await browser.newPage();
  try {
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const { isolated, json } = await page.evaluate(async ([s, e, b]) => {
      const bench = await import('/presence_bench.js');
      await bench.default({ module_or_path: '/presence_bench_bg.wasm' });
      return { isolated: crossOriginIsolated, json: bench.run(s, e, b) };
    }, [sequences, events, batch]);
    const r = JSON.parse(json);
    const ms = (f) => ({ p50: round(f.p50, 5), p99: round(f.p99, 5), max: round(f.max, 5) });
    return {
      runtime: 'wasm32, release profile + wasm-opt -Oz --low-memory-unused (as the agent bundle), headless Chromium',
      rules: r.rules,
      rules_connect_to_omni: r.rules_connect_to_omni,
      rules_omni_to_connect: r.rules_omni_to_connect,
      rules_on_work_or_workload: r.rules_on_work_or_workload,
      presence_sync_wait_ms: r.wait_ms,
      sequences: r.sequences,
      external_events: r.external_events,
      echo_events: r.echo_events,
      timer_events: r.timer_events,
      handled_events: r.handled_events,
      actions: r.actions,
      cross_origin_isolated: isolated,
      timer_resolution_ms: round(r.timer_resolution_ms, 4),
      timing: 'per_call_ms: each handle call timed alone, so each figure is a multiple of '
        + 'timer_resolution_ms; per_event_from_batches_ms: runs of batch_events consecutive calls, '
        + 'each timed together and divided by batch_events; mean_ms: all batches',
      per_call_ms: { count: r.per_call_ms.count, ...ms(r.per_call_ms) },
      batch_events: r.batch_events,
      per_event_from_batches_ms: { count: r.per_event_from_batches_ms.count, ...ms(r.per_event_from_batches_ms) },
      mean_ms: round(r.mean_ms, 5),
      budget_p99_ms: 2,
    };
  } finally {
    await page.close();
    server.close();
  }
}

// ------------------------------------------------------------------ mirror, in the playground

// A presence rule: when the event's new state equals `value`, set `destination` to `to`.
function rule(n, event, value, destination, to) {
  return {
    id: `a025g00000BNCH${String(n).padStart(2, '0')}AA`, name: `bench rule ${n}`, event,
    operandA: event === 'ConnectAgentStateChange' ? 'ConnectNewState' : 'SalesforceNewState',
    operandAValue: null, comparator: 'Equal', operandB: 'StaticValue', operandBValue: value,
    destination, destinationValue: to, sortOrder: n,
  };
}
const RULES = [
  rule(1, 'ConnectAgentStateChange', 'Lunch', 'SalesforceAgentState', 'Busy'),
  rule(2, 'ConnectAgentStateChange', 'Available', 'SalesforceAgentState', 'Available'),
  rule(3, 'SalesforceAgentStateChange', 'Busy', 'ConnectAgentState', 'Lunch'),
  rule(4, 'SalesforceAgentStateChange', 'Available', 'ConnectAgentState', 'Available'),
];
// [Connect state, Omni status] pairs the rules tie together; the changes alternate between them.
const PAIRS = [['Lunch', 'Busy'], ['Available', 'Available']];

// The playground with these rules in use (as tests/e2e/presence.test.mjs opens it): the agent
// Offline in Connect, the softphone reloaded without its session copy, presence sync started.
async function openWithRules(browser, server, rules) {
  const p = await Playground.open(browser, server);
  await p.ready();
  await p.ccpEval(() => window.ccpEmu.setAgentState('Offline'));
  const config = await p.host(() => window.hostEmu.fixture());
  config.presenceRules = rules;
  config.features = config.features.filter((f) => f.name !== 'SetAgentStatusOnSessionEnd');
  await p.reloadWithConfig(config);
  const log = p.softphone().locator('[data-testid=log-button]');
  await log.click();
  await until(async () => /presence: sync starts/.test(await p.softphone().locator('[data-testid=log-view]').textContent()), 'presence sync to start');
  await log.click(); // closed again: agents work with the log drawer shut
  return { p, config };
}

const clock = () => performance.timeOrigin + performance.now();

// Bounds the offset (CCP frame's clock − softphone frame's clock) by reading softphone, CCP,
// softphone in turn: the CCP's reading happened between the two others.
async function clockOffset(frame, ccp, rounds = 20) {
  let [lo, hi] = [-Infinity, Infinity];
  for (let i = 0; i < rounds; i++) {
    const before = await frame.evaluate(clock);
    const theirs = await ccp.evaluate(clock);
    const after = await frame.evaluate(clock);
    lo = Math.max(lo, theirs - after);
    hi = Math.min(hi, theirs - before);
  }
  return [round(lo), round(hi)];
}

// Connect → Omni: the CCP's agent::update with the new state arrives in the softphone frame →
// the softphone calls setServicePresenceStatus; waits for Omni's report of it back.
async function connectToOmni(p, changes) {
  const frame = p.softphone();
  const samples = [];
  let extraSets = 0;
  for (let i = 0; i < changes; i++) {
    const [state, omni] = PAIRS[i % 2];
    const before = await frame.evaluate(() => ({
      arrivals: window.__sfBridge.ccpArrivals.length,
      events: window.__sfBridge.eventArrivals.length,
      sets: window.__sfBridge.perf.filter((e) => e.method === 'setServicePresenceStatus').length,
    }));
    await p.ccpEval((s) => window.ccpEmu.setAgentState(s), state);
    const sample = await until(() => frame.evaluate(({ before, state }) => {
      const b = window.__sfBridge;
      const sets = b.perf.filter((e) => e.method === 'setServicePresenceStatus').slice(before.sets);
      const echoed = b.eventArrivals.slice(before.events).some((e) => e.method === 'STATUS_CHANGED');
      const update = b.ccpArrivals.slice(before.arrivals).find((a) => a.event === 'agent::update' && a.state === state);
      return sets.length && echoed && update ? { ms: sets[0].t - update.t, sets: sets.length } : null;
    }, { before, state }), `Omni ${omni} after Connect ${state}`, 10000);
    const now = await p.host(() => window.hostEmu.presence.state().status?.developerName ?? null);
    if (now !== omni) throw new Error(`Connect ${state} left Omni ${now}, not ${omni}`);
    samples.push(sample.ms);
    extraSets += sample.sets - 1;
    await sleep(50);
  }
  return { samples, extraSets };
}

// Omni → Connect: Omni's STATUS_CHANGED arrives in the softphone frame → the CCP emulator's frame
// receives putAgentState (each frame's clock, see clockOffset) and → its answer is back in the
// softphone frame; waits for Connect's report of the new state.
async function omniToConnect(p, changes) {
  const frame = p.softphone();
  const ccp = p.ccp();
  const [softOrigin, ccpOrigin] = [await frame.evaluate(() => performance.timeOrigin), await ccp.evaluate(() => performance.timeOrigin)];
  const samples = [];
  const answered = [];
  let extraPuts = 0;
  for (let i = 0; i < changes; i++) {
    const [state, omni] = PAIRS[(i + changes) % 2]; // each a change from where connectToOmni left both
    const before = await frame.evaluate(() => ({
      arrivals: window.__sfBridge.ccpArrivals.length, events: window.__sfBridge.eventArrivals.length,
    }));
    const requests = await ccp.evaluate(() => window.ccpEmu.requests.length);
    await p.host((s) => window.hostEmu.presence.setStatus(s), omni);
    const puts = await until(async () => {
      const list = await ccp.evaluate((n) => window.ccpEmu.requests.slice(n).filter((r) => r.method === 'putAgentState'), requests);
      return list.length ? list : null;
    }, `putAgentState after Omni ${omni}`, 10000);
    const sample = await until(() => frame.evaluate(({ before, state, requestId }) => {
      const b = window.__sfBridge;
      const event = b.eventArrivals.slice(before.events).find((e) => e.method === 'STATUS_CHANGED');
      const arrivals = b.ccpArrivals.slice(before.arrivals);
      const answer = arrivals.find((a) => a.event === 'api_response' && a.requestId === requestId);
      const reported = arrivals.some((a) => a.event === 'agent::update' && a.state === state);
      return event && answer && reported ? { event: event.t, answer: answer.t } : null;
    }, { before, state, requestId: puts[0].requestId }), `Connect ${state} after Omni ${omni}`, 10000);
    samples.push(ccpOrigin + puts[0].t - (softOrigin + sample.event));
    answered.push(sample.answer - sample.event);
    const all = await ccp.evaluate((n) => window.ccpEmu.requests.slice(n).filter((r) => r.method === 'putAgentState').length, requests);
    extraPuts += all - 1;
    await sleep(50);
  }
  return { samples, answered, extraPuts, clockOffset: await clockOffset(frame, ccp) };
}

export async function presenceMirror(browser, server, changes) {
  const { p, config } = await openWithRules(browser, server, RULES);
  try {
    const wait = config.adapter?.presenceSyncWaitMs ?? 100;
    const c2o = await connectToOmni(p, changes);
    const o2c = await omniToConnect(p, changes);
    const figures = (name, values) => ({
      [`${name}_ms_p50`]: round(percentile(values, 50)),
      [`${name}_ms_p99`]: round(percentile(values, 99)),
      [`${name}_ms_max`]: round(Math.max(...values)),
      [`${name}_minus_wait_ms_p50`]: round(percentile(values, 50) - wait),
      [`${name}_minus_wait_ms_p99`]: round(percentile(values, 99) - wait),
    });
    return {
      changes_each_way: changes,
      presence_sync_wait_ms: wait,
      rules: RULES.map((r) => `${r.event}:${r.operandBValue} → ${r.destination}:${r.destinationValue}`),
      connect_to_omni_measured: 'agent::update arrives in the softphone frame → setServicePresenceStatus called (the softphone frame\'s clock)',
      ...figures('connect_to_omni', c2o.samples),
      connect_to_omni_extra_sets: c2o.extraSets,
      omni_to_connect_measured: 'STATUS_CHANGED arrives in the softphone frame → putAgentState arrives in the CCP emulator frame '
        + '(another process: performance.timeOrigin + now() of each frame; clock_offset_ms bounds CCP − softphone)',
      ...figures('omni_to_connect', o2c.samples),
      omni_to_connect_clock_offset_ms: o2c.clockOffset,
      omni_to_connect_answered_measured: 'STATUS_CHANGED arrives → the CCP\'s answer to that putAgentState arrives, both in the '
        + 'softphone frame (one clock; adds the way back from the CCP)',
      ...figures('omni_to_connect_answered', o2c.answered),
      omni_to_connect_extra_puts: o2c.extraPuts,
    };
  } finally {
    await p.close();
  }
}
