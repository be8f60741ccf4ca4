/**
 * The result a run writes: assembled from whatever stages got done, so a run that failed anywhere (bad input, the
 * engine, a sandbox that is not what the plan said, a bug, ENOSPC) still writes one, with status error and why.
 */
import { SIGNAL_EXIT, errorKind, errorMessage, exitCodeFor } from '../config/errors.js';
import { loosenedBy } from '../config/run-options.js';
import { emptyOutputs } from '../outputs/collect.js';
import { RESULT_SCHEMA_VERSION, type RunResult, type SetupReport, type Verdict } from '../verdict/schema.js';
import { decideStatus } from '../verdict/status.js';
import type { ContainerSpec } from '../engine/types.js';
import type { NetworkSetup } from './network.js';
import type { SandboxPlan } from './plan.js';
import type { RunContext } from './run-context.js';
import type { Collected } from './stages/collect.js';
import type { Exit } from './stages/command.js';
import type { CreatedVolume } from './volumes.js';

export { SIGNAL_EXIT };

export interface RunPieces {
  imageId: string | null;
  plan: SandboxPlan | null;
  net: NetworkSetup | null;
  volumes: CreatedVolume[];
  exit: Exit | null;
  collected: Collected | null;
  verdict: Verdict | null;
  cleanupMs: number;
  /** `--setup`: the setup phase, when it ran. */
  setup?: SetupReport | null;
}

export function assembleResult(ctx: RunContext, x: RunPieces, failure: unknown = null): RunResult {
  const { spec, deps } = ctx;
  const c = x.plan?.container ?? null;
  const verdict: Verdict = x.verdict ?? { passed: false, judges: [] };
  const exit = x.exit;
  const { status, exitCode, error } = outcome(x, verdict, failure);
  const startedAt = exit?.startedAt ?? 0;
  const endedAt = exit?.endedAt ?? startedAt;
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    runId: ctx.runId,
    status,
    exitCode,
    commandExitCode: exit?.commandExitCode ?? null,
    durationMs: endedAt - startedAt,
    subject: spec.verdict.subject,
    image: { ref: spec.image.ref, id: x.imageId },
    engine: {
      name: deps.engine.info.name,
      version: deps.engine.info.version,
      runtime: c?.runtime ?? 'default',
    },
    user: c?.user ?? '',
    network: spec.network,
    egress: x.net?.ledger?.report() ?? null,
    limits: c ? limitsOf(spec, c) : null,
    volumes: x.volumes.map((v) => ({
      mount: v.mount,
      sizeBytes: v.sizeBytes,
      backend: v.backend,
      enforced: v.enforced,
      reserved: v.reserved,
    })),
    loosened: loosenedBy(spec),
    notes: ctx.notes,
    sandbox: ctx.sandboxCheck,
    outputs: x.collected?.outputs ?? emptyOutputs(spec.io.outputDir),
    state: x.collected?.state ?? null,
    verdict,
    annotations: x.collected?.annotations ?? [],
    annotationsDropped: x.collected?.annotationsDropped ?? 0,
    audit: x.collected?.audit?.report ?? null,
    timings: {
      prepareMs: startedAt ? startedAt - ctx.t0 : Date.now() - ctx.t0,
      commandMs: endedAt - startedAt,
      collectMs: x.collected?.collectMs ?? 0,
      cleanupMs: x.cleanupMs,
    },
    logTruncated: (exit?.log.droppedBytes ?? 0) > 0,
    logBytes: { shown: exit?.log.shownBytes ?? 0, dropped: exit?.log.droppedBytes ?? 0 },
    error,
    ...(x.setup ? { setup: x.setup } : {}),
  };
}

/** A failure is `error` with its exit code and reason; otherwise the status follows the exit and the verdict. */
function outcome(
  x: RunPieces,
  verdict: Verdict,
  failure: unknown,
): { status: RunResult['status']; exitCode: number; error: string | null } {
  if (failure !== null) {
    return {
      status: 'error',
      exitCode: exitCodeFor('mirror', failure),
      error:
        errorKind(failure) === 'internal'
          ? `internal error in sandbox-action: ${errorMessage(failure)}`
          : errorMessage(failure),
    };
  }
  const exit = x.exit!;
  const d = decideStatus({
    timedOut: exit.timedOut,
    oomKilled: exit.oomKilled,
    commandExitCode: exit.commandExitCode,
    verdictPassed: verdict.passed,
  });
  return { ...d, error: null };
}

/** The limits as the container was made (the plan's container, which conformance compared with the engine's). */
function limitsOf(spec: RunContext['spec'], c: ContainerSpec): NonNullable<RunResult['limits']> {
  return {
    timeoutMs: spec.limits.timeoutMs,
    memoryBytes: c.memoryBytes,
    memorySwapBytes: c.memorySwapBytes,
    cpus: c.nanoCpus / 1e9,
    pids: c.pidsLimit,
    nofile: spec.limits.nofile,
    fsizeBytes: spec.limits.fsizeBytes,
    tmpSizeBytes: spec.limits.tmpSizeBytes,
    readOnlyRoot: c.readOnlyRootfs,
    capabilities: c.capAdd,
    noNewPrivileges: c.securityOpt.includes('no-new-privileges:true'),
  };
}
