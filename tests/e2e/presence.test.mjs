// End-to-end: presence sync between Connect (the CCP emulator through the real Streams) and
// Omni-Channel (the host emulator through integration.js), by the configuration's rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { until, useSuite } from './harness.mjs';

const suite = useSuite();

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A presence rule: when the event's new state equals `value`, set `destination` to `to`.
function rule(n, event, value, destination, to) {
  return {
    id: `a025g00000RULE${String(n).padStart(2, '0')}AA`, name: `rule ${n}`, event,
    operandA: event === 'ConnectAgentStateChange' ? 'ConnectNewState' : 'SalesforceNewState',
    operandAValue: null, comparator: 'Equal', operandB: 'StaticValue', operandBValue: value,
    destination, destinationValue: to, sortOrder: n,
  };
}

const CONNECT_AVAILABLE_SETS_OMNI = rule(1, 'ConnectAgentStateChange', 'Available', 'SalesforceAgentState', 'Available');
const OMNI_BUSY_SETS_LUNCH = rule(2, 'SalesforceAgentStateChange', 'Busy', 'ConnectAgentState', 'Lunch');
const CONNECT_LUNCH_SETS_BUSY = rule(3, 'ConnectAgentStateChange', 'Lunch', 'SalesforceAgentState', 'Busy');
const OMNI_AVAILABLE_SETS_CONNECT = rule(4, 'SalesforceAgentStateChange', 'Available', 'ConnectAgentState', 'Available');

// Opens the playground, then reloads the softphone (without its session copy) with these
// rules, the agent Offline in Connect, and waits until presence sync runs.
async function openWithRules(rules) {
  const p = await suite.openReady();
  await p.ccpEval(() => window.ccpEmu.setAgentState('Offline'));
  const config = await p.host(() => window.hostEmu.fixture());
  config.presenceRules = rules;
  config.features = config.features.filter((f) => f.name !== 'SetAgentStatusOnSessionEnd');
  await p.reloadWithConfig(config);
  const frame = p.softphone();
  await frame.locator('[data-testid=log-button]').click();
  await until(async () => /presence: sync starts/.test(await frame.locator('[data-testid=log-view]').textContent()), 'presence sync to start');
  return p;
}

// How many times each side was set since `mark()`.
async function counter(p) {
  const count = async () => ({
    omni: (await p.calls('setServicePresenceStatus')).length,
    connect: (await p.ccpApiCalls('putAgentState')).length,
  });
  const start = await count();
  return async () => {
    const now = await count();
    return { omni: now.omni - start.omni, connect: now.connect - start.connect };
  };
}

const omniStatus = (p) => p.host(() => window.hostEmu.presence.state().status?.developerName ?? null);
const connectState = (p) => p.ccpEval(() => window.ccpEmu.agentState().name);

test('Connect → Omni: the agent goes Available in Connect, the rule sets Omni Available once', async () => {
  const p = await openWithRules([CONNECT_AVAILABLE_SETS_OMNI, OMNI_BUSY_SETS_LUNCH]);
  const since = await counter(p);
  await p.ccpEval(() => window.ccpEmu.setAgentState('Available'));
  await until(async () => (await omniStatus(p)) === 'Available', 'Omni Available', 10000);
  await sleep(1000);
  assert.deepEqual(await since(), { omni: 1, connect: 0 });
  const [set] = (await p.calls('setServicePresenceStatus')).slice(-1);
  const available = await p.host(() => window.hostEmu.presence.statuses().find((s) => s.developerName === 'Available').id);
  assert.equal(set.args.statusId, available, 'set by the status id Salesforce answered');
});

test('Omni → Connect: the agent picks Busy in Omni, the rule sets Connect Lunch once', async () => {
  const p = await openWithRules([CONNECT_AVAILABLE_SETS_OMNI, OMNI_BUSY_SETS_LUNCH]);
  const since = await counter(p);
  await p.host(() => window.hostEmu.presence.setStatus('Busy'));
  await until(async () => (await connectState(p)) === 'Lunch', 'Connect Lunch', 10000);
  await sleep(1000);
  assert.deepEqual(await since(), { omni: 0, connect: 1 });
});

test('rules both ways never bounce: each change sets the other side once and its echo nothing', async () => {
  const p = await openWithRules([
    CONNECT_AVAILABLE_SETS_OMNI, OMNI_BUSY_SETS_LUNCH, CONNECT_LUNCH_SETS_BUSY, OMNI_AVAILABLE_SETS_CONNECT,
  ]);
  let since = await counter(p);
  await p.ccpEval(() => window.ccpEmu.setAgentState('Lunch'));
  await until(async () => (await omniStatus(p)) === 'Busy', 'Omni Busy', 10000);
  await sleep(1500);
  assert.deepEqual(await since(), { omni: 1, connect: 0 }, 'Connect Lunch → Omni Busy, and Busy does not set Lunch again');
  assert.equal(await connectState(p), 'Lunch');
  since = await counter(p);
  await p.host(() => window.hostEmu.presence.setStatus('Available'));
  await until(async () => (await connectState(p)) === 'Available', 'Connect Available', 10000);
  await sleep(1500);
  assert.deepEqual(await since(), { omni: 0, connect: 1 }, 'Omni Available → Connect Available, and Available does not set Omni again');
  assert.equal(await omniStatus(p), 'Available');
});

