/**
 * One comparator step (a build or an export) as a container, from a parsed landrun request, the run's context and
 * what the shim saw of the host. Pure: the I/O is in step.ts.
 *
 * comparator's fixed prefix (`--ro / --rw /dev`) would hand the step the host's whole filesystem: it is not
 * honoured. The step sees the image's own root (read-only) and the engine's minimal /dev. From the host it gets
 * only the paths comparator names, each at the same path:
 *   --ro PATH    read-only bind (the engine's binds cannot be noexec: a read-only path stays executable)
 *   --rox PATH   read-only bind
 *   --rwx PATH   only `<project>/.lake`, and never from the host: the run's capped volume, writable
 *   --ro <project>/.lake   the same volume, read-only (the export reads what the build wrote)
 *   -add-exec    an absolute command is bound read-only at its path (landrun makes it executable);
 *                a bare command name is looked up on the step's PATH, inside the step
 *   -ldd         not honoured: the command's libraries come from the image
 *   --env NAME   NAME=value from the shim's environment, when set there; no other host variable
 * No network, no capabilities, no new privileges, non-root (never the judge's uid), the run's limits, an init as
 * PID 1 in the step's own PID namespace (whatever the step leaves running dies with it).
 */
import path from 'node:path';
import { InputError } from '../config/errors.js';
import type { ContainerSpec, Mount } from '../engine/types.js';
import { LABEL_ROLE, RUNSC_MIN_PIDS, RUNSC_THREADS_PER_PID, runLabels } from '../sandbox/plan.js';
import type { LandrunContext } from './context.js';
import type { LandrunRequest } from './landrun-args.js';

export const STEP_ROLE = 'comparator-step';

export type PathKind = 'dir' | 'file' | 'other' | 'missing';

export interface HostFacts {
  /** The shim's working directory (comparator runs every step from the project root). */
  cwd: string;
  /** The shim's environment: comparator's, with its overrides (LEAN_ABORT_ON_PANIC=1). */
  env: Record<string, string | undefined>;
  /** The uid of the judging process (the shim's own). */
  judgeUid: number;
  /** What each host path of `hostPaths(req)` is, following symlinks. */
  kinds: ReadonlyMap<string, PathKind>;
  /** `<project>/.lake` on the host, not following a symlink: the volume's mount point must be a real directory. */
  lakeOnHost: PathKind | 'symlink';
  /** Unique within the run: the step container's name ends with it. */
  stepId: string;
  /** Unix sockets of the engine on this host: never mounted, nor any directory holding one. */
  engineSockets: readonly string[];
}

/** Never mounted into a step, nor anything under them: the host's kernel and runtime state. */
const HOST_ONLY = ['/proc', '/sys', '/dev', '/run', '/var/run'];

export function lakeDirOf(ctx: LandrunContext): string {
  return path.posix.join(ctx.projectDir, '.lake');
}

const within = (p: string, dir: string) => p === dir || p.startsWith(`${dir}/`);

/** Host paths the shim must look at before planning (binds, and an absolute command). */
export function hostPaths(req: LandrunRequest, ctx: LandrunContext): string[] {
  const lake = lakeDirOf(ctx);
  const out = [...req.readOnly, ...req.executable].filter((p) => p !== lake);
  if (req.command.startsWith('/')) out.push(req.command);
  return [...new Set(out)];
}

function checkBindable(flag: string, p: string, facts: HostFacts): void {
  const kind = facts.kinds.get(p) ?? 'missing';
  if (kind === 'missing') throw new InputError(flag, `'${p}' does not exist on this host`);
  if (kind === 'other') throw new InputError(flag, `'${p}' is neither a file nor a directory`);
  if (HOST_ONLY.some((d) => within(p, d)))
    throw new InputError(flag, `'${p}' is host state and never mounted`);
  const holds = facts.engineSockets.find((s) => within(s, p));
  if (holds) throw new InputError(flag, `'${p}' holds the engine's socket ${holds} and is never mounted`);
}

/**
 * One comparator step's container: the request checked (who runs it, what may be written), its mounts (exactly the
 * paths comparator named, read-only, and the capped .lake volume), then the locked-down container around them.
 */
export function planStep(req: LandrunRequest, ctx: LandrunContext, facts: HostFacts): ContainerSpec {
  const lakeMode = checkRequest(req, ctx, facts);
  return stepContainer(req, ctx, facts, stepMounts(req, ctx, facts, lakeMode));
}

