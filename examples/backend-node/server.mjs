// A partner backend for the button in plain Node.js (node:http, no framework): contract v1 in
// JSON and form mode, and the status endpoint, against SEEK Pass or the mock (seekpass.mjs).
// Against the mock: `npm start` in the repository (the mock on :8080), then
// `node examples/backend-node/server.mjs` and open http://127.0.0.1:3000/ (README, Quick start).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { addLink, status, user, sign, Refusal, TYPES, ENDPOINT, STATUS, PUBLIC_ORIGIN, APP, PORT, root } from './seekpass.mjs';

const FIELDS = new Set(['credentialType', 'credentialRef', 'credentialRefs', 'locale']);
const RETRYABLE = new Set([429, 502, 503, 504]);
const MIME = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.html': 'text/html' };
const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self' " + APP;

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(body);
}
const sendJson = (res, status, value, headers) => send(res, status, JSON.stringify(value), { 'content-type': 'application/json', ...headers });
const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function body(req) {
  const chunks = []; let size = 0;
  for await (const c of req) { size += c.length; if (size > 65_536) throw new Refusal(413, 'bad_request'); chunks.push(c); }
  return Buffer.concat(chunks).toString('utf8');
}

// One credential type and its references, whichever way they were sent.
function request(type, ref, refs) {
  if (!Object.hasOwn(TYPES, type ?? '')) throw new Refusal(400, 'bad_request');
  const list = ref !== undefined && refs === undefined ? [ref] : refs;
  if (!Array.isArray(list) || (ref !== undefined && refs !== undefined) || !list.every((r) => typeof r === 'string' && /^[\w.-]{1,64}$/.test(r))) {
    throw new Refusal(400, 'bad_request');
  }
  return [type, list];
}

// CSRF: fetch metadata where the browser sends it; else (form mode only) the Origin.
function sameOrigin(req) {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  return req.headers.origin === PUBLIC_ORIGIN || req.headers.origin === `http://${req.headers.host}`;
}

async function addJson(req, res) {
  if (req.headers['sec-fetch-site'] !== undefined && req.headers['sec-fetch-site'] !== 'same-origin') throw new Refusal(403, 'forbidden');
  if (!req.headers['x-seekpass-widget']) throw new Refusal(403, 'forbidden');
  const who = user(req);
  if (!who) throw new Refusal(401, 'not_authenticated');
  let b;
  try { b = JSON.parse(await body(req)); } catch { throw new Refusal(400, 'bad_request'); }
  if (typeof b !== 'object' || b === null || Object.keys(b).some((k) => !FIELDS.has(k))) throw new Refusal(400, 'bad_request');
  const [type, refs] = request(b.credentialType, b.credentialRef, b.credentialRefs);
  sendJson(res, 200, { redirect_uri: await addLink(who, type, refs) });
}

async function addForm(req, res) {
  const form = new URLSearchParams(await body(req));
  const fields = [...form.keys()];
  const single = (k) => (form.getAll(k).length > 1 ? null : form.get(k) ?? undefined);
  try {
    if (!sameOrigin(req)) throw new Refusal(403, 'forbidden');
    if (fields.some((k) => !FIELDS.has(k)) || [single('credentialType'), single('credentialRef')].includes(null)) throw new Refusal(400, 'bad_request');
    const who = user(req);
    if (!who) throw new Refusal(401, 'not_authenticated');
    const many = form.getAll('credentialRefs');
    const [type, refs] = request(single('credentialType'), single('credentialRef'), many.length ? many : undefined);
    continuePage(res, await addLink(who, type, refs));
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    failurePage(req, res, e, form);
  }
}

