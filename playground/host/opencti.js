// Lightning host emulator: the Open CTI methods. Each handler checks its arguments as Salesforce
// does on its side (the synchronous checks are the bridge's), acts on the host page, and returns
// the response `{success, returnValue, errors}`. The contract followed, method by method, is
// docs/opencti-contract.md; the section numbers below are that file's.
import { store, state, apex, clone, shown, GENERIC_DESCRIPTION, PANEL_LIMITS } from './core.js';
import { callCenter } from './callcenter.js';
import { search, openRecord, navigate, openModal, viewInfo } from './navigation.js';
import { renderMain } from './views.js';
import { renderStatus, renderPanel, setPanelVisible } from './chrome.js';
import { toast } from './dom.js';

const ok = (returnValue) => ({ success: true, returnValue, errors: null });
const fail = (code, description, details) => ({
  success: false, returnValue: null, errors: [details ? { code, description, details } : { code, description }],
});

// Salesforce's documented INVALID_PARAM wording (docs/opencti-contract.md §6).
const invalid = (name, expected, found) =>
  fail('INVALID_PARAM', `An invalid value was passed to the parameter ${name}. ${expected} was expected, but ${shown(found)} was found instead.`);
const isText = (value) => typeof value === 'string' && value.length > 0;

const CALL_TYPES = { inbound: 'Inbound', outbound: 'Outbound', internal: 'Internal' };

// One handler per method; each returns the response (§1). Methods not here answer GENERIC_ERROR.
export const OPEN_CTI = {
  getCallCenterSettings: () => ok({ ...callCenter.settings }),
  getSoftphoneLayout: () => ok(clone(callCenter.layout)),
  isSoftphonePanelVisible: () => ok({ visible: state.panel.visible }),
  getAppViewInfo: () => ok(viewInfo()),

  enableClickToDial() {
    state.clickToDial = true;
    renderStatus();
    return ok(null);
  },
  disableClickToDial() {
    state.clickToDial = false;
    renderStatus();
    return ok(null);
  },
  refreshView() {
    renderMain();
    toast('The view was refreshed.', 'info');
    return ok(null);
  },
  notifyInitializationComplete() {
    state.initComplete = true;
    renderStatus();
    return ok(null);
  },

  setSoftphonePanelVisibility({ visible }) {
    if (typeof visible !== 'boolean') return invalid('visible', 'A boolean value', visible);
    setPanelVisible(visible);
    return ok(null);
  },
  setSoftphonePanelHeight: ({ heightPX }) => setPanelSize('height', 'heightPX', heightPX),
  setSoftphonePanelWidth: ({ widthPX }) => setPanelSize('width', 'widthPX', widthPX),
  setSoftphonePanelLabel: ({ label }) => setChromeText(state.panel, 'label', 'label', label),
  setSoftphoneItemLabel: ({ label }) => setChromeText(state.item, 'label', 'label', label),
  setSoftphonePanelIcon: ({ key }) => setChromeText(state.panel, 'icon', 'key', key),
  setSoftphoneItemIcon: ({ key }) => setChromeText(state.item, 'icon', 'key', key),

  searchAndScreenPop,
  screenPop,
  runApex,
  saveLog,
};

// The Open CTI API on the wire (wire.js registers it under apiType 'opencti').
export const openCtiApi = {
  listeners: ['onClickToDial', 'onNavigationChange'],
  answer(method, args) {
    const handler = Object.prototype.hasOwnProperty.call(OPEN_CTI, method) ? OPEN_CTI[method] : null;
    return handler ? handler(args) : fail('GENERIC_ERROR', GENERIC_DESCRIPTION);
  },
  failure: (error) => fail(error.code || 'GENERIC_ERROR', error.description || GENERIC_DESCRIPTION, error.details),
};

function setPanelSize(dimension, parameter, value) {
  const [min, max] = PANEL_LIMITS[dimension];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    return invalid(parameter, `A numeric value between ${min} and ${max}`, value);
  }
  state.panel[dimension] = Math.round(value);
  renderPanel();
  return ok(null);
}

function setChromeText(target, property, parameter, value) {
  if (!isText(value)) return invalid(parameter, 'A non-empty string value', value);
  target[property] = value;
  renderPanel();
  return ok(null);
}

