/** The run's status and exit code, from what happened to the container and what the judges found. */
import type { RunStatus } from './schema.js';

export function decideStatus(e: {
  timedOut: boolean;
  oomKilled: boolean;
  commandExitCode: number | null;
  verdictPassed: boolean;
}): { status: RunStatus; exitCode: number } {
  if (e.timedOut) return { status: 'timed-out', exitCode: 124 };
  if (e.oomKilled) return { status: 'oom-killed', exitCode: 137 };
  if (e.verdictPassed) return { status: 'succeeded', exitCode: 0 };
  // The command's own code when it failed (as docker run mirrors it); 1 when it exited 0 but a judge failed.
  const own = e.commandExitCode;
  return { status: 'failed', exitCode: own !== null && own !== 0 && own !== 125 ? own : 1 };
}
