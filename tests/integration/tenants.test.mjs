// Several tenants in one deployment over HTTP: Fabrikam at the /t/fabrikam/ prefix
// beside Contoso on the host; isolation, the admin API and the setup prompt.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, Client, DEMO } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

const FABRIKAM = '/t/fabrikam';
const LEE = { username: 'lee@fabrikam.com', password: 'Lee-demo-2026' };
const FABRIKAM_ADMIN = { username: 'admin@fabrikam.com', password: 'Admin-demo-2026' };
const CONTOSO_ADMIN = { username: 'admin@contoso.com', password: 'Admin-demo-2026' };

async function signedIn(user, prefix = '') {
  const c = new Client(worker.base, prefix);
  const r = await c.signIn(user);
  assert.equal(r.status, 200, r.text);
  return [c, r];
}

test('each tenant has its own name, colour, users and sessions', async () => {
  const config = await new Client(worker.base, FABRIKAM).req('GET', '/api/v1/config');
  assert.equal(config.json.tenant_name, 'Fabrikam');
  assert.equal(config.json.brand_color, '#6b2fbf');
  assert.equal((await new Client(worker.base).req('GET', '/api/v1/config')).json.tenant_name, 'Contoso');
  assert.equal((await new Client(worker.base, '/t/nope').req('GET', '/api/v1/config')).json.code, 'not-found');

  // Contoso's users do not exist at Fabrikam.
  const wrong = await new Client(worker.base, FABRIKAM).signIn(DEMO.adele);
  assert.equal(wrong.json.code, 'invalid-credentials');

  const [lee, r] = await signedIn(LEE, FABRIKAM);
  const cookie = r.headers.getSetCookie()[0];
  assert.match(cookie, /^sid-fabrikam=[0-9a-z-]{1,64}\.[0-9a-f]{64}; HttpOnly; SameSite=Lax; Path=\/t\/fabrikam\/;/);
  // A Fabrikam session is nobody at Contoso, even under Contoso's cookie name.
  const token = lee.cookies.get('sid-fabrikam');
  const forged = new Client(worker.base);
  forged.cookies.set('sid', token);
  assert.equal((await forged.req('GET', '/api/v1/session')).json, null);
  // And a Contoso session is nobody at Fabrikam.
  const [adele] = await signedIn(DEMO.adele);
  const cross = new Client(worker.base, FABRIKAM);
  cross.cookies.set('sid-fabrikam', adele.cookies.get('sid'));
  assert.equal((await cross.req('GET', '/api/v1/session')).json, null);
  assert.equal((await cross.req('GET', '/api/v1/methods')).json.code, 'unauthenticated');
});

test('the setup prompt lists what Fabrikam requires, and skipping is limited', async () => {
  const [c, r] = await signedIn({ username: 'nestor@fabrikam.com', password: 'Nestor-demo-2026' }, FABRIKAM);
  assert.deepEqual(r.json.setup.steps, [{ kind: 'authenticator-app', done: false }, { kind: 'phone', done: false }]);
  assert.ok(r.json.setup.skip_until > Date.now() + 6 * 24 * 3600e3);
  // A double click: two skips at once from one session spend one.
  const [skipped, twice] = await Promise.all([c.req('POST', '/api/v1/session/setup/skip'), c.req('POST', '/api/v1/session/setup/skip')]);
  assert.equal(skipped.status, 200, skipped.text);
  assert.equal(twice.status, 200, twice.text);
  assert.equal(skipped.json.setup, null);
  assert.equal((await c.req('POST', '/api/v1/session/setup/skip')).status, 200, 'and again later');
  const [again] = await signedIn({ username: 'nestor@fabrikam.com', password: 'Nestor-demo-2026' }, FABRIKAM);
  assert.equal((await again.req('POST', '/api/v1/session/setup/skip')).status, 200);
  const [third, r3] = await signedIn({ username: 'nestor@fabrikam.com', password: 'Nestor-demo-2026' }, FABRIKAM);
  assert.equal(r3.json.setup.skip_until, null, 'two skips used');
  const refused = await third.req('POST', '/api/v1/session/setup/skip');
  assert.equal(refused.status, 403);
  assert.equal(refused.json.code, 'skip-not-allowed');
  // Contoso requires nothing.
  const [, contoso] = await signedIn(DEMO.alex);
  assert.equal(contoso.json.setup, null);
});

test('"More information required" is enforced by the server: only the setup flow answers until done or skipped', async () => {
  const [c, r] = await signedIn({ username: 'diego@fabrikam.com', password: 'Diego-demo-2026' }, FABRIKAM);
  assert.ok(r.json.setup, 'required steps are pending');
  // Everything else is held, with a code the app maps to the wizard.
  for (const path of ['/api/v1/activity', '/api/v1/apps']) {
    const held = await c.req('GET', path);
    assert.equal(held.status, 403, path);
    assert.equal(held.json.code, 'setup-required', path);
  }
  // The setup flow answers: the session, the methods, adding one.
  assert.equal((await c.req('GET', '/api/v1/session')).status, 200);
  assert.equal((await c.req('GET', '/api/v1/methods')).status, 200);
  assert.equal((await c.req('POST', '/api/v1/methods/authenticator', { body: {} })).status, 201);
  // Skipped (within the grace period): the rest answers again, for this session.
  assert.equal((await c.req('POST', '/api/v1/session/setup/skip')).status, 200);
  assert.equal((await c.req('GET', '/api/v1/activity')).status, 200);
  // A new session is held again.
  const [d] = await signedIn({ username: 'diego@fabrikam.com', password: 'Diego-demo-2026' }, FABRIKAM);
  assert.equal((await d.req('GET', '/api/v1/activity')).json.code, 'setup-required');
  // Contoso requires nothing: nothing is held.
  const [alex] = await signedIn(DEMO.alex);
  assert.equal((await alex.req('GET', '/api/v1/activity')).status, 200);
});

