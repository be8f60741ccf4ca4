/**
 * plan(): from a validated RunSpec to every volume, mount and container flag, as data. Pure: no engine, no I/O.
 * Unit tests read the security properties straight off the plan; integration tests prove the engine honoured it.
 */
import type { RunSpec } from '../config/run-options.js';
import type { ContainerSpec, Labels, Mount, RuntimeInfo, Ulimit } from '../engine/types.js';
import { wrapWithSelfCheck, type SelfCheckExpect } from './self-check.js';
import { coverReadOnlyTmpfs } from '../engine/podman.js';
import { gvisorFor } from './gvisor.js';

export const LABEL_RUN = 'sandbox-action.run';
export const LABEL_CREATED = 'sandbox-action.created';
export const LABEL_ROLE = 'sandbox-action.role';
/**
 * When the sandbox container must be dead: planned at creation, the timeout plus `DEADLINE_GRACE_MS` (the CLI's own
 * kill and its grace come first). The watchdog and `gc` kill a running sandbox past it, whatever became of the CLI.
 */
export const LABEL_DEADLINE = 'sandbox-action.deadline';
export const DEADLINE_GRACE_MS = 30_000;

export const WORK_DIR = '/work';
export const OUTPUT_DIR = '/output';
export const STATE_DIR = '/state';
export const PERSIST_MOUNT = '/persist';

/** The volume that carries /persist's image in this run (`--persist`). */
export const persistVolumeName = (runId: string) => `sandbox-action-${runId}-persist`;

/** The run's own volumes; `lake` is the comparator step's .lake (src/comparator/). */
export type RunVolumeRole = 'work' | 'output' | 'state';
export type VolumeRole = RunVolumeRole | 'lake';

export interface VolumePlan<R extends VolumeRole = VolumeRole> {
  role: R;
  name: string;
  mount: string;
  sizeBytes: number;
}

export interface SandboxPlan {
  runId: string;
  labels: Labels;
  /** Volumes to create (each with a hard size cap) before the container. */
  volumes: VolumePlan[];
  /** Host directory bind-mounted read-only at /work (`--source-readonly`), or null. */
  readOnlySource: string | null;
  /** Host directory copied into /work before start, or null. */
  copySource: string | null;
  container: ContainerSpec;
  uid: number;
  gid: number;
  /** What the self-check inside the sandbox must find (null with --skip-self-check). */
  selfCheck: SelfCheckExpect | null;
  /** What the plan decided that the result should say (the gVisor pids limit). */
  notes: string[];
}

export interface PlanContext {
  runId: string;
  createdAt: Date;
  /** When the plan is made (the sandbox is created right after): its deadline counts from here. */
  plannedAt?: Date;
  uid: number;
  gid: number;
  /** The engine's registered runtimes: under --isolation runsc, plan() picks gVisor's among them (gvisor.ts). */
  runtimes: RuntimeInfo[];
  /** Where the sandbox is attached: `none` unless --network proxy (the run's internal network) or open. */
  network?: SandboxNetwork;
  /** The image's own entrypoint (the command runs behind it unless --entrypoint replaces it). */
  imageEntrypoint?: string[] | null;
  /** Arguments the run adds to the command (the trusted pytest arguments of python-tests). */
  extraArgs?: string[];
  /** Read-only bind mounts over /work (the trusted tests of python-tests). */
  overlays?: Mount[];
  /** --mount, checked on the host: bind mounts of real paths. */
  hostMounts?: Mount[];
  /** Where the engine mounts a writable tmpfs by itself under a read-only root (Podman); the plan covers each. */
  engineTmpfs?: string[];
}

export interface SandboxNetwork {
  /** The engine's network mode: `none`, `bridge`, or the run's internal network. */
  mode: string;
  /** Proxy variables for --network proxy. */
  env: string[];
  /** Resolvers written into the sandbox's resolv.conf (the proxy's address, which answers no DNS). */
  dns: string[];
}

/** The variables every common client (curl, git, pip, Python, Node's fetch with a proxy agent…) reads. */
export function proxyEnv(proxyAddress: string, port: number): string[] {
  const url = `http://${proxyAddress}:${port}`;
  const noProxy = 'localhost,127.0.0.1,::1';
  return [
    `HTTP_PROXY=${url}`,
    `HTTPS_PROXY=${url}`,
    `http_proxy=${url}`,
    `https_proxy=${url}`,
    `NO_PROXY=${noProxy}`,
    `no_proxy=${noProxy}`,
  ];
}

/** A run id: sortable by time, unique across parallel runs, valid in container and volume names. */
export function newRunId(now: Date, random: string): string {
  return `${now.getTime().toString(36)}-${random}`;
}

