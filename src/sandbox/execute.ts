/**
 * execute(): the only place a run talks to the engine. It creates what the plan lists, runs the command, collects
 * /output, and removes everything it created in `finally` (every resource is labelled, so `gc` finds leftovers
 * of a crash). Engine round-trips are kept few and parallel where they do not depend on each other.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { parseGeneric } from '../report/parsers/generic.js';
import { parseJunit } from '../report/parsers/junit.js';
import { parseLean } from '../report/parsers/lean.js';
import type { Annotation, ParseResult } from '../report/parsers/types.js';

import { DEFAULTS, loosenedBy, type RunSpec } from '../config/run-options.js';
import { InputError, InterruptedError, errorMessage } from '../config/errors.js';
import type { ContainerSpec, Engine, ImageInfo, Labels, RuntimeInfo } from '../engine/types.js';
import { readContainerFile } from './container-files.js';
import { setupNetwork, type NetworkSetup } from './network.js';
import { runAudit, type AuditReport } from './audit.js';
import { collectTar, emptyOutputs, prepareOutputDir, type OutputsReport } from '../outputs/collect.js';
import { LogStream, type LogWriter } from './logs.js';
import {
  chooseRunscRuntime,
  OUTPUT_DIR,
  STATE_DIR,
  WORK_DIR,
  decideStatus,
  newRunId,
  numericUser,
  plan,
  resolveUser,
  runLabels,
  type SandboxPlan,
} from './plan.js';
import { RESULT_SCHEMA_VERSION, type RunResult } from './result.js';
import { packDirectory } from './source-tar.js';
import { chooseBackend, createVolume, type CreatedVolume, type VolumeHost } from './volumes.js';

export interface RunDeps {
  engine: Engine;
  volumeHost: VolumeHost;
  /** Where the build's log goes. */
  log: { stdout: LogWriter; stderr: LogWriter };
  /** sandbox-action's own lines (progress, warnings). */
  notice(line: string): void;
  fenceWorkflowCommands: boolean;
  signal: AbortSignal;
  now(): Date;
  random(): string;
  /** Called once the plan exists (tests read it; the CLI prints it with --verbose). */
  onPlan?(p: SandboxPlan): void;
}

export const UNPRIVILEGED = { uid: 65534, gid: 65534 };
const ATTACH_GRACE_MS = 3000;

/** Wait for `p`, or at most `ms` (the timer never outlives the wait). */
async function raceTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

class Cleanup {
  private steps: { what: string; fn: () => Promise<void> }[] = [];
  add(what: string, fn: () => Promise<void>) {
    this.steps.push({ what, fn });
  }
  /** Run every step, newest first; a failing step does not stop the others. Returns the failures. */
  async run(): Promise<string[]> {
    const failures: string[] = [];
    while (this.steps.length) {
      const s = this.steps.pop()!;
      try {
        await s.fn();
      } catch (err) {
        failures.push(`${s.what}: ${errorMessage(err)}`);
      }
    }
    return failures;
  }
}

function abortPromise(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fire = () => reject(new InterruptedError((signal.reason as NodeJS.Signals) ?? 'SIGTERM'));
    if (signal.aborted) fire();
    else signal.addEventListener('abort', fire, { once: true });
  });
}

function checkAborted(signal: AbortSignal) {
  if (signal.aborted) throw new InterruptedError((signal.reason as NodeJS.Signals) ?? 'SIGTERM');
}

async function checkSource(spec: RunSpec) {
  if (!spec.source) return;
  const st = await fsp.stat(spec.source.dir).catch(() => null);
  if (!st?.isDirectory()) throw new InputError('--source', `'${spec.source.dir}' is not a directory`);
}

async function checkStateDir(spec: RunSpec) {
  if (!spec.stateDir) return;
  const st = await fsp.lstat(spec.stateDir).catch(() => null);
  if (st && !st.isDirectory())
    throw new InputError('--state-dir', `'${spec.stateDir}' exists and is not a directory`);
}

