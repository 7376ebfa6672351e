// Lightning host emulator: the pages of the main area (home, record, search results, list, flow,
// URL) and the new-record modal, drawn from the record store. Phone links on them fire
// click-to-dial; record links navigate.
import { $, env, state, store, OBJECTS, FIELD_LABELS, LOOKUP_FIELDS, shown } from './core.js';
import { h, icon, toast } from './dom.js';
import { search, openRecord, closeModal, clickToDial, metaOf, dialableFieldsOf } from './navigation.js';

// ------------------------------------------------------------------ record parts

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

// ------------------------------------------------------------------ pages

// The main area: the view `state.view` names, with the matching navigation tab highlighted.
export function renderMain() {
  const view = state.view;
  // A Visualforce tab keeps its page while it is shown (a refreshView does not reload it, as in
  // Lightning, where a tab's iframe outlives refreshes): its unsaved edits stay.
  const shownPage = $('vf-page');
  if (view.kind === 'tab' && shownPage && shownPage.dataset.tab === view.tab) {
    highlightNav(view);
    return;
  }
  let content;
  switch (view.kind) {
    case 'tab': content = tabView(view.tab); break;
    case 'record': content = recordView(store.find(view.recordId)); break;
    case 'search': content = searchView(view.term); break;
    case 'list': content = listView(view.objectType, view.listViewId); break;
    case 'flow': content = flowView(view); break;
    case 'url': content = urlView(view.url); break;
    default: content = homeView();
  }
  $('main').replaceChildren(content);
  $('main').scrollTop = 0;
  highlightNav(view);
}

function highlightNav(view) {
  for (const tab of document.querySelectorAll('[data-nav]')) {
    const active = tab.dataset.nav === 'home' ? view.kind === 'home' : view.kind === 'list' && view.objectType === tab.dataset.nav
      || view.kind === 'record' && store.find(view.recordId).RecordType === tab.dataset.nav
      || view.kind === 'tab' && view.tab === tab.dataset.nav;
    tab.classList.toggle('active', active);
    if (active) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
}

// The Visualforce tabs the playground serves: tab name → the page's path on the app origin
// (Visualforce's domain). CtiAttributeEditor is the package's CTI Attributes tab.
export const VF_TABS = { CtiAttributeEditor: { label: 'CTI Attributes', path: '/editor/' } };

function tabView(tab) {
  const page = VF_TABS[tab];
  if (!page) return urlView(`/lightning/n/${tab}`);
  return h('div', { class: 'page vf-tab', 'data-testid': 'vf-tab-view' },
    h('iframe', { id: 'vf-page', class: 'vf-page', title: page.label, src: `${env.appOrigin}${page.path}`, dataset: { tab } }));
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
export function renderModal() {
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
