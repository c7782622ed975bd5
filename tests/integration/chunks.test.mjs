// The portal's on-demand chunks as built (scripts/build.sh): every chunk the loader
// names exists, and each name carries the hash of the app_bg.wasm it links against,
// so a page from an older build cannot run a chunk of a newer one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../harness.mjs';

const dist = join(ROOT, 'dist');

test('the chunk loader names existing chunks of this build only', () => {
  const loader = readFileSync(join(dist, '__wasm_split.js'), 'utf8');
  const named = [...loader.matchAll(/"\.\/([\w.]+\.wasm)"/g)].map((m) => m[1]);
  assert.ok(named.some((f) => f.startsWith('split_flows.')), `the method flows are a chunk: ${named}`);
  const buildId = createHash('sha256').update(readFileSync(join(dist, 'app_bg.wasm'))).digest('hex').slice(0, 12);
  const onDisk = readdirSync(dist).filter((f) => /^(split|chunk)_/.test(f));
  for (const f of named) {
    assert.ok(f.endsWith(`.${buildId}.wasm`), `${f} is not named for this build (${buildId})`);
    assert.ok(onDisk.includes(f), `${f} is missing from dist/`);
  }
  assert.deepEqual([...onDisk].sort(), [...new Set(named)].sort(), 'dist/ holds chunks the loader never fetches');
});
