// Lighthouse (mobile preset) on the sign-in page and the Security info page:
// performance at least 95, accessibility and best practices at 100. The scores are
// printed here and by `make bench`; the JSON reports stay in tests/artifacts/lighthouse.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, Client, DEMO } from '../harness.mjs';
import { lighthouse } from '../lighthouse.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

test('sign-in and Security info pages score at least 95 for performance, 100 for accessibility and best practices', { timeout: 180_000 }, async () => {
  const c = new Client(worker.base);
  assert.equal((await c.signIn(DEMO.adele)).status, 200);
  const pages = [
    ['sign-in', `${worker.base}/signin`, {}],
    ['security-info', `${worker.base}/`, { cookie: `sid=${c.cookies.get('sid')}` }],
  ];
  for (const [name, url, opts] of pages) {
    const r = await lighthouse(url, name, opts);
    console.log(`${name}: performance ${r.performance}, accessibility ${r.accessibility}, best practices ${r.bestPractices}`, r.timings);
    assert.equal(new URL(r.finalUrl).pathname, new URL(url).pathname, `${name} was not redirected`);
    assert.ok(r.performance >= 95, `${name}: performance ${r.performance} ${JSON.stringify(r.timings)}`);
    assert.equal(r.accessibility, 100, `${name}: ${r.failing.accessibility.join('; ')}`);
    assert.equal(r.bestPractices, 100, `${name}: ${r.failing.bestPractices.join('; ')}`);
  }
});
