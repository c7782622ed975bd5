// End to end in Chromium, with the SMS provider in trouble: the phone's code goes
// on the delivery queue, the dialog says it may take a minute, the code arrives
// and registers the phone; a text the provider refused for good shows on the admin
// page ("1 message could not be delivered"), without axe violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { startWorker, startSmsProvider, openBrowser, signInPage, localeStrings, DEMO } from '../harness.mjs';

const ADMIN = { username: 'admin@contoso.com', password: 'Admin-demo-2026' };
let worker, sms;
before(async () => {
  sms = await startSmsProvider();
  worker = await startWorker({
    DELIVERY: 'providers', TWILIO_API_URL: sms.base, TWILIO_ACCOUNT_SID: sms.sid, TWILIO_AUTH_TOKEN: sms.token,
    SMS_FROM: '+15005550006', MAIL_API_URL: 'http://127.0.0.1:9/unused', MAIL_API_KEY: 'unused',
  });
});
after(async () => { await worker?.stop(); await sms?.close(); });

for (const lang of ['en-US', 'nl-NL']) {
  test(`a slow provider: the code is on its way, then registers the phone (${lang})`, async () => {
    const L = localeStrings(lang);
    const b = await openBrowser(lang, { width: 390, height: 844 });
    const { page, errors } = b;
    const number = lang === 'en-US' ? '06 1234 5611' : '06 1234 5612';
    const e164 = `+316123456${lang === 'en-US' ? '11' : '12'}`;
    try {
      // A user without methods each time: the phone becomes a second step.
      await signInPage(page, worker.base, lang === 'en-US' ? DEMO.alex : DEMO.adele, L['sign-in-button']);
      await page.getByRole('heading', { name: L['app-title'], level: 1 }).waitFor();
      await page.getByRole('button', { name: L['add-method'] }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(L['add-method-question']).selectOption('phone');
      await dialog.getByRole('button', { name: L['add-method-next'], exact: true }).click();
      await dialog.getByLabel(L['phone-country-label'], { exact: true }).selectOption('NL');
      await dialog.getByLabel(L['phone-number-label']).fill(number);
      sms.state.failNext = [503];
      await dialog.getByRole('button', { name: L['phone-text-me'] }).click();
      await dialog.getByRole('status').filter({ hasText: L['code-on-its-way'] }).waitFor();
      let text;
      for (let i = 0; i < 100 && !text; i++) {
        text = sms.received.find((m) => m.form.To === e164);
        if (!text) await page.waitForTimeout(200);
      }
      assert.ok(text, 'the queued text arrived');
      await dialog.getByLabel(L['code-label']).fill(text.form.Body.match(/\b(\d{6})\b/)[1]);
      await dialog.getByRole('button', { name: L['code-next'] }).click();
      await page.getByText(`+31 6 •••• ${e164.slice(-4)}`).first().waitFor();
      assert.equal(sms.received.filter((m) => m.form.To === e164).length, 1, 'one text');
      assert.deepEqual(errors, []);
    } finally {
      await b.close();
    }
  });
}

test('a text refused for good is shown to the admins', async () => {
  const parcel = {
    id: 'a'.repeat(32), tenant: 'contoso', queued_at: Date.now(),
    message: { channel: 'sms', to: { e164: '+31612345698', country: 'NL' }, body: 'Contoso: notice' },
  };
  sms.state.failNext = [400];
  assert.equal((await fetch(`${worker.base}/dev/queue`, { method: 'POST', body: JSON.stringify(parcel) })).status, 204);
  for (const lang of ['en-US', 'nl-NL']) {
    const L = localeStrings(lang);
    const title = lang === 'en-US' ? '1 message could not be delivered' : '1 bericht kon niet worden bezorgd';
    const b = await openBrowser(lang);
    const { page, errors } = b;
    try {
      await signInPage(page, worker.base, ADMIN, L['sign-in-button']);
      await page.getByRole('heading', { name: L['app-title'], level: 1 }).waitFor();
      let shown = false;
      for (let i = 0; i < 20 && !shown; i++) {
        await page.goto(`${worker.base}/admin`);
        await page.getByRole('heading', { name: L['admin-title'], level: 1 }).waitFor();
        shown = await page.getByRole('heading', { name: title, level: 2 }).waitFor({ timeout: 1500 }).then(() => true, () => false);
      }
      assert.ok(shown, 'the notice is on the admin page');
      const region = page.getByRole('region', { name: title });
      assert.match(await region.innerText(), /\+31 6 •••• 5698/);
      assert.doesNotMatch(await region.innerText(), /612345698/, 'the number is masked');
      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).include('section.undelivered').analyze();
      assert.deepEqual(axe.violations.map((v) => v.id), []);
      assert.deepEqual(errors, []);
    } finally {
      await b.close();
    }
  }
});
