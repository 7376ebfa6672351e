// Lightning host emulator: Visualforce JavaScript remoting for the CTI attributes editor page
// (the Visualforce tab "CTI Attributes"). remoting-bridge.js plays `Visualforce.remoting.Manager`
// inside the page and posts each `invokeAction` here (apiType 'remoting', on the same wire as Open
// CTI, so latency, jitter, failNext, dropNext and delayNext apply alike). The remote actions answer
// as the package's CtiAttributeEditorController does, from the same configuration store that
// `runApex CtiAdapterConfig.getConfiguration` answers from: a save in the editor is what the
// softphone loads next.
//
// Optimistic concurrency as in the Apex class: every answer carries a version computed from the
// content of every attribute record; a save whose version is not the current one writes nothing
// and answers CONFLICT. `hostEmu.remoting.editAsSomeoneElse(fn)` plays another admin saving in
// between (the record page, or another editor tab).
import { attributeRecords, writeAttributeRecords } from './config.js';

const CONTROLLER = 'CtiAttributeEditorController';
const FIELDS = ['name', 'label', 'display', 'type', 'style', 'format', 'defaultValue'];
// CtiAttribute__c: text lengths and restricted picklists, as Salesforce refuses a DML.
const LENGTHS = { name: 80, label: 255, style: 255, format: 2000, defaultValue: 255 };
const PICKLISTS = { display: ['None', 'KeyValue', 'Key', 'Value'], type: ['Text', 'Hyperlink'] };

const answer = (document) => JSON.stringify({ schemaVersion: 1, ...document });
const error = (code, message) => answer({ error: { code, message } });

// A version of the records' content: FNV-1a over their JSON, twice (two seeds), as 16 hex digits.
export function versionOf(records) {
  const text = JSON.stringify(records.map((r) => [r.id, ...FIELDS.map((f) => r[f] ?? null), r.sortOrder ?? null, r.active !== false]));
  const hash = (seed) => {
    let h = seed >>> 0;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
    return h.toString(16).padStart(8, '0');
  };
  return hash(2166136261) + hash(84696351);
}

// New record ids: CtiAttribute__c's key prefix (a01) and a counter, 18 characters.
let nextId = 1;
const newId = () => window.hostRecords.to18(`a015g00000E${String(nextId++).padStart(4, '0')}`);

const adapterRef = (adapter) => ({ id: adapter.id, name: adapter.name ?? null, callCenterName: adapter.callCenterName ?? null });
const record = (r) => ({
  id: r.id ?? null, ...Object.fromEntries(FIELDS.map((f) => [f, r[f] ?? null])), sortOrder: r.sortOrder ?? null, active: r.active !== false,
});

// The store, or the error answer that says why there is none.
function read() {
  let store;
  try {
    store = attributeRecords();
  } catch (e) {
    return { failed: error('INTERNAL_ERROR', `The playground's configuration document is not JSON (Settings → Adapter configuration): ${e.message}`) };
  }
  if (!store.doc || typeof store.doc.adapter !== 'object' || !store.doc.adapter?.id) {
    return { failed: error('NO_ADAPTER', 'No CTI Adapter record is visible to you.') };
  }
  return store;
}

function loaded({ doc, records }) {
  const feature = (Array.isArray(doc.features) ? doc.features : []).find((f) => f && f.name === 'FEATURE_CTI_ATTRIBUTES');
  return answer({
    adapter: adapterRef(doc.adapter),
    adapters: [adapterRef(doc.adapter)],
    version: versionOf(records),
    attributes: records.map(record),
    attributesFeature: feature && typeof feature.value === 'string' ? feature.value : null,
  });
}

// CtiAttributeEditorController.load(adapterId): the adapter's attribute records (blank: the first adapter).
function load(adapterId) {
  const store = read();
  if (store.failed) return store.failed;
  if (adapterId && adapterId !== store.doc.adapter.id) return error('ADAPTER_NOT_FOUND', `No CTI Adapter record has the id ${adapterId}.`);
  return loaded(store);
}

