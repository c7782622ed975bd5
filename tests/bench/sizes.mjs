// First-load transfer size of the SPA and the worker bundle: raw, gzip, brotli.
import { spa, workerBundle, BUDGETS } from '../sizes.mjs';

const kb = (n) => (n / 1024).toFixed(1).padStart(8);
function print({ rows, total }) {
  console.log(`  ${'file'.padEnd(28)}${'raw KB'.padStart(8)}${'gzip'.padStart(8)}${'brotli'.padStart(8)}`);
  for (const r of [...rows, { file: 'total', ...total }]) console.log(`  ${r.file.padEnd(28)}${kb(r.raw)}${kb(r.gzip)}${kb(r.brotli)}`);
  return total;
}

console.log('SPA first load (HTML, JS, WASM, CSS, active locale FTL):');
const s = print(spa());
console.log(`  budget: ${BUDGETS.spaBrotliKiB} KB brotli (goal ${BUDGETS.spaGoalKiB}); now ${(s.brotli / 1024).toFixed(1)} KB`);
console.log('\nWorker bundle (dev build: includes outbox and demo seed):');
const w = print(workerBundle());
console.log(`  budget: ${BUDGETS.workerGzipKiB} KB gzip; now ${(w.gzip / 1024).toFixed(1)} KB`);
