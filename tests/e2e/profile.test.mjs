// My Profile from a compact phone-sized header; Change password (wrong current
// password, mismatch, a common one, then done: other sessions end, this one goes
// on); Sign out everywhere; a session ended elsewhere says why on sign-in, keeps
// the name and returns to the page; a signed-out load logs no failed request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startWorker, artifactsDir, openBrowser, Client, DEMO, localeStrings as strings } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

const NEW_PASSWORD = 'lanterns over the harbour';

test('en-US at 390 px: the header is one bar with a menu; My Profile; Change password; Sign out everywhere', async () => {
  const L = strings('en-US');
  const shots = artifactsDir('screenshots', 'profile-en-US');
  const other = new Client(worker.base);
  assert.equal((await other.signIn(DEMO.adele)).status, 200);
  const b = await openBrowser('en-US', { width: 390, height: 844 });
  const { page, errors } = b;
  try {
    await page.goto(worker.base + '/signin');
    await page.locator('#username').fill(DEMO.adele.username);
    await page.locator('#password').fill(DEMO.adele.password);
    await page.getByRole('button', { name: L['sign-in-button'], exact: true }).click();
    await page.getByRole('heading', { name: L['app-title'], level: 1 }).waitFor();

    const header = await page.locator('header.topbar').boundingBox();
    assert.ok(header.height <= 64, `one bar: ${header.height} px`);
    const menu = page.getByRole('button', { name: L['menu'] });
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.getByRole('link', { name: L['profile-title'] }).isVisible(), false, 'folded away');
    await page.screenshot({ path: join(shots, '1-header.png') });
    await menu.click();
    assert.equal(await menu.getAttribute('aria-expanded'), 'true');
    await page.getByRole('navigation', { name: L['menu'] }).getByText(L['signed-in-as'].replace('{ $name }', DEMO.adele.name)).waitFor();
    await page.screenshot({ path: join(shots, '2-menu-open.png') });
    await page.keyboard.press('Escape');
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    await menu.click();
    await page.getByRole('link', { name: L['profile-title'] }).click();

    await page.getByRole('heading', { name: L['profile-title'], level: 1 }).waitFor();
    assert.equal(await menu.getAttribute('aria-expanded'), 'false', 'following a link closes the menu');
    const facts = await page.locator('dl.profile-facts').innerText();
    for (const fact of [DEMO.adele.name, DEMO.adele.username, 'Contoso']) assert.ok(facts.includes(fact), facts);
    await page.screenshot({ path: join(shots, '3-profile.png'), fullPage: true });

    await page.getByRole('link', { name: L['password-title'] }).click();
    await page.getByRole('heading', { name: L['password-title'], level: 1 }).waitFor();
    const fill = async (current, next, confirm = next) => {
      await page.getByLabel(L['password-current']).fill(current);
      await page.getByLabel(L['reset-new-password'], { exact: true }).fill(next);
      await page.getByLabel(L['reset-confirm-password']).fill(confirm);
      await page.getByRole('button', { name: L['password-button'] }).click();
    };
    await fill('not my password', NEW_PASSWORD);
    await page.getByRole('alert').filter({ hasText: L['error-current-password-wrong'] }).waitFor();
    await fill(DEMO.adele.password, NEW_PASSWORD, 'something else entirely');
    await page.getByRole('alert').filter({ hasText: L['reset-mismatch'] }).waitFor();
    await fill(DEMO.adele.password, 'password123');
    await page.getByRole('alert').filter({ hasText: L['error-password-common'] }).waitFor();
    assert.equal((await other.req('GET', '/api/v1/methods')).status, 200, 'refusals change nothing');
    await fill(DEMO.adele.password, NEW_PASSWORD);
    await page.getByRole('status').filter({ hasText: L['password-changed'] }).waitFor();
    await page.screenshot({ path: join(shots, '4-changed.png') });

    // The other session ended; this one goes on; only the new password signs in.
    assert.equal((await other.req('GET', '/api/v1/methods')).status, 401);
    assert.equal((await new Client(worker.base).signIn(DEMO.adele)).status, 401);
    const again = new Client(worker.base);
    assert.equal((await again.signIn({ ...DEMO.adele, password: NEW_PASSWORD })).status, 200);
    await page.getByRole('link', { name: L['profile-title'] }).last().click();
    await page.getByRole('heading', { name: L['profile-title'], level: 1 }).waitFor();
    const activity = await (await page.request.get(`${worker.base}/api/v1/activity`)).json();
    assert.ok(JSON.stringify(activity).includes('password-changed'), 'in Recent activity');

    // Sign out everywhere: this browser and the API client both.
    await page.getByRole('button', { name: L['everywhere-button'] }).click();
    await page.getByRole('dialog').getByRole('button', { name: L['delete-confirm'], exact: true }).click();
    await page.getByRole('heading', { name: L['sign-in-title'] }).waitFor();
    await page.getByRole('status').filter({ hasText: L['everywhere-done'] }).waitFor();
    assert.equal((await again.req('GET', '/api/v1/methods')).status, 401);
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});

test('nl-NL: a session ended elsewhere says why, keeps the name and returns to the page; no failed request signed out', async () => {
  const L = strings('nl-NL');
  const b = await openBrowser('nl-NL');
  const { page, errors } = b;
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  try {
    await page.goto(worker.base + '/');
    await page.getByRole('heading', { name: L['sign-in-title'] }).waitFor();
    await page.waitForTimeout(300);
    assert.deepEqual(consoleErrors, [], 'a signed-out visit asks nothing that fails');

    await page.locator('#username').fill(DEMO.alex.username);
    await page.locator('#password').fill(DEMO.alex.password);
    await page.getByRole('button', { name: L['sign-in-button'], exact: true }).click();
    await page.getByRole('heading', { name: L['app-title'], level: 1 }).waitFor();
    // Alex signs out everywhere from another device.
    const elsewhere = new Client(worker.base);
    assert.equal((await elsewhere.signIn(DEMO.alex)).status, 200);
    assert.equal((await elsewhere.req('POST', '/api/v1/session/everywhere')).status, 204);

    await page.getByRole('link', { name: L['activity-title'] }).click();
    await page.getByRole('status').filter({ hasText: L['session-ended'] }).waitFor();
    assert.equal(await page.locator('#username').inputValue(), DEMO.alex.username, 'the name is filled in');
    await page.locator('#password').fill(DEMO.alex.password);
    await page.getByRole('button', { name: L['sign-in-button'], exact: true }).click();
    await page.getByRole('heading', { name: L['activity-title'], level: 1 }).waitFor();
    assert.match(new URL(page.url()).pathname, /\/activity$/);
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});
