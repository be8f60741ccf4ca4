/** The result of a run: one JSON object (`--json`), also the action's result file. */
import type { Loosened } from '../config/run-options.js';
import type { EgressReport } from '../egress/ledger.js';
import type { AuditReport } from './audit.js';
import type { OutputsReport } from '../outputs/collect.js';
import type { Annotation } from '../report/parsers/types.js';
import type { RunStatus } from './plan.js';

export const RESULT_SCHEMA_VERSION = 1;

export interface VolumeReport {
  mount: string;
  sizeBytes: number;
  backend: string;
  enforced: boolean;
}

export interface RunResult {
  schemaVersion: typeof RESULT_SCHEMA_VERSION;
  runId: string;
  status: RunStatus;
  /** The exit code of `run`: the command's own, 124 timed out, 137 OOM-killed, 125 sandbox-action failed. */
  exitCode: number;
  /** What the command itself exited with (null when it never ran). */
  commandExitCode: number | null;
  durationMs: number;
  image: { ref: string; id: string | null };
  engine: { name: string; version: string; runtime: string };
  user: string;
  /** none, proxy or open. */
  network: string;
  /** --network proxy: hosts contacted with bytes, refusals with reasons, audit suggestions. */
  egress: EgressReport | null;
  limits: {
    timeoutMs: number;
    memoryBytes: number;
    memorySwapBytes: number;
    cpus: number;
    pids: number;
    nofile: number;
    fsizeBytes: number;
    tmpSizeBytes: number;
    readOnlyRoot: boolean;
    capabilities: string[];
    noNewPrivileges: boolean;
  };
  volumes: VolumeReport[];
  loosened: Loosened[];
  /** Things the host could not provide as asked, and other facts worth a line. */
  notes: string[];
  outputs: OutputsReport;
  /** /state as kept for the next run (null without --state-dir). */
  state: {
    dir: string;
    files: number;
    bytes: number;
    skippedCount: number;
    skippedByReason: OutputsReport['skippedByReason'];
  } | null;
  /** Annotations parsed with --annotate (at most 10,000), and how many were dropped (outside the repository, or over). */
  annotations: Annotation[];
  annotationsDropped: number;
  /** --audit-target: the proof audit's verdict per target (null without an audit). */
  audit: AuditReport | null;
  /** Where the time went, in milliseconds: before start, the command, collection, cleanup. */
  timings: { prepareMs: number; commandMs: number; collectMs: number; cleanupMs: number };
  logTruncated: boolean;
  logBytes: { shown: number; dropped: number };
  error?: string;
}