async function checkOutputDir(spec: RunSpec) {
  if (!spec.outputDir) return;
  const st = await fsp.lstat(spec.outputDir).catch(() => null);
  if (st === null) return;
  if (!st.isDirectory())
    throw new InputError('--output-dir', `'${spec.outputDir}' exists and is not a directory`);
  if ((await fsp.readdir(spec.outputDir)).length > 0) {
    throw new InputError(
      '--output-dir',
      `'${spec.outputDir}' exists and is not empty; name a new or empty directory`,
    );
  }
}

/** A read-only source is seen with the host's permissions: say so when the sandbox user cannot read it. */
async function readableBy(dir: string, owner: { uid: number; gid: number }): Promise<string[]> {
  const st = await fsp.stat(dir);
  const bits =
    st.uid === owner.uid ? (st.mode >> 6) & 5 : st.gid === owner.gid ? (st.mode >> 3) & 5 : st.mode & 5;
  if (bits === 5) return [];
  return [
    `--source-readonly: '${dir}' (owner ${st.uid}, mode ${(st.mode & 0o777).toString(8)}) is not readable by the sandbox user ${owner.uid}:${owner.gid}; chmod it or pass --user ${st.uid}`,
  ];
}

async function ensureImage(engine: Engine, spec: RunSpec, notice: (l: string) => void): Promise<ImageInfo> {
  let info = spec.pull === 'always' ? null : await engine.imageInspect(spec.image);
  if (info) return info;
  if (spec.pull === 'never') {
    throw new InputError(
      '--image',
      `'${spec.image}' is not on this engine and --pull is never; build or pull it first`,
    );
  }
  notice(`pulling ${spec.image}`);
  try {
    await engine.imagePull(spec.image);
  } catch (err) {
    throw new InputError(
      '--image',
      `'${spec.image}' is not on this engine and could not be pulled: ${errorMessage(err)}`,
    );
  }
  info = await engine.imageInspect(spec.image);
  if (!info) throw new InputError('--image', `'${spec.image}' could not be found after pulling`);
  return info;
}

const MAX_ANNOTATIONS = 10_000;
const LOG_COPY_CAP = 16 * 1024 * 1024;

/** The build's log as it came, into a new host file, up to a cap (then one line saying it was cut). */
class LogCopy {
  private fd: number;
  private size = 0;
  private cut = false;
  constructor(
    file: string,
    private readonly cap: number,
  ) {
    const c = fs.constants;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      this.fd = fs.openSync(file, c.O_WRONLY | c.O_CREAT | c.O_TRUNC | c.O_NOFOLLOW, 0o644);
    } catch (err) {
      throw new InputError('--log-file', `'${file}' cannot be written: ${errorMessage(err)}`);
    }
  }
  write(chunk: Buffer) {
    if (this.cut) return;
    const part = chunk.subarray(0, this.cap - this.size);
    fs.writeSync(this.fd, part);
    this.size += part.length;
    if (part.length < chunk.length) {
      this.cut = true;
      fs.writeSync(this.fd, `\n[sandbox-action: the log was cut at ${this.cap} bytes]\n`);
    }
  }
  close() {
    fs.closeSync(this.fd);
  }
}