// The form mode's success: a page of this origin that goes on to SEEK Pass by itself. Not a 303:
// with `form-action 'self'` in the page's CSP, browsers refuse a form's redirect to another
// origin, and no CSP directive governs a refresh. Never cached, no referrer.
function continuePage(res, link) {
  const href = escape(link);
  send(res, 200, `<!doctype html><html lang="en"><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=${href}"><title>Opening SEEK Pass…</title><p><a href="${href}">Open SEEK Pass</a></p></html>`,
    { 'content-type': 'text/html; charset=utf-8', 'referrer-policy': 'no-referrer', 'content-security-policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'" });
}

// The form mode's failure: what happened, "Try again" only where it can help, a same-origin way back.
function failurePage(req, res, e, form) {
  const words = {
    401: 'Please sign in again, then add your credential.', 403: 'This request was refused.',
    404: 'We could not find that credential.', 429: 'Too many attempts. Please wait a moment.',
  };
  const retry = RETRYABLE.has(e.status)
    ? `<form method="post" action="${ENDPOINT}">${[...form].filter(([k]) => FIELDS.has(k)).map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`).join('')}<button>Try again</button></form>` : '';
  let back = '';
  try { const r = new URL(req.headers.referer); if (r.origin === PUBLIC_ORIGIN) back = `<p><a href="${escape(r.href)}">Back</a></p>`; } catch { /* no way back */ }
  const text = words[e.status] ?? 'SEEK Pass could not be reached. Please try again.';
  send(res, e.status, `<!doctype html><html lang="en"><meta charset="utf-8"><title>Add to SEEK Pass</title><p>${text}</p>${retry}${back}</html>`,
    { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; form-action 'self'" });
}

async function page(req, res) {
  const who = 'learner-jane'; // the demo signs everyone in as one learner; yours has real sign-in
  let markup = '<p>Run <code>npm run build</code> in the repository first: this page uses its dist/.</p>'; let snippet = '';
  try {
    const { renderButtonHtml } = await import(join(root, 'dist/npm/html.js'));
    snippet = await readFile(join(root, 'dist/cdn/latest/snippet.html'), 'utf8');
    const environment = new URL(APP).protocol === 'https:' ? (APP.includes('staging') ? 'staging' : 'production') : APP;
    markup = renderButtonHtml({ endpoint: ENDPOINT, statusEndpoint: STATUS.slice(0, -1), credentialType: 'education', credentialRef: 'grad-2024-0042', environment });
  } catch { /* not built */ }
  send(res, 200, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Node backend example</title>${snippet}</head><body><main><h1>Your degree</h1>${markup}</main></body></html>`, {
    'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP,
    'set-cookie': `sp_session=${who}.${sign(who)}; HttpOnly; SameSite=Strict; Path=/`,
  });
}

// The button's files, as a CDN would serve them (the snippet's /seekpass/v<version>/ paths).
async function asset(req, res, path) {
  const file = normalize(join(root, 'dist/cdn', path.slice('/seekpass/'.length)));
  if (!file.startsWith(join(root, 'dist/cdn/'))) throw new Refusal(404, 'not_found');
  const bytes = await readFile(file).catch(() => { throw new Refusal(404, 'not_found'); });
  send(res, 200, bytes, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'public, max-age=300' });
}

async function route(req, res) {
  const { pathname } = new URL(req.url, 'http://x');
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (req.method === 'GET' && pathname === '/') return page(req, res);
  if (req.method === 'GET' && pathname.startsWith('/seekpass/')) return asset(req, res, pathname);
  if (req.method === 'POST' && pathname === ENDPOINT) {
    if (type === 'application/json') return addJson(req, res);
    if (type === 'application/x-www-form-urlencoded') return addForm(req, res);
    throw new Refusal(415, 'unsupported_media_type');
  }
  if (req.method === 'GET' && pathname.startsWith(STATUS)) {
    if (req.headers['sec-fetch-site'] !== undefined && req.headers['sec-fetch-site'] !== 'same-origin') throw new Refusal(403, 'forbidden');
    const who = user(req);
    if (!who) throw new Refusal(401, 'not_authenticated');
    const [t, list = ''] = pathname.slice(STATUS.length).split('/').map(decodeURIComponent);
    const [ty, refs] = request(t, undefined, list.split(','));
    return sendJson(res, 200, await status(who, ty, refs));
  }
  throw new Refusal(404, 'not_found');
}

createServer((req, res) => {
  route(req, res).catch((e) => {
    const r = e instanceof Refusal ? e : new Refusal(500, 'internal');
    if (!(e instanceof Refusal)) console.error('internal error', e.name); // never the body or a link
    sendJson(res, r.status, { error: { code: r.code } }, r.retryAfter ? { 'retry-after': r.retryAfter } : {});
  });
}).listen(PORT, '127.0.0.1', () => console.log(`node backend example: ${PUBLIC_ORIGIN}/ (SEEK Pass at ${APP})`));
