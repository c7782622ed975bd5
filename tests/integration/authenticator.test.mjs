// Authenticator apps and the second sign-in step over HTTP on `wrangler dev`, with
// codes computed by an independent TOTP implementation (tests/harness.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, Client, DEMO, totp } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

const post = (c, path, body) => c.req('POST', path, { body });

async function signedIn(user) {
  const c = new Client(worker.base);
  const r = await c.signIn(user);
  assert.equal(r.status, 200, r.text);
  return [c, r.json];
}

async function register(c, name) {
  const setup = await post(c, '/api/v1/methods/authenticator');
  assert.equal(setup.status, 201, setup.text);
  const now = Date.now();
  const done = await post(c, '/api/v1/methods/authenticator/verify', { challenge_id: setup.json.challenge_id, code: totp(setup.json.secret, now), name });
  assert.equal(done.status, 201, done.text);
  return { id: done.json.id, secret: setup.json.secret, at: now };
}

test('register an app, then sign in with password and a code that is only accepted once', async () => {
  const [c] = await signedIn(DEMO.adele);
  const setup = await post(c, '/api/v1/methods/authenticator');
  assert.equal(setup.status, 201);
  assert.match(setup.json.uri, /^otpauth:\/\/totp\/Contoso:adele%40contoso\.com\?secret=[A-Z2-7]{32}&issuer=Contoso&algorithm=SHA1&digits=6&period=30$/);
  assert.match(setup.json.secret, /^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
  assert.match(setup.json.qr_svg, /<svg/);
  const wrong = await post(c, '/api/v1/methods/authenticator/verify', { challenge_id: setup.json.challenge_id, code: '000000' === totp(setup.json.secret) ? '111111' : '000000' });
  assert.deepEqual(wrong.json, { code: 'invalid-code', attempts_left: 4 });
  const now = Date.now();
  const ok = await post(c, '/api/v1/methods/authenticator/verify', { challenge_id: setup.json.challenge_id, code: totp(setup.json.secret, now), name: 'My phone' });
  assert.equal(ok.status, 201, ok.text);
  assert.deepEqual(ok.json.detail, { kind: 'authenticator-app', name: 'My phone' });
  const list = await c.req('GET', '/api/v1/methods');
  assert.equal(list.json.default_method, ok.json.id);
  assert.doesNotMatch(list.text, new RegExp(setup.json.secret.replace(/ /g, '')), 'the secret never comes back');

  // A new sign-in must pass the second step before anything else.
  const [d, session] = await signedIn(DEMO.adele);
  assert.equal(session.second_step.state, 'required');
  assert.equal(session.second_step.default_method, ok.json.id);
  assert.deepEqual(session.second_step.methods, [{ id: ok.json.id, kind: 'authenticator-app', label: 'My phone', by_call: false }]);
  assert.deepEqual((await d.req('GET', '/api/v1/methods')).json, { code: 'second-step-required' });
  assert.equal((await d.req('DELETE', `/api/v1/methods/${ok.json.id}`)).status, 403);

  const replay = await post(d, '/api/v1/session/second-step', { method_id: ok.json.id, code: totp(setup.json.secret, now) });
  assert.equal(replay.json.code, 'code-already-used', 'the registration code is spent');
  const next = totp(setup.json.secret, now + 30_000); // the app's next code, within the ±1 step window
  const passed = await post(d, '/api/v1/session/second-step', { method_id: ok.json.id, code: next });
  assert.equal(passed.status, 200, passed.text);
  assert.equal(passed.json.second_step.state, 'passed');
  assert.equal((await d.req('GET', '/api/v1/methods')).status, 200);

  const [e] = await signedIn(DEMO.adele);
  const again = await post(e, '/api/v1/session/second-step', { method_id: ok.json.id, code: next });
  assert.equal(again.json.code, 'code-already-used');
  const stale = await post(e, '/api/v1/session/second-step', { method_id: ok.json.id, code: totp(setup.json.secret, Date.now() - 90_000) });
  assert.equal(stale.json.code, 'invalid-code', 'a code from three steps ago is refused');

  // Rename, then delete (the second step above is recent).
  const renamed = await d.req('PATCH', `/api/v1/methods/${ok.json.id}`, { body: { name: 'Work phone' } });
  assert.deepEqual(renamed.json.detail, { kind: 'authenticator-app', name: 'Work phone' });
  assert.equal((await d.req('PATCH', `/api/v1/methods/${ok.json.id}`, { body: { name: '' } })).json.code, 'invalid-name');
  assert.equal((await d.req('DELETE', `/api/v1/methods/${ok.json.id}`)).status, 204);
  const after = await d.req('GET', '/api/v1/methods');
  assert.deepEqual(after.json.methods, []);
  assert.equal(after.json.default_method, null);
});

test('fifty parallel wrong codes never exceed five registration tries', async () => {
  const [c] = await signedIn(DEMO.alex);
  const setup = await post(c, '/api/v1/methods/authenticator');
  const right = totp(setup.json.secret);
  const bad = right === '000000' ? '000001' : '000000';
  const results = await Promise.all(Array.from({ length: 50 }, () =>
    post(c, '/api/v1/methods/authenticator/verify', { challenge_id: setup.json.challenge_id, code: bad })));
  const codes = results.map((r) => r.json.code);
  assert.equal(codes.filter((x) => x === 'invalid-code').length, 4);
  assert.equal(codes.filter((x) => x === 'code-locked').length, 46);
  const late = await post(c, '/api/v1/methods/authenticator/verify', { challenge_id: setup.json.challenge_id, code: right });
  assert.equal(late.json.code, 'code-locked');
  assert.deepEqual((await c.req('GET', '/api/v1/methods')).json.methods, []);
});

test('fifty parallel wrong second steps are cut off by the account limits', async () => {
  const [c] = await signedIn(DEMO.alex);
  const app = await register(c, 'Tablet');
  const [d, session] = await signedIn(DEMO.alex);
  assert.equal(session.second_step.state, 'required');
  const bad = totp(app.secret, app.at + 60_000) === '000000' ? '000001' : '000000';
  const results = await Promise.all(Array.from({ length: 50 }, () =>
    post(d, '/api/v1/session/second-step', { method_id: app.id, code: bad })));
  const wrong = results.filter((r) => r.json.code === 'invalid-code').length;
  const throttled = results.filter((r) => r.status === 429).length;
  assert.ok(wrong >= 1 && wrong <= 10, `checked ${wrong} guesses`);
  assert.equal(wrong + throttled, 50);
  assert.ok(results.filter((r) => r.status === 429).every((r) => Number(r.headers.get('retry-after')) > 0));
  assert.deepEqual((await d.req('GET', '/api/v1/methods')).json, { code: 'second-step-required' });
});

test('changing the default needs a second-step method, and email cannot be one', async () => {
  const [c, session] = await signedIn(DEMO.adele);
  assert.equal(session.second_step.state, 'not-required', 'the first test deleted her app');
  const email = await post(c, '/api/v1/methods/email', { address: 'adele@example.com' });
  assert.equal(email.status, 201);
  const outbox = await (await fetch(`${worker.base}/dev/outbox.json`)).json();
  const code = outbox.find((m) => m.to === 'adele@example.com').subject.match(/(\d{6})$/)[1];
  const verified = await post(c, '/api/v1/methods/email/verify', { challenge_id: email.json.challenge_id, code });
  assert.equal(verified.status, 201, verified.text);
  const bad = await c.req('PUT', '/api/v1/default-method', { body: { method_id: verified.json.id } });
  assert.equal(bad.json.code, 'not-mfa-capable');
  const first = await register(c, 'Phone');
  const second = await register(c, 'Tablet');
  let list = await c.req('GET', '/api/v1/methods');
  assert.equal(list.json.default_method, first.id);
  assert.equal((await c.req('PUT', '/api/v1/default-method', { body: { method_id: second.id } })).status, 204);
  list = await c.req('GET', '/api/v1/methods');
  assert.equal(list.json.default_method, second.id);
  assert.equal((await c.req('DELETE', `/api/v1/methods/${second.id}`)).status, 204);
  list = await c.req('GET', '/api/v1/methods');
  assert.equal(list.json.default_method, first.id, 'the default moved to the remaining app');
  await c.req('DELETE', `/api/v1/methods/${first.id}`);
});
