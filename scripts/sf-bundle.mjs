// Copies the release build (dist/) into the Salesforce static resources (not committed; see
// .gitignore and visualforce/.gitignore):
//   - the WebAssembly module to staticresources/ConnectSoftphoneWasm.wasm, a resource of its own
//     with content type application/wasm, so browsers can compile it while it downloads;
//   - every other file to staticresources/ConnectSoftphoneApp/, which SDR zips on deploy.
// Only the files on DIST_FILES go in: the ConnectSoftphone page names each of them, and nothing
// from playground/ or any other development file may reach an org. Fails when dist/ or a listed
// file is missing, when dist/ holds a file not on the list, when a style sheet refers to a file
// the bundle does not hold, or when a resource would exceed Salesforce's 5 MB limit.
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
/** What trunk build --release writes (Trunk.toml: filehash = false), and all of it. */
export const DIST_FILES = Object.freeze([...BUNDLE_FILES, WASM_FILE]);

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
  for (const f of present) {
    if (!expected.includes(f)) problems.push(`${relative(ROOT, dir)}/${f} is not a softphone file (not on ${expected === DIST_FILES ? 'DIST_FILES' : 'BUNDLE_FILES'})`);
  }
  return problems;
}

/**
 * Problems with the contents of an app folder (dir holds BUNDLE_FILES): style sheets that name
 * files it does not hold, and (unless size is false) a zip over the static-resource limit.
 * `label` names the folder in the messages.
 */
export function contentProblems(dir, label = relative(ROOT, dir), { size = true } = {}) {
  const sheets = BUNDLE_FILES.filter((f) => f.endsWith('.css') && existsSync(join(dir, f)))
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
  const problems = cssProblems(sheets, BUNDLE_FILES).map((p) => `${label}/${p}`);
  if (!size) return problems;
  const zipped = zipSize(BUNDLE_FILES.filter((f) => existsSync(join(dir, f)))
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
  if (!problems.length) problems.push(...contentProblems(dist), ...wasmProblems(join(dist, WASM_FILE)));
  if (problems.length) {
    for (const p of problems) console.error(`sf-bundle: ${p}`);
    console.error('sf-bundle: refusing to bundle; dist/ must hold exactly: ' + DIST_FILES.join(', '));
    process.exit(1);
  }
  rmSync(RESOURCE_DIR, { recursive: true, force: true });
  mkdirSync(RESOURCE_DIR, { recursive: true });
  for (const f of BUNDLE_FILES) copyFileSync(join(dist, f), join(RESOURCE_DIR, f));
  copyFileSync(join(dist, WASM_FILE), WASM_RESOURCE_FILE);
  const zipped = zipSize(BUNDLE_FILES.map((name) => ({ name, bytes: readFileSync(join(RESOURCE_DIR, name)) })));
  console.log(`sf-bundle: ${BUNDLE_FILES.length} files, ${megabytes(zipped)} zipped -> ${relative(ROOT, RESOURCE_DIR)}/`);
  console.log(`sf-bundle: ${WASM_FILE}, ${megabytes(statSync(WASM_RESOURCE_FILE).size)} -> ${relative(ROOT, WASM_RESOURCE_FILE)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
