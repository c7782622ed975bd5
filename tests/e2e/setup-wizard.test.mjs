// End to end in Chromium: a user of Fabrikam (reached at /t/fabrikam/, a tenant that
// requires an authenticator app and a phone) signs in, sees "More information
// required", goes through "Keep your account secure" to Success and lands on Security
// info with both methods and the app as default; in English and in Dutch. A wizard
// left after step 1 resumes at step 2. The labels come from each locale's app.ftl.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startWorker, artifactsDir, openBrowser, localeStrings as strings, outboxCode, Client, answerLatestCall } from '../harness.mjs';

let worker;
let base;
before(async () => {
  worker = await startWorker();
  base = worker.base + '/t/fabrikam';
});
after(async () => { await worker?.stop(); });

const oathtool = (secret, offset = 0) =>
  execFileSync('oathtool', ['--totp', '-b', secret, '-N', `now + ${offset} seconds`]).toString().trim();

async function signIn(page, L, username, password) {
  await page.goto(base + '/signin');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: L['sign-in-button'], exact: true }).click();
}

/** The authenticator app step; returns its secret. */
async function appStep(page, L) {
  await page.getByRole('heading', { name: L['totp-get-title'] }).waitFor();
  await page.getByRole('button', { name: L['totp-next'] }).click();
  await page.getByRole('button', { name: L['totp-next'] }).click();
  await page.getByRole('button', { name: L['totp-cant-scan'] }).click();
  const secret = (await page.locator('code.secret').innerText()).replace(/\s/g, '');
  await page.getByRole('button', { name: L['totp-next'] }).click();
  await page.getByLabel(L['totp-code-label'], { exact: true }).fill(oathtool(secret));
  await page.getByRole('button', { name: L['totp-done'] }).click();
  return secret;
}

async function phoneStep(page, L, national, e164) {
  await page.getByLabel(L['phone-country-label'], { exact: true }).selectOption('NL');
  await page.getByLabel(L['phone-number-label']).fill(national);
  const t0 = Date.now();
  await page.getByRole('button', { name: L['phone-text-me'] }).click();
  await page.getByLabel(L['code-label']).fill(await outboxCode(worker.base, 'sms', e164, t0));
  await page.getByRole('button', { name: L['code-next'] }).click();
}

