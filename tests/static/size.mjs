// The size budget of everything the recommended snippet loads (the script, with the shadow
// root's CSS inlined, the wasm and the page stylesheet, which is render-blocking), measured on
// the release build. Bytes are deterministic, so this gates `npm test`.
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Brotli budget in bytes for everything the recommended snippet loads. */
export const BUDGET_BROTLI = 44_000;

export async function measure(dir = 'dist/cdn/latest') {
  const rows = [];
  for (const file of ['seekpass-button.js', 'seekpass_button_bg.wasm', 'seekpass-button.css']) {
    const bytes = await readFile(`${dir}/${file}`);
    rows.push({
      file,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  return { rows, total: { file: 'total', ...total } };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows, total } = await measure();
  for (const r of [...rows, total]) console.log(`${r.file.padEnd(26)} raw ${String(r.raw).padStart(7)}  gzip ${String(r.gzip).padStart(6)}  brotli ${String(r.brotli).padStart(6)}`);
  if (total.brotli > BUDGET_BROTLI) {
    console.log(`FAIL size budget: ${total.brotli} B brotli > ${BUDGET_BROTLI} B`);
    process.exit(1);
  }
  console.log(`size budget: ${total.brotli} B brotli <= ${BUDGET_BROTLI} B (${BUDGET_BROTLI - total.brotli} B to spare)`);
}
