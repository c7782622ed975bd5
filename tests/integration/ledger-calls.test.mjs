// One call to the user's Durable Object per request where it counts (issue 25 #3),
// read from the worker's own log line per request (`storage.ledger_calls`): the
// second step with an authenticator app's code, wrong or right, and Security info's
// page, which carries the user's list. The session's checks still hold on that
// path: a forged CSRF token or an ended session is refused and counts nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, Client, DEMO, totp } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

const wrong = (code) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

test('an app\'s code at the second step is one ledger call, wrong or right; its checks still refuse', async () => {
  const owner = new Client(worker.base);
  assert.equal((await owner.signIn(DEMO.alex)).status, 200);
  const app = await owner.registerApp('Phone');
  assert.equal(app.status, 201, app.text);

  const c = new Client(worker.base);
  const signedIn = await c.signIn(DEMO.alex);
  assert.equal(signedIn.json.second_step.state, 'required');
  const step = (code, headers = {}) => c.req('POST', '/api/v1/session/second-step', { body: { method_id: app.json.id, code }, headers });
  await worker.requests();

  // Refused before any try: another CSRF token, no session.
  assert.equal((await step(wrong(totp(app.secret)), { 'x-csrf-token': 'forged' })).json.code, 'csrf-rejected');
  const stranger = new Client(worker.base);
  const none = await stranger.req('POST', '/api/v1/session/second-step', { body: { method_id: app.json.id, code: '123456' } });
  assert.equal(none.status, 401);

  const bad = await step(wrong(totp(app.secret)));
  assert.equal(bad.json.code, 'invalid-code', bad.text);
  // The forged token counted nothing: a first wrong code has no delay yet.
  let lines = (await worker.requests()).filter((l) => l.route === 'POST /api/v1/session/second-step');
  assert.equal(lines.at(-1).storage.ledger_calls, 1, JSON.stringify(lines.at(-1)));
  assert.equal(lines.at(-1).storage.kv_writes, 0);
  assert.match(lines.at(-1).user ?? '', /^[0-9a-f]{16}$/, 'the log names the user');

  // The next step's code (the one used at registration is spent).
  await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 200));
  const good = await step(totp(app.secret));
  assert.equal(good.status, 200, good.text);
  assert.equal(good.json.second_step.state, 'passed');
  lines = (await worker.requests()).filter((l) => l.route === 'POST /api/v1/session/second-step');
  assert.equal(lines.at(-1).storage.ledger_calls, 1);
  // The session lives on under the new cookie; Security info's page is one call.
  assert.equal((await c.req('GET', '/api/v1/methods')).status, 200);
  const page = await c.req('GET', '/');
  assert.match(page.text, /data-kind="authenticator-app"/);
  const pageLine = (await worker.requests()).find((l) => l.method === 'GET' && l.path === '/');
  assert.equal(pageLine?.storage.ledger_calls, 1, JSON.stringify(pageLine));
  // Both outcomes are in the activity.
  const activity = await c.req('GET', '/api/v1/activity');
  const kinds = activity.json.entries.map((e) => e.activity.kind);
  assert.ok(kinds.includes('second-step-passed') && kinds.includes('second-step-failed'), kinds.join());
});
