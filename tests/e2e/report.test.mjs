// End to end in Chromium: a method is added in one browser while a second browser
// is signed in; the "This wasn't me" link from the notice removes the method, signs
// the second browser out and blocks the password with a clear message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startWorker, artifactsDir, openBrowser, DEMO, outboxCode, localeStrings } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

for (const [lang, user] of [['en-US', DEMO.adele], ['nl-NL', DEMO.alex]]) {
  test(`${lang}: "This wasn't me" reverts an added method and ends the other browser's session`, async () => {
    const T = localeStrings(lang);
    const shots = artifactsDir('screenshots', `report-${lang}`);
    const intruder = await openBrowser(lang);
    const owner = await openBrowser(lang);
    const signIn = async (page) => {
      await page.goto(worker.base + '/signin');
      await page.locator('#username').fill(user.username);
      await page.locator('#password').fill(user.password);
      await page.getByRole('button', { name: T['sign-in-button'], exact: true }).click();
    };
    try {
      const o = owner.page;
      await signIn(o);
      await o.getByRole('heading', { name: T['app-title'], level: 1 }).waitFor();

      // Someone else, with the password, adds their own email address.
      const p = intruder.page;
      await signIn(p);
      await p.getByRole('heading', { name: T['app-title'], level: 1 }).waitFor();
      const dialog = p.getByRole('dialog');
      await p.getByRole('button', { name: T['add-method'] }).click();
      await dialog.getByLabel(T['add-method-question']).selectOption('email');
      await dialog.getByRole('button', { name: T['add-method-next'], exact: true }).click();
      const t0 = Date.now();
      const address = `intruder.${lang.toLowerCase()}@example.org`;
      await dialog.getByLabel(T['email-question']).fill(address);
      await dialog.getByRole('button', { name: T['email-send'] }).click();
      await dialog.getByLabel(T['code-label']).fill(await outboxCode(worker.base, 'email', address, t0));
      await dialog.getByRole('button', { name: T['code-verify'] }).click();
      await dialog.waitFor({ state: 'detached' });
      await p.locator('li.method[data-kind=email]').waitFor();

      // The owner reads the notice sent to the work address and follows its link.
      const messages = await (await fetch(`${worker.base}/dev/outbox.json`)).json();
      const notice = messages.find((m) => m.channel === 'email' && m.to === user.username && m.sent_at >= t0 && m.text.includes('/report#'));
      assert.ok(notice, 'a notice with a link went to the work address');
      const link = notice.text.match(/(http\S+\/report#[0-9a-f]{64})/)[1];
      await o.goto(link);
      await o.getByRole('heading', { name: T['report-title'], level: 1 }).waitFor();
      await o.screenshot({ path: join(shots, '1-confirm.png') });
      await o.getByRole('button', { name: T['report-confirm'] }).click();
      await o.getByRole('status').filter({ hasText: T['report-done'] }).waitFor();
      await o.getByText(T['report-undone']).waitFor();
      // The intruder's email was the only method: no reset can work, said at once, with whom to ask.
      await o.getByRole('alert').filter({ hasText: T['report-no-reset'] }).waitFor();
      await o.getByText(T['help-support-none']).waitFor();
      assert.equal(await o.getByRole('link', { name: T['report-reset'] }).count(), 0);
      await o.screenshot({ path: join(shots, '2-done.png') });

      // The intruder's session is over; the password no longer signs in.
      await p.reload();
      await p.getByRole('heading', { name: T['sign-in-title'] }).waitFor();
      await signIn(p);
      await p.getByRole('alert').filter({ hasText: T['error-password-reset-required'] }).waitFor();
      // The same link again does nothing.
      await o.goto(worker.base + '/signin');
      await o.goto(link);
      await o.getByRole('button', { name: T['report-confirm'] }).click();
      await o.getByRole('alert').filter({ hasText: T['error-report-invalid'] }).waitFor();
      assert.deepEqual([...intruder.errors, ...owner.errors], []);
    } finally {
      await intruder.close();
      await owner.close();
    }
  });
}
