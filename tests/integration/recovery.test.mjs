// Recovery codes over HTTP: ten shown once, a code passes the second step exactly
// once (also when two devices send it at the same moment), the user is mailed on
// every use, and regenerating voids the old set.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, Client, DEMO } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

const CODE = /^[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}$/;

async function signedIn(user) {
  const c = new Client(worker.base);
  const res = await c.signIn(user);
  assert.equal(res.status, 200, res.text);
  return { c, session: res.json };
}

const recovery = async (c) => (await c.req('GET', '/api/v1/methods')).json.methods.find((m) => m.id === 'recovery-codes');

test('codes pass the second step once each, even sent in parallel, and each use is mailed', async () => {
  const { c } = await signedIn(DEMO.adele);
  const app = await c.registerApp('Phone');
  assert.equal(app.status, 201, app.text);
  const created = await c.req('POST', '/api/v1/methods/recovery-codes');
  assert.equal(created.status, 201, created.text);
  const codes = created.json.codes;
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);
  for (const code of codes) assert.match(code, CODE);
  assert.deepEqual((await recovery(c)).detail, { kind: 'recovery-codes', remaining: 10, total: 10 });
  const listed = (await c.req('GET', '/api/v1/methods')).text;
  assert.ok(codes.every((code) => !listed.includes(code) && !listed.includes(code.replace(/-/g, ''))), 'never listed again');

  // A new sign-in offers the codes last, never as the default.
  const a = await signedIn(DEMO.adele);
  const b = await signedIn(DEMO.adele);
  const step = a.session.second_step;
  assert.equal(step.state, 'required');
  assert.equal(step.methods.at(-1).kind, 'recovery-codes');
  assert.notEqual(step.default_method, 'recovery-codes');

  const t0 = Date.now();
  const [ra, rb] = await Promise.all([a.c, b.c].map((x) => x.req('POST', '/api/v1/session/second-step', { body: { method_id: 'recovery-codes', code: codes[0].toUpperCase() } })));
  const statuses = [ra.status, rb.status].sort();
  assert.deepEqual(statuses, [200, 400], `${ra.text} ${rb.text}`);
  const refused = ra.status === 400 ? ra : rb;
  assert.equal(refused.json.code, 'recovery-code-used');
  assert.deepEqual((await recovery(c)).detail, { kind: 'recovery-codes', remaining: 9, total: 10 });

  const wrong = await signedIn(DEMO.adele);
  const bad = await wrong.c.req('POST', '/api/v1/session/second-step', { body: { method_id: 'recovery-codes', code: '123456' } });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.code, 'invalid-code');

  let mail;
  for (let i = 0; i < 50 && !mail; i++) {
    const outbox = await (await fetch(`${worker.base}/dev/outbox.json`)).json();
    mail = outbox.find((m) => m.channel === 'email' && m.to === DEMO.adele.username && m.sent_at >= t0 && /recovery code was used/.test(m.text));
    if (!mail) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(mail, 'the user is told a code was used');
  assert.match(mail.text, /9 codes are left/);
  const activity = (await c.req('GET', '/api/v1/activity')).json.entries.map((e) => e.activity);
  assert.ok(activity.some((x) => x.kind === 'recovery-code-used' && x.remaining === 9), JSON.stringify(activity.slice(0, 4)));

  // Regenerate: the old set is void, the new one whole.
  const again = await c.req('POST', '/api/v1/methods/recovery-codes');
  assert.equal(again.status, 201, again.text);
  assert.deepEqual((await recovery(c)).detail, { kind: 'recovery-codes', remaining: 10, total: 10 });
  const d = await signedIn(DEMO.adele);
  const old = await d.c.req('POST', '/api/v1/session/second-step', { body: { method_id: 'recovery-codes', code: codes[1] } });
  assert.equal(old.json.code, 'invalid-code');
  const fresh = await d.c.req('POST', '/api/v1/session/second-step', { body: { method_id: 'recovery-codes', code: again.json.codes[1] } });
  assert.equal(fresh.status, 200, fresh.text);
  assert.equal(fresh.json.second_step.state, 'passed');
});

test('codes cannot become the default and need a recent second step to regenerate', async () => {
  const { c } = await signedIn(DEMO.alex);
  assert.equal((await c.req('POST', '/api/v1/methods/recovery-codes')).status, 201);
  const setDefault = await c.req('PUT', '/api/v1/default-method', { body: { method_id: 'recovery-codes' } });
  assert.equal(setDefault.json.code, 'not-mfa-capable');
  await c.registerApp('Phone');
  // A session still waiting for its second step cannot make new codes.
  const { c: half } = await signedIn(DEMO.alex);
  const refused = await half.req('POST', '/api/v1/methods/recovery-codes');
  assert.equal(refused.json.code, 'second-step-required');
});
