// The three start-up and collection speed targets, each as ratios against baselines measured in the same bench run,
// every round interleaved (one sample of each contender per round, in turn), every sample kept:
//  P1 run overhead: `sandbox-action run -- true` against `docker run --rm` of the same image (target <= 1.15);
//     context: `docker run` with the sandbox's flags and its two loop-backed ext4 volumes, and `node -e 0`.
//  P4 collection: 1000 MiB in 1,000 files from /output of one stopped container, our collector as a whole process
//     against `docker cp` as a whole process, both from the same loop-backed ext4 volume (target >= 0.9 of its speed).
//  P9 proxy start: `run --network proxy -- true` on an engine without the proxy image (first run) against the same
//     run once the image is there (target: within 3 s), and the warm proxy run against `--network none` (0.5 s).
// BENCH_CLIS="name=path/cli.js,..." times several builds of the CLI in the same rounds (the gain of each step).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import {
  BASE,
  ROOT,
  ROUNDS,
  cliVariants,
  docker,
  loopVolume,
  median,
  round1,
  round3,
  timed,
} from './lib.mjs';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const summarise = (samples) =>
  Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, round1(median(v))]));

/** The sandbox's own flags (src/sandbox/plan.ts defaults), for the "same flags" baseline. */
function sameFlags(work, output) {
  return [
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
    '--cpus',
    '2',
    '--ulimit',
    'nofile=8192:8192',
    '--ulimit',
    `fsize=${4 * GiB}:${4 * GiB}`,
    '--ulimit',
    'core=0:0',
    '--hostname',
    'sandbox',
    '--log-driver',
    'none',
    '--tmpfs',
    '/tmp:rw,noexec,nosuid,nodev,size=512m',
    '-u',
    '65534:65534',
    '--mount',
    `type=volume,source=${work},target=/work,volume-nocopy`,
    '--mount',
    `type=volume,source=${output},target=/output,volume-nocopy`,
    '-w',
    '/work',
    BASE,
    'true',
  ];
}

export function benchRunOverhead(rounds = ROUNDS) {
  const variants = cliVariants();
  const ours = (cli) =>
    timed(process.execPath, [cli, 'run', '--quiet', '--pull', 'never', '--image', BASE, '--', 'true']);
  const tag = `${process.pid}`;
  // The run's default caps: /work 20 GiB, /output 2 GiB (made once; each round mounts them afresh).
  const work = loopVolume(`sa-bench-work-${tag}`, 20 * GiB);
  const output = loopVolume(`sa-bench-output-${tag}`, 2 * GiB);
  const samples = { dockerRunRm: [], dockerRunSameFlagsLoopVolumes: [], nodeStart: [] };
  for (const v of variants) samples[v.name] = [];
  const dropped = [];
  try {
    // One warm-up of each (page cache, image layers), then rounds in turn.
    for (const v of variants) ours(v.cli);
    timed('docker', ['run', '--rm', BASE, 'true']);
    timed('docker', sameFlags(work.name, output.name));
    // The machine is shared: another user's test may take the disk for a moment (a run then refuses to start).
    // Such a round is dropped whole, its error kept, and run again (at most 10 times in all).
    for (let i = 0; i < rounds; i++) {
      const round = { dockerRunRm: 0, dockerRunSameFlagsLoopVolumes: 0, nodeStart: 0 };
      try {
        round.dockerRunRm = timed('docker', ['run', '--rm', BASE, 'true']).ms;
        for (const v of variants) round[v.name] = ours(v.cli).ms;
        round.dockerRunSameFlagsLoopVolumes = timed('docker', sameFlags(work.name, output.name)).ms;
        round.nodeStart = timed(process.execPath, ['-e', '0']).ms;
      } catch (err) {
        dropped.push(String(err.message).slice(0, 500));
        if (dropped.length > 10) throw err;
        spawnSync('sleep', ['5']);
        i--;
        continue;
      }
      for (const [k, v] of Object.entries(round)) samples[k].push(v);
    }
  } finally {
    work.remove();
    output.remove();
  }
  const m = summarise(samples);
  const ratios = Object.fromEntries(variants.map((v) => [v.name, round3(m[v.name] / m.dockerRunRm)]));
  const last = variants[variants.length - 1].name;
  return {
    summary: {
      what: 'run -- true, whole process, against docker run --rm of the same image',
      rounds,
      roundsDropped: dropped,
      mediansMs: m,
      ratioToDockerRunRm: ratios,
      target: '<= 1.15',
      met: ratios[last] <= 1.15,
    },
    samplesMs: samples,
  };
}

