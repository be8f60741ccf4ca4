/**
 * Collect /output: read one tar stream from the engine and write regular files into a fresh directory.
 * Never opens a path inside the volume on the host, never follows a link, never writes outside `dest`.
 */
import { InputError, asError } from '../config/errors.js';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import tar from 'tar-stream';
import type { OutputCaps } from '../config/run-options.js';
import { decide, safeRelativePath, type FilterState, type SkipReason } from './filter.js';

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

const CAP_REASONS: SkipReason[] = ['file-count-cap', 'total-size-cap', 'file-too-large'];

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

/** The output directory must not exist, or be an empty directory (not a link). Creates it. */
export async function prepareOutputDir(dir: string, input: string): Promise<void> {
  const st = await fsp.lstat(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  if (st === null) {
    await fsp.mkdir(dir, { recursive: true, mode: 0o755 });
    return;
  }
  if (!st.isDirectory()) throw new InputError(input, `'${dir}' exists and is not a directory`);
  if ((await fsp.readdir(dir)).length > 0) throw new InputError(input, `'${dir}' exists and is not empty`);
}

interface EntrySource {
  on(event: 'data', fn: (chunk: Buffer) => void): unknown;
  on(event: 'end', fn: () => void): unknown;
  on(event: 'error', fn: (err: Error) => void): unknown;
}

/**
 * Copy one tar entry into an open file descriptor with synchronous writes, then close it. Measured here: the
 * fastest of fs streams, batched async writev and sync writes (no thread-pool round trip per chunk); a write
 * blocks the event loop for the time of one chunk only. tar-stream's entries are streamx streams, which Node's
 * pipeline() does not settle on, so the entry is read by events.
 */
function copyEntry(entry: EntrySource, fd: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      fs.closeSync(fd);
      reject(err);
    };
    entry.on('error', fail);
    entry.on('data', (chunk) => {
      if (failed) return;
      try {
        for (let off = 0; off < chunk.length;) off += fs.writeSync(fd, chunk, off);
      } catch (err) {
        fail(asError(err));
      }
    });
    entry.on('end', () => {
      if (failed) return;
      fs.closeSync(fd);
      resolve();
    });
  });
}

const O_CREATE_NEW =
  fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW;

/**
 * The declared files (`--output PATH`, a preset's outputs, the expected files): collected in the same single pass,
 * from the same tar of /output, so a file reached through a linked folder is never read (the tar does not follow
 * links). They are outside the count cap, and `reservedBytes` of the total is kept for them, so no number or size of
 * other files can crowd them out (threat model 19).
 */
export interface DeclaredPlan {
  paths: string[];
  reservedBytes: number;
}

/** The bytes to keep for the declared files: each one's size as the engine stats it, within the caps. */
export function reserveFor(sizes: (number | null)[], caps: OutputCaps): number {
  const sum = sizes.reduce<number>((n, s) => n + (s === null ? 0 : Math.min(s, caps.maxFileBytes)), 0);
  return Math.min(sum, caps.maxTotalBytes);
}

/**
 * Stream the tar into `dest` (already prepared, empty). `top` is the archive's top folder name (`output`).
 */
