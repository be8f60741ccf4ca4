/**
 * What every stage of a run shares: its id and labels, the cleanup registry, the notes for the result, and one
 * promise that rejects when the run must stop early (a signal, or a fault raised where it cannot be thrown, such as
 * the log sink failing with ENOSPC inside the engine's stream callback).
 */
import type { RunSpec } from '../config/run-options.js';
import { InterruptedError } from '../config/errors.js';
import type { Labels } from '../engine/types.js';
import type { SandboxCheck } from '../verdict/schema.js';
import { Cleanup } from './cleanup.js';
import type { RunDeps } from './execute.js';
import { newRunId, runLabels } from './plan.js';

export class RunContext {
  readonly createdAt: Date;
  readonly runId: string;
  readonly labels: Labels;
  readonly cleanup = new Cleanup();
  readonly notes: string[] = [];
  /** The sandbox as checked (conformance, then the self-check), kept here so a refusal still reports it. */
  sandboxCheck: SandboxCheck | null = null;
  readonly t0 = Date.now();
  /** Rejects on a signal or a fault; every wait of the run races it. */
  readonly stopped: Promise<never>;
  private fault: unknown = null;
  private stop!: (err: unknown) => void;

  constructor(
    readonly spec: RunSpec,
    readonly deps: RunDeps,
  ) {
    this.createdAt = deps.now();
    this.runId = newRunId(this.createdAt, deps.random());
    this.labels = runLabels(this.runId, this.createdAt);
    this.stopped = new Promise<never>((_, reject) => (this.stop = reject));
    this.stopped.catch(() => undefined);
    const onAbort = () =>
      this.raise(new InterruptedError((deps.signal.reason as NodeJS.Signals | undefined) ?? 'SIGTERM'));
    if (deps.signal.aborted) onAbort();
    else deps.signal.addEventListener('abort', onAbort, { once: true });
  }

  /** Record a failure that happened in a callback; the run stops at its next wait. The first one wins. */
  raise(err: unknown): void {
    if (this.fault !== null) return;
    this.fault = err;
    this.stop(err);
  }

  /** `p`, unless the run is stopped first. */
  race<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.stopped]);
  }

  /** Throw the recorded fault or interruption, if any. */
  check(): void {
    if (this.fault !== null) throw this.fault;
  }
}
