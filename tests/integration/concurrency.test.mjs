// Two devices of one user change their methods at the same moment, round after
// round: the result must equal a sequential order of the same edits, nothing
// registered may be lost, and the default must always be a method that exists and
// can do the second step.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, Client, DEMO, totp } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

const ROUNDS = 21;
const post = (c, path, body) => c.req('POST', path, { body });

async function device() {
  const c = new Client(worker.base);
  const r = await c.signIn(DEMO.alex);
  assert.equal(r.status, 200, r.text);
  return c;
}

/** Registers an authenticator app (a distinct secret each time); resolves to its id. */
async function addApp(c, name, { withSecret = false } = {}) {
  const setup = await post(c, '/api/v1/methods/authenticator');
  assert.equal(setup.status, 201, setup.text);
  const done = await post(c, '/api/v1/methods/authenticator/verify',
    { challenge_id: setup.json.challenge_id, code: totp(setup.json.secret, Date.now()), name });
  assert.equal(done.status, 201, `${name}: ${done.text}`);
  return withSecret ? { id: done.json.id, secret: setup.json.secret } : done.json.id;
}

async function removeMethod(c, id) {
  const r = await c.req('DELETE', `/api/v1/methods/${id}`);
  assert.equal(r.status, 204, r.text);
}

async function chooseDefault(c, id) {
  const r = await c.req('PUT', '/api/v1/default-method', { body: { method_id: id } });
  assert.equal(r.status, 204, r.text);
}

test(`${ROUNDS} rounds of parallel add/add, add/delete and delete-default/change-default from two devices`, async () => {
  // Device A registers the first method; device B then signs in and passes the
  // second step with it, as a second device would.
  const a = await device();
  const expected = new Map(); // the model: id -> name of every method that must exist
  const { id: first, secret } = await addApp(a, 'seed 1', { withSecret: true });
  expected.set(first, 'seed 1');
  const b = await device();
  const passed = await post(b, '/api/v1/session/second-step', { method_id: first, code: totp(secret, Date.now() + 30_000) });
  assert.equal(passed.status, 200, passed.text);
  const second = await addApp(b, 'seed 2');
  expected.set(second, 'seed 2');
  let expectedDefault = first;

  for (let round = 0; round < ROUNDS; round++) {
    const ids = [...expected.keys()];
    const kind = ['add/add', 'add/delete', 'delete-default/change-default'][round % 3];
    if (kind === 'add/add') {
      const [x, y] = await Promise.all([addApp(a, `r${round} a`), addApp(b, `r${round} b`)]);
      expected.set(x, `r${round} a`).set(y, `r${round} b`);
    } else if (kind === 'add/delete') {
      const victim = ids.find((id) => id !== expectedDefault);
      const [x] = await Promise.all([addApp(a, `r${round} a`), removeMethod(b, victim)]);
      expected.set(x, `r${round} a`);
      expected.delete(victim);
    } else {
      // One device deletes the default while the other makes another method the
      // default: in either order the chosen one ends up the default.
      const chosen = ids.find((id) => id !== expectedDefault);
      const old = expectedDefault;
      await Promise.all([removeMethod(a, old), chooseDefault(b, chosen)]);
      expected.delete(old);
      expectedDefault = chosen;
    }

    for (const c of [a, b]) {
      const list = await c.req('GET', '/api/v1/methods');
      assert.equal(list.status, 200, list.text);
      const actual = new Map(list.json.methods.map((m) => [m.id, m.detail.name]));
      assert.deepEqual(actual, expected, `round ${round} (${kind}): the list equals the sequential outcome`);
      const def = list.json.methods.find((m) => m.id === list.json.default_method);
      assert.ok(def, `round ${round} (${kind}): the default ${list.json.default_method} exists`);
      assert.equal(def.detail.kind, 'authenticator-app', 'the default can do the second step');
      if (kind === 'delete-default/change-default') assert.equal(list.json.default_method, expectedDefault);
      else expectedDefault = list.json.default_method;
    }
  }
  assert.equal(expected.size, 2 + ROUNDS / 3, "each three rounds add one method net");
});
