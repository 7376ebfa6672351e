// End-to-end: the CTI attributes editor page (the package's Visualforce tab "CTI Attributes"), in
// the host emulator, talking to the emulated CtiAttributeEditorController over Visualforce
// remoting: list, edit with the preview and the decoder's problems inline, add, reorder, delete,
// save (and the softphone then shows the new overlay on a call), a stale save, the guard against
// leaving with unsaved changes, and axe-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { until, useSuite } from './harness.mjs';

const require = createRequire(import.meta.url);
const suite = useSuite();

const SAVE = 'CtiAttributeEditorController.save';

// Opens the CTI Attributes tab as an admin would and waits for the list.
async function openEditor(p) {
  await p.page.click('[data-testid=nav-cti-attributes]');
  const frame = await until(() => p.editor(), 'the editor page');
  await until(async () => (await frame.locator('[data-testid=attribute-row]').count()) > 0, 'the attribute list');
  return frame;
}

const rowNames = (frame) => frame.locator('[data-testid=attribute-row-name]').allTextContents();
// The preview's lines as the agent reads them (the copy buttons' text left out).
const previewLines = (frame) => frame.locator('[data-testid=preview] [data-testid=cti-attribute]')
  .evaluateAll((lines) => lines.map((li) => [...li.children].filter((c) => c.tagName !== 'BUTTON').map((c) => c.textContent).join(' | ')));
const field = (frame, key) => frame.locator(`[data-testid=attribute-form] [data-testid=field-${key}]`);
const problems = (frame, key) => frame.locator(`[data-testid=problems-${key}] [data-testid=field-problem]`).allTextContents();
const focusedId = (frame) => frame.evaluate(() => document.activeElement?.id || '');
// A row's button (edit, up, down, delete), by the row's attribute name.
const rowButton = (frame, name, action) => frame.locator(`[data-testid=attribute-row][data-name="${name}"] [data-testid=attribute-${action}]`);

async function serious(frame) {
  await frame.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const found = await frame.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => `${n.target.join(' ')} ${n.any[0]?.message || ''}`) }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

// Reloads the softphone without its session copy and waits for it to sign in with the
// configuration runApex answers now.
async function reloadSoftphone(p) {
  const enabled = (await p.calls('enableClickToDial')).length;
  await until(() => p.softphone().evaluate(() => sessionStorage.getItem('ctisoftphone:config:text') !== null), 'the session copy');
  await p.softphone().evaluate(() => sessionStorage.clear());
  await p.host(() => window.hostEmu.reloadSoftphone());
  await until(async () => (await p.calls('enableClickToDial')).length > enabled, 'the reloaded softphone to sign in', 20000);
  await until(() => p.softphone().evaluate(() => sessionStorage.getItem('ctisoftphone:config:text') !== null), 'the configuration in use');
}

