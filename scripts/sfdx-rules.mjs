// Rules of scripts/sfdx-check.mjs that hold the package to what an org needs, beyond what the
// Metadata API schema says: the Apex tests pass in an org that already has real data, an admin
// gets a tab and page layouts to edit the configuration with, and the admins' app pages (the CTI
// attributes editor) load their app, call remote actions that exist, and are for admins only. Split out of sfdx-check.mjs
// to keep each file readable; every function reports through `problem(file, message, line, col)`.
import { AssignExpressionContext, ClassBodyDeclarationContext, CreatorContext, DotExpressionContext,
  FieldDeclarationContext, MethodDeclarationContext, RunAsStatementContext } from '@apexdevtools/apex-parser';
import { basename } from 'node:path';

// ---------------------------------------------------------------------------------------------
// XML trees as sfdx-check.mjs parses them: { name, attrs, children, text }
export const child = (node, name) => node?.children.find((c) => c.name === name);
export const childText = (node, name) => child(node, name)?.text;
export const childrenNamed = (node, name) => node?.children.filter((c) => c.name === name) ?? [];

// ---------------------------------------------------------------------------------------------
// Apex test classes

/** Every node of a parse tree, depth first. */
function* nodes(tree) {
  yield tree;
  for (const c of tree.children ?? []) yield* nodes(c);
}
const ancestor = (node, type) => {
  for (let n = node.parentCtx; n; n = n.parentCtx) if (n instanceof type) return n;
  return null;
};
/** `System.runAs(new User(Id = UserInfo.getUserId()))`: the running user, used for setup DML. */
const runsAsSelf = (runAs) => /^newUser\(Id=UserInfo\.getUserId\(\)\)$/i.test(runAs.expressionList()?.getText() ?? '');
const isStringLiteral = (expr) => /^'(?:[^'\\]|\\.)*'$/.test(expr?.getText() ?? '');
const blankLiteral = (expr) => /^'\s*'$/.test(expr.getText());
const at = (ctx) => [ctx.start.line, ctx.start.column];

/** The package's permission sets; tests run as users who have one of them. */
const PERMISSION_SETS = ['CtiSoftphoneAgent', 'CtiSoftphoneAdmin'];

/**
 * The Apex tests of the package must pass in a real org:
 * - Each test class creates its user with a permission set of the package (CtiSoftphoneAgent,
 *   or CtiSoftphoneAdmin for what admins do) by PermissionSetAssignment, and each test method
 *   calls the classes under test inside System.runAs with that user: a Metadata API deploy
 *   grants field-level security to no profile, so the WITH USER_MODE queries fail as the
 *   deploying admin.
 * - No call center name is written as a literal (a CallCenterName__c value, a getConfiguration or
 *   build argument, the controller's override): CallCenterName__c is unique and a unique index
 *   sees the org's real records during a test, so a fixed name fails with DUPLICATE_VALUE once
 *   an admin has created that adapter. Names must come from a generator.
 * - The boot-configuration test sets ConnectSoftphoneController's @TestVisible override, so it
 *   does not need the package's CallCenter record to be deployed and visible to the test.
 *
 * tests: [{ file, tree }] of *Test.cls; underTest: names of the package's other classes;
 * reservedNames: call center names that must never appear as literals in tests.
 */
