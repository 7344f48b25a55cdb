// The SEEK Pass side: OAuth client credentials (one fetch per scope set), the add and status
// calls, the id rule, and the check of SEEK Pass's link before it goes to the browser.
// docs/partner-backend.md explains each step. The link is never logged.
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { API, APP, CLIENT_ID, CLIENT_SECRET, ID_KEY, TIMEOUT_MS, root } from './config.mjs';
import { Refusal } from './guard.mjs';

// The SEEK Pass side of each credential type (docs/partner-backend.md §1–4).
export const TYPES = {
  education: { path: '/api/partner/v1/add/education.json', scope: 'write.education', app: 'education', items: 'education_items' },
  english_proficiency: { path: '/api/partner/v1/add/english_proficiency.json', scope: 'write.english_proficiency', app: 'englishProficiency', items: 'english_proficiency_items' },
  microcredential: { path: '/api/partner/v1/add/microcredential.json', scope: 'write.microcredential', app: 'microcredential', items: 'microcredential_items' },
  digital_identity: { path: '/api/partner/v1/add/digital_identity.json', scope: 'write.digital_identity', app: 'digitalIdentity' },
  batch: { path: '/api/partner/v2/add/requests/batch.json', app: 'batch' },
};

// Your records: here the demo learners' file; the browser only ever sends a reference.
export const records = JSON.parse(await readFile(process.env.RECORDS || join(root, 'server/demo/records.json'), 'utf8'));
const byRef = new Map(records.credentials.map((c) => [c.reference, c]));

