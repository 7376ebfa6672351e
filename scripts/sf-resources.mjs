// Rules for what goes into the Salesforce static resources, shared by scripts/sf-bundle.mjs (which
// refuses to bundle a build that breaks them) and scripts/sfdx-check.mjs (which checks the
// bundled resources, or the CSS the build would bundle when nothing is bundled yet).
//
// - Style sheets: every url() and @import must name a file in the same bundle. Salesforce serves
//   nothing else next to them, so a missing file is a failed request in every agent's browser
//   (the full SLDS sheet points at ../images/…, and SLDS versions with @font-face at ../fonts/…;
//   the bundle ships neither).
// - Size: Salesforce refuses a static resource over 5 MB; a folder resource is zipped on deploy,
//   so the limit applies to the zip.
import { deflateRawSync } from 'node:zlib';
import { posix } from 'node:path';

/** 5 MB, read as 5,000,000 bytes: the stricter of the two readings, so the check errs safe. */
export const STATIC_RESOURCE_LIMIT = 5_000_000;

/** CSS text without its comments, with offsets kept (comments become spaces, newlines stay). */
function withoutComments(css) {
  return css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
}

/** The url() and @import references in CSS text: { ref, line, inFontFace }. */
export function cssReferences(css) {
  const text = withoutComments(css);
  const fontFaces = [...text.matchAll(/@font-face\s*\{[^}]*\}/g)].map((m) => [m.index, m.index + m[0].length]);
  const lineAt = (i) => text.slice(0, i).split('\n').length;
  const refs = [];
  const add = (raw, index) => {
    const ref = raw.trim().replace(/^(['"])([\s\S]*)\1$/, '$2').trim();
    refs.push({ ref, line: lineAt(index), inFontFace: fontFaces.some(([a, b]) => index >= a && index < b) });
  };
  for (const m of text.matchAll(/url\(\s*("[^"]*"|'[^']*'|[^)]*)\)/gi)) add(m[1], m.index);
  for (const m of text.matchAll(/@import\s+("[^"]*"|'[^']*')/gi)) add(m[1], m.index);
  return refs;
}

/**
 * Problems with the style sheets of one bundle: `{ name, text }` per sheet, `bundled` the paths
 * of every file in the bundle (relative, '/' separators). Data URIs and fragment references
 * (`url(#id)`, SVG filters) need no file; any other reference must resolve to a bundled file.
 */
export function cssProblems(sheets, bundled) {
  const files = new Set(bundled);
  const problems = [];
  for (const { name, text } of sheets) {
    for (const { ref, line, inFontFace } of cssReferences(text)) {
      if (/^data:/i.test(ref) || ref.startsWith('#')) continue;
      const where = `${name}:${line}`;
      const what = inFontFace ? `@font-face url(${ref})` : `url(${ref})`;
      if (ref === '') {
        problems.push(`${where}: empty url()`);
      } else if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(ref) || ref.startsWith('/')) {
        problems.push(`${where}: ${what} is outside the bundle (only files of the bundle are served next to it)`);
      } else {
        const path = posix.normalize(posix.join(posix.dirname(name), ref.replace(/[?#].*$/, '')));
        if (!files.has(path)) {
          problems.push(`${where}: ${what} names ${path}, which is not in the bundle${inFontFace ? ' (the bundle ships no fonts: drop the @font-face rule)' : ''}`);
        }
      }
    }
  }
  return problems;
}

/**
 * The size of a zip archive holding these entries (`{ name, bytes }`), each deflated as zip
 * tools do (zlib level 6) or stored when deflating does not help: local headers (30 bytes plus
 * the name), data, central directory (46 bytes plus the name) and its end record (22 bytes).
 */
export function zipSize(entries) {
  let size = 22;
  for (const { name, bytes } of entries) {
    const nameLength = Buffer.byteLength(name);
    const data = Math.min(bytes.length, deflateRawSync(bytes, { level: 6 }).length);
    size += 30 + nameLength + data + 46 + nameLength;
  }
  return size;
}

/** "1.23 MB" */
export const megabytes = (bytes) => `${(bytes / 1_000_000).toFixed(2)} MB`;
