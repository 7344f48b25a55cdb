// The entry-link format of docs/partner-backend.md §9: the doc's vectors are the fixture's
// (computed with Python's hmac), and the Node example mints and refuses exactly as they say.
// The reference proxy is held to the same file by server/tests/links.rs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const vectors = JSON.parse(readFileSync('tests/fixtures/link-vectors.json', 'utf8'));
const doc = readFileSync('docs/partner-backend.md', 'utf8');

test('the doc shows the fixture\'s vectors', () => {
  assert.match(doc, new RegExp(`link key \`${vectors.key_hex.slice(0, 6)}…${vectors.key_hex.slice(-2)}\``));
  for (const v of vectors.valid) assert.ok(doc.includes(`\`${v.handle}\``), v.handle);
});

test('the Node example mints every vector and refuses every refused one', () => {
  const out = execFileSync('node', ['--input-type=module', '-e', `
    const { mint, verify } = await import('./examples/backend-node/links.mjs');
    const v = ${JSON.stringify(vectors)};
    console.log(JSON.stringify({
      minted: v.valid.map((c) => mint({ ...c.claims, type: c.claims.credentialType, locale: c.claims.locale ?? '' })),
      read: v.valid.map((c) => verify(c.handle, 0).claims?.user ?? null),
      refused: v.invalid.map((c) => verify(c.handle, 0).refused ?? 'accepted'),
      expired: verify(v.expired.handle, v.expired.now).refused ?? 'accepted',
      before: verify(v.expired.handle, v.expired.now - 1).refused ?? 'accepted',
    }));`], { env: { ...process.env, SEEKPASS_LINK_KEY: vectors.key_hex } });
  const r = JSON.parse(out);
  assert.deepEqual(r.minted, vectors.valid.map((v) => v.handle));
  assert.deepEqual(r.read, vectors.valid.map((v) => v.claims.user));
  assert.deepEqual(r.refused, vectors.invalid.map(() => 'invalid'), JSON.stringify(vectors.invalid.map((v) => v.why)));
  assert.equal(r.expired, 'expired');
  assert.equal(r.before, 'accepted');
});
