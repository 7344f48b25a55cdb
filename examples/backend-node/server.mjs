// A partner backend for the button in plain Node.js (node:http, no framework, no dependencies):
// contract v1 in JSON and form mode, and the status endpoint, against SEEK Pass or the mock.
// Against the mock: `npm start` in the repository (the mock on :8080), then
// `node examples/backend-node/server.mjs` and open http://127.0.0.1:3000/ (README, Quick start).
// Which file to copy for what: examples/backend-node/README.md.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { APP, HEADER_TIMEOUT_S, PORT, PUBLIC_ORIGIN, REQUEST_TIMEOUT_S, root } from './config.mjs';
import { Refusal, admit, admitAs, body, formAllowed, jsonAllowed, sessionCookie, user } from './guard.mjs';
import { PREFIX, hold, landingPage, refusedPage } from './links.mjs';
import { ENDPOINT, FIELDS, STATUS, continuePage, demoPage, failurePage, send } from './pages.mjs';
import { TYPES, addLink, records, status } from './seekpass.mjs';

const MIME = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.html': 'text/html' };
const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const sendJson = (res, status, value, headers) => send(res, status, JSON.stringify(value), { 'content-type': 'application/json', ...headers });

// One credential type and its references, whichever way they were sent.
function request(type, ref, refs) {
  if (!Object.hasOwn(TYPES, type ?? '')) throw new Refusal(400, 'bad_request');
  const list = ref !== undefined && refs === undefined ? [ref] : refs;
  const valid = Array.isArray(list) && list.length > 0 && list.length <= 10 && (ref === undefined || refs === undefined)
    && list.every((r) => typeof r === 'string' && /^[\w-][\w.-]{0,63}$/.test(r)) && new Set(list).size === list.length;
  if (!valid) throw new Refusal(400, 'bad_request');
  return [type, list];
}

async function addJson(req, res) {
  if (!jsonAllowed(req)) throw new Refusal(403, 'forbidden');
  const who = admit(req, 'add');
  let b;
  try { b = JSON.parse(await body(req)); } catch (e) { throw e instanceof Refusal ? e : new Refusal(400, 'bad_request'); }
  if (typeof b !== 'object' || b === null || Array.isArray(b) || Object.keys(b).some((k) => !FIELDS.has(k))) throw new Refusal(400, 'bad_request');
  const [type, refs] = request(b.credentialType, b.credentialRef, b.credentialRefs);
  sendJson(res, 200, { redirect_uri: await addLink(who, type, refs) });
}

async function addForm(req, res) {
  let form = null;
  try {
    if (!formAllowed(req)) throw new Refusal(403, 'forbidden');
    form = new URLSearchParams(await body(req));
    const single = (k) => (form.getAll(k).length > 1 ? null : form.get(k) ?? undefined);
    if ([...form.keys()].some((k) => !FIELDS.has(k)) || [single('credentialType'), single('credentialRef'), single('locale')].includes(null)) throw new Refusal(400, 'bad_request');
    const who = admit(req, 'add');
    const many = form.getAll('credentialRefs');
    const [type, refs] = request(single('credentialType'), single('credentialRef'), many.length ? many : undefined);
    continuePage(res, await addLink(who, type, refs));
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    failurePage(req, res, e, form, PUBLIC_ORIGIN);
  }
}

async function statusJson(req, res, path) {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') throw new Refusal(403, 'forbidden');
  const who = admit(req, 'status');
  let parts;
  try { parts = path.split('/').map(decodeURIComponent); } catch { throw new Refusal(400, 'bad_request'); }
  if (parts.length !== 2) throw new Refusal(404, 'not_found');
  const [type, refs] = request(parts[0], undefined, parts[1].split(','));
  sendJson(res, 200, await status(who, type, refs));
}

// An entry link's landing (links.mjs): GET and HEAD only show the page.
async function landing(req, res, handle) {
  let held;
  try { held = hold(handle); } catch (e) { if (e instanceof Refusal && [404, 410].includes(e.status)) return refusedPage(req, res, e); throw e; }
  return landingPage(req, res, handle, held, user(req) === held.claims.user);
}

