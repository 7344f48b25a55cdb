// The SEEK Pass side of the Node example backend: OAuth client credentials, the add and status
// calls, the id rule, the link check, and SEEK Pass's answers mapped onto contract v1.
// docs/partner-backend.md explains each step; server.mjs is the HTTP side.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const env = (name, fallback) => process.env[name] || fallback;
const root = fileURLToPath(new URL('../../', import.meta.url));
const API = new URL(env('SEEKPASS_API_BASE', 'http://127.0.0.1:8080')).origin; // staging: https://app.seekpass-staging.com
const APP = new URL(env('SEEKPASS_APP_ORIGIN', API)).origin; // where links must point
const CLIENT_ID = env('SEEKPASS_CLIENT_ID', '730845ab-0a0d-4f4d-9c98-d871755d3ce9'); // the mock's client
const CLIENT_SECRET = env('SEEKPASS_CLIENT_SECRET', 'mock-client-secret');
const ID_KEY = Buffer.from(env('SEEKPASS_ID_KEY', randomBytes(32).toString('hex')), 'hex'); // stable in production
const SESSION_KEY = randomBytes(32);
const PORT = Number(env('PORT', '3000'));
const PUBLIC_ORIGIN = env('PUBLIC_ORIGIN', `http://127.0.0.1:${PORT}`);
const ENDPOINT = '/api/seekpass/add';
const STATUS = '/api/seekpass/status/';

// The SEEK Pass side of each credential type (docs/partner-backend.md §1–3).
const TYPES = {
  education: { path: '/api/partner/v1/add/education.json', scope: 'write.education', app: 'education', items: 'education_items' },
  english_proficiency: { path: '/api/partner/v1/add/english_proficiency.json', scope: 'write.english_proficiency', app: 'englishProficiency', items: 'english_proficiency_items' },
  microcredential: { path: '/api/partner/v1/add/microcredential.json', scope: 'write.microcredential', app: 'microcredential', items: 'microcredential_items' },
  digital_identity: { path: '/api/partner/v1/add/digital_identity.json', scope: 'write.digital_identity', app: 'digitalIdentity' },
  batch: { path: '/api/partner/v2/add/requests/batch.json', app: 'batch' },
};

// Your records: here the demo learners' file; the browser only ever sends a reference.
const records = JSON.parse(await readFile(env('RECORDS', join(root, 'server/demo/records.json')), 'utf8'));
const byRef = new Map(records.credentials.map((c) => [c.reference, c]));

class Refusal extends Error {
  constructor(status, code, retryAfter) { super(code); Object.assign(this, { status, code, retryAfter }); }
}

// --- Who: a signed, HttpOnly, SameSite=Strict session cookie (the demo signs in at GET /).
const sign = (user) => createHmac('sha256', SESSION_KEY).update(user).digest('base64url');
function user(req) {
  const cookie = (req.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith('sp_session='));
  const [name, mac] = (cookie?.slice(11) ?? '').split('.');
  const ok = name && mac && mac.length === sign(name).length && timingSafeEqual(Buffer.from(mac), Buffer.from(sign(name)));
  return ok ? name : null;
}

