/**
 * One command in a session's container, the way `run` runs one in a fresh container: the container is first
 * compared with the plan again (conformance), the command runs behind the self-check as the sandbox user with the
 * session's environment, its output goes through the same log pipe (fenced, capped, the self-check line taken off
 * and judged on the trusted side), its deadline kills it (124), an OOM kill counted by the kernel says 137.
 */
import { EngineError, SandboxError } from '../config/errors.js';
import type { ExecStream } from '../engine/types.js';
import { conformance } from '../sandbox/conformance.js';
import { checkedLogPipe, openLogCopy } from '../sandbox/checked-pipe.js';
import type { Capture } from '../sandbox/log-pipe.js';
import type { LogStream } from '../sandbox/logs.js';
import { WORK_DIR } from '../sandbox/plan.js';
import type { RunContext } from '../sandbox/run-context.js';
import { ATTACH_DRAIN_MS, type Exit } from '../sandbox/stages/command.js';
import type { SandboxCheck } from '../verdict/schema.js';
import { oomKills } from './oom.js';
import { execArgv } from './plan.js';
import { KILL_SCRIPT, TRUSTED_ENV } from './reset-script.js';
import type { SessionRecord } from './record.js';

/** After a command's output ends, how long the engine may take to report it exited. */
const EXIT_SETTLE_MS = 5000;
/** How often a running command's container is asked whether it still runs (an exec can outlive its container). */
const ALIVE_POLL_MS = 1000;
/** After a command killed by a signal, how long its container may take to be reported stopped with it. */
const STOP_SETTLE_MS = 1000;

export interface CommandOptions {
  logs: LogStream;
  timeoutMs: number;
  /** Added to the container's environment (the proxy's current address, a per-exec --env). */
  env: string[];
  deadEndGateways: string[];
  capture?: Capture | null;
}

/** The container is what the plan said, now: before every use. */
export async function checkConformance(ctx: RunContext, r: SessionRecord): Promise<SandboxCheck> {
  const mismatches = conformance(r.container.plan, await ctx.deps.engine.inspectCreated(r.container.id));
  const check: SandboxCheck = { conformance: { ok: mismatches.length === 0, mismatches }, selfCheck: null };
  if (mismatches.length) throw new SandboxError(mismatches.map((m) => `the engine did not honour ${m}`));
  return check;
}

/** Run a trusted script as the sandbox user (not behind the self-check); its exit code, stdout (capped) and stderr. */
export async function trustedExec(
  ctx: RunContext,
  r: SessionRecord,
  script: string,
  timeoutMs = 30_000,
  o: { args?: string[]; stdoutCap?: number } = {},
): Promise<{ exitCode: number | null; stdout: Buffer; stderr: string }> {
  const { engine } = ctx.deps;
  let stderr = '';
  const out: Buffer[] = [];
  let size = 0;
  const cap = o.stdoutCap ?? 0;
  let overflow = false;
  const s = await engine.execStream(
    r.container.id,
    {
      cmd: ['/bin/sh', '-c', script, 'sandbox-action', ...(o.args ?? [])],
      user: `${r.user.uid}:${r.user.gid}`,
      env: TRUSTED_ENV,
      workingDir: '/',
    },
    (stream, chunk) => {
      if (stream === 'stderr') {
        if (stderr.length < 16384) stderr += chunk.toString('utf8');
      } else if (size + chunk.length <= cap) {
        out.push(Buffer.from(chunk));
        size += chunk.length;
      } else overflow = true;
    },
  );
  const ended = await waitFor(s.done, timeoutMs);
  s.close();
  if (!ended)
    return {
      exitCode: null,
      stdout: Buffer.alloc(0),
      stderr: `${stderr}(it did not end within ${timeoutMs} ms)`,
    };
  if (overflow)
    return { exitCode: null, stdout: Buffer.alloc(0), stderr: `${stderr}(its output passed ${cap} bytes)` };
  return { exitCode: await settledExit(ctx, s.id), stdout: Buffer.concat(out), stderr };
}

export async function runSessionCommand(
  ctx: RunContext,
  r: SessionRecord,
  argv: string[],
  check: SandboxCheck,
  o: CommandOptions,
): Promise<Exit> {
  const { engine } = ctx.deps;
  const id = r.container.id;
  const { pipe, kill } = commandPipe(ctx, r, check, o);
  const oomBefore = await oomKills(engine.info.local, id);
  const flaggedBefore = oomBefore === null ? (await engine.inspectContainer(id)).oomKilled : false;
  o.logs.begin();
  const startedAt = Date.now();
  let stream: ExecStream | null = null;
  let timedOut = false;
  let containerStopped = false;
  let timer: NodeJS.Timeout | undefined;
  const alive = watchRunning(ctx, id);
  const end = async () => {
    if (stream) await waitFor(stream.done, ATTACH_DRAIN_MS);
    stream?.close();
    pipe.end();
    return o.logs.end();
  };
  try {
    stream = await ctx.race(engine.execStream(id, execSpec(r, argv, o.env), pipe.sink));
    const deadline = new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), o.timeoutMs)),
    );
    const first = await Promise.race([
      stream.done.then(() => 'done' as const),
      deadline,
      ctx.stopped,
      alive.stopped,
    ]);
    if (first === 'container-stopped') containerStopped = true;
    if (first === 'timeout') {
      timedOut = true;
      await kill();
    }
  } catch (err) {
    await kill().catch(() => undefined);
    await end();
    throw err;
  } finally {
    clearTimeout(timer);
    alive.cancel();
  }
  const endedAt = Date.now();
  const log = await end();
  ctx.check();
  const ended = { execId: stream.id, timedOut, containerStopped, oomBefore, flaggedBefore };
  return { ...(await howItEnded(ctx, r, ended)), startedAt, endedAt, log };
}

