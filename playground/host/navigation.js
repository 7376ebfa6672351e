// Lightning host emulator: search and navigation. Where the host page is (`state.view`, or the
// new-record modal), how a search finds records, and the onNavigationChange / getAppViewInfo
// payload that every move sends to the softphone. Click-to-dial starts here too.
import { store, OBJECTS, state, clone } from './core.js';
import { emit } from './wire.js';
import { renderMain, renderModal } from './views.js';
import { toast } from './dom.js';

const EXTENSION = /\s*(?:x|ext\.?|extension)\s*\d+\s*$/i;
const PHONE_LIKE = /^[+\d\s().\-/]*\d[+\d\s().\-/]*(?:\s*(?:x|ext\.?)\s*\d+)?$/i;

// Search the store: a phone-like term matches records whose number has the same digits (or the
// same last 10 digits, when both have at least 10); otherwise, or when no number matches, a
// case-insensitive substring of name, email, subject, company, number or Id.
export function search(term, objectTypes) {
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
export const metaOf = (record) => OBJECTS[record.RecordType] || { phoneFields: [], searchFields: ['Name'], columns: ['Name'], details: ['Name'], highlights: [] };
const phoneFieldsOf = (record) => metaOf(record).phoneFields;
const textFieldsOf = (record) => ['Id', 'Name', ...metaOf(record).searchFields, ...metaOf(record).phoneFields];
export const dialableFieldsOf = (record) => [...metaOf(record).phoneFields, ...(metaOf(record).displayPhoneFields || [])];

export function openRecord(recordId) {
  const record = store.find(recordId);
  if (!record) return false;
  navigate({ kind: 'record', recordId: record.Id });
  return true;
}

export function navigate(view) {
  state.view = view;
  state.modal = null;
  renderMain();
  renderModal();
  notifyNavigation();
  return true;
}

export function openModal(modal) {
  state.modal = modal;
  renderModal();
  notifyNavigation();
  return true;
}

export function closeModal() {
  if (!state.modal) return;
  state.modal = null;
  renderModal();
  notifyNavigation();
}

function notifyNavigation() {
  if (state.listeners.onNavigationChange > 0) emit('opencti', 'onNavigationChange', viewInfo());
}

// The onNavigationChange payload and getAppViewInfo value (docs/opencti-contract.md §5.9): record fields are empty
// strings when the page is not a record.
export function viewInfo() {
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
    case 'tab': return none(`/lightning/n/${encodeURIComponent(view.tab)}`);
    case 'url': return view.url.startsWith('/') ? none(view.url) : { url: view.url, recordId: '', recordName: '', objectType: '' };
    default: return none('/lightning/page/home');
  }
}

export function currentView() {
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
    ...(view.kind === 'tab' ? { tab: view.tab } : {}),
  };
}

// Click-to-dial: what a person's click on a phone link does.
export function clickToDial(payload) {
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
