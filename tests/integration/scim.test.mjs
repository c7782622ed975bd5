// SCIM 2.0 against the running worker: scim2-tester (PyPI) with zero failures on
// the features the server declares, then the surface directories use: tokens
// (created on the admin page, per tenant, revocable), filters, PATCH as Entra
// sends it, uniqueness, ETags, errors in RFC 7644 form, `active: false` and DELETE
// doing what the admin page's turn-off and delete do, and a PATCH racing an
// admin's action on one user losing nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startWorker, Client, DEMO, ROOT } from '../harness.mjs';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const ADMIN = { username: 'admin@contoso.com', password: 'Admin-demo-2026' };

let worker;
let admin;
let token;
let endpoint;
before(async () => {
  worker = await startWorker();
  admin = new Client(worker.base);
  assert.equal((await admin.signIn(ADMIN)).status, 200);
  const created = await admin.req('POST', '/api/v1/admin/scim-tokens', { body: { name: 'Entra provisioning' } });
  assert.equal(created.status, 201, created.text);
  ({ token, endpoint } = created.json);
});
after(async () => { await worker?.stop(); });

/** A SCIM request with the token (or `auth`), answered as JSON. */
async function scim(method, path, { body, auth = `Bearer ${token}`, headers = {}, base = endpoint } = {}) {
  const h = { accept: 'application/scim+json', ...headers };
  if (auth) h.authorization = auth;
  if (body !== undefined) h['content-type'] = 'application/scim+json';
  const res = await fetch(base + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

const patch = (...Operations) => ({ schemas: [PATCH], Operations });

async function create(userName, extra = {}) {
  const r = await scim('POST', '/Users', { body: { schemas: [USER], userName, displayName: 'Test Person', active: true, ...extra } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  return r.json;
}

test('scim2-tester passes every check of what the server declares', () => {
  const r = spawnSync(join(ROOT, '.venv/bin/python'), [join(ROOT, 'tests/scim/check.py'), endpoint, token], { encoding: 'utf8', timeout: 300_000 });
  const summary = r.stdout.split('\n').find((l) => l.startsWith('summary:')) ?? '';
  console.log(summary);
  assert.equal(r.status, 0, `${r.stdout.split('\n').filter((l) => l.startsWith('FAIL')).join('\n')}\n${r.stderr.slice(-2000)}`);
  assert.match(summary, /success [1-9]\d/);
  assert.doesNotMatch(summary, /error/);
});

test('tokens: only admins make them, shown once; a missing, forged or revoked token gets 401', async () => {
  const user = new Client(worker.base);
  await user.signIn(DEMO.adele);
  assert.equal((await user.req('POST', '/api/v1/admin/scim-tokens', { body: { name: 'Mine' } })).status, 403);
  const listed = (await admin.req('GET', '/api/v1/admin/scim-tokens')).json;
  assert.equal(listed[0].name, 'Entra provisioning');
  assert.ok(!JSON.stringify(listed).includes(token.split('.')[1]), 'never shown again');
  for (const auth of [null, 'Bearer nope', `Bearer ${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`, `Basic ${token}`]) {
    const r = await scim('GET', '/Users', { auth });
    assert.equal(r.status, 401, String(auth));
    assert.deepEqual(r.json.schemas, [ERROR]);
  }
  // Another tenant's root does not know this tenant's token.
  const other = await scim('GET', '/Users', { base: `${worker.base}/t/fabrikam/scim/v2` });
  assert.equal(other.status, 401);
  const spare = (await admin.req('POST', '/api/v1/admin/scim-tokens', { body: { name: 'Spare' } })).json;
  assert.equal((await scim('GET', '/Users', { auth: `Bearer ${spare.token}` })).status, 200);
  assert.equal((await admin.req('DELETE', `/api/v1/admin/scim-tokens/${spare.view.id}`)).status, 204);
  assert.equal((await scim('GET', '/Users', { auth: `Bearer ${spare.token}` })).status, 401, 'revoked');
  const used = (await admin.req('GET', '/api/v1/admin/scim-tokens')).json.find((t) => t.name === 'Entra provisioning');
  assert.ok(used.last_used_at > 0, 'last use shown');
});

test('create, find by the filters Entra uses, and 409 on a taken userName', async () => {
  const created = await create('Ann.Smith@Contoso.com', { externalId: 'entra-oid-1', emails: [{ value: 'ann.smith@contoso.com', type: 'work', primary: true }] });
  assert.equal(created.userName, 'ann.smith@contoso.com');
  assert.match(created.meta.version, /^W\/"\d+"$/);
  assert.equal(created.meta.location, `${endpoint}/Users/${created.id}`);
  for (const filter of ['userName eq "ANN.SMITH@contoso.com"', 'externalId eq "entra-oid-1"', 'emails[type eq "work"].value eq "ann.smith@contoso.com"']) {
    const r = await scim('GET', `/Users?filter=${encodeURIComponent(filter)}`);
    assert.equal(r.status, 200, filter);
    assert.equal(r.json.totalResults, 1, filter);
    assert.equal(r.json.Resources[0].id, created.id, filter);
  }
  const none = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "nobody@contoso.com"')}`);
  assert.deepEqual([none.json.totalResults, none.json.Resources], [0, []]);
  const bad = await scim('GET', `/Users?filter=${encodeURIComponent('title co "x"')}`);
  assert.deepEqual([bad.status, bad.json.scimType], [400, 'invalidFilter']);
  const taken = await scim('POST', '/Users', { body: { schemas: [USER], userName: 'ann.smith@contoso.com' } });
  assert.deepEqual([taken.status, taken.json.scimType, taken.json.status], [409, 'uniqueness', '409']);
  const taken2 = await scim('POST', '/Users', { body: { schemas: [USER], userName: DEMO.adele.username } });
  assert.equal(taken2.status, 409, 'a seeded user counts too');
  const noName = await scim('POST', '/Users', { body: { schemas: [USER], displayName: 'x' } });
  assert.deepEqual([noName.status, noName.json.scimType], [400, 'invalidValue']);
  const page = await scim('GET', '/Users?startIndex=2&count=2');
  assert.equal(page.json.startIndex, 2);
  assert.equal(page.json.Resources.length, 2);
  assert.ok(page.json.totalResults >= 4);
  assert.equal((await scim('GET', '/Users/0123456789abcdef0123456789abcdef')).status, 404);
});

test("Entra's PATCH: active as a string turns the user off everywhere; on again, back", async () => {
  const adele = (await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${DEMO.adele.username}"`)}`)).json.Resources[0];
  const session = new Client(worker.base);
  assert.equal((await session.signIn(DEMO.adele)).status, 200);
  const off = await scim('PATCH', `/Users/${adele.id}`, { body: patch({ op: 'Replace', path: 'active', value: 'False' }) });
  assert.equal(off.status, 200, JSON.stringify(off.json));
  assert.equal(off.json.active, false);
  assert.equal((await session.req('GET', '/api/v1/methods')).status, 401, 'signed out');
  assert.equal((await new Client(worker.base).signIn(DEMO.adele)).json.code, 'account-disabled');
  const on = await scim('PATCH', `/Users/${adele.id}`, { body: patch({ op: 'replace', value: { active: true } }) });
  assert.equal(on.json.active, true);
  assert.equal((await new Client(worker.base).signIn(DEMO.adele)).status, 200);
  const renamed = await scim('PATCH', `/Users/${adele.id}`, { body: patch(
    { op: 'Add', path: 'emails[type eq "work"].value', value: 'adele.vance@contoso.com' },
    { op: 'Replace', path: 'name.givenName', value: 'Adele' },
    { op: 'Replace', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', value: 'Sales' },
  ) });
  assert.equal(renamed.status, 200);
  assert.deepEqual(renamed.json.emails, [{ value: 'adele.vance@contoso.com', type: 'work' }]);
  const trail = (await admin.req('GET', '/api/v1/admin/audit')).json;
  assert.equal(trail[0].actor, 'SCIM: Entra provisioning');
});

test('ETags: If-Match with an old version is refused and changes nothing', async () => {
  const u = await create('etag.test@contoso.com');
  const got = await scim('GET', `/Users/${u.id}`);
  assert.equal(got.headers.get('etag'), u.meta.version);
  const changed = await scim('PATCH', `/Users/${u.id}`, { body: patch({ op: 'replace', path: 'displayName', value: 'New' }), headers: { 'if-match': u.meta.version } });
  assert.equal(changed.status, 200);
  const stale = await scim('PUT', `/Users/${u.id}`, { body: { schemas: [USER], userName: 'etag.test@contoso.com', displayName: 'Old' }, headers: { 'if-match': u.meta.version } });
  assert.equal(stale.status, 412);
  assert.equal((await scim('GET', `/Users/${u.id}`)).json.displayName, 'New');
  const del = await scim('DELETE', `/Users/${u.id}`, { headers: { 'if-match': u.meta.version } });
  assert.equal(del.status, 412);
});

test('DELETE removes the user and all they own; the name is free again', async () => {
  const u = await create('leaving@contoso.com');
  const found = (await admin.req('GET', '/api/v1/admin/users?q=leaving')).json.users;
  assert.equal(found.length, 1);
  assert.equal((await scim('DELETE', `/Users/${u.id}`)).status, 204);
  assert.equal((await scim('GET', `/Users/${u.id}`)).status, 404);
  assert.deepEqual((await admin.req('GET', '/api/v1/admin/users?q=leaving')).json.users, []);
  assert.equal((await scim('DELETE', `/Users/${u.id}`)).status, 404);
  await create('leaving@contoso.com');
});

test('bad requests get SCIM errors and change nothing', async () => {
  const u = await create('strict@contoso.com');
  for (const body of [
    patch({ op: 'remove', path: 'userName' }),
    patch({ op: 'move', path: 'displayName' }),
    patch({ op: 'replace', path: 'active', value: 'perhaps' }),
    { Operations: [{ op: 'replace', path: 'displayName', value: 'x' }] },
    patch({ op: 'replace', path: 'emails', value: [{ value: 'not an address' }] }),
  ]) {
    const r = await scim('PATCH', `/Users/${u.id}`, { body });
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.deepEqual(r.json.schemas, [ERROR]);
    assert.ok(r.json.scimType, JSON.stringify(r.json));
  }
  assert.equal((await scim('GET', `/Users/${u.id}`)).json.meta.version, u.meta.version, 'nothing changed');
  const big = await scim('POST', '/Users', { body: { schemas: [USER], userName: 'x@contoso.com', displayName: 'x'.repeat(9000) } });
  assert.equal(big.status, 413);
  const text = await fetch(`${endpoint}/Users`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' }, body: '{}' });
  assert.equal(text.status, 415);
  const unknown = await scim('GET', '/Groups');
  assert.deepEqual([unknown.status, unknown.json.schemas], [404, [ERROR]]);
});

test('a SCIM PATCH and an admin turning the same user off at once: both land', async () => {
  for (let round = 0; round < 3; round++) {
    const u = await create(`race${round}@contoso.com`);
    const [patched, disabled] = await Promise.all([
      scim('PATCH', `/Users/${u.id}`, { body: patch({ op: 'replace', path: 'displayName', value: `Renamed ${round}` }) }),
      admin.req('PUT', `/api/v1/admin/users/${u.id}/state`, { body: { disabled: true } }),
    ]);
    assert.equal(patched.status, 200);
    assert.equal(disabled.status, 200, disabled.text);
    const now = (await scim('GET', `/Users/${u.id}`)).json;
    assert.equal(now.displayName, `Renamed ${round}`, 'the directory\'s change');
    assert.equal(now.active, false, "the admin's change");
    const detail = (await admin.req('GET', `/api/v1/admin/users/${u.id}`)).json.user;
    assert.deepEqual([detail.display_name, detail.disabled], [`Renamed ${round}`, true]);
  }
});
