/**
 * Who the sandbox runs as, decided over the image's facts (pure): --user, else the image's USER when it is not root,
 * else 65534:65534. Root only with --allow-root. The image's files are read at the edge (stages/prepare.ts).
 */

export const UNPRIVILEGED = { uid: 65534, gid: 65534 };

export interface UserFacts {
  /** --user, or null. */
  user: string | null;
  /** The image's USER ('' when it names none). */
  imageUser: string;
  allowRoot: boolean;
  /** The image's /etc/passwd and /etc/group ('' when absent or not read: a numeric user needs neither). */
  passwd: string;
  group: string;
}

export type UserDecision = { ids: { uid: number; gid: number }; notes: string[] } | { error: string };

export function decideUser(f: UserFacts): UserDecision {
  const explicit = f.user !== null;
  const wanted = f.user ?? (f.imageUser || '');
  if (wanted === '') return { ids: UNPRIVILEGED, notes: [] };
  let ids = numericUser(wanted);
  if (!ids) {
    const r = resolveUser(wanted, f.passwd, f.group);
    if ('error' in r) {
      if (explicit) return { error: r.error };
      return {
        ids: UNPRIVILEGED,
        notes: [`the image's user '${wanted}' could not be resolved (${r.error}); running as 65534:65534`],
      };
    }
    ids = r;
  }
  if (ids.uid === 0 && !f.allowRoot) {
    if (explicit)
      return { error: `'${wanted}' is uid 0; pass --allow-root to run as root (not recommended)` };
    return {
      ids: UNPRIVILEGED,
      notes: [
        `the image runs as root ('${wanted}'); the sandbox runs as 65534:65534 instead (--allow-root keeps root)`,
      ],
    };
  }
  return { ids, notes: [] };
}

/** Parse `/etc/passwd` and `/etc/group` text to resolve `name[:group]` to numeric ids. */
export function resolveUser(
  user: string,
  passwd: string,
  group: string,
): { uid: number; gid: number } | { error: string } {
  const [u, g] = user.split(':') as [string, string | undefined];
  const lookup = (text: string, name: string) => {
    for (const line of text.split('\n')) {
      const f = line.split(':');
      if (f[0] === name && f.length >= 4) return f;
    }
    return null;
  };
  let uid: number;
  let gid: number;
  if (/^\d+$/.test(u)) {
    uid = Number(u);
    const entry = text2entryByUid(passwd, uid);
    gid = entry ? Number(entry[3]) : uid;
  } else {
    const entry = lookup(passwd, u);
    if (!entry) return { error: `user '${u}' is not in the image's /etc/passwd` };
    uid = Number(entry[2]);
    gid = Number(entry[3]);
  }
  if (g !== undefined) {
    if (/^\d+$/.test(g)) gid = Number(g);
    else {
      const entry = lookup(group, g);
      if (!entry) return { error: `group '${g}' is not in the image's /etc/group` };
      gid = Number(entry[2]);
    }
  }
  if (!Number.isInteger(uid) || !Number.isInteger(gid))
    return { error: `user '${user}' has a malformed entry` };
  return { uid, gid };
}

function text2entryByUid(passwd: string, uid: number): string[] | null {
  for (const line of passwd.split('\n')) {
    const f = line.split(':');
    if (f.length >= 4 && Number(f[2]) === uid) return f;
  }
  return null;
}

/** `uid[:gid]` when both are numbers (no lookup needed), else null. */
export function numericUser(user: string): { uid: number; gid: number } | null {
  const m = /^(\d+)(?::(\d+))?$/.exec(user);
  if (!m) return null;
  return { uid: Number(m[1]), gid: Number(m[2] ?? m[1]) };
}