export async function collectTar(
  tarStream: Readable,
  dest: string,
  top: string,
  caps: OutputCaps,
  declaredPlan: DeclaredPlan = { paths: [], reservedBytes: 0 },
): Promise<OutputsReport> {
  const report = emptyOutputs(dest);
  report.collected = true;
  const state: FilterState = { files: 0, bytes: 0 };
  // The other files share what the declared ones do not keep; a declared file may also use what the others left.
  const otherCaps = { ...caps, maxTotalBytes: Math.max(0, caps.maxTotalBytes - declaredPlan.reservedBytes) };
  const wanted = new Set(declaredPlan.paths);
  const fate = new Map<string, DeclaredOutput>();
  const declaredWritten: CollectedFile[] = [];
  let declaredBytes = 0;
  const madeDirs = new Set<string>(['']);
  const skip = (s: SkippedEntry) => {
    report.skippedCount++;
    report.skippedByReason[s.reason] = (report.skippedByReason[s.reason] ?? 0) + 1;
    // Listed per reason up to a bound, so ten thousand capped files cannot hide the one hostile link.
    if (report.skippedByReason[s.reason]! <= SKIP_LIST_PER_REASON && report.skipped.length < LIST_LIMIT) {
      report.skipped.push(s);
    }
  };
  const ensureDir = async (rel: string) => {
    if (madeDirs.has(rel)) return;
    await ensureDir(path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel));
    const abs = path.join(dest, rel);
    try {
      await fsp.mkdir(abs, { mode: 0o755 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const st = await fsp.lstat(abs);
      if (!st.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    }
    madeDirs.add(rel);
  };
  const writeFile = (rel: string, mode: number, stream: unknown, mtime: Date | undefined) => {
    const abs = path.join(dest, rel);
    const dir = path.posix.dirname(rel);
    return ensureDir(dir === '.' ? '' : dir)
      .then(() => fs.openSync(abs, O_CREATE_NEW, mode))
      .then(async (fd) => {
        await copyEntry(stream as EntrySource, fd);
        // Only this process writes below dest, and lutimes never follows a link.
        if (mtime) await fsp.lutimes(abs, mtime, mtime);
      });
  };

  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const entry = {
      name: header.name,
      type: header.type ?? 'file',
      size: header.size ?? 0,
      mode: header.mode ?? 0o644,
    };
    const drainThen = (after: () => void) => {
      stream.on('end', after);
      stream.resume();
    };
    const rel = safeRelativePath(header.name, top);
    // A declared path that is a folder is not the file asked for; the folder is made as any other.
    if (rel && wanted.has(rel) && entry.type === 'directory') {
      fate.set(rel, { path: rel, status: 'not-a-regular-file', size: null });
    }
    if (rel && wanted.has(rel) && !fate.has(rel)) {
      // A declared file: not counted by the count cap; within its file cap and what the total keeps for it.
      const room = Math.max(declaredPlan.reservedBytes, caps.maxTotalBytes - state.bytes) - declaredBytes;
      const d = decide(
        entry,
        top,
        { ...caps, maxFiles: Number.MAX_SAFE_INTEGER, maxTotalBytes: room },
        { files: 0, bytes: 0 },
      );
      if (d.action !== 'write-file') {
        const status =
          d.action === 'skip' && d.reason === 'file-too-large'
            ? 'too-large'
            : d.action === 'skip' && d.reason === 'total-size-cap'
              ? 'total-size-cap'
              : 'not-a-regular-file';
        fate.set(rel, { path: rel, status, size: entry.type === 'file' ? entry.size : null });
        if (d.action === 'skip')
          skip({ path: d.path, reason: d.reason, ...(d.detail ? { detail: d.detail } : {}) });
        return drainThen(next);
      }
      declaredBytes += d.size;
      writeFile(d.path, d.mode, stream, header.mtime).then(
        () => {
          fate.set(rel, { path: rel, status: 'collected', size: d.size });
          declaredWritten.push({ path: rel, size: d.size });
          next();
        },
        (err: unknown) => next(asError(err)),
      );
      return;
    }
    const d = decide(entry, top, otherCaps, state);
    if (d.action === 'skip') {
      skip({ path: d.path, reason: d.reason, ...(d.detail ? { detail: d.detail } : {}) });
      drainThen(next);
      return;
    }
    if (d.action === 'root') return drainThen(next);
    if (d.action === 'make-dir') {
      ensureDir(d.path).then(
        () => drainThen(next),
        () => {
          skip({ path: d.path, reason: 'duplicate' });
          drainThen(next);
        },
      );
      return;
    }
    // A regular file: count it against the caps before writing, so a failure cannot exceed them.
    state.files++;
    state.bytes += d.size;
    writeFile(d.path, d.mode, stream, header.mtime)
      .then(
        () => {
          report.files++;
          report.bytes += d.size;
          if (report.written.length < LIST_LIMIT) report.written.push({ path: d.path, size: d.size });
          next();
        },
        () => {
          state.files--;
          state.bytes -= d.size;
          skip({ path: d.path, reason: 'duplicate' });
          drainThen(next);
        },
      )
      .catch((err: unknown) => next(asError(err)));
  });
  await new Promise<void>((resolve, reject) => {
    tarStream.on('error', reject);
    extract.on('error', reject);
    extract.on('finish', resolve);
    tarStream.pipe(extract);
  });
  report.files += declaredWritten.length;
  report.bytes += declaredBytes;
  report.written.unshift(...declaredWritten);
  if (report.written.length > LIST_LIMIT) report.written.length = LIST_LIMIT;
  report.declared = declaredPlan.paths.map((p) => fate.get(p) ?? { path: p, status: 'missing', size: null });
  report.droppedByCaps = CAP_REASONS.reduce((n, r) => n + (report.skippedByReason[r] ?? 0), 0);
  report.truncated = report.droppedByCaps > 0;
  return report;
}

