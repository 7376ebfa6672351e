// Lightning host emulator: what every part shares. The environment the playground server
// describes (`window.__PLAYGROUND_ENV`), the host's state, the logs and queues the test API
// exposes, and a few small helpers. Nothing here touches the page; `main.js` starts everything.

export const store = window.hostRecords;
export const { OBJECTS, FIELD_LABELS, LOOKUP_FIELDS } = store;
const rawEnv = window.__PLAYGROUND_ENV || {};
export const env = {
  hostOrigin: rawEnv.hostOrigin || location.origin,
  // The softphone's own site (Visualforce in production); the host's when not given.
  appOrigin: rawEnv.appOrigin || location.origin,
  ccpOrigin: rawEnv.ccpOrigin || '',
  ccpUrl: rawEnv.ccpUrl || (rawEnv.ccpOrigin ? `${rawEnv.ccpOrigin}/ccp-v2/` : ''),
};
export const pageQuery = new URLSearchParams(location.search);
export const $ = (id) => document.getElementById(id);

export const GENERIC_DESCRIPTION = 'An error occurred while calling the API method.';
export const PANEL_LIMITS = { height: [240, 2560], width: [200, 1920] };
export const LOG_LIMIT = 400;

export const state = {
  latencyMs: numberOr(pageQuery.get('latency'), 20),
  jitterMs: 0,
  clickToDial: false,
  listeners: { onClickToDial: 0, onNavigationChange: 0 },
  frameToken: null, // the softphone document we are talking to (see sforce-bridge.js)
  initComplete: false,
  panel: { visible: pageQuery.get('panel') !== 'closed', width: 330, height: 570, label: 'Phone', icon: 'call' },
  item: { label: 'Phone', icon: 'call' },
  view: { kind: 'home' },
  modal: null, // {entityName, defaultFieldValues} while the new-record modal is open
};
export const calls = []; // every call from the softphone: {t, apiType, method, callId, args, response}
export const events = []; // every event sent to the softphone: {t, apiType, method, payload}
export const failQueue = new Map(); // method → [{code, description}]
export const dropQueue = new Map(); // method → count
export const delayQueue = new Map(); // method → [extra ms]
export const apex = new Map(); // 'Class.method' → fn(params, raw) → string

export function numberOr(text, fallback) {
  const n = Number(text);
  return text !== null && text !== '' && Number.isFinite(n) && n >= 0 ? n : fallback;
}

// The page in the softphone panel: the app, or another same-origin page (`?softphone=/path`,
// used by the benchmark for a bare Streams page).
export const softphoneBase = (() => {
  const requested = pageQuery.get('softphone');
  return requested && requested.startsWith('/') && !requested.startsWith('//') ? requested : '/app/index.html';
})();

export const clone = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

// A value as Salesforce's messages print it: `UNDEFINED` / `NULL`, text as is, the rest as JSON.
export function shown(value) {
  if (value === undefined || value === null) return String(value).toUpperCase();
  return typeof value === 'string' ? value : JSON.stringify(value);
}
