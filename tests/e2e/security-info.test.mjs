// Security info in use: focus lands on something sensible after Rename and Delete
// (keyboard), the email row's Change (code to the new address, the row replaced,
// both addresses told), the recovery-code file names the account and organization,
// and Recent activity describes the device in Dutch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startWorker, openBrowser, DEMO, localeStrings as strings, outboxCode } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

/** The id of the element that has focus, with its row's method id if it is in one. */
const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return { tag: el?.tagName, row: el?.closest('li.method')?.dataset.id ?? null, add: el?.classList.contains('add') ?? false };
});

test('en-US: focus after Rename and Delete; Change on the email row; the recovery-code file', async () => {
  const L = strings('en-US');
  const b = await openBrowser('en-US');
  const { page, errors } = b;
  try {
    await page.goto(worker.base + '/signin');
    await page.locator('#username').fill(DEMO.adele.username);
    await page.locator('#password').fill(DEMO.adele.password);
    await page.getByRole('button', { name: L['sign-in-button'], exact: true }).click();
    await page.getByRole('heading', { name: L['app-title'], level: 1 }).waitFor();
    const dialog = page.getByRole('dialog');

    // An app password to rename and delete, by keyboard.
    await page.getByRole('button', { name: L['add-method'] }).click();
    await dialog.getByLabel(L['add-method-question']).selectOption('app-password');
    await dialog.getByRole('button', { name: L['add-method-next'], exact: true }).click();
    await dialog.getByLabel(L['app-password-name']).fill('Old mail');
    await dialog.getByRole('button', { name: L['totp-next'] }).click();
    await dialog.locator('code.app-password').waitFor();
    await dialog.getByRole('button', { name: L['totp-done'] }).click();
    const row = page.locator('li.method[data-kind=app-password]');
    await row.waitFor();
    const id = await row.getAttribute('data-id');

    await row.getByRole('button', { name: new RegExp(`^${L['method-rename']}`) }).focus();
    await page.keyboard.press('Enter');
    await dialog.getByLabel(L['rename-label']).fill('Printer mail');
    await page.keyboard.press('Enter');
    await row.getByText('Printer mail').waitFor();
    await page.waitForTimeout(200);
    assert.deepEqual(await focused(page), { tag: 'BUTTON', row: id, add: false }, 'back on the renamed row');

    await row.getByRole('button', { name: new RegExp(`^${L['method-delete']}`) }).focus();
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: L['delete-confirm'], exact: true }).press('Enter');
    await row.waitFor({ state: 'detached' });
    await page.waitForTimeout(200);
    assert.deepEqual(await focused(page), { tag: 'BUTTON', row: null, add: true }, 'on Add method once the row is gone');

    // Email, then Change to another address.
    const addEmail = async (address, open) => {
      await open();
      const t0 = Date.now();
      await dialog.getByLabel(L['email-question']).fill(address);
      await dialog.getByRole('button', { name: L['email-send'] }).click();
      await dialog.getByLabel(L['code-label']).fill(await outboxCode(worker.base, 'email', address, t0));
      await dialog.getByRole('button', { name: L['code-verify'] }).click();
      await dialog.waitFor({ state: 'detached' });
      return t0;
    };
    await addEmail('adele.home@example.org', async () => {
      await page.getByRole('button', { name: L['add-method'] }).click();
      await dialog.getByLabel(L['add-method-question']).selectOption('email');
      await dialog.getByRole('button', { name: L['add-method-next'], exact: true }).click();
    });
    const email = page.locator('li.method[data-kind=email]');
    await email.waitFor();
    const t0 = await addEmail('adele.new@example.org', async () => {
      await email.getByRole('button', { name: new RegExp(`^${L['default-method-change']}`) }).click();
    });
    await page.waitForTimeout(300);
    assert.equal(await page.locator('li.method[data-kind=email]').count(), 1, 'replaced, not added');
    const outbox = await (await page.request.get(`${worker.base}/dev/outbox.json`)).json();
    const told = outbox.filter((m) => m.channel === 'email' && m.sent_at >= t0 && !/\d{6}/.test(m.subject)).map((m) => m.to);
    for (const address of ['adele.home@example.org', 'adele.new@example.org']) assert.ok(told.includes(address), `${address}: ${told}`);

    // Recovery codes: the file says whose they are.
    await page.getByRole('button', { name: L['add-method'] }).click();
    await dialog.getByLabel(L['add-method-question']).selectOption('recovery-codes');
    await dialog.getByRole('button', { name: L['add-method-next'], exact: true }).click();
    await dialog.getByRole('button', { name: L['recovery-create'] }).click();
    await dialog.locator('ol.recovery-codes').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('link', { name: L['recovery-download'] }).click()]);
    assert.equal(download.suggestedFilename(), 'recovery-codes-contoso.txt');
    const file = readFileSync(await download.path(), 'utf8');
    assert.match(file, /adele@contoso\.com/);
    assert.match(file, /Contoso/);
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});

test('nl-NL: Recent activity describes the browser and system in Dutch', async () => {
  const L = strings('nl-NL');
  const b = await openBrowser('nl-NL');
  const { page, errors } = b;
  try {
    await page.goto(worker.base + '/signin');
    await page.locator('#username').fill(DEMO.alex.username);
    await page.locator('#password').fill(DEMO.alex.password);
    await page.getByRole('button', { name: L['sign-in-button'], exact: true }).click();
    await page.getByRole('heading', { name: L['app-title'], level: 1 }).waitFor();
    await page.getByRole('link', { name: L['activity-title'] }).click();
    const meta = page.locator('ul.activity li .meta').first();
    await meta.waitFor();
    const text = await meta.innerText();
    assert.match(text, /Chrome op Linux/, text);
    assert.doesNotMatch(text, / on /, text);
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});
