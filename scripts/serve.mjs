// Static server on 127.0.0.1 for www/ and the built bundle under /dist/. `.wasm` is served as
// application/wasm (streaming compilation), and pages get a strict CSP unless told otherwise.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const WWW = join(ROOT, 'www');
const DIST = join(ROOT, 'dist');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The policy the demo pages run under (threats.md §4 page a). */
export const STRICT_CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

/** Extra URL prefixes served from other folders, e.g. a test build. */
export const MOUNTS = { '/dist/': DIST, '/dist-panic/': join(ROOT, 'target', 'dist-panic') };

function resolveFile(pathname) {
  const path = normalize(decodeURIComponent(pathname));
  const prefix = Object.keys(MOUNTS).find((p) => path.startsWith(p));
  const [base, rel] = prefix ? [MOUNTS[prefix], path.slice(prefix.length - 1)] : [WWW, path];
  const file = join(base, rel.endsWith('/') ? `${rel}index.html` : rel);
  return file.startsWith(base + '/') ? file : null;
}

/**
 * Starts a server. `api(req, res, url)` may answer first (return true when it did);
 * `csp(url)` picks the page's policy (null for none).
 */
export function serve({ port = Number(process.env.PORT ?? 8080), host = '127.0.0.1', api, csp = () => STRICT_CSP } = {}) {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      if (api && (await api(req, res, url))) return;
      const file = resolveFile(url.pathname);
      if (!file || req.method !== 'GET') {
        res.writeHead(req.method === 'GET' ? 404 : 405).end();
        return;
      }
      if (!(await stat(file).catch(() => null))?.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      const headers = {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      };
      const policy = csp(url);
      if (policy && extname(file) === '.html') headers['Content-Security-Policy'] = policy;
      res.writeHead(200, headers).end(await readFile(file));
    } catch {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok({ server, url: `http://${host}:${server.address().port}/` }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serve();
  console.log(`seekpass-button demo: ${url}  (Ctrl+C to stop)`);
}
