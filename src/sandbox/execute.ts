/**
 * executeRun(): a run as a short list of stages, each creating its resources and registering their cleanup, and
 * handing a typed value on. It never throws: whatever fails (bad input, the engine, a sandbox that is not what the
 * plan said, a signal, a bug), everything the run created is removed and a result with status `error` and the
 * reason comes back, so the trusted side always has a result to judge (and to fail closed on).
 *
 *   prepare → network → plan → volumes → sandbox (created, checked, filled, attached) → command → collect → judge
 */
import os from 'node:os';
import type { Engine } from '../engine/types.js';
import { PODMAN_OOM_NOTE } from '../engine/podman.js';
import { InternalError, errorMessage } from '../config/errors.js';
import type { RunSpec } from '../config/run-options.js';
import type { LeanEvidence } from '../verdict/judges.js';
import type { RunResult } from '../verdict/schema.js';
import { LogStream, type LogWriter } from './logs.js';
import { setupNetwork, type NetworkSetup } from './network.js';
import { plan, type SandboxPlan } from './plan.js';
import { assembleResult, type RunPieces } from './result.js';
import { RunContext } from './run-context.js';
import { collect } from './stages/collect.js';
import { judge } from './stages/judge.js';
import { runCommand, type Exit } from './stages/command.js';
import { prepare, type Prepared } from './stages/prepare.js';
import { runLeanJudge } from './stages/lean.js';
import { createSandbox } from './stages/sandbox.js';
import { runSetup } from './stages/setup.js';
import { createVolumes } from './stages/volumes.js';
import type { VolumeHost } from './volumes.js';

/** The stages a door may show as they begin (the action opens one log group for each). */
export type RunStage = 'prepare' | 'setup' | 'command' | 'collect' | 'cleanup';

/** How long a run's cleanup waits for an engine that stopped answering (a restart) before it leaves the rest to gc. */
export const ENGINE_BACK_WITHIN_MS = 30_000;
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
  /**
   * The run has its id (before anything is created): the doors start the watchdog here and set the run-id output.
   * What it returns is called once the run's own cleanup is done.
   */
  onRunId?(runId: string): (() => void) | undefined;
  /** The host's own IPv4 addresses (a dead-end gateway is one no host interface holds). */
  hostAddresses?(): string[];
  /** A stage begins (prepare, the setup phase, the command, collection and judging, cleanup). */
  onStage?(stage: RunStage): void;
  /** The door's environment: PATH and HOME for the programs of the trusted side (comparator). */
  env?: Record<string, string | undefined>;
}

export async function executeRun(spec: RunSpec, deps: RunDeps): Promise<RunResult> {
  const ctx = new RunContext(spec, deps);
  const afterCleanup = deps.onRunId?.(ctx.runId);
  const logs = new LogStream(deps.log, spec.limits.logLimitBytes, deps.fenceWorkflowCommands);
  const x: RunPieces = {
    imageId: null,
    plan: null,
    net: null,
    volumes: [],
    exit: null,
    collected: null,
    verdict: null,
    cleanupMs: 0,
    setup: null,
  };
  let failure: unknown = null;
  try {
    deps.onStage?.('prepare');
    const prep = await prepare(ctx);
    x.imageId = prep.image.id;
    const net = await networkAndVolumes(ctx, prep, x);
    ctx.check();
    const p = (x.plan = planSandbox(ctx, prep, net));
    ctx.notes.push(...p.notes);
    deps.onPlan?.(p);
    const deadEnd = deadEndFilter(deps);
    const budget = await setupPhase(ctx, prep, p, x, deadEnd);
    deps.onStage?.('command');
    const box = await createSandbox(ctx, p, {
      logs,
      owner: prep.owner,
      exclude: prep.exclude,
      deadEndGateways: deadEnd(net.gateways),
      filled: prep.spec.phases.setup !== null,
    });
    const exit = (x.exit = await runCommand(ctx, box, net, logs, budget));
    if (podmanOomSuspected(deps.engine, exit)) ctx.notes.push(PODMAN_OOM_NOTE);
    deps.onStage?.('collect');
    const collected = (x.collected = await collect(ctx, prep.spec, box, p, exit.timedOut));
    const lean = await leanEvidence(ctx, prep, exit);
    x.verdict = await judge(
      prep.spec,
      { expected: prep.expected, trustedTests: prep.pytest?.trusted ?? false, lean },
      exit,
      collected,
    );
  } catch (err) {
    // A failed setup phase is a failed run (its exit code), not a failure of sandbox-action.
    if (!(err instanceof SetupFailed)) failure = err;
    logs.end();
  }
  deps.onStage?.('cleanup');
  x.cleanupMs = await cleanUp(ctx, failure);
  afterCleanup?.();
  return finalResult(ctx, x, failure);
}

/**
 * The network (in proxy mode: the proxy's image, networks and start) and the volumes at once: neither needs the
 * other. Both settle before a failure is thrown, so whatever was made is in the cleanup (and in the pieces).
 */
