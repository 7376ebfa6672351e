// End-to-end: the adapter configuration loaded over Open CTI runApex drives the softphone; bad
// configuration and failing Salesforce calls are visible and never leave the agent stuck.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { until, Playground, useSuite } from './harness.mjs';

const suite = useSuite();
let playground;

const openReady = async () => (playground = await suite.openReady());

// Sets fields of the fixture (`{'adapter.region': 'mars', 'attributes.0.style': '…'}`) as the
// configuration the host's runApex answers, reloads the softphone and waits for its sign-in.
async function reloadWith(p, changes) {
  const before = (await p.calls('enableClickToDial')).length;
  await p.host((changes) => {
    const config = window.hostEmu.fixture();
    for (const [path, value] of Object.entries(changes)) {
      const keys = path.split('.');
      const last = keys.pop();
      keys.reduce((node, key) => node[key], config)[last] = value;
    }
    window.hostEmu.setConfig(config);
    window.hostEmu.reloadSoftphone();
  }, changes);
  await until(async () => (await p.calls('enableClickToDial')).length > before, 'the reloaded softphone to sign in');
  await p.waitForStatus(/^Signed in/);
  await sessionCopy(p);
}

// Waits until the softphone has taken the host's configuration into use (and kept its session
// copy): Salesforce work follows the CCP handshake, so it can land after the sign-in.
async function sessionCopy(p) {
  const expected = await p.host(() => window.hostEmu.config);
  await until(() => p.softphone().evaluate((text) => sessionStorage.getItem('ctisoftphone:config:text') === text, expected), 'the session copy of the configuration');
}

async function openConfigView(p) {
  const frame = p.softphone();
  await frame.locator('[data-testid=config-button]').click();
  await frame.locator('[data-testid=config-view]').waitFor();
  return frame;
}

const problems = (frame) => frame.locator('[data-testid=config-problem]').allTextContents();

test('the configuration comes from runApex and is shown in the admin view', async () => {
  const p = await openReady();
  const [apex] = await until(() => p.calls('runApex').then((c) => (c.length ? c : null)), 'runApex');
  assert.equal(apex.args.apexClass, 'CtiAdapterConfig');
  assert.equal(apex.args.methodName, 'getConfiguration');
  assert.equal(apex.args.methodParams, 'callCenterName=ConnectSoftphone');
  const frame = await openConfigView(p);
  assert.equal(await frame.locator('[data-testid=config-adapter]').textContent(), 'Connect Softphone (a005g00000ADAPT1AA)');
  assert.match(await frame.locator('[data-testid=config-view]').textContent(), /No problems found\./);
  assert.match(await frame.locator('[data-testid=config-view]').textContent(), /3 attributes · 2 presence rules · 2 flows/);
  // The adapter record's size and popout setting reach Salesforce and the agent.
  const [width] = await p.calls('setSoftphonePanelWidth');
  assert.equal(width.args.widthPX, 330);
  assert.equal(await frame.locator('[data-testid=popout]').getAttribute('href'), suite.server.ccpUrl);
  assert.equal(await frame.locator('[data-testid=banner-config]').count(), 0);
});

test('a configuration change changes behaviour: the default country reads national numbers', async () => {
  const p = await openReady();
  await p.host(() => window.hostEmu.clickToDial({ number: '020 7946 0018' }));
  await until(async () => (await p.notices()).some((n) => /Cannot call “020 7946 0018”/.test(n)), 'the US reading refuses the number');
  assert.equal((await p.ccpApiCalls('createOutboundContact')).length, 0);
  await reloadWith(p, { 'adapter.defaultCountry': 'GB', 'adapter.popoutEnabled': false });
  await p.host(() => window.hostEmu.clickToDial({ number: '020 7946 0018' }));
  const [call] = await until(() => p.ccpApiCalls('createOutboundContact').then((c) => (c.length ? c : null)), 'createOutboundContact');
  assert.equal(call.params.endpoint.phoneNumber, '+442079460018');
  assert.equal(await p.softphone().locator('[data-testid=popout]').count(), 0);
});

test('an invalid field is named with its record, and the rest of the configuration still works', async () => {
  const p = await openReady();
  await reloadWith(p, { 'attributes.0.style': 'position: fixed; color: red', 'adapter.region': 'mars' });
  const frame = p.softphone();
  const banner = frame.locator('[data-testid=banner-config]');
  await banner.waitFor();
  assert.match(await banner.textContent(), /has 2 errors; the softphone runs with the parts that are valid/);
  await frame.locator('[data-testid=show-config]').click();
  const lines = await problems(frame);
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^adapter\.region .*“mars” is not an AWS region code.*Connect Softphone.*a005g00000ADAPT1AA/);
  assert.match(lines[1], /^attributes\[0\]\.style .*“position” is not an allowed style property.*customer_phone.*a015g00000ATTR01AA/);
  // The CCP still started, from the configuration's instance.
  assert.match(await p.status(), /^Signed in/);
});

