/**
 * runComparator(): comparator as a whole, on the trusted side, with sandbox-action as its sandbox. It creates the
 * run's capped `.lake` volume and the context the shim reads, starts `lake env <comparator> <config>` from the
 * project root with COMPARATOR_LANDRUN pointing at the shim, collects comparator's exit code and output, and removes
 * every container and the volume of the run, whatever happened. The verdict is not made here (see outcome.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { GiB, type Isolation } from '../config/run-options.js';
import { InputError, InterruptedError, errorMessage } from '../config/errors.js';
import type { Engine, Labels } from '../engine/types.js';
import { holderContainer } from '../sandbox/helper-containers.js';
import { startHolder } from '../sandbox/holder.js';
import { LABEL_RUN, newRunId, runLabels } from '../sandbox/plan.js';
import { chooseRunscRuntime } from '../sandbox/gvisor.js';
import { chooseBackend, createVolume, type CreatedVolume, type VolumeHost } from '../sandbox/volumes.js';
import {
  CONTEXT_ENV,
  CONTEXT_VERSION,
  encodeContext,
  type LandrunContext,
  type StepLimits,
} from './context.js';
import { readOutcome, type ComparatorOutcome } from './outcome.js';

/** The shim, relative to the root of a sandbox-action checkout or package. */
export const SHIM_PATH = 'scripts/sandbox-landrun';
/** What is kept of comparator's stdout and of its stderr, each (the verdict reads its last lines). */
export const COMPARATOR_OUTPUT_CAP = 16 * 1024 * 1024;

export const STEP_DEFAULTS: StepLimits = {
  timeoutMs: 60 * 60_000,
  memoryBytes: 8 * GiB,
  cpus: 2,
  pids: 512,
  nofile: 8192,
  fsizeBytes: 4 * GiB,
};

export interface ComparatorRun {
  /** The host project comparator judges (the trusted side's assembly); comparator runs from here. */
  projectDir: string;
  /** comparator's binary on the host. */
  comparator: string;
  /** Its config.json, as comparator is handed it (relative to projectDir, or absolute). */
  config: string;
  /** The image every build and export runs in. */
  image: string;
  /** The shim COMPARATOR_LANDRUN points at: `<sandbox-action>/scripts/sandbox-landrun` (SHIM_PATH). */
  landrun: string;
  /** `lake` on the host (default `lake` on PATH): comparator is started as `lake env <comparator> <config>`. */
  lake?: string;
  /** lean4export's absolute path (COMPARATOR_LEAN4EXPORT); mounted read-only into the exports. */
  lean4export?: string;
  /** comparator's environment (default: this process's). A step gets only the names comparator lists. */
  env?: NodeJS.ProcessEnv;
  /** Who the steps run as (default 65534:65534): never root, never this process's uid. */
  stepUser?: { uid: number; gid: number };
  isolation?: Isolation;
  /** The `.lake` volume's cap (default 8 GiB). */
  lakeSizeBytes?: number;
  volumeBackend?: 'auto' | 'loop' | 'tmpfs';
  stepLimits?: Partial<StepLimits>;
  /** comparator as a whole (default 2 h): then it and its steps are killed. */
  timeoutMs?: number;
  /** Kept of each of comparator's stdout and stderr (default 16 MiB); the rest is counted, not kept. */
  outputCapBytes?: number;
  /** Each chunk comparator writes, as it comes (for a live log). */
  onOutput?(stream: 'stdout' | 'stderr', chunk: Buffer): void;
}

export interface ComparatorDeps {
  engine: Engine;
  volumeHost: VolumeHost;
  now(): Date;
  random(): string;
  signal?: AbortSignal;
  notice?(line: string): void;
}

