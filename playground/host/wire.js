// Lightning host emulator: the wire. Routes each message from the softphone iframe (or from the
// Visualforce page shown in the main area) to the API of its `apiType` ('opencti', 'presence',
// 'remoting'), answers later and exactly once, applies the armed faults, and sends events to the
// listeners the softphone registered. The message shapes are in docs/opencti-contract.md §3 and
// playground/host/README.md.
import {
  $, env, state, calls, events, failQueue, dropQueue, delayQueue, softphoneBase, GENERIC_DESCRIPTION,
} from './core.js';
import { panelSizeFromSettings } from './callcenter.js';
import { logEntry, renderStatus, renderFaults, renderPanel } from './chrome.js';

// apiType → {answer(method, args) → response, failure(error) → response, listeners: [names],
// listenersChanged?(), frames?} (listenersChanged is told when the softphone's listeners change;
// frames says which frames may call: ['softphone'] unless given, 'page' for a Visualforce tab)
const apis = new Map();
export function registerApi(apiType, api) {
  apis.set(apiType, api);
}

export const softphoneFrame = () => $('softphone');
// The Visualforce page of a tab in the main area (views.js), when one is shown.
export const pageFrame = () => $('vf-page');

// Which of our frames sent a message: 'softphone', 'page' (a Visualforce tab), or null.
function senderOf(event) {
  if (event.origin !== env.appOrigin) return null;
  for (const [name, frame] of [['softphone', softphoneFrame()], ['page', pageFrame()]]) {
    if (frame && event.source === frame.contentWindow) return name;
  }
  return null;
}

// Calls and listener registrations from the softphone iframe, and remote calls from the
// Visualforce page; nothing else is heard.
export function listen() {
  window.addEventListener('message', (event) => {
    const sender = senderOf(event);
    if (!sender) return;
    const data = event.data;
    if (!data || typeof data !== 'object' || typeof data.methodName !== 'string') return;
    const api = apis.get(data.apiType);
    if (!api || !(api.frames || ['softphone']).includes(sender)) return;
    if (sender === 'page') {
      if (!data.register) answerCall(api, data, event.source);
      return;
    }
    if (data.frameToken && retiredTokens.has(data.frameToken)) return; // a late word from a replaced document
    if (data.frameToken && data.frameToken !== state.frameToken) newSoftphoneDocument(data.frameToken);
    if (data.register) registerListener(api, data);
    else answerCall(api, data);
  });
}

// A new document in the softphone iframe: its listeners start from zero, and so does
// click-to-dial (a page that cannot hear clicks should not look dialable).
const retiredTokens = new Set();
function newSoftphoneDocument(token) {
  if (state.frameToken) retiredTokens.add(state.frameToken);
  state.frameToken = token;
  for (const name of Object.keys(state.listeners)) state.listeners[name] = 0;
  state.clickToDial = false;
  state.initComplete = false;
  renderStatus();
  for (const api of apis.values()) if (api.listenersChanged) api.listenersChanged();
}

function registerListener(api, data) {
  const name = data.methodName;
  if (!api.listeners.includes(name)) return;
  state.listeners[name] = (state.listeners[name] || 0) + 1;
  const entry = { t: Date.now(), apiType: data.apiType, method: name, callId: data.callId, args: {}, response: null, listener: true };
  calls.push(entry);
  logEntry(entry);
  renderStatus();
  if (api.listenersChanged) api.listenersChanged();
}

// Answers one call; `target` is the window to answer (the softphone's unless given).
function answerCall(api, data, target = null) {
  const method = data.methodName;
  const args = data.args && typeof data.args === 'object' ? data.args : {};
  const entry = { t: Date.now(), apiType: data.apiType, method, callId: data.callId, args, response: null };
  calls.push(entry);
  if (takeQueued(dropQueue, method)) {
    entry.dropped = true; // never answered, like a Salesforce that lost the message
    logEntry(entry);
    renderFaults();
    return;
  }
  const injected = takeQueued(failQueue, method);
  let response;
  if (injected) {
    response = api.failure(injected);
    renderFaults();
  } else {
    try {
      response = api.answer(method, args);
    } catch (error) {
      // A bug in the emulator: make it loud, but still answer so the softphone is not stuck.
      console.error(`host emulator: ${method} failed`, error);
      response = api.failure({ code: 'GENERIC_ERROR', description: GENERIC_DESCRIPTION });
    }
  }
  entry.response = response;
  logEntry(entry);
  const late = takeQueued(delayQueue, method) || 0;
  if (late) renderFaults();
  const reply = {
    apiType: data.apiType, apiVersion: data.apiVersion, methodName: method, callId: data.callId, response,
    frameToken: data.frameToken, shouldExecuteCallback: true, shouldExecuteListener: false,
  };
  later(() => (target ? target.postMessage(reply, env.appOrigin) : postToSoftphone(reply)), late);
}

function takeQueued(queue, method) {
  const pending = queue.get(method);
  if (pending === undefined) return null;
  if (typeof pending === 'number') {
    if (pending <= 1) queue.delete(method);
    else queue.set(method, pending - 1);
    return true;
  }
  const first = pending.shift();
  if (pending.length === 0) queue.delete(method);
  return first;
}

// Sends an event to every listener the softphone registered for `method`.
export function emit(apiType, method, payload) {
  events.push({ t: Date.now(), apiType, method, payload });
  logEntry({ t: Date.now(), apiType, method, args: payload, response: null, event: true });
  const message = {
    apiType, apiVersion: 43, methodName: method, event: true, response: payload,
    frameToken: state.frameToken || undefined, shouldExecuteCallback: false, shouldExecuteListener: true,
  };
  later(() => postToSoftphone(message));
}

function postToSoftphone(message) {
  const frame = softphoneFrame();
  if (frame && frame.contentWindow) frame.contentWindow.postMessage(message, env.appOrigin);
}

// Every answer arrives in a later task, as over the real cross-frame postMessage.
function later(fn, extraMs = 0) {
  const delay = extraMs + state.latencyMs + (state.jitterMs > 0 ? Math.random() * state.jitterMs : 0);
  setTimeout(fn, delay);
}

// Loads the softphone page again, with or without Open CTI and Omni-Channel presence in the
// bridge. The old document's token is retired at once, so nothing it still sends is taken for the
// new page's.
export function reloadSoftphone({ opencti = true, presence = true } = {}) {
  const [path, search = ''] = softphoneBase.split('?');
  const query = new URLSearchParams(search);
  for (const [on, off] of [[opencti, 'emu-no-opencti'], [presence, 'emu-no-presence']]) {
    if (on) query.delete(off);
    else query.set(off, '1');
  }
  const rest = query.toString();
  const url = `${path}${rest ? `?${rest}` : ''}`;
  newSoftphoneDocument(null);
  panelSizeFromSettings();
  $('opt-opencti').checked = opencti;
  $('opt-presence').checked = presence;
  softphoneFrame().src = `${env.appOrigin}${url}`;
  renderPanel();
  return url;
}
