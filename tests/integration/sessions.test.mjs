// Sessions live with the user (issue 25 #1), over HTTP: the cookie names its user,
// GET /api/v1/sessions lists the devices, DELETE /api/v1/sessions/{id} signs one
// out, and whatever ends a session is seen by that session's very next request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, Client, DEMO } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

const AGENTS = {
  laptop: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 Edg/131.0',
  phone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 Safari/604.1',
  tablet: 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36',
};

async function device(user, agent) {
  const c = new Client(worker.base);
  const r = await c.req('POST', '/api/v1/session', { headers: { 'user-agent': agent }, body: { username: user.username, password: user.password } });
  assert.equal(r.status, 200, r.text);
  c.csrf = r.json.csrf_token;
  c.agent = agent;
  return c;
}
const get = (c, path) => c.req('GET', path, { headers: { 'user-agent': c.agent } });

test('devices are listed, each can be signed out, and the next request of one signed out is refused', async () => {
  const laptop = await device(DEMO.adele, AGENTS.laptop);
  const phone = await device(DEMO.adele, AGENTS.phone);
  const tablet = await device(DEMO.adele, AGENTS.tablet);
  const [userId] = laptop.cookies.get('sid').split('.');
  assert.equal(phone.cookies.get('sid').split('.')[0], userId, 'the token names its user');

  const list = await get(laptop, '/api/v1/sessions');
  assert.equal(list.status, 200, list.text);
  const devices = list.json.devices;
  assert.equal(devices.length, 3, list.text);
  assert.deepEqual(devices.map((d) => d.device).sort(), ['Chrome on Android', 'Edge on Windows', 'Safari on iPhone']);
  assert.deepEqual(devices.filter((d) => d.current).map((d) => d.device), ['Edge on Windows']);
  assert.equal(devices[0].device, 'Edge on Windows', 'the most recently used first');
  for (const d of devices) {
    assert.ok(d.signed_in_at <= d.last_active_at && d.last_active_at <= Date.now() + 1000, JSON.stringify(d));
    for (const c of [laptop, phone, tablet]) assert.ok(!c.cookies.get('sid').includes(d.id), 'an id is not a token');
  }
  const id = (name) => devices.find((d) => d.device === name).id;

  // Changes need the CSRF token; an unknown id is 404.
  assert.equal((await laptop.req('DELETE', `/api/v1/sessions/${id('Safari on iPhone')}`, { headers: { 'x-csrf-token': 'nope' } })).status, 403);
  assert.equal((await get(phone, '/api/v1/methods')).status, 200, 'a refused change changed nothing');
  assert.equal((await laptop.req('DELETE', '/api/v1/sessions/not-a-session')).status, 404);

  // The phone, signed out from the laptop: its very next request is refused.
  assert.equal((await laptop.req('DELETE', `/api/v1/sessions/${id('Safari on iPhone')}`)).status, 204);
  assert.equal((await get(phone, '/api/v1/methods')).status, 401);
  assert.equal((await get(phone, '/api/v1/session')).json, null);
  assert.equal((await laptop.req('DELETE', `/api/v1/sessions/${id('Safari on iPhone')}`)).status, 404, 'once');
  assert.equal((await get(laptop, '/api/v1/sessions')).json.devices.length, 2);

  // Another user's session is not Adele's to end.
  const alex = await device(DEMO.alex, AGENTS.phone);
  const alexSession = (await get(alex, '/api/v1/sessions')).json.devices[0].id;
  assert.equal((await laptop.req('DELETE', `/api/v1/sessions/${alexSession}`)).status, 404);
  assert.equal((await get(alex, '/api/v1/methods')).status, 200);

  // Forged tokens: her secret under Alex's id, and her id with a changed secret.
  const [, secret] = laptop.cookies.get('sid').split('.');
  for (const forged of [`${alex.cookies.get('sid').split('.')[0]}.${secret}`, `${userId}.${'0'.repeat(64)}`, secret]) {
    const f = new Client(worker.base);
    f.cookies.set('sid', forged);
    assert.equal((await f.req('GET', '/api/v1/methods')).status, 401, forged);
  }

  // Signing out on the tablet ends only the tablet.
  assert.equal((await tablet.req('DELETE', '/api/v1/session')).status, 204);
  const stale = new Client(worker.base);
  stale.cookies.set('sid', `${userId}.${secret}`);
  assert.equal((await get(laptop, '/api/v1/methods')).status, 200);

  // Signing this device out from its own list is signing out: the cookie goes.
  const own = (await get(laptop, '/api/v1/sessions')).json.devices.find((d) => d.current).id;
  const out = await laptop.req('DELETE', `/api/v1/sessions/${own}`);
  assert.equal(out.status, 204);
  assert.ok(out.headers.getSetCookie().some((c) => c.startsWith('sid=;') && c.includes('Max-Age=0')));
  assert.equal((await stale.req('GET', '/api/v1/methods')).status, 401, 'the old cookie is dead too');

  const activity = await get(alex, '/api/v1/activity');
  assert.equal(activity.json.entries.filter((e) => e.activity.kind === 'signed-out-device').length, 0, 'Alex did nothing');
});

test('sign out everywhere, an admin turning the user off and an admin revoke end sessions at once', async () => {
  const admin = await device({ username: 'admin@contoso.com', password: 'Admin-demo-2026' }, AGENTS.laptop);
  const a = await device(DEMO.alex, AGENTS.laptop);
  const b = await device(DEMO.alex, AGENTS.phone);
  assert.equal((await a.req('POST', '/api/v1/session/everywhere')).status, 204);
  assert.equal((await get(b, '/api/v1/methods')).status, 401, 'everywhere: the other device');
  assert.equal((await get(a, '/api/v1/methods')).status, 401, 'everywhere: this one too');

  // Turned off by an admin (whose own second step is recent), then on again.
  const c = await device(DEMO.alex, AGENTS.tablet);
  const found = await admin.req('GET', `/api/v1/admin/users?q=${encodeURIComponent(DEMO.alex.username)}`);
  assert.equal(found.status, 200, found.text);
  const id = found.json.users[0].id;
  const off = await admin.req('PUT', `/api/v1/admin/users/${id}/state`, { body: { disabled: true } });
  assert.equal(off.status, 200, off.text);
  assert.equal((await get(c, '/api/v1/methods')).status, 401, 'turned off: at once');
  assert.equal((await admin.req('PUT', `/api/v1/admin/users/${id}/state`, { body: { disabled: false } })).status, 200);
  assert.equal((await get(c, '/api/v1/methods')).status, 401, 'on again: the session stays ended');
  // The admin's "Sign out everywhere" for a user.
  const d = await device(DEMO.alex, AGENTS.phone);
  assert.equal((await admin.req('POST', `/api/v1/admin/users/${id}/sign-out`)).status, 204);
  assert.equal((await get(d, '/api/v1/methods')).status, 401, 'admin revoke: at once');
});
