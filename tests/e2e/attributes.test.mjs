// End-to-end: the CTI attributes overlay of a contact, as an agent sees it, and the hostile
// corpus (tests/data/hostile-attributes.json) drawn in the browser with nothing executed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { until, Playground, useSuite } from './harness.mjs';

const require = createRequire(import.meta.url);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = JSON.parse(fs.readFileSync(path.join(root, 'tests/data/hostile-attributes.json'), 'utf8'));

const suite = useSuite({ consoleErrors: false });
let playground;

// Reloads the softphone without its session copy (optionally with another configuration) and
// waits for it to sign in with that configuration in use.
async function reloadFresh(p, config) {
  const enabled = (await p.calls('enableClickToDial')).length;
  await until(() => p.softphone().evaluate(() => sessionStorage.getItem('ctisoftphone:config:text') !== null), 'the session copy');
  await p.softphone().evaluate(() => sessionStorage.clear());
  await p.host((config) => {
    if (config) window.hostEmu.setConfig(config);
    window.hostEmu.reloadSoftphone();
  }, config);
  await until(async () => (await p.calls('enableClickToDial')).length > enabled, 'the reloaded softphone to sign in', 20000);
  await until(() => p.softphone().evaluate(() => sessionStorage.getItem('ctisoftphone:config:text') !== null), 'the configuration in use');
}

test('a call shows its CTI attributes: labels, a checked link, styles, and a copy button', async () => {
  playground = await suite.open();
  const p = playground;
  await p.ready();
  await p.ccpEval(() => window.ccpEmu.inbound({
    channel: 'voice', phone: '+14155550142', attributes: { phone_number: '+1 415 555 0100', postal_code: '94105' },
  }));
  const frame = p.softphone();
  const lines = frame.locator('[data-testid=cti-attribute]');
  await until(async () => (await lines.count()) === 3, 'three attribute lines');
  assert.deepEqual(
    (await lines.allTextContents()).map((t) => t.replace(/Copy$/, '')),
    ['Callback Phone+1 415 555 0100', 'Address', 'MapIt' + 'https://maps.example.com/search/94105'],
  );
  const link = frame.locator('[data-testid=cti-link]');
  assert.equal(await link.getAttribute('href'), 'https://maps.example.com/search/94105');
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  // The fixture styles the phone dark red; the style is set property by property.
  assert.equal(await lines.nth(0).evaluate((el) => el.style.color), 'rgb(186, 5, 23)');
  assert.equal(await lines.nth(1).evaluate((el) => el.style.fontWeight), 'bold');
  // axe-core on the contact card with its overlay: nothing serious or critical.
  await frame.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const found = await frame.evaluate(async () => {
    const result = await window.axe.run('[data-testid=contact]', { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ') + ' ' + (n.any[0]?.message || '')) }));
  });
  const serious = found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious, [], `axe: ${JSON.stringify(found)}`);
  // Copy: the value goes to the clipboard and the button says so.
  await frame.evaluate(() => {
    window.__copied = [];
    navigator.clipboard.writeText = (text) => { window.__copied.push(text); return Promise.resolve(); };
  });
  const copy = frame.locator('[data-testid=cti-copy]').first();
  assert.equal(await copy.getAttribute('aria-label'), 'Copy Callback Phone');
  await copy.click();
  await until(async () => (await copy.textContent()) === 'Copied', 'the button says Copied');
  assert.deepEqual(await frame.evaluate(() => window.__copied), ['+1 415 555 0100']);
});

// A corpus string: text, or a list of parts (`{"repeat": s, "times": n}` repeats).
const text = (value) => (Array.isArray(value)
  ? value.map((part) => (typeof part === 'string' ? part : part.repeat.repeat(part.times))).join('')
  : value);

test(`the hostile corpus (${corpus.cases.length} cases) is drawn without running anything`, async () => {
  // Every case's attribute records in one configuration, as the native test builds them.
  const attributes = corpus.cases.flatMap((c, index) => c.attributes.map((fields, i) => {
    const record = {
      id: `h${index}-${i}`, name: c.name, label: 'Label', display: 'KeyValue', type: 'Text', format: '{{a}}', defaultValue: 'dflt',
    };
    for (const [key, value] of Object.entries(fields)) record[key] = value === null ? null : text(value);
    return record;
  }));
  const softphone = `/app/index.html?emu-csp=report`;
  playground = await suite.open(`?softphone=${encodeURIComponent(softphone)}`);
  const p = playground;
  const dialogs = [];
  p.page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss().catch(() => {}); });
  await p.ready();
  const config = await p.host(() => window.hostEmu.fixture());
  config.attributes = attributes;
  config.features[0].value = 'ShowAttributesIfEmpty:true\nShowAllAttributes:true';
  await reloadFresh(p, config);
  const frame = p.softphone();
  const frameUrl = frame.url();
  // A canary every payload that runs script would reach, and CSP violations counted.
  await frame.evaluate(() => {
    window.__fired = [];
    window.canary = (what) => window.__fired.push(String(what));
    for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
      window[name] = (...args) => { window.__fired.push(`${name}(${args.join(',')})`); return null; };
    }
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  // The counter works: an image from elsewhere is a violation (report-only: nothing blocked).
  await frame.evaluate(() => { const img = document.createElement('img'); img.src = 'http://evil.invalid/x.png'; document.body.append(img); img.remove(); });
  await until(() => frame.evaluate(() => window.__violations.some((v) => v.startsWith('img-src'))), 'the CSP counter sees a foreign image');
  const before = await frame.evaluate(() => window.__violations.length);
  let drawn = 0;
  for (const c of corpus.cases) {
    const contact = Object.fromEntries(c.contact.map(([key, value]) => [text(key), text(value)]));
    const id = await p.ccpEval((attributes) => window.ccpEmu.inbound({ channel: 'voice', phone: '+14155550142', attributes }), contact);
    const overlay = frame.locator(`[data-contact-id="${id}"] [data-testid=cti-attributes]`);
    await until(async () => (await overlay.count()) === 1, `the overlay of ${c.name}`);
    const hrefs = await overlay.locator('a').evaluateAll((links) => links.map((a) => a.href));
    for (const href of hrefs) assert.match(href, /^(https?:|tel:|mailto:)/, `${c.name}: ${href}`);
    drawn += 1;
    await p.ccpEval((contactId) => window.ccpEmu.reject(contactId), id);
    await p.ccpEval(() => window.ccpEmu.waitIdle());
  }
  assert.equal(drawn, corpus.cases.length);
  const state = await frame.evaluate(() => ({ fired: window.__fired, violations: window.__violations }));
  assert.deepEqual(state.fired, [], 'no payload ran');
  assert.deepEqual(dialogs, [], 'no dialog opened');
  assert.deepEqual(state.violations.slice(before), [], 'no CSP violation from a payload');
  assert.equal(p.softphone().url(), frameUrl, 'the softphone did not navigate');
  assert.equal(new URL(p.page.url()).pathname, '/', 'the host page did not navigate');
});
