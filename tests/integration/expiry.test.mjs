// Session idle expiry on the real runtime, with the idle limit shortened by a var.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, Client, DEMO } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker({ SESSION_IDLE_SECONDS: '2' }); });
after(async () => { await worker?.stop(); });

test('an idle session expires and stays expired', async () => {
  const c = new Client(worker.base);
  assert.equal((await c.signIn(DEMO.adele)).status, 200);
  assert.equal((await c.req('GET', '/api/v1/session')).json.username, DEMO.adele.username);
  await new Promise((r) => setTimeout(r, 2500));
  const r = await c.req('GET', '/api/v1/methods');
  assert.equal(r.status, 401);
  assert.equal(r.json.code, 'unauthenticated');
  assert.equal((await c.req('GET', '/api/v1/session')).json, null);
});
