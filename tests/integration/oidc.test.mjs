// The OpenID Provider on `wrangler dev`, driven by an independent, strict relying
// party library (openid-client): discovery, code flow with PKCE, ID token signature
// checked against the JWKS, UserInfo, logout; then the negative table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as oidc from 'openid-client';
import { startWorker, Client, DEMO } from '../harness.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.stop(); });

const ADMIN = { username: 'admin@contoso.com', password: 'Admin-demo-2026' };
const CALLBACK = 'http://127.0.0.1:9/callback';

async function registerApp({ confidential = true, logout = [] } = {}) {
  const admin = new Client(worker.base);
  assert.equal((await admin.signIn(ADMIN)).status, 200);
  const r = await admin.req('POST', '/api/v1/admin/clients', {
    body: { name: 'Payroll', redirect_uris: [CALLBACK], post_logout_redirect_uris: logout, confidential, scopes: ['profile', 'email'] },
  });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

async function configFor(app) {
  const auth = app.client_secret ? oidc.ClientSecretBasic(app.client_secret) : oidc.None();
  const config = await oidc.discovery(new URL(worker.base), app.client.client_id, undefined, auth,
    { execute: [oidc.allowInsecureRequests] });
  // Checks the ID token's signature against the provider's JWKS too.
  oidc.enableNonRepudiationChecks(config);
  return config;
}

/** The browser: GET with the client's cookies, no redirects followed. */
async function visit(c, url) {
  const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  for (const set of res.headers.getSetCookie()) {
    const [k, v] = set.split(';')[0].split('=');
    if (v) c.cookies.set(k, v); else c.cookies.delete(k);
  }
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

/** Adele, signed in with both steps: the first time she registers an authenticator
 * app (and recovery codes), later sign-ins pass the second step with a recovery code. */
let recoveryCodes = null;
async function adeleWithApp() {
  const c = new Client(worker.base);
  const signed = await c.signIn(DEMO.adele);
  assert.equal(signed.status, 200);
  if (recoveryCodes) {
    const step = await c.req('POST', '/api/v1/session/second-step', { body: { method_id: 'recovery-codes', code: recoveryCodes.pop() } });
    assert.equal(step.status, 200, step.text);
    return c;
  }
  const done = await c.registerApp('Phone');
  assert.equal(done.status, 201, done.text);
  const codes = await c.req('POST', '/api/v1/methods/recovery-codes');
  assert.equal(codes.status, 201, codes.text);
  recoveryCodes = codes.json.codes;
  return c;
}

async function authorizeUrl(config, extra = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK, scope: 'openid profile email', state, nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', ...extra,
  });
  return { url, verifier, state, nonce };
}

