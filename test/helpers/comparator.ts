/**
 * The comparator tests' world on the host: the stand-in toolchain (a Lean prefix whose bin/ has the fake lean, lake
 * and the probe), the fake lean4export in a tools directory, the fake comparator in a "judge" directory, a sibling
 * directory with a canary, and projects. Plus: the shim run as its own process, and a capped .lake volume with
 * the context the shim reads, for driving it directly with comparator's argv shapes.
 */
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FIXED_PREFIX } from '../../src/comparator/landrun-args.js';
import { CONTEXT_ENV, encodeContext, type LandrunContext } from '../../src/comparator/context.js';
import type { Engine } from '../../src/engine/types.js';
import { newRunId } from '../../src/sandbox/plan.js';
import { chooseRunscRuntime } from '../../src/sandbox/gvisor.js';
import { chooseBackend, createVolume, defaultVolumeHost } from '../../src/sandbox/volumes.js';
import { BASE, ROOT, tmpDir } from './engine.js';

export const SHIM = path.join(ROOT, 'scripts/sandbox-landrun');
const FIX = path.join(ROOT, 'test/fixtures/comparator');
export const volumeHost = defaultVolumeHost(
  process.env.SANDBOX_ACTION_STATE_DIR || '/tmp/sa-state-comparator',
  process.getuid?.() === 0,
);
export const GIT = execFileSync('which', ['git'], { encoding: 'utf8' }).trim();

export interface World {
  root: string;
  toolchain: string;
  lean4export: string;
  judge: string;
  comparator: string;
  sibling: string;
  canary: string;
  /** comparator's PATH: the toolchain first (as `lake env` puts it), Node, the system. */
  path: string;
}

const copy = (from: string, to: string) => fs.cpSync(from, to, { recursive: true });

export function makeWorld(): World {
  const root = tmpDir('comparator');
  fs.chmodSync(root, 0o755);
  const toolchain = path.join(root, 'toolchain');
  copy(path.join(FIX, 'toolchain'), toolchain);
  const tools = path.join(root, 'tools');
  copy(path.join(FIX, 'tools'), tools);
  const judge = path.join(root, 'judge');
  fs.mkdirSync(judge);
  copy(path.join(FIX, 'comparator'), path.join(judge, 'comparator'));
  const sibling = path.join(root, 'sibling');
  fs.mkdirSync(sibling);
  const canary = crypto.randomBytes(12).toString('hex');
  fs.writeFileSync(path.join(sibling, 'canary'), canary);
  execFileSync('chmod', ['-R', 'a+rX', root]);
  return {
    root,
    toolchain,
    lean4export: path.join(tools, 'lean4export'),
    judge,
    comparator: path.join(judge, 'comparator'),
    sibling,
    canary,
    path: [
      path.join(toolchain, 'bin'),
      path.dirname(process.execPath),
      '/usr/local/bin',
      '/usr/bin',
      '/bin',
    ].join(':'),
  };
}

export const CONFIG = {
  challenge_module: 'Challenge',
  solution_module: 'Solution',
  theorem_names: ['foo'],
  permitted_axioms: ['propext', 'Quot.sound', 'Classical.choice'],
};

