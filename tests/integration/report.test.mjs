// "This wasn't me" over HTTP: the link in a change notice removes the added method,
// ends every session, blocks the password, works once, and shows in the audit trail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, Client, DEMO, outboxCode } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

async function signedIn(user) {
  const c = new Client(worker.base);
  const r = await c.signIn(user);
  assert.equal(r.status, 200, r.text);
  return c;
}

/** The newest notice to `to` since `after` that carries a report link: its token. */
async function reportToken(to, after) {
  for (let i = 0; i < 50; i++) {
    const messages = await (await fetch(`${worker.base}/dev/outbox.json`)).json();
    const notice = messages.find((m) => m.channel === 'email' && m.to === to && m.sent_at >= after && m.text.includes('/report#'));
    if (notice) {
      const link = notice.text.match(/(http\S+\/report#[0-9a-f]{64})/)[1];
      assert.ok(link.startsWith(`${worker.base}/report#`), link);
      return link.split('#')[1];
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no notice to ${to}`);
}

test('the link removes the added method, ends every session and blocks the password', async () => {
  const a = await signedIn(DEMO.alex);
  const b = await signedIn(DEMO.alex);
  const t0 = Date.now();
  const start = await a.req('POST', '/api/v1/methods/email', { body: { address: 'intruder@example.org' } });
  assert.equal(start.status, 201, start.text);
  const added = await a.req('POST', '/api/v1/methods/email/verify', { body: { challenge_id: start.json.challenge_id, code: await outboxCode(worker.base, 'email', 'intruder@example.org', t0) } });
  assert.equal(added.status, 201, added.text);
  const token = await reportToken(DEMO.alex.username, t0);

  const anyone = new Client(worker.base);
  const bad = await anyone.req('POST', '/api/v1/report', { body: { token: 'f'.repeat(64) } });
  assert.equal(bad.status, 404);
  assert.equal(bad.json.code, 'report-invalid');
  const reported = await anyone.req('POST', '/api/v1/report', { body: { token } });
  assert.equal(reported.status, 200, reported.text);
  // Alex had nothing else: told at once that a reset cannot work.
  assert.deepEqual(reported.json, { change: { kind: 'method-added', method: 'email' }, undone: true, can_reset: false });

  for (const c of [a, b]) {
    const r = await c.req('GET', '/api/v1/methods');
    assert.equal(r.status, 401);
  }
  const blocked = await new Client(worker.base).signIn(DEMO.alex);
  assert.equal(blocked.status, 403);
  assert.equal(blocked.json.code, 'password-reset-required');
  const again = await anyone.req('POST', '/api/v1/report', { body: { token } });
  assert.equal(again.json.code, 'report-invalid', 'single use');

  const admin = await signedIn({ username: 'admin@contoso.com', password: 'Admin-demo-2026' });
  const trail = (await admin.req('GET', '/api/v1/admin/audit')).json;
  assert.deepEqual(trail[0].action, { kind: 'change-reported', username: DEMO.alex.username, change: { kind: 'method-added', method: 'email' } });
});
