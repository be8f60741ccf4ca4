// Podman against Docker (node bench/run.mjs engines): `sandbox-action run -- true` on each engine, and the bare
// `run --rm BASE true` of each engine's own CLI for context, interleaved round by round; medians side by side.
// Podman is reached through its Docker-compatible service (PODMAN_HOST, default the rootful socket
// scripts/podman-up.sh starts); rootless Podman's bare run is measured too when SANDBOX_TEST_ROOTLESS_PODMAN is
// set (sandbox-action refuses rootless Podman on a cgroup v1 host, so only its bare run is timed there).
// Every sample is written to bench/results/engines-TIME.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function timed(cmd, args, env = process.env) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export function benchEngines({ rounds, base, cli }) {
  const podmanHost = process.env.PODMAN_HOST ?? 'unix:///run/podman/podman.sock';
  const rootless = process.env.SANDBOX_TEST_ROOTLESS_PODMAN ?? '';
  const dockerEnv = { ...process.env, DOCKER_HOST: '' };
  const podmanEnv = { ...process.env, DOCKER_HOST: '', CONTAINER_HOST: podmanHost };
  const ours = (engine, env) => () =>
    timed(
      process.execPath,
      [cli, 'run', '--quiet', '--pull', 'never', '--engine', engine, '--image', base, '--', 'true'],
      env,
    );
  const paths = {
    'sandbox-action docker': ours('docker', dockerEnv),
    'sandbox-action podman': ours('podman', podmanEnv),
    'docker run --rm': () => timed('docker', ['run', '--rm', base, 'true']),
    'podman run --rm': () => timed('podman', ['--remote', '--url', podmanHost, 'run', '--rm', base, 'true']),
  };
  if (rootless) {
    paths['podman run --rm (rootless)'] = () =>
      timed('podman', ['--remote', '--url', rootless, 'run', '--rm', '--network', 'none', base, 'true']);
  }
  const samples = Object.fromEntries(Object.keys(paths).map((k) => [k, []]));
  for (const f of Object.values(paths)) f(); // warm each path once (image layers, page cache)
  for (let i = 0; i < rounds; i++) {
    for (const [k, f] of Object.entries(paths)) samples[k].push(f());
  }
  const medians = Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, Math.round(median(xs))]));
  const r = {
    what: '`run -- true` medians in ms, Docker and Podman side by side, interleaved',
    rounds,
    podmanHost,
    medians,
    ratios: {
      'sandbox-action podman / docker': Number(
        (medians['sandbox-action podman'] / medians['sandbox-action docker']).toFixed(2),
      ),
      'bare podman / docker': Number((medians['podman run --rm'] / medians['docker run --rm']).toFixed(2)),
      'sandbox-action / bare, docker': Number(
        (medians['sandbox-action docker'] / medians['docker run --rm']).toFixed(2),
      ),
      'sandbox-action / bare, podman': Number(
        (medians['sandbox-action podman'] / medians['podman run --rm']).toFixed(2),
      ),
    },
  };
  const dir = path.resolve(import.meta.dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `engines-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({ summary: r, samples }, null, 2));
  r.samplesFile = path.relative(process.cwd(), file);
  return r;
}
