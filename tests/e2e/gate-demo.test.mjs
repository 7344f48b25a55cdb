// Browser check of the release build: load the demo page under its strict CSP in Debian
// Chromium, check real redirects through the UI, and fail on any page error or CSP violation.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { serve } from '../../scripts/serve.mjs';

const { server, url } = await serve({ port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
let failures = 0;
try {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console: ${m.text()}`); });
  const wasmType = page.waitForResponse((r) => r.url().endsWith('.wasm')).then((r) => r.headers()['content-type']);
  await page.goto(`${url}gate.html`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 15000 });
  assert.equal(await wasmType, 'application/wasm');
  const violations = await page.evaluate(() => new Promise((ok) => {
    const seen = [];
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
    setTimeout(() => ok(seen), 100);
  }));

  const good = 'https://app.seekpass-staging.com/partner/add/education#clientId=730845ab-0a0d-4f4d-9c98-d871755d3ce9'
    + '\\u0026documentType=open_cert\\u0026content=d8a8eb57-c64f-4fc1-b362-b8df28fbf0a3';
  const cases = [
    ['staging', good, 'accepted: education'],
    ['production', good, 'rejected: redirect_rejected (env_mismatch)'],
    ['staging', 'https://app.seekpass-staging.com@evil.com/partner/add/batch#clientId=a&content=b', 'rejected: redirect_rejected (userinfo)'],
    ['staging', 'javascript:alert(1)', 'rejected: redirect_rejected (scheme)'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/partner/add/batch#clientId=a\\u0026content=b', 'accepted: batch'],
  ];
  for (const [env, raw, want] of cases) {
    await page.selectOption('#environment', env);
    await page.fill('#redirect', raw);
    await page.click('#check');
    const got = await page.textContent('#verdict');
    if (got !== want) { failures++; console.error(`FAIL ${env} ${raw}: got "${got}", want "${want}"`); }
  }
  await mkdir("target", { recursive: true });
  await page.screenshot({ path: "target/gate-demo.png", fullPage: true });
  assert.deepEqual(violations, [], 'CSP violations');
  assert.deepEqual(problems, [], 'page errors or console warnings');
  console.log(`gate demo e2e: ${cases.length - failures} passed, ${failures} failed`);
} finally {
  await browser.close();
  server.close();
}
if (failures) process.exitCode = 1;
