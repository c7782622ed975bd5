// Self-service password reset over HTTP on `wrangler dev`: the proof of work is done
// here with node:crypto (an independent SHA-256), mail goes to the dev outbox.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, Client, DEMO, outboxCode, answerCall, solveWork, totp } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

/** Starts a reset; `ip` as the network would report it (each address may start 30 an hour). */
async function startReset(username, client = new Client(worker.base), ip = '127.0.0.1') {
  const work = (await client.req('GET', '/api/v1/reset/challenge')).json;
  const nonce = solveWork(work.challenge, username, work.bits);
  const t0 = performance.now();
  const headers = { 'cf-connecting-ip': ip };
  const r = await client.req('POST', '/api/v1/reset', { body: { username, challenge: work.challenge, nonce }, headers });
  return { ...r, ms: performance.now() - t0, client };
}

async function signedIn(user) {
  const c = new Client(worker.base);
  const r = await c.signIn(user);
  assert.equal(r.status, 200, r.text);
  return c;
}

async function addEmail(c, address) {
  const t0 = Date.now();
  const p = await c.req('POST', '/api/v1/methods/email', { body: { address } });
  assert.equal(p.status, 201, p.text);
  const v = await c.req('POST', '/api/v1/methods/email/verify', { body: { challenge_id: p.json.challenge_id, code: await outboxCode(worker.base, 'email', address, t0) } });
  assert.equal(v.status, 201, v.text);
}

const ANSWERS = [
  { question_id: 'first-pet', answer: 'Rex' },
  { question_id: 'favourite-food', answer: 'Stamppot' },
  { question_id: 'first-street', answer: 'Dorpsstraat' },
];

test('reset with one method ends every session and mails a notice', async () => {
  const c = await signedIn(DEMO.adele);
  await addEmail(c, 'adele.reset@example.org');
  assert.equal((await c.req('GET', '/api/v1/session')).json.username, DEMO.adele.username);

  const noWork = await c.req('POST', '/api/v1/reset', { body: { username: DEMO.adele.username, challenge: 'x', nonce: 1 } });
  assert.equal(noWork.json.code, 'work-required');

  const r = await startReset(DEMO.adele.username);
  assert.equal(r.status, 201, r.text);
  const { ticket, required, options } = r.json;
  assert.equal(required, 1);
  assert.deepEqual(options.map((o) => [o.kind, o.label]), [['email', 'ad•••@example.org']]);
  const reset = r.client;
  assert.equal((await reset.req('POST', '/api/v1/reset/password', { body: { ticket, password: 'a long fresh passphrase' } })).json.code, 'reset-incomplete');
  const t0 = Date.now();
  const sent = await reset.req('POST', '/api/v1/reset/send', { body: { ticket, option_id: options[0].id } });
  assert.equal(sent.status, 201, sent.text);
  const code = await outboxCode(worker.base, 'email', 'adele.reset@example.org', t0);
  const wrong = await reset.req('POST', '/api/v1/reset/verify', { body: { ticket, option_id: options[0].id, code: code === '000000' ? '111111' : '000000', challenge_id: sent.json.challenge_id } });
  assert.equal(wrong.json.code, 'invalid-code');
  const ok = await reset.req('POST', '/api/v1/reset/verify', { body: { ticket, option_id: options[0].id, code, challenge_id: sent.json.challenge_id } });
  assert.deepEqual(ok.json, { passed: [options[0].id], required: 1 });
  assert.equal((await reset.req('POST', '/api/v1/reset/password', { body: { ticket, password: 'adele2026!!' } })).json.code, 'password-contains-username');
  const done = await reset.req('POST', '/api/v1/reset/password', { body: { ticket, password: 'a long fresh passphrase' } });
  assert.equal(done.status, 204, done.text);

  // Every session of Adele ended; the old password fails; the ticket is spent.
  assert.equal((await c.req('GET', '/api/v1/session')).json, null);
  assert.equal((await c.req('GET', '/api/v1/methods')).json.code, 'unauthenticated');
  assert.equal((await new Client(worker.base).signIn(DEMO.adele)).json.code, 'invalid-credentials');
  assert.equal((await new Client(worker.base).signIn({ username: DEMO.adele.username, password: 'a long fresh passphrase' })).status, 200);
  assert.equal((await reset.req('POST', '/api/v1/reset/password', { body: { ticket, password: 'another fresh passphrase' } })).json.code, 'no-pending-verification');
  const outbox = await (await fetch(`${worker.base}/dev/outbox.json`)).json();
  assert.ok(outbox.some((m) => m.to === 'adele.reset@example.org' && m.subject === 'Your Contoso password was changed'));
});

