// Issue 26, from outside the page: links minted by `seekpass-server link` (the command a partner
// runs) against the real binary. A phone-sized browser with no session opens an email link and
// lands on the mock's app page, JavaScript on and off, and the same link gets the same SEEK Pass
// link again; a mail scanner's HEAD and GET leave /mock/stats unchanged; a printed link goes
// through the sign-in first; a revoked link reaches nothing. The QR code is decoded by zbarimg
// (the SVG drawn by rsvg-convert first) back to exactly the link; the email button passes the
// caniemail lint (@jsx-email/doiuse-email) for Gmail, Outlook, Apple Mail and Yahoo in all five
// locales.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, devices } from 'playwright-core';
import { doIUseEmail } from '@jsx-email/doiuse-email';
import { startBackend, startBinary } from '../binary.mjs';

const BINARY = process.env.SEEKPASS_SERVER_BIN ?? 'target/debug/seekpass-server';
const SCANNER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edge/12.246 Gmail-content-sampling';
let server;
let base;
let browser;
let scratch;
let revoked;
let node;
let nodeRevoked;

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'seekpass-links-'));
  revoked = join(scratch, 'revoked.txt');
  nodeRevoked = join(scratch, 'node-revoked.txt');
  ({ server, base } = await startBinary({ SEEKPASS_REVOKED_LINKS: revoked }));
  node = await startBackend(['node', 'examples/backend-node/server.mjs'], { SEEKPASS_API_BASE: base, SEEKPASS_REVOKED_LINKS: nodeRevoked });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
});

