/**
 * What every stage of a run shares: its id and labels, the cleanup registry, the notes for the result, and one
 * promise that rejects when the run must stop early (a signal, or a fault raised where it cannot be thrown, such as
 * the log sink failing with ENOSPC inside the engine's stream callback).
 */
import type { RunSpec } from '../config/run-options.js';
import { CleanupError, InterruptedError } from '../config/errors.js';
import type { Labels } from '../engine/types.js';
import type { SandboxCheck } from '../verdict/schema.js';
import { Cleanup } from './cleanup.js';
import type { RunDeps } from './execute.js';
import type { NetworkDeps } from './network.js';
import { newRunId, runLabels } from './plan.js';

export class RunContext {
  readonly createdAt: Date;
  readonly runId: string;
  readonly labels: Labels;
  /** Where what is created now registers its removal: the run's, or the current phase's (see `phase`). */
  get cleanup(): Cleanup {
    return this.cleanups.at(-1)!;
  }
  private readonly cleanups: Cleanup[] = [new Cleanup()];
  readonly notes: string[] = [];
  /** The sandbox as checked (conformance, then the self-check), kept here so a refusal still reports it. */
  sandboxCheck: SandboxCheck | null = null;
  /** The engine stopped the sandbox (outside-stop.ts): it may be restarting, so the cleanup waits for it. */
  engineStopped = false;
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

  /**
   * Run `fn` with a cleanup registry of its own, run as soon as `fn` ends: what a phase made (the setup phase's
   * container and proxy) is gone before the next phase starts. If the run stops first, the run's cleanup removes it.
   */
  async phase<T>(what: string, fn: () => Promise<T>): Promise<T> {
    const own = new Cleanup();
    this.cleanup.add(what, async () => {
      const failed = await own.run();
      if (failed.length) throw new CleanupError(failed);
    });
    this.cleanups.push(own);
    try {
      return await fn();
    } finally {
      this.cleanups.pop();
      for (const f of await own.run()) this.notes.push(`cleanup (${what}): ${f}`);
    }
  }

  /** What the network stage needs from the run: its engine, labels, cleanup and notes (`runId` names its parts). */
  networkDeps(runId = this.runId): NetworkDeps {
    const { deps } = this;
    return {
      engine: deps.engine,
      labels: this.labels,
      runId,
      addCleanup: (what, fn) => this.cleanup.add(what, fn),
      notice: deps.notice,
      notes: this.notes,
      env: deps.env,
      privileged: (cmd, args) => deps.volumeHost.privileged(cmd, args),
    };
  }

  /** Throw the recorded fault or interruption, if any. */
  check(): void {
    if (this.fault !== null) throw this.fault;
  }
}
