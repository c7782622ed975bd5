// App passwords over HTTP: shown once, used by a non-browser client with HTTP Basic,
// refused after delete, at most 40 per user even when created in parallel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, Client, DEMO } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

const whoami = (user, secret) => fetch(`${worker.base}/api/v1/legacy/whoami`, {
  headers: { authorization: `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}` },
});

async function signedIn(user) {
  const c = new Client(worker.base);
  assert.equal((await c.signIn(user)).status, 200);
  return c;
}

test('an app password works once issued and fails after delete', async () => {
  const c = await signedIn(DEMO.adele);
  const created = await c.req('POST', '/api/v1/methods/app-password', { body: { name: 'Outlook 2010' } });
  assert.equal(created.status, 201, created.text);
  assert.match(created.json.password, /^[a-z]{4} [a-z]{4} [a-z]{4} [a-z]{4}$/);
  assert.deepEqual(created.json.method.detail, { kind: 'app-password', name: 'Outlook 2010' });
  const listed = (await c.req('GET', '/api/v1/methods')).json.methods;
  assert.ok(!JSON.stringify(listed).includes(created.json.password.replace(/ /g, '')), 'never listed again');

  const ok = await whoami(DEMO.adele.username, created.json.password.replace(/ /g, ''));
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { username: DEMO.adele.username, display_name: 'Adele Vance' });
  const used = (await c.req('GET', '/api/v1/methods')).json.methods.find((m) => m.id === created.json.method.id);
  assert.ok(used.last_used_at > 0, 'last used is updated');

  const wrong = await whoami(DEMO.adele.username, 'abcdabcdabcdabcd');
  assert.equal(wrong.status, 401);
  assert.match(wrong.headers.get('www-authenticate'), /^Basic realm=/);
  assert.equal((await wrong.json()).code, 'invalid-credentials');
  assert.equal((await fetch(`${worker.base}/api/v1/legacy/whoami`)).status, 401);

  assert.equal((await c.req('DELETE', `/api/v1/methods/${created.json.method.id}`)).status, 204);
  assert.equal((await whoami(DEMO.adele.username, created.json.password)).status, 401);

  // Each action is in Recent activity, newest first, with address and device.
  const activity = (await c.req('GET', '/api/v1/activity', { headers: { 'user-agent': 'node-test' } })).json;
  const kinds = activity.entries.map((e) => e.activity.kind);
  assert.deepEqual(kinds.slice(0, 4), ['app-password-deleted', 'app-password-used', 'app-password-created', 'signed-in']);
  assert.equal(activity.entries[1].activity.name, 'Outlook 2010');
  assert.equal(activity.entries[0].ip, '127.0.0.1');
  assert.equal(activity.next, null);
});

test('the account password is refused there once two-step verification is on', async () => {
  // Without a second-step method the password works like before.
  assert.equal((await whoami(DEMO.adele.username, DEMO.adele.password)).status, 200);
  const c = await signedIn(DEMO.adele);
  const done = await c.registerApp('Phone');
  assert.equal(done.status, 201, done.text);
  const refused = await whoami(DEMO.adele.username, DEMO.adele.password);
  assert.equal(refused.status, 401);
  assert.equal((await refused.json()).code, 'app-password-required');
  const unknown = await whoami('nobody@contoso.com', 'whatever');
  assert.equal(unknown.status, 401);
  assert.equal((await unknown.json()).code, 'invalid-credentials');
});

test('at most 40 per user, also when created in parallel from two devices', async () => {
  const a = await signedIn(DEMO.alex);
  const b = await signedIn(DEMO.alex);
  const results = await Promise.all(Array.from({ length: 44 }, (_, i) =>
    (i % 2 ? a : b).req('POST', '/api/v1/methods/app-password', { body: { name: `Device ${i}` } })));
  const made = results.filter((r) => r.status === 201).length;
  const refused = results.filter((r) => r.status === 409);
  assert.equal(made, 40);
  assert.equal(refused.length, 4);
  assert.equal(refused[0].json.code, 'too-many-app-passwords');
  const methods = (await a.req('GET', '/api/v1/methods')).json.methods.filter((m) => m.detail.kind === 'app-password');
  assert.equal(methods.length, 40);
  // Deleting one frees a place.
  assert.equal((await a.req('DELETE', `/api/v1/methods/${methods[0].id}`)).status, 204);
  assert.equal((await a.req('POST', '/api/v1/methods/app-password', { body: { name: 'Again' } })).status, 201);
});