test('reset with two methods: wrong answers are refused, a random subset is asked', async () => {
  const admin = await signedIn({ username: 'admin@contoso.com', password: 'Admin-demo-2026' });
  const settings = (await admin.req('GET', '/api/v1/admin/settings')).json;
  settings.policy.reset.methods_required = 2;
  settings.policy.questions.answer = 2;
  assert.equal((await admin.req('PUT', '/api/v1/admin/settings', { body: settings })).status, 200);

  const c = await signedIn(DEMO.alex);
  await addEmail(c, 'alex.reset@example.org');
  const set = await c.req('PUT', '/api/v1/methods/security-questions', { body: { answers: ANSWERS } });
  assert.equal(set.status, 200, set.text);
  assert.deepEqual(set.json.detail, { kind: 'security-questions', count: 3 });
  const reused = await c.req('PUT', '/api/v1/methods/security-questions', { body: { answers: [ANSWERS[0], ANSWERS[0], ANSWERS[1]] } });
  assert.equal(reused.json.code, 'question-repeated');
  // The question as the answer, with its question mark or more punctuation, in either language.
  for (const answer of ['What is your favourite food?', 'what is your favourite food ?!', 'Wat is uw favoriete gerecht?']) {
    const same = await c.req('PUT', '/api/v1/methods/security-questions',
      { body: { answers: [ANSWERS[0], { question_id: 'favourite-food', answer }, ANSWERS[2]] } });
    assert.equal(same.json.code, 'answer-is-question', answer);
  }

  const r = await startReset(DEMO.alex.username);
  assert.equal(r.json.required, 2);
  const { ticket, options } = r.json;
  const questions = options.find((o) => o.kind === 'security-questions');
  const asked = (await r.client.req('POST', '/api/v1/reset/questions', { body: { ticket, option_id: questions.id } })).json;
  assert.equal(asked.length, 2);
  const answerFor = (id) => ANSWERS.find((a) => a.question_id === id).answer;
  const wrong = asked.map((q, i) => ({ question_id: q.id, answer: i === 0 ? 'nope' : answerFor(q.id) }));
  assert.equal((await r.client.req('POST', '/api/v1/reset/answers', { body: { ticket, option_id: questions.id, answers: wrong } })).json.code, 'wrong-answers');
  const right = asked.map((q) => ({ question_id: q.id, answer: ` ${answerFor(q.id).toUpperCase()} ` }));
  const one = await r.client.req('POST', '/api/v1/reset/answers', { body: { ticket, option_id: questions.id, answers: right } });
  assert.deepEqual(one.json, { passed: [questions.id], required: 2 });
  assert.equal((await r.client.req('POST', '/api/v1/reset/password', { body: { ticket, password: 'a long fresh passphrase' } })).json.code, 'reset-incomplete');
  const email = options.find((o) => o.kind === 'email');
  const t0 = Date.now();
  const sent = await r.client.req('POST', '/api/v1/reset/send', { body: { ticket, option_id: email.id } });
  const code = await outboxCode(worker.base, 'email', 'alex.reset@example.org', t0);
  const two = await r.client.req('POST', '/api/v1/reset/verify', { body: { ticket, option_id: email.id, code, challenge_id: sent.json.challenge_id } });
  assert.equal(two.json.passed.length, 2);
  assert.equal((await r.client.req('POST', '/api/v1/reset/password', { body: { ticket, password: 'a long fresh passphrase' } })).status, 204);
});

test('an unknown name gets the same shape, in about the same time, and never completes', async () => {
  const known = [];
  const unknown = [];
  for (let i = 0; i < 5; i++) {
    known.push(await startReset(DEMO.alex.username));
    unknown.push(await startReset(`nobody${i}@contoso.com`));
  }
  const shape = (r) => ({ status: r.status, keys: Object.keys(r.json).sort(), required: r.json.required, ticket: r.json.ticket.length, options: r.json.options.map((o) => Object.keys(o).sort()) });
  assert.equal(unknown[0].status, 201, unknown[0].text);
  assert.deepEqual(shape(unknown[0]).keys, shape(known[0]).keys);
  assert.equal(shape(unknown[0]).ticket, shape(known[0]).ticket);
  const median = (xs) => xs.map((r) => r.ms).sort((a, b) => a - b)[2];
  assert.ok(Math.abs(median(known) - median(unknown)) < 40, `medians ${median(known)} vs ${median(unknown)} ms`);
  const forged = await unknown[0].client.req('POST', '/api/v1/reset/password', { body: { ticket: 'f'.repeat(64), password: 'a long fresh passphrase' } });
  assert.equal(forged.json.code, 'no-pending-verification');
});

