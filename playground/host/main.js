// Lightning host emulator (development and tests only): the top frame of the playground.
//
// It looks like a Lightning console (record, search, list and new-record views, a utility bar
// whose "Phone" item docks the softphone panel) and it answers the Open CTI calls that
// sforce-bridge.js forwards from the softphone iframe, with Salesforce's response shape
// `{success, returnValue, errors}`, asynchronously and exactly once (docs/opencti-contract.md),
// and the Omni-Channel presence calls (`sforce.console.presence`, flat results, §8 there).
// Phone links fire click-to-dial; every navigation fires onNavigationChange. Every call is logged.
//
// This file registers the APIs, exposes the test API `window.hostEmu` and starts the page. The
// parts, each a module: core.js (environment, state, logs) · callcenter.js (call center settings
// and softphone layout) · wire.js (apiType router, answers, events, softphone reloads) ·
// opencti.js (the Open CTI methods) · navigation.js (search, where the page is, click-to-dial) ·
// views.js (the pages and the new-record modal) · dom.js (element builder, icons, toast) ·
// chrome.js (utility bar, panel, Settings tab, log) · config.js (the adapter configuration and
// its editor) · presence.js (Omni-Channel presence: `sforce.console.presence`, apiType 'presence')
// · omni-widget.js (the Omni-Channel utility item) · remoting.js (Visualforce remoting for the
// CTI Attributes tab, the package's attributes editor page).
import { $, env, state, calls, events, apex, store, clone, softphoneBase } from './core.js';
import { callCenter, defaultSettings, panelSizeFromSettings } from './callcenter.js';
import { listen, registerApi, emit, reloadSoftphone, softphoneFrame, pageFrame } from './wire.js';
import { openCtiApi } from './opencti.js';
import { search, openRecord, currentView, viewInfo, clickToDial, navigate } from './navigation.js';
import { renderMain, VF_TABS } from './views.js';
import {
  wireChrome, wireSettings, renderPanel, renderCallCenter, renderFaults, failNext, delayNext, dropNext, setLatency, setJitter,
} from './chrome.js';
import { fixture, currentConfig, setConfig, resetConfig, getConfiguration, wireConfigEditor } from './config.js';
import { remotingApi, remotingTestApi } from './remoting.js';
import { presenceApi, presenceTestApi, serviceChannelOfWork } from './presence.js';
import { wireOmniWidget } from './omni-widget.js';

listen();
registerApi('opencti', openCtiApi);
registerApi('presence', presenceApi);
registerApi('remoting', remotingApi);

// A sample Apex method like the Open CTI demo adapter's SoftphoneContactSearchController.
apex.set('SoftphoneContactSearchController.getContacts', (params) => {
  const name = String(params.name || '').toLowerCase();
  const found = store.records.filter((r) => r.RecordType === 'Contact' && name && r.Name.toLowerCase().includes(name));
  return JSON.stringify(found.map((r) => ({ Id: r.Id, Name: r.Name, Phone: r.Phone || null })));
});
apex.set('CtiAdapterConfig.getConfiguration', getConfiguration);
// CtiPresenceStatuses.getStatuses, as the package's Apex class answers it: the org's Omni-Channel
// presence statuses (records.js `OMNI`), ordered by DeveloperName.
apex.set('CtiPresenceStatuses.getStatuses', () => JSON.stringify(
  store.OMNI.statuses
    .map(({ id, developerName, label }) => ({ id, developerName, label }))
    .sort((a, b) => (a.developerName < b.developerName ? -1 : a.developerName > b.developerName ? 1 : 0)),
));
// CtiPresenceStatuses.getServiceChannel (methodParams `workId=0Bz…`): the service channel an
// accepted work item came through, which Omni's WORK_ACCEPTED does not say.
apex.set('CtiPresenceStatuses.getServiceChannel', (params) => JSON.stringify({
  developerName: serviceChannelOfWork(params.workId),
}));

// ------------------------------------------------------------------ test API

const hostEmu = (window.hostEmu = window.hostEmu || {});
Object.assign(hostEmu, {
  calls,
  events,
  records: store.records,
  FIXTURES: store.FIXTURES,
  failNext,
  delayNext,
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
    const { settings } = callCenter;
    for (const [key, value] of Object.entries(partial || {})) {
      if (value === undefined || value === null) delete settings[key];
      else settings[key] = String(value);
    }
    renderCallCenter();
    return { ...settings };
  },
  resetSettings() {
    callCenter.settings = defaultSettings();
    renderCallCenter();
  },
  setLayout(next) { callCenter.layout = clone(next); },
  registerApex(apexClass, methodName, fn) { apex.set(`${apexClass}.${methodName}`, fn); },
  fixture,
  setConfig,
  resetConfig,
  // A Visualforce tab in the main area (`CtiAttributeEditor`: the CTI attributes editor).
  openTab(tab) {
    if (!VF_TABS[tab]) throw new Error(`no Visualforce tab ${tab}`);
    return navigate({ kind: 'tab', tab });
  },
  pageFrame,
  remoting: remotingTestApi,
  reloadSoftphone,
  softphoneFrame,
  presence: presenceTestApi,
  // Another apiType on the same wire (as presence.js does).
  registerApi,
  emit,
});
Object.defineProperty(hostEmu, 'settings', { get: () => ({ ...callCenter.settings }), enumerable: true, configurable: true });
Object.defineProperty(hostEmu, 'config', { get: currentConfig, enumerable: true, configurable: true });
Object.defineProperty(hostEmu, 'layout', { get: () => clone(callCenter.layout), enumerable: true, configurable: true });

// ------------------------------------------------------------------ start

wireChrome();
wireSettings();
wireConfigEditor();
wireOmniWidget();
panelSizeFromSettings();
renderPanel();
renderCallCenter();
renderFaults();
renderMain();
softphoneFrame().src = `${env.appOrigin}${softphoneBase}`;