// Its confirmation: a same-origin POST from that page, as a form or from the upgraded button.
async function confirmLink(req, res, handle, isForm) {
  try {
    if (!(isForm ? formAllowed(req) : jsonAllowed(req))) throw new Refusal(403, 'forbidden');
    const { claims } = hold(handle);
    await body(req);
    // A printed link grants nothing by itself: its owner must be signed in.
    if (claims.channel === 'print' && user(req) !== claims.user) throw new Refusal(401, 'not_authenticated');
    admitAs(req, 'add', claims.user);
    const link = await addLink(claims.user, claims.type, claims.refs);
    console.log(`link confirm ${claims.channel}`);
    return isForm ? continuePage(res, link) : sendJson(res, 200, { redirect_uri: link });
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    if (!isForm) throw e.status === 410 ? new Refusal(404, 'not_found') : e;
    if (e.status === 404 || e.status === 410) return refusedPage(req, res, e);
    return failurePage(req, res, e, null, PUBLIC_ORIGIN);
  }
}

// The demo signs in one of its learners (`?learner=` picks another); yours has real sign-in.
function demo(req, res, url) {
  const next = url.searchParams.get('next');
  const asked = url.searchParams.get('learner');
  const known = records.learners.some((l) => l.id === asked);
  const current = user(req);
  const who = known ? asked : current ?? 'learner-jane';
  // Back to the printed link a person came from, signed in (your sign-in does the same).
  if (next && next.startsWith(PREFIX) && !/[\\?#]/.test(next)) {
    return send(res, 303, '', { location: next, ...(who !== current ? { 'set-cookie': sessionCookie(who) } : {}) });
  }
  return demoPage(res, who !== current ? sessionCookie(who) : null, `${CSP.replace("form-action 'self'", `form-action 'self' ${APP}`)}`);
}

// The button's files, as a CDN would serve them (the snippet's /seekpass/v<version>/ paths).
async function asset(res, path) {
  const file = normalize(join(root, 'dist/cdn', path.slice('/seekpass/'.length)));
  if (!file.startsWith(join(root, 'dist/cdn/'))) throw new Refusal(404, 'not_found');
  const bytes = await readFile(file).catch(() => { throw new Refusal(404, 'not_found'); });
  send(res, 200, bytes, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'public, max-age=300' });
}

async function route(req, res) {
  const url = new URL(req.url, 'http://x');
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (req.method === 'GET' && url.pathname === '/') return demo(req, res, url);
  if (req.method === 'GET' && url.pathname.startsWith('/seekpass/')) return asset(res, url.pathname);
  if (url.pathname.startsWith(PREFIX)) {
    let handle;
    try { handle = decodeURIComponent(url.pathname.slice(PREFIX.length)); } catch { throw new Refusal(404, 'not_found'); }
    if (req.method === 'GET' || req.method === 'HEAD') return landing(req, res, handle);
    if (req.method === 'POST' && ['application/json', 'application/x-www-form-urlencoded'].includes(type)) return confirmLink(req, res, handle, type !== 'application/json');
    throw new Refusal(405, 'method_not_allowed');
  }
  if (req.method === 'POST' && url.pathname === ENDPOINT) {
    if (type === 'application/json') return addJson(req, res);
    if (type === 'application/x-www-form-urlencoded') return addForm(req, res);
    throw new Refusal(415, 'unsupported_media_type');
  }
  if (req.method === 'GET' && url.pathname.startsWith(STATUS)) return statusJson(req, res, url.pathname.slice(STATUS.length));
  if (url.pathname === ENDPOINT || url.pathname.startsWith(STATUS)) throw new Refusal(405, 'method_not_allowed');
  throw new Refusal(404, 'not_found');
}

// Slow clients are dropped (threats.md item 53): headers within 10 s, the whole request within
// 30 s (both configurable), idle keep-alive 5 s, checked every second; at most 512 connections.
const timeouts = { headersTimeout: HEADER_TIMEOUT_S * 1000, requestTimeout: REQUEST_TIMEOUT_S * 1000, keepAliveTimeout: 5_000, connectionsCheckingInterval: 1_000 };
const server = createServer(timeouts, (req, res) => {
  route(req, res).catch((e) => {
    const r = e instanceof Refusal ? e : new Refusal(500, 'internal');
    if (!(e instanceof Refusal)) console.error('internal error', e.name); // never the body or a link
    const headers = r.retryAfter ? { 'retry-after': String(r.retryAfter) } : {};
    if (r.status === 405) headers.allow = req.url.startsWith(ENDPOINT) ? 'POST' : 'GET';
    if (r.status === 413) headers.connection = 'close';
    sendJson(res, r.status, { error: { code: r.code } }, headers);
  });
});
server.maxConnections = 512;
server.listen(PORT, '127.0.0.1', () => console.log(`node backend example: ${PUBLIC_ORIGIN}/ (SEEK Pass at ${APP})`));
