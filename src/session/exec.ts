/**
 * `exec ID -- CMD`: one command in a session, with a result of the same schema as `run`'s (exit codes as for run:
 * the command's own, 124 timed out, 137 OOM-killed, 125 when sandbox-action failed or the sandbox is not what its
 * plan said). Like executeRun it never throws: bad input (an unknown session, a stopped one) is a result with
 * status error and the reason. `--output-dir` collects /output afterwards through the safe collector.
 */
import { InputError, InternalError, SandboxError, errorMessage } from '../config/errors.js';
import type { RunSpec } from '../config/run-options.js';
import type { RunDeps } from '../sandbox/execute.js';
import { LogStream } from '../sandbox/logs.js';
import { assembleResult, type RunPieces } from '../sandbox/result.js';
import { RunContext } from '../sandbox/run-context.js';
import { collect } from '../sandbox/stages/collect.js';
import { checkDirectory } from '../sandbox/stages/prepare.js';
import type { RunResult, SessionInfo } from '../verdict/schema.js';
import { judgeRun } from '../verdict/judges.js';
import { checkConformance, runSessionCommand } from './command.js';
import { dirOf, isRunning, planOf, sweep, touch } from './lifecycle.js';
import { followProxy, proxyVariables } from './network.js';
import { findSession, type SessionRecord } from './record.js';

export interface ExecOptions {
  ref: string;
  command: string[];
  outputDir: string | null;
  resultFile: string | null;
  timeoutMs: number | null;
  env: string[];
}

/** The pieces a result is assembled from, with what a session knows (its volumes as made). */
export function sessionPieces(r: SessionRecord | null): RunPieces {
  return {
    imageId: r?.imageId ?? null,
    plan: r ? planOf(r) : null,
    net: null,
    volumes: (r?.volumes ?? []).map((v) => ({
      ...v,
      backend: v.backend as 'loop' | 'tmpfs' | 'unbounded',
      remove: async () => undefined,
    })),
    exit: null,
    collected: null,
    verdict: null,
    cleanupMs: 0,
  };
}

export function sessionInfo(r: SessionRecord, warm: SessionInfo['warm'] = null): SessionInfo {
  return { id: r.id, name: r.name, kind: r.kind, planHash: r.planHash, warm };
}

export async function execInSession(o: ExecOptions, deps: RunDeps, base: RunSpec): Promise<RunResult> {
  let r: SessionRecord | null = null;
  let ctx = new RunContext(base, deps);
  const x = sessionPieces(null);
  let failure: unknown = null;
  let logs: LogStream | null = null;
  let proxy: Awaited<ReturnType<typeof followProxy>> | null = null;
  try {
    await sweep(deps).catch(() => undefined);
    r = await findSession(dirOf(deps), o.ref);
    if (r.kind === 'warm')
      throw new InputError('ID', `'${o.ref}' is a warm sandbox of run --warm; create a session to exec in`);
    const spec = execSpec(r, o);
    ctx = new RunContext(spec, deps);
    Object.assign(x, sessionPieces(r));
    ctx.notes.push(...r.notes);
    await checkDirectory('--output-dir', spec.io.outputDir, 'empty-or-absent');
    await mustRun(deps, r, o.ref);
    await touch(deps, r);
    const check = (ctx.sandboxCheck = await checkConformance(ctx, r));
    const vars = await proxyVariables(deps.engine, r);
    if (vars === null)
      throw new SandboxError(["the session's proxy has no address: stop and start the session"]);
    proxy = await followProxy(deps.engine, r);
    logs = new LogStream(deps.log, spec.limits.logLimitBytes, deps.fenceWorkflowCommands);
    const exit = (x.exit = await runSessionCommand(ctx, r, o.command, check, {
      logs,
      timeoutMs: spec.limits.timeoutMs,
      env: [...vars, ...o.env],
      deadEndGateways: r.network.deadEndGateways,
    }));
    await proxy.stop();
    x.net = netOf(proxy.ledger);
    const collected = (x.collected = await collect(
      ctx,
      spec,
      { id: r.container.id, capture: null },
      planOf(r),
      exit.timedOut,
    ));
    x.verdict = await judgeExec(exit, collected.outputs.collected ? spec.io.outputDir : null);
    await touch(deps, r);
  } catch (err) {
    failure = err;
    logs?.end();
  }
  await proxy?.stop().catch(() => undefined);
  for (const f of await ctx.cleanup.run()) ctx.notes.push(`cleanup: ${f}`);
  try {
    const result = assembleResult(ctx, x, failure);
    return r ? { ...result, session: sessionInfo(r) } : result;
  } catch (err) {
    return assembleResult(ctx, sessionPieces(null), new InternalError(errorMessage(failure ?? err)));
  }
}

/** A command runs only in a session whose container runs: a gone or stopped one is bad input, said how to fix. */
async function mustRun(deps: RunDeps, r: SessionRecord, ref: string): Promise<void> {
  const running = await isRunning(deps.engine, r.container.id);
  if (running === true) return;
  throw new InputError(
    'ID',
    running === null
      ? `'${ref}': its container is gone; remove the session with rm`
      : `'${ref}' is stopped; start it first (sandbox-action start ${r.name ?? r.id})`,
  );
}

/** The session's spec for one command: its own outputs, result and deadline; no log file, /state or judges' files. */
function execSpec(r: SessionRecord, o: ExecOptions): RunSpec {
  return {
    ...r.spec,
    command: o.command,
    io: { ...r.spec.io, outputDir: o.outputDir, resultFile: o.resultFile, logFile: null, stateDir: null },
    limits: { ...r.spec.limits, timeoutMs: o.timeoutMs ?? r.spec.limits.timeoutMs },
    verdict: { ...r.spec.verdict, annotate: null, audit: null, declared: [], junit: null, expectDir: null },
  };
}

/** An exec is judged by its exit alone (no declared outputs, JUnit or expected files), as a run with none. */
function judgeExec(
  exit: { commandExitCode: number | null; timedOut: boolean; oomKilled: boolean },
  outputDir: string | null,
): ReturnType<typeof judgeRun> {
  return judgeRun(
    { declared: [], junit: null, expect: null },
    {
      commandExitCode: exit.commandExitCode,
      timedOut: exit.timedOut,
      oomKilled: exit.oomKilled,
      outputDir,
      declared: [],
      audit: null,
      readCollected: async () => null,
    },
    { root: '/work', auditAnnotations: [] },
  );
}

/** A NetworkSetup-shaped holder of a command's egress report. */
export function netOf(ledger: import('../egress/ledger.js').Ledger | null): RunPieces['net'] {
  return ledger
    ? {
        network: { mode: '', env: [], dns: [] },
        ledger,
        proxyContainer: null,
        gateways: [],
        stop: async () => undefined,
      }
    : null;
}
