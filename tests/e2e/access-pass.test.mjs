// End to end in Chromium, the lost-phone story: the admin issues a Temporary Access
// Pass on the admin page, the user signs in with it, registers a new authenticator
// app, then signs in with password and the new app and deletes the old one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startWorker, artifactsDir, openBrowser, Client, DEMO, totp, localeStrings, fillIn, signInPage } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

const ADMIN = { username: 'admin@contoso.com', password: 'Admin-demo-2026' };
const T = localeStrings('en-US');

const signIn = (page, user) => signInPage(page, worker.base, user, T['sign-in-button']);

test('lost phone: pass from the admin, a new app, the old one deleted', async () => {
  const shots = artifactsDir('screenshots', 'access-pass');
  // Alex's authenticator app, on the phone that is then lost.
  const api = new Client(worker.base);
  assert.equal((await api.signIn(DEMO.alex)).status, 200);
  const setup = await api.req('POST', '/api/v1/methods/authenticator');
  const old = await api.req('POST', '/api/v1/methods/authenticator/verify', { body: { challenge_id: setup.json.challenge_id, code: totp(setup.json.secret), name: 'Old phone' } });
  assert.equal(old.status, 201, old.text);

  const admin = await openBrowser('en-US');
  const user = await openBrowser('en-US');
  try {
    // The admin page is its own bundle: following the header link loads it.
    const a = admin.page;
    await signIn(a, ADMIN);
    await a.getByRole('heading', { name: T['app-title'], level: 1 }).waitFor();
    await a.getByRole('link', { name: T['admin-link'] }).click();
    await a.getByRole('heading', { name: T['admin-tap-title'] }).waitFor();
    assert.ok(await a.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/admin_bg.wasm'))), 'the admin bundle was loaded');
    assert.ok(!await a.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/app_bg.wasm'))), 'the portal bundle was not fetched too');
    await a.getByLabel(T['admin-tap-user']).fill(DEMO.alex.username);
    await a.getByLabel(T['admin-tap-lifetime']).selectOption('60');
    assert.equal(await a.getByLabel(T['admin-tap-one-time']).isChecked(), true);
    await a.getByRole('button', { name: T['admin-tap-issue'] }).click();
    const pass = await a.locator('code.access-pass').innerText();
    assert.match(pass, /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await a.locator('ul.passes li').filter({ hasText: DEMO.alex.username }).waitFor();
    await a.locator('ul.audit li').filter({ hasText: `issued a Temporary Access Pass for ${DEMO.alex.username}` }).waitFor();
    await a.screenshot({ path: join(shots, '1-issued.png'), fullPage: true });

    // Alex signs in with the pass: no password, no second step; registration only.
    const p = user.page;
    await p.goto(worker.base + '/signin');
    await p.getByRole('button', { name: T['signin-with-pass'] }).click();
    await p.locator('#username').fill(DEMO.alex.username);
    await p.getByLabel(T['pass-label']).fill(pass);
    await p.getByRole('button', { name: T['sign-in-button'], exact: true }).click();
    await p.getByRole('heading', { name: T['app-title'], level: 1 }).waitFor();
    await p.locator('p.notice.pass').waitFor();
    assert.equal(await p.getByRole('link', { name: T['activity-title'] }).count(), 0, 'no Recent activity in a pass session');
    await p.screenshot({ path: join(shots, '2-pass-session.png') });

    await p.getByRole('button', { name: T['add-method'] }).click();
    const dialog = p.getByRole('dialog');
    await dialog.getByLabel(T['add-method-question']).selectOption('authenticator-app');
    await dialog.getByRole('button', { name: T['add-method-next'], exact: true }).click();
    await dialog.getByRole('button', { name: T['totp-next'] }).click();
    await dialog.getByRole('button', { name: T['totp-next'] }).click();
    await dialog.getByRole('button', { name: T['totp-cant-scan'] }).click();
    const secret = (await dialog.locator('code.secret').innerText()).replace(/\s/g, '');
    await dialog.getByRole('button', { name: T['totp-next'] }).click();
    await dialog.getByLabel(T['totp-name-label']).fill('New phone');
    await dialog.getByLabel(T['totp-code-label']).fill(totp(secret));
    await dialog.getByRole('button', { name: T['totp-done'] }).click();
    await dialog.waitFor({ state: 'detached' });
    await p.locator('li.method[data-kind=authenticator-app]').getByText('New phone').waitFor();

    // Deleting is not for a pass session: a clear message, nothing deleted.
    await p.getByRole('button', { name: new RegExp(`${T['method-delete']} `) }).first().click();
    await dialog.getByRole('button', { name: T['delete-confirm'], exact: true }).click();
    await dialog.getByRole('alert').filter({ hasText: T['error-access-pass-limited'] }).waitFor();
    await p.keyboard.press('Escape');

    // Later: password and the new app; the old app goes.
    await p.getByRole('button', { name: T['sign-out'] }).click();
    await p.waitForURL('**/signin');
    await signIn(p, DEMO.alex);
    await p.getByRole('heading', { name: T['verify-title'] }).waitFor();
    const other = p.getByRole('button', { name: T['verify-other'] });
    await other.click();
    await p.getByRole('button', { name: fillIn(T['default-method-app'], { name: 'New phone' }) }).click();
    await p.getByLabel(T['verify-code-label']).fill(totp(secret, Date.now() + 30_000));
    await p.getByRole('button', { name: T['verify-button'] }).click();
    await p.getByRole('heading', { name: T['app-title'], level: 1 }).waitFor();
    await p.getByRole('button', { name: `${T['method-delete']} ${T['method-authenticator-app']}` }).first().click();
    await dialog.getByRole('button', { name: T['delete-confirm'], exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await p.locator('li.method[data-kind=authenticator-app]').nth(1).waitFor({ state: 'detached' });
    const left = await p.locator('li.method[data-kind=authenticator-app] .detail').allInnerTexts();
    assert.deepEqual(left, ['New phone']);
    assert.deepEqual([...admin.errors, ...user.errors], []);
  } finally {
    await admin.close();
    await user.close();
  }
});
