// Lighthouse (mobile preset) on the sign-in page and the Security info page:
// performance at least 98 on both, accessibility and best practices at 100. The performance
// score varies from run to run with the machine's load (Lighthouse multiplies the
// main thread's observed work by four), so each page runs three times and the
// median counts, as Lighthouse's own guidance on variability advises. Every run
// must reach 100 for accessibility and best practices. The JSON reports stay in
// tests/artifacts/lighthouse (`<page>-<run>.json`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, Client, DEMO } from '../harness.mjs';
import { lighthouse } from '../lighthouse.mjs';

const RUNS = 3;
let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

test('sign-in and Security info score at least 98 for performance (median of three runs), 100 for accessibility and best practices', { timeout: 300_000 }, async () => {
  const c = new Client(worker.base);
  assert.equal((await c.signIn(DEMO.adele)).status, 200);
  // Both paint whole from the worker's first view (domain::shell), Security info
  // with the user's list (its largest paint), before the wasm loads.
  const pages = [
    ['sign-in', `${worker.base}/signin`, { min: 98 }],
    // Both cookies the sign-in sets: the session and the readable signed-in hint
    // (which picks Security info's first view).
    ['security-info', `${worker.base}/`, { cookie: `sid=${c.cookies.get('sid')}; si-on=1`, min: 98 }],
  ];
  for (const [name, url, opts] of pages) {
    const runs = [];
    for (let i = 1; i <= RUNS; i++) {
      const r = await lighthouse(url, `${name}-${i}`, opts);
      console.log(`${name} run ${i}: performance ${r.performance}, accessibility ${r.accessibility}, best practices ${r.bestPractices}`, r.timings);
      assert.equal(new URL(r.finalUrl).pathname, new URL(url).pathname, `${name} was not redirected`);
      assert.equal(r.accessibility, 100, `${name}: ${r.failing.accessibility.join('; ')}`);
      assert.equal(r.bestPractices, 100, `${name}: ${r.failing.bestPractices.join('; ')}`);
      runs.push(r);
    }
    const median = runs.map((r) => r.performance).sort((a, b) => a - b)[Math.floor(RUNS / 2)];
    assert.ok(median >= opts.min, `${name}: median performance ${median} of ${runs.map((r) => r.performance).join(', ')}`);
  }
});
