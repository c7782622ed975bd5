// axe-core (WCAG 2.2 A/AA rules) on every page and dialog, in English and Dutch, at
// a phone width (360 px) and a desktop width (1280 px): zero violations.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { startWorker, openBrowser, localeStrings, artifactsDir, Client, DEMO, totp } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

const WIDTHS = [360, 1280];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const FLOWS = ['authenticator-app', 'phone', 'email', 'security-key', 'security-questions', 'app-password', 'recovery-codes'];

/** Lets the SPA finish: no spinner, no busy region, fonts and layout settled. */
async function settle(page) {
  await page.waitForTimeout(250);
  const busy = () => [...document.querySelectorAll('[aria-busy="true"], .spinner')].filter((n) => n.checkVisibility())
    .map((n) => n.outerHTML.slice(0, 300));
  // Polled from here: page.waitForFunction may fall back to eval, which the CSP forbids.
  for (let i = 0; i < 100; i++) {
    const found = await page.evaluate(busy);
    if (found.length === 0) return;
    if (i === 99) throw new Error(`still busy: ${found.join(' | ')}`);
    await page.waitForTimeout(100);
  }
}

describe('accessibility scans', () => {
  for (const lang of ['en-US', 'nl-NL']) {
    test(`every page and dialog in ${lang} at ${WIDTHS.join(' and ')} px has no axe violations`, async () => {
      const T = localeStrings(lang);
      const dir = artifactsDir('axe', lang);
      const b = await openBrowser(lang);
      const { page } = b;
      const found = [];
      let codeInputs = 0;
      const scan = async (name) => {
        await settle(page);
        // Codes get the numeric keyboard and one-time-code autofill; passwords can be
        // filled by password managers and pasted.
        const inputs = await page.evaluate(() => [...document.querySelectorAll('input')].map((i) => ({
          id: i.id, type: i.type, cls: i.className, autocomplete: i.autocomplete, inputmode: i.inputMode,
          blocksPaste: i.hasAttribute('onpaste') })));
        for (const i of inputs) {
          if (i.cls.split(' ').includes('code')) {
            assert.equal(i.autocomplete, 'one-time-code', `${name}: #${i.id}`);
            assert.equal(i.inputmode, 'numeric', `${name}: #${i.id}`);
          }
          if (i.type === 'password') assert.match(i.autocomplete, /^(current|new)-password$/, `${name}: #${i.id}`);
          assert.equal(i.blocksPaste, false, `${name}: #${i.id}`);
        }
        codeInputs += inputs.filter((i) => i.cls.split(' ').includes('code')).length;
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 800 });
          await page.waitForTimeout(100);
          const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
          for (const v of result.violations) {
            found.push(`${name} @${width}px: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' ' + n.failureSummary.replace(/\n/g, ' ')).join('\n    ')}`);
          }
          if (width === 360) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
        }
        await page.setViewportSize({ width: 1280, height: 800 });
      };
      const signIn = async (user, prefix = '') => {
        await page.goto(`${worker.base}${prefix}/signin`);
        await page.locator('#username').fill(user.username);
        await page.locator('#password').fill(user.password);
        await page.getByRole('button', { name: T['sign-in-button'], exact: true }).click();
      };
      const signOut = async () => {
        await page.getByRole('button', { name: T['sign-out'] }).click();
        await page.waitForURL('**/signin');
      };
      try {
        await page.goto(`${worker.base}/signin`);
        await page.getByRole('heading', { name: T['sign-in-title'] }).waitFor();
        await scan('sign-in');
        await signIn({ username: 'nobody@contoso.com', password: 'wrong' });
        await page.getByRole('alert').waitFor();
        await scan('sign-in-error');

        await page.goto(`${worker.base}/reset`);
        await page.getByRole('heading', { name: T['reset-title'] }).waitFor();
        await scan('reset');

        await page.goto(`${worker.base}/help`);
        await page.getByRole('heading', { name: T['help-title'], level: 1 }).waitFor();
        await scan('help');

        await page.goto(`${worker.base}/report`);
        await page.getByRole('heading', { name: T['report-title'] }).waitFor();
        await scan('report');

        // Adele: the Security info page, empty, then each add-method flow's first step.
        const adele = lang === 'en-US' ? DEMO.adele : DEMO.alex;
        await signIn(adele);
        await page.getByRole('heading', { name: T['app-title'], level: 1 }).waitFor();
        await scan('security-info-empty');
        for (const kind of FLOWS) {
          await page.getByRole('button', { name: T['add-method'] }).click();
          const dialog = page.getByRole('dialog');
          await dialog.waitFor();
          if (kind === FLOWS[0]) await scan('add-method');
          await dialog.getByLabel(T['add-method-question']).selectOption(kind);
          await dialog.getByRole('button', { name: T['add-method-next'], exact: true }).click();
          await scan(`add-${kind}`);
          if (kind === 'recovery-codes') {
            await dialog.getByRole('button', { name: T['recovery-create'] }).click();
            await dialog.locator('ol.recovery-codes').waitFor();
            await scan('recovery-codes-shown');
          }
          await page.keyboard.press('Escape');
          await dialog.waitFor({ state: 'detached' });
        }
        await page.goto(`${worker.base}/activity`);
        await page.getByRole('heading', { name: T['activity-title'] }).waitFor();
        await scan('recent-activity');
        await page.goto(`${worker.base}/profile`);
        await page.getByRole('heading', { name: T['profile-title'], level: 1 }).waitFor();
        await scan('my-profile');
        await page.goto(`${worker.base}/password`);
        await page.getByRole('heading', { name: T['password-title'], level: 1 }).waitFor();
        await scan('change-password');

        // A registered method: the list, then the second step of a new sign-in.
        const api = new Client(worker.base);
        assert.equal((await api.signIn(adele)).status, 200);
        const setup = await api.req('POST', '/api/v1/methods/authenticator', { body: undefined });
        const done = await api.req('POST', '/api/v1/methods/authenticator/verify',
          { body: { challenge_id: setup.json.challenge_id, code: totp(setup.json.secret, Date.now()), name: 'Phone' } });
        assert.equal(done.status, 201, done.text);
        await page.goto(`${worker.base}/`);
        await page.getByText('Phone', { exact: true }).first().waitFor();
        await scan('security-info-list');
        // Devices, opened: this browser and the API client's session.
        await page.getByRole('button', { name: T['devices-show'] }).click();
        await page.locator('.devices-list li').nth(1).waitFor();
        await scan('devices');
        await page.reload(); // closed again: one "Sign out" button
        await page.getByText('Phone', { exact: true }).first().waitFor();
        await signOut();
        await signIn(adele);
        await page.getByRole('heading', { name: T['verify-title'] }).waitFor();
        await scan('second-step');

        // The admin's policy page.
        await page.context().clearCookies();
        await signIn({ username: 'admin@contoso.com', password: 'Admin-demo-2026' });
        await page.getByRole('heading', { name: T['app-title'], level: 1 }).waitFor();
        await page.goto(`${worker.base}/admin`);
        await page.getByRole('heading', { name: T['admin-title'] }).waitFor();
        await scan('admin');
        // Its Users page, with a user's methods open.
        await page.goto(`${worker.base}/admin/users`);
        await page.getByRole('heading', { name: T['users-title'], level: 1 }).waitFor();
        await page.getByRole('list', { name: T['users-results'] }).getByRole('button', { name: 'Adele Vance' }).click();
        await page.locator('table.methods').waitFor();
        await scan('users');

        // Fabrikam requires methods: the registration wizard.
        await page.context().clearCookies();
        await signIn({ username: lang === 'en-US' ? 'nestor@fabrikam.com' : 'diego@fabrikam.com',
          password: lang === 'en-US' ? 'Nestor-demo-2026' : 'Diego-demo-2026' }, '/t/fabrikam');
        await page.waitForURL('**/setup');
        await scan('setup-wizard');
      } finally {
        writeFileSync(join(dir, 'violations.txt'), found.join('\n') + '\n');
        await b.close();
      }
      assert.deepEqual(found, [], `axe violations:\n${found.join('\n')}`);
      assert.ok(codeInputs > 0, 'a code input was checked');
    });
  }
});
