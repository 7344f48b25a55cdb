// The `npm start` flow: the real server binary (demo + reference proxy + SEEK Pass mock), a real
// click in Chromium, and the mock app page at the end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ready, withBinary } from './harness.mjs';

let base;
let env;
withBinary({}, (started) => ({ base, env } = started));

test('demo: click a credential, land on the mock SEEK Pass app, finish, see the status', async () => {
  const page = await env.context.newPage();
  await page.goto(`${base}/`);
  await ready(page, 6);
  assert.deepEqual(await page.evaluate(() => window.__seekpass.violations), []);
  await page.screenshot({ path: 'target/screenshots/demo.png', fullPage: true });
  const item = page.locator('li', { hasText: 'Bachelor of Commerce' });
  await item.getByRole('button', { name: 'Add to SEEK Pass' }).click();
  await page.waitForURL(`${base}/partner/add/education#*`, { timeout: 15000 });
  const url = new URL(page.url());
  const params = new URLSearchParams(url.hash.slice(1));
  assert.deepEqual([...params.keys()], ['clientId', 'documentType', 'content']);
  assert.equal(params.get('documentType'), 'open_cert');
  assert.equal(await page.locator('#type').textContent(), 'education');
  assert.equal(await page.locator('#content').textContent(), params.get('content'));
  await page.screenshot({ path: 'target/screenshots/mock-app.png', fullPage: true });
  await page.getByRole('button', { name: 'Add to my wallet' }).click();
  await page.getByText('Added to your SEEK Pass wallet.').waitFor();
  const status = await page.request.get(`${base}/api/seekpass/status/grad-2024-0042`);
  assert.equal((await status.json()).status, 'verified');
  // Back on the partner page, the button knows the credential is in the wallet.
  await page.goBack();
  const button = item.locator('seek-pass-button').getByRole('button');
  await button.and(page.locator('[data-state="added"]')).waitFor({ timeout: 10000 });
  assert.equal(await button.textContent(), 'View in SEEK Pass');
  await page.waitForFunction(() => window.__seekpass.events.some((e) => e.type === 'seekpass:status' && e.detail.status === 'verified'));
  const details = await page.evaluate(() => window.__seekpass.events.filter((e) => e.type === 'seekpass:status').map((e) => e.detail));
  assert.ok(details.every((d) => Object.keys(d).sort().join() === 'credentialType,status'), 'no reference, no URL');
  assert.deepEqual(details.filter((d) => d.status === 'verified'), [{ credentialType: 'education', status: 'verified' }]);
  await item.locator('seek-pass-button').screenshot({ path: 'target/screenshots/demo-added.png' });
  // Still a button: the same flow opens the submitted credential (the same link).
  await button.click();
  await page.waitForURL(`${base}/partner/add/education#*`, { timeout: 15000 });
  assert.equal(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('content'), params.get('content'));
  await page.close();
});

test('demo: the batch button lands on the batch page', async () => {
  const page = await env.context.newPage();
  await page.goto(`${base}/`);
  await ready(page, 6);
  await page.locator('#batch').click();
  await page.waitForURL(`${base}/partner/add/batch#*`, { timeout: 15000 });
  const params = new URLSearchParams(new URL(page.url()).hash.slice(1));
  assert.deepEqual([...params.keys()], ['clientId', 'content']);
  await page.close();
});

test('no page errors or console warnings', () => {
  assert.deepEqual(env.problems, []);
});