class Kept {
  private chunks: Buffer[] = [];
  private size = 0;
  cut = false;
  constructor(private readonly cap: number) {}
  push(c: Buffer) {
    const part = c.subarray(0, Math.max(0, this.cap - this.size));
    if (part.length < c.length) this.cut = true;
    if (part.length) this.chunks.push(Buffer.from(part));
    this.size += part.length;
  }
  text() {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

async function prepareProject(dir: string, notice: (l: string) => void): Promise<void> {
  const st = await fsp.stat(dir).catch(() => null);
  if (!st?.isDirectory()) throw new InputError('projectDir', `'${dir}' is not a directory`);
  if ((st.mode & 0o005) !== 0o005) {
    notice(
      `the project '${dir}' (mode ${(st.mode & 0o777).toString(8)}) may not be readable by the steps' user`,
    );
  }
  const lake = path.join(dir, '.lake');
  const l = await fsp.lstat(lake).catch(() => null);
  if (!l) {
    // comparator creates it too (newer versions); it must exist before the first step mounts the volume there.
    await fsp.mkdir(lake, { mode: 0o755 });
    return;
  }
  if (l.isSymbolicLink() || !l.isDirectory()) {
    throw new InputError('projectDir', `'${lake}' exists and is not a plain directory; remove it`);
  }
  if ((await fsp.readdir(lake)).length > 0) {
    notice(`'${lake}' on the host is not empty: the steps never see it (the run's volume is mounted there)`);
  }
}

export async function runComparator(o: ComparatorRun, deps: ComparatorDeps): Promise<ComparatorOutcome> {
  const { engine } = deps;
  const notice = deps.notice ?? (() => undefined);
  const projectDir = path.resolve(o.projectDir);
  const user = o.stepUser ?? { uid: 65534, gid: 65534 };
  checkRun(o, user, deps);
  await prepareProject(projectDir, notice);
  const isolation = o.isolation ?? 'default';
  const runtime = isolation === 'runsc' ? await runscRuntime(engine) : null;
  const backend = await chooseBackend(o.volumeBackend ?? 'auto', engine, deps.volumeHost);
  if (backend.note) notice(backend.note);

  const createdAt = deps.now();
  const runId = newRunId(createdAt, deps.random());
  const labels = runLabels(runId, createdAt);
  const lakeDir = path.join(projectDir, '.lake');
  let volume: CreatedVolume | null = null;
  try {
    volume = await createVolume(
      engine,
      deps.volumeHost,
      backend.backend,
      {
        role: 'lake',
        name: `sandbox-action-${runId}-lake`,
        mount: lakeDir,
        sizeBytes: o.lakeSizeBytes ?? 8 * GiB,
      },
      user,
      labels,
    );
    // A tmpfs volume is emptied whenever no container has it mounted: between the build and the export of a module
    // a holder keeps it mounted (a loop volume keeps its files on its own).
    if (volume.backend === 'tmpfs') await holdVolume(engine, o.image, volume.name, user, labels, notice);
    const ctx: LandrunContext = {
      version: CONTEXT_VERSION,
      runId,
      createdAt: createdAt.toISOString(),
      image: o.image,
      projectDir,
      lakeVolume: volume.name,
      user,
      isolation,
      runtime,
      limits: { ...STEP_DEFAULTS, ...o.stepLimits },
      fence: randomBytes(16).toString('hex'),
    };
    const env: NodeJS.ProcessEnv = {
      ...(o.env ?? process.env),
      [CONTEXT_ENV]: encodeContext(ctx),
      COMPARATOR_LANDRUN: o.landrun,
      SANDBOX_LANDRUN_NODE: process.execPath,
      ...(o.lean4export ? { COMPARATOR_LEAN4EXPORT: o.lean4export } : {}),
    };
    const r = await spawnComparator(o, projectDir, env, deps.signal);
    return readOutcome({ runId, ...r, fence: ctx.fence });
  } finally {
    await sweepRun(engine, runId, volume, notice);
  }
}

/** Refused before anything is made: a step user that is root or the judge, an engine elsewhere, a relative path. */
function checkRun(o: ComparatorRun, user: { uid: number; gid: number }, deps: ComparatorDeps): void {
  const judgeUid = process.getuid?.() ?? -1;
  if (user.uid === 0 || user.uid === judgeUid) {
    throw new InputError('stepUser', `uid ${user.uid} is root or the judging process's own; pick another`);
  }
  if (!deps.engine.info.local || deps.volumeHost.sharedWithEngine === false) {
    throw new InputError('engine', "comparator's steps mount host paths: the engine must run on this host");
  }
  if (o.lean4export && !path.isAbsolute(o.lean4export)) {
    throw new InputError('lean4export', `'${o.lean4export}' must be an absolute path`);
  }
}

/** The engine's runsc runtime for the steps (the same rule as a run's; never one that loosens). */
async function runscRuntime(engine: Engine): Promise<string> {
  const r = chooseRunscRuntime(await engine.runtimes(), false);
  if ('error' in r) throw new InputError('isolation', `runsc: ${r.error}`);
  return r.runtime;
}

/** The shim removes its own container; a shim killed mid-step may not have: sweep the run's, then the volume. */
async function sweepRun(
  engine: Engine,
  runId: string,
  volume: CreatedVolume | null,
  notice: (line: string) => void,
): Promise<void> {
  const left = await engine.listLabelled(`${LABEL_RUN}=${runId}`).catch(() => []);
  await Promise.all(
    left
      .filter((x) => x.kind === 'container')
      .map((x) => engine.removeContainer(x.id).catch(() => undefined)),
  );
  if (volume) await volume.remove().catch((err) => notice(`cleanup: ${volume.name}: ${errorMessage(err)}`));
}

async function holdVolume(
  engine: Engine,
  image: string,
  volume: string,
  user: { uid: number; gid: number },
  labels: Labels,
  notice: (line: string) => void,
): Promise<void> {
  // The holders carry the run's labels: the run's cleanup removes every labelled container.
  const h = await startHolder(
    engine,
    holderContainer(labels, 'lake-holder', image, user, [{ name: volume, mount: '/lake' }]),
    () => undefined,
  );
  if (!h.started) {
    throw new InputError(
      'volumeBackend',
      `a tmpfs .lake needs a holder running \`sleep infinity\` in ${image}, which failed (${errorMessage(h.error)}); use a loop volume`,
    );
  }
  if (h.retried !== null) {
    notice(
      `the .lake holder failed to start on the engine's side (${errorMessage(h.retried)}); a second one started`,
    );
  }
}

/** What comparator left: its exit code (null when it was timed out), and what was kept of its output. */
interface ComparatorExit {
  exitCode: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  truncated: boolean;
}

/** Signal a whole process group (comparator and the shims it started); one already gone is not an error. */
function signalGroup(pid: number | undefined, sig: NodeJS.Signals): void {
  try {
    if (pid) process.kill(-pid, sig);
  } catch {
    /* already gone */
  }
}

/** The child's exit code once its output is closed; a binary that cannot be started is bad input naming it. */
function exitCodeOf(child: ChildProcess, o: Pick<ComparatorRun, 'lake'>): Promise<number | null> {
  return new Promise<number | null>((resolve, reject) => {
    child.on('error', (e) =>
      reject(new InputError('lake', `cannot start '${o.lake ?? 'lake'}': ${e.message}`)),
    );
    child.on('close', (code) => resolve(code));
  });
}

/**
 * Run `lake env <comparator> <config>` in its own process group, keeping its output up to the cap; a timeout or an
 * interruption stops the whole group (SIGTERM, then SIGKILL 10 s later).
 */
async function spawnComparator(
  o: ComparatorRun,
  cwd: string,
  env: NodeJS.ProcessEnv,
  signal: AbortSignal | undefined,
): Promise<ComparatorExit> {
  const cap = o.outputCapBytes ?? COMPARATOR_OUTPUT_CAP;
  const out = new Kept(cap);
  const err = new Kept(cap);
  // Its own process group: a timeout or an interruption reaches comparator and every shim it started.
  const child = spawn(o.lake ?? 'lake', ['env', o.comparator, o.config], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.on('data', (c: Buffer) => (out.push(c), o.onOutput?.('stdout', c)));
  child.stderr.on('data', (c: Buffer) => (err.push(c), o.onOutput?.('stderr', c)));
  let timedOut = false;
  let interrupted: NodeJS.Signals | null = null;
  let hard: NodeJS.Timeout | undefined;
  const stop = () => {
    signalGroup(child.pid, 'SIGTERM');
    // The shims remove their containers on SIGTERM; whatever is still there after 10 s is killed.
    hard ??= setTimeout(() => signalGroup(child.pid, 'SIGKILL'), 10_000);
  };
  const timer = setTimeout(() => ((timedOut = true), stop()), o.timeoutMs ?? 2 * 60 * 60_000);
  const onAbort = () => ((interrupted = (signal?.reason as NodeJS.Signals) ?? 'SIGTERM'), stop());
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();
  try {
    const exitCode = await exitCodeOf(child, o);
    if (interrupted) throw new InterruptedError(interrupted);
    return {
      exitCode: timedOut ? null : exitCode,
      timedOut,
      stdout: out.text(),
      stderr: err.text(),
      truncated: out.cut || err.cut,
    };
  } finally {
    clearTimeout(timer);
    clearTimeout(hard);
    signal?.removeEventListener('abort', onAbort);
  }
}
