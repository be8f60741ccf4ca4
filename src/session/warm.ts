/**
 * `run --warm`: a run in a warm sandbox, a session reset between runs (architecture.md, Sessions). The run claims a
 * running warm sandbox whose plan hash is its own (a lock file: one run at a time in each), checks that it is ready
 * (reset.ts: as planned, no process left, every writable place wiped), fills /work and /state, runs the command the
 * way `run` does (behind the self-check, as the sandbox user), stops everything it left running, collects and
 * judges the evidence like a cold run, and hands the sandbox back for the next run. When no sandbox is ready, or one
 * cannot be reset cleanly, a fresh one runs the command instead (it is kept for the next run), and the result says
 * why (`session.warm.coldReason`). Like executeRun, it never throws.
 */
import fsp from 'node:fs/promises';
import { InputError, InternalError, errorMessage } from '../config/errors.js';
import type { RunSpec } from '../config/run-options.js';
import { executeRun, type RunDeps } from '../sandbox/execute.js';
import { Capture } from '../sandbox/log-pipe.js';
import { LogStream } from '../sandbox/logs.js';
import { STATE_DIR, WORK_DIR } from '../sandbox/plan.js';
import { assembleResult } from '../sandbox/result.js';
import { RunContext } from '../sandbox/run-context.js';
import { packDirectory } from '../sandbox/source-tar.js';
import { collect } from '../sandbox/stages/collect.js';
import { judge } from '../sandbox/stages/judge.js';
import { checkRunDirectories } from '../sandbox/stages/prepare.js';
import { LOG_CAPTURE_CAP } from '../sandbox/stages/sandbox.js';
import { loadExpected } from '../verdict/expected.js';
import type { RunResult, SessionInfo } from '../verdict/schema.js';
import { checkConformance, runSessionCommand } from './command.js';
import { createSession } from './create.js';
import { netOf, sessionInfo, sessionPieces } from './exec.js';
import { planHash } from './hash.js';
import { dirOf, planOf, removeSession, startKeeper, sweep, touch } from './lifecycle.js';
import { followProxy, proxyVariables } from './network.js';
import { listRecords, tryLock, type SessionRecord } from './record.js';
import { endRun, readyForRun } from './reset.js';
import { warmBlocker } from './warm-rules.js';

type Warm = NonNullable<SessionInfo['warm']>;

/** A cold run that says why it is cold. */
async function cold(spec: RunSpec, deps: RunDeps, reason: string): Promise<RunResult> {
  const r = await executeRun(spec, deps);
  return { ...r, notes: [...r.notes, `warm: a cold sandbox ran the command: ${reason}`] };
}

/** The library's one entry for a run: warm when asked (`--warm`), else the cold run. Never throws. */
export function runSandboxed(spec: RunSpec, deps: RunDeps): Promise<RunResult> {
  return spec.phases.warm ? runWarm(spec, deps) : executeRun(spec, deps);
}

export async function runWarm(spec: RunSpec, deps: RunDeps): Promise<RunResult> {
  const blocker = warmBlocker(spec);
  if (blocker) return cold(spec, deps, blocker);
  deps.onStage?.('prepare');
  const dir = dirOf(deps);
  let claimed: { record: SessionRecord; release: () => void; fresh: boolean } | null = null;
  let coldReason: string | null = null;
  try {
    await sweep(deps).catch(() => undefined);
    const image = await deps.engine.imageInspect(spec.image.ref);
    const hash = image ? planHash(spec, image.id) : null;
    const candidates = (await listRecords(dir)).filter((r) => r.kind === 'warm' && r.planHash === hash);
    for (const c of candidates) {
      const release = tryLock(dir, c.id);
      if (!release) continue;
      const problems = await readyForRun(new RunContext(c.spec, deps), c, false);
      if (problems.length === 0) {
        claimed = { record: c, release, fresh: false };
        coldReason = null;
        break;
      }
      coldReason = `the warm sandbox ${c.id} could not be reset cleanly (${problems.join('; ')}), so it was removed`;
      await removeSession(deps, c).catch(() => undefined);
      release();
    }
    if (!claimed) {
      coldReason ??= candidates.length
        ? 'every warm sandbox with this plan was in use'
        : 'no warm sandbox with this plan was ready';
      const { record } = await createSession(forCreate(spec), deps, {
        name: null,
        kind: 'warm',
        keep: false,
        idleTtlMs: spec.phases.warm!.idleTtlMs,
      });
      const release = tryLock(dir, record.id);
      if (!release) return cold(spec, deps, `${coldReason}; the one just made was taken by another run`);
      claimed = { record, release, fresh: true };
      coldReason = `${coldReason}; a fresh sandbox ran the command and is kept for the next run`;
    }
  } catch (err) {
    // Bad input, an engine failure: the cold path reports it as a run would.
    if (err instanceof InputError) return cold(spec, deps, errorMessage(err));
    return cold(spec, deps, `the warm sandbox could not be made: ${errorMessage(err)}`);
  }
  try {
    return await runInWarm(spec, deps, claimed.record, { reused: !claimed.fresh, coldReason });
  } finally {
    claimed.release();
  }
}

