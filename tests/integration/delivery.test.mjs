// Delivery through a provider having trouble, on `wrangler dev`: a 429 or 5xx (or
// no answer) is tried again twice, a little later each time, and the text arrives
// once; a refusal (4xx) is not retried; the provider's error body is logged with
// its digits hidden. Texts may come from a Twilio Messaging Service, with an API
// key in place of the auth token.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, startSmsProvider, Client, DEMO } from '../harness.mjs';

let worker, sms;
before(async () => {
  sms = await startSmsProvider({ apiKey: ['SK0123456789', 'api-key-secret'] });
  worker = await startWorker({
    DELIVERY: 'providers', TWILIO_API_URL: sms.base, TWILIO_ACCOUNT_SID: sms.sid,
    TWILIO_API_KEY_SID: 'SK0123456789', TWILIO_API_KEY_SECRET: 'api-key-secret',
    TWILIO_MESSAGING_SERVICE_SID: 'MG0123456789', SMS_FROM: '+15005550006',
  });
});
after(async () => { await worker?.stop(); await sms?.close(); });

async function startPhone(c, number) {
  return c.req('POST', '/api/v1/methods/phone', { body: { country: 'NL', number } });
}

test('a provider in trouble: retried, delivered once; a refusal is not retried', async () => {
  const c = new Client(worker.base);
  assert.equal((await c.signIn(DEMO.adele)).status, 200);

  sms.state.failNext = [503, 429];
  let before = sms.state.attempts;
  const ok = await startPhone(c, '06 1234 5601');
  assert.equal(ok.status, 201, ok.text);
  assert.equal(sms.state.attempts - before, 3, 'two retries');
  assert.equal(sms.received.filter((m) => m.form.To === '+31612345601').length, 1, 'one text');
  const text = sms.received.at(-1);
  assert.equal(text.form.MessagingServiceSid, 'MG0123456789');
  assert.equal(text.form.From, undefined, 'the Messaging Service picks the sender');
  assert.deepEqual(sms.rejected, []);
  assert.match(worker.log(), /sms: provider answered 503: .*Trouble for \+#{11}/);
  assert.doesNotMatch(worker.log(), /Trouble for \+31612345678/);

  sms.state.failNext = [400];
  before = sms.state.attempts;
  const refused = await startPhone(c, '06 1234 5602');
  assert.equal(refused.json.code, 'delivery-failed', refused.text);
  assert.equal(sms.state.attempts - before, 1, 'a refusal is final');

  sms.state.failNext = [500, 500, 500];
  before = sms.state.attempts;
  const down = await startPhone(c, '06 1234 5603');
  assert.equal(down.json.code, 'delivery-failed', down.text);
  assert.equal(sms.state.attempts - before, 3, 'three tries, then the user is told');
});