// --- The id rule: one id per (API version, endpoint, type, user, references), for 48 h reuse.
function submissionId(type, who, refs) {
  const h = createHmac('sha256', ID_KEY).update(JSON.stringify([TYPES[type].path, type, who, refs])).digest('hex');
  return `partner-${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// --- OAuth client credentials, cached per scope set, renewed before expiry.
const tokens = new Map();
async function token(scope, fresh = false) {
  const hit = tokens.get(scope);
  if (hit && !fresh && hit.until > Date.now()) return hit.token;
  const r = await upstream('/api/partner/v1/oauth/token.json', {
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, scope }).toString(),
  });
  if (r.status !== 200) throw new Refusal(502, 'upstream_auth');
  const body = await r.json().catch(() => ({}));
  if (typeof body.access_token !== 'string') throw new Refusal(502, 'upstream_bad_response');
  const life = Number(body.expires_in) || 300;
  tokens.set(scope, { token: body.access_token, until: Date.now() + (life - Math.min(60, life / 2)) * 1000 });
  return body.access_token;
}

async function upstream(path, { method = 'POST', headers, body }) {
  try {
    return await fetch(API + path, { method, headers, body, redirect: 'error', signal: AbortSignal.timeout(10_000) });
  } catch (e) {
    throw new Refusal(e.name === 'TimeoutError' ? 504 : 503, e.name === 'TimeoutError' ? 'upstream_timeout' : 'upstream_unavailable');
  }
}

// A Bearer call, with one token refresh after a 401; SEEK Pass answers mapped onto contract v1.
async function call(scope, path, method, json) {
  for (const fresh of [false, true]) {
    const r = await upstream(path, {
      method,
      headers: { authorization: `Bearer ${await token(scope, fresh)}`, 'content-type': 'application/json', accept: 'application/json' },
      body: json && JSON.stringify(json),
    });
    if (r.status === 401 && !fresh) continue;
    if (r.ok) return r.json().catch(() => { throw new Refusal(502, 'upstream_bad_response'); });
    if (r.status === 429) throw new Refusal(429, 'rate_limited', r.headers.get('retry-after'));
    if (r.status === 401 || r.status === 403) throw new Refusal(502, 'upstream_auth');
    if (r.status === 404 && method === 'GET') return null;
    if (r.status < 500) throw new Refusal(422, 'rejected');
    throw new Refusal(503, 'upstream_unavailable');
  }
}

// --- Add: the user's own records only, the payload built here, the link checked before it goes.
function owned(who, refs) {
  if (!refs.length || new Set(refs).size !== refs.length) throw new Refusal(400, 'bad_request');
  // A missing record and another user's are answered alike, so no one can probe for references.
  return refs.map((ref) => { const r = byRef.get(ref); if (!r || r.owner !== who) throw new Refusal(404, 'not_found'); return r; });
}

// A batch's token carries every item type's scope.
const scopes = (type, recs) => (type === 'batch'
  ? [...new Set(recs.map((r) => TYPES[r.credential_type].scope))].sort().join(' ')
  : TYPES[type].scope);

async function addLink(who, type, refs) {
  const recs = owned(who, refs);
  const id = submissionId(type, who, refs);
  const scope = scopes(type, recs);
  let payload;
  if (type === 'batch') {
    payload = { credential_id: id };
    recs.forEach((r, n) => {
      const item = { credential_id: `${id}-${r.credential_type}-${n + 1}`, fields: r.credential };
      const key = TYPES[r.credential_type].items;
      if (key) (payload[key] ??= []).push(item); else payload.digital_identity = item;
    });
  } else {
    if (recs.length !== 1 || recs[0].credential_type !== type) throw new Refusal(400, 'bad_request');
    const [r] = recs;
    payload = { id, credential_type: type, document_type: r.document_type, data: { credential: r.credential, document: r.document ?? null } };
  }
  const body = await call(scope, TYPES[type].path, 'POST', payload);
  if (typeof body?.redirect_uri !== 'string') throw new Refusal(502, 'upstream_bad_response');
  let link;
  try { link = new URL(body.redirect_uri.replaceAll('\\u0026', '&')); } catch { throw new Refusal(502, 'redirect_rejected'); }
  if (link.origin !== APP || !link.hash.includes('content=') || link.username || link.search) throw new Refusal(502, 'redirect_rejected');
  if (link.pathname !== `/partner/add/${TYPES[type].app}`) throw new Refusal(502, 'upstream_invalid');
  return link.href; // never logged
}

// --- Status: the same derived id; any value SEEK Pass does not document is "unknown".
async function status(who, type, refs) {
  const scope = scopes(type, owned(who, refs));
  const body = await call(scope, `/api/partner/v1/submissions/${submissionId(type, who, refs)}/status.json`, 'GET');
  if (!body) return { status: 'not_submitted', finalized_at: null };
  const known = ['verified', 'canceled', 'incomplete'].includes(body.status);
  return { status: known ? body.status : 'unknown', finalized_at: body.finalized_at ?? null };
}

export { addLink, status, user, sign, Refusal, TYPES, ENDPOINT, STATUS, PUBLIC_ORIGIN, APP, PORT, root };
