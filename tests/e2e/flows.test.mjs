// End-to-end: CTI flows bound by the adapter configuration run on Streams events, exactly once,
// even when Salesforce answers late and when the softphone reloads in the middle of a contact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { until, Playground, useSuite } from './harness.mjs';

const suite = useSuite();
let playground;

const openReady = async () => (playground = await suite.openReady());

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

// A flow record: a search of `searchParams` bound to `source`/`event`.
function searchFlow({ id, name, source, event, searchParams }) {
  const body = {
    name,
    actions: [
      { id: 's', type: 'SE_Start', controls: {}, ports: { done: 'pop' } },
      { id: 'pop', type: 'SE_SFSearchAndScreenpop', controls: { searchParams, callType: 'inbound' }, ports: { success: 'e', failure: 'e' } },
      { id: 'e', type: 'SE_End', controls: {} },
    ],
  };
  return { id, name, source, event, description: '', body: JSON.stringify(body) };
}

// Opens the playground with more flows in its configuration (`searchFlow`s); answers the
// signed-in session.
async function openWithSearchFlows(...flows) {
  playground = await suite.open();
  const p = playground;
  await p.ready();
  const config = await p.host(() => window.hostEmu.fixture());
  config.flows.push(...flows.map(searchFlow));
  await reloadFresh(p, { config });
  return p;
}
const openWithSearchFlow = (flow) => openWithSearchFlows(flow);

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
test('after a reload in the middle of a contact, its later events still run their flows, and earlier ones do not run again', async () => {
  const p = await openReady();
  const config = await p.host(() => window.hostEmu.fixture());
  // onConnected and onEnded each search for the contact id.
  for (const [event, id] of [['onConnected', 'a035g00000FLOW08AA'], ['onEnded', 'a035g00000FLOW09AA']]) {
    const body = {
      name: `Voice ${event}`,
      actions: [
        { id: 's', type: 'SE_Start', controls: {}, ports: { done: 'pop' } },
        { id: 'pop', type: 'SE_SFSearchAndScreenpop', controls: { searchParams: '$.contact.contactId', callType: 'inbound' }, ports: { success: 'e', failure: 'e' } },
        { id: 'e', type: 'SE_End', controls: {} },
      ],
    };
    config.flows.push({ id, name: body.name, source: 'ConnectVoiceContact', event, description: '', body: JSON.stringify(body) });
  }
  await reloadFresh(p, { config });
  const searches = async () => (await p.calls('searchAndScreenPop')).map((c) => c.args.searchParams);
  const id = await p.ccpEval(() => window.ccpEmu.inbound({ channel: 'voice', phone: '+14155550142' }));
  await until(async () => (await searches()).length === 1, 'the onConnecting pop');
  await p.softphone().locator('[data-testid=contact-accept]').click();
  await until(async () => (await searches()).length === 2, 'the onConnected flow');
  // Reload mid-contact: Streams shows the new page the contact as connected again.
  const enabled = (await p.calls('enableClickToDial')).length;
  await p.host(() => window.hostEmu.reloadSoftphone());
  await until(async () => (await p.calls('enableClickToDial')).length > enabled, 'the reloaded softphone to sign in', 20000);
  await until(async () => (await p.softphone().locator('[data-testid=contact]').count()) === 1, 'the contact after the reload');
  await p.ccpEval((contactId) => window.ccpEmu.customerHangsUp(contactId), id);
  await until(async () => (await searches()).length >= 3, 'the onEnded flow after the reload');
  await new Promise((r) => setTimeout(r, 800));
  assert.deepEqual(await searches(), ['+14155550142', id, id], 'onConnected ran once; onEnded ran after the reload');
});