test('the ⚙ view opens the rule simulator on the rules and states in use, and it changes nothing', async () => {
  const p = await openWithRules([CONNECT_AVAILABLE_SETS_OMNI, OMNI_BUSY_SETS_LUNCH, CONNECT_LUNCH_SETS_BUSY]);
  const since = await counter(p);
  const frame = p.softphone();
  await frame.locator('[data-testid=config-button]').click();
  const [sim] = await Promise.all([
    p.page.context().waitForEvent('page'),
    frame.locator('[data-testid=rule-simulator]').click(),
  ]);
  await sim.locator('[data-testid=sim-event]').waitFor({ timeout: 15000 });
  // It starts from the agent's states: Offline in Connect.
  assert.equal(await sim.locator('[data-testid=sim-connect-now]').inputValue(), 'Offline');

  await sim.locator('[data-testid=sim-new-connect]').selectOption('Lunch');
  const verdicts = () => sim.locator('[data-testid=sim-rule]').allTextContents();
  await until(async () => (await verdicts()).length === 2, 'the two Connect rules');
  const [available, lunch] = await verdicts();
  assert.match(available, /rule 1.*does not apply/);
  assert.match(lunch, /rule 3.*applies/);
  const lines = await sim.locator('[data-testid=sim-line]').allTextContents();
  assert.deepEqual(lines.length, 1, JSON.stringify(lines));
  assert.match(lines[0], /sets Omni-Channel to Busy, because of rule “rule 3”/);
  assert.match(await sim.locator('[data-testid=sim-final]').textContent(), /Connect: Lunch · Omni-Channel: Busy/);

  // Omni Busy → Connect Lunch; the echo runs no rule (rule 3 would set Busy again).
  await sim.locator('[data-testid=sim-event]').selectOption('omni');
  await sim.locator('[data-testid=sim-new-omni]').selectOption('Busy');
  await until(async () => /rule 2.*applies/.test((await verdicts()).join('|')), 'rule 2 applies');
  const omniLines = await sim.locator('[data-testid=sim-line]').allTextContents();
  assert.equal(omniLines.length, 1, JSON.stringify(omniLines));
  assert.match(omniLines[0], /sets Connect to Lunch/);

  await sleep(500);
  assert.deepEqual(await since(), { omni: 0, connect: 0 }, 'the simulator set nothing');
  await sim.close();
});

test('Work Accepted on a service channel: the softphone looks the channel up, and only chat work sets Connect Lunch', async () => {
  const CHAT_WORK_SETS_LUNCH = {
    ...rule(5, 'SalesforceWorkAccepted', 'sfdc_livechat', 'ConnectAgentState', 'Lunch'),
    operandA: 'SalesforceServiceChannel',
  };
  const p = await openWithRules([CHAT_WORK_SETS_LUNCH]);
  await p.host(() => window.hostEmu.presence.setStatus('Available_for_Chat'));
  await p.ccpEval(() => window.ccpEmu.setAgentState('Available'));
  await until(async () => (await connectState(p)) === 'Available', 'Connect Available');
  const lookups = async () => (await p.calls('runApex')).filter((c) => c.args?.methodName === 'getServiceChannel').length;
  const before = await lookups();
  const since = await counter(p);

  // Messaging work is accepted: looked up, and the rule does not apply.
  const messaging = await p.host(() => window.hostEmu.presence.assignWork({ serviceChannel: 'sfdc_livemessage' }));
  await p.host((id) => window.hostEmu.presence.acceptWork(id), messaging.workId);
  await until(async () => (await lookups()) === before + 1, 'the messaging work looked up');
  await sleep(800);
  assert.deepEqual(await since(), { omni: 0, connect: 0 }, 'messaging work sets nothing');

  // Chat work is accepted: its channel is sfdc_livechat, so Connect goes to Lunch, once.
  const chat = await p.host(() => window.hostEmu.presence.assignWork({ serviceChannel: 'sfdc_livechat' }));
  await p.host((id) => window.hostEmu.presence.acceptWork(id), chat.workId);
  await until(async () => (await connectState(p)) === 'Lunch', 'Connect Lunch', 10000);
  await sleep(800);
  assert.deepEqual(await since(), { omni: 0, connect: 1 });
  assert.equal(await lookups(), before + 2);
});
