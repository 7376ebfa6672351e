// End-to-end: SetAgentStatusOnSessionEnd. The softphone offers the session watcher, a window the
// agent opens that outlives the Salesforce tabs; when every tab has closed it sets the configured
// Connect status after SessionEndTimer seconds, unless a tab loads again first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { until, useSuite } from './harness.mjs';

const suite = useSuite();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Opens the playground with this SetAgentStatusOnSessionEnd value, the agent Available in
// Connect, and the watcher watching with that configuration.
async function openWithSessionEnd(value) {
  const p = await suite.openReady();
  const config = await p.host(() => window.hostEmu.fixture());
  config.features = config.features.map((f) => (f.name === 'SetAgentStatusOnSessionEnd' ? { ...f, value } : f));
  await p.reloadWithConfig(config);
  await p.ccpEval(() => window.ccpEmu.setAgentState('Available'));
  // The softphone offers the watcher; the agent opens it.
  const offer = p.softphone().locator('[data-testid=open-session-watcher]');
  await offer.waitFor();
  await offer.click();
  const watcher = await p.watcher();
  await until(async () => (await offer.count()) === 0, 'the offer gone once opened');
  await waitStatus(watcher, /watching/, 'the watcher watching', 15000);
  return { p, watcher };
}

// The agent's Connect state, read through the watcher's own CCP frame: the watcher connects to
// the CCP once every tab has gone (the playground's frame goes with its page).
async function connectState(watcher) {
  return until(async () => {
    const frame = watcher.frames().find((f) => f !== watcher.mainFrame() && f.url().includes('/ccp-v2/'));
    return frame && frame.evaluate(() => window.ccpEmu?.agentState().name);
  }, 'the watcher\'s CCP frame');
}

const status = (watcher) => watcher.locator('[data-testid=watcher-status]').textContent();

// Waits until the watcher's status reads `pattern`; a timeout says what it read instead.
async function waitStatus(watcher, pattern, what, timeout) {
  try {
    await until(async () => pattern.test(await status(watcher)), what, timeout);
  } catch (error) {
    throw new Error(`${error.message}; the watcher says: ${await status(watcher)}`);
  }
}

test('closing every Salesforce tab sets the configured status after SessionEndTimer', async () => {
  const { p, watcher } = await openWithSessionEnd('Status:Offline\nSessionEndTimer:2\nIfCurrentAgentState:Available, Lunch');
  assert.equal(await p.ccpEval(() => window.ccpEmu.agentState().name), 'Available');
  assert.equal(watcher.frames().length, 1, 'no CCP of its own while Salesforce is open');
  const closedAt = Date.now();
  await p.page.close();
  await waitStatus(watcher, /Every Salesforce tab is closed/, 'the countdown', 5000);
  await waitStatus(watcher, /your Connect status is now Offline/, 'session end', 10000);
  assert.ok(Date.now() - closedAt >= 2000, 'not before SessionEndTimer');
  assert.equal(await connectState(watcher), 'Offline');
  // Done, it closes itself; the next Salesforce tab opens a new one.
  await until(() => watcher.isClosed(), 'the watcher to close itself', 15000);
  await watcher.context().close();
});

test('a Salesforce tab that loads again inside SessionEndTimer cancels session end', async () => {
  const { p, watcher } = await openWithSessionEnd('Status:Offline\nSessionEndTimer:3');
  const context = p.page.context();
  await p.page.close();
  await waitStatus(watcher, /Every Salesforce tab is closed/, 'the countdown', 5000);
  const again = await context.newPage();
  await again.goto(p.server.hostUrl);
  await waitStatus(watcher, /watching/, 'the watcher watching again', 10000);
  await sleep(4000);
  assert.match(await status(watcher), /watching/);
  assert.equal(watcher.frames().length, 1, 'the watcher never needed a CCP of its own');
  const ccp = await until(() => again.frames().filter((f) => f.url().includes('/ccp-v2/')).pop(), 'the new tab\'s CCP');
  assert.equal(await until(() => ccp.evaluate(() => window.ccpEmu?.agentState().name)), 'Available', 'session end was cancelled');
  // The new tab leads and is signed in, and finds the watcher open: it offers nothing.
  const softphone = again.frames().find((f) => new URL(f.url()).pathname.startsWith('/app/'));
  await until(async () => /^Signed in/.test(await softphone.locator('[data-testid=status]').textContent()), 'the new tab signed in');
  await sleep(500);
  assert.equal(await softphone.locator('[data-testid=open-session-watcher]').count(), 0, 'the open watcher is not offered again');
  await context.close();
});

test('IfCurrentAgentState: from a state not listed, session end changes nothing', async () => {
  const { p, watcher } = await openWithSessionEnd('Status:Offline\nSessionEndTimer:1\nIfCurrentAgentState:Lunch');
  await p.page.close();
  await until(async () => /skipped/.test(await watcher.locator('[data-testid=watcher-log]').textContent()), 'session end skipped', 8000);
  assert.equal(await connectState(watcher), 'Available');
  await watcher.context().close();
});
