// The providers' shapes on `wrangler dev`: texts from a Twilio Messaging Service
// with an API key in place of the auth token, each asking for a status callback;
// a signed callback saying a text did not arrive is listed for the admins (a forged
// one changes nothing); a refusal (4xx) is final at once, its body logged with the
// digits hidden. Mail through Postmark's API (`MAIL_PROVIDER = "postmark"`).
// Retries of a provider in trouble: queue.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { startWorker, startSmsProvider, twilioSignature, Client, DEMO } from '../harness.mjs';

const ADMIN = { username: 'admin@contoso.com', password: 'Admin-demo-2026' };
const TOKEN = 'twilio-auth-token';
let worker, sms, postmark;

/** A stand-in of Postmark's `POST /email`: checks the token header and the fields. */
async function startPostmark(token) {
  const received = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      const ok = req.method === 'POST' && req.url === '/email' && req.headers['x-postmark-server-token'] === token
        && /^application\/json/.test(req.headers['content-type'] ?? '') && req.headers.accept === 'application/json';
      const mail = ok ? JSON.parse(body) : null;
      if (!mail?.From || !mail.To || !mail.Subject || !mail.TextBody) {
        res.writeHead(422, { 'content-type': 'application/json' });
        res.end('{"ErrorCode":300,"Message":"Invalid email request"}');
        return;
      }
      received.push(mail);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ To: mail.To, MessageID: 'b7bc2f4a', ErrorCode: 0, Message: 'OK' }));
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/email`, received, close: () => new Promise((r) => server.close(r)) };
}

before(async () => {
  sms = await startSmsProvider({ apiKey: ['SK0123456789', 'api-key-secret'] });
  postmark = await startPostmark('postmark-server-token');
  worker = await startWorker({
    DELIVERY: 'providers', TWILIO_API_URL: sms.base, TWILIO_ACCOUNT_SID: sms.sid, TWILIO_AUTH_TOKEN: TOKEN,
    TWILIO_API_KEY_SID: 'SK0123456789', TWILIO_API_KEY_SECRET: 'api-key-secret',
    TWILIO_MESSAGING_SERVICE_SID: 'MG0123456789', SMS_FROM: '+15005550006',
    MAIL_PROVIDER: 'postmark', MAIL_API_URL: postmark.url, MAIL_API_KEY: 'postmark-server-token',
    MAIL_FROM: 'no-reply@contoso.example', MAIL_FROM_NAME: 'Contoso IT',
  });
});
after(async () => { await worker?.stop(); await sms?.close(); await postmark?.close(); });

async function signedIn(user) {
  const c = new Client(worker.base);
  assert.equal((await c.signIn(user)).status, 200);
  return c;
}

/** Waits for a line in the worker's log (it reaches this process a little after the response). */
async function logged(pattern) {
  for (let i = 0; i < 40 && !pattern.test(worker.log()); i++) await new Promise((r) => setTimeout(r, 100));
  assert.match(worker.log(), pattern);
}

const startPhone = (c, number) => c.req('POST', '/api/v1/methods/phone', { body: { country: 'NL', number } });

async function report(url, params, token = TOKEN) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(token, url, params) },
    body: new URLSearchParams(params).toString(),
  });
}

test('texts from a Messaging Service; a status callback saying one did not arrive reaches the admins', async () => {
  const c = await signedIn(DEMO.adele);
  const ok = await startPhone(c, '06 1234 5601');
  assert.equal(ok.status, 201, ok.text);
  const text = sms.received.at(-1);
  assert.equal(text.form.To, '+31612345601');
  assert.equal(text.form.MessagingServiceSid, 'MG0123456789');
  assert.equal(text.form.From, undefined, 'the Messaging Service picks the sender');
  assert.deepEqual(sms.rejected, []);
  const callback = text.form.StatusCallback;
  assert.equal(callback, `${worker.base}/api/v1/delivery/sms/contoso`);

  const admin = await signedIn(ADMIN);
  const listed = async () => (await admin.req('GET', '/api/v1/admin/reports/undelivered')).json.messages;
  assert.deepEqual(await listed(), []);
  // Sent and delivered: nothing to show.
  for (const status of ['sent', 'delivered']) {
    const r = await report(callback, { MessageSid: 'SM1', MessageStatus: status, To: '+31612345601', AccountSid: sms.sid });
    assert.equal(r.status, 204, await r.text());
  }
  assert.deepEqual(await listed(), []);
  // A forged report, or one for another tenant's path, changes nothing.
  const forged = await report(callback, { MessageSid: 'SM1', MessageStatus: 'failed', To: '+31612345601' }, 'not-the-token');
  assert.equal(forged.status, 403);
  const elsewhere = callback.replace(/contoso$/, 'fabrikam');
  assert.equal((await report(elsewhere, { MessageSid: 'SM1', MessageStatus: 'failed', To: '+31612345601' })).status, 404);
  assert.deepEqual(await listed(), []);
  // Undelivered: listed, masked.
  const r = await report(callback, { MessageSid: 'SM1', MessageStatus: 'undelivered', ErrorCode: '30003', To: '+31612345601' });
  assert.equal(r.status, 204);
  const [lost] = await listed();
  assert.deepEqual([lost.channel, lost.to], ['sms', '+31 6 •••• 5601']);
  await logged(/"error_code":"30003".*"sms_status":"undelivered"/);
  assert.doesNotMatch(worker.log(), /\+31612345601/, 'numbers are logged masked');
});

test('a refusal is final at once, its body logged without digits', async () => {
  const c = await signedIn(DEMO.adele);
  sms.state.failNext = [400];
  const before = sms.state.attempts;
  const refused = await startPhone(c, '06 1234 5602');
  assert.equal(refused.json.code, 'delivery-failed', refused.text);
  assert.equal(sms.state.attempts - before, 1, 'a refusal is not tried again');
  await logged(/sms: provider answered 400: .*Trouble for \+#{11}/);
  assert.doesNotMatch(worker.log(), /Trouble for \+31612345678/);
});

test('mail through Postmark', async () => {
  const c = await signedIn(DEMO.adele);
  const start = await c.req('POST', '/api/v1/methods/email', { body: { address: 'adele.home@example.com' } });
  assert.equal(start.status, 201, start.text);
  const mail = postmark.received.at(-1);
  assert.equal(mail.To, 'adele.home@example.com');
  assert.equal(mail.From, '"Contoso IT" <no-reply@contoso.example>');
  assert.equal(mail.MessageStream, 'outbound');
  const code = mail.TextBody.match(/\b(\d{6})\b/)[1];
  const verified = await c.req('POST', '/api/v1/methods/email/verify', { body: { challenge_id: start.json.challenge_id, code } });
  assert.ok(verified.status < 300, verified.text);
});
