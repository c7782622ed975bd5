// The first view before the wasm (issue 25 #5): the worker serves the page with the
// tenant's config and a translated static copy of the sign-in form (or Security
// info with the user's methods) in it, which paints while the wasm is still on its
// way; the app takes it over without moving anything, keeps what was typed and
// sends a form submitted before it was there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, openBrowser, Client, DEMO, localeStrings as strings, fillIn, totp } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

/** Holds every request for the app's wasm until `release()`. */
async function holdWasm(page) {
  const held = [];
  let released = false;
  await page.route('**/*_bg.wasm', (route) => (released ? route.continue() : held.push(route)));
  return async () => { released = true; for (const r of held.splice(0)) await r.continue(); };
}

/** Where each of `selectors` is on the page (its box), `null` when absent. */
const boxes = (page, selectors) => page.evaluate((sels) => Object.fromEntries(sels.map((s) => {
  const el = [...document.querySelectorAll(s)].find((e) => e.getClientRects().length > 0);
  const r = el?.getBoundingClientRect();
  return [s, r ? [r.x, r.y, r.width, r.height].map(Math.round) : null];
})), selectors);

/** Sum of the page's layout shifts so far (the CLS the browser measures). */
const shifts = (page) => page.evaluate(() => new Promise((resolve) => {
  new PerformanceObserver((list) => resolve(list.getEntries().reduce((s, e) => s + e.value, 0)))
    .observe({ type: 'layout-shift', buffered: true });
  setTimeout(() => resolve(0), 300);
}));

