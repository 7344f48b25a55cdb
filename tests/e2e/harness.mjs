// Shared e2e harness: the static server with a scripted partner proxy, Debian Chromium via
// playwright-core, SEEK Pass app hosts routed to a recording stub, every other host aborted.
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { serve, STRICT_CSP } from '../../scripts/serve.mjs';
import { startBinary } from '../binary.mjs';

export const STAGING = 'https://app.seekpass-staging.com';
export const PRODUCTION = 'https://app.seekpass.co';
const PATHS = {
  education: ['education', 'open_cert'],
  english_proficiency: ['englishProficiency', 'english_assessment'],
  microcredential: ['microcredential', 'pdf'],
  digital_identity: ['digitalIdentity', 'none'],
  batch: ['batch', null],
  batch_microcredential: ['batch/microcredential', null],
};

/** The redirect the fake proxy hands out, with `&` or with curl's literal `\u0026`. */
export function redirectFor(type, sep = '&') {
  const [path, doc] = PATHS[type];
  const params = ['clientId=730845ab-0a0d-4f4d-9c98-d871755d3ce9', doc && `documentType=${doc}`,
    'content=d8a8eb57-c64f-4fc1-b362-b8df28fbf0a3'].filter(Boolean);
  return `${STAGING}/partner/add/${path}#${params.join(sep)}`;
}

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the server; `requests` records every proxy call. */
export async function startServer() {
  const requests = [];
  const api = async (req, res, url) => {
    if (!url.pathname.startsWith('/api/')) return false;
    const body = await readBody(req);
    requests.push({ path: url.pathname, headers: req.headers, body });
    if (url.pathname === '/api/test/hang') return true; // never answers
    // A status endpoint answering `value` for any `<type>/<reference(s)>`; `fail` answers 500.
    const known = url.pathname.match(/^\/api\/test\/seekpass-status\/([a-z_]+)\/[a-z_]+\/[^/]+$/);
    if (known && req.method === 'GET') {
      const [code, json] = known[1] === 'fail' ? [500, '{"error":{"code":"internal"}}'] : [200, JSON.stringify({ status: known[1], finalized_at: null })];
      res.writeHead(code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(json);
      return true;
    }
    const status = url.pathname.match(/^\/api\/test\/status\/(\d+)$/);
    if (status) {
      res.writeHead(Number(status[1]), { 'Content-Type': 'application/json' }).end('{"error":{"code":"x"}}');
      return true;
    }
    if (url.pathname !== '/api/seekpass/add' || req.method !== 'POST' || !req.headers['x-seekpass-widget']) {
      res.writeHead(403, { 'Content-Type': 'application/json' }).end('{"error":{"code":"forbidden"}}');
      return true;
    }
    const { credentialType } = JSON.parse(body);
    // JSON text `\\u0026` is the literal six characters `\u0026` once parsed: the curl case.
    const json = JSON.stringify({ redirect_uri: redirectFor(credentialType, '\\u0026') });
    res.writeHead(201, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(json);
    return true;
  };
  // `?csp=nowasm` serves the strict policy without 'wasm-unsafe-eval'; `?csp=none` serves none.
  const policies = { none: null, nowasm: STRICT_CSP.replace(" 'wasm-unsafe-eval'", '') };
  const csp = (url) => {
    const choice = url.searchParams.get('csp');
    return choice in policies ? policies[choice] : STRICT_CSP;
  };
  const { server, url } = await serve({ port: 0, api, csp });
  return { server, base: url.replace(/\/$/, ''), requests };
}

/**
 * The real server binary (mock mode; `vars` added to its environment) and a launched Chromium
 * (`launch()`) for one test file: started before its tests, `onStart({ server, base, env })`
 * told, both stopped after them.
 */
export function withBinary(vars, onStart) {
  let started = null;
  before(async () => {
    const { server, base } = await startBinary(vars);
    started = { server, base, env: await launch() };
    onStart(started);
  });
  after(async () => {
    await started?.env.browser.close();
    started?.server.kill();
  });
}

/** Launches Chromium with a context whose outside traffic is stubbed or aborted. */
export async function launch({ bypassCSP = false } = {}) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  const context = await browser.newContext({ bypassCSP, viewport: { width: 1000, height: 800 } });
  const landed = [];
  await context.route(/^https?:\/\/(?!(127\.0\.0\.1|localhost)[:/])/, (route) => route.abort('blockedbyclient'));
  // Both SEEK Pass app hosts land on a recording stub; every other outside host was aborted above.
  for (const host of [STAGING, PRODUCTION]) {
    await context.route(`${host}/**`, (route) => {
      landed.push({ url: route.request().url(), referer: route.request().headers().referer });
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>SEEK Pass (stub)</title><p>stub</p>' });
    });
  }
  await context.addInitScript(() => {
    window.__seekpass = { events: [], violations: [] };
    for (const name of ['ready', 'click', 'navigate', 'retry', 'error', 'status']) {
      document.addEventListener(`seekpass:${name}`, (e) => {
        window.__seekpass.events.push({ type: e.type, detail: JSON.parse(JSON.stringify(e.detail)) });
      });
    }
    document.addEventListener('securitypolicyviolation', (e) => {
      // The sample says what a Trusted Types refusal was about (the sink and its value's start).
      window.__seekpass.violations.push(`${e.violatedDirective} ${e.blockedURI}${e.sample ? ` ${e.sample}` : ''}`);
    });
  });
  const problems = [];
  const consoleAll = [];
  context.on('page', (page) => watch(page, problems, consoleAll));
  return { browser, context, landed, problems, consoleAll };
}

function watch(page, problems, consoleAll) {
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    consoleAll.push(m.text());
    // Chromium logs every 4xx/5xx fetch itself; those are the scenarios, not widget output.
    if (m.text().startsWith('Failed to load resource: the server responded with a status of')) return;
    if (['error', 'warning'].includes(m.type())) problems.push(`console ${m.type()}: ${m.text()}`);
  });
}

/** Resolves when `count` buttons on the page have dispatched `seekpass:ready`. */
export async function ready(page, count = 1) {
  await page.waitForFunction((n) => window.__seekpass.events.filter((e) => e.type === 'seekpass:ready').length >= n,
    count, { timeout: 15000 });
}
