// "Can't sign in?": linked from the sign-in page, says what to do, and names the
// organization's help desk once its admin set one (checked part by part, the
// error next to the fields); in English and in Dutch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startWorker, artifactsDir, openBrowser, localeStrings as strings } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

test('en-US: without a contact the page says to ask the administrator; the admin sets one, with a field error first', async () => {
  const L = strings('en-US');
  const A = strings('en-US', 'admin.ftl');
  const shots = artifactsDir('screenshots', 'help-en-US');
  const b = await openBrowser('en-US', { width: 390, height: 844 });
  const { page, errors } = b;
  try {
    await page.goto(worker.base + '/signin');
    await page.getByRole('link', { name: L['help-link'] }).click();
    await page.getByRole('heading', { name: L['help-title'], level: 1 }).waitFor();
    assert.match(new URL(page.url()).pathname, /\/help$/);
    for (const key of ['help-password-title', 'help-other-method-title', 'help-access-pass-title', 'help-support-title']) {
      await page.getByRole('heading', { name: L[key], level: 2 }).waitFor();
    }
    await page.getByText(L['help-support-none']).waitFor();
    await page.screenshot({ path: join(shots, '1-no-contact.png'), fullPage: true });
    await page.getByRole('link', { name: L['help-back-sign-in'] }).click();
    await page.getByRole('heading', { name: L['sign-in-title'] }).waitFor();

    await page.locator('#username').fill('admin@contoso.com');
    await page.locator('#password').fill('Admin-demo-2026');
    await page.getByRole('button', { name: L['sign-in-button'], exact: true }).click();
    await page.getByRole('heading', { name: L['app-title'], level: 1 }).waitFor();
    await page.goto(worker.base + '/admin');
    await page.getByRole('heading', { name: A['admin-title'] }).waitFor();
    await page.getByLabel(A['admin-support-url']).fill('http://help.contoso.com');
    await page.getByLabel(A['admin-support-email']).fill('helpdesk@contoso.com');
    await page.getByLabel(A['admin-support-phone']).fill('+31 20 123 4567');
    await page.getByRole('button', { name: A['admin-save'] }).click();
    const fieldError = page.locator('#support-error');
    await fieldError.getByText(L['error-policy-invalid-support']).waitFor();
    assert.equal(await page.getByLabel(A['admin-support-url']).getAttribute('aria-invalid'), 'true');
    await page.getByLabel(A['admin-support-url']).fill('https://help.contoso.com/signin');
    await page.getByRole('button', { name: A['admin-save'] }).click();
    await page.getByText(A['admin-saved']).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});

test('nl-NL: signed out, the page links the help desk the admin named', async () => {
  const L = strings('nl-NL');
  const b = await openBrowser('nl-NL');
  const { page, errors } = b;
  try {
    await page.goto(worker.base + '/help');
    await page.getByRole('heading', { name: L['help-title'], level: 1 }).waitFor();
    const support = page.locator('ul.support');
    await support.waitFor();
    assert.equal(await support.getByRole('link', { name: L['help-support-web'] }).getAttribute('href'), 'https://help.contoso.com/signin');
    assert.equal(await support.getByRole('link', { name: 'helpdesk@contoso.com' }).getAttribute('href'), 'mailto:helpdesk@contoso.com');
    assert.equal(await support.getByRole('link', { name: '+31 20 123 4567' }).getAttribute('href'), 'tel:+31201234567');
    await page.getByRole('link', { name: L['reset-link'] }).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});