test('with three tabs open, each call runs its flow once among them, and again once after the leading tab closes', async () => {
  const tabs = await suite.openMany(3);
  try {
    await Promise.all(tabs.map((tab) => tab.ready()));
    // Every softphone knows its part (the first to take the lock leads).
    const roles = async (list) => Promise.all(list.map(async (tab) => {
      const frame = tab.softphone();
      if ((await frame.locator('[data-testid=log-view]').count()) === 0) await frame.locator('[data-testid=log-button]').click();
      const log = await frame.locator('[data-testid=log-view]').textContent();
      // Newest first: the first role line is the current one.
      const role = /this tab (leads|follows)/.exec(log);
      return role ? (role[1] === 'leads' ? 'leader' : 'follower') : 'unknown';
    }));
    await until(async () => !(await roles(tabs)).includes('unknown'), 'every tab knows its part');
    const pops = async (list) => (await Promise.all(list.map((tab) => tab.calls('searchAndScreenPop')))).map((c) => c.length);
    const total = async (list) => (await pops(list)).reduce((a, b) => a + b, 0);

    await tabs[0].ccpEval(() => window.ccpEmu.inbound({ channel: 'voice', phone: '+14155550142' }));
    await until(async () => (await total(tabs)) >= 1, 'a pop in some tab');
    // Every tab shows the call, and after the events settle exactly one tab popped.
    await Promise.all(tabs.map((tab) => until(async () => (await tab.softphone().locator('[data-testid=contact]').count()) === 1, 'the card')));
    await new Promise((r) => setTimeout(r, 1000));
    const first = await pops(tabs);
    assert.equal(first.reduce((a, b) => a + b, 0), 1, `pops per tab: ${first}`);
    const leader = first.findIndex((n) => n === 1);
    assert.equal((await roles([tabs[leader]]))[0], 'leader');

    // The leading tab closes; the browser hands the lock to another tab.
    const [closed] = tabs.splice(leader, 1);
    await closed.close();
    await until(async () => (await roles(tabs)).includes('leader'), 'a new leader');
    const before = await total(tabs);
    await tabs[0].ccpEval(() => window.ccpEmu.inbound({ channel: 'voice', phone: '+442079460018' }));
    await until(async () => (await total(tabs)) >= before + 1, 'the next pop');
    await new Promise((r) => setTimeout(r, 1000));
    const second = await pops(tabs);
    assert.equal(second.reduce((a, b) => a + b, 0) - before, 1, `pops per tab: ${second}`);
    const calls = (await Promise.all(tabs.map((tab) => tab.calls('searchAndScreenPop')))).flat();
    assert.deepEqual(calls.map((c) => c.args.searchParams).sort(), ['+442079460018']);
  } finally {
    for (const tab of tabs) await tab.close();
  }
});

test('an Omni-Channel status the agent picks runs the Salesforce Agent onStateChange flow, with the status DeveloperName', async () => {
  const p = await openWithSearchFlow({
    id: 'a035g00000FLOW07AA', name: 'Omni onStateChange', source: 'SalesforceAgent', event: 'onStateChange', searchParams: '$.payload.statusApiName',
  });
  await until(() => p.host(() => window.hostEmu.listenerCount('STATUS_CHANGED')).then((n) => n >= 1), 'the softphone listens to Omni');
  const status = await p.host(() => window.hostEmu.presence.statuses().find((s) => s.label === 'Busy'));
  await p.host((name) => window.hostEmu.presence.setStatus(name), status.developerName);
  const [pop] = await until(async () => {
    const calls = await p.calls('searchAndScreenPop');
    return calls.length ? calls : null;
  }, 'the onStateChange flow');
  assert.equal(pop.args.searchParams, status.developerName);
});

test('each time the agent brings a chat into view in the CCP, its onViewContact flow runs', async () => {
  const p = await openWithSearchFlow({
    id: 'a035g00000FLOW08AA', name: 'Chat onViewContact', source: 'ConnectChatContact', event: 'onViewContact', searchParams: '$.contact.contactId',
  });
  const chat = await p.ccpEval(() => window.ccpEmu.inbound({ channel: 'chat', name: 'Ada' }));
  // The default chat pop runs on connecting; the views come after it.
  await until(async () => (await p.calls('searchAndScreenPop')).length >= 1, 'the default chat pop');
  const viewed = async () => (await p.calls('searchAndScreenPop')).filter((c) => c.args.searchParams === chat);
  assert.equal((await viewed()).length, 0);
  for (let n = 1; n <= 2; n++) {
    await p.ccpEval((id) => window.ccpEmu.view(id), chat);
    await until(async () => (await viewed()).length === n, `view ${n}`);
  }
  await new Promise((r) => setTimeout(r, 500));
  assert.equal((await viewed()).length, 2);
});

