// scripts/sfdx-check.mjs catches what would make the package fail in an org: each test here
// breaks a copy of visualforce/ the way a later edit could, runs the check on the copy, and
// expects the check to fail with the message that names the breakage. (The check passing on
// the real project is scripts/test.sh's first step.)
//
//   node --test tests/contract/
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT = 'force-app/main/default';

/** A copy of visualforce/ without built resources, and a work folder for the check. */
function copyProject(t) {
  const dir = mkdtempSync(join(tmpdir(), 'sfdx-check-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const project = join(dir, 'visualforce');
  cpSync(join(ROOT, 'visualforce'), project, {
    recursive: true,
    filter: (src) => !/[/\\]\.sfdx?$|ConnectSoftphoneApp$|ConnectSoftphoneWasm\.wasm$|CtiAttributeEditorApp$|CtiAttributeEditorWasm\.wasm$/.test(src),
  });
  return { project, out: join(dir, 'out') };
}

/** Replaces `from` (which must occur) by `to` in a file of the copy. */
function edit(project, file, from, to) {
  const path = join(project, DEFAULT, file);
  const text = readFileSync(path, 'utf8');
  assert.ok(text.includes(from), `${file} no longer contains ${JSON.stringify(from)}: update this test`);
  writeFileSync(path, text.split(from).join(to));
}

function check({ project, out }) {
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts/sfdx-check.mjs'), project], {
    encoding: 'utf8', env: { ...process.env, SF_DISABLE_LOG_FILE: 'true', SFDX_CHECK_OUT: out },
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

function expectProblems(result, expected) {
  assert.equal(result.status, 1, result.output);
  for (const e of expected) assert.match(result.output, e, `expected ${e} in:\n${result.output}`);
}

test('tests that would fail in an org, layouts, tab and the wasm resource are caught', (t) => {
  const copy = copyProject(t);
  const { project } = copy;
  const testClass = 'classes/CtiAdapterConfigTest.cls';
  edit(project, testClass, 'insert new PermissionSetAssignment(AssigneeId = agent.Id, PermissionSetId = agentAccess.Id);', '');
  edit(project, testClass, `        System.runAs(agent) {
            Assert.areEqual('', new ConnectSoftphoneController().getBootConfig());
        }`, `        Assert.areEqual('', new ConnectSoftphoneController().getBootConfig());`);
  edit(project, testClass, 'CallCenterName__c = otherName', "CallCenterName__c = 'OtherCallCenter'");
  edit(project, testClass, "String otherName = uniqueCallCenterName();", "String otherName = 'ConnectSoftphone';");
  edit(project, testClass, 'CtiAdapterConfig.getConfiguration(unknown)', "CtiAdapterConfig.getConfiguration('NoSuchCallCenter')");
  edit(project, testClass, 'ConnectSoftphoneController.callCenterNameOverride = name;', '');
  const layout = 'layouts/CtiAdapter__c-CTI Adapter Layout.layout-meta.xml';
  edit(project, layout, '<relatedList>CtiFlow__c.Adapter__c</relatedList>', '<relatedList>CtiFlows__r</relatedList>');
  edit(project, layout, '<relatedList>CtiFeature__c.Adapter__c</relatedList>', '<relatedList>CtiAttribute__c.Adapter__c</relatedList>');
  edit(project, 'layouts/CtiFlow__c-CTI Flow Layout.layout-meta.xml', '<field>Body__c</field>', '<field>Script__c</field>');
  edit(project, 'permissionsets/CtiSoftphoneAdmin.permissionset-meta.xml', '<visibility>Visible</visibility>', '<visibility>Available</visibility>');
  rmSync(join(project, DEFAULT, 'tabs'), { recursive: true });
  edit(project, 'staticresources/ConnectSoftphoneWasm.resource-meta.xml', 'application/wasm', 'application/octet-stream');
  edit(project, 'pages/ConnectSoftphone.page', 'rel="preload"', 'rel="prefetch"');

  expectProblems(check(copy), [
    /CtiAdapterConfigTest\.cls: creates no PermissionSetAssignment/,
    /test bootConfigIsEmptyWithoutCallCenter has no System\.runAs\(<test user>\) block/,
    /new ConnectSoftphoneController\(\) outside System\.runAs\(<test user>\)/,
    /CallCenterName__c = 'OtherCallCenter': a fixed call center name/,
    /CtiAdapterConfig\.getConfiguration\('NoSuchCallCenter'\): a literal call center name/,
    /the literal 'ConnectSoftphone' \(a real call center's name\) must not be used by a test/,
    /no test sets ConnectSoftphoneController\.callCenterNameOverride/,
    /related list CtiFlows__r: name it CtiFlow__c\.Adapter__c/,
    /has no related list CtiFeature__c\.Adapter__c \(CtiFeatures\)/,
    /CTI Flow Layout\.layout-meta\.xml: field Script__c: CtiFlow__c has no such field/,
    /CTI Flow Layout\.layout-meta\.xml: field Body__c is not on the layout/,
    /CtiAdapter__c\.object-meta\.xml: has no tab/,
    /CtiSoftphoneAdmin\.permissionset-meta\.xml: tabSettings CtiAdapter__c: visibility must be Visible/,
    /CtiSoftphoneAdmin\.permissionset-meta\.xml: tabSettings CtiAdapter__c: no such tab/,
    /ConnectSoftphoneWasm\.resource-meta\.xml: contentType application\/octet-stream: must be application\/wasm/,
    /ConnectSoftphone\.page: needs <link rel="preload" href="\{!\$Resource\.ConnectSoftphoneWasm\}"/,
  ]);
});

test('a controller without the test override, and bundled resources over 5 MB or with missing url() files, are caught', (t) => {
  const copy = copyProject(t);
  const { project } = copy;
  edit(project, 'classes/ConnectSoftphoneController.cls', '@TestVisible\n    private static String callCenterNameOverride;', 'private static String callCenterNameOverride;');
  // A bundle as sf-bundle.mjs would leave it, with incompressible content over the limit.
  const app = join(project, DEFAULT, 'staticresources/ConnectSoftphoneApp');
  mkdirSync(app);
  for (const f of ['index.html', 'ctisoftphone.js', 'app.css', 'favicon.svg']) writeFileSync(join(app, f), `/* ${f} */\n`);
  writeFileSync(join(app, 'slds.min.css'),
    '.a{color:red}\n@font-face{font-family:"Salesforce Sans";src:url(../fonts/SalesforceSans-Regular.woff2)}\n.b{background:url("images/x.png")}\n.c{filter:url(#f)}\n.d{background:url(data:image/png;base64,AAAA)}\n');
  writeFileSync(join(app, 'connect-streams-min.js'), randomBytes(5_100_000));
  writeFileSync(join(project, DEFAULT, 'staticresources/ConnectSoftphoneWasm.wasm'),
    Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), randomBytes(5_000_000)]));

  const result = check(copy);
  expectProblems(result, [
    /ConnectSoftphoneController\.cls: needs a @TestVisible static String override/,
    /slds\.min\.css:2: @font-face url\(\.\.\/fonts\/SalesforceSans-Regular\.woff2\) names \.\.\/fonts\/SalesforceSans-Regular\.woff2, which is not in the bundle/,
    /slds\.min\.css:3: url\(images\/x\.png\) names images\/x\.png, which is not in the bundle/,
    /ConnectSoftphoneApp: 5\.\d\d MB zipped, over Salesforce's 5\.00 MB static-resource limit/,
    /ConnectSoftphoneWasm\.wasm: 5\.00 MB, over Salesforce's 5\.00 MB static-resource limit/,
  ]);
  assert.doesNotMatch(result.output, /url\(#f\)|url\(data:/, 'fragment and data: references need no file');
});

test('sf-bundle refuses a build whose style sheets name files the bundle does not hold', (t) => {
  const dist = mkdtempSync(join(tmpdir(), 'sf-bundle-'));
  t.after(() => rmSync(dist, { recursive: true, force: true }));
  for (const f of ['index.html', 'ctisoftphone.js', 'app.css', 'connect-streams-min.js', 'favicon.svg']) writeFileSync(join(dist, f), `/* ${f} */\n`);
  writeFileSync(join(dist, 'ctisoftphone_bg.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  // The CTI attributes editor's build, in dist/editor/.
  mkdirSync(join(dist, 'editor'));
  for (const f of ['index.html', 'ctieditor.js', 'app.css', 'editor.css', 'slds.min.css']) writeFileSync(join(dist, 'editor', f), `/* ${f} */\n`);
  writeFileSync(join(dist, 'editor/ctieditor_bg.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  writeFileSync(join(dist, 'slds.min.css'), '@font-face{font-family:"Salesforce Sans";src:url(../fonts/SalesforceSans-Regular.woff2)}\n');
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts/sf-bundle.mjs'), dist], { encoding: 'utf8' });
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.match(run.stderr, /slds\.min\.css:1: @font-face url\(\.\.\/fonts\/SalesforceSans-Regular\.woff2\) names .*not in the bundle/);
  assert.match(run.stderr, /refusing to bundle/);
});

test('the CTI attributes editor page: its remote actions, its wasm resource, its tab and who may open it are checked', (t) => {
  const copy = copyProject(t);
  const { project } = copy;
  const page = 'pages/CtiAttributeEditor.page';
  edit(project, page, '{!$RemoteAction.CtiAttributeEditorController.save}', '{!$RemoteAction.CtiAttributeEditorController.saveAll}');
  edit(project, page, 'rel="preload"', 'rel="prefetch"');
  edit(project, page, "<link rel=\"stylesheet\" href=\"{!URLFOR($Resource.CtiAttributeEditorApp, 'editor.css')}\"/>", '');
  edit(project, 'staticresources/CtiAttributeEditorWasm.resource-meta.xml', 'application/wasm', 'application/octet-stream');
  edit(project, 'permissionsets/CtiSoftphoneAgent.permissionset-meta.xml', '<pageAccesses>', '<pageAccesses>\n        <apexPage>CtiAttributeEditor</apexPage>\n        <enabled>true</enabled>\n    </pageAccesses>\n    <pageAccesses>');
  edit(project, 'permissionsets/CtiSoftphoneAdmin.permissionset-meta.xml', '<apexClass>CtiAttributeEditorController</apexClass>\n        <enabled>true</enabled>', '<apexClass>CtiAttributeEditorController</apexClass>\n        <enabled>false</enabled>');
  edit(project, 'permissionsets/CtiSoftphoneAdmin.permissionset-meta.xml', '<tab>CtiAttributeEditor</tab>\n        <visibility>Visible</visibility>', '<tab>CtiAttributeEditor</tab>\n        <visibility>Available</visibility>');
  const testClass = 'classes/CtiAttributeEditorControllerTest.cls';
  edit(project, testClass, "return newUser('CtiSoftphoneAdmin');", 'return null;');
  edit(project, testClass, "User agent = newUser('CtiSoftphoneAgent');", 'User agent = null;');
  edit(project, testClass, `        System.runAs(agent) {
            Map<String, Object> loaded`, `        {
            Map<String, Object> loaded`);

  expectProblems(check(copy), [
    /CtiAttributeEditor\.page: \$RemoteAction\.CtiAttributeEditorController\.saveAll: CtiAttributeEditorController has no @RemoteAction static method saveAll/,
    /CtiAttributeEditor\.page: needs <link rel="preload" href="\{!\$Resource\.CtiAttributeEditorWasm\}"/,
    /CtiAttributeEditor\.page: does not link editor\.css from CtiAttributeEditorApp/,
    /CtiAttributeEditorWasm\.resource-meta\.xml: contentType application\/octet-stream: must be application\/wasm/,
    /CtiSoftphoneAgent\.permissionset-meta\.xml: pageAccesses: CtiAttributeEditor is for admins; agents must not get it/,
    /CtiSoftphoneAdmin\.permissionset-meta\.xml: classAccesses: CtiAttributeEditorController \(the controller of CtiAttributeEditor\) is not enabled/,
    /CtiSoftphoneAdmin\.permissionset-meta\.xml: tabSettings CtiAttributeEditor: visibility must be Visible/,
    /CtiAttributeEditorControllerTest\.cls: never names a permission set of the package/,
    /test anAgentCannotSave has no System\.runAs\(<test user>\) block/,
    /CtiAttributeEditorController\.load\(\) outside System\.runAs\(<test user>\)/,
  ]);
});

test('sf-bundle puts each app into its own two static resources', () => {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', `
    import { APPS, DIST_FILES } from ${JSON.stringify(join(ROOT, 'scripts/sf-bundle.mjs'))};
    console.log(JSON.stringify({ apps: APPS.map((a) => [a.page, a.appResource, a.wasmResource]), dist: DIST_FILES }));
  `], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const { apps, dist } = JSON.parse(run.stdout);
  assert.deepEqual(apps, [
    ['ConnectSoftphone', 'ConnectSoftphoneApp', 'ConnectSoftphoneWasm'],
    ['CtiAttributeEditor', 'CtiAttributeEditorApp', 'CtiAttributeEditorWasm'],
  ]);
  // Every page resource exists in the project, and the build's file list covers both apps.
  for (const [, app, wasm] of apps) {
    for (const name of [app, wasm]) readFileSync(join(ROOT, 'visualforce', DEFAULT, `staticresources/${name}.resource-meta.xml`), 'utf8');
  }
  assert.ok(dist.includes('ctisoftphone_bg.wasm') && dist.includes('editor/ctieditor_bg.wasm'), JSON.stringify(dist));
});
