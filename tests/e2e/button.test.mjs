// The button end to end: real pages, real clicks, a real HTTP proxy, the optimised build.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { launch, ready, redirectFor, startServer } from './harness.mjs';

const SHOTS = 'target/screenshots';
let srv;
let env;

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  srv = await startServer();
  env = await launch();
});

after(async () => {
  await env?.browser.close();
  srv?.server.close();
});

async function noViolations(page) {
  assert.deepEqual(await page.evaluate(() => window.__seekpass.violations), [], 'CSP violations');
}

async function clickAndLand(page, name, type) {
  const before = srv.requests.length;
  const landed = page.waitForURL(/app\.seekpass-staging\.com/, { timeout: 15000 });
  await page.getByRole('button', { name }).first().click();
  await landed;
  assert.equal(page.url(), redirectFor(type), 'lands on the repaired URL');
  assert.equal(srv.requests.length - before, 1, 'one proxy request');
}

test('script tag: the README example clicks through to the staging app with the repaired URL', async () => {
  const page = await env.context.newPage();
  await page.goto(`${srv.base}/examples/script-tag.html`);
  await ready(page, 2);
  await noViolations(page);
  await page.screenshot({ path: `${SHOTS}/script-tag.png`, fullPage: true });
  const events = await page.evaluate(() => window.__seekpass.events);
  assert.deepEqual(events.map((e) => e.type), ['seekpass:ready', 'seekpass:ready']);
  await page.locator('seek-pass-button').first().dblclick();
  await page.waitForURL(/app\.seekpass-staging\.com/, { timeout: 15000 });
  assert.equal(page.url(), redirectFor('education'));
  const calls = srv.requests.filter((r) => r.path === '/api/seekpass/add');
  assert.equal(calls.length, 1, 'a double click is one request');
  const [call] = calls;
  assert.equal(call.headers['content-type'], 'application/json');
  assert.match(call.headers['idempotency-key'], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual(JSON.parse(call.body), { credentialType: 'education', credentialRef: 'grad-2024-0042' });
  await page.close();
});

test('data-attribute mount, including an element added later', async () => {
  const page = await env.context.newPage();
  await page.goto(`${srv.base}/examples/script-tag.html`);
  await ready(page, 2);
  await page.evaluate(() => {
    const div = document.createElement('div');
    div.setAttribute('data-seekpass-button', '');
    div.dataset.endpoint = '/api/seekpass/add';
    div.dataset.credentialType = 'digital_identity';
    div.dataset.credentialRef = 'id-late';
    div.dataset.environment = 'staging';
    div.dataset.locale = 'th';
    document.querySelector('main').append(div);
  });
  await ready(page, 3);
  await clickAndLand(page, 'เพิ่มลงใน SEEK Pass', 'digital_identity');
  await page.close();
});

test('51 user content cannot aim an auto-mounted button; only the page script can allow an endpoint', async () => {
  const page = await env.context.newPage();
  await page.goto(`${srv.base}/examples/script-tag.html`);
  await ready(page, 2);
  const before = srv.requests.length;
  // What a sanitiser lets through in a comment: data-* attributes aimed at another endpoint.
  await page.evaluate(() => {
    const div = document.createElement('div');
    div.id = 'comment';
    div.setAttribute('data-seekpass-button', '');
    div.dataset.endpoint = '/api/test/status/200';
    div.dataset.credentialType = 'education';
    div.dataset.credentialRef = 'grad-2024-0042';
    div.dataset.environment = 'staging';
    document.querySelector('main').append(div);
  });
  await page.waitForFunction(() => window.__seekpass.events.some((e) => e.detail?.reason === 'endpoint_not_allowed'));
  const button = page.locator('#comment seek-pass-button').getByRole('button');
  assert.equal(await button.isDisabled(), true, 'a visible, disabled fallback');
  assert.equal(await page.locator('#comment seek-pass-button').getByRole('status').textContent(), 'The SEEK Pass button is unavailable.');
  await button.click({ force: true });
  await page.waitForTimeout(300);
  assert.equal(srv.requests.length, before, 'no request at all');
  assert.equal(await page.locator('#comment seek-pass-button').getAttribute('endpoint'), null);
  // The page's own script allows it: the held endpoint is released and the button works.
  await page.evaluate(async () => {
    const { autoMount } = await import('/dist/cdn/latest/seekpass-button.js');
    autoMount({ endpoints: ['/api/test/status/200'] });
  });
  await page.waitForFunction(() => document.querySelector('#comment seek-pass-button').shadowRoot.querySelector('button').dataset.state === 'idle');
  await button.click();
  await page.waitForFunction((n) => window.__seekpass.events.filter((e) => e.type === 'seekpass:click').length >= n, 1);
  await page.waitForTimeout(300);
  assert.equal(srv.requests.at(-1).path, '/api/test/status/200');
  await page.close();
});

test('npm package: import has no side effects; defined element clicks through', async () => {
  const page = await env.context.newPage();
  await page.goto(`${srv.base}/examples/npm.html`);
  await ready(page);
  await noViolations(page);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.widgetVersion), '0.1.0');
  await clickAndLand(page, 'Add to SEEK Pass', 'english_proficiency');
  await page.close();
});

