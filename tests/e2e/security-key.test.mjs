// End to end in Chromium with the DevTools WebAuthn virtual authenticator (CTAP2,
// USB, resident keys, user verification): register a security key, sign out, sign
// in with it, rename, delete. A key that cannot verify its user is refused.
// WebAuthn refuses IP addresses as relying-party ids, so the page runs on localhost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startWorker, artifactsDir, openBrowser, Client, DEMO, signInPage } from '../harness.mjs';
import { SoftKey } from '../softkey.mjs';

let worker;
let base;
before(async () => {
  worker = await startWorker();
  base = worker.base.replace('127.0.0.1', 'localhost');
});
after(async () => { await worker?.stop(); });

async function virtualKey(page, options = {}) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', { options: {
    protocol: 'ctap2', transport: 'usb', hasResidentKey: true, hasUserVerification: true, isUserVerified: true,
    automaticPresenceSimulation: true, ...options,
  } });
  return {
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
    remove: () => cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId }),
  };
}

/** Rewrites the registration options the worker sends, as a tampered client would. */
async function rewriteOptions(page, change) {
  await page.route('**/api/v1/methods/security-key', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    change(body.public_key);
    await route.fulfill({ response, json: body });
  });
}

const signIn = (page, user, button) => signInPage(page, base, user, button);

