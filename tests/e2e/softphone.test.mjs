// End-to-end: the built softphone (dist/) with the real Streams bundle, inside the Lightning
// host emulator, against the CCP emulator on another origin, in Debian Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { until, Playground, useSuite } from './harness.mjs';

const suite = useSuite();
let playground;

const openReady = async () => (playground = await suite.openReady());

const fixtures = (p) => p.host(() => window.hostEmu.FIXTURES);

async function pops(p, method, count) {
  return until(async () => {
    const calls = await p.calls(method);
    return calls.length >= count ? calls : null;
  }, `${count} ${method} call(s)`);
}

test('handshake: the softphone signs in through real Streams and enables click-to-dial', async () => {
  const p = await openReady();
  const settings = await p.calls('getCallCenterSettings');
  assert.equal(settings.length, 1);
  assert.match(await p.status(), /^Signed in · Offline$/);
  await p.ccpEval(() => window.ccpEmu.setAgentState('Available'));
  await p.waitForStatus(/^Signed in · Available$/);
  assert.equal((await p.calls('enableClickToDial')).length, 1);
});

test('inbound voice: exactly one searchAndScreenPop with the E.164 number, and the record pops', async () => {
  const p = await openReady();
  const { ada } = await fixtures(p);
  await p.ccpEval((phone) => window.ccpEmu.inbound({ channel: 'voice', phone }), '+14155550142');
  const [pop] = await pops(p, 'searchAndScreenPop', 1);
  assert.equal(pop.args.searchParams, '+14155550142');
  assert.equal(pop.args.callType, 'inbound');
  assert.equal(pop.args.deferred, false);
  await until(async () => (await p.host(() => window.hostEmu.currentView())).recordId === ada.id, 'Ada popped');
  const card = p.softphone().locator('[data-testid=contact]');
  await until(async () => (await card.count()) === 1, 'contact card');
  assert.match(await card.textContent(), /Voice.*\+14155550142.*Ringing/s);
  // Let Streams settle, then make sure nothing popped twice.
  await new Promise((r) => setTimeout(r, 500));
  assert.equal((await p.calls('searchAndScreenPop')).length, 1);
});

test('inbound chat with a record-id attribute pops that record (screenPop SOBJECT)', async () => {
  const p = await openReady();
  const { caseRecord } = await fixtures(p);
  await p.ccpEval((id) => window.ccpEmu.inbound({
    channel: 'chat', name: 'Grace Hopper', email: 'grace@example.com',
    attributes: { 'acsf-screenpop-record': id },
  }), caseRecord.id);
  const [pop] = await pops(p, 'screenPop', 1);
  assert.equal(pop.args.type, 'sobject');
  assert.equal(pop.args.params.recordId, caseRecord.id);
  assert.equal((await p.calls('searchAndScreenPop')).length, 0);
  await until(async () => (await p.host(() => window.hostEmu.currentView())).recordId === caseRecord.id, 'case popped');
});

test('inbound task without a record id searches for the customer', async () => {
  const p = await openReady();
  await p.ccpEval(() => window.ccpEmu.inbound({ channel: 'task', name: 'Grace Hopper', attributes: { emailAddress: 'grace@example.com' } }));
  const [pop] = await pops(p, 'searchAndScreenPop', 1);
  assert.equal(pop.args.searchParams, 'grace@example.com');
});

test('click-to-dial on a record places one outbound call with the E.164 number', async () => {
  const p = await openReady();
  const { ada } = await fixtures(p);
  await p.host((id) => window.hostEmu.clickPhoneOf(id), ada.id);
  const calls = await until(async () => {
    const c = await p.ccpApiCalls('createOutboundContact');
    return c.length ? c : null;
  }, 'createOutboundContact');
  await new Promise((r) => setTimeout(r, 300));
  const all = await p.ccpApiCalls('createOutboundContact');
  assert.equal(all.length, 1);
  assert.equal(calls[0].params.endpoint.phoneNumber, '+14155550142');
  assert.match(calls[0].params.queueARN, /queue/);
  const card = p.softphone().locator('[data-testid=contact]');
  await until(async () => (await card.count()) === 1, 'outbound contact card');
});

