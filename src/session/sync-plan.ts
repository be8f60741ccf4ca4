/**
 * `sync` (pure): what to delete from /work and what to send, from a listing of the host's DIR and one of /work.
 * The host's tree is the truth: a path /work has and DIR does not is deleted (only the topmost of a deleted tree),
 * a file or link that differs (type, size, whole-second mtime, link text) is sent, anything else is left alone.
 */
export interface TreeEntry {
  path: string;
  /** 'o': anything else (a socket, a FIFO…), never on the host's side: always deleted. */
  type: 'f' | 'd' | 'l' | 'o';
  size: number;
  /** Whole seconds (what a tar header keeps). */
  mtime: number;
  link: string;
}

export function syncPlan(host: TreeEntry[], sandbox: TreeEntry[]): { remove: string[]; send: Set<string> } {
  const want = new Map(host.map((e) => [e.path, e]));
  const have = new Map(sandbox.map((e) => [e.path, e]));
  const remove: string[] = [];
  for (const e of [...sandbox].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const h = want.get(e.path);
    if (h && h.type === e.type) continue;
    if (remove.some((r) => e.path.startsWith(`${r}/`))) continue;
    remove.push(e.path);
  }
  const gone = (p: string) => remove.some((r) => p === r || p.startsWith(`${r}/`));
  const send = new Set<string>();
  for (const h of host) {
    if (h.type === 'd') continue;
    const s = have.get(h.path);
    const same =
      s &&
      !gone(h.path) &&
      s.type === h.type &&
      (h.type === 'l' ? s.link === h.link : s.size === h.size && s.mtime === h.mtime);
    if (!same) send.add(h.path);
  }
  return { remove, send };
}

/** `find -printf '%y\0%s\0%T@\0%l\0%P\0'` output → entries. */
export function parseFindListing(out: Buffer): TreeEntry[] | null {
  const f = out.toString('utf8').split('\0');
  if (f.at(-1) === '') f.pop();
  if (f.length % 5 !== 0) return null;
  const entries: TreeEntry[] = [];
  for (let i = 0; i < f.length; i += 5) {
    const [y, size, mtime, link, p] = f.slice(i, i + 5) as [string, string, string, string, string];
    if (!p) return null;
    entries.push({
      path: p,
      type: y === 'd' ? 'd' : y === 'l' ? 'l' : y === 'f' ? 'f' : 'o',
      size: Number(size),
      mtime: Math.floor(Number(mtime)),
      link,
    });
  }
  return entries;
}

/** Paths in chunks whose total length stays under `max` (one command line each). */
export function chunks(paths: string[], max = 64 * 1024): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  let len = 0;
  for (const p of paths) {
    if (cur.length && len + p.length + 1 > max) {
      out.push(cur);
      cur = [];
      len = 0;
    }
    cur.push(p);
    len += p.length + 1;
  }
  if (cur.length) out.push(cur);
  return out;
}
