/** What a run created, removed newest first; a failing step does not stop the others. */
import { errorMessage } from '../config/errors.js';

export class Cleanup {
  private steps: { what: string; fn: () => Promise<void> }[] = [];

  add(what: string, fn: () => Promise<void>): void {
    this.steps.push({ what, fn });
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
