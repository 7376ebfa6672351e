// The adapter configuration contract, offline: the fixture (static resource
// CtiAdapterConfigFixture, which the Apex test, the engine's tests and the host emulator all use)
// against the Apex that produces the document (CtiAdapterConfig's DTO classes, read with
// @apexdevtools/apex-parser) and the object metadata those DTOs read.
//
//   node --test tests/contract/
import { ApexErrorListener, ApexParserBaseListener, ApexParserFactory, ApexParseTreeWalker }
  from '@apexdevtools/apex-parser';
import { XMLParser } from 'fast-xml-parser';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT = join(ROOT, 'visualforce/force-app/main/default');
const FIXTURE_FILE = join(DEFAULT, 'staticresources/CtiAdapterConfigFixture.json');
const APEX_FILE = join(DEFAULT, 'classes/CtiAdapterConfig.cls');

const fixture = JSON.parse(readFileSync(FIXTURE_FILE, 'utf8'));
const apexSource = readFileSync(APEX_FILE, 'utf8');

/** The inner classes of CtiAdapterConfig: fields (name, Apex type), constructor parameter and body. */
function readDtos(source) {
  const classes = new Map();
  const stack = [];
  class Dtos extends ApexParserBaseListener {
    enterClassDeclaration(ctx) {
      const c = { name: ctx.id().getText(), fields: [], record: null, body: '' };
      stack.push(c);
      if (stack.length > 1) classes.set(c.name, c);
    }
    exitClassDeclaration() { stack.pop(); }
    enterFieldDeclaration(ctx) {
      const type = ctx.typeRef().getText();
      for (const v of ctx.variableDeclarators().variableDeclarator_list()) {
        stack.at(-1).fields.push({ name: v.id().getText(), type });
      }
    }
    enterConstructorDeclaration(ctx) {
      const params = ctx.formalParameters().formalParameterList()?.formalParameter_list() ?? [];
      const c = stack.at(-1);
      // A record DTO is built from exactly one record: AttributeDto(CtiAttribute__c r).
      const only = params.length === 1 ? params[0].typeRef().getText() : null;
      c.record = only?.endsWith('__c') ? only : null;
      c.body = source.slice(ctx.start.start, ctx.stop.stop + 1);
    }
  }
  // The DTOs must parse before they can be compared (scripts/sfdx-check.mjs reports the same).
  const errors = [];
  const listener = new (class extends ApexErrorListener {
    apexSyntaxError(line, column, msg) { errors.push(`CtiAdapterConfig.cls:${line}:${column}: ${msg}`); }
  })();
  const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
  const tree = parser.compilationUnit();
  if (errors.length) throw new Error(`Apex syntax errors:\n${errors.join('\n')}`);
  ApexParseTreeWalker.DEFAULT.walk(new Dtos(), tree);
  return classes;
}
const dtos = readDtos(apexSource);

/** `List<AttributeDto>` -> { list: true, type: 'AttributeDto' }. */
const typeOf = (apexType) => {
  const m = /^List<(\w+)>$/.exec(apexType);
  return m ? { list: true, type: m[1] } : { list: false, type: apexType };
};

/** Every (object in the fixture, DTO class describing it, JSON path), depth first. */
function* pairs(value, dtoName, path) {
  yield { value, dto: dtos.get(dtoName), dtoName, path };
  for (const f of dtos.get(dtoName)?.fields ?? []) {
    const { list, type } = typeOf(f.type);
    if (!dtos.has(type) || value?.[f.name] == null) continue;
    if (list) {
      for (const [i, item] of (value[f.name] ?? []).entries()) yield* pairs(item, type, `${path}/${f.name}/${i}`);
    } else {
      yield* pairs(value[f.name], type, `${path}/${f.name}`);
    }
  }
}
const all = [...pairs(fixture, 'ConfigDto', '')];

/** The custom field a DTO key is read from: display -> Display__c; id and name are standard. */
const fieldName = (key) => (key === 'id' ? 'Id' : key === 'name' ? 'Name' : `${key[0].toUpperCase()}${key.slice(1)}__c`);
const xml = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'value' });
const fieldXml = (object, field) => {
  const file = join(DEFAULT, 'objects', object, 'fields', `${field}.field-meta.xml`);
  return existsSync(file) ? xml.parse(readFileSync(file, 'utf8')).CustomField : null;
};

test('the DTO classes describe every record kind of the document', () => {
  assert.deepEqual(
    [...dtos.keys()].sort(),
    ['AdapterDto', 'AttributeDto', 'ConfigDto', 'ErrorDetailDto', 'ErrorDto', 'FeatureDto', 'FlowDto', 'PresenceRuleDto'],
  );
  assert.deepEqual(
    Object.fromEntries([...dtos].filter(([, d]) => d.record).map(([n, d]) => [n, d.record])),
    {
      AdapterDto: 'CtiAdapter__c', AttributeDto: 'CtiAttribute__c', PresenceRuleDto: 'PresenceSyncRule__c',
      FlowDto: 'CtiFlow__c', FeatureDto: 'CtiFeature__c',
    },
  );
  for (const section of ['attributes', 'presenceRules', 'flows', 'features']) {
    assert.ok(fixture[section].length > 0, `the fixture has ${section}`);
  }
});