/** A project as the trusted side assembles it: sources, lakefile, config.json; readable by the steps' user. */
export function makeProject(w: World, files: Record<string, string>, config: object = CONFIG): string {
  const dir = fs.mkdtempSync(path.join(w.root, 'proj-'));
  const all: Record<string, string> = {
    'lakefile.toml':
      'name = "comparatortest"\nversion = "0.1.0"\n\n[[lean_lib]]\nname = "Solution"\n\n[[lean_lib]]\nname = "Challenge"\n',
    'config.json': JSON.stringify(config),
    ...files,
  };
  for (const [f, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  execFileSync('chmod', ['-R', 'a+rX', dir]);
  return dir;
}

/** Every file under `dir` with its content (what the host holds). */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        out[`${path.relative(dir, p)}/`] = '';
        walk(p);
      } else out[path.relative(dir, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

export const buildFlags = (w: World, proj: string) => [
  ...FIXED_PREFIX,
  ...['--env', 'PATH', '--env', 'HOME', '--env', 'LEAN_ABORT_ON_PANIC'],
  ...['--ro', proj, '--rwx', `${proj}/.lake`, '--rox', w.toolchain, '--rox', GIT],
];
export const exportFlags = (w: World, proj: string) => [
  ...FIXED_PREFIX,
  ...['--env', 'PATH', '--env', 'HOME', '--env', 'LEAN_PATH', '--env', 'LEAN_ABORT_ON_PANIC'],
  ...['--ro', proj, '--ro', `${proj}/.lake`, '--rox', w.toolchain],
];

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The shim as comparator starts it: its own process, comparator's environment, the project as cwd. */
export function shim(
  argv: string[],
  o: { w: World; cwd: string; ctx?: LandrunContext; env?: NodeJS.ProcessEnv; onSpawn?(pid: number): void },
): Promise<Ran> {
  const env: NodeJS.ProcessEnv = {
    PATH: o.w.path,
    HOME: '/home/judge',
    LEAN_ABORT_ON_PANIC: '1',
    CANARY: o.w.canary,
    ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
    ...(o.ctx ? { [CONTEXT_ENV]: encodeContext(o.ctx) } : {}),
    ...o.env,
  };
  const child = spawn(SHIM, argv, { cwd: o.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid) o.onSpawn?.(child.pid);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => err.push(c));
  return new Promise((resolve) =>
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }),
    ),
  );
}

/** A capped .lake volume and the context naming it, as runComparator makes them, for driving the shim directly. */
export async function withContext<T>(
  engine: Engine,
  proj: string,
  isolation: 'default' | 'runsc',
  fn: (ctx: LandrunContext) => Promise<T>,
  o: { lakeBytes?: number; timeoutMs?: number } = {},
): Promise<T> {
  const createdAt = new Date();
  const runId = newRunId(createdAt, crypto.randomBytes(4).toString('hex'));
  const labels = { 'sandbox-action.run': runId, 'sandbox-action.created': createdAt.toISOString() };
  const user = { uid: 65534, gid: 65534 };
  const backend = await chooseBackend('auto', engine, volumeHost);
  const vol = await createVolume(
    engine,
    volumeHost,
    backend.backend,
    {
      role: 'lake',
      name: `sandbox-action-${runId}-lake`,
      mount: `${proj}/.lake`,
      sizeBytes: o.lakeBytes ?? 256 << 20,
    },
    user,
    labels,
  );
  fs.mkdirSync(path.join(proj, '.lake'), { recursive: true });
  let runtime: string | null = null;
  if (isolation === 'runsc') {
    const r = chooseRunscRuntime(await engine.runtimes(), false);
    if ('error' in r) throw new Error(r.error);
    runtime = r.runtime;
  }
  try {
    return await fn({
      version: 1,
      runId,
      createdAt: createdAt.toISOString(),
      image: BASE,
      projectDir: proj,
      lakeVolume: vol.name,
      user,
      isolation,
      runtime,
      limits: {
        timeoutMs: o.timeoutMs ?? 60_000,
        memoryBytes: 512 << 20,
        cpus: 1,
        pids: 256,
        nofile: 4096,
        fsizeBytes: 1 << 30,
      },
      fence: null,
    });
  } finally {
    await vol.remove();
  }
}

/** A probe section's lines (see test/fixtures/comparator/toolchain/bin/probe). */
export function section(out: string, name: string): string[] {
  const lines = out.split('\n');
  const i = lines.indexOf(`== ${name} ==`);
  if (i === -1) throw new Error(`no '${name}' section in:\n${out}`);
  const rest = lines.slice(i + 1);
  const end = rest.findIndex((l) => /^== .* ==$/.test(l));
  return (end === -1 ? rest : rest.slice(0, end)).filter((l) => l !== '');
}