// Security review findings 2 and 12: every answer of every reset step (status,
// headers but Date, body shape and value types) is the same for a known name, an
// unknown one and an account without enough reset methods.
test('finding 2 and 12: every reset step answers a known, an unknown and a method-less name alike', async () => {
  const admin = await signedIn({ username: 'admin@contoso.com', password: 'Admin-demo-2026' });
  const before = (await admin.req('GET', '/api/v1/admin/settings')).json;
  const only = structuredClone(before);
  only.policy.reset = { enabled: true, methods_required: 1, methods: ['email'] };
  assert.equal((await admin.req('PUT', '/api/v1/admin/settings', { body: only })).status, 200);
  try {
    // Alex has an email method since the two-method reset above.
    const typed = (v) => (Array.isArray(v) ? v.map(typed) : v && typeof v === 'object'
      ? Object.fromEntries(Object.entries(v).sort().map(([k, x]) => [k, ['code'].includes(k) ? x : typed(x)]))
      : typeof v);
    const seen = (r) => ({
      status: r.status,
      headers: [...r.headers].filter(([k]) => k !== 'date' && k !== 'x-request-id').map(([k, v]) => (['content-length', 'retry-after'].includes(k) ? [k, 'n'] : [k, v])),
      body: typed(r.json),
    });
    const steps = async (name) => {
      const r = await startReset(name);
      const out = [seen(r)];
      const { ticket, options } = r.json;
      assert.deepEqual(options.map((o) => [o.kind, o.id]), [['email', 'email']], name);
      const req = (path, body) => r.client.req('POST', path, { body: { ticket, ...body } });
      const sent = await req('/api/v1/reset/send', { option_id: 'email' });
      out.push(seen(sent), seen(await req('/api/v1/reset/send', { option_id: 'email' })));
      out.push(seen(await req('/api/v1/reset/send', { option_id: 'authenticator-app' })));
      for (let i = 0; i < 6; i++) out.push(seen(await req('/api/v1/reset/verify', { option_id: 'email', code: '00000' + i, challenge_id: sent.json.challenge_id })));
      out.push(seen(await req('/api/v1/reset/password', { password: 'a long fresh passphrase' })));
      return out;
    };
    const known = await steps(DEMO.alex.username);
    // Start, send, resend too soon, no such option, four wrong codes, the code is
    // spent (code-locked), then the reset is over (reset-locked), not complete.
    assert.deepEqual(known.map((s) => s.status), [201, 201, 429, 404, 400, 400, 400, 400, 429, 400, 403]);
    assert.deepEqual([known[8].body.code, known[9].body.code], ['code-locked', 'reset-locked']);
    assert.deepEqual(await steps('nobody-at-all@contoso.com'), known);
    assert.deepEqual(await steps('admin@contoso.com'), known, 'an account without reset methods');
  } finally {
    assert.equal((await admin.req('PUT', '/api/v1/admin/settings', { body: before })).status, 200);
  }
});

test('starts are limited per name', async () => {
  let last;
  for (let i = 0; i < 11; i++) last = await startReset('limited@contoso.com');
  assert.equal(last.status, 429);
  assert.equal(last.json.code, 'too-many-attempts');
  assert.ok(last.json.retry_after > 0);
});