for (const [lang, user] of [['en-US', ['lee@fabrikam.com', 'Lee-demo-2026', '06 1234 5001', '+31612345001']],
  ['nl-NL', ['diego@fabrikam.com', 'Diego-demo-2026', '06 1234 5002', '+31612345002']]]) {
  test(`${lang}: the wizard sets up an authenticator app and a phone, then Success`, async () => {
    const L = strings(lang);
    const shots = artifactsDir('screenshots', `setup-${lang}`);
    const b = await openBrowser(lang);
    const { page, errors } = b;
    try {
      const [username, password, national, e164] = user;
      await signIn(page, L, username, password);
      await page.getByRole('heading', { name: L['setup-required-title'], level: 1 }).waitFor();
      await page.waitForURL('**/t/fabrikam/setup');
      await page.getByRole('button', { name: L['setup-skip'] }).waitFor();
      await page.screenshot({ path: join(shots, '1-more-information-required.png') });
      await page.getByRole('button', { name: L['totp-next'] }).click();

      await page.getByRole('heading', { name: L['setup-wizard-title'], level: 1 }).waitFor();
      const steps = page.locator('ol.steps li');
      assert.deepEqual(await steps.allInnerTexts(), [L['method-authenticator-app'], L['method-phone']]);
      assert.equal(await steps.nth(0).getAttribute('aria-current'), 'step');
      await page.screenshot({ path: join(shots, '2-step-1.png') });
      if (lang === 'en-US') {
        // Switching language at "Enter code" keeps the step and its secret: the code
        // from the key read before the switch is accepted.
        const N = strings('nl-NL');
        await page.getByRole('heading', { name: L['totp-get-title'] }).waitFor();
        await page.getByRole('button', { name: L['totp-next'] }).click();
        await page.getByRole('button', { name: L['totp-next'] }).click();
        await page.getByRole('button', { name: L['totp-cant-scan'] }).click();
        const secret = (await page.locator('code.secret').innerText()).replace(/\s/g, '');
        await page.getByRole('button', { name: L['totp-next'] }).click();
        await page.getByRole('heading', { name: L['totp-code-title'] }).waitFor();
        await page.getByLabel(L['language-label']).selectOption('nl-NL');
        await page.getByRole('heading', { name: N['totp-code-title'] }).waitFor();
        await page.getByRole('heading', { name: N['setup-wizard-title'], level: 1 }).waitFor();
        assert.equal(await page.getByRole('heading', { name: N['totp-get-title'] }).count(), 0, 'still at Enter code');
        await page.getByLabel(N['totp-code-label'], { exact: true }).fill(oathtool(secret));
        await page.getByRole('button', { name: N['totp-done'] }).click();
        await page.getByRole('heading', { name: N['setup-step-success[authenticator-app]'], level: 2 }).waitFor();
        await page.getByLabel(N['language-label']).selectOption('en-US');
      } else {
        await appStep(page, L);
      }
      // The step's own success screen ("App verified"), then Next.
      await page.getByRole('heading', { name: L['setup-step-success[authenticator-app]'], level: 2 }).waitFor();
      await page.screenshot({ path: join(shots, '2b-step-1-done.png') });
      await page.getByRole('button', { name: L['totp-next'] }).click();

      // Step 2 of 2: the phone; step 1 is marked done.
      await page.getByLabel(L['phone-number-label']).waitFor();
      assert.equal(await steps.nth(1).getAttribute('aria-current'), 'step');
      assert.match(await steps.nth(0).getAttribute('class'), /done/);
      await page.screenshot({ path: join(shots, '3-step-2.png') });
      await phoneStep(page, L, national, e164);
      // "Phone verified": the last step says Done.
      await page.getByRole('heading', { name: L['setup-step-success[phone]'], level: 2 }).waitFor();
      await page.getByRole('button', { name: L['totp-done'] }).click();

      await page.getByRole('heading', { name: L['setup-success-title'], level: 1 }).waitFor();
      const listed = page.locator('ul.set-up li');
      await listed.nth(1).waitFor();
      assert.equal(await listed.count(), 2);
      await page.getByText(L['default-method-label']).waitFor();
      await page.screenshot({ path: join(shots, '4-success.png') });
      await page.getByRole('button', { name: L['totp-done'] }).click();

      await page.getByRole('heading', { name: L['app-title'], level: 1 }).waitFor();
      await page.locator('li.method[data-kind=authenticator-app]').waitFor();
      await page.locator('li.method[data-kind=phone]').waitFor();
      await page.getByText(L['default-method-app'].replace('{ $name }', 'Fabrikam')).waitFor();
      assert.match(new URL(page.url()).pathname, /^\/t\/fabrikam\/?$/);
      // The tenant's colour is the accent.
      const accent = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim());
      assert.equal(accent, '#6b2fbf');
      assert.deepEqual(errors, []);
    } finally {
      await b.close();
    }
  });
}

test('a wizard left after step 1 resumes at step 2', async () => {
  const L = strings('en-US');
  let secret;
  const first = await openBrowser('en-US');
  try {
    const { page, errors } = first;
    await signIn(page, L, 'nestor@fabrikam.com', 'Nestor-demo-2026');
    await page.getByRole('button', { name: L['totp-next'] }).click();
    secret = await appStep(page, L);
    await page.getByRole('button', { name: L['totp-next'] }).click();
    await page.getByLabel(L['phone-number-label']).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await first.close();
  }
  // A new browser: the second step with the app, then the wizard at the phone.
  const second = await openBrowser('en-US');
  try {
    const { page, errors } = second;
    await signIn(page, L, 'nestor@fabrikam.com', 'Nestor-demo-2026');
    await page.waitForURL('**/t/fabrikam/verify');
    await page.getByLabel(L['verify-code-label']).fill(oathtool(secret, 30));
    await page.getByRole('button', { name: L['verify-button'] }).click();
    await page.getByRole('heading', { name: L['setup-required-title'], level: 1 }).waitFor();
    // Another page of the portal, typed in: the server holds it, the app goes back to the wizard.
    await page.goto(`${base}/activity`);
    await page.waitForURL('**/t/fabrikam/setup');
    await page.getByRole('heading', { name: L['setup-required-title'], level: 1 }).waitFor();
    await page.getByRole('button', { name: L['totp-next'] }).click();
    await page.getByLabel(L['phone-number-label']).waitFor();
    const steps = page.locator('ol.steps li');
    assert.equal(await steps.nth(1).getAttribute('aria-current'), 'step');
    assert.match(await steps.nth(0).getAttribute('class'), /done/);
    assert.equal(await page.getByRole('heading', { name: L['totp-get-title'] }).count(), 0, 'the app is not asked again');
    assert.deepEqual(errors, []);
  } finally {
    await second.close();
  }
});

