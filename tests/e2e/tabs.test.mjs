// End-to-end: Salesforce open in several tabs of one browser. Each tab has its own softphone and
// CCP frame, and the CCP emulator's frames share one agent through their shared worker, as the
// real CCP does: the agent's state and contacts show in every tab, and an action in any tab acts
// on that one agent. (How many tabs pop a record is the product's business, not asserted here.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { until, Playground, useSuite } from './harness.mjs';

const suite = useSuite();
let tabs = [];

async function openTabs(n) {
  tabs = await suite.openMany(n);
  await Promise.all(tabs.map((tab) => tab.ready()));
  return tabs;
}

const cards = (tab) => tab.softphone().locator('[data-testid=contact]');

async function cardsEverywhere(list, count, pattern, what) {
  await Promise.all(list.map((tab, i) => until(async () => {
    const card = cards(tab);
    if ((await card.count()) !== count) return false;
    return count === 0 || pattern.test(await card.last().textContent());
  }, `${what} in tab ${i + 1}`)));
}

// What Streams in each softphone learnt from the worker's update_connected_ccps.
const connectedCcps = (tab) => tab.softphone().evaluate(() => window.connect.numberOfConnectedCCPs);

test('three tabs show one agent: a state set in one tab and a call placed in another show in all', async () => {
  const [a, b, c] = await openTabs(3);
  await Promise.all(tabs.map((tab, i) => until(async () => (await connectedCcps(tab)) === 3, `three connected CCPs in tab ${i + 1}`)));

  // The agent picks a status in the second tab's softphone; every tab shows it.
  await b.softphone().locator('[data-testid=agent-state]').selectOption('Lunch');
  await Promise.all(tabs.map((tab) => tab.waitForStatus(/^Signed in · Lunch$/)));
  // The CCP of the first tab sets another; every tab follows.
  await a.ccpEval(() => window.ccpEmu.setAgentState('Available'));
  await Promise.all(tabs.map((tab) => tab.waitForStatus(/^Signed in · Available$/)));
  assert.equal((await c.ccpEval(() => window.ccpEmu.agentState())).chosen, 'Available');

  // An inbound call placed through the first tab's CCP rings in all three softphones.
  const id = await a.ccpEval(() => window.ccpEmu.inbound({ channel: 'voice', phone: '+14155550142' }));
  await cardsEverywhere(tabs, 1, /Voice.*\+14155550142.*Ringing/s, 'the ringing card');
  assert.deepEqual((await b.ccpEval(() => window.ccpEmu.contacts())).map((contact) => contact.contactId), [id]);

  // Accepted in the third tab: the one contact is connected everywhere.
  await c.softphone().locator('[data-testid=contact-accept]').click();
  await cardsEverywhere(tabs, 1, /Connected/, 'the connected card');
  const [accept] = await a.ccpApiCalls('acceptContact');
  assert.equal(accept.params.contactId, id);

  // The customer hangs up and the second tab closes the contact: it is gone in every tab.
  await a.ccpEval((contactId) => window.ccpEmu.customerHangsUp(contactId), id);
  await b.softphone().locator('[data-testid=contact-close]').click();
  await cardsEverywhere(tabs, 0, null, 'no card');
  assert.deepEqual(await c.ccpEval(() => window.ccpEmu.contacts()), []);
  await Promise.all(tabs.map((tab) => tab.waitForStatus(/^Signed in · Available$/)));
});

test('closing one tab leaves the other two working on the same agent', async () => {
  const [a, b, c] = await openTabs(3);
  await a.ccpEval(() => window.ccpEmu.setAgentState('Available'));
  await Promise.all(tabs.map((tab) => tab.waitForStatus(/^Signed in · Available$/)));

  await a.close();
  tabs = [b, c];
  await Promise.all(tabs.map((tab, i) => until(async () => (await connectedCcps(tab)) === 2, `two connected CCPs in tab ${i + 2}`)));

  // The agent is still the one the closed tab set, and a second inbound call rings in both.
  assert.equal((await b.ccpEval(() => window.ccpEmu.agentState())).chosen, 'Available');
  await c.ccpEval(() => window.ccpEmu.inbound({ channel: 'voice', phone: '+442079460018' }));
  await cardsEverywhere(tabs, 1, /Voice.*\+442079460018.*Ringing/s, 'the ringing card');
  // And an action in one of them still reaches the agent.
  await b.softphone().locator('[data-testid=contact-accept]').click();
  await cardsEverywhere(tabs, 1, /Connected/, 'the connected card');
});
