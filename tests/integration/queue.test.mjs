// Delivery that survives a provider's outage, through the Cloudflare Queue that
// `wrangler dev` runs locally (Miniflare): a code whose provider has a passing
// trouble goes on the queue (the response says so) and arrives after retries,
// once; notices (here an invitation) always go through the queue; a message the
// provider never takes lands in the dead-letter queue and the tenant's admins see
// it; a parcel seen twice goes out once; a refusal is final at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, startSmsProvider, startMailProvider, Client, DEMO } from '../harness.mjs';

const ADMIN = { username: 'admin@contoso.com', password: 'Admin-demo-2026' };
let worker, sms, mail;
before(async () => {
  sms = await startSmsProvider({ apiKey: ['SK0123456789', 'api-key-secret'] });
  mail = await startMailProvider({ key: 'test-key' });
  worker = await startWorker({
    DELIVERY: 'providers', TWILIO_API_URL: sms.base, TWILIO_ACCOUNT_SID: sms.sid,
    TWILIO_API_KEY_SID: 'SK0123456789', TWILIO_API_KEY_SECRET: 'api-key-secret',
    TWILIO_MESSAGING_SERVICE_SID: 'MG0123456789', SMS_FROM: '+15005550006',
    MAIL_API_URL: mail.url, MAIL_API_KEY: 'test-key', PROVIDER_TIMEOUT_MS: '1000',
  });
});
after(async () => { await worker?.stop(); await sms?.close(); await mail?.close(); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, check, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await check();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${worker.log().slice(-3000)}`);
    await sleep(250);
  }
}

async function signedIn(user) {
  const c = new Client(worker.base);
  assert.equal((await c.signIn(user)).status, 200);
  return c;
}

const textsTo = (e164) => sms.received.filter((m) => m.form.To === e164);

test('a code meeting a passing trouble is queued, says so, and arrives once after retries', async () => {
  const c = await signedIn(DEMO.adele);
  sms.state.failNext = [503, 429, 500];
  const before = sms.state.attempts;
  const r = await c.req('POST', '/api/v1/methods/phone', { body: { country: 'NL', number: '06 1234 5601' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.headers.get('x-delivery'), 'queued');
  const [text] = await until('the queued text', () => textsTo('+31612345601').length && textsTo('+31612345601'));
  assert.equal(sms.state.attempts - before, 4, 'one try in the request, three by the queue');
  assert.match(text.form.Body, /\b\d{6}\b/);
  // The code it carries is the one the pending registration expects.
  const code = text.form.Body.match(/\b(\d{6})\b/)[1];
  const verified = await c.req('POST', '/api/v1/methods/phone/verify', { body: { challenge_id: r.json.challenge_id, code } });
  assert.ok(verified.status < 300, verified.text);
  await sleep(3000);
  assert.equal(textsTo('+31612345601').length, 1, 'delivered once');
  await until('the log line', () => /"outcome":"delivered"/.test(worker.log()));
  assert.doesNotMatch(worker.log(), /"to":"\+31612345601"/, 'recipients are logged masked');

  // Delivered at once: no header.
  const direct = await c.req('POST', '/api/v1/methods/phone', { body: { country: 'NL', number: '06 1234 5602' } });
  assert.equal(direct.status, 201, direct.text);
  assert.equal(direct.headers.get('x-delivery'), null);
  assert.equal(textsTo('+31612345602').length, 1);

  // A refusal (4xx) is final: the user is told at once, nothing is queued.
  sms.state.failNext = [400];
  const refused = await c.req('POST', '/api/v1/methods/phone', { body: { country: 'NL', number: '06 1234 5603' } });
  assert.equal(refused.json.code, 'delivery-failed', refused.text);
  await sleep(2500);
  assert.equal(textsTo('+31612345603').length, 0);
});

test('a provider that does not answer in time: the code is queued and arrives once', async () => {
  const c = await signedIn(DEMO.alex);
  sms.state.delayMs = 2500;
  const t0 = Date.now();
  const r = await c.req('POST', '/api/v1/methods/phone', { body: { country: 'NL', number: '06 1234 5604' } });
  assert.equal(r.status, 201, r.text);
  assert.ok(Date.now() - t0 < 2500, 'the request does not wait for the provider');
  assert.equal(r.headers.get('x-delivery'), 'queued');
  await until('the abandoned try', () => sms.state.abandoned >= 1);
  sms.state.delayMs = 0;
  await until('the queued text', () => textsTo('+31612345604').length);
  await sleep(2500);
  assert.equal(textsTo('+31612345604').length, 1);
});

test('a parcel seen twice is delivered once', async () => {
  const parcel = {
    id: 'f'.repeat(32), tenant: 'contoso', queued_at: Date.now(),
    message: { channel: 'sms', to: { e164: '+31612345699', country: 'NL' }, body: 'Contoso: notice' },
  };
  const r = await fetch(`${worker.base}/dev/queue?times=3`, { method: 'POST', body: JSON.stringify(parcel) });
  assert.equal(r.status, 204, await r.text());
  await until('the parcel', () => textsTo('+31612345699').length);
  await sleep(3000);
  assert.equal(textsTo('+31612345699').length, 1);
  await until('the log line', () => /"outcome":"already-delivered"/.test(worker.log()));
});

test('an invitation goes through the queue; one the provider never takes reaches the admins', async () => {
  const admin = await signedIn(ADMIN);
  const empty = await admin.req('GET', '/api/v1/admin/reports/undelivered');
  assert.equal(empty.status, 200, empty.text);
  assert.deepEqual(empty.json.messages, []);

  // Down for a while: the invitation arrives once it is back.
  mail.state.failWith = 503;
  const created = await admin.req('POST', '/api/v1/admin/users', {
    body: { username: 'nestor@contoso.com', display_name: 'Nestor Wilke', email: 'nestor.w@contoso.com' },
  });
  assert.equal(created.status, 201, created.text);
  const triesTo = (to) => mail.received.filter((m) => m.body.includes(to)).length;
  await until('a first try', () => triesTo('nestor.w@contoso.com') >= 1);
  mail.state.failWith = null;
  await until('the invitation', () => mail.delivered.some((m) => m.includes('nestor.w@contoso.com')));
  assert.ok(JSON.parse(mail.delivered.find((m) => m.includes('nestor.w@contoso.com'))).content[0].value.includes(created.json.pass));

  // Down for good: after the last retry the dead-letter queue records it.
  mail.state.failWith = 500;
  const lost = await admin.req('POST', '/api/v1/admin/users', {
    body: { username: 'patti@contoso.com', display_name: 'Patti Fernandez', email: 'patti.f@contoso.com' },
  });
  assert.equal(lost.status, 201, lost.text);
  const listed = await until('the dead letter', async () => {
    const r = await admin.req('GET', '/api/v1/admin/reports/undelivered');
    return r.json.messages.length > 0 && r.json.messages;
  }, 60_000);
  mail.state.failWith = null;
  assert.equal(listed.length, 1);
  assert.equal(listed[0].channel, 'email');
  assert.equal(listed[0].to, 'pa•••@contoso.com');
  assert.ok(listed[0].failed_at >= listed[0].queued_at);
  assert.equal(mail.delivered.filter((m) => m.includes('patti.f@contoso.com')).length, 0);
  await until('the log line', () => /"dead_letter":true/.test(worker.log()));

  // Only administrators see it.
  const user = await signedIn(DEMO.adele);
  assert.equal((await user.req('GET', '/api/v1/admin/reports/undelivered')).status, 403);
});
