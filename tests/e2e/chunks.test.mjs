// The portal bundle's on-demand chunks in Chromium: a first view of sign-in or
// Security info fetches none of them (and transfers at most the SPA budget), a
// flow fetches its chunk when it opens, and a chunk that cannot load leaves a
// clear error and a way out instead of a dead page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, openBrowser, DEMO, signInPage } from '../harness.mjs';
import { sizes, BUDGETS } from '../sizes.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

const isChunk = (path) => /^\/(split|chunk)_\w+\.\w+\.wasm$/.test(path);

/** Paths of the files the page fetches from the worker's static assets. */
function recordAssets(page) {
  const paths = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!url.pathname.includes('/api/')) paths.push(url.pathname);
  });
  return paths;
}

const signIn = (page, user) => signInPage(page, worker.base, user);

test('first views load no chunk and stay in the budget; a flow loads its chunk when opened', async () => {
  const b = await openBrowser('en-US');
  const { page, errors } = b;
  try {
    const fetched = recordAssets(page);
    await page.goto(worker.base + '/signin');
    // The app's page, not the worker's first view (which goes when the app is in).
    await page.locator('#boot').waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    assert.ok(fetched.includes('/app_bg.wasm'), fetched.join(' '));
    assert.deepEqual(fetched.filter(isChunk), [], 'the sign-in page fetched a chunk');
    // What the browser fetched, as files of dist/; the page as the worker served it.
    const files = [...new Set(fetched.map((p) => (p === '/signin' ? 'index.html' : p.slice(1))))];
    const served = Buffer.from(await (await fetch(worker.base + '/signin')).text());
    const { total } = sizes(files, 'dist', { 'index.html': served });
    assert.ok(total.brotli <= BUDGETS.spaBrotliKiB.app * 1024, `first load ${(total.brotli / 1024).toFixed(1)} KiB: ${files}`);
    console.log(`sign-in first load: ${(total.brotli / 1024).toFixed(1)} KiB brotli (${files.length} files)`);

    await signIn(page, DEMO.alex);
    await page.getByRole('heading', { name: 'Security info', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add method' }).waitFor();
    fetched.length = 0;
    await page.reload();
    await page.getByRole('button', { name: 'Add method' }).waitFor();
    assert.deepEqual(fetched.filter(isChunk), [], 'Security info fetched a chunk');
    const cookie = (await b.ctx.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const infoFiles = [...new Set(fetched.map((p) => (p === '/' ? 'index.html' : p.slice(1))))];
    const infoPage = Buffer.from(await (await fetch(worker.base + '/', { headers: { cookie } })).text());
    const info = sizes(infoFiles, 'dist', { 'index.html': infoPage }).total;
    assert.ok(info.brotli <= BUDGETS.spaBrotliKiB.app * 1024, `Security info first load ${(info.brotli / 1024).toFixed(1)} KiB: ${infoFiles}`);
    console.log(`Security info first load: ${(info.brotli / 1024).toFixed(1)} KiB brotli (${infoFiles.length} files)`);

    // The chooser starts fetching the flows while the user picks a kind.
    const flows = page.waitForResponse((r) => /\/split_flows\.\w+\.wasm$/.test(new URL(r.url()).pathname), { timeout: 10_000 });
    await page.getByRole('button', { name: 'Add method' }).click();
    const dialog = page.getByRole('dialog');
    assert.equal((await flows).status(), 200);
    await dialog.getByLabel('Which method would you like to add?').selectOption('email');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.getByLabel('What email would you like to use?').waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});

test('a chunk that cannot load shows an error with a way out, and loads on the next try', async () => {
  const b = await openBrowser('en-US');
  const { page } = b;
  try {
    // Slow, then failing: the dialog is named by its loading note meanwhile.
    await page.route(/\/split_flows\.\w+\.wasm$/, async (route) => {
      await new Promise((r) => setTimeout(r, 2000));
      await route.abort('internetdisconnected');
    });
    await signIn(page, DEMO.alex);
    await page.getByRole('button', { name: 'Add method' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Which method would you like to add?').selectOption('email');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('dialog', { name: 'Loading…' }).waitFor();
    await dialog.getByRole('alert').filter({ hasText: 'This part of the page could not load' }).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    // The app still works, and a later try loads the chunk once the network is back.
    await page.unroute(/\/split_flows\.\w+\.wasm$/);
    await page.getByRole('button', { name: 'Add method' }).click();
    await dialog.getByLabel('Which method would you like to add?').selectOption('email');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.getByLabel('What email would you like to use?').waitFor();
  } finally {
    await b.close();
  }
});

test('when the app itself cannot load, the page says so in both languages and retries', async () => {
  const b = await openBrowser('en-US');
  const { page } = b;
  try {
    await page.route('**/app_bg.wasm', (r) => r.abort());
    await page.goto(worker.base + '/signin');
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: 'Security info could not load' }).waitFor();
    assert.match(await alert.innerText(), /Beveiligingsgegevens kon niet laden/);
    const retry = page.getByRole('button', { name: 'Try again / Opnieuw proberen' });
    assert.equal(await retry.evaluate((el) => el === document.activeElement), true, 'focus on the retry');
    await page.unroute('**/app_bg.wasm');
    await retry.click();
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  } finally {
    await b.close();
  }
});

test('a call that hangs is ended with a message after 20 s; a server error names its request', async () => {
  const b = await openBrowser('en-US');
  const { page } = b;
  try {
    await page.goto(worker.base + '/signin');
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    // The sign-in request never answers: after 20 seconds the user is told.
    await page.route('**/api/v1/session', (route) => (route.request().method() === 'POST' ? undefined : route.continue()));
    await page.locator('#username').fill(DEMO.adele.username);
    await page.locator('#password').fill(DEMO.adele.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'The server took too long to answer' }).waitFor({ timeout: 30_000 });
    // A failure the user cannot fix carries the request's id for the help desk.
    await page.unroute('**/api/v1/session');
    await page.route('**/api/v1/session', (route) => (route.request().method() === 'POST'
      ? route.fulfill({ status: 500, contentType: 'application/json', headers: { 'x-request-id': 'ray-abc123' }, body: '{"code":"internal"}' })
      : route.continue()));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: '(Reference: ray-abc123)' }).waitFor();
  } finally {
    await b.close();
  }
});
