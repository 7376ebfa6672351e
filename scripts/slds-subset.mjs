// Builds static/slds.min.css: the rules of the SLDS stylesheet (npm @salesforce-ux/design-system)
// that the app can use. The full sheet is 101 KB gzipped; the softphone uses a few dozen classes.
// A selector is kept when every `slds-*` class in it appears in src/ (or it has none: resets,
// :root custom properties). Run by Trunk's pre-build hook; the output is not committed.
//
// The CTI attributes editor (editor/) has a subset of its own, so neither bundle carries the
// other's classes: `--app editor` (editor/Trunk.toml's hook) scans what SUBSETS.editor names and
// writes editor/static/slds.min.css.
//
// @font-face rules are dropped: they would point at SLDS's font files (../fonts/…), which the
// static resource does not ship, so each would be a failed request in every agent's browser.
// The pinned SLDS (2.264.1) declares none, and its font stack (--slds-g-font-family-base) is
// system fonts only, so today this removes nothing; it keeps a version that brings fonts back
// from breaking the bundle. scripts/sfdx-check.mjs builds the subset in memory (sldsSubset) and
// fails if any url() is left pointing at a file outside the bundle (SLDS's ../images/…).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'node_modules/@salesforce-ux/design-system/assets/styles/salesforce-lightning-design-system.min.css');

/** Per app: the sources whose `slds-*` classes it keeps (folders or files) and where it goes. */
export const SUBSETS = Object.freeze({
  softphone: { scan: ['src'], out: 'static/slds.min.css' },
  // The editor draws the softphone's overlay in its preview (src/ui/contact.rs).
  editor: { scan: ['editor/src', 'src/ui/contact.rs'], out: 'editor/static/slds.min.css' },
});

function walk(dir, files = []) {
  if (fs.statSync(dir).isFile()) return [dir];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, files);
    else if (full.endsWith('.rs')) files.push(full);
  }
  return files;
}

/** Every `slds-*` class name that appears in the scanned paths (src/ unless given). */
function usedClasses(scan) {
  const used = new Set();
  for (const file of scan.flatMap((p) => walk(path.join(root, p)))) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/slds-[A-Za-z0-9_-]+/g)) used.add(match[0]);
  }
  return used;
}

// Splits CSS text into top-level blocks: [prelude, body] pairs, honouring nesting and strings.
function blocks(css) {
  const out = [];
  let depth = 0, start = 0, preludeEnd = -1, quote = null;
  for (let i = 0; i < css.length; i++) {
    const ch = css[i];
    if (quote) { if (ch === '\\') i++; else if (ch === quote) quote = null; continue; }
    if (ch === '"' || ch === "'") { quote = ch; continue; }
    if (ch === '/' && css[i + 1] === '*') { i = css.indexOf('*/', i + 2) + 1; continue; }
    if (ch === '{') { if (depth === 0) preludeEnd = i; depth++; }
    else if (ch === '}') {
      depth--;
      if (depth === 0) { out.push([css.slice(start, preludeEnd).trim(), css.slice(preludeEnd + 1, i)]); start = i + 1; }
    } else if (ch === ';' && depth === 0) {
      out.push([css.slice(start, i + 1).trim(), null]); // @charset / @import / @layer statements
      start = i + 1;
    }
  }
  return out;
}

function splitSelectors(prelude) {
  const parts = [];
  let depth = 0, start = 0;
  for (let i = 0; i < prelude.length; i++) {
    const ch = prelude[i];
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === ',' && depth === 0) { parts.push(prelude.slice(start, i)); start = i + 1; }
  }
  parts.push(prelude.slice(start));
  return parts.map((s) => s.trim()).filter(Boolean);
}

function keepSelector(selector, used) {
  const classes = selector.match(/\.slds-[A-Za-z0-9_-]+/g) || [];
  return classes.every((c) => used.has(c.slice(1)));
}

function filter(css, used) {
  let out = '';
  for (const [prelude, body] of blocks(css)) {
    if (body === null) { out += prelude; continue; }
    if (prelude.startsWith('@media') || prelude.startsWith('@supports') || prelude.startsWith('@layer') || prelude.startsWith('@container')) {
      const inner = filter(body, used);
      if (inner) out += `${prelude}{${inner}}`;
    } else if (prelude.startsWith('@font-face')) {
      // dropped: see the top of this file
    } else if (prelude.startsWith('@property')) {
      out += `${prelude}{${body}}`;
    } else if (prelude.startsWith('@keyframes') || prelude.startsWith('@-webkit-keyframes')) {
      const name = prelude.split(/\s+/)[1];
      if (name && name.includes('slds') === false) out += `${prelude}{${body}}`;
    } else if (prelude.startsWith('@')) {
      out += `${prelude}{${body}}`;
    } else {
      const kept = splitSelectors(prelude).filter((sel) => keepSelector(sel, used));
      if (kept.length) out += `${kept.join(',')}{${body}}`;
    }
  }
  return out;
}

/** The subset's text, and how many classes the scanned paths use and the full sheet's size. */
export function sldsSubset(scan = SUBSETS.softphone.scan) {
  const used = usedClasses(scan);
  const full = fs.readFileSync(source, 'utf8');
  const text = '/* Subset of the Salesforce Lightning Design System (BSD-3-Clause), built by scripts/slds-subset.mjs */\n' + filter(full, used);
  return { text, classes: used.size, fullLength: full.length };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const app = args.includes('--app') ? args[args.indexOf('--app') + 1] : 'softphone';
  const subset = SUBSETS[app];
  if (!subset) {
    console.error(`slds-subset: no app ${app} (${Object.keys(SUBSETS).join(', ')})`);
    process.exit(1);
  }
  const { text, classes, fullLength } = sldsSubset(subset.scan);
  fs.writeFileSync(path.join(root, subset.out), text);
  console.log(`slds-subset: ${classes} classes used, ${fullLength} -> ${text.length} bytes`);
}
