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
  // Reported as they come: the page may be gone (navigated) by the time the bench would ask.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__benchShift?.(e.value);
  }).observe({ type: 'layout-shift', buffered: true });
  const ready = () => window.__benchReady?.(performance.timeOrigin + performance.now());
  document.addEventListener('seekpass:ready', ready, { once: true });
  document.addEventListener('vanilla:ready', ready, { once: true });
  // The click's input delay: how long the press waited for the page's main thread.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__benchInputDelay?.(e.processingStart - e.startTime);
  }).observe({ type: 'first-input', buffered: true });
}

// A person clicks when they see the button: the first animation frame in which it is laid out,
// visible and enabled (checked in the page on every frame, through open shadow roots), not when
// a polling client next looks. Playwright's `waitFor` re-checks after 20, 50, 100, 100, then
// every 500 ms: a button painted a few ms after one check was found up to 100 ms (or 500 ms)
// later, and on the slow CPU row that step, not the page, decided the ratio.
function watch(selector) {
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && el.checkVisibility({ visibilityProperty: true, opacityProperty: true })
      && !el.disabled && el.getAttribute('aria-disabled') !== 'true';
  };
  // The host, its descendants, then each open shadow root met on the way (a root has no `matches`).
  const find = (host) => {
    const roots = [host];
    for (const root of roots) {
      for (const el of [root, ...root.querySelectorAll('*')]) {
        if (el.matches?.('button') && shown(el)) return el;
        if (el.shadowRoot) roots.push(el.shadowRoot);
      }
    }
    return null;
  };
  const frame = () => {
    const host = document.querySelector(selector);
    const button = host && find(host);
    if (!button) return requestAnimationFrame(frame);
    const r = button.getBoundingClientRect();
    window.__benchVisible(performance.timeOrigin + performance.now(), r.x + r.width / 2, r.y + r.height / 2);
  };
  if (window === window.top) requestAnimationFrame(frame);
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
  let cls = 0;
  await ctx.exposeBinding('__benchShift', (source, value) => { if (source.frame === source.page.mainFrame()) cls += value; });
  let seen;
  const sight = new Promise((resolve) => { seen = resolve; });
  await ctx.exposeBinding('__benchVisible', (_, at, x, y) => seen({ at, x, y }));
  await ctx.addInitScript(observe);
  await ctx.addInitScript(watch, selector);
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: link.latency, downloadThroughput: link.down, uploadThroughput: link.up,
  });
  if (link.cpu) await cdp.send('Emulation.setCPUThrottlingRate', { rate: link.cpu });
  // When SEEK Pass is reached, and what carried the click there: the browser's form post
  // (`document`) or the wasm's fetch (`fetch`).
  let navAt = null;
  let carrier = null;
  page.on('request', (r) => {
    if (navAt === null && NAV.test(r.url())) navAt = Date.now();
    if (carrier === null && r.method() === 'POST') carrier = r.resourceType();
  });
  const t0 = Date.now();
  let timer;
  const expired = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${url}: no visible button`)), timeoutMs); });
  await page.goto(url, { waitUntil: 'commit' });
  const { at, x, y } = await Promise.race([sight, expired]);
  clearTimeout(timer);
  // At the centre of the box seen: the upgrade draws the shadow button in the same box (layout
  // shift 0), so the click lands on whichever of the two is there by then.
  await page.mouse.click(x, y);
  const deadline = Date.now() + timeoutMs;
  while (navAt === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await ctx.close();
  return {
    visible: Math.round(at - t0),
    navigation: navAt === null ? null : navAt - t0,
    ready: readyAt === null ? null : Math.round(readyAt - t0),
    inputDelay,
    cls,
    carrier,
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
    // Each round starts one page later, so no page always follows the same one.
    for (let i = 0; i < loads; i++) {
      for (let j = 0; j < pages.length; j++) {
        const p = pages[(i + j) % pages.length];
        results[p.key].push(await load(b, base, cookie, link, p.url, p.selector, timeoutMs));
      }
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
      const posts = rs.filter((r) => r.carrier === 'document').length;
      const fetches = rs.filter((r) => r.carrier === 'fetch').length;
      rows.push([`6. ${link.name}, ${p.key}: click carried by`, `form post ${posts}, fetch ${fetches}`, '', '']);
      rows.push([`6. ${link.name}, ${p.key}: layout shift (max)`, Math.max(...rs.map((r) => r.cls)).toFixed(3), '', 'goal 0']);
    }
  }
  return rows;
}
