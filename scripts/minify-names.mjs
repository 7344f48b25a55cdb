// The names the wasm and its glue share, shortened in both (issue 27, bytes). wasm-bindgen names
// each import after the function plus a 16-hex-digit hash (`__wbg_closest_39824b16065066bc`),
// and each name is shipped twice, in the wasm's import section and in the glue's import object:
// about 110 imports of random hex that brotli cannot compress. Binaryen's
// `--minify-imports-and-exports-and-modules` renames them (and the exports, and the module) in
// the wasm and prints the mapping; the glue is rewritten from that mapping, every name checked to
// be found exactly where wasm-bindgen puts it, so a change in the glue's shape fails the build.
// Measured with wasm-bindgen 0.2.130 and binaryen 132: 35,138 → 33,480 B brotli for the wasm.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WASM_OPT = fileURLToPath(new URL('../node_modules/binaryen/bin/wasm-opt', import.meta.url));
const MODULE = /"\.\/seekpass_button_bg\.js": import0/.source;

/** Replaces the one occurrence of `pattern` (a RegExp source) in `text`, or throws. */
function once(text, pattern, to, what) {
  const re = new RegExp(pattern, 'g');
  const found = text.match(re)?.length ?? 0;
  if (found !== 1) throw new Error(`wasm-bindgen glue changed shape: ${what} found ${found} times`);
  return text.replace(re, () => to);
}

/** `{ glue, wasm }` with the names they share minified; `glue` is wasm-bindgen's `--target web` output. */
export async function minifyNames(glue, wasm) {
  const dir = await mkdtemp(join(tmpdir(), 'seekpass-names-'));
  try {
    await writeFile(join(dir, 'in.wasm'), wasm);
    const out = execFileSync(process.execPath, [WASM_OPT, join(dir, 'in.wasm'), '--minify-imports-and-exports-and-modules', '-o', join(dir, 'out.wasm')], { encoding: 'utf8' });
    const map = JSON.parse(out.slice(out.indexOf('{')));
    const small = await readFile(join(dir, 'out.wasm'));
    // The one module every import now comes from, as the engine reads it.
    const modules = new Set(WebAssembly.Module.imports(new WebAssembly.Module(small)).map((i) => i.module));
    if (modules.size !== 1) throw new Error(`expected one import module, found ${[...modules].join(', ')}`);
    let text = once(glue, MODULE, `${JSON.stringify([...modules][0])}: import0`, 'the import module');
    for (const [, from, to] of map.imports) text = once(text, `(?<=\\n        )${from}(?=: function)`, to, `import ${from}`);
    for (const [from, to] of map.exports) {
      // Exports the glue never calls (`__abort_handler`, …) are renamed in the wasm only.
      text = text.replace(new RegExp(`(?<=\\bwasm\\.)${from}(?![\\w$])`, 'g'), () => to);
    }
    const left = text.match(/\bwasm\.[A-Za-z_$][\w$]*/g)?.filter((m) => !map.exports.some(([, to]) => m === `wasm.${to}`));
    if (left?.length) throw new Error(`wasm-bindgen glue changed shape: ${left[0]} is not an export`);
    return { glue: text, wasm: small };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