let adele;
test('an app signs Adele in: discovery, code + PKCE, signed ID token with what she did, UserInfo', async () => {
  const app = await registerApp({ logout: ['http://127.0.0.1:9/bye'] });
  assert.match(app.client_secret, /^[0-9a-f]{64}$/);
  const config = await configFor(app);
  const meta = config.serverMetadata();
  assert.equal(meta.issuer, worker.base);
  assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
  const jwks = await (await fetch(meta.jwks_uri)).json();
  assert.equal(jwks.keys[0].kty, 'EC');
  assert.equal(jwks.keys[0].alg, 'ES256');

  // Signed out: our sign-in page, told to continue.
  const signedOut = new Client(worker.base);
  const first = await authorizeUrl(config);
  const away = await visit(signedOut, first.url);
  assert.equal(away.status, 302);
  const to = new URL(away.location);
  assert.equal(to.origin + to.pathname, `${worker.base}/signin`);
  assert.ok(to.searchParams.get('continue').startsWith(`${worker.base}/api/v1/oidc/authorize?`));

  adele = await adeleWithApp();
  const { url, verifier, state, nonce } = await authorizeUrl(config);
  const back = await visit(adele, url);
  assert.equal(back.status, 302, back.text);
  assert.ok(back.location.startsWith(`${CALLBACK}?code=`), back.location);
  const tokens = await oidc.authorizationCodeGrant(config, new URL(back.location),
    { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
  const claims = tokens.claims();
  assert.equal(claims.iss, worker.base);
  assert.equal(claims.aud, app.client.client_id);
  assert.deepEqual(claims.amr, ['pwd', 'otp', 'mfa']);
  assert.equal(claims.acr, 'mfa');
  assert.equal(claims.email, DEMO.adele.username);
  assert.equal(claims.name, DEMO.adele.name);
  assert.ok(claims.exp - claims.iat <= 600 && claims.sid && claims.auth_time);
  assert.ok(tokens.expires_in <= 3600);
  const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
  assert.equal(info.preferred_username, DEMO.adele.username);

  // Sign-in activity names the app.
  const activity = await adele.req('GET', '/api/v1/activity');
  assert.equal(activity.json.entries[0].activity.kind, 'signed-in-to-app');
  assert.equal(activity.json.entries[0].activity.app, 'Payroll');

  // Logout: back to the app's registered address with its state; the session is over.
  const bye = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token, post_logout_redirect_uri: 'http://127.0.0.1:9/bye', state: 'st' });
  const out = await visit(adele, bye);
  assert.equal(out.status, 302);
  assert.equal(out.location, 'http://127.0.0.1:9/bye?state=st');
  assert.equal((await adele.req('GET', '/api/v1/methods')).status, 401);
  const elsewhere = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token, post_logout_redirect_uri: 'https://evil.example/' });
  const refused = await visit(adele, elsewhere);
  assert.equal(refused.status, 400);
  assert.equal(refused.location, null);
});

