// End to end in Chromium: register an email and security questions, sign out, reset
// the password with both (the tenant asks for two methods), sign in with the new
// one; in English and in Dutch. Labels come from each locale's app.ftl.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startWorker, artifactsDir, openBrowser, Client, DEMO, localeStrings as strings, fillIn as fill, outboxCode } from '../harness.mjs';

let worker;
before(async () => {
  worker = await startWorker();
  // Contoso asks for two methods to reset a password.
  const admin = new Client(worker.base);
  await admin.signIn({ username: 'admin@contoso.com', password: 'Admin-demo-2026' });
  const settings = (await admin.req('GET', '/api/v1/admin/settings')).json;
  settings.policy.reset.methods_required = 2;
  const saved = await admin.req('PUT', '/api/v1/admin/settings', { body: settings });
  assert.equal(saved.status, 200, saved.text);
});
after(async () => { await worker?.stop(); });

const ANSWERS = ['Rex the dog', 'Stamppot', 'Dorpsstraat'];

for (const [lang, user, email, newPassword] of [
  ['en-US', DEMO.adele, 'adele.home@example.org', 'tulips in the spring rain'],
  ['nl-NL', DEMO.alex, 'alex.thuis@example.org', 'fietsen langs de grachten'],
]) {
  test(`${lang}: reset the password with an email code and security questions`, async () => {
    const L = strings(lang);
    const shots = artifactsDir('screenshots', `reset-${lang}`);
    const b = await openBrowser(lang);
    const { page, errors } = b;
    try {
      await page.goto(worker.base + '/signin');
      await page.locator('#username').fill(user.username);
      await page.locator('#password').fill(user.password);
      await page.getByRole('button', { name: L['sign-in-button'], exact: true }).click();
      await page.getByRole('heading', { name: L['app-title'], level: 1 }).waitFor();

      // Email method.
      const dialog = page.getByRole('dialog');
      await page.getByRole('button', { name: L['add-method'] }).click();
      await dialog.getByLabel(L['add-method-question']).selectOption('email');
      await dialog.getByRole('button', { name: L['add-method-next'], exact: true }).click();
      let t0 = Date.now();
      await dialog.getByLabel(L['email-question']).fill(email);
      await dialog.getByRole('button', { name: L['email-send'] }).click();
      await dialog.getByLabel(L['code-label']).fill(await outboxCode(worker.base, 'email', email, t0));
      await dialog.getByRole('button', { name: L['code-verify'] }).click();
      await dialog.waitFor({ state: 'detached' });

      // Security questions: each question once, answers never shown again.
      await page.getByRole('button', { name: L['add-method'] }).click();
      await dialog.getByLabel(L['add-method-question']).selectOption('security-questions');
      await dialog.getByRole('button', { name: L['add-method-next'], exact: true }).click();
      await dialog.getByRole('heading', { name: L['method-security-questions'] }).waitFor();
      const selects = dialog.locator('select');
      await selects.nth(2).waitFor();
      assert.equal(await selects.count(), 3);
      for (const [i, id] of ['first-pet', 'favourite-food', 'first-street'].entries()) {
        await selects.nth(i).selectOption(id);
        await dialog.locator(`#answer-${i}`).fill(ANSWERS[i]);
      }
      // The first slot's question is no longer offered in the second.
      assert.equal(await selects.nth(1).locator('option[value="first-pet"]').count(), 0);
      await page.screenshot({ path: join(shots, '1-questions.png') });
      await dialog.getByRole('button', { name: L['totp-done'] }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.locator('li.method[data-kind=security-questions]').getByText(fill(L['questions-count'], { count: 3 })).waitFor();
      assert.equal(await page.getByText('Stamppot').count(), 0, 'answers are not shown');
      await page.getByRole('button', { name: L['sign-out'] }).click();
      await page.waitForURL('**/signin');

      // Forgot my password.
      await page.getByRole('link', { name: L['reset-link'] }).click();
      await page.getByRole('heading', { name: L['reset-title'], level: 1 }).waitFor();
      assert.ok(await page.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/reset_bg.wasm'))), 'the reset bundle was loaded');
      assert.ok(!await page.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/app_bg.wasm'))), 'the portal bundle was not fetched too');
      await page.getByLabel(L['username-label']).fill(user.username);
      const workers = [];
      page.on('worker', (w) => workers.push(w.url()));
      await page.getByRole('button', { name: L['totp-next'] }).click();
      await page.getByText(fill(L['reset-step'], { step: 1, total: 2 })).waitFor();
      assert.ok(workers.some((u) => u.endsWith('/work.js')), 'the proof of work ran in a Web Worker, off the page');
      await page.screenshot({ path: join(shots, '2-choose-method.png') });

      await page.getByRole('button', { name: L['reset-option-questions'] }).click();
      const answers = page.locator('input[id^=reset-answer-]');
      await answers.nth(2).waitFor();
      const labels = await page.locator('label[for^=reset-answer-]').allInnerTexts();
      const byQuestion = {};
      for (const id of ['first-pet', 'favourite-food', 'first-street']) byQuestion[id] = ANSWERS[['first-pet', 'favourite-food', 'first-street'].indexOf(id)];
      const questionTexts = strings(lang, 'questions.ftl');
      const textOf = (id) => questionTexts[`question-${id}`];
      for (const [i, label] of labels.entries()) {
        const id = Object.keys(byQuestion).find((q) => textOf(q) === label);
        await answers.nth(i).fill(i === 0 ? 'wrong answer' : byQuestion[id]);
      }
      await page.getByRole('button', { name: L['verify-button'] }).click();
      await page.getByRole('alert').filter({ hasText: L['error-wrong-answers'] }).waitFor();
      const first = Object.keys(byQuestion).find((q) => textOf(q) === labels[0]);
      await answers.nth(0).fill(`  ${byQuestion[first].toUpperCase()} `);
      await page.getByRole('button', { name: L['verify-button'] }).click();

      await page.getByText(fill(L['reset-step'], { step: 2, total: 2 })).waitFor();
      if (lang === 'en-US') {
        // Switching language mid-way keeps the flow where it is, and every text follows.
        const N = strings('nl-NL');
        await page.getByLabel(L['language-label']).selectOption('nl-NL');
        await page.getByText(fill(N['reset-step'], { step: 2, total: 2 })).waitFor();
        const text = await page.locator('main').innerText();
        for (const key of ['reset-title', 'reset-if-exists', 'reset-choose']) {
          assert.ok(text.includes(N[key]), `${key} in Dutch: ${text}`);
          assert.ok(!text.includes(L[key]), `no English ${key} left: ${text}`);
        }
        await page.getByLabel(N['language-label']).selectOption('en-US');
        await page.getByText(fill(L['reset-step'], { step: 2, total: 2 })).waitFor();
      }
      await page.getByRole('button', { name: /@example\.org/ }).click();
      t0 = Date.now();
      await page.getByRole('button', { name: L['reset-send-email'], exact: true }).click();
      await page.getByLabel(L['code-label']).fill(await outboxCode(worker.base, 'email', email, t0));
      await page.getByRole('button', { name: L['verify-button'] }).click();

      await page.getByLabel(L['reset-new-password'], { exact: true }).fill('password123');
      await page.getByLabel(L['reset-confirm-password']).fill('password123');
      await page.getByRole('button', { name: L['reset-finish'] }).click();
      await page.getByRole('alert').filter({ hasText: L['error-password-common'] }).waitFor();
      await page.getByLabel(L['reset-new-password'], { exact: true }).fill(newPassword);
      await page.getByLabel(L['reset-confirm-password']).fill(newPassword);
      await page.screenshot({ path: join(shots, '3-new-password.png') });
      await page.getByRole('button', { name: L['reset-finish'] }).click();
      await page.getByText(L['reset-done']).waitFor();

      // The old password is gone, the new one works; a notice was mailed.
      const messages = await (await page.request.get(`${worker.base}/dev/outbox.json`)).json();
      assert.ok(messages.some((m) => m.channel === 'email' && m.to === email && /password|wachtwoord/i.test(m.subject) && !/\d{6}/.test(m.subject)));
      await page.goto(worker.base + '/signin');
      await page.locator('#username').fill(user.username);
      await page.locator('#password').fill(user.password);
      await page.getByRole('button', { name: L['sign-in-button'], exact: true }).click();
      await page.getByRole('alert').filter({ hasText: L['error-invalid-credentials'] }).waitFor();
      await page.locator('#password').fill(newPassword);
      await page.getByRole('button', { name: L['sign-in-button'], exact: true }).click();
      await page.getByRole('heading', { name: L['app-title'], level: 1 }).waitFor();
      assert.deepEqual(errors, []);
    } catch (e) {
      await page.screenshot({ path: join(artifactsDir('screenshots', `reset-${lang}`), 'failure.png'), fullPage: true });
      throw new Error(`${e.message}\npage errors: ${errors.join('; ')}`);
    } finally {
      await b.close();
    }
  });
}