test('chat messages and task events from the agent’s websocket run their flows, once per item, with the item as payload', async () => {
  const p = await openWithSearchFlows(
    { id: 'a035g00000FLOW10AA', name: 'Chat onMessageReceived', source: 'ConnectChatContact', event: 'onMessageReceived', searchParams: '$.payload.Content' },
    { id: 'a035g00000FLOW11AA', name: 'Chat onMessageSent', source: 'ConnectChatContact', event: 'onMessageSent', searchParams: '$.payload.ParticipantRole' },
    { id: 'a035g00000FLOW12AA', name: 'Task onTaskExpiring', source: 'ConnectTaskContact', event: 'onTaskExpiring', searchParams: '$.payload.ContentType' },
  );
  const searched = async () => (await p.calls('searchAndScreenPop')).map((c) => c.args.searchParams);
  const chat = await p.ccpEval(() => window.ccpEmu.inbound({ channel: 'chat', name: 'Ada' }));
  await p.ccpEval((id) => window.ccpEmu.accept(id), chat);
  await until(async () => (await p.softphone().locator('[data-testid=contact]').count()) >= 1, 'the chat in the softphone');
  // The softphone subscribed to the chat topic: the worker delivers the item (true).
  assert.equal(await p.ccpEval((id) => window.ccpEmu.chatMessage(id, { text: 'Where is order 4711?' }), chat), true);
  await until(async () => (await searched()).includes('Where is order 4711?'), 'the onMessageReceived flow');
  assert.equal(await p.ccpEval((id) => window.ccpEmu.chatMessage(id, { text: 'Let me look.', role: 'AGENT' }), chat), true);
  await until(async () => (await searched()).includes('AGENT'), 'the onMessageSent flow');
  // Typing is an event no flow names.
  await p.ccpEval((id) => window.ccpEmu.chatMessage(id, { type: 'EVENT', contentType: 'application/vnd.amazonaws.connect.event.typing' }), chat);
  const task = await p.ccpEval(() => window.ccpEmu.inbound({ channel: 'task', name: 'Follow up' }));
  await p.ccpEval((id) => window.ccpEmu.accept(id), task);
  await until(async () => (await p.softphone().locator('[data-testid=contact]').count()) >= 2, 'the task in the softphone');
  assert.equal(await p.ccpEval((id) => window.ccpEmu.taskEvent(id, 'expire.warning'), task), true);
  await until(async () => (await searched()).includes('application/vnd.amazonaws.connect.event.expire.warning'), 'the onTaskExpiring flow');
  await new Promise((r) => setTimeout(r, 500));
  const runs = (await searched()).filter((s) => ['Where is order 4711?', 'AGENT', 'application/vnd.amazonaws.connect.event.expire.warning'].includes(s));
  assert.deepEqual(runs, ['Where is order 4711?', 'AGENT', 'application/vnd.amazonaws.connect.event.expire.warning']);
  await openLog(p);
  assert.match(await flowLog(p), /\[FLOW\] \[Chat onMessageReceived\] starts on onMessageReceived of /);
});

test('with three tabs open, every tab hears a chat message and its flow runs in one of them', async () => {
  const tabs = await suite.openMany(3);
  try {
    await Promise.all(tabs.map((tab) => tab.ready()));
    const config = await tabs[0].host(() => window.hostEmu.fixture());
    config.flows.push(searchFlow({
      id: 'a035g00000FLOW13AA', name: 'Chat onMessageReceived', source: 'ConnectChatContact', event: 'onMessageReceived', searchParams: '$.payload.Content',
    }));
    // Salesforce gives every tab the same configuration.
    for (const tab of tabs) await tab.reloadWithConfig(config);
    const chat = await tabs[0].ccpEval(() => window.ccpEmu.inbound({ channel: 'chat', name: 'Ada' }));
    await tabs[1].ccpEval((id) => window.ccpEmu.accept(id), chat);
    await Promise.all(tabs.map((tab) => until(async () => (await tab.softphone().locator('[data-testid=contact]').count()) === 1, 'the chat in every tab')));
    // Every tab's Streams hears the item: each logs the run it leaves to the leader or runs it.
    assert.equal(await tabs[2].ccpEval((id) => window.ccpEmu.chatMessage(id, { text: 'one message' }), chat), true);
    const runs = async () => (await Promise.all(tabs.map((tab) => tab.calls('searchAndScreenPop'))))
      .map((calls) => calls.filter((c) => c.args.searchParams === 'one message').length);
    await until(async () => (await runs()).some((n) => n > 0), 'the flow in some tab');
    await new Promise((r) => setTimeout(r, 1000));
    const perTab = await runs();
    assert.equal(perTab.reduce((a, b) => a + b, 0), 1, `runs per tab: ${perTab}`);
    const heard = await Promise.all(tabs.map(async (tab) => {
      const frame = tab.softphone();
      if ((await frame.locator('[data-testid=log-view]').count()) === 0) await frame.locator('[data-testid=log-button]').click();
      return /onMessageReceived: another tab runs it|\[FLOW\] \[Chat onMessageReceived\] starts on onMessageReceived/.test(await frame.locator('[data-testid=log-view]').textContent());
    }));
    assert.deepEqual(heard, [true, true, true]);
  } finally {
    for (const tab of tabs) await tab.close();
  }
});

