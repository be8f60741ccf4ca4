/**
 * What comparator said, read from its exit code and output. Pure. Not a verdict by itself: the verdict code
 * (src/verdict/) decides; a pass needs exit 0 *and* the ok line.
 *
 * comparator (Main.lean): exit 0 and last stdout line `Your solution is okay!` on success; every failure is
 * exit 1 and `uncaught exception: <message>` on stderr (the message may span several lines).
 * A build's stdio is comparator's own (runSandBoxed inherits it), so a build can print anything into comparator's
 * stdout and stderr. The shim writes each step's stderr between two fence lines carrying a token the step never
 * sees; what lies outside the fences is the judge's own stderr, and only there are `uncaught exception:` read.
 */
import { fenceLine } from './context.js';

export const OK_LINE = 'Your solution is okay!';
const UNCAUGHT = 'uncaught exception: ';

export interface ComparatorOutcome {
  runId: string;
  /** comparator's exit code; null when it did not exit by itself (timeout, interruption, a signal). */
  exitCode: number | null;
  timedOut: boolean;
  /** The last non-empty line of comparator's stdout is `Your solution is okay!`. */
  okLine: boolean;
  /** Each `uncaught exception: …` message of the judge (continuation lines included, prefix removed). */
  uncaught: string[];
  /** comparator's stdout (with what the builds printed there), capped. */
  stdout: string;
  /** comparator's stderr, the steps' fenced stderr included, capped. */
  stderr: string;
  /** comparator's stderr without the steps' fenced parts: only the judge's own lines. */
  judgeStderr: string;
  /** Either stream went past its cap and was cut. */
  truncated: boolean;
}

/** The judge's stderr and each step's, from comparator's stderr with fence lines of `token`. */
export function splitFenced(stderr: string, token: string | null): { judge: string; steps: string[] } {
  if (!token) return { judge: stderr, steps: [] };
  const begin = fenceLine(token, 'begin');
  const end = fenceLine(token, 'end');
  let judge = '';
  const steps: string[] = [];
  let at = 0;
  for (;;) {
    const b = stderr.indexOf(begin, at);
    if (b === -1) {
      judge += stderr.slice(at);
      break;
    }
    judge += stderr.slice(at, b);
    const e = stderr.indexOf(end, b + begin.length);
    // A step cut off before its end fence (comparator killed): the rest is the step's, never the judge's.
    if (e === -1) {
      steps.push(stderr.slice(b + begin.length));
      break;
    }
    steps.push(stderr.slice(b + begin.length, e));
    at = e + end.length;
  }
  return { judge, steps };
}

export function uncaughtMessages(judgeStderr: string): string[] {
  const out: string[] = [];
  let current: string[] | null = null;
  for (const line of judgeStderr.split('\n')) {
    if (line.startsWith(UNCAUGHT)) {
      if (current) out.push(current.join('\n').trimEnd());
      current = [line.slice(UNCAUGHT.length)];
    } else if (current) current.push(line);
  }
  if (current) out.push(current.join('\n').trimEnd());
  return out;
}

export function lastLineIsOk(stdout: string): boolean {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  return lines.at(-1) === OK_LINE;
}

export function readOutcome(o: {
  runId: string;
  exitCode: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  fence: string | null;
  truncated: boolean;
}): ComparatorOutcome {
  const { judge } = splitFenced(o.stderr, o.fence);
  return {
    runId: o.runId,
    exitCode: o.exitCode,
    timedOut: o.timedOut,
    okLine: lastLineIsOk(o.stdout),
    uncaught: uncaughtMessages(judge),
    stdout: o.stdout,
    stderr: o.stderr,
    judgeStderr: judge,
    truncated: o.truncated,
  };
}
