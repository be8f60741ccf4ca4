/**
 * Pack a host directory into a tar stream for the /work volume. Uses lstat only: a symlink in the source is
 * packed as a symlink (its target text), never followed, so nothing outside the directory is read.
 * Entries are owned by the sandbox user; setuid/setgid bits are dropped; sockets, FIFOs and devices are left out.
 */
import { asError } from '../config/errors.js';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import tar from 'tar-stream';

export interface PackStats {
  files: number;
  bytes: number;
  skipped: string[];
}

export function packDirectory(
  root: string,
  owner: { uid: number; gid: number },
  /** Repository paths left out (they are mounted over in the sandbox). */
  exclude: string[] = [],
  /** When given, only the files and links it selects are packed (`sync` sends what changed); every directory is. */
  only?: (rel: string) => boolean,
): { stream: Readable; done: Promise<PackStats> } {
  const skip = new Set(exclude);
  const pack = tar.pack();
  const stats: PackStats = { files: 0, bytes: 0, skipped: [] };
  const common = { uid: owner.uid, gid: owner.gid, uname: '', gname: '' };

  const walk = async (rel: string): Promise<void> => {
    const abs = rel ? path.join(root, rel) : root;
    const names = (await fsp.readdir(abs)).sort();
    for (const name of names) {
      const childRel = rel ? `${rel}/${name}` : name;
      if (skip.has(childRel)) continue;
      const childAbs = path.join(root, childRel);
      const st = await fsp.lstat(childAbs);
      const mode = st.mode & 0o777;
      if (st.isDirectory()) {
        await entry({ ...common, name: childRel, type: 'directory', mode, mtime: st.mtime });
        await walk(childRel);
      } else if (only && !only(childRel)) {
        continue;
      } else if (st.isSymbolicLink()) {
        // Its target text, never followed.
        const linkname = await fsp.readlink(childAbs);
        await entry({ ...common, name: childRel, type: 'symlink', linkname, mode: 0o777, mtime: st.mtime });
      } else if (st.isFile()) {
        const size = await packFile(pack, childAbs, { ...common, name: childRel, type: 'file', mode });
        stats.files++;
        stats.bytes += size;
      } else {
        stats.skipped.push(childRel);
      }
    }
  };
  const entry = (h: Parameters<tar.Pack['entry']>[0]) =>
    new Promise<void>((resolve, reject) => {
      pack.entry(h, (err) => (err ? reject(err) : resolve()));
    });

  const done = walk('').then(
    () => {
      pack.finalize();
      return stats;
    },
    (err: unknown) => {
      pack.destroy(asError(err));
      throw err;
    },
  );
  return { stream: Readable.from(pack), done };
}

/**
 * One regular file into the pack: opened without following a link that replaced it since lstat, and what was
 * opened is packed (its size and mtime from that handle). Returns its size.
 */
async function packFile(
  pack: tar.Pack,
  abs: string,
  header: Omit<Parameters<tar.Pack['entry']>[0], 'size' | 'mtime'>,
): Promise<number> {
  const fh = await fsp.open(abs, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  let fst: fs.Stats;
  try {
    fst = await fh.stat();
  } catch (err) {
    await fh.close();
    throw err;
  }
  // tar-stream entries are streamx streams: pipe, and wait for the entry's own callback. The read stream owns the
  // handle and closes it.
  await new Promise<void>((resolve, reject) => {
    const w = pack.entry({ ...header, size: fst.size, mtime: fst.mtime }, (err) =>
      err ? reject(err) : resolve(),
    );
    const rs = fh.createReadStream();
    rs.on('error', reject);
    rs.pipe(w);
  });
  return fst.size;
}
