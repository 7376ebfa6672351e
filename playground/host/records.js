// Fake Salesforce records for the Lightning host emulator (development and tests only).
//
// A deterministic store: a seeded PRNG builds the same 200 records on every load (70 Contacts,
// 50 Accounts, 40 Leads, 40 Cases), with 18-character Salesforce-style Ids (key prefixes 003,
// 001, 00Q, 500; the 3-character case-checksum suffix computed as Salesforce does) and phone
// numbers in the shapes real orgs hold. A few FIXED records that tests rely on are exported as
// `FIXTURES` (see README.md). No two records share a phone number except the `sharedA`/`sharedB`
// pair, so every other number matches exactly one record. It also holds the org's Omni-Channel
// set-up (`OMNI`: service channels, presence statuses, capacity) for presence.js.
//
// Exposes `window.hostRecords` (the store for main.js and its modules) and
// `window.hostEmu.records` / `window.hostEmu.FIXTURES` (the test API).
(function () {
  'use strict';

  // ------------------------------------------------------------------ object metadata

  // What the views need to know about each object: labels, colour of its icon, which fields are
  // phone numbers (click-to-dial links), which are searched, and which are shown where.
  const OBJECTS = {
    Contact: {
      label: 'Contact', plural: 'Contacts', prefix: '003', color: '#a094ed', icon: 'contact',
      phoneFields: ['Phone', 'MobilePhone'], searchFields: ['Name', 'Email'],
      columns: ['Name', 'Title', 'AccountId', 'Phone', 'Email'],
      highlights: ['Title', 'AccountId', 'Phone', 'Email'],
      details: ['Name', 'Title', 'AccountId', 'Department', 'Phone', 'MobilePhone', 'Email', 'MailingCity', 'LeadSource'],
      newFields: ['FirstName', 'LastName', 'Phone', 'Email', 'Title'],
    },
    Account: {
      label: 'Account', plural: 'Accounts', prefix: '001', color: '#5867e8', icon: 'account',
      phoneFields: ['Phone'], searchFields: ['Name', 'Website'],
      columns: ['Name', 'Type', 'Industry', 'BillingCity', 'Phone'],
      highlights: ['Type', 'Industry', 'Phone', 'Website'],
      details: ['Name', 'Type', 'Industry', 'Phone', 'Website', 'BillingCity', 'BillingCountry', 'NumberOfEmployees'],
      newFields: ['Name', 'Phone', 'Website', 'Industry'],
    },
    Lead: {
      label: 'Lead', plural: 'Leads', prefix: '00Q', color: '#f88962', icon: 'lead',
      phoneFields: ['Phone', 'MobilePhone'], searchFields: ['Name', 'Email', 'Company'],
      columns: ['Name', 'Company', 'Status', 'Phone', 'Email'],
      highlights: ['Company', 'Status', 'Phone', 'Email'],
      details: ['Name', 'Company', 'Title', 'Status', 'LeadSource', 'Phone', 'MobilePhone', 'Email'],
      newFields: ['FirstName', 'LastName', 'Company', 'Phone', 'Email'],
    },
    Case: {
      label: 'Case', plural: 'Cases', prefix: '500', color: '#f2cf5b', icon: 'case',
      // ContactPhone is a formula field on Case: shown (and dialable), but not a searchable phone.
      phoneFields: [], displayPhoneFields: ['ContactPhone'], searchFields: ['CaseNumber', 'Subject'],
      columns: ['CaseNumber', 'Subject', 'ContactId', 'Status', 'Priority'],
      highlights: ['Status', 'Priority', 'ContactId', 'ContactPhone'],
      details: ['CaseNumber', 'Subject', 'Status', 'Priority', 'Origin', 'ContactId', 'AccountId', 'ContactPhone', 'Description'],
      newFields: ['Subject', 'Status', 'Priority', 'Origin', 'Description'],
    },
    Task: {
      label: 'Task', plural: 'Tasks', prefix: '00T', color: '#4bc076', icon: 'task',
      phoneFields: [], searchFields: ['Subject'],
      columns: ['Subject', 'CallType', 'Status', 'WhoId', 'WhatId'],
      highlights: ['Status', 'CallType', 'WhoId', 'WhatId'],
      details: ['Subject', 'Type', 'CallType', 'CallDisposition', 'CallDurationInSeconds', 'Status', 'Priority', 'WhoId', 'WhatId', 'Description'],
      newFields: ['Subject', 'Status', 'Priority', 'Description'],
    },
  };

  const FIELD_LABELS = {
    Name: 'Name', FirstName: 'First Name', LastName: 'Last Name', Title: 'Title', Department: 'Department',
    AccountId: 'Account Name', ContactId: 'Contact Name', Phone: 'Phone', MobilePhone: 'Mobile', Email: 'Email',
    MailingCity: 'Mailing City', LeadSource: 'Lead Source', Type: 'Type', Industry: 'Industry', Website: 'Website',
    BillingCity: 'Billing City', BillingCountry: 'Billing Country', NumberOfEmployees: 'Employees',
    Company: 'Company', Status: 'Status', CaseNumber: 'Case Number', Subject: 'Subject', Priority: 'Priority',
    Origin: 'Case Origin', ContactPhone: 'Contact Phone', Description: 'Description', CallType: 'Call Type',
    CallDisposition: 'Call Result', CallDurationInSeconds: 'Call Duration (s)', WhoId: 'Name', WhatId: 'Related To',
    RecordType: 'Type', Id: 'Record Id',
  };

  // Fields that hold the Id of another record (rendered as links).
  const LOOKUP_FIELDS = ['AccountId', 'ContactId', 'WhoId', 'WhatId'];

  // ------------------------------------------------------------------ Ids

  const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const CHECKSUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

  // The 18-character form of a 15-character Id: for each 5-character chunk, a bit per uppercase
  // letter, read as an index into A–Z0–5. This is how Salesforce makes Ids case-insensitive.
  function to18(id15) {
    let suffix = '';
    for (let chunk = 0; chunk < 3; chunk++) {
      let bits = 0;
      for (let i = 0; i < 5; i++) {
        const c = id15[chunk * 5 + i];
        if (c >= 'A' && c <= 'Z') bits |= 1 << i;
      }
      suffix += CHECKSUM[bits];
    }
    return id15 + suffix;
  }

  // ------------------------------------------------------------------ phone numbers

  const KEYPAD = { A: 2, B: 2, C: 2, D: 3, E: 3, F: 3, G: 4, H: 4, I: 4, J: 5, K: 5, L: 5, M: 6, N: 6, O: 6, P: 7, Q: 7, R: 7, S: 7, T: 8, U: 8, V: 8, W: 9, X: 9, Y: 9, Z: 9 };
  const EXTENSION = /\s*(?:x|ext\.?|extension)\s*\d+\s*$/i;

  // The digits a stored phone number dials: without its extension, vanity letters on the keypad.
  function dialledDigits(stored) {
    return String(stored || '')
      .replace(EXTENSION, '')
      .toUpperCase()
      .replace(/[A-Z]/g, (c) => String(KEYPAD[c]))
      .replace(/\D/g, '');
  }

  // The key two numbers are compared by: the last 10 digits, or all of them when there are fewer.
  function phoneKey(stored) {
    const digits = dialledDigits(stored);
    return digits.length >= 10 ? digits.slice(-10) : digits;
  }

  // ------------------------------------------------------------------ seeded generation

  // mulberry32: a tiny 32-bit PRNG, good enough to scatter fake data, identical on every load.
  function prng(seed) {
    let a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const random = prng(0x50f7fe11);
  const int = (n) => Math.floor(random() * n);
  const pick = (list) => list[int(list.length)];
  const chance = (p) => random() < p;
  const pad = (n, width) => String(n).padStart(width, '0');

  const usedIds = new Set();
  function newId(prefix) {
    for (;;) {
      let body = '';
      for (let i = 0; i < 5; i++) body += BASE62[int(62)];
      const id = to18(`${prefix}5g00000${body}`);
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  }
  function fixedId(prefix, body5) {
    const id = to18(`${prefix}5g00000${body5}`);
    usedIds.add(id);
    return id;
  }

  const usedPhoneKeys = new Set();
  const US_AREAS = ['212', '305', '312', '415', '503', '512', '617', '646', '702', '206', '303', '404'];
  // Shapes from the brief; digits are random but stay in fictional ranges where one exists
  // (US 555-01xx, UK 020 7946 0xxx, FR 01 99 00 xx xx).
  const PHONE_SHAPES = [
    [14, (a, l) => `(${a}) 555-${l}`],
    [10, (a, l) => `${a}-555-${l}`],
    [8, (a, l) => `${a}.555.${l}`],
    [8, (a, l) => `+1 ${a} 555 ${l}`],
    [8, (a, l) => `+1${a}555${l}`],
    [6, (a, l) => `1 (${a}) 555-${l}`],
    [7, (a, l) => `(${a}) 555-${l} x${pad(100 + int(900), 3)}`],
    [8, () => `+44 20 7946 0${pad(int(1000), 3)}`],
    [6, () => `020 7946 0${pad(int(1000), 3)}`],
    [6, () => `+49 30 ${pad(100000 + int(900000), 6)}`],
    [6, () => `+33 1 99 00 ${pad(int(100), 2)} ${pad(int(100), 2)}`],
  ];
  const SHAPE_TOTAL = PHONE_SHAPES.reduce((sum, [weight]) => sum + weight, 0);

  function randomPhone() {
    for (;;) {
      let roll = int(SHAPE_TOTAL);
      let shape = PHONE_SHAPES[0][1];
      for (const [weight, make] of PHONE_SHAPES) {
        if (roll < weight) { shape = make; break; }
        roll -= weight;
      }
      const phone = shape(pick(US_AREAS), `01${pad(int(100), 2)}`);
      const key = phoneKey(phone);
      if (!usedPhoneKeys.has(key)) {
        usedPhoneKeys.add(key);
        return phone;
      }
    }
  }
  function reservePhone(phone) {
    usedPhoneKeys.add(phoneKey(phone));
    return phone;
  }

  const FIRST = ['Olivia', 'Liam', 'Amara', 'Noah', 'Sofia', 'Mateo', 'Ingrid', 'Kwame', 'Yuki', 'Priya', 'Diego', 'Fatima',
    'Wei', 'Siobhan', 'Jonas', 'Chloé', 'Hiro', 'Zara', 'Tomás', 'Leila', 'Marcus', 'Elena', 'Arjun', 'Nadia', 'Felix',
    'Maya', 'Oscar', 'Aisha', 'Lukas', 'Rosa'];
  const LAST = ['Nguyen', 'Garcia', 'Okafor', 'Müller', 'Rossi', 'Dubois', 'Kowalski', 'Tanaka', 'Patel', 'Silva',
    'Johansson', "O'Brien", 'Haddad', 'Kim', 'Novak', 'Andersen', 'Moreau', 'Fischer', 'Costa', 'Mensah', 'Ivanova',
    'Schmidt', 'Fernández', 'Lindqvist', 'Abadi'];
  const COMPANY_WORDS = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Wonka', 'Cyberdyne',
    'Tyrell', 'Soylent', 'Vandelay', 'Massive Dynamic', 'Oceanic', 'Aperture', 'Blue Sun', 'Monarch', 'Pied Piper',
    'Dunder', 'Nakatomi', 'Gekko', 'Prestige', 'Sirius', 'Wernham', 'Zorg'];
  const COMPANY_SUFFIX = ['Inc.', 'Ltd', 'GmbH', 'SAS', 'LLC', 'Group', 'Holdings', 'Partners', 'Labs', 'Trading'];
  const CITIES = [['San Francisco', 'USA'], ['New York', 'USA'], ['Chicago', 'USA'], ['Austin', 'USA'], ['London', 'United Kingdom'],
    ['Manchester', 'United Kingdom'], ['Berlin', 'Germany'], ['Munich', 'Germany'], ['Paris', 'France'], ['Lyon', 'France'], ['Toronto', 'Canada']];
  const INDUSTRIES = ['Retail', 'Banking', 'Media', 'Energy', 'Healthcare', 'Manufacturing', 'Education', 'Technology', 'Transportation'];
  const TITLES = ['Buyer', 'CTO', 'Office Manager', 'Analyst', 'Director of Operations', 'VP Sales', 'Engineer', 'Account Manager', 'CFO', 'Support Lead'];
  const DEPARTMENTS = ['Finance', 'IT', 'Operations', 'Sales', 'Procurement', 'Support'];
  const SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Trade Show', 'Word of mouth'];
  const SUBJECTS = ['Cannot log in', 'Billing question', 'Order not delivered', 'Refund request', 'Upgrade plan',
    'Password reset', 'Damaged item', 'Change of address', 'Cancel subscription', 'Invoice copy', 'Device will not start',
    'Wrong item shipped', 'Warranty claim', 'Data export request'];
  const slug = (text) => text.normalize('NFD').replace(/[^\w]/g, '').toLowerCase();

  // ------------------------------------------------------------------ the records

  const records = [];
  const byId = new Map();
  function add(record) {
    records.push(record);
    byId.set(record.Id, record);
    return record;
  }

  // Fixed records first, so their numbers are reserved before any random one is drawn.
  const account = add({
    Id: fixedId('001', 'LOVEL'), RecordType: 'Account', Name: 'Analytical Engines Ltd', Type: 'Customer',
    Industry: 'Technology', Phone: reservePhone('+44 20 7946 0018'), Website: 'analytical-engines.example.com',
    BillingCity: 'London', BillingCountry: 'United Kingdom', NumberOfEmployees: 42,
  });
  const ada = add({
    Id: fixedId('003', 'ADA42'), RecordType: 'Contact', Name: 'Ada Lovelace', FirstName: 'Ada', LastName: 'Lovelace',
    Title: 'Chief Analyst', Department: 'Research', AccountId: account.Id, Phone: reservePhone('(415) 555-0142'),
    Email: 'ada@example.com', MailingCity: 'San Francisco', LeadSource: 'Word of mouth',
  });
  const grace = add({
    Id: fixedId('003', 'GRACE'), RecordType: 'Contact', Name: 'Grace Hopper', FirstName: 'Grace', LastName: 'Hopper',
    Title: 'Rear Admiral', Department: 'IT', AccountId: account.Id, Phone: reservePhone('+1 646 555 0123'),
    Email: 'grace@example.com', MailingCity: 'New York', LeadSource: 'Partner Referral',
  });
  const sharedNumber = reservePhone('(212) 555-0188');
  const sharedA = add({
    Id: fixedId('003', 'SHRDC'), RecordType: 'Contact', Name: 'Ben Sharma', FirstName: 'Ben', LastName: 'Sharma',
    Title: 'Office Manager', Phone: sharedNumber, Email: 'ben.sharma@example.com', MailingCity: 'New York',
  });
  const sharedB = add({
    Id: fixedId('00Q', 'SHRDL'), RecordType: 'Lead', Name: 'Bea Sharma', FirstName: 'Bea', LastName: 'Sharma',
    Company: 'Shared Line Co', Title: 'Owner', Status: 'Open - Not Contacted', LeadSource: 'Phone Inquiry',
    Phone: '212.555.0188', Email: 'bea@sharedline.example.com',
  });
  const badPhone = add({
    Id: fixedId('003', 'TYPO1'), RecordType: 'Contact', Name: 'Tim Typo', FirstName: 'Tim', LastName: 'Typo',
    Title: 'Intern', Phone: reservePhone('12'), Email: 'tim.typo@example.com',
  });
  const extension = add({
    Id: fixedId('003', 'EXTN1'), RecordType: 'Contact', Name: 'Erin Extension', FirstName: 'Erin', LastName: 'Extension',
    Title: 'Receptionist', AccountId: account.Id, Phone: reservePhone('(415) 555-0177 x123'), Email: 'erin@example.com',
  });
  const vanity = add({
    Id: fixedId('001', 'FLWRS'), RecordType: 'Account', Name: 'Petal Pushers Florists', Type: 'Prospect',
    Industry: 'Retail', Phone: reservePhone('1-800-FLOWERS'), Website: 'petal-pushers.example.com',
    BillingCity: 'Chicago', BillingCountry: 'USA', NumberOfEmployees: 12,
  });
  const caseRecord = add({
    Id: fixedId('500', 'CASE1'), RecordType: 'Case', CaseNumber: '00001026', Name: '00001026',
    Subject: 'Engine will not compute', Status: 'New', Priority: 'High', Origin: 'Phone',
    ContactId: ada.Id, AccountId: account.Id, ContactPhone: ada.Phone,
    Description: 'The difference engine stops at the seventh column.',
  });

  const FIXED = { account, ada, grace, sharedA, sharedB, badPhone, extension, vanity, caseRecord };

  // Accounts (50 in all).
  const accounts = [account, vanity];
  const VANITY = ['1-888-GO-FAKES', '1-877-PLAYGND'];
  while (accounts.length < 50) {
    const [city, country] = pick(CITIES);
    const word = pick(COMPANY_WORDS);
    const name = `${word} ${pick(COMPANY_SUFFIX)}${chance(0.4) ? ` ${city}` : ''}`;
    if (records.some((r) => r.Name === name)) continue;
    const phone = accounts.length < 2 + VANITY.length ? reservePhone(VANITY[accounts.length - 2]) : randomPhone();
    accounts.push(add({
      Id: newId('001'), RecordType: 'Account', Name: name, Type: pick(['Customer', 'Prospect', 'Partner']),
      Industry: pick(INDUSTRIES), Phone: phone, Website: `${slug(word)}.example.com`,
      BillingCity: city, BillingCountry: country, NumberOfEmployees: 10 + int(5000),
    }));
  }

  // Contacts (70 in all), each at an account.
  const contacts = [ada, grace, sharedA, badPhone, extension];
  while (contacts.length < 70) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const at = pick(accounts);
    const n = contacts.length;
    contacts.push(add({
      Id: newId('003'), RecordType: 'Contact', Name: `${first} ${last}`, FirstName: first, LastName: last,
      Title: pick(TITLES), Department: pick(DEPARTMENTS), AccountId: at.Id, Phone: randomPhone(),
      MobilePhone: chance(0.35) ? randomPhone() : undefined,
      Email: `${slug(first)}.${slug(last)}${n}@${at.Website || 'example.com'}`, MailingCity: at.BillingCity,
      LeadSource: pick(SOURCES),
    }));
  }

  // Leads (40 in all).
  let leadCount = 1;
  while (leadCount < 40) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const company = `${pick(COMPANY_WORDS)} ${pick(COMPANY_SUFFIX)}`;
    add({
      Id: newId('00Q'), RecordType: 'Lead', Name: `${first} ${last}`, FirstName: first, LastName: last,
      Company: company, Title: pick(TITLES), Status: pick(['Open - Not Contacted', 'Working - Contacted', 'Qualified', 'Unqualified']),
      LeadSource: pick(SOURCES), Phone: randomPhone(), MobilePhone: chance(0.2) ? randomPhone() : undefined,
      Email: `${slug(first)}.${slug(last)}.lead${leadCount}@example.org`,
    });
    leadCount++;
  }

  // Cases (40 in all), each for a contact and that contact's account.
  for (let n = 1; n < 40; n++) {
    const who = pick(contacts.filter((c) => c.AccountId));
    const number = pad(1026 + n, 8);
    add({
      Id: newId('500'), RecordType: 'Case', CaseNumber: number, Name: number, Subject: pick(SUBJECTS),
      Status: pick(['New', 'Working', 'Escalated', 'Closed']), Priority: pick(['Low', 'Medium', 'High']),
      Origin: pick(['Phone', 'Email', 'Web', 'Chat']), ContactId: who.Id, AccountId: who.AccountId,
      ContactPhone: who.Phone,
    });
  }

  // Omni-Channel set-up: the org's service channels (ServiceChannel, key prefix 0N9) and the
  // presence statuses agents may choose (ServicePresenceStatus, 0N5), as the presence emulator
  // (presence.js) serves them. A channel's `units` is the capacity one work item takes;
  // `interruptible` work counts against the interruptible capacity instead; `workItem` is the
  // object routed on it (its key prefix names work items that are not in the store). "Offline" is
  // an ordinary busy status an admin created: choosing it is a status change, not a logout.
  const channel = (body, developerName, label, workItem, workItemPrefix, units, interruptible = false) => ({
    channelId: fixedId('0N9', body), developerName, label, workItem, workItemPrefix, units, interruptible,
  });
  const CHANNELS = [
    channel('PHONE', 'sfdc_phone', 'Phone', 'VoiceCall', '0LQ', 5),
    channel('CASES', 'Cases', 'Case', 'Case', '500', 2),
    channel('CHATS', 'sfdc_livechat', 'Chat', 'LiveChatTranscript', '570', 3),
    channel('MSGNG', 'sfdc_livemessage', 'Messaging', 'MessagingSession', '0Mw', 1, true),
  ];
  const status = (body, label, developerName, online, channelNames) => ({
    id: fixedId('0N5', body), label, developerName, online,
    channels: channelNames.map((name) => {
      const { channelId, developerName: channelName } = CHANNELS.find((c) => c.developerName === name);
      return { channelId, developerName: channelName };
    }),
  });
  const OMNI = {
    channels: CHANNELS,
    statuses: [
      status('AVAIL', 'Available', 'Available', true, ['sfdc_phone', 'Cases']),
      status('AVCHT', 'Available for Chat', 'Available_for_Chat', true, ['sfdc_livechat', 'sfdc_livemessage']),
      status('BUSY1', 'Busy', 'Busy', false, []),
      status('BREAK', 'On Break', 'On_Break', false, []),
      status('OFFLN', 'Offline', 'Offline', false, []),
    ],
    // The agent's presence configuration.
    capacity: { configured: 10, configuredInterruptible: 4 },
  };

  // Drop the `undefined` holes left by optional fields, so records print cleanly.
  for (const record of records) {
    for (const key of Object.keys(record)) if (record[key] === undefined) delete record[key];
  }

  // What tests get: plain data, safe to return through Playwright's evaluate.
  const FIXTURES = {};
  for (const [key, record] of Object.entries(FIXED)) {
    FIXTURES[key] = {
      id: record.Id, type: record.RecordType, name: record.Name,
      phone: record.Phone || null, email: record.Email || null,
    };
  }

  // Finds a record by its 18- or 15-character Id (the 15-character form is case-sensitive).
  function find(id) {
    if (typeof id !== 'string') return undefined;
    if (id.length === 18) return byId.get(id) || byId.get(to18(id.slice(0, 15)));
    if (id.length === 15) return byId.get(to18(id));
    return undefined;
  }

  // A new record (the new-record modal, saveLog): a fresh Id with the object's key prefix.
  function create(objectType, fields) {
    const meta = OBJECTS[objectType];
    const record = { ...fields, Id: newId(meta ? meta.prefix : 'a00'), RecordType: objectType };
    if (!record.Name) {
      record.Name = [record.FirstName, record.LastName].filter(Boolean).join(' ') || record.Subject || record.CaseNumber || `New ${objectType}`;
    }
    return add(record);
  }

  window.hostRecords = {
    OBJECTS, FIELD_LABELS, LOOKUP_FIELDS, records, FIXTURES, OMNI,
    find, create, to18, dialledDigits, phoneKey,
  };
  window.hostEmu = Object.assign(window.hostEmu || {}, { records, FIXTURES });
})();
