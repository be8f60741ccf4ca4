/**
 * Collect /output: read one tar stream from the engine and write regular files into a fresh directory.
 * Never opens a path inside the volume on the host, never follows a link, never writes outside `dest`.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import type { OutputCaps } from '../config/run-options.js';
import { decide, type FilterState, type SkipReason } from './filter.js';

export interface CollectedFile {
  path: string;
  size: number;
}
export interface SkippedEntry {
  path: string;
  reason: SkipReason;
  detail?: string;
}
export interface OutputsReport {
  collected: boolean;
  dir: string | null;
  files: number;
  bytes: number;
  /** Written files (the first `LIST_LIMIT`; `files` counts all). */
  written: CollectedFile[];
  /** Skipped entries (the first `LIST_LIMIT`; `skippedCount` counts all). */
  skipped: SkippedEntry[];
  skippedCount: number;
  skippedByReason: Partial<Record<SkipReason, number>>;
}

export const LIST_LIMIT = 10_000;

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
  };
}

/** The output directory must not exist, or be an empty directory (not a link). Creates it. */
export async function prepareOutputDir(dir: string): Promise<void> {
  const st = await fsp.lstat(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  if (st === null) {
    await fsp.mkdir(dir, { recursive: true, mode: 0o755 });
    return;
  }
  if (!st.isDirectory()) throw new Error(`'${dir}' exists and is not a directory`);
  if ((await fsp.readdir(dir)).length > 0) throw new Error(`'${dir}' exists and is not empty`);
}

const O_CREATE_NEW =
  fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW;

/**
 * Stream the tar into `dest` (already prepared, empty). `top` is the archive's top folder name (`output`).
 */
export async function collectTar(
  tarStream: Readable,
  dest: string,
  top: string,
  caps: OutputCaps,
): Promise<OutputsReport> {
  const report = emptyOutputs(dest);
  report.collected = true;
  const state: FilterState = { files: 0, bytes: 0 };
  const madeDirs = new Set<string>(['']);
  const skip = (s: SkippedEntry) => {
    report.skippedCount++;
    report.skippedByReason[s.reason] = (report.skippedByReason[s.reason] ?? 0) + 1;
    if (report.skipped.length < LIST_LIMIT) report.skipped.push(s);
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

  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const d = decide(
      { name: header.name, type: header.type ?? 'file', size: header.size ?? 0, mode: header.mode ?? 0o644 },
      top,
      caps,
      state,
    );
    const drainThen = (after: () => void) => {
      stream.on('end', after);
      stream.resume();
    };
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
    const abs = path.join(dest, d.path);
    const dir = path.posix.dirname(d.path);
    ensureDir(dir === '.' ? '' : dir)
      .then(() => fsp.open(abs, O_CREATE_NEW, d.mode))
      .then(
        async (fh) => {
          try {
            await pipeline(stream, fh.createWriteStream({ autoClose: false }));
            if (header.mtime) await fh.utimes(header.mtime, header.mtime);
          } finally {
            await fh.close();
          }
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
      .catch((err: unknown) => next(err as Error));
  });
  await pipeline(tarStream, extract);
  return report;
}
