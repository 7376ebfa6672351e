// Lightning host emulator: the adapter configuration. What `runApex
// CtiAdapterConfig.getConfiguration` answers, and the editor in the Settings tab that changes it.
import { $, env } from './core.js';
import { h } from './dom.js';
import { reloadSoftphone } from './wire.js';

const CONFIG_KEY = 'playground:adapter-config';
// The configuration document holds only active attributes (as CtiAdapterConfig answers it); the
// CTI attributes editor can switch one off, and the record then lives here until switched on.
const INACTIVE_KEY = 'playground:inactive-attributes';

// The contract fixture (visualforce/…/CtiAdapterConfigFixture.json, inlined by
// /emu/config-fixture.js) with one difference: the playground's CCP is the emulator.
export function fixture() {
  const config = JSON.parse(window.__PLAYGROUND_CONFIG_FIXTURE || '{}');
  if (config.adapter) config.adapter.connectInstance = env.ccpUrl;
  return config;
}
export const fixtureText = () => JSON.stringify(fixture(), null, 2);

// Edits outlive a reload of the host page; the fixture itself is never stored, so a newer
// fixture shows through until someone edits it.
let configText = (() => {
  try {
    return localStorage.getItem(CONFIG_KEY) ?? fixtureText();
  } catch {
    return fixtureText();
  }
})();
export const currentConfig = () => configText;
function storeConfig(text) {
  configText = text;
  try {
    if (text === fixtureText()) localStorage.removeItem(CONFIG_KEY);
    else localStorage.setItem(CONFIG_KEY, text);
  } catch { /* storage off: the edit lasts for this page */ }
  $('config-text').value = text;
}
export function setConfig(next) {
  const text = typeof next === 'string' ? next : JSON.stringify(next, null, 2);
  storeConfig(text);
  return text;
}
export function resetConfig() {
  storeInactive([]);
  return setConfig(fixtureText());
}

// ------------------------------------------------------------------ attribute records

let inactiveAttributes = (() => {
  try {
    const list = JSON.parse(localStorage.getItem(INACTIVE_KEY) || '[]');
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
})();
function storeInactive(list) {
  inactiveAttributes = list;
  try {
    if (list.length) localStorage.setItem(INACTIVE_KEY, JSON.stringify(list));
    else localStorage.removeItem(INACTIVE_KEY);
  } catch { /* storage off: kept for this page */ }
}

// SOQL's ORDER BY SortOrder__c ASC NULLS LAST, Name ASC, Id ASC.
const bySortOrder = (a, b) => {
  const order = (r) => (typeof r.sortOrder === 'number' ? r.sortOrder : Infinity);
  return order(a) - order(b) || String(a.name ?? '').localeCompare(String(b.name ?? '')) || String(a.id ?? '').localeCompare(String(b.id ?? ''));
};

// The adapter record and every CTI attribute record of it, active or not, as the editor's Apex
// class reads them (`active` added); throws when the document is not JSON.
export function attributeRecords() {
  const doc = JSON.parse(configText);
  const active = (Array.isArray(doc?.attributes) ? doc.attributes : []).map((r) => ({ ...r, active: true }));
  return {
    doc,
    records: [...active, ...inactiveAttributes.map((r) => ({ ...r, active: false }))].sort(bySortOrder),
  };
}

// Writes the attribute records: the active ones into the document (what runApex answers
// next), the others aside.
export function writeAttributeRecords(records) {
  const { doc } = attributeRecords();
  const plain = ({ active, ...record }) => record;
  const sorted = [...records].sort(bySortOrder);
  doc.attributes = sorted.filter((r) => r.active !== false).map(plain);
  storeInactive(sorted.filter((r) => r.active === false).map(plain));
  setConfig(doc);
}

// CtiAdapterConfig.getConfiguration, as the package's Apex class answers it: the configuration
// document of the call center named, or an error document (it never throws). The text is
// answered verbatim, so a malformed document reaches the softphone as typed in the editor.
const errorDocument = (code, message) => JSON.stringify({ schemaVersion: 1, error: { code, message } });
export function getConfiguration(params) {
  const name = String(params.callCenterName || '').trim();
  if (!name) return errorDocument('MISSING_PARAMETER', 'callCenterName is required: the internal name of the call center (Call Center Definition Name).');
  let ownName = null;
  try {
    ownName = JSON.parse(configText)?.adapter?.callCenterName ?? null;
  } catch { /* a malformed document is answered as it is */ }
  if (ownName !== null && ownName !== name) return errorDocument('ADAPTER_NOT_FOUND', `No CTI Adapter record has Call Center Definition Name ${name}.`);
  return configText;
}

// The editor checks JSON syntax only, with the line and column of the first mistake, so a typo is
// found before saving. Everything else is the softphone's to judge: a second validator here
// would sooner or later disagree with the engine's, and the ⚙ Configuration view (the same
// checks as `ctictl config validate`) is the one admins get in Salesforce.
function position(text, error) {
  const match = /position (\d+)/.exec(error.message);
  // V8 gives no position when the text simply ends: the end is the position.
  const at = match ? Number(match[1]) : /Unexpected end/.test(error.message) ? text.length : null;
  if (at === null) return '';
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return `line ${line} column ${before.length - before.lastIndexOf('\n')}: `;
}
function syntaxError(text) {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return `${position(text, error)}${error.message}`;
  }
}
const SOFTPHONE_CHECKS = 'No JSON syntax errors. The softphone checks the configuration itself: '
  + 'after “Save and reload softphone”, its ⚙ Configuration view lists every problem.';
function showConfigMessages(error, note) {
  const items = [error ? h('li', { class: 'error' }, `error: ${error}`) : h('li', {}, SOFTPHONE_CHECKS)];
  if (note) items.push(h('li', { class: error ? 'warning' : '' }, note));
  $('config-messages').replaceChildren(...items);
}

export function wireConfigEditor() {
  $('config-text').value = configText;
  $('config-validate').addEventListener('click', () => showConfigMessages(syntaxError($('config-text').value)));
  $('config-save').addEventListener('click', () => {
    const text = $('config-text').value;
    const error = syntaxError(text);
    setConfig(text);
    // Saving malformed JSON is allowed on purpose: how the softphone copes with it is a test.
    showConfigMessages(error, error
      ? 'Saved with errors, as asked: the softphone receives this text and reports what it cannot use.'
      : 'Saved; the softphone reloads with it.');
    reloadSoftphone({ opencti: $('opt-opencti').checked });
  });
  $('config-reset').addEventListener('click', () => {
    resetConfig();
    showConfigMessages(null, 'Back to the contract fixture (not reloaded yet).');
  });
}
