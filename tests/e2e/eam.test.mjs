// End to end in Chromium: Microsoft Entra ID (a stand-in tenant: node's crypto
// signs the id_token_hint, a local server receives the answer) sends Adele here
// as its external authentication method. She enters only her authenticator code
// (Debian's oathtool), and the browser posts the ID token back to Entra.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, createSign } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { startWorker, artifactsDir, openBrowser, Client, DEMO, totp } from '../harness.mjs';

let worker;
let entra;
before(async () => { worker = await startWorker(); entra = await startEntra(); });
after(async () => { await worker?.stop(); await entra?.close(); });

const b64 = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** Publishes its keys and shows what an external method posted back. */
async function startEntra() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'entra-1', use: 'sig' };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      if (req.url === '/tid/discovery/v2.0/keys') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: [jwk] }));
      } else if (req.method === 'POST' && req.url === '/common/federation/externalauthprovider') {
        const form = new URLSearchParams(body);
        const claims = JSON.parse(Buffer.from(form.get('id_token').split('.')[1], 'base64url'));
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(`<!doctype html><title>Entra</title><h1>Entra received the answer</h1><p id="sub">${claims.sub}</p>` +
          `<p id="amr">${claims.amr.join(' ')}</p><p id="acr">${claims.acr}</p><p id="state">${form.get('state')}</p>`);
      } else {
        res.writeHead(404); res.end();
      }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    base, issuer: `${base}/tid/v2.0`, redirect: `${base}/common/federation/externalauthprovider`,
    sign(claims) {
      const input = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'entra-1' })}.${b64(claims)}`;
      return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url')}`;
    },
    close: () => new Promise((r) => server.close(r)),
  };
}

const oathtool = (secret, offset = 0) =>
  execFileSync('oathtool', ['--totp', '-b', secret, '-N', `now + ${offset} seconds`]).toString().trim();

test('Entra external method: only the authenticator code, then the ID token is posted back to Entra', async () => {
  const admin = new Client(worker.base);
  await admin.signIn({ username: 'admin@contoso.com', password: 'Admin-demo-2026' });
  const app = await admin.req('POST', '/api/v1/admin/clients', { body: {
    name: 'Microsoft Entra ID', redirect_uris: [entra.redirect], confidential: false,
    external_method: { issuer: entra.issuer, jwks_uri: `${entra.base}/tid/discovery/v2.0/keys` } } });
  assert.equal(app.status, 201, app.text);
  const own = new Client(worker.base);
  await own.signIn(DEMO.adele);
  const setup = await own.req('POST', '/api/v1/methods/authenticator');
  const done = await own.req('POST', '/api/v1/methods/authenticator/verify',
    { body: { challenge_id: setup.json.challenge_id, code: totp(setup.json.secret), name: 'Phone' } });
  assert.equal(done.status, 201, done.text);

  const now = Math.floor(Date.now() / 1000);
  const hint = entra.sign({ iss: entra.issuer, aud: app.json.client.client_id, iat: now, exp: now + 60, sub: 'entra-sub-adele',
    preferred_username: DEMO.adele.username });
  const url = `${worker.base}/api/v1/oidc/authorize?${new URLSearchParams({ client_id: app.json.client.client_id,
    redirect_uri: entra.redirect, response_type: 'id_token', response_mode: 'form_post', scope: 'openid', nonce: 'n1',
    state: 'from-entra', id_token_hint: hint })}`;
  const b = await openBrowser('en-US');
  const { page, errors } = b;
  try {
    await page.goto(url);
    // No password: straight to the second step.
    await page.waitForURL('**/verify');
    await page.getByRole('heading', { name: 'Verify your identity' }).waitFor();
    assert.equal(await page.locator('#password').count(), 0);
    await page.screenshot({ path: join(artifactsDir('screenshots', 'oidc'), '5-entra-second-step.png'), fullPage: true });
    await page.getByLabel('Code').fill(oathtool(setup.json.secret.replace(/\s/g, ''), 30));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Entra received the answer' }).waitFor();
    assert.equal(await page.locator('#sub').innerText(), 'entra-sub-adele');
    assert.equal(await page.locator('#amr').innerText(), 'otp');
    assert.equal(await page.locator('#acr').innerText(), 'possessionorinherence');
    assert.equal(await page.locator('#state').innerText(), 'from-entra');
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});
