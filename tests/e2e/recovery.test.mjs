// End to end in Chromium: create recovery codes (shown once, copied, downloaded),
// lose the phone: sign in with a code through "Sign in another way", see one fewer
// left, have the same code refused the next time, and reset the password with one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startWorker, artifactsDir, openBrowser, Client, DEMO, totp, localeStrings, fillIn } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

for (const [lang, user] of [['en-US', DEMO.adele], ['nl-NL', DEMO.alex]]) {
  test(`recovery codes in ${lang}: create, download, sign in with one, reuse refused`, async () => {
    const T = localeStrings(lang);
    const shots = artifactsDir('screenshots', `recovery-${lang}`);
    const b = await openBrowser(lang);
    const { page, errors } = b;
    const signIn = async () => {
      await page.goto(worker.base + '/signin');
      await page.locator('#username').fill(user.username);
      await page.locator('#password').fill(user.password);
      await page.getByRole('button', { name: T['sign-in-button'], exact: true }).click();
    };
    try {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: worker.base });
      await signIn();
      await page.getByRole('heading', { name: T['app-title'], level: 1 }).waitFor();
      await page.getByRole('button', { name: T['add-method'] }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(T['add-method-question']).selectOption('recovery-codes');
      await dialog.getByRole('button', { name: T['add-method-next'], exact: true }).click();
      await dialog.getByText(T['recovery-intro']).waitFor();
      await dialog.getByRole('button', { name: T['recovery-create'] }).click();
      await dialog.getByText(T['recovery-once']).waitFor();
      const codes = await dialog.locator('ol.recovery-codes code').allInnerTexts();
      assert.equal(codes.length, 10);
      for (const c of codes) assert.match(c, /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      await dialog.getByRole('button', { name: `${T.copy} ${T['method-recovery-codes']}` }).click();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), codes.join('\n'));
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        dialog.getByRole('link', { name: T['recovery-download'] }).click(),
      ]);
      assert.equal(download.suggestedFilename(), 'recovery-codes-contoso.txt');
      const file = readFileSync(await download.path(), 'utf8');
      // Whose codes they are: the account and the organization, in the page's language.
      assert.ok(file.startsWith(T['recovery-file-title'].split('{')[0]), file);
      assert.ok(file.includes(user.username) && file.includes('Contoso'), file);
      assert.ok(codes.every((c) => file.includes(c)), file);
      await page.screenshot({ path: join(shots, '1-shown-once.png') });
      await dialog.getByRole('button', { name: T['totp-done'] }).click();
      await page.getByRole('status').filter({ hasText: T['recovery-added'] }).waitFor();
      const row = page.locator('li.method[data-kind=recovery-codes]');
      await row.getByText(fillIn(T['recovery-remaining'], { remaining: 10, total: 10 })).waitFor();
      assert.equal(await page.getByText(codes[0]).count(), 0, 'not shown again');

      // An authenticator app on the phone that is then lost.
      const api = new Client(worker.base);
      assert.equal((await api.signIn(user)).status, 200);
      const setup = await api.req('POST', '/api/v1/methods/authenticator');
      const app = await api.req('POST', '/api/v1/methods/authenticator/verify',
        { body: { challenge_id: setup.json.challenge_id, code: totp(setup.json.secret), name: 'Phone' } });
      assert.equal(app.status, 201, app.text);

      await page.getByRole('button', { name: T['sign-out'] }).click();
      await page.waitForURL('**/signin');
      await signIn();
      await page.getByRole('heading', { name: T['verify-title'] }).waitFor();
      await page.getByRole('button', { name: T['verify-other'] }).click();
      await page.getByRole('button', { name: T['default-method-recovery'] }).click();
      await page.getByText(T['verify-recovery-prompt']).waitFor();
      const input = page.getByLabel(T['recovery-code-label']);
      assert.equal(await input.getAttribute('autocomplete'), 'off');
      await page.screenshot({ path: join(shots, '2-second-step.png') });
      await input.fill(codes[2].toUpperCase());
      await page.getByRole('button', { name: T['verify-button'] }).click();
      await page.getByRole('heading', { name: T['app-title'], level: 1 }).waitFor();
      await row.getByText(fillIn(T['recovery-remaining'], { remaining: 9, total: 10 })).waitFor();

      // The same code again: refused with a clear message; another code works.
      await page.getByRole('button', { name: T['sign-out'] }).click();
      await page.waitForURL('**/signin');
      await signIn();
      await page.getByRole('button', { name: T['verify-other'] }).click();
      await page.getByRole('button', { name: T['default-method-recovery'] }).click();
      await page.getByLabel(T['recovery-code-label']).fill(codes[2]);
      await page.getByRole('button', { name: T['verify-button'] }).click();
      await page.getByRole('alert').filter({ hasText: T['error-recovery-code-used'] }).waitFor();
      await page.getByLabel(T['recovery-code-label']).fill(codes[3]);
      await page.getByRole('button', { name: T['verify-button'] }).click();
      await row.getByText(fillIn(T['recovery-remaining'], { remaining: 8, total: 10 })).waitFor();

      // Regenerate warns that the current codes stop working.
      await row.getByRole('button', { name: new RegExp(`^${T['recovery-regenerate']}`) }).click();
      await dialog.getByText(T['recovery-replace-warning']).waitFor();
      await page.screenshot({ path: join(shots, '3-regenerate.png') });
      await page.keyboard.press('Escape');

      // Forgot the password as well: a recovery code proves the reset.
      await page.getByRole('button', { name: T['sign-out'] }).click();
      await page.waitForURL('**/signin');
      await page.getByRole('link', { name: T['reset-link'] }).click();
      await page.getByLabel(T['username-label']).fill(user.username);
      await page.getByRole('button', { name: T['totp-next'] }).click();
      await page.getByRole('button', { name: T['reset-option-recovery'] }).click();
      await page.getByLabel(T['recovery-code-label']).fill(codes[4]);
      await page.getByRole('button', { name: T['verify-button'] }).click();
      const fresh = "a brand new passphrase 42";
      await page.getByLabel(T['reset-new-password'], { exact: true }).fill(fresh);
      await page.getByLabel(T['reset-confirm-password']).fill(fresh);
      await page.getByRole('button', { name: T['reset-finish'] }).click();
      await page.getByText(T['reset-done']).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await b.close();
    }
  });
}
