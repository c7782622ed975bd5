// What a sign-in, a second step, a Security info view and a method change ask of
// storage, read from the worker's own log line per request ("storage": KV reads,
// writes and lists, ledger calls), with the request's time on an idle local
// runtime (an upper bound of its CPU time: local storage answers in microseconds).
import { startWorker, Client, DEMO, totp } from '../harness.mjs';

const worker = await startWorker();
const rows = [];
async function measure(name, action) {
  await worker.requests();
  await action();
  for (const l of await worker.requests()) rows.push({ name, path: l.route ?? `${l.method} ${l.path}`, ms: l.ms, ...l.storage, outbox: l.outbox ?? 0 });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  // The local runtime serves its first static page slowly (the asset server
  // starts): once before anything is timed.
  await fetch(`${worker.base}/signin`).then((r) => r.arrayBuffer());
  const c = new Client(worker.base);
  const timings = [];
  for (let i = 0; i < 5; i++) {
    await measure('sign-in (password)', async () => {
      const t0 = performance.now();
      await new Client(worker.base).signIn(DEMO.alex);
      timings.push(performance.now() - t0);
    });
  }
  await c.signIn(DEMO.adele);
  // What a browser asks for on Security info: the page (the worker puts the list
  // in it) and the session.
  await measure('Security info view', async () => {
    await c.req('GET', '/');
    await c.req('GET', '/api/v1/session');
  });
  let app;
  await measure('method change (add an authenticator app)', async () => {
    app = await c.registerApp('Bench');
  });
  // The next window's code: the one just used is spent.
  await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 200));
  const d = new Client(worker.base);
  await measure('sign-in with a second step', async () => {
    await d.signIn(DEMO.adele);
    await d.req('POST', '/api/v1/session/second-step', { body: { method_id: app.json.id, code: totp(app.secret) } });
  });

  const pad = (s, n) => String(s).padStart(n);
  console.log('Storage per request (the worker\'s log lines), wall ms on an idle local runtime:');
  // The development build records mail in a KV outbox (a KV write there): its own
  // column, as production sends mail to a provider or the queue instead.
  console.log(`  ${'flow'.padEnd(44)}${'request'.padEnd(44)}${pad('ms', 6)}${pad('kv r', 6)}${pad('kv w', 6)}${pad('list', 6)}${pad('DO', 5)}${pad('outbox', 8)}`);
  const byPath = new Map();
  for (const r of rows) {
    const key = `${r.name}|${r.path}`;
    if (!byPath.has(key)) byPath.set(key, []);
    byPath.get(key).push(r);
  }
  for (const [, rs] of byPath) {
    const r = rs[0];
    console.log(`  ${r.name.padEnd(44)}${r.path.padEnd(44)}${pad(median(rs.map((x) => x.ms)), 6)}${pad(r.kv_reads, 6)}${pad(r.kv_writes - r.outbox, 6)}${pad(r.kv_lists, 6)}${pad(r.ledger_calls, 5)}${pad(r.outbox, 8)}`);
  }
  const signIn = rows.find((r) => r.name === 'sign-in (password)');
  const signInWrites = signIn.kv_writes - signIn.outbox;
  console.log(`  sign-in (password) round trip, median of 5: ${median(timings).toFixed(0)} ms`);
  if (signInWrites) console.log(`  KV writes per sign-in: ${signInWrites} (free plan, 1,000 writes/day: at most ${Math.floor(1000 / signInWrites)} sign-ins a day)`);
} finally {
  await worker.stop();
}
