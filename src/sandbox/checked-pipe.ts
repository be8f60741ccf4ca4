/**
 * The sandbox's log pipe with its self-check judged on the trusted side, for a run (stages/sandbox.ts) and a
 * session's exec (session/command.ts) alike. The first line's facts are judged against what the plan expects. The
 * script refuses these itself; the trusted side does not rely on it: a problem, or a log the pipe refuses, stops
 * the command at once (`kill`) and ends the run.
 */
import type { SandboxCheck } from '../verdict/schema.js';
import { type Capture, LogCopy, LogPipe } from './log-pipe.js';
import type { LogStream } from './logs.js';
import type { RunContext } from './run-context.js';
import { SandboxError } from '../config/errors.js';
import { judgeSelfCheck, parseSelfCheckLine, type SelfCheckExpect } from './self-check.js';

/** A copy of the log is kept (for --log-file) up to this size. */
export const LOG_COPY_CAP = 16 * 1024 * 1024;

/** The --log-file copy, closed with the run; null without --log-file. */
export function openLogCopy(ctx: RunContext): LogCopy | null {
  if (!ctx.spec.io.logFile) return null;
  const c = new LogCopy(ctx.spec.io.logFile, LOG_COPY_CAP);
  ctx.cleanup.add('close the log copy', async () => c.close());
  return c;
}

export function checkedLogPipe(
  ctx: RunContext,
  logs: LogStream,
  o: {
    capture: Capture | null;
    copy: LogCopy | null;
    expect: SelfCheckExpect | null;
    deadEndGateways: string[];
    /** Where the self-check's outcome is recorded. */
    check: SandboxCheck;
    kill(): Promise<unknown>;
    /** Sees the self-check's facts (null: no line came) before they are judged. */
    onFacts?(facts: Record<string, string> | null): void;
  },
): LogPipe {
  const { expect } = o;
  const stop = (err: unknown) => {
    void o.kill().catch(() => undefined);
    ctx.raise(err);
  };
  return new LogPipe(logs, {
    capture: o.capture,
    copy: o.copy,
    onSelfCheck: expect
      ? (line) => {
          const facts = line === null ? null : parseSelfCheckLine(line);
          o.onFacts?.(facts);
          const problems = judgeSelfCheck(facts, expect, o.deadEndGateways);
          o.check.selfCheck = { ok: problems.length === 0, facts: facts ?? {}, problems };
          if (problems.length) stop(new SandboxError(problems));
        }
      : null,
    raise: stop,
  });
}
