// The first click, before the wasm has arrived (issue: no lost clicks, no late button). The wasm
// download is slowed with a route; the button is clicked the moment it is visible.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, ready, redirectFor, startServer } from './harness.mjs';

let srv;
let env;

before(async () => {
  srv = await startServer();
  env = await launch();
});

after(async () => {
  await env?.browser.close();
  srv?.server.close();
});

/** Opens `path` with the wasm held back until `release()` is called (or failed with `fail`). */
async function slowWasm(path, { fail = false } = {}) {
  const page = await env.context.newPage();
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route('**/seekpass_button_bg.wasm', async (route) => {
    await gate;
    if (fail) await route.abort('failed');
    else await route.continue();
  });
  await page.goto(`${srv.base}${path}`);
  const button = page.locator('seek-pass-button').first().getByRole('button');
  await button.waitFor();
  return { page, button, release };
}

test('a click on the placeholder is kept, shown busy at once, and lands on SEEK Pass exactly once', async () => {
  const before = srv.requests.length;
  const landed = env.landed.length;
  const { page, button, release } = await slowWasm('/examples/script-tag.html');
  assert.equal(await button.textContent(), 'Add to SEEK Pass');
  assert.equal(await button.getAttribute('data-state'), 'idle', 'looks final before the wasm');
  await button.dblclick();
  assert.equal(await button.getAttribute('aria-busy'), 'true');
  assert.equal(await page.locator('seek-pass-button').first().getByRole('status').textContent(), 'Connecting to SEEK Pass…');
  assert.equal(srv.requests.length, before, 'nothing sent before the wasm runs');
  release();
  await page.waitForURL(/app\.seekpass-staging\.com/, { timeout: 15000 });
  assert.equal(page.url(), redirectFor('education'));
  assert.equal(srv.requests.filter((r) => r.path === '/api/seekpass/add').length - before >= 1, true);
  assert.equal(srv.requests.length - before, 1, 'a double click is one flow');
  assert.equal(env.landed.length - landed, 1, 'exactly one navigation');
  await page.close();
});

test('keyboard activation of the placeholder is kept too', async () => {
  const before = srv.requests.length;
  const { page, button, release } = await slowWasm('/examples/script-tag.html');
  await button.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Space');
  assert.equal(await button.getAttribute('aria-busy'), 'true');
  release();
  await page.waitForURL(/app\.seekpass-staging\.com/, { timeout: 15000 });
  assert.equal(srv.requests.length - before, 1);
  await page.close();
});

test('new-tab mode opens its tab inside the held click and fills it once the wasm runs', async () => {
  const { page, button, release } = await slowWasm('/examples/new-tab.html');
  const popup = env.context.waitForEvent('page');
  await button.click();
  const tab = await popup;
  assert.equal(tab.url(), 'about:blank', 'opened inside the click');
  release();
  await tab.waitForURL(/app\.seekpass-staging\.com/, { timeout: 15000 });
  assert.equal(tab.url(), redirectFor('batch'));
  assert.equal(await tab.evaluate(() => window.opener), null);
  await page.waitForFunction(() => document.querySelector('seek-pass-button').shadowRoot.querySelector('button').dataset.state === 'idle');
  await tab.close();
  await page.close();
});

test('if the wasm cannot load, the held click ends in the fallback with wasm_unavailable', async () => {
  const before = srv.requests.length;
  const { page, button, release } = await slowWasm('/examples/script-tag.html', { fail: true });
  await button.click();
  release();
  await page.waitForFunction(() => window.__seekpass.events.some((e) => e.type === 'seekpass:error'));
  const errors = await page.evaluate(() => window.__seekpass.events.filter((e) => e.type === 'seekpass:error').map((e) => e.detail));
  assert.deepEqual(errors[0], { code: 'wasm_unavailable', retryable: false });
  assert.equal(await button.isDisabled(), true);
  assert.equal(await page.locator('seek-pass-button').first().getByRole('status').textContent(), 'The SEEK Pass button is unavailable.');
  assert.equal(srv.requests.length, before);
  await page.close();
});

test('the placeholder is the final button: same box, label and mark before and after the wasm', async () => {
  const { page, button, release } = await slowWasm('/examples/gallery.html');
  const boxes = () => page.evaluate(() => [...document.querySelectorAll('seek-pass-button')].map((el) => {
    const r = el.getBoundingClientRect();
    const b = el.shadowRoot.querySelector('button');
    return [el.id, Math.round(r.width * 10), Math.round(r.height * 10), b?.textContent, Boolean(b?.querySelector('.mark svg path'))];
  }));
  await button.waitFor();
  const early = await boxes();
  release();
  await ready(page, 23);
  const late = await boxes();
  // Buttons whose state differs by design (busy, error, added, unavailable) are left out.
  const stable = (rows) => rows.filter(([id]) => !['busy', 'error', 'unavailable'].includes(id) && !id.startsWith('added') && !id.startsWith('status'));
  assert.deepEqual(stable(late), stable(early));
  assert.ok(stable(early).length >= 10);
  await page.close();
});

test('no page errors or console warnings (but the wasm download this file fails on purpose)', () => {
  assert.deepEqual(env.problems.filter((p) => !p.endsWith('net::ERR_FAILED')), []);
  assert.ok(env.problems.length <= 2);
});

/** Layout-shift score of `path` while its script arrives late (the element is undefined first). */
async function shiftOf(path) {
  const page = await env.context.newPage();
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.route('**/seekpass-button.js', async (route) => {
    await new Promise((r) => setTimeout(r, 700));
    await route.continue();
  });
  await page.goto(`${srv.base}${path}`);
  await ready(page, 2);
  await page.waitForTimeout(300);
  const below = await page.locator('#below').boundingBox();
  const shifts = await page.evaluate(() => window.__shifts);
  await page.close();
  return { total: shifts.reduce((a, b) => a + b, 0), below };
}

test('no layout shift from the button with the documented stylesheet (and a measurable one without)', async () => {
  const reserved = await shiftOf('/examples/cls-reserved.html');
  const bare = await shiftOf('/examples/cls-bare.html');
  assert.equal(reserved.total, 0, 'layout-shift score with seekpass-button.css');
  assert.ok(bare.total > 0, `without it the page shifts (${bare.total.toFixed(3)}), so the test can fail`);
});
