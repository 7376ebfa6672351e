// Lightning host emulator: Omni-Channel presence, as a Visualforce softphone sees it through
// Salesforce's integration.js (`sforce.console.presence`, played in the softphone frame by
// sforce-bridge.js under apiType 'presence'). The model: the status catalogue and channels
// (records.js `OMNI`), the agent's login and status, capacity and workload, and the work items
// routed to the agent. Every transition, whoever makes it (the softphone, the agent in the
// Omni-Channel widget, a supervisor, a test), fires the documented events to the softphone's
// listeners. The contract, and the choices made where Salesforce is silent, are in
// docs/opencti-contract.md §8.
import { store, calls, events, clone } from './core.js';
import { emit } from './wire.js';
import { logEntry } from './chrome.js';

const OMNI = store.OMNI;

// The events, by the key the wire carries (sforce-bridge.js holds their string values).
export const PRESENCE_EVENTS = [
  'LOGIN_SUCCESS', 'STATUS_CHANGED', 'LOGOUT', 'WORK_ASSIGNED', 'WORK_ACCEPTED', 'WORK_DECLINED', 'WORK_CLOSED', 'WORKLOAD_CHANGED',
];

const fresh = () => ({
  loggedIn: false,
  statusId: null,
  // After connectionError(): every call fails and no event reaches the softphone until the next
  // login (or setServicePresenceStatus, which reconnects).
  connectionLost: false,
  eventsEnabled: true, // off: the "PRESENCE events are Classic-only" reading (§8.2)
  capacity: { ...OMNI.capacity },
  works: [], // {workId, workItemId, isEngaged, serviceChannel, channelId, units, interruptible}
  // Every AgentWork record routed in this session: the records outlive the widget's work list.
  agentWorks: [],
  routed: 0, // counts work ids and the ids of work items that are not in the store
});
const omni = fresh();

// The widget re-renders on every change (omni-widget.js registers it; no import cycle).
let onChange = () => {};
export function onPresenceChange(fn) {
  onChange = fn;
}

// ------------------------------------------------------------------ lookups

const statusById = (id) => OMNI.statuses.find((s) => typeof id === 'string' && id.length >= 15 && s.id.slice(0, 15) === id.slice(0, 15));
// A status by Id or DeveloperName (test API and widget).
function statusNamed(name) {
  const found = statusById(name) || OMNI.statuses.find((s) => s.developerName === name);
  if (!found) throw new Error(`no Omni-Channel status ${JSON.stringify(name)} (known: ${OMNI.statuses.map((s) => s.developerName).join(', ')})`);
  return found;
}
function channelNamed(name) {
  const found = OMNI.channels.find((c) => c.developerName === name || c.channelId === name);
  if (!found) throw new Error(`no service channel ${JSON.stringify(name)} (known: ${OMNI.channels.map((c) => c.developerName).join(', ')})`);
  return found;
}
const currentStatus = () => (omni.loggedIn ? statusById(omni.statusId) : null);
const workById = (id) => omni.works.find((w) => typeof id === 'string' && id.length >= 15 && w.workId.slice(0, 15) === id.slice(0, 15));

function workload() {
  let current = 0;
  let interruptible = 0;
  for (const work of omni.works) {
    if (work.interruptible) interruptible += work.units;
    else current += work.units;
  }
  return { current, interruptible };
}

const channelsJson = (status) => JSON.stringify(status.channels.map(({ channelId, developerName }) => ({ channelId, developerName })));
const statusFields = (status) => ({ statusId: status.id, statusName: status.label, statusApiName: status.developerName });

// ------------------------------------------------------------------ events

function fire(key, payload) {
  if (!omni.eventsEnabled || omni.connectionLost) {
    const why = omni.connectionLost ? 'connection lost' : 'presence events off';
    logEntry({ t: Date.now(), apiType: 'presence', method: key, args: payload, response: null, event: true, suppressed: why });
    return;
  }
  emit('presence', key, payload);
}

// WORKLOAD_CHANGED carries both casings: the Classic documentation's PascalCase and the Lightning
// events' camelCase, with the interruptible pair.
function fireWorkload(before) {
  const after = workload();
  const configured = omni.capacity.configured;
  fire('WORKLOAD_CHANGED', {
    ConfiguredCapacity: configured, PreviousWorkload: before.current, NewWorkload: after.current,
    configuredCapacity: configured, previousWorkload: before.current, newWorkload: after.current,
    configuredInterruptibleCapacity: omni.capacity.configuredInterruptible,
    previousInterruptibleWorkload: before.interruptible, newInterruptibleWorkload: after.interruptible,
  });
}

// ------------------------------------------------------------------ transitions

