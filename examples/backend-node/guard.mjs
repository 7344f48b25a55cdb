// Who may ask, and how often: the signed session cookie, the CSRF rules of each mode, the rate
// limits, and a bounded body read. Each refusal is a Refusal the server answers in the mode's form.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SECURE, SESSION_KEY, PUBLIC_ORIGIN, RATES } from './config.mjs';

/** A contract v1 error: HTTP status, `{"error":{"code"}}`, and `Retry-After` seconds for a 429. */
export class Refusal extends Error {
  constructor(status, code, retryAfter) { super(code); Object.assign(this, { status, code, retryAfter }); }
}

// --- The session: `<user>.<HMAC>`, HttpOnly, SameSite=Strict, 8 h; `__Host-` and Secure over
// https, so a sibling subdomain cannot plant one (threats.md item 57).
export const COOKIE = SECURE ? '__Host-sp_session' : 'sp_session';
const sign = (user) => createHmac('sha256', SESSION_KEY).update(`session\0${user}`).digest('base64url');

/** The `Set-Cookie` value that signs `user` in. */
export const sessionCookie = (user) => `${COOKIE}=${user}.${sign(user)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=28800${SECURE ? '; Secure' : ''}`;

/** The signed-in user. Every session cookie is checked, not the first: a tossed one never
 * decides, and two valid ones for different users are refused as ambiguous. */
export function user(req) {
  const users = new Set();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, value = ''] = part.trim().split(/=(.*)/s);
    if (name !== COOKIE) continue;
    const dot = value.lastIndexOf('.');
    const [who, mac] = [value.slice(0, dot), value.slice(dot + 1)];
    const good = Buffer.from(sign(who));
    if (dot > 0 && mac.length === good.length && timingSafeEqual(Buffer.from(mac), good)) users.add(who);
  }
  return users.size === 1 ? [...users][0] : null;
}

// --- CSRF. JSON: same-origin fetch metadata where the browser sends it, and the widget's
// header, which no cross-site form can add. Form: same-origin metadata, or where a browser
// sends none, an Origin equal to ours; no Origin, or `null`, is refused.
export function jsonAllowed(req) {
  const site = req.headers['sec-fetch-site'];
  return (site === undefined || site === 'same-origin') && Boolean(req.headers['x-seekpass-widget']);
}
export function formAllowed(req) {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  return req.headers.origin === PUBLIC_ORIGIN;
}

// --- Rate limits: token buckets per user, then per address, counted only for signed-in
// requests (threats.md items 71, 78, 79). Behind a proxy, key addresses by what it forwarded.
function buckets(rate) {
  const [n, secs] = rate.split('/').map(Number);
  const map = new Map();
  return (key) => {
    const now = Date.now() / 1000;
    const b = map.get(key) ?? { tokens: n, at: now };
    b.tokens = Math.min(n, b.tokens + ((now - b.at) * n) / secs);
    b.at = now;
    map.set(key, b);
    if (map.size > 10_000) for (const [k, v] of map) if (v.tokens >= n - 1) map.delete(k);
    if (b.tokens >= 1) { b.tokens -= 1; return 0; }
    return Math.ceil(((1 - b.tokens) * secs) / n);
  };
}
const limits = {
  add: [buckets(RATES.userAdd), buckets(RATES.addrAdd)],
  status: [buckets(RATES.userStatus), buckets(RATES.addrStatus)],
};
/** The signed-in user of `req`, within the limits of `endpoint` ('add' or 'status'). */
export function admit(req, endpoint) {
  const who = user(req);
  if (!who) throw new Refusal(401, 'not_authenticated');
  return admitAs(req, endpoint, who);
}

/** `who` (signed in, or named by an entry link), within the limits of `endpoint`. */
export function admitAs(req, endpoint, who) {
  const [perUser, perAddress] = limits[endpoint];
  const wait = perUser(who) || perAddress(req.socket.remoteAddress ?? '');
  if (wait) throw new Refusal(429, 'rate_limited', wait);
  return who;
}

/** The request body as text, at most 64 KiB (the server's request timeout bounds its time). */
export async function body(req) {
  if (Number(req.headers['content-length'] ?? 0) > 65_536) throw new Refusal(413, 'bad_request');
  const chunks = [];
  let size = 0;
  for await (const c of req) {
    size += c.length;
    if (size > 65_536) throw new Refusal(413, 'bad_request');
    chunks.push(c);
  }
  return Buffer.concat(chunks).toString('utf8');
}
