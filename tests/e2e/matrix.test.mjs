// The threat matrix (threats.md §2, items 1–48 where a browser is needed): every scenario runs
// against the optimised build with the always-on checks of faults.mjs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { launch, ready, STAGING } from './harness.mjs';
import { assertClean, CANARY, faultServer, GOOD, surfaces } from './faults.mjs';

let srv;
let env;

before(async () => {
  srv = await faultServer();
  env = await launch();
});

after(async () => {
  await env?.browser.close();
  srv?.server.closeAllConnections();
  srv?.server.close();
});

/** Loads the fault page, plays `plan`, clicks once, and returns what happened. */
async function scenario(plan, { query = '', clock = false, prepare, expectRequests = 1, navigates = false, timeout = 20000 } = {}) {
  srv.state.plan = plan.slice();
  srv.state.requests.length = 0;
  const landedBefore = env.landed.length;
  const consoleBefore = env.consoleAll.length;
  const page = await env.context.newPage();
  if (clock) await page.clock.install();
  await page.goto(`${srv.base}/examples/fault.html${query}`);
  await ready(page);
  if (prepare) await prepare(page);
  const button = page.locator('#b').getByRole('button');
  const done = navigates
    ? page.waitForURL(/app\.seekpass-staging\.com/, { timeout })
    : page.waitForFunction(() => window.__seekpass.events.some((e) => e.type === 'seekpass:error'), null, { timeout, polling: 50 });
  await button.click();
  if (clock) {
    for (let i = 0; i < 60; i++) {
      await page.clock.runFor(1000);
      await page.waitForTimeout(15);
    }
  }
  await done;
  const result = { page, url: page.url(), landed: env.landed.slice(landedBefore) };
  if (!navigates) {
    await page.waitForTimeout(50);
    result.events = await page.evaluate(() => window.__seekpass.events.filter((e) => e.type !== 'seekpass:ready'));
    result.error = result.events.find((e) => e.type === 'seekpass:error')?.detail;
    result.message = await page.locator('#b').getByRole('status').textContent();
    result.state = await button.getAttribute('data-state');
    result.memoryAfter = await page.evaluate(async () => (await import('/dist/cdn/latest/seekpass-button.js')).memoryBytes());
    result.text = await surfaces(page, env.context);
    if (!query.includes('csp=nowasm')) assert.deepEqual(await page.evaluate(() => window.__seekpass.violations), [], 'CSP violations');
  }
  assertClean({ console: env.consoleAll.slice(consoleBefore), requests: srv.state.requests.filter((r) => r.path === '/api/fault'),
    expectRequests, landed: result.landed, text: result.text });
  await page.close();
  return result;
}

const redirect = (value) => [{ status: 201, body: { redirect_uri: value } }];

