/**
 * Errors that reach the user as one line. Each says what went wrong and what to do about it.
 * The doors (CLI, action) turn them into exit codes; nothing below them exits the process.
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

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