/**
 * Files one archive each (a session's `cp ID:/output/FILE`). The engine follows links in an archived path's
 * parents: the caller must first have checked, with the engine's stat, that every parent is a real folder. Each
 * must be a regular file within the per-file and total caps; a link, a directory or a missing path is not
 * collected and says so.
 */
export async function collectFiles(
  getArchive: (absPath: string) => Promise<Readable | null>,
  root: string,
  dest: string,
  paths: string[],
  caps: OutputCaps,
): Promise<{ declared: DeclaredOutput[]; bytes: number }> {
  const declared: DeclaredOutput[] = [];
  let bytes = 0;
  for (const rel of paths) {
    const stream = await getArchive(`${root}/${rel}`);
    if (!stream) {
      declared.push({ path: rel, status: 'missing', size: null });
      continue;
    }
    try {
      const r = await writeSingleFile(stream, path.posix.basename(rel), path.join(dest, rel), (size) =>
        size > caps.maxFileBytes ? 'too-large' : bytes + size > caps.maxTotalBytes ? 'total-size-cap' : null,
      );
      if (r.status === 'collected') bytes += r.size ?? 0;
      declared.push({ path: rel, ...r });
    } finally {
      if (!stream.readableEnded) stream.destroy();
    }
  }
  return { declared, bytes };
}

/** The one entry of a single-path archive, written to `target` when it is a regular file within its cap. */
function writeSingleFile(
  tarStream: Readable,
  name: string,
  target: string,
  refuse: (size: number) => 'too-large' | 'total-size-cap' | null,
): Promise<Omit<DeclaredOutput, 'path'>> {
  let result: Omit<DeclaredOutput, 'path'> = { status: 'missing', size: null };
  let seen = false;
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const first = !seen;
    seen = true;
    const drain = () => {
      stream.on('end', next);
      stream.resume();
    };
    if (!first || header.name.replace(/\/+$/, '') !== name) return drain();
    const size = header.size ?? 0;
    if (header.type !== 'file') {
      result = { status: 'not-a-regular-file', size: null };
      return drain();
    }
    const why = refuse(size);
    if (why) {
      result = { status: why, size };
      return drain();
    }
    fsp
      .mkdir(path.dirname(target), { recursive: true, mode: 0o755 })
      .then(() => fs.openSync(target, O_CREATE_NEW, header.mode && header.mode & 0o100 ? 0o755 : 0o644))
      .then((fd) => copyEntry(stream as unknown as EntrySource, fd))
      .then(
        () => {
          result = { status: 'collected', size };
          next();
        },
        (err: unknown) => next(asError(err)),
      );
  });
  return new Promise((resolve, reject) => {
    tarStream.on('error', reject);
    extract.on('error', reject);
    extract.on('finish', () => resolve(result));
    tarStream.pipe(extract);
  });
}
