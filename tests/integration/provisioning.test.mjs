// Provisioning with scripts/tenant.sh against the running worker's state: new users
// get a one-time access pass (no password in the file), and running it again with a
// line inserted at the top keeps every user's id and methods with the right person.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWorker, Client, ROOT, outboxCode } from '../harness.mjs';

let worker;
let dir;
before(async () => {
  worker = await startWorker();
  dir = mkdtempSync(join(tmpdir(), 'provision-'));
});
after(async () => {
  await worker?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const PREFIX = '/t/northwind';
const user = (username, display_name, extra = {}) => ({ username, display_name, ...extra });
const NANCY = user('nancy@northwind.example', 'Nancy Davolio', { admin: true });
const ANDREW = user('andrew@northwind.example', 'Andrew Fuller', { email: 'andrew.fuller@northwind.example' });

/** Runs scripts/tenant.sh on a file with these users; its output. */
function provision(users, ...flags) {
  const file = join(dir, 'tenant.json');
  writeFileSync(file, JSON.stringify({ id: 'northwind', name: 'Northwind Traders', own_domains: ['northwind.example'], users }));
  const r = spawnSync('bash', ['scripts/tenant.sh', file, '--local', '--persist-to', worker.state, ...flags], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  return r.stdout;
}

/** The one-time pass printed for `username`. */
function passOf(output, username) {
  const line = output.split('\n').find((l) => l.trim().startsWith(`${username} `));
  assert.ok(line, output);
  return line.trim().split(/\s+/)[1];
}

async function withPass(username, pass) {
  const c = new Client(worker.base, PREFIX);
  const r = await c.req('POST', '/api/v1/session/access-pass', { body: { username, pass } });
  if (r.status === 200) c.csrf = r.json.csrf_token;
  return { c, r };
}

test('new users get a one-time pass, never a password; a second run with a line inserted keeps everyone', async () => {
  const dry = provision([NANCY, ANDREW], '--dry-run');
  assert.match(dry, /dry run: nothing written/);
  assert.doesNotMatch(dry, /[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}/, 'a dry run issues no pass');
  assert.equal((await withPass(NANCY.username, 'aaaa-bbbb-cccc-dddd')).r.status, 404, 'no tenant was written');

  const first = provision([NANCY, ANDREW]);
  assert.match(first, /add nancy@northwind\.example/);
  // No password works; the pass signs in once.
  const byPassword = await new Client(worker.base, PREFIX).req('POST', '/api/v1/session', { body: { username: ANDREW.username, password: 'Andrew-guess-2026' } });
  assert.equal(byPassword.json.code, 'invalid-credentials');
  const andrewPass = passOf(first, ANDREW.username);
  const andrew = await withPass(ANDREW.username, andrewPass);
  assert.equal(andrew.r.status, 200, andrew.r.text);
  assert.equal((await withPass(ANDREW.username, andrewPass)).r.status, 401, 'one time');
  // Andrew registers an email address with the pass session.
  const started = Date.now();
  const sent = await andrew.c.req('POST', '/api/v1/methods/email', { body: { address: 'andrew@example.org' } });
  assert.equal(sent.status, 201, sent.text);
  const code = await outboxCode(worker.base, 'email', 'andrew@example.org', started);
  const verified = await andrew.c.req('POST', '/api/v1/methods/email/verify', { body: { challenge_id: sent.json.challenge_id, code } });
  assert.equal(verified.status, 201, verified.text);

  // Someone new at the top of the file: positions shift, nobody else changes.
  const MARGARET = user('margaret@northwind.example', 'Margaret Peacock');
  const again = provision([MARGARET, NANCY, ANDREW]);
  assert.match(again, /add margaret@northwind\.example/);
  assert.doesNotMatch(again, /nancy|andrew/);
  const mine = await andrew.c.req('GET', '/api/v1/methods');
  assert.equal(mine.status, 200, 'his session holds');
  assert.deepEqual(mine.json.methods.map((m) => m.detail), [{ kind: 'email', masked_address: 'an•••@example.org' }]);
  const margaret = await withPass(MARGARET.username, passOf(again, MARGARET.username));
  assert.equal(margaret.r.status, 200, margaret.r.text);
  assert.deepEqual((await margaret.c.req('GET', '/api/v1/methods')).json.methods, [], 'she starts with none');
  assert.equal((await withPass(NANCY.username, passOf(first, NANCY.username))).r.status, 200, "Nancy's pass still waits");
  assert.match(provision([MARGARET, NANCY, ANDREW]), /no changes/);
});