// Security review finding 1: a stranger's wrong reset codes never touch the user's
// sign-in counters; the user signs in with the app right after.
test('finding 1: fifty wrong reset codes in parallel, then the user signs in with the app', async () => {
  const lee = new Client(worker.base, '/t/fabrikam');
  assert.equal((await lee.signIn({ username: 'lee@fabrikam.com', password: 'Lee-demo-2026' })).status, 200);
  const setup = await lee.req('POST', '/api/v1/methods/authenticator');
  assert.equal(setup.status, 201, setup.text);
  const at = Date.now();
  const done = await lee.req('POST', '/api/v1/methods/authenticator/verify', { body: { challenge_id: setup.json.challenge_id, code: totp(setup.json.secret, at), name: 'Lee phone' } });
  assert.equal(done.status, 201, done.text);

  const stranger = new Client(worker.base, '/t/fabrikam');
  const resets = [];
  for (let i = 0; i < 5; i++) resets.push(await startReset('lee@fabrikam.com', stranger, '198.51.100.66'));
  const right = new Set([-1, 0, 1].map((k) => totp(setup.json.secret, Date.now() + k * 30_000)));
  const guess = (i) => { for (let n = i; ; n++) { const c = String(n * 7919 % 1_000_000).padStart(6, '0'); if (!right.has(c)) return c; } };
  const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => {
    const r = resets[i % 5];
    const app = r.json.options.find((o) => o.kind === 'authenticator-app');
    assert.equal(app.label, '', 'the app by its kind, never the name Lee gave it');
    return stranger.req('POST', '/api/v1/reset/verify', { body: { ticket: r.json.ticket, option_id: app.id, code: guess(i) } });
  }));
  const codes = answers.map((a) => a.json.code);
  assert.ok(codes.every((c) => ['invalid-code', 'reset-locked', 'too-many-attempts'].includes(c)), codes.join());
  assert.equal(codes.filter((c) => c === 'invalid-code').length, 20, 'the name has twenty reset tries an hour');

  const back = new Client(worker.base, '/t/fabrikam');
  const signIn = await back.signIn({ username: 'lee@fabrikam.com', password: 'Lee-demo-2026' });
  assert.equal(signIn.status, 200, signIn.text);
  const step = await back.req('POST', '/api/v1/session/second-step', { body: { method_id: done.json.id, code: totp(setup.json.secret, at + 30_000) } });
  assert.equal(step.status, 200, step.text);
});

test('reset by a call to the phone, at a tenant reached by its path prefix', async () => {
  const diego = new Client(worker.base, '/t/fabrikam');
  assert.equal((await diego.signIn({ username: 'diego@fabrikam.com', password: 'Diego-demo-2026' })).status, 200);
  const t0 = Date.now();
  const p = await diego.req('POST', '/api/v1/methods/phone', { body: { country: 'NL', number: '0612340077' } });
  assert.equal(p.status, 201, p.text);
  const code = await outboxCode(worker.base, 'sms', '+31612340077', t0);
  assert.equal((await diego.req('POST', '/api/v1/methods/phone/verify', { body: { challenge_id: p.json.challenge_id, code } })).status, 201);

  const r = await startReset('diego@fabrikam.com', new Client(worker.base, '/t/fabrikam'), '198.51.100.67');
  assert.equal(r.status, 201, r.text);
  const phone = r.json.options.find((o) => o.kind === 'phone');
  const t1 = Date.now();
  const started = await r.client.req('POST', '/api/v1/reset/call', { body: { ticket: r.json.ticket, option_id: phone.id } });
  assert.equal(started.status, 201, started.text);
  const check = () => r.client.req('POST', '/api/v1/reset/call/status', { body: { ticket: r.json.ticket, option_id: phone.id, call_id: started.json.call_id } });
  assert.equal((await check()).json.state, 'calling');
  let call;
  for (let i = 0; i < 50 && !call; i++) {
    const messages = await (await fetch(`${worker.base}/dev/outbox.json`)).json();
    call = messages.find((m) => m.channel === 'call' && m.to.e164 === '+31612340077' && m.sent_at >= t1);
    if (!call) await new Promise((res) => setTimeout(res, 100));
  }
  assert.match(call.twiml, /\/t\/fabrikam\/api\/v1\/voice\//, 'the callback comes back through the tenant prefix');
  assert.match(call.twiml, /To reset your password, type the two digits/);
  const answered = await answerCall(call.twiml, { token: 'dev-twilio-token', digits: `${started.json.digits}#` });
  assert.equal(answered.status, 200);
  const done = await check();
  assert.deepEqual(done.json, { state: 'confirmed', progress: { passed: [phone.id], required: 1 } });
  const set = await r.client.req('POST', '/api/v1/reset/password', { body: { ticket: r.json.ticket, password: 'windmills turning slowly' } });
  assert.equal(set.status, 204, set.text);
  assert.equal((await new Client(worker.base, '/t/fabrikam').signIn({ username: 'diego@fabrikam.com', password: 'windmills turning slowly' })).status, 200);
});
