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
import { copyEntry, O_CREATE_NEW, type EntrySource } from './dest-writer.js';
import type { DeclaredOutput, OutputsReport } from './report.js';
import { TarPass } from './tar-pass.js';

export {
  CAP_REASONS,
  LIST_LIMIT,
  SKIP_LIST_PER_REASON,
  emptyOutputs,
  type CollectedFile,
  type DeclaredOutput,
  type OutputsReport,
  type SkippedEntry,
} from './report.js';

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
 * Stream the tar into `dest` (already prepared, empty). `top` is the archive's top folder name (`output`). One
 * pass (src/outputs/tar-pass.ts) decides each entry in the archive's order.
 */
export async function collectTar(
  tarStream: Readable,
  dest: string,
  top: string,
  caps: OutputCaps,
  declaredPlan: DeclaredPlan = { paths: [], reservedBytes: 0 },
): Promise<OutputsReport> {
  const pass = new TarPass(dest, top, caps, declaredPlan);
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => pass.entry(header, stream, next));
  await new Promise<void>((resolve, reject) => {
    tarStream.on('error', reject);
    extract.on('error', reject);
    extract.on('finish', resolve);
    tarStream.pipe(extract);
  });
  return pass.finish();
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