function searchAndScreenPop(args) {
  if (!Object.prototype.hasOwnProperty.call(CALL_TYPES, args.callType)) {
    return invalid('callType', 'One of inbound, outbound or internal (sforce.opencti.CALL_TYPE)', args.callType);
  }
  if (typeof args.searchParams !== 'string') return invalid('searchParams', 'A string value', args.searchParams);
  const section = callCenter.layout[CALL_TYPES[args.callType]] || {};
  const objectFields = section.objects || {};
  const matches = search(args.searchParams, Object.keys(objectFields));
  const returnValue = {};
  for (const record of matches) {
    const summary = { Id: record.Id, Name: record.Name, RecordType: record.RecordType };
    for (const { apiName } of objectFields[record.RecordType] || []) {
      if (record[apiName] !== undefined && !(apiName in summary)) summary[apiName] = record[apiName];
    }
    returnValue[record.Id] = summary;
  }
  const pop = layoutPop(section.screenPopSettings || {}, matches, args);
  if (args.deferred) returnValue.SCREEN_POP_DATA = pop || {};
  else if (pop) popTo(pop);
  return ok(returnValue);
}

// What the layout's NoMatch / SingleMatch / MultipleMatches rule says to pop, as the argument
// screenPop would take (that is also what SCREEN_POP_DATA holds). Null: no pop.
function layoutPop(rules, matches, args) {
  const rule = matches.length === 0 ? rules.NoMatch : matches.length === 1 ? rules.SingleMatch : rules.MultipleMatches;
  if (!rule) return null;
  switch (rule.screenPopType) {
    case 'PopToEntity':
      if (matches.length === 1) return { type: 'sobject', params: { recordId: matches[0].Id } };
      if (matches.length === 0 && rule.screenPopData) {
        return { type: 'newRecord', params: { entityName: rule.screenPopData, defaultFieldValues: args.defaultFieldValues || {} } };
      }
      return null;
    case 'PopToSearch':
      return { type: 'search', params: { searchString: args.searchParams } };
    case 'PopToFlow': {
      const flowArgs = (args.params && args.params.FLOW && args.params.FLOW.flowArgs) || [];
      return { type: 'flow', params: { flowDevName: rule.screenPopData, flowArgs } };
    }
    case 'PopToVisualforce': {
      const query = typeof args.queryParams === 'string' ? args.queryParams : new URLSearchParams(args.queryParams || {}).toString();
      return { type: 'url', params: { url: `/apex/${rule.screenPopData}${query ? `?${query}` : ''}` } };
    }
    default:
      return null;
  }
}

function screenPop(args) {
  const params = args.params && typeof args.params === 'object' ? args.params : {};
  switch (args.type) {
    case 'sobject':
      if (!isText(params.recordId)) return invalid('recordId', 'A record Id', params.recordId);
      if (!store.find(params.recordId)) return fail('GENERIC_ERROR', `Could not open ${params.recordId}: record not found`);
      break;
    case 'url':
      if (!isText(params.url)) return invalid('url', 'A relative URL', params.url);
      break;
    case 'objecthome':
      if (!isText(params.scope)) return invalid('scope', 'An object API name', params.scope);
      break;
    case 'list':
      if (!isText(params.scope)) return invalid('scope', 'An object API name', params.scope);
      if (!isText(params.listViewId)) return invalid('listViewId', 'A list view Id', params.listViewId);
      break;
    case 'search':
      if (typeof params.searchString !== 'string' || params.searchString.trim().length < 3) {
        return invalid('searchString', 'A string of at least 3 characters', params.searchString);
      }
      break;
    case 'newRecord':
      if (!isText(params.entityName)) return invalid('entityName', 'An object API name', params.entityName);
      break;
    case 'flow':
      if (!isText(params.flowDevName)) return invalid('flowDevName', 'The API name of an active screen flow', params.flowDevName);
      break;
    default:
      return invalid('type', 'A value of sforce.opencti.SCREENPOP_TYPE', args.type);
  }
  popTo({ type: args.type, params });
  return ok(null);
}

