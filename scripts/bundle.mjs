// Turns the wasm-pack output (www/pkg) into the two deliverables:
//   dist/cdn/v<version>/  one ES module (glue + element, auto-mounting), the wasm, sri.json
//   dist/npm/             the npm package: ESM without side effects, types, the wasm
// The public API is only what the entries below export from js/element.js.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { build, transform } from 'esbuild';
import { lightCss } from './light-css.mjs';
import { minifyNames } from './minify-names.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// BUNDLE_PKG / BUNDLE_OUT let test builds (e.g. the test-panic build) be bundled elsewhere.
const pkgDir = `${root}${process.env.BUNDLE_PKG ?? 'www/pkg'}/`;
const outDir = `${root}${process.env.BUNDLE_OUT ?? 'dist'}/`;
const { version } = JSON.parse(await readFile(`${pkgDir}package.json`, 'utf8'));
// The wasm and the glue with the names they share shortened (scripts/minify-names.mjs); the glue
// is written beside wasm-pack's for esbuild to bundle.
const { glue, wasm } = await minifyNames(await readFile(`${pkgDir}seekpass_button.js`, 'utf8'), await readFile(`${pkgDir}seekpass_button_bg.wasm`));
const gluePath = `${pkgDir}seekpass_button.short.js`;
await writeFile(gluePath, glue);
const css = await readFile(`${root}js/style.css`, 'utf8');
// The shadow root's stylesheet, minified: it ships inside the script.
const { code: shadowCss } = await transform(css, { loader: 'css', minify: true });
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

// The element (js/element.js, an ES module) imports the glue as `seekpass-wasm`; esbuild bundles
// both, and only what the element uses of the glue stays.
for (const needed of ['async function __wbg_init(', 'export function mount(', 'export { initSync, __wbg_init as default };']) {
  if (!glue.includes(needed)) throw new Error(`wasm-bindgen glue changed shape: missing ${needed}`);
}
const wasmIntegrity = sri(wasm);
const banner = `/*! seekpass-button ${version} — Add to SEEK Pass. */\n`;
// Minified: every byte of the script tag is paid by the partner's page (size budget in README).
const module = async (integrity, entry) => {
  const { outputFiles } = await build({
    stdin: { contents: entry, resolveDir: `${root}js`, sourcefile: 'entry.js' },
    alias: { 'seekpass-wasm': gluePath },
    define: {
      __SP_VERSION__: JSON.stringify(version),
      __SP_WASM_INTEGRITY__: JSON.stringify(integrity),
      __SP_CSS__: JSON.stringify(shadowCss),
    },
    bundle: true, write: false, minify: true, format: 'esm', target: 'es2022', legalComments: 'none',
  });
  return banner + outputFiles[0].text;
};

// Script tag: define the element and upgrade data-attribute hosts, unless another copy did.
const cdnJs = await module(wasmIntegrity, `
import { spDefineElement, spAutoMount, SP_VERSION, spMemoryBytes } from './element.js';
// After the page's first frame: until then the form markup is the button (a click posts it), and
// the define, the upgrade and the wasm's instantiation would delay that frame on a slow CPU.
const start = () => spDefineElement() && spAutoMount();
if (typeof window !== 'undefined') document.hidden ? start() : requestAnimationFrame(() => setTimeout(start));
export { spAutoMount as autoMount, SP_VERSION as version, spMemoryBytes as memoryBytes };
`);
// npm: no side effects at import; bundlers rewrite the wasm URL, so no integrity is pinned.
const npmJs = await module('', `
export { spDefineElement as defineSeekPassButton, spAutoMount as autoMount, SP_VERSION as version, spMemoryBytes as memoryBytes } from './element.js';
`);

const cdnDir = `${outDir}cdn/v${version}/`;
const npmDir = `${outDir}npm/`;
const latestDir = `${outDir}cdn/latest/`;
await rm(outDir, { recursive: true, force: true });
await mkdir(cdnDir, { recursive: true });
await mkdir(npmDir, { recursive: true });

