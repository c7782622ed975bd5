// The admin page's users over HTTP: find, create with a one-time pass, turn off
// (every way in refused, sessions end) and on, delete a method, require
// registration again, export and delete; only administrators, every action audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, Client, DEMO, totp, outboxCode } from '../harness.mjs';

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

async function withPass(username, pass) {
  const c = new Client(worker.base);
  const r = await c.req('POST', '/api/v1/session/access-pass', { body: { username, pass } });
  if (r.status === 200) c.csrf = r.json.csrf_token;
  return { c, r };
}

const whoami = (username, secret) => fetch(`${worker.base}/api/v1/legacy/whoami`, {
  headers: { authorization: `Basic ${Buffer.from(`${username}:${secret}`).toString('base64')}` },
});

async function find(admin, q) {
  const r = await admin.req('GET', `/api/v1/admin/users?q=${encodeURIComponent(q)}`);
  assert.equal(r.status, 200, r.text);
  return r.json.users;
}

test('only administrators see users; search matches names and usernames', async () => {
  const user = await signedIn(DEMO.adele);
  const refused = await user.req('GET', '/api/v1/admin/users');
  assert.equal(refused.status, 403);
  assert.equal(refused.json.code, 'forbidden');
  assert.equal((await new Client(worker.base).req('GET', '/api/v1/admin/users')).status, 401);
  const admin = await signedIn(ADMIN);
  const vance = await find(admin, 'vance');
  assert.deepEqual(vance.map((u) => [u.username, u.display_name, u.disabled]), [[DEMO.adele.username, 'Adele Vance', false]]);
  assert.match(vance[0].id, /^[0-9a-f]{32}$/, 'random permanent ids');
  assert.equal((await find(admin, 'ALEX@')).length, 1);
  assert.deepEqual(await find(admin, 'nobody-by-that-name'), []);
  const unknown = await admin.req('GET', '/api/v1/admin/users/0123456789abcdef0123456789abcdef');
  assert.equal(unknown.status, 404);
  assert.equal(unknown.json.code, 'user-not-found');
});

test('a new user gets a one-time pass; a taken or malformed name changes nothing', async () => {
  const admin = await signedIn(ADMIN);
  const created = await admin.req('POST', '/api/v1/admin/users', { body: { username: 'Lidia@Contoso.com', display_name: 'Lidia Holloway', email: 'lidia.h@contoso.com' } });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.json.user.username, 'lidia@contoso.com');
  assert.match(created.json.pass, /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  for (const [body, code] of [
    [{ username: 'lidia@contoso.com', display_name: 'Again' }, 'username-taken'],
    [{ username: 'a/b', display_name: 'Slash' }, 'invalid-username'],
    [{ username: 'quentin@contoso.com', display_name: ' ' }, 'invalid-display-name'],
    [{ username: 'y@contoso.com', display_name: 'Y', email: 'nope' }, 'invalid-email'],
  ]) {
    const r = await admin.req('POST', '/api/v1/admin/users', { body });
    assert.equal(r.json.code, code, JSON.stringify(body));
  }
  assert.equal((await admin.req('POST', '/api/v1/admin/users', { body: { username: 'z@contoso.com', display_name: 'Z', admin: true } })).status, 400, 'unknown fields');
  assert.deepEqual(await find(admin, 'quentin'), []);
  const first = await withPass('lidia@contoso.com', created.json.pass);
  assert.equal(first.r.status, 200, first.r.text);
  assert.equal((await withPass('lidia@contoso.com', created.json.pass)).r.status, 401, 'once');
  const trail = (await admin.req('GET', '/api/v1/admin/audit')).json.map((e) => e.action);
  assert.deepEqual(trail[0], { kind: 'user-created', username: 'lidia@contoso.com' });
});

test('a user turned off gets in by no way and is signed out; turned on, they are back', async () => {
  const admin = await signedIn(ADMIN);
  const alex = await signedIn(DEMO.alex);
  const appPassword = await alex.req('POST', '/api/v1/methods/app-password', { body: { name: 'Mail' } });
  assert.equal(appPassword.status, 201, appPassword.text);
  const [{ id }] = await find(admin, DEMO.alex.username);
  const pass = (await admin.req('POST', '/api/v1/admin/access-passes', { body: { username: DEMO.alex.username, minutes: 60, one_time: false } })).json.pass;

  const off = await admin.req('PUT', `/api/v1/admin/users/${id}/state`, { body: { disabled: true } });
  assert.equal(off.status, 200, off.text);
  assert.equal(off.json.disabled, true);
  assert.equal((await alex.req('GET', '/api/v1/methods')).status, 401, 'the session ended');
  const again = await new Client(worker.base).signIn(DEMO.alex);
  assert.equal(again.status, 403);
  assert.equal(again.json.code, 'account-disabled');
  const wrong = await new Client(worker.base).signIn({ ...DEMO.alex, password: 'not-his-password-2026' });
  assert.equal(wrong.json.code, 'invalid-credentials', 'only someone with the password learns it');
  assert.equal((await withPass(DEMO.alex.username, pass)).r.status, 401, 'the pass ended');
  const legacy = await whoami(DEMO.alex.username, appPassword.json.password);
  assert.equal(legacy.status, 403);
  assert.equal((await legacy.json()).code, 'account-disabled');
  const self = await admin.req('PUT', `/api/v1/admin/users/${(await find(admin, 'admin@'))[0].id}/state`, { body: { disabled: true } });
  assert.equal(self.status, 403, 'not oneself');

  const on = await admin.req('PUT', `/api/v1/admin/users/${id}/state`, { body: { disabled: false } });
  assert.equal(on.json.disabled, false);
  assert.equal((await new Client(worker.base).signIn(DEMO.alex)).status, 200);
  assert.equal((await whoami(DEMO.alex.username, appPassword.json.password)).status, 200);
  const trail = (await admin.req('GET', '/api/v1/admin/audit')).json.map((e) => e.action.kind);
  assert.deepEqual(trail.slice(0, 2), ['user-enabled', 'user-disabled']);
});

