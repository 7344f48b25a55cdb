// The Next.js App Router consumer (tests/consumers/nextjs, built with Turbopack by
// tests/consumers/run.sh from the packed package), started with `next start` and clicked in
// Chromium: the server component's form before and without JavaScript, the upgrade on the first
// server-rendered load, the client component's callbacks on first load and after client
// navigation (under StrictMode), the button inside a paragraph, span, label, table cell and the
// partner's own form (JavaScript on and off, a prop change, client navigation) under the app's
// strict CSP (proxy.ts), and no hydration error or console warning.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort } from '../binary.mjs';
import { launch, redirectFor } from './harness.mjs';

const APP = resolve('target/consumers/nextjs');
const skip = !existsSync(`${APP}/.next/BUILD_ID`) && 'run tests/consumers/run.sh first';

let next;
let base;
let env;

before(async () => {
  if (skip) return;
  const port = await freePort();
  next = spawn(`${APP}/node_modules/.bin/next`, ['start', '-p', String(port), '-H', '127.0.0.1'], { cwd: APP, stdio: ['ignore', 'pipe', 'inherit'] });
  for await (const chunk of next.stdout) if (/Ready|started/i.test(String(chunk))) break;
  base = `http://127.0.0.1:${port}`;
  env = await launch();
});

after(async () => {
  await env?.browser.close();
  next?.kill();
});

const log = (page) => page.locator('#log li').allTextContents();
const adds = (page) => {
  const sent = [];
  page.on('request', (r) => { if (r.url() === `${base}/api/seekpass/add`) sent.push(r.headers()['content-type']); });
  return sent;
};

test('Next.js, JavaScript off: the server component rendered a working form; its answer lands', { skip }, async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  await context.route('https://app.seekpass-staging.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: 'stub' }));
  const page = await context.newPage();
  const sent = adds(page);
  await page.goto(`${base}/`);
  const box = await page.getByRole('button', { name: 'Add to SEEK Pass' }).boundingBox();
  assert.ok(box.height >= 44, `styled by seekpass-button.css: ${box.height}px`);
  await page.getByRole('button', { name: 'Add to SEEK Pass' }).click();
  await page.waitForURL(/app\.seekpass-staging\.com/, { timeout: 15000 });
  assert.equal(page.url(), redirectFor('education'));
  assert.deepEqual(sent, ['application/x-www-form-urlencoded']);
  await context.close();
});

test('Next.js, first load of a server component: the element upgrades and takes the JSON flow', { skip }, async () => {
  const page = await env.context.newPage();
  const sent = adds(page);
  await page.goto(`${base}/`);
  await page.waitForFunction(() => window.__seekpass.events.some((e) => e.type === 'seekpass:ready'), null, { timeout: 15000 });
  await page.locator('seek-pass-button').getByRole('button').click();
  await page.waitForURL(/app\.seekpass-staging\.com/, { timeout: 15000 });
  assert.equal(page.url(), redirectFor('education'));
  assert.deepEqual(sent, ['application/json']);
  await page.close();
});

test('Next.js, client component on the first server-rendered load: onReady, onError, onClick, onNavigate', { skip }, async () => {
  const page = await env.context.newPage();
  await page.goto(`${base}/client`);
  await page.waitForFunction(() => document.querySelectorAll('#log li').length >= 1, null, { timeout: 15000 });
  assert.match((await log(page))[0], /^ready \d+\.\d+\.\d+$/);
  await page.locator('#fails').getByRole('button').click();
  await page.waitForFunction(() => [...document.querySelectorAll('#log li')].some((li) => li.textContent.startsWith('error ')), null, { timeout: 15000 });
  await page.locator('#works').getByRole('button').click();
  await page.waitForURL(/app\.seekpass-staging\.com/, { timeout: 15000 });
  await page.close();
});

test('Next.js, after client navigation: the callbacks fire as on a first load', { skip }, async () => {
  const page = await env.context.newPage();
  await page.goto(`${base}/`);
  await page.waitForFunction(() => window.__seekpass.events.some((e) => e.type === 'seekpass:ready'), null, { timeout: 15000 });
  await page.getByRole('link', { name: 'With callbacks' }).click();
  await page.waitForURL(`${base}/client`);
  await page.waitForFunction(() => document.querySelectorAll('#log li').length >= 1, null, { timeout: 15000 });
  assert.match((await log(page))[0], /^ready /);
  await page.locator('#fails').getByRole('button').click();
  await page.waitForFunction(() => [...document.querySelectorAll('#log li')].some((li) => li.textContent.startsWith('error ')), null, { timeout: 15000 });
  const lines = await log(page);
  assert.equal(lines.filter((l) => l.startsWith('ready ')).length, 1, `one ready, StrictMode or not: ${lines}`);
  await page.close();
});