/** The step's user and its writable paths; how .lake is served (rw, ro or not at all). */
function checkRequest(req: LandrunRequest, ctx: LandrunContext, facts: HostFacts): 'rw' | 'ro' | null {
  const lake = lakeDirOf(ctx);
  const { uid } = ctx.user;
  if (uid === 0) throw new InputError('user', 'a step never runs as root');
  if (uid === facts.judgeUid) {
    throw new InputError('user', `the step's uid ${uid} is the judging process's own; it must differ`);
  }
  for (const w of req.writable) {
    if (w !== lake) {
      throw new InputError(
        '--rwx',
        `'${w}': only the project's .lake (${lake}) is writable, and it is a capped volume, never a host directory`,
      );
    }
  }
  const lakeMode = req.writable.includes(lake) ? 'rw' : req.readOnly.includes(lake) ? 'ro' : null;
  for (const p of [...req.readOnly, ...req.executable]) {
    if (p !== lake && within(p, lake)) {
      throw new InputError(
        '--ro',
        `'${p}' is inside .lake, which is the run's volume: only '${lake}' itself is served`,
      );
    }
  }
  const projectBound = req.readOnly.includes(ctx.projectDir) || req.executable.includes(ctx.projectDir);
  // Inside the read-only project bind the volume's mount point must already exist, as a real directory.
  if (lakeMode && projectBound && facts.lakeOnHost !== 'dir') {
    throw new InputError(
      lakeMode === 'rw' ? '--rwx' : '--ro',
      facts.lakeOnHost === 'symlink'
        ? `'${lake}' is a symlink on the host; the volume is mounted only on a real directory`
        : `'${lake}' is not a directory on the host (comparator creates it before the first build)`,
    );
  }
  return lakeMode;
}

/** The named paths as read-only binds (each checked bindable), .lake as the volume, the command, the cwd. */
function stepMounts(
  req: LandrunRequest,
  ctx: LandrunContext,
  facts: HostFacts,
  lakeMode: 'rw' | 'ro' | null,
): Mount[] {
  const lake = lakeDirOf(ctx);
  const mounts: Mount[] = [];
  for (const p of req.readOnly) {
    if (p === lake) continue;
    checkBindable('--ro', p, facts);
    mounts.push({ type: 'bind', source: p, target: p, readOnly: true });
  }
  for (const p of req.executable) {
    checkBindable('--rox', p, facts);
    mounts.push({ type: 'bind', source: p, target: p, readOnly: true });
  }
  if (lakeMode)
    mounts.push({ type: 'volume', source: ctx.lakeVolume, target: lake, readOnly: lakeMode === 'ro' });
  if (req.command.startsWith('/')) {
    // -add-exec: the command itself is executable in the step even when no --rox path holds it.
    const covered = mounts.some((m) => m.type === 'bind' && within(req.command, m.target));
    if (!covered) {
      checkBindable('command', req.command, facts);
      if (facts.kinds.get(req.command) !== 'file') {
        throw new InputError('command', `'${req.command}' is not a file`);
      }
      mounts.push({ type: 'bind', source: req.command, target: req.command, readOnly: true });
    }
  }

  if (!mounts.some((m) => within(facts.cwd, m.target))) {
    throw new InputError('working directory', `'${facts.cwd}' is not one of the paths comparator named`);
  }
  return mounts;
}

function stepContainer(
  req: LandrunRequest,
  ctx: LandrunContext,
  facts: HostFacts,
  mounts: Mount[],
): ContainerSpec {
  const { uid, gid } = ctx.user;
  const env = req.env.flatMap((n) => (facts.env[n] === undefined ? [] : [`${n}=${facts.env[n]}`]));
  const labels = runLabels(ctx.runId, new Date(ctx.createdAt));
  const l = ctx.limits;
  return {
    name: `sandbox-action-${ctx.runId}-step-${facts.stepId}`,
    image: ctx.image,
    entrypoint: [req.command],
    cmd: req.args,
    user: `${uid}:${gid}`,
    workingDir: facts.cwd,
    env,
    labels: { ...labels, [LABEL_ROLE]: STEP_ROLE },
    mounts,
    readOnlyRootfs: true,
    capDrop: ['ALL'],
    capAdd: [],
    securityOpt: ['no-new-privileges:true'],
    init: true,
    privileged: false,
    networkMode: 'none',
    memoryBytes: l.memoryBytes,
    memorySwapBytes: l.memoryBytes,
    nanoCpus: Math.round(l.cpus * 1e9),
    // Under gVisor the engine's limit counts gVisor's own threads too (see pidsLimitFor in sandbox/plan.ts).
    pidsLimit: ctx.isolation === 'runsc' ? Math.max(l.pids * RUNSC_THREADS_PER_PID, RUNSC_MIN_PIDS) : l.pids,
    ulimits: [
      { name: 'nofile', soft: l.nofile, hard: l.nofile },
      { name: 'fsize', soft: l.fsizeBytes, hard: l.fsizeBytes },
      { name: 'core', soft: 0, hard: 0 },
    ],
    ...(ctx.isolation === 'runsc' ? { runtime: ctx.runtime ?? 'runsc' } : {}),
    logDriver: { type: 'none', config: {} },
    hostname: 'sandbox',
    tty: false,
  };
}
