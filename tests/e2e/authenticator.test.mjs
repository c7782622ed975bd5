// End to end in Chromium: register an authenticator app with codes from Debian's
// `oathtool` (not our TOTP code) and a QR code decoded by `zbarimg`; sign out; sign
// in with password + code; change the default; delete the app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startWorker, artifactsDir, openBrowser, DEMO } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

const oathtool = (secret, offset = 0) =>
  execFileSync('oathtool', ['--totp', '-b', secret, '-N', `now + ${offset} seconds`]).toString().trim();

test('authenticator app: register, sign in with a code, change default, delete', async () => {
  const shots = artifactsDir('screenshots', 'authenticator');
  const b = await openBrowser('en-US');
  const { page, errors } = b;
  try {
    const signIn = async () => {
      await page.goto(worker.base + '/signin');
      await page.locator('#username').fill(DEMO.alex.username);
      await page.locator('#password').fill(DEMO.alex.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    };
    await signIn();
    await page.getByRole('heading', { name: 'Security info', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Add method' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Which method would you like to add?').selectOption('authenticator-app');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.getByRole('heading', { name: 'Start by getting the app' }).waitFor();
    await dialog.getByText('I want to use a different authenticator app').click();
    await dialog.getByText('Google Authenticator').waitFor();
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByRole('heading', { name: 'Set up your account' }).waitFor();
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByRole('heading', { name: 'Scan the QR code' }).waitFor();
    const qr = dialog.getByRole('img', { name: /QR code/ });
    await qr.waitFor();
    await page.screenshot({ path: join(shots, '1-scan-qr.png') });

    // The secret stays hidden until "Can't scan image?".
    const secretBox = dialog.locator('code.secret');
    assert.equal(await secretBox.isVisible(), false);
    await dialog.getByRole('button', { name: "Can't scan image?" }).click();
    await secretBox.waitFor();
    const secret = (await secretBox.innerText()).replace(/\s/g, '');
    const uri = await dialog.locator('code.uri').innerText();
    assert.match(uri, new RegExp(`^otpauth://totp/Contoso:alex%40contoso\\.com\\?secret=${secret}&issuer=Contoso&algorithm=SHA1&digits=6&period=30$`));
    await page.screenshot({ path: join(shots, '2-manual-entry.png') });

    // A real QR decoder reads the same URI from a screenshot of the code.
    const qrPng = join(shots, 'qr.png');
    await qr.screenshot({ path: qrPng });
    const decoded = execFileSync('zbarimg', ['--quiet', '--raw', qrPng]).toString().trim();
    assert.equal(decoded, uri);

    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByLabel('Name for this app').fill('Alex phone');
    const codeInput = dialog.getByLabel('Code');
    assert.equal(await codeInput.getAttribute('autocomplete'), 'one-time-code');
    // Five digits are not a try: no count is shown (not "0 tries left").
    await codeInput.fill('12345');
    await dialog.getByRole('button', { name: 'Done' }).click();
    const refusal = dialog.getByRole('alert').filter({ hasText: "That code isn't right" });
    await refusal.waitFor();
    assert.equal(await refusal.innerText(), "That code isn't right. Check it and try again.");
    const wrong = oathtool(secret) === '000000' ? '000001' : '000000';
    await codeInput.fill(wrong);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.getByRole('alert').filter({ hasText: /\(\d+ tries left\)/ }).waitFor();
    assert.doesNotMatch(await refusal.innerText(), /\(0 tries|\(1 tries/);
    const registrationCode = oathtool(secret);
    await codeInput.fill(registrationCode);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'Authenticator app Alex phone was added' }).waitFor();
    await page.locator('li.method[data-kind=authenticator-app]').getByText('Alex phone').waitFor();
    await page.getByText('Authenticator app - code (Alex phone)').waitFor();
    await page.screenshot({ path: join(shots, '3-app-added.png'), fullPage: true });

    // Sign out and back in: the second step asks for a code.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/signin');
    await signIn();
    await page.waitForURL('**/verify');
    await page.getByRole('heading', { name: 'Verify your identity' }).waitFor();
    await page.screenshot({ path: join(shots, '4-second-step.png'), fullPage: true });
    // The code used at registration is spent; the app's next code works.
    await page.getByLabel('Code').fill(registrationCode);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('alert').filter({ hasText: /already used|isn't right/ }).waitFor();
    await page.getByLabel('Code').fill(oathtool(secret, 30));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Security info', level: 1 }).waitFor();

    // Change (confirm) the default, rename, then delete.
    await page.getByRole('button', { name: 'Change default method' }).click();
    await dialog.getByLabel('Which method would you like to use to sign in?').selectOption({ label: 'Authenticator app - code (Alex phone)' });
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('status').filter({ hasText: 'Your default sign-in method is now Authenticator app - code (Alex phone)' }).waitFor();
    await page.getByRole('button', { name: /Rename Authenticator app/ }).click();
    await dialog.getByLabel('Name').fill('Alex work phone');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Authenticator app - code (Alex work phone)').waitFor();
    await page.getByRole('button', { name: /Delete Authenticator app/ }).click();
    await dialog.getByRole('button', { name: 'Yes', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText("You haven't added any methods yet").waitFor();
    await page.getByText('none yet').waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});
