// comparator's sandbox overhead, as ratios and differences against baselines measured in the same run, interleaved,
// every sample kept (bench/results/comparator-<time>.json). Called from bench/run.mjs (`npm run bench -- comparator`)
// or alone (`node bench/comparator.mjs`). Needs `npm run bundle` first (the shim runs dist/cli.js).
//  1. per step: a build-shaped step running `true` through the shim (scripts/sandbox-landrun, comparator's argv)
//     against the same `true` run directly on the host; the added time per step is the figure (target < 1 s).
//     For scale: `docker run --rm` of the same image with the same flags (the engine's own floor).
//  2. per judgement: the stand-in comparator (test/fixtures/comparator) on a matching project, with
//     COMPARATOR_LANDRUN at the shim against COMPARATOR_LANDRUN at images/lean/fake-landrun.sh (no sandbox: the
//     four steps run directly, like upstream's scripts/fake-landrun.sh).
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const BASE = process.env.SANDBOX_BASE_IMAGE ?? 'sandbox-action/base:bookworm';
const SHIM = path.join(ROOT, 'scripts/sandbox-landrun');
const PASSTHROUGH = path.join(ROOT, 'images/lean/fake-landrun.sh');
const FIX = path.join(ROOT, 'test/fixtures/comparator');
const PREFIX = ['--best-effort', '--ro', '/', '--rw', '/dev', '-ldd', '-add-exec'];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x) => Math.round(x * 10) / 10;
function timed(cmd, args, opts = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20, ...opts });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout.toString() };
}

function world() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-bench-comparator-'));
  fs.chmodSync(root, 0o755);
  fs.cpSync(path.join(FIX, 'toolchain'), path.join(root, 'toolchain'), { recursive: true });
  fs.cpSync(path.join(FIX, 'tools'), path.join(root, 'tools'), { recursive: true });
  fs.cpSync(path.join(FIX, 'comparator'), path.join(root, 'comparator'));
  const proj = path.join(root, 'proj');
  fs.mkdirSync(path.join(proj, '.lake'), { recursive: true });
  fs.writeFileSync(path.join(proj, 'Challenge.lean'), 'theorem foo : 1 + 1 = 2 := sorry\n');
  fs.writeFileSync(path.join(proj, 'Solution.lean'), 'theorem foo : 1 + 1 = 2 := by rfl\n');
  fs.writeFileSync(
    path.join(proj, 'config.json'),
    JSON.stringify({
      challenge_module: 'Challenge',
      solution_module: 'Solution',
      theorem_names: ['foo'],
      permitted_axioms: ['propext', 'Quot.sound', 'Classical.choice'],
    }),
  );
  execFileSync('chmod', ['-R', 'a+rX', root]);
  return {
    root,
    proj,
    toolchain: path.join(root, 'toolchain'),
    lean4export: path.join(root, 'tools/lean4export'),
  };
}

/** A labelled .lake volume owned by the steps' user, and the context naming it. (Not capped: `true` writes nothing,
 *  and the stand-in judgement a few bytes; runComparator makes the capped one.) */
function context(w) {
  const created = new Date();
  const runId = `${created.getTime().toString(36)}-bench${randomBytes(2).toString('hex')}`;
  const volume = `sandbox-action-${runId}-lake`;
  const label = [
    '--label',
    `sandbox-action.run=${runId}`,
    '--label',
    `sandbox-action.created=${created.toISOString()}`,
  ];
  execFileSync('docker', ['volume', 'create', ...label, volume]);
  execFileSync('docker', [
    'run',
    '--rm',
    ...label,
    '--network',
    'none',
    '-v',
    `${volume}:/l`,
    BASE,
    'chown',
    '65534:65534',
    '/l',
  ]);
  const ctx = {
    version: 1,
    runId,
    createdAt: created.toISOString(),
    image: BASE,
    projectDir: w.proj,
    lakeVolume: volume,
    user: { uid: 65534, gid: 65534 },
    isolation: 'default',
    runtime: null,
    limits: {
      timeoutMs: 600_000,
      memoryBytes: 2 * 1024 ** 3,
      cpus: 2,
      pids: 512,
      nofile: 8192,
      fsizeBytes: 4 * 1024 ** 3,
    },
    fence: null,
  };
  return { ctx, volume };
}

