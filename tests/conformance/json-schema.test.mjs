// docs/schema/ (JSON Schema of each SEEK Pass add request, generated from the mock's tables) held
// by jsonschema_rs, a validator nobody here wrote, to the same table of accepted and refused
// bodies the mock is held to (tests/fixtures/payload-cases.json, server/tests/published.rs): a
// partner validating with the schema and a partner testing against the mock hear the same verdict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const PYTHON = resolve('target/schemathesis-venv/bin/python');
const SCRIPT = resolve('tests/conformance/json_schema_cases.py');

/** Runs the validator over the tree at `root`; resolves to its report. */
function report(root) {
  return JSON.parse(execFileSync(PYTHON, [SCRIPT, root], { encoding: 'utf8' }));
}

test('every schema is valid draft 2020-12 and gives every verdict of the case table', () => {
  const r = report(resolve('.'));
  assert.deepEqual(Object.values(r.meta), ['valid', 'valid', 'valid', 'valid', 'valid'], JSON.stringify(r.meta));
  const wrong = r.cases.filter((c) => (c.schema_valid !== c.want) !== c.beyond_schema);
  assert.deepEqual(wrong, []);
  assert.ok(r.cases.filter((c) => !c.want && !c.beyond_schema).length >= 40, 'the table refuses enough');
  assert.ok(r.cases.filter((c) => c.want).length >= 15, 'the table accepts enough');
  for (const schema of Object.keys(r.meta)) {
    assert.ok(r.cases.some((c) => c.schema === schema && !c.want), `${schema} refuses something`);
  }
});

test('a schema that loses a rule disagrees with the table (the check can fail)', () => {
  const root = mkdtempSync(join(tmpdir(), 'seekpass-schema-'));
  try {
    cpSync(resolve('docs/schema'), join(root, 'docs/schema'), { recursive: true });
    cpSync(resolve('tests/fixtures'), join(root, 'tests/fixtures'), { recursive: true });
    const file = join(root, 'docs/schema/v1-english_proficiency.schema.json');
    const loose = readFileSync(file, 'utf8').replace(/"enum": \[\s*"Pre-A1"[^\]]*\]/g, '"minLength": 1');
    assert.notEqual(loose, readFileSync(file, 'utf8'));
    writeFileSync(file, loose);
    const wrong = report(root).cases.filter((c) => (c.schema_valid !== c.want) !== c.beyond_schema);
    assert.deepEqual(wrong.map((c) => c.name), [
      'english: a band score as CEFR', 'english: lower-case CEFR',
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