async function networkAndVolumes(ctx: RunContext, prep: Prepared, x: RunPieces): Promise<NetworkSetup> {
  const [netMade, volumesMade] = await Promise.allSettled([
    ctx.race(setupNetwork(prep.spec, ctx.networkDeps())),
    createVolumes(ctx, prep),
  ]);
  if (volumesMade.status === 'fulfilled') x.volumes = volumesMade.value;
  if (netMade.status === 'fulfilled') x.net = netMade.value;
  if (netMade.status === 'rejected') throw netMade.reason;
  if (volumesMade.status === 'rejected') throw volumesMade.reason;
  return netMade.value;
}

/** The sandbox's plan from what prepare found and the network made. */
function planSandbox(ctx: RunContext, prep: Prepared, net: NetworkSetup): SandboxPlan {
  return plan(prep.spec, {
    runId: ctx.runId,
    createdAt: ctx.createdAt,
    plannedAt: ctx.deps.now(),
    uid: prep.owner.uid,
    gid: prep.owner.gid,
    network: net.network,
    imageEntrypoint: prep.image.entrypoint,
    extraArgs: prep.pytest?.args ?? [],
    overlays: [...(prep.pytest?.mounts ?? []), ...(prep.lean?.overlays ?? []), ...prep.hide],
    hostMounts: prep.hostMounts,
    runtimes: prep.runtimes,
    engineTmpfs: ctx.deps.engine.info.readOnlyTmpfs,
  });
}

/** The gateways a dead-end check applies to: on a local engine, those no host interface holds. */
function deadEndFilter(deps: RunDeps): (gateways: string[]) => string[] {
  const hostAddresses = deps.hostAddresses ?? localAddresses;
  return (gateways) => gateways.filter((g) => deps.engine.info.local && !hostAddresses().includes(g));
}

/** The setup phase, if any: the time it leaves the command; a failed one ends the run (SetupFailed). */
async function setupPhase(
  ctx: RunContext,
  prep: Prepared,
  p: SandboxPlan,
  x: RunPieces,
  deadEnd: (gateways: string[]) => string[],
): Promise<number> {
  const timeout = ctx.spec.limits.timeoutMs;
  if (!prep.spec.phases.setup) return timeout;
  ctx.deps.onStage?.('setup');
  const s = await runSetup(ctx, prep, p, { deadEnd });
  x.setup = s.report;
  if (s.exit.timedOut || s.exit.oomKilled || s.exit.commandExitCode !== 0) {
    ctx.notes.push(
      `the setup command ${s.exit.timedOut ? 'timed out' : s.exit.oomKilled ? 'was OOM-killed' : `exited ${s.exit.commandExitCode}`}; the command did not run`,
    );
    x.exit = s.exit;
    throw new SetupFailed();
  }
  return Math.max(1000, timeout - s.report.durationMs);
}

/** Podman reports no OOM kill: a 137 that is neither a timeout nor a known OOM kill gets a note. */
function podmanOomSuspected(engine: Engine, exit: Exit): boolean {
  return engine.info.name === 'podman' && exit.commandExitCode === 137 && !exit.oomKilled && !exit.timedOut;
}

/** The Lean judge's evidence (lean-proof): the sandbox and its volumes go first, comparator's steps make their own. */
async function leanEvidence(ctx: RunContext, prep: Prepared, exit: Exit): Promise<LeanEvidence | null> {
  if (!prep.lean) return null;
  for (const f of await ctx.cleanup.run()) ctx.notes.push(`cleanup: ${f}`);
  return {
    layout: prep.lean,
    outcome: exit.timedOut ? null : await ctx.race(runLeanJudge(ctx, prep.spec, prep.lean)),
  };
}

/** Remove everything the run made; what failed goes in the notes (or to the notice, when the run failed). */
async function cleanUp(ctx: RunContext, failure: unknown): Promise<number> {
  const t = Date.now();
  // A step the engine failed is tried again while it answers: for a while when the engine stopped the sandbox
  // (a restart), else not again (an engine that is simply gone must not hold the end of the run; gc is named).
  const retry = {
    ping: () => ctx.deps.engine.ping(),
    withinMs: ctx.engineStopped ? ENGINE_BACK_WITHIN_MS : 0,
  };
  for (const f of await ctx.cleanup.run({ retry })) {
    if (failure === null) ctx.notes.push(`cleanup: ${f}`);
    else ctx.deps.notice(`cleanup: ${f}`);
  }
  return Date.now() - t;
}

function finalResult(ctx: RunContext, x: RunPieces, failure: unknown): RunResult {
  try {
    return assembleResult(ctx, x, failure);
  } catch (err) {
    // The last resort: a result that says only that it failed.
    return assembleResult(
      ctx,
      { ...x, plan: null, collected: null },
      new InternalError(errorMessage(failure ?? err)),
    );
  }
}

class SetupFailed extends Error {}

function localAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .flatMap((i) => (i && i.family === 'IPv4' ? [i.address] : []));
}