test('an admin deletes a method, requires registration again, exports and deletes a user', async () => {
  const admin = await signedIn(ADMIN);
  const created = (await admin.req('POST', '/api/v1/admin/users', { body: { username: 'megan@contoso.com', display_name: 'Megan Test' } })).json;
  const { c } = await withPass('megan@contoso.com', created.pass);
  const app = await c.registerApp('Phone');
  assert.equal(app.status, 201, app.text);
  const codes = await c.req('POST', '/api/v1/methods/recovery-codes');
  assert.equal(codes.status, 201, codes.text);
  const id = created.user.id;
  let detail = (await admin.req('GET', `/api/v1/admin/users/${id}`)).json;
  assert.deepEqual(detail.methods.map((m) => m.detail.kind).sort(), ['authenticator-app', 'recovery-codes']);
  assert.equal(detail.default_method, app.json.id);

  const gone = await admin.req('DELETE', `/api/v1/admin/users/${id}/methods/${app.json.id}`);
  assert.equal(gone.status, 204, gone.text);
  detail = (await admin.req('GET', `/api/v1/admin/users/${id}`)).json;
  assert.deepEqual(detail.methods.map((m) => m.detail.kind), ['recovery-codes']);
  assert.equal((await admin.req('DELETE', `/api/v1/admin/users/${id}/methods/${app.json.id}`)).json.code, 'method-not-found');

  assert.equal((await admin.req('POST', `/api/v1/admin/users/${id}/require-registration`)).status, 204);
  detail = (await admin.req('GET', `/api/v1/admin/users/${id}`)).json;
  assert.deepEqual(detail.methods, [], 'recovery codes serve the second step too');
  assert.equal(detail.user.must_register, true);
  assert.equal((await c.req('GET', '/api/v1/methods')).status, 401, 'signed out');

  const exported = await admin.req('GET', `/api/v1/admin/users/${id}/export`);
  assert.equal(exported.status, 200);
  assert.equal(exported.json.user.username, 'megan@contoso.com');
  assert.ok(exported.json.activity.length > 0);
  assert.doesNotMatch(exported.text, /argon2/);
  assert.equal((await admin.req('DELETE', `/api/v1/admin/users/${id}`)).status, 204);
  assert.equal((await admin.req('GET', `/api/v1/admin/users/${id}`)).status, 404);
  assert.deepEqual(await find(admin, 'megan@'), []);
  const trail = (await admin.req('GET', '/api/v1/admin/audit')).json.map((e) => e.action.kind);
  assert.deepEqual(trail.slice(0, 5), ['user-deleted', 'user-exported', 'registration-required', 'user-method-deleted', 'user-created']);
});

