/**
 * What a collection reports (the result's `outputs`): written and skipped entries, each bounded, the declared files'
 * fates, and whether a cap dropped anything. Shared by the collector's pass and the result.
 */
import type { SkipReason } from './filter.js';

export interface CollectedFile {
  path: string;
  size: number;
}
export interface SkippedEntry {
  path: string;
  reason: SkipReason;
  detail?: string;
}
/** What became of a file the verdict needs (`--output PATH`, a preset's outputs). */
export interface DeclaredOutput {
  path: string;
  status: 'collected' | 'missing' | 'not-a-regular-file' | 'too-large' | 'total-size-cap';
  size: number | null;
}

export interface OutputsReport {
  collected: boolean;
  dir: string | null;
  files: number;
  bytes: number;
  /** Written files (the first `LIST_LIMIT`; `files` counts all). */
  written: CollectedFile[];
  /** Skipped entries (the first `SKIP_LIST_PER_REASON` of each reason; `skippedCount` counts all). */
  skipped: SkippedEntry[];
  skippedCount: number;
  skippedByReason: Partial<Record<SkipReason, number>>;
  /** Declared files, collected first and outside the count cap, each with its fate. */
  declared: DeclaredOutput[];
  /** True when a cap (count, total size or file size) dropped files; `droppedByCaps` says how many. */
  truncated: boolean;
  droppedByCaps: number;
}

export const CAP_REASONS: SkipReason[] = ['file-count-cap', 'total-size-cap', 'file-too-large'];

export const LIST_LIMIT = 10_000;
export const SKIP_LIST_PER_REASON = 1_000;

export function emptyOutputs(dir: string | null = null): OutputsReport {
  return {
    collected: false,
    dir,
    files: 0,
    bytes: 0,
    written: [],
    skipped: [],
    skippedCount: 0,
    skippedByReason: {},
    declared: [],
    truncated: false,
    droppedByCaps: 0,
  };
}
