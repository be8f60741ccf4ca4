/**
 * When the proxy may leave after SIGTERM: once nothing is open that could still write a ledger line, or after the
 * grace at the latest. Every exchange writes its line when its sockets close (or its name lookup settles), so the
 * proxy waits while any socket, server, lookup or pending write is still open; what is left when all of that is
 * gone (its own stdout and stderr, timers, signal handlers) writes no line. A kind not known here keeps it waiting
 * until the grace: leaving early is only ever a matter of speed, never of a line lost.
 */

/** Resource kinds (`process.getActiveResourcesInfo()`) that write no ledger line. */
export const IDLE_KINDS: ReadonlySet<string> = new Set([
  'PipeWrap',
  'TTYWrap',
  'Timeout',
  'Immediate',
  'SignalWrap',
]);

export function nothingOpen(kinds: readonly string[]): boolean {
  return kinds.every((k) => IDLE_KINDS.has(k));
}

/**
 * Calls `leave` once nothing is open (checked every `everyMs`, first after the current I/O callbacks have run) or
 * when `graceMs` has passed, whichever comes first. Its own timers keep the process alive until then (so it never
 * ends without `leave`), and are idle kinds.
 */
export function leaveWhenIdle(
  leave: () => void,
  o: { graceMs: number; everyMs?: number; resources?: () => string[]; now?: () => number },
): void {
  const resources = o.resources ?? (() => process.getActiveResourcesInfo());
  const now = o.now ?? Date.now;
  const until = now() + o.graceMs;
  const check = () => {
    if (nothingOpen(resources()) || now() >= until) leave();
    else setTimeout(check, o.everyMs ?? 2);
  };
  setImmediate(check);
}