test('the help desk: the Users page only, and a user\'s methods only after the caller read back a code', async () => {
  const admin = await signedIn(ADMIN);
  const [adele] = await find(admin, DEMO.adele.username);
  const made = await admin.req('PUT', `/api/v1/admin/users/${adele.id}/role`, { body: { role: 'help-desk' } });
  assert.equal(made.status, 200, made.text);
  assert.equal(made.json.role, 'help-desk');
  assert.equal((await admin.req('PUT', `/api/v1/admin/users/${adele.id}/role`, { body: { role: 'owner' } })).status, 400);
  const desk = await signedIn(DEMO.adele);
  assert.equal((await desk.req('GET', '/api/v1/session')).json.help_desk, true);
  assert.equal((await desk.req('GET', '/api/v1/admin/settings')).status, 403);
  assert.equal((await desk.req('GET', '/api/v1/admin/scim-tokens')).status, 403);

  // Alex's phone, registered by text.
  const alex = await signedIn(DEMO.alex);
  let t0 = Date.now();
  const start = await alex.req('POST', '/api/v1/methods/phone', { body: { country: 'NL', number: '06 1234 5690' } });
  assert.equal(start.status, 201, start.text);
  const phone = await alex.req('POST', '/api/v1/methods/phone/verify', { body: { challenge_id: start.json.challenge_id, code: await outboxCode(worker.base, 'sms', '+31612345690', t0) } });
  assert.equal(phone.status, 201, phone.text);
  const [{ id }] = await find(desk, DEMO.alex.username);

  const early = await desk.req('DELETE', `/api/v1/admin/users/${id}/methods/${phone.json.id}`);
  assert.equal(early.status, 403);
  assert.equal(early.json.code, 'caller-not-verified');
  t0 = Date.now();
  const check = await desk.req('POST', `/api/v1/admin/users/${id}/verify-caller`, { body: { method_id: phone.json.id } });
  assert.equal(check.status, 200, check.text);
  assert.match(check.json.sent_to, /90$/);
  const code = await outboxCode(worker.base, 'sms', '+31612345690', t0);
  const wrong = await desk.req('POST', `/api/v1/admin/users/${id}/verify-caller/check`, { body: { method_id: phone.json.id, challenge_id: check.json.challenge_id, code: code === '000000' ? '000001' : '000000' } });
  assert.equal(wrong.json.code, 'invalid-code');
  const passed = await desk.req('POST', `/api/v1/admin/users/${id}/verify-caller/check`, { body: { method_id: phone.json.id, challenge_id: check.json.challenge_id, code } });
  assert.equal(passed.status, 200, passed.text);
  assert.equal((await desk.req('GET', `/api/v1/admin/users/${id}`)).json.caller_verified_until, passed.json.until);
  const gone = await desk.req('DELETE', `/api/v1/admin/users/${id}/methods/${phone.json.id}`);
  assert.equal(gone.status, 204, gone.text);
  // Never for an admin.
  const [megan] = await find(desk, 'admin@');
  assert.equal((await desk.req('POST', `/api/v1/admin/users/${megan.id}/sign-out`)).status, 403);

  const trail = (await admin.req('GET', '/api/v1/admin/audit')).json;
  const kinds = trail.slice(0, 4).map((e) => [e.action.kind, e.action.passed]);
  assert.deepEqual(kinds, [['user-method-deleted', undefined], ['caller-checked', true], ['caller-checked', false], ['role-changed', undefined]]);
  assert.equal((await admin.req('PUT', `/api/v1/admin/users/${adele.id}/role`, { body: { role: 'user' } })).status, 200);
  assert.equal((await desk.req('GET', `/api/v1/admin/users?q=`)).status, 403, 'the role goes at once');
});

test('authentication methods activity: counts by strength and method, second steps, and a CSV', async () => {
  const admin = await signedIn(ADMIN);
  const adele = await signedIn(DEMO.adele);
  const app = await adele.registerApp('Phone');
  assert.equal(app.status, 201, app.text);
  // A wrong second step and a right one, with the app.
  const again = new Client(worker.base);
  await again.signIn(DEMO.adele);
  const wrong = totp(app.secret) === '000000' ? '111111' : '000000';
  assert.equal((await again.req('POST', '/api/v1/session/second-step', { body: { method_id: app.json.id, code: wrong } })).status, 400);
  assert.equal((await again.req('POST', '/api/v1/session/second-step', { body: { method_id: app.json.id, code: totp(app.secret, Date.now() + 30_000) } })).status, 200);

  const r = await admin.req('GET', '/api/v1/admin/reports/methods');
  assert.equal(r.status, 200, r.text);
  const report = r.json;
  assert.equal(report.users, report.rows.length);
  assert.equal(report.by_strength.reduce((n, s) => n + s.users, 0), report.users);
  const row = report.rows.find((x) => x.username === DEMO.adele.username);
  assert.ok(row.methods.includes('authenticator-app') && row.mfa_registered, JSON.stringify(row));
  assert.notEqual(row.strength, 'none');
  assert.ok(report.admins_without_phishing_resistant.includes(ADMIN.username));
  const usage = report.usage.find((u) => u.method === 'authenticator-app');
  assert.ok(usage.succeeded >= 1 && usage.failed >= 1, JSON.stringify(report.usage));
  assert.equal(report.without_mfa.includes(DEMO.adele.username), false);

  const csv = await fetch(`${worker.base}/api/v1/admin/reports/methods.csv`, { headers: { cookie: `sid=${admin.cookies.get('sid')}` } });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.match(csv.headers.get('content-disposition'), /attachment/);
  const lines = (await csv.text()).trim().split('\r\n');
  assert.equal(lines[0], 'username,display_name,role,disabled,mfa_registered,reset_registered,strength,methods,last_sign_in_at');
  assert.equal(lines.length, report.users + 1);
  assert.ok(lines.some((l) => l.startsWith(`${DEMO.adele.username},Adele Vance,`)));
  assert.equal((await adele.req('GET', '/api/v1/admin/reports/methods')).status, 403);
  assert.equal((await fetch(`${worker.base}/api/v1/admin/reports/methods.csv`)).status, 401);
});
