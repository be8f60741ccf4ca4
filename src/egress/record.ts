/**
 * The proxy's ledger line, built in one place: every path (CONNECT, absolute-form HTTP, secret routes, transparent
 * TLS and HTTP, DNS) gives where the exchange came from and what was decided, and gets the same fields in the same
 * order, with no bytes and no address unless it says so.
 */
import type { DecisionRecord } from './core.js';

/** What a path decided, and what it knows beyond the exchange's origin (its address, bytes, an error). */
export type DecisionFields = Partial<DecisionRecord> & Pick<DecisionRecord, 'decision' | 'reason'>;

/** Where a line comes from: the exchange's kind, host and port as first read, and when it started. */
export interface RecordOrigin {
  kind: DecisionRecord['kind'];
  host: string;
  port: number;
  /** Date.now() when the exchange began: the line's time, and its duration up to now. */
  started: number;
}

export function decisionRecord(at: RecordOrigin, f: DecisionFields): DecisionRecord {
  return {
    time: f.time ?? new Date(at.started).toISOString(),
    kind: f.kind ?? at.kind,
    host: f.host ?? at.host,
    port: f.port ?? at.port,
    address: f.address ?? null,
    decision: f.decision,
    reason: f.reason,
    ...(f.detail !== undefined ? { detail: f.detail } : {}),
    ...(f.error !== undefined ? { error: f.error } : {}),
    bytesUp: f.bytesUp ?? 0,
    bytesDown: f.bytesDown ?? 0,
    durationMs: f.durationMs ?? Date.now() - at.started,
  };
}

/** The writer of one exchange's line: the first call writes it, later ones nothing. */
export function onceRecorder(
  log: (r: DecisionRecord) => void,
  at: RecordOrigin,
): (f: DecisionFields) => void {
  let logged = false;
  return (f) => {
    if (logged) return;
    logged = true;
    log(decisionRecord(at, f));
  };
}

/** An exchange refused the moment it arrived (a protocol upgrade, a CONNECT on the wrong port, a DNS name). */
export function instantRefusal(
  at: Omit<RecordOrigin, 'started'>,
  f: Omit<DecisionFields, 'decision'>,
): DecisionRecord {
  return decisionRecord({ ...at, started: Date.now() }, { ...f, decision: 'deny', durationMs: 0 });
}