test('an unparseable number shows an error and places no call', async () => {
  const p = await openReady();
  const { badPhone } = await fixtures(p);
  await p.host((id) => window.hostEmu.clickPhoneOf(id), badPhone.id);
  const notices = await until(async () => {
    const n = await p.notices();
    return n.length ? n : null;
  }, 'a notice');
  assert.match(notices[0], /Cannot call “12”: it has too few digits\. No call was placed\./);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal((await p.ccpApiCalls('createOutboundContact')).length, 0);
});

test('CCP terminated: the softphone reconnects and handles the next contact', async () => {
  const p = await openReady();
  await p.ccpEval(() => window.ccpEmu.terminate());
  await p.waitForStatus(/^Reconnecting/);
  assert.equal((await p.calls('disableClickToDial')).length, 1);
  // Streams waits ~3 s, then replaces the CCP iframe; the new emulator frame signs in again.
  await p.waitForStatus(/^Signed in/, 30000);
  await pops(p, 'enableClickToDial', 2);
  await until(() => p.ccpEval(() => window.ccpEmu.isUp()), 'new CCP frame');
  await p.ccpEval(() => window.ccpEmu.inbound({ channel: 'voice', phone: '+442079460018' }));
  const calls = await pops(p, 'searchAndScreenPop', 1);
  assert.equal(calls[0].args.searchParams, '+442079460018');
});

test('an Open CTI error shows a notice, and the softphone keeps working', async () => {
  const p = await openReady();
  await p.host(() => window.hostEmu.failNext('searchAndScreenPop', { code: 'SERVER_ERROR', description: 'A problem was encountered on the server.' }));
  await p.ccpEval(() => window.ccpEmu.inbound({ channel: 'voice', phone: '+14155550142' }));
  const notices = await until(async () => {
    const n = await p.notices();
    return n.length ? n : null;
  }, 'a notice');
  assert.match(notices[0], /Salesforce could not complete searchAndScreenPop: A problem was encountered on the server\. \(SERVER_ERROR\)/);
  await p.ccpEval(() => window.ccpEmu.inbound({ channel: 'voice', phone: '+442079460018' }));
  const calls = await pops(p, 'searchAndScreenPop', 2);
  assert.equal(calls[1].args.searchParams, '+442079460018');
  assert.match(await p.status(), /^Signed in/);
});

test('without Open CTI the softphone says so instead of failing silently', async () => {
  playground = await suite.open();
  const p = playground;
  await p.host(() => window.hostEmu.reloadSoftphone({ opencti: false }));
  await until(async () => {
    const frame = p.softphone();
    return frame && (await frame.locator('[data-testid=banner-opencti]').count()) === 1;
  }, 'the Open CTI banner');
  // The CCP still starts from the page's boot metadata; nothing Salesforce-side is attempted.
  await p.waitForStatus(/^Signed in/);
  assert.deepEqual(await p.notices(), []);
});

test('the log can be opened and downloaded', async () => {
  const p = await openReady();
  const frame = p.softphone();
  await frame.locator('[data-testid=log-button]').click();
  await until(async () => /CCP initialized/.test(await frame.locator('[data-testid=log-view]').textContent()), 'log lines');
  const [download] = await Promise.all([
    p.page.waitForEvent('download'),
    frame.locator('[data-testid=log-download]').click(),
  ]);
  assert.match(download.suggestedFilename(), /^softphone-log-.*\.txt$/);
  const text = await (await download.createReadStream()).toArray();
  assert.match(Buffer.concat(text).toString('utf8'), /configuration of ConnectSoftphone loaded \(Salesforce\)/);
});

