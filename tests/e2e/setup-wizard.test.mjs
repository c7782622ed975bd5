// End to end in Chromium: a user of Fabrikam (reached at /t/fabrikam/, a tenant that
// requires an authenticator app and a phone) signs in, sees "More information
// required", goes through "Keep your account secure" to Success and lands on Security
// info with both methods and the app as default; in English and in Dutch. A wizard
// left after step 1 resumes at step 2. The labels come from each locale's app.ftl.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startWorker, artifactsDir, openBrowser, localeStrings as strings, outboxCode } from '../harness.mjs';

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
      await appStep(page, L);

      // Step 2 of 2: the phone; step 1 is marked done.
      await page.getByLabel(L['phone-number-label']).waitFor();
      assert.equal(await steps.nth(1).getAttribute('aria-current'), 'step');
      assert.match(await steps.nth(0).getAttribute('class'), /done/);
      await page.screenshot({ path: join(shots, '3-step-2.png') });
      await phoneStep(page, L, national, e164);

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
