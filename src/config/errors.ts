/**
 * Every error sandbox-action throws that reaches a user, and the one table that turns them into exit codes.
 * Each error is one line: what went wrong and what to do about it. The doors (CLI, action) look the code up in
 * `EXIT_CODES` by `exitCodeFor`; nothing below them exits the process, and no door computes a code by itself.
 */

/** A value the user gave is not allowed. `input` names the option (`--memory`, or the action input). */
export class InputError extends Error {
  constructor(
    readonly input: string,
    readonly problem: string,
  ) {
    super(`${input}: ${problem}`);
    this.name = 'InputError';
  }
}

/** The container engine failed or is missing. Names the engine, the operation and what to do. */
export class EngineError extends Error {
  constructor(
    readonly engine: string,
    readonly operation: string,
    readonly detail: string,
    readonly hint = '',
    readonly statusCode?: number,
  ) {
    super(`${engine}: ${operation} failed: ${detail}${hint ? ` (${hint})` : ''}`);
    this.name = 'EngineError';
  }
}

/** A volume's space could not be reserved on the host (fallocate refused): an engine-side failure. */
export class ReservationError extends EngineError {}

/** A container registry refused or did not answer. `status` is its HTTP status, when it answered. */
export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

/**
 * Removing what a run made failed; one line per thing that was left. An AggregateError: `errors` keeps the causes, so
 * the cleanup can tell an engine-side failure (worth a retry) from the others.
 */
export class CleanupError extends AggregateError {
  constructor(
    readonly failures: string[],
    causes: unknown[] = [],
  ) {
    super(causes, failures.join('; '));
    this.name = 'CleanupError';
  }
}

/**
 * The sandbox is not what the plan said: the engine made a container that differs from the plan, or the self-check
 * inside it found something else. The command does not run (or is stopped at once); exit 125.
 */
export class SandboxError extends Error {
  constructor(readonly problems: string[]) {
    super(`the sandbox is not what the plan said, so the command was not run: ${problems.join('; ')}`);
    this.name = 'SandboxError';
  }
}

/** The run was interrupted (SIGINT/SIGTERM); cleanup has run. */
export class InterruptedError extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}; every container, network and volume of the run was removed`);
    this.name = 'InterruptedError';
  }
}

/** What a peer sent cannot be read as its protocol says: a malformed ClientHello, an engine answer over its cap. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/** A Lean file's header names a module that cannot be read. */
export class HeaderError extends Error {
  override name = 'HeaderError';
}

/** sandbox-action itself is broken: an invariant did not hold, or a file of its own install is missing. */
export class InternalError extends Error {
  override name = 'InternalError';
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** `err` as an Error (for stream `destroy`, whose argument must be one); what is not one becomes an InternalError. */
export function asError(err: unknown): Error {
  return err instanceof Error ? err : new InternalError(String(err));
}

/** What failed, by class. Anything not thrown as one of the classes above is a bug: `internal`. */
export type ErrorKind = 'input' | 'engine' | 'sandbox' | 'interrupted' | 'internal';

export function errorKind(err: unknown): ErrorKind {
  if (err instanceof InputError || err instanceof HeaderError) return 'input';
  if (
    err instanceof EngineError ||
    err instanceof RegistryError ||
    err instanceof CleanupError ||
    err instanceof ProtocolError
  )
    return 'engine';
  if (err instanceof SandboxError) return 'sandbox';
  if (err instanceof InterruptedError) return 'interrupted';
  return 'internal';
}

/**
 * How a command's exit code is made:
 * - `mirror` (`run`, `exec`, `shell`): as `docker run`, the sandboxed command's own code when it ran (124 timed out,
 *   137 OOM-killed, see verdict/status.ts); 125 when sandbox-action failed, bad input included.
 * - `landrun` (comparator's sandbox hook): the step's own code; 2 a request refused; 125 the step could not be run.
 * - `plain` (every other subcommand, and the action's jobs): 0 done, 1 failed, 2 bad input.
 */
export type CommandKind = 'mirror' | 'landrun' | 'plain';

/** 128 + the signal's number, as a shell reports a process the signal ended. */
export const SIGNAL_EXIT: Readonly<Record<string, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

/** `signal`: 128 + the interrupting signal (SIGNAL_EXIT; 130 for one not listed). */
export type ExitRule = number | 'signal';

/** The one table: error kind × command kind → exit code. */
export const EXIT_CODES: Readonly<Record<CommandKind, Readonly<Record<ErrorKind, ExitRule>>>> = {
  mirror: { input: 125, engine: 125, sandbox: 125, interrupted: 'signal', internal: 125 },
  landrun: { input: 2, engine: 125, sandbox: 125, interrupted: 'signal', internal: 125 },
  plain: { input: 2, engine: 1, sandbox: 1, interrupted: 1, internal: 1 },
};

/** A `plain` command that ran and did not succeed (a check refused, a removal left something). */
export const FAILED_EXIT = 1;

/** The exit code of a command of `kind` that failed with `err`. */
export function exitCodeFor(kind: CommandKind, err: unknown): number {
  const rule = EXIT_CODES[kind][errorKind(err)];
  if (rule !== 'signal') return rule;
  return err instanceof InterruptedError ? (SIGNAL_EXIT[err.signal] ?? 130) : 130;
}

/** The exit code of a command of `kind` whose input could not be read, whatever was thrown while reading it. */
export function inputExitCode(kind: CommandKind): number {
  const rule = EXIT_CODES[kind].input;
  return rule === 'signal' ? 130 : rule;
}