/** Keeps the first `limit` bytes of the log. */
class Capture {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly limit: number) {}
  push(chunk: Buffer) {
    if (this.size >= this.limit) return;
    const part = chunk.subarray(0, this.limit - this.size);
    this.chunks.push(Buffer.from(part));
    this.size += part.length;
  }
  text() {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** Annotations from the log, or from a JUnit file that safe collection wrote (a regular file we created). */
async function annotate(spec: RunSpec, log: string): Promise<ParseResult> {
  const a = spec.annotate!;
  if (a.parser !== 'junit') {
    return a.parser === 'lean' ? parseLean(log, { root: WORK_DIR }) : parseGeneric(log, { root: WORK_DIR });
  }
  const file = path.join(spec.outputDir!, a.file);
  const st = await fsp.lstat(file).catch(() => null);
  if (!st?.isFile() || st.size > 16 * 1024 * 1024) return { annotations: [], dropped: 0 };
  return parseJunit(await fsp.readFile(file, 'utf8'), { root: WORK_DIR });
}

/** A one-shot helper container of the run: as locked down as the sandbox, labelled with the run. */
function helperContainer(
  labels: Labels,
  role: string,
  o: Pick<ContainerSpec, 'image' | 'cmd'> & Partial<ContainerSpec>,
): ContainerSpec {
  const memory = o.memoryBytes ?? 64 * 1024 * 1024;
  return {
    name: `sandbox-action-${labels['sandbox-action.run']}-${role}`,
    user: '65534:65534',
    workingDir: '/',
    env: [],
    labels: { ...labels, 'sandbox-action.role': role },
    mounts: [],
    readOnlyRootfs: true,
    capDrop: ['ALL'],
    capAdd: [],
    securityOpt: ['no-new-privileges:true'],
    init: false,
    privileged: false,
    networkMode: 'none',
    nanoCpus: 5e8,
    pidsLimit: 16,
    ulimits: [],
    logDriver: { type: 'none', config: {} },
    tty: false,
    ...o,
    memoryBytes: memory,
    memorySwapBytes: memory,
  };
}

/** Read small text files from an image through a throwaway container that never starts. */
async function readImageFiles(
  engine: Engine,
  image: string,
  files: string[],
  labels: Labels,
): Promise<Map<string, string>> {
  const id = await engine.createContainer(
    helperContainer(labels, 'probe', {
      image,
      cmd: ['/nonexistent'],
      pidsLimit: 1,
      memoryBytes: 16 * 1024 * 1024,
    }),
  );
  const out = new Map<string, string>();
  try {
    for (const f of files) {
      const text = await readContainerFile(engine, id, f);
      if (text !== null) out.set(f, text);
    }
  } finally {
    await engine.removeContainer(id);
  }
  return out;
}

async function decideUser(
  engine: Engine,
  spec: RunSpec,
  image: ImageInfo,
  labels: Labels,
  notes: string[],
): Promise<{ uid: number; gid: number }> {
  const explicit = spec.user !== null;
  const wanted = spec.user ?? (image.user || '');
  if (wanted === '') return UNPRIVILEGED;
  let ids = numericUser(wanted);
  if (!ids) {
    const files = await readImageFiles(engine, spec.image, ['/etc/passwd', '/etc/group'], labels);
    const r = resolveUser(wanted, files.get('/etc/passwd') ?? '', files.get('/etc/group') ?? '');
    if ('error' in r) {
      if (explicit) throw new InputError('--user', r.error);
      notes.push(`the image's user '${wanted}' could not be resolved (${r.error}); running as 65534:65534`);
      return UNPRIVILEGED;
    }
    ids = r;
  }
  if (ids.uid === 0 && !spec.allowRoot) {
    if (explicit)
      throw new InputError(
        '--user',
        `'${wanted}' is uid 0; pass --allow-root to run as root (not recommended)`,
      );
    notes.push(
      `the image runs as root ('${wanted}'); the sandbox runs as 65534:65534 instead (--allow-root keeps root)`,
    );
    return UNPRIVILEGED;
  }
  return ids;
}

export async function executeRun(spec: RunSpec, deps: RunDeps): Promise<RunResult> {
  const { engine, signal } = deps;
  const createdAt = deps.now();
  const runId = newRunId(createdAt, deps.random());
  const labels = runLabels(runId, createdAt);
  const cleanup = new Cleanup();
  const notes: string[] = [];
  const loosened = loosenedBy(spec);
  let outputs: OutputsReport = emptyOutputs(spec.outputDir);
  const logs = new LogStream(deps.log, spec.logLimitBytes, deps.fenceWorkflowCommands);
  let logBytes = { shownBytes: 0, droppedBytes: 0 };
  let thePlan: SandboxPlan | null = null;
  let net: NetworkSetup | null = null;
  let volumes: CreatedVolume[] = [];
  let imageId: string | null = null;
  let commandExitCode: number | null = null;
  let timedOut = false;
  let oomKilled = false;
  let startedAt = 0;
  let endedAt = 0;
  const t0 = Date.now();
  let collectMs = 0;
  let kept: RunResult['state'] = null;
  // The log is kept (up to 16 MiB) only when annotations are parsed from it.
  const captured = spec.annotate && spec.annotate.parser !== 'junit' ? new Capture(16 * 1024 * 1024) : null;
  let annotations: Annotation[] = [];
  let annotationsDropped = 0;
  let audit: AuditReport | null = null;
  let logCopy: LogCopy | null = null;
  const aborted = abortPromise(signal);
  aborted.catch(() => undefined);

  try {
    // Everything that can reject bad input happens before anything is created.
    const [image, backend, runtimes] = await Promise.race([
      Promise.all([
        ensureImage(engine, spec, deps.notice),
        chooseBackend(spec.volumeBackend, engine, deps.volumeHost),
        spec.isolation === 'runsc' ? engine.runtimes() : Promise.resolve([] as RuntimeInfo[]),
        checkSource(spec),
        checkOutputDir(spec),
        checkStateDir(spec),
      ]),
      aborted,
    ]);
    imageId = image.id;
    if (backend.note) notes.push(backend.note);
    let runscRuntime: string | undefined;
    if (spec.isolation === 'runsc') {
      const r = chooseRunscRuntime(runtimes, spec.network !== 'none', spec.allowWeakerGvisor);
      if ('error' in r) throw new InputError('--isolation', `runsc: ${r.error}`);
      runscRuntime = r.runtime;
    }
    const owner = await decideUser(engine, spec, image, labels, notes);
    if (spec.source?.readOnly) notes.push(...(await readableBy(spec.source.dir, owner)));
    checkAborted(signal);

    net = await Promise.race([
      setupNetwork(spec, {
        engine,
        labels,
        runId,
        addCleanup: (what, fn) => cleanup.add(what, fn),
        notice: deps.notice,
        notes,
      }),
      aborted,
    ]);
    checkAborted(signal);

    thePlan = plan(spec, {
      runId,
      createdAt,
      uid: owner.uid,
      gid: owner.gid,
      network: net.network,
      ...(runscRuntime ? { runscRuntime } : {}),
    });
    if (thePlan.container.pidsLimit !== spec.pids) {
      notes.push(
        `under gVisor the pids limit counts gVisor's own threads: the engine's limit is ${thePlan.container.pidsLimit} for --pids ${spec.pids}; the memory limit and the timeout hold a fork bomb`,
      );
    }
    deps.onPlan?.(thePlan);
    const p = thePlan;

    const made = await Promise.allSettled(
      p.volumes.map((v) => createVolume(engine, deps.volumeHost, backend.backend, v, owner, labels)),
    );
    volumes = made.flatMap((m) => (m.status === 'fulfilled' ? [m.value] : []));
    cleanup.add('remove volumes', async () => {
      const done = await Promise.allSettled(volumes.map((v) => v.remove()));
      const bad = done.flatMap((d, i) =>
        d.status === 'rejected' ? [`${volumes[i]!.name}: ${errorMessage(d.reason)}`] : [],
      );
      if (bad.length) throw new Error(bad.join('; '));
    });
    const failed = made.find((m): m is PromiseRejectedResult => m.status === 'rejected');
    if (failed) throw failed.reason;
    if (backend.backend === 'unbounded') {
      // A plain volume's root belongs to root: hand it to the sandbox user with a one-shot chown.
      await chownVolumes(engine, spec.image, volumes, owner, labels);
    }
    checkAborted(signal);

    if (spec.logFile) {
      logCopy = new LogCopy(spec.logFile, LOG_COPY_CAP);
      const lc = logCopy;
      cleanup.add('close the log copy', async () => lc.close());
    }
    const id = await engine.createContainer(p.container);
    cleanup.add('remove container', () => engine.removeContainer(id));

    const stateIn =
      spec.stateDir && (await fsp.readdir(spec.stateDir).catch(() => [])).length > 0
        ? (async () => {
            const packed = packDirectory(spec.stateDir!, owner);
            await Promise.all([engine.putArchive(id, STATE_DIR, packed.stream), packed.done]);
          })()
        : Promise.resolve();
    const copy = p.copySource
      ? (async () => {
          const packed = packDirectory(p.copySource!, owner);
          await Promise.all([engine.putArchive(id, WORK_DIR, packed.stream), packed.done]);
        })()
      : Promise.resolve();
    const [, attached, watch] = await Promise.race([
      Promise.all([
        Promise.all([copy, stateIn]),
        engine.attach(id, (s, chunk) => {
          logs.write(s, chunk);
          captured?.push(chunk);
          logCopy?.write(chunk);
        }),
        engine.watchExit(id),
      ]),
      aborted,
    ]);
    cleanup.add('detach log', async () => attached.close());

    logs.begin();
    startedAt = Date.now();
    await engine.startContainer(id);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), spec.timeoutMs);
    });
    try {
      const first = await Promise.race([watch.exit, timeout, aborted]);
      if (first === 'timeout') {
        timedOut = true;
        await engine.killContainer(id, 'KILL');
        await Promise.race([watch.exit, engine.waitContainer(id)]);
      }
    } finally {
      clearTimeout(timer);
    }
    endedAt = Date.now();
    await net.stop();
    await raceTimeout(attached.done, ATTACH_GRACE_MS);
    logBytes = logs.end();
    const state = await engine.inspectContainer(id);
    commandExitCode = timedOut ? null : state.exitCode;
    oomKilled = state.oomKilled;

    if (spec.outputDir) {
      checkAborted(signal);
      const tc = Date.now();
      await prepareOutputDir(spec.outputDir);
      const stream = await engine.getArchive(id, OUTPUT_DIR);
      // The engine holds the container while it streams: whatever happens, the stream is consumed or destroyed.
      try {
        outputs = await Promise.race([
          collectTar(stream, spec.outputDir, OUTPUT_DIR.slice(1), spec.outputCaps),
          aborted,
        ]);
      } finally {
        if (!stream.readableEnded) stream.destroy();
      }
      collectMs = Date.now() - tc;
    }
    if (spec.annotate) {
      const parsed = await annotate(spec, captured?.text() ?? '');
      annotations = parsed.annotations.slice(0, MAX_ANNOTATIONS);
      annotationsDropped = parsed.dropped + Math.max(0, parsed.annotations.length - MAX_ANNOTATIONS);
    }
    if (spec.stateDir) {
      checkAborted(signal);
      kept = await collectState(engine, id, spec, runId, aborted);
    }
    if (spec.audit && !timedOut) {
      checkAborted(signal);
      deps.notice(
        `proof audit: ${spec.audit.targets.length} target(s) in a fresh sandbox, /work read-only, no network`,
      );
      const a = await Promise.race([runAudit(engine, spec, p, labels, id), aborted]);
      audit = a.report;
      annotations = [...a.annotations, ...annotations].slice(0, MAX_ANNOTATIONS);
      for (const t of a.report.targets) {
        deps.notice(
          `proof audit: ${t.target}: ${t.status}${'axioms' in t ? ` [${t.axioms.join(', ')}]` : ''}`,
        );
      }
    }
  } catch (err) {
    if (startedAt && !endedAt) endedAt = Date.now();
    logBytes = logs.end();
    const failures = await cleanup.run();
    for (const f of failures) deps.notice(`cleanup: ${f}`);
    throw err;
  }
  const tClean = Date.now();
  const failures = await cleanup.run();
  for (const f of failures) notes.push(`cleanup: ${f}`);
  const cleanupMs = Date.now() - tClean;

  let { status, exitCode } = decideStatus({ exitCode: commandExitCode ?? 0, timedOut, oomKilled });
  if (audit && !audit.ok && status === 'succeeded') {
    // The build passed but its proof did not: the run fails.
    status = 'failed';
    exitCode = 1;
    notes.push('the build succeeded but the proof audit failed');
  }
  const c = thePlan.container;
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    runId,
    status,
    exitCode,
    commandExitCode,
    durationMs: endedAt - startedAt,
    image: { ref: spec.image, id: imageId },
    engine: { name: engine.info.name, version: engine.info.version, runtime: c.runtime ?? 'default' },
    user: c.user,
    network: spec.network,
    egress: net?.ledger?.report() ?? null,
    limits: {
      timeoutMs: spec.timeoutMs,
      memoryBytes: c.memoryBytes,
      memorySwapBytes: c.memorySwapBytes,
      cpus: c.nanoCpus / 1e9,
      pids: c.pidsLimit,
      nofile: spec.nofile,
      fsizeBytes: spec.fsizeBytes,
      tmpSizeBytes: spec.tmpSizeBytes,
      readOnlyRoot: c.readOnlyRootfs,
      capabilities: c.capAdd,
      noNewPrivileges: c.securityOpt.includes('no-new-privileges:true'),
    },
    volumes: volumes.map((v) => ({
      mount: v.mount,
      sizeBytes: v.sizeBytes,
      backend: v.backend,
      enforced: v.enforced,
    })),
    loosened,
    notes,
    outputs,
    state: kept,
    annotations,
    annotationsDropped,
    audit,
    timings: { prepareMs: startedAt - t0, commandMs: endedAt - startedAt, collectMs, cleanupMs },
    logTruncated: logs.truncated,
    logBytes: { shown: logBytes.shownBytes, dropped: logBytes.droppedBytes },
  };
}

