// End to end in Chromium: add a phone by text message (code read from the dev
// outbox), it becomes the default, sign in with a texted code, delete it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startWorker, artifactsDir, DEMO } from '../harness.mjs';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

async function textedCode(page, to, after) {
  for (let i = 0; i < 50; i++) {
    const messages = await (await page.request.get(`${worker.base}/dev/outbox.json`)).json();
    const sms = messages.find((m) => m.channel === 'sms' && m.to.e164 === to && m.sent_at >= after);
    if (sms) return sms.body.match(/^(\d{6})/)[1];
    await page.waitForTimeout(100);
  }
  throw new Error(`no text to ${to}`);
}

test('phone by text: add, default, sign in with a texted code, delete', async () => {
  const shots = artifactsDir('screenshots', 'phone');
  const profile = mkdtempSync(join(tmpdir(), 'si-chrome-'));
  const ctx = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: ARGS, locale: 'nl-NL', viewport: { width: 390, height: 844 } });
  const page = ctx.pages()[0] ?? await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    const signIn = async () => {
      await page.goto(worker.base + '/signin');
      await page.locator('#username').fill(DEMO.adele.username);
      await page.locator('#password').fill(DEMO.adele.password);
      await page.getByRole('button', { name: 'Aanmelden' }).click();
    };
    await signIn();
    await page.getByRole('heading', { name: 'Beveiligingsgegevens', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Methode toevoegen' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Welke methode wilt u toevoegen?').selectOption('phone');
    await dialog.getByRole('button', { name: 'Toevoegen', exact: true }).click();
    const country = dialog.getByLabel('Land of regio');
    assert.equal(await country.inputValue(), 'NL', 'the browser region preselects the country');
    assert.match(await country.locator('option:checked').innerText(), /Nederland \(\+31\)/);
    await dialog.getByLabel('Telefoonnummer').fill('12');
    await dialog.getByRole('button', { name: 'Sms-code naar mij verzenden' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Voer een geldig telefoonnummer in' }).waitFor();
    const t0 = Date.now();
    await dialog.getByLabel('Telefoonnummer').fill('06 1234 5678');
    await page.screenshot({ path: join(shots, '1-phone-number-390.png') });
    await dialog.getByRole('button', { name: 'Sms-code naar mij verzenden' }).click();
    await dialog.getByText('+31 6 •••• 5678').waitFor();
    const code = await textedCode(page, '+31612345678', t0);
    await dialog.getByLabel('Voer de code in').fill(code);
    await dialog.getByRole('button', { name: 'Gereed' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Telefoon - sms (+31 6 •••• 5678)').waitFor();
    await page.screenshot({ path: join(shots, '2-phone-added-390.png'), fullPage: true });
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= 390), true, 'no sideways scrolling');

    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.waitForURL('**/signin');
    await signIn();
    await page.getByRole('heading', { name: 'Uw identiteit verifiëren' }).waitFor();
    const t1 = Date.now();
    await page.getByRole('button', { name: 'Sms-code naar mij verzenden' }).click();
    const signInCode = await textedCode(page, '+31612345678', t1);
    await page.getByLabel('Code').fill(signInCode);
    await page.getByRole('button', { name: 'Verifiëren' }).click();
    await page.getByRole('heading', { name: 'Beveiligingsgegevens', level: 1 }).waitFor();

    await page.getByRole('button', { name: /Verwijderen Telefoon/ }).click();
    await dialog.getByRole('button', { name: 'Verwijderen', exact: true }).click();
    await page.getByText('U hebt nog geen methoden toegevoegd').waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
