// The throttled section of `npm run bench`: what a person feels on a slow or fast mobile link.
// Each load is a fresh context (cold cache) with the link applied through the Chrome DevTools
// Protocol; the widget (snippet and plain tag) and the vanilla button alternate load by load.
// The button is clicked at first sight: the moment Playwright finds it visible and enabled.

export const LINKS = [
  // The DevTools "Fast 3G" preset: 562.5 ms per request, 1.44 Mbit/s down, 675 kbit/s up.
  { name: 'Fast 3G', latency: 562.5, down: 180_000, up: 84_375 },
  // A 4G-like link: 60 ms, 12 Mbit/s down, 3 Mbit/s up.
  { name: '4G-like', latency: 60, down: 1_500_000, up: 375_000 },
  // The same link on a mid-range phone's CPU: Lighthouse's mobile preset slows the CPU 4×.
  { name: '4G-like, CPU 4× slower', latency: 60, down: 1_500_000, up: 375_000, cpu: 4 },
];

const NAV = /^https:\/\/app\.seekpass-staging\.com\//;

function observe() {
  window.__cls = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  const ready = () => window.__benchReady?.(performance.timeOrigin + performance.now());
  document.addEventListener('seekpass:ready', ready, { once: true });
  document.addEventListener('vanilla:ready', ready, { once: true });
  // The click's input delay: how long the press waited for the page's main thread.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__benchInputDelay?.(e.processingStart - e.startTime);
  }).observe({ type: 'first-input', buffered: true });
}

/** One cold load of `url` on `link`, clicking `selector`'s button at first sight. */
async function load(b, base, cookie, link, url, selector, timeoutMs) {
  const ctx = await b.newContext();
  await ctx.addCookies([{ ...cookie, url: base }]);
  await ctx.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: 'stub' }));
  let readyAt = null;
  await ctx.exposeBinding('__benchReady', (_, at) => { readyAt ??= at; });
  let inputDelay = null;
  await ctx.exposeBinding('__benchInputDelay', (_, ms) => { inputDelay ??= ms; });
  await ctx.addInitScript(observe);
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: link.latency, downloadThroughput: link.down, uploadThroughput: link.up,
  });
  if (link.cpu) await cdp.send('Emulation.setCPUThrottlingRate', { rate: link.cpu });
  let navAt = null;
  page.on('request', (r) => { if (navAt === null && NAV.test(r.url())) navAt = Date.now(); });
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  // The visible one: the form's own button until the upgrade, the shadow root's after it.
  const button = page.locator(selector).getByRole('button').or(page.locator(`button${selector}`)).filter({ visible: true }).first();
  await button.waitFor({ state: 'visible', timeout: timeoutMs });
  const visibleAt = Date.now();
  const cls = await page.evaluate(() => window.__cls);
  // A person clicks where they see the button. The upgrade draws the shadow button in the same
  // box (layout shift 0), so a click at the box's centre lands on whichever is there; a
  // locator click could hold the light button that the upgrade just hid and retry for ever.
  // The box is read again across the instant the upgrade swaps the two buttons (null then).
  let box = null;
  for (let i = 0; i < 100 && !box; i++) box = await button.boundingBox().catch(() => null);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const deadline = Date.now() + timeoutMs;
  while (navAt === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await ctx.close();
  return {
    visible: visibleAt - t0,
    navigation: navAt === null ? null : navAt - t0,
    ready: readyAt === null ? null : Math.round(readyAt - t0),
    inputDelay,
    cls,
  };
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/** Rows for the bench table: per link, per page, and the ratios against the plain form. */
export async function throttled(b, base, { loads, timeoutMs = 30_000 }) {
  const cookie = await fetch(`${base}/`).then((r) => {
    const [pair] = r.headers.get('set-cookie').split(';');
    const [name, ...value] = pair.split('=');
    return { name, value: value.join('=') };
  });
  // Every page is a partner page with its own stylesheet (www/bench/partner.css). The floor is
  // the plain form posting to the reference proxy's form mode, as the recommended setup's does.
  const pages = [
    { key: 'recommended (snippet + form markup)', url: `${base}/dist/bench/recommended.html`, selector: '#recommended' },
    { key: 'snippet, element without form', url: `${base}/dist/bench/widget-preload.html`, selector: '#widget' },
    { key: 'plain script tag', url: `${base}/bench/widget.html`, selector: '#widget' },
    { key: 'vanilla JS button', url: `${base}/bench/vanilla.html`, selector: '#vanilla' },
    { key: 'plain form', url: `${base}/bench/form.html`, selector: '#plain-form' },
  ];
  const rows = [];
  for (const link of LINKS) {
    const results = Object.fromEntries(pages.map((p) => [p.key, []]));
    for (let i = 0; i < loads; i++) {
      for (const p of pages) results[p.key].push(await load(b, base, cookie, link, p.url, p.selector, timeoutMs));
    }
    const v = results['plain form'];
    const vNav = v.map((r) => r.navigation).filter((x) => x !== null);
    for (const p of pages) {
      const rs = results[p.key];
      const lost = rs.filter((r) => r.navigation === null).length;
      const nav = rs.map((r) => r.navigation).filter((x) => x !== null);
      const ready = rs.map((r) => r.ready).filter((x) => x !== null);
      const vis = rs.map((r) => r.visible);
      const ratio = (xs, ys, q) => (xs.length && ys.length ? `${(quantile(xs, q) / quantile(ys, q)).toFixed(2)}x` : 'n/a');
      rows.push([`6. ${link.name}, ${p.key}: lost early clicks`, `${lost} of ${rs.length}`, '', 'goal 0']);
      rows.push([`6. ${link.name}, ${p.key}: visible button p50`, `${quantile(vis, 0.5)} ms`, '', '']);
      if (nav.length) {
        rows.push([`6. ${link.name}, ${p.key}: start → navigation p50/p95`, `${quantile(nav, 0.5)} / ${quantile(nav, 0.95)} ms`,
          `${quantile(vNav, 0.5)} / ${quantile(vNav, 0.95)} ms`, `${ratio(nav, vNav, 0.5)} / ${ratio(nav, vNav, 0.95)} vs the plain form (goal ≤ 1.05x p50)`]);
      }
      if (ready.length) {
        rows.push([`6. ${link.name}, ${p.key}: ready event p50`, `${quantile(ready, 0.5)} ms`, '', '']);
      }
      const delays = rs.map((r) => r.inputDelay).filter((x) => x !== null);
      if (delays.length) {
        rows.push([`6. ${link.name}, ${p.key}: click input delay p50/max`, `${quantile(delays, 0.5).toFixed(1)} / ${Math.max(...delays).toFixed(1)} ms`, '', `${delays.length} of ${rs.length} reported`]);
      }
      rows.push([`6. ${link.name}, ${p.key}: layout shift (max)`, Math.max(...rs.map((r) => r.cls)).toFixed(3), '', 'goal 0']);
    }
  }
  return rows;
}
