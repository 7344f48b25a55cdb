// The Next.js App Router consumer (tests/consumers/nextjs, built with Turbopack by
// tests/consumers/run.sh from the packed package), started with `next start` and clicked in
// Chromium: the server component's form before and without JavaScript, the upgrade on the first
// server-rendered load, the client component's callbacks on first load and after client
// navigation (under StrictMode), and no hydration error or console warning.
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

test('Next.js: no page error, hydration error or console warning', { skip }, () => {
  assert.deepEqual(env.problems, []);
});