/** What a warm sandbox is made from: the run's plan, without what belongs to one run. */
function forCreate(spec: RunSpec): RunSpec {
  return {
    ...spec,
    io: {
      ...spec.io,
      source: spec.io.source?.readOnly ? spec.io.source : null,
      outputDir: null,
      resultFile: null,
      logFile: null,
    },
    verdict: { ...spec.verdict, annotate: null, declared: [], junit: null, expectDir: null },
  };
}

/** The run's own fields, with the warm sandbox's volume sizes (as it was made). */
function warmSpec(given: RunSpec, r: SessionRecord): RunSpec {
  return {
    ...given,
    limits: {
      ...given.limits,
      workSizeBytes: r.spec.limits.workSizeBytes,
      outputSizeBytes: r.spec.limits.outputSizeBytes,
      stateSizeBytes: r.spec.limits.stateSizeBytes,
    },
  };
}

/**
 * After a warm run: the sandbox is kept for the next run only when its reset was clean and the run did not fail
 * (under gVisor it is restarted now: a fresh gVisor kernel); otherwise it is removed, and the result says why.
 */
async function keepOrRemove(ctx: RunContext, r: SessionRecord, warm: Warm, failure: unknown): Promise<void> {
  const { deps } = ctx;
  const { engine } = deps;
  if (failure !== null && warm.resetProblem === null)
    warm.resetProblem = `the run failed: ${errorMessage(failure)}`;
  if (warm.resetProblem === null && r.spec.security.isolation === 'runsc') {
    // Under gVisor the reset is a fresh start (a new gVisor kernel): made now, so the next run finds it started.
    await startKeeper(engine, r).catch((err: unknown) => {
      warm.resetProblem = `restarting the sandbox failed: ${errorMessage(err)}`;
    });
  }
  if (warm.resetProblem === null) {
    warm.keptForNext = true;
    await touch(deps, r).catch(() => undefined);
  } else {
    ctx.notes.push(`warm: the sandbox was removed after this run: ${warm.resetProblem}`);
    await removeSession(deps, r).catch((err: unknown) =>
      ctx.notes.push(`warm: removing it: ${errorMessage(err)}`),
    );
  }
}

/** The source (unless bind-mounted read-only) into /work and the state directory into /state, as the user. */
async function copyInputs(engine: RunDeps['engine'], r: SessionRecord, spec: RunSpec): Promise<void> {
  const copyIn = async (dir: string | null, target: string) => {
    if (!dir || (await fsp.readdir(dir)).length === 0) return;
    const packed = packDirectory(dir, r.user);
    await Promise.all([engine.putArchive(r.container.id, target, packed.stream), packed.done]);
  };
  await Promise.all([
    copyIn(spec.io.source && !spec.io.source.readOnly ? spec.io.source.dir : null, WORK_DIR),
    copyIn(spec.io.stateDir, STATE_DIR),
  ]);
}

/** The command behind the image's entrypoint (or the one `--entrypoint` names), as a cold run would run it. */
function warmArgv(spec: RunSpec, r: SessionRecord): string[] {
  return [...(spec.image.entrypoint ? [spec.image.entrypoint] : (r.imageEntrypoint ?? [])), ...spec.command];
}

