// Lightning host emulator: the top frame of the playground. It hosts the softphone in a docked
// utility-bar panel, answers the Open CTI calls that `sforce-bridge.js` forwards from it (with the
// documented response shapes, asynchronously and exactly once), keeps fake records, shows record,
// search and list views where screen pops land, fires click-to-dial from phone links, and logs
// every call. Test API: `window.hostEmu`.
(function () {
  'use strict';
  const env = window.__PLAYGROUND_ENV;
  const { records, byId, FIXTURES, PHONE_FIELDS } = window.hostRecords;
  const $ = (id) => document.getElementById(id);

  // ------------------------------------------------------------------ state
  const state = {
    latencyMs: 20,
    clickToDial: false,
    listeners: { onClickToDial: 0, onNavigationChange: 0 },
    panel: { visible: true, height: 570, width: 330, label: 'Phone', icon: 'call' },
    item: { label: 'Phone', icon: 'call' },
    view: { kind: 'home' },
    failNext: new Map(),
    dropNext: new Set(),
    apex: new Map(),
    logs: [],
    initComplete: false,
  };
  const calls = [];

  let settings = {
    '/displayNameLabel': 'Display Name', '/internalNameLabel': 'Internal Name', '/label': 'AC Lightning Adapter',
    '/reqGeneralInfo/label': 'General Information', '/reqGeneralInfo/sortOrder': '0.0',
    '/reqGeneralInfo/reqInternalName': 'ACLightningAdapter',
    '/reqGeneralInfo/reqDisplayName': 'AC Lightning Adapter',
    '/reqGeneralInfo/reqAdapterUrl': '/apex/AC_LightningAdapter?ccpVersion=2',
    '/reqGeneralInfo/reqAdapterUrl/label': 'CTI Adapter URL', '/reqGeneralInfo/reqAdapterUrl/sortOrder': '2.0',
    '/reqGeneralInfo/reqUseApi': 'true',
    '/reqGeneralInfo/reqSoftphoneHeight': '570', '/reqGeneralInfo/reqSoftphoneWidth': '330',
    '/reqGeneralInfo/reqSalesforceCompatibilityMode': 'Lightning',
    '/reqConnect/label': 'Amazon Connect', '/reqConnect/sortOrder': '1.0',
    '/reqConnect/reqCcpUrl': env.ccpUrl, '/reqConnect/reqCcpUrl/label': 'CCP URL', '/reqConnect/reqCcpUrl/sortOrder': '0.0',
    '/reqConnect/reqRegion': 'us-east-1', '/reqConnect/reqRegion/label': 'Region', '/reqConnect/reqRegion/sortOrder': '1.0',
    '/reqConnect/reqDefaultCountry': 'US', '/reqConnect/reqDefaultCountry/label': 'Default country', '/reqConnect/reqDefaultCountry/sortOrder': '2.0',
  };
  const objects = (names) => Object.fromEntries(names.map((n) => [n, [{ displayName: 'Name', apiName: 'Name' }, { displayName: 'Phone', apiName: 'Phone' }]]));
  const layoutSection = {
    callRelatedFields: ['ANI', 'DNIS', 'QUEUE'],
    objects: objects(['Contact', 'Account', 'Lead', 'Case']),
    screenPopSettings: {
      screenPopsOpenWithin: 'ExistingWindow',
      NoMatch: { screenPopType: 'PopToSearch' },
      SingleMatch: { screenPopType: 'PopToEntity' },
      MultipleMatches: { screenPopType: 'PopToSearch' },
    },
  };
  const layout = { Inbound: layoutSection, Outbound: layoutSection, Internal: layoutSection };

  // ------------------------------------------------------------- Open CTI
  const frame = () => $('softphone');
  const success = (returnValue) => ({ success: true, returnValue, errors: null });
  const failure = (code, description) => ({ success: false, returnValue: null, errors: [{ code, description }] });
  const invalid = (name, expected, found) => failure('INVALID_PARAM',
    `An invalid value was passed to the parameter ${name}. ${expected} was expected, but ${String(found).toUpperCase()} was found instead.`);

  window.addEventListener('message', (event) => {
    const softphone = frame();
    if (!softphone || event.source !== softphone.contentWindow || event.origin !== location.origin) return;
    const data = event.data;
    if (!data || data.apiType !== 'opencti' || typeof data.methodName !== 'string') return;
    if (data.register) {
      if (data.methodName in state.listeners) state.listeners[data.methodName]++;
      log({ method: `${data.methodName} (listener)`, args: {}, response: null });
      return renderSettings();
    }
    handleCall(data.methodName, data.callId, data.args || {}, data.isCallbackRegistered !== false);
  });

  function handleCall(method, callId, args, wantsReply) {
    const entry = { t: new Date(), method, args, response: null };
    calls.push(entry);
    if (state.dropNext.has(method)) {
      state.dropNext.delete(method);
      entry.response = '(dropped: never answered)';
      return log(entry);
    }
    let response;
    const injected = state.failNext.get(method);
    if (injected) {
      state.failNext.delete(method);
      response = failure(injected.code, injected.description);
    } else {
      try {
        response = answer(method, args);
      } catch (error) {
        response = failure('GENERIC_ERROR', `An error occurred while calling the API method. (${error.message})`);
      }
    }
    entry.response = response;
    log(entry);
    if (!wantsReply) return;
    setTimeout(() => {
      const softphone = frame();
      if (softphone && softphone.contentWindow) {
        softphone.contentWindow.postMessage({ apiType: 'opencti', methodName: method, callId, response }, location.origin);
      }
    }, state.latencyMs);
  }

  function emit(methodName, payload) {
    const softphone = frame();
    if (!softphone || !softphone.contentWindow) return;
    setTimeout(() => softphone.contentWindow.postMessage({ apiType: 'opencti', methodName, event: true, response: payload }, location.origin), state.latencyMs);
  }

  function answer(method, args) {
    switch (method) {
      case 'getCallCenterSettings': return success({ ...settings });
      case 'getSoftphoneLayout': return success(JSON.parse(JSON.stringify(layout)));
      case 'enableClickToDial': state.clickToDial = true; renderAll(); return success(null);
      case 'disableClickToDial': state.clickToDial = false; renderAll(); return success(null);
      case 'searchAndScreenPop': return searchAndScreenPop(args);
      case 'screenPop': return screenPop(args);
      case 'runApex': {
        const fn = state.apex.get(`${args.apexClass}.${args.methodName}`);
        if (!fn) return failure('SERVER_ERROR', `Could not load Apex class: ${args.apexClass}.`);
        return success({ runApex: String(fn(args.methodParams)) });
      }
      case 'saveLog': {
        const id = `00T5g00000${String(calls.length).padStart(5, '0')}AAA`.slice(0, 18);
        records.push({ ...(args.object || {}), Id: id, RecordType: (args.object && args.object.entityApiName) || 'Task', Name: (args.object && args.object.Subject) || 'Call' });
        byId.set(id, records[records.length - 1]);
        return success(id);
      }
      case 'refreshView': render(); return success(null);
      case 'getAppViewInfo': return success(appViewInfo());
      case 'isSoftphonePanelVisible': return success({ visible: state.panel.visible });
      case 'notifyInitializationComplete': state.initComplete = true; return success(null);
      case 'setSoftphonePanelVisibility': state.panel.visible = !!args.visible; renderPanel(); return success(null);
      case 'setSoftphonePanelHeight':
        if (typeof args.heightPX !== 'number' || args.heightPX < 240 || args.heightPX > 2560) return invalid('heightPX', 'A numeric value between 240 and 2560', args.heightPX);
        state.panel.height = args.heightPX; renderPanel(); return success(null);
      case 'setSoftphonePanelWidth':
        if (typeof args.widthPX !== 'number' || args.widthPX < 200 || args.widthPX > 1920) return invalid('widthPX', 'A numeric value between 200 and 1920', args.widthPX);
        state.panel.width = args.widthPX; renderPanel(); return success(null);
      case 'setSoftphonePanelLabel': state.panel.label = String(args.label || ''); renderPanel(); return success(null);
      case 'setSoftphonePanelIcon': state.panel.icon = String(args.key || ''); renderPanel(); return success(null);
      case 'setSoftphoneItemLabel': state.item.label = String(args.label || ''); renderPanel(); return success(null);
      case 'setSoftphoneItemIcon': state.item.icon = String(args.key || ''); renderPanel(); return success(null);
      default: return failure('GENERIC_ERROR', `An error occurred while calling the API method. (${method} is not an Open CTI method)`);
    }
  }

  const onlyDigits = (text) => String(text || '').replace(/\D/g, '');
  function phoneMatches(term, stored) {
    const a = onlyDigits(term);
    const b = onlyDigits(stored);
    if (!a || !b) return false;
    return a === b || (a.length >= 10 && b.length >= 10 && a.slice(-10) === b.slice(-10));
  }
  function search(term) {
    const text = String(term || '').trim();
    const lower = text.toLowerCase();
    return records.filter((r) => PHONE_FIELDS.some((f) => r[f] && phoneMatches(text, r[f]))
      || (lower.length >= 2 && ['Name', 'Email', 'Subject', 'Company', 'Id'].some((f) => r[f] && String(r[f]).toLowerCase().includes(lower))));
  }
  const summary = (r) => ({ Id: r.Id, Name: r.Name, RecordType: r.RecordType, ...(r.Phone ? { Phone: r.Phone } : {}) });

  function searchAndScreenPop(args) {
    if (!args.callType) return invalid('callType', 'A value of sforce.opencti.CALL_TYPE', args.callType);
    if (typeof args.searchParams !== 'string') return invalid('searchParams', 'A string value', args.searchParams);
    const matches = search(args.searchParams);
    const result = Object.fromEntries(matches.map((r) => [r.Id, summary(r)]));
    const pop = matches.length === 1 ? { type: 'sobject', params: { recordId: matches[0].Id } } : { type: 'search', params: { searchString: args.searchParams } };
    if (args.deferred) {
      result.SCREEN_POP_DATA = pop;
    } else if (matches.length === 1) {
      navigate({ kind: 'record', recordId: matches[0].Id });
    } else {
      navigate({ kind: 'search', term: args.searchParams });
    }
    return success(result);
  }

  function screenPop({ type, params = {} }) {
    switch (type) {
      case 'sobject':
        if (!byId.has(params.recordId)) return failure('GENERIC_ERROR', `The record ${params.recordId} was not found.`);
        navigate({ kind: 'record', recordId: params.recordId });
        return success(null);
      case 'url': navigate({ kind: 'url', url: String(params.url || '') }); return success(null);
      case 'objecthome': navigate({ kind: 'list', scope: params.scope }); return success(null);
      case 'list': navigate({ kind: 'list', scope: params.scope, listViewId: params.listViewId }); return success(null);
      case 'search':
        if (!params.searchString || String(params.searchString).length < 3) return invalid('searchString', 'A string of at least 3 characters', params.searchString);
        navigate({ kind: 'search', term: params.searchString });
        return success(null);
      case 'newRecord': navigate({ kind: 'new', entityName: params.entityName, defaults: params.defaultFieldValues || {} }); return success(null);
      case 'flow': navigate({ kind: 'flow', flow: params.flowDevName, flowArgs: params.flowArgs || [] }); return success(null);
      default: return invalid('type', 'A value of sforce.opencti.SCREENPOP_TYPE', type);
    }
  }

  function appViewInfo() {
    const record = state.view.kind === 'record' ? byId.get(state.view.recordId) : null;
    return { url: location.href, recordId: record ? record.Id : '', recordName: record ? record.Name : '', objectType: record ? record.RecordType : '' };
  }

  function navigate(view) {
    state.view = view;
    render();
    if (state.listeners.onNavigationChange) emit('onNavigationChange', appViewInfo());
  }

  // A person clicks a phone number on a record.
  function clickToDial(payload) {
    if (!state.clickToDial || !state.listeners.onClickToDial) {
      toast('Click-to-dial is not enabled: sign in to the softphone first.');
      return false;
    }
    log({ t: new Date(), method: 'onClickToDial (event)', args: payload, response: null });
    emit('onClickToDial', payload);
    return true;
  }

  // ------------------------------------------------------------- rendering
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (key === 'class') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else if (key === 'dataset') Object.assign(node.dataset, value);
      else node.setAttribute(key, value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function phoneLink(record, field) {
    const value = record[field];
    return el('a', {
      href: '#', class: state.clickToDial ? 'phone' : 'phone disabled', dataset: { phoneOf: record.Id, field },
      title: state.clickToDial ? 'Click to dial' : 'Click-to-dial is off',
      onclick: (event) => { event.preventDefault(); clickToDial({ number: value, recordId: record.Id, recordName: record.Name, objectType: record.RecordType }); },
    }, '☎ ', value);
  }

  function recordLink(record) {
    return el('a', { href: '#', onclick: (e) => { e.preventDefault(); navigate({ kind: 'record', recordId: record.Id }); } }, record.Name);
  }

  const FIELD_ORDER = ['Name', 'Subject', 'Title', 'Company', 'Phone', 'MobilePhone', 'Email', 'Status', 'Priority', 'BillingCity', 'Industry', 'AccountId', 'ContactId', 'Id'];
  function recordView(record) {
    const rows = FIELD_ORDER.filter((f) => record[f]).map((field) => {
      let value = record[field];
      if (PHONE_FIELDS.includes(field)) value = phoneLink(record, field);
      else if ((field === 'AccountId' || field === 'ContactId') && byId.has(value)) value = recordLink(byId.get(value));
      return el('div', { class: 'field' }, el('dt', {}, field), el('dd', {}, value));
    });
    const related = records.filter((r) => r.AccountId === record.Id || r.ContactId === record.Id).slice(0, 8);
    return el('article', { class: 'card', 'data-testid': 'record-view', 'data-record-id': record.Id },
      el('header', { class: 'card-header' }, el('span', { class: `badge badge-${record.RecordType.toLowerCase()}` }, record.RecordType), el('h1', {}, record.Name)),
      el('dl', { class: 'fields' }, rows),
      related.length ? el('section', { class: 'related' }, el('h2', {}, 'Related'), el('ul', {}, related.map((r) => el('li', {}, `${r.RecordType}: `, recordLink(r))))) : null);
  }

  function table(list) {
    return el('table', { class: 'list' },
      el('thead', {}, el('tr', {}, ['Name', 'Type', 'Phone', 'Email / Subject'].map((h) => el('th', {}, h)))),
      el('tbody', {}, list.map((r) => el('tr', {}, el('td', {}, recordLink(r)), el('td', {}, r.RecordType),
        el('td', {}, r.Phone ? phoneLink(r, 'Phone') : ''), el('td', {}, r.Email || r.Subject || '')))));
  }

  function render() {
    const view = state.view;
    let content;
    if (view.kind === 'record') {
      const record = byId.get(view.recordId);
      content = record ? recordView(record) : el('p', {}, 'Record not found.');
    } else if (view.kind === 'search') {
      const found = search(view.term);
      content = el('section', { class: 'card', 'data-testid': 'search-view' },
        el('h1', {}, `Search results for “${view.term}”`),
        found.length ? table(found) : el('p', { class: 'muted' }, 'No matches. Try another number or name.'));
    } else if (view.kind === 'list') {
      const scope = view.scope || 'Contact';
      content = el('section', { class: 'card' }, el('h1', {}, `${scope}s`), table(records.filter((r) => r.RecordType === scope)));
    } else if (view.kind === 'new') {
      content = el('section', { class: 'card modal' }, el('h1', {}, `New ${view.entityName}`),
        el('dl', { class: 'fields' }, Object.entries(view.defaults).map(([k, v]) => el('div', { class: 'field' }, el('dt', {}, k), el('dd', {}, String(v))))));
    } else if (view.kind === 'flow') {
      content = el('section', { class: 'card' }, el('h1', {}, `Flow launched: ${view.flow}`), el('pre', {}, JSON.stringify(view.flowArgs, null, 2)));
    } else if (view.kind === 'url') {
      content = el('section', { class: 'card' }, el('h1', {}, 'Navigated to URL'), el('code', {}, view.url));
    } else {
      content = el('section', { class: 'card' },
        el('h1', {}, 'Welcome to the playground'),
        el('p', {}, 'This page emulates a Salesforce Lightning console. The softphone in the utility bar below is the real build; its CCP is an Amazon Connect emulator on another origin.'),
        el('ol', {},
          el('li', {}, 'In the softphone, set the agent to Available in the CCP.'),
          el('li', {}, 'Use “Amazon Connect (emulated)” on the right to place an inbound call: the matching record pops here.'),
          el('li', {}, 'Open a record and click a phone number to dial it.')),
        el('h2', {}, 'Try these records'),
        table(Object.values(FIXTURES).map((f) => byId.get(f.id))));
    }
    $('main').replaceChildren(content);
    renderNav();
  }

  function renderNav() {
    for (const tab of document.querySelectorAll('[data-scope]')) {
      tab.classList.toggle('active', state.view.kind === 'list' && (state.view.scope || 'Contact') === tab.dataset.scope);
    }
  }

  function renderPanel() {
    const panel = $('utility-panel');
    panel.hidden = !state.panel.visible;
    panel.style.width = `${state.panel.width}px`;
    panel.style.height = `${state.panel.height}px`;
    $('panel-label').textContent = state.panel.label;
    $('panel-icon').textContent = icon(state.panel.icon);
    $('item-label').textContent = state.item.label;
    $('item-icon').textContent = icon(state.item.icon);
    $('utility-item').classList.toggle('open', state.panel.visible);
  }
  const ICONS = { call: '☎', end_call: '✆', incoming_call: '☏', outbound_call: '↗' };
  const icon = (key) => ICONS[key] || '☎';

  function log(entry) {
    const list = $('log-list');
    const text = (v) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
    const item = el('li', { class: entry.response && entry.response.success === false ? 'failed' : '' },
      el('div', { class: 'log-head' }, el('time', {}, new Date().toLocaleTimeString()), ' ', el('b', {}, entry.method)),
      el('code', {}, `args ${text(entry.args)}`),
      entry.response !== null ? el('code', {}, `→ ${text(entry.response)}`) : null);
    list.prepend(item);
    while (list.children.length > 300) list.lastChild.remove();
  }

  function renderSettings() {
    $('c2d-status').textContent = state.clickToDial ? 'enabled' : 'disabled';
    $('listener-status').textContent = `${state.listeners.onClickToDial} click-to-dial listener(s)`;
  }

  function renderAll() { render(); renderSettings(); }

  let toastTimer;
  function toast(message) {
    const node = $('toast');
    node.textContent = message;
    node.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { node.hidden = true; }, 3000);
  }

  function reloadSoftphone({ opencti = true } = {}) {
    state.clickToDial = false;
    state.listeners.onClickToDial = 0;
    state.listeners.onNavigationChange = 0;
    $('opencti-available').checked = opencti;
    const query = new URLSearchParams(softphoneUrl.split('?')[1] || '');
    if (opencti) query.delete('emu-no-opencti'); else query.set('emu-no-opencti', '1');
    const rest = query.toString();
    frame().src = `${softphoneUrl.split('?')[0]}${rest ? `?${rest}` : ''}`;
    renderAll();
  }

  // --------------------------------------------------------------- wiring
  $('utility-item').addEventListener('click', () => { state.panel.visible = !state.panel.visible; renderPanel(); });
  $('panel-minimize').addEventListener('click', () => { state.panel.visible = false; renderPanel(); });
  $('search-form').addEventListener('submit', (e) => { e.preventDefault(); navigate({ kind: 'search', term: $('search').value }); });
  $('home').addEventListener('click', (e) => { e.preventDefault(); navigate({ kind: 'home' }); });
  for (const tab of document.querySelectorAll('[data-scope]')) {
    tab.addEventListener('click', (e) => { e.preventDefault(); navigate({ kind: 'list', scope: tab.dataset.scope }); });
  }
  for (const tab of document.querySelectorAll('[data-tab]')) {
    tab.addEventListener('click', () => {
      for (const other of document.querySelectorAll('[data-tab]')) other.classList.toggle('active', other === tab);
      for (const pane of document.querySelectorAll('[data-pane]')) pane.hidden = pane.dataset.pane !== tab.dataset.tab;
    });
  }
  $('log-clear').addEventListener('click', () => $('log-list').replaceChildren());
  $('latency').addEventListener('change', () => { state.latencyMs = Math.max(0, Number($('latency').value) || 0); });
  $('fail-form').addEventListener('submit', (e) => {
    e.preventDefault();
    state.failNext.set($('fail-method').value, { code: $('fail-code').value, description: $('fail-description').value });
    toast(`The next ${$('fail-method').value} call will fail.`);
  });
  $('reload').addEventListener('click', () => reloadSoftphone({ opencti: $('opencti-available').checked }));
  $('opencti-available').addEventListener('change', () => reloadSoftphone({ opencti: $('opencti-available').checked }));
  $('ccp-controls').src = `${env.ccpOrigin}/ccp-v2/control`;
  // `?softphone=/path` hosts another same-origin page in the panel (the benchmark's bare page).
  const requested = new URLSearchParams(location.search).get('softphone');
  const softphoneUrl = requested && requested.startsWith('/') && !requested.startsWith('//') ? requested : '/app/index.html';
  frame().src = softphoneUrl;

  // ------------------------------------------------------------- test API
  window.hostEmu = {
    calls,
    records,
    FIXTURES,
    settings: () => ({ ...settings }),
    setSettings(partial) { settings = { ...settings, ...partial }; },
    failNext(method, error) { state.failNext.set(method, error || { code: 'GENERIC_ERROR', description: 'An error occurred while calling the API method.' }); },
    dropNext(method) { state.dropNext.add(method); },
    setLatency(ms) { state.latencyMs = ms; $('latency').value = String(ms); },
    clickToDial,
    clickPhoneOf(recordId, field = 'Phone') {
      navigate({ kind: 'record', recordId });
      const link = document.querySelector(`[data-phone-of="${recordId}"][data-field="${field}"]`);
      if (!link) throw new Error(`record ${recordId} has no ${field} link`);
      link.click();
      return true;
    },
    openRecord(recordId) { navigate({ kind: 'record', recordId }); },
    currentView: () => ({ ...state.view }),
    clickToDialEnabled: () => state.clickToDial,
    listenerCount: (name) => state.listeners[name] || 0,
    reloadSoftphone,
    registerApex(apexClass, methodName, fn) { state.apex.set(`${apexClass}.${methodName}`, fn); },
    softphoneFrame: frame,
  };

  renderPanel();
  renderAll();
})();
