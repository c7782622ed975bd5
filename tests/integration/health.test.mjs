// Account health: the advice on GET /api/v1/methods follows the user's methods and
// the tenant's reset policy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, Client, DEMO } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

async function addApp(c, name) {
  const done = await c.registerApp(name);
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
  const lines = worker.log().split('\n').filter((l) => l.includes('"status"') && l.includes('"storage"'))
    .map((l) => JSON.parse(l.slice(l.indexOf('{'))));
  const line = lines.at(-1);
  // The route's template and the tenant, not the path (which may carry ids).
  assert.deepEqual(Object.keys(line).sort(), ['id', 'method', 'ms', 'route', 'status', 'storage', 'tenant']);
  assert.equal(line.route, 'GET /api/v1/session');
  assert.equal(line.tenant, 'contoso');
  assert.equal(line.status, 200);
  // What it asked of storage: reading a session writes nothing.
  assert.deepEqual(Object.keys(line.storage).sort(), ['kv_lists', 'kv_reads', 'kv_writes', 'ledger_calls']);
  assert.equal(line.storage.kv_writes, 0);
  // A path no route matches is logged as sent.
  assert.ok(lines.some((l) => l.path === '/api/v1/nope' && l.status === 404 && !l.route));
  assert.ok(lines.every((l) => !JSON.stringify(l).includes('secret-looking-value')), 'no query in our lines');
  // A signed-in request names its user by a digest only.
  const c = new Client(worker.base);
  assert.equal((await c.signIn(DEMO.adele)).status, 200);
  assert.equal((await c.req('GET', '/api/v1/methods')).status, 200);
  await new Promise((r) => setTimeout(r, 200));
  const mine = worker.log().split('\n').filter((l) => l.includes('"route":"GET /api/v1/methods"')).map((l) => JSON.parse(l.slice(l.indexOf('{'))));
  assert.match(mine.at(-1).user, /^[0-9a-f]{16}$/);
  assert.ok(!worker.log().includes(DEMO.adele.username), 'no usernames in the log');
});
