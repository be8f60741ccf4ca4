// What every bench shares: medians, timing a whole process, the record of a bench run (one file per run in
// bench/results/, with the commit, the date, the machine and every sample), and loop-backed ext4 volumes made the
// way a run makes them (for baselines that must have the same mounts).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const BASE = process.env.SANDBOX_BASE_IMAGE ?? 'sandbox-action/base:bookworm';
export const CLI = path.join(ROOT, 'dist/cli.js');
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
export const RESULTS_DIR = path.join(ROOT, 'bench/results');

export const median = (xs) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const round1 = (x) => Math.round(x * 10) / 10;
export const round3 = (x) => Math.round(x * 1000) / 1000;

/** Run a whole process and time it from spawn to exit (the way a user or a workflow step meets it). */
export function timed(cmd, args, opts = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 << 20, ...opts });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

export const docker = (...args) => execFileSync('docker', args, { encoding: 'utf8' }).trim();

/** The variants of the CLI to time: BENCH_CLIS="name=/path/cli.js,..." (each step of a change), else dist/. */
export function cliVariants() {
  const list = (process.env.BENCH_CLIS ?? '').split(',').filter(Boolean);
  if (list.length === 0) return [{ name: 'ours', cli: CLI }];
  return list.map((x) => {
    const [name, cli] = x.split('=');
    return { name, cli: path.resolve(cli) };
  });
}

function git(args) {
  const r = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** What the figures were measured on. The load averages say how busy the (shared) machine was. */
export function machineFacts() {
  const cpus = os.cpus();
  let dockerVersion = null;
  try {
    dockerVersion = docker('version', '-f', '{{.Server.Version}}');
  } catch {
    /* no engine */
  }
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? null,
    memoryBytes: os.totalmem(),
    kernel: os.release(),
    os: fs.existsSync('/etc/debian_version')
      ? `Debian ${fs.readFileSync('/etc/debian_version', 'utf8').trim()}`
      : os.type(),
    node: process.version,
    docker: dockerVersion,
    loadAverageAtStart: os.loadavg().map(round1),
  };
}

/**
 * The record of one bench run: bench/results/<time>-<what>.json with the commit (and whether the tree had changes),
 * the date, the machine, the settings, each bench's summary and every sample.
 */
export function writeRecord(what, machine, settings, benches) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const date = new Date().toISOString();
  const dirty = git(['status', '--porcelain', '--untracked-files=no']);
  const record = {
    bench: what,
    commit: git(['rev-parse', 'HEAD']),
    treeChanged: dirty === null ? null : dirty.length > 0,
    date,
    machine: { ...machine, loadAverageAtEnd: os.loadavg().map(round1) },
    settings,
    benches,
  };
  const file = path.join(RESULTS_DIR, `${date.replace(/[:.]/g, '-')}-${what}.json`);
  fs.writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  return path.relative(ROOT, file);
}

/**
 * A loop-backed ext4 volume made as a run makes its own (fallocate, mkfs.ext4 without a journal, root owned by
 * the sandbox user, lost+found removed, losetup, an ext4 volume of the local driver), for baselines that need the
 * same mounts. Returns the volume's name and its removal.
 */
export function loopVolume(name, sizeBytes, owner = '65534:65534') {
  const dir = fs.mkdtempSync(
    path.join(process.env.SANDBOX_ACTION_STATE_DIR ?? os.tmpdir(), 'sa-bench-loop-'),
  );
  const image = path.join(dir, `${name}.img`);
  const run = (cmd, args) =>
    execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  run('fallocate', ['-l', String(sizeBytes), image]);
  run('mkfs.ext4', [
    '-q',
    '-F',
    '-m',
    '0',
    '-O',
    '^has_journal',
    '-E',
    `root_owner=${owner},lazy_itable_init=1,nodiscard`,
    image,
  ]);
  run('debugfs', ['-w', '-R', 'rmdir lost+found', image]);
  const device = run('losetup', ['--find', '--show', image]);
  docker(
    'volume',
    'create',
    '--label',
    'sa-bench=1',
    '--driver',
    'local',
    '--opt',
    'type=ext4',
    '--opt',
    `device=${device}`,
    '--opt',
    'o=nosuid,nodev',
    name,
  );
  return {
    name,
    remove() {
      spawnSync('docker', ['volume', 'rm', '-f', name]);
      spawnSync('losetup', ['-d', device]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
