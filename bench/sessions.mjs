// Sessions and warm runs (issue 12), ratios against a baseline measured in the same run, interleaved, every sample
// kept (bench/results/sessions-<time>.json). `npm run bench -- sessions`; BENCH_THROUGHPUT_RUNS (default 200) sets
// the runs of each throughput side; BENCH_SESSIONS_PROXY=0 skips the proxy side; BENCH_SESSIONS_PARTS (e.g.
// "warmExec,throughputNone") runs only those parts, and the record says which were left out. The warm exec part
// times every CLI of BENCH_CLIS (bench/lib.mjs), interleaved round by round, to show each step of a change.
//  1. warm exec: median `exec ID -- true` against a cold `run -- true` (target <= 0.25)
//  2. throughput: N runs of a Python program that prints one line, `run --warm` against `run`, both
//     --network none: runs per minute each (target: warm >= 4x cold)
//  3. the same in proxy mode (the warm sandbox's proxy is shared by its runs)
//  4. session start: `create` against `run -- true`
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cliVariants } from './lib.mjs';

const CLI = path.resolve(import.meta.dirname, '../dist/cli.js');
const BASE = process.env.SANDBOX_BASE_IMAGE ?? 'sandbox-action/base:bookworm';
const PY = process.env.SANDBOX_PYTHON_IMAGE ?? 'sandbox-action/python-sandbox:test';
const SMALL = ['--work-size', '256m', '--output-size', '64m', '--pull', 'never'];
const PROXY = ['--network', 'proxy', '--allow-domain', 'example.com', '--proxy-base-image', BASE];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
function cli(args, file = CLI) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`sandbox-action ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout.toString().trim() };
}
const fixed = (x) => Number(x.toFixed(3));
const sandboxIds = () => JSON.parse(cli(['ls', '--json']).stdout).map((r) => r.id);

/** Each variant's exec and cold run, interleaved: per round, every variant's exec then its run. */
function warmExec(rounds, samples) {
  const variants = cliVariants();
  const id = cli(['create', '--image', BASE, ...SMALL]).stdout;
  try {
    const times = variants.map(() => ({ exec: [], run: [] }));
    for (const v of variants) {
      cli(['exec', '--quiet', id, '--', 'true'], v.cli);
      cli(['run', '--quiet', '--image', BASE, ...SMALL, '--', 'true'], v.cli);
    }
    for (let i = 0; i < rounds; i++) {
      variants.forEach((v, k) => {
        times[k].exec.push(cli(['exec', '--quiet', id, '--', 'true'], v.cli).ms);
        times[k].run.push(cli(['run', '--quiet', '--image', BASE, ...SMALL, '--', 'true'], v.cli).ms);
      });
    }
    const summary = (t) => {
      const ratio = median(t.exec) / median(t.run);
      return {
        execMedianMs: fixed(median(t.exec)),
        runMedianMs: fixed(median(t.run)),
        ratio: fixed(ratio),
        target: '<= 0.25',
        met: ratio <= 0.25,
      };
    };
    if (variants.length === 1) {
      samples.warmExec = times[0];
      return summary(times[0]);
    }
    samples.warmExec = Object.fromEntries(variants.map((v, k) => [v.name, times[k]]));
    return Object.fromEntries(variants.map((v, k) => [v.name, summary(times[k])]));
  } finally {
    cli(['rm', id]);
  }
}

/** N warm and N cold runs, interleaved in blocks of 10, each side timed as a whole (runs per minute). */
function throughput(n, extra, samples, key) {
  const args = [
    'run',
    '--quiet',
    '--image',
    PY,
    ...SMALL,
    ...extra,
    '--entrypoint',
    'python3',
    '--',
    '-c',
    'print("one line")',
  ];
  const warmArgs = [...args.slice(0, 1), '--warm', '--idle-ttl', '10m', ...args.slice(1)];
  cli(warmArgs);
  cli(args);
  const warm = [];
  const cold = [];
  for (let done = 0; done < n; done += 10) {
    const k = Math.min(10, n - done);
    for (let i = 0; i < k; i++) warm.push(cli(warmArgs).ms);
    for (let i = 0; i < k; i++) cold.push(cli(args).ms);
  }
  samples[key] = { warm, cold };
  const perMin = (xs) => (xs.length * 60_000) / xs.reduce((a, b) => a + b, 0);
  const ratio = perMin(warm) / perMin(cold);
  return {
    runs: n,
    warmRunsPerMinute: fixed(perMin(warm)),
    coldRunsPerMinute: fixed(perMin(cold)),
    warmMedianMs: fixed(median(warm)),
    coldMedianMs: fixed(median(cold)),
    ratio: fixed(ratio),
    target: 'warm >= 4x cold',
    met: ratio >= 4,
  };
}

function createVsRun(rounds, samples) {
  const create = [];
  const run = [];
  for (let i = 0; i < rounds; i++) {
    const c = cli(['create', '--image', BASE, ...SMALL]);
    create.push(c.ms);
    cli(['rm', c.stdout]);
    run.push(cli(['run', '--quiet', '--image', BASE, ...SMALL, '--', 'true']).ms);
  }
  samples.createVsRun = { create, run };
  return {
    createMedianMs: fixed(median(create)),
    runMedianMs: fixed(median(run)),
    ratio: fixed(median(create) / median(run)),
  };
}

export function benchSessions({ rounds }) {
  const n = Number(process.env.BENCH_THROUGHPUT_RUNS ?? 200);
  const samples = {};
  // The sandboxes that appear while the bench runs are removed at its end: the bench's own warm sandboxes (and any
  // a user made meanwhile: run the bench on an engine of its own). Those that existed before it are left alone.
  const before = new Set(sandboxIds());
  const parts = (process.env.BENCH_SESSIONS_PARTS ?? '').split(',').filter(Boolean);
  const part = (name, f) =>
    parts.length && !parts.includes(name) ? { skipped: `BENCH_SESSIONS_PARTS=${parts.join(',')}` } : f();
  const r = {
    warmExec: part('warmExec', () => warmExec(rounds, samples)),
    throughputNone: part('throughputNone', () =>
      throughput(n, ['--network', 'none'], samples, 'throughputNone'),
    ),
    // BENCH_SESSIONS_PROXY=0 leaves the proxy side out (said in the record), e.g. on an engine whose networks
    // are not in this host's namespace.
    throughputProxy:
      process.env.BENCH_SESSIONS_PROXY === '0'
        ? { skipped: 'BENCH_SESSIONS_PROXY=0' }
        : part('throughputProxy', () => throughput(n, PROXY, samples, 'throughputProxy')),
    createVsRun: part('createVsRun', () => createVsRun(Math.min(rounds, 5), samples)),
  };
  for (const id of sandboxIds()) if (!before.has(id)) cli(['rm', id]);
  cli(['gc']);
  const dir = path.resolve(import.meta.dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `sessions-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({ summary: r, samples }, null, 2));
  r.samplesFile = path.relative(path.resolve(import.meta.dirname, '..'), file);
  return r;
}
