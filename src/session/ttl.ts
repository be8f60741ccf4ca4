/**
 * The idle TTL (pure): a session idle for its TTL is stopped, and a stopped one is removed once it has been stopped
 * (or idle) for its TTL again; a warm sandbox idle for its TTL is removed at once (stopped, it serves nobody; one
 * found stopped is removed after its TTL too).
 * `--keep` opts out of both. Nothing runs in the background: every session command (and `gc`) sweeps.
 */
export interface TtlFacts {
  kind: 'session' | 'warm';
  keep: boolean;
  idleTtlMs: number;
  /** ISO times. */
  lastUsedAt: string;
  stoppedAt: string | null;
  running: boolean;
  /** A command holds it right now (a warm run's lock): never touched then. */
  busy: boolean;
}

export type TtlAction = { action: 'keep' | 'stop' | 'remove'; reason: string };

const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;

export function ttlDecision(s: TtlFacts, now: number): TtlAction {
  if (s.keep) return { action: 'keep', reason: 'kept (--keep)' };
  if (s.busy) return { action: 'keep', reason: 'in use' };
  const last = Date.parse(s.lastUsedAt);
  const idle = now - (Number.isNaN(last) ? 0 : last);
  if (s.running) {
    if (idle < s.idleTtlMs)
      return { action: 'keep', reason: `idle ${minutes(idle)} of ${minutes(s.idleTtlMs)}` };
    return s.kind === 'warm'
      ? { action: 'remove', reason: `warm sandbox idle for ${minutes(idle)} (TTL ${minutes(s.idleTtlMs)})` }
      : { action: 'stop', reason: `idle for ${minutes(idle)} (TTL ${minutes(s.idleTtlMs)})` };
  }
  const stopped = s.stoppedAt ? Date.parse(s.stoppedAt) : NaN;
  const since = now - Math.max(Number.isNaN(stopped) ? 0 : stopped, Number.isNaN(last) ? 0 : last);
  if (since >= s.idleTtlMs) {
    return { action: 'remove', reason: `stopped for ${minutes(since)} (TTL ${minutes(s.idleTtlMs)})` };
  }
  return { action: 'keep', reason: `stopped ${minutes(since)} of ${minutes(s.idleTtlMs)}` };
}
