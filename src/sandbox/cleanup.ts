/** What a run created, removed newest first; a failing step does not stop the others. */
import { EngineError, errorMessage } from '../config/errors.js';

interface Step {
  what: string;
  fn: () => Promise<void>;
}

export class Cleanup {
  private steps: Step[] = [];

  add(what: string, fn: () => Promise<void>): void {
    this.steps.push({ what, fn });
  }

  /**
   * Run the steps `which` selects, newest first, and forget the others: a session keeps what it made (its
   * container, volumes, network) and closes only its handles (attach streams) when the command that made it ends.
   */
  async runOnly(which: (what: string) => boolean): Promise<string[]> {
    this.steps = this.steps.filter((s) => which(s.what));
    return this.run();
  }

  /**
   * Run every step, newest first. Returns the failures, one line each. With `retry`, a step that failed on the
   * engine's side (it did not answer, or answered 5xx: a restart under the run, its database closed) runs again
   * each second while the engine answers, until it succeeds or `withinMs` has passed. Every step can run twice:
   * removing what is gone already is no failure.
   */
  async run(o: { retry?: { ping: () => Promise<boolean>; withinMs: number; everyMs?: number } } = {}) {
    let failed = await this.pass(this.steps.reverse());
    this.steps = [];
    const r = o.retry;
    if (r) {
      const until = Date.now() + r.withinMs;
      while (failed.some((f) => engineSide(f.err)) && Date.now() < until) {
        await new Promise((res) => setTimeout(res, r.everyMs ?? 1000));
        if (!(await r.ping())) continue;
        const again = failed.filter((f) => engineSide(f.err));
        failed = [
          ...failed.filter((f) => !engineSide(f.err)),
          ...(await this.pass(again.map((f) => f.step))),
        ];
      }
      failed = failed.map((f) =>
        engineSide(f.err)
          ? { ...f, line: `${f.line} (\`sandbox-action gc\` removes it once the engine answers again)` }
          : f,
      );
    }
    return failed.map((f) => f.line);
  }

  private async pass(steps: Step[]): Promise<{ step: Step; err: unknown; line: string }[]> {
    const failed: { step: Step; err: unknown; line: string }[] = [];
    for (const s of steps) {
      try {
        await s.fn();
      } catch (err) {
        failed.push({ step: s, err, line: `${s.what}: ${errorMessage(err)}` });
      }
    }
    return failed;
  }
}

/** A failure on the engine's side: no answer, or a 5xx (an AggregateError when any of its causes is one). */
export function engineSide(err: unknown): boolean {
  if (err instanceof AggregateError) return err.errors.some(engineSide);
  return err instanceof EngineError && (err.statusCode === undefined || err.statusCode >= 500);
}
