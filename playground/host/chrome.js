// Lightning host emulator: the chrome around the main area. The utility bar and the docked
// softphone panel, the status lines and controls of the Settings tab, and the Open CTI log (which
// shows the Omni-Channel presence calls and events too).
import {
  $, env, state, calls, failQueue, dropQueue, delayQueue, numberOr, softphoneBase, GENERIC_DESCRIPTION, LOG_LIMIT,
} from './core.js';
import { callCenter } from './callcenter.js';
import { h, icon, toast } from './dom.js';
import { OPEN_CTI } from './opencti.js';
import { REMOTE_ACTIONS } from './remoting.js';
import { PRESENCE_METHODS } from './presence.js';
import { reloadSoftphone } from './wire.js';
import { navigate, closeModal } from './navigation.js';

// ------------------------------------------------------------------ chrome: utility bar and panel

export function setPanelVisible(visible) {
  state.panel.visible = visible;
  renderPanel();
}

export function renderPanel() {
  const panel = $('softphone-panel');
  // Minimised = hidden by CSS only: the iframe (and the CCP inside it) stays loaded.
  panel.classList.toggle('minimised', !state.panel.visible);
  panel.setAttribute('aria-hidden', String(!state.panel.visible));
  panel.style.width = `${state.panel.width}px`;
  $('softphone').style.height = `${state.panel.height}px`;
  $('panel-spacer').style.width = state.panel.visible ? `${state.panel.width}px` : '0px';
  $('panel-label').textContent = state.panel.label;
  $('panel-icon').replaceChildren(icon(state.panel.icon));
  $('panel-icon').title = state.panel.icon;
  $('item-label').textContent = state.item.label;
  $('item-icon').replaceChildren(icon(state.item.icon));
  $('item-icon').title = state.item.icon;
  $('utility-item').classList.toggle('open', state.panel.visible);
  $('utility-item').setAttribute('aria-expanded', String(state.panel.visible));
  renderStatus();
}

// ------------------------------------------------------------------ chrome: settings and status

export function renderStatus() {
  document.body.classList.toggle('c2d-on', state.clickToDial);
  const c2d = state.clickToDial ? 'enabled' : 'disabled';
  $('c2d-chip').textContent = `Click-to-dial ${state.clickToDial ? 'on' : 'off'}`;
  $('c2d-chip').classList.toggle('on', state.clickToDial);
  $('st-c2d').textContent = c2d;
  $('st-listeners').textContent = Object.entries(state.listeners).filter(([name, n]) => n > 0 || name.startsWith('on'))
    .map(([name, n]) => `${name.startsWith('on') ? name : `PRESENCE.${name}`} × ${n}`).join(', ');
  $('st-panel').textContent = `${state.panel.visible ? 'open' : 'minimised'}, ${state.panel.width} × ${state.panel.height} px, “${state.panel.label}” (${state.panel.icon}); item “${state.item.label}” (${state.item.icon})`;
  $('st-init').textContent = state.initComplete ? 'notifyInitializationComplete received' : 'not notified';
  const count = (apiType) => calls.filter((c) => !c.listener && c.apiType === apiType).length;
  const plural = (n) => `${n} call${n === 1 ? '' : 's'}`;
  $('utility-calls').textContent = `Open CTI: ${plural(count('opencti'))} · presence: ${plural(count('presence'))}`;
}

export function renderFaults() {
  const items = [];
  for (const [method, list] of failQueue) for (const error of list) items.push(`${method} fails: ${error.code} — ${error.description}`);
  for (const [method, count] of dropQueue) items.push(`${method} never answers${count > 1 ? ` (× ${count})` : ''}`);
  for (const [method, list] of delayQueue) for (const ms of list) items.push(`${method} answers ${ms} ms late`);
  $('pending-faults').replaceChildren(...items.map((text) => h('li', {}, text)));
  $('pending-faults-empty').hidden = items.length > 0;
}

export function renderCallCenter() {
  const { settings } = callCenter;
  const keys = Object.keys(settings).sort();
  $('cc-count').textContent = `${keys.length} keys`;
  $('cc-settings').replaceChildren(...keys.map((key) => h('tr', {}, h('th', { scope: 'row' }, key), h('td', {}, settings[key]))));
}

const FAULT_DESCRIPTIONS = {
  SERVER_ERROR: 'A problem was encountered on the server.',
  GENERIC_ERROR: GENERIC_DESCRIPTION,
  INVALID_PARAM: 'An invalid value was passed to the parameter PARAMETERNAME. A numeric value was expected, but UNDEFINED was found instead.',
  SOFTPHONE_CONTAINER_ERROR: "Unable to execute sendPostMessage because the softphone container hasn't initialized yet.",
};