export function checkTestClasses({ tests, underTest, controller, reservedNames, problem }) {
  const classes = new Set(underTest.map((c) => c.toLowerCase()));
  // The controller's @TestVisible static String field(s): the call center name override.
  const overrides = [];
  if (controller) {
    for (const n of nodes(controller.tree)) {
      if (!(n instanceof FieldDeclarationContext)) continue;
      const decl = ancestor(n, ClassBodyDeclarationContext);
      const mods = decl?.modifier_list().map((m) => m.getText().toLowerCase()) ?? [];
      if (mods.includes('@testvisible') && mods.includes('static') && /^string$/i.test(n.typeRef().getText())) {
        overrides.push(...n.variableDeclarators().variableDeclarator_list().map((v) => v.id().getText()));
      }
    }
    if (!overrides.length) {
      problem(controller.file, 'needs a @TestVisible static String override of the call center name, so its test does not depend on a deployed CallCenter record');
    } else {
      const boot = [...nodes(controller.tree)].find((n) => n instanceof MethodDeclarationContext && n.id().getText() === 'getBootConfig');
      const reads = (o) => [...nodes(boot?.block() ?? { children: [] })].some((n) => !n.children && n.getText() === o);
      if (!overrides.some(reads)) problem(controller.file, `getBootConfig must use the override ${overrides.join(' or ')}`);
    }
  }
  let overrideSet = false;

  for (const { file, tree } of tests) {
    const all = [...nodes(tree)];
    const text = tree.getText();
    if (!all.some((n) => n instanceof CreatorContext && /^PermissionSetAssignment$/i.test(n.createdName().getText()))) {
      problem(file, `creates no PermissionSetAssignment: the tests must run as a user with a permission set of the package (${PERMISSION_SETS.join(' or ')})`);
    }
    if (!PERMISSION_SETS.some((ps) => text.includes(`'${ps}'`))) problem(file, `never names a permission set of the package (${PERMISSION_SETS.map((ps) => `'${ps}'`).join(' or ')})`);
    if (!all.some((n) => n instanceof CreatorContext && /^User$/i.test(n.createdName().getText()) && /ProfileId=/i.test(n.getText()))) {
      problem(file, 'creates no test user (new User(ProfileId = …))');
    }

    // Every test method runs something as a test user.
    for (const m of all.filter((n) => n instanceof MethodDeclarationContext)) {
      const decl = ancestor(m, ClassBodyDeclarationContext);
      const mods = decl?.modifier_list().map((x) => x.getText().toLowerCase()) ?? [];
      if (!mods.some((x) => x === '@istest' || x === 'testmethod')) continue;
      const runs = [...nodes(m)].filter((n) => n instanceof RunAsStatementContext && !runsAsSelf(n));
      if (!runs.length) problem(file, `test ${m.id().getText()} has no System.runAs(<test user>) block: it would run as the deploying admin`, ...at(m));
    }

    for (const n of all) {
      // Calls into the classes under test happen as the test user.
      let called = null;
      if (n instanceof DotExpressionContext && n.dotMethodCall() && classes.has(n.expression().getText().toLowerCase())) {
        called = `${n.expression().getText()}.${n.dotMethodCall().anyId().getText()}()`;
      } else if (n instanceof CreatorContext && classes.has(n.createdName().getText().toLowerCase()) && n.classCreatorRest()) {
        called = `new ${n.createdName().getText()}()`;
      }
      if (called) {
        const runAs = ancestor(n, RunAsStatementContext);
        if (!runAs || runsAsSelf(runAs)) problem(file, `${called} outside System.runAs(<test user>): it would run as the deploying admin`, ...at(n));
      }
      // No literal call center names.
      if (n instanceof AssignExpressionContext && n.ASSIGN()) {
        const [left, right] = n.expression_list();
        const target = left.getText();
        if (/(^|\.)CallCenterName__c$/i.test(target) && isStringLiteral(right)) {
          problem(file, `CallCenterName__c = ${right.getText()}: a fixed call center name collides with the org's real adapter (DUPLICATE_VALUE); use a generated unique name`, ...at(n));
        }
        const o = overrides.find((x) => new RegExp(`^ConnectSoftphoneController\\.${x}$`, 'i').test(target));
        if (o) {
          overrideSet = true;
          if (isStringLiteral(right)) problem(file, `${target} = ${right.getText()}: use the generated name of the adapter the test inserts`, ...at(n));
        }
      }
      if (n instanceof DotExpressionContext && n.dotMethodCall() && /^(getConfiguration|build)$/i.test(n.dotMethodCall().anyId().getText())) {
        const first = n.dotMethodCall().expressionList()?.expression(0);
        if (isStringLiteral(first) && !blankLiteral(first)) {
          problem(file, `${n.getText().slice(0, 60)}: a literal call center name; use a generated unique name`, ...at(n));
        }
      }
    }
    const tokens = [...text.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1].toLowerCase());
    for (const name of reservedNames) {
      if (tokens.includes(name.toLowerCase())) problem(file, `the literal '${name}' (a real call center's name) must not be used by a test`);
    }
  }
  if (controller && overrides.length && tests.length && !overrideSet) {
    problem(tests[0].file, `no test sets ConnectSoftphoneController.${overrides[0]}: the boot-configuration test would depend on a deployed CallCenter record`);
  }
}