test('only admins read and change settings; bad settings are refused; changes are audited', async () => {
  // Fabrikam requires methods these two lack: they skip for now (the admin too is
  // held until then).
  const [lee] = await signedIn(LEE, FABRIKAM);
  assert.equal((await lee.req('GET', '/api/v1/admin/settings')).json.code, 'setup-required');
  assert.equal((await lee.req('POST', '/api/v1/session/setup/skip')).status, 200);
  assert.equal((await lee.req('GET', '/api/v1/admin/settings')).json.code, 'forbidden');
  const [admin, r] = await signedIn(FABRIKAM_ADMIN, FABRIKAM);
  assert.equal(r.json.admin, true);
  assert.equal((await admin.req('GET', '/api/v1/admin/settings')).json.code, 'setup-required');
  assert.equal((await admin.req('POST', '/api/v1/session/setup/skip')).status, 200);
  const settings = (await admin.req('GET', '/api/v1/admin/settings')).json;
  assert.equal(settings.name, 'Fabrikam');
  assert.deepEqual(settings.policy.registration.require, { kind: 'methods', kinds: ['authenticator-app', 'phone'] });
  const put = (body) => admin.req('PUT', '/api/v1/admin/settings', { body });
  assert.equal((await lee.req('PUT', '/api/v1/admin/settings', { body: settings })).json.code, 'forbidden');

  const notAllowed = structuredClone(settings);
  notAllowed.policy.allowed = notAllowed.policy.allowed.filter((k) => k !== 'phone');
  assert.equal((await put(notAllowed)).json.code, 'policy-required-not-allowed');
  const pale = { ...settings, brand_color: '#ffee00' };
  assert.equal((await put(pale)).json.code, 'policy-invalid-color');
  assert.equal((await put({ ...settings, own_domains: ['not a domain'] })).json.code, 'policy-invalid-domain');
  // Each number its own error: days of activity kept, methods for a reset.
  assert.equal((await put({ ...settings, policy: { ...settings.policy, activity_days: 0 } })).json.code, 'policy-invalid-retention');
  assert.equal((await put({ ...settings, policy: { ...settings.policy, reset: { ...settings.policy.reset, methods_required: 3 } } })).json.code, 'policy-invalid-reset');
  assert.equal((await admin.req('PUT', '/api/v1/admin/settings', { body: { name: 'x' } })).json.code, 'bad-request');
  assert.deepEqual((await admin.req('GET', '/api/v1/admin/audit')).json, [], 'refusals change nothing');

  const changed = structuredClone(settings);
  changed.policy.registration.require = { kind: 'any', count: 1 };
  const saved = await put(changed);
  assert.equal(saved.status, 200, saved.text);
  // A fresh sign-in sees the new rule: one method of any kind.
  const [, nowLee] = await signedIn(LEE, FABRIKAM);
  assert.deepEqual(nowLee.json.setup.steps, [{ kind: 'authenticator-app', done: false }]);
  assert.ok(nowLee.json.setup.alternatives.includes('security-key'));
  const trail = (await admin.req('GET', '/api/v1/admin/audit')).json;
  assert.equal(trail.length, 1);
  assert.equal(trail[0].actor, 'admin@fabrikam.com');
  assert.deepEqual(trail[0].action, { kind: 'settings-changed', changed: ['registration'] });

  // Contoso's admin sees Contoso only, and cannot reach Fabrikam's settings.
  const [contosoAdmin] = await signedIn(CONTOSO_ADMIN);
  assert.equal((await contosoAdmin.req('GET', '/api/v1/admin/settings')).json.name, 'Contoso');
  assert.deepEqual((await contosoAdmin.req('GET', '/api/v1/admin/audit')).json, []);
  const across = new Client(worker.base, FABRIKAM);
  across.cookies.set('sid-fabrikam', contosoAdmin.cookies.get('sid'));
  across.csrf = contosoAdmin.csrf;
  assert.equal((await across.req('PUT', '/api/v1/admin/settings', { body: settings })).json.code, 'unauthenticated');
});

test('each page preloads the bundle it runs (sign-in after its first view), also below a tenant prefix', async () => {
  const pages = { '/signin': 'app', '/': 'app', '/verify': 'app', '/reset': 'reset', '/admin': 'admin', '/admin/users': 'users' };
  for (const prefix of ['', FABRIKAM]) {
    for (const [path, bundle] of Object.entries(pages)) {
      const r = await fetch(worker.base + prefix + path, { redirect: 'manual' });
      assert.equal(r.status, 200, `${prefix}${path}`);
      const html = await r.text();
      const preloads = [...html.matchAll(/rel="(?:module)?preload" href="([^"]+)"/g)].map((m) => m[1]);
      assert.ok(preloads.includes(`/${bundle}.js`), `${prefix}${path}: ${preloads}`);
      // Sign-in's first view is in the page: its wasm loads after that paints (no preload).
      const signIn = path === '/signin' || path === '/';
      assert.equal(html.includes('id="signin-title"'), signIn, `${prefix}${path}: sign-in's first view`);
      const wasm = preloads.filter((p) => p.endsWith('.wasm'));
      assert.deepEqual(wasm, signIn ? [] : [`/${bundle}_bg.wasm`], `${prefix}${path} preloads its own bundle: ${preloads}`);
    }
  }
});
