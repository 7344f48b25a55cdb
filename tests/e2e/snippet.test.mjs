// The README's snippet on a page (the bench's recommended page: snippet + form markup), with the
// real server binary: a normal load is quiet (no console warning) and keeps out of the page's way
// (the script at low priority, the wasm fetched once, after the page's load event); the hash
// still holds (a tampered wasm is refused, the form stays visible), also with the preload that an
// element without a form may put in front (whose missing `integrity` Chromium would otherwise warn
// about); and an error shown by the button takes its own space (the button stays, nothing is
// covered).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBinary } from './harness.mjs';

let base;
let env;
withBinary({}, (started) => ({ base, env } = started));

const PAGE = '/dist/bench/recommended.html';
const event = (page, type, code) => page.waitForFunction(([t, c]) => window.__seekpass.events
  .some((e) => e.type === t && (!c || e.detail.code === c)), [type, code], { timeout: 15000 });

test('the snippet loads quietly and after the page: the script at low priority, the wasm once, after load', async () => {
  const page = await env.context.newPage();
  const messages = [];
  page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
  const cdp = await env.context.newCDPSession(page);
  await cdp.send('Network.enable');
  let wasm = 0;
  let scriptPriority = null;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.request.url.endsWith('.wasm')) wasm += 1;
    if (e.request.url.endsWith('/seekpass-button.js')) scriptPriority = e.request.initialPriority;
  });
  await page.goto(`${base}${PAGE}`);
  await event(page, 'seekpass:ready');
  // Chromium reports an unused or ignored preload only after a few seconds.
  await page.waitForTimeout(3500);
  assert.deepEqual(messages.filter((m) => /^(warning|error)/.test(m)), []);
  assert.equal(wasm, 1, 'the wasm is fetched once');
  assert.equal(scriptPriority, 'Low');
  // The wasm's download never competes with the page's render-blocking stylesheets.
  const [loaded, wasmStart] = await page.evaluate(() => [
    performance.getEntriesByType('navigation')[0].loadEventStart,
    performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm')).startTime,
  ]);
  assert.ok(wasmStart >= loaded, `the wasm was fetched at ${wasmStart} ms, before the load event at ${loaded} ms`);
  await page.close();
});

/** Opens `path` with the wasm's last byte flipped and waits for `integrity_failed`. */
async function tampered(path) {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    window.__seekpass = { events: [] };
    document.addEventListener('seekpass:error', (e) => window.__seekpass.events.push({ type: e.type, detail: e.detail }));
  });
  await context.route('**/seekpass_button_bg.wasm', async (route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    body[body.length - 1] ^= 0xff;
    await route.fulfill({ response, body, headers: { ...response.headers(), 'content-encoding': 'identity' } });
  });
  const page = await context.newPage();
  page.on('pageerror', () => {});
  await page.goto(`${base}${path}`);
  await event(page, 'seekpass:error', 'integrity_failed');
  return { context, page };
}

test('a tampered wasm is refused: integrity_failed, the form stays', async () => {
  const { context, page } = await tampered(PAGE);
  const button = page.locator('#recommended form button[type="submit"]');
  assert.equal(await button.isVisible(), true);
  await context.close();
});

test('a tampered wasm is still refused with a preload in front (an element without a form)', async () => {
  const { context, page } = await tampered('/dist/bench/widget-preload.html');
  assert.equal(await page.locator('link[rel="preload"][as="fetch"]').count(), 1);
  await context.close();
});

test('an error shown by the button takes its own space: the button stays, nothing is covered', async () => {
  const page = await env.context.newPage();
  await page.route(`${base}/api/seekpass/add`, (route) => route.fulfill({
    status: 403, contentType: 'application/json', headers: { 'cache-control': 'no-store' }, body: '{"error":{"code":"forbidden"}}',
  }));
  await page.goto(`${base}/`);
  await event(page, 'seekpass:ready');
  const host = page.locator('seek-pass-button').first();
  const button = host.getByRole('button').first();
  const next = page.locator('main li').nth(1);
  const before = await button.boundingBox();
  await button.click();
  await event(page, 'seekpass:error', 'forbidden');
  const message = host.locator('.message');
  assert.match(await message.textContent(), /can’t be added from this account/);
  // The button does not move (accessibility.md A16); the message is in the flow below it and
  // covers nothing: what follows moves down instead (A4; a change the person caused).
  assert.deepEqual(await button.boundingBox(), before);
  const [m, n] = [await message.boundingBox(), await next.boundingBox()];
  assert.ok(m.y + m.height <= n.y, `the message (bottom ${m.y + m.height}) ends above the next item (top ${n.y})`);
  // A refusal is not offered as "Try again": clicking would fail the same way.
  assert.equal(await button.textContent(), 'Add to SEEK Pass');
  await page.close();
});
