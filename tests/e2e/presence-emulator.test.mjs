// End-to-end: the Omni-Channel presence emulator as the softphone page sees it. Everything the
// softphone would do is done from inside its frame, through `window.sforce.console` (the bridge
// playing integration.js); people and Omni act through `hostEmu.presence` and the widget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { until, Playground, useSuite } from './harness.mjs';

const suite = useSuite();
let playground;

// The softphone frame once its page has `sforce.console`, the app has signed in, and presence
// sync has read the agent's Omni status (the softphone's own call, before the test's).
async function openPresence() {
  playground = await suite.open();
  const p = playground;
  await until(() => p.softphone()?.evaluate(() => Boolean(window.sforce?.console?.presence)), 'sforce.console in the softphone frame');
  await p.waitForStatus(/^Signed in/);
  await until(() => p.host(() => window.hostEmu.presence.calls().some((c) => c.method === 'getServicePresenceStatusId')), 'the softphone to read the Omni status');
  p.presenceCallsBefore = await p.host(() => window.hostEmu.presence.calls().length);
  return p;
}

// Calls `sforce.console.presence[method](...args, callback)` in the softphone frame; resolves
// with the result the callback got, and whether it came synchronously.
function call(p, method, ...args) {
  return p.softphone().evaluate(({ method, args }) => new Promise((resolve) => {
    let inCall = true;
    window.sforce.console.presence[method](...args, (result) => resolve({ result, sync: inCall }));
    inCall = false;
  }), { method, args }).then(({ result, sync }) => {
    assert.equal(sync, false, `${method} answered inside the call`);
    return result;
  });
}

// Registers one listener per PRESENCE event in the softphone frame; `heard` returns what they got.
async function listenAll(p) {
  // The softphone registers its own listeners too; the test counts its own on top of them.
  const before = await p.host(() => window.hostEmu.listenerCount('WORKLOAD_CHANGED'));
  const names = await p.softphone().evaluate(() => {
    window.__heard = [];
    const { PRESENCE } = window.sforce.console.ConsoleEvent;
    for (const [key, type] of Object.entries(PRESENCE)) {
      window.sforce.console.addEventListener(type, (result) => window.__heard.push({ key, result }));
    }
    return PRESENCE;
  });
  await until(() => p.host((n) => window.hostEmu.listenerCount('WORKLOAD_CHANGED') === n + 1, before), 'the host to count the listeners');
  return names;
}
const heard = (p) => p.softphone().evaluate(() => window.__heard);
async function heardAtLeast(p, n) {
  return until(async () => {
    const list = await heard(p);
    return list.length >= n ? list : null;
  }, `${n} presence event(s)`);
}
const keys = (list) => list.map((e) => e.key);

const statusId = (p, developerName) => p.host((name) => window.hostEmu.presence.statuses().find((s) => s.developerName === name).id, developerName);

test('presence calls are positional with a callback last, answer later with flat results, and list channels and works as JSON strings', async () => {
  const p = await openPresence();
  const names = await p.softphone().evaluate(() => window.sforce.console.ConsoleEvent.PRESENCE);
  assert.deepEqual(Object.keys(names).sort(), [
    'LOGIN_SUCCESS', 'LOGOUT', 'STATUS_CHANGED', 'WORKLOAD_CHANGED', 'WORK_ACCEPTED', 'WORK_ASSIGNED', 'WORK_CLOSED', 'WORK_DECLINED',
  ]);
  assert.equal(new Set(Object.values(names)).size, 8, 'eight distinct event names');

  assert.deepEqual(await call(p, 'getServicePresenceStatusId'), { success: false }, 'logged out: no status');
  const available = await statusId(p, 'Available');
  assert.match(available, /^0N5[0-9A-Za-z]{15}$/);
  assert.deepEqual(await call(p, 'login', available), { success: true });
  assert.deepEqual(await call(p, 'getServicePresenceStatusId'), {
    success: true, statusId: available, statusName: 'Available', statusApiName: 'Available',
  });
  const { success, channels } = await call(p, 'getServicePresenceStatusChannels');
  assert.equal(success, true);
  assert.equal(typeof channels, 'string');
  assert.deepEqual(JSON.parse(channels).map((c) => c.developerName), ['sfdc_phone', 'Cases']);
  assert.ok(JSON.parse(channels).every((c) => /^0N9/.test(c.channelId)));

  const chat = await statusId(p, 'Available_for_Chat');
  const set = await call(p, 'setServicePresenceStatus', chat);
  assert.equal(set.success, true);
  assert.equal(set.statusId, chat);
  assert.equal(set.statusName, 'Available for Chat');
  assert.equal(set.statusApiName, 'Available_for_Chat');
  assert.deepEqual(JSON.parse(set.channels).map((c) => c.developerName), ['sfdc_livechat', 'sfdc_livemessage']);

  assert.deepEqual(await call(p, 'getAgentWorkload'), {
    success: true, configuredCapacity: 10, currentWorkload: 0, configuredInterruptibleCapacity: 4, currentInterruptibleWorkload: 0,
  });
  assert.deepEqual(await call(p, 'getAgentWorks'), { success: true, works: '[]' });
  assert.deepEqual(await call(p, 'setServicePresenceStatus', '0N5000000000000AAA'), { success: false }, 'an unknown status');

  // The test's method calls only: listener registrations (the softphone's own among them) are
  // logged by their event key.
  const logged = await p.host((before) => window.hostEmu.presence.calls().slice(before)
    .filter((c) => !/^[A-Z_]+$/.test(c.method))
    .map((c) => ({ apiType: c.apiType, method: c.method, args: c.args })), p.presenceCallsBefore);
  assert.deepEqual(logged.slice(0, 3), [
    { apiType: 'presence', method: 'getServicePresenceStatusId', args: {} },
    { apiType: 'presence', method: 'login', args: { statusId: available } },
    { apiType: 'presence', method: 'getServicePresenceStatusId', args: {} },
  ]);
  // The host's Open CTI log shows them as presence calls.
  await p.page.locator('#tab-log').click();
  assert.ok(await p.page.locator('[data-testid=log-entry]', { hasText: 'presence.setServicePresenceStatus' }).count() >= 2);
});