export function benchComparator({ rounds = Number(process.env.BENCH_ROUNDS ?? 10) } = {}) {
  const w = world();
  const { ctx, volume } = context(w);
  const env = {
    PATH: `${w.toolchain}/bin:${path.dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
    HOME: os.homedir(),
    SANDBOX_LANDRUN_CONTEXT: JSON.stringify(ctx),
    SANDBOX_LANDRUN_NODE: process.execPath,
    ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
  };
  const git = execFileSync('which', ['git'], { encoding: 'utf8' }).trim();
  const buildFlags = [
    ...PREFIX,
    ...['--env', 'PATH', '--env', 'HOME', '--env', 'LEAN_ABORT_ON_PANIC'],
    ...['--ro', w.proj, '--rwx', `${w.proj}/.lake`, '--rox', w.toolchain, '--rox', git],
  ];
  const shimTrue = () => timed(SHIM, [...buildFlags, '--', 'true'], { cwd: w.proj, env }).ms;
  const hostTrue = () => timed('true', [], { cwd: w.proj, env }).ms;
  const dockerTrue = () =>
    timed('docker', [
      ...['run', '--rm', '--init', '--read-only', '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges'],
      ...[
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
      ],
      ...['-u', '65534:65534', '-v', `${w.proj}:${w.proj}:ro`, '-v', `${volume}:${w.proj}/.lake`],
      ...['-v', `${w.toolchain}:${w.toolchain}:ro`, '-v', `${git}:${git}:ro`, '-w', w.proj, BASE, 'true'],
    ]).ms;
  const judge = (landrun) => () =>
    timed(`${w.toolchain}/bin/lake`, ['env', path.join(w.root, 'comparator'), 'config.json'], {
      cwd: w.proj,
      env: { ...env, COMPARATOR_LANDRUN: landrun, COMPARATOR_LEAN4EXPORT: w.lean4export },
    });
  const judged = (landrun) => () => {
    const r = judge(landrun)();
    if (r.stdout.trim().split('\n').pop() !== 'Your solution is okay!')
      throw new Error(`not okay: ${r.stdout}`);
    // The passthrough writes the host's .lake: clear it so each judgement builds afresh, as through the shim.
    fs.rmSync(path.join(w.proj, '.lake', 'build'), { recursive: true, force: true });
    return r.ms;
  };
  try {
    const s = { shimTrue: [], hostTrue: [], dockerTrue: [], judgeShim: [], judgePassthrough: [] };
    shimTrue();
    dockerTrue();
    judged(SHIM)();
    judged(PASSTHROUGH)();
    for (let i = 0; i < rounds; i++) {
      s.shimTrue.push(shimTrue());
      s.hostTrue.push(hostTrue());
      s.dockerTrue.push(dockerTrue());
    }
    for (let i = 0; i < Math.max(3, Math.floor(rounds / 2)); i++) {
      s.judgeShim.push(judged(SHIM)());
      s.judgePassthrough.push(judged(PASSTHROUGH)());
    }
    const m = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, round(median(v))]));
    const perStep = m.shimTrue - m.hostTrue;
    const r = {
      stepShimMedianMs: m.shimTrue,
      stepHostMedianMs: m.hostTrue,
      stepDockerRunMedianMs: m.dockerTrue,
      addedPerStepMs: round(perStep),
      shimOverDockerRunMs: round(m.shimTrue - m.dockerTrue),
      target: '< 1000 ms added per step',
      met: perStep < 1000,
      judgeShimMedianMs: m.judgeShim,
      judgePassthroughMedianMs: m.judgePassthrough,
      addedPerJudgementMs: round(m.judgeShim - m.judgePassthrough),
      stepsPerJudgement: 4,
      rounds,
    };
    const dir = path.join(ROOT, 'bench/results');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `comparator-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(file, JSON.stringify({ result: r, samplesMs: s }, null, 2));
    return { ...r, samples: path.relative(ROOT, file) };
  } finally {
    spawnSync('docker', ['volume', 'rm', volume]);
    fs.rmSync(w.root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(benchComparator(), null, 2));
