/**
 * The action's log, one collapsible group per stage of the run (GitHub's groups do not nest: a stage's group ends
 * where the next begins, and the last ends when the run is done). The build's own log is fenced inside its group
 * (logs.ts), so nothing the build prints can end a group or open one.
 */
import type { RunStage } from '../sandbox/execute.js';

export const STAGE_TITLES: Record<RunStage, string> = {
  prepare: 'sandbox-action: prepare (image, engine checks, network, volumes)',
  setup: 'sandbox-action: setup phase',
  command: 'sandbox-action: the sandboxed command',
  collect: 'sandbox-action: collect and judge',
  cleanup: 'sandbox-action: cleanup',
};

export class StageGroups {
  private open: RunStage | null = null;

  constructor(
    private readonly start: (title: string) => void,
    private readonly end: () => void,
  ) {}

  /** A stage begins: the group of the one before ends (the same stage again is one group). */
  stage(s: RunStage): void {
    if (this.open === s) return;
    if (this.open !== null) this.end();
    this.start(STAGE_TITLES[s]);
    this.open = s;
  }

  /** The run is done: its last group ends. */
  close(): void {
    if (this.open !== null) this.end();
    this.open = null;
  }
}