test('setServicePresenceStatus, the agent in the widget and a supervisor each fire STATUS_CHANGED', async () => {
  const p = await openPresence();
  await listenAll(p);
  const available = await statusId(p, 'Available');
  const set = await call(p, 'setServicePresenceStatus', available);
  assert.equal(set.success, true, 'logs in when logged out');
  let events = await heardAtLeast(p, 2);
  assert.deepEqual(keys(events), ['LOGIN_SUCCESS', 'STATUS_CHANGED']);
  assert.deepEqual(events[0].result, { statusId: available });
  assert.deepEqual(events[1].result, { statusId: available, statusName: 'Available', statusApiName: 'Available', channels: set.channels });

  // A person picks a status in the Omni-Channel utility item.
  await p.page.locator('[data-testid=omni-item]').click();
  await p.page.locator('[data-testid=omni-status-select]').selectOption('On_Break');
  events = await heardAtLeast(p, 3);
  assert.equal(events[2].key, 'STATUS_CHANGED');
  assert.equal(events[2].result.statusApiName, 'On_Break');
  assert.equal(events[2].result.channels, '[]');
  assert.match(await p.page.locator('[data-testid=omni-status]').textContent(), /On Break \(On_Break, busy\)/);

  // The same through the test API, then a supervisor.
  await p.host(() => window.hostEmu.presence.setStatus('Offline'));
  await p.host(() => window.hostEmu.presence.supervisorSetStatus('Available'));
  events = await heardAtLeast(p, 5);
  assert.deepEqual(events.slice(3).map((e) => `${e.key} ${e.result.statusApiName}`), ['STATUS_CHANGED Offline', 'STATUS_CHANGED Available']);
  assert.equal((await call(p, 'getServicePresenceStatusId')).statusApiName, 'Available', 'Offline is a status, not a logout');
  // Choosing the status in force changes nothing.
  await call(p, 'setServicePresenceStatus', available);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal((await heard(p)).length, 5);
});

