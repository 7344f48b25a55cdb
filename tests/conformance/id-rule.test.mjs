// The id rule's test vectors in docs/partner-backend.md §5, read from the doc and checked
// against both examples' own functions: the doc, the Node example and the Python example agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const KEY = '0b'.repeat(32);
const doc = readFileSync('docs/partner-backend.md', 'utf8');
const vectors = [...doc.matchAll(/^\| `(\w+)` \| (`[\w.-]+`(?:, `[\w.-]+`)*) \| `(partner-[0-9a-f-]{36})` \|$/gm)]
  .map(([, type, refs, id]) => ({ type, refs: refs.split(', ').map((r) => r.slice(1, -1)), id }));

test('the doc has its id rule test vectors', () => {
  assert.equal(vectors.length, 3);
});

test('the Node example derives the documented ids', () => {
  const out = execFileSync('node', ['--input-type=module', '-e', `
    const { submissionId } = await import('./examples/backend-node/seekpass.mjs');
    console.log(JSON.stringify(${JSON.stringify(vectors)}.map((v) => submissionId(v.type, 'learner-jane', v.refs))));`],
  { env: { ...process.env, SEEKPASS_ID_KEY: KEY } });
  assert.deepEqual(JSON.parse(out), vectors.map((v) => v.id));
});

test('the Python example derives the documented ids', () => {
  const code = 'import json, os\nfrom seekpass import submission_id\n'
    + 'print(json.dumps([submission_id(v["type"], "learner-jane", v["refs"]) for v in json.loads(os.environ["VECTORS"])]))';
  const out = execFileSync('../../target/python-venv/bin/python', ['-c', code],
    { cwd: 'examples/backend-python', env: { ...process.env, SEEKPASS_ID_KEY: KEY, VECTORS: JSON.stringify(vectors) } });
  assert.deepEqual(JSON.parse(out), vectors.map((v) => v.id));
});
