// Contract v1 as the button sends it: the JSON add, its repeat and batch, who may call it
// (CSRF, CORS, sessions) and how it refuses. Each check is { id, title, run(ctx) }.
import { APP, carriesLink, errorShape, expect, expectStatus, linkOf, mine } from './expect.mjs';

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

/** A 200/201 link answer, checked for shape; resolves to the repaired link. */
async function linkAnswer(r, app) {
  expectStatus(r, 200, 201);
  expect(r.headers.get('cache-control') === 'no-store', 'no Cache-Control: no-store');
  expect(!r.headers.has('access-control-allow-origin'), 'answers CORS');
  const body = await r.json().catch(() => null);
  expect(typeof body?.redirect_uri === 'string', 'no {"redirect_uri": "…"} string');
  const u = new URL(linkOf(body));
  expect(u.protocol === 'https:' || LOOPBACK.includes(u.hostname), 'the link is not https');
  expect(!u.username && !u.password && !u.search, 'the link has a user, a password or a query');
  expect(u.pathname === `/partner/add/${app}`, `the link's path is not /partner/add/${app}`);
  // A batch link has no documentType (docs/partner-backend.md §4).
  const shape = app === 'batch' ? /^#clientId=[^&]+&content=/ : /^#clientId=[^&]+&documentType=[^&]+&content=/;
  expect(shape.test(u.hash), `the link is not #clientId=…${app === 'batch' ? '' : '&documentType=…'}&content=…`);
  return u.href;
}


