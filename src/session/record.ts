/**
 * A session's record: what it was made from (the prepared spec, the planned container, the self-check it owes, the
 * network, the volumes), and when it was last used. One JSON file per session in the state directory (mode 0600,
 * written whole by rename); its resources carry the session's labels, so `gc` and `rm` find them without it.
 * A warm run holds a lock file while it uses a warm sandbox (a second warm run takes another or makes one).
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../config/errors.js';
import type { RunSpec } from '../config/run-options.js';
import type { ContainerSpec, Labels } from '../engine/types.js';
import type { SelfCheckExpect } from '../sandbox/self-check.js';

export const LABEL_SESSION = 'sandbox-action.session';
export const LABEL_SESSION_NAME = 'sandbox-action.session-name';
export const LABEL_SESSION_KIND = 'sandbox-action.session-kind';
export const LABEL_PLAN_HASH = 'sandbox-action.plan-hash';

export interface SessionVolume {
  name: string;
  role: string;
  mount: string;
  sizeBytes: number;
  backend: string;
  enforced: boolean;
  reserved: boolean;
}

/**
 * The record's format. 2: the spec is RunSpec grouped by concern (image, io, limits, security…). A record of another
 * version is unreadable: never listed or used; `gc` (and every sweep) removes its file, and then its resources.
 */
export const RECORD_VERSION = 2;

export interface SessionRecord {
  version: typeof RECORD_VERSION;
  id: string;
  name: string | null;
  kind: 'session' | 'warm';
  planHash: string;
  createdAt: string;
  lastUsedAt: string;
  stoppedAt: string | null;
  keep: boolean;
  idleTtlMs: number;
  imageId: string;
  /** The prepared spec (volume sizes that fit, as made). */
  spec: RunSpec;
  /** The container as planned (the conformance check compares the engine's with it before every use). */
  container: { id: string; plan: ContainerSpec };
  /** The idle process's user, which no command of the session runs as (so none can signal or trace it). */
  keeper: { uid: number; gid: number };
  /** The sandbox user every command runs as. */
  user: { uid: number; gid: number };
  /** What the self-check of every command must find (null with --skip-self-check). */
  selfCheck: SelfCheckExpect | null;
  imageEntrypoint: string[] | null;
  network: {
    proxyContainer: string | null;
    /** The internal network's name (proxy mode): the proxy's address there is looked up before each command. */
    internalNetwork: string | null;
    proxyPort: number | null;
    deadEndGateways: string[];
    egress: { mode: 'allowlist' | 'audit'; domains: string[]; image: string } | null;
  };
  volumes: SessionVolume[];
  /** What creating it noted (volumes shrunk to fit, tmpfs instead of loop…): repeated in every result. */
  notes: string[];
}

export function sessionLabels(r: Pick<SessionRecord, 'id' | 'name' | 'kind' | 'planHash'>): Labels {
  return {
    [LABEL_SESSION]: r.id,
    [LABEL_SESSION_KIND]: r.kind,
    [LABEL_PLAN_HASH]: r.planHash,
    ...(r.name ? { [LABEL_SESSION_NAME]: r.name } : {}),
  };
}

export const sessionsDir = (stateDir: string) => path.join(stateDir, 'sessions');
const recordFile = (dir: string, id: string) => path.join(dir, `${id}.json`);
const ID = /^[a-z0-9]+-[a-f0-9]+$/;
export const NAME = /^[a-zA-Z][a-zA-Z0-9_.-]{0,62}$/;

export async function writeRecord(dir: string, r: SessionRecord): Promise<void> {
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = `${recordFile(dir, r.id)}.${process.pid}.tmp`;
  await fsp.writeFile(tmp, `${JSON.stringify(r, null, 2)}\n`, { mode: 0o600 });
  await fsp.rename(tmp, recordFile(dir, r.id));
}

function parseRecord(text: string): SessionRecord | null {
  try {
    const j = JSON.parse(text) as Partial<SessionRecord>;
    if (j.version !== RECORD_VERSION || typeof j.id !== 'string' || !ID.test(j.id)) return null;
    if (!j.spec || !j.container || typeof j.container.id !== 'string' || !j.user || !j.keeper) return null;
    if (j.kind !== 'session' && j.kind !== 'warm') return null;
    return j as SessionRecord;
  } catch {
    return null;
  }
}

export async function readRecord(dir: string, id: string): Promise<SessionRecord | null> {
  if (!ID.test(id)) return null;
  const text = await fsp.readFile(recordFile(dir, id), 'utf8').catch(() => null);
  return text === null ? null : parseRecord(text);
}

export async function listRecords(dir: string): Promise<SessionRecord[]> {
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  const out: SessionRecord[] = [];
  for (const n of names.filter((f) => f.endsWith('.json')).sort()) {
    const r = await readRecord(dir, n.slice(0, -'.json'.length));
    if (r) out.push(r);
  }
  return out;
}

/** The ids of record files that are not readable records (another version's, or damaged). */
export async function unreadableRecords(dir: string): Promise<string[]> {
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  const ids = names.filter((f) => f.endsWith('.json')).map((n) => n.slice(0, -'.json'.length));
  const out: string[] = [];
  for (const id of ids.filter((i) => ID.test(i)).sort()) {
    if ((await readRecord(dir, id)) === null) out.push(id);
  }
  return out;
}

export async function removeRecord(dir: string, id: string): Promise<void> {
  await fsp.rm(recordFile(dir, id), { force: true });
  await fsp.rm(lockFile(dir, id), { force: true });
}

/** A session by id, name or a unique id prefix; anything else is one line naming the input. */
export async function findSession(dir: string, ref: string, input = 'ID'): Promise<SessionRecord> {
  const all = await listRecords(dir);
  const exact = all.find((r) => r.id === ref || r.name === ref);
  if (exact) return exact;
  const prefixed = ref.length >= 4 ? all.filter((r) => r.id.startsWith(ref)) : [];
  if (prefixed.length === 1) return prefixed[0]!;
  const known = all.filter((r) => r.kind === 'session');
  throw new InputError(
    input,
    prefixed.length > 1
      ? `'${ref}' names ${prefixed.length} sessions; give more of the id`
      : `'${ref}' is not a session (${known.length ? `the sessions are ${known.map((r) => r.name ?? r.id).join(', ')}` : 'there are none'}; \`sandbox-action ls\` lists them)`,
  );
}

/* ------------------------------------------------------------------------------------------- warm run locks */

const lockFile = (dir: string, id: string) => path.join(dir, `${id}.lock`);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Take the session's lock (one process at a time), breaking one left by a process that is gone. */
export function tryLock(dir: string, id: string): (() => void) | null {
  const file = lockFile(dir, id);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => fs.rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) return null;
      fs.rmSync(file, { force: true });
    }
  }
  return null;
}

export function isLocked(dir: string, id: string): boolean {
  try {
    const pid = Number(fs.readFileSync(lockFile(dir, id), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && alive(pid);
  } catch {
    return false;
  }
}
