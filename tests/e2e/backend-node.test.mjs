// A partner's own backend (issue 19): examples/backend-node against the mock, and the
// conformance check (`npm run conformance`) against it and against the reference proxy. The
// clicks are real: the example's page, the button's markup and bundle, the mock's app page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { freePort, startBinary } from '../binary.mjs';
import { launch } from './harness.mjs';

let server;
let base;
let example;
let exampleBase;
let env;

before(async () => {
  ({ server, base } = await startBinary());
  const port = await freePort();
  example = spawn('node', ['examples/backend-node/server.mjs'], {
    env: { ...process.env, SEEKPASS_API_BASE: base, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await once(example.stdout, 'data');
  exampleBase = `http://127.0.0.1:${port}`;
  env = await launch();
});

after(async () => {
  await env?.browser.close();
  example?.kill();
  server?.kill();
});

/** Runs `npm run conformance`'s script; resolves to its exit code and output. */
async function conformance(...args) {
  const child = spawn('node', ['scripts/conformance.mjs', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  const [code] = await once(child, 'exit');
  return { code, out };
}

const adds = async () => (await (await fetch(`${base}/mock/stats`)).json()).add_requests;

test('the conformance check passes against the reference proxy and the Node example', async () => {
  for (const target of [base, exampleBase]) {
    const { code, out } = await conformance(target);
    assert.equal(code, 0, out);
    assert.match(out, /14 of 14 checks pass/);
    assert.doesNotMatch(out, /partner\/add|content=/, 'the link is never printed');
  }
});

test('the conformance check fails a backend that breaks the contract', async () => {
  // The mock's own add endpoint is not contract v1: no session, no gate, no form mode.
  const { code, out } = await conformance(base, '--endpoint', '/api/partner/v1/add/education.json', '--status', 'none');
  assert.equal(code, 1, out);
  assert.match(out, /^FAIL {2}JSON add/m);
});

for (const script of [true, false]) {
  test(`the Node example's page: a click lands on the mock's app page (JavaScript ${script ? 'on' : 'off'})`, async () => {
    const context = script ? env.context : await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const sent = [];
    page.on('request', (r) => { if (r.url() === `${exampleBase}/api/seekpass/add`) sent.push(r.headers()['content-type']); });
    await page.goto(`${exampleBase}/`);
    if (script) await page.waitForFunction(() => window.__seekpass.events.some((e) => e.type === 'seekpass:ready'), null, { timeout: 15000 });
    const before = await adds();
    await page.getByRole('button', { name: 'Add to SEEK Pass' }).click();
    await page.waitForURL(`${base}/partner/add/education#*`, { timeout: 15000 });
    assert.equal(await adds() - before, 1, 'exactly one add upstream');
    assert.deepEqual(sent, [script ? 'application/json' : 'application/x-www-form-urlencoded']);
    if (script) assert.deepEqual(await page.evaluate(() => window.__seekpass?.violations ?? []), []);
    await (script ? page.close() : context.close());
  });
}