await writeFile(`${cdnDir}seekpass-button.js`, cdnJs);
await writeFile(`${cdnDir}seekpass_button_bg.wasm`, wasm);
// The page-level rules: the box reserved before the element is defined, and the button's look
// for its light-DOM form (the recommended markup), from the shadow root's own stylesheet.
// Minified like the script (-243 B brotli): the comments stay in js/reserve.css and js/style.css.
const { code: pageCss } = await transform(`${await readFile(`${root}js/reserve.css`, 'utf8')}${lightCss(css)}`, { loader: 'css', minify: true });
const reserveCss = Buffer.from(pageCss);
await writeFile(`${cdnDir}seekpass-button.css`, reserveCss);
const hashes = {
  'seekpass-button.js': sri(cdnJs),
  'seekpass_button_bg.wasm': wasmIntegrity,
  'seekpass-button.css': sri(reserveCss),
};
await writeFile(`${cdnDir}sri.json`, JSON.stringify(hashes, null, 2) + '\n');
// The copy-paste tags for partners: the stylesheet and the script, each with its hash. Nothing
// of ours competes with the page's render-blocking stylesheets for the link: the script is
// fetched at low priority, and there is no wasm preload (a form-backed button needs the wasm only
// once the page has loaded). The first click's time to SEEK Pass against the plain form's, 4G-like
// link at CPU 4x, two runs of 20 and 30 loads: with a low-priority preload and a script at its
// default (high) priority 1.07x and 1.05x; without the preload 1.04x; without it and with the
// script at low priority 1.02x and 1.01x (docs/size-and-speed.md).
const snippet = (dir) => `<link rel="stylesheet" href="${dir}seekpass-button.css" integrity="${hashes['seekpass-button.css']}" crossorigin="anonymous">
<script type="module" src="${dir}seekpass-button.js" integrity="${hashes['seekpass-button.js']}" fetchpriority="low" crossorigin="anonymous"></script>
`;
// An element without a form does nothing until its wasm runs: for it, a preload starts the wasm
// with the page. No `integrity` on it: Chromium ignores it on `as="fetch"` and warns on every
// load (crbug.com/981419); the script's own fetch pins the hash, reuses the preloaded response
// and checks it (tests/e2e/snippet.test.mjs).
const preload = (dir) => `<link rel="preload" href="${dir}seekpass_button_bg.wasm" as="fetch" fetchpriority="low" crossorigin="anonymous">
`;
await writeFile(`${cdnDir}snippet.html`, snippet(`/seekpass/v${version}/`));
// The recommended markup for the README's sample: a working form before and without the script.
const html = await module('', "export { renderButtonHtml } from './html.js';\n");
const { renderButtonHtml } = await import(`data:text/javascript,${encodeURIComponent(html)}`);
await writeFile(`${cdnDir}button.html`, renderButtonHtml({
  endpoint: '/api/seekpass/add', credentialType: 'education', credentialRef: 'grad-2024-0042', environment: 'staging',
}) + '\n');
const bench = await readFile(`${root}www/bench/widget.html`, 'utf8');
await mkdir(`${outDir}bench`, { recursive: true });
await writeFile(`${outDir}bench/widget-preload.html`,
  bench.replace('  <script type="module" src="/dist/cdn/latest/seekpass-button.js"></script>\n', preload('/dist/cdn/latest/') + snippet('/dist/cdn/latest/')));
// The bench's recommended setup: the snippet and the form markup, on a partner page.
const recommended = await readFile(`${root}www/bench/recommended.html`, 'utf8');
await writeFile(`${outDir}bench/recommended.html`, recommended
  .replace('<!-- snippet -->\n', snippet('/dist/cdn/latest/'))
  .replace('<!-- button -->', renderButtonHtml({
    endpoint: '/api/seekpass/add', credentialType: 'education', credentialRef: 'grad-2024-0042', environment: 'staging',
  })));
