/** What a run created, removed newest first; a failing step does not stop the others. */
import { errorMessage } from '../config/errors.js';

export class Cleanup {
  private steps: { what: string; fn: () => Promise<void> }[] = [];

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

  /** Run every step, newest first. Returns the failures, one line each. */
  async run(): Promise<string[]> {
    const failures: string[] = [];
    while (this.steps.length) {
      const s = this.steps.pop()!;
      try {
        await s.fn();
      } catch (err) {
        failures.push(`${s.what}: ${errorMessage(err)}`);
      }
    }
    return failures;
  }
}
