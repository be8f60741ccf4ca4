/**
 * The landrun shim's one piece of I/O: parse comparator's argv, read the run's context, look at the host paths it
 * names, run the step in a fresh container and remove it. The step's stdout is written to ours unchanged (an
 * export's newline-delimited JSON, which comparator keeps in memory), its stderr to ours (between two fence lines
 * when the context has a fence token), and our exit code is the step's.
 *
 * Exit codes: the step's own; 124 the step timed out; 137 it was OOM-killed; 2 the request or the context was
 * refused (nothing was created); 125 the shim could not run the step (engine failure). The container is removed
 * in every case; it carries the run's labels, so `sandbox-action gc` finds it after a crash.
 */
import fsp from 'node:fs/promises';
import { InputError, InterruptedError } from '../config/errors.js';
import type { ContainerSpec, Engine } from '../engine/types.js';
import { CONTEXT_ENV, fenceLine, parseContext, type LandrunContext } from './context.js';
import { parseLandrunArgs, type LandrunRequest } from './landrun-args.js';
import { hostPaths, lakeDirOf, planStep, type PathKind } from './step-plan.js';

export interface StepDeps {
  connect(): Promise<Engine>;
  env: Record<string, string | undefined>;
  cwd: string;
  judgeUid: number;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  signal: AbortSignal;
  random(): string;
}

export const DEFAULT_ENGINE_SOCKETS = ['/var/run/docker.sock', '/run/docker.sock', '/run/podman/podman.sock'];

async function kindOf(p: string, follow: boolean): Promise<PathKind | 'symlink'> {
  const st = await (follow ? fsp.stat(p) : fsp.lstat(p)).catch(() => null);
  if (!st) return 'missing';
  if (st.isSymbolicLink()) return 'symlink';
  return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
}

/** The engine's unix socket named by DOCKER_HOST / CONTAINER_HOST, with the usual ones. */
export function engineSockets(env: Record<string, string | undefined>): string[] {
  const named = [env.DOCKER_HOST, env.CONTAINER_HOST].flatMap((u) =>
    u?.startsWith('unix://') ? [u.slice('unix://'.length)] : [],
  );
  return [...new Set([...named, ...DEFAULT_ENGINE_SOCKETS])];
}

/**
 * One comparator step: the request is planned (and can be refused) before the engine is asked for anything; then
 * the step runs in its own container, its output passed through, and the container is removed with everything the
 * step started.
 */
export async function runLandrunStep(argv: readonly string[], deps: StepDeps): Promise<number> {
  const req = parseLandrunArgs(argv);
  const ctx = parseContext(deps.env[CONTEXT_ENV]);
  const spec = await planFromHost(req, ctx, deps);
  const engine = await deps.connect();
  if (!engine.info.local) {
    throw new InputError(
      'engine',
      `${engine.info.endpoint} is not on this host: the paths comparator names would be its`,
    );
  }
  const aborted = new Promise<never>((_, reject) => {
    const fire = () => reject(new InterruptedError((deps.signal.reason as NodeJS.Signals) ?? 'SIGTERM'));
    if (deps.signal.aborted) fire();
    else deps.signal.addEventListener('abort', fire, { once: true });
  });
  aborted.catch(() => undefined);
  let id: string | null = null;
  try {
    id = await engine.createContainer(spec);
    const timedOut = await runAttached(engine, id, ctx, deps, aborted);
    const state = await engine.inspectContainer(id);
    // The child's own code, as landrun returns it; 124 at the deadline, 137 at the memory limit.
    if (timedOut) {
      deps.stderr.write(
        `sandbox-landrun: the step timed out after ${ctx.limits.timeoutMs} ms and was killed\n`,
      );
      return 124;
    }
    if (state.oomKilled) {
      deps.stderr.write(
        `sandbox-landrun: the step was killed at its memory limit (${ctx.limits.memoryBytes} bytes)\n`,
      );
      return 137;
    }
    return state.exitCode;
  } finally {
    // The container goes, and with it its PID namespace: nothing the step started outlives it.
    if (id) await engine.removeContainer(id);
  }
}

/** What the host says about the named paths (a link counts as neither file nor folder), then the plan. */
async function planFromHost(
  req: LandrunRequest,
  ctx: LandrunContext,
  deps: StepDeps,
): Promise<ContainerSpec> {
  const kinds = new Map<string, PathKind>();
  await Promise.all(
    hostPaths(req, ctx).map(async (p) => {
      const k = await kindOf(p, true);
      kinds.set(p, k === 'symlink' ? 'other' : k);
    }),
  );
  return planStep(req, ctx, {
    cwd: deps.cwd,
    env: deps.env,
    judgeUid: deps.judgeUid,
    kinds,
    lakeOnHost: await kindOf(lakeDirOf(ctx), false),
    stepId: deps.random(),
    engineSockets: engineSockets(deps.env),
  });
}

/**
 * Attach, start, and wait for the step (killed at its deadline): everything it wrote reaches comparator, inside
 * the fence when there is one, before the exit code does. True when it timed out.
 */
async function runAttached(
  engine: Engine,
  cid: string,
  ctx: LandrunContext,
  deps: StepDeps,
  aborted: Promise<never>,
): Promise<boolean> {
  let lastErrByte = 0x0a;
  const [attached, watch] = await Promise.race([
    Promise.all([
      engine.attach(cid, (s, chunk) => {
        if (s === 'stdout') deps.stdout.write(chunk);
        else {
          deps.stderr.write(chunk);
          if (chunk.length) lastErrByte = chunk[chunk.length - 1]!;
        }
      }),
      engine.watchExit(cid),
    ]),
    aborted,
  ]);
  if (ctx.fence) deps.stderr.write(fenceLine(ctx.fence, 'begin'));
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  try {
    await engine.startContainer(cid);
    const timeout = new Promise<'timeout'>(
      (r) => (timer = setTimeout(() => r('timeout'), ctx.limits.timeoutMs)),
    );
    const first = await Promise.race([watch.exit, timeout, aborted]);
    if (first === 'timeout') {
      timedOut = true;
      await engine.killContainer(cid, 'KILL');
      await engine.waitContainer(cid);
    }
    await attached.done;
  } finally {
    clearTimeout(timer);
    attached.close();
    if (ctx.fence) deps.stderr.write(`${lastErrByte === 0x0a ? '' : '\n'}${fenceLine(ctx.fence, 'end')}`);
  }
  return timedOut;
}