// CtiAttributeEditorController.save(request): the whole list, if the version still matches.
function save(text) {
  let request;
  try {
    request = JSON.parse(String(text));
  } catch (e) {
    return error('INVALID_REQUEST', `The request is not JSON: ${e.message}`);
  }
  if (!request || typeof request !== 'object' || !Array.isArray(request.attributes)) return error('INVALID_REQUEST', 'The request has no attributes list.');
  const store = read();
  if (store.failed) return store.failed;
  if (request.adapterId !== store.doc.adapter.id) return error('ADAPTER_NOT_FOUND', `No CTI Adapter record has the id ${request.adapterId}.`);
  if (request.version !== versionOf(store.records)) {
    return error('CONFLICT', 'The attributes were changed by someone else after you loaded them; nothing was saved.');
  }
  const current = new Map(store.records.map((r) => [r.id, r]));
  const seen = new Set();
  const next = [];
  for (const [i, input] of request.attributes.entries()) {
    if (input.id !== null && input.id !== undefined) {
      if (!current.has(input.id)) return error('INVALID_REQUEST', `attributes[${i}]: ${input.id} is not an attribute of this adapter.`);
      if (seen.has(input.id)) return error('INVALID_REQUEST', `attributes[${i}]: ${input.id} appears twice.`);
      seen.add(input.id);
    }
    if (typeof input.name !== 'string' || !input.name.trim()) return error('INVALID_REQUEST', `attributes[${i}].name is required.`);
    for (const [field, max] of Object.entries(LENGTHS)) {
      if (typeof input[field] === 'string' && input[field].length > max) {
        return error('SAVE_FAILED', `STRING_TOO_LONG: ${field}: data value too large (max length=${max})`);
      }
    }
    for (const [field, values] of Object.entries(PICKLISTS)) {
      if (input[field] !== null && input[field] !== undefined && !values.includes(input[field])) {
        return error('SAVE_FAILED', `INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: bad value for restricted picklist field: ${input[field]}`);
      }
    }
    next.push({
      id: input.id ?? newId(), ...Object.fromEntries(FIELDS.map((f) => [f, input[f] ?? null])), sortOrder: i + 1, active: input.active !== false,
    });
  }
  writeAttributeRecords(next);
  return loaded(read());
}

const ACTIONS = { load, save };
// The action names a page calls (`{!$RemoteAction.…}`), for the Settings tab's fault list.
export const REMOTE_ACTIONS = Object.keys(ACTIONS).map((m) => `${CONTROLLER}.${m}`);

// The remoting API on the wire (wire.js registers it under apiType 'remoting'; only the
// Visualforce page in the main area may call it). A response is `{status, result}` or
// `{status: false, type, message, where}`, what the bridge turns into the callback's event.
export const remotingApi = {
  frames: ['page'],
  listeners: [],
  answer(action, args) {
    // `{!$RemoteAction.C.m}` renders as `C.m`, or `ns.C.m` in a namespaced package.
    const [className, method] = String(action).split('.').slice(-2);
    const fn = className === CONTROLLER && Object.prototype.hasOwnProperty.call(ACTIONS, method) ? ACTIONS[method] : null;
    if (!fn) return { status: false, type: 'exception', message: `No such remote action: ${action}`, where: '' };
    const params = Array.isArray(args.params) ? args.params : [];
    if (params.length !== 1) {
      return { status: false, type: 'exception', message: `${action}: expected 1 parameter, got ${params.length}`, where: '' };
    }
    return { status: true, result: fn(params[0]) };
  },
  failure: (fault) => ({ status: false, type: 'exception', message: fault.description || 'An internal server error has occurred', where: '' }),
};

// hostEmu.remoting
export const remotingTestApi = {
  // Every attribute record the editor would load (active or not), and their version.
  records: () => attributeRecords().records,
  version: () => versionOf(attributeRecords().records),
  // Someone else saves in between: `fn(records)` changes the list (or returns a new one); new
  // records get ids and every record its position as Sort Order. Returns the new version.
  editAsSomeoneElse(fn) {
    const { records } = attributeRecords();
    const changed = fn(records) || records;
    writeAttributeRecords(changed.map((r, i) => ({ ...r, id: r.id || newId(), sortOrder: i + 1 })));
    return versionOf(attributeRecords().records);
  },
};
