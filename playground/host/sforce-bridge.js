// Open CTI bridge for the playground (development and tests only). The playground server injects
// it at the top of the softphone page's <head>, so it runs before any other script, and it plays
// Salesforce's `opencti_min.js`: the same `sforce.opencti` members and enum values, the same
// synchronous argument checks with the same messages, and the same wire protocol: each call is
// posted to the top frame (the Lightning host emulator, main.js), which answers later and exactly
// once. Replies are accepted only from `window.parent` on the host origin. The library's
// behaviour copied here is described in docs/opencti-contract.md (§1, §3 and §4).
//
// It also times, for the benchmark, how long after a Streams `agent::update` message each Open CTI
// call is made: `window.__sfBridge.perf` = [{method, t, sinceUpdate}].
//
// Layout: one section per Salesforce script. `sforce.console` (integration.js, Omni-Channel
// presence) is not emulated yet; when it is, it gets its own install function below, using the
// same `post`/`listen` plumbing with apiType 'presence'.
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
    if (data && typeof data === 'object' && data.event === 'agent::update') lastAgentUpdateAt = performance.now();
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
      // Events (click-to-dial, navigation): every listener gets the bare payload.
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

  // ------------------------------------------------------------------ install

  const sforce = (window.sforce = window.sforce || {});
  installOpenCti(sforce);
  window.__sfBridge = { calls, perf, hostOrigin, frameToken };
})();
