// A scripted stand-in for window.fetch, for the browser tests: records every call and lets the
// test decide when and how each one settles. A call is recorded once its body has been read, and
// an answer given before its call has arrived waits for it, so tests do not race the wasm.
// Each install starts fresh arrays; a late call from an earlier test lands in that test's array.
let calls = [];
let pending = new Map();

export function installFakeFetch() {
  calls = [];
  pending = new Map();
  const mine = calls;
  const waiting = pending;
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
    signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    const record = () => {
      const i = mine.push(call) - 1;
      const answer = waiting.get(i);
      if (answer) {
        waiting.delete(i);
        answer();
      }
    };
    if (req && req.method !== 'GET') req.clone().text().then((t) => { call.body = t; record(); });
    else record();
  });
}

export function callCount() { return calls.length; }

export function callInfo(i) {
  const c = calls[i];
  return JSON.stringify({ url: c.url, method: c.method, body: c.body, headers: c.headers,
    credentials: c.credentials, redirect: c.redirect, aborted: Boolean(c.signal?.aborted) });
}

function settle(i, fn) {
  if (calls[i]) fn();
  else pending.set(i, fn);
}

export function respond(i, status, contentType, body) {
  const headers = contentType ? { 'content-type': contentType } : {};
  settle(i, () => calls[i].resolve(new Response(status === 204 ? null : body, { status, headers })));
}

export function failNetwork(i) { settle(i, () => calls[i].reject(new TypeError('Failed to fetch'))); }

export function nextTick(ms) { return new Promise((r) => setTimeout(r, ms)); }
