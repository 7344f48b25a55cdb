// A partner's own backend (issues 19 and 25): examples/backend-node and examples/backend-python
// against the mock, clicked through in Chromium with JavaScript on and off: the example's page,
// the button's markup (the Python example renders it with its own helper) and bundle, the mock's
// app page. The conformance check against both is tests/conformance/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBackend, startBinary } from '../binary.mjs';
import { launch } from './harness.mjs';

const EXAMPLES = {
  Node: ['node', 'examples/backend-node/server.mjs'],
  Python: ['target/python-venv/bin/python', 'examples/backend-python/app.py'],
};
let server;
let base;
let env;
const running = {};

before(async () => {
  ({ server, base } = await startBinary());
  for (const [name, command] of Object.entries(EXAMPLES)) {
    running[name] = await startBackend(command, { SEEKPASS_API_BASE: base });
  }
  env = await launch();
});

after(async () => {
  await env?.browser.close();
  for (const { child } of Object.values(running)) child.kill();
  server?.kill();
});

const adds = async () => (await (await fetch(`${base}/mock/stats`)).json()).add_requests;

for (const name of Object.keys(EXAMPLES)) {
  for (const script of [true, false]) {
    test(`the ${name} example's page: a click lands on the mock's app page (JavaScript ${script ? 'on' : 'off'})`, async () => {
      const exampleBase = running[name].url;
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
}