/** The command as the session's user in /work, behind the self-check when the session has one. */
function execSpec(r: SessionRecord, argv: string[], env: string[]) {
  return { cmd: execArgv(argv, r.selfCheck), user: `${r.user.uid}:${r.user.gid}`, env, workingDir: WORK_DIR };
}

/** The exec's exit code, whether it was OOM-killed, and a refusal when someone else stopped the sandbox. */
async function howItEnded(
  ctx: RunContext,
  r: SessionRecord,
  e: {
    execId: string;
    timedOut: boolean;
    containerStopped: boolean;
    oomBefore: number | null;
    flaggedBefore: boolean;
  },
): Promise<Pick<Exit, 'commandExitCode' | 'timedOut' | 'oomKilled'>> {
  const { timedOut } = e;
  // Docker 20.10 can leave an exec "running" forever once its container is gone (watchRunning ends the wait).
  const exitCode = e.containerStopped ? null : await settledExit(ctx, e.execId);
  // As for run: the command is OOM-killed when the kernel killed anything of the sandbox while it ran.
  const oomKilled =
    !timedOut && (await oomKilledSince(ctx, r.container.id, e.oomBefore, e.flaggedBefore, exitCode));
  if (!timedOut && !oomKilled && (exitCode === null || exitCode >= 128)) await refuseIfStopped(ctx, r);
  return { commandExitCode: timedOut ? null : oomKilled ? (exitCode ?? 137) : exitCode, timedOut, oomKilled };
}

/**
 * The command's log pipe, and how to stop the command: its process group (the self-check said its pid), else every
 * process of the sandbox user. A failed self-check, or a log the pipe refuses, stops it and ends the run.
 */
function commandPipe(ctx: RunContext, r: SessionRecord, check: SandboxCheck, o: CommandOptions) {
  let pid: string | null = null;
  const kill = () =>
    trustedExec(
      ctx,
      r,
      pid && /^\d+$/.test(pid) ? `kill -9 -- -${pid} ${pid} 2>/dev/null; exit 0` : KILL_SCRIPT,
      10_000,
    );
  const pipe = checkedLogPipe(ctx, o.logs, {
    capture: o.capture ?? null,
    copy: openLogCopy(ctx),
    expect: r.selfCheck,
    deadEndGateways: o.deadEndGateways,
    check,
    kill,
    onFacts: (facts) => (pid = facts?.pid ?? null),
  });
  return { pipe, kill };
}

/** Whether the kernel OOM-killed anything of the sandbox since `before` (its count, or the engine's flag). */
async function oomKilledSince(
  ctx: RunContext,
  id: string,
  before: number | null,
  flaggedBefore: boolean,
  exitCode: number | null,
): Promise<boolean> {
  const { engine } = ctx.deps;
  const after = await oomKills(engine.info.local, id);
  if (before !== null && after !== null) return after > before;
  return (
    (exitCode === 137 || exitCode === null) && !flaggedBefore && (await engine.inspectContainer(id)).oomKilled
  );
}

/**
 * Killed by a signal, and the container is gone with it: the engine (or someone on the host) stopped the
 * container, which is no verdict on the command. The engine can report the exec's end a moment before the
 * container's: it gets STOP_SETTLE_MS.
 */
async function refuseIfStopped(ctx: RunContext, r: SessionRecord): Promise<void> {
  const { engine } = ctx.deps;
  const id = r.container.id;
  let c = await engine.inspectContainer(id);
  for (const until = Date.now() + STOP_SETTLE_MS; c.running && Date.now() < until;) {
    await new Promise((res) => setTimeout(res, 100));
    c = await engine.inspectContainer(id);
  }
  if (!c.running)
    throw new EngineError(
      engine.info.name,
      'exec',
      `the session's container stopped while the command ran (container exit ${c.exitCode}${c.error ? `: ${c.error}` : ''})`,
      `start it again: sandbox-action start ${r.name ?? r.id}`,
    );
}

/** Resolves once the container no longer runs (asked every ALIVE_POLL_MS); cancel() stops asking. */
function watchRunning(
  ctx: RunContext,
  id: string,
): { stopped: Promise<'container-stopped'>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  let cancelled = false;
  const stopped = new Promise<'container-stopped'>((resolve) => {
    const ask = () => {
      if (cancelled) return;
      ctx.deps.engine.inspectContainer(id).then(
        (c) => (c.running ? (timer = setTimeout(ask, ALIVE_POLL_MS)) : resolve('container-stopped')),
        () => (timer = setTimeout(ask, ALIVE_POLL_MS)),
      );
    };
    timer = setTimeout(ask, ALIVE_POLL_MS);
  });
  return {
    stopped,
    cancel: () => {
      cancelled = true;
      clearTimeout(timer);
    },
  };
}

/** The exit code once the engine says the exec ended (its output can end a little before). */
async function settledExit(ctx: RunContext, execId: string): Promise<number | null> {
  const until = Date.now() + EXIT_SETTLE_MS;
  for (;;) {
    const s = await ctx.deps.engine.execInspect(execId);
    if (!s.running) return s.exitCode;
    if (Date.now() > until) return null;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function waitFor(p: Promise<unknown>, ms: number): Promise<boolean> {
  let t: NodeJS.Timeout | undefined;
  const r = await Promise.race([
    p.then(() => true),
    new Promise<false>((res) => (t = setTimeout(() => res(false), ms))),
  ]);
  clearTimeout(t);
  return r;
}
