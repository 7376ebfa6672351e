// Open CTI bridge for the playground. It runs inside the softphone frame before any other script
// and plays Salesforce's `opencti_min.js`: it installs `window.sforce.opencti` with the same
// members, enum values and synchronous argument checks, and forwards each call to the top frame
// (the Lightning host emulator) over postMessage. Replies are accepted only from the parent
// window on the host origin. It also times, for the benchmark, how long after a Streams
// `agent::update` message each Open CTI call is made (`window.__sfBridge.perf`).
(function () {
  'use strict';
  const env = window.__PLAYGROUND_ENV || {};
  const hostOrigin = env.hostOrigin || location.origin;
  const top = window.parent;
  const callbacks = new Map();
  const listeners = { onClickToDial: [], onNavigationChange: [] };
  const calls = [];
  const perf = [];
  let nextCallId = 0;
  let lastAgentUpdateAt = null;

  // Registered first, in the capture phase, so it sees CCP messages before Streams handles them.
  window.addEventListener('message', (event) => {
    const data = event.data;
    if (data && data.event === 'agent::update') lastAgentUpdateAt = performance.now();
  }, true);

  const ARGUMENTS_ERROR = 'Must pass in only one object which holds arguments to this API method call.';
  function checkArguments(args, optional) {
    if (optional && args.length === 0) return;
    const arg = args[0];
    if (args.length !== 1 || typeof arg !== 'object' || arg === null || Object.keys(arg).length === 0) {
      throw new Error(ARGUMENTS_ERROR);
    }
  }
  function need(arg, name, label) {
    if (!arg || typeof arg[name] !== 'function') throw new Error(`Missing the required argument \`${label || name}\`!`);
  }

  // Posts a call; the callback, if any, runs once when the host answers.
  function send(methodName, arg, wireArgs) {
    const t = performance.now();
    perf.push({ method: methodName, t, sinceUpdate: lastAgentUpdateAt === null ? null : t - lastAgentUpdateAt });
    const callId = nextCallId++;
    const callback = arg && typeof arg.callback === 'function' ? arg.callback : null;
    if (callback) callbacks.set(callId, callback);
    const args = wireArgs || strip(arg);
    calls.push({ methodName, callId, args });
    top.postMessage({ apiType: 'opencti', methodName, callId, args, isCallbackRegistered: !!callback }, hostOrigin);
  }
  function strip(arg) {
    const out = {};
    for (const [key, value] of Object.entries(arg || {})) {
      if (key !== 'callback' && key !== 'listener' && typeof value !== 'function') out[key] = value;
    }
    return out;
  }
  function listen(methodName, arg) {
    listeners[methodName].push(arg.listener);
    top.postMessage({ apiType: 'opencti', methodName, callId: nextCallId++, register: true, args: {} }, hostOrigin);
  }

  window.addEventListener('message', (event) => {
    if (event.source !== top || event.origin !== hostOrigin) return;
    const data = event.data;
    if (!data || data.apiType !== 'opencti') return;
    if (data.event) {
      for (const listener of (listeners[data.methodName] || []).slice()) listener(data.response);
      return;
    }
    const callback = callbacks.get(data.callId);
    if (callback) {
      callbacks.delete(data.callId);
      callback(data.response);
    }
  });

  function method(name, { optional = false, callback = false } = {}) {
    return function (arg) {
      checkArguments(arguments, optional);
      if (callback) need(arg, 'callback');
      send(name, arg);
    };
  }

  const opencti = {
    SCREENPOP_TYPE: { URL: 'url', SOBJECT: 'sobject', OBJECTHOME: 'objecthome', LIST: 'list', SEARCH: 'search', NEW_RECORD_MODAL: 'newRecord', FLOW: 'flow' },
    CALL_TYPE: { INBOUND: 'inbound', OUTBOUND: 'outbound', INTERNAL: 'internal' },
    getCallCenterSettings: method('getCallCenterSettings', { callback: true }),
    getSoftphoneLayout: method('getSoftphoneLayout', { callback: true }),
    isSoftphonePanelVisible: method('isSoftphonePanelVisible', { callback: true }),
    getAppViewInfo: method('getAppViewInfo', { callback: true }),
    enableClickToDial: method('enableClickToDial', { optional: true }),
    disableClickToDial: method('disableClickToDial', { optional: true }),
    refreshView: method('refreshView', { optional: true }),
    screenPop: method('screenPop'),
    searchAndScreenPop: method('searchAndScreenPop'),
    runApex: method('runApex'),
    setSoftphonePanelVisibility: method('setSoftphonePanelVisibility'),
    setSoftphonePanelHeight: method('setSoftphonePanelHeight'),
    setSoftphonePanelWidth: method('setSoftphonePanelWidth'),
    setSoftphonePanelLabel: method('setSoftphonePanelLabel'),
    setSoftphonePanelIcon: method('setSoftphonePanelIcon'),
    setSoftphoneItemLabel: method('setSoftphoneItemLabel'),
    setSoftphoneItemIcon: method('setSoftphoneItemIcon'),
    saveLog(arg) {
      checkArguments(arguments);
      if (typeof arg.value !== 'object') throw new Error('Missing the required argument `value object`!');
      send('saveLog', arg, { object: arg.value });
    },
    notifyInitializationComplete(arg) { send('notifyInitializationComplete', arg || {}); },
    onClickToDial(arg) { checkArguments(arguments); need(arg, 'listener'); listen('onClickToDial', arg); },
    onNavigationChange(arg) { checkArguments(arguments); need(arg, 'listener'); listen('onNavigationChange', arg); },
  };

  window.sforce = window.sforce || {};
  window.sforce.opencti = opencti;
  window.__sfBridge = { calls, perf };
})();
