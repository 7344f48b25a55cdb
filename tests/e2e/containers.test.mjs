// Markup that survives any container (issue 24): renderButtonHtml's markup inside `p`, `span`,
// `label`, `li`, `td`, `h2` and a partner's own `form`. A `<form>` written straight into those
// places is moved by the HTML parser (it closes the `<p>`) or dropped (inside a form); the
// declarative shadow root keeps it. Each button, clicked with JavaScript off and on, adds its own
// credential (the landing path is its type's), the partner's form is never submitted, and each
// element is still inside its container. Real server binary, real clicks, Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ready, withBinary } from './harness.mjs';

const { renderButtonHtml } = await import('../../dist/npm/html.js');

let base;
let env;
withBinary({}, (started) => ({ base, env } = started));

// Container, the credential its button adds, and the app path that credential lands on.
const CASES = [
  ['p', 'education', 'grad-2024-0042', '/partner/add/education'],
  ['span', 'english_proficiency', 'ielts-2025-0311', '/partner/add/englishProficiency'],
  ['label', 'microcredential', 'mc-0007', '/partner/add/microcredential'],
  ['li', 'digital_identity', 'id-check-0001', '/partner/add/digitalIdentity'],
  ['td', 'microcredential', 'mc-0008', '/partner/add/microcredential'],
  ['h2', 'education', 'grad-2024-0042', '/partner/add/education'],
  ['form', 'english_proficiency', 'ielts-2025-0311', '/partner/add/englishProficiency'],
];

function pageHtml() {
  const button = (type, ref) => renderButtonHtml({ credentialType: type, credentialRef: ref, environment: base });
  const body = CASES.map(([tag, type, ref], i) => {
    const b = button(type, ref);
    const id = `c${i}`;
    switch (tag) {
      case 'p': return `<p id="${id}">Your degree is ready: ${b} add it now.</p>`;
      case 'span': return `<p><span id="${id}">Your test result ${b}</span></p>`;
      case 'label': return `<label id="${id}">Your microcredential ${b}</label>`;
      case 'li': return `<ul><li id="${id}">Your identity ${b}</li></ul>`;
      case 'td': return `<table><tr><td>Workplace Safety</td><td id="${id}">${b}</td></tr></table>`;
      case 'h2': return `<h2 id="${id}">Your degree ${b}</h2>`;
      default: return `<form id="${id}" method="post" action="/partner-form"><input name="partnerField" value="x">${b}<button type="submit">Save profile</button></form>`;
    }
  }).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>containers</title>
    <link rel="stylesheet" href="/dist/cdn/latest/seekpass-button.css">
    <script type="module" src="/dist/cdn/latest/seekpass-button.js"></script></head><body>${body}</body></html>`;
}

async function open(context) {
  const page = await context.newPage();
  await page.goto(`${base}/`); // the session cookie
  const partnerPosts = [];
  await page.route(`${base}/partner-form`, (route) => { partnerPosts.push(route.request().postData()); route.fulfill({ body: 'partner' }); });
  await page.route(`${base}/containers.html`, (route) => route.fulfill({ contentType: 'text/html', body: pageHtml() }));
  await page.goto(`${base}/containers.html`);
  return { page, partnerPosts };
}

for (const javaScriptEnabled of [false, true]) {
  test(`JavaScript ${javaScriptEnabled ? 'on' : 'off'}: every container keeps its button, and each adds its own credential`, async () => {
    // JavaScript on: the harness's context (its event recorder); off: a context of its own.
    const context = javaScriptEnabled ? env.context : await env.browser.newContext({ javaScriptEnabled });
    for (const [i, [tag, type, ref, path]] of CASES.entries()) {
      const { page, partnerPosts } = await open(context);
      if (javaScriptEnabled) await ready(page, CASES.length);
      // The parser left each element inside its container (a `<form>` would have closed the `<p>`).
      assert.equal(await page.evaluate((id) => document.getElementById(id).querySelector('seek-pass-button') !== null, `c${i}`), true, `${tag} holds its button`);
      const sent = [];
      page.on('request', (r) => { if (r.url() === `${base}/api/seekpass/add`) sent.push(r.postData()); });
      await page.locator(`#c${i}`).getByRole('button', { name: 'Add to SEEK Pass' }).click();
      await page.waitForURL(`${base}${path}#*`, { timeout: 15000 });
      assert.equal(sent.length, 1, `${tag}: one add`);
      const body = sent[0];
      if (javaScriptEnabled) assert.deepEqual(JSON.parse(body), { credentialType: type, credentialRef: ref }, tag);
      else assert.equal(body, `credentialType=${type}&credentialRef=${ref}`, tag);
      assert.deepEqual(partnerPosts, [], `${tag}: the partner's form was not submitted`);
      await page.close();
    }
    if (!javaScriptEnabled) await context.close();
  });
}

test('the markup is not rearranged by the parser: the DOM matches the markup in every container', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  const { page } = await open(context);
  const shapes = await page.evaluate(() => [...document.querySelectorAll('seek-pass-button')].map((el) => ({
    parent: el.parentElement.tagName.toLowerCase(),
    light: el.childElementCount,
    form: el.shadowRoot?.querySelector('form')?.getAttribute('action') ?? null,
  })));
  assert.deepEqual(shapes, CASES.map(([tag]) => ({ parent: tag, light: 0, form: '/api/seekpass/add' })));
  await context.close();
});

test('a page script sets a property before the wasm runs: the form posts the new credential', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.route('**/seekpass_button_bg.wasm', () => {}); // never answers: the form is the button
  await page.route(`${base}/containers.html`, (route) => route.fulfill({ contentType: 'text/html', body: pageHtml() }));
  await page.goto(`${base}/containers.html`);
  await page.waitForFunction(() => customElements.get('seek-pass-button'));
  await page.evaluate(() => {
    const el = document.querySelector('#c0 seek-pass-button');
    el.credentialType = 'microcredential';
    el.credentialRef = 'mc-0007';
  });
  const sent = [];
  page.on('request', (r) => { if (r.url() === `${base}/api/seekpass/add`) sent.push(r.postData()); });
  await page.locator('#c0').getByRole('button', { name: 'Add to SEEK Pass' }).click();
  await page.waitForURL(`${base}/partner/add/microcredential#*`, { timeout: 15000 });
  assert.deepEqual(sent, ['credentialType=microcredential&credentialRef=mc-0007']);
  await context.close();
});

test('no page errors', () => {
  assert.deepEqual(env.problems, []);
});
