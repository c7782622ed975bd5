// End to end in Chromium: create an app password (shown once, copied), use it from
// curl as a non-browser app, delete it; and the wizard's App passwords step.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startWorker, artifactsDir, openBrowser, Client, DEMO } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

/** `GET /api/v1/legacy/whoami` with curl and Basic auth: status and body. */
function curl(user, secret) {
  const out = execFileSync('curl', ['-s', '-w', '\n%{http_code}', '-u', `${user}:${secret}`, `${worker.base}/api/v1/legacy/whoami`]).toString();
  const lines = out.trimEnd().split('\n');
  return { status: Number(lines.pop()), body: JSON.parse(lines.join('\n')) };
}

test('create an app password, use it from curl, delete it', async () => {
  const shots = artifactsDir('screenshots', 'app-passwords');
  const b = await openBrowser('en-US');
  const { page, errors } = b;
  try {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: worker.base });
    await page.goto(worker.base + '/signin');
    await page.locator('#username').fill(DEMO.adele.username);
    await page.locator('#password').fill(DEMO.adele.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Security info', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add method' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Which method would you like to add?').selectOption('app-password');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.getByLabel('Name (for example, Outlook 2010)').fill('Outlook 2010');
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByText("It's shown only once").waitFor();
    const password = await dialog.locator('code.app-password').innerText();
    assert.match(password, /^[a-z]{4} [a-z]{4} [a-z]{4} [a-z]{4}$/);
    await dialog.getByRole('button', { name: 'Copy App password' }).click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), password.replace(/ /g, ''));
    await page.screenshot({ path: join(shots, '1-shown-once.png') });
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('status').filter({ hasText: 'App password Outlook 2010 was added.' }).waitFor();
    assert.equal(await page.getByText(password).count(), 0, 'not shown again');

    const used = curl(DEMO.adele.username, password.replace(/ /g, ''));
    assert.deepEqual(used, { status: 200, body: { username: DEMO.adele.username, display_name: 'Adele Vance' } });
    await page.reload();
    await page.locator('li.method[data-kind=app-password]').getByText(/Last used/).waitFor();

    await page.getByRole('button', { name: /Delete App password/ }).click();
    await dialog.getByRole('button', { name: 'Yes', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(curl(DEMO.adele.username, password.replace(/ /g, '')).status, 401);

    // All three show in Recent activity, newest first, the use with curl's device.
    await page.getByRole('link', { name: 'Recent activity' }).click();
    await page.getByRole('heading', { name: 'Recent activity', level: 1 }).waitFor();
    const lines = page.locator('ul.activity li');
    await lines.first().waitFor();
    const texts = await lines.allInnerTexts();
    const find = (what) => texts.findIndex((x) => x.includes(what));
    const [deletedAt, usedAt, createdAt] = ['App password deleted: Outlook 2010', 'App password used: Outlook 2010', 'App password created: Outlook 2010'].map(find);
    assert.ok(deletedAt >= 0 && usedAt > deletedAt && createdAt > usedAt, texts.join('\n'));
    assert.match(texts[usedAt], /curl/);
    await page.screenshot({ path: join(shots, '2-recent-activity.png'), fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});

test('the wizard ends with an App passwords step when the tenant asks', async () => {
  const admin = new Client(worker.base, '/t/fabrikam');
  await admin.signIn({ username: 'admin@fabrikam.com', password: 'Admin-demo-2026' });
  // Fabrikam requires methods its admin lacks: held until they skip for now.
  assert.equal((await admin.req('POST', '/api/v1/session/setup/skip')).status, 200);
  const settings = (await admin.req('GET', '/api/v1/admin/settings')).json;
  settings.policy.registration = { ...settings.policy.registration, require: { kind: 'any', count: 1 }, app_passwords_step: true };
  assert.equal((await admin.req('PUT', '/api/v1/admin/settings', { body: settings })).status, 200);

  const b = await openBrowser('en-US');
  const { page, errors } = b;
  try {
    await page.goto(worker.base + '/t/fabrikam/signin');
    await page.locator('#username').fill('pradeep@fabrikam.com');
    await page.locator('#password').fill('Pradeep-demo-2026');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    // Any one method: a security question set is quickest; "a different method" offers it.
    await page.getByRole('button', { name: 'I want to set up a different method' }).click();
    await page.getByRole('button', { name: 'Security questions' }).click();
    const selects = page.locator('.wizard-step select');
    await selects.nth(2).waitFor();
    for (const [i, id] of ['first-pet', 'favourite-food', 'first-street'].entries()) {
      await selects.nth(i).selectOption(id);
      await page.locator(`#answer-${i}`).fill(['Rex', 'Soup', 'Main Street'][i]);
    }
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('heading', { name: 'Answers saved', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    // Offered, not required: the page says so and Cancel is there.
    await page.getByText('This step is optional').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).waitFor();
    await page.getByLabel('Name (for example, Outlook 2010)').fill('Old laptop mail');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.locator('code.app-password').waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('heading', { name: 'Success!', level: 1 }).waitFor();
    await page.locator('ul.set-up').getByText('Old laptop mail').waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});

test('a required App passwords step has no Cancel and holds the account until one exists', async () => {
  const admin = new Client(worker.base, '/t/fabrikam');
  await admin.signIn({ username: 'admin@fabrikam.com', password: 'Admin-demo-2026' });
  assert.equal((await admin.req('POST', '/api/v1/session/setup/skip')).status, 200);
  const settings = (await admin.req('GET', '/api/v1/admin/settings')).json;
  settings.policy.registration = { ...settings.policy.registration, require: { kind: 'any', count: 1 }, app_passwords_step: true, app_passwords_required: true };
  assert.equal((await admin.req('PUT', '/api/v1/admin/settings', { body: settings })).status, 200);

  const b = await openBrowser('nl-NL');
  const { page, errors } = b;
  try {
    await page.goto(worker.base + '/t/fabrikam/signin');
    await page.locator('#username').fill('lee@fabrikam.com');
    await page.locator('#password').fill('Lee-demo-2026');
    await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByRole('button', { name: 'Ik wil een andere methode instellen' }).click();
    await page.getByRole('button', { name: 'Beveiligingsvragen' }).click();
    const selects = page.locator('.wizard-step select');
    await selects.nth(2).waitFor();
    for (const [i, id] of ['first-pet', 'favourite-food', 'first-street'].entries()) {
      await selects.nth(i).selectOption(id);
      await page.locator(`#answer-${i}`).fill(['Rex', 'Soep', 'Dorpsstraat'][i]);
    }
    await page.getByRole('button', { name: 'Gereed' }).click();
    await page.getByRole('heading', { name: 'Antwoorden opgeslagen', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByText('Uw organisatie vereist een app-wachtwoord').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Annuleren' }).count(), 0, 'a required step cannot be cancelled');

    // Leaving for another page does not get round it: the server holds the account.
    await page.goto(worker.base + '/t/fabrikam/activity');
    await page.waitForURL('**/t/fabrikam/setup');
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByText('Uw organisatie vereist een app-wachtwoord').waitFor();
    await page.locator('#app-password-name').fill('Oude laptop');
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.locator('code.app-password').waitFor();
    await page.getByRole('button', { name: 'Gereed' }).click();
    await page.getByRole('heading', { name: 'Gelukt!', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Gereed' }).click();
    await page.getByRole('heading', { name: 'Beveiligingsgegevens', level: 1 }).waitFor();
    await page.goto(worker.base + '/t/fabrikam/activity');
    await page.waitForTimeout(500);
    assert.match(page.url(), /\/activity$/, 'no longer held');
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});
