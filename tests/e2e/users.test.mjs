// End to end in Chromium, the help desk story: the admin opens Users (a bundle of
// its own), finds Adele, sees her two authenticator apps, deletes one and requires
// re-registration; Adele signs in and the wizard walks her through a new app, with
// no "Skip for now". Then the admin turns Alex off on the same page and Alex's
// password is refused with the translated message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startWorker, artifactsDir, openBrowser, Client, DEMO, totp, localeStrings, fillIn, signInPage } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

const ADMIN = { username: 'admin@contoso.com', password: 'Admin-demo-2026' };
const T = localeStrings('en-US');

async function addApp(api, name) {
  const setup = await api.req('POST', '/api/v1/methods/authenticator');
  const added = await api.req('POST', '/api/v1/methods/authenticator/verify', { body: { challenge_id: setup.json.challenge_id, code: totp(setup.json.secret), name } });
  assert.equal(added.status, 201, added.text);
}

test('an admin deletes a method and requires registration; the user meets the wizard', async () => {
  const shots = artifactsDir('screenshots', 'users');
  const api = new Client(worker.base);
  assert.equal((await api.signIn(DEMO.adele)).status, 200);
  await addApp(api, 'Work phone');
  await addApp(api, 'Old phone');

  const admin = await openBrowser('en-US');
  const user = await openBrowser('en-US');
  try {
    const a = admin.page;
    await signInPage(a, worker.base, ADMIN, T['sign-in-button']);
    await a.getByRole('heading', { name: T['app-title'], level: 1 }).waitFor();
    await a.getByRole('link', { name: T['admin-link'] }).click();
    await a.getByRole('heading', { name: T['admin-title'], level: 1 }).waitFor();
    await a.getByRole('link', { name: T['admin-users-link'] }).click();
    await a.getByRole('heading', { name: T['users-title'], level: 1 }).waitFor();
    assert.ok(await a.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/users_bg.wasm'))), 'the users bundle was loaded');

    // Find her: the search narrows the list to Adele.
    await a.getByLabel(T['users-search']).fill('vance');
    await a.getByRole('button', { name: T['users-find'] }).click();
    const results = a.getByRole('list', { name: T['users-results'] });
    // The first list shows everyone; the search's answer replaces it.
    await results.getByRole('listitem').filter({ hasText: DEMO.alex.username }).waitFor({ state: 'detached' });
    await results.getByRole('listitem').filter({ hasText: DEMO.adele.username }).waitFor();
    assert.equal(await results.getByRole('listitem').count(), 1);
    await results.getByRole('button', { name: DEMO.adele.name }).click();
    await a.getByRole('heading', { name: DEMO.adele.name, level: 2 }).waitFor();
    const rows = a.locator('table.methods tbody tr');
    await rows.nth(1).waitFor();
    assert.deepEqual((await rows.locator('td:first-of-type').allInnerTexts()).sort(), ['Old phone', 'Work phone']);
    await a.screenshot({ path: join(shots, '1-user.png'), fullPage: true });

    // Delete the old phone's app: asked first, then gone; the notice reaches Adele's activity.
    await rows.filter({ hasText: 'Old phone' }).getByRole('button', { name: `${T['users-delete-method']} ${T['method-authenticator-app']}` }).click();
    const confirm = a.getByRole('dialog');
    await confirm.getByRole('heading', { name: T['users-confirm-title'] }).waitFor();
    await confirm.getByRole('button', { name: T['users-delete-method'] }).click();
    await a.getByRole('status').filter({ hasText: fillIn(T['users-method-deleted'], { method: T['method-authenticator-app'] }) }).waitFor();
    await rows.filter({ hasText: 'Old phone' }).waitFor({ state: 'detached' });
    assert.deepEqual(await rows.locator('td:first-of-type').allInnerTexts(), ['Work phone']);
    const activity = (await api.req('GET', '/api/v1/activity')).json;
    assert.equal(activity.entries[0].activity.kind, 'method-deleted');

    // Require re-registration: her remaining app goes, she is marked and signed out.
    await a.getByRole('button', { name: T['users-reregister'] }).click();
    await confirm.getByRole('button', { name: T['users-reregister'] }).click();
    await a.getByRole('status').filter({ hasText: T['users-reregistered'] }).waitFor();
    await a.getByText(T['users-no-methods']).waitFor();
    await a.locator('dl.facts').getByText(T['users-state-must-register']).waitFor();
    assert.equal((await api.req('GET', '/api/v1/methods')).status, 401, 'her sessions ended');
    await a.screenshot({ path: join(shots, '2-reregister.png'), fullPage: true });

    // Adele signs in with her password: the wizard, without "Skip for now".
    const p = user.page;
    await signInPage(p, worker.base, DEMO.adele, T['sign-in-button']);
    await p.getByRole('heading', { name: T['setup-required-title'], level: 1 }).waitFor();
    assert.equal(await p.getByRole('button', { name: T['setup-skip'] }).count(), 0, 'no skipping a required registration');
    await p.getByRole('button', { name: T['totp-next'] }).click();
    await p.getByRole('heading', { name: T['totp-get-title'] }).waitFor();
    await p.getByRole('button', { name: T['totp-next'] }).click();
    await p.getByRole('button', { name: T['totp-next'] }).click();
    await p.getByRole('button', { name: T['totp-cant-scan'] }).click();
    const secret = (await p.locator('code.secret').innerText()).replace(/\s/g, '');
    await p.getByRole('button', { name: T['totp-next'] }).click();
    await p.getByLabel(T['totp-code-label'], { exact: true }).fill(totp(secret));
    await p.getByRole('button', { name: T['totp-done'] }).click();
    // The step's own success screen, then the wizard's.
    await p.getByRole('heading', { name: T['setup-step-success[authenticator-app]'], level: 2 }).waitFor();
    await p.getByRole('button', { name: T['totp-done'] }).click();
    await p.getByRole('heading', { name: T['setup-success-title'], level: 1 }).waitFor();
    await p.getByRole('button', { name: T['totp-done'] }).click();
    await p.getByRole('heading', { name: T['app-title'], level: 1 }).waitFor();
    await p.locator('li.method[data-kind=authenticator-app]').waitFor();

    // The admin sees her registered again, and the mark gone.
    await a.getByRole('button', { name: T['users-find'] }).click();
    await results.getByRole('button', { name: DEMO.adele.name }).click();
    await rows.first().waitFor();
    await a.locator('dl.facts').getByText(T['users-state-active']).waitFor();

    // Turn Alex off: his password no longer gets him in, and he is told why.
    await a.getByLabel(T['users-search']).fill('alex@');
    await a.getByRole('button', { name: T['users-find'] }).click();
    await results.getByRole('button', { name: DEMO.alex.name }).click();
    await a.getByRole('heading', { name: DEMO.alex.name, level: 2 }).waitFor();
    await a.getByRole('button', { name: T['users-disable'] }).click();
    await a.getByRole('status').filter({ hasText: T['users-disabled'] }).waitFor();
    await a.locator('dl.facts').getByText(T['users-state-disabled']).waitFor();
    await a.getByRole('button', { name: T['users-enable'] }).waitFor();
    await p.getByRole('button', { name: T['sign-out'] }).click();
    await p.waitForURL('**/signin');
    await signInPage(p, worker.base, DEMO.alex, T['sign-in-button']);
    await p.getByRole('alert').filter({ hasText: T['error-account-disabled'] }).waitFor();
    await p.screenshot({ path: join(shots, '3-disabled.png') });
    await a.getByRole('button', { name: T['users-enable'] }).click();
    await a.getByRole('button', { name: T['users-disable'] }).waitFor();

    assert.deepEqual([...admin.errors, ...user.errors], []);
  } finally {
    await admin.close();
    await user.close();
  }
});

test('the admin creates a user and a SCIM token on the Users page; both are shown once', async () => {
  const b = await openBrowser('en-US');
  try {
    const { page: a, errors } = b;
    await signInPage(a, worker.base, ADMIN, T['sign-in-button']);
    await a.getByRole('heading', { name: T['app-title'], level: 1 }).waitFor();
    await a.goto(`${worker.base}/admin/users`);
    await a.getByRole('heading', { name: T['users-title'], level: 1 }).waitFor();

    await a.getByLabel(T['users-username'], { exact: true }).fill('nina@contoso.com');
    await a.getByLabel(T['users-display-name']).fill('Nina Patel');
    await a.getByLabel(T['users-email']).fill('nina.patel@contoso.com');
    await a.getByRole('button', { name: T['users-create'] }).click();
    const pass = await a.locator('.create-user code.secret').innerText();
    assert.match(pass, /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await a.getByRole('heading', { name: 'Nina Patel', level: 2 }).waitFor();
    // A taken name: a translated error, nothing created.
    await a.getByLabel(T['users-username'], { exact: true }).fill('nina@contoso.com');
    await a.getByLabel(T['users-display-name']).fill('Someone Else');
    await a.getByRole('button', { name: T['users-create'] }).click();
    await a.locator('#create-error').filter({ hasText: T['error-username-taken'] }).waitFor();

    // The pass signs Nina in (the API, as her browser would).
    const nina = new Client(worker.base);
    const signedIn = await nina.req('POST', '/api/v1/session/access-pass', { body: { username: 'nina@contoso.com', pass } });
    assert.equal(signedIn.status, 200, signedIn.text);

    // The methods activity report, on request; its CSV link carries the session.
    await a.getByRole('button', { name: T['methods-report-load'] }).click();
    await a.getByRole('table', { name: T['methods-report-by-strength'] }).waitFor();
    const summary = await a.locator('.methods-report [role=status]').innerText();
    assert.match(summary, /^\d+ users: \d+ registered for the second step/);
    const none = a.getByRole('table', { name: T['methods-report-by-strength'] }).getByRole('row', { name: new RegExp(T['methods-report-strength-none']) });
    assert.ok(Number(await none.locator('td').innerText()) >= 1, 'Nina has no second step yet');
    const [download] = await Promise.all([a.waitForEvent('download'), a.getByRole('link', { name: T['methods-report-csv'] }).click()]);
    assert.equal(download.suggestedFilename(), 'authentication-methods.csv');

    await a.getByLabel(T['scim-name']).fill('Entra ID provisioning');
    await a.getByRole('button', { name: T['scim-create'] }).click();
    const token = await a.locator('.scim code.secret').innerText();
    const endpoint = await a.locator('.scim .issued code').first().innerText();
    assert.match(endpoint, /\/scim\/v2$/);
    const scim = await fetch(`${endpoint}/Users?filter=${encodeURIComponent('userName eq "nina@contoso.com"')}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(scim.status, 200);
    assert.equal((await scim.json()).totalResults, 1);
    await a.locator('.scim li').filter({ hasText: 'Entra ID provisioning' }).waitFor();
    await a.getByRole('button', { name: `${T['scim-revoke']} Entra ID provisioning` }).click();
    await a.getByText(T['scim-none']).waitFor();
    const after = await fetch(`${endpoint}/Users`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(after.status, 401);
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});

test('the help desk verifies a caller with their authenticator app before acting', async () => {
  const admin = new Client(worker.base);
  assert.equal((await admin.signIn(ADMIN)).status, 200);
  const find = async (q) => (await admin.req('GET', `/api/v1/admin/users?q=${encodeURIComponent(q)}`)).json.users[0];
  // Alex joins the help desk.
  assert.equal((await admin.req('PUT', `/api/v1/admin/users/${(await find(DEMO.alex.username)).id}/role`, { body: { role: 'help-desk' } })).status, 200);
  // The caller: Lee, new, with an authenticator app whose secret the test holds.
  const made = await admin.req('POST', '/api/v1/admin/users', { body: { username: 'lee.caller@contoso.com', display_name: 'Lee Caller' } });
  assert.equal(made.status, 201, made.text);
  const lee = new Client(worker.base);
  const byPass = await lee.req('POST', '/api/v1/session/access-pass', { body: { username: 'lee.caller@contoso.com', pass: made.json.pass } });
  assert.equal(byPass.status, 200, byPass.text);
  lee.csrf = byPass.json.csrf_token;
  const setup = await lee.req('POST', '/api/v1/methods/authenticator');
  const added = await lee.req('POST', '/api/v1/methods/authenticator/verify', { body: { challenge_id: setup.json.challenge_id, code: totp(setup.json.secret), name: 'Lee phone' } });
  assert.equal(added.status, 201, added.text);

  const b = await openBrowser('en-US');
  try {
    const { page: p, errors } = b;
    await signInPage(p, worker.base, DEMO.alex, T['sign-in-button']);
    await p.getByRole('heading', { name: T['app-title'], level: 1 }).waitFor();
    await p.getByRole('link', { name: T['admin-link'] }).click();
    await p.getByRole('heading', { name: T['users-title'], level: 1 }).waitFor();
    assert.equal(await p.getByRole('link', { name: T['admin-settings-link'] }).count(), 0, 'no settings for the help desk');
    assert.equal(await p.getByRole('heading', { name: T['users-create-title'] }).count(), 0);
    await p.getByLabel(T['users-search']).fill('lee.caller');
    await p.getByRole('button', { name: T['users-find'] }).click();
    await p.getByRole('list', { name: T['users-results'] }).getByRole('button', { name: 'Lee Caller' }).click();
    const signOut = p.getByRole('button', { name: T['users-sign-out'] });
    await signOut.waitFor();
    assert.equal(await signOut.isDisabled(), true, 'closed until the caller is verified');
    assert.equal(await p.getByRole('button', { name: T['users-delete'] }).count(), 0, 'no deleting for the help desk');

    await p.getByLabel(T['users-verify-method']).selectOption({ label: `${T['method-authenticator-app']} · Lee phone` });
    await p.getByRole('button', { name: T['users-verify-send'] }).click();
    await p.getByText(T['users-verify-app']).waitFor();
    await p.getByLabel(T['users-verify-code']).fill(totp(setup.json.secret) === '000000' ? '111111' : '000000');
    await p.getByRole('button', { name: T['users-verify-check'] }).click();
    await p.locator('#verify-error').filter({ hasText: T['error-invalid-code'].split('.')[0] }).waitFor();
    assert.equal(await signOut.isDisabled(), true);
    await p.getByLabel(T['users-verify-code']).fill(totp(setup.json.secret, Date.now() + 30_000));
    await p.getByRole('button', { name: T['users-verify-check'] }).click();
    await p.locator('.caller-check .notice').waitFor();
    assert.equal(await signOut.isDisabled(), false);
    await signOut.click();
    await p.getByRole('status').filter({ hasText: T['users-signed-out'] }).waitFor();
    assert.equal((await lee.req('GET', '/api/v1/methods')).status, 401, 'Lee was signed out');
    const trail = (await admin.req('GET', '/api/v1/admin/audit')).json.map((e) => [e.actor, e.action.kind, e.action.passed]);
    const desk = DEMO.alex.username;
    assert.deepEqual(trail.slice(0, 3), [[desk, 'user-signed-out', undefined], [desk, 'caller-checked', true], [desk, 'caller-checked', false]]);
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});
