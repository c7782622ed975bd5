// Provisions a tenant from a JSON file (see domain/src/tenant_file.rs and
// docs/tenant.example.json), safe to run again: reads what is stored for the
// tenant with wrangler, lets `tenant-records` plan the changes, prints them, and
// (unless --dry-run) writes them; new users' one-time access passes are printed
// once. Run through scripts/tenant.sh, which sets up the environment.
//   node scripts/tenant.mjs FILE [--local] [--persist-to DIR] [--dry-run]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--persist-to');
if (!file) {
  console.error('usage: scripts/tenant.sh FILE [--local] [--persist-to DIR] [--dry-run]');
  process.exit(2);
}
const local = args.includes('--local');
const dryRun = args.includes('--dry-run');
const persist = args.includes('--persist-to') ? args[args.indexOf('--persist-to') + 1] : '.state/dev';
const where = local ? ['--binding', 'KV', '--env', 'dev', '--local', '--persist-to', persist] : ['--binding', 'KV', '--remote'];
const work = mkdtempSync(join(tmpdir(), 'tenant-'));
const input = readFileSync(file);

function run(command, commandArgs, stdin) {
  const r = spawnSync(command, commandArgs, { input: stdin, encoding: 'utf8', maxBuffer: 1 << 28,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_HIDE_BANNER: 'true' } });
  if (r.status !== 0) {
    console.error(r.stderr || r.stdout);
    rmSync(work, { recursive: true, force: true });
    process.exit(1);
  }
  return r.stdout;
}

const records = (extra, stdin) => run('cargo', ['run', '-q', '-p', 'domain', '--bin', 'tenant-records', '--', ...extra], stdin);
const wrangler = (...rest) => run(process.execPath, ['node_modules/wrangler/bin/wrangler.js', 'kv', ...rest, ...where]);
/** wrangler prints JSON after any notices: the part from the first bracket on. */
const json = (text, open) => JSON.parse(text.slice(text.indexOf(open)));

function bulkGet(keys) {
  if (keys.length === 0) return {};
  const path = join(work, 'get.json');
  writeFileSync(path, JSON.stringify(keys));
  return json(wrangler('bulk', 'get', path), '{');
}

let parsed;
try { parsed = JSON.parse(input); } catch (e) { console.error(`${file}: not JSON: ${e.message}`); process.exit(1); }
const id = String(parsed.id ?? '');
if (!/^[a-z0-9-]{1,40}$/.test(id)) { console.error(`${file}: "id" must be lower-case letters, digits and dashes`); process.exit(1); }
const hosts = (parsed.hosts ?? []).map((h) => `h/${String(h).trim().toLowerCase()}`);
const names = json(wrangler('key', 'list', '--prefix', `t/${id}/n/`), '[').map((k) => k.name);
const stored = bulkGet([`t/${id}`, ...hosts, ...names]);
const userKeys = names.map((n) => stored[n]?.value).filter(Boolean).map((u) => `t/${id}/u/${u}`);
Object.assign(stored, bulkGet(userKeys));
const statePath = join(work, 'stored.json');
writeFileSync(statePath, JSON.stringify(stored));
const plan = JSON.parse(records([statePath], input));

console.log(`tenant ${id}: ${plan.changes.length ? '' : 'no changes'}`);
for (const change of plan.changes) console.log(`  - ${change}`);
if (dryRun) {
  console.log(`dry run: nothing written (${plan.put.length} records to write, ${plan.delete.length} to delete)`);
} else {
  if (plan.put.length) {
    const path = join(work, 'put.json');
    writeFileSync(path, JSON.stringify(plan.put));
    wrangler('bulk', 'put', path);
  }
  if (plan.delete.length) {
    const path = join(work, 'delete.json');
    writeFileSync(path, JSON.stringify(plan.delete));
    wrangler('bulk', 'delete', path, '--force');
  }
  if (plan.passes.length) {
    console.log('\nOne-time access passes for the new users (shown once; valid 7 days; each signs in once to set up a password and methods):');
    for (const { username, pass } of plan.passes) console.log(`  ${username}  ${pass}`);
  }
  console.log(`written: ${plan.put.length} records, ${plan.delete.length} deleted`);
}
rmSync(work, { recursive: true, force: true });
