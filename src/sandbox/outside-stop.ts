/**
 * Whether someone other than the run stopped its sandbox: the engine on a restart or shutdown, or `docker stop` /
 * `docker kill` on the host. The command's exit code is then no verdict of the command (an engine restart gives
 * 143 as if the build had failed), so the run ends as an engine failure (status `error`, exit 125) and says why.
 *
 * The evidence is the engine's own event stream for the container, followed from before its start: the run kills
 * only with SIGKILL and records when it does; any `kill` or `stop` event before that is not the run's. Nothing inside the
 * sandbox can produce or suppress such an event (it has no engine socket), and the rule can only turn a result into
 * an error, never into a success.
 */
import type { Engine, EventFollow } from '../engine/types.js';

/** After the container's exit, how long its `die` event may take to arrive (the kill before it comes first). */
export const DIE_EVENT_GRACE_MS = 1000;

export interface StopEvidence {
  /** The `kill` (with its signal) and `stop` events seen before the run sent a kill of its own. */
  outside: string[];
  /** The `die` event arrived. */
  died: boolean;
  /** The event stream ended before the `die` event (the engine went away). */
  endedEarly: boolean;
}

/** Pure: the reason the exit is no verdict of the command, or null. */
export function outsideStop(e: StopEvidence): string | null {
  if (e.outside.length) {
    const what = [...new Set(e.outside)].join(', ');
    return `the engine stopped the container (${what}, not sent by this run: an engine restart or shutdown, or a stop or kill from the host); the command's exit code says nothing about the command`;
  }
  if (e.endedEarly) {
    return "the engine's event stream ended while the command ran (the engine stopped or restarted); the command's exit code says nothing about the command";
  }
  return null;
}

/** Follows one container's kill and die events; `ours()` marks the moment the run sends its own kill. */
export class StopWatch {
  private kills: string[] = [];
  private ourKill = false;
  private died = false;
  private ended = false;
  private dieSeen: () => void = () => undefined;
  private readonly dieOrEnd: Promise<void>;
  private follow: EventFollow | null = null;

  constructor() {
    this.dieOrEnd = new Promise<void>((r) => (this.dieSeen = r));
  }

  async start(engine: Engine, id: string): Promise<void> {
    // Docker: kill (with its signal), die, then stop. Podman 4.3 sends kill for a kill, but for a stop only die to
    // a follower of one container: an outside `podman stop` is not seen there (docs/engines.md).
    this.follow = await engine.followEvents(id, ['kill', 'stop', 'die'], (e) => {
      if (this.died) return; // what follows the die (Docker's stop) says nothing new
      if (e.action === 'kill' && !this.ourKill)
        this.kills.push(`kill with signal ${e.attributes.signal ?? '?'}`);
      if (e.action === 'stop' && !this.ourKill) this.kills.push('stop');
      if (e.action === 'die') {
        this.died = true;
        this.dieSeen();
      }
    });
    void this.follow.ended.then(() => {
      this.ended = true;
      this.dieSeen();
    });
  }

  /** The run is about to kill the container itself (a timeout, a refused self-check, a stop of the run). */
  ours(): void {
    this.ourKill = true;
  }

  /** The evidence once the `die` event came, the stream ended, or the grace passed after the exit. */
  async evidence(graceMs = DIE_EVENT_GRACE_MS): Promise<StopEvidence> {
    let t: NodeJS.Timeout | undefined;
    await Promise.race([this.dieOrEnd, new Promise((r) => (t = setTimeout(r, graceMs)))]);
    clearTimeout(t);
    return { outside: [...this.kills], died: this.died, endedEarly: this.ended && !this.died };
  }

  close(): void {
    this.follow?.close();
  }
}
