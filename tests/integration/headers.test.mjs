// Security headers on every kind of route (API, static asset, SPA fallback) and the
// session cookie, served over https as in production (wrangler's local certificate).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, Client, DEMO } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker({}, { https: true }); });
after(async () => { await worker?.stop(); });

function assertHardened(r, what) {
  const h = (name) => r.headers.get(name) ?? '';
  const csp = h('content-security-policy');
  assert.match(csp, /frame-ancestors 'none'/, what);
  const scripts = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? '';
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/, `${what}: ${csp}`);
  if (scripts) assert.equal(scripts, "script-src 'self' 'wasm-unsafe-eval'", what);
  else assert.match(csp, /default-src 'none'/, `${what}: no script may run`);
  const hsts = h('strict-transport-security').match(/max-age=(\d+)/);
  assert.ok(hsts && Number(hsts[1]) >= 31536000, `${what}: HSTS ${h('strict-transport-security')}`);
  assert.equal(h('referrer-policy'), 'no-referrer', what);
  assert.match(h('permissions-policy'), /camera=\(\)/, what);
  assert.match(h('permissions-policy'), /microphone=\(\)/, what);
  assert.equal(h('x-content-type-options'), 'nosniff', what);
  assert.equal(h('x-frame-options'), 'DENY', what);
}

test('API, asset, page and fallback responses carry the security headers over https', async () => {
  assert.match(worker.base, /^https:/);
  const c = new Client(worker.base);
  const routes = {
    'API': await c.req('GET', '/api/v1/health'),
    'API error': await c.req('GET', '/api/v1/nope'),
    'prefixed API': await c.req('GET', '/t/fabrikam/api/v1/config'),
    'page': await c.req('GET', '/'),
    'SPA fallback': await c.req('GET', '/security-info/deep/link'),
    'script asset': await c.req('GET', '/boot.js'),
    'wasm asset': await c.req('GET', '/app_bg.wasm'),
    'style asset': await c.req('GET', '/main.css'),
  };
  assert.equal(routes['SPA fallback'].status, 200);
  assert.match(routes['SPA fallback'].text, /boot\.js/);
  assert.equal(routes['wasm asset'].status, 200);
  for (const [what, r] of Object.entries(routes)) assertHardened(r, what);
  assert.match(routes.API.headers.get('content-security-policy'), /default-src 'none'/);
});

test('the session cookie is __Host- prefixed, Secure, host-only, and works', async () => {
  for (const [prefix, name] of [['', '__Host-sid'], ['/t/fabrikam', '__Host-sid-fabrikam']]) {
    const c = new Client(worker.base, prefix);
    const user = prefix ? { username: 'lee@fabrikam.com', password: 'Lee-demo-2026' } : DEMO.adele;
    const r = await c.signIn(user);
    assert.equal(r.status, 200, r.text);
    const cookie = r.headers.getSetCookie().find((s) => s.startsWith(`${name}=`));
    assert.ok(cookie, `${name} in ${r.headers.getSetCookie()}`);
    assert.match(cookie, /; HttpOnly; SameSite=Lax; Path=\/; Max-Age=\d+; Secure$/);
    assert.doesNotMatch(cookie, /Domain=/i);
    const s = await c.req('GET', '/api/v1/session');
    assert.equal(s.json?.username, user.username);
    const out = await c.req('DELETE', '/api/v1/session');
    assert.ok(out.headers.getSetCookie().some((v) => v.startsWith(`${name}=;`) && v.includes('Secure')));
  }
});
