// Copies the release build (dist/) into the Salesforce static resources (not committed; see
// .gitignore and visualforce/.gitignore). The build holds two apps (APPS), each with its own page
// and its own two resources: the softphone (dist/, page ConnectSoftphone) and the CTI attributes
// editor (dist/editor/, page CtiAttributeEditor). For each:
//   - the WebAssembly module to staticresources/<App>Wasm.wasm, a resource of its own with content
//     type application/wasm, so browsers can compile it while it downloads;
//   - every other file to staticresources/<App>App/, which SDR zips on deploy.
// Only the files on DIST_FILES go in: the pages name each of them, and nothing from playground/
// or any other development file may reach an org. Fails when dist/ or a listed file is missing,
// when dist/ holds a file not on the list, when a style sheet refers to a file its bundle does not
// hold, or when a resource would exceed Salesforce's 5 MB limit.
//
//   trunk build --release && node scripts/sf-bundle.mjs
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { STATIC_RESOURCE_LIMIT, cssProblems, megabytes, zipSize } from './sf-resources.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const STATIC_RESOURCES = join(ROOT, 'visualforce/force-app/main/default/staticresources');
export const APP_RESOURCE = 'ConnectSoftphoneApp';
export const RESOURCE_DIR = join(STATIC_RESOURCES, APP_RESOURCE);
export const WASM_RESOURCE = 'ConnectSoftphoneWasm';
/** SDR finds a single-file resource's content by its name; the extension matches its content type. */
export const WASM_RESOURCE_FILE = join(STATIC_RESOURCES, `${WASM_RESOURCE}.wasm`);
/** The file of dist/ that becomes the ConnectSoftphoneWasm resource. */
export const WASM_FILE = 'ctisoftphone_bg.wasm';
/** What goes into the ConnectSoftphoneApp folder: all of dist/ except the wasm. */
export const BUNDLE_FILES = Object.freeze([
  'index.html',
  'ctisoftphone.js',
  'app.css',
  'slds.min.css',
  'connect-streams-min.js',
  'favicon.svg',
]);
/** The CTI attributes editor's files (dist/editor/, from editor/Trunk.toml) but its wasm. */
export const EDITOR_BUNDLE_FILES = Object.freeze([
  'index.html',
  'ctieditor.js',
  'app.css',
  'editor.css',
  'slds.min.css',
]);

/**
 * The apps of the package: where each is in dist/, its static resources and its page. The
 * softphone's constants above are the first one's.
 */
export const APPS = Object.freeze([
  Object.freeze({ dist: '', page: 'ConnectSoftphone', appResource: APP_RESOURCE, wasmResource: WASM_RESOURCE, wasmFile: WASM_FILE, files: BUNDLE_FILES }),
  Object.freeze({ dist: 'editor', page: 'CtiAttributeEditor', appResource: 'CtiAttributeEditorApp', wasmResource: 'CtiAttributeEditorWasm', wasmFile: 'ctieditor_bg.wasm', files: EDITOR_BUNDLE_FILES }),
]);
const inDist = (app, file) => (app.dist ? `${app.dist}/${file}` : file);

/** What trunk build --release writes (Trunk.toml: filehash = false), and all of it. */
export const DIST_FILES = Object.freeze(APPS.flatMap((app) => [...app.files, app.wasmFile].map((f) => inDist(app, f))));

/** Every file under dir, as paths relative to dir with '/' separators. */
export function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out;
}

/** Problems with a folder meant to hold exactly `expected` (BUNDLE_FILES unless given). */
export function bundleProblems(dir, expected = BUNDLE_FILES) {
  if (!existsSync(dir)) return [`${relative(ROOT, dir)}/ does not exist`];
  const present = listFiles(dir);
  const problems = [];
  for (const f of expected) {
    if (!present.includes(f)) problems.push(`${relative(ROOT, dir)}/${f} is missing`);
  }
  const list = expected === DIST_FILES ? 'DIST_FILES' : expected === BUNDLE_FILES ? 'BUNDLE_FILES' : 'its bundle\'s files';
  for (const f of present) {
    if (!expected.includes(f)) problems.push(`${relative(ROOT, dir)}/${f} is not a file of the build (not on ${list})`);
  }
  return problems;
}

/**
 * Problems with the contents of an app folder (dir holds `files`, BUNDLE_FILES unless given):
 * style sheets that name files it does not hold, and (unless size is false) a zip over the
 * static-resource limit. `label` names the folder in the messages.
 */
export function contentProblems(dir, label = relative(ROOT, dir), { size = true, files = BUNDLE_FILES } = {}) {
  const sheets = files.filter((f) => f.endsWith('.css') && existsSync(join(dir, f)))
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
  const problems = cssProblems(sheets, files).map((p) => `${label}/${p}`);
  if (!size) return problems;
  const zipped = zipSize(files.filter((f) => existsSync(join(dir, f)))
    .map((name) => ({ name, bytes: readFileSync(join(dir, name)) })));
  if (zipped > STATIC_RESOURCE_LIMIT) {
    problems.push(`${label}/: zipped it is ${megabytes(zipped)}, over Salesforce's ${megabytes(STATIC_RESOURCE_LIMIT)} static-resource limit`);
  }
  return problems;
}

/** Problems with the wasm file of the ConnectSoftphoneWasm resource (its size; not zipped). */
export function wasmProblems(file, label = relative(ROOT, file)) {
  const size = statSync(file).size;
  return size > STATIC_RESOURCE_LIMIT
    ? [`${label}: ${megabytes(size)}, over Salesforce's ${megabytes(STATIC_RESOURCE_LIMIT)} static-resource limit`]
    : [];
}

function main() {
  const dist = resolve(ROOT, process.argv[2] ?? 'dist');
  if (!existsSync(dist)) {
    console.error(`sf-bundle: ${relative(ROOT, dist) || dist}/ does not exist; build first: trunk build --release`);
    process.exit(1);
  }
  const problems = bundleProblems(dist, DIST_FILES);
  if (!problems.length) {
    for (const app of APPS) {
      const dir = join(dist, app.dist);
      problems.push(...contentProblems(dir, relative(ROOT, dir), { files: app.files }), ...wasmProblems(join(dir, app.wasmFile)));
    }
  }
  if (problems.length) {
    for (const p of problems) console.error(`sf-bundle: ${p}`);
    console.error('sf-bundle: refusing to bundle; dist/ must hold exactly: ' + DIST_FILES.join(', '));
    process.exit(1);
  }
  for (const app of APPS) {
    const from = join(dist, app.dist);
    const resourceDir = join(STATIC_RESOURCES, app.appResource);
    const wasmResourceFile = join(STATIC_RESOURCES, `${app.wasmResource}.wasm`);
    rmSync(resourceDir, { recursive: true, force: true });
    mkdirSync(resourceDir, { recursive: true });
    for (const f of app.files) copyFileSync(join(from, f), join(resourceDir, f));
    copyFileSync(join(from, app.wasmFile), wasmResourceFile);
    const zipped = zipSize(app.files.map((name) => ({ name, bytes: readFileSync(join(resourceDir, name)) })));
    console.log(`sf-bundle: ${app.files.length} files, ${megabytes(zipped)} zipped -> ${relative(ROOT, resourceDir)}/`);
    console.log(`sf-bundle: ${app.wasmFile}, ${megabytes(statSync(wasmResourceFile).size)} -> ${relative(ROOT, wasmResourceFile)}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
