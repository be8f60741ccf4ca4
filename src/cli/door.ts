/** What both doors (CLI and action) need from the process: the engine, the host facts, signals. */
import { startWatchdog } from '../sandbox/watchdog.js';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InternalError, InterruptedError, SIGNAL_EXIT, errorMessage, exitCodeFor } from '../config/errors.js';
import type { RunSpec, Subject } from '../config/run-options.js';
import { connectEngine } from '../engine/docker.js';
import { endpointsFor, type EngineChoice } from '../engine/podman.js';
import type { Engine } from '../engine/types.js';
import type { RunDeps } from '../sandbox/execute.js';
import type { LogWriter } from '../sandbox/logs.js';
import { defaultVolumeHost, type VolumeHost } from '../sandbox/volumes.js';
import { emptyOutputs } from '../outputs/collect.js';
import { RESULT_SCHEMA_VERSION, type RunResult } from '../verdict/schema.js';

export interface ProcessContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
  cpus: number;
  isRoot: boolean;
}

export function processContext(): ProcessContext {
  return {
    env: process.env,
    cwd: process.cwd(),
    cpus: os.availableParallelism(),
    isRoot: process.getuid?.() === 0,
  };
}

export function connect(ctx: ProcessContext, choice: EngineChoice = 'auto'): Promise<Engine> {
  return connectEngine(endpointsFor(choice, ctx.env), choice);
}

/** One volume host per process and place (what it learns about the host's tools is asked once). */
const hosts = new Map<string, VolumeHost>();
export function volumeHostFor(ctx: ProcessContext): VolumeHost {
  const dir = ctx.env.SANDBOX_ACTION_STATE_DIR || path.join(os.tmpdir(), 'sandbox-action');
  // Under act the job is a container beside the engine's: its paths and devices are not the engine host's.
  const shared = ctx.env.ACT !== 'true';
  const key = JSON.stringify([dir, ctx.isRoot, shared]);
  let host = hosts.get(key);
  if (!host) hosts.set(key, (host = defaultVolumeHost(dir, ctx.isRoot, shared, true)));
  return host;
}

export const randomId = () => randomBytes(4).toString('hex');

/** An AbortController fired by SIGINT/SIGTERM; the run cleans up, then the door exits 128+signal. */
export function abortOnSignals(): { signal: AbortSignal; dispose(): void } {
  const ac = new AbortController();
  const handlers: [NodeJS.Signals, () => void][] = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((s) => [
    s,
    () => {
      if (!ac.signal.aborted) {
        process.stderr.write(`sandbox-action: ${s} received; removing the run's containers and volumes\n`);
        ac.abort(s);
        return;
      }
      // A second signal: stop now. Whatever cleanup had not finished is found by `sandbox-action gc`.
      process.stderr.write(
        `sandbox-action: ${s} again; exiting now (run 'sandbox-action gc' for leftovers)\n`,
      );
      process.exit(exitCodeFor('mirror', new InterruptedError(s)));
    },
  ]);
  for (const [s, h] of handlers) process.on(s, h);
  return { signal: ac.signal, dispose: () => handlers.forEach(([s, h]) => process.off(s, h)) };
}

export { SIGNAL_EXIT };

/** Everything executeRun needs from the process, the same for both doors. */
export function makeRunDeps(
  ctx: ProcessContext,
  engine: Engine,
  o: {
    log: { stdout: LogWriter; stderr: LogWriter };
    notice(line: string): void;
    signal: AbortSignal;
    /** Off only with --no-watchdog (recorded as loosened). */
    watchdog: boolean;
    onRunId?(runId: string): void;
    onStage?: RunDeps['onStage'];
  },
): RunDeps {
  return {
    ...(o.onStage ? { onStage: o.onStage } : {}),
    onRunId: (runId) => {
      o.onRunId?.(runId);
      if (!o.watchdog) return undefined;
      // The watchdog connects on its own: to this run's engine (with --engine podman the environment may name
      // Docker first).
      const w = startWatchdog(runId, { ...ctx.env, DOCKER_HOST: engine.info.endpoint });
      if (!w) o.notice('no watchdog: the CLI bundle was not found; a killed CLI leaves this run to gc');
      return () => w?.stop();
    },
    engine,
    volumeHost: volumeHostFor(ctx),
    log: o.log,
    notice: o.notice,
    fenceWorkflowCommands: ctx.env.GITHUB_ACTIONS === 'true',
    signal: o.signal,
    now: () => new Date(),
    random: randomId,
    env: ctx.env,
  };
}

/** A result for a run that failed before it began (bad input, no engine): status error, nothing judged. */
export function failedBeforeRun(err: unknown, spec: RunSpec | null, subject?: Subject): RunResult {
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    runId: `${Date.now().toString(36)}-${randomId()}`,
    status: 'error',
    exitCode: exitCodeFor('mirror', err),
    commandExitCode: null,
    durationMs: 0,
    subject: spec?.verdict.subject ??
      subject ?? { repository: null, headSha: null, baseSha: null, baseRef: null, shard: null },
    image: { ref: spec?.image.ref ?? '', id: null },
    engine: { name: '', version: '', runtime: '' },
    user: '',
    network: spec?.network ?? '',
    egress: null,
    limits: null,
    volumes: [],
    loosened: [],
    notes: [],
    sandbox: null,
    outputs: emptyOutputs(spec?.io.outputDir ?? null),
    state: null,
    verdict: { passed: false, judges: [] },
    annotations: [],
    annotationsDropped: 0,
    audit: null,
    timings: { prepareMs: 0, commandMs: 0, collectMs: 0, cleanupMs: 0 },
    logTruncated: false,
    logBytes: { shown: 0, dropped: 0 },
    error: errorMessage(err),
  };
}

/** Write a result file whole (a temporary file renamed over it), so a reader never sees half of one. */
export function writeResultFile(file: string, result: RunResult): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(result, null, 2)}\n`, { mode: 0o644 });
  fs.renameSync(tmp, file);
}

/**
 * The last resort: a failure outside any promise chain (a bug in a stream callback) would end the process with no
 * result. The door names the result file once it knows it; this writes an error result there and exits 125.
 */
let lastResort: { file: string; subject: Subject } | null = null;
export function writeResultOnCrash(file: string | null, subject: Subject): void {
  if (file === null) return;
  const first = lastResort === null;
  lastResort = { file, subject };
  if (!first) return;
  const crash = (err: unknown) => {
    const r = lastResort!;
    const bug = new InternalError(`internal error in sandbox-action: ${errorMessage(err)}`);
    try {
      writeResultFile(r.file, failedBeforeRun(bug, null, r.subject));
    } catch {
      /* nothing more can be done */
    }
    process.stderr.write(`sandbox-action: internal error: ${errorMessage(err)}\n`);
    process.exit(exitCodeFor('mirror', bug));
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
}