// Logs in if needed (LOGIN_SUCCESS), then sets the status (STATUS_CHANGED). Choosing the status
// already in force changes nothing and fires nothing.
function changeStatus(status) {
  const wasLoggedIn = omni.loggedIn;
  if (wasLoggedIn && omni.statusId === status.id) return;
  omni.loggedIn = true;
  omni.statusId = status.id;
  if (!wasLoggedIn) fire('LOGIN_SUCCESS', { statusId: status.id });
  fire('STATUS_CHANGED', { ...statusFields(status), channels: channelsJson(status) });
}

// Works stay as they are: the agent still has them open.
function logOut() {
  omni.loggedIn = false;
  omni.statusId = null;
  fire('LOGOUT', {});
}

function accept(work) {
  work.isEngaged = true;
  fire('WORK_ACCEPTED', { workItemId: work.workItemId, workId: work.workId });
}

function remove(work, key) {
  const before = workload();
  omni.works.splice(omni.works.indexOf(work), 1);
  fire(key, { workItemId: work.workItemId, workId: work.workId });
  fireWorkload(before);
}

// Omni routes only to a logged-in agent whose online status carries the channel and whose
// capacity has room; the work item is new for the phone, chat and messaging channels, and the
// next open Case not already routed for the Case channel.
function route({ serviceChannel, workItemId, units } = {}) {
  const ch = channelNamed(serviceChannel);
  const status = currentStatus();
  if (!status) throw new Error('Omni-Channel routes no work: the agent is logged out');
  if (!status.online || !status.channels.some((c) => c.channelId === ch.channelId)) {
    throw new Error(`Omni-Channel routes no ${ch.developerName} work in status ${status.developerName}`);
  }
  const size = units === undefined ? ch.units : Number(units);
  if (!Number.isFinite(size) || size < 0) throw new Error(`units must be a number ≥ 0, not ${JSON.stringify(units)}`);
  const before = workload();
  const [used, limit] = ch.interruptible
    ? [before.interruptible, omni.capacity.configuredInterruptible]
    : [before.current, omni.capacity.configured];
  if (used + size > limit) throw new Error(`no capacity for ${ch.developerName} work (${used} + ${size} > ${limit})`);
  omni.routed += 1;
  const work = {
    workId: store.to18(`0Bz5g00000W${String(omni.routed).padStart(4, '0')}`),
    workItemId: typeof workItemId === 'string' && workItemId ? workItemId : newWorkItemId(ch),
    isEngaged: false, serviceChannel: ch.developerName, channelId: ch.channelId, units: size, interruptible: ch.interruptible,
  };
  omni.works.push(work);
  omni.agentWorks.push(work);
  fire('WORK_ASSIGNED', { workItemId: work.workItemId, workId: work.workId });
  fireWorkload(before);
  return work;
}

function newWorkItemId(ch) {
  if (ch.workItem === 'Case') {
    const taken = new Set(omni.works.map((w) => w.workItemId));
    const open = store.records.find((r) => r.RecordType === 'Case' && r.Status !== 'Closed' && !taken.has(r.Id));
    if (open) return open.Id;
  }
  return store.to18(`${ch.workItemPrefix}5g00000I${String(omni.routed).padStart(4, '0')}`);
}

// ------------------------------------------------------------------ the softphone's calls

// Flat results (§8.1). What a failure carries beyond `success: false` is not documented, so the
// emulator adds nothing the softphone could come to rely on.
const ok = (fields) => ({ success: true, ...fields });
const failed = () => ({ success: false });

// Logged out, or after a connection error, only login and setServicePresenceStatus answer.
const connected = () => omni.loggedIn && !omni.connectionLost;

const PRESENCE = {
  login({ statusId }) {
    const status = statusById(statusId);
    if (!status) return failed();
    omni.connectionLost = false;
    changeStatus(status);
    return ok({});
  },
  setServicePresenceStatus({ statusId }) {
    const status = statusById(statusId);
    if (!status) return failed();
    omni.connectionLost = false;
    changeStatus(status);
    return ok({ ...statusFields(status), channels: channelsJson(status) });
  },
  logout() {
    if (!connected()) return failed();
    logOut();
    return ok({});
  },
  getServicePresenceStatusId: () => (connected() ? ok(statusFields(currentStatus())) : failed()),
  getServicePresenceStatusChannels: () => (connected() ? ok({ channels: channelsJson(currentStatus()) }) : failed()),
  getAgentWorkload() {
    if (!connected()) return failed();
    const now = workload();
    return ok({
      configuredCapacity: omni.capacity.configured, currentWorkload: now.current,
      configuredInterruptibleCapacity: omni.capacity.configuredInterruptible, currentInterruptibleWorkload: now.interruptible,
    });
  },
  getAgentWorks: () => (connected()
    ? ok({ works: JSON.stringify(omni.works.map(({ workItemId, workId, isEngaged }) => ({ workItemId, workId, isEngaged }))) })
    : failed()),
  acceptAgentWork({ workId }) {
    const work = workById(workId);
    if (!connected() || !work || work.isEngaged) return failed();
    accept(work);
    return ok({});
  },
  declineAgentWork({ workId }) {
    const work = workById(workId);
    if (!connected() || !work || work.isEngaged) return failed();
    remove(work, 'WORK_DECLINED');
    return ok({});
  },
  closeAgentWork({ workId }) {
    const work = workById(workId);
    if (!connected() || !work || !work.isEngaged) return failed();
    remove(work, 'WORK_CLOSED');
    return ok({});
  },
};
// AgentWork.ServiceChannel.DeveloperName of a work id (15 or 18 characters), as the package's
// CtiPresenceStatuses.getServiceChannel reads it; null for an unknown id.
export function serviceChannelOfWork(workId) {
  const id = typeof workId === 'string' ? workId.trim() : '';
  const work = id.length >= 15 ? omni.agentWorks.find((w) => w.workId.slice(0, 15) === id.slice(0, 15)) : undefined;
  return work ? work.serviceChannel : null;
}

