// Limits (threats.md items 53, 71, 78, 79): requests nobody signed in for never spend what
// signed-in users need; one user's burst is cut off with 429 and `Retry-After`, in both modes,
// and leaves other users alone; slow clients are dropped. This group runs last: it leaves the
// signed-in user throttled for a while.
import net from 'node:net';
import tls from 'node:tls';
import { burst, errorShape, expect, expectStatus, htmlPage, mine } from './expect.mjs';


/** Resolves to the seconds until the server closes (or answers) a connection that sends `start` and stalls, trickling `drip` every 2 s. */
function stalled(ctx, start, drip, limit) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const https = ctx.base.protocol === 'https:';
    const port = Number(ctx.base.port) || (https ? 443 : 80);
    const socket = https ? tls.connect({ host: ctx.base.hostname, port, servername: ctx.base.hostname }) : net.connect(port, ctx.base.hostname);
    let timer;
    let limitTimer;
    const done = (answered) => {
      clearInterval(timer);
      clearTimeout(limitTimer);
      socket.destroy();
      resolve({ secs: (Date.now() - t0) / 1000, answered });
    };
    socket.once(https ? 'secureConnect' : 'connect', () => {
      socket.write(start);
      if (drip) timer = setInterval(() => socket.write(drip), 2000);
    });
    socket.on('data', (d) => done(String(d).split('\r\n')[0]));
    socket.on('close', () => done(null));
    socket.on('error', () => done(null));
    limitTimer = setTimeout(() => done('still open'), limit * 1000);
  });
}

/** Sends `n` requests at once; resolves to the first refused (429) one, else to the last. */
async function refusal(make, n = 4) {
  const answers = await Promise.all(Array.from({ length: n }, make));
  const chosen = answers.find((r) => r.status === 429) ?? answers[n - 1];
  await Promise.all(answers.filter((r) => r !== chosen).map((r) => r.arrayBuffer().catch(() => null)));
  return chosen;
}

export default [
  { id: 'limits.anonymous', group: 'limits', title: '200 requests with no session, then a signed-in add: 200 (anonymous requests never spend the users\' limit)', async run(ctx) {
    const answers = await burst(200, 20, () => ctx.c.json(mine(ctx), { cookie: null }));
    expect(answers.every((r) => r.status === 401 || r.status === 429), `an anonymous request got ${answers.find((r) => r.status !== 401 && r.status !== 429)?.status}`);
    expectStatus(await ctx.c.json(mine(ctx)), 200, 201);
  } },
  { id: 'limits.user', group: 'limits', title: 'one user\'s burst (up to 300 adds): cut off by 429 rate_limited with Retry-After, a 429 page in form mode, other users unaffected', async run(ctx) {
    const before = ctx.mock ? (await ctx.mock.stats()).add_requests : 0;
    let sent = 0;
    let refused = false;
    let linked = 0;
    while (sent < 300 && !refused) {
      const wave = await burst(10, 10, () => ctx.c.json(mine(ctx)));
      sent += 10;
      refused = wave.some((r) => r.status === 429);
      linked += wave.filter((r) => r.status === 200 || r.status === 201).length;
    }
    expect(refused, `${sent} adds by one user in a burst, none refused: no per-user rate limit`);
    if (ctx.mock) {
      const upstream = (await ctx.mock.stats()).add_requests - before;
      expect(upstream <= linked, `SEEK Pass saw ${upstream} adds for ${linked} links`);
    }
    // A bucket refills as time passes (60 a minute is one a second), so the refusals are
    // looked at in a small burst: one request alone might land on a token just refilled.
    const r = await refusal(() => ctx.c.json(mine(ctx)));
    await errorShape(r, 429, 'rate_limited');
    expect(/^\d+$/.test(r.headers.get('retry-after') ?? '') && Number(r.headers.get('retry-after')) >= 1, 'no Retry-After in whole seconds');
    const page = await refusal(() => ctx.c.form(mine(ctx)));
    expectStatus(page, 429);
    await htmlPage(page);
    expect(page.headers.has('retry-after'), 'the form mode\'s 429 page has no Retry-After');
    if (!ctx.otherCookie) return 'pass (other users not checked: no second user)';
    const theirs = await ctx.c.json({ credentialType: ctx.opt.type, credentialRef: ctx.opt['foreign-ref'] }, { cookie: ctx.otherCookie });
    expectStatus(theirs, 200, 201);
    return undefined;
  } },
  { id: 'slow.headers', group: 'slow', title: 'a client that sends half its headers and stalls is dropped within 30 s', async run(ctx) {
    const { secs, answered } = await stalled(ctx, `POST ${new URL(ctx.c.add).pathname} HTTP/1.1\r\nHost: ${ctx.base.host}\r\nX-Slow: `, 'a', 31);
    expect(answered !== 'still open' && secs <= 30, `still open after ${Math.round(secs)} s`);
    return `dropped after ${secs.toFixed(1)} s${answered ? ` (${answered})` : ''}`;
  } },
  { id: 'slow.body', group: 'slow', title: 'a client that trickles its body is dropped (or answered 408) within 45 s', async run(ctx) {
    const head = `POST ${new URL(ctx.c.add).pathname} HTTP/1.1\r\nHost: ${ctx.base.host}\r\nContent-Type: application/json\r\nContent-Length: 4000\r\nCookie: ${ctx.own}\r\nX-SEEKPass-Widget: conformance\r\nSec-Fetch-Site: same-origin\r\n\r\n{`;
    const { secs, answered } = await stalled(ctx, head, ' ', 46);
    expect(answered !== 'still open' && secs <= 45, `still open after ${Math.round(secs)} s`);
    return `dropped after ${secs.toFixed(1)} s${answered ? ` (${answered})` : ''}`;
  } },
];