after(async () => {
  await browser?.close();
  node?.child.kill();
  server?.kill();
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs `seekpass-server link …` as a partner would; its one line of output. */
function mint(...args) {
  return execFileSync(BINARY, ['link', ...args], {
    encoding: 'utf8',
    env: { ...process.env, SEEKPASS_ENV: 'mock', SEEKPASS_PUBLIC_ORIGIN: base, SEEKPASS_REVOKED_LINKS: revoked },
  }).trim();
}

/** The Node example's `mint-link.mjs`, for its own origin. */
function mintNode(...args) {
  return execFileSync('node', ['examples/backend-node/mint-link.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, SEEKPASS_API_BASE: base, PUBLIC_ORIGIN: node.url },
  }).trim();
}

/** Each backend with landing routes, and how its partner mints and revokes. */
const BACKENDS = {
  'the reference proxy': { mint: (...a) => mint(...a), revoke: (link) => mint('--revoke', link) },
  'the Node example': { mint: (...a) => mintNode(...a), revoke: (link) => appendFileSync(nodeRevoked, `${link.slice(link.lastIndexOf('~') + 1)}\n`) },
};

const stats = async () => (await (await fetch(`${base}/mock/stats`)).json());

/** A phone with no session of the partner's: a fresh context, Pixel 7 sized. */
async function phone(javaScriptEnabled) {
  const { defaultBrowserType, ...pixel } = devices['Pixel 7'];
  return browser.newContext({ ...pixel, javaScriptEnabled });
}

/**
 * Opens `link` on a phone, presses the button (with JavaScript, once the wasm has upgraded it);
 * the URL it lands on, and how the landing was asked.
 */
async function confirm(link, javaScriptEnabled) {
  const context = await phone(javaScriptEnabled);
  await context.addInitScript(() => {
    document.addEventListener('seekpass:ready', () => { window.__ready = true; });
  });
  const page = await context.newPage();
  const sent = [];
  page.on('request', (r) => { if (r.url() === link && r.method() === 'POST') sent.push(r.headers()['content-type']); });
  await page.goto(link);
  if (javaScriptEnabled) await page.waitForFunction(() => window.__ready === true, null, { timeout: 15000 });
  await page.getByRole('button', { name: 'Add to SEEK Pass' }).click();
  await page.waitForURL(`${base}/partner/add/education#*`, { timeout: 15000 });
  const landed = page.url();
  await context.close();
  return { landed, sent };
}

test('the command prints one short link on one line, and explains its mistakes', () => {
  assert.match(mint('--revoke', `${base}/l/1~e~1~u~e~~r~AAAAAAAAAAAAAAAAAAAAAA`), /^revoked AAAAAAAAAAAAAAAAAAAAAA$/);
  const link = mint('--user', 'learner-jane', '--type', 'education', '--ref', 'grad-2024-0042', '--channel', 'email');
  assert.match(link, new RegExp(`^${base}/l/1~e~\\d+~learner-jane~e~~grad-2024-0042~[A-Za-z0-9_-]{22}$`));
  assert.ok(link.length - `${base}/l/`.length < 100);
  assert.throws(() => mint('--user', 'learner-jane', '--type', 'education', '--ref', 'grad-2023-0107', '--channel', 'email'),
    (e) => /no record "grad-2023-0107" belongs to "learner-jane"/.test(e.stderr) && !/panicked/.test(e.stderr));
  assert.throws(() => mint('--user', 'learner-jane', '--type', 'education', '--ref', 'grad-2024-0042', '--channel', 'fax'),
    (e) => /--channel must be email, print or sms/.test(e.stderr));
  assert.match(execFileSync(BINARY, ['link', '--help'], { encoding: 'utf8' }), /--channel email\|print\|sms/);
});

for (const [name, b] of Object.entries(BACKENDS)) {
  test(`${name}: a mail scanner opening the link changes nothing at SEEK Pass`, async () => {
    const link = b.mint('--user', 'learner-jane', '--type', 'education', '--ref', 'grad-2024-0042', '--channel', 'email');
    const before = await stats();
    assert.equal((await fetch(link, { method: 'HEAD', headers: { 'User-Agent': SCANNER } })).status, 200);
    const page = await fetch(link, { headers: { 'User-Agent': SCANNER } });
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.doesNotMatch(await page.text(), /Jane|Citizen/);
    const after = await stats();
    assert.equal(after.add_requests, before.add_requests);
    assert.equal(after.token_requests, before.token_requests);
  });

  test(`${name}: a phone with no session confirms an email link, JavaScript on and off, and gets the same link again`, async () => {
    const link = b.mint('--user', 'learner-jane', '--type', 'education', '--ref', 'grad-2024-0042', '--channel', 'email');
    const withScript = await confirm(link, true);
    const without = await confirm(link, false);
    assert.deepEqual(withScript.sent, ['application/json'], 'the upgraded button asks as JSON');
    assert.deepEqual(without.sent, ['application/x-www-form-urlencoded'], 'the plain form posts');
    assert.equal(without.landed, withScript.landed, 'the same SEEK Pass request within 48 h');
  });

  test(`${name}: a printed link leads through the sign-in, then to SEEK Pass`, async () => {
    const link = b.mint('--user', 'learner-jane', '--type', 'education', '--ref', 'grad-2024-0042', '--channel', 'print', '--ttl', '3650d');
    const before = await stats();
    const context = await phone(false);
    const page = await context.newPage();
    await page.goto(link);
    assert.equal(await page.getByRole('button', { name: 'Add to SEEK Pass' }).count(), 0);
    assert.equal((await stats()).add_requests, before.add_requests, 'no SEEK Pass call before the sign-in');
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL(link);
    await page.getByRole('button', { name: 'Add to SEEK Pass' }).click();
    await page.waitForURL(`${base}/partner/add/education#*`, { timeout: 15000 });
    await context.close();
  });

  test(`${name}: a revoked or tampered link gets a clear page and reaches nothing`, async () => {
    const link = b.mint('--user', 'learner-jane', '--type', 'education', '--ref', 'grad-2024-0042', '--channel', 'sms', '--locale', 'id');
    b.revoke(link);
    const before = await stats();
    const context = await phone(true);
    const page = await context.newPage();
    const gone = await page.goto(link);
    assert.equal(gone.status(), 410);
    assert.equal(await page.getByRole('heading').textContent(), 'Tautan ini sudah kedaluwarsa', 'in the language the sender chose');
    const forged = await page.goto(link.replace('grad-2024-0042', 'grad-2023-0107'));
    assert.equal(forged.status(), 404);
    await context.close();
    assert.equal((await stats()).add_requests, before.add_requests);
  });
}

test('the QR code decodes, SVG and PNG, to exactly the link', () => {
  const png = join(scratch, 'qr.png');
  const svg = join(scratch, 'qr.svg');
  const link = mint('--user', 'learner-jane', '--type', 'batch', '--refs', 'grad-2024-0042,mc-0007', '--channel', 'print', '--qr', png);
  mint('--user', 'learner-jane', '--type', 'batch', '--refs', 'grad-2024-0042,mc-0007', '--channel', 'print', '--ttl', '3650d', '--qr', svg);
  const decode = (file) => execFileSync('zbarimg', ['--quiet', '--raw', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  assert.equal(decode(png), link);
  const drawn = join(scratch, 'qr-svg.png');
  execFileSync('rsvg-convert', ['-o', drawn, svg]);
  assert.match(decode(drawn), new RegExp(`^${base}/l/1~p~\\d+~learner-jane~b~~grad-2024-0042~mc-0007~`));
});

test('the email button passes the caniemail lint for Gmail, Outlook, Apple Mail and Yahoo in every locale', () => {
  for (const locale of ['en', 'id', 'th', 'ms', 'zh-HK']) {
    const file = join(scratch, `email-${locale}.html`);
    const link = mint('--user', 'learner-jane', '--type', 'education', '--ref', 'grad-2024-0042', '--channel', 'email', '--locale', locale, '--email', file);
    const html = readFileSync(file, 'utf8');
    assert.doesNotMatch(html, /<script|<form|<svg|<style/i);
    assert.match(html, new RegExp(`lang="${locale}"`));
    assert.match(html, /<img [^>]*alt=""/);
    assert.match(html, /<!--\[if mso\]>[\s\S]*<v:roundrect[\s\S]*<!\[endif\]-->/, 'the VML button for Outlook on Windows');
    assert.equal(html.split(`href="${link}"`).length - 1, 3, 'VML, button and text link share the link');
    for (const clients of ['gmail.*', 'outlook.*', 'apple-mail.*', 'yahoo.*']) {
      const result = doIUseEmail(html, { emailClients: [clients] });
      assert.ok(result.success, `${locale} ${clients}: ${JSON.stringify(result.errors)}`);
    }
  }
  // The linter does fail markup those clients refuse.
  assert.equal(doIUseEmail('<a href="x" style="border-radius:8px">x</a>', { emailClients: ['outlook.*'] }).success, false);
});
