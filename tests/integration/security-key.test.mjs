// Security keys over HTTP on `wrangler dev`: the worker's WebAuthn checks (built to
// wasm32, running in workerd) against a software authenticator on node:crypto.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, Client, DEMO, solveWork } from '../harness.mjs';
import { SoftKey } from '../softkey.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

const post = (c, path, body) => c.req('POST', path, { body });
const START = '/api/v1/methods/security-key';
const FINISH = '/api/v1/methods/security-key/verify';
const STEP = '/api/v1/session/second-step/security-key';
const STEP_FINISH = '/api/v1/session/second-step/security-key/verify';

async function signedIn(user) {
  const c = new Client(worker.base);
  const r = await c.signIn(user);
  assert.equal(r.status, 200, r.text);
  return [c, r.json];
}

async function register(c, key, name) {
  const options = await post(c, START, { name });
  assert.equal(options.status, 201, options.text);
  return post(c, FINISH, { challenge_id: options.json.challenge_id, credential: key.create(options.json.public_key, worker.base) });
}

async function proveWith(c, key) {
  const options = await post(c, STEP);
  assert.equal(options.status, 201, options.text);
  return post(c, STEP_FINISH, { challenge_id: options.json.challenge_id, credential: key.get(options.json.public_key, worker.base) });
}

test('keys of every offered algorithm register and pass the second step', async () => {
  const [c] = await signedIn(DEMO.adele);
  const keys = [new SoftKey(-7), new SoftKey(-8), new SoftKey(-257)];
  for (const [i, key] of keys.entries()) {
    const r = await register(c, key, `Key ${i}`);
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.json.detail, { kind: 'security-key', name: `Key ${i}`, possibly_cloned: false });
  }
  const info = await c.req('GET', '/api/v1/methods');
  assert.equal(info.json.methods.filter((m) => m.detail.kind === 'security-key').length, 3);

  for (const key of keys) {
    const [s, session] = await signedIn(DEMO.adele);
    assert.equal(session.second_step.state, 'required');
    assert.equal(session.second_step.methods.filter((m) => m.kind === 'security-key').length, 3);
    // Nothing but the second step works before it.
    assert.equal((await s.req('GET', '/api/v1/methods')).json.code, 'second-step-required');
    const options = await post(s, STEP);
    assert.equal(options.json.public_key.allowCredentials.length, 3);
    assert.equal(options.json.public_key.userVerification, 'required');
    const r = await post(s, STEP_FINISH, { challenge_id: options.json.challenge_id, credential: key.get(options.json.public_key, worker.base) });
    assert.equal(r.status, 200, `alg ${key.alg}: ${r.text}`);
    assert.equal(r.json.second_step.state, 'passed');
    // The challenge was used up.
    const replay = await post(s, STEP_FINISH, { challenge_id: options.json.challenge_id, credential: key.get(options.json.public_key, worker.base) });
    assert.equal(replay.json.code, 'no-pending-verification');
  }
});

