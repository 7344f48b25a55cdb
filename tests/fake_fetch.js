// A scripted stand-in for window.fetch, for the browser tests: records every call and lets the
// test decide when and how each one settles.
const calls = [];

export function installFakeFetch() {
  calls.length = 0;
  // Called as fetch(url, init) or, as gloo-net sends, fetch(request).
  window.fetch = (input, init) => new Promise((resolve, reject) => {
    const req = input instanceof Request ? input : null;
    const headers = {};
    new Headers(req ? req.headers : init?.headers).forEach((v, k) => { headers[k] = v; });
    const where = req ? new URL(req.url) : null;
    const url = where && where.origin === location.origin ? where.pathname + where.search : String(req ? req.url : input);
    const signal = req ? req.signal : init?.signal;
    const call = { url, method: req ? req.method : init?.method, body: req ? undefined : init?.body, headers, resolve, reject,
      credentials: req ? req.credentials : init?.credentials, redirect: req ? req.redirect : init?.redirect, signal };
    if (req && req.method !== 'GET') req.clone().text().then((t) => { call.body = t; });
    signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    calls.push(call);
  });
}

export function callCount() { return calls.length; }

export function callInfo(i) {
  const c = calls[i];
  return JSON.stringify({ url: c.url, method: c.method, body: c.body, headers: c.headers,
    credentials: c.credentials, redirect: c.redirect, aborted: Boolean(c.signal?.aborted) });
}

export function respond(i, status, contentType, body) {
  const headers = contentType ? { 'content-type': contentType } : {};
  calls[i].resolve(new Response(status === 204 ? null : body, { status, headers }));
}

export function failNetwork(i) { calls[i].reject(new TypeError('Failed to fetch')); }

export function nextTick(ms) { return new Promise((r) => setTimeout(r, ms)); }
