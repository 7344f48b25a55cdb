// The fallback under the partner's CSP as it is (threats.md item 76): a page whose policy says
// `form-action 'self'`, and a mock that links to the staging host, as SEEK Pass does in staging
// (the default mock links to its own origin, which hid the refusal). JavaScript off, a CSP without
// 'wasm-unsafe-eval', the bundle blocked and the failure page's "Try again" must each land on the
// stubbed staging host, with no CSP violation. Each fails against a backend that answers `303`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBinary } from '../binary.mjs';
import { STAGING } from './harness.mjs';

const { chromium } = await import('playwright-core');

// A partner's strict policy: only its own origin may be a form's target.
const PARTNER_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

let server;
let base;
let browser;

before(async () => {
  ({ server, base } = await startBinary({ SEEKPASS_MOCK_APP_ORIGIN: 'staging' }));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  server?.kill();
});

/** A context with the partner's CSP on the demo page, and the staging app host stubbed. */
async function open({ javaScriptEnabled = true, csp = PARTNER_CSP } = {}) {
  const context = await browser.newContext({ javaScriptEnabled });
  const landed = [];
  const blocked = [];
  await context.route(`${STAGING}/**`, (route) => {
    landed.push(route.request().url());
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>SEEK Pass (stub)</title>' });
  });
  await context.route(`${base}/`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
  });
  await context.exposeFunction('__refused', (what) => blocked.push(what));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__refused(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  // A refusal is a failed request other than one the navigation cancelled (the favicon, still
  // loading when the form leaves: `net::ERR_ABORTED`), or a CSP violation the page saw (with
  // JavaScript on; a refused form submission sends no request at all).
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? '';
    if (why !== 'net::ERR_ABORTED') blocked.push(`${r.url()} ${why}`);
  });
  return { context, page, landed, blocked };
}

const education = (page) => page.locator('li', { hasText: 'Bachelor of Commerce' }).getByRole('button', { name: /SEEK Pass/ });

/** Clicks the education button and expects the staging app page with the education link. */
async function landsOnStaging({ page, landed, blocked }, click = () => education(page).click(), expected = /seekpass-button\.js/) {
  await click();
  await page.waitForURL(`${STAGING}/partner/add/education#*`, { timeout: 15000 });
  assert.equal(landed.length, 1, 'one landing');
  // The fragment never reaches a server; the page's own URL has it, repaired (`&`, not `\u0026`).
  assert.match(new URL(page.url()).hash, /^#clientId=[^&]+&documentType=[^&]+&content=/);
  assert.deepEqual(blocked.filter((b) => !expected.test(b)), [], 'nothing refused on the way');
}

test("JavaScript off, form-action 'self': the form's answer goes on to staging", async () => {
  const env = await open({ javaScriptEnabled: false });
  await env.page.goto(`${base}/`);
  await landsOnStaging(env);
  await env.context.close();
});

test("no 'wasm-unsafe-eval', form-action 'self': the form lands on staging", async () => {
  const env = await open({ csp: PARTNER_CSP.replace(" 'wasm-unsafe-eval'", '') });
  await env.page.goto(`${base}/`);
  await env.page.waitForFunction(() => customElements.get('seek-pass-button'));
  // The wasm's refusal is the condition under test; nothing else may be refused.
  await landsOnStaging(env, undefined, /^script-src wasm-eval$/);
  await env.context.close();
});

test("the bundle blocked, form-action 'self': the form lands on staging", async () => {
  const env = await open();
  await env.page.route('**/seekpass-button.js', (route) => route.abort('blockedbyclient'));
  await env.page.goto(`${base}/`);
  await landsOnStaging(env);
  await env.context.close();
});

test("the failure page's Try again, under its own form-action 'self', lands on staging", async () => {
  const env = await open({ javaScriptEnabled: false });
  await env.page.goto(`${base}/`);
  const control = (body) => env.page.request.post(`${base}/mock/control`, { data: body });
  await control({ faults: [{ path: '/api/partner/v1/add/education.json', status: 503, times: 50 }] });
  await education(env.page).click();
  const retry = env.page.getByRole('button', { name: 'Try again' });
  await retry.waitFor({ timeout: 15000 });
  assert.equal(await env.page.title(), 'Not added to SEEK Pass');
  await control({ clear_faults: true });
  await landsOnStaging(env, () => retry.click());
  await env.context.close();
});
