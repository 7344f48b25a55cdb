// The requests the checks send, as the button, a browser's form and an attacker's page send
// them. Every helper answers a `fetch` Response; a header given as `null` is left out.

/** A setup mistake: printed as one line with what to do, never a stack trace (exit 2). */
export class SetupError extends Error {}

/** Why a request could not be made, in words (the cause of a fetch TypeError). */
export function reachError(url, e) {
  const code = e?.cause?.code ?? e?.cause?.errors?.[0]?.code ?? e?.code ?? e?.cause?.message ?? e?.name;
  const why = code === 'ECONNREFUSED' ? 'nothing is listening there'
    : code === 'ENOTFOUND' ? 'no such host'
    : code === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' ? 'no answer in time'
    : code ?? String(e);
  return `cannot reach ${url}: ${why}`;
}

const withoutNulls = (headers) => Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== null && v !== undefined));

/** The session cookie (`name=value`) a sign-in page sets, and its full `Set-Cookie` line. */
export async function signIn(base, path) {
  const url = new URL(path, base);
  let r;
  try {
    r = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(15_000) });
  } catch (e) {
    throw new SetupError(`${reachError(url.href, e)}. Is your backend running at ${base.origin}?`);
  }
  const line = r.headers.getSetCookie().find((c) => c.includes('='));
  if (!line) {
    throw new SetupError(`GET ${url.pathname}${url.search} set no session cookie. Sign in to your backend in a browser and pass that session: --cookie 'name=value'`);
  }
  return { cookie: line.split(';')[0].trim(), line };
}

/**
 * The client the checks use: `opt` is the parsed command line, `cookie` the signed-in user's.
 * JSON and form posts look same-origin and signed in unless a check says otherwise.
 */
export function makeClient(base, opt, cookie) {
  const origin = base.origin;
  const add = new URL(opt.endpoint, base).href;
  const timeout = () => AbortSignal.timeout((Number(opt['upstream-timeout']) + 20) * 1000);
  const post = (type, body, own, extra = {}) => fetch(add, {
    method: 'POST',
    redirect: 'manual',
    signal: timeout(),
    headers: withoutNulls({ 'content-type': type, 'sec-fetch-site': 'same-origin', origin, cookie, ...own, ...extra }),
    body,
  });
  return {
    origin,
    add,
    /** The button's call: `body` as JSON, with its headers. */
    json: (body, headers) => post('application/json', JSON.stringify(body),
      { accept: 'application/json', 'x-seekpass-widget': 'conformance', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' }, headers),
    /** The form's post: `fields` as [name, value] pairs (repeats allowed) or an object. */
    form: (fields, headers) => post('application/x-www-form-urlencoded', new URLSearchParams(fields).toString(),
      { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' }, headers),
    /** Any request to the add endpoint (`suffix`: a query to append). */
    raw: (init, suffix = '') => fetch(add + suffix, { redirect: 'manual', signal: timeout(), ...init, headers: withoutNulls(init.headers ?? {}) }),
    /** The status lookup of `type` and `refs`, as the button sends it. */
    status: (type, refs, headers = {}) => fetch(new URL(`${opt.status}/${encodeURIComponent(type)}/${refs.map(encodeURIComponent).join(',')}`, base), {
      redirect: 'manual',
      signal: timeout(),
      headers: withoutNulls({ accept: 'application/json', 'sec-fetch-site': 'same-origin', cookie, ...headers }),
    }),
    /** A GET of a raw path below the status endpoint (for malformed escapes). */
    statusPath: (suffix) => fetch(new URL(`${opt.status}/${suffix}`, base), {
      redirect: 'manual', signal: timeout(), headers: { accept: 'application/json', 'sec-fetch-site': 'same-origin', cookie },
    }),
  };
}

/** The mock's test knobs, when the backend under test is pointed at the SEEK Pass mock. */
export async function mockClient(url) {
  const base = new URL(url);
  const control = async (body) => {
    const r = await fetch(new URL('/mock/control', base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (r.status !== 200) throw new Error(`the mock refused control ${JSON.stringify(body)}: ${r.status}`);
  };
  const stats = async () => (await fetch(new URL('/mock/stats', base))).json();
  try {
    const s = await stats();
    if (typeof s.add_requests !== 'number') throw new Error('no counters');
  } catch (e) {
    throw new SetupError(`--mock ${url}: ${e instanceof TypeError ? reachError(base.href, e) : 'not the SEEK Pass mock (GET /mock/stats)'}. Start it with \`npm start\` and point your backend's SEEK Pass base URL at it`);
  }
  return { origin: base.origin, control, stats };
}