describe('A. redirect handling (items 1–8, 10, 15)', () => {
  const cases = [
    ['1 off-list host', 'https://evil.com/partner/add/education#clientId=a&documentType=pdf&content=ZZ-CANARY-7f3a', 'host'],
    ['1 look-alike suffix', `${STAGING}.evil.com/partner/add/education#clientId=a&documentType=pdf&content=b`, 'host'],
    ['2 javascript: scheme', 'javascript:alert(document.domain)//ZZ-CANARY-7f3a', 'scheme'],
    ['3 authority confusion', 'https://app.seekpass-staging.com@evil.com/partner/add/education#clientId=a&documentType=pdf&content=b', 'userinfo'],
    ['4 upper-case host', 'https://APP.SEEKPASS-STAGING.COM/partner/add/education#clientId=a&documentType=pdf&content=b', 'non_canonical'],
    ['5 path traversal', `${STAGING}/partner/add/../../evil#clientId=a&documentType=pdf&content=b`, 'non_canonical'],
    ['6 query instead of fragment', `${STAGING}/partner/add/education?clientId=a&documentType=pdf&content=b`, 'query'],
    ['6 duplicated key', `${STAGING}/partner/add/education#clientId=a&clientId=b&documentType=pdf&content=c`, 'fragment'],
    ['7 twice-escaped separator', GOOD.replaceAll('&', '\\\\u0026'), 'charset'],
    ['7 \\u0040 is not unescaped', 'https://app.seekpass-staging.com\\u0040evil.com/partner/add/education#clientId=a&documentType=pdf&content=b', 'charset'],
    ['8 production link for a staging button', GOOD.replace('app.seekpass-staging.com', 'app.seekpass.co'), 'env_mismatch'],
    ['10 oversized', `${GOOD}${'a'.repeat(3000)}`, 'too_long'],
    ['49 a valid batch link for an education button', `${STAGING}/partner/add/batch#clientId=a&content=ZZ-CANARY-7f3a`, 'type'],
  ];
  for (const [name, value, reason] of cases) {
    test(name, async () => {
      const r = await scenario(redirect(value));
      assert.deepEqual(r.error, { code: 'redirect_rejected', retryable: false, reason });
      assert.equal(r.message, 'Something went wrong. Please try again later.');
      assert.equal(r.landed.length, 0);
    });
  }
  for (const [name, value] of [['null', null], ['number', 7], ['array', [GOOD]], ['object', { href: GOOD }]]) {
    test(`10 non-string redirect_uri (${name})`, async () => {
      const r = await scenario(redirect(value));
      assert.deepEqual(r.error, { code: 'invalid_response', retryable: false });
    });
  }
  test('7/15 the curl-style separator is repaired; the canary id reaches only the navigation', async () => {
    const r = await scenario([{ status: 201, body: `{"redirect_uri":"${GOOD.replaceAll('&', '\\\\u0026')}"}` }], { navigates: true });
    assert.equal(r.landed.length, 1);
    assert.equal(r.url, GOOD);
    // Referrer policy is the browser default: only the partner origin travels (item 19).
    assert.equal(r.landed[0].referer, `${srv.base}/`);
  });
});

