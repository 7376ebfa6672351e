// Parity of the engine's phone numbers with libphonenumber-js (the pinned reference in
// package.json): thousands of generated numbers, written the ways people and CRMs write them,
// in more than 40 countries, go through `ctictl phone normalize` and through
// `parsePhoneNumberFromString(text, country)` + `isValid()` + `.number`; every E.164 result
// (or its absence) must be equal. The corpus is generated from a fixed seed, so a failure
// names a case that fails again.
//
//   cargo build -p ctictl && node --test tests/phone/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePhoneNumberFromString, getExampleNumber, getCountryCallingCode } from 'libphonenumber-js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(ROOT, 'package.json'));
const examples = require('libphonenumber-js/examples.mobile.json');
const metadata = require('libphonenumber-js/metadata.min.json');
const CTICTL = process.env.CTICTL ?? join(ROOT, 'target/debug/ctictl');

// Countries agents call most, every continent, shared calling codes (+1, +7, +44, +39…),
// national prefixes other than 0, carrier codes (BR, CO, AR) and long IDD prefixes.
const COUNTRIES = [
  'US', 'CA', 'PR', 'JM', 'DO', 'GB', 'GG', 'JE', 'IM', 'IE', 'DE', 'FR', 'IT', 'VA', 'ES',
  'PT', 'NL', 'BE', 'LU', 'CH', 'AT', 'SE', 'NO', 'DK', 'FI', 'IS', 'PL', 'CZ', 'HU', 'RO',
  'GR', 'TR', 'RU', 'KZ', 'UA', 'IL', 'AE', 'SA', 'EG', 'MA', 'ZA', 'NG', 'KE', 'IN', 'PK',
  'BD', 'CN', 'HK', 'TW', 'JP', 'KR', 'SG', 'MY', 'TH', 'VN', 'PH', 'ID', 'AU', 'NZ', 'BR',
  'AR', 'MX', 'CO', 'CL', 'PE', 'UY',
];
// From where international numbers are dialled, each with its own IDD prefix.
const DIALLING_FROM = ['US', 'GB', 'DE', 'BR', 'AU', 'JP', 'RU', 'CO', 'SG', 'IL'];

/** mulberry32: a small seeded generator, so the corpus is the same on every run. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(20261201);
const pick = (list) => list[Math.floor(rnd() * list.length)];
const digit = () => String(Math.floor(rnd() * 10));

/** The IDD prefix a person dials from `country` (a plain one, as the metadata gives it). */
function idd(country) {
  const plan = metadata.countries[country];
  return /^\d+$/.test(plan[1]) ? plan[1] : plan[12];
}

/** National significant numbers of `country`: its example, variations of it, random ones. */
function nationalNumbers(country) {
  const example = getExampleNumber(country, examples);
  const base = example ? example.nationalNumber : '2345678';
  const lengths = metadata.countries[country][3] ?? [base.length];
  const out = [base];
  for (let i = 0; i < 5; i++) {
    // Same leading digits, other subscriber digits: mostly valid.
    const keep = Math.ceil(base.length / 2);
    out.push(base.slice(0, keep) + Array.from({ length: base.length - keep }, digit).join(''));
  }
  for (let i = 0; i < 3; i++) {
    // Any digits of a possible length: often a range the country has not assigned.
    const length = pick(lengths);
    out.push(String(1 + Math.floor(rnd() * 9)) + Array.from({ length: length - 1 }, digit).join(''));
  }
  out.push(base.slice(0, -1)); // one digit short
  out.push(base + digit()); // one digit long
  return out;
}

const SEPARATORS = [' ', '-', '.', '/', ' - ', '\u00a0'];
const EXTENSIONS = [' x123', ' ext. 45', ' ext 9', ' #12', ';ext=77', ',,456', ' extension 3', ' anexo 8', ' x 12#'];
const AROUND = [['Tel: ', ''], ['', ' (mobile)'], ['phone ', ' !'], ['<', '>'], ['"', '"']];
const FULLWIDTH = (s) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

function group(digits) {
  const sep = pick(SEPARATORS);
  const parts = [];
  let rest = digits;
  while (rest.length) {
    const n = Math.min(rest.length, 2 + Math.floor(rnd() * 3));
    parts.push(rest.slice(0, n));
    rest = rest.slice(n);
  }
  return parts.join(sep);
}