test('malformed JSON from Salesforce is reported with its position, and the CCP still runs', async () => {
  const fresh = await suite.open();
  playground = fresh;
  await fresh.host(() => window.hostEmu.setConfig('{"schemaVersion": 1,\n  "adapter": {oops}'));
  await fresh.host(() => window.hostEmu.reloadSoftphone());
  await fresh.ready();
  const frame = fresh.softphone();
  const banner = frame.locator('[data-testid=banner-config]');
  await banner.waitFor();
  assert.match(await banner.textContent(), /its answer is not a usable configuration\. Running on the call center settings alone; attempt 1 failed, retrying in 2 s/);
  await frame.locator('[data-testid=show-config]').click();
  assert.deepEqual(await problems(frame), ['$ error: not valid JSON at line 2, column 15: “o” is not expected here']);
});

test('a failing runApex keeps the configuration of this session and retries until it works', async () => {
  const p = await openReady();
  await reloadWith(p, { 'adapter.defaultCountry': 'GB' });
  // Salesforce fails once; the reloaded softphone keeps this session's configuration.
  await p.host(() => {
    window.hostEmu.failNext('runApex', { code: 'SERVER_ERROR', description: 'Apex CPU time limit exceeded' });
    window.hostEmu.reloadSoftphone();
  });
  const frame = await until(async () => {
    const f = p.softphone();
    const banner = f && f.locator('[data-testid=banner-config]');
    return banner && (await banner.count()) ? f : null;
  }, 'the configuration banner');
  const text = await frame.locator('[data-testid=banner-config]').textContent();
  assert.match(text, /Apex CPU time limit exceeded \(SERVER_ERROR\)\. Using the configuration from \d\d:\d\d; attempt 1 failed, retrying in 2 s/);
  // The kept configuration is in force (GB numbers dial) while Salesforce is failing.
  await p.waitForStatus(/^Signed in/);
  await until(async () => (await p.calls('enableClickToDial')).length >= 3, 'click-to-dial after the reload');
  await p.host(() => window.hostEmu.clickToDial({ number: '020 7946 0018' }));
  const [call] = await until(() => p.ccpApiCalls('createOutboundContact').then((c) => (c.length ? c : null)), 'createOutboundContact');
  assert.equal(call.params.endpoint.phoneNumber, '+442079460018');
  // The retry after 2 s succeeds and the banner goes away.
  await until(async () => (await frame.locator('[data-testid=banner-config]').count()) === 0, 'the banner to clear after the retry', 8000);
  // In the Open CTI log: the failed call, then the retry that worked.
  await until(async () => {
    const calls = await p.calls('runApex');
    const failed = calls.findIndex((c) => c.response && c.response.success === false);
    return failed >= 0 && calls.slice(failed + 1).some((c) => c.response && c.response.success === true);
  }, 'the retry in the Open CTI log');
  const loaded = await (await openConfigView(p)).locator('[data-testid=config-loaded]').textContent();
  assert.match(loaded, /^from Salesforce at \d\d:\d\d$/);
});

test('a call center without an adapter record says which one is missing', async () => {
  playground = await suite.open();
  const p = playground;
  await p.host(() => {
    window.hostEmu.setSettings({ '/reqGeneralInfo/reqInternalName': 'SupportCenter' });
    window.hostEmu.reloadSoftphone();
  });
  const frame = await until(async () => {
    const f = p.softphone();
    return f && (await f.locator('[data-testid=banner-config]').count()) ? f : null;
  }, 'the configuration banner');
  assert.match(await frame.locator('[data-testid=banner-config]').textContent(), /its answer is not a usable configuration/);
  await frame.locator('[data-testid=show-config]').click();
  const [line] = await problems(frame);
  assert.match(line, /^\$ error: Salesforce answered no configuration: .*SupportCenter.* \(ADAPTER_NOT_FOUND\)$/);
});