export function wireSettings() {
  $('opt-latency').value = String(state.latencyMs);
  $('opt-latency').addEventListener('change', () => setLatency(numberOr($('opt-latency').value, 20)));
  $('opt-jitter').value = String(state.jitterMs);
  $('opt-jitter').addEventListener('change', () => setJitter(numberOr($('opt-jitter').value, 0)));
  const reload = () => reloadSoftphone({ opencti: $('opt-opencti').checked, presence: $('opt-presence').checked });
  const pageQuery = new URLSearchParams(softphoneBase.split('?')[1] || '');
  $('opt-opencti').checked = pageQuery.get('emu-no-opencti') !== '1';
  $('opt-presence').checked = pageQuery.get('emu-no-presence') !== '1';
  $('opt-opencti').addEventListener('change', reload);
  $('opt-presence').addEventListener('change', reload);
  $('btn-reload').addEventListener('click', reload);
  // A presence call that fails answers `{success: false}` whatever the code (presence.js).
  const options = (methods) => [...methods].sort().map((m) => h('option', { value: m, selected: m === 'searchAndScreenPop' }, m));
  $('fault-method').replaceChildren(
    h('optgroup', { label: 'Open CTI' }, options(Object.keys(OPEN_CTI))),
    h('optgroup', { label: 'Omni-Channel presence' }, options(PRESENCE_METHODS)),
    h('optgroup', { label: 'Visualforce remoting (CTI Attributes tab)' }, options(REMOTE_ACTIONS)));
  $('fault-code').replaceChildren(...Object.keys(FAULT_DESCRIPTIONS).map((c) => h('option', { value: c }, c)));
  $('fault-description').value = FAULT_DESCRIPTIONS.SERVER_ERROR;
  $('fault-code').addEventListener('change', () => { $('fault-description').value = FAULT_DESCRIPTIONS[$('fault-code').value]; });
  $('fault-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const method = $('fault-method').value;
    failNext(method, { code: $('fault-code').value, description: $('fault-description').value });
    toast(`The next ${method} call will fail.`, 'info');
  });
  $('fault-drop').addEventListener('click', () => {
    const method = $('fault-method').value;
    dropNext(method);
    toast(`The next ${method} call will never be answered.`, 'info');
  });
  $('fault-clear').addEventListener('click', () => {
    failQueue.clear();
    dropQueue.clear();
    delayQueue.clear();
    renderFaults();
  });
}

export function setLatency(ms) {
  state.latencyMs = Math.max(0, Number(ms) || 0);
  $('opt-latency').value = String(state.latencyMs);
}
export function setJitter(ms) {
  state.jitterMs = Math.max(0, Number(ms) || 0);
  $('opt-jitter').value = String(state.jitterMs);
}

export function failNext(method, error) {
  const fault = { code: (error && error.code) || 'GENERIC_ERROR', description: (error && error.description) || GENERIC_DESCRIPTION };
  if (error && error.details) fault.details = error.details;
  if (!failQueue.has(method)) failQueue.set(method, []);
  failQueue.get(method).push(fault);
  renderFaults();
}
// The next answer to `method` arrives `ms` later than usual (a slow Apex class, a busy org).
export function delayNext(method, ms) {
  if (!delayQueue.has(method)) delayQueue.set(method, []);
  delayQueue.get(method).push(Math.max(0, Number(ms) || 0));
  renderFaults();
}
export function dropNext(method) {
  dropQueue.set(method, (dropQueue.get(method) || 0) + 1);
  renderFaults();
}

// ------------------------------------------------------------------ chrome: log

