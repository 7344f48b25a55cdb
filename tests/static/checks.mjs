// Static checks on the sources and the built bundle (threats.md [S] items 9, 11, 16, 21, 23, 42,
// and the wasm-bindgen pin). Run after `npm run build`; prints one line per check.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

async function files(dir, ext) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...await files(p, ext));
    else if (p.endsWith(ext)) out.push(p);
  }
  return out;
}

const failures = [];
function check(name, problems) {
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name}${problems.length ? `: ${problems.join(', ')}` : ''}`);
  if (problems.length) failures.push(name);
}

const rust = await Promise.all((await files('src', '.rs')).map(async (f) => [f, await readFile(f, 'utf8')]));
const elementJs = await readFile('js/element.js', 'utf8');
const viewJs = await readFile('js/view.js', 'utf8');
const generatedJs = await readFile('js/generated.js', 'utf8');
const js = [['js/element.js', elementJs], ['js/view.js', viewJs], ['js/generated.js', generatedJs]];
const bundleJs = await readFile('dist/cdn/latest/seekpass-button.js', 'utf8');
const bundleWasm = (await readFile('dist/cdn/latest/seekpass_button_bg.wasm')).toString('latin1');
const npmJs = await readFile('dist/npm/index.js', 'utf8');

const sinks = /\.assign\(|set_href|open_with_url|\.location\(\)|\.replace\(redirect/;
check('9 navigation sinks only in src/web/navigate.rs',
  rust.filter(([f, t]) => f !== 'src/web/navigate.rs' && sinks.test(t)).map(([f]) => f));

const secrets = ['client_secret', 'Bearer ', '/oauth/token', 'api/partner/v'];
check('11 no secret-shaped strings or SEEK Pass API paths in the built JS and wasm',
  secrets.filter((s) => bundleJs.includes(s) || bundleWasm.includes(s) || npmJs.includes(s)));

check('16 no panic hook that prints, no console in the core',
  rust.filter(([f, t]) => /console_error_panic_hook|println!|eprintln!/.test(t) || (f.startsWith('src/core') && /web_sys|console::/.test(t))).map(([f]) => f));

check("21 no eval-like code in the built JS (works without 'unsafe-eval')",
  ['new Function', 'Function(', 'eval('].filter((s) => bundleJs.includes(s) || npmJs.includes(s)));

const styleSinks = /set_attribute\("style"|css_text|create_element\("style"\)|createElement\('style'\)|\.style\.|setAttribute\('style'/;
check('23 no inline styles or <style> elements', [...rust, ...js].filter(([, t]) => styleSinks.test(t)).map(([f]) => f));

const htmlSinks = /innerHTML|outerHTML|insertAdjacentHTML|set_inner_html|document\.write/;
check('24 no HTML parsing sinks (Trusted Types)', [...rust, ...js].filter(([, t]) => htmlSinks.test(t)).map(([f]) => f));

check('42 no unload or beforeunload listeners',
  [...rust, ...js].filter(([, t]) => /["']?(before)?unload["']/.test(t)).map(([f]) => f));

// The browser parses JSON (`JSON.parse`); the widget carries no JSON reader of its own.
const handJson = /fn parse_(value|object|array|string)|b'\{' =>|'\\u' =>|mod json/;
check('10 no hand-written JSON reader in src/', rust.filter(([, t]) => handJson.test(t)).map(([f]) => f));

// Names and texts shared with the wasm live in js/generated.js (rendered from Rust); the element
// names none of them itself. Every quoted value of the generated tables is looked for.
// (`error` is also the window's own event, which the element listens to.)
const shared = [...generatedJs.matchAll(/"([^"]{3,})"/g)].map((m) => m[1]).filter((v) => v !== 'error');
check('one source: no attribute, event, state, code or label hand-written in js/element.js or js/view.js',
  [...new Set(shared)].filter((v) => [elementJs, viewJs].some((t) => t.includes(`'${v}'`) || t.includes(`"${v}"`))));

const cargo = await readFile('Cargo.toml', 'utf8');
check('14 wasm-bindgen pinned with =', /wasm-bindgen = "=\d+\.\d+\.\d+"/.test(cargo) ? [] : ['Cargo.toml']);

if (failures.length) {
  console.log(`static checks: ${failures.length} failed`);
  process.exit(1);
}
console.log('static checks: all passed');
