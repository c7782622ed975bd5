// Where a request's cost lies on this machine (not part of `make bench`): for
// /health, /methods, a refused second step and a POST of the same body to /health
// (which nobody reads), the rate, its ratio to /health and the CPU time per
// request of each process (the workerd processes, wrangler's node, this client),
// read from /proc. Twice: through wrangler dev's own proxy (the port `make dev`
// prints: a second workerd holding a proxy worker, which logs each request to
// wrangler's node) and straight to the workerd running our worker (its port found
// with `ss`), as production has no such proxy.
//   node tests/bench/cpu.mjs            10 connections
//   CONNS=50 SLICES=10 node tests/bench/cpu.mjs
import { execSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { startWorker, Client, DEMO } from '../harness.mjs';
import { hit } from './http.mjs';

const CONNS = Number(process.env.CONNS ?? 10);
const SLICES = Number(process.env.SLICES ?? 6);
const TICK_US = 1e6 / 100;

/** CPU ticks so far of the workerd processes, wrangler's node and this client. */
function cpu() {
  const by = { workerd: 0, wrangler: 0, client: 0 };
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      if (cmd.includes('workerd')) by.workerd += ticks;
      else if (cmd.includes('wrangler')) by.wrangler += ticks;
    } catch { /* gone meanwhile */ }
  }
  const own = process.cpuUsage();
  by.client = (own.user + own.system) / TICK_US;
  return by;
}

const worker = await startWorker();
try {
  // The workerd that is not the proxy's answers /health itself on one of its ports.
  const port = new URL(worker.base).port;
  const listening = execSync('ss -ltnpH').toString().split('\n').filter((l) => l.includes('"workerd"'));
  const proxyPid = listening.find((l) => l.includes(`:${port} `))?.match(/pid=(\d+)/)?.[1];
  let direct;
  for (const line of listening.filter((l) => !l.includes(`pid=${proxyPid},`))) {
    const candidate = `http://127.0.0.1:${line.match(/127\.0\.0\.1:(\d+)/)?.[1]}`;
    const ok = await hit(candidate, '/api/v1/health', {}).catch(() => 0);
    if (ok === 200) { direct = candidate; break; }
  }
  if (!direct) throw new Error('no workerd port answers /api/v1/health');

  const a = new Client(worker.base);
  await a.signIn(DEMO.adele);
  const owner = new Client(worker.base);
  await owner.signIn(DEMO.alex);
  const app = await owner.registerApp('Cpu');
  const v = new Client(worker.base);
  await v.signIn(DEMO.alex);
  const body = JSON.stringify({ method_id: app.json.id, code: '000000' });
  const rows = (base) => ({
    'GET /health': ['/api/v1/health', {}],
    'GET /methods': ['/api/v1/methods', { headers: { cookie: `sid=${a.cookies.get('sid')}` } }],
    'POST /second-step': ['/api/v1/session/second-step', { method: 'POST', body,
      headers: { 'content-type': 'application/json', origin: base, 'x-csrf-token': v.csrf, cookie: `sid=${v.cookies.get('sid')}` } }],
    'POST /health': ['/api/v1/health', { method: 'POST', body, headers: { 'content-type': 'application/json' } }],
  });
  console.log(`${CONNS} connections, ${SLICES} interleaved 1 s slices per row; CPU µs per request by process`);
  for (const [via, base] of [['through wrangler dev\'s proxy', worker.base], ['straight to our workerd', direct]]) {
    const table = rows(base);
    const t = Object.fromEntries(Object.keys(table).map((k) => [k, { n: 0, secs: 0, workerd: 0, wrangler: 0, client: 0 }]));
    for (let i = 0; i < SLICES; i++) {
      const order = i % 2 ? Object.keys(table).reverse() : Object.keys(table);
      for (const name of order) {
        const [path, init] = table[name];
        const before = cpu();
        const t0 = performance.now();
        const end = Date.now() + 1000;
        await Promise.all(Array.from({ length: CONNS }, async () => {
          while (Date.now() < end) { await hit(base, path, init); t[name].n++; }
        }));
        t[name].secs += (performance.now() - t0) / 1000;
        const after = cpu();
        for (const k of ['workerd', 'wrangler', 'client']) t[name][k] += after[k] - before[k];
      }
    }
    console.log(via);
    const health = t['GET /health'].n / t['GET /health'].secs;
    for (const [name, r] of Object.entries(t)) {
      const rate = r.n / r.secs;
      const per = (k) => ((r[k] * TICK_US) / r.n).toFixed(0).padStart(5);
      console.log(`  ${name.padEnd(18)} ${rate.toFixed(0).padStart(5)} req/s  ratio ${(rate / health).toFixed(2)}  ` +
        `workerd ${per('workerd')}  wrangler ${per('wrangler')}  client ${per('client')}`);
    }
  }
} finally {
  await worker.stop();
}