// --- The id rule (docs/partner-backend.md §5): one id per endpoint, type, user and references,
// so a repeat within 48 h gets the same link and two flows never share one.
export function submissionId(type, who, refs) {
  const h = createHmac('sha256', ID_KEY).update(JSON.stringify([TYPES[type].path, type, who, refs])).digest('hex');
  return `partner-${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function upstream(path, { method = 'POST', headers, body }) {
  try {
    return await fetch(API + path, { method, headers, body, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (e) {
    const slow = e.name === 'TimeoutError';
    throw new Refusal(slow ? 504 : 503, slow ? 'upstream_timeout' : 'upstream_unavailable');
  }
}

// --- Tokens: one in-flight fetch per scope set, shared by every caller, success or failure; a
// failure remembered for 5 s; renewed ahead by min(60 s, half its life); life bounded to a day.
const tokens = new Map();
async function fetchToken(scope) {
  const r = await upstream('/api/partner/v1/oauth/token.json', {
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, scope }).toString(),
  });
  if (r.status !== 200) throw new Refusal(502, 'upstream_auth');
  const body = await r.json().catch(() => ({}));
  if (typeof body.access_token !== 'string') throw new Refusal(502, 'upstream_bad_response');
  const life = Math.min(Math.max(Number(body.expires_in) || 300, 1), 86_400);
  return { token: body.access_token, until: Date.now() + (life - Math.min(60, life / 2)) * 1000 };
}
/** A token for `scope`; `stale` is one SEEK Pass just refused, never handed out again. */
function token(scope, stale) {
  const hit = tokens.get(scope);
  if (hit?.pending) return hit.pending;
  if (hit?.token && hit.token !== stale && hit.until > Date.now()) return Promise.resolve(hit.token);
  if (hit?.failed > Date.now()) return Promise.reject(hit.error);
  const pending = fetchToken(scope).then(
    (t) => { tokens.set(scope, t); return t.token; },
    (error) => { tokens.set(scope, { failed: Date.now() + 5000, error }); throw error; },
  );
  tokens.set(scope, { pending });
  return pending;
}

// A Bearer call: one token refresh after a 401; SEEK Pass's answers mapped onto contract v1.
async function call(scope, path, method, json) {
  let stale;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const bearer = await token(scope, stale);
    const r = await upstream(path, {
      method,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', accept: 'application/json' },
      body: json && JSON.stringify(json),
    });
    if (r.status === 401 && attempt === 0) { stale = bearer; continue; }
    if (r.ok) return r.json().catch(() => { throw new Refusal(502, 'upstream_bad_response'); });
    if (r.status === 429) throw new Refusal(429, 'rate_limited', Math.max(1, Number(r.headers.get('retry-after')) || 30));
    if (r.status === 401 || r.status === 403) throw new Refusal(502, 'upstream_auth');
    if (r.status === 404 && method === 'GET') return null;
    if (r.status < 500) {
      // Which fields SEEK Pass refused (paths and rules, never values) is what you need to fix it.
      const why = await r.json().catch(() => null);
      console.warn('SEEK Pass refused the payload', r.status, JSON.stringify((why?.fields ?? []).map((f) => [f.path, f.rule])));
      throw new Refusal(422, 'rejected');
    }
    throw new Refusal(503, 'upstream_unavailable');
  }
  throw new Refusal(502, 'upstream_auth');
}

// The user's own records only. A missing record and another user's are answered alike.
export function owned(who, refs) {
  return refs.map((ref) => { const r = byRef.get(ref); if (!r || r.owner !== who) throw new Refusal(404, 'not_found'); return r; });
}

// A batch's token carries every item type's scope.
const scopes = (type, recs) => (type === 'batch' ? [...new Set(recs.map((r) => TYPES[r.credential_type].scope))].sort().join(' ') : TYPES[type].scope);

function payloadFor(type, id, recs) {
  if (type !== 'batch') {
    if (recs.length !== 1 || recs[0].credential_type !== type) throw new Refusal(400, 'bad_request');
    const [r] = recs;
    return { id, credential_type: type, document_type: r.document_type, data: { credential: r.credential, document: r.document ?? null } };
  }
  const payload = { credential_id: id };
  recs.forEach((r, n) => {
    const item = { credential_id: `${id}-${r.credential_type}-${n + 1}`, fields: r.credential };
    const key = TYPES[r.credential_type].items;
    if (key) (payload[key] ??= []).push(item); else payload.digital_identity = item;
  });
  return payload;
}

/** SEEK Pass's link must be its app page for this type, on the configured host, as documented. */
function checked(raw, type) {
  let link;
  try { link = new URL(String(raw).replaceAll('\\u0026', '&')); } catch { throw new Refusal(502, 'redirect_rejected'); }
  const hash = type === 'batch' ? /^#clientId=[^&#]+&content=[^&#]+/ : /^#clientId=[^&#]+&documentType=[^&#]+&content=[^&#]+/;
  if (link.origin !== APP || link.username || link.password || link.search || !hash.test(link.hash)) throw new Refusal(502, 'redirect_rejected');
  if (link.pathname !== `/partner/add/${TYPES[type].app}`) throw new Refusal(502, 'upstream_invalid');
  return link.href;
}

/** The add link for `who`'s `refs` as `type`. A 5xx or unreachable SEEK Pass is tried twice
 * more: the derived id makes a repeat return the first attempt's link. */
export async function addLink(who, type, refs) {
  const recs = owned(who, refs);
  const payload = payloadFor(type, submissionId(type, who, refs), recs);
  let body;
  for (const pause of [100, 400, null]) {
    try {
      body = await call(scopes(type, recs), TYPES[type].path, 'POST', payload);
      break;
    } catch (e) {
      if (e.code !== 'upstream_unavailable' || pause === null) throw e;
      await new Promise((r) => setTimeout(r, pause));
    }
  }
  if (typeof body?.redirect_uri !== 'string') throw new Refusal(502, 'upstream_bad_response');
  return checked(body.redirect_uri, type);
}

/** The status of the same derived id; any value SEEK Pass does not document is "unknown". */
export async function status(who, type, refs) {
  const body = await call(scopes(type, owned(who, refs)), `/api/partner/v1/submissions/${submissionId(type, who, refs)}/status.json`, 'GET');
  if (!body) return { status: 'not_submitted', finalized_at: null };
  const known = ['verified', 'canceled', 'incomplete'].includes(body.status);
  return { status: known ? body.status : 'unknown', finalized_at: body.finalized_at ?? null };
}