export function runLabels(runId: string, createdAt: Date): Labels {
  return { [LABEL_RUN]: runId, [LABEL_CREATED]: createdAt.toISOString() };
}

/** The run's writable volumes, each with its hard size cap. */
export function volumePlans(spec: RunSpec, runId: string): VolumePlan<RunVolumeRole>[] {
  const base = `sandbox-action-${runId}`;
  const volumes: VolumePlan<RunVolumeRole>[] = [];
  if (!spec.io.source?.readOnly) {
    volumes.push({
      role: 'work',
      name: `${base}-work`,
      mount: WORK_DIR,
      sizeBytes: spec.limits.workSizeBytes,
    });
  }
  volumes.push({
    role: 'output',
    name: `${base}-output`,
    mount: OUTPUT_DIR,
    sizeBytes: spec.limits.outputSizeBytes,
  });
  if (spec.io.stateDir) {
    volumes.push({
      role: 'state',
      name: `${base}-state`,
      mount: STATE_DIR,
      sizeBytes: spec.limits.stateSizeBytes,
    });
  }
  return volumes;
}

/** The command as the container runs it: behind the self-check when there is one. */
function commandOf(spec: RunSpec, ctx: PlanContext, check: SelfCheckExpect | null) {
  const cmd = [...spec.command, ...(ctx.extraArgs ?? [])];
  if (!check) return { ...(spec.image.entrypoint ? { entrypoint: [spec.image.entrypoint] } : {}), cmd };
  const entry = spec.image.entrypoint ? [spec.image.entrypoint] : (ctx.imageEntrypoint ?? []);
  return wrapWithSelfCheck([...entry, ...cmd], check);
}

export function plan(spec: RunSpec, ctx: PlanContext): SandboxPlan {
  const labels = runLabels(ctx.runId, ctx.createdAt);
  const base = `sandbox-action-${ctx.runId}`;
  const volumes = volumePlans(spec, ctx.runId);
  const networkMode = ctx.network?.mode ?? 'none';
  // The gVisor runtime for this spec's network, and whether it filters inside (false only with --allow-weaker-gvisor).
  const gvisor = gvisorFor(spec, ctx.runtimes);
  const selfCheck = selfCheckOf(spec, ctx, gvisor?.seccomp ?? true);
  const mounts = sandboxMounts(spec, ctx, volumes);

  // Podman's compatible create always adds writable tmpfs (/run, /var/tmp) under a read-only root, except where a
  // mount is named: there the plan names an empty read-only one, so the root stays read-only everywhere (the same
  // cover the engine edge gives every other container; in the plan, so conformance compares it).
  const container: ContainerSpec = coverReadOnlyTmpfs(
    {
      name: base,
      image: spec.image.ref,
      ...commandOf(spec, ctx, selfCheck),
      user: `${ctx.uid}:${ctx.gid}`,
      workingDir: WORK_DIR,
      env: [...spec.env, ...(ctx.network?.env ?? [])],
      labels: sandboxLabels(spec, ctx, labels),
      mounts,
      readOnlyRootfs: !spec.security.writableRoot,
      capDrop: ['ALL'],
      capAdd: [...spec.security.capAdd],
      // The engine's default seccomp profile applies unless a profile is named; none is.
      securityOpt: ['no-new-privileges:true'],
      init: true,
      privileged: false,
      networkMode,
      ...(ctx.network?.dns.length ? { dns: ctx.network.dns } : {}),
      ...sandboxLimits(spec),
      ...(gvisor ? { runtime: gvisor.runtime } : {}),
      // The log is streamed live through attach; the engine keeps none, so a flood cannot fill its disk.
      logDriver: { type: 'none', config: {} },
      hostname: 'sandbox',
      tty: false,
    },
    ctx.engineTmpfs ?? [],
  );

  return {
    runId: ctx.runId,
    labels,
    volumes,
    readOnlySource: spec.io.source?.readOnly ? spec.io.source.dir : null,
    copySource: spec.io.source && !spec.io.source.readOnly ? spec.io.source.dir : null,
    container,
    uid: ctx.uid,
    gid: ctx.gid,
    selfCheck,
    notes: pidsNotes(spec, container.pidsLimit),
  };
}

/** The run's labels, the sandbox's role, and its deadline (the watchdog and gc kill a sandbox past it). */
function sandboxLabels(spec: RunSpec, ctx: PlanContext, labels: Labels): Labels {
  const plannedAt = (ctx.plannedAt ?? ctx.createdAt).getTime();
  return {
    ...labels,
    [LABEL_ROLE]: 'sandbox',
    [LABEL_DEADLINE]: new Date(plannedAt + spec.limits.timeoutMs + DEADLINE_GRACE_MS).toISOString(),
  };
}

