// Addresses of organizations, in Chromium: an unknown tenant gets a page that says
// so (not a sign-in page for nobody), in the browser's language; a tenant path
// spelled with capitals goes to the canonical one, and its API answers too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { startWorker, openBrowser, localeStrings, fillIn } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

const NOT_FOUND = { 'en-US': "We don't know this organization", 'nl-NL': 'Deze organisatie kennen we niet' };

for (const lang of ['en-US', 'nl-NL']) {
  test(`unknown and miscased tenant paths (${lang})`, async () => {
    const L = localeStrings(lang);
    const b = await openBrowser(lang, { width: 360, height: 740 });
    const { page, errors } = b;
    try {
      await page.goto(`${worker.base}/t/nope/`);
      await page.getByRole('heading', { name: NOT_FOUND[lang], level: 1 }).waitFor();
      assert.equal(await page.locator('input').count(), 0, 'no sign-in form');
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      assert.deepEqual(axe.violations.map((v) => v.id), []);

      await page.goto(`${worker.base}/t/Fabrikam/signin?x=1`);
      await page.waitForURL(`${worker.base}/t/fabrikam/signin?x=1`);
      await page.getByText(fillIn(L['sign-in-intro'], { tenant: 'Fabrikam' })).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await b.close();
    }
  });
}

test('the API under a miscased prefix is the same tenant', async () => {
  const r = await fetch(`${worker.base}/t/FABRIKAM/api/v1/config`);
  assert.equal(r.status, 200);
  assert.equal((await r.json()).tenant_name, 'Fabrikam');
  assert.equal((await fetch(`${worker.base}/t/nope/api/v1/config`)).status, 404);
});