// ---------------------------------------------------------------------------------------------
// Tabs and page layouts

const LAYOUT_STANDARD_FIELDS = new Set(['Name', 'OwnerId', 'CreatedById', 'LastModifiedById', 'CreatedDate', 'LastModifiedDate']);

/**
 * Admins edit the configuration through a tab and page layouts:
 * - every custom object that is no other object's detail has a tab (customObject, a motif),
 *   made Visible by the CtiSoftphoneAdmin permission set;
 * - every custom object has the layout "<Object>-<Label> Layout": the name of the layout
 *   Salesforce creates with the object, so a deploy updates that one (which every profile is
 *   assigned) instead of adding a second one that no profile uses;
 * - a layout holds every field of its object, required ones (required, master-detail, Name)
 *   as Required, and only fields that exist;
 * - a master object's layout has a related list for each of its detail objects, named
 *   `<Detail>.<MasterDetailField>` (the Metadata API form; the relationship name, `X__r` or
 *   `X`, is refused with "Cannot find related list"), with columns that exist on the detail.
 *
 * objects: Map name -> { file, root, fields: Map name -> { file, root } } (from sfdx-check.mjs).
 */
export function checkTabsAndLayouts({ xml, objects, permissionSets, psFile, pages, problem }) {
  const custom = [...objects].filter(([, o]) => o.root);
  const masterOf = (o) => [...o.fields.values()].filter((f) => childText(f.root, 'type') === 'MasterDetail');
  const tabs = new Map();
  const layouts = new Map();
  for (const [file, root] of xml) {
    if (root.name === 'CustomTab') tabs.set(basename(file).replace('.tab-meta.xml', ''), { file, root });
    if (root.name === 'Layout') layouts.set(basename(file).replace('.layout-meta.xml', ''), { file, root });
  }
  for (const [name, { file, root }] of tabs) {
    if (childText(root, 'customObject') === 'true' && !objects.get(name)?.root) problem(file, `customObject tab ${name}: no such object in the project`);
    const page = childText(root, 'page');
    if (page && pages && !pages.has(page)) problem(file, `Visualforce tab ${name}: no page ${page} in the project`);
    if (page && !childText(root, 'label')) problem(file, 'a Visualforce tab needs a <label>');
    if (!/^Custom\d+: \S/.test(childText(root, 'motif') ?? '')) problem(file, '<motif> missing or not like "Custom22: Telephone"');
  }
  const admin = permissionSets.get('CtiSoftphoneAdmin');
  for (const [name, o] of custom) {
    if (masterOf(o).length) continue; // a detail object: reached through its master's related list
    const tab = tabs.get(name);
    if (!tab) problem(o.file, `has no tab (tabs/${name}.tab-meta.xml): admins could not find its records`);
    else if (childText(tab.root, 'customObject') !== 'true') problem(tab.file, '<customObject>true</customObject> expected');
    const setting = childrenNamed(admin, 'tabSettings').find((t) => childText(t, 'tab') === name);
    if (admin && childText(setting, 'visibility') !== 'Visible') problem(psFile('CtiSoftphoneAdmin'), `tabSettings ${name}: visibility must be Visible`);
  }
  for (const [psName, ps] of permissionSets) {
    for (const t of childrenNamed(ps, 'tabSettings')) {
      const tab = childText(t, 'tab');
      if (!tab.startsWith('standard-') && !tabs.has(tab)) problem(psFile(psName), `tabSettings ${tab}: no such tab in the project`);
    }
  }

  const wanted = new Map(custom.map(([name, o]) => [`${name}-${childText(o.root, 'label')} Layout`, name]));
  for (const [layoutName, { file }] of layouts) {
    if (!wanted.has(layoutName)) problem(file, `layout ${layoutName}: expected one of ${[...wanted.keys()].join(', ')}`);
  }
  for (const [layoutName, objectName] of wanted) {
    const o = objects.get(objectName);
    const layout = layouts.get(layoutName);
    if (!layout) {
      problem(o.file, `has no page layout "layouts/${layoutName}.layout-meta.xml"`);
      continue;
    }
    const { file, root } = layout;
    const items = childrenNamed(root, 'layoutSections').flatMap((s) => childrenNamed(s, 'layoutColumns'))
      .flatMap((c) => childrenNamed(c, 'layoutItems')).filter((i) => childText(i, 'field'));
    const placed = new Map();
    for (const i of items) {
      const f = childText(i, 'field');
      if (placed.has(f)) problem(file, `field ${f} is on the layout twice`);
      placed.set(f, childText(i, 'behavior'));
      if (!o.fields.has(f) && !LAYOUT_STANDARD_FIELDS.has(f)) problem(file, `field ${f}: ${objectName} has no such field`);
      if (f === 'OwnerId' && masterOf(o).length) problem(file, 'OwnerId: a detail object has no owner');
    }
    const required = ['Name', ...[...o.fields].filter(([, f]) => childText(f.root, 'required') === 'true'
      || childText(f.root, 'type') === 'MasterDetail').map(([n]) => n)];
    for (const f of required) if (placed.get(f) !== 'Required') problem(file, `field ${f} must be on the layout as Required`);
    for (const f of o.fields.keys()) if (!placed.has(f)) problem(file, `field ${f} is not on the layout: admins could not edit it`);

    const lists = new Map(childrenNamed(root, 'relatedLists').map((r) => [childText(r, 'relatedList'), r]));
    const details = [...objects].filter(([, d]) => d.root).flatMap(([detail, d]) => masterOf(d)
      .filter((f) => childText(f.root, 'referenceTo') === objectName)
      .map((f) => ({ detail, d, field: childText(f.root, 'fullName'), rel: childText(f.root, 'relationshipName') })));
    for (const { detail, field, rel } of details) {
      const key = `${detail}.${field}`;
      if (!lists.has(key)) {
        const wrong = [rel, `${rel}__r`].find((r) => lists.has(r));
        problem(file, wrong
          ? `related list ${wrong}: name it ${key} (detail object and master-detail field); the relationship name ${rel} is not accepted`
          : `has no related list ${key} (${rel}) for ${detail}`);
      }
    }
    for (const [key, r] of lists) {
      const [detail, field] = key.split('.');
      const d = objects.get(detail);
      const f = d?.fields.get(field ?? '');
      if (!d?.root || !f || childText(f.root, 'referenceTo') !== objectName) {
        if (!details.some((x) => key === x.rel || key === `${x.rel}__r`)) problem(file, `related list ${key}: not a <Detail>.<Field> that refers to ${objectName}`);
        continue;
      }
      for (const c of [...childrenNamed(r, 'fields').map((x) => x.text), childText(r, 'sortField')].filter(Boolean)) {
        if (c !== 'NAME' && !d.fields.has(c)) problem(file, `related list ${key}: ${detail} has no field ${c}`);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The admins' app pages (the CTI attributes editor)

/** Every element of an XML tree, depth first. */
function flatten(root) {
  const out = [];
  const visit = (n) => { out.push(n); n.children.forEach(visit); };
  visit(root);
  return out;
}

/**
 * An app page other than the softphone's (sf-bundle.mjs APPS: the CTI attributes editor) loads
 * its app as the softphone's page does: the wasm from its own application/wasm resource, preloaded
 * under the same URL that init() is given, the module and style sheets from the app's folder
 * resource, an #app element; it is a bare page (no Salesforce header or style sheets). Every
 * `{!$RemoteAction.C.m}` it names is a @RemoteAction static method of its own controller C.
 */
export function checkAppPage({ file, root, text, app, remoteActions, controller, problem }) {
  const elements = flatten(root);
  const module = elements.find((n) => n.name === 'script' && n.attrs.type === 'module');
  const js = app.files.find((f) => f.endsWith('.js'));
  const wasmUrl = `{!$Resource.${app.wasmResource}}`;
  if (!module) problem(file, 'has no <script type="module"> that starts the app');
  else {
    if (!module.text.includes(`import init from '{!JSENCODE(URLFOR($Resource.${app.appResource}, '${js}'))}'`)) {
      problem(file, `the module must import init from ${app.appResource} ${js}`);
    }
    if (!module.text.includes(`init({ module_or_path: '{!JSENCODE($Resource.${app.wasmResource})}' })`)) {
      problem(file, `the module must call init({ module_or_path: '{!JSENCODE($Resource.${app.wasmResource})}' })`);
    }
  }
  const preload = elements.find((n) => n.name === 'link' && n.attrs.rel === 'preload' && n.attrs.href === wasmUrl);
  if (!preload) problem(file, `needs <link rel="preload" href="${wasmUrl}" as="fetch" type="application/wasm" crossorigin="anonymous">`);
  else {
    for (const [attr, value] of Object.entries({ as: 'fetch', type: 'application/wasm', crossorigin: 'anonymous' })) {
      if (preload.attrs[attr] !== value) problem(file, `the wasm preload link needs ${attr}="${value}"`);
    }
    if (module && elements.indexOf(preload) > elements.indexOf(module)) problem(file, 'the wasm preload link must come before the app module');
  }
  for (const css of app.files.filter((f) => f.endsWith('.css'))) {
    const linked = elements.some((n) => n.name === 'link' && n.attrs.rel === 'stylesheet'
      && n.attrs.href === `{!URLFOR($Resource.${app.appResource}, '${css}')}`);
    if (!linked) problem(file, `does not link ${css} from ${app.appResource}`);
  }
  if (!elements.some((n) => n.name === 'div' && n.attrs.id === 'app')) problem(file, 'needs <div id="app">');
  for (const [attr, value] of Object.entries({ showHeader: 'false', sidebar: 'false', standardStylesheets: 'false', applyHtmlTag: 'false', applyBodyTag: 'false', docType: 'html-5.0' })) {
    if (root.attrs[attr] !== value) problem(file, `<apex:page ${attr}="${value}"> expected`);
  }
  for (const m of text.matchAll(/\{!\s*\$RemoteAction\.(\w+)\.(\w+)\s*\}/g)) {
    const [, className, method] = m;
    if (className.toLowerCase() !== (controller ?? '').toLowerCase()) {
      problem(file, `$RemoteAction.${className}.${method}: the page's controller is ${controller ?? 'none'}`);
    } else if (!remoteActions.has(method.toLowerCase())) {
      problem(file, `$RemoteAction.${className}.${method}: ${className} has no @RemoteAction static method ${method}`);
    }
  }
}

/**
 * The admins' pages (`pages`: [{ page, controller }]) are for CtiSoftphoneAdmin only: it grants
 * the page, its controller class and a Visible tab that shows the page; CtiSoftphoneAgent (read
 * only, for agents) grants neither the page nor its controller.
 */
export function checkAdminPages({ xml, pages, permissionSets, psFile, problem }) {
  const enabled = (ps, kind, key, name) => childrenNamed(ps, kind).some((a) => childText(a, key) === name && childText(a, 'enabled') === 'true');
  const admin = permissionSets.get('CtiSoftphoneAdmin');
  const agent = permissionSets.get('CtiSoftphoneAgent');
  const tabs = [...xml].filter(([, root]) => root.name === 'CustomTab')
    .map(([file, root]) => ({ name: basename(file).replace('.tab-meta.xml', ''), page: childText(root, 'page') }));
  for (const { page, controller } of pages) {
    if (admin && !enabled(admin, 'pageAccesses', 'apexPage', page)) problem(psFile('CtiSoftphoneAdmin'), `pageAccesses: ${page} is not enabled`);
    if (admin && controller && !enabled(admin, 'classAccesses', 'apexClass', controller)) problem(psFile('CtiSoftphoneAdmin'), `classAccesses: ${controller} (the controller of ${page}) is not enabled`);
    if (agent && enabled(agent, 'pageAccesses', 'apexPage', page)) problem(psFile('CtiSoftphoneAgent'), `pageAccesses: ${page} is for admins; agents must not get it`);
    if (agent && controller && enabled(agent, 'classAccesses', 'apexClass', controller)) problem(psFile('CtiSoftphoneAgent'), `classAccesses: ${controller} is for admins; agents must not get it`);
    const tab = tabs.find((t) => t.page === page);
    if (!tab) {
      problem(null, `no Visualforce tab shows the page ${page} (tabs/<Name>.tab-meta.xml with <page>${page}</page>): admins could not find it`);
    } else if (admin) {
      const setting = childrenNamed(admin, 'tabSettings').find((t) => childText(t, 'tab') === tab.name);
      if (childText(setting, 'visibility') !== 'Visible') problem(psFile('CtiSoftphoneAdmin'), `tabSettings ${tab.name}: visibility must be Visible`);
    }
  }
}
