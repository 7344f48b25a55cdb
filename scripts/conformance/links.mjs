// Entry links' landing (docs/partner-backend.md §9), with --link: an email or SMS link your
// backend minted; --expired-link and --print-link add their checks. GET and HEAD must change
// nothing (checked at the mock's counters with --mock), only a same-origin POST of the landing's
// own form may ask SEEK Pass, and tampered or expired links reach nothing.
import { carriesLink, expect, htmlPage, refreshTarget, unescapeHtml } from './expect.mjs';

const SCANNER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edge/12.246 Gmail-content-sampling';

const send = (url, init = {}) => fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(30_000), ...init });

/** Runs `fn`; with --mock, fails if SEEK Pass was called meanwhile. */
async function quietly(ctx, fn) {
  const before = ctx.mock ? await ctx.mock.stats() : null;
  await fn();
  if (!before) return 'SEEK Pass calls not counted: run with --mock to check them';
  const after = await ctx.mock.stats();
  expect(after.add_requests === before.add_requests && after.token_requests === before.token_requests, 'SEEK Pass was called');
  return null;
}

/** The landing's form: where it posts and its fields (hidden inputs), read from the page. */
function formOf(html, link) {
  const form = /<form\b[^>]*>/i.exec(html);
  expect(form, 'the landing has no form: the button must work without script');
  const action = /\baction="([^"]*)"/i.exec(form[0]);
  const target = new URL(unescapeHtml(action?.[1] ?? ''), link);
  const fields = [...html.matchAll(/<input\b[^>]*type="hidden"[^>]*>/gi)].map(([input]) => [
    unescapeHtml(/\bname="([^"]*)"/i.exec(input)?.[1] ?? ''), unescapeHtml(/\bvalue="([^"]*)"/i.exec(input)?.[1] ?? '')]);
  return { target, body: new URLSearchParams(fields).toString() };
}

/** A form POST to `url`, same-origin unless `headers` say otherwise (a header given as null is left out). */
function postForm(url, headers = {}, body = '') {
  const all = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', origin: new URL(url).origin, ...headers };
  return send(url, { method: 'POST', headers: Object.fromEntries(Object.entries(all).filter(([, v]) => v !== null)), body });
}

/** A POST of the landing's form, same-origin unless `headers` say otherwise. */
async function confirm(ctx, link, headers = {}) {
  const page = await (await send(link)).text();
  const { target, body } = formOf(page, link);
  expect(target.origin === new URL(link).origin, 'the landing\'s form posts to another origin');
  return postForm(target, headers, body);
}

/** `link` with one character of its signature, or of its middle, changed. */
function tampered(link, where) {
  const at = where === 'end' ? link.length - 2 : Math.floor((new URL(link).origin.length + link.length) / 2);
  const c = link[at] === 'A' ? 'B' : 'A';
  return link.slice(0, at) + c + link.slice(at + 1);
}

const refused = (r, what) => expect(r.status >= 400 && r.status < 500 && !r.headers.has('location'), `${what}: status ${r.status}, expected 404 or 410`);

export default [
  { id: 'links.scanner', group: 'links', title: 'a mail scanner\'s HEAD and GET (no cookie): a no-store page, nothing changed, no SEEK Pass call', async run(ctx) {
    return quietly(ctx, async () => {
      const head = await send(ctx.opt.link, { method: 'HEAD', headers: { 'user-agent': SCANNER } });
      expect(head.status === 200, `HEAD: status ${head.status}`);
      for (let i = 0; i < 2; i++) {
        const r = await send(ctx.opt.link, { headers: { 'user-agent': SCANNER } });
        expect(r.status === 200, `GET: status ${r.status}`);
        const html = await htmlPage(r);
        expect(!carriesLink(html), 'the page carries a SEEK Pass link before anyone confirmed');
      }
    });
  } },
  { id: 'links.private', group: 'links', title: 'the landing shows nothing personal (--personal), and its form works without script', async run(ctx) {
    const html = await (await send(ctx.opt.link)).text();
    for (const text of ctx.opt.personal) expect(!html.includes(text), `"${text}" is on the landing: scanners keep copies of it`);
    formOf(html, ctx.opt.link);
  } },
  { id: 'links.confirm', group: 'links', title: 'the landing\'s form, posted same-origin without a session: the SEEK Pass link, the same again', async run(ctx) {
    const links = [];
    for (let i = 0; i < 2; i++) {
      const r = await confirm(ctx, ctx.opt.link);
      expect(r.status === 200, `status ${r.status}`);
      const target = refreshTarget(await htmlPage(r));
      expect(target && new URL(target).pathname.startsWith('/partner/add/'), 'no page going on to SEEK Pass\'s app');
      if (ctx.mock) expect(new URL(target).origin === ctx.mock.origin, 'the link is not on the mock\'s app host');
      links.push(target);
    }
    expect(links[0] === links[1], 'the same link confirmed twice got two SEEK Pass requests');
  } },
  { id: 'links.cross-site', group: 'links', title: 'a cross-site POST, or one with no Origin and no fetch metadata: refused, no SEEK Pass call', async run(ctx) {
    return quietly(ctx, async () => {
      refused(await confirm(ctx, ctx.opt.link, { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }), 'cross-site');
      refused(await confirm(ctx, ctx.opt.link, { 'sec-fetch-site': null, origin: null }), 'no Origin');
    });
  } },
  { id: 'links.tampered', group: 'links', title: 'a link with one character changed (signature or claims): refused on GET and POST, no SEEK Pass call', async run(ctx) {
    return quietly(ctx, async () => {
      for (const where of ['end', 'middle']) {
        const bad = tampered(ctx.opt.link, where);
        refused(await send(bad), `GET, ${where} changed`);
        refused(await postForm(bad), `POST, ${where} changed`);
      }
    });
  } },
  { id: 'links.expired', group: 'links', title: 'an expired link (--expired-link): refused on GET and POST, no SEEK Pass call', async run(ctx) {
    if (!ctx.opt['expired-link']) return 'skip: needs --expired-link';
    return quietly(ctx, async () => {
      const link = ctx.opt['expired-link'];
      refused(await send(link), 'GET');
      refused(await postForm(link), 'POST');
    });
  } },
  { id: 'links.print', group: 'links', title: 'a printed link (--print-link) without its owner signed in: no SEEK Pass call', async run(ctx) {
    if (!ctx.opt['print-link']) return 'skip: needs --print-link';
    const link = ctx.opt['print-link'];
    return quietly(ctx, async () => {
      refused(await postForm(link), 'nobody signed in');
      if (ctx.otherCookie) refused(await postForm(link, { cookie: ctx.otherCookie }), 'another user signed in');
    });
  } },
];