/** Our collector (src/outputs/collect.ts, as the run's collect stage calls it) as a program of its own. */
async function buildCollector(dir) {
  const entry = path.join(dir, 'collect-entry.ts');
  fs.writeFileSync(
    entry,
    [
      `import { connectEngine, defaultEndpoints } from ${JSON.stringify(path.join(ROOT, 'src/engine/docker.js'))};`,
      `import { collectTar, prepareOutputDir } from ${JSON.stringify(path.join(ROOT, 'src/outputs/collect.js'))};`,
      'const [id, dest] = process.argv.slice(2);',
      'const engine = await connectEngine(defaultEndpoints(process.env));',
      'await prepareOutputDir(dest!);',
      "const stream = await engine.getArchive(id!, '/output');",
      "const r = await collectTar(stream, dest!, 'output', { maxTotalBytes: 2 * 1024 ** 3, maxFiles: 100_000, maxFileBytes: 512 * 1024 ** 2 });",
      'console.log(JSON.stringify({ files: r.files, bytes: r.bytes, skipped: r.skippedCount }));',
    ].join('\n'),
  );
  const out = path.join(dir, 'collect.mjs');
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  return out;
}

export async function benchCollect(rounds = ROUNDS) {
  const files = 1000;
  const fileBytes = MiB;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-bench-collect-'));
  const collector = await buildCollector(tmp);
  // /output as a run makes it: a 2 GiB loop-backed ext4 volume owned by the sandbox user, filled by that user.
  const vol = loopVolume(`sa-bench-collect-${process.pid}`, 2 * GiB);
  const make = `cd /output && i=0; while [ $i -lt ${files} ]; do head -c ${fileBytes} /dev/urandom > f$i; i=$((i+1)); done`;
  let id = null;
  const samples = { ours: [], dockerCp: [] };
  try {
    docker(
      'run',
      '--rm',
      '-u',
      '65534:65534',
      '--mount',
      `type=volume,source=${vol.name},target=/output`,
      BASE,
      'sh',
      '-c',
      make,
    );
    // One stopped container holds the volume; both collectors read /output from it.
    id = docker(
      'create',
      '--label',
      'sa-bench=1',
      '--mount',
      `type=volume,source=${vol.name},target=/output`,
      BASE,
      'true',
    );
    const check = (dir) => {
      const names = fs.readdirSync(dir);
      const bytes = names.reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
      if (names.length !== files || bytes !== files * fileBytes) {
        throw new Error(`collected ${names.length} files, ${bytes} bytes into ${dir}`);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    };
    const oursOnce = () => {
      const dest = path.join(tmp, 'ours');
      const r = timed(process.execPath, [collector, id, dest]);
      check(dest);
      return r.ms;
    };
    const cpOnce = () => {
      const dest = path.join(tmp, 'cp');
      const r = timed('docker', ['cp', `${id}:/output`, dest]);
      check(dest);
      return r.ms;
    };
    oursOnce();
    cpOnce();
    for (let i = 0; i < rounds; i++) {
      // Alternate who goes first, so neither always meets the page cache the other left.
      if (i % 2) {
        samples.dockerCp.push(cpOnce());
        samples.ours.push(oursOnce());
      } else {
        samples.ours.push(oursOnce());
        samples.dockerCp.push(cpOnce());
      }
    }
  } finally {
    if (id) spawnSync('docker', ['rm', '-f', id]);
    vol.remove();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const m = summarise(samples);
  const speed = round3(m.dockerCp / m.ours);
  return {
    summary: {
      what: `${files} files of ${fileBytes} bytes (1000 MiB) from /output of a stopped container, loop-backed ext4 volume; whole processes`,
      rounds,
      mediansMs: m,
      oursMiBps: round1((files * fileBytes) / MiB / (m.ours / 1000)),
      dockerCpMiBps: round1((files * fileBytes) / MiB / (m.dockerCp / 1000)),
      speedRatio: speed,
      target: '>= 0.9 of docker cp',
      met: speed >= 0.9,
    },
    samplesMs: samples,
  };
}

/**
 * P9. The first proxy run on an engine without the proxy image, against a warm proxy run and a `none` run, in
 * turn. The proxy image is made from a base tagged for this bench (so its tag is the bench's own and removing it
 * touches no other user's image), and removed before each first run.
 */
export function benchProxyStart(rounds = ROUNDS) {
  const variants = cliVariants();
  // A base of its own (the same files, a label more: another image id), so no layer built on it is in any cache.
  const base = `sa-bench/base:proxy-${process.pid}`;
  execFileSync('docker', ['build', '-q', '-t', base, '-'], {
    input: `FROM ${BASE}\nLABEL sa-bench.proxy-base=${process.pid}-${Date.now()}\n`,
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  // Builds that make the proxy image from a base (main before the host-Node image): BENCH_PROXY_BASE_FOR=name,...
  const fromBase = new Set((process.env.BENCH_PROXY_BASE_FOR ?? '').split(',').filter(Boolean));
  const args = (network, name) => [
    'run',
    '--quiet',
    '--json',
    '--pull',
    'never',
    '--image',
    BASE,
    '--network',
    network,
    ...(network === 'proxy' ? ['--allow-domain', 'example.com'] : []),
    ...(network === 'proxy' && fromBase.has(name) ? ['--proxy-base-image', base] : []),
    '--',
    'true',
  ];
  const run = (v, network) => {
    const r = timed(process.execPath, [v.cli, ...args(network, v.name)]);
    const res = JSON.parse(r.stdout.trim().split('\n').pop());
    if (res.status !== 'succeeded') throw new Error(`${network} run: ${res.status} ${res.error ?? ''}`);
    return { ms: r.ms, proxyImage: res.egress?.proxyImage ?? null };
  };
  const samples = {};
  const images = new Set();
  const sizes = {};
  const sizeOf = (img) =>
    Number(
      spawnSync('docker', ['image', 'inspect', '-f', '{{.Size}}', img], { encoding: 'utf8' }).stdout.trim(),
    ) || null;
  for (const v of variants) samples[v.name] = { first: [], warm: [], none: [] };
  try {
    for (const v of variants) {
      images.add(run(v, 'proxy').proxyImage);
      run(v, 'none');
    }
    for (let i = 0; i < rounds; i++) {
      for (const v of variants) {
        const s = samples[v.name];
        // A fresh engine, as far as this run can tell: its proxy image is not there.
        for (const img of images) spawnSync('docker', ['rmi', img], { stdio: 'ignore' });
        const first = run(v, 'proxy');
        images.add(first.proxyImage);
        sizes[first.proxyImage] = sizeOf(first.proxyImage);
        s.first.push(first.ms);
        s.warm.push(run(v, 'proxy').ms);
        s.none.push(run(v, 'none').ms);
      }
    }
  } finally {
    for (const img of images) spawnSync('docker', ['rmi', img], { stdio: 'ignore' });
    spawnSync('docker', ['rmi', base], { stdio: 'ignore' });
  }
  const per = Object.fromEntries(
    variants.map((v) => {
      const m = summarise(samples[v.name]);
      return [
        v.name,
        {
          mediansMs: m,
          firstMinusWarmMs: round1(m.first - m.warm),
          warmMinusNoneMs: round1(m.warm - m.none),
          met: m.first - m.warm <= 3000 && m.warm - m.none <= 500,
        },
      ];
    }),
  );
  return {
    summary: {
      what: 'run --network proxy -- true: first (no proxy image), warm, and --network none; whole processes',
      rounds,
      proxyImageBytes: sizes,
      variants: per,
      target: 'first within 3000 ms of warm; warm within 500 ms of none',
    },
    samplesMs: samples,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { machineFacts, writeRecord } = await import('./lib.mjs');
  const which = process.argv[2] ?? 'all';
  const machine = machineFacts();
  const benches = {};
  if (which === 'all' || which === 'run') benches.runOverhead = benchRunOverhead();
  if (which === 'all' || which === 'collect') benches.collect = await benchCollect();
  if (which === 'all' || which === 'proxy-start') benches.proxyStart = benchProxyStart();
  const file = writeRecord(`speed-${which}`, machine, { rounds: ROUNDS, variants: cliVariants() }, benches);
  console.log(
    JSON.stringify(Object.fromEntries(Object.entries(benches).map(([k, v]) => [k, v.summary])), null, 2),
  );
  console.log(`every sample: ${file}`);
}
