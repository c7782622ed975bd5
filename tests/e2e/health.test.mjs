// Account health on the Security info page: the advice is shown, translated, and its
// button opens the fix.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, openBrowser, localeStrings, fillIn, Client, DEMO, totp } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

for (const [lang, user] of [['en-US', DEMO.adele], ['nl-NL', DEMO.alex]]) {
  test(`account health advice and its fix in ${lang}`, async () => {
    const T = localeStrings(lang);
    const b = await openBrowser(lang);
    const { page, errors } = b;
    try {
      await page.goto(`${worker.base}/signin`);
      await page.locator('#username').fill(user.username);
      await page.locator('#password').fill(user.password);
      await page.getByRole('button', { name: T['sign-in-button'], exact: true }).click();
      const health = page.getByRole('region', { name: T['health-title'] });
      await health.waitFor();
      await health.getByText(T['advice-no-mfa-method']).waitFor();
      await health.getByText(fillIn(T['advice-no-reset-method[one]'], { registered: 0 })).waitFor();

      // The fix: the add-method dialog opens.
      await health.getByRole('button', { name: T['health-fix-add'] }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(T['add-method-question']).waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      // One app registered elsewhere: the advice moves on.
      const api = new Client(worker.base);
      await api.signIn(user);
      const setup = await api.req('POST', '/api/v1/methods/authenticator');
      const done = await api.req('POST', '/api/v1/methods/authenticator/verify',
        { body: { challenge_id: setup.json.challenge_id, code: totp(setup.json.secret), name: 'Phone' } });
      assert.equal(done.status, 201, done.text);
      await page.reload();
      await health.getByText(T['advice-single-mfa-method']).waitFor();
      assert.equal(await health.getByText(T['advice-no-mfa-method']).count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await b.close();
    }
  });
}