test('the sign-in form paints in Dutch before the wasm; the app takes it over in place and keeps the typing', async () => {
  const NL = strings('nl-NL');
  const b = await openBrowser('nl-NL', { width: 390, height: 844 });
  try {
    const { page } = b;
    const release = await holdWasm(page);
    // The address people type: `/`, which the app moves to /signin (signed out).
    await page.goto(`${worker.base}/`, { waitUntil: 'domcontentloaded' });
    // No wasm yet: the worker's copy is what shows, translated, with the tenant's name.
    const heading = page.getByRole('heading', { name: NL['sign-in-title'], level: 1 });
    await heading.waitFor();
    assert.equal(await page.locator('#boot.shell').count(), 1);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'nl-NL');
    await page.getByText(fillIn(NL['sign-in-intro'], { tenant: 'Contoso' })).waitFor();
    assert.equal(await page.getByLabel(NL['password-label']).count(), 1);
    // Controls that need the app wait for it.
    assert.ok(await page.getByRole('button', { name: NL['signin-passkey'] }).isDisabled());
    const where = ['h1', '#username', '#password', 'button.primary', '.forgot a', '.topbar'];
    const before = await boxes(page, where);
    await page.locator('#username').fill(DEMO.adele.username);
    await page.locator('#username').focus();

    await release();
    await page.locator('#boot').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: NL['signin-passkey'] }).and(page.locator(':enabled')).waitFor();
    assert.equal(new URL(page.url()).pathname, '/signin');
    // The app's form, where the copy was: nothing moved, the typing and focus stayed.
    assert.deepEqual(await boxes(page, where), before);
    assert.equal(await page.locator('#username').inputValue(), DEMO.adele.username);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'username');
    assert.equal(await page.locator('[id=username]').count(), 1, 'one field per id');
    assert.equal(await shifts(page), 0);
    // The typing reached the app: signing in with it works.
    await page.locator('#password').fill(DEMO.adele.password);
    await page.getByRole('button', { name: NL['sign-in-button'], exact: true }).click();
    await page.getByRole('heading', { name: NL['app-title'], level: 1 }).waitFor();
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('a sign-in sent before the app is there goes through once it is; Security info has its own first view', async () => {
  const EN = strings('en-US');
  const b = await openBrowser('en-US');
  try {
    const { page } = b;
    let release = await holdWasm(page);
    await page.goto(`${worker.base}/signin`, { waitUntil: 'domcontentloaded' });
    await page.locator('#boot.shell form').waitFor();
    await page.locator('#username').fill(DEMO.adele.username);
    await page.locator('#password').fill(DEMO.adele.password);
    await page.locator('#password').press('Enter');
    // Held, not sent to the page's address: the password is in no URL.
    await page.locator('#boot.shell form[data-submitted]').waitFor();
    assert.equal(new URL(page.url()).search, '');
    await release();
    await page.getByRole('heading', { name: EN['app-title'], level: 1 }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/');

    // Signed in: Security info whole (the user's name, the default, the empty
    // state), from the worker, on a wide screen; the app takes it over in place
    // once it has the list.
    await page.unrouteAll();
    release = await holdWasm(page);
    await page.goto(`${worker.base}/`, { waitUntil: 'domcontentloaded' });
    const shell = page.locator('#boot.shell');
    await shell.getByRole('heading', { name: EN['app-title'], level: 1 }).waitFor();
    await shell.getByText(EN['methods-empty']).waitFor();
    await shell.getByText(fillIn(EN['signed-in-as'], { name: DEMO.adele.name })).waitFor();
    assert.ok(await shell.getByRole('button', { name: EN['add-method'] }).isDisabled());
    const where = ['h1', 'p.intro', '.topbar', '.site-nav a', '.site-nav .user', '.default-method', 'button.add', 'p.empty', '.devices h2', 'p.help-link a'];
    const before = await boxes(page, where);
    assert.ok(Object.values(before).every(Boolean), JSON.stringify(before));
    await release();
    await page.getByRole('button', { name: EN['add-method'] }).and(page.locator(':enabled')).waitFor();
    assert.equal(await page.locator('#boot').count(), 0);
    assert.deepEqual(await boxes(page, where), before);
    assert.equal(await shifts(page), 0);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('Security info paints the user\'s methods before the wasm, in Dutch on a phone, and the app takes the rows over in place', async () => {
  const NL = strings('nl-NL');
  // Alex registers an authenticator app (over the API); the browser has his session.
  const c = new Client(worker.base);
  assert.equal((await c.signIn(DEMO.alex)).status, 200);
  const setup = await c.req('POST', '/api/v1/methods/authenticator', { body: {} });
  const added = await c.req('POST', '/api/v1/methods/authenticator/verify',
    { body: { challenge_id: setup.json.challenge_id, code: totp(setup.json.secret), name: 'Werk <telefoon>' } });
  assert.equal(added.status, 201, JSON.stringify(added.json));
  const b = await openBrowser('nl-NL', { width: 390, height: 844 });
  try {
    const { page } = b;
    await page.context().addCookies(['sid', 'si-on'].map((name) => ({ name, value: name === 'sid' ? c.cookies.get('sid') : '1', url: worker.base })));
    const asked = [];
    page.on('request', (r) => { if (new URL(r.url()).pathname === '/api/v1/methods') asked.push(r.url()); });
    const release = await holdWasm(page);
    await page.goto(`${worker.base}/`, { waitUntil: 'domcontentloaded' });
    const row = page.locator('#boot.shell li.method[data-kind="authenticator-app"]');
    await row.waitFor();
    assert.equal(await row.locator('.name').textContent(), NL['method-authenticator-app']);
    assert.equal(await row.locator('.detail').textContent(), 'Werk <telefoon>');
    const meta = await row.locator('.meta').textContent();
    // Registering it proved the app's code: it was used too.
    assert.match(meta, /^Toegevoegd op \d{1,2}-\d{1,2}-\d{4} · Laatst gebruikt op \d{1,2}-\d{1,2}-\d{4}$/);
    assert.equal(await page.locator('#boot.shell .default-method .value').textContent(),
      fillIn(NL['default-method-app'], { name: 'Werk <telefoon>' }));
    assert.ok(await row.getByRole('button', { name: NL['method-rename'] }).isDisabled());
    const where = ['h1', '.topbar', '.default-method', 'button.add', 'li.method', 'li.method .name', 'li.method .meta', 'li.method .row-actions', 'p.help-link a'];
    const before = await boxes(page, where);
    assert.ok(Object.values(before).every(Boolean), JSON.stringify(before));
    // At every change of the page (each before a paint) a row is on screen: the copy
    // stays while the app shows "Loading…", so the list never blinks out.
    await page.evaluate(() => {
      window.blinks = 0;
      new MutationObserver(() => {
        if (![...document.querySelectorAll('li.method')].some((e) => e.getClientRects().length)) window.blinks++;
      }).observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    });

    await release();
    const appRow = page.locator('li.method[data-kind="authenticator-app"]');
    await appRow.getByRole('button', { name: NL['method-rename'] }).and(page.locator(':enabled')).waitFor();
    assert.equal(await page.locator('#boot').count(), 0);
    assert.equal(await appRow.count(), 1, 'one row: the copy is gone');
    assert.equal(await appRow.locator('.meta').textContent(), meta, 'the app writes the date the same way');
    assert.deepEqual(await boxes(page, where), before);
    assert.equal(await shifts(page), 0);
    assert.equal(await page.evaluate(() => window.blinks), 0, 'the list never left the screen');
    // The list came with the page: the app did not ask for it again.
    assert.deepEqual(asked, []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('pages over HTTP: config and language put in, no shell for other pages or unknown tenants, a post goes back to the page', async () => {
  const c = new Client(worker.base);
  const page = async (path, headers = {}) => {
    const r = await fetch(`${worker.base}${path}`, { headers, redirect: 'manual' });
    return { status: r.status, headers: r.headers, text: await r.text() };
  };
  const config = (html) => JSON.parse(html.match(/<script type="application\/json" id="si-config">(.*?)<\/script>/)[1]);

  const nl = await page('/signin', { 'accept-language': 'nl-NL,nl;q=0.9' });
  assert.equal(nl.status, 200);
  assert.match(nl.text, /<html lang="nl-NL">/);
  assert.match(nl.text, /<h1 id="signin-title">Aanmelden<\/h1>/);
  assert.equal(config(nl.text).language, 'nl-NL');
  assert.equal(config(nl.text).tenant_name, 'Contoso');
  assert.match(nl.headers.get('content-security-policy'), /script-src 'self'/);
  assert.match(nl.headers.get('cache-control'), /no-cache/);
  // The switcher's cookie wins over the browser's languages.
  const en = await page('/signin', { 'accept-language': 'nl-NL', cookie: 'lang=en-US' });
  assert.match(en.text, /<h1 id="signin-title">Sign in<\/h1>/);
  // The config inlined is the one the API answers.
  assert.deepEqual(config(en.text), (await c.req('GET', '/api/v1/config', { headers: { cookie: 'lang=en-US' } })).json);

  // The first view paints before the wasm loads: no preload of it then.
  assert.doesNotMatch(nl.text, /rel="preload" href="\/app_bg\.wasm"/);
  assert.match(nl.text, /<script type="module" src="\/boot\.js">/);
  // Security info for a live session: the list in the page, as the API answers it,
  // and no preload (the page paints whole first).
  assert.equal((await c.signIn(DEMO.adele)).status, 200);
  const session = { cookie: `sid=${c.cookies.get('sid')}; si-on=1` };
  const info = await page('/', session);
  assert.match(info.text, /<h1 id="page-title">Security info<\/h1>/);
  assert.match(info.text, /<div id="boot" class="shell" aria-busy="true" data-hold>/);
  const listed = JSON.parse(info.text.match(/<script type="application\/json" id="si-methods">(.*?)<\/script>/)[1]);
  assert.deepEqual(listed, (await c.req('GET', '/api/v1/methods')).json);
  assert.doesNotMatch(info.text, /rel="preload" href="\/app_bg\.wasm"/);
  assert.doesNotMatch(info.text, /<form/);
  // The hint without a live session: the sign-in form (the app goes there).
  const stale = await page('/', { cookie: 'sid=nobody.secret; si-on=1' });
  assert.match(stale.text, /id="signin-title"/);
  assert.doesNotMatch(stale.text, /si-methods/);
  // A session that still owes its second step (Alex has the app the test before
  // registered): the heading only, and the preload.
  const alex = new Client(worker.base);
  const pending = await alex.signIn(DEMO.alex);
  assert.equal(pending.json.second_step.state, 'required', JSON.stringify(pending.json));
  const owed = await page('/', { cookie: `sid=${alex.cookies.get('sid')}; si-on=1` });
  assert.match(owed.text, /<h1 id="page-title">/);
  assert.doesNotMatch(owed.text, /si-methods|data-hold|class="methods"/);
  assert.match(owed.text, /rel="preload" href="\/app_bg\.wasm"/);
  const signedOut = await page('/');
  assert.match(signedOut.text, /id="signin-title"/);
  // Other pages: the spinner and the config.
  const profile = await page('/profile', { cookie: 'si-on=1' });
  assert.match(profile.text, /<div id="boot" class="boot"/);
  assert.match(profile.text, /rel="preload" href="\/app_bg\.wasm"/);
  assert.equal(config(profile.text).tenant_name, 'Contoso');
  // A tenant by its path prefix (development): its name and links below the prefix.
  const prefixed = await page('/t/fabrikam/signin');
  assert.equal(config(prefixed.text).tenant_name, (await c.req('GET', '/t/fabrikam/api/v1/config')).json.tenant_name);
  assert.match(prefixed.text, /href="\/t\/fabrikam\/reset"/);
  // No such organization: the plain page (boot.js asks for the config and says so).
  const unknown = await page('/t/no-such-org/signin');
  assert.equal(unknown.status, 200);
  assert.doesNotMatch(unknown.text, /si-config|class="shell"/);
  // The bundles' own pages keep their own scripts.
  assert.match((await page('/admin')).text, /admin\.js/);
  // The app's files are the static files, untouched.
  const js = await fetch(`${worker.base}/boot.js`);
  assert.match(js.headers.get('content-type'), /javascript/);
  // A form sent to a page before the app held it: back to the page as a GET.
  const posted = await fetch(`${worker.base}/signin`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=a&password=secret' });
  assert.equal(posted.status, 303);
  assert.equal(new URL(posted.headers.get('location')).pathname, '/signin');
  assert.doesNotMatch(posted.headers.get('location'), /secret/);
});
