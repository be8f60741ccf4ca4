/**
 * Writing below a collection's destination: files are created new (never opened through a link, never over an
 * existing file), folders made once each. Only the collector writes below `dest`, so what it made is what is there.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { asError } from '../config/errors.js';

export interface EntrySource {
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
export function copyEntry(entry: EntrySource, fd: number): Promise<void> {
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

export const O_CREATE_NEW =
  fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW;

/** Folders and files below `dest`, by path relative to it (POSIX separators, already checked safe). */
export class DestWriter {
  private readonly madeDirs = new Set<string>(['']);

  constructor(private readonly dest: string) {}

  /** The folder and its parents; a non-folder in the way is ENOTDIR. */
  async dir(rel: string): Promise<void> {
    if (this.madeDirs.has(rel)) return;
    await this.dir(parentOf(rel));
    const abs = path.join(this.dest, rel);
    try {
      await fsp.mkdir(abs, { mode: 0o755 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const st = await fsp.lstat(abs);
      if (!st.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    }
    this.madeDirs.add(rel);
  }

  /** A new file with the entry's bytes; fails (EEXIST) if anything is already at its path. */
  async file(rel: string, mode: number, stream: EntrySource, mtime: Date | undefined): Promise<void> {
    const abs = path.join(this.dest, rel);
    await this.dir(parentOf(rel));
    const fd = fs.openSync(abs, O_CREATE_NEW, mode);
    await copyEntry(stream, fd);
    // Only this process writes below dest, and lutimes never follows a link.
    if (mtime) await fsp.lutimes(abs, mtime, mtime);
  }
}

function parentOf(rel: string): string {
  const dir = path.posix.dirname(rel);
  return dir === '.' ? '' : dir;
}