// An unversioned copy for the local demo and tests; partners pin the versioned path.
await mkdir(latestDir, { recursive: true });
for (const f of ['seekpass-button.js', 'seekpass_button_bg.wasm', 'seekpass-button.css', 'sri.json', 'snippet.html', 'button.html']) await copyFile(cdnDir + f, latestDir + f);
// Precompressed siblings, as a CDN would serve them: the server's ServeDir picks `.br` or `.gz`
// by Accept-Encoding. The bytes decoded are the ones the integrity hashes cover.
for (const dir of [cdnDir, latestDir]) {
  for (const f of ['seekpass-button.js', 'seekpass_button_bg.wasm', 'seekpass-button.css']) {
    const bytes = await readFile(dir + f);
    await writeFile(`${dir}${f}.br`, brotliCompressSync(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }));
    await writeFile(`${dir}${f}.gz`, gzipSync(bytes, { level: 9 }));
  }
}

await writeFile(`${npmDir}index.js`, npmJs);
// `seekpass-button/html`: the markup as a string, no DOM and no wasm (server templates).
await writeFile(`${npmDir}html.js`, html);
await copyFile(`${root}js/html.d.ts`, `${npmDir}html.d.ts`);
await writeFile(`${npmDir}seekpass-button.css`, reserveCss);
await writeFile(`${npmDir}define.js`,
  "import { defineSeekPassButton, autoMount } from './index.js';\n"
  + "if (typeof window !== 'undefined' && defineSeekPassButton()) autoMount();\n");
await writeFile(`${npmDir}seekpass_button_bg.wasm`, wasm);
await copyFile(`${root}js/index.d.ts`, `${npmDir}index.d.ts`);
await writeFile(`${npmDir}define.d.ts`, 'export {};\n');
// `seekpass-button/react`: the client component, with the markup code bundled in and React and
// the element (./index.js, loaded in the browser only) left to the app; esbuild keeps the entry's
// 'use client' at the top (checked by the package step).
const { outputFiles: [reactJs] } = await build({
  entryPoints: [`${root}js/react.js`], bundle: true, write: false, format: 'esm', target: 'es2022',
  external: ['react', './index.js'], legalComments: 'none', logLevel: 'error',
});
await writeFile(`${npmDir}react.js`, reactJs.text);
await copyFile(`${root}js/react.d.ts`, `${npmDir}react.d.ts`);
// Vue: a type-only entry; its runtime module is empty.
await copyFile(`${root}js/vue.d.ts`, `${npmDir}vue.d.ts`);
await writeFile(`${npmDir}vue.js`, 'export {};\n');
await copyFile(`${root}js/README.md`, `${npmDir}README.md`);
await writeFile(`${npmDir}package.json`, JSON.stringify({
  name: 'seekpass-button',
  version,
  description: 'The "Add to SEEK Pass" button as a custom element (Rust compiled to WebAssembly).',
  type: 'module',
  main: './index.js',
  module: './index.js',
  types: './index.d.ts',
  exports: {
    '.': { types: './index.d.ts', default: './index.js' },
    './define': { types: './define.d.ts', default: './define.js' },
    './html': { types: './html.d.ts', default: './html.js' },
    './seekpass-button.css': './seekpass-button.css',
    './react': { types: './react.d.ts', default: './react.js' },
    './vue': { types: './vue.d.ts', default: './vue.js' },
    './seekpass_button_bg.wasm': './seekpass_button_bg.wasm',
    './package.json': './package.json',
  },
  files: ['index.js', 'index.d.ts', 'define.js', 'define.d.ts', 'html.js', 'html.d.ts', 'seekpass-button.css', 'react.js', 'react.d.ts', 'vue.js', 'vue.d.ts',
    'seekpass_button_bg.wasm', 'README.md'],
  sideEffects: ['./define.js'],
  keywords: ['seek-pass', 'seekpass', 'credentials', 'wallet', 'web-component', 'custom-element', 'webassembly', 'button'],
  repository: { type: 'git', url: 'git+https://github.com/seekpass-button/seekpass-button.git' },
  homepage: 'https://github.com/seekpass-button/seekpass-button#readme',
  license: 'MIT OR Apache-2.0',
  peerDependencies: { react: '>=19', vue: '>=3.3' },
  peerDependenciesMeta: { react: { optional: true }, vue: { optional: true } },
}, null, 2) + '\n');

console.log(`bundle ${version}: cdn ${cdnJs.length} B js + ${wasm.length} B wasm; npm package in dist/npm`);
console.log(`  seekpass-button.js ${hashes['seekpass-button.js']}`);