// Performs a (validated) pop: navigates, which fires onNavigationChange.
function popTo({ type, params }) {
  switch (type) {
    case 'sobject': return openRecord(params.recordId);
    case 'url': return navigate(viewForUrl(params.url));
    case 'objecthome': return navigate({ kind: 'list', objectType: params.scope, listViewId: null });
    case 'list': return navigate({ kind: 'list', objectType: params.scope, listViewId: params.listViewId });
    case 'search': return navigate({ kind: 'search', term: params.searchString });
    case 'newRecord': return openModal({ entityName: params.entityName, defaultFieldValues: params.defaultFieldValues || {} });
    case 'flow': return navigate({ kind: 'flow', flowDevName: params.flowDevName, flowArgs: Array.isArray(params.flowArgs) ? params.flowArgs : [] });
    default: return false;
  }
}

// Lightning URLs the emulator understands; anything else shows a "navigated to URL" page.
function viewForUrl(url) {
  let path = url;
  try {
    const parsed = new URL(url, location.origin);
    if (parsed.origin === location.origin) path = parsed.pathname + parsed.search;
  } catch (_) { /* not a URL: shown as given */ }
  const recordPage = /^\/lightning\/r\/(?:\w+\/)?([A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?)\/view\b/.exec(path)
    || /^\/([A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?)\/?$/.exec(path);
  if (recordPage && store.find(recordPage[1])) return { kind: 'record', recordId: store.find(recordPage[1]).Id };
  const objectPage = /^\/lightning\/o\/(\w+)\/(home|list)\b/.exec(path);
  if (objectPage) return { kind: 'list', objectType: objectPage[1], listViewId: null };
  return { kind: 'url', url };
}

function runApex(args) {
  if (!isText(args.apexClass)) return invalid('apexClass', 'A string value', args.apexClass);
  if (!isText(args.methodName)) return invalid('methodName', 'A string value', args.methodName);
  const fn = apex.get(`${args.apexClass}.${args.methodName}`);
  if (!fn) return fail('SERVER_ERROR', `Could not load Apex class: ${args.apexClass}.`);
  let value;
  try {
    value = fn(methodParams(args.methodParams), args.methodParams);
  } catch (error) {
    return fail('SERVER_ERROR', `A problem was encountered on the server. (${error && error.message})`);
  }
  return ok({ runApex: value === undefined || value === null || typeof value === 'string' ? (value ?? null) : JSON.stringify(value) });
}

// `methodParams` is a query string ("name=acme&phone=(212) 555-5555", not URL-encoded by the
// demo adapter) or, per a doc inconsistency, an object. '+' stays a plus sign.
function methodParams(raw) {
  if (raw && typeof raw === 'object') return { ...raw };
  const out = {};
  if (typeof raw !== 'string' || raw === '' || raw === 'none') return out;
  for (const pair of raw.split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    const key = at < 0 ? pair : pair.slice(0, at);
    const value = at < 0 ? '' : pair.slice(at + 1);
    out[decodeLoosely(key)] = decodeLoosely(value);
  }
  return out;
}
function decodeLoosely(text) {
  try {
    return decodeURIComponent(text);
  } catch (_) {
    return text;
  }
}

function saveLog(args) {
  const value = args.object;
  if (!value || typeof value !== 'object') {
    return fail('GENERIC_ERROR', `${GENERIC_DESCRIPTION} See the details field.`, [{ fields: [], message: 'Nothing to save: the value object is empty' }]);
  }
  const { entityApiName, Id, ...fields } = value;
  let record;
  if (Id !== undefined) {
    record = store.find(Id);
    if (!record) return fail('GENERIC_ERROR', `${GENERIC_DESCRIPTION} See the details field.`, [{ fields: ['Id'], message: `Record not found: ${Id}` }]);
    Object.assign(record, fields);
  } else {
    if (!isText(entityApiName)) {
      return fail('GENERIC_ERROR', `${GENERIC_DESCRIPTION} See the details field.`, [{ fields: ['entityApiName'], message: 'Required field is missing: entityApiName' }]);
    }
    record = store.create(entityApiName, fields);
  }
  // Like Salesforce, the view does not refresh itself: the adapter calls refreshView.
  return ok(record.Id);
}