test('the editor lists the attributes; an edit changes the preview, and the decoder\'s problems show next to their field', async () => {
  const p = await suite.open();
  const frame = await openEditor(p);
  assert.deepEqual(await rowNames(frame), ['customer_phone', 'address_section', 'postal_code']);
  // The preview starts with a sample contact holding each key the formats read.
  assert.deepEqual(await previewLines(frame), [
    'Callback Phone | phone_number', 'Address', 'MapIt | https://maps.example.com/search/postal_code',
  ]);
  assert.equal(await frame.locator('[data-testid=editor-status]').textContent(), 'No unsaved changes');
  assert.equal(await frame.locator('[data-testid=editor-save]').isDisabled(), true);

  // The first row is being edited: its label.
  await field(frame, 'label').fill('Callback number');
  assert.deepEqual((await previewLines(frame))[0], 'Callback number | phone_number');
  assert.deepEqual((await rowNames(frame))[0], 'customer_phone');
  assert.equal(await frame.locator('[data-testid=editor-status]').textContent(), 'Unsaved changes');
  assert.equal(await frame.locator('[data-testid=editor-save]').isDisabled(), false);

  // The sample contact's values go through the format.
  const phoneValue = frame.locator('[data-testid=sample-row]').filter({ has: frame.locator('[data-testid=sample-key]') }).first().locator('[data-testid=sample-value]');
  await phoneValue.fill('+1 415 555 0199');
  assert.deepEqual((await previewLines(frame))[0], 'Callback number | +1 415 555 0199');

  // An invalid style: the decoder's problem under the field, the row counts it, Save waits.
  await field(frame, 'style').fill('position: fixed; color: #0b5cab');
  assert.deepEqual(await problems(frame, 'style'), [
    'error: “position” is not an allowed style property (allowed: color, background-color, font-weight, font-style, font-size, font-family, text-decoration, text-transform, text-align, letter-spacing, white-space, border, border-color, border-style, border-width, border-radius, padding)',
  ]);
  assert.equal(await field(frame, 'style').getAttribute('aria-invalid'), 'true');
  assert.equal(await frame.locator('[data-testid=attribute-row-problems]').first().textContent(), '1 error');
  assert.equal(await frame.locator('[data-testid=editor-save]').isDisabled(), true);
  assert.equal(await frame.locator('[data-testid=editor-save-help]').textContent(), 'Fix the error marked below before saving.');
  // The softphone would still apply the allowed declaration, and so does the preview.
  const firstLine = frame.locator('[data-testid=preview] [data-testid=cti-attribute]').first();
  assert.equal(await firstLine.evaluate((el) => el.style.color), 'rgb(11, 92, 171)');
  assert.equal(await firstLine.evaluate((el) => el.style.position), '');
  assert.deepEqual(await serious(frame), [], 'axe with a problem shown');

  await field(frame, 'style').fill('color: #0b5cab; font-weight: bold');
  assert.deepEqual(await problems(frame, 'style'), []);
  assert.equal(await field(frame, 'style').getAttribute('aria-invalid'), 'false');
  assert.equal(await firstLine.evaluate((el) => el.style.fontWeight), 'bold');
  assert.equal(await frame.locator('[data-testid=editor-save]').isDisabled(), false);

  // A hyperlink whose format names no allowed scheme is refused; the preview then leaves it out.
  await rowButton(frame, 'postal_code', 'edit').click();
  await field(frame, 'format').fill('javascript:alert({{postal_code}})');
  assert.match((await problems(frame, 'format'))[0], /^error: “javascript:alert\(\{\{postal_code\}\}\)” can never be a link/);
  assert.deepEqual((await previewLines(frame)).length, 2);
  assert.equal(await frame.locator('[data-testid=preview] [data-testid=cti-link]').count(), 0);
});

