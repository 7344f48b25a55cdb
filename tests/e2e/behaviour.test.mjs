// Behaviours beyond the happy path: new tabs, blocked popups, keyboard repeats, a page without
// 'wasm-unsafe-eval', and the bundle loaded twice.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
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

test('new-tab mode opens the tab inside the click and fills it with the repaired URL', async () => {
  const page = await env.context.newPage();
  await page.goto(`${srv.base}/examples/new-tab.html`);
  await ready(page);
  const popup = env.context.waitForEvent('page');
  await page.getByRole('button', { name: 'Add to SEEK Pass' }).click();
  const tab = await popup;
  await tab.waitForURL(/app\.seekpass-staging\.com/, { timeout: 15000 });
  assert.equal(tab.url(), redirectFor('batch'));
  assert.equal(await tab.evaluate(() => window.opener), null);
  assert.match(page.url(), /new-tab\.html$/, 'the partner page stays');
  const call = srv.requests.at(-1);
  assert.deepEqual(JSON.parse(call.body), { credentialType: 'batch', credentialRefs: ['grad-2024-0042', 'mc-0007'] });
  await tab.close();
  await page.close();
});

test('a blocked popup gets a fallback button; the link never enters the DOM (item 65)', async () => {
  const page = await env.context.newPage();
  await page.addInitScript(() => {
    // The first new tab is refused, as a popup blocker would; later ones open.
    const open = window.open.bind(window);
    let refused = false;
    window.open = (...args) => { if (!refused) { refused = true; return null; } return open(...args); };
    // Everything ever written into any shadow root, attributes and text, from its creation.
    window.__written = [];
    const record = (root) => {
      new MutationObserver((records) => {
        for (const r of records) {
          if (r.type === 'attributes') window.__written.push(r.target.getAttribute(r.attributeName) ?? '');
          if (r.type === 'characterData') window.__written.push(r.target.data);
          for (const n of r.addedNodes) window.__written.push(n.outerHTML ?? n.textContent ?? '');
        }
      }).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    };
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) { const root = attach.call(this, init); record(root); return root; };
  });
  await page.goto(`${srv.base}/examples/new-tab.html`);
  await ready(page);
  await page.getByRole('button', { name: 'Add to SEEK Pass' }).click();
  const fallback = page.getByRole('button', { name: 'Open SEEK Pass' });
  await fallback.waitFor({ timeout: 15000 });
  const events = () => page.evaluate(() => window.__seekpass.events.map((e) => [e.type, e.detail]));
  assert.deepEqual((await events()).filter(([t]) => t !== 'seekpass:ready' && t !== 'seekpass:click'),
    [['seekpass:error', { code: 'popup_blocked', retryable: false }]], 'no navigate event for the blocked tab');
  const popup = env.context.waitForEvent('page');
  await fallback.click();
  const tab = await popup;
  await tab.waitForURL(/app\.seekpass-staging\.com/, { timeout: 15000 });
  assert.equal(tab.url(), redirectFor('batch'));
  assert.equal(await tab.evaluate(() => window.opener), null);
  assert.deepEqual((await events()).filter(([t]) => t === 'seekpass:navigate'), [['seekpass:navigate', { credentialType: 'batch' }]]);
  const content = new URL(redirectFor('batch')).hash.match(/content=([^&]+)/)[1];
  const written = await page.evaluate(() => window.__written);
  assert.ok(written.length > 0, 'the observer saw the shadow root');
  assert.ok(written.every((w) => !w.includes(content)), 'the content id never entered the DOM');
  const html = await page.evaluate(() => [...document.querySelectorAll('seek-pass-button')].map((e) => e.shadowRoot.innerHTML).join(''));
  assert.ok(!html.includes(content) && !html.includes('seekpass-staging'));
  assert.equal(await fallback.isHidden(), true, 'the fallback is gone once used');
  await tab.close();
  await page.close();
});