/** What the result says when the engine's pids limit is not the one asked for (raised under gVisor). */
function pidsNotes(spec: RunSpec, pidsLimit: number): string[] {
  return pidsLimit === spec.limits.pids
    ? []
    : [
        `under gVisor the pids limit counts gVisor's own threads: the engine's limit is ${pidsLimit} for --pids ${spec.limits.pids}; the memory limit and the timeout hold a fork bomb`,
      ];
}

/** The sandbox's mounts: the source (read-only bind), the run's volumes, overlays, host mounts, /persist, /tmp. */
function sandboxMounts(spec: RunSpec, ctx: PlanContext, volumes: VolumePlan<RunVolumeRole>[]): Mount[] {
  const mounts: Mount[] = [];

  if (spec.io.source?.readOnly) {
    mounts.push({ type: 'bind', source: spec.io.source.dir, target: WORK_DIR, readOnly: true });
  }
  for (const v of volumes) mounts.push({ type: 'volume', source: v.name, target: v.mount, readOnly: false });
  mounts.push(...(ctx.overlays ?? []));
  mounts.push(...(ctx.hostMounts ?? []));
  if (spec.phases.persist) {
    mounts.push({
      type: 'volume',
      source: persistVolumeName(ctx.runId),
      target: PERSIST_MOUNT,
      readOnly: false,
    });
  }
  const tmpOptions = ['rw', 'nosuid', 'nodev', ...(spec.security.tmpExec ? ['exec'] : ['noexec'])];
  mounts.push({
    type: 'tmpfs',
    source: '',
    target: '/tmp',
    readOnly: false,
    tmpfs: { sizeBytes: spec.limits.tmpSizeBytes, mode: 0o1777, options: tmpOptions },
  });

  return mounts;
}

/** What the sandbox's self-check must find inside, or null when it is off. */
function selfCheckOf(spec: RunSpec, ctx: PlanContext, seccomp: boolean): SelfCheckExpect | null {
  return spec.security.selfCheck
    ? {
        uid: ctx.uid,
        gid: ctx.gid,
        capabilities: [...spec.security.capAdd],
        readOnlyRoot: !spec.security.writableRoot,
        noRouteOut: spec.network !== 'open',
        runtime: spec.security.isolation === 'runsc' ? 'runsc' : 'runc',
        seccomp,
      }
    : null;
}

/** The sandbox's resource limits: memory (no swap past it), CPUs, pids and the named ulimits. */
function sandboxLimits(
  spec: RunSpec,
): Pick<ContainerSpec, 'memoryBytes' | 'memorySwapBytes' | 'nanoCpus' | 'pidsLimit' | 'ulimits'> {
  return {
    memoryBytes: spec.limits.memoryBytes,
    memorySwapBytes: spec.limits.memoryBytes,
    nanoCpus: Math.round(spec.limits.cpus * 1e9),
    pidsLimit: pidsLimitFor(spec),
    ulimits: [
      { name: 'nofile', soft: spec.limits.nofile, hard: spec.limits.nofile },
      NPROC_ULIMIT,
      { name: 'fsize', soft: spec.limits.fsizeBytes, hard: spec.limits.fsizeBytes },
      { name: 'core', soft: 0, hard: 0 },
    ],
  };
}

/**
 * Every container names its nofile and nproc ulimits instead of taking the engine's: Podman's defaults (1048576 each)
 * are above the hard limit wherever root lacks CAP_SYS_RESOURCE (this project's CI machine), and then nothing starts.
 * Podman sets containers.conf's `default_ulimits` only on a create that names no ulimit, so that cannot help. The pids
 * limit is what bounds processes; nproc (per user, across containers) is set where it never binds first. 32768 is
 * what Podman gives conmon itself when it cannot raise its own limit.
 */
export const NPROC_ULIMIT: Ulimit = { name: 'nproc', soft: 32768, hard: 32768 };

/**
 * Under gVisor the engine's pids limit counts the threads of gVisor's own kernel (the sentry), which grow with
 * the guest's activity (30 concurrent guest processes took more than 256 host threads here), so a small limit
 * kills the whole sandbox. There it is raised to 8 per requested process (at least 2048); the guest's fork bomb
 * is then held by the memory limit and the timeout. Measured on Debian 12's runsc 20221219.
 */
export const RUNSC_THREADS_PER_PID = 8;
export const RUNSC_MIN_PIDS = 2048;
export function pidsLimitFor(spec: RunSpec): number {
  return spec.security.isolation === 'runsc'
    ? Math.max(spec.limits.pids * RUNSC_THREADS_PER_PID, RUNSC_MIN_PIDS)
    : spec.limits.pids;
}
