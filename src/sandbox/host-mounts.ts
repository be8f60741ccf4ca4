/**
 * `--mount`: each HOST is measured on this host (its real path, every link followed; whether it is a socket) and
 * judged by the pure rules of config/mounts.ts. What is mounted is the real path, so a link swapped after the check
 * cannot redirect the mount, and a link inside HOST resolves inside the sandbox, never on the host.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { InputError } from '../config/errors.js';
import {
  credentialDirs,
  knownSockets,
  mountRefusal,
  type HostMount,
  type SensitivePlaces,
} from '../config/mounts.js';
import type { Mount } from '../engine/types.js';

const realOrNull = (p: string) => fsp.realpath(p).catch(() => null);

export async function sensitivePlaces(env: {
  HOME?: string;
  XDG_RUNTIME_DIR?: string;
}): Promise<SensitivePlaces> {
  const homes = [...new Set([env.HOME, '/root'].filter((h): h is string => !!h))];
  const sockets = (await Promise.all(knownSockets(env).map(realOrNull))).filter(
    (s): s is string => s !== null,
  );
  const creds = homes.flatMap(credentialDirs);
  // A credential directory that does not exist yet is still refused by its path; one that does, by its real path too.
  const real = (await Promise.all(creds.map(realOrNull))).filter((s): s is string => s !== null);
  return { sockets: [...new Set(sockets)], credentials: [...new Set([...creds, ...real])] };
}

/** The bind mounts to make, or an InputError naming the first refused one. */
export async function resolveHostMounts(
  mounts: HostMount[],
  allow: string[],
  env: { HOME?: string; XDG_RUNTIME_DIR?: string },
): Promise<Mount[]> {
  if (mounts.length === 0) return [];
  const places = await sensitivePlaces(env);
  const allowed = (await Promise.all(allow.map(realOrNull))).filter((s): s is string => s !== null);
  const out: Mount[] = [];
  for (const m of mounts) {
    const real = await realOrNull(m.host);
    const st = real ? await fsp.stat(real).catch(() => null) : null;
    const why = mountRefusal({ given: m.host, real, isSocket: st?.isSocket() ?? false }, places, allowed);
    if (why) throw new InputError('--mount', why);
    // Readable at all? A mount the engine cannot read fails later with a worse message.
    try {
      fs.accessSync(real!, fs.constants.R_OK);
    } catch {
      throw new InputError('--mount', `'${m.host}' is not readable here`);
    }
    out.push({ type: 'bind', source: real!, target: m.dest, readOnly: m.readOnly });
  }
  return out;
}
