// A partner's own backend (issue 19): examples/backend-node against the mock, clicked through
// in Chromium with JavaScript on and off: the example's page, the button's markup and bundle,
// the mock's app page. The conformance check against it is tests/conformance/.
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

const adds = async () => (await (await fetch(`${base}/mock/stats`)).json()).add_requests;

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