// The contract, third side: what the host emulator answers from runApex is the fixture the Apex
// test expects and the engine's tests parse (only the CCP address points at the emulator).
test('runApex in the host emulator answers the contract fixture', async () => {
  const fs = await import('node:fs');
  const fixture = JSON.parse(fs.readFileSync(new URL('../../visualforce/force-app/main/default/staticresources/CtiAdapterConfigFixture.json', import.meta.url), 'utf8'));
  playground = await suite.open();
  const p = playground;
  const frame = await until(() => p.softphone(), 'the softphone frame');
  await until(() => frame.evaluate(() => Boolean(window.sforce?.opencti?.runApex)), 'Open CTI in the softphone frame');
  const runApex = (params) => frame.evaluate((methodParams) => new Promise((resolve) => {
    window.sforce.opencti.runApex({ apexClass: 'CtiAdapterConfig', methodName: 'getConfiguration', methodParams, callback: resolve });
  }), params);
  const answer = await runApex('callCenterName=ConnectSoftphone');
  assert.equal(answer.success, true);
  const document = JSON.parse(answer.returnValue.runApex);
  assert.equal(document.adapter.connectInstance, suite.server.ccpUrl);
  document.adapter.connectInstance = fixture.adapter.connectInstance;
  assert.deepEqual(document, fixture);
  assert.equal(JSON.parse((await runApex('callCenterName=')).returnValue.runApex).error.code, 'MISSING_PARAMETER');
  assert.equal(JSON.parse((await runApex('callCenterName=Other')).returnValue.runApex).error.code, 'ADAPTER_NOT_FOUND');
  await p.host(() => window.hostEmu.setConfig('{oops'));
  assert.equal((await runApex('callCenterName=ConnectSoftphone')).returnValue.runApex, '{oops');
});

// The editor checks JSON syntax only; whatever else is wrong is the softphone's to report, so the
// playground can never disagree with the engine about a configuration.
test('the host editor checks JSON syntax; the softphone reports a bad flow body after save and reload', async () => {
  const p = await openReady();
  await p.page.locator('#tab-settings').click();
  const editor = p.page.locator('[data-testid=config-editor]');
  const messages = p.page.locator('[data-testid=config-messages]');
  await editor.fill('{\n  "schemaVersion": 1,\n  "adapter": {,}\n}');
  await p.page.locator('#config-validate').click();
  assert.match(await messages.textContent(), /error: line 3 column 15: /);
  // Well-formed JSON with a broken flow body: the editor leaves the judgement to the softphone.
  const config = await p.host(() => window.hostEmu.fixture());
  config.flows[0].body = '{"actions": [';
  await editor.fill(JSON.stringify(config, null, 2));
  await p.page.locator('#config-validate').click();
  const checked = await messages.textContent();
  assert.match(checked, /No JSON syntax errors\. The softphone checks the configuration itself: after “Save and reload softphone”, its ⚙ Configuration view lists every problem\./);
  assert.doesNotMatch(checked, /flows/);
  const before = (await p.calls('enableClickToDial')).length;
  await p.page.locator('#config-save').click();
  assert.match(await messages.textContent(), /Saved; the softphone reloads with it\./);
  assert.equal(await p.host(() => JSON.parse(window.hostEmu.config).flows[0].body), '{"actions": [');
  await until(async () => (await p.calls('enableClickToDial')).length > before, 'the reloaded softphone to sign in');
  await p.waitForStatus(/^Signed in/);
  await sessionCopy(p);
  const frame = await openConfigView(p);
  const lines = await until(async () => {
    const found = await problems(frame);
    return found.length ? found : null;
  }, 'the problems in the configuration view');
  assert.match(lines.join('\n'), /^flows\[0\]\.body error: not valid JSON at line 1, column 14: the text ends too early/m);
});

test('CCP options from the adapter record reach Streams, after the reload the softphone asks for', async () => {
  const p = await openReady();
  await sessionCopy(p);
  // Medialess and a ringtone change how the CCP starts: the running CCP cannot take them.
  await reloadWith(p, { 'adapter.medialess': true, 'adapter.ringtoneUrl': 'https://cdn.example.com/ring.mp3' });
  await until(async () => (await p.notices()).some((n) => /Reload the softphone to apply it/.test(n)), 'the reload notice');
  // The reload starts the CCP from this session's copy, which now has the new options.
  const before = (await p.calls('enableClickToDial')).length;
  await p.host(() => window.hostEmu.reloadSoftphone());
  await until(async () => (await p.calls('enableClickToDial')).length > before, 'the second reload to sign in');
  const softphone = await until(() => p.ccpEval(() => window.ccpEmu.configured()?.softphone), 'the configure message');
  assert.equal(softphone.allowFramedSoftphone, false);
  assert.equal(softphone.ringtoneUrl, 'https://cdn.example.com/ring.mp3');
  const frame = p.softphone();
  await frame.locator('[data-testid=medialess-hint]').waitFor();
  assert.deepEqual(await p.notices(), []);
});
