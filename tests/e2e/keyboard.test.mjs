// Keyboard only: sign in, register an authenticator app and delete it using Tab,
// Shift+Tab, Enter, Space, Escape and typing. Focus moves into each dialog and back
// to the control that opened it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startWorker, openBrowser, DEMO } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

const oathtool = (secret) => execFileSync('oathtool', ['--totp', '-b', secret]).toString().trim();

/** What has focus: its accessible-ish name, tag and whether it is inside a dialog. */
const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return {
    tag: el?.tagName.toLowerCase(),
    id: el?.id ?? '',
    name: (el?.getAttribute('aria-label') || el?.labels?.[0]?.innerText || el?.innerText || '').replace(/\s+/g, ' ').trim(),
    inDialog: !!el?.closest('dialog[open], [role=dialog]'),
  };
});

/** Presses Tab (or Shift+Tab) until `want(focus)` holds; fails after 40 presses. */
async function tabTo(page, want, { back = false } = {}) {
  const seen = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (want(f)) return f;
    seen.push(`${f.tag}#${f.id}:${f.name.slice(0, 30)}`);
  }
  throw new Error(`focus never reached the target; went through: ${seen.join(' | ')}`);
}

// Icons before a label ("+ Add method") are decoration, not part of the name.
const named = (text) => (f) => f.name.replace(/^[^\p{L}]+/u, '').startsWith(text);

test('register an authenticator app and delete it with the keyboard alone', async () => {
  const b = await openBrowser('en-US');
  const { page, errors } = b;
  try {
    await page.goto(worker.base + '/signin');
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    await tabTo(page, (f) => f.id === 'username');
    await page.keyboard.type(DEMO.adele.username);
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, 'password');
    await page.keyboard.type(DEMO.adele.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Security info', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add method' }).waitFor();

    // Open "Add method": focus goes into the dialog; Escape closes it and focus
    // returns to the button.
    await tabTo(page, named('Add method'));
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    assert.equal((await focused(page)).inDialog, true, 'focus moved into the dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    assert.ok(named('Add method')(await focused(page)), 'focus is back on the trigger');

    await page.keyboard.press('Space');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const select = await tabTo(page, (f) => f.tag === 'select');
    assert.equal(select.inDialog, true);
    await page.keyboard.type('Authenticator');
    assert.equal(await dialog.locator('select').inputValue(), 'authenticator-app');
    // The modal keeps the page behind it inert: Tab never reaches the page's controls.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      assert.ok(f.inDialog || f.tag === 'body', `focus left the dialog: ${f.tag} ${f.name}`);
    }
    await tabTo(page, (f) => f.inDialog && named('Add')(f));
    await page.keyboard.press('Enter');
    await dialog.getByRole('heading', { name: 'Start by getting the app' }).waitFor();
    for (const heading of ['Set up your account', 'Scan the QR code']) {
      await tabTo(page, named('Next'));
      await page.keyboard.press('Enter');
      await dialog.getByRole('heading', { name: heading }).waitFor();
    }
    await tabTo(page, named("Can't scan image?"));
    await page.keyboard.press('Space');
    const secret = (await dialog.locator('code.secret').innerText()).replace(/\s/g, '');
    await tabTo(page, named('Next'));
    await page.keyboard.press('Enter');
    await tabTo(page, (f) => f.name.startsWith('Name for this app'));
    await page.keyboard.type('Keyboard phone');
    await tabTo(page, (f) => f.name === 'Code');
    await page.keyboard.type(oathtool(secret));
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'Authenticator app Keyboard phone was added' }).waitFor();
    assert.equal((await focused(page)).inDialog, false);

    // Delete: Escape first (nothing changes), then confirm with Enter.
    await tabTo(page, named('Delete Authenticator app'), { back: true });
    await page.keyboard.press('Space');
    await dialog.waitFor();
    assert.equal((await focused(page)).inDialog, true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.match((await focused(page)).name, /^Delete Authenticator app/, 'focus is back on the delete button');
    await page.locator('li.method[data-kind=authenticator-app]').waitFor();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await tabTo(page, (f) => f.inDialog && f.name === 'Yes');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByText("You haven't added any methods yet").waitFor();
    assert.equal((await focused(page)).inDialog, false);
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});
