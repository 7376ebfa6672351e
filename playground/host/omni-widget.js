// Lightning host emulator: the Omni-Channel utility item, where a person plays the agent (status,
// log out, accept, decline and close work), Omni (route a work item on a channel, capacity) and
// the world around it (a supervisor's status change, a lost connection, events that never reach
// a Visualforce page). Everything goes through the same functions as `hostEmu.presence`.
import { $, state } from './core.js';
import { h, toast } from './dom.js';
import { presenceTestApi as omni, onPresenceChange, PRESENCE_EVENTS } from './presence.js';

let open = false;
const controls = {};
const channelLabel = new Map(omni.channels().map((c) => [c.developerName, c.label]));

// Runs a person's action; what Omni refuses is said in a toast.
function run(fn, done) {
  try {
    const result = fn();
    if (done) toast(done(result), 'info');
  } catch (error) {
    toast(error.message, 'warning');
  }
  renderOmni();
}

export function wireOmniWidget() {
  const statuses = omni.statuses();
  const channels = omni.channels();
  const statusOption = (s) => h('option', { value: s.developerName }, `${s.label} (${s.online ? 'online' : 'busy'})`);

  controls.status = h('select', { 'data-testid': 'omni-status-select', 'aria-label': 'Status' },
    h('option', { value: '', disabled: true }, 'Choose a status to log in…'), statuses.map(statusOption));
  controls.status.addEventListener('change', () => run(() => omni.setStatus(controls.status.value)));
  controls.capacity = h('input', { type: 'number', min: '0', step: '1', 'aria-label': 'Capacity', 'data-testid': 'omni-capacity' });
  controls.interruptible = h('input', { type: 'number', min: '0', step: '1', 'aria-label': 'Interruptible capacity' });
  controls.channel = h('select', { 'aria-label': 'Service channel', 'data-testid': 'omni-channel-select' },
    channels.map((c) => h('option', { value: c.developerName }, `${c.label} (${c.developerName}, ${c.units} unit${c.units === 1 ? '' : 's'}${c.interruptible ? ', interruptible' : ''})`)));
  controls.supervisor = h('select', { 'aria-label': 'Status a supervisor sets' }, statuses.map(statusOption));
  controls.events = h('input', { type: 'checkbox', 'data-testid': 'omni-events' });
  controls.events.addEventListener('change', () => run(() => omni.setEventsEnabled(controls.events.checked)));

  $('omni-body').replaceChildren(
    h('p', { class: 'omni-status', 'data-testid': 'omni-status', id: 'omni-status' }),
    h('div', { class: 'row omni-row' },
      h('label', { class: 'form-field' }, 'Status', controls.status),
      h('button', { type: 'button', class: 'button', 'data-testid': 'omni-logout', onclick: () => run(() => omni.logout()) }, 'Log out')),
    h('p', { class: 'omni-workload', id: 'omni-workload', 'data-testid': 'omni-workload' }),
    h('div', { class: 'row omni-row' },
      h('label', { class: 'form-field' }, 'Capacity', controls.capacity),
      h('label', { class: 'form-field' }, 'Interruptible', controls.interruptible),
      h('button', {
        type: 'button', class: 'button',
        onclick: () => run(() => omni.setCapacity(Number(controls.capacity.value), Number(controls.interruptible.value))),
      }, 'Set')),
    h('h3', {}, 'Work'),
    h('div', { class: 'row omni-row' },
      h('label', { class: 'form-field' }, 'Channel', controls.channel),
      h('button', {
        type: 'button', class: 'button brand', 'data-testid': 'omni-route',
        onclick: () => run(() => omni.assignWork({ serviceChannel: controls.channel.value }), (work) => `Work ${work.workItemId} routed on ${work.serviceChannel}.`),
      }, 'Route work')),
    h('ul', { class: 'omni-works', id: 'omni-works', 'data-testid': 'omni-works' }),
    h('h3', {}, 'Around the agent'),
    h('div', { class: 'row omni-row' },
      h('label', { class: 'form-field' }, 'Supervisor sets', controls.supervisor),
      h('button', { type: 'button', class: 'button', onclick: () => run(() => omni.supervisorSetStatus(controls.supervisor.value)) }, 'Set')),
    h('div', { class: 'buttons' },
      h('button', { type: 'button', class: 'button', onclick: () => run(() => omni.connectionError(), () => 'Omni-Channel lost its connection: calls fail until the next login.') }, 'Lose connection'),
      h('button', { type: 'button', class: 'button', onclick: () => run(() => omni.reset(), () => 'Omni-Channel is back to its seed: logged out, no work.') }, 'Reset')),
    h('label', { class: 'check' }, controls.events, 'Send presence events to the softphone',
      h('span', { class: 'muted' }, '(off: only calls are answered, as when the events stay in Classic)')),
    h('p', { class: 'muted omni-listeners', id: 'omni-listeners' }));

  $('omni-item').addEventListener('click', () => setOpen(!open));
  $('omni-minimise').addEventListener('click', () => setOpen(false));
  onPresenceChange(renderOmni);
  renderOmni();
}

