// "Confirm it's you": once the last second step is older than the recent window
// (shortened to 3 s here), a change asks for a code first, then goes through.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startWorker, Client, DEMO, totp, artifactsDir, openBrowser, outboxCode } from '../harness.mjs';

const oathtool = (secret, offset = 0) =>
  execFileSync('oathtool', ['--totp', '-b', secret, '-N', `now + ${offset} seconds`]).toString().trim();

let worker;
before(async () => { worker = await startWorker({ SECOND_STEP_RECENT_SECONDS: '3' }); });
after(async () => { await worker?.stop(); });

test('a stale second step is asked for again before deleting', async () => {
  // Register an app over the API with the previous step's code (still accepted).
  const api = new Client(worker.base);
  await api.signIn(DEMO.adele);
  const setup = await api.req('POST', '/api/v1/methods/authenticator', { body: {} });
  const secret = setup.json.secret.replace(/ /g, '');
  // The previous step's code is accepted only until the next step starts: keep
  // clear of a step's last seconds, so the request cannot cross into it.
  const intoStep = Date.now() % 30_000;
  if (intoStep > 25_000) await new Promise((r) => setTimeout(r, 30_000 - intoStep + 200));
  const done = await api.req('POST', '/api/v1/methods/authenticator/verify',
    { body: { challenge_id: setup.json.challenge_id, code: totp(secret, Date.now() - 30_000), name: 'Phone' } });
  assert.equal(done.status, 201, done.text);

  const b = await openBrowser('nl-NL');
  const { page } = b;
  try {
    await page.goto(worker.base + '/signin');
    await page.locator('#username').fill(DEMO.adele.username);
    await page.locator('#password').fill(DEMO.adele.password);
    await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    await page.getByRole('heading', { name: 'Uw identiteit verifiëren' }).waitFor();
    await page.getByLabel('Code').fill(oathtool(secret));
    await page.getByRole('button', { name: 'Verifiëren' }).click();
    await page.getByRole('heading', { name: 'Beveiligingsgegevens', level: 1 }).waitFor();
    await page.getByText(/Laatst gebruikt op/).waitFor();

    await page.waitForTimeout(3500);
    await page.getByRole('button', { name: /Verwijderen Authenticator-app/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Ja', exact: true }).click();
    await dialog.getByRole('heading', { name: 'Bevestig dat u het bent' }).waitFor();
    await page.screenshot({ path: join(artifactsDir('screenshots', 'nl-NL'), '7-confirm-its-you.png') });
    await dialog.getByLabel('Code').fill(oathtool(secret, 30));
    await dialog.getByRole('button', { name: 'Verifiëren' }).click();
    // The delete that asked for it goes through: no second click.
    await page.getByText('U hebt nog geen methoden toegevoegd').waitFor();
    assert.equal(await page.getByRole('dialog').count(), 0);
  } finally {
    await b.close();
  }
});

test('"Confirm it\'s you" offers every method, then creates the app password that asked for it', async () => {
  // Alex: an authenticator app (the default) and a phone, both over the API.
  const api = new Client(worker.base);
  await api.signIn(DEMO.alex);
  const setup = await api.req('POST', '/api/v1/methods/authenticator', { body: {} });
  const secret = setup.json.secret.replace(/ /g, '');
  const intoStep = Date.now() % 30_000;
  if (intoStep > 25_000) await new Promise((r) => setTimeout(r, 30_000 - intoStep + 200));
  const done = await api.req('POST', '/api/v1/methods/authenticator/verify',
    { body: { challenge_id: setup.json.challenge_id, code: totp(secret, Date.now() - 30_000), name: 'Phone app' } });
  assert.equal(done.status, 201, done.text);
  let t0 = Date.now();
  const phone = await api.req('POST', '/api/v1/methods/phone', { body: { country: 'NL', number: '06 1234 5699' } });
  assert.equal(phone.status, 201, phone.text);
  const code = await outboxCode(worker.base, 'sms', '+31612345699', t0);
  const verified = await api.req('POST', '/api/v1/methods/phone/verify', { body: { challenge_id: phone.json.challenge_id, code } });
  assert.equal(verified.status, 201, verified.text);

  const b = await openBrowser('en-US');
  const { page, errors } = b;
  try {
    await page.goto(worker.base + '/signin');
    await page.locator('#username').fill(DEMO.alex.username);
    await page.locator('#password').fill(DEMO.alex.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByLabel('Code').fill(oathtool(secret, 30));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Security info', level: 1 }).waitFor();
    await page.waitForTimeout(3500);

    await page.getByRole('button', { name: 'Add method' }).click();
    await page.getByLabel('Which method would you like to add?').selectOption('app-password');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByLabel('Name (for example, Outlook 2010)').fill('Printer scans');
    await page.getByRole('button', { name: 'Next' }).click();
    const confirm = page.getByRole('dialog').filter({ has: page.getByRole('heading', { name: "Confirm it's you" }) });
    await confirm.waitFor();
    // Not only the default: "Sign in another way" lists the phone too.
    await confirm.getByRole('button', { name: 'Sign in another way' }).click();
    await confirm.getByRole('button', { name: /^Phone - / }).click();
    t0 = Date.now();
    await confirm.getByRole('button', { name: 'Text me a code' }).click();
    await confirm.getByLabel('Code').fill(await outboxCode(worker.base, 'sms', '+31612345699', t0));
    await confirm.getByRole('button', { name: 'Verify' }).click();
    // The app password the change asked for is there, without asking again.
    await page.locator('code.app-password').waitFor();
    assert.equal(await confirm.count(), 0);
    await page.getByRole('button', { name: 'Done' }).click();
    await page.locator('li.method[data-kind=app-password]').getByText('Printer scans').waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});

test('changing the default to a method deleted in another tab says so and refreshes the list', async () => {
  // Alex has an app and a phone from the test before.
  const b = await openBrowser('en-US');
  const { page, errors } = b;
  try {
    await page.goto(worker.base + '/signin');
    await page.locator('#username').fill(DEMO.alex.username);
    await page.locator('#password').fill(DEMO.alex.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Sign in another way' }).click();
    await page.getByRole('button', { name: /^Phone - / }).click();
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Text me a code' }).click();
    await page.getByLabel('Code').fill(await outboxCode(worker.base, 'sms', '+31612345699', t0));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.locator('li.method[data-kind=phone]').waitFor();
    const phoneId = await page.locator('li.method[data-kind=phone]').getAttribute('data-id');

    // A second tab of the same browser deletes the phone.
    const tab = await b.ctx.newPage();
    await tab.goto(worker.base + '/');
    await tab.getByRole('button', { name: /^Delete Phone/ }).click();
    await tab.getByRole('dialog').getByRole('button', { name: 'Yes', exact: true }).click();
    await tab.locator('li.method[data-kind=phone]').waitFor({ state: 'detached' });
    await tab.close();

    // The first tab still lists it: choosing it as the default says why not and refreshes.
    await page.getByRole('button', { name: 'Change default method' }).click();
    await page.getByLabel('Which method would you like to use to sign in?').selectOption(phoneId);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('status').filter({ hasText: 'That method no longer exists. The list has been refreshed.' }).waitFor();
    await page.locator('li.method[data-kind=phone]').waitFor({ state: 'detached' });
    assert.equal(await page.locator('li.method[data-kind=authenticator-app]').count(), 1);
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});