test('routed work fires WORK_ASSIGNED and WORKLOAD_CHANGED in both casings; accept, close and decline fire theirs', async () => {
  const p = await openPresence();
  await listenAll(p);
  await call(p, 'login', await statusId(p, 'Available'));
  await heardAtLeast(p, 2);
  await assert.rejects(p.host(() => window.hostEmu.presence.assignWork({ serviceChannel: 'sfdc_livechat' })), /routes no sfdc_livechat work in status Available/);

  const work = await p.host(() => window.hostEmu.presence.assignWork({ serviceChannel: 'Cases' }));
  assert.match(work.workId, /^0Bz[0-9A-Za-z]{15}$/);
  assert.match(work.workItemId, /^500/);
  let events = await heardAtLeast(p, 4);
  assert.deepEqual(keys(events.slice(2)), ['WORK_ASSIGNED', 'WORKLOAD_CHANGED']);
  assert.deepEqual(events[2].result, { workItemId: work.workItemId, workId: work.workId });
  assert.deepEqual(events[3].result, {
    ConfiguredCapacity: 10, PreviousWorkload: 0, NewWorkload: 2,
    configuredCapacity: 10, previousWorkload: 0, newWorkload: 2,
    configuredInterruptibleCapacity: 4, previousInterruptibleWorkload: 0, newInterruptibleWorkload: 0,
  });
  const { works } = await call(p, 'getAgentWorks');
  assert.equal(typeof works, 'string');
  assert.deepEqual(JSON.parse(works), [{ workItemId: work.workItemId, workId: work.workId, isEngaged: false }]);
  assert.equal((await call(p, 'getAgentWorkload')).currentWorkload, 2);

  assert.deepEqual(await call(p, 'closeAgentWork', work.workId), { success: false }, 'not accepted yet');
  assert.deepEqual(await call(p, 'acceptAgentWork', work.workId), { success: true });
  assert.deepEqual(await call(p, 'closeAgentWork', work.workId), { success: true });
  events = await heardAtLeast(p, 7);
  assert.deepEqual(keys(events.slice(4)), ['WORK_ACCEPTED', 'WORK_CLOSED', 'WORKLOAD_CHANGED']);
  assert.deepEqual(events[4].result, { workItemId: work.workItemId, workId: work.workId });
  assert.equal(events[6].result.PreviousWorkload, 2);
  assert.equal(events[6].result.newWorkload, 0);

  // declineAgentWork(workId, callback): a function in the reason's place is the callback.
  const phone = await p.host(() => window.hostEmu.presence.assignWork({ serviceChannel: 'sfdc_phone' }));
  assert.deepEqual(await call(p, 'declineAgentWork', phone.workId), { success: true });
  events = await heardAtLeast(p, 11);
  assert.deepEqual(keys(events.slice(7)), ['WORK_ASSIGNED', 'WORKLOAD_CHANGED', 'WORK_DECLINED', 'WORKLOAD_CHANGED']);
  assert.deepEqual(events[9].result, { workItemId: phone.workItemId, workId: phone.workId });
  assert.equal(events[10].result.NewWorkload, 0);
  const declined = await p.host(() => window.hostEmu.presence.calls().filter((c) => c.method === 'declineAgentWork').map((c) => c.args));
  assert.deepEqual(declined, [{ workId: phone.workId }]);
});

test('logout fires LOGOUT; with presence events off nothing is heard and calls still answer', async () => {
  const p = await openPresence();
  await listenAll(p);
  const available = await statusId(p, 'Available');
  await call(p, 'login', available);
  assert.deepEqual(await call(p, 'logout'), { success: true });
  const events = await heardAtLeast(p, 3);
  assert.deepEqual(keys(events), ['LOGIN_SUCCESS', 'STATUS_CHANGED', 'LOGOUT']);
  assert.deepEqual(events[2].result, {});
  assert.deepEqual(await call(p, 'getServicePresenceStatusId'), { success: false });
  assert.match(await p.page.locator('[data-testid=omni-item]').textContent(), /Omni-Channel \(Logged out\)/);

  await p.host(() => window.hostEmu.presence.setEventsEnabled(false));
  const sent = await p.host(() => window.hostEmu.presence.events().length);
  const set = await call(p, 'setServicePresenceStatus', available);
  assert.equal(set.statusApiName, 'Available');
  const work = await p.host(() => window.hostEmu.presence.assignWork({ serviceChannel: 'sfdc_phone' }));
  assert.equal((await call(p, 'getAgentWorkload')).currentWorkload, 5);
  assert.deepEqual(JSON.parse((await call(p, 'getAgentWorks')).works), [{ workItemId: work.workItemId, workId: work.workId, isEngaged: false }]);
  await p.host(() => window.hostEmu.presence.logout());
  await new Promise((r) => setTimeout(r, 300));
  assert.equal((await heard(p)).length, 3, 'no event reached the softphone');
  assert.equal(await p.host(() => window.hostEmu.presence.events().length), sent, 'and none was sent');

  // A lost connection fails every call until the next login.
  await p.host(() => window.hostEmu.presence.setEventsEnabled(true));
  await call(p, 'login', available);
  await p.host(() => window.hostEmu.presence.connectionError());
  assert.deepEqual(await call(p, 'getAgentWorkload'), { success: false });
  assert.deepEqual(await call(p, 'login', available), { success: true });
  assert.equal((await call(p, 'getAgentWorkload')).success, true);
});

test('the softphone can be loaded without presence, and with it again', async () => {
  const p = await openPresence();
  await p.host(() => window.hostEmu.reloadSoftphone({ presence: false }));
  await until(() => p.softphone()?.evaluate(() => Boolean(window.sforce?.opencti) && window.sforce.console === undefined), 'a softphone page without sforce.console');
  await p.waitForStatus(/^Signed in/);
  await p.host(() => window.hostEmu.reloadSoftphone());
  await until(() => p.softphone()?.evaluate(() => Boolean(window.sforce?.console?.presence && window.sforce?.opencti)), 'sforce.console back');
  await p.waitForStatus(/^Signed in/);
});