for (const lang of ['en-US', 'nl-NL']) {
  test(`${lang}: a tenant that allows calls only: the wizard registers the phone by a call, with Cancel and the 3-minute ending`, async () => {
    const admin = new Client(worker.base, '/t/fabrikam');
    await admin.signIn({ username: 'admin@fabrikam.com', password: 'Admin-demo-2026' });
    assert.equal((await admin.req('POST', '/api/v1/session/setup/skip')).status, 200);
    const settings = (await admin.req('GET', '/api/v1/admin/settings')).json;
    settings.policy.phone_modes = ['call'];
    settings.policy.registration = { ...settings.policy.registration, require: { kind: 'methods', kinds: ['phone'] } };
    assert.equal((await admin.req('PUT', '/api/v1/admin/settings', { body: settings })).status, 200);

    const L = strings(lang);
    const shots = artifactsDir('screenshots', `setup-call-${lang}`);
    const b = await openBrowser(lang, { width: 390, height: 844 });
    const { page, errors } = b;
    try {
      await page.clock.install();
      const [user, national, e164] = lang === 'en-US'
        ? [['pradeep@fabrikam.com', 'Pradeep-demo-2026'], '06 1234 5011', '+31612345011']
        : [['admin@fabrikam.com', 'Admin-demo-2026'], '06 1234 5012', '+31612345012'];
      await signIn(page, L, ...user);
      await page.getByRole('button', { name: L['totp-next'] }).click();
      // The example under the field is the chosen country's.
      await page.getByLabel(L['phone-country-label'], { exact: true }).selectOption('GB');
      await page.locator('#phone-hint').getByText('07400 123456').waitFor();
      await page.getByLabel(L['phone-country-label'], { exact: true }).selectOption('NL');
      await page.locator('#phone-hint').getByText('06 12345678').waitFor();
      await page.getByLabel(L['phone-number-label']).fill(national);
      assert.equal(await page.getByRole('button', { name: L['phone-text-me'] }).count(), 0, 'no texts in this tenant');
      const call = page.getByRole('button', { name: L['phone-call-me'] });

      // Nobody answers: after three minutes the page says so and offers another try.
      await call.click();
      await page.getByRole('heading', { name: L['phone-call-title'] }).waitFor();
      await page.screenshot({ path: join(shots, '1-calling.png') });
      await page.clock.fastForward('03:01');
      await page.getByRole('alert').getByText(L['phone-call-failed']).waitFor();
      await page.getByRole('button', { name: L['phone-try-again'] }).click();
      assert.equal(await page.getByLabel(L['phone-number-label']).inputValue(), national, 'the number typed stays');

      // A second call, cancelled while it rings: back to the number.
      await call.click();
      await page.getByRole('heading', { name: L['phone-call-title'] }).waitFor();
      await page.getByRole('button', { name: L['cancel'] }).click();
      await page.getByLabel(L['phone-number-label']).waitFor();

      // The third is answered with the digits and #.
      const t0 = Date.now() - 1000;
      await call.click();
      await page.getByRole('heading', { name: L['phone-call-title'] }).waitFor();
      assert.equal((await answerLatestCall(page, worker.base, e164, t0)).status, 200);
      await page.getByRole('heading', { name: L['setup-step-success[phone]'], level: 2 }).waitFor();
      await page.screenshot({ path: join(shots, '2-phone-verified.png') });
      await page.getByRole('button', { name: L['totp-done'] }).click();
      await page.getByRole('heading', { name: L['setup-success-title'], level: 1 }).waitFor();
      await page.getByRole('button', { name: L['totp-done'] }).click();
      await page.locator('li.method[data-kind=phone]').waitFor();
      assert.deepEqual(errors, []);
    } catch (e) {
      await page.screenshot({ path: join(shots, 'failure.png'), fullPage: true });
      throw new Error(`${e.message}\n${await page.locator('main').innerText()}\npage errors: ${errors.join('; ')}`);
    } finally {
      await b.close();
    }
  });
}
