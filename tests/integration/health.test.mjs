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