async function openKeyFlow(page) {
  await page.getByRole('button', { name: 'Add method' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Which method would you like to add?').selectOption('security-key');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await dialog.getByRole('heading', { name: 'Security key' }).waitFor();
  return dialog;
}

test('security key: register, sign in with it, rename, delete', async () => {
  const shots = artifactsDir('screenshots', 'security-key');
  const b = await openBrowser('en-US');
  const { page, errors } = b;
  try {
    const key = await virtualKey(page);
    await signIn(page, DEMO.adele);
    await page.getByRole('heading', { name: 'Security info', level: 1 }).waitFor();

    let dialog = await openKeyFlow(page);
    // USB is the default; NFC changes the instructions.
    assert.equal(await dialog.getByLabel('USB device').isChecked(), true);
    await dialog.getByText(/insert the key into a USB port/).waitFor();
    await dialog.getByLabel('NFC device').check();
    await dialog.getByText(/NFC reader/).waitFor();
    await dialog.getByLabel('USB device').check();
    await page.screenshot({ path: join(shots, '1-choose.png') });
    // A name is required.
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Enter a name of 1 to 64 characters' }).waitFor();
    assert.equal((await key.credentials()).length, 0, 'no prompt without a name');
    await dialog.getByLabel('Name this security key').fill('Blue key');
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'Security key Blue key was added' }).waitFor();
    await page.locator('li.method[data-kind=security-key]').getByText('Blue key').waitFor();
    await page.getByText('Security key (Blue key)').waitFor();
    await page.screenshot({ path: join(shots, '2-added.png'), fullPage: true });
    const [credential] = await key.credentials();
    assert.equal(credential.rpId, 'localhost');
    assert.equal(credential.isResidentCredential, true, 'residentKey "preferred" made a discoverable credential');
    const handle = Buffer.from(credential.userHandle, 'base64');
    assert.equal(handle.length, 32, 'a random 32-byte user handle');
    assert.ok(!handle.toString('latin1').includes('adele'), 'the handle is not the username');

    // The same key again: the browser sees it in excludeCredentials.
    dialog = await openKeyFlow(page);
    await dialog.getByLabel('Name this security key').fill('Blue key again');
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'This security key is already registered' }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await page.locator('li.method[data-kind=security-key]').count(), 1);

    // Sign out and in again: the key is the second step.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/signin');
    await signIn(page, DEMO.adele);
    await page.waitForURL('**/verify');
    await page.getByText('Use your security key (Blue key)').waitFor();
    await page.screenshot({ path: join(shots, '3-second-step.png'), fullPage: true });
    const before = (await key.credentials())[0].signCount;
    await page.getByRole('button', { name: 'Use my security key' }).click();
    await page.getByRole('heading', { name: 'Security info', level: 1 }).waitFor();
    assert.ok((await key.credentials())[0].signCount > before, 'the key signed');
    await page.locator('li.method[data-kind=security-key]').getByText(/Last used/).waitFor();

    // Rename, then delete.
    await page.getByRole('button', { name: /Rename Security key/ }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Green key');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Security key (Green key)').waitFor();
    await page.getByRole('button', { name: /Delete Security key/ }).click();
    await dialog.getByText('Are you sure you want to delete Security key (Green key)?').waitFor();
    await dialog.getByRole('button', { name: 'Yes', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText("You haven't added any methods yet").waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});

test('a passkey signs in without a username, both steps at once', async () => {
  const shots = artifactsDir('screenshots', 'passkey');
  const b = await openBrowser('en-US');
  const { page, errors } = b;
  try {
    const key = await virtualKey(page);
    await signIn(page, DEMO.alex);
    await page.getByRole('heading', { name: 'Security info', level: 1 }).waitFor();
    const dialog = await openKeyFlow(page);
    await dialog.getByLabel('Name this security key').fill('Laptop passkey');
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await key.credentials())[0].isResidentCredential, true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/signin');

    // The username field offers passkeys in its autofill; the button asks directly.
    assert.equal(await page.locator('#username').getAttribute('autocomplete'), 'username webauthn');
    await page.screenshot({ path: join(shots, '1-sign-in.png') });
    const before = (await key.credentials())[0].signCount;
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.getByRole('heading', { name: 'Security info', level: 1 }).waitFor();
    await page.getByText('Signed in as Alex Wilber').waitFor();
    assert.ok((await key.credentials())[0].signCount > before, 'the passkey signed');
    assert.equal(new URL(page.url()).pathname, '/', 'no second step asked');
    // The passkey sign-in counts as a fresh second step: deleting needs no other.
    await page.getByRole('button', { name: /Delete Security key/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes', exact: true }).click();
    await page.getByText("You haven't added any methods yet").waitFor();

    // Without a passkey the button reports a clear problem.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/signin');
    await key.remove();
    await virtualKey(page);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.getByRole('alert').filter({ hasText: /.+/ }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/signin');
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});

test('a key without user verification (no PIN) is refused', async () => {
  const b = await openBrowser('nl-NL');
  const { page, errors } = b;
  try {
    await virtualKey(page, { hasUserVerification: false, isUserVerified: false });
    await signIn(page, DEMO.alex, 'Aanmelden');
    await page.getByRole('heading', { name: 'Beveiligingsgegevens', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Methode toevoegen' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Welke methode wilt u toevoegen?').selectOption('security-key');
    await dialog.getByRole('button', { name: 'Toevoegen', exact: true }).click();
    await dialog.getByLabel('Geef deze beveiligingssleutel een naam').fill('Oude sleutel');
    await dialog.getByRole('button', { name: 'Volgende' }).click();
    // Chromium itself refuses: the options require user verification.
    await dialog.getByRole('alert').filter({ hasText: 'Het verzoek voor de beveiligingssleutel is geannuleerd' }).waitFor();
    // A client that drops the requirement gets a credential without UV: the worker refuses it.
    // (Chromium also wants no resident key from an authenticator without UV.)
    await rewriteOptions(page, (o) => Object.assign(o.authenticatorSelection, { userVerification: 'discouraged', residentKey: 'discouraged' }));
    await dialog.getByRole('button', { name: 'Volgende' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Uw sleutel heeft uw pincode of vingerafdruk niet gecontroleerd' }).waitFor();
    await page.screenshot({ path: join(artifactsDir('screenshots', 'security-key'), '4-no-pin-refused.png') });
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    await page.getByText('U hebt nog geen methoden toegevoegd', { exact: false }).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});

test('browser problems get clear messages: no WebAuthn, insecure context, timeout', async () => {
  const b = await openBrowser('en-US');
  const { page, errors } = b;
  try {
    // A browser without WebAuthn: the flow says so and offers no Next.
    await page.addInitScript(() => {
      if (sessionStorage.getItem('no-webauthn')) delete window.PublicKeyCredential;
      if (sessionStorage.getItem('insecure')) Object.defineProperty(window, 'isSecureContext', { value: false });
    });
    await signIn(page, DEMO.adele);
    await page.getByRole('heading', { name: 'Security info', level: 1 }).waitFor();
    await page.evaluate(() => sessionStorage.setItem('no-webauthn', '1'));
    await page.reload();
    let dialog = await openKeyFlow(page);
    await dialog.getByRole('alert').filter({ hasText: "This browser can't use security keys" }).waitFor();
    assert.equal(await dialog.getByRole('button', { name: 'Next' }).isDisabled(), true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.evaluate(() => { sessionStorage.removeItem('no-webauthn'); sessionStorage.setItem('insecure', '1'); });
    await page.reload();
    dialog = await openKeyFlow(page);
    await dialog.getByRole('alert').filter({ hasText: 'Security keys only work on a secure (https) connection' }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Nobody touches the key: the prompt runs out (the options' timeout, shortened here).
    await page.evaluate(() => sessionStorage.removeItem('insecure'));
    await page.reload();
    await virtualKey(page, { automaticPresenceSimulation: false });
    await rewriteOptions(page, (o) => { o.timeout = 1500; });
    dialog = await openKeyFlow(page);
    await dialog.getByLabel('Name this security key').fill('Slow key');
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Waiting for your security key' }).waitFor();
    await dialog.getByRole('alert').filter({ hasText: 'The security key request timed out' }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText("You haven't added any methods yet").waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});

test('the key list shows the model of a known authenticator', async () => {
  const b = await openBrowser('en-US');
  const { page, errors } = b;
  try {
    await signIn(page, DEMO.adele);
    await page.getByText("You haven't added any methods yet").waitFor();
    // Registered from another device: a key that reports the YubiKey 5 AAGUID.
    const api = new Client(base);
    await api.signIn(DEMO.adele);
    const options = await api.req('POST', '/api/v1/methods/security-key', { body: { name: 'Desk key' } });
    const key = new SoftKey(-7, { aaguid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8' });
    const done = await api.req('POST', '/api/v1/methods/security-key/verify',
      { body: { challenge_id: options.json.challenge_id, credential: key.create(options.json.public_key, base) } });
    assert.equal(done.status, 201, done.text);
    await page.reload();
    await page.locator('li.method[data-kind=security-key]').getByText('Desk key · YubiKey 5 Series').waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});

test('a turned-off user gets in by no way: passkey, password, access pass, app password', async () => {
  const T = (await import('../harness.mjs')).localeStrings('en-US');
  const admin = new Client(base);
  assert.equal((await admin.signIn({ username: 'admin@contoso.com', password: 'Admin-demo-2026' })).status, 200);
  const b = await openBrowser('en-US');
  const { page } = b;
  try {
    // Alex's app password and passkey, made while she may.
    const api = new Client(base);
    await api.signIn(DEMO.alex);
    const made = await api.req('POST', '/api/v1/methods/app-password', { body: { name: 'Mail' } });
    assert.equal(made.status, 201, made.text);
    const appPassword = made.json.password;
    await virtualKey(page);
    await signIn(page, DEMO.alex);
    await page.getByRole('heading', { name: 'Security info', level: 1 }).waitFor();
    const dialog = await openKeyFlow(page);
    await dialog.getByLabel('Name this security key').fill('Phone passkey');
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/signin');
    const pass = (await admin.req('POST', '/api/v1/admin/access-passes', { body: { username: DEMO.alex.username, minutes: 60, one_time: false } })).json.pass;

    const id = (await admin.req('GET', `/api/v1/admin/users?q=${encodeURIComponent(DEMO.alex.username)}`)).json.users[0].id;
    assert.equal((await admin.req('PUT', `/api/v1/admin/users/${id}/state`, { body: { disabled: true } })).status, 200);
    const refused = page.getByRole('alert').filter({ hasText: T['error-account-disabled'] });
    await page.getByRole('button', { name: T['signin-passkey'] }).click();
    await refused.waitFor();
    assert.equal(new URL(page.url()).pathname, '/signin');
    await page.reload();
    await signIn(page, DEMO.alex);
    await refused.waitFor();
    await page.reload();
    await page.getByRole('button', { name: T['signin-with-pass'] }).click();
    await page.locator('#username').fill(DEMO.alex.username);
    await page.getByLabel(T['pass-label']).fill(pass);
    await page.getByRole('button', { name: T['sign-in-button'], exact: true }).click();
    await page.getByRole('alert').filter({ hasText: /.+/ }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/signin', 'the pass ended with the account');
    const legacy = await fetch(`${base}/api/v1/legacy/whoami`, { headers: { authorization: `Basic ${Buffer.from(`${DEMO.alex.username}:${appPassword}`).toString('base64')}` } });
    assert.equal(legacy.status, 403);
    assert.equal((await legacy.json()).code, 'account-disabled');
  } finally {
    const id = (await admin.req('GET', `/api/v1/admin/users?q=${encodeURIComponent(DEMO.alex.username)}`)).json.users[0]?.id;
    if (id) await admin.req('PUT', `/api/v1/admin/users/${id}/state`, { body: { disabled: false } });
    await b.close();
  }
});