test('the fixture keys of each record kind are the field names of its Apex DTO', () => {
  for (const { value, dto, dtoName, path } of all) {
    assert.ok(dto, `${path || '/'}: no DTO class ${dtoName}`);
    assert.deepEqual(
      Object.keys(value).sort(),
      dto.fields.map((f) => f.name).sort(),
      `${path || '/'} (${dtoName})`,
    );
  }
});

test('the error document has the keys of ErrorDto and ErrorDetailDto', () => {
  assert.deepEqual(dtos.get('ErrorDto').fields.map((f) => f.name), ['schemaVersion', 'error']);
  assert.deepEqual(dtos.get('ErrorDetailDto').fields.map((f) => f.name), ['code', 'message']);
  for (const code of ['MISSING_PARAMETER', 'ADAPTER_NOT_FOUND']) {
    assert.match(apexSource, new RegExp(`errorDocument\\('${code}'`), `CtiAdapterConfig answers ${code}`);
  }
});

test('every fixture value has the JSON type of its DTO field', () => {
  for (const { value, dto, path } of all) {
    for (const f of dto.fields) {
      const v = value[f.name];
      const at = `${path}/${f.name} (${f.type})`;
      const { list, type } = typeOf(f.type);
      if (list) assert.ok(Array.isArray(v), `${at}: an array`);
      else if (dtos.has(type)) assert.ok(v !== null && typeof v === 'object' && !Array.isArray(v), `${at}: an object`);
      else if (type === 'String') assert.ok(v === null || typeof v === 'string', `${at}: a string or null`);
      else if (type === 'Integer') assert.ok(v === null || Number.isInteger(v), `${at}: a whole number or null`);
      else if (type === 'Boolean') assert.ok(typeof v === 'boolean', `${at}: true or false (a checkbox is never null)`);
      else assert.fail(`${at}: no JSON rule for Apex type ${type}`);
    }
  }
  assert.equal(fixture.schemaVersion, 1);
});

test('an empty text field is null, never ""', () => {
  // Salesforce stores an empty text field as null, so the Apex answers null; the fixture must too.
  for (const { value, path } of all) {
    for (const [k, v] of Object.entries(value)) assert.notEqual(v, '', `${path}/${k}`);
  }
});

test('each DTO key is read from the field of the same name, which has a matching type', () => {
  const expectedTypes = {
    String: ['Text', 'LongTextArea', 'TextArea', 'Url', 'Picklist'],
    Integer: ['Number'],
    Boolean: ['Checkbox'],
  };
  for (const [name, dto] of dtos) {
    if (!dto.record) continue; // ConfigDto, ErrorDto, ErrorDetailDto: not a record
    for (const f of dto.fields) {
      const field = fieldName(f.name);
      assert.match(dto.body, new RegExp(`this\\.${f.name}\\s*=[^;]*\\br\\.${field}\\b`),
        `${name}: this.${f.name} is read from r.${field}`);
      if (field === 'Id' || field === 'Name') continue;
      const meta = fieldXml(dto.record, field);
      assert.ok(meta, `${name}.${f.name}: ${dto.record}.${field} has no field file`);
      assert.ok(expectedTypes[f.type]?.includes(meta.type), `${name}.${f.name} (${f.type}) reads ${dto.record}.${field} of type ${meta.type}`);
      if (meta.type === 'Number') assert.equal(meta.scale, '0', `${dto.record}.${field}: whole numbers`);
    }
  }
});

test('every picklist value in the fixture exists in its field, and text fits its length', () => {
  let checked = 0;
  for (const { value, dto, path } of all) {
    if (!dto.record) continue;
    for (const f of dto.fields) {
      const v = value[f.name];
      const meta = fieldXml(dto.record, fieldName(f.name));
      if (!meta || v == null) continue;
      if (meta.type === 'Picklist') {
        const values = meta.valueSet.valueSetDefinition.value.map((x) => x.fullName);
        assert.ok(values.includes(v), `${path}/${f.name}: "${v}" is not a value of ${dto.record}.${fieldName(f.name)} (${values.join(', ')})`);
        checked++;
      }
      if (meta.length) assert.ok(v.length <= Number(meta.length), `${path}/${f.name}: longer than ${meta.length}`);
    }
  }
  assert.ok(checked >= 3 * 2 + 2 * 5 + 2, `picklist values checked: ${checked}`);
});

test('records are in the order CtiAdapterConfig returns them', () => {
  const byName = (a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' });
  const bySortOrder = (a, b) => (a.sortOrder ?? Infinity) - (b.sortOrder ?? Infinity) || byName(a, b);
  for (const [section, order] of [['attributes', bySortOrder], ['presenceRules', bySortOrder], ['flows', byName], ['features', byName]]) {
    assert.deepEqual(
      fixture[section].map((r) => r.name),
      [...fixture[section]].sort(order).map((r) => r.name),
      `${section} order`,
    );
  }
  // The SOQL says the same.
  for (const [object, order] of [
    ['CtiAttribute__c', 'SortOrder__c ASC NULLS LAST, Name ASC'], ['PresenceSyncRule__c', 'SortOrder__c ASC NULLS LAST, Name ASC'],
    ['CtiFlow__c', 'Name ASC'], ['CtiFeature__c', 'Name ASC'],
  ]) {
    assert.match(apexSource, new RegExp(`FROM ${object}\\s+WHERE Adapter__c = :adapterId AND Active__c = true\\s+WITH USER_MODE\\s+ORDER BY ${order}`),
      `${object}: active records of the adapter, ORDER BY ${order}`);
  }
});
