// End to end in Chromium: a tenant admin changes the methods policy on the admin
// page; a refused change says why and changes nothing; the change is audited and
// the next sign-in of a user meets the new requirement. Non-admins see no Admin link,
// and at /admin a page that says it is for administrators only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startWorker, artifactsDir, openBrowser, DEMO, signInPage } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

const signIn = (page, user) => signInPage(page, worker.base, user);

test('admin page: require an authenticator app, refused and saved changes, audit', async () => {
  const shots = artifactsDir('screenshots', 'admin');
  const b = await openBrowser('en-US', { width: 390, height: 844 });
  const { page, errors } = b;
  try {
    await signIn(page, { username: 'admin@contoso.com', password: 'Admin-demo-2026' });
    await page.getByRole('heading', { name: 'Security info', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Menu' }).click(); // 390 px: the header's links fold behind it
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { name: 'Authentication methods policy', level: 1 }).waitFor();
    await page.getByText('No changes yet.').waitFor();
    assert.equal(await page.getByLabel('Organization name').inputValue(), 'Contoso');

    // Require an app, but forbid it: refused with a reason.
    await page.getByLabel('These methods are required').check();
    await page.getByRole('group', { name: 'Required methods' }).getByLabel('Authenticator app').waitFor();
    await page.getByRole('group', { name: 'Allowed methods' }).getByLabel('Authenticator app', { exact: true }).uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    const registrationError = page.locator('#registration-error');
    await registrationError.filter({ hasText: 'A required method must also be allowed' }).waitFor();
    assert.equal(await registrationError.getAttribute('role'), 'alert');
    await page.screenshot({ path: join(shots, '1-refused-390.png'), fullPage: true });
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= 390), true, 'no sideways scrolling');

    await page.getByRole('group', { name: 'Allowed methods' }).getByLabel('Authenticator app', { exact: true }).check();
    // Zero days of activity: its own message, next to the field, which gets focus.
    const days = page.getByLabel('Days recent activity is kept (1 to 365)');
    await days.fill('0');
    await days.blur();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#activity-days-error').filter({ hasText: 'Keep recent activity for 1 to 365 days.' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'activity-days');
    assert.equal(await days.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByText('Require 1 to 4 different methods').count(), 0, 'not the methods-count message');
    assert.equal(await registrationError.innerText(), '', 'the earlier refusal is gone');
    await days.fill('30');
    await days.blur();
    await page.getByLabel('Days people may skip setting up (0 to 14)').fill('3');
    await page.getByLabel('How many times they may skip (0 to 3)').fill('1');
    await page.getByLabel('How many times they may skip (0 to 3)').blur();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Your changes were saved.' }).waitFor();
    await page.getByText(/admin@contoso\.com changed registration/).waitFor();
    await page.screenshot({ path: join(shots, '2-saved-390.png'), fullPage: true });

    // An own security question, in both languages; people are offered it.
    await page.getByRole('button', { name: 'Add a question' }).click();
    await page.getByLabel('Question (English)').fill('What is the name of our team mascot?');
    await page.getByLabel('Question (Nederlands)').fill('Hoe heet de mascotte van ons team?');
    await page.getByLabel('Question (Nederlands)').blur();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/admin@contoso\.com changed the security questions/).waitFor();
    const offered = await (await page.request.get(worker.base + '/api/v1/methods/security-questions')).json();
    assert.ok(offered.questions.some((q) => q.text === 'What is the name of our team mascot?'), JSON.stringify(offered));

    // Unlock sign-in (security review finding 1): an unknown name says so; a user is unlocked, audited.
    const unlock = page.getByRole('region', { name: 'Unlock sign-in' });
    await unlock.getByLabel('Locked account').fill('nobody@contoso.com');
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await unlock.getByRole('alert').filter({ hasText: "There's no user with that name in your organization." }).waitFor();
    await unlock.getByLabel('Locked account').fill(DEMO.adele.username);
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('status').filter({ hasText: `Sign-in for ${DEMO.adele.username} is unlocked.` }).waitFor();
    await page.getByText(/admin@contoso\.com unlocked the second sign-in step of adele@contoso\.com/).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }

  // Alex (no methods yet) now meets the requirement; and has no Admin link.
  const u = await openBrowser('en-US');
  try {
    await signIn(u.page, DEMO.alex);
    await u.page.getByRole('heading', { name: 'More information required', level: 1 }).waitFor();
    await u.page.getByText(/You can skip this until/).waitFor();
    assert.equal(await u.page.getByRole('link', { name: 'Admin' }).count(), 0);
    await u.page.getByRole('button', { name: 'Skip for now' }).click();
    await u.page.getByRole('heading', { name: 'Security info', level: 1 }).waitFor();
    // The admin page itself says it is for administrators only, and shows nothing else.
    await u.page.goto(worker.base + '/admin');
    await u.page.getByRole('heading', { name: 'Only administrators can open this page', level: 1 }).waitFor();
    assert.equal(await u.page.getByRole('heading', { name: 'Authentication methods policy' }).count(), 0);
    assert.equal(await u.page.getByText('No changes yet.').count(), 0, 'no empty admin sections');
    assert.equal(await u.page.locator('section.page input, section.page select').count(), 0, 'no form on the page');
    await u.page.getByRole('link', { name: 'Go to Security info' }).click();
    await u.page.getByRole('heading', { name: 'Security info', level: 1 }).waitFor();
    assert.deepEqual(u.errors, []);
  } finally {
    await u.close();
  }
});
