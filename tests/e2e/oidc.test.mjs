// End to end in Chromium: the demo app (/dev/rp, a browser-only OpenID Connect
// client that checks the ID token's signature with WebCrypto) signs Adele in
// through the product's own pages: password, then an authenticator code from
// Debian's `oathtool`, then back at the app with the verified claims. And the
// admin page registers an app, shows its secret once, lists and removes it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startWorker, artifactsDir, openBrowser, Client, DEMO, totp } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

const oathtool = (secret, offset = 0) =>
  execFileSync('oathtool', ['--totp', '-b', secret, '-N', `now + ${offset} seconds`]).toString().trim();

/** Registers an authenticator app for `user` over the API; its secret (base32). */
async function withApp(user) {
  const api = new Client(worker.base);
  await api.signIn(user);
  const setup = await api.req('POST', '/api/v1/methods/authenticator');
  const done = await api.req('POST', '/api/v1/methods/authenticator/verify',
    { body: { challenge_id: setup.json.challenge_id, code: totp(setup.json.secret), name: 'Phone' } });
  assert.equal(done.status, 201, done.text);
  return { api, secret: setup.json.secret.replace(/\s/g, '') };
}

test('"Sign in with Contoso": password, authenticator code, back at the app with verified claims', async () => {
  // Adele already has an authenticator app.
  const { secret } = await withApp(DEMO.adele);

  const shots = artifactsDir('screenshots', 'oidc');
  const b = await openBrowser('en-US');
  const { page, errors } = b;
  try {
    await page.goto(`${worker.base}/dev/rp`);
    await page.getByRole('button', { name: 'Sign in with Contoso' }).click();
    await page.waitForURL('**/signin?continue=*');
    await page.screenshot({ path: join(shots, '1-sign-in.png') });
    await page.locator('#username').fill(DEMO.adele.username);
    await page.locator('#password').fill(DEMO.adele.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL('**/verify');
    await page.getByLabel('Code').fill(oathtool(secret, 30));
    await page.getByRole('button', { name: 'Verify' }).click();
    // Back at the app, which checked the ID token itself.
    await page.getByRole('heading', { name: 'Signed in as Adele Vance' }).waitFor();
    assert.ok(page.url().startsWith(`${worker.base}/dev/rp`));
    assert.equal(await page.locator('dd[data-claim=amr]').innerText(), 'pwd otp mfa');
    assert.equal(await page.locator('dd[data-claim=acr]').innerText(), 'mfa');
    assert.equal(await page.locator('dd[data-claim=email]').innerText(), DEMO.adele.username);
    assert.equal(await page.locator('#error').innerText(), '');
    await page.screenshot({ path: join(shots, '2-back-at-the-app.png'), fullPage: true });

    // Signed in already: the next sign-in to the app needs no page of ours (single sign-on).
    await page.goto(`${worker.base}/dev/rp`);
    await page.getByRole('button', { name: 'Sign in with Contoso' }).click();
    await page.getByRole('heading', { name: 'Signed in as Adele Vance' }).waitFor();

    // The app signs her out: back at the app, and signed out here too.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${worker.base}/dev/rp`);
    await page.goto(`${worker.base}/`);
    await page.waitForURL('**/signin');
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});

test('the admin page registers an app: client id and secret shown once, listed, removed', async () => {
  const b = await openBrowser('en-US');
  const { page, errors } = b;
  try {
    await page.goto(`${worker.base}/signin`);
    await page.locator('#username').fill('admin@contoso.com');
    await page.locator('#password').fill('Admin-demo-2026');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Security info', level: 1 }).waitFor();
    await page.goto(`${worker.base}/admin`);
    const apps = page.getByRole('region', { name: 'Apps' });
    await apps.getByText(worker.base, { exact: true }).waitFor();
    await apps.getByLabel('App name').fill('Payroll');
    await apps.getByLabel('Redirect addresses (one per line)').fill('http://payroll.example/cb');
    await apps.getByRole('button', { name: 'Register app' }).click();
    await apps.getByRole('alert').filter({ hasText: 'Redirect addresses must be complete https addresses' }).waitFor();
    await apps.getByLabel('Redirect addresses (one per line)').fill('https://payroll.example/cb');
    await apps.getByRole('button', { name: 'Register app' }).click();
    await apps.getByText('Payroll is registered.').waitFor();
    const secret = await apps.locator('code.secret').innerText();
    assert.match(secret, /^[0-9a-f]{64}$/);
    await apps.getByRole('listitem').filter({ hasText: 'Payroll (with secret)' }).waitFor();
    await page.screenshot({ path: join(artifactsDir('screenshots', 'oidc'), '3-admin-apps.png'), fullPage: true });
    await page.reload();
    await apps.getByRole('listitem').filter({ hasText: 'Payroll (with secret)' }).waitFor();
    assert.equal(await apps.locator('code.secret').count(), 0, 'the secret is shown once');
    await apps.getByRole('button', { name: 'Remove Payroll' }).click();
    await page.getByRole('status').filter({ hasText: 'Payroll was removed' }).waitFor();
    await apps.getByRole('listitem').filter({ hasText: 'Payroll' }).waitFor({ state: 'detached' });
    await apps.getByRole('listitem').filter({ hasText: 'Demo app (PKCE only)' }).waitFor();

    // Microsoft Entra ID's external method: its tenant id is all it takes.
    await apps.getByLabel('App name').fill('Entra MFA');
    await apps.getByLabel('Microsoft Entra ID uses this app as an external authentication method').check();
    await apps.getByLabel('Entra tenant ID').fill('00000000-1111-2222-3333-444444444444');
    await apps.getByRole('button', { name: 'Register app' }).click();
    await apps.getByText('Entra MFA is registered.').waitFor();
    assert.equal(await apps.locator('code.secret').count(), 0, 'no secret for an external method');
    await apps.getByRole('listitem').filter({ hasText: 'Entra MFA (Entra external method)' })
      .filter({ hasText: 'https://login.microsoftonline.com/common/federation/externalauthprovider' }).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});

test('Security info lists the apps Alex signed in to, in Dutch, and signs him out of one', async () => {
  const { api, secret } = await withApp(DEMO.alex);
  const b = await openBrowser('nl-NL');
  const { page, errors } = b;
  try {
    await page.goto(`${worker.base}/dev/rp`);
    await page.getByRole('button', { name: 'Sign in with Contoso' }).click();
    await page.waitForURL('**/signin?continue=*');
    await page.locator('#username').fill(DEMO.alex.username);
    await page.locator('#password').fill(DEMO.alex.password);
    await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    await page.waitForURL('**/verify');
    await page.getByLabel('Code').fill(oathtool(secret, 30));
    await page.getByRole('button', { name: 'Verifiëren' }).click();
    await page.getByRole('heading', { name: 'Signed in as Alex Wilber' }).waitFor();
    await page.goto(`${worker.base}/`);
    const section = page.getByRole('region', { name: 'Verbonden apps' });
    await section.getByText('Demo app').waitFor();
    await page.screenshot({ path: join(artifactsDir('screenshots', 'oidc'), '4-connected-apps-nl.png'), fullPage: true });
    await section.getByRole('button', { name: 'Afmelden bij Demo app' }).click();
    await section.getByRole('status').filter({ hasText: 'U bent afgemeld bij Demo app.' }).waitFor();
    assert.deepEqual((await api.req('GET', '/api/v1/apps')).json, []);
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});
