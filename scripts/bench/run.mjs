// `npm run bench`: one table comparing the widget with a hand-written JavaScript button, measured
// in one run on one machine. Expects the release server at SERVER_BIN (started here, mock mode,
// redirects to the staging host, which Chromium routes to a stub).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { measure } from '../../tests/static/size.mjs';
import { throttled } from './throttled.mjs';

const LOADS = Number(process.env.BENCH_LOADS ?? 30);
const CLICKS = Number(process.env.BENCH_CLICKS ?? 100);
const LOAD_REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const THROTTLED_LOADS = Number(process.env.BENCH_THROTTLED_LOADS ?? 20);

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const ms = (x) => `${x.toFixed(2)} ms`;

async function startServer() {
  const child = spawn(process.env.SERVER_BIN ?? 'target/release/seekpass-server', [], {
    // The bench's one user clicks far more often than a person: the proxy's rate limits are off.
    env: {
      ...process.env, SEEKPASS_LISTEN: '127.0.0.1:0', SEEKPASS_QUIET: '1', SEEKPASS_ENV: 'mock', SEEKPASS_MOCK_APP_ORIGIN: 'staging',
      SEEKPASS_RATE_USER_ADD: '0', SEEKPASS_RATE_ADDR_ADD: '0', SEEKPASS_RATE_USER_STATUS: '0', SEEKPASS_RATE_ADDR_STATUS: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = await once(child.stdout, 'data');
  return { child, base: String(line).match(/http:\/\/127\.0\.0\.1:\d+/)[0] };
}

async function browser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Records when either kind of button reports itself interactive. */
function markReady() {
  const mark = () => { window.__readyAt = performance.now(); };
  document.addEventListener('seekpass:ready', mark, { once: true });
  document.addEventListener('vanilla:ready', mark, { once: true });
}

async function context(b, base) {
  const ctx = await b.newContext();
  await ctx.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: 'stub' }));
  await ctx.addInitScript(markReady);
  await (await ctx.newPage()).goto(`${base}/`); // the demo page sets the session cookie
  return ctx;
}

/** Navigation start → interactive button, over cold loads (a fresh context each time). The
 * pages alternate load by load, so all see the same machine state. */
async function interactive(b, urls) {
  const times = urls.map(() => []);
  for (let i = 0; i < LOADS; i++) {
    for (const [k, url] of urls.entries()) {
      const ctx = await b.newContext();
      await ctx.addInitScript(markReady);
      const page = await ctx.newPage();
      await page.goto(url);
      await page.waitForFunction(() => window.__readyAt !== undefined);
      times[k].push(await page.evaluate(() => window.__readyAt));
      await ctx.close();
    }
  }
  return times;
}

/** Click → the navigation request leaves the page, with an instant proxy. The two pages
 * alternate click by click, so both see the same machine state. */
async function clickToNavigation(ctx, sides) {
  const page = await ctx.newPage();
  const times = sides.map(() => []);
  for (let i = 0; i < CLICKS; i++) {
    for (const [k, { url, selector }] of sides.entries()) {
      await page.goto(url);
      await page.waitForFunction(() => window.__readyAt !== undefined);
      const left = page.waitForRequest((r) => r.url().startsWith('https://app.seekpass-staging.com/'));
      const t0 = performance.now();
      await page.click(selector);
      await left;
      times[k].push(performance.now() - t0);
    }
  }
  await page.close();
  return times;
}

async function memory(ctx, url) {
  const page = await ctx.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.__readyAt !== undefined);
  const read = () => page.evaluate(async () => (await import('/dist/cdn/latest/seekpass-button.js')).memoryBytes());
  const afterMount = await read();
  for (let i = 0; i < CLICKS; i++) {
    const before = await page.evaluate(() => window.__errors = (window.__errors ?? 0));
    await page.evaluate(() => document.addEventListener('seekpass:error', () => { window.__errors += 1; }, { once: true }));
    await page.locator('#failing').getByRole('button').click();
    await page.waitForFunction((n) => window.__errors > n, before);
  }
  const afterClicks = await read();
  await page.close();
  return { afterMount, afterClicks };
}

/** Latencies of `count` requests at `concurrency`, each built by `make()`. */
async function load(make, count, concurrency) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = [];
  let next = 0;
  const start = performance.now();
  async function worker() {
    while (next < count) {
      next += 1;
      const { url, headers, body } = make();
      const t0 = performance.now();
      await new Promise((ok, fail) => {
        const req = request(url, { method: 'POST', headers, agent }, (res) => {
          res.resume();
          res.on('end', () => (res.statusCode < 300 ? ok() : fail(new Error(`status ${res.statusCode}`))));
        });
        req.on('error', fail);
        req.end(body);
      });
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  return { latencies, throughput: count / seconds };
}

async function postForm(url, form) {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form });
  return res.json();
}