test('a public app uses PKCE alone; two parallel redemptions of one code: exactly one wins, the other revokes it', async () => {
  const app = await registerApp({ confidential: false });
  assert.equal(app.client_secret, null);
  const config = await configFor(app);
  const c = await adeleWithApp();
  const { url, verifier } = await authorizeUrl(config);
  const back = await visit(c, url);
  const code = new URL(back.location).searchParams.get('code');
  const redeem = () => fetch(`${worker.base}/api/v1/oidc/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK, code_verifier: verifier, client_id: app.client.client_id }),
  }).then(async (r) => ({ status: r.status, json: await r.json(), headers: r.headers }));
  const results = await Promise.all([redeem(), redeem()]);
  const won = results.filter((r) => r.status === 200);
  assert.equal(won.length, 1, JSON.stringify(results.map((r) => r.json)));
  assert.equal(won[0].headers.get('cache-control'), 'no-store');
  assert.deepEqual(results.find((r) => r.status !== 200).json.error, 'invalid_grant');
  const userinfo = await fetch(`${worker.base}/api/v1/oidc/userinfo`, { headers: { authorization: `Bearer ${won[0].json.access_token}` } });
  assert.equal(userinfo.status, 401, 'the replay revoked what the first redemption issued');
  assert.match(userinfo.headers.get('www-authenticate'), /^Bearer error="invalid_token"/);
});

test('the negative table: nothing unsafe is redirected to, every other error goes back with its code', async () => {
  const app = await registerApp();
  const config = await configFor(app);
  const c = await adeleWithApp();
  const authorize = `${worker.base}/api/v1/oidc/authorize`;
  const base = { response_type: 'code', client_id: app.client.client_id, redirect_uri: CALLBACK, scope: 'openid', state: 's1',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' };
  const ask = (params) => visit(c, `${authorize}?${new URLSearchParams(params)}`);

  for (const redirect_uri of ['http://127.0.0.1:9/callback/', 'http://127.0.0.1:9/callback?x=1', 'https://evil.example/callback',
    'http://127.0.0.1:9/callback#x', 'http://127.0.0.1:9@evil.example/callback', '//evil.example/callback']) {
    const r = await ask({ ...base, redirect_uri });
    assert.equal(r.status, 400, redirect_uri);
    assert.equal(r.location, null, `never redirected to ${redirect_uri}`);
    assert.match(r.text, /registered/);
  }
  const unknown = await ask({ ...base, client_id: 'nope' });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.location, null);
  const oversized = await ask({ ...base, login_hint: 'x'.repeat(5000) });
  assert.equal(oversized.status, 400);
  assert.equal(oversized.location, null);

  const errorOf = async (params) => {
    const r = await ask(params);
    assert.equal(r.status, 302);
    const to = new URL(r.location);
    assert.equal(to.origin + to.pathname, CALLBACK);
    assert.equal(to.searchParams.get('state'), 's1');
    assert.equal(to.searchParams.get('iss'), worker.base);
    return to.searchParams.get('error');
  };
  const { code_challenge: _, ...withoutPkce } = base;
  assert.equal(await errorOf(withoutPkce), 'invalid_request');
  assert.equal(await errorOf({ ...base, code_challenge_method: 'plain' }), 'invalid_request');
  assert.equal(await errorOf({ ...base, scope: 'profile' }), 'invalid_scope');
  assert.equal(await errorOf({ ...base, response_type: 'token' }), 'unsupported_response_type');
  const signedOut = new Client(worker.base);
  const none = await visit(signedOut, `${authorize}?${new URLSearchParams({ ...base, prompt: 'none' })}`);
  assert.equal(new URL(none.location).searchParams.get('error'), 'login_required');

  // The token endpoint: wrong verifier, wrong secret, a made-up code.
  const { url, verifier, state, nonce } = await authorizeUrl(config);
  const back = await visit(c, url);
  const code = new URL(back.location).searchParams.get('code');
  const token = (form, headers = {}) => fetch(`${worker.base}/api/v1/oidc/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form),
  }).then(async (r) => ({ status: r.status, json: await r.json() }));
  const form = { grant_type: 'authorization_code', code, redirect_uri: CALLBACK, client_id: app.client.client_id };
  const basic = (secret) => ({ authorization: `Basic ${Buffer.from(`${app.client.client_id}:${secret}`).toString('base64')}` });
  assert.equal((await token({ ...form, code_verifier: 'x'.repeat(43) }, basic(app.client_secret))).json.error, 'invalid_grant');
  const wrongSecret = await token({ ...form, code_verifier: verifier }, basic('not-the-secret'));
  assert.deepEqual([wrongSecret.status, wrongSecret.json.error], [401, 'invalid_client']);
  const noAuth = await token({ ...form, code_verifier: verifier });
  assert.deepEqual([noAuth.status, noAuth.json.error], [401, 'invalid_client'], 'a confidential app must authenticate');
  assert.equal((await token({ ...form, code: 'u1.00ff', code_verifier: verifier }, basic(app.client_secret))).json.error, 'invalid_grant');
  assert.equal((await token({ ...form, grant_type: 'password' }, basic(app.client_secret))).json.error, 'unsupported_grant_type');
  // The failures above left the code for its app.
  const tokens = await oidc.authorizationCodeGrant(config, new URL(back.location), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
  assert.ok(tokens.access_token);

  // Forged tokens at UserInfo: alg none, HS256 keyed with the public key, an ID token.
  const [header, payload] = tokens.access_token.split('.');
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const jwk = (await (await fetch(`${worker.base}/api/v1/oidc/jwks`)).json()).keys[0];
  const { createHmac } = await import('node:crypto');
  const hsHeader = b64({ alg: 'HS256', typ: 'at+jwt', kid: jwk.kid });
  const hs = `${hsHeader}.${payload}.${createHmac('sha256', JSON.stringify(jwk)).update(`${hsHeader}.${payload}`).digest('base64url')}`;
  for (const forged of [`${b64({ alg: 'none', typ: 'at+jwt', kid: jwk.kid })}.${payload}.`, hs, tokens.id_token, `${header}.${payload}.AAAA`]) {
    const r = await fetch(`${worker.base}/api/v1/oidc/userinfo`, { headers: { authorization: `Bearer ${forged}` } });
    assert.equal(r.status, 401, forged.slice(0, 40));
  }
  const ok = await fetch(`${worker.base}/api/v1/oidc/userinfo`, { method: 'POST', headers: { authorization: `Bearer ${tokens.access_token}` } });
  assert.equal(ok.status, 200);

  // A form-posted authorization request is answered as the GET (where the cookie is sent).
  const posted = await fetch(authorize, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://rp.example' },
    body: new URLSearchParams(base) });
  assert.equal(posted.status, 303);
  assert.ok(posted.headers.get('location').startsWith(`${authorize}?`));
});