function setOpen(next) {
  open = next;
  renderOmni();
}

export function renderOmni() {
  const now = omni.state();
  const status = now.status;
  const item = $('omni-item');
  $('omni-item-label').textContent = `Omni-Channel (${status ? status.label : 'Logged out'})`;
  item.classList.toggle('open', open);
  item.setAttribute('aria-expanded', String(open));
  const panel = $('omni-panel');
  panel.classList.toggle('minimised', !open);
  panel.setAttribute('aria-hidden', String(!open));
  // Beside the softphone panel when it is open, else above the item.
  panel.style.left = `${state.panel.visible ? 12 + state.panel.width + 8 : Math.max(12, item.offsetLeft)}px`;

  const kind = !status ? 'off' : status.online ? 'online' : 'busy';
  const channels = status && status.channels.length ? ` · ${status.channels.map((c) => c.developerName).join(', ')}` : '';
  $('omni-status').replaceChildren(h('span', { class: `omni-dot ${kind}` }),
    status ? `${status.label} (${status.developerName}, ${kind})${channels}` : 'Logged out',
    ...(now.connectionLost ? [h('b', { class: 'omni-lost' }, ' · connection lost')] : []));
  controls.status.value = status ? status.developerName : '';
  if (document.activeElement !== controls.capacity) controls.capacity.value = String(now.capacity.configured);
  if (document.activeElement !== controls.interruptible) controls.interruptible.value = String(now.capacity.configuredInterruptible);
  controls.events.checked = now.eventsEnabled;

  const percent = now.capacity.configured > 0 ? Math.round((100 * now.workload.current) / now.capacity.configured) : 0;
  $('omni-workload').textContent = `Workload ${now.workload.current} of ${now.capacity.configured} (${percent} %) · interruptible ${now.workload.interruptible} of ${now.capacity.configuredInterruptible}`;

  $('omni-works').replaceChildren(...(now.works.length ? now.works.map(workItem) : [h('li', { class: 'empty-note' }, 'No work.')]));

  const heard = PRESENCE_EVENTS.filter((key) => state.listeners[key] > 0).map((key) => `${key} × ${state.listeners[key]}`);
  $('omni-listeners').textContent = `Softphone listeners: ${heard.length ? heard.join(', ') : 'none'}`;
}

function workItem(work) {
  return h('li', { class: 'omni-work', 'data-testid': 'omni-work', dataset: { workId: work.workId } },
    h('div', {}, h('b', {}, channelLabel.get(work.serviceChannel)), ` (${work.serviceChannel}) · ${work.workItemId} · ${work.units} unit${work.units === 1 ? '' : 's'}`),
    h('div', { class: 'omni-work-foot' },
      h('code', {}, work.workId),
      h('span', { class: `pill ${work.isEngaged ? 'ok' : 'listener'}` }, work.isEngaged ? 'accepted' : 'waiting'),
      work.isEngaged
        ? h('button', { type: 'button', class: 'button small', onclick: () => run(() => omni.closeWork(work.workId)) }, 'Close')
        : [
          h('button', { type: 'button', class: 'button small brand', onclick: () => run(() => omni.acceptWork(work.workId)) }, 'Accept'),
          h('button', { type: 'button', class: 'button small', onclick: () => run(() => omni.declineWork(work.workId)) }, 'Decline'),
        ]));
}
