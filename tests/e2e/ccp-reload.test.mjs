// End-to-end: the agent outlives its last CCP frame, as it lives on Connect's servers. Reloading
// the only softphone in the middle of a call closes the CCP emulator's last frame (so its shared
// worker ends); the new worker reads the agent back, and the new softphone shows the same
// connected contact and follows its later events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { until, Playground, useSuite } from './harness.mjs';

const suite = useSuite();
let playground;

const openReady = async () => (playground = await suite.openReady());

const cards = (p) => p.softphone().locator('[data-testid=contact]');

async function reloadSoftphone(p) {
  const enabled = (await p.calls('enableClickToDial')).length;
  const oldCcp = p.ccp();
  await p.host(() => window.hostEmu.reloadSoftphone());
  await until(async () => (await p.calls('enableClickToDial')).length > enabled, 'the reloaded softphone to sign in', 20000);
  await p.waitForStatus(/^Signed in/);
  // The frames are new ones, and so is the worker behind them.
  assert.notEqual(p.ccp(), oldCcp);
}

test('a reload in the middle of a call finds the same agent and the same connected contact, which then ends', async () => {
  const p = await openReady();
  await p.ccpEval(() => window.ccpEmu.setAgentState('Available'));
  await p.waitForStatus(/^Signed in · Available$/);
  const id = await p.ccpEval(() => window.ccpEmu.inbound({ channel: 'voice', phone: '+14155550142', attributes: { account: 'A-17' } }));
  await until(async () => (await cards(p).count()) === 1, 'the ringing card');
  await p.softphone().locator('[data-testid=contact-accept]').click();
  await until(async () => (await p.ccpEval(() => window.ccpEmu.contacts()))[0]?.state === 'connected', 'the connected contact');
  const before = await p.ccpEval(() => window.ccpEmu.snapshot());
  assert.notEqual(before.portId, null);

  await reloadSoftphone(p);
  const after = await p.ccpEval(() => window.ccpEmu.snapshot());
  assert.notEqual(after.portId, before.portId, 'a new frame');
  // The worker is a new one too: it counts one connected CCP, the new frame.
  assert.equal(await p.softphone().evaluate(() => window.connect.numberOfConnectedCCPs), 1);
  // Same agent, same contact (id, state, attributes), and the accept made before the reload is
  // still in the API call log.
  assert.deepEqual(after.agent, { name: 'Busy', type: 'system', chosen: 'Available', next: null });
  assert.deepEqual(after.contacts, before.contacts);
  assert.deepEqual((await p.ccpApiCalls('acceptContact')).map((c) => c.params.contactId), [id]);
  await until(async () => (await cards(p).count()) === 1 && /Connected/.test(await cards(p).textContent()), 'the connected card after the reload');
  assert.match(await cards(p).textContent(), /Voice.*\+14155550142/s);

  // Its later events reach the new page: the customer hangs up, the contact ends (after-call work).
  assert.equal(await p.ccpEval((contactId) => window.ccpEmu.customerHangsUp(contactId), id), true);
  await until(async () => (await p.ccpEval(() => window.ccpEmu.contacts()))[0]?.state === 'ended', 'the ended contact');
  await until(async () => /After-call work/.test(await cards(p).textContent()), 'the ended card (after-call work)');
  assert.equal((await p.ccpEval(() => window.ccpEmu.agentState())).name, 'AfterCallWork');
  await p.softphone().locator('[data-testid=contact-close]').click();
  await until(async () => (await cards(p).count()) === 0, 'no card');
  await p.waitForStatus(/^Signed in · Available$/);
});

test('a reload while a call rings keeps it ringing, and the reloaded softphone accepts it', async () => {
  const p = await openReady();
  const id = await p.ccpEval(() => window.ccpEmu.inbound({ channel: 'voice', phone: '+442079460018' }));
  await until(async () => (await cards(p).count()) === 1, 'the ringing card');
  await reloadSoftphone(p);
  await until(async () => (await cards(p).count()) === 1 && /Ringing/.test(await cards(p).textContent()), 'the ringing card after the reload');
  await p.softphone().locator('[data-testid=contact-accept]').click();
  await until(async () => /Connected/.test(await cards(p).textContent()), 'the connected card');
  assert.deepEqual((await p.ccpEval(() => window.ccpEmu.contacts())).map((c) => [c.contactId, c.state]), [[id, 'connected']]);
});

// The emulator alone, as a top-level page with a slow backend: a transition that was in flight
// when the last frame went is finished by the next worker, as Connect's backend finishes a
// request it accepted.
test('an accept in flight when the last CCP frame closes still lands', async () => {
  const context = await suite.browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${suite.server.ccpUrl}?step=1500`);
    await until(() => page.evaluate(() => window.ccpEmu.portId), 'the worker');
    const id = await page.evaluate(() => window.ccpEmu.inbound({ channel: 'voice' }));
    await page.evaluate(() => window.ccpEmu.accept());
    await page.reload();
    await until(() => page.evaluate(() => window.ccpEmu.portId), 'the worker after the reload');
    assert.deepEqual((await page.evaluate(() => window.ccpEmu.contacts())).map((c) => [c.contactId, c.state]), [[id, 'connecting']]);
    await until(async () => (await page.evaluate(() => window.ccpEmu.contacts()))[0]?.state === 'connected', 'the accepted contact');
    assert.equal((await page.evaluate(() => window.ccpEmu.agentState())).name, 'Busy');
  } finally {
    await context.close();
  }
});

test('a new browser context starts from the seed agent', async () => {
  // Earlier tests left agents stored in their own contexts; this context has none.
  const p = await openReady();
  assert.deepEqual(await p.ccpEval(() => window.ccpEmu.agentState()), { name: 'Offline', type: 'offline', chosen: 'Offline', next: null });
  assert.deepEqual(await p.ccpEval(() => window.ccpEmu.contacts()), []);
  assert.deepEqual(await p.ccpApiCalls('acceptContact'), []);
});
