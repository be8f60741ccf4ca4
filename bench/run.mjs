// npm run bench: speed targets as ratios against a baseline measured in the same run (never timed assertions).
//  1. run overhead: `sandbox-action run --image BASE -- true` vs bare `docker run --rm BASE true` (target ≤ 1.15)
//  2. output collection: 1 GiB in 1,000 files from /output vs `docker cp` of the same directory (target ≥ 0.9)
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BASE = process.env.SANDBOX_BASE_IMAGE ?? 'sandbox-action/base:bookworm';
const CLI = path.resolve(import.meta.dirname, '../dist/cli.js');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const results = {};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const timed = (cmd, args) => {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, stdout: r.stdout.toString() };
};
const docker = (...args) => execFileSync('docker', args, { encoding: 'utf8' }).trim();

function benchRunOverhead() {
  const ours = [];
  const bare = [];
  // Warm both paths once (page cache, image layers), then interleave.
  timed(process.execPath, [CLI, 'run', '--quiet', '--pull', 'never', '--image', BASE, '--', 'true']);
  timed('docker', ['run', '--rm', BASE, 'true']);
  for (let i = 0; i < ROUNDS; i++) {
    ours.push(
      timed(process.execPath, [CLI, 'run', '--quiet', '--pull', 'never', '--image', BASE, '--', 'true']).ms,
    );
    bare.push(timed('docker', ['run', '--rm', BASE, 'true']).ms);
  }
  // Context for the ratio: Node's own start (a floor for any Node CLI) and docker run with the same flags.
  const nodeStart = [];
  const sameFlags = [];
  for (let i = 0; i < Math.min(ROUNDS, 5); i++) {
    nodeStart.push(timed(process.execPath, ['-e', '0']).ms);
    sameFlags.push(
      timed('docker', [
        'run',
        '--rm',
        '--init',
        '--read-only',
        '--cap-drop',
        'ALL',
        '--security-opt',
        'no-new-privileges',
        '--network',
        'none',
        '--memory',
        '2g',
        '--memory-swap',
        '2g',
        '--pids-limit',
        '512',
        '--log-driver',
        'none',
        '--tmpfs',
        '/tmp:rw,noexec,nosuid,size=512m',
        '-u',
        '65534:65534',
        BASE,
        'true',
      ]).ms,
    );
  }
  const r = {
    oursMedianMs: median(ours),
    bareMedianMs: median(bare),
    dockerRunSameFlagsMedianMs: median(sameFlags),
    nodeStartMedianMs: median(nodeStart),
  };
  r.ratio = r.oursMedianMs / r.bareMedianMs;
  r.ratioWithoutNodeStart = (r.oursMedianMs - r.nodeStartMedianMs) / r.bareMedianMs;
  r.target = '≤ 1.15';
  r.met = r.ratio <= 1.15;
  results.runOverhead = r;
}

function benchCollect() {
  const files = 1000;
  const make = `cd /output && i=0; while [ $i -lt ${files} ]; do head -c 1048576 /dev/urandom > f$i; i=$((i+1)); done`;
  const ours = [];
  const cp = [];
  for (let i = 0; i < Math.max(3, Math.floor(ROUNDS / 3)); i++) {
    // Ours: the collection phase of a real run, as the run reports it.
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-bench-'));
    const r = timed(process.execPath, [
      CLI,
      'run',
      '--json',
      '--quiet',
      '--pull',
      'never',
      '--image',
      BASE,
      '--output-dir',
      path.join(out, 'o'),
      '--output-size',
      '2g',
      '--max-output-bytes',
      '2g',
      '--max-output-file-size',
      '2m',
      '--',
      'sh',
      '-c',
      make,
    ]);
    const res = JSON.parse(r.stdout.trim().split('\n').pop());
    if (res.outputs.files !== files) throw new Error(`collected ${res.outputs.files} files`);
    ours.push(res.timings.collectMs);
    fs.rmSync(out, { recursive: true, force: true });
    // Baseline: docker cp of the same directory from a stopped container holding the same data in a volume.
    const vol = `sa-bench-${process.pid}-${i}`;
    docker('volume', 'create', vol);
    docker('run', '--rm', '-v', `${vol}:/output`, BASE, 'sh', '-c', make);
    const id = docker('create', '-v', `${vol}:/output`, BASE, 'true');
    const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-bench-cp-'));
    cp.push(timed('docker', ['cp', `${id}:/output`, dest]).ms);
    docker('rm', '-f', id);
    docker('volume', 'rm', vol);
    fs.rmSync(dest, { recursive: true, force: true });
  }
  const r = { oursMedianMs: median(ours), dockerCpMedianMs: median(cp) };
  r.speedRatio = r.dockerCpMedianMs / r.oursMedianMs;
  r.target = '≥ 0.9 of docker cp';
  r.met = r.speedRatio >= 0.9;
  results.collect1GiB = r;
}

// 3. the action's own overhead around the run (bundle start-up, input parsing, outputs, summary): the action entry
//    against the CLI doing the same run, interleaved. Target: under 300 ms.
function benchActionOverhead() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-bench-action-'));
  const env = {
    PATH: process.env.PATH,
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: tmp,
    GITHUB_OUTPUT: path.join(tmp, 'out'),
    GITHUB_STEP_SUMMARY: path.join(tmp, 'summary'),
    INPUT_IMAGE: BASE,
    INPUT_RUN: 'true',
    INPUT_PULL: 'never',
  };
  // The runner creates the file-command files before a step runs.
  fs.writeFileSync(env.GITHUB_OUTPUT, '');
  fs.writeFileSync(env.GITHUB_STEP_SUMMARY, '');
  const action = [];
  const cli = [];
  const runAction = () => {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [path.resolve(import.meta.dirname, '../dist/index.js')], {
      env,
      stdio: 'pipe',
    });
    if (r.status !== 0) throw new Error(`action failed: ${r.stdout}${r.stderr}`);
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  const runCli = () => {
    const out = path.join(tmp, `o-${Math.random().toString(36).slice(2)}`);
    return timed(process.execPath, [
      CLI,
      'run',
      '--quiet',
      '--pull',
      'never',
      '--image',
      BASE,
      '--output-dir',
      out,
      '--',
      'sh',
      '-c',
      'true',
    ]).ms;
  };
  runAction();
  runCli();
  for (let i = 0; i < ROUNDS; i++) {
    action.push(runAction());
    cli.push(runCli());
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  const r = { actionMedianMs: median(action), cliMedianMs: median(cli) };
  r.overheadMs = r.actionMedianMs - r.cliMedianMs;
  r.target = '< 300 ms';
  r.met = r.overheadMs < 300;
  results.actionOverhead = r;
}

const only = process.argv[2];
if (!only || only === 'run') benchRunOverhead();
if (!only || only === 'collect') benchCollect();
if (!only || only === 'action') benchActionOverhead();
console.log(JSON.stringify(results, null, 2));
fs.mkdirSync(path.resolve(import.meta.dirname, 'results'), { recursive: true });
fs.writeFileSync(path.resolve(import.meta.dirname, 'results/latest.json'), JSON.stringify(results, null, 2));
