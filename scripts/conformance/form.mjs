// The form mode (the button before or without its script) and the status lookup: a page of the
// partner's origin that goes on by itself, pages that refuse what a browser's form could be
// made to send from elsewhere, and a status answer that says nothing about other users.
import { carriesLink, errorShape, expect, expectStatus, htmlPage, mine, pageGuards, refreshTarget } from './expect.mjs';


/** A refusal page: `status`, HTML, no redirect, no SEEK Pass link; resolves to its text. */
async function refusalPage(ctx, r, ...status) {
  expectStatus(r, ...status);
  expect(!r.headers.has('location'), 'a redirect');
  const html = await htmlPage(r);
  expect(!carriesLink(html, ctx.state.link), 'a SEEK Pass link on the page');
  return html;
}

/** A forged form post, refused with a 403 page. */
const forged = (id, title, headers) => ({ id, title, async run(ctx) {
  await refusalPage(ctx, await ctx.c.form(mine(ctx), headers), 403);
} });

export const formChecks = [
  { id: 'form.continue', title: 'form mode: a 200 page that refreshes to the same link (not a 303), no-store, no referrer, not framable', async run(ctx) {
    const r = await ctx.c.form(mine(ctx));
    expect(r.status !== 303, "a 303: browsers refuse its redirect where the page's CSP says form-action 'self'");
    expectStatus(r, 200);
    const html = await htmlPage(r);
    const target = refreshTarget(html);
    expect(target, 'no <meta http-equiv="refresh" content="0; url=…">');
    expect(new URL(target).href === ctx.state.link, 'the refresh target is not the JSON add\'s link');
    expect(/<a\s[^>]*href=/i.test(html), 'no link to follow where refresh is off');
    expect(r.headers.get('referrer-policy') === 'no-referrer', 'no Referrer-Policy: no-referrer');
    pageGuards(r, 'the continue page');
  } },
  forged('form.cross-site', 'form mode, a cross-site post: a 403 page', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }),
  forged('form.same-site', 'form mode, a same-site post: a 403 page', { 'sec-fetch-site': 'same-site', origin: 'https://sibling.example' }),
  forged('form.foreign-origin', 'form mode, no fetch metadata and a foreign Origin: a 403 page', { 'sec-fetch-site': null, origin: 'https://evil.example' }),
  forged('form.no-origin', 'form mode, no fetch metadata and no Origin: a 403 page', { 'sec-fetch-site': null, origin: null }),
  forged('form.null-origin', 'form mode, no fetch metadata and Origin: null (a sandboxed frame): a 403 page', { 'sec-fetch-site': null, origin: 'null' }),
  { id: 'form.duplicate-field', title: 'form mode, a field sent twice: a 400 page', async run(ctx) {
    const r = await ctx.c.form([['credentialType', ctx.opt.type], ['credentialRef', ctx.opt['foreign-ref']], ['credentialRef', ctx.opt.ref]]);
    await refusalPage(ctx, r, 400);
  } },
  { id: 'form.unknown-field', title: 'form mode, an unknown field: a 400 page', async run(ctx) {
    await refusalPage(ctx, await ctx.c.form({ ...mine(ctx), fullName: 'Mallory' }), 400);
  } },
  { id: 'form.escaped', title: 'form mode, the failure page escapes what was sent, and cannot be framed', async run(ctx) {
    const r = await ctx.c.form({ credentialType: ctx.opt.type, credentialRef: '"><x-conformance-canary>' });
    const html = await refusalPage(ctx, r, 400, 404);
    expect(!html.includes('<x-conformance-canary'), 'the input is written into the page as markup');
    pageGuards(r, 'the failure page');
  } },
  { id: 'form.not-signed-in', title: 'form mode, not signed in: a 401 page a person can read (not JSON)', async run(ctx) {
    await refusalPage(ctx, await ctx.c.form(mine(ctx), { cookie: null }), 401);
  } },
  { id: 'form.too-large', title: 'form mode, a body over 64 KiB: a 413 (or 400) page, not JSON', async run(ctx) {
    await refusalPage(ctx, await ctx.c.form({ ...mine(ctx), locale: 'x'.repeat(70_000) }), 413, 400);
  } },
];

export const statusChecks = [
  { id: 'status.ok', title: 'status: 200 {status, finalized_at} in the documented set, no-store', async run(ctx) {
    const r = await ctx.c.status(ctx.opt.type, [ctx.opt.ref]);
    expectStatus(r, 200);
    expect(r.headers.get('cache-control') === 'no-store', 'no Cache-Control: no-store');
    const body = await r.json();
    expect(['verified', 'canceled', 'incomplete', 'not_submitted', 'unknown'].includes(body.status), `status ${body.status}`);
    expect('finalized_at' in body, 'no finalized_at');
  } },
  { id: 'status.cross-site', title: 'status, cross-site or same-site: 403', async run(ctx) {
    for (const site of ['cross-site', 'same-site']) {
      await errorShape(await ctx.c.status(ctx.opt.type, [ctx.opt.ref], { 'sec-fetch-site': site }), 403, 'forbidden');
    }
  } },
  { id: 'status.no-session', title: 'status without a session: 401', async run(ctx) {
    await errorShape(await ctx.c.status(ctx.opt.type, [ctx.opt.ref], { cookie: null }), 401, 'not_authenticated');
  } },
  { id: 'status.oracle', title: 'status of another user\'s reference is refused exactly like an unknown one', async run(ctx) {
    const foreign = await ctx.c.status(ctx.opt.type, [ctx.opt['foreign-ref']]);
    const unknown = await ctx.c.status(ctx.opt.type, ['conformance-no-such-ref']);
    const [a, b] = [await foreign.text(), await unknown.text()];
    expect(foreign.status === unknown.status && a === b, `${foreign.status} ${a} vs ${unknown.status} ${b}`);
    expectStatus(foreign, 403, 404);
  } },
  { id: 'status.bad-escape', title: 'status with a malformed escape (%ZZ): a 400 or 404 error, not a 5xx', async run(ctx) {
    await errorShape(await ctx.c.statusPath(`${encodeURIComponent(ctx.opt.type)}/%ZZ`), [400, 404]);
  } },
];