test('a reference of dots sends nothing outside the status endpoint (item 64)', async () => {
  const page = await env.context.newPage();
  await page.goto(`${srv.base}/examples/script-tag.html`);
  await ready(page);
  const before = srv.requests.length;
  await page.evaluate(() => {
    // What injected markup could carry: the allowed endpoints and a reference of dots.
    for (const ref of ['..', '.']) {
      const div = document.createElement('div');
      div.dataset.seekpassButton = '';
      div.dataset.endpoint = '/api/seekpass/add';
      div.dataset.statusEndpoint = '/api/seekpass/status';
      div.dataset.credentialType = 'education';
      div.dataset.credentialRef = ref;
      document.body.append(div);
    }
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.waitForFunction(() => window.__seekpass.events.filter((e) => e.detail?.code === 'config_invalid').length >= 2, null, { timeout: 15000 });
  await page.waitForTimeout(300);
  const sent = srv.requests.slice(before).map((r) => r.path);
  assert.ok(sent.every((p) => p.startsWith('/api/seekpass/status/')), JSON.stringify(sent));
  assert.deepEqual(sent, [], 'a refused reference sends nothing at all');
  await page.close();
});

test('Enter and Space repeats while busy send one request', async () => {
  const page = await env.context.newPage();
  await page.goto(`${srv.base}/examples/gallery.html`);
  await ready(page, 13);
  const before = srv.requests.filter((r) => r.path === '/api/test/hang').length;
  await page.locator('#busy').getByRole('button').focus();
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Enter');
    await page.keyboard.press('Space');
  }
  await page.waitForTimeout(200);
  assert.equal(srv.requests.filter((r) => r.path === '/api/test/hang').length - before, 1);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'busy', 'focus stays on the busy button');
  await page.close();
});

test("without 'wasm-unsafe-eval' the element shows a fallback and reports wasm_unavailable", async () => {
  const page = await env.context.newPage();
  await page.goto(`${srv.base}/examples/script-tag.html?csp=nowasm`);
  await page.waitForFunction(() => window.__seekpass.events.length >= 2, null, { timeout: 15000 });
  const events = await page.evaluate(() => window.__seekpass.events.map((e) => e.detail));
  assert.deepEqual(events, [{ code: 'wasm_unavailable', retryable: false }, { code: 'wasm_unavailable', retryable: false }]);
  const button = page.locator('seek-pass-button').first().getByRole('button');
  assert.equal(await button.isDisabled(), true);
  assert.equal(await page.locator('seek-pass-button').first().getByRole('status').textContent(), 'The SEEK Pass button is unavailable.');
  const violations = await page.evaluate(() => window.__seekpass.violations);
  assert.ok(violations.every((v) => v.startsWith('script-src')), 'only the expected wasm refusal');
  env.problems.splice(0); // the browser reports the blocked compile itself
  await page.close();
});

test('a second copy of the bundle is a no-op', async () => {
  const page = await env.context.newPage();
  // No CSP here: Trusted Types would (rightly) stop the test from injecting a script URL.
  await page.goto(`${srv.base}/examples/script-tag.html?csp=none`);
  await ready(page, 2);
  const { version } = JSON.parse(await readFile('dist/npm/package.json', 'utf8'));
  await page.evaluate((v) => new Promise((done) => {
    const s = document.createElement('script');
    s.type = 'module';
    s.src = `/dist/cdn/v${v}/seekpass-button.js`;
    s.onload = done;
    document.head.append(s);
  }), version);
  await page.waitForTimeout(100);
  const readyCount = await page.evaluate(() => window.__seekpass.events.filter((e) => e.type === 'seekpass:ready').length);
  assert.equal(readyCount, 2, 'no element defined or mounted twice');
  await page.locator('seek-pass-button').first().click();
  await page.waitForURL(/app\.seekpass-staging\.com/, { timeout: 15000 });
  await page.close();
});

test('no page errors or console warnings', () => {
  assert.deepEqual(env.problems, []);
});

test('new-tab mode: every button that shared the flight is ready again when the tab opens', async () => {
  const page = await env.context.newPage();
  // The proxy answers after 600 ms, so the second click joins the first one's flight.
  await page.route('**/api/seekpass/add', async (route) => {
    await new Promise((r) => setTimeout(r, 600));
    await route.continue();
  });
  await page.goto(`${srv.base}/examples/new-tab.html`);
  await page.evaluate(() => {
    const first = document.querySelector('seek-pass-button');
    const second = first.cloneNode();
    second.id = 'second';
    first.after(second);
  });
  await ready(page, 2);
  const buttons = page.locator('seek-pass-button').getByRole('button');
  const before = srv.requests.length;
  const popup = env.context.waitForEvent('page');
  await buttons.nth(0).click();
  await buttons.nth(1).click();
  const tab = await popup;
  await tab.waitForURL(/app\.seekpass-staging\.com/, { timeout: 15000 });
  assert.equal(srv.requests.length - before, 1, 'one request for both');
  for (const i of [0, 1]) {
    await page.waitForFunction((n) => document.querySelectorAll('seek-pass-button')[n].shadowRoot.querySelector('button').dataset.state === 'idle', i, { timeout: 5000 });
  }
  const navigates = await page.evaluate(() => window.__seekpass.events.filter((e) => e.type === 'seekpass:navigate').length);
  assert.equal(navigates, 2, 'both report the departure');
  for (const p of env.context.pages()) if (p !== page) await p.close();
  await page.close();
});
