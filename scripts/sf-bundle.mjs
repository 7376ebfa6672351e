// Copies the release build (dist/) into the Salesforce static resource folder
// visualforce/force-app/main/default/staticresources/ConnectSoftphoneApp/ (not committed; SDR
// zips it on deploy). Only the files on BUNDLE_FILES go in: the ConnectSoftphone page names each
// of them, and nothing from playground/ or any other development file may reach an org.
// Fails when dist/ or a listed file is missing, or when dist/ holds a file not on the list.
//
//   trunk build --release && node scripts/sf-bundle.mjs
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const RESOURCE_DIR = join(ROOT, 'visualforce/force-app/main/default/staticresources/ConnectSoftphoneApp');
/** What trunk build --release writes (Trunk.toml: filehash = false), and all of it. */
export const BUNDLE_FILES = Object.freeze([
  'index.html',
  'ctisoftphone.js',
  'ctisoftphone_bg.wasm',
  'app.css',
  'slds.min.css',
  'connect-streams-min.js',
  'favicon.svg',
]);

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

/** Problems with a folder meant to hold exactly BUNDLE_FILES (empty when it does). */
export function bundleProblems(dir) {
  if (!existsSync(dir)) return [`${relative(ROOT, dir)}/ does not exist`];
  const present = listFiles(dir);
  const problems = [];
  for (const f of BUNDLE_FILES) {
    if (!present.includes(f)) problems.push(`${relative(ROOT, dir)}/${f} is missing`);
  }
  for (const f of present) {
    if (!BUNDLE_FILES.includes(f)) problems.push(`${relative(ROOT, dir)}/${f} is not a softphone file (not on BUNDLE_FILES)`);
  }
  return problems;
}

function main() {
  const dist = join(ROOT, process.argv[2] ?? 'dist');
  if (!existsSync(dist)) {
    console.error(`sf-bundle: ${relative(ROOT, dist) || dist}/ does not exist; build first: trunk build --release`);
    process.exit(1);
  }
  const problems = bundleProblems(dist);
  if (problems.length) {
    for (const p of problems) console.error(`sf-bundle: ${p}`);
    console.error('sf-bundle: refusing to bundle; dist/ must hold exactly: ' + BUNDLE_FILES.join(', '));
    process.exit(1);
  }
  rmSync(RESOURCE_DIR, { recursive: true, force: true });
  mkdirSync(RESOURCE_DIR, { recursive: true });
  let bytes = 0;
  for (const f of BUNDLE_FILES) {
    copyFileSync(join(dist, f), join(RESOURCE_DIR, f));
    bytes += statSync(join(RESOURCE_DIR, f)).size;
  }
  console.log(`sf-bundle: ${BUNDLE_FILES.length} files, ${(bytes / 1024).toFixed(0)} KiB -> ${relative(ROOT, RESOURCE_DIR)}/`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
