// Account health: the advice on GET /api/v1/methods follows the user's methods and
// the tenant's reset policy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, Client, DEMO, totp } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

async function addApp(c, name) {
  const setup = await c.req('POST', '/api/v1/methods/authenticator');
  const done = await c.req('POST', '/api/v1/methods/authenticator/verify',
    { body: { challenge_id: setup.json.challenge_id, code: totp(setup.json.secret), name } });
  assert.equal(done.status, 201, done.text);
  return done.json.id;
}

test('advice changes as methods are added and removed', async () => {
  const c = new Client(worker.base);
  assert.equal((await c.signIn(DEMO.alex)).status, 200);
  const advice = async () => (await c.req('GET', '/api/v1/methods')).json.advice;
  assert.deepEqual(await advice(), [{ kind: 'no-mfa-method' }, { kind: 'no-reset-method', required: 1, registered: 0 }]);
  const first = await addApp(c, 'Phone');
  assert.deepEqual(await advice(), [{ kind: 'single-mfa-method' }]);
  await addApp(c, 'Tablet');
  assert.deepEqual(await advice(), [], 'two apps: nothing to advise');
  assert.equal((await c.req('DELETE', `/api/v1/methods/${first}`)).status, 204);
  assert.deepEqual(await advice(), [{ kind: 'single-mfa-method' }]);
});

test('readiness reaches KV and a ledger; every answer names its request', async () => {
  const ready = await fetch(`${worker.base}/api/v1/ready`);
  assert.equal(ready.status, 200);
  assert.deepEqual(await ready.json(), { ok: true, kv: true, ledger: true });
  const ids = new Set();
  for (const path of ['/api/v1/health', '/api/v1/ready', '/api/v1/session', '/api/v1/nope']) {
    const r = await fetch(worker.base + path);
    const id = r.headers.get('x-request-id');
    assert.match(id ?? '', /^[0-9a-z-]{8,}$/, path);
    ids.add(id);
  }
  assert.equal(ids.size, 4, 'one id per request');
  // The log has one JSON line per request, without the query's tokens.
  await fetch(`${worker.base}/api/v1/session?token=secret-looking-value`);
  await new Promise((r) => setTimeout(r, 200));
  const lines = worker.log().split('\n').filter((l) => l.includes('"status"') && l.includes('"path"'));
  const line = JSON.parse(lines.at(-1).slice(lines.at(-1).indexOf('{')));
  assert.deepEqual(Object.keys(line).sort(), ['id', 'method', 'ms', 'path', 'status', 'storage']);
  // What it asked of storage: reading a session writes nothing.
  assert.deepEqual(Object.keys(line.storage).sort(), ['kv_lists', 'kv_reads', 'kv_writes', 'ledger_calls']);
  assert.equal(line.storage.kv_writes, 0);
  assert.equal(line.path, '/api/v1/session');
  assert.equal(line.status, 200);
  assert.ok(lines.every((l) => !l.includes('secret-looking-value')), 'no query in our lines');
});
