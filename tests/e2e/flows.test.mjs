// End-to-end: CTI flows bound by the adapter configuration run on Streams events, exactly once,
// even when Salesforce answers late and when the softphone reloads in the middle of a contact.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startServer, until, Playground } from './harness.mjs';

let server;
let browser;
let playground;

before(async () => {
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});
afterEach(async () => {
  if (playground) {
    const errors = playground.consoleErrors;
    await playground.close();
    playground = null;
    assert.deepEqual(errors, [], 'no console errors anywhere');
  }
});

async function openReady() {
  playground = await Playground.open(browser, server);
  await playground.ready();
  return playground;
}

const times = (p, method) => p.host((m) => window.hostEmu.calls.filter((c) => c.method === m).map((c) => c.t), method);

// Reloads the softphone (optionally with another configuration) without its session copy, and
// waits until the new page has signed in.
async function reloadFresh(p, { config, before } = {}) {
  const enabled = (await p.calls('enableClickToDial')).length;
  // The page keeps its configuration once runApex answers, which can land after the sign-in.
  await until(() => p.softphone().evaluate(() => sessionStorage.getItem('ctisoftphone:config:text') !== null), 'the session copy');
  await p.softphone().evaluate(() => sessionStorage.clear());
  await p.host(({ config, before }) => {
    if (config) window.hostEmu.setConfig(config);
    if (before) window.hostEmu[before.method](...before.args);
    window.hostEmu.reloadSoftphone();
  }, { config, before });
  await until(async () => (await p.calls('enableClickToDial')).length > enabled, 'the reloaded softphone to sign in', 20000);
  await p.waitForStatus(/^Signed in/);
}

const flowLog = (p) => p.softphone().locator('[data-testid=log-view]').textContent();

async function openLog(p) {
  const frame = p.softphone();
  if ((await frame.locator('[data-testid=log-view]').count()) === 0) await frame.locator('[data-testid=log-button]').click();
  return frame.locator('[data-testid=log-view]');
}

test('a call that rings as soon as the CCP is ready, while runApex answers 3 s late, runs its flow exactly once', async () => {
  const p = await openReady();
  await reloadFresh(p, { before: { method: 'delayNext', args: ['runApex', 3000] } });
  const [apexAt] = (await times(p, 'runApex')).slice(-1);
  await p.ccpEval(() => window.ccpEmu.inbound({ channel: 'voice', phone: '+1 (415) 555-0142' }));
  const pops = await until(async () => {
    const calls = await p.calls('searchAndScreenPop');
    return calls.length ? calls : null;
  }, 'the flow’s searchAndScreenPop', 20000);
  // The fixture binds the adapter's sample flow: it searches `$.contact.parsedNumber.phone`.
  assert.equal(pops[0].args.searchParams, '+14155550142');
  const [popAt] = await times(p, 'searchAndScreenPop');
  assert.ok(popAt - apexAt >= 2900, `the flow waited for the configuration (${popAt - apexAt} ms)`);
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal((await p.calls('searchAndScreenPop')).length, 1);
  await openLog(p);
  assert.match(await flowLog(p), /\[FLOW\] \[VoiceContact\.onConnecting\] 1 SE_SFSearchAndScreenpop \{"success":true/);
});