test('add, reorder with the keyboard, delete and save; the reloaded softphone shows the new overlay on a call', async () => {
  const p = await suite.open();
  await p.ready();
  const frame = await openEditor(p);

  // Add: the new row is selected and its name field has the focus.
  await frame.locator('[data-testid=attribute-add]').click();
  assert.deepEqual(await rowNames(frame), ['customer_phone', 'address_section', 'postal_code', '(no name)']);
  // The focus moves after the row is drawn: waited for, not read at once.
  await until(async () => /^attribute-\d+-name$/.test(await focusedId(frame)), 'the focus on the new name field');
  await p.page.keyboard.type('order_id');
  await field(frame, 'label').fill('Order');
  await field(frame, 'type').selectOption('Hyperlink');
  await field(frame, 'format').fill('https://shop.example.com/orders/{{order_id}}');
  await field(frame, 'defaultValue').fill('none');
  assert.deepEqual(await problems(frame, 'format'), []);

  // Reorder from the keyboard: the focus stays on the moved row's button.
  const up = rowButton(frame, 'order_id', 'up');
  await up.focus();
  await p.page.keyboard.press('Enter');
  await until(async () => (await rowNames(frame)).join() === 'customer_phone,address_section,order_id,postal_code', 'order_id moved up');
  await until(async () => (await focusedId(frame)) === await up.getAttribute('id'), 'the focus on the moved row');
  await p.page.keyboard.press('Enter');
  await until(async () => (await rowNames(frame)).join() === 'customer_phone,order_id,address_section,postal_code', 'order_id moved up again');
  await until(async () => (await focusedId(frame)) === await up.getAttribute('id'), 'the focus still on the moved row');
  // Down, and back.
  await rowButton(frame, 'customer_phone', 'down').click();
  assert.deepEqual(await rowNames(frame), ['order_id', 'customer_phone', 'address_section', 'postal_code']);
  await until(async () => (await focusedId(frame)) === await rowButton(frame, 'customer_phone', 'down').getAttribute('id'), 'focus on down');
  await p.page.keyboard.press('Enter');
  assert.deepEqual(await rowNames(frame), ['order_id', 'address_section', 'customer_phone', 'postal_code']);
  await rowButton(frame, 'customer_phone', 'up').click();
  await rowButton(frame, 'order_id', 'down').click();
  assert.deepEqual(await rowNames(frame), ['customer_phone', 'order_id', 'address_section', 'postal_code']);

  // Delete the section heading; the focus goes to the next row.
  await rowButton(frame, 'address_section', 'delete').click();
  assert.deepEqual(await rowNames(frame), ['customer_phone', 'order_id', 'postal_code']);
  await until(async () => (await focusedId(frame)) === await rowButton(frame, 'postal_code', 'edit').getAttribute('id'), 'focus after delete');
  // The sample contact has no order_id: the default value shows, until the admin adds one.
  assert.deepEqual(await previewLines(frame), [
    'Callback Phone | phone_number', 'Order | none', 'MapIt | https://maps.example.com/search/postal_code',
  ]);
  await frame.locator('[data-testid=sample-add]').click();
  await until(async () => /^sample-\d+-key$/.test(await focusedId(frame)), 'the focus on the new sample key');
  await p.page.keyboard.type('order_id');
  await frame.locator('[data-testid=sample-value]').last().fill('A-17');
  assert.deepEqual(await previewLines(frame), [
    'Callback Phone | phone_number', 'Order | https://shop.example.com/orders/A-17', 'MapIt | https://maps.example.com/search/postal_code',
  ]);
  assert.equal(await frame.locator('[data-testid=preview] [data-testid=cti-link]').first().getAttribute('href'), 'https://shop.example.com/orders/A-17');
  assert.deepEqual(await serious(frame), [], 'axe after edits');

  // Save: one remote call, through Visualforce remoting, and the page is clean again.
  await frame.locator('[data-testid=editor-save]').click();
  await until(() => frame.locator('[data-testid=editor-saved]').count(), 'the saved message');
  assert.equal(await frame.locator('[data-testid=editor-status]').textContent(), 'No unsaved changes');
  const saves = await p.host((method) => window.hostEmu.calls.filter((c) => c.method === method).map((c) => c.response.status), SAVE);
  assert.deepEqual(saves, [true]);
  const stored = await p.host(() => JSON.parse(window.hostEmu.config).attributes.map((a) => [a.name, a.label, a.type, a.sortOrder]));
  assert.deepEqual(stored, [
    ['customer_phone', 'Callback Phone', 'Text', 1], ['order_id', 'Order', 'Hyperlink', 2], ['postal_code', 'MapIt', 'Hyperlink', 3],
  ]);
  const newId = await p.host(() => JSON.parse(window.hostEmu.config).attributes[1].id);
  assert.match(newId, /^a01[A-Za-z0-9]{15}$/);

  // The softphone, reloaded, shows the saved overlay on a call.
  await reloadSoftphone(p);
  await p.ccpEval(() => window.ccpEmu.inbound({
    channel: 'voice', phone: '+14155550142', attributes: { phone_number: '+1 415 555 0100', order_id: 'A-17', postal_code: '94105' },
  }));
  const softphone = p.softphone();
  const lines = softphone.locator('[data-testid=cti-attribute]');
  await until(async () => (await lines.count()) === 3, 'three attribute lines in the softphone');
  assert.deepEqual((await lines.allTextContents()).map((t) => t.replace(/Copy$/, '')), [
    'Callback Phone+1 415 555 0100', 'Orderhttps://shop.example.com/orders/A-17', 'MapIthttps://maps.example.com/search/94105',
  ]);
  assert.equal(await softphone.locator('[data-testid=cti-link]').first().getAttribute('href'), 'https://shop.example.com/orders/A-17');
});

