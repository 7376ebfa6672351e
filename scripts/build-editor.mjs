// Builds the CTI attributes editor (editor/, its own Trunk project and wasm bundle) into the
// softphone's build: dist/editor/. The root Trunk.toml runs it as a post-build hook, so one
// `trunk build [--release]` (scripts/test.sh, scripts/play.sh, the Salesforce bundle) makes both
// bundles, in the same profile, and a stale editor can never sit next to a fresh softphone.
// Run by hand it builds into dist/editor/ directly.
//
//   node scripts/build-editor.mjs [--release]
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Inside Trunk's hook: the softphone's staging folder, which becomes dist/ once the hooks ran.
const staging = process.env.TRUNK_STAGING_DIR;
const release = staging ? process.env.TRUNK_PROFILE === 'release' : process.argv.includes('--release');
const dist = join(staging || join(root, 'dist'), 'editor');

// The hook's variables describe the softphone's build; the editor's build must not inherit them.
const env = { ...process.env };
for (const name of ['TRUNK_PROFILE', 'TRUNK_HTML_FILE', 'TRUNK_SOURCE_DIR', 'TRUNK_SERVE', 'TRUNK_DIST_DIR',
  'TRUNK_PUBLIC_URL', 'TRUNK_STAGING_DIR']) delete env[name];

const args = ['build', ...(release ? ['--release'] : []), '--dist', dist];
console.log(`build-editor: trunk ${args.join(' ')} (in editor/)`);
const run = spawnSync('trunk', args, { cwd: join(root, 'editor'), env, stdio: 'inherit' });
if (run.error) {
  console.error(`build-editor: cannot run trunk: ${run.error.message}`);
  process.exit(1);
}
process.exit(run.status ?? 1);