// The containers page (issue 24): a server component with the button in a paragraph, a span, a
// label, a table cell and the partner's own form, and a client component whose prop changes; all
// under the app's strict CSP (proxy.ts: nonce, 'wasm-unsafe-eval', form-action 'self', Trusted
// Types enforced).
const CONTAINERS = [['in-p', 'grad-2024-0042'], ['in-span', 'grad-2024-0043'], ['in-label', 'grad-2024-0044'], ['in-td', 'grad-2024-0045'], ['in-form', 'grad-2024-0046']];
const bodies = (page) => {
  const sent = [];
  page.on('request', (r) => { if (r.url() === `${base}/api/seekpass/add`) sent.push(r.postData()); });
  return sent;
};
// The CSP reports that are not Next.js's own (Turbopack's chunk loader assigning `script.src`
// under the report-only Trusted Types policy, or Next.js creating its policies): must be none.
const notNext = async (page) => (await page.evaluate(() => window.__seekpass.violations))
  .filter((v) => !/^require-trusted-types-for trusted-types-sink HTMLScriptElement src\|\S*\/_next\/static\/chunks\//.test(v)
    && !/^trusted-types trusted-types-policy nextjs/.test(v));
const partnerPosts = (page) => {
  const posts = [];
  page.on('request', (r) => { if (r.url() === `${base}/api/partner-form`) posts.push(r.url()); });
  return posts;
};

test('Next.js containers, JavaScript off: each button, wherever it is, posts its own credential and lands', { skip }, async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  await context.route('https://app.seekpass-staging.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: 'stub' }));
  for (const [id, ref] of CONTAINERS) {
    const page = await context.newPage();
    const sent = bodies(page);
    const partner = partnerPosts(page);
    await page.goto(`${base}/containers`);
    assert.equal(await page.evaluate((i) => document.getElementById(i).querySelector('seek-pass-button') !== null, id), true, `${id} still holds its button`);
    await page.locator(`#${id}`).getByRole('button', { name: 'Add to SEEK Pass' }).click();
    await page.waitForURL(/app\.seekpass-staging\.com/, { timeout: 15000 });
    assert.deepEqual(sent, [`credentialType=education&credentialRef=${ref}`], id);
    assert.deepEqual(partner, [], `${id}: the partner's form was not submitted`);
    await page.close();
  }
  await context.close();
});

// Once `ready` buttons are ready (after showing the next credential, for `switch`), clicks `id`'s
// button: exactly its credential is sent as JSON, it lands, and no CSP report is ours.
async function addFrom(page, sent, id, ref, ready) {
  await page.waitForFunction((n) => window.__seekpass.events.filter((e) => e.type === 'seekpass:ready').length >= n, ready, { timeout: 15000 });
  if (id === 'switch') {
    await page.getByRole('button', { name: 'Show the next credential' }).click();
    await page.locator('#shown', { hasText: 'grad-2024-0048' }).waitFor();
  }
  await page.locator(`#${id}`).getByRole('button', { name: 'Add to SEEK Pass' }).click();
  await page.waitForURL(/app\.seekpass-staging\.com/, { timeout: 15000 });
  assert.deepEqual(sent.map((b) => JSON.parse(b)), [{ credentialType: 'education', credentialRef: ref }], id);
  assert.deepEqual(await notNext(page), [], 'no CSP report of ours');
}

test('Next.js containers, first load: each button adds its own credential; a prop change is what is sent', { skip }, async () => {
  for (const [id, ref] of [...CONTAINERS, ['switch', 'grad-2024-0048']]) {
    const page = await env.context.newPage();
    const sent = bodies(page);
    const partner = partnerPosts(page);
    await page.goto(`${base}/containers`);
    await addFrom(page, sent, id, ref, 6);
    assert.deepEqual(partner, [], id);
    await page.close();
  }
});

test('Next.js containers after client navigation: the client-rendered buttons add their own credentials, a prop change too', { skip }, async () => {
  for (const [id, ref] of [['in-label', 'grad-2024-0044'], ['switch', 'grad-2024-0048']]) {
    const page = await env.context.newPage();
    const sent = bodies(page);
    await page.goto(`${base}/`);
    await page.waitForFunction(() => window.__seekpass.events.some((e) => e.type === 'seekpass:ready'), null, { timeout: 15000 });
    await page.getByRole('link', { name: 'In containers' }).click();
    await page.waitForURL(`${base}/containers`);
    await addFrom(page, sent, id, ref, 7);
    await page.close();
  }
});

test('Next.js: no page error, hydration error or console warning', { skip }, () => {
  assert.deepEqual(env.problems, []);
});