test('an admin removes an app: its tokens stop working, and the removal is audited', async () => {
  const app = await registerApp({ confidential: false });
  const config = await configFor(app);
  const c = await adeleWithApp();
  const { url, verifier, state, nonce } = await authorizeUrl(config);
  const back = await visit(c, url);
  const tokens = await oidc.authorizationCodeGrant(config, new URL(back.location), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
  const admin = new Client(worker.base);
  await admin.signIn(ADMIN);
  const list = await admin.req('GET', '/api/v1/admin/clients');
  assert.ok(list.json.some((a) => a.client_id === app.client.client_id && !a.confidential));
  assert.doesNotMatch(list.text, /secret/);
  assert.equal((await admin.req('DELETE', `/api/v1/admin/clients/${app.client.client_id}`)).status, 204);
  const r = await fetch(`${worker.base}/api/v1/oidc/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  assert.equal(r.status, 401);
  const audit = await admin.req('GET', '/api/v1/admin/audit');
  assert.deepEqual(audit.json.slice(0, 1).map((e) => e.action), [{ kind: 'client-deleted', client_id: app.client.client_id, name: 'Payroll' }]);
  const bad = await admin.req('POST', '/api/v1/admin/clients', { body: { name: 'X', redirect_uris: ['http://evil.example/cb'], confidential: true } });
  assert.deepEqual(bad.json, { code: 'invalid-redirect-uri' });
  const notAdmin = await c.req('GET', '/api/v1/admin/clients');
  assert.equal(notAdmin.status, 403);
});

test('refresh tokens rotate (openid-client); one used twice revokes the family; "Connected apps" signs out of an app', async () => {
  const app = await registerApp();
  const config = await configFor(app);
  const c = await adeleWithApp();
  const signIn = async () => {
    const { url, verifier, state, nonce } = await authorizeUrl(config);
    const back = await visit(c, url);
    return oidc.authorizationCodeGrant(config, new URL(back.location), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
  };
  const first = await signIn();
  assert.ok(first.refresh_token);
  const next = await oidc.refreshTokenGrant(config, first.refresh_token);
  assert.ok(next.refresh_token && next.refresh_token !== first.refresh_token);
  assert.equal(next.claims().sub, first.claims().sub);
  assert.equal(next.claims().auth_time, first.claims().auth_time);
  await assert.rejects(oidc.refreshTokenGrant(config, first.refresh_token), (e) => e.error === 'invalid_grant');
  await assert.rejects(oidc.refreshTokenGrant(config, next.refresh_token), (e) => e.error === 'invalid_grant', 'the family is revoked');
  await assert.rejects(oidc.fetchUserInfo(config, next.access_token, next.claims().sub));

  const again = await signIn();
  assert.equal((await c.req('GET', '/api/v1/methods')).json.connected_apps, true);
  const mine = async () => (await c.req('GET', '/api/v1/apps')).json.filter((a) => a.client_id === app.client.client_id);
  assert.deepEqual((await mine()).map((a) => a.name), ['Payroll']);
  assert.equal((await c.req('DELETE', `/api/v1/apps/${app.client.client_id}`)).status, 204);
  await assert.rejects(oidc.refreshTokenGrant(config, again.refresh_token), (e) => e.error === 'invalid_grant');
  await assert.rejects(oidc.fetchUserInfo(config, again.access_token, again.claims().sub));
  assert.deepEqual(await mine(), []);
  assert.equal((await c.req('DELETE', `/api/v1/apps/${app.client.client_id}`)).json.code, 'client-not-found');
});
