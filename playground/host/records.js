// Fake Salesforce records for the host emulator: a deterministic (seeded) set of 200+ Contacts,
// Accounts, Leads and Cases with phone numbers in the formats real orgs hold, plus a few fixed
// records that the end-to-end tests rely on (FIXTURES).
(function () {
  'use strict';

  // Mulberry32: small, seeded, the same records on every load.
  function rng(seed) {
    return function () {
      seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const random = rng(20261124);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const digits = (n) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

  // 18-character ids with the right key prefix; the suffix is derived from a counter.
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let counter = 1000;
  function makeId(prefix) {
    let n = counter++;
    let body = '';
    for (let i = 0; i < 8; i++) { body = ALPHABET[n % 62] + body; n = Math.floor(n / 62); }
    return `${prefix}5g00000${body}AAE`.slice(0, 18);
  }

  const FIRST = ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'Mateo', 'Isabella', 'Lucas', 'Mia', 'Amara',
    'Hiro', 'Chloé', 'Jonas', 'Priya', 'Diego', 'Fatima', 'Wei', 'Siobhan', 'Kwame', 'Ingrid', 'Tomás', 'Yuki', 'Zara'];
  const LAST = ['Nguyen', 'Garcia', 'Smith', 'Müller', 'Okafor', 'Rossi', 'Dubois', 'Kowalski', 'Tanaka', 'Patel', 'Silva',
    'Johansson', "O'Brien", 'Haddad', 'Kim', 'Novak', 'Andersen', 'Moreau', 'Fischer', 'Costa'];
  const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Wonka', 'Cyberdyne', 'Tyrell',
    'Soylent', 'Vandelay', 'Massive Dynamic', 'Gringotts', 'Oceanic', 'Aperture', 'Blue Sun', 'Monarch', 'Pied Piper', 'Dunder'];
  const SUFFIX = ['Inc.', 'Ltd', 'GmbH', 'SAS', 'LLC', 'Group', 'Holdings', 'Partners'];
  const CITIES = ['San Francisco', 'London', 'Berlin', 'Paris', 'New York', 'Toronto', 'Chicago', 'Manchester', 'Lyon', 'Munich'];
  const SUBJECTS = ['Cannot log in', 'Billing question', 'Order not delivered', 'Refund request', 'Upgrade plan',
    'Password reset', 'Damaged item', 'Change address', 'Cancel subscription', 'Invoice copy'];
  const AREA = ['415', '212', '312', '646', '718', '305', '206', '617', '303', '512'];

  // Phone numbers in the shapes people and imports leave in CRMs.
  function phone() {
    const area = pick(AREA);
    const exchange = String(200 + Math.floor(random() * 700));
    const line = digits(4);
    switch (Math.floor(random() * 10)) {
      case 0: return `(${area}) ${exchange}-${line}`;
      case 1: return `${area}-${exchange}-${line}`;
      case 2: return `${area}.${exchange}.${line}`;
      case 3: return `+1 ${area} ${exchange} ${line}`;
      case 4: return `+1${area}${exchange}${line}`;
      case 5: return `1 (${area}) ${exchange}-${line}`;
      case 6: return `+44 20 7${digits(3)} ${digits(4)}`;
      case 7: return `+49 30 ${digits(6)}`;
      case 8: return `+33 1 ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`;
      default: return `(${area}) ${exchange}-${line} x${digits(3)}`;
    }
  }

  const records = [];
  const add = (record) => { records.push(record); return record; };

  // Fixed records the tests and the README walk-through use.
  const FIXTURES = {};
  FIXTURES.account = add({ Id: makeId('001'), RecordType: 'Account', Name: 'Lovelace Analytical Engines Ltd', Phone: '+44 20 7946 0018', BillingCity: 'London', Industry: 'Technology' });
  FIXTURES.ada = add({ Id: makeId('003'), RecordType: 'Contact', Name: 'Ada Lovelace', Title: 'Chief Analyst', Phone: '(415) 555-0142', MobilePhone: '1-800-FLOWERS', Email: 'ada@example.com', AccountId: FIXTURES.account.Id });
  FIXTURES.grace = add({ Id: makeId('003'), RecordType: 'Contact', Name: 'Grace Hopper', Title: 'Rear Admiral', Phone: '+1 646 555 0123', Email: 'grace@example.com', AccountId: FIXTURES.account.Id });
  FIXTURES.sharedA = add({ Id: makeId('003'), RecordType: 'Contact', Name: 'Ben Shared', Phone: '(212) 555-0188', Email: 'ben@example.com' });
  FIXTURES.sharedB = add({ Id: makeId('00Q'), RecordType: 'Lead', Name: 'Bea Shared', Company: 'Shared Line Co', Phone: '212.555.0188', Status: 'Open - Not Contacted' });
  FIXTURES.badPhone = add({ Id: makeId('003'), RecordType: 'Contact', Name: 'Typo Tim', Phone: '12', Email: 'tim@example.com' });
  FIXTURES.caseRecord = add({ Id: makeId('500'), RecordType: 'Case', Name: '00001026', Subject: 'Engine will not compute', Status: 'New', Priority: 'High', ContactId: FIXTURES.ada.Id, AccountId: FIXTURES.account.Id });

  const accounts = [FIXTURES.account];
  for (let i = 0; i < 52; i++) {
    accounts.push(add({ Id: makeId('001'), RecordType: 'Account', Name: `${pick(COMPANIES)} ${pick(SUFFIX)} ${i + 1}`, Phone: phone(), BillingCity: pick(CITIES), Industry: pick(['Retail', 'Banking', 'Media', 'Energy', 'Healthcare']) }));
  }
  const contacts = [FIXTURES.ada, FIXTURES.grace];
  for (let i = 0; i < 72; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const account = pick(accounts);
    contacts.push(add({
      Id: makeId('003'), RecordType: 'Contact', Name: `${first} ${last}`, Title: pick(['Buyer', 'CTO', 'Office Manager', 'Analyst', 'Director']),
      Phone: phone(), MobilePhone: random() < 0.4 ? phone() : '', Email: `${first}.${last}${i}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, ''),
      AccountId: account.Id,
    }));
  }
  for (let i = 0; i < 42; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    add({ Id: makeId('00Q'), RecordType: 'Lead', Name: `${first} ${last}`, Company: `${pick(COMPANIES)} ${pick(SUFFIX)}`, Phone: phone(), Email: `${first}.${last}.lead${i}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, ''), Status: pick(['Open - Not Contacted', 'Working - Contacted', 'Qualified']) });
  }
  for (let i = 0; i < 42; i++) {
    const contact = pick(contacts);
    add({ Id: makeId('500'), RecordType: 'Case', Name: String(1030 + i).padStart(8, '0'), Subject: pick(SUBJECTS), Status: pick(['New', 'Working', 'Escalated']), Priority: pick(['Low', 'Medium', 'High']), ContactId: contact.Id, AccountId: contact.AccountId });
  }

  const byId = new Map(records.map((r) => [r.Id, r]));
  const PHONE_FIELDS = ['Phone', 'MobilePhone'];
  const fixtureIds = Object.fromEntries(Object.entries(FIXTURES).map(([k, r]) => [k, { id: r.Id, name: r.Name, phone: r.Phone || null, type: r.RecordType }]));

  window.hostRecords = { records, byId, FIXTURES: fixtureIds, PHONE_FIELDS };
})();