test('without boot metadata the CCP starts from the adapter configuration', async () => {
  playground = await suite.open(`?softphone=${encodeURIComponent('/app/index.html?emu-no-boot=1')}`);
  const p = playground;
  await p.ready();
  const frame = p.softphone();
  assert.equal(await frame.evaluate(() => document.querySelector('meta[name=ctisoftphone-ccp-url]')), null);
  await frame.locator('[data-testid=log-button]').click();
  await until(async () => /starting the CCP at http:\/\/127\.0\.0\.2:\d+\/ccp-v2\//.test(await frame.locator('[data-testid=log-view]').textContent()), 'log line');
});

test('the agent sets a status, accepts a call and closes it from the softphone', async () => {
  const p = await openReady();
  const frame = p.softphone();
  await frame.locator('[data-testid=agent-state]').selectOption('Available');
  await p.waitForStatus(/^Signed in · Available$/);
  const [put] = await p.ccpApiCalls('putAgentState');
  assert.equal(put.params.state.name, 'Available');

  const id = await p.ccpEval(() => window.ccpEmu.inbound({ channel: 'voice', phone: '+14155550142' }));
  await frame.locator('[data-testid=contact-accept]').click();
  await until(async () => (await p.ccpEval(() => window.ccpEmu.contacts()))[0]?.state === 'connected', 'connected');
  assert.equal((await p.ccpApiCalls('acceptContact'))[0].params.contactId, id);
  await until(async () => /Connected/.test(await frame.locator('[data-testid=contact-state]').textContent()), 'card shows Connected');

  await p.ccpEval((contactId) => window.ccpEmu.customerHangsUp(contactId), id);
  await frame.locator('[data-testid=contact-close]').click();
  await until(async () => (await frame.locator('[data-testid=contact]').count()) === 0, 'contact gone');
  assert.equal((await p.ccpApiCalls('clearContact'))[0].params.contactId, id);
  await p.waitForStatus(/^Signed in · Available$/);
});

test('a CCP that never answers offers sign-in, and a blocked pop-up is explained', async () => {
  const noBoot = encodeURIComponent('/app/index.html?emu-no-boot=1');
  playground = await suite.open(`?softphone=${noBoot}`);
  const p = playground;
  // The first softphone keeps its configuration for the session once it has loaded it; the
  // reloaded one must not start from that copy, or it never meets the silent CCP.
  await p.waitForStatus(/^Signed in/);
  await p.softphone().evaluate(() => sessionStorage.clear());
  await p.host((url) => {
    const config = window.hostEmu.fixture();
    config.adapter.connectInstance = url.replace('/ccp-v2/', '/down/ccp-v2/');
    window.hostEmu.setConfig(config);
    window.hostEmu.reloadSoftphone({ opencti: true });
  }, suite.server.ccpUrl);
  // Wait for the reloaded softphone (its CCP iframe points at the silent CCP), not the first one.
  await until(() => p.softphone()?.evaluate(() => Boolean(document.querySelector('#ccp iframe')?.src.includes('/down/ccp-v2/'))), 'the reloaded softphone');
  await until(async () => (await p.softphone().locator('[data-testid=sign-in-hint]').count()) === 1, 'the sign-in hint');
  assert.match(await p.status(), /^Connecting to Amazon Connect/);
  const frame = p.softphone();
  await frame.evaluate(() => { window.open = () => null; });
  await frame.locator('[data-testid=sign-in-hint] [data-testid=sign-in]').click();
  await until(async () => (await frame.locator('[data-testid=banner-popup-blocked]').count()) === 1, 'the pop-up banner');
});

test('a person places a call from the CCP control panel and the record pops', async () => {
  const p = await openReady();
  const control = await until(() => p.page.frames().find((f) => f.url().includes('/ccp-v2/control')), 'the control panel');
  await until(async () => /connected to the softphone/.test(await control.locator('#link').textContent()), 'the panel sees the CCP');
  await control.locator('#phone').fill('+44 20 7946 0018');
  await control.locator('#inbound').click();
  const [pop] = await pops(p, 'searchAndScreenPop', 1);
  assert.equal(pop.args.searchParams, '+442079460018');
  const { account } = await fixtures(p);
  await until(async () => (await p.host(() => window.hostEmu.currentView())).recordId === account.id, 'the account popped');
});
