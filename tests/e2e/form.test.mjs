// Plain HTML first (issue 18): the demo's buttons are the recommended markup, a working form
// inside the element. Each test is a real click that lands on the mock SEEK Pass app page, with
// the real server binary (reference proxy + mock): without JavaScript, under a CSP without
// 'wasm-unsafe-eval', with the bundle aborted, with the wasm slowed, and fully loaded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ready, withBinary } from './harness.mjs';

let base;
let env;
withBinary({}, (started) => ({ base, env } = started));

/** Opens the demo with the wasm held back until `release()`, once the element is defined. */
async function slowWasm() {
  const page = await env.context.newPage();
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route('**/seekpass_button_bg.wasm', async (route) => { await gate; await route.continue(); });
  await page.goto(`${base}/`);
  await page.waitForFunction(() => customElements.get('seek-pass-button'));
  return { page, release };
}

const adds = async (page) => (await (await page.request.get(`${base}/mock/stats`)).json()).add_requests;
const education = (page) => page.locator('li', { hasText: 'Bachelor of Commerce' }).getByRole('button', { name: 'Add to SEEK Pass' });

/** Clicks the education button and waits for the mock app page; returns how the add was sent. */
async function clickThrough(page, { script = true } = {}) {
  const sent = [];
  page.on('request', (r) => {
    if (r.url() === `${base}/api/seekpass/add`) sent.push(r.headers()['content-type']);
  });
  const before = await adds(page);
  await education(page).click();
  await page.waitForURL(`${base}/partner/add/education#*`, { timeout: 15000 });
  // The mock app page fills itself in with its own script.
  if (script) assert.equal(await page.locator('#type').textContent(), 'education');
  assert.equal(await adds(page) - before, 1, 'exactly one add upstream');
  return sent;
}

test('JavaScript disabled: the form posts, its answer goes on to SEEK Pass', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  const sent = await clickThrough(page, { script: false });
  assert.deepEqual(sent, ['application/x-www-form-urlencoded']);
  await context.close();
});

test("a CSP without 'wasm-unsafe-eval': wasm_unavailable is reported and the form still works", async () => {
  const page = await env.context.newPage();
  await page.route(`${base}/`, async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers(), 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'" };
    await route.fulfill({ response, headers });
  });
  await page.goto(`${base}/`);
  await page.waitForFunction(() => window.__seekpass.events.some((e) => e.type === 'seekpass:error' && e.detail.code === 'wasm_unavailable'), null, { timeout: 15000 });
  const sent = await clickThrough(page);
  assert.deepEqual(sent, ['application/x-www-form-urlencoded']);
  await page.close();
});

test('the bundle aborted: the form posts', async () => {
  const page = await env.context.newPage();
  await page.route('**/seekpass-button.js', (route) => route.abort('failed'));
  await page.goto(`${base}/`);
  const sent = await clickThrough(page);
  assert.deepEqual(sent, ['application/x-www-form-urlencoded']);
  await page.close();
});

test('the wasm slowed: a click before it is ready posts the form at once, one add upstream', async () => {
  const { page, release } = await slowWasm();
  const sent = await clickThrough(page);
  release();
  assert.deepEqual(sent, ['application/x-www-form-urlencoded'], 'not held for the wasm');
  await page.close();
});

test('a page whose load never ends (a stalled third-party image): the buttons upgrade anyway, within the cap', async () => {
  const page = await env.context.newPage();
  // The demo with an image whose request is never answered: its load event never fires.
  await page.route(`${base}/`, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace('</body>', '<img src="/stalled-pixel.gif" alt=""></body>');
    await route.fulfill({ response, body });
  });
  await page.route('**/stalled-pixel.gif', () => {});
  const started = Date.now();
  await page.goto(`${base}/`, { waitUntil: 'domcontentloaded' });
  await ready(page, 6);
  assert.notEqual(await page.evaluate(() => document.readyState), 'complete', 'the load event has not fired');
  assert.ok(Date.now() - started < 10_000, 'upgraded within the cap, not held for the load event');
  const sent = await clickThrough(page);
  assert.deepEqual(sent, ['application/json']);
  await page.close();
});

test('everything loaded: the JSON contract, and the upgrade moves nothing', async () => {
  const { page, release } = await slowWasm();
  const boxes = () => page.evaluate(() => [...document.querySelectorAll('seek-pass-button')].map((el) => {
    const r = el.getBoundingClientRect();
    return [r.x, r.y, r.width, r.height].map((v) => Math.round(v * 100) / 100);
  }));
  const plain = await boxes();
  await page.evaluate(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__shift += e.value; })
      .observe({ type: 'layout-shift', buffered: false });
  });
  release();
  await ready(page, 6);
  assert.deepEqual(await boxes(), plain, 'the same boxes before and after the upgrade');
  assert.equal(await page.evaluate(() => window.__shift), 0, 'no layout shift');
  const sent = await clickThrough(page);
  assert.deepEqual(sent, ['application/json']);
  await page.close();
});

test('a cross-site form post is refused and nothing reaches SEEK Pass', async () => {
  const page = await env.context.newPage();
  await page.goto(`${base}/`); // the session cookie (SameSite=Strict) is set for this site
  const before = await adds(page);
  // Another site (localhost is not 127.0.0.1) hosts a copy of the form aimed at the proxy.
  const evil = `${base.replace('127.0.0.1', 'localhost')}/evil.html`;
  await page.route(evil, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
    <form method="post" action="${base}/api/seekpass/add">
    <input type="hidden" name="credentialType" value="education"><input type="hidden" name="credentialRef" value="grad-2024-0042">
    <button type="submit">Add</button></form>` }));
  await page.goto(evil);
  const [response] = await Promise.all([page.waitForResponse(`${base}/api/seekpass/add`), page.getByRole('button').click()]);
  assert.equal(response.status(), 403);
  assert.equal(await adds(page), before, 'nothing upstream');
  await page.close();
});

test("renderButtonHtml writes the demo's markup", async () => {
  const { renderButtonHtml } = await import('../../dist/npm/html.js');
  const page = await env.context.newPage();
  await page.goto(`${base}/`);
  const html = await (await page.request.get(`${base}/`)).text();
  const environment = new URL(base).origin;
  const expected = renderButtonHtml({
    endpoint: '/api/seekpass/add', credentialType: 'education', credentialRef: 'grad-2024-0042',
    environment, statusEndpoint: '/api/seekpass/status', ariaDescribedBy: 'title-grad-2024-0042',
  });
  assert.ok(html.includes(expected), `${expected}\nnot in the demo page`);
  await page.close();
});

test('no page errors but the ones each test caused (the CSP refusing the wasm, the aborted bundle)', () => {
  assert.deepEqual(env.problems.filter((p) => !/wasm|WebAssembly|ERR_FAILED/.test(p)), []);
});
