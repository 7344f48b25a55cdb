// A scripted stand-in for window.fetch, for the browser tests: records every call and lets the
// test decide when and how each one settles.
const calls = [];

export function installFakeFetch() {
  calls.length = 0;
  window.fetch = (url, init) => new Promise((resolve, reject) => {
    const headers = {};
    new Headers(init?.headers).forEach((v, k) => { headers[k] = v; });
    const call = { url: String(url), method: init?.method, body: init?.body, headers, resolve, reject,
      credentials: init?.credentials, redirect: init?.redirect, signal: init?.signal };
    init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
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