test('Update Contact Attributes asks the package’s Apex to write them onto the transferred call’s first leg, and says so when Salesforce refuses', async () => {
  const block = { id: 'write', type: 'SE_ContactUpdateAttributes', controls: { attributes: { reason: 'billing & refunds', caller: '$.contact.phoneNumber' } }, ports: { success: 'e', failure: 'e' } };
  const body = { name: 'Voice onConnected', actions: [{ id: 's', type: 'SE_Start', controls: {}, ports: { done: 'write' } }, block, { id: 'e', type: 'SE_End', controls: {} }] };
  playground = await suite.open();
  const p = playground;
  await p.ready();
  const config = await p.host(() => window.hostEmu.fixture());
  config.flows.push({ id: 'a035g00000FLOW20AA', name: 'Voice onConnected', source: 'ConnectVoiceContact', event: 'onConnected', description: '', body: JSON.stringify(body) });
  await reloadFresh(p, { config });
  // Salesforce's side is the package's Apex class; the emulator answers for it as the class does.
  await p.host(() => window.hostEmu.registerApex('CtiContactAttributes', 'updateAttributes', (params) => {
    (window.attributeWrites ||= []).push(params);
    if (params.initialContactId === 'refused') throw new Error('Amazon Connect refused the attributes (HTTP 400): Contact not found');
    return 'true';
  }));
  const writes = async () => (await p.calls('runApex')).filter((c) => c.args.apexClass === 'CtiContactAttributes');

  const firstLeg = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
  const call = await p.ccpEval((id) => window.ccpEmu.inbound({ channel: 'voice', phone: '+14155550142', transferredFrom: id }), firstLeg);
  await p.ccpEval((id) => window.ccpEmu.accept(id), call);
  const [write] = await until(async () => ((await writes()).length ? writes() : null), 'the attribute write');
  assert.equal(write.args.methodName, 'updateAttributes');
  // The instance comes from the contact's queue ARN; `&` and `+` are escaped as runApex's
  // methodParams need, and Salesforce hands the Apex method the decoded values.
  assert.equal(write.args.methodParams, `instanceId=0c8d5b1e-6f0a-4a53-9d1f-2f0e6f1c1a01&initialContactId=${firstLeg}&attributes={"reason":"billing %26 refunds","caller":"%2B14155550142"}`);
  const [params] = await p.host(() => window.attributeWrites);
  assert.deepEqual(JSON.parse(params.attributes), { reason: 'billing & refunds', caller: '+14155550142' });
  await openLog(p);
  await until(async () => /\[FLOW\] \[Voice onConnected\] write SE_ContactUpdateAttributes \{"success":true/.test(await flowLog(p)), 'the block’s success in the log');
  assert.equal(await p.softphone().locator('[data-testid=notice]').count(), 0);

  await p.ccpEval((id) => { window.ccpEmu.agentHangsUp(id); window.ccpEmu.clear(id); }, call);
  const refused = await p.ccpEval(() => window.ccpEmu.inbound({ channel: 'voice', phone: '+14155550142', transferredFrom: 'refused' }));
  await p.ccpEval((id) => window.ccpEmu.accept(id), refused);
  await until(async () => (await writes()).length === 2, 'the second write');
  const notice = p.softphone().locator('[data-testid=notice]');
  await until(async () => (await notice.count()) === 1, 'the notice of the refusal');
  assert.match(await notice.textContent(), /Contact not found/);
  assert.match(await flowLog(p), /write SE_ContactUpdateAttributes \{"success":false/);
});