test('npm package imports under Node (SSR) without touching browser globals', async () => {
  const mod = await import('../../dist/npm/index.js');
  assert.equal(typeof mod.defineSeekPassButton, 'function');
  assert.equal(mod.defineSeekPassButton(), false, 'nothing to define without customElements');
  assert.deepEqual(Object.keys(mod).sort(), ['autoMount', 'defineSeekPassButton', 'memoryBytes', 'version']);
  assert.equal(mod.memoryBytes(), 0);
  const types = await readFile('dist/npm/index.d.ts', 'utf8');
  assert.match(types, /'seek-pass-button': SeekPassButtonElement/);
});

test('variants and states, screenshots, strict CSP with zero violations', async () => {
  const page = await env.context.newPage();
  await page.goto(`${srv.base}/examples/gallery.html`);
  await ready(page, 23);
  await page.locator('#busy').click();
  await page.locator('#error').click();
  await page.waitForFunction(() => window.__seekpass.events.some((e) => e.type === 'seekpass:error' && e.detail.code === 'not_authenticated'));
  const busy = page.locator('#busy').getByRole('button');
  assert.equal(await busy.getAttribute('aria-busy'), 'true');
  assert.equal(await page.locator('#error').getByRole('status').textContent(), 'Your session has expired. Please sign in again.');
  assert.equal(await page.locator('#unavailable').getByRole('button').isDisabled(), true);
  await page.screenshot({ path: `${SHOTS}/gallery.png`, fullPage: true });
  await page.waitForFunction(() => window.__seekpass.events.filter((e) => e.type === 'seekpass:status').length >= 9);
  const added = { 'added-accent': 'View in SEEK Pass', 'added-dark': 'View in SEEK Pass', 'added-light': 'View in SEEK Pass',
    'added-id': 'Lihat di SEEK Pass', 'added-th': 'ดูใน SEEK Pass', 'added-ms': 'Lihat dalam SEEK Pass', 'added-zh': '在 SEEK Pass 中查看' };
  for (const [id, label] of Object.entries(added)) {
    const button = page.locator(`#${id}`).getByRole('button');
    assert.equal(await button.getAttribute('data-state'), 'added', id);
    assert.equal(await button.textContent(), label, id);
    assert.equal(await button.isEnabled(), true, `${id}: still clickable`);
  }
  for (const id of ['status-incomplete', 'status-revoked', 'status-fail']) {
    const button = page.locator(`#${id}`).getByRole('button');
    assert.equal(await button.getAttribute('data-state'), 'idle', id);
    assert.equal(await button.textContent(), 'Add to SEEK Pass', id);
  }
  const statuses = await page.evaluate(() => window.__seekpass.events.filter((e) => e.type === 'seekpass:status').map((e) => e.detail));
  assert.deepEqual(statuses.filter((d) => d.status !== 'verified').sort((a, b) => a.status.localeCompare(b.status)),
    [{ credentialType: 'education', status: 'incomplete' }, { credentialType: 'education', status: 'unknown' }]);
  assert.deepEqual(statuses.filter((d) => d.credentialType === 'batch'), [{ credentialType: 'batch', status: 'verified' }]);
  const statusCalls = srv.requests.filter((r) => r.path.startsWith('/api/test/seekpass-status/'));
  assert.equal(statusCalls.length, 10, 'one status request per button with a status endpoint');
  assert.ok(statusCalls.some((r) => r.path === '/api/test/seekpass-status/verified/batch/a-7,a-8'), 'a batch asks for its type and refs');
  assert.ok(statusCalls.every((r) => !r.headers['x-seekpass-widget'] && r.body === ''), 'a plain GET');
  for (const id of ['accent', 'dark', 'light', 'busy', 'error', 'disabled', 'unavailable', 'added-accent', 'added-dark', 'added-light', 'added-th']) {
    await page.locator(`#${id}`).screenshot({ path: `${SHOTS}/state-${id}.png` });
  }
  await page.locator('#accent').getByRole('button').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  await page.locator('#accent').scrollIntoViewIfNeeded();
  const box = await page.locator('#accent').boundingBox();
  await page.screenshot({ path: `${SHOTS}/state-focus.png`, clip: { x: box.x - 8, y: box.y - 8, width: box.width + 16, height: box.height + 16 } });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'accent');
  await noViolations(page);
  const errors = await page.evaluate(() => window.__seekpass.events.filter((e) => e.type === 'seekpass:error').map((e) => e.detail));
  assert.deepEqual(errors, [{ code: 'config_invalid', retryable: false, reason: 'missing_endpoint' }, { code: 'not_authenticated', retryable: false }]);
  await page.close();
});

test('axe-core finds no accessibility violations', async () => {
  const audit = await launch({ bypassCSP: true });
  try {
    const page = await audit.context.newPage();
    await page.goto(`${srv.base}/examples/gallery.html`);
    await ready(page, 13);
    await page.locator('#error').click();
    await page.waitForFunction(() => window.__seekpass.events.some((e) => e.code !== undefined || e.type === 'seekpass:error'));
    await page.evaluate(await readFile('node_modules/axe-core/axe.min.js', 'utf8'));
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    assert.deepEqual(summary, []);
  } finally {
    await audit.browser.close();
  }
});

test('no page errors or console warnings in any test', () => {
  assert.deepEqual(env.problems, []);
});
