// What only SEEK Pass misbehaving can show (run with --mock, the backend pointed at the mock):
// links that must not be passed on, throttling, outages, slowness, expired tokens. Each queues
// the fault on the mock's /mock/control, makes one add in each mode, and clears the faults.
import { APP, carriesLink, errorShape, expect, expectStatus, htmlPage, mine } from './expect.mjs';

const ADD = '/api/partner/v1/add/';

/** Runs `fn` with `faults` queued on the mock (enough for any retries), and clears them after. */
async function withFaults(ctx, faults, fn) {
  await ctx.mock.control({ clear_faults: true, faults });
  try {
    return await fn();
  } finally {
    await ctx.mock.control({ clear_faults: true });
  }
}

/** SEEK Pass answering `link` (a string) for the add: the backend must refuse to pass it on. */
const badLink = (id, title, make) => ({ id, group: 'mock', title, async run(ctx) {
  const link = make(ctx.mock.origin, APP[ctx.opt.type]);
  const body = JSON.stringify({ redirect_uri: link });
  await withFaults(ctx, [{ path: ADD, status: 201, body, times: 8 }], async () => {
    const r = await ctx.c.json(mine(ctx));
    const json = await errorShape(r, 502);
    expect(!carriesLink(JSON.stringify(json), link), 'the link is in the error');
    const page = await ctx.c.form(mine(ctx));
    expect(page.status >= 400 && !page.headers.has('location'), `form mode: status ${page.status}`);
    const html = await htmlPage(page);
    expect(!html.includes('conformance-forged'), 'form mode: the forged link is on the page');
  });
} });

const FRAGMENT = '#clientId=conformance-forged&documentType=pdf&content=conformance-forged';

export default [
  badLink('mock.link.foreign-host', 'SEEK Pass links to another host: 502, nothing passed on', () => `https://evil.example/partner/add/education${FRAGMENT}`),
  badLink('mock.link.userinfo', 'a link with a user part (https://app@evil): 502', (o, app) => `${o.replace('://', '://conformance-forged@')}/partner/add/${app}${FRAGMENT}`),
  badLink('mock.link.query', 'a link carrying its content in the query: 502', (o, app) => `${o}/partner/add/${app}?clientId=conformance-forged&content=conformance-forged`),
  badLink('mock.link.other-type', 'a link to another type\'s app page: 502', (o) => `${o}/partner/add/batch${FRAGMENT}`),
  badLink('mock.link.not-a-url', 'a redirect_uri that is not a URL: 502', () => 'conformance-forged not a link'),
  { id: 'mock.throttled', group: 'mock', title: 'SEEK Pass answers 429 Retry-After: 7: 429 rate_limited with Retry-After', async run(ctx) {
    await withFaults(ctx, [{ path: ADD, status: 429, retry_after: 7, times: 8 }], async () => {
      const r = await ctx.c.json(mine(ctx));
      await errorShape(r, 429, 'rate_limited');
      expect(Number(r.headers.get('retry-after')) >= 1, 'no Retry-After');
    });
  } },
  { id: 'mock.unavailable', group: 'mock', title: 'SEEK Pass answers 503 (every retry): 502, 503 or 504 with an error code, a page in form mode', async run(ctx) {
    await withFaults(ctx, [{ path: ADD, status: 503, body: '<h1>down</h1>', times: 20 }], async () => {
      await errorShape(await ctx.c.json(mine(ctx)), [502, 503, 504]);
      const page = await ctx.c.form(mine(ctx));
      expectStatus(page, 502, 503, 504);
      await htmlPage(page);
    });
  } },
  { id: 'mock.rejected', group: 'mock', title: 'SEEK Pass answers 422 {"fields"}: 422 rejected, the fields not passed to the browser', async run(ctx) {
    const fields = JSON.stringify({ errors: ['conformance-field'], fields: [{ path: 'data.credential.conformance_field', rule: 'required' }] });
    await withFaults(ctx, [{ path: ADD, status: 422, body: fields, times: 1 }], async () => {
      const body = await errorShape(await ctx.c.json(mine(ctx)), 422, 'rejected');
      expect(!JSON.stringify(body).includes('conformance'), 'SEEK Pass\'s field errors reach the browser');
    });
  } },
  { id: 'mock.slow', group: 'mock', title: 'SEEK Pass does not answer: 503 or 504 within the upstream timeout (--upstream-timeout) and a little', async run(ctx) {
    const secs = Number(ctx.opt['upstream-timeout']);
    await withFaults(ctx, [{ path: ADD, delay_ms: (secs + 3) * 1000, times: 4 }], async () => {
      const t0 = Date.now();
      await errorShape(await ctx.c.json(mine(ctx)), [503, 504]);
      const took = (Date.now() - t0) / 1000;
      expect(took <= secs * 2 + 2, `answered after ${took.toFixed(1)} s`);
    });
  } },
  { id: 'mock.token-expired', group: 'mock', title: 'SEEK Pass forgets every token: one refresh, and the add succeeds', async run(ctx) {
    await ctx.mock.control({ expire_tokens: true });
    expectStatus(await ctx.c.json(mine(ctx)), 200, 201);
  } },
  { id: 'mock.token-single-flight', group: 'mock', title: 'a slow token endpoint and 8 concurrent adds: at most 2 token requests (one fetch per scope set)', async run(ctx) {
    const before = (await ctx.mock.stats()).token_requests;
    await ctx.mock.control({ expire_tokens: true });
    await withFaults(ctx, [{ path: '/api/partner/v1/oauth/token.json', delay_ms: 500, times: 8 }], async () => {
      const answers = await Promise.all(Array.from({ length: 8 }, () => ctx.c.json(mine(ctx))));
      for (const r of answers) expectStatus(r, 200, 201);
    });
    const spent = (await ctx.mock.stats()).token_requests - before;
    expect(spent <= 2, `${spent} token requests`);
  } },
];
