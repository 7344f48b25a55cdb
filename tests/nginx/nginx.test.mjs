// The README's nginx advice (docs/nginx-seekpass.conf) against Debian's nginx and its
// brotli_static module: each file of dist/cdn/ with its type, its precompressed sibling for the
// client's Accept-Encoding (decoding to the exact bytes the integrity hashes cover), and Vary;
// the site's own security headers kept on every answer, and `immutable` only on versioned paths
// (threats.md item 84).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { freePort } from '../binary.mjs';

const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
const MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
const CDN = resolve('dist/cdn');
const { version } = JSON.parse(await readFile('dist/npm/package.json', 'utf8'));

let nginx;
let port;
// A partner's own site-wide headers, set in its server block.
const SITE_HEADERS = [['Strict-Transport-Security', 'max-age=63072000'], ['X-Content-Type-Options', 'nosniff'], ['Content-Security-Policy', "default-src 'none'"]];
const keepsSiteHeaders = (res, what) => {
  for (const [name, value] of SITE_HEADERS) assert.equal(res.headers[name.toLowerCase()], value, `${what}: ${name}`);
};

before(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sp-nginx-'));
  port = await freePort();
  // /srv/seekpass/ is dist/cdn/; the site's headers are the snippet the advice includes.
  await symlink(CDN, join(dir, 'seekpass'));
  await writeFile(join(dir, 'security-headers.conf'), SITE_HEADERS.map(([n, v]) => `add_header ${n} "${v}";`).join('\n'));
  const advice = (await readFile('docs/nginx-seekpass.conf', 'utf8'))
    .replace('root /srv;', `root ${dir};`)
    .replaceAll('/etc/nginx/snippets/security-headers.conf', join(dir, 'security-headers.conf'));
  assert.ok(advice.includes(`root ${dir};`) && !advice.includes('/etc/nginx/snippets'), 'the advice changed shape');
  // Run as root, nginx's workers would be `nobody`, who cannot read a private checkout (a fresh
  // clone in a 0700 temporary directory): the test's workers read as the user running the test.
  const user = process.getuid?.() === 0 ? 'user root;' : '';
  await writeFile(join(dir, 'nginx.conf'), `load_module ${MODULE}; ${user}
daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log warn; worker_processes 1;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  access_log off; client_body_temp_path ${dir}; proxy_temp_path ${dir}; fastcgi_temp_path ${dir}; uwsgi_temp_path ${dir}; scgi_temp_path ${dir};
  server { listen 127.0.0.1:${port}; include ${join(dir, 'security-headers.conf')}; ${advice} }
}
`);
  nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'inherit', 'inherit'] });
  for (let i = 0; i < 50; i++) {
    try { await get('/seekpass/', {}); break; } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
});

after(() => nginx?.kill());

function get(path, headers) {
  return new Promise((ok, fail) => {
    request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c)).on('end', () => ok({ res, body: Buffer.concat(chunks) }));
    }).on('error', fail).end();
  });
}

const FILES = [['seekpass-button.js', 'text/javascript'], ['seekpass_button_bg.wasm', 'application/wasm']];

for (const [file, type] of FILES) {
  for (const [accept, encoding, decode] of [['br, gzip', 'br', brotliDecompressSync], ['gzip', 'gzip', gunzipSync], ['', undefined, (b) => b]]) {
    test(`${file}, Accept-Encoding "${accept}": ${type}, ${encoding ?? 'identity'}, Vary, the exact bytes`, async () => {
      const { res, body } = await get(`/seekpass/v${version}/${file}`, accept ? { 'accept-encoding': accept } : {});
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], type);
      assert.equal(res.headers['content-encoding'], encoding);
      assert.match(res.headers.vary ?? '', /accept-encoding/i);
      assert.match(res.headers['cache-control'], /immutable/);
      keepsSiteHeaders(res, file);
      assert.ok(decode(body).equals(await readFile(join(CDN, `v${version}`, file))), 'decodes to the hashed bytes');
    });
  }
}

test('latest/ is revalidated (never immutable) and keeps the site\'s headers', async () => {
  const { res, body } = await get('/seekpass/latest/seekpass-button.js', {});
  assert.equal(res.statusCode, 200);
  assert.ok(body.equals(await readFile(join(CDN, 'latest/seekpass-button.js'))));
  assert.equal(res.headers['cache-control'], 'public, max-age=300');
  keepsSiteHeaders(res, 'latest/');
});

test('the stylesheet and the snippet are served with their types', async () => {
  for (const [file, type] of [['seekpass-button.css', 'text/css'], ['snippet.html', 'text/html'], ['sri.json', 'application/json']]) {
    const { res } = await get(`/seekpass/v${version}/${file}`, { 'accept-encoding': 'br, gzip' });
    assert.equal(res.statusCode, 200, file);
    assert.equal(res.headers['content-type'], type, file);
  }
});
