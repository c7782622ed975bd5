// Size budgets of the built artifacts (scripts/build.sh runs before the tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spa, workerBundle, BUDGETS, BUNDLES } from '../sizes.mjs';

const kib = (n) => (n / 1024).toFixed(1);

test(`the production worker bundle is at most ${BUDGETS.workerGzipKiB} KiB gzip`, () => {
  const { total } = workerBundle();
  assert.ok(total.gzip <= BUDGETS.workerGzipKiB * 1024, `worker: ${kib(total.gzip)} KiB gzip`);
});

for (const bundle of BUNDLES) {
  test(`the SPA's first load with the ${bundle} bundle is at most ${BUDGETS.spaBrotliKiB[bundle]} KiB brotli`, () => {
    const { rows, total } = spa(bundle);
    const detail = rows.map((r) => `${r.file} ${kib(r.brotli)}`).join(', ');
    assert.ok(total.brotli <= BUDGETS.spaBrotliKiB[bundle] * 1024, `SPA: ${kib(total.brotli)} KiB brotli (${detail})`);
    assert.ok(rows.find((r) => r.file === `${bundle}_bg.wasm`).raw > 100_000, 'measured the real app');
  });
}