export const PRESENCE_METHODS = Object.keys(PRESENCE);

// The presence API on the wire (main.js registers it under apiType 'presence').
export const presenceApi = {
  listeners: PRESENCE_EVENTS,
  answer(method, args) {
    const handler = Object.prototype.hasOwnProperty.call(PRESENCE, method) ? PRESENCE[method] : null;
    const response = handler ? handler(args) : failed();
    onChange();
    return response;
  },
  failure: () => failed(),
  listenersChanged: () => onChange(),
};

// ------------------------------------------------------------------ people and tests

// Runs one action of a person or a test, then re-renders the widget; errors say what Omni
// would not do.
function act(fn) {
  return (...args) => {
    try {
      return fn(...args);
    } finally {
      onChange();
    }
  };
}

export function presenceState() {
  const status = currentStatus();
  const now = workload();
  return clone({
    loggedIn: omni.loggedIn,
    connectionLost: omni.connectionLost,
    eventsEnabled: omni.eventsEnabled,
    status: status && { id: status.id, label: status.label, developerName: status.developerName, online: status.online, channels: status.channels },
    capacity: omni.capacity,
    workload: { current: now.current, interruptible: now.interruptible },
    works: omni.works,
  });
}

// `hostEmu.presence`: the agent's, a supervisor's and Omni's own actions, and the logs.
export const presenceTestApi = {
  state: presenceState,
  statuses: () => clone(OMNI.statuses),
  channels: () => clone(OMNI.channels),
  // The agent picks a status in the widget (logs in first when logged out).
  setStatus: act((name) => {
    omni.connectionLost = false;
    changeStatus(statusNamed(name));
    return presenceState();
  }),
  // Someone else changes the logged-in agent's status.
  supervisorSetStatus: act((name) => {
    if (!omni.loggedIn) throw new Error('a supervisor can change the status of a logged-in agent only');
    changeStatus(statusNamed(name));
    return presenceState();
  }),
  logout: act(() => {
    if (!omni.loggedIn) throw new Error('the agent is not logged in to Omni-Channel');
    logOut();
    return presenceState();
  }),
  assignWork: act((item) => clone(route(item))),
  acceptWork: act((workId) => {
    const work = workById(workId);
    if (!work || work.isEngaged) throw new Error(`no work ${workId} waiting to be accepted`);
    accept(work);
    return clone(work);
  }),
  declineWork: act((workId) => {
    const work = workById(workId);
    if (!work || work.isEngaged) throw new Error(`no work ${workId} waiting to be accepted`);
    remove(work, 'WORK_DECLINED');
    return presenceState();
  }),
  closeWork: act((workId) => {
    const work = workById(workId);
    if (!work || !work.isEngaged) throw new Error(`no accepted work ${workId}`);
    remove(work, 'WORK_CLOSED');
    return presenceState();
  }),
  // The agent's presence configuration changes; a logged-in agent's softphone hears of it.
  setCapacity: act((configured, configuredInterruptible = omni.capacity.configuredInterruptible) => {
    for (const value of [configured, configuredInterruptible]) {
      if (!Number.isFinite(value) || value < 0) throw new Error(`capacity must be a number ≥ 0, not ${JSON.stringify(value)}`);
    }
    const before = workload();
    omni.capacity = { configured, configuredInterruptible };
    if (omni.loggedIn) fireWorkload(before);
    return presenceState();
  }),
  connectionError: act(() => {
    omni.connectionLost = true;
    return presenceState();
  }),
  setEventsEnabled: act((enabled) => {
    omni.eventsEnabled = Boolean(enabled);
    return presenceState();
  }),
  // Back to the seed: logged out, no work, events on; nothing is fired.
  reset: act(() => {
    Object.assign(omni, fresh());
    return presenceState();
  }),
  calls: () => clone(calls.filter((c) => c.apiType === 'presence')),
  events: () => clone(events.filter((e) => e.apiType === 'presence')),
};