/** Every written form of one number, each read with a default country. */
function forms(country, nsn) {
  const cc = getCountryCallingCode(country);
  const parsed = parsePhoneNumberFromString(`+${cc}${nsn}`);
  const national = parsed ? parsed.formatNational() : nsn;
  const international = parsed ? parsed.formatInternational() : `+${cc} ${nsn}`;
  const uri = parsed ? parsed.getURI() : `tel:+${cc}-${nsn}`;
  const prefix = metadata.countries[country][5] ?? '';
  const from = pick(DIALLING_FROM);
  const cases = [
    [country, `+${cc}${nsn}`],
    [country, international],
    [country, national],
    [country, uri],
    [country, `${uri};ext=12`],
    [country, `${uri};isub=1234`],
    [country, `+${cc} ${group(nsn)}`],
    [country, `${prefix}${group(nsn)}`],
    [country, `(${prefix}${nsn.slice(0, 3)}) ${group(nsn.slice(3))}`],
    [country, `+${cc} (${prefix}) ${group(nsn)}`],
    [country, `${cc}${nsn}`],
    [country, `${cc} ${group(nsn)}`],
    [country, `${idd(country)} ${cc} ${group(nsn)}`],
    [from, `${idd(from)} ${cc} ${group(nsn)}`],
    [from, `${idd(from)}${cc}${nsn}`],
    [from, `+${cc}${nsn}`],
    [from, national],
    [country, `${national}${pick(EXTENSIONS)}`],
    [country, `${international}${pick(EXTENSIONS)}`],
    [country, (([a, b]) => `${a}${national}${b}`)(pick(AROUND))],
    [country, FULLWIDTH(`+${cc} ${nsn}`)],
    [country, `\uff0b${cc} ${nsn}`],
    [country, `+0${cc}${nsn}`],
    [country, `+${nsn}`],
    [country, `${nsn}`],
    [country, national.replace(/\d(?=\D*$)/, 'O')],
    [country, `${national.slice(0, 4)}ABC`],
  ];
  if (country === 'BR') {
    // Carrier selection codes: 0 + carrier before the area code, 00 + carrier before the country.
    const carrier = pick(['12', '14', '15', '21', '31', '41']);
    cases.push([country, `0 ${carrier} ${group(nsn)}`], [country, `00${carrier} 55 ${group(nsn)}`]);
  }
  if (country === 'CO' || country === 'AR') {
    cases.push([country, `09 ${group(nsn)}`], [country, `0 ${nsn}`]);
  }
  return cases;
}

function corpus() {
  const cases = [];
  for (const country of COUNTRIES) {
    for (const nsn of nationalNumbers(country)) cases.push(...forms(country, nsn));
  }
  // Text that is no number, or hardly one.
  for (const text of ['', '   ', 'n/a', '+', '++44', '1', '12', '+1', '+44 20', 'tel:', 'x123', '1-800-FLOWERS',
    '+0 20 1234 5678', '00 0 123 456', '+800 1234 5678', '+808 12345678', '+979 123456789', '+882 13 1234 5678']) {
    for (const country of ['US', 'GB', 'BR']) cases.push([country, text]);
  }
  return cases;
}

function reference(text, country) {
  const number = parsePhoneNumberFromString(text, country);
  return number && number.isValid() ? number.number : null;
}

test('E.164 results equal libphonenumber-js on every generated case', (t) => {
  assert.ok(existsSync(CTICTL), `${CTICTL} is missing: run cargo build -p ctictl first`);
  const cases = corpus().filter(([, text]) => !/[\r\n]/.test(text));
  const byCountry = new Map();
  for (const [country, text] of cases) {
    if (!byCountry.has(country)) byCountry.set(country, []);
    byCountry.get(country).push(text);
  }
  let agreements = 0;
  let valid = 0;
  const disagreements = [];
  for (const [country, texts] of byCountry) {
    const run = spawnSync(CTICTL, ['phone', 'normalize', '--country', country], {
      input: texts.join('\n') + '\n',
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    assert.equal(run.status, 0, `ctictl for ${country}: ${run.stderr}`);
    const lines = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    assert.equal(lines.length, texts.length, `one line per input for ${country}`);
    texts.forEach((text, i) => {
      const ours = lines[i];
      assert.equal(ours.input, text);
      assert.equal(ours.country, country);
      const expected = reference(text, country);
      if (expected) valid++;
      const consistent = (ours.e164 === null) === (ours.error !== null);
      if (ours.e164 === expected && consistent) agreements++;
      else disagreements.push({ country, text, ours: ours.e164, error: ours.error, libphonenumber: expected });
    });
  }
  const countries = byCountry.size;
  t.diagnostic(`${cases.length} cases, ${countries} default countries, ${valid} valid per the reference, ${agreements} agreements`);
  console.log(`phone parity: ${cases.length} cases, ${countries} default countries, ${valid} valid, ${agreements} agree, ${disagreements.length} disagree`);
  assert.ok(cases.length >= 2000, 'at least 2,000 cases');
  assert.ok(countries >= 40, 'at least 40 countries');
  assert.ok(valid > cases.length / 4 && valid < (cases.length * 3) / 4, 'both valid and invalid numbers');
  assert.deepEqual(disagreements.slice(0, 20), [], `${disagreements.length} disagreements`);
});
