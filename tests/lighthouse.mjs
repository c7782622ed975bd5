// Runs Lighthouse (npm, mobile preset with simulated throttling) in Debian's
// Chromium against a page of a running worker; keeps the JSON report.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { ROOT, NODE22, artifactsDir } from './harness.mjs';

const CLI = join(ROOT, 'node_modules/lighthouse/cli/index.js');

/** Scores (0–100) and key timings of `url`; `cookie` signs the page in. */
export async function lighthouse(url, name, { cookie } = {}) {
  const out = join(artifactsDir('lighthouse'), `${name}.json`);
  const args = [CLI, url, '--quiet', '--output', 'json', '--output-path', out,
    '--only-categories=performance,accessibility,best-practices',
    '--chrome-flags=--headless --no-sandbox --disable-gpu --no-first-run'];
  if (cookie) args.push('--extra-headers', JSON.stringify({ Cookie: cookie }));
  // A run whose trace Lighthouse itself failed to record (NO_NAVSTART and the like,
  // "Please run Lighthouse again") measured nothing: it is run again, twice at most.
  // A run that measured is never repeated.
  let code;
  let log;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const child = spawn(NODE22, args, { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, stdio: ['ignore', 'pipe', 'pipe'] });
    log = '';
    child.stdout.on('data', (d) => { log += d; });
    child.stderr.on('data', (d) => { log += d; });
    code = await new Promise((r) => child.on('exit', r));
    if (code === 0 || !log.includes('Runtime error encountered')) break;
    console.log(`lighthouse ${name}: no measurement (attempt ${attempt}), running again`);
  }
  if (code !== 0) throw new Error(`lighthouse failed (${code}):\n${log}`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const score = (c) => Math.round(report.categories[c].score * 100);
  const failing = (c) => report.categories[c].auditRefs
    .map((r) => report.audits[r.id])
    .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable')
    .map((a) => `${a.id}: ${a.title}`);
  return {
    report: out,
    finalUrl: report.finalDisplayedUrl ?? report.finalUrl,
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    failing: { accessibility: failing('accessibility'), bestPractices: failing('best-practices') },
    timings: Object.fromEntries(['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']
      .map((k) => [k, report.audits[k].displayValue])),
  };
}