describe('D. network faults (items 18, 29–38)', () => {
  test('18 server text is never shown', async () => {
    const r = await scenario([{ status: 400, headers: { 'Content-Type': 'text/html' }, body: `<img src=x onerror=alert(1)>${CANARY}` }]);
    assert.deepEqual(r.error, { code: 'rejected', retryable: false });
    assert.equal(r.message, 'This credential can’t be added right now.');
  });
  test('29 hung proxy: three timed-out attempts, one key, then timeout', async () => {
    const r = await scenario([{ delayMs: 120000 }], { clock: true, expectRequests: 3 });
    assert.deepEqual(r.error, { code: 'timeout', retryable: true });
    assert.deepEqual(r.events.filter((e) => e.type === 'seekpass:retry').map((e) => e.detail), [{ attempt: 2 }, { attempt: 3 }]);
  });
  test('30 two connection resets, then success: one navigation', async () => {
    const r = await scenario([{ reset: true }, { reset: true }, { status: 201, body: { redirect_uri: GOOD } }], { navigates: true, expectRequests: 3 });
    assert.equal(r.url, GOOD);
  });
  test('31 offline: fails fast without a request', async () => {
    const r = await scenario([], { expectRequests: 0, prepare: (page) => page.context().setOffline(true) });
    await env.context.setOffline(false);
    assert.deepEqual(r.error, { code: 'offline', retryable: true });
  });
  test('32 5xx three times, an HTML gateway page among them', async () => {
    const r = await scenario([{ status: 503 }, { status: 502, headers: { 'Content-Type': 'text/html' }, body: `<h1>${CANARY}</h1>` }, { status: 504 }], { expectRequests: 3 });
    assert.deepEqual(r.error, { code: 'server_unavailable', retryable: true });
  });
  test('33 429 with Retry-After: 1, then success', async () => {
    const r = await scenario([{ status: 429, headers: { 'Retry-After': '1' } }, { status: 201, body: { redirect_uri: GOOD } }], { navigates: true, expectRequests: 2 });
    assert.equal(r.landed.length, 1);
  });
  test('33 429 with Retry-After: 120 stops and says when', async () => {
    const r = await scenario([{ status: 429, headers: { 'Retry-After': '120' } }]);
    assert.deepEqual(r.error, { code: 'rate_limited', retryable: true, retryAfterSeconds: 120 });
  });
  for (const [status, code] of [[400, 'rejected'], [422, 'rejected'], [404, 'rejected'], [401, 'not_authenticated'], [403, 'forbidden']]) {
    test(`34 ${status} is not retried`, async () => {
      const r = await scenario([{ status }]);
      assert.deepEqual(r.error, { code, retryable: false });
    });
  }
  test('35 a redirected proxy call is never followed', async () => {
    const r = await scenario([{ redirect: '/login' }]);
    assert.deepEqual(r.error, { code: 'not_authenticated', retryable: false });
    assert.equal(srv.state.requests.filter((q) => q.path === '/login').length, 0);
  });
  const malformed = [
    ['truncated', '{"redirect_uri":"https://app'], ['null', 'null'], ['array', '[]'],
    ['number', '7'], ['empty object', '{}'],
  ];
  for (const [name, body] of malformed) {
    test(`36 malformed JSON: ${name}`, async () => {
      const r = await scenario([{ status: 201, body }]);
      assert.deepEqual(r.error, { code: 'invalid_response', retryable: false });
    });
  }
  // JSON.parse keeps the last of duplicate members; whichever wins still meets the gate.
  for (const [order, body] of [
    ['evil last', `{"redirect_uri":"${GOOD}","redirect_uri":"https://evil.com/"}`],
    ['evil first', `{"redirect_uri":"https://evil.com/","redirect_uri":"${GOOD.replace('content=', 'content=x')}"}`],
  ]) {
    test(`36 duplicate keys, ${order}: the member JSON.parse keeps goes through the gate`, async () => {
      if (order === 'evil last') {
        const r = await scenario([{ status: 201, body }]);
        assert.deepEqual(r.error, { code: 'redirect_rejected', retryable: false, reason: 'host' });
      } else {
        const r = await scenario([{ status: 201, body }], { navigates: true });
        assert.equal(r.landed.length, 1);
        assert.ok(r.url.includes('content=x'), 'the kept (last) member was followed');
      }
    });
  }
  test('36 a byte-order mark is removed by the Fetch Standard UTF-8 decode, so the body is valid', async () => {
    const r = await scenario([{ status: 201, body: `\ufeff{"redirect_uri":"${GOOD}"}` }], { navigates: true });
    assert.equal(r.url, GOOD);
  });
  test('36 204 with no body', async () => {
    assert.deepEqual((await scenario([{ status: 204 }])).error, { code: 'invalid_response', retryable: false });
  });
  test('36 200 instead of 201, extra fields: accepted', async () => {
    const r = await scenario([{ status: 200, body: { redirect_uri: GOOD, extra: CANARY } }], { navigates: true });
    assert.equal(r.url, GOOD);
  });
  test('37 10 MB body is not read', async () => {
    const r = await scenario([{ status: 201, bytes: 10 * 1024 * 1024 }]);
    assert.deepEqual(r.error, { code: 'invalid_response', retryable: false });
  });
  test('50 a 64 MB chunked answer is cancelled at the cap: the connection closes, memory stays flat', async () => {
    const memory = async (page) => page.evaluate(async () => (await import('/dist/cdn/latest/seekpass-button.js')).memoryBytes());
    let before = 0;
    const r = await scenario([{ status: 201, stream: 64 * 1024 * 1024 }], { prepare: async (page) => { before = await memory(page); } });
    assert.deepEqual(r.error, { code: 'invalid_response', retryable: false });
    // Loopback and the browser's read-ahead take a few MB; what counts is the early close.
    for (let i = 0; i < 50 && !srv.state.stream.closedEarly; i++) await new Promise((res) => setTimeout(res, 100));
    assert.equal(srv.state.stream.closedEarly, true, `closed early after ${srv.state.stream.written} bytes`);
    assert.ok(srv.state.stream.written < 64 * 1024 * 1024);
    assert.ok(before > 0);
    assert.ok(r.memoryAfter - before < 1024 * 1024, `wasm memory grew by ${r.memoryAfter - before} B`);
  });
  test('37 an endless trickle ends at the deadline', async () => {
    const r = await scenario([{ trickle: true }], { clock: true, expectRequests: 3 });
    assert.deepEqual(r.error, { code: 'timeout', retryable: true });
  });
  test('38 wrong content type', async () => {
    const r = await scenario([{ status: 200, headers: { 'Content-Type': 'text/html' }, body: JSON.stringify({ redirect_uri: GOOD }) }]);
    assert.deepEqual(r.error, { code: 'invalid_response', retryable: false });
  });
});

