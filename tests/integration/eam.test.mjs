// Microsoft Entra ID's external authentication method (EAM) on `wrangler dev`,
// with a stand-in Entra tenant (node's crypto signs the id_token_hint, a local
// server publishes its keys and receives the posted answer). The answer's ID
// token is checked with jose against our JWKS: the hint's subject, nonce, acr
// and amr. Forged, foreign and stale hints get an error page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, createSign, createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import * as jose from 'jose';
import { startWorker, Client, DEMO, totp } from '../harness.mjs';

let worker;
let entra;
before(async () => {
  worker = await startWorker();
  entra = await startEntra();
});
after(async () => {
  await worker?.stop();
  await entra?.close();
});

/** The stand-in Entra tenant: its keys at /tid/discovery/v2.0/keys, and the
 * endpoint an external method posts its answer to. */
async function startEntra() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'entra-1', use: 'sig', alg: 'RS256' };
  const server = createServer((req, res) => {
    if (req.url === '/tid/discovery/v2.0/keys') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
      return;
    }
    res.writeHead(404); res.end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    base, jwk,
    issuer: `${base}/tid/v2.0`,
    redirect: `${base}/common/federation/externalauthprovider`,
    sign(claims, header = { alg: 'RS256', typ: 'JWT', kid: 'entra-1' }, key = privateKey) {
      const input = `${b64(header)}.${b64(claims)}`;
      return `${input}.${createSign('RSA-SHA256').update(input).sign(key).toString('base64url')}`;
    },
    close: () => new Promise((r) => server.close(r)),
  };
}
const b64 = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');

async function registerEam() {
  const admin = new Client(worker.base);
  assert.equal((await admin.signIn({ username: 'admin@contoso.com', password: 'Admin-demo-2026' })).status, 200);
  const r = await admin.req('POST', '/api/v1/admin/clients', { body: {
    name: 'Microsoft Entra ID', redirect_uris: [entra.redirect], confidential: true, scopes: [],
    external_method: { issuer: entra.issuer, jwks_uri: `${entra.base}/tid/discovery/v2.0/keys` },
  } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.client_secret, null, 'an external method has no secret');
  return r.json.client.client_id;
}

async function visit(c, url) {
  const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  for (const set of res.headers.getSetCookie()) {
    const [k, v] = set.split(';')[0].split('=');
    if (v) c.cookies.set(k, v); else c.cookies.delete(k);
  }
  return { status: res.status, location: res.headers.get('location'), text: await res.text(), headers: res.headers };
}

test('Entra sends Adele for a second factor: only our second step runs, the answer is posted back with her Entra subject', async () => {
  const clientId = await registerEam();
  // Adele has an authenticator app.
  const own = new Client(worker.base);
  await own.signIn(DEMO.adele);
  const done = await own.registerApp('Phone');
  assert.equal(done.status, 201, done.text);

  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: entra.issuer, aud: clientId, iat: now, nbf: now, exp: now + 60, sub: 'entra-sub-adele', tid: 'tid',
    oid: 'oid-adele', preferred_username: DEMO.adele.username };
  const request = (hint, extra = {}) => `${worker.base}/api/v1/oidc/authorize?${new URLSearchParams({
    client_id: clientId, redirect_uri: entra.redirect, response_type: 'id_token', response_mode: 'form_post', scope: 'openid',
    nonce: 'n-eam', state: 'st-eam', id_token_hint: hint,
    claims: JSON.stringify({ id_token: { acr: { essential: true, values: ['possessionorinherence'] }, amr: { essential: true, values: ['otp', 'sms', 'tel', 'hwk', 'fido'] } } }),
    ...extra })}`;

  // The browser: no session here. A session for Adele that may only pass the second step.
  const browser = new Client(worker.base);
  const first = await visit(browser, request(entra.sign(claims)));
  assert.equal(first.status, 302, first.text);
  const to = new URL(first.location);
  assert.equal(to.pathname, '/signin');
  const session = await browser.req('GET', '/api/v1/session');
  assert.equal(session.json.username, DEMO.adele.username);
  assert.equal(session.json.second_step.state, 'required');
  assert.equal((await browser.req('GET', '/api/v1/methods')).json.code, 'second-step-required');
  browser.csrf = session.json.csrf_token;
  const step = await browser.req('POST', '/api/v1/session/second-step',
    { body: { method_id: done.json.id, code: totp(done.secret, Date.now() + 30_000) } });
  assert.equal(step.status, 200, step.text);

  const answer = await visit(browser, to.searchParams.get('continue'));
  assert.equal(answer.status, 200, answer.text);
  assert.match(answer.headers.get('content-security-policy'), new RegExp(`form-action ${entra.base.replace(/[.]/g, '\\.')}`));
  assert.ok(answer.text.includes(`action="${entra.redirect}"`));
  const field = (name) => answer.text.match(new RegExp(`name="${name}" value="([^"]*)"`))[1];
  assert.equal(field('state'), 'st-eam');
  const { payload, protectedHeader } = await jose.jwtVerify(field('id_token'),
    jose.createRemoteJWKSet(new URL(`${worker.base}/api/v1/oidc/jwks`)), { issuer: worker.base, audience: clientId });
  assert.equal(protectedHeader.alg, 'ES256');
  assert.equal(payload.sub, 'entra-sub-adele', "the hint's subject");
  assert.equal(payload.nonce, 'n-eam');
  assert.equal(payload.acr, 'possessionorinherence');
  assert.deepEqual(payload.amr, ['otp']);

  // Forged, foreign, stale or unknown: an error page, nothing posted.
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const hs = `${b64({ alg: 'HS256', typ: 'JWT', kid: 'entra-1' })}.${b64(claims)}`;
  const bad = {
    'another key': entra.sign(claims, undefined, other),
    'alg none': `${b64({ alg: 'none', typ: 'JWT', kid: 'entra-1' })}.${b64(claims)}.`,
    'HS256 keyed with the public key': `${hs}.${createHmac('sha256', JSON.stringify(entra.jwk)).update(hs).digest('base64url')}`,
    'another audience': entra.sign({ ...claims, aud: 'someone-else' }),
    'another issuer': entra.sign({ ...claims, iss: 'https://login.microsoftonline.com/evil/v2.0' }),
    'two hours old': entra.sign({ ...claims, iat: now - 7200 }),
    'an unknown user': entra.sign({ ...claims, preferred_username: 'nobody@contoso.com' }),
  };
  for (const [what, hint] of Object.entries(bad)) {
    const r = await visit(new Client(worker.base), request(hint));
    assert.equal(r.status, 400, what);
    assert.equal(r.location, null, what);
    assert.doesNotMatch(r.text, /id_token/, what);
    assert.match(r.text, /Microsoft Entra ID/, what);
  }
  const noHint = await visit(new Client(worker.base), request('', { id_token_hint: '' }));
  assert.equal(noHint.status, 200, 'an incomplete request is answered to Entra, posted');
  assert.match(noHint.text, /name="error" value="invalid_request"/);
});
