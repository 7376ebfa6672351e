// The CTI attributes editor's remoting contract, offline: the remote actions the engine names
// (engine/src/editor/remote.rs) are @RemoteAction static methods of the Apex controller taking one
// String; the Visualforce page and the editor's own index.html name the same actions; the host
// emulator answers the same actions; and the keys the Apex answer and request DTOs hold are the
// keys the engine reads and writes.
import { ApexErrorListener, ApexParserBaseListener, ApexParserFactory, ApexParseTreeWalker } from '@apexdevtools/apex-parser';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT = join(ROOT, 'visualforce/force-app/main/default');
const read = (path) => readFileSync(join(ROOT, path), 'utf8');
const remote = read('engine/src/editor/remote.rs');
const constant = (name) => remote.match(new RegExp(`pub const ${name}: &str = "(\\w+)";`))?.[1];
const controller = constant('CONTROLLER');
const apex = readFileSync(join(DEFAULT, `classes/${controller}.cls`), 'utf8');

/** The controller's @RemoteAction methods (name → parameter types) and its inner classes' fields. */
function readApex(source) {
  const actions = new Map();
  const classes = new Map();
  const stack = [];
  class Facts extends ApexParserBaseListener {
    enterClassDeclaration(ctx) {
      stack.push(ctx.id().getText());
      classes.set(stack.at(-1), []);
    }
    exitClassDeclaration() { stack.pop(); }
    enterFieldDeclaration(ctx) {
      for (const v of ctx.variableDeclarators().variableDeclarator_list()) classes.get(stack.at(-1)).push(v.id().getText());
    }
    enterMethodDeclaration(ctx) {
      const mods = ctx.parentCtx.parentCtx.modifier_list().map((m) => m.getText().toLowerCase());
      if (!mods.includes('@remoteaction') || !mods.includes('static')) return;
      const params = ctx.formalParameters().formalParameterList()?.formalParameter_list() ?? [];
      actions.set(ctx.id().getText(), { returns: ctx.typeRef()?.getText(), params: params.map((p) => p.typeRef().getText()) });
    }
  }
  const errors = [];
  const listener = new (class extends ApexErrorListener {
    apexSyntaxError(line, column, msg) { errors.push(`${line}:${column}: ${msg}`); }
  })();
  const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
  const tree = parser.compilationUnit();
  if (errors.length) throw new Error(`Apex syntax errors:\n${errors.join('\n')}`);
  ApexParseTreeWalker.DEFAULT.walk(new Facts(), tree);
  return { actions, classes };
}
const { actions, classes } = readApex(apex);

test('the remote actions the engine calls exist, take one String and answer a String', () => {
  assert.equal(controller, 'CtiAttributeEditorController');
  for (const method of [constant('LOAD'), constant('SAVE')]) {
    assert.deepEqual(actions.get(method), { returns: 'String', params: ['String'] }, `${controller}.${method}`);
  }
  assert.deepEqual([...actions.keys()].sort(), [constant('LOAD'), constant('SAVE')].sort(), 'no other remote actions');
});

test('the page, the editor\'s index.html and the host emulator name the same actions', () => {
  const metas = (html) => Object.fromEntries([...html.matchAll(/<meta name="ctieditor-action-(\w+)" content="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  const expected = Object.fromEntries([...actions.keys()].map((m) => [m, `${controller}.${m}`]));
  assert.deepEqual(metas(readFileSync(join(DEFAULT, 'pages/CtiAttributeEditor.page'), 'utf8')),
    Object.fromEntries(Object.entries(expected).map(([m, action]) => [m, `{!$RemoteAction.${action}}`])));
  assert.deepEqual(metas(read('editor/index.html')), expected);
  const emulator = read('playground/host/remoting.js');
  assert.match(emulator, new RegExp(`const CONTROLLER = '${controller}';`));
  assert.match(emulator, new RegExp(`const ACTIONS = \\{ ${[...actions.keys()].join(', ')} \\};`));
});

test('the answer and request keys are the ones the engine reads and writes', () => {
  const reads = (key) => remote.includes(`"${key}"`);
  for (const key of classes.get('EditorDto')) assert.ok(reads(key), `the engine reads ${key}`);
  for (const key of classes.get('AdapterRefDto')) assert.ok(reads(key), `the engine reads adapter ${key}`);
  for (const key of classes.get('ErrorDetailDto')) assert.ok(reads(key), `the engine reads error ${key}`);
  const editorModel = read('engine/src/editor/mod.rs');
  const fieldKeys = [...editorModel.matchAll(/Field::\w+ => "(\w+)",/g)].map((m) => m[1]);
  // Every record key of the answer is a field the engine edits, the id, the order or Active.
  assert.deepEqual(classes.get('EditableAttributeDto'), ['id', ...fieldKeys, 'sortOrder', 'active']);
  // The request: what save_request writes.
  assert.deepEqual(classes.get('SaveRequest'), ['adapterId', 'version', 'attributes']);
  assert.deepEqual(classes.get('AttributeInput'), ['id', ...fieldKeys, 'active']);
  for (const key of ['adapterId', 'version', 'attributes', 'active']) assert.ok(reads(key), `the engine writes ${key}`);
  // The error codes the engine knows are the ones the controller answers (and INTERNAL_ERROR).
  const known = [...remote.matchAll(/\("([A-Z_]+)", \|/g)].map((m) => m[1]).sort();
  const answered = [...new Set([...apex.matchAll(/(?:errorDocument|failure)\('([A-Z_]+)'/g)].map((m) => m[1]))].filter((c) => c !== 'INTERNAL_ERROR').sort();
  assert.deepEqual(known, answered);
});