export default [
  { id: 'add.json', title: 'JSON add: 200/201 {"redirect_uri"} to the type\'s app page, no-store, no CORS', async run(ctx) {
    ctx.state.link = await linkAnswer(await ctx.c.json(mine(ctx)), APP[ctx.opt.type]);
  } },
  { id: 'add.repeat', title: 'JSON add repeated: the same link (one id per user, endpoint, type and references)', async run(ctx) {
    expect(ctx.state.link, 'no first link to compare');
    expect(await linkAnswer(await ctx.c.json(mine(ctx)), APP[ctx.opt.type]) === ctx.state.link, 'a different link');
  } },
  { id: 'add.batch-of-one', group: 'batch', title: 'a batch of the same one reference: its own batch link, not the single add\'s (the id covers endpoint and type)', async run(ctx) {
    const link = await linkAnswer(await ctx.c.json({ credentialType: 'batch', credentialRefs: [ctx.opt.ref] }), 'batch');
    expect(link !== ctx.state.link, 'the single add\'s link');
  } },
  { id: 'csrf.cross-site', title: 'a cross-site call: 403 forbidden, no CORS', async run(ctx) {
    await errorShape(await ctx.c.json(mine(ctx), { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }), 403, 'forbidden');
  } },
  { id: 'csrf.same-site', title: 'a same-site (sibling subdomain) call: 403 forbidden', async run(ctx) {
    const sibling = `${ctx.base.protocol}//sibling.${ctx.base.host}`;
    await errorShape(await ctx.c.json(mine(ctx), { origin: sibling, 'sec-fetch-site': 'same-site' }), 403, 'forbidden');
  } },
  { id: 'csrf.widget-header', title: 'JSON without X-SEEKPass-Widget: 403 forbidden', async run(ctx) {
    await errorShape(await ctx.c.json(mine(ctx), { 'x-seekpass-widget': null }), 403, 'forbidden');
  } },
  { id: 'cors.preflight', title: 'a foreign preflight (OPTIONS) is granted nothing', async run(ctx) {
    const r = await ctx.c.raw({ method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-seekpass-widget' } });
    const granted = [...r.headers.keys()].filter((k) => k.startsWith('access-control-allow-'));
    expect(granted.length === 0, `answers ${granted.join(', ')}`);
  } },
  { id: 'method.get', title: 'GET on the add endpoint (a link anyone can send): 404 or 405, no redirect, no link', async run(ctx) {
    const q = new URLSearchParams(mine(ctx));
    for (const site of ['cross-site', 'same-origin']) {
      const r = await ctx.c.raw({ method: 'GET', headers: { cookie: ctx.own, 'sec-fetch-site': site, 'sec-fetch-mode': 'navigate' } }, `?${q}`);
      expectStatus(r, 404, 405);
      expect(!r.headers.has('location'), `a redirect (${site})`);
      expect(!carriesLink(await r.text(), ctx.state.link), 'a SEEK Pass link in the body');
    }
  } },
  { id: 'session.none', title: 'no session: 401 not_authenticated', async run(ctx) {
    await errorShape(await ctx.c.json(mine(ctx), { cookie: null }), 401, 'not_authenticated');
  } },
  { id: 'session.cookie', title: 'the session cookie: HttpOnly, SameSite=Strict, an expiry; over https Secure and __Host-', async run(ctx) {
    if (!ctx.cookieLine) return 'skip: --cookie given, no sign-in to read the Set-Cookie of';
    const attrs = ctx.cookieLine.split(';').slice(1).map((a) => a.trim().toLowerCase());
    expect(attrs.includes('httponly'), 'not HttpOnly: any script on the page can read the session');
    expect(attrs.includes('samesite=strict'), 'not SameSite=Strict: a link from another site arrives signed in');
    expect(attrs.some((a) => a.startsWith('max-age=') || a.startsWith('expires=')), 'no Max-Age or Expires: it lives as long as the browser');
    if (ctx.base.protocol === 'https:') {
      expect(attrs.includes('secure') && ctx.own.startsWith('__Host-'), 'over https without Secure and the __Host- prefix (a sibling subdomain can toss a cookie)');
    }
  } },
  { id: 'session.tossed', title: 'two valid sessions in one request (a tossed cookie) never act as the other user', async run(ctx) {
    if (!ctx.otherCookie) return 'skip: no second user (pass --other-cookie, or a sign-in at --other-sign-in)';
    const theirs = { credentialType: ctx.opt.type, credentialRef: ctx.opt['foreign-ref'] };
    for (const cookie of [`${ctx.otherCookie}; ${ctx.own}`, `${ctx.own}; ${ctx.otherCookie}`]) {
      const r = await ctx.c.json(theirs, { cookie });
      expect(r.status !== 200 && r.status !== 201, 'answered as the other user (their credential\'s link)');
      await r.arrayBuffer();
    }
  } },
  { id: 'errors.oracle', title: 'another user\'s reference is refused exactly like an unknown one (403 or 404, no oracle)', async run(ctx) {
    const foreign = await ctx.c.json({ credentialType: ctx.opt.type, credentialRef: ctx.opt['foreign-ref'] });
    const unknown = await ctx.c.json({ credentialType: ctx.opt.type, credentialRef: 'conformance-no-such-ref' });
    const [a, b] = [await foreign.text(), await unknown.text()];
    expect(foreign.status === unknown.status && a === b, `${foreign.status} ${a} vs ${unknown.status} ${b}`);
    expectStatus(foreign, 403, 404);
    expect(foreign.headers.get('cache-control') === 'no-store' && JSON.parse(a)?.error?.code, 'no no-store {"error":{"code"}}');
  } },
  { id: 'errors.unknown-field', title: 'an unknown body field: 400 bad_request', async run(ctx) {
    await errorShape(await ctx.c.json({ ...mine(ctx), fullName: 'Mallory' }), 400, 'bad_request');
  } },
  { id: 'errors.unknown-type', title: 'an unknown credential type: 400 bad_request', async run(ctx) {
    await errorShape(await ctx.c.json({ credentialType: 'passport', credentialRef: ctx.opt.ref }), 400, 'bad_request');
  } },
  { id: 'errors.malformed', title: 'a malformed JSON body: 400 bad_request', async run(ctx) {
    const r = await ctx.c.raw({ method: 'POST', body: '{"credentialType":', headers: { 'content-type': 'application/json', 'x-seekpass-widget': 'conformance', 'sec-fetch-site': 'same-origin', origin: ctx.c.origin, cookie: ctx.own } });
    await errorShape(r, 400, 'bad_request');
  } },
  { id: 'errors.text-plain', title: 'a text/plain body (a cross-site simple request): 415 or 400, never a link', async run(ctx) {
    const r = await ctx.c.raw({ method: 'POST', body: JSON.stringify(mine(ctx)), headers: { 'content-type': 'text/plain', 'x-seekpass-widget': 'conformance', cookie: ctx.own } });
    await errorShape(r, [415, 400]);
  } },
];
