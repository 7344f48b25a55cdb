// The pages a person's browser shows in form mode (the button before or without its script),
// and the demo page. Every value written into a page is escaped; no page can be framed.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUTTON_ENVIRONMENT, root } from './config.mjs';

export const ENDPOINT = '/api/seekpass/add';
export const STATUS = '/api/seekpass/status/';
export const FIELDS = new Set(['credentialType', 'credentialRef', 'credentialRefs', 'locale']);
const RETRYABLE = new Set([429, 502, 503, 504]);
export const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Writes an answer that is never cached and never sniffed. */
export function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(body);
}
const html = (res, status, page, csp, extra = {}) => send(res, status, `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">${page}</html>`, {
  'content-type': 'text/html; charset=utf-8', 'referrer-policy': 'no-referrer', 'content-security-policy': `default-src 'none'; base-uri 'none'; frame-ancestors 'none'; ${csp}`, ...extra,
});

/** The form mode's success: a page of this origin that goes on to SEEK Pass by itself. Not a
 * 303: under `form-action 'self'` browsers refuse a form's redirect to another origin, and no
 * CSP directive governs a refresh. */
export function continuePage(res, link) {
  const href = escape(link);
  html(res, 200, `<meta http-equiv="refresh" content="0; url=${href}"><title>Opening SEEK Pass…</title><p><a href="${href}">Open SEEK Pass</a></p>`, "form-action 'none'");
}

const WORDS = {
  400: 'That request could not be read.', 401: 'Please sign in again, then add your credential.',
  403: 'This request was refused.', 404: 'We could not find that credential.',
  413: 'That request was too large.', 422: 'SEEK Pass could not accept this credential. Please contact us.',
  429: 'Too many attempts. Please wait a moment, then try again.',
};

/** The form mode's failure: what happened, "Try again" only where it can help, a way back to
 * this site (never elsewhere). */
export function failurePage(req, res, e, form, publicOrigin) {
  const retry = RETRYABLE.has(e.status) && form
    ? `<form method="post" action="${ENDPOINT}">${[...form].filter(([k]) => FIELDS.has(k)).map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`).join('')}<button>Try again</button></form>` : '';
  let back = '/';
  try { const r = new URL(req.headers.referer); if (r.origin === publicOrigin) back = r.href; } catch { /* the home page */ }
  const text = WORDS[e.status] ?? 'SEEK Pass could not be reached. Please try again.';
  const extra = {};
  if (e.retryAfter) extra['retry-after'] = String(e.retryAfter);
  if (e.status === 413) extra.connection = 'close'; // the rest of the body is not read
  html(res, e.status, `<title>Not added to SEEK Pass</title><h1>Not added to SEEK Pass</h1><p role="alert">${text}</p>${retry}<p><a href="${escape(back)}">Back</a></p>`,
    "form-action 'self'", extra);
}

/** The demo page: one button, its markup from the package's renderButtonHtml. */
export async function demoPage(res, cookie, csp) {
  let markup = '<p>Run <code>npm run build</code> in the repository first: this page uses its dist/.</p>';
  let snippet = '';
  try {
    const { renderButtonHtml } = await import(join(root, 'dist/npm/html.js'));
    snippet = await readFile(join(root, 'dist/cdn/latest/snippet.html'), 'utf8');
    markup = renderButtonHtml({ endpoint: ENDPOINT, statusEndpoint: STATUS.slice(0, -1), credentialType: 'education', credentialRef: 'grad-2024-0042', environment: BUTTON_ENVIRONMENT });
  } catch { /* not built */ }
  send(res, 200, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Node backend example</title>${snippet}</head><body><main><h1>Your degree</h1>${markup}</main></body></html>`, {
    'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp, ...(cookie ? { 'set-cookie': cookie } : {}),
  });
}
