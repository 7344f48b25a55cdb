// docs/openapi.yaml (contract v1 for any language) held against every backend by Schemathesis,
// a tool nobody here wrote: the reference proxy and both examples answer only documented
// statuses, content types, bodies and headers (`Cache-Control: no-store`, `Retry-After`), and
// never a 5xx of their own making. A backend that drops `no-store` must fail, so the run can.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startBackend, startBinary } from '../binary.mjs';

const SPEC = resolve('docs/openapi.yaml');
const SCHEMATHESIS = resolve('target/schemathesis-venv/bin/schemathesis');
const CHECKS = 'not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance';
let server;
let base;
let scratch;
const children = [];

before(async () => {
  ({ server, base } = await startBinary());
  scratch = await mkdtemp(join(tmpdir(), 'seekpass-openapi-'));
});

after(async () => {
  for (const c of children) c.kill();
  server?.kill();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Starts a backend (`command`) against the mock; resolves to its base URL. */
async function start(command) {
  const { url, child } = await startBackend(command, { SEEKPASS_API_BASE: base, RECORDS: resolve('server/demo/records.json') });
  children.push(child);
  return url;
}

/** Runs Schemathesis as the signed-in demo learner, as the button sends; resolves to its exit code and output. */
async function schemathesis(url, ...extra) {
  const cookie = (await fetch(`${url}/`)).headers.getSetCookie()[0].split(';')[0];
  const child = spawn(SCHEMATHESIS, ['run', SPEC, '--url', url, '--checks', CHECKS, '--max-examples', '40', '--seed', '7',
    '-H', `Cookie: ${cookie}`, '-H', 'Sec-Fetch-Site: same-origin', '-H', 'X-SEEKPass-Widget: schemathesis', ...extra],
  { cwd: scratch, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  const [code] = await once(child, 'exit');
  return { code, out };
}

// The Python example has no entry links (issue 26 asks them of the reference and Node).
const BACKENDS = {
  'the reference proxy': [async () => base],
  'the Node example': [() => start(['node', 'examples/backend-node/server.mjs'])],
  'the Python example': [() => start(['target/python-venv/bin/python', 'examples/backend-python/app.py']), '--exclude-tag', 'entry-links'],
};

for (const [name, [url, ...extra]] of Object.entries(BACKENDS)) {
  test(`Schemathesis finds nothing against ${name}`, async () => {
    const { code, out } = await schemathesis(await url(), ...extra);
    assert.equal(code, 0, out);
    assert.match(out, /Test cases:\s+\d+ generated, \d+ passed/);
  });
}

test('Schemathesis fails a backend whose answers may be cached (no Cache-Control: no-store)', async () => {
  const dir = join(scratch, 'cached');
  await cp('examples/backend-node', dir, { recursive: true });
  const file = join(dir, 'pages.mjs');
  const text = await readFile(file, 'utf8');
  const from = "res.writeHead(status, { 'cache-control': 'no-store', ";
  assert.equal(text.split(from).length, 2);
  await writeFile(file, text.replace(from, 'res.writeHead(status, { '));
  const { code, out } = await schemathesis(await start(['node', join(dir, 'server.mjs')]));
  assert.notEqual(code, 0, out);
  assert.match(out, /Cache-Control/i);
});
