// What the checks hold an answer to. Each throws an Error whose message says what was wrong in
// the backend's terms; the link a backend answers is compared, never put in a message.

// SEEK Pass's app path of each credential type (docs/partner-backend.md §4).
export const APP = { education: 'education', english_proficiency: 'englishProficiency', microcredential: 'microcredential', digital_identity: 'digitalIdentity', batch: 'batch' };

/** The add every check sends unless it says otherwise: the signed-in user's own reference. */
export const mine = (ctx) => ({ credentialType: ctx.opt.type, credentialRef: ctx.opt.ref });

/** Fails the check with `what` unless `cond`. */
export function expect(cond, what) {
  if (!cond) throw new Error(what);
}

/** A status other than the one expected, said so that a rate limit hit by the run is obvious. */
export function expectStatus(r, ...allowed) {
  if (allowed.includes(r.status)) return;
  const hint = r.status === 429 ? ' (rate limited: the run itself used up your limit; raise the per-user add limit while you certify, e.g. 100 a minute)' : '';
  throw new Error(`status ${r.status}, expected ${allowed.join(' or ')}${hint}`);
}

/** Contract v1's error answer: `status`, `{"error":{"code"}}` (that `code` if given), no-store. */
export async function errorShape(r, status, code) {
  expectStatus(r, ...[status].flat());
  const body = await r.json().catch(() => null);
  expect(typeof body?.error?.code === 'string', 'no {"error":{"code"}} JSON body');
  if (code) expect(body.error.code === code, `code ${body.error.code}, expected ${code}`);
  expect(r.headers.get('cache-control') === 'no-store', 'no Cache-Control: no-store');
  expect(!r.headers.has('access-control-allow-origin'), 'answers CORS');
  return body;
}

/** The link of a JSON answer, `\u0026` repaired as the button does. */
export const linkOf = (body) => new URL(body.redirect_uri.replaceAll('\\u0026', '&')).href;

/** An HTML page (the form mode's answers), its text. */
export async function htmlPage(r) {
  expect((r.headers.get('content-type') ?? '').startsWith('text/html'), `not an HTML page (${r.headers.get('content-type') ?? 'no Content-Type'}): a person's browser shows this`);
  expect(r.headers.get('cache-control') === 'no-store', 'no Cache-Control: no-store');
  return r.text();
}

/** A page may not be framed by another site, nor have its relative links rebased. */
export function pageGuards(r, what) {
  const csp = r.headers.get('content-security-policy') ?? '';
  const framed = /frame-ancestors\s+'none'/.test(csp) || /frame-ancestors\s+'self'/.test(csp) || /^(deny|sameorigin)$/i.test(r.headers.get('x-frame-options') ?? '');
  expect(framed, `${what} can be framed by another site: no CSP frame-ancestors 'none' (or X-Frame-Options)`);
  expect(/base-uri\s+'(none|self)'/.test(csp), `${what} has no CSP base-uri 'none'`);
}

/** An attribute's text as the browser reads it (numeric and the common named references). */
export const unescapeHtml = (s) => s.replace(/&(#x[\da-f]+|#\d+|amp|quot|apos|lt|gt);/gi, (_, e) => (
  e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
    : { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' }[e.toLowerCase()]));

/** The `<meta http-equiv="refresh">` target of a continue page, or null. */
export function refreshTarget(html) {
  const m = /<meta\s+http-equiv="?refresh"?\s+content="0;\s*url=([^"]+)"/i.exec(html);
  return m ? unescapeHtml(m[1]) : null;
}

/** Whether `body` (any answer's text) carries a SEEK Pass link or the given one. */
export const carriesLink = (text, link) => (link && text.includes(link)) || /#[^"'<\s]*content=/.test(text);

/** Sends `n` requests made by `make(i)`, `width` at a time; resolves to the responses. */
export async function burst(n, width, make) {
  const out = [];
  for (let i = 0; i < n; i += width) {
    const wave = await Promise.all(Array.from({ length: Math.min(width, n - i) }, (_, k) => make(i + k)));
    for (const r of wave) {
      out.push(r);
      await r.arrayBuffer().catch(() => null);
    }
  }
  return out;
}
