// First-load transfer size of the SPA and the worker bundle: raw, gzip, brotli.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { join } from 'node:path';
import { ROOT } from '../harness.mjs';

const kb = (n) => (n / 1024).toFixed(1).padStart(8);
function measure(files, dir) {
  let total = { raw: 0, gz: 0, br: 0 };
  console.log(`  ${'file'.padEnd(28)}${'raw KB'.padStart(8)}${'gzip'.padStart(8)}${'brotli'.padStart(8)}`);
  for (const f of files) {
    const p = join(dir, f);
    if (!existsSync(p)) { console.log(`  ${f} missing`); continue; }
    const buf = readFileSync(p);
    const gz = gzipSync(buf, { level: 9 }).length;
    const br = brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    total = { raw: total.raw + buf.length, gz: total.gz + gz, br: total.br + br };
    console.log(`  ${f.padEnd(28)}${kb(buf.length)}${kb(gz)}${kb(br)}`);
  }
  console.log(`  ${'total'.padEnd(28)}${kb(total.raw)}${kb(total.gz)}${kb(total.br)}`);
  return total;
}

console.log('SPA first load (HTML, JS, WASM, CSS, active locale FTL):');
measure(['index.html', 'boot.js', 'app.js', 'app_bg.wasm', 'main.css', 'locales/en-US/app.ftl'], join(ROOT, 'dist'));
console.log('\nWorker bundle (dev build: includes outbox and demo seed):');
measure(['index.js', 'index_bg.wasm'], join(ROOT, 'worker/build-dev'));
