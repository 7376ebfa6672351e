// Lightning host emulator: the call center definition, as getCallCenterSettings and
// getSoftphoneLayout answer it (docs/opencti-contract.md §2 and §5.1). Held in `callCenter` so
// the test API can replace either value and every reader sees the new one.
import { state } from './core.js';

// The flat `/section/item` → string map of getCallCenterSettings, for the package's call center
// (visualforce/…/ConnectSoftphone.callCenter-meta.xml). The CCP address is not here: it comes
// from the adapter configuration (runApex, config.js).
export function defaultSettings() {
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

// getSoftphoneLayout: which objects searchAndScreenPop searches, which fields it returns, and
// where it pops: one match → the record, several → search page, none → search page.
export function defaultLayout() {
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

export const callCenter = { settings: defaultSettings(), layout: defaultLayout() };

export function panelSizeFromSettings() {
  const height = parseInt(callCenter.settings['/reqGeneralInfo/reqSoftphoneHeight'], 10);
  const width = parseInt(callCenter.settings['/reqGeneralInfo/reqSoftphoneWidth'], 10);
  state.panel.height = Number.isFinite(height) && height > 0 ? height : 570;
  state.panel.width = Number.isFinite(width) && width > 0 ? width : 330;
}
