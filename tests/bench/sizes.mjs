// First-load transfer size of the SPA and the worker bundle: raw, gzip, brotli.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../harness.mjs';
import { sizes, spa, workerBundle, devWorkerBundle, BUDGETS, BUNDLES } from '../sizes.mjs';

const kb = (n) => (n / 1024).toFixed(1).padStart(8);
function print({ rows, total }) {
  console.log(`  ${'file'.padEnd(28)}${'raw KB'.padStart(8)}${'gzip'.padStart(8)}${'brotli'.padStart(8)}`);
  for (const r of [...rows, { file: 'total', ...total }]) console.log(`  ${r.file.padEnd(28)}${kb(r.raw)}${kb(r.gzip)}${kb(r.brotli)}`);
  return total;
}

for (const bundle of BUNDLES) {
  console.log(`SPA first load with the ${bundle} bundle (HTML as built, JS, WASM, CSS, active locale FTL; the worker adds the first view and config to the HTML: ~0.5 KB):`);
  const s = print(spa(bundle));
  console.log(`  budget: ${BUDGETS.spaBrotliKiB[bundle]} KB brotli; now ${(s.brotli / 1024).toFixed(1)} KB\n`);
}
console.log('The portal\'s chunks, fetched when a flow or a rarer page first opens:');
print(sizes(readdirSync(join(ROOT, 'dist')).filter((f) => /^(split|chunk)_.*\.wasm$/.test(f)).sort(), 'dist'));
console.log();
console.log('Worker bundle (production build, as deployed):');
const w = print(workerBundle());
console.log(`  budget: ${BUDGETS.workerGzipKiB} KB gzip; now ${(w.gzip / 1024).toFixed(1)} KB`);
console.log('Worker bundle (dev build: adds the outbox, dev routes and the demo seed):');
print(devWorkerBundle());
