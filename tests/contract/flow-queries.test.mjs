// The flow engine's query blocks call the package's Apex over runApex: every class and method
// the engine names exists as a `webService static String` method with the parameters the
// engine sends (engine/src/flow/blocks/salesforce.rs ⇄ CtiFlowQueries.cls).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const blocks = readFileSync(join(ROOT, 'engine/src/flow/blocks/salesforce.rs'), 'utf8');
const classes = join(ROOT, 'visualforce/force-app/main/default/classes');

test('every runApex method of the query blocks exists with the parameters sent', () => {
  const className = blocks.match(/pub const QUERY_CLASS: &str = "(\w+)";/)?.[1];
  assert.ok(className, 'QUERY_CLASS is declared');
  const apex = readFileSync(join(classes, `${className}.cls`), 'utf8');
  assert.match(apex, new RegExp(`global\\s+with\\s+sharing\\s+class\\s+${className}\\b`));
  // apex("method", params, …) where params = query_string(&[("a", …), ("b", …)])
  const calls = [...blocks.matchAll(/let params = query_string\(&\[([\s\S]*?)\]\);\s*apex\("(\w+)"/g)];
  assert.ok(calls.length >= 3, 'the query blocks call runApex');
  for (const [, pairs, method] of calls) {
    const sent = [...pairs.matchAll(/\("(\w+)",/g)].map((m) => m[1]);
    const declared = apex.match(new RegExp(`webService\\s+static\\s+String\\s+${method}\\s*\\(([^)]*)\\)`, 'i'));
    assert.ok(declared, `${className}.${method} is a webService static String method`);
    const params = declared[1].split(',').map((p) => p.trim().split(/\s+/).pop());
    assert.deepEqual(params, sent, `${method}: parameters`);
  }
});

// Presence sync asks for the Omni-Channel statuses over runApex
// (engine/src/softphone/presence.rs ⇄ CtiPresenceStatuses.cls); the host emulator answers it too.
test('the presence statuses runApex method exists, takes no parameters, and the emulator answers it', () => {
  const presence = readFileSync(join(ROOT, 'engine/src/softphone/presence.rs'), 'utf8');
  const [, className, method] = presence.match(
    /pub const PRESENCE_STATUSES_APEX: \(&str, &str\) = \("(\w+)", "(\w+)"\);/) || [];
  assert.ok(className && method, 'PRESENCE_STATUSES_APEX is declared');
  const apex = readFileSync(join(classes, `${className}.cls`), 'utf8');
  assert.match(apex, new RegExp(`global\\s+with\\s+sharing\\s+class\\s+${className}\\b`));
  assert.match(apex, new RegExp(`webService\\s+static\\s+String\\s+${method}\\s*\\(\\s*\\)`, 'i'));
  assert.match(apex, /WITH USER_MODE/, 'user mode');
  const agent = readFileSync(join(ROOT, 'visualforce/force-app/main/default/permissionsets/CtiSoftphoneAgent.permissionset-meta.xml'), 'utf8');
  assert.match(agent, new RegExp(`<apexClass>${className}</apexClass>`), 'agents may call it');
  const host = readFileSync(join(ROOT, 'playground/host/main.js'), 'utf8');
  assert.ok(host.includes(`apex.set('${className}.${method}'`), 'the host emulator answers it');
});

// A Work Accepted rule that reads the service channel makes the softphone ask for the work's
// channel over runApex (SERVICE_CHANNEL_APEX, `workId=…`); the host emulator answers it too.
test('the service channel runApex method exists, takes the work id, and the emulator answers it', () => {
  const presence = readFileSync(join(ROOT, 'engine/src/softphone/presence.rs'), 'utf8');
  const [, className, method] = presence.match(
    /pub const SERVICE_CHANNEL_APEX: \(&str, &str\) = \("(\w+)", "(\w+)"\);/) || [];
  assert.ok(className && method, 'SERVICE_CHANNEL_APEX is declared');
  const apex = readFileSync(join(classes, `${className}.cls`), 'utf8');
  assert.match(apex, new RegExp(`webService\\s+static\\s+String\\s+${method}\\s*\\(\\s*String\\s+workId\\s*\\)`, 'i'));
  const webHost = readFileSync(join(ROOT, 'src/controller/host.rs'), 'utf8');
  assert.ok(webHost.includes('format!("workId={work_id}")'), 'the web host sends workId');
  const host = readFileSync(join(ROOT, 'playground/host/main.js'), 'utf8');
  assert.ok(host.includes(`apex.set('${className}.${method}'`), 'the host emulator answers it');
});
