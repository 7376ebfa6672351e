// Offline checks of the Salesforce DX project in visualforce/ (no org, no network):
//   1. Apex syntax (@apexdevtools/apex-parser), plus reserved words used as names;
//   2. the project's own metadata checks, which SDR does not make: XML well-formed with one root
//      in the metadata namespace, every element and enum value known to the Metadata API schema
//      (@salesforce/types), root element = type, every file claimed by a component, no duplicates,
//      field rules, permission set references and rules, CallCenter rules, -meta.xml next to
//      every .cls/.page, every custom object and field the Apex names exists, the softphone page;
//      and what an org needs beyond the schema (scripts/sfdx-rules.mjs): Apex tests that run as
//      a user with the agent permission set and use no fixed call center name, the controller's
//      test override, a tab and page layouts with related lists; static resources: the wasm as
//      its own application/wasm resource, style sheets naming only bundled files, 5 MB limit;
//   3. SDR conversion to Metadata API format (into target/sfdx-check/mdapi), whose zipped
//      static resources are held to the 5 MB limit too.
// Prints `path[:line:col]: message` per problem and a summary; exits 1 on any problem.
//
//   SF_DISABLE_LOG_FILE=true node scripts/sfdx-check.mjs [project-dir, default visualforce]
//
// The static resources ConnectSoftphoneApp/ and ConnectSoftphoneWasm.wasm are built from dist/
// (scripts/sf-bundle.mjs) and not committed; when they are absent the project is checked from a
// copy with placeholder files, and the style sheets are checked as the build would make them.
import { ApexErrorListener, ApexParserBaseListener, ApexParserFactory, ApexParseTreeWalker,
  FieldNameContext, FromNameListContext, SubQueryContext } from '@apexdevtools/apex-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { APPS, APP_RESOURCE, BUNDLE_FILES, ROOT, WASM_RESOURCE, bundleProblems, contentProblems, listFiles }
  from './sf-bundle.mjs';
import { STATIC_RESOURCE_LIMIT, cssProblems, megabytes, zipSize } from './sf-resources.mjs';
import { checkAdminPages, checkAppPage, checkTabsAndLayouts, checkTestClasses, child, childText, childrenNamed }
  from './sfdx-rules.mjs';

process.env.SF_DISABLE_LOG_FILE ??= 'true'; // @salesforce/core would write ~/.sf/sf-<date>.log

const PROJECT = process.argv[2] ? resolve(process.argv[2]) : join(ROOT, 'visualforce');
const PROJECT_NAME = relative(ROOT, PROJECT).startsWith('..') ? PROJECT : relative(ROOT, PROJECT);
// SFDX_CHECK_OUT: another work folder, so that two checks can run at once (tests/contract/).
const OUT = process.env.SFDX_CHECK_OUT ? resolve(process.env.SFDX_CHECK_OUT) : join(ROOT, 'target', 'sfdx-check');
const NS = 'http://soap.sforce.com/2006/04/metadata';
/** The smallest valid WebAssembly module (magic and version): the wasm resource's placeholder. */
const WASM_PLACEHOLDER = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
const started = performance.now();
const problems = [];
const notes = [];
let stage = PROJECT; // where the checked copy lives; messages name the files under visualforce/

const shown = (p) => join(PROJECT_NAME, relative(stage, p)).split(sep).join('/');
const problem = (file, message, line, col) =>
  problems.push(`${file ? shown(file) : PROJECT_NAME}${line ? `:${line}:${col ?? 0}` : ''}: ${message}`);
const ms = (t) => `${Math.round(performance.now() - t)} ms`;
const walk = (dir) => (existsSync(dir) ? listFiles(dir).map((f) => join(dir, f)) : []);

