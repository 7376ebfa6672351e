// Lightning host emulator (development and tests only): the top frame of the playground.
//
// It looks like a Lightning console (record, search, list and new-record views, a utility bar
// whose "Phone" item docks the softphone panel) and it answers the Open CTI calls that
// sforce-bridge.js forwards from the softphone iframe, with the documented response shapes
// `{success, returnValue, errors}`, asynchronously and exactly once (see
// /work/shared/reference/opencti-api.md §4 and §7.2). Phone links fire click-to-dial; every
// navigation fires onNavigationChange. Every call is logged. Test API: `window.hostEmu`.
//
// Sections: environment and state · call center definition · wire (apiType router) · Open CTI
// handlers · search and navigation · rendering · chrome (utility bar, side panel, settings,
// log, toast) · test API · start. A presence emulator (`sforce.console.presence`) would be one
// more apiType: `hostEmu.registerApi('presence', {answer, failure, listeners})`, in its own file.
(function () {
  'use strict';

  // ------------------------------------------------------------------ environment and state

  const store = window.hostRecords;
  const { OBJECTS, FIELD_LABELS, LOOKUP_FIELDS } = store;
  const rawEnv = window.__PLAYGROUND_ENV || {};
  const env = {
    hostOrigin: rawEnv.hostOrigin || location.origin,
    // The softphone's own site (Visualforce in production); the host's when not given.
    appOrigin: rawEnv.appOrigin || location.origin,
    ccpOrigin: rawEnv.ccpOrigin || '',
    ccpUrl: rawEnv.ccpUrl || (rawEnv.ccpOrigin ? `${rawEnv.ccpOrigin}/ccp-v2/` : ''),
  };
  const pageQuery = new URLSearchParams(location.search);
  const $ = (id) => document.getElementById(id);

  const GENERIC_DESCRIPTION = 'An error occurred while calling the API method.';
  const PANEL_LIMITS = { height: [240, 2560], width: [200, 1920] };
  const LOG_LIMIT = 400;

  const state = {
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
  const calls = []; // every call from the softphone: {t, apiType, method, callId, args, response}
  const events = []; // every event sent to the softphone: {t, apiType, method, payload}
  const failQueue = new Map(); // method → [{code, description}]
  const dropQueue = new Map(); // method → count
  const apex = new Map(); // 'Class.method' → fn(params, raw) → string

  function numberOr(text, fallback) {
    const n = Number(text);
    return text !== null && text !== '' && Number.isFinite(n) && n >= 0 ? n : fallback;
  }

  // The page in the softphone panel: the app, or another same-origin page (`?softphone=/path`,
  // used by the benchmark for a bare Streams page).
  const softphoneBase = (() => {
    const requested = pageQuery.get('softphone');
    return requested && requested.startsWith('/') && !requested.startsWith('//') ? requested : '/app/index.html';
  })();

  // ------------------------------------------------------------------ call center definition

  // The flat `/section/item` → string map of getCallCenterSettings (§2.3), for the package's call
  // center (visualforce/…/ConnectSoftphone.callCenter-meta.xml). The CCP address is not here: it
  // comes from the adapter configuration (runApex below).
  function defaultSettings() {
    const map = { '/displayNameLabel': 'Display Name', '/internalNameLabel': 'Internal Name', '/label': 'Amazon Connect Softphone' };
    function section(name, label, order, items) {
      map[`/${name}/label`] = label;
      map[`/${name}/sortOrder`] = `${order}.0`;
      items.forEach(([item, value, itemLabel], index) => {
        map[`/${name}/${item}`] = value;
        if (!itemLabel) return; // Salesforce's sample has no label or sortOrder for the two name items.
        map[`/${name}/${item}/label`] = itemLabel;
        map[`/${name}/${item}/sortOrder`] = `${index}.0`;
      });
    }
    section('reqGeneralInfo', 'General Information', 0, [
      ['reqInternalName', 'ConnectSoftphone'],
      ['reqDisplayName', 'Amazon Connect Softphone'],
      ['reqAdapterUrl', '/apex/ConnectSoftphone', 'CTI Adapter URL'],
      ['reqUseApi', 'true', 'Use CTI API'],
      ['reqSoftphoneHeight', '570', 'Softphone Height'],
      ['reqSoftphoneWidth', '330', 'Softphone Width'],
      ['reqSalesforceCompatibilityMode', 'Lightning', 'Salesforce Compatibility Mode'],
    ]);
    return map;
  }

  // getSoftphoneLayout (§4.2): which objects searchAndScreenPop searches, which fields it returns,
  // and where it pops: one match → the record, several → search page, none → search page.
  function defaultLayout() {
    const field = (apiName, displayName) => ({ displayName, apiName });
    const section = () => ({
      callRelatedFields: ['ANI', 'DNIS', 'QUEUE', 'SEGMENT'],
      objects: {
        Contact: [field('Name', 'Name'), field('Title', 'Title'), field('Phone', 'Phone'), field('Email', 'Email')],
        Account: [field('Name', 'Account Name'), field('Phone', 'Phone'), field('BillingCity', 'Billing City')],
        Lead: [field('Name', 'Name'), field('Company', 'Company'), field('Phone', 'Phone'), field('Email', 'Email')],
        Case: [field('CaseNumber', 'Case Number'), field('Subject', 'Subject'), field('Status', 'Status')],
      },
      screenPopSettings: {
        screenPopsOpenWithin: 'ExistingWindow',
        NoMatch: { screenPopType: 'PopToSearch' },
        SingleMatch: { screenPopType: 'PopToEntity' },
        MultipleMatches: { screenPopType: 'PopToSearch' },
      },
    });
    return { Inbound: section(), Outbound: section(), Internal: section() };
  }

  let settings = defaultSettings();
  let layout = defaultLayout();
  const clone = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

  function panelSizeFromSettings() {
    const height = parseInt(settings['/reqGeneralInfo/reqSoftphoneHeight'], 10);
    const width = parseInt(settings['/reqGeneralInfo/reqSoftphoneWidth'], 10);
    state.panel.height = Number.isFinite(height) && height > 0 ? height : 570;
    state.panel.width = Number.isFinite(width) && width > 0 ? width : 330;
  }

  // ------------------------------------------------------------------ wire (apiType router)

  // apiType → {answer(method, args) → response, failure(error) → response, listeners: [names]}
  const apis = new Map();
  function registerApi(apiType, api) {
    apis.set(apiType, api);
  }

  const softphoneFrame = () => $('softphone');

  window.addEventListener('message', (event) => {
    const frame = softphoneFrame();
    if (!frame || event.source !== frame.contentWindow || event.origin !== env.appOrigin) return;
    const data = event.data;
    if (!data || typeof data !== 'object' || typeof data.methodName !== 'string') return;
    const api = apis.get(data.apiType);
    if (!api) return;
    if (data.frameToken && retiredTokens.has(data.frameToken)) return; // a late word from a replaced document
    if (data.frameToken && data.frameToken !== state.frameToken) newSoftphoneDocument(data.frameToken);
    if (data.register) registerListener(api, data);
    else answerCall(api, data);
  });

  // A new document in the softphone iframe: its listeners start from zero, and so does
  // click-to-dial (a page that cannot hear clicks should not look dialable).
  const retiredTokens = new Set();
  function newSoftphoneDocument(token) {
    if (state.frameToken) retiredTokens.add(state.frameToken);
    state.frameToken = token;
    state.listeners.onClickToDial = 0;
    state.listeners.onNavigationChange = 0;
    state.clickToDial = false;
    state.initComplete = false;
    renderStatus();
  }

  function registerListener(api, data) {
    const name = data.methodName;
    if (!api.listeners.includes(name)) return;
    state.listeners[name] = (state.listeners[name] || 0) + 1;
    const entry = { t: Date.now(), apiType: data.apiType, method: name, callId: data.callId, args: {}, response: null, listener: true };
    calls.push(entry);
    logEntry(entry);
    renderStatus();
  }

  function answerCall(api, data) {
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
    const reply = {
      apiType: data.apiType, apiVersion: data.apiVersion, methodName: method, callId: data.callId, response,
      frameToken: data.frameToken, shouldExecuteCallback: true, shouldExecuteListener: false,
    };
    later(() => postToSoftphone(reply));
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
  function emit(apiType, method, payload) {
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
  function later(fn) {
    const delay = state.latencyMs + (state.jitterMs > 0 ? Math.random() * state.jitterMs : 0);
    setTimeout(fn, delay);
  }

  // ------------------------------------------------------------------ Open CTI handlers

  const ok = (returnValue) => ({ success: true, returnValue, errors: null });
  const fail = (code, description, details) => ({
    success: false, returnValue: null, errors: [details ? { code, description, details } : { code, description }],
  });
  function shown(value) {
    if (value === undefined || value === null) return String(value).toUpperCase();
    return typeof value === 'string' ? value : JSON.stringify(value);
  }
  // The documented INVALID_PARAM wording (§4.12).
  const invalid = (name, expected, found) =>
    fail('INVALID_PARAM', `An invalid value was passed to the parameter ${name}. ${expected} was expected, but ${shown(found)} was found instead.`);
  const isText = (value) => typeof value === 'string' && value.length > 0;

  const CALL_TYPES = { inbound: 'Inbound', outbound: 'Outbound', internal: 'Internal' };

  const OPEN_CTI = {
    getCallCenterSettings: () => ok({ ...settings }),
    getSoftphoneLayout: () => ok(clone(layout)),
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

  registerApi('opencti', {
    listeners: ['onClickToDial', 'onNavigationChange'],
    answer(method, args) {
      const handler = Object.prototype.hasOwnProperty.call(OPEN_CTI, method) ? OPEN_CTI[method] : null;
      return handler ? handler(args) : fail('GENERIC_ERROR', GENERIC_DESCRIPTION);
    },
    failure: (error) => fail(error.code || 'GENERIC_ERROR', error.description || GENERIC_DESCRIPTION, error.details),
  });

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
    const section = layout[CALL_TYPES[args.callType]] || {};
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

  // ------------------------------------------------------------------ search and navigation

  const EXTENSION = /\s*(?:x|ext\.?|extension)\s*\d+\s*$/i;
  const PHONE_LIKE = /^[+\d\s().\-/]*\d[+\d\s().\-/]*(?:\s*(?:x|ext\.?)\s*\d+)?$/i;

  // Search the store: a phone-like term matches records whose number has the same digits (or the
  // same last 10 digits, when both have at least 10); otherwise, or when no number matches, a
  // case-insensitive substring of name, email, subject, company, number or Id.
  function search(term, objectTypes) {
    const text = String(term || '').trim();
    if (!text) return [];
    const pool = store.records.filter((r) => !objectTypes || objectTypes.includes(r.RecordType));
    if (PHONE_LIKE.test(text)) {
      const digits = text.replace(EXTENSION, '').replace(/\D/g, '');
      const hits = pool.filter((r) => phoneFieldsOf(r).some((f) => numbersMatch(digits, r[f])));
      if (hits.length) return hits;
    }
    const lower = text.toLowerCase();
    return pool.filter((r) => textFieldsOf(r).some((f) => r[f] !== undefined && String(r[f]).toLowerCase().includes(lower)));
  }
  function numbersMatch(digits, stored) {
    const other = store.dialledDigits(stored);
    if (!digits || !other) return false;
    return digits === other || (digits.length >= 10 && other.length >= 10 && digits.slice(-10) === other.slice(-10));
  }
  const metaOf = (record) => OBJECTS[record.RecordType] || { phoneFields: [], searchFields: ['Name'], columns: ['Name'], details: ['Name'], highlights: [] };
  const phoneFieldsOf = (record) => metaOf(record).phoneFields;
  const textFieldsOf = (record) => ['Id', 'Name', ...metaOf(record).searchFields, ...metaOf(record).phoneFields];
  const dialableFieldsOf = (record) => [...metaOf(record).phoneFields, ...(metaOf(record).displayPhoneFields || [])];

  function openRecord(recordId) {
    const record = store.find(recordId);
    if (!record) return false;
    navigate({ kind: 'record', recordId: record.Id });
    return true;
  }

  function navigate(view) {
    state.view = view;
    state.modal = null;
    renderMain();
    renderModal();
    notifyNavigation();
    return true;
  }

  function openModal(modal) {
    state.modal = modal;
    renderModal();
    notifyNavigation();
    return true;
  }

  function closeModal() {
    if (!state.modal) return;
    state.modal = null;
    renderModal();
    notifyNavigation();
  }

  function notifyNavigation() {
    if (state.listeners.onNavigationChange > 0) emit('opencti', 'onNavigationChange', viewInfo());
  }

  // The onNavigationChange payload and getAppViewInfo value (§4.11): record fields are empty
  // strings when the page is not a record.
  function viewInfo() {
    const absolute = (path) => `${location.origin}${path}`;
    const none = (path) => ({ url: absolute(path), recordId: '', recordName: '', objectType: '' });
    if (state.modal) return none(`/lightning/o/${encodeURIComponent(state.modal.entityName)}/new`);
    const view = state.view;
    switch (view.kind) {
      case 'record': {
        const record = store.find(view.recordId);
        return { url: absolute(`/lightning/r/${record.RecordType}/${record.Id}/view`), recordId: record.Id, recordName: record.Name, objectType: record.RecordType };
      }
      case 'search': return none(`/lightning/search?searchInput=${encodeURIComponent(view.term)}`);
      case 'list': return none(`/lightning/o/${encodeURIComponent(view.objectType)}/${view.listViewId ? `list?filterName=${encodeURIComponent(view.listViewId)}` : 'home'}`);
      case 'flow': return none(`/flow/${encodeURIComponent(view.flowDevName)}`);
      case 'url': return view.url.startsWith('/') ? none(view.url) : { url: view.url, recordId: '', recordName: '', objectType: '' };
      default: return none('/lightning/page/home');
    }
  }

  function currentView() {
    if (state.modal) {
      return {
        kind: 'newRecord', recordId: null, term: null, entityName: state.modal.entityName,
        defaultFieldValues: clone(state.modal.defaultFieldValues), background: state.view.kind,
      };
    }
    const view = state.view;
    return {
      kind: view.kind,
      recordId: view.kind === 'record' ? view.recordId : null,
      term: view.kind === 'search' ? view.term : null,
      ...(view.kind === 'list' ? { objectType: view.objectType, listViewId: view.listViewId } : {}),
      ...(view.kind === 'url' ? { url: view.url } : {}),
      ...(view.kind === 'flow' ? { flowDevName: view.flowDevName, flowArgs: clone(view.flowArgs) } : {}),
    };
  }

  // Click-to-dial: what a person's click on a phone link does.
  function clickToDial(payload) {
    if (!state.clickToDial) {
      toast('Click-to-dial is not enabled', 'warning');
      return false;
    }
    if (state.listeners.onClickToDial === 0) {
      toast('Click-to-dial is not enabled (the softphone registered no listener)', 'warning');
      return false;
    }
    emit('opencti', 'onClickToDial', payload);
    return true;
  }

  // ------------------------------------------------------------------ rendering helpers

  function h(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key === 'dataset') Object.assign(node.dataset, value);
      else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    append(node, children);
    return node;
  }
  function append(node, children) {
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) append(node, child);
      else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }

  // Small utility icons drawn for this page (SLDS sprites are not bundled). Keys follow the SLDS
  // utility names that setSoftphonePanelIcon / setSoftphoneItemIcon take; unknown keys fall back
  // to the handset and keep their name in the tooltip.
  const HANDSET = 'M5 4h3.5l1.5 4.5-2.2 1.6a12 12 0 0 0 5.6 5.6l1.6-2.2 4.5 1.5v3.5a1.5 1.5 0 0 1-1.5 1.5A14 14 0 0 1 4 6a2 2 0 0 1 1-2z';
  const ICONS = {
    call: [['path', { d: HANDSET }]],
    end_call: [['path', { d: HANDSET, transform: 'rotate(135 12 12)' }]],
    incoming_call: [['path', { d: HANDSET }], ['path', { d: 'M20.5 3.5 15 9m0-4.5V9h4.5', stroke: true }]],
    outbound_call: [['path', { d: HANDSET }], ['path', { d: 'M15 9l5.5-5.5M16 3.5h4.5V8', stroke: true }]],
    missed_call: [['path', { d: HANDSET }], ['path', { d: 'M15 3.5l5 5m0-5-5 5', stroke: true }]],
    phone_portrait: [['path', { d: 'M8 2h8a1.5 1.5 0 0 1 1.5 1.5v17A1.5 1.5 0 0 1 16 22H8a1.5 1.5 0 0 1-1.5-1.5v-17A1.5 1.5 0 0 1 8 2zm0 3v13h8V5zm4 14.2a1 1 0 1 0 0 2 1 1 0 0 0 0-2z', evenodd: true }]],
    search: [['path', { d: 'M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM15.2 15.2 20.5 20.5', stroke: true }]],
    minimize: [['path', { d: 'M5 19h14', stroke: true }]],
    close: [['path', { d: 'M6 6l12 12M18 6 6 18', stroke: true }]],
    home: [['path', { d: 'M3 11.5 12 4l9 7.5h-2.5V20h-4.5v-5h-4v5H5.5v-8.5z' }]],
    apps: [[
      'path', { d: 'M4 4h4v4H4zm6 0h4v4h-4zm6 0h4v4h-4zM4 10h4v4H4zm6 0h4v4h-4zm6 0h4v4h-4zM4 16h4v4H4zm6 0h4v4h-4zm6 0h4v4h-4z' },
    ]],
    cloud: [['path', { d: 'M7 19a5 5 0 0 1-.6-9.96A6.5 6.5 0 0 1 18.6 9.6 4.7 4.7 0 0 1 17.8 19z' }]],
    contact: [['path', { d: 'M12 4a4 4 0 1 1 0 8 4 4 0 0 1 0-8zM4.5 20c0-4 3.4-6.5 7.5-6.5s7.5 2.5 7.5 6.5z' }]],
    lead: [['path', { d: 'M10 4a4 4 0 1 1 0 8 4 4 0 0 1 0-8zM3 20c0-4 3.2-6.5 7-6.5 1.3 0 2.5.3 3.5.8V20zM18 12l1.2 2.6 2.8.3-2.1 1.9.6 2.8-2.5-1.4-2.5 1.4.6-2.8-2.1-1.9 2.8-.3z' }]],
    account: [['path', { d: 'M4 20V6l8-3v17zm10 0V9l6 2v9zM6.5 8v2h3V8zm0 4v2h3v-2zm0 4v2h3v-2zm9-3v2h2.5v-2zm0 3.5v2h2.5v-2z', evenodd: true }]],
    case: [['path', { d: 'M9 5.5V4a1 1 0 0 1 1-1h4a1 1 0 0 1 1 1v1.5h5A1 1 0 0 1 21 6.5v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1v-12a1 1 0 0 1 1-1zm1.5 0h3V4.5h-3z', evenodd: true }]],
    task: [['path', { d: 'M5 12.5l4.5 4.5L19.5 7', stroke: true }]],
    flow: [['path', { d: 'M6 3a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5zm0 13a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5zm12-6.5a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5z' }],
      ['path', { d: 'M6 8v8m0-4h5.5a4 4 0 0 0 4-3m-4 3a4 4 0 0 1 4 3', stroke: true }]],
    info: [['path', { d: 'M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18zm-1 7.5V17h2v-6.5zM12 6.5a1.25 1.25 0 1 0 0 2.5 1.25 1.25 0 0 0 0-2.5z', evenodd: true }]],
    warning: [['path', { d: 'M12 3 22 20H2zm-1 6v5.5h2V9zm1 7.2a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4z', evenodd: true }]],
    success: [['path', { d: 'M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18zm-4.2 9.2-1.3 1.4 3.8 3.6 7.3-7.6-1.4-1.4-5.9 6.1z', evenodd: true }]],
  };
  const SVG = 'http://www.w3.org/2000/svg';
  function icon(key, className) {
    const shapes = ICONS[key] || ICONS.call;
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('class', `icon ${className || ''}`.trim());
    if (!ICONS[key]) svg.dataset.key = key;
    for (const [tag, attrs] of shapes) {
      const shape = document.createElementNS(SVG, tag);
      for (const [name, value] of Object.entries(attrs)) {
        if (name === 'stroke') {
          shape.setAttribute('fill', 'none');
          shape.setAttribute('stroke', 'currentColor');
          shape.setAttribute('stroke-width', '2');
          shape.setAttribute('stroke-linecap', 'round');
          shape.setAttribute('stroke-linejoin', 'round');
        } else if (name === 'evenodd') {
          shape.setAttribute('fill-rule', 'evenodd');
        } else {
          shape.setAttribute(name, value);
        }
      }
      if (!attrs.stroke) shape.setAttribute('fill', shape.getAttribute('fill') || 'currentColor');
      svg.append(shape);
    }
    return svg;
  }

  function objectTile(objectType, size) {
    const meta = OBJECTS[objectType];
    return h('span', { class: `object-tile ${size || ''}`, style: `background:${meta ? meta.color : '#969492'}`, title: objectType },
      icon(meta ? meta.icon : 'task'));
  }

  const labelOf = (field) => FIELD_LABELS[field] || field;
  const pluralOf = (objectType) => (OBJECTS[objectType] ? OBJECTS[objectType].plural : `${objectType} records`);

  function recordLink(record, text) {
    return h('a', {
      href: `#/r/${record.Id}`, class: 'record-link', dataset: { recordId: record.Id },
      onclick: (event) => { event.preventDefault(); openRecord(record.Id); },
    }, text || record.Name);
  }

  // A phone number as Lightning's click-to-dial renders it. The payload carries the number as
  // displayed; the softphone parses it.
  function phoneLink(record, field) {
    const number = record[field];
    return h('a', {
      href: '#', class: 'phone-link', role: 'button', title: 'Click to dial',
      dataset: { recordId: record.Id, field, number },
      onclick: (event) => {
        event.preventDefault();
        clickToDial({ number, recordId: record.Id, recordName: record.Name, objectType: record.RecordType });
      },
    }, icon('call'), h('span', {}, number));
  }

  function fieldValue(record, field) {
    const value = record[field];
    if (value === undefined || value === null || value === '') return h('span', { class: 'empty' }, '—');
    if (dialableFieldsOf(record).includes(field)) return phoneLink(record, field);
    if (LOOKUP_FIELDS.includes(field)) {
      const target = store.find(value);
      return target ? recordLink(target) : String(value);
    }
    if (field === 'Name' || field === 'CaseNumber' || (field === 'Subject' && record.RecordType === 'Task')) return recordLink(record, String(value));
    if (field === 'Id') return h('code', {}, value);
    return String(value);
  }

  function card(title, props, ...children) {
    return h('section', { class: `card ${(props && props.class) || ''}`, 'data-testid': props && props.testid },
      title ? h('header', { class: 'card-header' }, props && props.tile, h('h2', {}, title), props && props.aside) : null,
      h('div', { class: 'card-body' }, children));
  }

  function recordTable(list, columns, testid) {
    return h('table', { class: 'data-table', 'data-testid': testid },
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, labelOf(c))))),
      h('tbody', {}, list.map((record) => h('tr', { dataset: { recordId: record.Id } },
        columns.map((c, i) => h('td', {}, i === 0 && c !== 'Name' && c !== 'CaseNumber' && c !== 'Subject' ? recordLink(record, String(record[c] ?? record.Name)) : fieldValue(record, c)))))));
  }

  // ------------------------------------------------------------------ views

  function renderMain() {
    const view = state.view;
    let content;
    switch (view.kind) {
      case 'record': content = recordView(store.find(view.recordId)); break;
      case 'search': content = searchView(view.term); break;
      case 'list': content = listView(view.objectType, view.listViewId); break;
      case 'flow': content = flowView(view); break;
      case 'url': content = urlView(view.url); break;
      default: content = homeView();
    }
    $('main').replaceChildren(content);
    $('main').scrollTop = 0;
    for (const tab of document.querySelectorAll('[data-nav]')) {
      const active = tab.dataset.nav === 'home' ? view.kind === 'home' : view.kind === 'list' && view.objectType === tab.dataset.nav
        || view.kind === 'record' && store.find(view.recordId).RecordType === tab.dataset.nav;
      tab.classList.toggle('active', active);
    }
  }

  function homeView() {
    const fixtures = Object.values(store.FIXTURES).map((f) => store.find(f.id));
    return h('div', { class: 'page', 'data-testid': 'home-view' },
      card('Welcome to the playground', { class: 'welcome', tile: h('span', { class: 'object-tile', style: 'background:#0176d3' }, icon('home')) },
        h('p', {}, 'This page stands in for a Salesforce Lightning console. The softphone docked in the utility bar is the real build; it talks to this page through Open CTI and to an Amazon Connect CCP emulator on another origin.'),
        h('ol', { class: 'steps' },
          h('li', {}, 'In the softphone, set your status to Available.'),
          h('li', {}, 'In “Connect CCP controls” on the right, place an inbound call: the caller’s record pops here.'),
          h('li', {}, 'Open a record and click a phone number to dial it.'),
          h('li', {}, 'Watch every Open CTI call in “Open CTI log”; make calls fail or slow down in “Settings”.'))),
      card('Records the tests use', { tile: objectTile('Contact') },
        recordTable(fixtures, ['Name', 'RecordType', 'Phone', 'Id'], 'fixtures-table')));
  }

  function recordView(record) {
    const meta = metaOf(record);
    const highlights = meta.highlights.filter((f) => record[f] !== undefined && record[f] !== '');
    const header = h('section', { class: 'card highlights' },
      h('div', { class: 'highlights-title' },
        objectTile(record.RecordType, 'large'),
        h('div', {},
          h('p', { class: 'object-label' }, OBJECTS[record.RecordType] ? OBJECTS[record.RecordType].label : record.RecordType),
          h('h1', { 'data-testid': 'record-name' }, record.Name)),
        h('div', { class: 'highlights-actions' },
          h('button', { type: 'button', class: 'button', onclick: () => { renderMain(); toast('The view was refreshed.', 'info'); } }, 'Refresh'))),
      highlights.length ? h('ul', { class: 'highlight-fields' },
        highlights.map((f) => h('li', {}, h('span', { class: 'field-label' }, labelOf(f)), h('span', { class: 'field-value' }, fieldValue(record, f))))) : null);

    const details = card('Details', { class: 'details' },
      h('dl', { class: 'field-grid' }, meta.details.filter((f) => f in record || f === 'Name').map((f) =>
        h('div', { class: 'field' }, h('dt', {}, labelOf(f)), h('dd', {}, fieldValue(record, f))))),
      h('p', { class: 'record-id' }, 'Record Id ', h('code', {}, record.Id)));

    const related = relatedLists(record).map(({ title, objectType, list, columns }) =>
      card(`${title} (${list.length})`, { class: 'related', tile: objectTile(objectType, 'small') },
        list.length ? recordTable(list.slice(0, 6), columns) : h('p', { class: 'empty-note' }, 'No records yet.')));

    return h('article', { class: 'page record-page', 'data-testid': 'record-view', dataset: { recordId: record.Id } },
      header, h('div', { class: 'record-body' }, details, h('div', { class: 'related-column' }, related)));
  }

  function relatedLists(record) {
    const where = (type, test) => store.records.filter((r) => r.RecordType === type && test(r));
    const activity = (field) => ({ title: 'Activity History', objectType: 'Task', list: where('Task', (r) => r[field] === record.Id).reverse(), columns: ['Subject', 'CallType', 'Status'] });
    switch (record.RecordType) {
      case 'Account': return [
        { title: 'Contacts', objectType: 'Contact', list: where('Contact', (r) => r.AccountId === record.Id), columns: ['Name', 'Title', 'Phone'] },
        { title: 'Cases', objectType: 'Case', list: where('Case', (r) => r.AccountId === record.Id), columns: ['CaseNumber', 'Subject', 'Status'] },
        activity('WhatId')];
      case 'Contact': return [
        { title: 'Cases', objectType: 'Case', list: where('Case', (r) => r.ContactId === record.Id), columns: ['CaseNumber', 'Subject', 'Status'] },
        activity('WhoId')];
      case 'Lead': return [activity('WhoId')];
      case 'Case': return [activity('WhatId')];
      default: return [];
    }
  }

  function searchView(term) {
    const found = search(term);
    const groups = Object.keys(OBJECTS).map((type) => ({ type, list: found.filter((r) => r.RecordType === type) })).filter((g) => g.list.length);
    const title = h('div', { class: 'page-title' },
      h('span', { class: 'object-tile', style: 'background:#0176d3' }, icon('search')),
      h('div', {}, h('p', { class: 'object-label' }, 'Search results'), h('h1', {}, `“${term}”`)),
      h('span', { class: 'count' }, found.length === 1 ? '1 result' : `${found.length} results`));
    if (!found.length) {
      return h('div', { class: 'page', 'data-testid': 'search-view' }, title,
        card(null, { class: 'no-results', testid: 'no-matches' },
          h('p', { class: 'no-results-title' }, 'No matches'),
          h('p', {}, `Nothing matches “${term}”. Try a name, an email address or a phone number in any format.`)));
    }
    return h('div', { class: 'page', 'data-testid': 'search-view' }, title,
      groups.map(({ type, list }) => card(`${pluralOf(type)} (${list.length})`, { tile: objectTile(type, 'small') },
        recordTable(list, OBJECTS[type].columns))));
  }

  function listView(objectType, listViewId) {
    const list = store.records.filter((r) => r.RecordType === objectType).sort((a, b) => a.Name.localeCompare(b.Name));
    const meta = OBJECTS[objectType];
    return h('div', { class: 'page', 'data-testid': 'list-view' },
      h('div', { class: 'page-title' },
        objectTile(objectType, 'large'),
        h('div', {}, h('p', { class: 'object-label' }, pluralOf(objectType)), h('h1', {}, listViewId ? `List view ${listViewId}` : 'All')),
        h('span', { class: 'count' }, `${list.length} items · sorted by Name`)),
      card(null, {}, list.length
        ? recordTable(list, meta ? meta.columns : ['Name'])
        : h('p', { class: 'empty-note' }, `There are no ${objectType} records in this playground.`)));
  }

  function flowView(view) {
    return h('div', { class: 'page', 'data-testid': 'flow-view' },
      card(`Flow launched: ${view.flowDevName}`, { tile: h('span', { class: 'object-tile', style: 'background:#ff538a' }, icon('flow')) },
        h('p', {}, 'Screen flows are not emulated; these are the input variables the flow received.'),
        view.flowArgs.length
          ? h('table', { class: 'data-table' }, h('thead', {}, h('tr', {}, ['Name', 'Type', 'Value'].map((c) => h('th', {}, c)))),
            h('tbody', {}, view.flowArgs.map((a) => h('tr', {}, h('td', {}, String(a && a.name)), h('td', {}, String(a && a.type)), h('td', {}, shown(a && a.value))))))
          : h('p', { class: 'empty-note' }, 'No input variables.')));
  }

  function urlView(url) {
    const visualforce = /^\/apex\//.test(url);
    return h('div', { class: 'page', 'data-testid': 'url-view' },
      card('Navigated to a URL', { tile: h('span', { class: 'object-tile', style: 'background:#7f8de1' }, icon('apps')) },
        h('p', {}, h('code', { class: 'url' }, url)),
        h('p', { class: 'empty-note' }, visualforce ? 'Visualforce pages are not emulated.' : 'This page is not emulated.')));
  }

  // The NEW_RECORD_MODAL pop: a small form prefilled with defaultFieldValues.
  function renderModal() {
    const root = $('modal-root');
    if (!state.modal) {
      root.replaceChildren();
      return;
    }
    const { entityName, defaultFieldValues } = state.modal;
    const meta = OBJECTS[entityName];
    const fields = [...new Set([...(meta ? meta.newFields : ['Name']), ...Object.keys(defaultFieldValues || {})])];
    const inputs = fields.map((f) => {
      const value = defaultFieldValues && defaultFieldValues[f] !== undefined ? shown(defaultFieldValues[f]) : '';
      return h('label', { class: 'form-field' }, h('span', {}, labelOf(f)), h('input', { name: f, value, autocomplete: 'off' }));
    });
    const form = h('form', {
      class: 'modal', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'modal-title', 'data-testid': 'new-record-modal',
      onsubmit: (event) => {
        event.preventDefault();
        const values = {};
        for (const input of form.querySelectorAll('input')) if (input.value.trim()) values[input.name] = input.value.trim();
        const record = store.create(entityName, values);
        toast(`${meta ? meta.label : entityName} “${record.Name}” was created.`, 'success');
        openRecord(record.Id);
      },
    },
    h('header', { class: 'modal-header' }, h('h2', { id: 'modal-title' }, `New ${meta ? meta.label : entityName}`),
      h('button', { type: 'button', class: 'icon-button', title: 'Cancel and close', onclick: closeModal }, icon('close'))),
    h('div', { class: 'modal-body' }, inputs),
    h('footer', { class: 'modal-footer' },
      h('button', { type: 'button', class: 'button', onclick: closeModal }, 'Cancel'),
      h('button', { type: 'submit', class: 'button brand' }, 'Save')));
    root.replaceChildren(h('div', { class: 'backdrop', onclick: (e) => { if (e.target === e.currentTarget) closeModal(); } }, form));
    const first = form.querySelector('input');
    if (first) first.focus();
  }

  // ------------------------------------------------------------------ chrome: utility bar and panel

  function setPanelVisible(visible) {
    state.panel.visible = visible;
    renderPanel();
  }

  function renderPanel() {
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

  function renderStatus() {
    document.body.classList.toggle('c2d-on', state.clickToDial);
    const c2d = state.clickToDial ? 'enabled' : 'disabled';
    $('c2d-chip').textContent = `Click-to-dial ${state.clickToDial ? 'on' : 'off'}`;
    $('c2d-chip').classList.toggle('on', state.clickToDial);
    $('st-c2d').textContent = c2d;
    $('st-listeners').textContent = `onClickToDial × ${state.listeners.onClickToDial}, onNavigationChange × ${state.listeners.onNavigationChange}`;
    $('st-panel').textContent = `${state.panel.visible ? 'open' : 'minimised'}, ${state.panel.width} × ${state.panel.height} px, “${state.panel.label}” (${state.panel.icon}); item “${state.item.label}” (${state.item.icon})`;
    $('st-init').textContent = state.initComplete ? 'notifyInitializationComplete received' : 'not notified';
    const answered = calls.filter((c) => !c.listener).length;
    $('utility-calls').textContent = `Open CTI: ${answered} call${answered === 1 ? '' : 's'}`;
  }

  function renderFaults() {
    const items = [];
    for (const [method, list] of failQueue) for (const error of list) items.push(`${method} fails: ${error.code} — ${error.description}`);
    for (const [method, count] of dropQueue) items.push(`${method} never answers${count > 1 ? ` (× ${count})` : ''}`);
    $('pending-faults').replaceChildren(...items.map((text) => h('li', {}, text)));
    $('pending-faults-empty').hidden = items.length > 0;
  }

  function renderCallCenter() {
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

  function wireSettings() {
    $('opt-latency').value = String(state.latencyMs);
    $('opt-latency').addEventListener('change', () => setLatency(numberOr($('opt-latency').value, 20)));
    $('opt-jitter').value = String(state.jitterMs);
    $('opt-jitter').addEventListener('change', () => setJitter(numberOr($('opt-jitter').value, 0)));
    $('opt-opencti').addEventListener('change', () => reloadSoftphone({ opencti: $('opt-opencti').checked }));
    $('btn-reload').addEventListener('click', () => reloadSoftphone({ opencti: $('opt-opencti').checked }));
    const methods = [...Object.keys(OPEN_CTI)].sort();
    $('fault-method').replaceChildren(...methods.map((m) => h('option', { value: m, selected: m === 'searchAndScreenPop' }, m)));
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
      renderFaults();
    });
  }

  function setLatency(ms) {
    state.latencyMs = Math.max(0, Number(ms) || 0);
    $('opt-latency').value = String(state.latencyMs);
  }
  function setJitter(ms) {
    state.jitterMs = Math.max(0, Number(ms) || 0);
    $('opt-jitter').value = String(state.jitterMs);
  }

  function failNext(method, error) {
    const fault = { code: (error && error.code) || 'GENERIC_ERROR', description: (error && error.description) || GENERIC_DESCRIPTION };
    if (error && error.details) fault.details = error.details;
    if (!failQueue.has(method)) failQueue.set(method, []);
    failQueue.get(method).push(fault);
    renderFaults();
  }
  function dropNext(method) {
    dropQueue.set(method, (dropQueue.get(method) || 0) + 1);
    renderFaults();
  }

  function reloadSoftphone({ opencti = true } = {}) {
    const [path, search = ''] = softphoneBase.split('?');
    const query = new URLSearchParams(search);
    if (opencti) query.delete('emu-no-opencti');
    else query.set('emu-no-opencti', '1');
    const rest = query.toString();
    const url = `${path}${rest ? `?${rest}` : ''}`;
    if (state.frameToken) retiredTokens.add(state.frameToken);
    state.frameToken = null;
    state.listeners.onClickToDial = 0;
    state.listeners.onNavigationChange = 0;
    state.clickToDial = false;
    state.initComplete = false;
    panelSizeFromSettings();
    $('opt-opencti').checked = opencti;
    softphoneFrame().src = `${env.appOrigin}${url}`;
    renderPanel();
    return url;
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

  function logEntry(entry) {
    let pill;
    let pillClass;
    if (entry.event) [pill, pillClass] = ['event →', 'event'];
    else if (entry.listener) [pill, pillClass] = ['listener', 'listener'];
    else if (entry.dropped) [pill, pillClass] = ['dropped', 'dropped'];
    else if (entry.response && entry.response.success) [pill, pillClass] = ['success', 'ok'];
    else [pill, pillClass] = [(entry.response && entry.response.errors && entry.response.errors[0] && entry.response.errors[0].code) || 'failed', 'failed'];

    const body = [];
    const args = preview(entry.args);
    if (args && args !== '{}') body.push(h('code', { class: 'log-args' }, entry.event ? `payload ${args}` : `args ${args}`));
    if (entry.response && !entry.event) {
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
        h('time', {}, time(entry.t)), h('b', { class: 'log-method' }, entry.method), h('span', { class: `pill ${pillClass}` }, pill)),
      body);
    const list = $('log-list');
    list.prepend(item);
    while (list.childElementCount > LOG_LIMIT) list.lastElementChild.remove();
    $('log-empty').hidden = true;
    $('log-badge').textContent = String(list.childElementCount);
    renderStatus();
  }

  // ------------------------------------------------------------------ chrome: toast

  let toastTimer = null;
  function toast(message, kind) {
    const node = $('toast');
    node.className = `toast ${kind || 'info'}`;
    node.replaceChildren(icon(kind === 'warning' ? 'warning' : kind === 'success' ? 'success' : 'info'), h('span', {}, message));
    node.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { node.hidden = true; }, 3500);
  }

  // ------------------------------------------------------------------ wiring

  function wireChrome() {
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

  // A sample Apex method like the Open CTI demo adapter's SoftphoneContactSearchController.
  apex.set('SoftphoneContactSearchController.getContacts', (params) => {
    const name = String(params.name || '').toLowerCase();
    const found = store.records.filter((r) => r.RecordType === 'Contact' && name && r.Name.toLowerCase().includes(name));
    return JSON.stringify(found.map((r) => ({ Id: r.Id, Name: r.Name, Phone: r.Phone || null })));
  });

  // ------------------------------------------------------------------ adapter configuration

  // CtiAdapterConfig.getConfiguration, as the package's Apex class answers it: the configuration
  // document of the call center named, or an error document (it never throws). The text is
  // answered verbatim, so a malformed document reaches the softphone as typed in the editor.
  const CONFIG_KEY = 'playground:adapter-config';
  function fixture() {
    const config = JSON.parse(window.__PLAYGROUND_CONFIG_FIXTURE || '{}');
    // The one difference from the contract fixture: the playground's CCP is the emulator.
    if (config.adapter) config.adapter.connectInstance = env.ccpUrl;
    return config;
  }
  const fixtureText = () => JSON.stringify(fixture(), null, 2);
  let configText = (() => {
    try {
      return localStorage.getItem(CONFIG_KEY) ?? fixtureText();
    } catch {
      return fixtureText();
    }
  })();
  function storeConfig(text) {
    configText = text;
    try {
      if (text === fixtureText()) localStorage.removeItem(CONFIG_KEY);
      else localStorage.setItem(CONFIG_KEY, text);
    } catch { /* storage off: the edit lasts for this page */ }
    $('config-text').value = text;
  }
  const errorDocument = (code, message) => JSON.stringify({ schemaVersion: 1, error: { code, message } });
  apex.set('CtiAdapterConfig.getConfiguration', (params) => {
    const name = String(params.callCenterName || '').trim();
    if (!name) return errorDocument('MISSING_PARAMETER', 'callCenterName is required: the internal name of the call center (Call Center Definition Name).');
    let ownName = null;
    try {
      ownName = JSON.parse(configText)?.adapter?.callCenterName ?? null;
    } catch { /* a malformed document is answered as it is */ }
    if (ownName !== null && ownName !== name) return errorDocument('ADAPTER_NOT_FOUND', `No CTI Adapter record has Call Center Definition Name ${name}.`);
    return configText;
  });

  // The editor's checks: JSON syntax with its position, and the document's shape. The softphone
  // itself validates every field (⚙ Configuration); these help while typing.
  function position(text, error) {
    const match = /position (\d+)/.exec(error.message);
    // V8 gives no position when the text simply ends: the end is the position.
    const at = match ? Number(match[1]) : /Unexpected end/.test(error.message) ? text.length : null;
    if (at === null) return '';
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    return `line ${line} column ${before.length - before.lastIndexOf('\n')}: `;
  }
  function validateConfig(text) {
    let doc;
    try {
      doc = JSON.parse(text);
    } catch (error) {
      return [{ level: 'error', text: `${position(text, error)}${error.message}` }];
    }
    const messages = [];
    const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
    if (!isObject(doc)) return [{ level: 'error', text: 'the document must be a JSON object' }];
    if (doc.error) return [{ level: 'warning', text: `an error document (${doc.error.code}): the softphone will report it` }];
    if (doc.schemaVersion !== 1) messages.push({ level: 'warning', text: `schemaVersion: ${JSON.stringify(doc.schemaVersion)}, expected 1` });
    if (!isObject(doc.adapter)) messages.push({ level: 'error', text: 'adapter: must be an object' });
    for (const key of ['attributes', 'presenceRules', 'flows', 'features']) {
      const list = doc[key];
      if (list === undefined || list === null) continue;
      if (!Array.isArray(list)) {
        messages.push({ level: 'error', text: `${key}: must be an array` });
        continue;
      }
      list.forEach((item, i) => { if (!isObject(item)) messages.push({ level: 'error', text: `${key}[${i}]: must be an object` }); });
    }
    (Array.isArray(doc.flows) ? doc.flows : []).forEach((flow, i) => {
      if (!isObject(flow)) return;
      if (typeof flow.body !== 'string') {
        messages.push({ level: 'error', text: `flows[${i}].body: must be a string holding the flow JSON` });
        return;
      }
      try {
        JSON.parse(flow.body);
      } catch (error) {
        messages.push({ level: 'error', text: `flows[${i}].body: ${position(flow.body, error)}${error.message}` });
      }
    });
    return messages;
  }
  function showConfigMessages(messages, savedNote) {
    const items = messages.map((m) => h('li', { class: m.level }, `${m.level}: ${m.text}`));
    if (!messages.length) items.push(h('li', {}, 'No syntax or shape problems.'));
    if (savedNote) items.push(h('li', { class: messages.some((m) => m.level === 'error') ? 'warning' : '' }, savedNote));
    $('config-messages').replaceChildren(...items);
  }
  function setConfig(next) {
    const text = typeof next === 'string' ? next : JSON.stringify(next, null, 2);
    storeConfig(text);
    return text;
  }
  function wireConfigEditor() {
    $('config-text').value = configText;
    $('config-validate').addEventListener('click', () => showConfigMessages(validateConfig($('config-text').value)));
    $('config-save').addEventListener('click', () => {
      const text = $('config-text').value;
      const messages = validateConfig(text);
      setConfig(text);
      showConfigMessages(messages, messages.some((m) => m.level === 'error')
        ? 'Saved with errors, as asked: the softphone receives this text and reports what it cannot use.'
        : 'Saved; the softphone reloads with it.');
      reloadSoftphone({ opencti: $('opt-opencti').checked });
    });
    $('config-reset').addEventListener('click', () => {
      setConfig(fixtureText());
      showConfigMessages([], 'Back to the contract fixture (not reloaded yet).');
    });
  }

  // ------------------------------------------------------------------ test API

  const hostEmu = (window.hostEmu = window.hostEmu || {});
  Object.assign(hostEmu, {
    calls,
    events,
    records: store.records,
    FIXTURES: store.FIXTURES,
    failNext,
    dropNext,
    setLatency,
    setJitter,
    clickToDial,
    // Clicks the first phone link (or the one of `field`) on the record's page, as a person would.
    clickPhoneOf(recordId, field) {
      if (!openRecord(recordId)) throw new Error(`no record ${recordId}`);
      const links = [...$('main').querySelectorAll('[data-testid=record-view] .phone-link')]
        .filter((a) => a.dataset.recordId === store.find(recordId).Id && (!field || a.dataset.field === field));
      if (!links.length) throw new Error(`record ${recordId} shows no ${field || 'phone'} link`);
      let delivered = false;
      const before = events.length;
      links[0].click();
      delivered = events.length > before;
      return delivered;
    },
    openRecord,
    currentView,
    viewInfo,
    search: (term) => search(term).map((r) => r.Id),
    clickToDialEnabled: () => state.clickToDial,
    listenerCount: (name) => state.listeners[name] || 0,
    panel: () => ({ ...state.panel, item: { ...state.item }, initComplete: state.initComplete }),
    setSettings(partial) {
      for (const [key, value] of Object.entries(partial || {})) {
        if (value === undefined || value === null) delete settings[key];
        else settings[key] = String(value);
      }
      renderCallCenter();
      return { ...settings };
    },
    resetSettings() {
      settings = defaultSettings();
      renderCallCenter();
    },
    setLayout(next) { layout = clone(next); },
    registerApex(apexClass, methodName, fn) { apex.set(`${apexClass}.${methodName}`, fn); },
    fixture,
    setConfig,
    resetConfig: () => setConfig(fixtureText()),
    reloadSoftphone,
    softphoneFrame,
    // For a later presence emulator: another apiType on the same wire.
    registerApi,
    emit,
  });
  Object.defineProperty(hostEmu, 'settings', { get: () => ({ ...settings }), enumerable: true, configurable: true });
  Object.defineProperty(hostEmu, 'config', { get: () => configText, enumerable: true, configurable: true });
  Object.defineProperty(hostEmu, 'layout', { get: () => clone(layout), enumerable: true, configurable: true });

  // ------------------------------------------------------------------ start

  wireChrome();
  wireSettings();
  wireConfigEditor();
  panelSizeFromSettings();
  renderPanel();
  renderCallCenter();
  renderFaults();
  renderMain();
  softphoneFrame().src = `${env.appOrigin}${softphoneBase}`;
})();
