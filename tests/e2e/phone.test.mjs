// End to end in Chromium: add a phone by text message (code read from the dev
// outbox), it becomes the default, sign in with a texted code, delete it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startWorker, artifactsDir, openBrowser, DEMO, answerLatestCall as answer, outboxCode } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

test('phone by text and alternate phone by call: add, default, sign in both ways, delete', async () => {
  const shots = artifactsDir('screenshots', 'phone');
  const b = await openBrowser('nl-NL', { width: 390, height: 844 });
  const { page, errors } = b;
  try {
    const signIn = async () => {
      await page.goto(worker.base + '/signin');
      await page.locator('#username').fill(DEMO.adele.username);
      await page.locator('#password').fill(DEMO.adele.password);
      await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    };
    await signIn();
    await page.getByRole('heading', { name: 'Beveiligingsgegevens', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Methode toevoegen' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Welke methode wilt u toevoegen?').selectOption('phone');
    await dialog.getByRole('button', { name: 'Toevoegen', exact: true }).click();
    const country = dialog.getByLabel('Land of regio', { exact: true });
    assert.equal(await country.inputValue(), 'NL', 'the browser region preselects the country');
    assert.match(await country.locator('option:checked').innerText(), /Nederland \(\+31\)/);
    // The picker is searchable by name or calling code.
    const search = dialog.getByLabel('Zoek een land of regio (naam of landnummer)');
    await search.fill('+32');
    assert.equal(await country.locator('option').count(), 1);
    assert.equal(await country.inputValue(), 'BE');
    await search.fill('duits');
    assert.equal(await country.inputValue(), 'DE');
    await search.fill('');
    await country.selectOption('NL');
    await dialog.getByLabel('Telefoonnummer').fill('12');
    await dialog.getByRole('button', { name: 'Sms-code naar mij verzenden' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Voer een geldig telefoonnummer in' }).waitFor();
    const t0 = Date.now();
    await dialog.getByLabel('Telefoonnummer').fill('06 1234 5678');
    await page.screenshot({ path: join(shots, '1-phone-number-390.png') });
    await dialog.getByRole('button', { name: 'Sms-code naar mij verzenden' }).click();
    await dialog.getByText('+31 6 •••• 5678').waitFor();
    const code = await outboxCode(worker.base, 'sms', '+31612345678', t0);
    await dialog.getByLabel('Voer de code in').fill(code);
    await dialog.getByRole('button', { name: 'Volgende' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Telefoon - sms (+31 6 •••• 5678)').waitFor();
    await page.screenshot({ path: join(shots, '2-phone-added-390.png'), fullPage: true });
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= 390), true, 'no sideways scrolling');

    // Alternate phone by call: the page waits until the callee presses #.
    await page.getByRole('button', { name: 'Methode toevoegen' }).click();
    await dialog.getByLabel('Welke methode wilt u toevoegen?').selectOption('alternate-phone');
    await dialog.getByRole('button', { name: 'Toevoegen', exact: true }).click();
    await dialog.getByRole('heading', { name: 'Alternatieve telefoon' }).waitFor();
    // With an extension: it is removed, and the notice says the call goes to the main
    // number (an alternate phone gets no codes).
    await dialog.getByLabel('Telefoonnummer').fill('020 123 4567X89');
    const t2 = Date.now();
    await dialog.getByRole('button', { name: 'Bel mij' }).click();
    await dialog.getByRole('heading', { name: 'Neem de oproep aan' }).waitFor();
    await dialog.getByText('We wachten tot u opneemt').waitFor();
    await dialog.getByText('we bellen het hoofdnummer').waitFor();
    assert.equal(await dialog.getByText('codes gaan naar het hoofdnummer').count(), 0);
    await page.screenshot({ path: join(shots, '3-waiting-for-call-390.png') });
    const answered = await answer(page, worker.base, '+31201234567', t2);
    assert.equal(answered.status, 200, answered.text);
    await dialog.waitFor({ state: 'detached' });
    await page.locator('li.method[data-kind=alternate-phone]').getByText('+31 2 •••• 4567').waitFor();

    // Make the alternate phone the default sign-in method.
    await page.getByRole('button', { name: 'Standaardmethode wijzigen' }).click();
    await dialog.getByLabel('Welke methode wilt u gebruiken om u aan te melden?')
      .selectOption({ label: 'Alternatieve telefoon - bellen (+31 2 •••• 4567)' });
    await dialog.getByRole('button', { name: 'Bevestigen' }).click();
    await page.getByText('Standaardaanmeldingsmethode: Alternatieve telefoon - bellen (+31 2 •••• 4567)').waitFor();

    // Sign in again: the default calls; "sign in another way" offers the texted code.
    await page.getByRole('button', { name: 'Menu' }).click(); // 390 px: the header's links fold behind it
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.waitForURL('**/signin');
    await signIn();
    await page.getByRole('heading', { name: 'Uw identiteit verifiëren' }).waitFor();
    const t3 = Date.now();
    await page.getByRole('button', { name: 'Bel mij' }).click();
    await page.getByText('We wachten tot u opneemt').waitFor();
    assert.equal((await answer(page, worker.base, '+31201234567', t3)).status, 200);
    await page.getByRole('heading', { name: 'Beveiligingsgegevens', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Menu' }).click(); // 390 px: the header's links fold behind it
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.waitForURL('**/signin');
    await signIn();
    await page.getByRole('button', { name: 'Op een andere manier aanmelden' }).click();
    await page.getByRole('button', { name: 'Telefoon - sms (+31 6 •••• 5678)' }).click();
    const t1 = Date.now();
    await page.getByRole('button', { name: 'Sms-code naar mij verzenden' }).click();
    const signInCode = await outboxCode(worker.base, 'sms', '+31612345678', t1);
    await page.getByLabel('Code').fill(signInCode);
    await page.getByRole('button', { name: 'Verifiëren' }).click();
    await page.getByRole('heading', { name: 'Beveiligingsgegevens', level: 1 }).waitFor();
    // "Change" on the phone row switches it from texts to calls.
    await page.getByRole('button', { name: /Wijzigen Telefoon/ }).click();
    await dialog.getByLabel('Telefoonnummer').fill('06 1234 5678');
    const t4 = Date.now();
    await dialog.getByRole('button', { name: 'Bel mij' }).click();
    assert.equal((await answer(page, worker.base, '+31612345678', t4)).status, 200);
    await dialog.waitFor({ state: 'detached' });
    await page.locator('li.method[data-kind=phone]').getByText('+31 6 •••• 5678 · bellen').waitFor();

    await page.getByRole('button', { name: /Verwijderen Alternatieve telefoon/ }).click();
    await dialog.getByRole('button', { name: 'Ja', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Telefoon - bellen (+31 6 •••• 5678)').waitFor();

    await page.getByRole('button', { name: /Verwijderen Telefoon/ }).click();
    await dialog.getByRole('button', { name: 'Ja', exact: true }).click();
    await page.getByText('U hebt nog geen methoden toegevoegd').waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});
