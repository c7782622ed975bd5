// Temporary Access Pass over HTTP: admins issue and revoke (audited), a one-time pass
// signs in exactly once even from two devices at once, the pass session may only
// register methods, and the lost-phone story from pass to deleting the old app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, Client, DEMO, totp } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

const ADMIN = { username: 'admin@contoso.com', password: 'Admin-demo-2026' };

async function signedIn(user) {
  const c = new Client(worker.base);
  const r = await c.signIn(user);
  assert.equal(r.status, 200, r.text);
  return c;
}

async function withPass(user, pass) {
  const c = new Client(worker.base);
  const r = await c.req('POST', '/api/v1/session/access-pass', { body: { username: user.username, pass } });
  if (r.status === 200) c.csrf = r.json.csrf_token;
  return { c, r };
}

async function addApp(c, name) {
  const done = await c.registerApp(name);
  assert.equal(done.status, 201, done.text);
  return { id: done.json.id, secret: done.secret };
}

test('only admins issue passes, within 10 minutes to 8 hours, for users that exist', async () => {
  const user = await signedIn(DEMO.adele);
  const refused = await user.req('POST', '/api/v1/admin/access-passes', { body: { username: DEMO.alex.username, minutes: 60, one_time: true } });
  assert.equal(refused.status, 403);
  assert.equal(refused.json.code, 'forbidden');
  const admin = await signedIn(ADMIN);
  for (const minutes of [5, 481]) {
    const r = await admin.req('POST', '/api/v1/admin/access-passes', { body: { username: DEMO.alex.username, minutes, one_time: true } });
    assert.equal(r.json.code, 'invalid-lifetime', String(minutes));
  }
  const unknown = await admin.req('POST', '/api/v1/admin/access-passes', { body: { username: 'nobody@contoso.com', minutes: 60, one_time: true } });
  assert.equal(unknown.status, 404);
  assert.equal(unknown.json.code, 'user-not-found');
});

test('the lost-phone story: a one-time pass, a new app, the old one deleted', async () => {
  // Alex's phone with the authenticator app is gone.
  const before = await signedIn(DEMO.alex);
  const old = await addApp(before, 'Old phone');

  const admin = await signedIn(ADMIN);
  const issued = await admin.req('POST', '/api/v1/admin/access-passes', { body: { username: DEMO.alex.username, minutes: 60, one_time: true } });
  assert.equal(issued.status, 201, issued.text);
  assert.match(issued.json.pass, /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  const listed = (await admin.req('GET', '/api/v1/admin/access-passes')).json;
  assert.deepEqual(listed.map((p) => [p.username, p.one_time]), [[DEMO.alex.username, true]]);
  assert.ok(!JSON.stringify(listed).includes(issued.json.pass), 'the pass is shown once');

  // Two devices try the one-time pass at the same moment: exactly one gets in.
  const tries = await Promise.all([withPass(DEMO.alex, issued.json.pass), withPass(DEMO.alex, issued.json.pass.toUpperCase())]);
  assert.deepEqual(tries.map((t) => t.r.status).sort(), [200, 401]);
  const refused = tries.find((t) => t.r.status === 401).r;
  assert.equal(refused.json.code, 'access-pass-invalid');
  const { c, r } = tries.find((t) => t.r.status === 200);
  assert.equal(r.json.second_step.state, 'passed');
  assert.ok(r.json.access_pass_until > Date.now());

  // The pass session registers, and nothing else.
  assert.equal((await c.req('GET', '/api/v1/methods')).status, 200);
  const fresh = await addApp(c, 'New phone');
  for (const [method, path, body] of [
    ['DELETE', `/api/v1/methods/${old.id}`],
    ['PUT', '/api/v1/default-method', { method_id: fresh.id }],
    ['GET', '/api/v1/activity'],
    ['POST', '/api/v1/methods/app-password', { name: 'Mail' }],
    ['GET', '/api/v1/admin/settings'],
  ]) {
    const limited = await c.req(method, path, body === undefined ? {} : { body });
    assert.equal(limited.status, 403, `${method} ${path}`);
    assert.equal(limited.json.code, 'access-pass-limited', `${method} ${path}`);
  }

  // Password and the new app sign in; the old app is deleted.
  const next = new Client(worker.base);
  const signIn = await next.signIn(DEMO.alex);
  assert.equal(signIn.json.second_step.state, 'required');
  await new Promise((res) => setTimeout(res, 1000));
  const step = await next.req('POST', '/api/v1/session/second-step', { body: { method_id: fresh.id, code: totp(fresh.secret, Date.now() + 30_000) } });
  assert.equal(step.status, 200, step.text);
  assert.equal((await next.req('DELETE', `/api/v1/methods/${old.id}`)).status, 204);
  const left = (await next.req('GET', '/api/v1/methods')).json.methods.map((m) => m.detail.name);
  assert.deepEqual(left, ['New phone']);
  const activity = (await next.req('GET', '/api/v1/activity')).json.entries.map((e) => e.activity.kind);
  assert.ok(activity.includes('signed-in-with-access-pass'), activity.join());
});

test('revoking a multi-use pass ends its sessions; both actions are audited', async () => {
  const admin = await signedIn(ADMIN);
  const issued = await admin.req('POST', '/api/v1/admin/access-passes', { body: { username: DEMO.adele.username, minutes: 480, one_time: false } });
  assert.equal(issued.status, 201, issued.text);
  const a = await withPass(DEMO.adele, issued.json.pass);
  const b = await withPass(DEMO.adele, issued.json.pass);
  assert.deepEqual([a.r.status, b.r.status], [200, 200], 'multi-use');
  const revoked = await admin.req('DELETE', `/api/v1/admin/access-passes/${issued.json.view.user_id}`);
  assert.equal(revoked.status, 204, revoked.text);
  for (const s of [a, b]) {
    const r = await s.c.req('GET', '/api/v1/methods');
    assert.equal(r.status, 401);
    assert.equal(r.json.code, 'unauthenticated');
  }
  assert.equal((await withPass(DEMO.adele, issued.json.pass)).r.json.code, 'access-pass-invalid');
  const trail = (await admin.req('GET', '/api/v1/admin/audit')).json.map((e) => e.action);
  assert.deepEqual(trail.slice(0, 2), [
    { kind: 'access-pass-revoked', username: DEMO.adele.username },
    { kind: 'access-pass-issued', username: DEMO.adele.username, minutes: 480, one_time: false },
  ]);
});
