// `npm run conformance -- <base URL> [options]`: drives any partner backend through contract v1
// (JSON and form mode, CSRF refusals, idempotent repeats, error shapes, no-store, no CORS, status)
// as the button and a browser would, and prints what passes. Exit 1 when anything fails.
// The link a backend answers is a capability: it is compared, never printed.
//
// Options (defaults fit the reference proxy and examples/backend-node against the mock):
//   --endpoint /api/seekpass/add     --status /api/seekpass/status (or --status none)
//   --type education --ref grad-2024-0042     --foreign-ref grad-2023-0107 (another user's)
//   --cookie 'name=value'  the signed-in user's session (default: the Set-Cookie of GET /)
import { parseArgs } from 'node:util';

const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    endpoint: { type: 'string', default: '/api/seekpass/add' },
    status: { type: 'string', default: '/api/seekpass/status' },
    type: { type: 'string', default: 'education' },
    ref: { type: 'string', default: 'grad-2024-0042' },
    'foreign-ref': { type: 'string', default: 'grad-2023-0107' },
    cookie: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (opt.help || positionals.length !== 1) {
  console.log('usage: npm run conformance -- <base URL> [--endpoint P] [--status P|none] [--type T] [--ref R] [--foreign-ref R] [--cookie C]');
  process.exit(opt.help ? 0 : 2);
}
const base = new URL(positionals[0]);
const origin = base.origin;
const add = new URL(opt.endpoint, base).href;

async function session() {
  if (opt.cookie) return opt.cookie;
  const r = await fetch(new URL('/', base), { redirect: 'manual' });
  const set = r.headers.get('set-cookie');
  if (!set) throw new Error('GET / set no session cookie: pass --cookie');
  return set.split(';')[0];
}