/** --expect's files, each declared (so collected first and its fate listed), or null without --expect. */
function declareExpected(spec: RunSpec): ReturnType<typeof loadExpected> | null {
  const expected = spec.verdict.expectDir ? loadExpected(spec.verdict.expectDir) : null;
  if (expected) {
    spec.verdict = {
      ...spec.verdict,
      declared: [...new Set([...spec.verdict.declared, ...expected.map((e) => e.path)])],
    };
  }
  return expected;
}

/** The warm sandbox, touched, checked against its plan and given this run's inputs; the proxy's variables. */
async function readyWarm(ctx: RunContext, r: SessionRecord, spec: RunSpec) {
  const { engine } = ctx.deps;
  await touch(ctx.deps, r);
  const check = (ctx.sandboxCheck = await checkConformance(ctx, r));
  await ctx.race(copyInputs(engine, r, spec));
  const vars = await proxyVariables(engine, r);
  if (vars === null) throw new InputError('--warm', "the warm sandbox's proxy has no address");
  return { check, vars };
}

async function runInWarm(
  given: RunSpec,
  deps: RunDeps,
  r: SessionRecord,
  w: Pick<Warm, 'reused' | 'coldReason'>,
): Promise<RunResult> {
  const spec = warmSpec(given, r);
  const ctx = new RunContext(spec, deps);
  const x = sessionPieces(r);
  ctx.notes.push(...r.notes);
  const warm: Warm = { ...w, keptForNext: false, resetProblem: null };
  let failure: unknown = null;
  let logs: LogStream | null = null;
  let proxy: Awaited<ReturnType<typeof followProxy>> | null = null;
  let ended = false;
  const { engine } = deps;
  const id = r.container.id;
  try {
    deps.onStage?.('prepare');
    await ctx.race(Promise.all(checkRunDirectories(spec)));
    const expected = declareExpected(spec);
    const { check, vars } = await readyWarm(ctx, r, spec);
    proxy = await followProxy(engine, r);
    logs = new LogStream(deps.log, spec.limits.logLimitBytes, deps.fenceWorkflowCommands);
    const capture =
      spec.verdict.annotate && spec.verdict.annotate.parser !== 'junit' ? new Capture(LOG_CAPTURE_CAP) : null;
    deps.onStage?.('command');
    const exit = (x.exit = await runSessionCommand(ctx, r, warmArgv(spec, r), check, {
      logs,
      timeoutMs: spec.limits.timeoutMs,
      env: vars,
      deadEndGateways: r.network.deadEndGateways,
      capture,
    }));
    // Nothing of the run may go on while its evidence is collected, nor into the next run. The proxy is followed
    // until then: a tunnel a background process held open past the command is logged when the kill ends it, and
    // that line is this run's (found by review: following stopped first, the line was lost).
    deps.onStage?.('collect');
    const problems = await endRun(ctx, r);
    ended = true;
    await proxy.stop();
    x.net = netOf(proxy.ledger);
    if (problems.length) warm.resetProblem = problems.join('; ');
    const collected = (x.collected = await collect(ctx, spec, { id, capture }, planOf(r), exit.timedOut));
    x.verdict = await judge(spec, { expected, trustedTests: false }, exit, collected);
  } catch (err) {
    failure = err;
    logs?.end();
  }
  deps.onStage?.('cleanup');
  await proxy?.stop().catch(() => undefined);
  if (!ended) {
    const problems = await endRun(ctx, r);
    if (problems.length) warm.resetProblem = problems.join('; ');
  }
  await keepOrRemove(ctx, r, warm, failure);
  if (w.coldReason) ctx.notes.push(`warm: ${w.coldReason}`);
  return warmResult(ctx, r, x, warm, failure);
}

/** The run's own cleanup, then its result (never a throw: a result that cannot be assembled is an error result). */
async function warmResult(
  ctx: RunContext,
  r: SessionRecord,
  x: ReturnType<typeof sessionPieces>,
  warm: Warm,
  failure: unknown,
): Promise<RunResult> {
  for (const f of await ctx.cleanup.run()) ctx.notes.push(`cleanup: ${f}`);
  try {
    return { ...assembleResult(ctx, x, failure), session: sessionInfo(r, warm) };
  } catch (err) {
    return assembleResult(ctx, sessionPieces(null), new InternalError(errorMessage(failure ?? err)));
  }
}