const time = (t) => {
  const d = new Date(t);
  return `${d.toLocaleTimeString('en-GB', { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`;
};
function preview(value, limit = 240) {
  if (value === undefined) return '';
  const text = JSON.stringify(value);
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

// How an entry is named in the log: Open CTI methods as they are; presence calls as
// `presence.login`, its events and listener registrations as `PRESENCE.STATUS_CHANGED`.
function logName(entry) {
  if (entry.apiType !== 'presence') return entry.method;
  return entry.event || entry.listener ? `PRESENCE.${entry.method}` : `presence.${entry.method}`;
}

export function logEntry(entry) {
  let pill;
  let pillClass;
  if (entry.suppressed) [pill, pillClass] = ['not sent', 'dropped'];
  else if (entry.event) [pill, pillClass] = ['event →', 'event'];
  else if (entry.listener) [pill, pillClass] = ['listener', 'listener'];
  else if (entry.dropped) [pill, pillClass] = ['dropped', 'dropped'];
  else if (entry.apiType === 'remoting') [pill, pillClass] = entry.response && entry.response.status ? ['success', 'ok'] : [(entry.response && entry.response.type) || 'failed', 'failed'];
  else if (entry.response && entry.response.success) [pill, pillClass] = ['success', 'ok'];
  else [pill, pillClass] = [(entry.response && entry.response.errors && entry.response.errors[0] && entry.response.errors[0].code) || 'failed', 'failed'];

  const body = [];
  const args = preview(entry.args);
  if (args && args !== '{}') body.push(h('code', { class: 'log-args' }, entry.event ? `payload ${args}` : `args ${args}`));
  if (entry.suppressed) body.push(h('code', { class: 'log-args' }, `not sent to the softphone: ${entry.suppressed}`));
  if (entry.response && entry.apiType === 'remoting') {
    // Visualforce remoting: `{status, result}` or `{status: false, type, message}`.
    const r = entry.response;
    body.push(r.status
      ? h('details', { class: 'log-response' }, h('summary', {}, `result ${preview(r.result, 80)}`), h('pre', {}, String(r.result)))
      : h('code', { class: 'log-error' }, `${r.type}: ${r.message}`));
  } else if (entry.response && !entry.event && entry.apiType === 'presence') {
    // Presence results are flat: `{success, …fields}`.
    const { success, ...fields } = entry.response;
    const text = Object.keys(fields).length ? `result ${preview(fields)}` : `success ${success}`;
    body.push(h('code', { class: success ? 'log-args' : 'log-error' }, text));
  } else if (entry.response && !entry.event) {
    const r = entry.response;
    if (r.success) {
      if (r.returnValue !== null && r.returnValue !== undefined) {
        body.push(h('details', { class: 'log-response' }, h('summary', {}, `returnValue ${preview(r.returnValue, 80)}`),
          h('pre', {}, JSON.stringify(r.returnValue, null, 2))));
      } else {
        body.push(h('code', { class: 'log-args' }, 'returnValue null'));
      }
    } else {
      body.push(h('code', { class: 'log-error' }, (r.errors || []).map((e) => `${e.code}: ${e.description}`).join('; ')));
    }
  }
  const item = h('li', { class: `log-entry ${pillClass}`, 'data-testid': 'log-entry' },
    h('div', { class: 'log-head' },
      h('time', {}, time(entry.t)), h('b', { class: 'log-method' }, logName(entry)), h('span', { class: `pill ${pillClass}` }, pill)),
    body);
  const list = $('log-list');
  list.prepend(item);
  while (list.childElementCount > LOG_LIMIT) list.lastElementChild.remove();
  $('log-empty').hidden = true;
  $('log-badge').textContent = String(list.childElementCount);
  renderStatus();
}

// ------------------------------------------------------------------ chrome: wiring

export function wireChrome() {
  for (const node of document.querySelectorAll('[data-icon]')) node.replaceChildren(icon(node.dataset.icon));
  $('utility-item').addEventListener('click', () => setPanelVisible(!state.panel.visible));
  $('panel-minimise').addEventListener('click', () => setPanelVisible(false));
  $('global-search').addEventListener('submit', (event) => {
    event.preventDefault();
    const term = $('search-input').value.trim();
    if (term.length < 2) {
      toast('Enter at least 2 characters to search.', 'warning');
      return;
    }
    navigate({ kind: 'search', term });
  });
  for (const tab of document.querySelectorAll('[data-nav]')) {
    tab.addEventListener('click', (event) => {
      event.preventDefault();
      if (tab.dataset.nav === 'home') navigate({ kind: 'home' });
      else if (tab.dataset.tab === 'visualforce') navigate({ kind: 'tab', tab: tab.dataset.nav });
      else navigate({ kind: 'list', objectType: tab.dataset.nav, listViewId: null });
    });
  }
  for (const tab of document.querySelectorAll('[data-side-tab]')) {
    tab.addEventListener('click', () => {
      for (const other of document.querySelectorAll('[data-side-tab]')) {
        const selected = other === tab;
        other.classList.toggle('active', selected);
        other.setAttribute('aria-selected', String(selected));
        $(other.getAttribute('aria-controls')).hidden = !selected;
      }
    });
  }
  $('log-clear').addEventListener('click', () => {
    $('log-list').replaceChildren();
    $('log-empty').hidden = false;
    $('log-badge').textContent = '0';
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && state.modal) closeModal();
  });
  if (env.ccpOrigin) {
    $('ccp-controls').src = `${env.ccpOrigin}/ccp-v2/control`;
  } else {
    $('ccp-controls').replaceWith(h('p', { class: 'empty-note pad' }, 'No CCP emulator origin in this environment (window.__PLAYGROUND_ENV.ccpOrigin is not set).'));
  }
}
