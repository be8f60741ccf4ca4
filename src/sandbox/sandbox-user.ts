/**
 * Who the sandbox runs as, decided over the image's facts (pure): --user, else the image's USER when it is not root,
 * else 65534:65534. Root only with --allow-root. The image's files are read at the edge (stages/prepare.ts).
 */
import { numericUser, resolveUser } from './plan.js';

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
