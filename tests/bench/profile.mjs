// CPU profile of the worker's isolate under load (not part of `make bench`):
// self time per request by function, and by kind (wasm, JS glue, the runtime).
//   node tests/bench/profile.mjs                 GET /api/v1/methods, 10 connections
//   PROFILE_PATH=/api/v1/health CONNS=50 node tests/bench/profile.mjs
//   SECOND_STEP=1 node tests/bench/profile.mjs   a wrong authenticator-app code
// The wasm's function names need a build without the size passes, which drop the
// name section: `KEEP_NAMES=1 bash scripts/build.sh dev --worker-only`. Sampling slows the isolate
// several times; compare shares, not rates.
import WebSocket from 'ws';
import { startWorker, Client, DEMO } from '../harness.mjs';

const CONNS = Number(process.env.CONNS ?? 10);
const TOP = Number(process.env.TOP ?? 40);
const worker = await startWorker();
try {
  const c = new Client(worker.base);
  await c.signIn(DEMO.adele);
  let path = process.env.PROFILE_PATH ?? '/api/v1/methods';
  let init = { headers: { cookie: `sid=${c.cookies.get('sid')}` } };
  if (process.env.SECOND_STEP) {
    const owner = new Client(worker.base);
    await owner.signIn(DEMO.alex);
    const app = await owner.registerApp('Profile');
    const v = new Client(worker.base);
    await v.signIn(DEMO.alex);
    path = '/api/v1/session/second-step';
    init = { method: 'POST', body: JSON.stringify({ method_id: app.json.id, code: '000000' }),
      headers: { 'content-type': 'application/json', origin: worker.base, 'x-csrf-token': v.csrf, cookie: `sid=${v.cookies.get('sid')}` } };
  }
  // wrangler's inspector proxy (miniflare) takes DevTools clients from localhost.
  const [target] = await (await fetch(`http://127.0.0.1:${worker.inspector}/json`)).json();
  const ws = new WebSocket(target.webSocketDebuggerUrl, { headers: { origin: 'http://localhost' } });
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  let id = 0;
  const pending = new Map();
  ws.on('message', (data) => {
    const m = JSON.parse(String(data));
    pending.get(m.id)?.(m);
    pending.delete(m.id);
  });
  const send = (method, params = {}) => new Promise((resolve) => {
    pending.set(++id, resolve);
    ws.send(JSON.stringify({ id, method, params }));
  });
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 100 });
  const hit = async () => { await (await fetch(worker.base + path, init)).arrayBuffer(); };
  for (let i = 0; i < 50; i++) await hit();
  await send('Profiler.start');
  let n = 0;
  const end = Date.now() + 5000;
  await Promise.all(Array.from({ length: CONNS }, async () => { while (Date.now() < end) { await hit(); n++; } }));
  const { result: { profile } } = await send('Profiler.stop');
  // SOURCE=file: the bundle's text, to read what a line of index.js is.
  if (process.env.SOURCE) {
    const script = profile.nodes.find((x) => x.callFrame.url === 'index.js')?.callFrame.scriptId;
    await send('Debugger.enable');
    const { result } = await send('Debugger.getScriptSource', { scriptId: script });
    (await import('node:fs')).writeFileSync(process.env.SOURCE, result.scriptSource);
  }
  ws.close();

  const nodes = new Map(profile.nodes.map((x) => [x.id, x]));
  const msPerSample = (profile.endTime - profile.startTime) / profile.samples.length / 1000;
  const self = new Map();
  for (const sample of profile.samples) {
    const f = nodes.get(sample).callFrame;
    const name = `${f.functionName || '(anonymous)'} ${f.url}:${f.lineNumber}`;
    self.set(name, (self.get(name) ?? 0) + msPerSample);
  }
  const kind = (name) => (/\.wasm|wasm-function/.test(name) ? 'wasm'
    : /^\(idle\)/.test(name) ? 'idle' : / index\.js:/.test(name) ? 'JS glue' : 'runtime');
  const kinds = {};
  for (const [name, ms] of self) kinds[kind(name)] = (kinds[kind(name)] ?? 0) + ms;
  const us = (ms) => (ms / n * 1000).toFixed(0).padStart(6);
  console.log(`${path}, ${CONNS} connections, ${n} requests sampled`);
  console.log(Object.entries(kinds).map(([k, ms]) => `${k} ${us(ms).trim()} µs`).join(', '), 'per request');
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`${us(ms)} µs  ${name.slice(0, 160)}`);
} finally {
  await worker.stop();
}
