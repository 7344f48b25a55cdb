// The example's settings, from the environment. Against the mock (a loopback SEEK Pass) every
// setting has a default; against SEEK Pass itself the example refuses to start without your
// client, your id key and an https origin, rather than run with the mock's client and a random
// key (threats.md item 81).
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const env = (name) => process.env[name] || undefined;
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const PORT = Number(env('PORT') ?? '3000');
export const API = new URL(env('SEEKPASS_API_BASE') ?? 'http://127.0.0.1:8080').origin; // staging: https://app.seekpass-staging.com
export const AGAINST_MOCK = LOOPBACK.includes(new URL(API).hostname);
export const APP = new URL(env('SEEKPASS_APP_ORIGIN') ?? API).origin; // where SEEK Pass's links must point
/** The button's `environment`: the named host, or the mock's origin. */
export const BUTTON_ENVIRONMENT = new URL(APP).protocol === 'https:' ? (APP.includes('staging') ? 'staging' : 'production') : APP;
export const PUBLIC_ORIGIN = new URL(env('PUBLIC_ORIGIN') ?? `http://127.0.0.1:${PORT}`).origin;
export const SECURE = PUBLIC_ORIGIN.startsWith('https:');
/** How long one call to SEEK Pass may take, in ms. */
export const TIMEOUT_MS = Number(env('SEEKPASS_TIMEOUT_MS') ?? '10000');
/** Slow clients: headers within this many seconds, the whole request within the second. */
export const HEADER_TIMEOUT_S = Number(env('SEEKPASS_HEADER_TIMEOUT_SECS') ?? '10');
export const REQUEST_TIMEOUT_S = Number(env('SEEKPASS_REQUEST_TIMEOUT_SECS') ?? '30');
/** Adds and status lookups per signed-in user and per client address: `<requests>/<seconds>`. */
export const RATES = {
  userAdd: env('SEEKPASS_RATE_USER_ADD') ?? '20/60',
  userStatus: env('SEEKPASS_RATE_USER_STATUS') ?? '120/60',
  addrAdd: env('SEEKPASS_RATE_ADDR_ADD') ?? '120/60',
  addrStatus: env('SEEKPASS_RATE_ADDR_STATUS') ?? '600/60',
};

const missing = [];
const need = (name, mockDefault) => {
  const v = env(name);
  if (v) return v;
  if (AGAINST_MOCK) return mockDefault;
  missing.push(name);
  return '';
};
export const CLIENT_ID = need('SEEKPASS_CLIENT_ID', '730845ab-0a0d-4f4d-9c98-d871755d3ce9'); // the mock's client
export const CLIENT_SECRET = need('SEEKPASS_CLIENT_SECRET', 'mock-client-secret');
// The id key must stay the same across restarts (48 h of SEEK Pass's id reuse): 64 hex digits.
export const ID_KEY = Buffer.from(need('SEEKPASS_ID_KEY', randomBytes(32).toString('hex')), 'hex');
export const SESSION_KEY = Buffer.from(need('SEEKPASS_SESSION_KEY', randomBytes(32).toString('hex')), 'hex');
// Entry links (links.mjs): the key must outlive every link you hand out (a printed one, years).
// Against the mock, the mock's published key, so links minted by `seekpass-server link` work here.
export const LINK_KEY = Buffer.from(need('SEEKPASS_LINK_KEY', Buffer.from('seekpass-mock-link-key/only-mock').toString('hex')), 'hex');
/** A file of revoked link ids, one per line (read again when it changes). */
export const REVOKED_LINKS = env('SEEKPASS_REVOKED_LINKS');
/** Where a printed link sends a person to sign in; `next=<landing path>` is added. */
export const SIGN_IN_URL = env('SEEKPASS_SIGN_IN_URL') ?? '/';
if (!AGAINST_MOCK && !SECURE) missing.push('PUBLIC_ORIGIN (https)');
if (missing.length || ID_KEY.length !== 32 || SESSION_KEY.length !== 32 || LINK_KEY.length !== 32) {
  const what = missing.length ? `set ${missing.join(', ')}` : 'SEEKPASS_ID_KEY, SEEKPASS_SESSION_KEY and SEEKPASS_LINK_KEY must be 64 hex digits';
  console.error(`backend-node: SEEK Pass at ${API} is not the mock: ${what}`);
  process.exit(1);
}