// ---------------------------------------------------------------------------------------------
// sfdx-project.json, and the copy that is checked
const projectFile = join(PROJECT, 'sfdx-project.json');
let project;
try {
  project = JSON.parse(readFileSync(projectFile, 'utf8'));
} catch (e) {
  console.error(`${PROJECT_NAME}/sfdx-project.json: ${e.message}`);
  process.exit(1);
}
const API = project.sourceApiVersion;
if (!/^\d+\.0$/.test(API ?? '')) {
  // Without it SDR asks the network for the newest API version.
  console.error(`${PROJECT_NAME}/sfdx-project.json: sourceApiVersion missing or not like "62.0"`);
  process.exit(1);
}
const packageDirs = (project.packageDirectories ?? []).map((d) => d.path);
if (!packageDirs.length) problem(projectFile, 'no packageDirectories');
for (const d of packageDirs) {
  if (!existsSync(join(PROJECT, d))) problem(projectFile, `packageDirectory ${d} does not exist`);
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const resourceMetas = packageDirs.flatMap((d) => walk(join(PROJECT, d)).filter((f) => f.endsWith('.resource-meta.xml')));
const builtAs = (resource, content) => resourceMetas.filter((f) => basename(f) === `${resource}.resource-meta.xml`)
  .map((f) => join(dirname(f), content));
// Each app of the package (sf-bundle.mjs APPS) has a folder resource and a wasm resource.
const appDirsOf = (app) => builtAs(app.appResource, app.appResource);
const wasmFilesOf = (app) => builtAs(app.wasmResource, `${app.wasmResource}.wasm`);
const appDirs = APPS.flatMap(appDirsOf);
const wasmFiles = APPS.flatMap(wasmFilesOf);
const bundled = [...appDirs, ...wasmFiles].filter((p) => existsSync(p));
if (bundled.length < appDirs.length + wasmFiles.length) {
  stage = join(OUT, 'project');
  cpSync(PROJECT, stage, { recursive: true, filter: (src) => !/[/\\]\.sfdx?$/.test(src) });
  for (const app of APPS) {
    for (const d of appDirsOf(app).filter((p) => !existsSync(p))) {
      const copy = join(stage, relative(PROJECT, d));
      mkdirSync(copy, { recursive: true });
      for (const f of app.files) writeFileSync(join(copy, f), `placeholder for ${f} (sfdx-check)\n`);
    }
  }
  for (const f of wasmFiles.filter((p) => !existsSync(p))) writeFileSync(join(stage, relative(PROJECT, f)), WASM_PLACEHOLDER);
  const missing = [...appDirs, ...wasmFiles].filter((p) => !existsSync(p)).map((p) => basename(p)).join(', ');
  notes.push(`${missing} not bundled (run trunk build --release && node scripts/sf-bundle.mjs): checked with placeholders`);
}
for (const app of APPS) {
  for (const d of appDirsOf(app).filter((p) => existsSync(p))) {
    // Sizes are checked below with every static resource.
    for (const p of [...bundleProblems(d, app.files), ...contentProblems(d, relative(ROOT, d), { size: false, files: app.files })]) problems.push(p);
    notes.push(`${app.appResource}/ bundled: ${app.files.length} files, style sheets and zipped size checked`);
  }
}
for (const f of wasmFiles.filter((p) => existsSync(p))) {
  if (!readFileSync(f).subarray(0, 4).equals(WASM_PLACEHOLDER.subarray(0, 4))) problems.push(`${relative(ROOT, f)}: not a WebAssembly module`);
}
// An app not bundled yet: check the style sheets the build would bundle (the SLDS subset that
// scripts/slds-subset.mjs makes in Trunk's pre-build hook, and the app's own sheets).
const BUILD_SHEETS = {
  [APP_RESOURCE]: { subset: 'softphone', sheets: { 'app.css': 'static/app.css' } },
  CtiAttributeEditorApp: { subset: 'editor', sheets: { 'app.css': 'static/app.css', 'editor.css': 'editor/static/editor.css' } },
};
for (const app of APPS.filter((a) => !appDirsOf(a).some((p) => existsSync(p)))) {
  try {
    const { sldsSubset, SUBSETS } = await import('./slds-subset.mjs');
    const build = BUILD_SHEETS[app.appResource];
    const sheets = [{ name: 'slds.min.css', text: sldsSubset(SUBSETS[build.subset].scan).text },
      ...Object.entries(build.sheets).map(([name, source]) => ({ name, text: readFileSync(join(ROOT, source), 'utf8') }))];
    for (const p of cssProblems(sheets, app.files)) problems.push(`${app.appResource} ${p} (as the build would bundle it)`);
    notes.push(`${app.appResource}: style sheets checked as the build would bundle them (${Object.values(build.sheets).join(', ')}, SLDS subset)`);
  } catch (e) {
    problems.push(`cannot check the style sheets the build would bundle: ${e.message}`);
  }
}
const files = packageDirs.flatMap((d) => walk(join(stage, d)));

// ---------------------------------------------------------------------------------------------
// 1. Apex
// Salesforce's reserved keywords (Apex Developer Guide, "Reserved Keywords"). The parser accepts
// many of them as names; the Apex compiler does not.
const RESERVED = new Set(`abstract activate and any array as asc autonomous begin bigdecimal blob
  boolean break bulk by byte case cast catch char class collect commit const continue currency date
  datetime decimal default delete desc do double else end enum exception exit export extends false
  final finally float for from global goto group having hint if implements import in inner insert
  instanceof int integer interface into join like limit list long loop map merge new not null nulls
  number object of on or outer override package parallel pragma private protected public retrieve
  return rollback select set short sobject sort static string super switch synchronized system
  testmethod then this throw time transaction trigger true try undelete update upsert using virtual
  void webservice when where while`.split(/\s+/).filter(Boolean));

class Errors extends ApexErrorListener {
  errors = [];
  apexSyntaxError(line, column, msg) { this.errors.push({ line, column, msg }); }
}

/** What the metadata checks need from one Apex file. */
class Facts extends ApexParserBaseListener {
  classes = []; // { name, methods: Set(lowercase), members: Set(lowercase) }
  stack = [];
  names = []; // { name, line, col } of declared names
  queries = []; // { from, fields: [path], line, col, parentFrom }
  enterClassDeclaration(ctx) {
    const c = { name: ctx.id().getText(), methods: new Set(), members: new Set(), remoteActions: new Map() };
    this.classes.push(c);
    this.stack.push(c);
    this.declared(ctx.id());
  }
  exitClassDeclaration() { this.stack.pop(); }
  enterMethodDeclaration(ctx) {
    const name = ctx.id().getText();
    this.stack.at(-1)?.methods.add(name.toLowerCase());
    this.declared(ctx.id());
    // @RemoteAction static methods, with their parameter types: what a page may call.
    const decl = ctx.parentCtx?.parentCtx;
    const mods = decl?.modifier_list ? decl.modifier_list().map((m) => m.getText().toLowerCase()) : [];
    if (mods.includes('@remoteaction') && mods.includes('static')) {
      const params = ctx.formalParameters().formalParameterList()?.formalParameter_list() ?? [];
      this.stack.at(-1)?.remoteActions.set(name.toLowerCase(), { name, params: params.map((p) => p.typeRef().getText()) });
    }
  }
  enterPropertyDeclaration(ctx) {
    this.stack.at(-1)?.members.add(ctx.id().getText().toLowerCase());
    this.declared(ctx.id());
  }
  enterFieldDeclaration(ctx) {
    for (const v of ctx.variableDeclarators().variableDeclarator_list()) {
      this.stack.at(-1)?.members.add(v.id().getText().toLowerCase());
    }
  }
  enterVariableDeclarator(ctx) { this.declared(ctx.id()); }
  enterFormalParameter(ctx) { this.declared(ctx.id()); }
  enterEnhancedForControl(ctx) { this.declared(ctx.id()); }
  declared(id) {
    if (id) this.names.push({ name: id.getText(), line: id.start.line, col: id.start.column });
  }
  enterQuery(ctx) { this.query(ctx, null); }
  query(ctx, parentFrom) {
    const from = ctx.fromNameList().fieldName(0)?.getText() ?? '';
    const fields = [];
    const visit = (node) => {
      for (const child of node.children ?? []) {
        if (child instanceof SubQueryContext) {
          this.query(child, from);
        } else if (child instanceof FromNameListContext) {
          // the object itself
        } else if (child instanceof FieldNameContext) {
          fields.push(child.getText());
        } else {
          visit(child);
        }
      }
    };
    visit(ctx);
    this.queries.push({ from, fields, parentFrom, line: ctx.start.line, col: ctx.start.column });
  }
}

const apexStarted = performance.now();
const apex = []; // { file, facts, identifiers: [{ text, line, col }] }
let apexErrors = 0;
for (const file of files.filter((f) => /\.(cls|trigger)$/.test(f))) {
  const source = readFileSync(file, 'utf8');
  const errors = new Errors();
  const { lexer, parser } = ApexParserFactory.createLexerAndParser(source, errors);
  const tree = file.endsWith('.trigger') ? parser.triggerUnit() : parser.compilationUnit();
  for (const e of errors.errors) problem(file, e.msg, e.line, e.column);
  apexErrors += errors.errors.length;
  const facts = new Facts();
  if (!errors.errors.length) ApexParseTreeWalker.DEFAULT.walk(facts, tree);
  for (const n of facts.names) {
    if (RESERVED.has(n.name.toLowerCase())) {
      problem(file, `"${n.name}" is a reserved keyword in Apex and cannot be a name`, n.line, n.col);
    }
  }
  // Identifiers as the lexer sees them (no comments, no strings).
  lexer.reset();
  const identifiers = lexer.getAllTokens()
    .filter((t) => t.channel === 0 && /^[A-Za-z_]\w*$/.test(t.text))
    .map((t) => ({ text: t.text, line: t.line, col: t.column }));
  apex.push({ file, facts, identifiers, tree: errors.errors.length ? null : tree });
}
const apexTime = ms(apexStarted);

// ---------------------------------------------------------------------------------------------
// 2. Metadata: XML, schema, components, references
const metaStarted = performance.now();

/** The Metadata API schema from @salesforce/types: object types (props) and enums (values). */
function loadSchema() {
  const text = readFileSync(join(ROOT, 'node_modules/@salesforce/types/lib/metadata.d.ts'), 'utf8');
  const types = new Map();
  const enums = new Map();
  let current = null;
  for (const line of text.split('\n')) {
    let m;
    if ((m = /^export type (\w+) = ('.*');$/.exec(line))) {
      enums.set(m[1], new Set([...m[2].matchAll(/'([^']*)'/g)].map((x) => x[1])));
    } else if ((m = /^export type (\w+) = (?:(\w+) & )?\{$/.exec(line))) {
      current = { base: m[2] ?? null, props: new Map() };
      types.set(m[1], current);
    } else if (current && (m = /^\s+(\w+)(\?)?: (\w+)(\[\])?;$/.exec(line))) {
      current.props.set(m[1], { type: m[3], optional: !!m[2], array: !!m[4] });
    } else if (/^};/.test(line)) {
      current = null;
    }
  }
  const propsOf = (name) => {
    const t = types.get(name);
    if (!t) return null;
    return new Map([...(t.base ? propsOf(t.base) ?? [] : []), ...t.props]);
  };
  return { types, enums, propsOf };
}
const schema = loadSchema();

const xmlParser = new XMLParser({
  preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false,
  trimValues: true, commentPropName: '#comment',
});
/** Parsed XML as { name, attrs, children, text } trees, or null after reporting the problem. */
function parseXml(file, text) {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    problem(file, `malformed XML: ${valid.err.msg}`, valid.err.line, valid.err.col);
    return null;
  }
  const convert = (entry) => {
    const name = Object.keys(entry).find((k) => k !== ':@');
    if (name === '#text') return { text: String(entry['#text']) };
    if (name === '#comment' || name === '?xml') return null;
    const children = entry[name].map(convert).filter(Boolean);
    return {
      name, attrs: entry[':@'] ?? {}, children: children.filter((c) => c.name),
      text: children.filter((c) => !c.name).map((c) => c.text).join(''),
    };
  };
  const roots = xmlParser.parse(text).map(convert).filter((n) => n && n.name);
  if (roots.length !== 1) {
    problem(file, `XML must have exactly one root element, found ${roots.length}`);
    return null;
  }
  return roots[0];
}

/** Checks elements, repetitions, required elements and enum/boolean/number values. */
function checkSchema(file, node, typeName, path) {
  const props = schema.propsOf(typeName);
  if (!props) return;
  const seen = new Map();
  for (const c of node.children) {
    const prop = props.get(c.name);
    const at = `${path}/${c.name}`;
    if (!prop) {
      problem(file, `${at}: not an element of ${typeName} in the Metadata API`);
      continue;
    }
    seen.set(c.name, (seen.get(c.name) ?? 0) + 1);
    if (!prop.array && seen.get(c.name) === 2) problem(file, `${at}: repeated, but ${typeName}.${c.name} is a single value`);
    if (schema.types.has(prop.type)) {
      checkSchema(file, c, prop.type, at);
    } else if (c.children.length) {
      problem(file, `${at}: ${prop.type} value expected, found child elements`);
    } else if (schema.enums.has(prop.type) && !schema.enums.get(prop.type).has(c.text)) {
      problem(file, `${at}: "${c.text}" is not a ${prop.type} (${[...schema.enums.get(prop.type)].slice(0, 12).join(', ')}…)`);
    } else if (prop.type === 'boolean' && !/^(true|false)$/.test(c.text)) {
      problem(file, `${at}: "${c.text}" is not true or false`);
    } else if (prop.type === 'number' && !/^-?\d+(\.\d+)?$/.test(c.text)) {
      problem(file, `${at}: "${c.text}" is not a number`);
    }
  }
  for (const [name, prop] of props) {
    if (!prop.optional && !prop.array && !seen.has(name) && name !== 'fullName') {
      problem(file, `${path}: required element <${name}> is missing`);
    }
  }
}

// Every -meta.xml: well-formed, one root, the metadata namespace, the schema.
const xml = new Map(); // file -> root node
for (const file of files.filter((f) => f.endsWith('-meta.xml'))) {
  const root = parseXml(file, readFileSync(file, 'utf8'));
  if (!root) continue;
  xml.set(file, root);
  if (root.attrs.xmlns !== NS) problem(file, `root <${root.name}> must have xmlns="${NS}"`);
  if (!schema.types.has(root.name)) problem(file, `<${root.name}> is not a Metadata API type`);
  else checkSchema(file, root, root.name, root.name);
}
// Every .cls/.page/.trigger/.component has its -meta.xml (SDR silently drops it otherwise),
// whose apiVersion is the project's.
for (const file of files.filter((f) => /\.(cls|trigger|page|component)$/.test(f))) {
  const meta = xml.get(`${file}-meta.xml`);
  if (!existsSync(`${file}-meta.xml`)) problem(file, `has no ${basename(file)}-meta.xml: it would not be deployed`);
  else if (meta && childText(meta, 'apiVersion') !== API) {
    problem(`${file}-meta.xml`, `apiVersion ${childText(meta, 'apiVersion')} differs from sourceApiVersion ${API}`);
  }
}

// SDR's view of the project.
const { ComponentSet, MetadataConverter } = await import('@salesforce/source-deploy-retrieve');
let components = [];
let cs = null;
try {
  cs = ComponentSet.fromSource(packageDirs.map((d) => join(stage, d)));
  cs.sourceApiVersion = API;
  cs.apiVersion = API;
  components = cs.getSourceComponents().toArray();
} catch (e) {
  problem(null, `SDR cannot resolve the project: ${e.name}: ${e.message}`);
}
const claimed = new Set();
const byKey = new Map();
const all = components.flatMap((c) => [c, ...c.getChildren()]);
for (const c of all) {
  const key = `${c.type.name}:${c.fullName}`;
  if (byKey.has(key)) problem(c.xml, `duplicate component ${key} (also ${shown(byKey.get(key).xml)})`);
  byKey.set(key, c);
  if (c.xml) claimed.add(c.xml);
  for (const f of c.walkContent()) claimed.add(f);
  if (c.xml) {
    const root = xml.get(c.xml);
    if (root && root.name !== c.type.name) problem(c.xml, `root element <${root.name}>, but the file is a ${c.type.name}`);
    const dir = c.parent ? c.parent.type.directoryName : c.type.directoryName;
    if (!c.xml.split(sep).includes(dir)) problem(c.xml, `${c.type.name} outside a ${dir}/ folder`);
  }
}
for (const c of components) {
  if (c.type.name === 'CustomField') problem(c.xml, 'field without its object (no X__c.object-meta.xml)');
}
for (const f of files) {
  if (!claimed.has(f)) problem(f, 'belongs to no metadata component: it would not be deployed');
}

// Objects and fields, from the XML.
const objects = new Map(); // name -> { file, root, fields: Map(name -> { file, root }) }
for (const [file, root] of xml) {
  if (root.name === 'CustomObject') {
    const name = basename(file).replace('.object-meta.xml', '');
    objects.set(name, { ...objects.get(name), file, root, fields: objects.get(name)?.fields ?? new Map() });
  }
}
for (const [file, root] of xml) {
  if (root.name !== 'CustomField') continue;
  const name = basename(file).replace('.field-meta.xml', '');
  const objectName = basename(dirname(dirname(file)));
  if (childText(root, 'fullName') !== name) problem(file, `<fullName>${childText(root, 'fullName') ?? ''}</fullName> must be the file name ${name}`);
  if (!objects.has(objectName)) objects.set(objectName, { fields: new Map() });
  objects.get(objectName).fields.set(name, { file, root });
}
const STANDARD_FIELDS = new Set(['id', 'name', 'ownerid', 'createddate', 'createdbyid', 'lastmodifieddate',
  'lastmodifiedbyid', 'systemmodstamp', 'isdeleted', 'lastvieweddate', 'lastreferenceddate']);
const fieldOf = (objectName, fieldName) => {
  const o = objects.get(objectName);
  if (!o) return null;
  for (const [n, f] of o.fields) if (n.toLowerCase() === fieldName.toLowerCase()) return { name: n, ...f };
  return null;
};
const objectNamed = (name) => [...objects.keys()].find((o) => o.toLowerCase() === name.toLowerCase());
const isRequired = (f) => childText(f.root, 'required') === 'true' || childText(f.root, 'type') === 'MasterDetail';

const LIMITS = { label: 40, description: 1000, inlineHelpText: 510 };
for (const [objectName, o] of objects) {
  if (!o.root) continue;
  for (const e of ['label', 'pluralLabel', 'description', 'nameField', 'sharingModel', 'deploymentStatus']) {
    if (!child(o.root, e)) problem(o.file, `<${e}> is missing`);
  }
  const masters = [];
  for (const [fieldName, f] of o.fields) {
    const r = f.root;
    const type = childText(r, 'type');
    const num = (e) => Number(childText(r, e));
    for (const e of ['label', 'description', 'inlineHelpText']) {
      const v = childText(r, e);
      if (!v) problem(f.file, `<${e}> is missing`);
      else if (v.length > LIMITS[e]) problem(f.file, `<${e}> is longer than ${LIMITS[e]} characters`);
    }
    if (!fieldName.endsWith('__c')) problem(f.file, 'a custom field name must end with __c');
    if (type === 'Text' && !(num('length') >= 1 && num('length') <= 255)) problem(f.file, 'Text needs <length> 1 to 255');
    if (type === 'LongTextArea') {
      if (!(num('length') >= 256 && num('length') <= 131072)) problem(f.file, 'LongTextArea needs <length> 256 to 131072');
      if (!(num('visibleLines') >= 1)) problem(f.file, 'LongTextArea needs <visibleLines>');
    }
    if (type === 'Number' && !(num('precision') >= 1 && num('precision') <= 18 && num('scale') >= 0 && num('scale') <= num('precision'))) {
      problem(f.file, 'Number needs <precision> 1 to 18 and <scale> 0 to precision');
    }
    if (type === 'Checkbox' && !/^(true|false)$/.test(childText(r, 'defaultValue') ?? '')) problem(f.file, 'Checkbox needs <defaultValue> true or false');
    if (type === 'Checkbox' && child(r, 'required')) problem(f.file, 'a Checkbox cannot be <required>');
    if (type === 'Picklist') {
      const values = childrenNamed(child(child(r, 'valueSet'), 'valueSetDefinition'), 'value');
      if (!values.length) problem(f.file, 'Picklist without values');
      const names = values.map((v) => childText(v, 'fullName'));
      if (new Set(names.map((n) => n?.toLowerCase())).size !== names.length) problem(f.file, 'duplicate picklist value');
      if (values.filter((v) => childText(v, 'default') === 'true').length > 1) problem(f.file, 'more than one default picklist value');
      if (childText(child(r, 'valueSet'), 'restricted') !== 'true') problem(f.file, 'picklists here are restricted (<restricted>true</restricted>)');
    }
    if (type === 'MasterDetail' || type === 'Lookup') {
      const target = childText(r, 'referenceTo');
      if (target?.endsWith('__c') && !objects.get(target)?.root) problem(f.file, `<referenceTo>${target}</referenceTo>: no such object in the project`);
      if (!childText(r, 'relationshipName')) problem(f.file, '<relationshipName> is missing');
      if (type === 'MasterDetail') {
        masters.push(target);
        if (child(r, 'required')) problem(f.file, 'a MasterDetail field cannot have <required>');
      }
    }
  }
  if (masters.length > 2) problem(o.file, 'more than two master-detail fields');
  const sharing = childText(o.root, 'sharingModel');
  if (masters.length && sharing !== 'ControlledByParent') problem(o.file, 'an object with a master-detail field needs <sharingModel>ControlledByParent');
  if (!masters.length && sharing === 'ControlledByParent') problem(o.file, 'ControlledByParent needs a master-detail field');
}
// Child relationship names are unique per parent object.
const relationships = new Map(); // `${parent}.${relationshipName__r}` -> child object
for (const [objectName, o] of objects) {
  for (const [, f] of o.fields) {
    const target = childText(f.root, 'referenceTo');
    const rel = childText(f.root, 'relationshipName');
    if (!target || !rel) continue;
    const key = `${target}.${rel}__r`.toLowerCase();
    if (relationships.has(key)) problem(f.file, `relationship name ${rel} is used twice on ${target}`);
    relationships.set(key, objectName);
  }
}

// Apex -> objects and fields: every X__c the code names exists; SOQL fields exist on their object.
const knownCustom = new Set([...objects.keys()].map((o) => o.toLowerCase()));
for (const o of objects.values()) for (const n of o.fields.keys()) knownCustom.add(n.toLowerCase());
for (const { file, identifiers, facts } of apex) {
  for (const t of identifiers) {
    if (/__c$/i.test(t.text) && !knownCustom.has(t.text.toLowerCase())) {
      problem(file, `${t.text}: no such custom object or field in the project`, t.line, t.col);
    }
    if (/__r$/i.test(t.text) && ![...relationships.keys()].some((k) => k.endsWith(`.${t.text.toLowerCase()}`))) {
      problem(file, `${t.text}: no such relationship in the project`, t.line, t.col);
    }
  }
  for (const q of facts.queries) {
    let from = q.from;
    if (q.parentFrom) from = relationships.get(`${objectNamed(q.parentFrom) ?? q.parentFrom}.${q.from}`.toLowerCase()) ?? q.from;
    const objectName = objectNamed(from);
    if (!objectName) {
      if (from.endsWith('__c')) problem(file, `SOQL FROM ${from}: no such object`, q.line, q.col);
      continue; // a standard object: its fields cannot be checked offline
    }
    for (const path of q.fields) {
      let current = objectName;
      const parts = path.split('.');
      for (const [i, part] of parts.entries()) {
        if (i < parts.length - 1) {
          const f = /__r$/i.test(part) ? fieldOf(current, part.replace(/__r$/i, '__c')) : null;
          current = f ? childText(f.root, 'referenceTo') : null;
          if (!current || !objects.has(current)) break;
        } else if (!fieldOf(current, part) && (/__c$/i.test(part) || !STANDARD_FIELDS.has(part.toLowerCase()))) {
          problem(file, `SOQL field ${path}: ${current} has no field ${part}`, q.line, q.col);
        }
      }
    }
  }
}

// Permission sets.
const classes = new Set(components.filter((c) => c.type.name === 'ApexClass').map((c) => c.fullName));
const pages = new Set(components.filter((c) => c.type.name === 'ApexPage').map((c) => c.fullName));
const resources = new Set(components.filter((c) => c.type.name === 'StaticResource').map((c) => c.fullName));
const customObjects = [...objects.keys()].filter((o) => objects.get(o).root);
const permissibleFields = customObjects.flatMap((o) =>
  [...objects.get(o).fields].filter(([, f]) => !isRequired(f)).map(([n]) => `${o}.${n}`));
const permissionSets = new Map();
for (const [file, root] of xml) {
  if (root.name !== 'PermissionSet') continue;
  const name = basename(file).replace('.permissionset-meta.xml', '');
  permissionSets.set(name, root);
  const flag = (node, e) => childText(node, e) === 'true';
  for (const a of childrenNamed(root, 'classAccesses')) {
    if (!classes.has(childText(a, 'apexClass'))) problem(file, `classAccesses: no Apex class ${childText(a, 'apexClass')}`);
  }
  for (const a of childrenNamed(root, 'pageAccesses')) {
    if (!pages.has(childText(a, 'apexPage'))) problem(file, `pageAccesses: no Visualforce page ${childText(a, 'apexPage')}`);
  }
  const readable = new Set();
  for (const p of childrenNamed(root, 'objectPermissions')) {
    const o = childText(p, 'object');
    if (o.endsWith('__c') && !objects.get(o)?.root) problem(file, `objectPermissions: no object ${o}`);
    const [c, r, e, d, va, ma] = ['allowCreate', 'allowRead', 'allowEdit', 'allowDelete', 'viewAllRecords', 'modifyAllRecords'].map((x) => flag(p, x));
    if ((c || e || va) && !r) problem(file, `objectPermissions ${o}: create, edit and view all need read`);
    if (d && !e) problem(file, `objectPermissions ${o}: delete needs edit`);
    if (ma && !(d && va)) problem(file, `objectPermissions ${o}: modify all needs delete and view all`);
    if (r) readable.add(o);
  }
  for (const p of childrenNamed(root, 'objectPermissions')) {
    const o = childText(p, 'object');
    for (const [, f] of objects.get(o)?.fields ?? []) {
      if (childText(f.root, 'type') === 'MasterDetail' && flag(p, 'allowRead') && !readable.has(childText(f.root, 'referenceTo'))) {
        problem(file, `objectPermissions ${o}: its master ${childText(f.root, 'referenceTo')} must be readable too`);
      }
    }
  }
  const listed = new Set();
  for (const p of childrenNamed(root, 'fieldPermissions')) {
    const ref = childText(p, 'field') ?? '';
    const [o, n] = ref.split('.');
    if (listed.has(ref)) problem(file, `fieldPermissions ${ref} listed twice`);
    listed.add(ref);
    const f = fieldOf(o, n ?? '');
    if (!f) {
      problem(file, `fieldPermissions: no field ${ref}`);
      continue;
    }
    if (isRequired(f)) problem(file, `fieldPermissions ${ref}: required and master-detail fields cannot be listed (always accessible)`);
    if (flag(p, 'editable') && !flag(p, 'readable')) problem(file, `fieldPermissions ${ref}: editable needs readable`);
    if (flag(p, 'readable') && !readable.has(o)) problem(file, `fieldPermissions ${ref}: the object is not readable in this permission set`);
  }
  // This project's permission sets cover every object and every field that can be listed.
  for (const o of customObjects) if (!readable.has(o)) problem(file, `objectPermissions: ${o} is not readable`);
  for (const f of permissibleFields) if (!listed.has(f)) problem(file, `fieldPermissions: ${f} is missing`);
}
const agent = permissionSets.get('CtiSoftphoneAgent');
const admin = permissionSets.get('CtiSoftphoneAdmin');
const psFile = (n) => files.find((f) => basename(f) === `${n}.permissionset-meta.xml`);
if (!agent) problem(null, 'permission set CtiSoftphoneAgent is missing');
if (!admin) problem(null, 'permission set CtiSoftphoneAdmin is missing');
for (const [name, root] of [['CtiSoftphoneAgent', agent], ['CtiSoftphoneAdmin', admin]]) {
  if (!root) continue;
  const edit = name === 'CtiSoftphoneAdmin';
  for (const p of childrenNamed(root, 'objectPermissions')) {
    for (const x of ['allowCreate', 'allowEdit', 'allowDelete']) {
      if ((childText(p, x) === 'true') !== edit) problem(psFile(name), `objectPermissions ${childText(p, 'object')}: ${x} must be ${edit}`);
    }
  }
  for (const p of childrenNamed(root, 'fieldPermissions')) {
    if ((childText(p, 'editable') === 'true') !== edit) problem(psFile(name), `fieldPermissions ${childText(p, 'field')}: editable must be ${edit}`);
  }
  for (const c of ['CtiAdapterConfig', 'ConnectSoftphoneController']) {
    if (!childrenNamed(root, 'classAccesses').some((a) => childText(a, 'apexClass') === c && childText(a, 'enabled') === 'true')) {
      problem(psFile(name), `classAccesses: ${c} is not enabled`);
    }
  }
}

// Call centers.
let adapterPages = [];
const callCenterNames = [];
for (const [file, root] of xml) {
  if (root.name !== 'CallCenter') continue;
  const name = basename(file).replace('.callCenter-meta.xml', '');
  callCenterNames.push(name);
  if (!/^[A-Za-z][A-Za-z0-9]{0,39}$/.test(name)) problem(file, `internal name ${name}: at most 40 letters and digits, starting with a letter`);
  const items = new Map();
  for (const s of childrenNamed(root, 'sections')) {
    for (const i of childrenNamed(s, 'items')) {
      const n = childText(i, 'name');
      if (items.has(n)) problem(file, `item ${n} appears twice`);
      items.set(n, childText(i, 'value') ?? '');
    }
  }
  const adapterUrl = childText(root, 'adapterUrl') ?? items.get('reqAdapterUrl');
  if (!adapterUrl) problem(file, 'no adapterUrl');
  else {
    if (items.has('reqAdapterUrl') && items.get('reqAdapterUrl') !== adapterUrl) problem(file, 'reqAdapterUrl differs from <adapterUrl>');
    const page = /^\/apex\/(\w+)$/.exec(adapterUrl)?.[1];
    if (page) {
      if (!pages.has(page)) problem(file, `adapterUrl ${adapterUrl}: no Visualforce page ${page}`);
      adapterPages.push(page);
    } else if (!/^https:\/\//.test(adapterUrl)) problem(file, `adapterUrl ${adapterUrl}: Lightning needs a relative /apex/Page or an https address`);
  }
  const mode = items.get('reqSalesforceCompatibilityMode');
  if (!['Lightning', 'Classic_and_Lightning'].includes(mode)) problem(file, `reqSalesforceCompatibilityMode ${mode ?? '(absent: Classic)'}: Lightning needs Lightning or Classic_and_Lightning`);
  if (items.get('reqUseApi') !== 'true') problem(file, 'reqUseApi must be true (Open CTI)');
  for (const k of ['reqSoftphoneHeight', 'reqSoftphoneWidth']) {
    if (!/^[1-9]\d*$/.test(items.get(k) ?? '')) problem(file, `${k} must be a positive whole number`);
  }
  const custom = childText(root, 'customSettings');
  if (custom) {
    let settings = null;
    try { settings = JSON.parse(custom); } catch (e) { problem(file, `customSettings is not JSON: ${e.message}`); }
    for (const [k, v] of Object.entries(settings ?? {})) {
      if (items.has(k) && items.get(k) !== v) problem(file, `customSettings ${k}=${v} differs from the item's value ${items.get(k)}`);
      if (!items.has(k)) problem(file, `customSettings ${k} is in no section`);
    }
  }
}

// What the package needs in an org beyond the schema (scripts/sfdx-rules.mjs).
const isTestFile = (f) => /Test\.cls$/.test(f);
const tests = apex.filter((a) => isTestFile(a.file) && a.tree);
if (!apex.some((a) => isTestFile(a.file))) problem(null, 'no Apex test class (*Test.cls): a production deploy runs the tests');
let fixtureCallCenter = null;
try {
  const fixture = files.find((f) => basename(f) === 'CtiAdapterConfigFixture.json');
  fixtureCallCenter = fixture ? JSON.parse(readFileSync(fixture, 'utf8')).adapter?.callCenterName : null;
} catch { /* reported with the JSON resources below */ }
checkTestClasses({
  tests,
  underTest: apex.filter((a) => !isTestFile(a.file)).flatMap((a) => a.facts.classes.slice(0, 1).map((c) => c.name)),
  controller: apex.find((a) => basename(a.file) === 'ConnectSoftphoneController.cls' && a.tree),
  reservedNames: [...callCenterNames, fixtureCallCenter].filter(Boolean),
  problem,
});
checkTabsAndLayouts({ xml, objects, permissionSets, psFile, pages, problem });

// Static resources: the wasm is a resource of its own, typed application/wasm so that browsers
// compile it while it downloads (WebAssembly.instantiateStreaming); none exceeds 5 MB (a folder
// is zipped on deploy, so its zip counts).
const resourceSizes = [];
const oversize = new Set();
for (const c of components.filter((x) => x.type.name === 'StaticResource')) {
  const type = childText(xml.get(c.xml), 'contentType');
  if ((childText(xml.get(c.xml), 'description') ?? '').length > 255) problem(c.xml, '<description> is longer than 255 characters');
  if (APPS.some((app) => app.wasmResource === c.fullName)) {
    if (type !== 'application/wasm') problem(c.xml, `contentType ${type}: must be application/wasm, or browsers cannot compile the module while it downloads`);
    if (!c.content?.endsWith(`${c.fullName}.wasm`)) problem(c.xml, `its content must be the file ${c.fullName}.wasm`);
  }
  if (!c.content || !existsSync(c.content)) continue;
  const folder = statSync(c.content).isDirectory();
  const size = folder
    ? zipSize(listFiles(c.content).map((name) => ({ name, bytes: readFileSync(join(c.content, name)) })))
    : statSync(c.content).size;
  resourceSizes.push(`${c.fullName} ${megabytes(size)}${folder ? ' zipped' : ''}`);
  if (size > STATIC_RESOURCE_LIMIT) {
    oversize.add(c.fullName);
    problem(c.content, `${megabytes(size)}${folder ? ' zipped' : ''}, over Salesforce's ${megabytes(STATIC_RESOURCE_LIMIT)} static-resource limit`);
  }
}
for (const name of APPS.flatMap((app) => [app.appResource, app.wasmResource])) {
  if (!components.some((c) => c.type.name === 'StaticResource' && c.fullName === name)) {
    problem(null, `no static resource ${name} (staticresources/${name}.resource-meta.xml)`);
  }
}

// Visualforce pages.
const pageControllers = new Map(); // page name -> its controller class
const classFacts = new Map(apex.flatMap(({ facts }) => facts.classes.map((c) => [c.name.toLowerCase(), c])));
for (const file of files.filter((f) => f.endsWith('.page'))) {
  const text = readFileSync(file, 'utf8');
  const root = parseXml(file, text);
  if (!root) continue;
  if (root.name !== 'apex:page') {
    problem(file, `root element <${root.name}>, expected <apex:page>`);
    continue;
  }
  const controller = root.attrs.controller;
  pageControllers.set(basename(file, '.page'), controller);
  const facts = controller && classFacts.get(controller.toLowerCase());
  if (controller && !classes.has(controller)) problem(file, `controller ${controller}: no such Apex class`);
  for (const m of text.matchAll(/\{!\s*([A-Za-z_]\w*)\s*\}/g)) {
    const name = m[1].toLowerCase();
    if (facts && !facts.methods.has(`get${name}`) && !facts.members.has(name)) {
      problem(file, `{!${m[1]}}: ${controller} has no get${m[1][0].toUpperCase()}${m[1].slice(1)}() or property ${m[1]}`);
    }
  }
  for (const m of text.matchAll(/\$Resource\.(\w+)/g)) {
    if (!resources.has(m[1])) problem(file, `$Resource.${m[1]}: no such static resource`);
  }
  for (const app of APPS) {
    const appFiles = [...text.matchAll(new RegExp(`URLFOR\\(\\$Resource\\.${app.appResource},\\s*'([^']*)'\\)`, 'g'))].map((m) => m[1]);
    for (const f of appFiles) if (!app.files.includes(f)) problem(file, `URLFOR ${app.appResource} '${f}': not a bundled file (${app.files.join(', ')})`);
  }
  // An app page other than the softphone's: it loads its app as the softphone's page does, and
  // its remote actions exist (scripts/sfdx-rules.mjs).
  const app = APPS.find((a) => a.page === basename(file, '.page'));
  if (app && !adapterPages.includes(app.page)) {
    checkAppPage({ file, root, text, app, remoteActions: facts ? facts.remoteActions : new Map(), controller, problem });
    continue;
  }
  if (!adapterPages.includes(basename(file, '.page'))) continue;

  // The adapter page does what dist/index.html does.
  const elements = [];
  const flat = (n) => { elements.push(n); n.children.forEach(flat); };
  flat(root);
  const at = (pred) => elements.findIndex(pred);
  const src = (n) => n.attrs.src ?? '';
  const openCti = at((n) => n.name === 'script' && src(n).startsWith('/support/api/'));
  const streams = at((n) => n.name === 'script' && src(n).includes("'connect-streams-min.js'"));
  const module = at((n) => n.name === 'script' && n.attrs.type === 'module');
  const moduleText = elements[module]?.text ?? '';
  if (openCti < 0) problem(file, 'does not load Open CTI (/support/api/<version>/lightning/opencti_min.js)');
  else if (src(elements[openCti]) !== `/support/api/${API}/lightning/opencti_min.js`) problem(file, `Open CTI must be /support/api/${API}/lightning/opencti_min.js`);
  // Omni-Channel presence (sforce.console.presence) needs the console toolkit, 43.0 or later
  // inside an Open CTI softphone.
  const console_ = at((n) => n.name === 'script' && src(n).startsWith('/support/console/'));
  if (console_ < 0) problem(file, 'does not load the console toolkit (/support/console/<version>/integration.js) for Omni-Channel presence');
  else if (src(elements[console_]) !== `/support/console/${API}/integration.js`) problem(file, `the console toolkit must be /support/console/${API}/integration.js`);
  else if (streams >= 0 && console_ > streams) problem(file, 'the console toolkit must load before Streams');
  if (streams < 0) problem(file, `does not load connect-streams-min.js from ${APP_RESOURCE}`);
  if (module < 0) problem(file, 'has no <script type="module"> that starts the app');
  // Start-up order (as dist/index.html): the async app module waits for the Streams script,
  // the last one, after #app and #ccp; Open CTI runs before Streams.
  const byId = (id) => at((n) => n.attrs.id === id);
  if (module >= 0 && elements[module].attrs.async === undefined) problem(file, 'the app module must be async (it waits for Streams itself)');
  if (streams >= 0 && elements[streams].attrs.id !== 'ctisoftphone-streams') problem(file, 'the Streams script must have id="ctisoftphone-streams" (the app waits for its load)');
  if (streams >= 0 && (byId('app') > streams || byId('ccp') > streams)) problem(file, 'Streams must load after the #app and #ccp elements');
  if (openCti >= 0 && streams >= 0 && openCti > streams) problem(file, 'Open CTI must load before Streams');
  if (!/import\s+init\s+from\s+'[^']*'ctisoftphone\.js'/.test(moduleText)) problem(file, `the module must import init from ${APP_RESOURCE} ctisoftphone.js`);
  // The wasm comes from its own resource; the preload link names the same URL, so init() reuses
  // the preloaded response instead of downloading the module a second time.
  const wasmUrl = `{!$Resource.${WASM_RESOURCE}}`;
  if (!moduleText.includes(`init({ module_or_path: '{!JSENCODE($Resource.${WASM_RESOURCE})}' })`)) problem(file, `the module must call init({ module_or_path: '{!JSENCODE($Resource.${WASM_RESOURCE})}' })`);
  const preload = elements.find((n) => n.name === 'link' && n.attrs.rel === 'preload' && n.attrs.href === wasmUrl);
  if (!preload) problem(file, `needs <link rel="preload" href="${wasmUrl}" as="fetch" type="application/wasm" crossorigin="anonymous">`);
  else {
    for (const [attr, value] of Object.entries({ as: 'fetch', type: 'application/wasm', crossorigin: 'anonymous' })) {
      if (preload.attrs[attr] !== value) problem(file, `the wasm preload link needs ${attr}="${value}"`);
    }
  }
  if (module >= 0 && preload && elements.indexOf(preload) > module) problem(file, 'the wasm preload link must come before the app module');
  for (const css of ['slds.min.css', 'app.css']) {
    if (at((n) => n.name === 'link' && n.attrs.rel === 'stylesheet' && (n.attrs.href ?? '').includes(`'${css}'`)) < 0) problem(file, `does not link ${css}`);
  }
  const meta = elements.find((n) => n.name === 'meta' && n.attrs.name === 'ctisoftphone-config');
  if (!meta || !/^\{!\w+\}$/.test(meta.attrs.content ?? '')) problem(file, 'needs <meta name="ctisoftphone-config" content="{!…}">');
  for (const id of ['app', 'ccp']) if (at((n) => n.name === 'div' && n.attrs.id === id) < 0) problem(file, `needs <div id="${id}">`);
  for (const [attr, value] of Object.entries({ showHeader: 'false', sidebar: 'false', standardStylesheets: 'false', applyHtmlTag: 'false', applyBodyTag: 'false', docType: 'html-5.0' })) {
    if (root.attrs[attr] !== value) problem(file, `<apex:page ${attr}="${value}"> expected`);
  }
}

// The admins' pages (every app page but the softphone's): who may open them, and their tab.
checkAdminPages({
  xml, permissionSets, psFile, problem,
  pages: APPS.filter((app) => !adapterPages.includes(app.page)).map((app) => ({ page: app.page, controller: pageControllers.get(app.page) })),
});

// JSON static resources parse.
for (const file of files.filter((f) => f.endsWith('.json') && f.split(sep).includes('staticresources'))) {
  try { JSON.parse(readFileSync(file, 'utf8')); } catch (e) { problem(file, `not JSON: ${e.message}`); }
}
const metaTime = ms(metaStarted);

// ---------------------------------------------------------------------------------------------
// 3. SDR conversion to Metadata API format
const convertStarted = performance.now();
let converted = '';
if (cs) {
  try {
    const out = join(OUT, 'mdapi');
    const result = await new MetadataConverter().convert(cs, 'metadata',
      { type: 'directory', outputDirectory: out, genUniqueDir: false });
    const manifest = readFileSync(join(result.packagePath, 'package.xml'), 'utf8');
    const version = /<version>([^<]*)<\/version>/.exec(manifest)?.[1];
    if (version !== API) problem(null, `converted package.xml has version ${version}, expected ${API}`);
    converted = relative(ROOT, result.packagePath);
    // The zips SDR made are what a deploy uploads: hold them to the limit as well.
    const dir = join(result.packagePath, 'staticresources');
    for (const f of existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.resource')) : []) {
      const size = statSync(join(dir, f)).size;
      if (size > STATIC_RESOURCE_LIMIT && !oversize.has(f.replace(/\.resource$/, ''))) problem(null, `converted ${f}: ${megabytes(size)}, over Salesforce's ${megabytes(STATIC_RESOURCE_LIMIT)} static-resource limit`);
    }
  } catch (e) {
    problem(null, `SDR conversion failed: ${e.name}: ${e.message}`);
  }
}
const convertTime = ms(convertStarted);

// ---------------------------------------------------------------------------------------------
const counts = {};
for (const c of all) counts[c.type.name] = (counts[c.type.name] ?? 0) + 1;
console.log(`sfdx-check: apex: ${apex.length} files, ${apexErrors} syntax errors (${apexTime})`);
console.log(`sfdx-check: metadata: ${xml.size} XML files, ${components.length} components + ${all.length - components.length} children: ${Object.entries(counts).sort().map(([k, v]) => `${k} ${v}`).join(', ')} (${metaTime})`);
console.log(`sfdx-check: package: ${tests.length} test class(es), ${counts.CustomTab ?? 0} tab(s), ${counts.Layout ?? 0} layout(s); static resources: ${resourceSizes.join(', ')} (limit ${megabytes(STATIC_RESOURCE_LIMIT)})`);
console.log(`sfdx-check: convert: ${converted || 'not done'} (API ${API}) (${convertTime})`);
for (const n of notes) console.log(`sfdx-check: note: ${n}`);
for (const p of problems) console.error(p);
console.log(`sfdx-check: ${problems.length ? `FAILED, ${problems.length} problem(s)` : 'OK'} (${ms(started)})`);
process.exit(problems.length ? 1 : 0);
