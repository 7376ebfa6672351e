// Open CTI bridge for the playground (development and tests only). The playground server injects
// it at the top of the softphone page's <head>, so it runs before any other script, and it plays
// Salesforce's `opencti_min.js`: the same `sforce.opencti` members and enum values, the same
// synchronous argument checks with the same messages, and the same wire protocol: each call is
// posted to the top frame (the Lightning host emulator, main.js), which answers later and exactly
// once. Replies are accepted only from `window.parent` on the host origin. The library's
// behaviour copied here is described in docs/opencti-contract.md (§1, §3 and §4). It also plays
// the presence part of Salesforce's `integration.js` (`sforce.console.presence`, §8) over the
// same wire.
//
// It also times, for the benchmark, how long after a Streams `agent::update` message each Open CTI
// call is made: `window.__sfBridge.perf` = [{method, t, sinceUpdate}]; and notes when messages
// arrive (performance.now()): the CCP's agent snapshots and API answers in `ccpArrivals` =
// [{event: 'agent::update', t, state} | {event: 'api_response', t, requestId}], and the host's
// events (presence, click-to-dial…) in `eventArrivals` = [{apiType, method, t}].
//
// Layout: one section per Salesforce script, sharing the plumbing: `sforce.opencti`
// (opencti_min.js, apiType 'opencti') and `sforce.console` (integration.js: Omni-Channel presence,
// apiType 'presence'; docs/opencti-contract.md §8). The server says which to install in the
// script tag's `data-apis` ("opencti presence"; `?emu-no-opencti=1` / `?emu-no-presence=1` on the
// page leave one out); without the attribute both are installed.
(function () {
  'use strict';

  // ------------------------------------------------------------------ plumbing

  const env = window.__PLAYGROUND_ENV || {};
  const hostOrigin = env.hostOrigin || referrerOrigin() || location.origin;
  const host = window.parent;
  const framed = host !== window;
  // Identifies this document in every message, so a reply meant for a previous document of the
  // same iframe (the softphone was reloaded while a call was in flight) is never taken for ours.
  const frameToken = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const API_VERSION = 43;

  const calls = [];
  const perf = [];
  const ccpArrivals = [];
  const eventArrivals = [];
  const callbacks = new Map(); // `${apiType}:${callId}` → callback
  const listeners = new Map(); // `${apiType}:${methodName}` → [listener]
  let nextCallId = 0;
  let lastAgentUpdateAt = null;

  function referrerOrigin() {
    try {
      return document.referrer ? new URL(document.referrer).origin : '';
    } catch (_) {
      return '';
    }
  }

  // Registered at load time and in the capture phase, so it sees the CCP's messages before
  // Streams handles them.
  window.addEventListener('message', (event) => {
    const data = event.data;
    if (!data || typeof data !== 'object') return;
    if (data.event === 'agent::update') {
      lastAgentUpdateAt = performance.now();
      const state = data.data && data.data.snapshot && data.data.snapshot.state;
      ccpArrivals.push({ event: data.event, t: lastAgentUpdateAt, state: state ? state.name : null });
    } else if (data.event === 'api_response') {
      ccpArrivals.push({ event: data.event, t: performance.now(), requestId: data.data ? data.data.requestId : null });
    }
  }, true);

  // Copies the argument object without functions (`callback`, `listener`), as the real library
  // does before posting; structured clone would throw on a function anyway.
  function wireArgs(arg) {
    const out = {};
    if (!arg || typeof arg !== 'object') return out;
    for (const key of Object.keys(arg)) {
      if (key === 'callback' || key === 'listener' || typeof arg[key] === 'function') continue;
      out[key] = arg[key];
    }
    return out;
  }

  // Posts one call; its callback, if any, runs once when the host answers.
  function post(apiType, methodName, callback, args) {
    const t = performance.now();
    perf.push({ method: methodName, t, sinceUpdate: lastAgentUpdateAt === null ? null : t - lastAgentUpdateAt });
    const callId = nextCallId++;
    if (typeof callback === 'function') callbacks.set(`${apiType}:${callId}`, callback);
    calls.push({ apiType, methodName, callId, args, t });
    if (!framed) return; // Nobody to answer: like the real library outside Salesforce, nothing happens.
    host.postMessage({
      apiType, apiVersion: API_VERSION, methodName, callId, args, frameToken,
      isCallbackRegistered: typeof callback === 'function', isListenerRegistered: false,
    }, hostOrigin);
  }

  // Registers a listener; registrations accumulate, nothing de-duplicates them.
  function listen(apiType, methodName, listener) {
    const key = `${apiType}:${methodName}`;
    if (!listeners.has(key)) listeners.set(key, []);
    listeners.get(key).push(listener);
    const callId = nextCallId++;
    calls.push({ apiType, methodName, callId, args: {}, t: performance.now(), listener: true });
    if (!framed) return;
    host.postMessage({
      apiType, apiVersion: API_VERSION, methodName, callId, args: {}, frameToken,
      register: true, isCallbackRegistered: false, isListenerRegistered: true,
    }, hostOrigin);
  }

  window.addEventListener('message', (event) => {
    if (!framed || event.source !== host || event.origin !== hostOrigin) return;
    const data = event.data;
    if (!data || typeof data !== 'object' || typeof data.apiType !== 'string' || !('response' in data)) return;
    if (data.frameToken !== undefined && data.frameToken !== frameToken) return;
    if (data.event) {
      eventArrivals.push({ apiType: data.apiType, method: data.methodName, t: performance.now() });
      // Events (click-to-dial, navigation, presence): every listener gets the bare payload.
      for (const listener of (listeners.get(`${data.apiType}:${data.methodName}`) || []).slice()) listener(data.response);
      return;
    }
    const key = `${data.apiType}:${data.callId}`;
    const callback = callbacks.get(key);
    if (!callback) return;
    callbacks.delete(key);
    callback(data.response);
  });

  // ------------------------------------------------------------------ sforce.opencti (opencti_min.js)

  const ARGUMENTS_ERROR = 'Must pass in only one object which holds arguments to this API method call.';

  // Exactly one argument, an object with at least one own key; `optional` also accepts none.
  // So `enableClickToDial()` is fine and `enableClickToDial({})` throws, like the real library.
  function validateArguments(args, optional) {
    if (optional && args.length === 0) return;
    const arg = args[0];
    if (args.length !== 1 || typeof arg !== 'object' || arg === null || Object.keys(arg).length === 0) {
      throw new Error(ARGUMENTS_ERROR);
    }
  }
  function requireFunction(arg, name) {
    if (!arg || typeof arg[name] !== 'function') throw new Error(`Missing the required argument \`${name}\`!`);
  }

  function openCtiMethod(name, { optional = false, callback = false } = {}) {
    return function (arg) {
      validateArguments(arguments, optional);
      if (callback) requireFunction(arg, 'callback');
      post('opencti', name, arg && arg.callback, wireArgs(arg));
    };
  }
  function openCtiListener(name) {
    return function (arg) {
      validateArguments(arguments, false);
      requireFunction(arg, 'listener');
      listen('opencti', name, arg.listener);
    };
  }

  function installOpenCti(sforce) {
    sforce.opencti = {
      // The real `initialize` parses `sfdcIframeOrigin` and `mode` from the page's query string;
      // here the host origin comes from the playground environment, so it has nothing to do.
      initialize() {},
      SCREENPOP_TYPE: {
        URL: 'url', SOBJECT: 'sobject', OBJECTHOME: 'objecthome', LIST: 'list', SEARCH: 'search',
        NEW_RECORD_MODAL: 'newRecord', FLOW: 'flow',
      },
      CALL_TYPE: { INBOUND: 'inbound', OUTBOUND: 'outbound', INTERNAL: 'internal' },

      getCallCenterSettings: openCtiMethod('getCallCenterSettings', { callback: true }),
      getSoftphoneLayout: openCtiMethod('getSoftphoneLayout', { callback: true }),
      isSoftphonePanelVisible: openCtiMethod('isSoftphonePanelVisible', { callback: true }),
      getAppViewInfo: openCtiMethod('getAppViewInfo', { callback: true }),

      enableClickToDial: openCtiMethod('enableClickToDial', { optional: true }),
      disableClickToDial: openCtiMethod('disableClickToDial', { optional: true }),
      refreshView: openCtiMethod('refreshView', { optional: true }),

      screenPop: openCtiMethod('screenPop'),
      searchAndScreenPop: openCtiMethod('searchAndScreenPop'),
      runApex: openCtiMethod('runApex'),
      setSoftphonePanelVisibility: openCtiMethod('setSoftphonePanelVisibility'),
      setSoftphonePanelHeight: openCtiMethod('setSoftphonePanelHeight'),
      setSoftphonePanelWidth: openCtiMethod('setSoftphonePanelWidth'),
      setSoftphonePanelLabel: openCtiMethod('setSoftphonePanelLabel'),
      setSoftphonePanelIcon: openCtiMethod('setSoftphonePanelIcon'),
      setSoftphoneItemLabel: openCtiMethod('setSoftphoneItemLabel'),
      setSoftphoneItemIcon: openCtiMethod('setSoftphoneItemIcon'),

      // `value` must be an object (`null` passes: typeof null is 'object'); on the wire it is `object`.
      saveLog(arg) {
        validateArguments(arguments, false);
        if (typeof arg.value !== 'object') throw new Error('Missing the required argument `value object`!');
        post('opencti', 'saveLog', arg.callback, { object: arg.value });
      },

      // Validates nothing, not even the argument's presence.
      notifyInitializationComplete(arg) {
        post('opencti', 'notifyInitializationComplete', arg && arg.callback, wireArgs(arg));
      },

      onClickToDial: openCtiListener('onClickToDial'),
      onNavigationChange: openCtiListener('onNavigationChange'),
    };
  }

  // ------------------------------------------------------------------ sforce.console (integration.js)

  // The string values of `sforce.console.ConsoleEvent.PRESENCE.*`. Salesforce documents only the
  // constant names, so these values are our assumption (docs/opencti-contract.md §8.3); they are
  // defined here and nowhere else. On the wire, registrations and events carry the key
  // (`STATUS_CHANGED`), never the value, so the host does not depend on it.
  const PRESENCE_EVENTS = Object.freeze({
    LOGIN_SUCCESS: 'SFORCE_PRESENCE_LOGIN_SUCCESS',
    STATUS_CHANGED: 'SFORCE_PRESENCE_STATUS_CHANGED',
    LOGOUT: 'SFORCE_PRESENCE_LOGOUT',
    WORK_ASSIGNED: 'SFORCE_PRESENCE_WORK_ASSIGNED',
    WORK_ACCEPTED: 'SFORCE_PRESENCE_WORK_ACCEPTED',
    WORK_DECLINED: 'SFORCE_PRESENCE_WORK_DECLINED',
    WORK_CLOSED: 'SFORCE_PRESENCE_WORK_CLOSED',
    WORKLOAD_CHANGED: 'SFORCE_PRESENCE_WORKLOAD_CHANGED',
  });
  const PRESENCE_KEY_OF = new Map(Object.entries(PRESENCE_EVENTS).map(([key, value]) => [value, key]));

  // Each method's positional parameters before the callback; `?` marks an optional one, where a
  // function is taken for the callback (`declineAgentWork(workId, callback)`).
  const PRESENCE_METHODS = {
    login: ['statusId'],
    logout: [],
    setServicePresenceStatus: ['statusId'],
    getServicePresenceStatusId: [],
    getServicePresenceStatusChannels: [],
    getAgentWorkload: [],
    getAgentWorks: [],
    acceptAgentWork: ['workId'],
    declineAgentWork: ['workId', '?declineReason'],
    closeAgentWork: ['workId'],
  };

  // Positional arguments, callback last and optional; the host gets them by name (a playground
  // wire choice). A function where a value belongs is not sent (it could not be cloned): the
  // host then answers as Salesforce would for a missing value.
  function presenceMethod(name, params) {
    return function (...given) {
      const args = {};
      let at = 0;
      for (const param of params) {
        const optional = param.startsWith('?');
        if (optional && typeof given[at] === 'function') break;
        const value = given[at++];
        if (value !== undefined && typeof value !== 'function') args[optional ? param.slice(1) : param] = value;
      }
      const callback = typeof given[at] === 'function' ? given[at] : undefined;
      post('presence', name, callback, args);
    };
  }

  function installConsole(sforce) {
    const api = (sforce.console = sforce.console || {});
    api.presence = {};
    for (const [name, params] of Object.entries(PRESENCE_METHODS)) api.presence[name] = presenceMethod(name, params);
    api.ConsoleEvent = Object.assign(api.ConsoleEvent || {}, { PRESENCE: PRESENCE_EVENTS });
    // The listener gets the event's fields at the top level. `additionalParams` is accepted and
    // ignored; a non-function listener is not registered.
    api.addEventListener = function (eventType, listener) {
      if (typeof listener !== 'function') return;
      listen('presence', PRESENCE_KEY_OF.get(eventType) || String(eventType), listener);
    };
  }

  // ------------------------------------------------------------------ install

  const script = document.currentScript;
  const apis = ((script && script.dataset.apis) || 'opencti presence').split(/\s+/);
  const sforce = (window.sforce = window.sforce || {});
  if (apis.includes('opencti')) installOpenCti(sforce);
  if (apis.includes('presence')) installConsole(sforce);
  window.__sfBridge = { calls, perf, ccpArrivals, eventArrivals, hostOrigin, frameToken, apis };
})();
