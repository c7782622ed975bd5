// Phone by text message over HTTP on `wrangler dev`, texts going to a stand-in of
// Twilio's Messages API that checks auth, form fields and E.164 numbers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, startSmsProvider, Client, DEMO, answerCall } from '../harness.mjs';

let worker, sms;
before(async () => {
  sms = await startSmsProvider();
  worker = await startWorker({ DELIVERY: 'providers', TWILIO_API_URL: sms.base, TWILIO_ACCOUNT_SID: sms.sid, TWILIO_AUTH_TOKEN: sms.token, SMS_FROM: '+15005550006' });
});
after(async () => { await worker?.stop(); await sms?.close(); });

const post = (c, path, body, headers) => c.req('POST', path, { body, headers });

test('register a phone by text, then sign in with a texted code', async () => {
  const c = new Client(worker.base);
  await c.signIn(DEMO.adele);
  const list0 = await c.req('GET', '/api/v1/methods');
  assert.ok(list0.json.addable.includes('phone'));
  assert.deepEqual(list0.json.phone_countries.find((p) => p.code === 'NL'), { code: 'NL', calling_code: 31 });

  const start = await post(c, '/api/v1/methods/phone', { country: 'NL', number: '06 1234 5678' }, { 'accept-language': 'nl-NL' });
  assert.equal(start.status, 201, start.text);
  assert.equal(start.json.masked_destination, '+31 6 •••• 5678');
  assert.equal(sms.rejected.length, 0, JSON.stringify(sms.rejected));
  const text = sms.received.at(-1).form;
  assert.equal(text.To, '+31612345678');
  assert.equal(text.From, '+15005550006');
  assert.match(text.Body, /^\d{6} is uw verificatiecode van Contoso/);

  const wrong = await post(c, '/api/v1/methods/phone/verify', { challenge_id: start.json.challenge_id, code: sms.lastCode() === '000000' ? '000001' : '000000' });
  assert.deepEqual(wrong.json, { code: 'invalid-code', attempts_left: 4 });
  const ok = await post(c, '/api/v1/methods/phone/verify', { challenge_id: start.json.challenge_id, code: sms.lastCode() });
  assert.equal(ok.status, 201, ok.text);
  assert.deepEqual(ok.json.detail, { kind: 'phone', masked_number: '+31 6 •••• 5678', mode: 'text' });
  const list = await c.req('GET', '/api/v1/methods');
  assert.equal(list.json.default_method, ok.json.id);
  assert.doesNotMatch(list.text, /12345678/);

  // Sign in again: the phone is the second step.
  const d = new Client(worker.base);
  const session = (await d.signIn(DEMO.adele)).json;
  assert.equal(session.second_step.state, 'required');
  const sent = await post(d, '/api/v1/session/second-step/send', { method_id: ok.json.id });
  assert.equal(sent.status, 201, sent.text);
  const code = sms.lastCode();
  const passed = await post(d, '/api/v1/session/second-step', { method_id: ok.json.id, code, challenge_id: sent.json.challenge_id });
  assert.equal(passed.status, 200, passed.text);
  assert.equal(passed.json.second_step.state, 'passed');
  const replay = await post(d, '/api/v1/session/second-step', { method_id: ok.json.id, code, challenge_id: sent.json.challenge_id });
  assert.equal(replay.json.code, 'no-pending-verification');

  assert.equal((await d.req('DELETE', `/api/v1/methods/${ok.json.id}`)).status, 204);
  assert.equal((await d.req('GET', '/api/v1/methods')).json.default_method, null);
});

test('bad numbers and disallowed countries are refused before any text', async () => {
  const c = new Client(worker.base);
  await c.signIn(DEMO.alex);
  const before = sms.received.length;
  for (const [body, code] of [
    [{ country: 'NL', number: '12' }, 'invalid-phone'],
    [{ country: 'NL', number: 'call me maybe' }, 'invalid-phone'],
    [{ country: 'NL', number: '+53 5 2345678' }, 'country-not-allowed'],
  ]) {
    const r = await post(c, '/api/v1/methods/phone', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.json.code, code);
  }
  assert.equal(sms.received.length, before);
  const ext = await post(c, '/api/v1/methods/phone', { country: 'US', number: '+1 4255551234X12345' });
  assert.equal(ext.status, 201, ext.text);
  assert.equal(ext.json.extension_removed, true);
  // Among what was sent since (a retry of an earlier test's text may land too).
  const to = sms.received.slice(before).map((m) => m.form.To);
  assert.ok(to.includes('+14255551234'), `the number, without its extension: ${to}`);
  assert.ok(to.every((t) => /^\+\d+$/.test(t) && !t.endsWith('12345')), `the extension is never dialled: ${to}`);
});

