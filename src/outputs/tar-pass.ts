/**
 * One pass over the tar of /output, entry by entry in the archive's order: each entry is decided by the pure
 * filter (src/outputs/filter.ts) against the caps, then written below `dest` or skipped with its reason. The
 * declared files (`--output PATH`, a preset's outputs) are decided against their own reserve and outside the count
 * cap, so no number or size of other files can crowd them out (threat model 19).
 */
import type tar from 'tar-stream';
import { asError } from '../config/errors.js';
import type { OutputCaps } from '../config/run-options.js';
import type { DeclaredPlan } from './collect.js';
import {
  CAP_REASONS,
  LIST_LIMIT,
  SKIP_LIST_PER_REASON,
  emptyOutputs,
  type CollectedFile,
  type DeclaredOutput,
  type OutputsReport,
  type SkippedEntry,
} from './report.js';
import { DestWriter, type EntrySource } from './dest-writer.js';
import { decide, safeRelativePath, type FilterState } from './filter.js';

type Next = (err?: Error | null) => void;
interface Entry {
  name: string;
  type: string;
  size: number;
  mode: number;
}

export class TarPass {
  private readonly report: OutputsReport;
  private readonly state: FilterState = { files: 0, bytes: 0 };
  /** The other files share what the declared ones do not keep; a declared file may also use what the others left. */
  private readonly otherCaps: OutputCaps;
  private readonly wanted: Set<string>;
  private readonly fate = new Map<string, DeclaredOutput>();
  private readonly declaredWritten: CollectedFile[] = [];
  private declaredBytes = 0;
  private readonly writer: DestWriter;

  constructor(
    dest: string,
    private readonly top: string,
    private readonly caps: OutputCaps,
    private readonly declaredPlan: DeclaredPlan,
  ) {
    this.report = emptyOutputs(dest);
    this.report.collected = true;
    this.otherCaps = { ...caps, maxTotalBytes: Math.max(0, caps.maxTotalBytes - declaredPlan.reservedBytes) };
    this.wanted = new Set(declaredPlan.paths);
    this.writer = new DestWriter(dest);
  }

  entry(header: tar.Header, entryStream: { resume(): unknown }, next: Next): void {
    // tar-stream's entries are streamx streams: read by events (see copyEntry).
    const stream = entryStream as unknown as EntrySource & { resume(): unknown };
    const entry: Entry = {
      name: header.name,
      type: header.type ?? 'file',
      size: header.size ?? 0,
      mode: header.mode ?? 0o644,
    };
    const drainThen = (after: () => void) => {
      stream.on('end', after);
      stream.resume();
    };
    const rel = safeRelativePath(header.name, this.top);
    // A declared path that is a folder is not the file asked for; the folder is made as any other.
    if (rel && this.wanted.has(rel) && entry.type === 'directory') {
      this.fate.set(rel, { path: rel, status: 'not-a-regular-file', size: null });
    }
    if (rel && this.wanted.has(rel) && !this.fate.has(rel)) {
      this.declared(rel, entry, header.mtime, stream, next, drainThen);
    } else {
      this.other(entry, header.mtime, stream, next, drainThen);
    }
  }

  /** A declared file: not counted by the count cap; within its file cap and what the total keeps for it. */
  private declared(
    rel: string,
    entry: Entry,
    mtime: Date | undefined,
    stream: EntrySource,
    next: Next,
    drainThen: (after: () => void) => void,
  ): void {
    const room =
      Math.max(this.declaredPlan.reservedBytes, this.caps.maxTotalBytes - this.state.bytes) -
      this.declaredBytes;
    const d = decide(
      entry,
      this.top,
      { ...this.caps, maxFiles: Number.MAX_SAFE_INTEGER, maxTotalBytes: room },
      { files: 0, bytes: 0 },
    );
    if (d.action !== 'write-file') {
      const status =
        d.action === 'skip' && d.reason === 'file-too-large'
          ? 'too-large'
          : d.action === 'skip' && d.reason === 'total-size-cap'
            ? 'total-size-cap'
            : 'not-a-regular-file';
      this.fate.set(rel, { path: rel, status, size: entry.type === 'file' ? entry.size : null });
      if (d.action === 'skip')
        this.skip({ path: d.path, reason: d.reason, ...(d.detail ? { detail: d.detail } : {}) });
      return drainThen(next);
    }
    this.declaredBytes += d.size;
    this.writer.file(d.path, d.mode, stream, mtime).then(
      () => {
        this.fate.set(rel, { path: rel, status: 'collected', size: d.size });
        this.declaredWritten.push({ path: rel, size: d.size });
        next();
      },
      (err: unknown) => next(asError(err)),
    );
  }

  /** Any other entry: decided against the caps the declared files left. */
  private other(
    entry: Entry,
    mtime: Date | undefined,
    stream: EntrySource,
    next: Next,
    drainThen: (after: () => void) => void,
  ): void {
    const d = decide(entry, this.top, this.otherCaps, this.state);
    if (d.action === 'skip') {
      this.skip({ path: d.path, reason: d.reason, ...(d.detail ? { detail: d.detail } : {}) });
      return drainThen(next);
    }
    if (d.action === 'root') return drainThen(next);
    if (d.action === 'make-dir') {
      this.writer.dir(d.path).then(
        () => drainThen(next),
        () => {
          this.skip({ path: d.path, reason: 'duplicate' });
          drainThen(next);
        },
      );
      return;
    }
    // A regular file: count it against the caps before writing, so a failure cannot exceed them.
    this.state.files++;
    this.state.bytes += d.size;
    this.writer
      .file(d.path, d.mode, stream, mtime)
      .then(
        () => {
          this.report.files++;
          this.report.bytes += d.size;
          if (this.report.written.length < LIST_LIMIT)
            this.report.written.push({ path: d.path, size: d.size });
          next();
        },
        () => {
          this.state.files--;
          this.state.bytes -= d.size;
          this.skip({ path: d.path, reason: 'duplicate' });
          drainThen(next);
        },
      )
      .catch((err: unknown) => next(asError(err)));
  }

  private skip(s: SkippedEntry): void {
    const r = this.report;
    r.skippedCount++;
    r.skippedByReason[s.reason] = (r.skippedByReason[s.reason] ?? 0) + 1;
    // Listed per reason up to a bound, so ten thousand capped files cannot hide the one hostile link.
    if (r.skippedByReason[s.reason]! <= SKIP_LIST_PER_REASON && r.skipped.length < LIST_LIMIT)
      r.skipped.push(s);
  }

  /** The report, once the archive has ended: declared files first, every count and the truncation said. */
  finish(): OutputsReport {
    const r = this.report;
    r.files += this.declaredWritten.length;
    r.bytes += this.declaredBytes;
    r.written.unshift(...this.declaredWritten);
    if (r.written.length > LIST_LIMIT) r.written.length = LIST_LIMIT;
    r.declared = this.declaredPlan.paths.map(
      (p) => this.fate.get(p) ?? { path: p, status: 'missing', size: null },
    );
    r.droppedByCaps = CAP_REASONS.reduce((n, reason) => n + (r.skippedByReason[reason] ?? 0), 0);
    r.truncated = r.droppedByCaps > 0;
    return r;
  }
}
