// Security info's Devices (issue 25 #1): every signed-in session with its device,
// place and times, this one marked; "Sign out" per device ends that session at
// once (its very next request is refused), in Dutch and English, two browsers
// and an API client.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startWorker, artifactsDir, openBrowser, Client, DEMO, signInPage, fillIn, localeStrings as strings } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 Safari/604.1';

test('Devices: two browsers and a phone, each signs the other out, at once', async () => {
  const NL = strings('nl-NL');
  const EN = strings('en-US');
  const shots = artifactsDir('screenshots', 'devices');
  const phone = new Client(worker.base);
  const signed = await phone.req('POST', '/api/v1/session', { headers: { 'user-agent': IPHONE }, body: { username: DEMO.alex.username, password: DEMO.alex.password } });
  assert.equal(signed.status, 200, signed.text);
  phone.csrf = signed.json.csrf_token;
  const dutch = await openBrowser('nl-NL', { width: 390, height: 844 });
  const english = await openBrowser('en-US');
  try {
    await signInPage(english.page, worker.base, DEMO.alex, EN['sign-in-button']);
    await english.page.getByRole('heading', { name: EN['app-title'], level: 1 }).waitFor();
    await signInPage(dutch.page, worker.base, DEMO.alex, NL['sign-in-button']);
    const page = dutch.page;
    await page.getByRole('heading', { name: NL['app-title'], level: 1 }).waitFor();

    const section = page.getByRole('region', { name: NL['devices-title'] });
    // Closed at first: no list, no chunk, no "Afmelden" beside the header's.
    assert.equal(await section.locator('li').count(), 0);
    await section.getByRole('button', { name: NL['devices-show'] }).click();
    await section.getByText(NL['devices-intro']).waitFor();
    assert.ok(await section.getByText(NL['devices-intro']).evaluate((p) => p === document.activeElement), 'the list takes the focus');
    const rows = section.locator('li');
    await rows.nth(2).waitFor();
    assert.equal(await rows.count(), 3);
    // Most recently used first: this browser, marked.
    const first = await rows.nth(0).innerText();
    assert.ok(first.includes('Chrome op Linux') && first.includes(NL['devices-this']), first);
    assert.ok(first.includes(NL['devices-place-unknown']), first);
    assert.equal(await rows.nth(0).getByRole('button').count(), 0, 'no Sign out on this device');
    const iphone = fillIn(NL['devices-sign-out-label'], { device: 'Safari op iPhone' });
    await page.screenshot({ path: join(shots, '1-nl-390.png'), fullPage: true });

    await section.getByRole('button', { name: iphone }).click();
    await section.getByRole('status').filter({ hasText: fillIn(NL['devices-signed-out'], { device: 'Safari op iPhone' }) }).waitFor();
    assert.equal((await phone.req('GET', '/api/v1/methods')).status, 401, 'the phone is out at once');
    assert.ok(await section.getByText(NL['devices-intro']).evaluate((p) => p === document.activeElement), 'focus back at the top');
    await rows.nth(2).waitFor({ state: 'detached' });
    assert.equal(await rows.count(), 2);
    assert.equal(await section.getByRole('button', { name: iphone }).count(), 0);

    // The English browser sees two and signs the Dutch one out.
    await english.page.reload();
    const theirs = english.page.getByRole('region', { name: EN['devices-title'] });
    await theirs.getByRole('button', { name: EN['devices-show'] }).click();
    await theirs.locator('li').nth(1).waitFor();
    assert.equal(await theirs.locator('li').count(), 2);
    await english.page.screenshot({ path: join(shots, '2-en.png'), fullPage: true });
    await theirs.getByRole('button', { name: fillIn(EN['devices-sign-out-label'], { device: 'Chrome on Linux' }) }).click();
    await theirs.getByRole('status').filter({ hasText: fillIn(EN['devices-signed-out'], { device: 'Chrome on Linux' }) }).waitFor();
    await theirs.locator('li').nth(1).waitFor({ state: 'detached' });
    assert.equal(await theirs.locator('li').count(), 1);

    // The Dutch browser's next request is refused: it lands on sign-in, saying why.
    await page.reload();
    await page.waitForURL('**/signin**');
    await page.getByRole('heading', { name: NL['sign-in-title'] }).waitFor();
    const activity = await (await english.page.request.get(`${worker.base}/api/v1/activity`)).json();
    assert.equal(activity.entries.filter((e) => e.activity.kind === 'signed-out-device').length, 2,
      JSON.stringify(activity.entries.slice(0, 3)));
    assert.deepEqual(dutch.errors, []);
    assert.deepEqual(english.errors, []);
  } finally {
    await dutch.close();
    await english.close();
  }
});