/**
 * Bring /state back to the host: written by the untrusted build, so it goes through the same safe collection as
 * /output (regular files only, within the state cap), into a sibling directory that then replaces the old one.
 */
async function collectState(
  engine: Engine,
  id: string,
  spec: RunSpec,
  runId: string,
  aborted: Promise<never>,
): Promise<NonNullable<RunResult['state']>> {
  const dir = spec.stateDir!;
  const fresh = `${dir.replace(/\/+$/, '')}.sandbox-${runId}`;
  await fsp.rm(fresh, { recursive: true, force: true });
  await fsp.mkdir(fresh, { recursive: true, mode: 0o755 });
  const stream = await engine.getArchive(id, STATE_DIR);
  try {
    const r = await Promise.race([
      collectTar(stream, fresh, STATE_DIR.slice(1), {
        maxTotalBytes: spec.stateSizeBytes,
        maxFiles: DEFAULTS.maxStateFiles,
        maxFileBytes: spec.stateSizeBytes,
      }),
      aborted,
    ]);
    await fsp.rm(dir, { recursive: true, force: true });
    await fsp.rename(fresh, dir);
    return {
      dir,
      files: r.files,
      bytes: r.bytes,
      skippedCount: r.skippedCount,
      skippedByReason: r.skippedByReason,
    };
  } catch (err) {
    await fsp.rm(fresh, { recursive: true, force: true });
    throw err;
  } finally {
    if (!stream.readableEnded) stream.destroy();
  }
}

async function chownVolumes(
  engine: Engine,
  image: string,
  volumes: CreatedVolume[],
  owner: { uid: number; gid: number },
  labels: Labels,
) {
  const id = await engine.createContainer(
    helperContainer(labels, 'chown', {
      image,
      entrypoint: ['chown'],
      cmd: [`${owner.uid}:${owner.gid}`, ...volumes.map((v) => v.mount)],
      // The one helper that runs as root: it needs CHOWN and nothing else, with no network.
      user: '0:0',
      capAdd: ['CHOWN'],
      mounts: volumes.map((v) => ({
        type: 'volume' as const,
        source: v.name,
        target: v.mount,
        readOnly: false,
      })),
    }),
  );
  try {
    const watch = await engine.watchExit(id);
    await engine.startContainer(id);
    const code = await watch.exit;
    if (code !== 0) throw new Error(`chown of the unbounded volumes exited with ${code}`);
  } finally {
    await engine.removeContainer(id);
  }
}
