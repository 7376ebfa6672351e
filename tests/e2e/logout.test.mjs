// End-to-end: enhanced logout (a Connect status named …Logout… signs the agent out) and logout
// sync between Connect (the CCP emulator through the real Streams) and Omni-Channel (the host
// emulator through integration.js), with the loop guard and Presence Sync Enabled off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { until, useSuite } from './harness.mjs';

const suite = useSuite();

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Opens the playground, puts the agent in `connect` (Connect) and `omni` (Omni-Channel, or
// logged out when null), then reloads the softphone (without its session copy) with this
// LogoutSync value (none: no feature) and Presence Sync Enabled, and waits until presence sync
// runs. No presence rules and no session end, so only logout acts.
async function open({ logoutSync, sync = true, connect = 'Available', omni = 'Available' }) {
  const p = await suite.openReady();
  await p.ccpEval((state) => window.ccpEmu.setAgentState(state), connect);
  if (omni) await p.host((status) => window.hostEmu.presence.setStatus(status), omni);
  const config = await p.host(() => window.hostEmu.fixture());
  config.adapter.presenceSyncEnabled = sync;
  config.presenceRules = [];
  config.features = config.features.filter((f) => f.name !== 'SetAgentStatusOnSessionEnd' && f.name !== 'LogoutSync');
  if (logoutSync !== undefined) config.features.push({ id: 'a045g00000FEAT02AA', name: 'LogoutSync', value: logoutSync });
  await p.reloadWithConfig(config);
  await p.softphone().locator('[data-testid=log-button]').click();
  const on = sync ? 'on' : 'off';
  await until(async () => (await log(p)).includes(`presence: sync starts (Presence Sync Enabled ${on})`), 'presence sync to start');
  return p;
}

const log = (p) => p.softphone().locator('[data-testid=log-view]').textContent();

// What happened on each side since `mark()`: the Connect states the softphone set, in order, with
// when the CCP got each; its sign-out requests to Connect; its Omni-Channel logouts.
async function counter(p) {
  const look = async () => ({
    states: await p.ccpEval(() => window.ccpEmu.apiCalls
      .filter((c) => c.method === 'putAgentState')
      .map((c) => ({ state: c.params.state.name, t: c.t }))),
    signOuts: p.ccpLogouts(),
    omniLogouts: await p.host(() => window.hostEmu.presence.calls().filter((c) => c.method === 'logout').length),
  });
  const start = await look();
  return async () => {
    const now = await look();
    return {
      states: now.states.slice(start.states.length),
      signOuts: now.signOuts.slice(start.signOuts.length),
      omniLogouts: now.omniLogouts - start.omniLogouts,
    };
  };
}

const connectState = (p) => p.ccpEval(() => window.ccpEmu.agentState().name);
const omniLoggedIn = (p) => p.host(() => window.hostEmu.presence.state().loggedIn);

// The agent picks a Connect status in the softphone's own picker.
async function choose(p, state) {
  await p.softphone().locator('[data-testid=agent-state]').selectOption(state);
}

// The agent logs out in the Omni-Channel utility item of the console.
async function omniLogout(p) {
  await p.page.locator('#omni-item').click();
  await p.page.locator('[data-testid=omni-logout]').click();
  assert.equal(await omniLoggedIn(p), false, 'the widget logged the agent out');
}

// Connect went Offline, then (once Connect had it) the softphone signed the agent out exactly
// once, and the softphone shows it.
async function assertSignedOutAfterOffline(p, since, chosen = []) {
  await p.waitForStatus(/^Reconnecting/, 10000);
  const seen = await since();
  assert.deepEqual(seen.states.map((s) => s.state), [...chosen, 'Offline'], 'Connect states the softphone set');
  assert.equal(seen.signOuts.length, 1, 'one sign-out request to Connect');
  assert.equal(seen.signOuts[0].path, '/connect/logout');
  const offline = seen.states[seen.states.length - 1];
  assert.ok(offline.t <= seen.signOuts[0].t, `Offline (at ${offline.t}) before the sign-out (at ${seen.signOuts[0].t})`);
  assert.equal(await connectState(p), 'Offline');
  assert.match(await p.softphone().locator('[data-testid=banner-reconnecting]').textContent(), /Signed out of Amazon Connect/);
}

test('enhanced logout: the agent picks “Logout” in the softphone; Connect goes Offline, then the agent is signed out', async () => {
  const p = await open({});
  const since = await counter(p);
  await choose(p, 'Logout');
  await assertSignedOutAfterOffline(p, since, ['Logout']);
  await sleep(1000);
  const seen = await since();
  assert.equal(seen.signOuts.length, 1, 'signed out once');
  assert.equal(seen.omniLogouts, 0, 'without LogoutSync Omni-Channel stays');
  assert.equal(await omniLoggedIn(p), true);
  assert.match(await log(p), /presence: sign out of Connect \(enhanced logout\)/);
});

test('ConnectLogoutSetsOmniOffline: signing out in the CCP logs the agent out of Omni-Channel once', async () => {
  const p = await open({ logoutSync: 'ConnectLogoutSetsOmniOffline:true\nOmniLogoutSignsOutOfConnect:false' });
  const since = await counter(p);
  await p.ccpEval(() => window.ccpEmu.terminate());
  await p.waitForStatus(/^Reconnecting/);
  await until(async () => !(await omniLoggedIn(p)), 'Omni-Channel logged out', 10000);
  await sleep(1000);
  assert.deepEqual(await since(), { states: [], signOuts: [], omniLogouts: 1 });
});

test('LogoutStatusContains: a Connect status containing it logs the agent out of Omni-Channel, not of Connect', async () => {
  const p = await open({ logoutSync: 'ConnectLogoutSetsOmniOffline:true\nLogoutStatusContains:Break' });
  const since = await counter(p);
  await choose(p, 'Break');
  await until(async () => !(await omniLoggedIn(p)), 'Omni-Channel logged out', 10000);
  await sleep(1000);
  const seen = await since();
  assert.deepEqual(seen.states.map((s) => s.state), ['Break'], 'only the agent’s own choice');
  assert.deepEqual({ signOuts: seen.signOuts, omniLogouts: seen.omniLogouts }, { signOuts: [], omniLogouts: 1 });
  assert.equal(await connectState(p), 'Break');
  assert.match(await p.status(), /^Signed in/);
});

test('OmniLogoutSignsOutOfConnect: an Omni-Channel logout signs the agent out of Connect once, and that sign-out logs nothing out again', async () => {
  // Both directions on: the softphone's own sign-out must not send logout sync back to Omni.
  const p = await open({ logoutSync: 'ConnectLogoutSetsOmniOffline:true\nOmniLogoutSignsOutOfConnect:true' });
  const since = await counter(p);
  await omniLogout(p);
  await assertSignedOutAfterOffline(p, since);
  await sleep(1500);
  const seen = await since();
  assert.equal(seen.signOuts.length, 1, 'signed out of Connect once');
  assert.equal(seen.omniLogouts, 0, 'the softphone never logged Omni-Channel out (no loop)');
  assert.match(await log(p), /presence: sign out of Connect \(LogoutSync\)/);
});

test('Presence Sync Enabled off: an Omni-Channel logout leaves Connect; enhanced logout still signs out, and Omni-Channel stays', async () => {
  const p = await open({ sync: false, logoutSync: 'ConnectLogoutSetsOmniOffline:true\nOmniLogoutSignsOutOfConnect:true' });
  let since = await counter(p);
  await omniLogout(p);
  await until(async () => (await log(p)).includes('Omni-Channel: logged out'), 'the softphone to hear the Omni-Channel logout');
  await sleep(1500);
  assert.deepEqual(await since(), { states: [], signOuts: [], omniLogouts: 0 });
  assert.equal(await connectState(p), 'Available');
  assert.match(await p.status(), /^Signed in/);

  await p.host(() => window.hostEmu.presence.setStatus('Available'));
  since = await counter(p);
  await choose(p, 'Logout');
  await assertSignedOutAfterOffline(p, since, ['Logout']);
  await sleep(1000);
  assert.equal((await since()).omniLogouts, 0, 'no logout sync with Presence Sync Enabled off');
  assert.equal(await omniLoggedIn(p), true);
});