const results = [];
async function check(name, fn) {
  try {
    await fn();
    results.push([true, name]);
  } catch (e) {
    results.push([false, `${name}: ${e.message}`]);
  }
}
const expect = (cond, what) => { if (!cond) throw new Error(what); };
// An attribute's text as the browser reads it (numeric and the common named references).
const unescapeHtml = (s) => s.replace(/&(#x[\da-f]+|#\d+|amp|quot|apos|lt|gt);/gi, (_, e) => (
  e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
    : { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' }[e.toLowerCase()]));

const cookie = await session();
// A same-origin, signed-in POST as a browser sends it; an `extra` header set to null is left out.
const post = (type, body, own, extra) => fetch(add, {
  method: 'POST',
  redirect: 'manual',
  headers: Object.fromEntries(Object.entries({
    'content-type': type, 'sec-fetch-site': 'same-origin', origin, cookie, ...own, ...extra,
  }).filter(([, v]) => v !== null)),
  body,
});
const json = (body, headers = {}) => post('application/json', JSON.stringify(body),
  { accept: 'application/json', 'x-seekpass-widget': 'conformance' }, headers);
const form = (fields, headers = {}) => post('application/x-www-form-urlencoded', new URLSearchParams(fields).toString(), {}, headers);
// The link of a JSON answer, `\u0026` repaired as the button does.
const linkOf = (body) => new URL(body.redirect_uri.replaceAll('\\u0026', '&')).href;
const one = { credentialType: opt.type, credentialRef: opt.ref };
async function errorShape(r, status, code) {
  expect(r.status === status, `status ${r.status}, expected ${status}`);
  const body = await r.json().catch(() => null);
  expect(typeof body?.error?.code === 'string', 'no {"error":{"code"}} body');
  if (code) expect(body.error.code === code, `code ${body.error.code}, expected ${code}`);
  expect(r.headers.get('cache-control') === 'no-store', 'no Cache-Control: no-store');
}

let link = null;
await check('JSON add: 200/201 {"redirect_uri"} over https or loopback, no-store, no CORS', async () => {
  const r = await json(one);
  expect(r.status === 200 || r.status === 201, `status ${r.status}`);
  expect(r.headers.get('cache-control') === 'no-store', 'no Cache-Control: no-store');
  expect(!r.headers.has('access-control-allow-origin'), 'answers CORS');
  const body = await r.json();
  expect(typeof body.redirect_uri === 'string', 'no redirect_uri string');
  const u = new URL(linkOf(body));
  expect(u.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname), 'not https');
  expect(u.pathname.startsWith('/partner/add/') && u.hash.includes('content='), 'not a /partner/add/…#…content= link');
  link = u.href;
});
await check('JSON add repeated: the same link (one id per user, endpoint and references)', async () => {
  const r = await json(one);
  const body = await r.json();
  expect(linkOf(body) === link, 'a different link');
});
await check('a foreign origin gets no CORS answer', async () => {
  const r = await json(one, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
  expect(!r.headers.has('access-control-allow-origin'), 'answers CORS');
  await errorShape(r, 403, 'forbidden');
});
await check('JSON without X-SEEKPass-Widget: 403 forbidden', async () => {
  await errorShape(await json(one, { 'x-seekpass-widget': null }), 403, 'forbidden');
});
await check('no session: 401 not_authenticated', async () => {
  await errorShape(await json(one, { cookie: null }), 401, 'not_authenticated');
});
await check("another user's reference: refused exactly like an unknown one (403 or 404, no oracle)", async () => {
  const foreign = await json({ credentialType: opt.type, credentialRef: opt['foreign-ref'] });
  const unknown = await json({ credentialType: opt.type, credentialRef: 'conformance-no-such-ref' });
  const [a, b] = [await foreign.text(), await unknown.text()];
  expect(foreign.status === unknown.status && a === b, `${foreign.status} ${a} vs ${unknown.status} ${b}`);
  expect(foreign.status === 403 || foreign.status === 404, `status ${foreign.status}`);
  expect(foreign.headers.get('cache-control') === 'no-store' && JSON.parse(a)?.error?.code, 'no no-store {"error":{"code"}}');
});
await check('an unknown body field: 400 bad_request', async () => {
  await errorShape(await json({ ...one, fullName: 'Mallory' }), 400, 'bad_request');
});
await check('a text/plain body: 415 or 400, never a link', async () => {
  const r = await fetch(add, { method: 'POST', headers: { 'content-type': 'text/plain', 'x-seekpass-widget': 'conformance', cookie }, body: JSON.stringify(one) });
  await errorShape(r, r.status === 400 ? 400 : 415);
});
// The form mode goes on with a page of the partner's origin: a 303 to SEEK Pass is refused by
// browsers wherever the partner's CSP says `form-action 'self'` (threats.md item 76).
await check('form mode: 200 page that refreshes to the same link (not a 303), no-store', async () => {
  const r = await form(one);
  expect(r.status === 200, `status ${r.status}${r.status === 303 ? ": a 303 is refused under form-action 'self'" : ''}`);
  expect(r.headers.get('cache-control') === 'no-store', 'no Cache-Control: no-store');
  expect((r.headers.get('content-type') ?? '').startsWith('text/html'), 'not an HTML page');
  const html = await r.text();
  const refresh = /<meta\s+http-equiv="refresh"\s+content="0;\s*url=([^"]+)"/i.exec(html);
  expect(refresh, 'no <meta http-equiv="refresh" content="0; url=…">');
  expect(new URL(unescapeHtml(refresh[1])).href === link, 'the refresh target is not the JSON link');
  expect(/<a\s[^>]*href=/i.test(html), 'no link to continue where refresh is off');
});
await check('form mode, cross-site post: 403 page, no redirect', async () => {
  const r = await form(one, { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' });
  expect(r.status === 403 && !r.headers.has('location'), `status ${r.status}`);
  expect((r.headers.get('content-type') ?? '').startsWith('text/html'), 'not an HTML page');
});
await check('form mode, no fetch metadata and a foreign Origin: 403', async () => {
  const r = await form(one, { 'sec-fetch-site': null, origin: 'https://evil.example' });
  expect(r.status === 403 && !r.headers.has('location'), `status ${r.status}`);
});
if (opt.status !== 'none') {
  const statusUrl = new URL(`${opt.status}/${encodeURIComponent(opt.type)}/${encodeURIComponent(opt.ref)}`, base);
  await check('status: 200 {status, finalized_at} in the documented set, no-store', async () => {
    const r = await fetch(statusUrl, { headers: { accept: 'application/json', 'sec-fetch-site': 'same-origin', cookie } });
    expect(r.status === 200, `status ${r.status}`);
    expect(r.headers.get('cache-control') === 'no-store', 'no Cache-Control: no-store');
    const body = await r.json();
    expect(['verified', 'canceled', 'incomplete', 'not_submitted', 'unknown'].includes(body.status), `status ${body.status}`);
    expect('finalized_at' in body, 'no finalized_at');
  });
  await check('status, cross-site: 403', async () => {
    const r = await fetch(statusUrl, { headers: { accept: 'application/json', 'sec-fetch-site': 'cross-site', cookie } });
    await errorShape(r, 403, 'forbidden');
  });
  await check('status without a session: 401', async () => {
    await errorShape(await fetch(statusUrl, { headers: { accept: 'application/json' } }), 401, 'not_authenticated');
  });
}

for (const [ok, line] of results) console.log(`${ok ? 'PASS' : 'FAIL'}  ${line}`);
const failed = results.filter(([ok]) => !ok).length;
console.log(`${results.length - failed} of ${results.length} checks pass against ${origin}`);
process.exit(failed ? 1 : 0);
