// The size budget of everything the recommended snippet loads (the script, with the shadow
// root's CSS inlined, the wasm and the page stylesheet, which is render-blocking), measured on
// the release build. Bytes are deterministic, so this gates `npm test`.
import { randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Brotli budget in bytes for everything the recommended snippet loads. */
export const BUDGET_BROTLI = 44_000;

/** What the recommended snippet loads; the stylesheet last. */
const FILES = ['seekpass-button.js', 'seekpass_button_bg.wasm', 'seekpass-button.css'];
const STYLESHEET = FILES.at(-1);

export async function measure(dir = 'dist/cdn/latest') {
  const rows = [];
  for (const file of FILES) {
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

/**
 * The gate's own proof: the built files with a stylesheet of random bytes just big enough to
 * cross the budget must fail it (so the stylesheet is counted, and the gate can fail).
 */
async function provesItCanFail(dir, rows) {
  const scratch = await mkdtemp(join(tmpdir(), 'seekpass-size-'));
  try {
    const others = rows.filter((r) => r.file !== STYLESHEET);
    for (const { file } of others) await copyFile(`${dir}/${file}`, join(scratch, file));
    const left = BUDGET_BROTLI - others.reduce((t, r) => t + r.brotli, 0);
    await writeFile(join(scratch, STYLESHEET), randomBytes(Math.max(0, left) + 64));
    return (await measure(scratch)).total.brotli > BUDGET_BROTLI;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows, total } = await measure();
  if (!(await provesItCanFail('dist/cdn/latest', rows))) {
    console.log('FAIL size budget: an oversized stylesheet does not fail the budget');
    process.exit(1);
  }
  for (const r of [...rows, total]) console.log(`${r.file.padEnd(26)} raw ${String(r.raw).padStart(7)}  gzip ${String(r.gzip).padStart(6)}  brotli ${String(r.brotli).padStart(6)}`);
  if (total.brotli > BUDGET_BROTLI) {
    console.log(`FAIL size budget: ${total.brotli} B brotli > ${BUDGET_BROTLI} B`);
    process.exit(1);
  }
  console.log(`size budget: ${total.brotli} B brotli <= ${BUDGET_BROTLI} B (${BUDGET_BROTLI - total.brotli} B to spare)`);
}