test('a stale save shows a conflict, overwrites nothing and keeps the admin\'s edit', async () => {
  const p = await suite.open();
  const frame = await openEditor(p);
  await rowButton(frame, 'postal_code', 'edit').click();
  await field(frame, 'label').fill('Map');
  // Someone else saves in between (another admin, the record page).
  await p.host(() => window.hostEmu.remoting.editAsSomeoneElse((records) => { records[0].label = 'Theirs'; }));

  await frame.locator('[data-testid=editor-save]').click();
  await until(() => frame.locator('[data-testid=editor-conflict]').count(), 'the conflict message');
  assert.match(await frame.locator('[data-testid=editor-conflict]').textContent(), /Someone else changed these attributes after you loaded them\. Nothing was saved/);
  assert.equal(await field(frame, 'label').inputValue(), 'Map', 'the edit is kept');
  assert.equal(await frame.locator('[data-testid=editor-status]').textContent(), 'Unsaved changes');
  const labels = () => p.host(() => JSON.parse(window.hostEmu.config).attributes.map((a) => a.label));
  assert.deepEqual(await labels(), ['Theirs', 'Address', 'MapIt'], 'nothing overwritten');

  // A save that fails on the way says so, and keeps the edit too.
  await p.host((method) => window.hostEmu.failNext(method, { description: 'Internal Server Error' }), SAVE);
  await frame.locator('[data-testid=editor-save]').click();
  await until(() => frame.locator('[data-testid=editor-error]').count(), 'the error message');
  assert.equal(await frame.locator('[data-testid=editor-error]').textContent(), 'Salesforce failed: Internal Server Error');
  assert.equal(await field(frame, 'label').inputValue(), 'Map');
  assert.deepEqual(await labels(), ['Theirs', 'Address', 'MapIt']);

  // Loading the saved version shows theirs (and drops the edit, as the message says).
  await frame.locator('[data-testid=editor-save]').click();
  await until(() => frame.locator('[data-testid=editor-conflict]').count(), 'the conflict again');
  await frame.locator('[data-testid=editor-reload]').click();
  await until(async () => (await frame.locator('[data-testid=editor-status]').textContent()) === 'No unsaved changes', 'the saved version');
  assert.deepEqual(await previewLines(frame), ['Theirs | phone_number', 'Address', 'MapIt | https://maps.example.com/search/postal_code']);
  // And now a save goes through.
  await field(frame, 'label').fill('Map');
  await frame.locator('[data-testid=editor-save]').click();
  await until(() => frame.locator('[data-testid=editor-saved]').count(), 'the saved message');
  assert.deepEqual(await labels(), ['Theirs', 'Address', 'Map']);
});

test('leaving the editor with unsaved changes asks first; without changes it does not', async () => {
  const p = await suite.open();
  const frame = await openEditor(p);
  const dialogs = [];
  p.page.on('dialog', (dialog) => { dialogs.push(dialog.type()); dialog.dismiss().catch(() => {}); });

  await field(frame, 'label').click();
  await p.page.keyboard.type(' (edited)');
  assert.equal(await field(frame, 'label').inputValue(), 'Callback Phone (edited)');
  await frame.evaluate(() => { setTimeout(() => location.reload(), 0); });
  await until(() => dialogs.length > 0, 'the beforeunload dialog');
  assert.deepEqual(dialogs, ['beforeunload']);
  // Dismissed: the page stayed, with the edit.
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await field(frame, 'label').inputValue(), 'Callback Phone (edited)');

  // Discarded, the page leaves without asking.
  await frame.locator('[data-testid=editor-discard]').click();
  await until(async () => (await frame.locator('[data-testid=editor-status]').textContent()) === 'No unsaved changes', 'discarded');
  assert.equal(await field(frame, 'label').inputValue(), 'Callback Phone');
  const before = await frame.evaluate(() => performance.timeOrigin);
  await frame.evaluate(() => { setTimeout(() => location.reload(), 0); });
  const reloaded = await until(async () => {
    const f = p.editor();
    const origin = f && await f.evaluate(() => performance.timeOrigin).catch(() => null);
    return origin && origin !== before ? f : null;
  }, 'the reloaded editor');
  await until(async () => (await reloaded.locator('[data-testid=attribute-row]').count()) === 3, 'the list again');
  assert.deepEqual(dialogs, ['beforeunload'], 'no second dialog');
});

test('axe-core finds nothing serious or critical on the editor page', async () => {
  const p = await suite.open();
  const frame = await openEditor(p);
  assert.deepEqual(await serious(frame), [], 'axe on the loaded editor');
  await p.host(() => window.hostEmu.remoting.editAsSomeoneElse((records) => { records[1].label = 'Elsewhere'; }));
  await field(frame, 'format').fill('{{phone_number');
  assert.match((await problems(frame, 'format'))[0], /^warning: a “\{\{” starts no/);
  await frame.locator('[data-testid=editor-save]').click();
  await until(() => frame.locator('[data-testid=editor-conflict]').count(), 'the conflict message');
  assert.deepEqual(await serious(frame), [], 'axe with a warning and the conflict message');
});
