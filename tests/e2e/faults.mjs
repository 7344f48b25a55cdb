// The fault server and the always-on checks of the threat matrix (threats.md §4, R-E).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { serve, STRICT_CSP } from '../../scripts/serve.mjs';
import { STAGING } from './harness.mjs';

/** Planted in bodies, ids and headers; must never surface anywhere but the final navigation. */
export const CANARY = 'ZZ-CANARY-7f3a';

export const GOOD = `${STAGING}/partner/add/education#clientId=730845ab-0a0d-4f4d-9c98-d871755d3ce9`
  + `&documentType=open_cert&content=${CANARY}-d8a8eb57`;

/**
 * A server whose `/api/fault` answers follow `plan`: one step per request (the last repeats).
 * Step: {status, headers, body, delayMs, trickle, reset, redirect, bytes, stream}.
 * `stream: n` sends n bytes chunked (no Content-Length), honouring back-pressure; what happened
 * is left in `state.stream` ({written, closedEarly}).
 */
export async function faultServer() {
  const state = { plan: [], requests: [], csp: STRICT_CSP };
  const api = async (req, res, url) => {
    if (url.pathname === '/csp/nonce.html') {
      const nonce = randomBytes(16).toString('base64');
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': `script-src 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'; default-src 'self'`,
      });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>nonce</title>
<script type="module" nonce="${nonce}" src="/dist/cdn/latest/seekpass-button.js"></script></head>
<body><main><seek-pass-button id="b" endpoint="/api/fault" credential-type="education" credential-ref="canary-ref" environment="staging"></seek-pass-button></main></body></html>`);
      return true;
    }
    if (url.pathname !== '/api/fault' && url.pathname !== '/login') return false;
    const chunks = [];
    for await (const c of req) chunks.push(c);
    state.requests.push({ path: url.pathname, headers: req.headers, body: Buffer.concat(chunks).toString() });
    if (url.pathname === '/login') {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('login');
      return true;
    }
    const step = state.plan.length > 1 ? state.plan.shift() : state.plan[0] ?? { status: 201, body: { redirect_uri: GOOD } };
    // Unref'd, so a scenario's long delay never keeps the test process alive after it ends.
    if (step.delayMs) await new Promise((r) => setTimeout(r, step.delayMs).unref());
    if (step.reset) {
      req.socket.destroy();
      return true;
    }
    if (step.redirect) {
      res.writeHead(302, { Location: step.redirect }).end();
      return true;
    }
    const headers = { 'Content-Type': 'application/json', 'X-Canary': CANARY, ...step.headers };
    if (step.trickle) {
      res.writeHead(step.status ?? 200, headers);
      res.write('{"redirect_uri":"');
      const timer = setInterval(() => res.write('a'), 200).unref();
      res.on('close', () => clearInterval(timer));
      return true;
    }
    if (step.stream) {
      res.writeHead(step.status ?? 201, headers);
      const record = { written: 0, closedEarly: false };
      state.stream = record;
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      res.on('close', () => { record.closedEarly = !res.writableFinished; });
      const pump = () => {
        while (record.written < step.stream && !res.destroyed) {
          record.written += chunk.length;
          if (!res.write(chunk)) return res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      res.write('{"redirect_uri":"', pump);
      return true;
    }
    if (step.bytes) {
      res.writeHead(step.status ?? 201, { ...headers, 'Content-Length': String(step.bytes) });
      res.end(Buffer.alloc(step.bytes, 0x20));
      return true;
    }
    const body = typeof step.body === 'string' ? step.body : JSON.stringify(step.body ?? { error: { code: CANARY } });
    res.writeHead(step.status ?? 201, headers).end(step.status === 204 ? undefined : body);
    return true;
  };
  const csp = (url) => {
    const choice = url.searchParams.get('csp');
    if (choice === 'none') return null;
    if (choice === 'nowasm') return STRICT_CSP.replace(" 'wasm-unsafe-eval'", '');
    return STRICT_CSP;
  };
  const { server, url } = await serve({ port: 0, api, csp });
  return { server, base: url.replace(/\/$/, ''), state };
}

/** Everything a page could leak into, as one string (read while still on the partner page). */
export async function surfaces(page, context) {
  const inPage = await page.evaluate(() => {
    const roots = [...document.querySelectorAll('seek-pass-button')].map((el) => el.shadowRoot?.innerHTML ?? '');
    return JSON.stringify({
      dom: document.documentElement.outerHTML, roots, url: location.href,
      local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie,
      events: window.__seekpass?.events ?? [],
    });
  });
  return inPage + JSON.stringify(await context.cookies());
}

/** The always-on assertions of every scenario. */
export function assertClean({ console, requests, expectRequests, landed, text }) {
  assert.equal(requests.length, expectRequests, 'proxy requests');
  const keys = new Set(requests.map((r) => r.headers['idempotency-key']));
  assert.ok(keys.size <= 1, 'one idempotency key across retries');
  for (const r of requests) {
    assert.equal(r.headers.authorization, undefined, 'no Authorization header from the browser');
    assert.ok(!r.body.includes(CANARY));
  }
  assert.ok(landed.length <= 1, 'at most one navigation');
  for (const line of console) assert.ok(!line.includes(CANARY), `canary in console: ${line}`);
  if (text) assert.ok(!text.includes(CANARY), 'canary on the page');
}