describe('C. CSP, SRI and supply chain (items 11, 12, 20–28)', () => {
  async function works(url) {
    srv.state.plan = [{ status: 201, body: { redirect_uri: GOOD } }];
    const page = await env.context.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url);
    await ready(page);
    const violations = await page.evaluate(() => window.__seekpass.violations);
    await page.locator('#b').click();
    await page.waitForURL(/app\.seekpass-staging\.com/, { timeout: 15000 });
    await page.close();
    return { violations, requests };
  }
  test('20/22/24 strict CSP with Trusted Types: works, zero violations; only the wasm and the proxy are fetched', async () => {
    const { violations, requests } = await works(`${srv.base}/examples/fault.html`);
    assert.deepEqual(violations, []);
    const fetched = requests.filter((u) => !/\.(html|css|svg|js)$/.test(new URL(u).pathname) && !u.startsWith(STAGING));
    assert.deepEqual(fetched.map((u) => new URL(u).pathname), ['/dist/cdn/latest/seekpass_button_bg.wasm', '/api/fault']);
    assert.ok(!requests.some((u) => u.includes('/api/partner/')), 'never SEEK Pass directly (item 12)');
  });
  test('25 nonce with strict-dynamic: works, zero violations', async () => {
    assert.deepEqual((await works(`${srv.base}/csp/nonce.html`)).violations, []);
  });
  test('no CSP at all: works', async () => {
    assert.deepEqual((await works(`${srv.base}/examples/fault.html?csp=none`)).violations, []);
  });
  test("20 without 'wasm-unsafe-eval': fallback and wasm_unavailable, no uncaught error", async () => {
    const page = await env.context.newPage();
    await page.goto(`${srv.base}/examples/fault.html?csp=nowasm`);
    await page.waitForFunction(() => window.__seekpass.events.length > 0);
    assert.deepEqual(await page.evaluate(() => window.__seekpass.events.map((e) => e.detail)), [{ code: 'wasm_unavailable', retryable: false }]);
    assert.equal(await page.locator('#b').getByRole('button').isDisabled(), true);
    await page.close();
    env.problems.splice(0);
  });
  test('26 published SRI hashes match the files', async () => {
    const sri = JSON.parse(await readFile('dist/cdn/latest/sri.json', 'utf8'));
    for (const [file, hash] of Object.entries(sri)) {
      const digest = createHash('sha384').update(await readFile(`dist/cdn/latest/${file}`)).digest('base64');
      assert.equal(hash, `sha384-${digest}`, file);
    }
    const js = await readFile('dist/cdn/latest/seekpass-button.js', 'utf8');
    assert.ok(js.includes(sri['seekpass_button_bg.wasm']), 'the script pins the wasm hash');
  });
  test('26 a flipped byte in the served wasm is refused: integrity_failed, nothing usable', async () => {
    const page = await env.context.newPage();
    const wasm = await readFile('dist/cdn/latest/seekpass_button_bg.wasm');
    const tampered = Buffer.from(wasm);
    tampered[tampered.length - 10] ^= 0x01;
    await page.route('**/seekpass_button_bg.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: tampered }));
    await page.goto(`${srv.base}/examples/fault.html`);
    await page.waitForFunction(() => window.__seekpass.events.length > 0);
    assert.deepEqual(await page.evaluate(() => window.__seekpass.events.map((e) => e.detail)), [{ code: 'integrity_failed', retryable: false }]);
    assert.equal(await page.locator('#b').getByRole('button').isDisabled(), true);
    await page.close();
    env.problems.splice(0);
  });
  test('28 the widget adds no globals', async () => {
    const page = await env.context.newPage();
    await page.goto(`${srv.base}/examples/fault.html?csp=none`);
    await ready(page);
    const added = await page.evaluate(() => {
      const frame = document.createElement('iframe');
      document.body.append(frame);
      const clean = new Set(Object.getOwnPropertyNames(frame.contentWindow));
      // Numeric keys are frames (the probe itself); `__seekpass` is this test's recorder.
      return Object.getOwnPropertyNames(window).filter((k) => !clean.has(k) && k !== '__seekpass' && !/^\d+$/.test(k));
    });
    assert.deepEqual(added, []);
    await page.close();
  });
});

