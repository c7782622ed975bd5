// The API over HTTP against the real worker on `wrangler dev` (workerd, KV, Durable
// Objects), with mail going to a local stand-in of the provider's HTTP API.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { startWorker, startMailProvider, Client, DEMO } from '../harness.mjs';

let worker, mail;

before(async () => {
  mail = await startMailProvider({ key: 'test-key' });
  worker = await startWorker({ DELIVERY: 'providers', MAIL_API_URL: mail.url, MAIL_API_KEY: 'test-key' });
});
after(async () => { await worker?.stop(); await mail?.close(); });

async function signedIn(user = DEMO.adele) {
  const c = new Client(worker.base);
  const r = await c.signIn(user);
  assert.equal(r.status, 200, r.text);
  return c;
}

describe('sign-in and sessions', () => {
  test('signs in, sets a hardened cookie, and returns the session', async () => {
    const c = new Client(worker.base);
    const r = await c.signIn(DEMO.adele);
    assert.equal(r.status, 200);
    assert.equal(r.json.display_name, 'Adele Vance');
    assert.equal(r.json.tenant_name, 'Contoso');
    assert.match(r.json.csrf_token, /^[0-9a-f]{32}$/);
    const cookie = r.headers.getSetCookie().find((s) => s.startsWith('sid='));
    // The token names its user: `<user id>.<256-bit secret>`.
    assert.match(cookie, /^sid=[0-9a-z-]{1,64}\.[0-9a-f]{64}; HttpOnly; SameSite=Lax; Path=\/; Max-Age=\d+$/);
    assert.equal((await new Client(worker.base).req('GET', '/api/v1/session')).json, null);
    const s = await c.req('GET', '/api/v1/session');
    assert.equal(s.status, 200);
    assert.equal(s.json.username, DEMO.adele.username);
  });

  test('a wrong password and an unknown name get the same answer', async () => {
    const wrong = await new Client(worker.base).signIn({ username: DEMO.alex.username, password: 'nope' });
    const unknown = await new Client(worker.base).signIn({ username: 'nobody@contoso.com', password: 'nope' });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.json, { code: 'invalid-credentials' });
    assert.equal(unknown.status, 401);
    assert.deepEqual(unknown.json, wrong.json);
  });

  test('repeated failures slow the account down with growing delays, never a lockout', async () => {
    const victim = { username: 'throttled@contoso.com', password: 'x' };
    for (let i = 0; i < 5; i++) assert.equal((await new Client(worker.base).signIn(victim)).status, 401);
    const tries = await Promise.all(Array.from({ length: 6 }, () => new Client(worker.base).signIn(victim)));
    const waits = tries.filter((r) => r.status === 429);
    assert.ok(waits.length >= 5, tries.map((r) => r.status).join());
    assert.ok(waits.every((r) => r.json.code === 'too-many-attempts' && Number(r.headers.get('retry-after')) >= 1 && Number(r.headers.get('retry-after')) <= 60));
  });

  test('repeated failures from one client address throttle every name from it', async () => {
    const from = (ip) => ({ headers: { 'cf-connecting-ip': ip } });
    for (let i = 0; i < 30; i++) {
      const r = await new Client(worker.base).req('POST', '/api/v1/session', { body: { username: `guess${i}@contoso.com`, password: 'x' }, ...from('203.0.113.7') });
      assert.equal(r.status, 401);
    }
    const body = { username: DEMO.adele.username, password: DEMO.adele.password };
    const blocked = await new Client(worker.base).req('POST', '/api/v1/session', { body, ...from('203.0.113.7') });
    assert.equal(blocked.status, 429);
    assert.equal(blocked.json.code, 'too-many-attempts');
    const elsewhere = await new Client(worker.base).req('POST', '/api/v1/session', { body, ...from('198.51.100.20') });
    assert.equal(elsewhere.status, 200);
  });

  test('forged, missing and signed-out sessions are refused', async () => {
    const anon = new Client(worker.base);
    assert.deepEqual((await anon.req('GET', '/api/v1/methods')).json, { code: 'unauthenticated' });
    anon.cookies.set('sid', 'f'.repeat(64));
    assert.equal((await anon.req('GET', '/api/v1/methods')).status, 401);
    anon.cookies.set('sid', '../../etc/passwd');
    assert.equal((await anon.req('GET', '/api/v1/methods')).status, 401);

    const c = await signedIn();
    const out = await c.req('DELETE', '/api/v1/session');
    assert.equal(out.status, 204);
    assert.ok(out.headers.getSetCookie().some((s) => s.startsWith('sid=;') && s.includes('Max-Age=0')));
    assert.equal(c.cookies.has('sid'), false);
    const old = await signedIn();
    const token = old.cookies.get('sid');
    await old.req('DELETE', '/api/v1/session');
    old.cookies.set('sid', token);
    const gone = await old.req('GET', '/api/v1/session');
    assert.equal(gone.status, 200);
    assert.equal(gone.json, null, 'no session');
    assert.equal((await old.req('GET', '/api/v1/methods')).status, 401);
  });
});

