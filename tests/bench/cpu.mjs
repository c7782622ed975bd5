// CPU time per request by process (workerd, wrangler's node, this client), from
// /proc, for /health, /methods and a refused second step: where a request's cost
// lies on this machine. Not part of `make bench`.
import { readFileSync, readdirSync } from 'node:fs';
import { startWorker, Client, DEMO } from '../harness.mjs';
import http from 'node:http';

const N = Number(process.env.N ?? 3000);
const CONNS = Number(process.env.CONNS ?? 10);
const TICK_US = 1e6 / 100;
function procs() {
  const out = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: d, cmd, ticks: Number(f[11]) + Number(f[12]) });
    } catch { /* gone */ }
  }
  return out;
}
const kind = (cmd) => (cmd.includes('workerd') ? 'workerd' : cmd.includes('wrangler') ? 'wrangler' : String(process.pid) && null);
function sample() {
  const by = { workerd: 0, wrangler: 0 };
  for (const p of procs()) { const k = kind(p.cmd); if (k) by[k] += p.ticks; }
  const u = process.cpuUsage();
  by.client = (u.user + u.system) / TICK_US;
  return by;
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function hit(path, init) {
  return new Promise((resolve, reject) => {
    const body = init.body === undefined ? undefined : Buffer.from(init.body);
    const headers = { ...init.headers };
    if (body) headers['content-length'] = body.length;
    const req = http.request(worker.base + path, { method: init.method ?? 'GET', headers, agent }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const worker = await startWorker();
try {
  const c = new Client(worker.base);
  await c.signIn(DEMO.adele);
  const owner = new Client(worker.base);
  await owner.signIn(DEMO.alex);
  const app = await owner.registerApp('Cpu');
  const v = new Client(worker.base);
  await v.signIn(DEMO.alex);
  const rows = {
    health: ['/api/v1/health', {}],
    methods: ['/api/v1/methods', { headers: { cookie: `sid=${c.cookies.get('sid')}` } }],
    secondStep: ['/api/v1/session/second-step', { method: 'POST', body: JSON.stringify({ method_id: app.json.id, code: '000000' }),
      headers: { 'content-type': 'application/json', origin: worker.base, 'x-csrf-token': v.csrf, cookie: `sid=${v.cookies.get('sid')}` } }],
  };
  for (let round = 0; round < 2; round++) {
    for (const [name, [path, init]] of Object.entries(rows)) {
      let left = N;
      const before = sample();
      const t0 = performance.now();
      await Promise.all(Array.from({ length: CONNS }, async () => {
        while (left-- > 0) {
          if (process.env.CLIENT === 'http') await hit(path, init);
          else await (await fetch(worker.base + path, init)).arrayBuffer();
        }
      }));
      const secs = (performance.now() - t0) / 1000;
      const after = sample();
      const per = (k) => (((after[k] - before[k]) * TICK_US) / N).toFixed(0).padStart(5);
      console.log(`${name.padEnd(11)} ${(N / secs).toFixed(0).padStart(5)} req/s  µs CPU/request: workerd ${per('workerd')}  wrangler ${per('wrangler')}  client ${per('client')}`);
    }
  }
} finally {
  await worker.stop();
}