test('one number gets at most five texts an hour, even from parallel requests', async () => {
  // Eight people at once (one user waits out the resend time between texts to one number).
  const people = [
    ['', DEMO.adele], ['', DEMO.alex], ['', { username: 'admin@contoso.com', password: 'Admin-demo-2026' }],
    ...['lee', 'nestor', 'diego', 'pradeep', 'admin'].map((n) => ['/t/fabrikam', { username: `${n}@fabrikam.com`, password: `${n[0].toUpperCase()}${n.slice(1)}-demo-2026` }]),
  ];
  const clients = await Promise.all(people.map(async ([prefix, user]) => {
    const c = new Client(worker.base, prefix);
    assert.equal((await c.signIn(user)).status, 200, user.username);
    return c;
  }));
  const results = await Promise.all(clients.map((c) => post(c, '/api/v1/methods/phone', { country: 'NL', number: '0687654321' })));
  const sent = results.filter((r) => r.status === 201).length;
  const refused = results.filter((r) => r.status === 429);
  assert.equal(sent, 5, results.map((r) => r.text).join());
  assert.equal(refused.length, 3);
  assert.ok(refused.every((r) => r.json.code === 'too-many-attempts' && Number(r.headers.get('retry-after')) > 0));
  assert.equal(sms.received.filter((m) => m.form.To === '+31687654321').length, 5);
});

// Security review finding 11: the resend wait holds on the server, also for a
// burst of parallel requests: one text, the rest wait with Retry-After.
test('finding 11: back-to-back texts to one number from one user: one is sent, the rest wait', async () => {
  const c = new Client(worker.base);
  await c.signIn(DEMO.alex);
  const results = await Promise.all(Array.from({ length: 6 }, () =>
    post(c, '/api/v1/methods/phone', { country: 'NL', number: '0611112222' })));
  assert.equal(results.filter((r) => r.status === 201).length, 1);
  const waiting = results.filter((r) => r.status === 429);
  assert.equal(waiting.length, 5);
  assert.ok(waiting.every((r) => r.json.code === 'resend-too-soon' && Number(r.headers.get('retry-after')) > 0), waiting.map((r) => r.text).join());
  assert.equal(sms.received.filter((m) => m.form.To === '+31611112222').length, 1);
});

test('call me: a signed key press registers the phone; forged callbacks are refused', async () => {
  const c = new Client(worker.base);
  await c.signIn(DEMO.alex);
  const start = await post(c, '/api/v1/methods/phone/call', { country: 'NL', number: '020 123 4567' }, { 'accept-language': 'nl-NL' });
  assert.equal(start.status, 201, start.text);
  assert.equal(start.json.masked_number, '+31 2 •••• 4567');
  const placed = sms.calls.at(-1).form;
  assert.equal(placed.To, '+31201234567');
  assert.match(placed.Twiml, /<Gather finishOnKey="#"[^>]*action="http:\/\/127\.0\.0\.1:\d+\/api\/v1\/voice\/contoso\//);
  assert.match(placed.Twiml, /deze telefoon voor uw beveiligingsgegevens te bevestigen, toetst u de twee cijfers/);
  assert.match(start.json.digits, /^\d\d$/);
  const status = () => c.req('GET', `/api/v1/calls/${start.json.call_id}`);
  assert.equal((await status()).json.state, 'calling');

  const forged = await answerCall(placed.Twiml, { token: sms.token, forge: true });
  assert.equal(forged.status, 403);
  assert.equal((await status()).json.state, 'calling', 'a forged callback changes nothing');

  // Security review finding 5: `#` alone is not enough; the page's digits then `#` are.
  const answered = await answerCall(placed.Twiml, { token: sms.token, digits: `${start.json.digits}#` });
  assert.equal(answered.status, 200, answered.text);
  assert.match(answered.text, /<Response><Say language="nl-NL">Dank u/);
  const done = await status();
  assert.equal(done.json.state, 'confirmed');
  assert.deepEqual(done.json.method.detail, { kind: 'phone', masked_number: '+31 2 •••• 4567', mode: 'call' });
  assert.equal((await status()).json.code, 'no-pending-verification', 'registered once');

  // The second step by call.
  const d = new Client(worker.base);
  await d.signIn(DEMO.alex);
  const call = await post(d, '/api/v1/session/second-step/call', { method_id: done.json.method.id });
  assert.equal(call.status, 201, call.text);
  assert.match(sms.calls.at(-1).form.Twiml, /To sign in, type the two digits/);
  assert.equal((await answerCall(sms.calls.at(-1).form.Twiml, { token: sms.token, digits: '#' })).status, 200);
  assert.equal((await d.req('GET', `/api/v1/calls/${call.json.call_id}`)).json.state, 'failed', 'only # pressed');
  const again = await post(d, '/api/v1/session/second-step/call', { method_id: done.json.method.id });
  await answerCall(sms.calls.at(-1).form.Twiml, { token: sms.token, digits: again.json.digits });
  assert.equal((await d.req('GET', `/api/v1/calls/${again.json.call_id}`)).json.state, 'confirmed');
  assert.equal((await d.req('GET', '/api/v1/methods')).status, 200, 'signed in');
  await d.req('DELETE', `/api/v1/methods/${done.json.method.id}`);
});