test('the key list names a known model from its AAGUID', async () => {
  const [c] = await signedIn(DEMO.alex);
  const yubikey = await register(c, new SoftKey(-7, { aaguid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8' }), 'Desk key');
  assert.equal(yubikey.status, 201, yubikey.text);
  assert.deepEqual(yubikey.json.detail, { kind: 'security-key', name: 'Desk key', possibly_cloned: false, model: 'YubiKey 5 Series' });
  const unknown = await register(c, new SoftKey(-7, { aaguid: '0123456789abcdef0123456789abcdef' }), 'Other key');
  assert.equal(unknown.json.detail.model, undefined);
  const listed = (await c.req('GET', '/api/v1/methods')).json.methods.find((m) => m.id === yubikey.json.id);
  assert.equal(listed.detail.model, 'YubiKey 5 Series');
  for (const id of [yubikey.json.id, unknown.json.id]) assert.equal((await c.req('DELETE', `/api/v1/methods/${id}`)).status, 204);
});

test('refused registrations change nothing', async () => {
  const [c] = await signedIn(DEMO.alex);
  const key = new SoftKey(-7);
  let options = await post(c, START, { name: 'Phished' });
  let r = await post(c, FINISH, { challenge_id: options.json.challenge_id, credential: key.create(options.json.public_key, 'https://evil.example') });
  assert.equal(r.status, 400);
  assert.equal(r.json.code, 'key-rejected');

  options = await post(c, START, { name: 'No PIN' });
  r = await post(c, FINISH, { challenge_id: options.json.challenge_id, credential: new SoftKey(-7, { verifiesUser: false }).create(options.json.public_key, worker.base) });
  assert.equal(r.json.code, 'key-not-verified');

  options = await post(c, START, { name: 'Tampered' });
  const tampered = key.create(options.json.public_key, worker.base);
  tampered.response.clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.create', challenge: 'AAAA', origin: worker.base })).toString('base64url');
  r = await post(c, FINISH, { challenge_id: options.json.challenge_id, credential: tampered });
  assert.equal(r.json.code, 'key-rejected');

  r = await post(c, FINISH, { challenge_id: 'nonexistent', credential: tampered });
  assert.equal(r.json.code, 'no-pending-verification');
  r = await post(c, FINISH, { challenge_id: options.json.challenge_id, credential: { id: 'x' } });
  assert.equal(r.json.code, 'bad-request');
  r = await post(c, START, { name: '' });
  assert.equal(r.json.code, 'invalid-name');
  r = await c.req('POST', FINISH, { raw: JSON.stringify({ challenge_id: 'x', credential: 'A'.repeat(9000) }), headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 413);
  r = await c.req('POST', START, { body: { name: 'No CSRF' }, headers: { 'x-csrf-token': 'forged' } });
  assert.equal(r.json.code, 'csrf-rejected');
  r = await new Client(worker.base).req('POST', START, { body: { name: 'No session' } });
  assert.equal(r.json.code, 'unauthenticated');

  const info = await c.req('GET', '/api/v1/methods');
  assert.deepEqual(info.json.methods, []);
});

test('a key registered to one account is refused for another; a copied key is flagged and refused', async () => {
  const [admin] = await signedIn({ username: 'admin@contoso.com', password: 'Admin-demo-2026' });
  const [alex] = await signedIn(DEMO.alex);
  const key = new SoftKey(-7);
  assert.equal((await register(alex, key, 'Alex key')).status, 201);
  const taken = await register(admin, key, 'Not mine');
  assert.equal(taken.status, 409);
  assert.equal(taken.json.code, 'key-already-registered');
  assert.deepEqual((await admin.req('GET', '/api/v1/methods')).json.methods, []);

  // A clone: same credential, counter behind the original.
  const [s] = await signedIn(DEMO.alex);
  assert.equal((await proveWith(s, key)).status, 200);
  const clone = Object.assign(Object.create(SoftKey.prototype), key, { counter: 0 });
  const [t] = await signedIn(DEMO.alex);
  const refused = await proveWith(t, clone);
  assert.equal(refused.status, 403);
  assert.equal(refused.json.code, 'key-cloned');
  assert.equal((await proveWith(t, key)).status, 200, 'the original still works');
  const listed = (await t.req('GET', '/api/v1/methods')).json.methods.find((m) => m.detail.kind === 'security-key');
  assert.equal(listed.detail.possibly_cloned, true);
});

test('a security key proves a password reset', async () => {
  const c = new Client(worker.base);
  assert.equal((await c.signIn({ username: 'admin@contoso.com', password: 'Admin-demo-2026' })).status, 200);
  const key = new SoftKey(-7);
  assert.equal((await register(c, key, 'Admin key')).status, 201);
  const reset = new Client(worker.base);
  const work = (await reset.req('GET', '/api/v1/reset/challenge')).json;
  const started = await reset.req('POST', '/api/v1/reset', { body: { username: 'admin@contoso.com', challenge: work.challenge, nonce: solveWork(work.challenge, 'admin@contoso.com', work.bits) } });
  assert.equal(started.status, 201, started.text);
  const option = started.json.options.find((o) => o.kind === 'security-key');
  assert.equal(option.label, '', 'by its kind only, never the name the user gave it (security review 12)');
  const { ticket } = started.json;
  const options = await reset.req('POST', '/api/v1/reset/security-key', { body: { ticket, option_id: option.id } });
  assert.equal(options.status, 201, options.text);
  const proof = await reset.req('POST', '/api/v1/reset/security-key/verify', { body: { ticket, challenge_id: options.json.challenge_id, credential: key.get(options.json.public_key, worker.base) } });
  assert.deepEqual(proof.json, { passed: [option.id], required: 1 });
  assert.equal((await reset.req('POST', '/api/v1/reset/password', { body: { ticket, password: 'keys open every door' } })).status, 204);
  assert.equal((await new Client(worker.base).signIn({ username: 'admin@contoso.com', password: 'keys open every door' })).status, 200);
});

test('a passkey signs in without a username; unknown keys and replays are refused', async () => {
  // Pradeep (Fabrikam) holds no method yet.
  const PRADEEP = { username: 'pradeep@fabrikam.com', password: 'Pradeep-demo-2026' };
  const c = new Client(worker.base, '/t/fabrikam');
  assert.equal((await c.signIn(PRADEEP)).status, 200);
  const key = new SoftKey(-8);
  assert.equal((await register(c, key, 'Passkey')).status, 201);
  const anyone = new Client(worker.base, '/t/fabrikam');
  const options = await post(anyone, '/api/v1/session/passkey');
  assert.equal(options.status, 201, options.text);
  assert.deepEqual(options.json.public_key.allowCredentials ?? [], [], 'no user named, no keys listed');
  assert.equal(options.json.public_key.userVerification, 'required');
  const credential = key.get(options.json.public_key, worker.base);
  const answer = await post(anyone, '/api/v1/session/passkey/verify', { challenge_id: options.json.challenge_id, credential });
  assert.equal(answer.status, 200, answer.text);
  assert.equal(answer.json.username, PRADEEP.username);
  assert.equal(answer.json.second_step.state, 'passed');
  anyone.csrf = answer.json.csrf_token;
  assert.equal((await anyone.req('GET', '/api/v1/methods')).status, 200, 'a full session');

  const replay = await post(new Client(worker.base, '/t/fabrikam'), '/api/v1/session/passkey/verify', { challenge_id: options.json.challenge_id, credential });
  assert.equal(replay.json.code, 'no-pending-verification');
  const stranger = new Client(worker.base, '/t/fabrikam');
  const again = await post(stranger, '/api/v1/session/passkey');
  const unknown = await post(stranger, '/api/v1/session/passkey/verify', { challenge_id: again.json.challenge_id, credential: new SoftKey(-7).get(again.json.public_key, worker.base) });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.json.code, 'key-rejected');
  assert.equal(stranger.cookies.size, 0, 'no session');
});

// Security review (low): made-up ids must not leave lasting Durable Objects. A passkey
// answer to a ceremony nobody started is spent in its own ledger, which deletes
// itself (a Durable Object alarm) when the ceremony it names would have run out.
test('finding low: a made-up passkey ceremony leaves no lasting object', async () => {
  const stranger = new Client(worker.base, '/t/fabrikam');
  const headers = { 'cf-connecting-ip': '198.51.100.77' };
  const options = await stranger.req('POST', '/api/v1/session/passkey', { headers });
  const id = `madeup${Date.now()}`;
  const expires = Date.now() + 2000;
  const credential = new SoftKey(-7).get(options.json.public_key, worker.base);
  const answer = await stranger.req('POST', '/api/v1/session/passkey/verify', { headers, body: { challenge_id: `${id}-${expires}`, credential } });
  assert.equal(answer.status, 400, answer.text);
  const peek = async () => (await fetch(`${worker.base}/dev/ledger?name=${encodeURIComponent(`pk/fabrikam/${id}`)}`)).json();
  assert.deepEqual(await peek(), { stored: true, alarm: expires }, 'spent, with its alarm at the expiry');
  // A replay meanwhile is refused (spent), not accepted.
  const replay = await stranger.req('POST', '/api/v1/session/passkey/verify', { headers, body: { challenge_id: `${id}-${expires}`, credential } });
  assert.equal(replay.json.code, 'no-pending-verification');
  let seen;
  for (let i = 0; i < 50; i++) {
    seen = await peek();
    if (!seen.stored) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.deepEqual(seen, { stored: false, alarm: null }, 'deleted when it ran out');
});