const { child, base } = await startServer();
try {
  // 1. Bytes.
  const ours = (await measure()).total;
  const vanillaBytes = Buffer.concat([await readFile('www/bench/vanilla.js'), await readFile('www/bench/vanilla.css')]);
  const vanilla = {
    raw: vanillaBytes.length,
    gzip: gzipSync(vanillaBytes, { level: 9 }).length,
    brotli: brotliCompressSync(vanillaBytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };

  const b = await browser();
  // 2. Interactive.
  const [readyOurs, readyVanilla, readyPreload] = await interactive(b, [
    `${base}/bench/widget.html`, `${base}/bench/vanilla.html`, `${base}/dist/bench/widget-preload.html`,
  ]);
  // 3. Click → navigation.
  const ctx = await context(b, base);
  const [clickOurs, clickVanilla] = await clickToNavigation(ctx, [
    { url: `${base}/bench/widget.html`, selector: '#widget' },
    { url: `${base}/bench/vanilla.html`, selector: '#vanilla' },
  ]);
  // 5. Memory.
  const mem = await memory(ctx, `${base}/bench/widget.html`);
  // 6. Throttled links, clicking at first sight.
  const slow = THROTTLED_LOADS > 0 ? await throttled(b, base, { loads: THROTTLED_LOADS }) : [];
  await b.close();

  // 4. The proxy's added latency over a direct call to the mock, and its throughput.
  const cookie = (await fetch(`${base}/`)).headers.get('set-cookie').split(';')[0];
  const proxyReq = () => ({
    url: `${base}/api/seekpass/add`,
    headers: { 'Content-Type': 'application/json', 'X-SEEKPass-Widget': 'bench', Cookie: cookie },
    body: JSON.stringify({ credentialType: 'education', credentialRef: 'grad-2024-0042' }),
  });
  const { access_token: token } = await postForm(`${base}/api/partner/v1/oauth/token.json`,
    'grant_type=client_credentials&client_id=730845ab-0a0d-4f4d-9c98-d871755d3ce9&client_secret=mock-client-secret&scope=write.education');
  const payload = JSON.stringify({ id: 'bench-1', credential_type: 'education', document_type: 'none',
    data: { credential: { full_name: 'Bench Mark', education_provider: 'U', course_name: 'C', conferral_year: '2024' } } });
  const directReq = () => ({
    url: `${base}/api/partner/v1/add/education.json`,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: payload,
  });
  await load(proxyReq, 200, 4); // warm-up
  await load(directReq, 200, 4);
  // Interleaved rounds, so both sides see the same machine state.
  const direct = { latencies: [] };
  const proxied = { latencies: [] };
  for (let round = 0; round < 10; round++) {
    direct.latencies.push(...(await load(directReq, LOAD_REQUESTS / 10, 1)).latencies);
    proxied.latencies.push(...(await load(proxyReq, LOAD_REQUESTS / 10, 1)).latencies);
  }
  const busy = await load(proxyReq, LOAD_REQUESTS * 2, CONCURRENCY);

  const p = (xs) => [quantile(xs, 0.5), quantile(xs, 0.95)];
  const [r50, r95] = p(readyOurs);
  const [v50, v95] = p(readyVanilla);
  const [q50, q95] = p(readyPreload);
  const [c50, c95] = p(clickOurs);
  const [w50, w95] = p(clickVanilla);
  const kb = (x) => `${(x / 1024).toFixed(1)} KB`;
  const lines = [
    ['measure', 'widget', 'vanilla JS', 'ratio / note'],
    ['1. payload raw', kb(ours.raw), kb(vanilla.raw), ''],
    ['1. payload gzip -9', kb(ours.gzip), kb(vanilla.gzip), ''],
    ['1. payload brotli -q11', kb(ours.brotli), kb(vanilla.brotli), `budget 44000 B: ${ours.brotli} B`],
    [`2. interactive p50 (${LOADS} cold loads)`, ms(r50), ms(v50), `${(r50 / v50).toFixed(2)}x`],
    ['2. interactive p95', ms(r95), ms(v95), `${(r95 / v95).toFixed(2)}x`],
    ['2. interactive p50, with the wasm preload tag', ms(q50), ms(v50), `${(q50 / v50).toFixed(2)}x`],
    ['2. interactive p95, with the wasm preload tag', ms(q95), ms(v95), `${(q95 / v95).toFixed(2)}x`],
    [`3. click → navigation p50 (${CLICKS} clicks)`, ms(c50), ms(w50), `${(c50 / w50).toFixed(2)}x`],
    ['3. click → navigation p95', ms(c95), ms(w95), `${(c95 / w95).toFixed(2)}x`],
    [`4. proxy added latency p50 (${LOAD_REQUESTS} sequential)`, ms(quantile(proxied.latencies, 0.5) - quantile(direct.latencies, 0.5)), '', `proxy ${ms(quantile(proxied.latencies, 0.5))} vs mock ${ms(quantile(direct.latencies, 0.5))}`],
    ['4. proxy added latency p99', ms(quantile(proxied.latencies, 0.99) - quantile(direct.latencies, 0.99)), '', `proxy ${ms(quantile(proxied.latencies, 0.99))} vs mock ${ms(quantile(direct.latencies, 0.99))}`],
    [`4. proxy throughput (concurrency ${CONCURRENCY})`, `${busy.throughput.toFixed(0)} req/s`, '', `p50 ${ms(quantile(busy.latencies, 0.5))}, p99 ${ms(quantile(busy.latencies, 0.99))}`],
    ['5. wasm memory after mount', kb(mem.afterMount), '—', ''],
    [`5. wasm memory after ${CLICKS} clicks`, kb(mem.afterClicks), '—', `growth ${kb(mem.afterClicks - mem.afterMount)}`],
    ...slow,
  ];
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  for (const [i, l] of lines.entries()) {
    console.log(l.map((c, j) => c.padEnd(widths[j])).join(' | '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  }
} finally {
  child.kill();
}