describe('request hygiene', () => {
  test('state changes need the session CSRF token and a same-origin request', async () => {
    const c = await signedIn();
    const noToken = await c.req('POST', '/api/v1/methods/email', { body: { address: 'a@example.org' }, headers: { 'x-csrf-token': '' } });
    assert.equal(noToken.status, 403);
    assert.equal(noToken.json.code, 'csrf-rejected');
    const crossSite = await c.req('POST', '/api/v1/methods/email', { body: { address: 'a@example.org' }, headers: { origin: 'https://evil.example' } });
    assert.equal(crossSite.status, 403);
    const signInCross = await new Client(worker.base).req('POST', '/api/v1/session', {
      body: { username: DEMO.adele.username, password: DEMO.adele.password }, headers: { origin: 'https://evil.example' } });
    assert.equal(signInCross.status, 403);
    assert.equal(mail.received.length, 0);
  });

  test('oversized, non-JSON, malformed and unknown-field bodies are refused; nothing changes', async () => {
    const c = await signedIn(DEMO.alex);
    const before = (await c.req('GET', '/api/v1/methods')).json;
    const sent = mail.received.length;
    const big = await c.req('POST', '/api/v1/methods/email', { body: { address: 'a'.repeat(9000) + '@example.org' } });
    assert.equal(big.status, 413);
    assert.equal(big.json.code, 'body-too-large');
    // Security review (low): a body streamed in chunks without Content-Length is
    // refused once it passes the limit: the server stops reading and answers 413
    // or drops the upload, instead of taking in the 64 MiB offered. (Buffers
    // between here and the worker still take a few MiB.)
    let pulled = 0;
    const chunk = new TextEncoder().encode('a'.repeat(16 * 1024));
    const endless = new ReadableStream({
      start(ctl) { ctl.enqueue(new TextEncoder().encode('{"address":"')); },
      pull(ctl) { pulled += 1; if (pulled > 4096) ctl.close(); else ctl.enqueue(chunk); },
    }, { highWaterMark: 1 });
    const streamed = await fetch(`${worker.base}/api/v1/methods/email`, {
      method: 'POST', body: endless, duplex: 'half',
      headers: { 'content-type': 'application/json', origin: worker.base, 'x-csrf-token': c.csrf, cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    // The 413 may come while the upload still runs; the connection then closes and
    // its body can be cut off ("terminated"): the status is the answer then.
    }).then(async (r) => ({ status: r.status, code: await r.json().then((j) => j.code, () => 'cut-off') }), (e) => ({ dropped: e.cause?.code }));
    assert.ok(streamed.dropped ? ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'].includes(streamed.dropped) : streamed.status === 413 && ['body-too-large', 'cut-off'].includes(streamed.code), JSON.stringify(streamed));
    assert.ok(pulled < 2048, `the server read ${pulled} chunks of 16 KiB`);
    const form = await c.req('POST', '/api/v1/methods/email', { raw: 'address=a@example.org', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(form.status, 415);
    assert.equal(form.json.code, 'unsupported-media-type');
    const plain = await c.req('POST', '/api/v1/methods/email', { raw: '{"address":"a@example.org"}', headers: { 'content-type': 'text/plain' } });
    assert.equal(plain.json.code, 'unsupported-media-type');
    const broken = await c.req('POST', '/api/v1/methods/email', { raw: '{"address":', headers: { 'content-type': 'application/json' } });
    assert.equal(broken.status, 400);
    assert.equal(broken.json.code, 'bad-request');
    const trailing = await c.req('POST', '/api/v1/methods/email', { raw: '{"address":"a@example.org"} {}', headers: { 'content-type': 'application/json' } });
    assert.equal(trailing.json.code, 'bad-request');
    const unknown = await c.req('POST', '/api/v1/methods/email', { body: { address: 'a@example.org', adress: 'b@example.org' } });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.json.code, 'unknown-field');
    const wrongType = await c.req('POST', '/api/v1/methods/email', { body: { address: ['a@example.org'] } });
    assert.equal(wrongType.json.code, 'bad-request');
    assert.equal(mail.received.length, sent, 'nothing was sent');
    assert.deepEqual((await c.req('GET', '/api/v1/methods')).json, before, 'nothing changed');
    const signIn = await new Client(worker.base).req('POST', '/api/v1/session', { body: { ...DEMO.adele, remember: true } });
    assert.equal(signIn.json.code, 'unknown-field');
    assert.equal(signIn.headers.getSetCookie().length, 0);
  });

  test('every response carries the security headers; unknown API paths are JSON 404s', async () => {
    const health = await new Client(worker.base).req('GET', '/api/v1/health');
    assert.deepEqual(health.json, { ok: true });
    const api = await new Client(worker.base).req('GET', '/api/v1/nope');
    assert.equal(api.status, 404);
    assert.deepEqual(api.json, { code: 'not-found' });
    for (const r of [api, await new Client(worker.base).req('GET', '/')]) {
      assert.equal(r.headers.get('x-frame-options'), 'DENY');
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
      assert.match(r.headers.get('content-security-policy'), /frame-ancestors 'none'/);
      assert.doesNotMatch(r.headers.get('content-security-policy'), /unsafe-inline/);
    }
    const page = await new Client(worker.base).req('GET', '/some/deep/link');
    assert.equal(page.status, 200, 'SPA fallback');
    assert.match(page.text, /boot\.js/);
  });

  test('config negotiates the language from the cookie, then Accept-Language', async () => {
    const c = new Client(worker.base);
    assert.equal((await c.req('GET', '/api/v1/config', { headers: { 'accept-language': 'nl-BE,nl;q=0.9' } })).json.language, 'nl-NL');
    assert.equal((await c.req('GET', '/api/v1/config', { headers: { 'accept-language': 'fr' } })).json.language, 'en-US');
    c.cookies.set('lang', 'nl-NL');
    assert.equal((await c.req('GET', '/api/v1/config', { headers: { 'accept-language': 'en' } })).json.language, 'nl-NL');
  });
});

describe('email method', () => {
  test('code travels through the provider API; verify, list masked, delete', async () => {
    const c = await signedIn(DEMO.alex);
    const before = mail.received.length;
    const start = await c.req('POST', '/api/v1/methods/email', { body: { address: ' Alex.Wilber@Example.org ' }, headers: { 'accept-language': 'nl-NL' } });
    assert.equal(start.status, 201, start.text);
    assert.equal(start.json.masked_destination, 'al•••@example.org');
    assert.equal(mail.received.length, before + 1);
    const sent = mail.received.at(-1);
    assert.equal(sent.method, 'POST');
    assert.equal(sent.headers.authorization, 'Bearer test-key');
    assert.match(sent.headers['content-type'], /^application\/json/);
    const payload = JSON.parse(sent.body);
    assert.deepEqual(payload.personalizations, [{ to: [{ email: 'alex.wilber@example.org' }] }]);
    assert.match(payload.subject, /^Verificatiecode van Contoso: \d{6}$/);

    const verify = await c.req('POST', '/api/v1/methods/email/verify', { body: { challenge_id: start.json.challenge_id, code: mail.lastCode() } });
    assert.equal(verify.status, 201, verify.text);
    let list = await c.req('GET', '/api/v1/methods');
    assert.deepEqual(list.json.methods.map((m) => m.detail), [{ kind: 'email', masked_address: 'al•••@example.org' }]);
    assert.deepEqual(list.json.addable, ['authenticator-app', 'phone', 'alternate-phone', 'security-key', 'security-questions', 'app-password', 'recovery-codes'], 'one email per user');
    assert.doesNotMatch(list.text, /alex\.wilber/);

    const del = await c.req('DELETE', `/api/v1/methods/${verify.json.id}`);
    assert.equal(del.status, 204);
    list = await c.req('GET', '/api/v1/methods');
    assert.deepEqual(list.json.methods, []);
    assert.deepEqual(list.json.addable, ['authenticator-app', 'phone', 'alternate-phone', 'security-key', 'email', 'security-questions', 'app-password', 'recovery-codes']);
    assert.equal((await c.req('DELETE', `/api/v1/methods/${verify.json.id}`)).json.code, 'method-not-found');
  });

  test('malformed and work addresses are refused, nothing is sent or stored', async () => {
    const c = await signedIn();
    const before = mail.received.length;
    for (const [address, code] of [['not-an-email', 'invalid-email'], ['a@b', 'invalid-email'], ['adele@contoso.com', 'work-email-not-allowed'], ['x@mail.CONTOSO.com', 'work-email-not-allowed']]) {
      const r = await c.req('POST', '/api/v1/methods/email', { body: { address } });
      assert.equal(r.status, 400, address);
      assert.equal(r.json.code, code, address);
    }
    assert.equal(mail.received.length, before);
    assert.deepEqual((await c.req('GET', '/api/v1/methods')).json.methods, []);
  });

  test('wrong, malformed and replayed codes; five wrong tries lock; resend waits', async () => {
    const c = await signedIn();
    const start = await c.req('POST', '/api/v1/methods/email', { body: { address: 'adele@example.net' } });
    assert.equal(start.status, 201);
    const id = start.json.challenge_id;
    const code = mail.lastCode();
    const wrong = code === '000000' ? '000001' : '000000';
    const bad = await c.req('POST', '/api/v1/methods/email/verify', { body: { challenge_id: id, code: '12ab56' } });
    assert.deepEqual(bad.json, { code: 'invalid-code' });
    const w1 = await c.req('POST', '/api/v1/methods/email/verify', { body: { challenge_id: id, code: wrong } });
    assert.equal(w1.status, 400);
    assert.deepEqual(w1.json, { code: 'invalid-code', attempts_left: 4 });

    const soon = await c.req('POST', '/api/v1/methods/email/resend', { body: { challenge_id: id } });
    assert.equal(soon.status, 429);
    assert.equal(soon.json.code, 'resend-too-soon');
    assert.ok(Number(soon.headers.get('retry-after')) > 0);

    for (let i = 0; i < 3; i++) await c.req('POST', '/api/v1/methods/email/verify', { body: { challenge_id: id, code: wrong } });
    const locked = await c.req('POST', '/api/v1/methods/email/verify', { body: { challenge_id: id, code: wrong } });
    assert.equal(locked.json.code, 'code-locked');
    const right = await c.req('POST', '/api/v1/methods/email/verify', { body: { challenge_id: id, code } });
    assert.equal(right.json.code, 'code-locked', 'the right code no longer works');
    assert.deepEqual((await c.req('GET', '/api/v1/methods')).json.methods, []);

    const other = await c.req('POST', '/api/v1/methods/email/verify', { body: { challenge_id: 'f'.repeat(32), code } });
    assert.equal(other.status, 404);
    assert.equal(other.json.code, 'no-pending-verification');
  });

  test('a code is accepted exactly once, even when sent ten times at once', async () => {
    const c = await signedIn(DEMO.alex);
    const start = await c.req('POST', '/api/v1/methods/email', { body: { address: 'alex@example.com' } });
    assert.equal(start.status, 201, start.text);
    const body = { challenge_id: start.json.challenge_id, code: mail.lastCode() };
    const results = await Promise.all(Array.from({ length: 10 }, () => c.req('POST', '/api/v1/methods/email/verify', { body })));
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [201, 404, 404, 404, 404, 404, 404, 404, 404, 404]);
    const list = await c.req('GET', '/api/v1/methods');
    assert.equal(list.json.methods.length, 1);
    await c.req('DELETE', `/api/v1/methods/${list.json.methods[0].id}`);
  });

  // A refusal; a passing trouble (429, 5xx) queues the code instead: queue.test.mjs.
  test('a provider refusal is reported and stores nothing', async () => {
    const c = await signedIn();
    mail.state.failWith = 400;
    try {
      const r = await c.req('POST', '/api/v1/methods/email', { body: { address: 'adele@example.com' } });
      assert.equal(r.status, 502);
      assert.equal(r.json.code, 'delivery-failed');
    } finally {
      mail.state.failWith = null;
    }
    assert.deepEqual((await c.req('GET', '/api/v1/methods')).json.methods, []);
  });
});

/** A request with any verb (fetch refuses TRACE), as node's http client sends it. */
function rawRequest(method, path) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(worker.base + path, { method, headers: { origin: worker.base } }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, allow: res.headers.allow, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

// Issue 20: the endpoint table answers a path it knows with another verb 405 and
// the verbs it has, before any session is looked at; an unknown path 404.
test('a known path with another verb answers 405 with Allow; an unknown one 404', async () => {
  const cases = [
    ['TRACE', '/api/v1/health', 405, 'GET'],
    ['PUT', '/api/v1/session', 405, 'GET, POST, DELETE'],
    ['GET', '/api/v1/methods/email', 405, 'POST'],
    ['GET', '/api/v1/methods/0123abcd', 405, 'PATCH, DELETE'],
    ['QUERY', '/api/v1/config', 405, 'GET'],
    ['PATCH', '/api/v1/methods/phone/verify', 405, 'POST'],
    ['GET', '/api/v1/reset/send', 405, 'POST'],
    ['OPTIONS', '/api/v1/admin/settings', 405, 'GET, PUT'],
    ['GET', '/api/v1/no-such-thing', 404, undefined],
    ['DELETE', '/api/v1/methods/', 404, undefined],
  ];
  for (const [method, path, status, allow] of cases) {
    const r = await rawRequest(method, path);
    assert.equal(r.status, status, `${method} ${path}: ${r.body}`);
    assert.equal(r.allow, allow, `${method} ${path}`);
    assert.equal(JSON.parse(r.body).code, status === 405 ? 'method-not-allowed' : 'not-found');
  }
});
