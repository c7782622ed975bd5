// Password reset by phone against stand-ins of Twilio's APIs (slowed down like a
// real provider): security review finding 2. A reset's texts and calls leave after
// the answer, so a known name's reset answers as fast as an unknown one's, and a
// decoy's phone option answers texts, calls and call checks exactly as a real one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, startSmsProvider, Client, DEMO, solveWork } from '../harness.mjs';

let worker, sms;
before(async () => {
  sms = await startSmsProvider();
  worker = await startWorker({ DELIVERY: 'providers', TWILIO_API_URL: sms.base, TWILIO_ACCOUNT_SID: sms.sid, TWILIO_AUTH_TOKEN: sms.token, SMS_FROM: '+15005550006' });
});
after(async () => { await worker?.stop(); await sms?.close(); });

const PROVIDER_DELAY = 1500;

async function startReset(username, ip) {
  const client = new Client(worker.base);
  const work = (await client.req('GET', '/api/v1/reset/challenge')).json;
  const nonce = solveWork(work.challenge, username, work.bits);
  const r = await client.req('POST', '/api/v1/reset', { body: { username, challenge: work.challenge, nonce }, headers: { 'cf-connecting-ip': ip } });
  return { ...r, client };
}

const typed = (v) => (Array.isArray(v) ? v.map(typed) : v && typeof v === 'object'
  ? Object.fromEntries(Object.entries(v).sort().map(([k, x]) => [k, k === 'code' || k === 'state' ? x : typed(x)]))
  : typeof v);
// What a response shows, without what differs per request (date, request id).
const seen = (r) => ({
  status: r.status,
  headers: [...r.headers].filter(([k]) => k !== 'date' && k !== 'x-request-id').map(([k, v]) => (['content-length', 'retry-after'].includes(k) ? [k, 'n'] : [k, v])),
  body: typed(r.json),
});

async function steps(name, ip) {
  const r = await startReset(name, ip);
  assert.equal(r.status, 201, r.text);
  const out = [seen(r)];
  const { ticket, options } = r.json;
  assert.deepEqual(options.map((o) => [o.kind, o.id]), [['phone', 'phone']], name);
  const req = (path, body) => r.client.req('POST', path, { body: { ticket, option_id: 'phone', ...body }, headers: { 'cf-connecting-ip': ip } });
  const t0 = performance.now();
  const sent = await req('/api/v1/reset/send');
  const sendMs = performance.now() - t0;
  out.push(seen(sent), seen(await req('/api/v1/reset/send')));
  const t1 = performance.now();
  const call = await req('/api/v1/reset/call');
  const callMs = performance.now() - t1;
  out.push(seen(call), seen(await req('/api/v1/reset/call')));
  out.push(seen(await req('/api/v1/reset/call/status', { call_id: call.json.call_id })));
  out.push(seen(await req('/api/v1/reset/call/status', { call_id: 'nosuchcall' })));
  out.push(seen(await req('/api/v1/reset/verify', { code: '000000', challenge_id: sent.json.challenge_id })));
  return { out, sendMs, callMs };
}

test('finding 2: a reset by phone answers a known and an unknown name alike, and never waits for the provider', async () => {
  const admin = new Client(worker.base);
  assert.equal((await admin.signIn({ username: 'admin@contoso.com', password: 'Admin-demo-2026' })).status, 200);
  const before = (await admin.req('GET', '/api/v1/admin/settings')).json;
  const phoneOnly = structuredClone(before);
  phoneOnly.policy.reset = { enabled: true, methods_required: 1, methods: ['phone'] };
  assert.equal((await admin.req('PUT', '/api/v1/admin/settings', { body: phoneOnly })).status, 200);
  try {
    const alex = new Client(worker.base);
    assert.equal((await alex.signIn(DEMO.alex)).status, 200);
    const p = await alex.req('POST', '/api/v1/methods/phone', { body: { country: 'NL', number: '0612340099' } });
    assert.equal(p.status, 201, p.text);
    const v = await alex.req('POST', '/api/v1/methods/phone/verify', { body: { challenge_id: p.json.challenge_id, code: sms.lastCode() } });
    assert.equal(v.status, 201, v.text);

    sms.state.delayMs = PROVIDER_DELAY;
    const since = { texts: sms.received.length, calls: sms.calls.length };
    const known = await steps(DEMO.alex.username, '198.51.100.21');
    // Start; text; again too soon; call; again while it rings; it rings; no such
    // call; a wrong code.
    assert.deepEqual(known.out.map((s) => s.status), [201, 201, 429, 201, 429, 200, 404, 400]);
    assert.equal(known.out[5].body.state, 'calling');
    assert.ok(known.sendMs < PROVIDER_DELAY - 500, `the text went out after the answer (${known.sendMs} ms)`);
    assert.ok(known.callMs < PROVIDER_DELAY - 500, `the call went out after the answer (${known.callMs} ms)`);
    const unknown = await steps('nobody-by-phone@contoso.com', '198.51.100.22');
    assert.deepEqual(unknown.out, known.out);
    // Only the real account's text and call reached the provider, after the answers.
    for (let i = 0; i < 50 && (sms.received.length < since.texts + 1 || sms.calls.length < since.calls + 1); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(sms.received.slice(since.texts).map((m) => m.form.To), ['+31612340099']);
    assert.deepEqual(sms.calls.slice(since.calls).map((m) => m.form.To), ['+31612340099']);
  } finally {
    sms.state.delayMs = 0;
    assert.equal((await admin.req('PUT', '/api/v1/admin/settings', { body: before })).status, 200);
  }
});