describe('E. lifecycle (items 43, 44, 46, 47)', () => {
  test('43 moved in the DOM (re-mounted): one click is still one request', async () => {
    const r = await scenario([{ status: 422 }], {
      prepare: async (page) => {
        await page.evaluate(() => { const b = document.getElementById('b'); document.body.append(b); document.querySelector('main').append(b); });
        await ready(page, 2);
      },
    });
    assert.deepEqual(r.error, { code: 'rejected', retryable: false });
  });
  test('44 removed mid-request (SPA route change): nothing navigates, nothing breaks', async () => {
    srv.state.plan = [{ delayMs: 400, status: 201, body: { redirect_uri: GOOD } }];
    srv.state.requests.length = 0;
    const landedBefore = env.landed.length;
    const page = await env.context.newPage();
    await page.goto(`${srv.base}/examples/fault.html`);
    await ready(page);
    await page.locator('#b').click();
    await page.evaluate(() => document.getElementById('b').remove());
    await page.waitForTimeout(800);
    assert.equal(env.landed.length, landedBefore);
    assert.match(page.url(), /fault\.html$/);
    await page.close();
  });
  test('46 a panic switches every button to the fallback and reports internal once', async () => {
    const page = await env.context.newPage();
    await page.goto(`${srv.base}/examples/panic.html`);
    await ready(page, 2);
    await page.locator('#p').click();
    await page.waitForFunction(() => window.__seekpass.events.some((e) => e.detail?.code === 'internal'));
    await page.waitForTimeout(100);
    const errors = await page.evaluate(() => window.__seekpass.events.filter((e) => e.type === 'seekpass:error').map((e) => e.detail));
    assert.deepEqual(errors, [{ code: 'internal', retryable: false }]);
    for (const id of ['p', 'q']) assert.equal(await page.locator(`#${id}`).getByRole('button').isDisabled(), true);
    await page.close();
    // The trap itself surfaces once as an uncaught RuntimeError from the click; nothing else.
    assert.ok(env.problems.every((p) => p.includes('unreachable')), env.problems.join('\n'));
    env.problems.splice(0);
  });
  test('47 inside a cross-origin frame the button opens a new tab', async () => {
    srv.state.plan = [{ status: 201, body: { redirect_uri: GOOD } }];
    const page = await env.context.newPage();
    await page.goto(`${srv.base}/index.html?csp=none`);
    const framed = `${srv.base.replace('127.0.0.1', 'localhost')}/examples/fault.html?csp=none`;
    await page.setContent(`<iframe id="f" src="${framed}" width="600" height="300"></iframe>`);
    const frame = page.frameLocator('#f');
    await frame.getByRole('button', { name: 'Add to SEEK Pass' }).waitFor();
    const popup = env.context.waitForEvent('page');
    await frame.getByRole('button', { name: 'Add to SEEK Pass' }).click();
    const tab = await popup;
    await tab.waitForURL(/app\.seekpass-staging\.com/, { timeout: 15000 });
    assert.equal(tab.url(), GOOD);
    assert.match(page.url(), /index\.html\?csp=none$/, 'the top page stays');
    await tab.close();
    await page.close();
  });
});

test('no page errors or console warnings anywhere in the matrix', () => {
  assert.deepEqual(env.problems, []);
});
