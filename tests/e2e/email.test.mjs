// End to end in headless Debian Chromium: sign in, add an email method with the
// code read from the dev outbox, see it listed, delete it; in English and Dutch.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startWorker, artifactsDir, openBrowser, DEMO } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

async function codeFor(page, address) {
  for (let i = 0; i < 50; i++) {
    const messages = await (await page.request.get(`${worker.base}/dev/outbox.json`)).json();
    const mail = messages.find((m) => m.to === address);
    if (mail) return mail.subject.match(/(\d{6})$/)[1];
    await page.waitForTimeout(100);
  }
  throw new Error(`no mail for ${address}`);
}

const TEXT = {
  'en-US': { which: 'Which method would you like to add?', signIn: 'Sign in', title: 'Security info', add: 'Add method', next: 'Add', send: 'Next', done: 'Done',
    workError: "can't be your work or school email", wrongCode: "That code isn't right", added: 'was added',
    del: 'Delete', yes: 'Yes', verifyTitle: 'Verify your email', undone: 'cannot be undone', empty: "You haven't added any methods yet" },
  'nl-NL': { which: 'Welke methode wilt u toevoegen?', signIn: 'Aanmelden', title: 'Beveiligingsgegevens', add: 'Methode toevoegen', next: 'Toevoegen', send: 'Volgende', done: 'Gereed',
    workError: 'werk- of schoolaccount', wrongCode: 'Die code klopt niet', added: 'is toegevoegd',
    del: 'Verwijderen', yes: 'Ja', verifyTitle: 'Bevestig uw e-mailadres', undone: 'niet ongedaan', empty: 'U hebt nog geen methoden toegevoegd' },
};

for (const [lang, user, address] of [['en-US', DEMO.adele, 'adele.vance@example.org'], ['nl-NL', DEMO.alex, 'alex.wilber@example.org']]) {
  describe(`email method in ${lang}`, () => {
    test('sign in, add email with the emailed code, list it masked, delete it', async () => {
      const T = TEXT[lang];
      const shots = artifactsDir('screenshots', lang);
      const b = await openBrowser(lang);
      const { page } = b;
      try {
        await page.goto(worker.base + '/');
        await page.waitForURL('**/signin');
        await page.getByRole('heading', { name: T.signIn }).waitFor();
        await page.screenshot({ path: join(shots, '1-sign-in.png'), fullPage: true });

        await page.locator('#username').fill(user.username);
        await page.locator('#password').fill(user.password);
        await page.getByRole('button', { name: T.signIn, exact: true }).click();
        await page.getByRole('heading', { name: T.title, level: 1 }).waitFor();
        assert.equal(new URL(page.url()).pathname, '/');
        await page.getByText(T.empty).waitFor();
        await page.screenshot({ path: join(shots, '2-security-info-empty.png'), fullPage: true });

        const addButton = page.getByRole('button', { name: T.add });
        await addButton.click();
        const dialog = page.getByRole('dialog');
        await dialog.waitFor();
        // Escape closes the dialog and focus returns to the button that opened it.
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
        assert.equal(await addButton.evaluate((el) => el === document.activeElement), true);

        await addButton.click();
        await page.screenshot({ path: join(shots, '3-add-method.png'), fullPage: true });
        await dialog.getByLabel(T.which).selectOption('email');
        await dialog.getByRole('button', { name: T.next, exact: true }).click();

        const input = dialog.locator('#email-address');
        await input.fill(`${user.username}`);
        await dialog.getByRole('button', { name: T.send }).click();
        await dialog.getByRole('alert').filter({ hasText: T.workError }).waitFor();
        assert.equal(await input.getAttribute('aria-invalid'), 'true');

        await input.fill(address);
        await dialog.getByRole('button', { name: T.send }).click();
        const codeInput = dialog.locator('#sent-code');
        await codeInput.waitFor();
        // The step is named as the help pages name it.
        await dialog.getByRole('heading', { name: T.verifyTitle }).waitFor();
        assert.equal(await codeInput.getAttribute('autocomplete'), 'one-time-code');
        assert.equal(await codeInput.getAttribute('inputmode'), 'numeric');
        await page.screenshot({ path: join(shots, '4-email-code.png'), fullPage: true });

        const code = await codeFor(page, address);
        await codeInput.fill(code === '000000' ? '000001' : '000000');
        await dialog.getByRole('button', { name: T.done }).click();
        await dialog.getByRole('alert').filter({ hasText: T.wrongCode }).waitFor();

        await codeInput.fill(code);
        await dialog.getByRole('button', { name: T.done }).click();
        await dialog.waitFor({ state: 'detached' });
        await page.getByRole('status').filter({ hasText: T.added }).waitFor();
        const row = page.locator('li.method[data-kind=email]');
        await row.waitFor();
        const masked = address.slice(0, 2) + '•••@example.org';
        assert.match(await row.innerText(), new RegExp(masked.replace(/[.]/g, '\\.')));
        assert.doesNotMatch(await page.content(), new RegExp(address.split('@')[0].replace('.', '\\.')));
        await page.screenshot({ path: join(shots, '5-email-added.png'), fullPage: true });

        await row.getByRole('button', { name: new RegExp(T.del) }).click();
        await dialog.getByText(T.undone).waitFor();
        await page.screenshot({ path: join(shots, '6-delete-confirm.png'), fullPage: true });
        await dialog.getByRole('button', { name: T.yes, exact: true }).click();
        await dialog.waitFor({ state: 'detached' });
        await row.waitFor({ state: 'detached' });
        await page.getByText(T.empty).waitFor();

        // Survives a reload: the list comes from the server.
        await page.reload();
        await page.getByText(T.empty).waitFor();
        assert.deepEqual(b.errors, []);
      } finally {
        await b.close();
      }
    });
  });
}

test('the language switcher translates the page and is remembered', async () => {
  const b = await openBrowser('en-US', { width: 360, height: 740 });
  const { page } = b;
  try {
    await page.goto(worker.base + '/signin');
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('nl-NL');
    await page.getByRole('heading', { name: 'Aanmelden' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'nl-NL');
    assert.equal(await page.title(), 'Beveiligingsgegevens');
    await page.screenshot({ path: join(artifactsDir('screenshots', 'mobile'), 'sign-in-nl-360.png'), fullPage: true });
    await page.reload();
    await page.getByRole('heading', { name: 'Aanmelden' }).waitFor();
    // A wrong password gets the one generic, translated error.
    await page.locator('#username').fill(DEMO.adele.username);
    await page.locator('#password').fill('wrong password');
    await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Uw account of wachtwoord is onjuist' }).waitFor();
    // No horizontal scrolling on a 360 px phone.
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= 360), true);
  } finally {
    await b.close();
  }
});

test('the dev outbox page lists sent mail', async () => {
  const b = await openBrowser('en-US');
  try {
    await b.page.goto(worker.base + '/dev/outbox');
    await b.page.getByRole('heading', { name: 'Dev outbox' }).waitFor();
    await b.page.screenshot({ path: join(artifactsDir('screenshots'), 'dev-outbox.png'), fullPage: true });
    assert.match(await b.page.content(), /verification code|Verificatiecode/);
  } finally {
    await b.close();
  }
});
