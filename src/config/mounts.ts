/**
 * Host mounts (`--mount HOST:DEST[:ro|rw]`), `/persist` and the per-phase options, parsed from the raw options
 * (pure), and the rules that refuse a host path (pure, fed the facts the door measured on the host).
 *  - A mount is read-only unless `:rw` (a recorded loosening).
 *  - DEST is absolute and normalised, has no `..`, and neither shadows nor lies inside the sandbox's own places.
 *  - HOST is refused when it is /, /etc, /proc, /sys or /dev (or inside them), a socket, or holds a docker, podman or
 *    containerd socket or the user's SSH or cloud credentials, unless `--allow-mount` names it.
 */
import path from 'node:path';
import { InputError } from './errors.js';
import { parseDuration, parseSize } from './units.js';

export interface HostMount {
  /** As given, resolved against the working directory (the real path is checked when the run is prepared). */
  host: string;
  dest: string;
  readOnly: boolean;
}

/** The places of the sandbox a mount may neither cover nor enter. */
export const SANDBOX_PLACES = ['/work', '/output', '/state', '/tmp', '/persist'] as const;
/** System places a mount may not target. */
const SYSTEM_DESTS = ['/proc', '/sys', '/dev'];

export const DEFAULT_PERSIST_BYTES = 1024 ** 3;
export const DEFAULT_IDLE_TTL_MS = 15 * 60_000;

const inside = (p: string, dir: string) => p === dir || p.startsWith(dir === '/' ? '/' : `${dir}/`);

/** `HOST:DEST[:ro|rw]` → a mount (HOST may itself hold `:`; the last one or two parts are DEST and the mode). */
export function parseMount(value: string, cwd: string): HostMount {
  const parts = value.split(':');
  let mode: 'ro' | 'rw' = 'ro';
  if (parts.length >= 3 && (parts.at(-1) === 'ro' || parts.at(-1) === 'rw'))
    mode = parts.pop() as 'ro' | 'rw';
  const dest = parts.pop() ?? '';
  const host = parts.join(':');
  if (parts.length === 0 || host === '' || dest === '') {
    throw new InputError(
      '--mount',
      `'${value}' is not HOST:DEST[:ro|rw], like ./data:/data or ./cache:/cache:rw`,
    );
  }
  return { host: path.resolve(cwd, host), dest: checkDest(value, dest), readOnly: mode === 'ro' };
}

/** DEST: absolute, no `..` (before normalising), no shadowing, no system place. */
function checkDest(value: string, dest: string): string {
  const bad = (why: string) => new InputError('--mount', `'${value}': ${why}`);
  if (!dest.startsWith('/')) throw bad(`DEST '${dest}' must be an absolute path inside the sandbox`);
  if (dest.split('/').includes('..')) throw bad(`DEST '${dest}' must not contain '..'`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f,]/.test(dest)) throw bad(`DEST '${dest}' has a control character or a comma`);
  const d = path.posix.normalize(dest).replace(/(.)\/+$/, '$1');
  if (d === '/') throw bad('DEST must not be / (it would cover the whole sandbox)');
  for (const p of SANDBOX_PLACES) {
    if (inside(p, d)) throw bad(`DEST '${d}' would shadow ${p}`);
    if (inside(d, p)) throw bad(`DEST '${d}' is inside ${p}, which the sandbox owns; mount it elsewhere`);
  }
  for (const p of SYSTEM_DESTS) if (inside(d, p)) throw bad(`DEST '${d}' is inside ${p}`);
  return d;
}

/** What the door measured on the host for one mount's HOST. */
export interface HostPathFacts {
  /** The path as given (resolved), and its real path (every link followed), or null when it does not exist. */
  given: string;
  real: string | null;
  isSocket: boolean;
}

/** The host's sensitive places, as real paths (the door resolves links, e.g. /var/run → /run). */
export interface SensitivePlaces {
  /** Engine sockets that exist on this host. */
  sockets: string[];
  /** The user's credential directories (~/.ssh, ~/.aws, ~/.config/gcloud, ~/.docker, ~/.kube). */
  credentials: string[];
}

const SYSTEM_HOSTS = ['/etc', '/proc', '/sys', '/dev'];

/** The credential directories under a home directory. */
export function credentialDirs(home: string): string[] {
  return ['.ssh', '.aws', '.config/gcloud', '.docker', '.kube'].map((d) => path.join(home, d));
}

/** The engine sockets sandbox-action knows of (the door keeps those that exist, as real paths). */
export function knownSockets(env: { XDG_RUNTIME_DIR?: string; HOME?: string }): string[] {
  const list = [
    '/var/run/docker.sock',
    '/run/docker.sock',
    '/run/podman/podman.sock',
    '/run/containerd/containerd.sock',
    '/var/run/containerd/containerd.sock',
    '/run/docker/containerd/containerd.sock',
  ];
  if (env.XDG_RUNTIME_DIR) {
    list.push(
      path.join(env.XDG_RUNTIME_DIR, 'podman/podman.sock'),
      path.join(env.XDG_RUNTIME_DIR, 'docker.sock'),
    );
  }
  if (env.HOME) list.push(path.join(env.HOME, '.docker/run/docker.sock'));
  return list;
}

/**
 * Why HOST may not be mounted (one line), or null. `allow` holds the `--allow-mount` paths as real paths: a path
 * named there is allowed whatever it is (a recorded loosening). A path that does not exist is refused.
 */
export function mountRefusal(f: HostPathFacts, places: SensitivePlaces, allow: string[]): string | null {
  if (f.real === null) return `'${f.given}' does not exist on this host`;
  const real = f.real;
  if (allow.includes(real)) return null;
  const via = real === f.given ? '' : ` (it is a link to ${real})`;
  const hint = `; --allow-mount ${real} mounts it anyway`;
  if (real === '/') return `'${f.given}'${via} is the host's root${hint}`;
  for (const s of SYSTEM_HOSTS) if (inside(real, s)) return `'${f.given}'${via} is ${s} of the host${hint}`;
  if (f.isSocket) return `'${f.given}'${via} is a socket${hint}`;
  for (const s of places.sockets) {
    if (inside(s, real))
      return `'${f.given}'${via} ${s === real ? 'is' : 'holds'} the engine socket ${s}${hint}`;
  }
  for (const c of places.credentials) {
    if (inside(c, real) || inside(real, c)) {
      return `'${f.given}'${via} ${inside(real, c) ? 'is in' : 'holds'} the credentials in ${c}${hint}`;
    }
  }
  return null;
}

export interface PhaseOptions {
  mounts: HostMount[];
  /** `--allow-mount` paths, resolved (their real paths are compared when the run is prepared). */
  allowMounts: string[];
  /** A host directory holding /persist's capped filesystem image, kept between runs and sessions. */
  persist: { dir: string; sizeBytes: number } | null;
  /** A first phase in its own container on the same volumes, with its own network. */
  setup: { command: string; network: 'none' | 'proxy' } | null;
  /** Reuse a warm sandbox of the same plan (`run --warm`); how long it is kept idle. */
  warm: { idleTtlMs: number } | null;
}

type Raw = Partial<Record<string, string | boolean | string[]>>;

function strOf(raw: Raw, name: string): string | undefined {
  const v = raw[name];
  if (v === undefined || v === false) return undefined;
  if (typeof v !== 'string') throw new InputError(`--${name}`, 'takes a value');
  return v;
}
function listOf(raw: Raw, name: string): string[] {
  const v = raw[name];
  if (v === undefined || v === false) return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v;
  throw new InputError(`--${name}`, 'takes a value');
}

/** The mount, persist, setup and warm options (pure). `presetSetup` is a preset's setup phase, if any. */
export function parsePhaseOptions(
  raw: Raw,
  cwd: string,
  presetSetup: { command?: string; network: 'none' | 'proxy' } | null,
): PhaseOptions {
  const mounts = listOf(raw, 'mount').map((m) => parseMount(m, cwd));
  const dests = new Set<string>();
  for (const m of mounts) {
    if (dests.has(m.dest)) throw new InputError('--mount', `two mounts at ${m.dest}`);
    dests.add(m.dest);
  }
  const persistArg = strOf(raw, 'persist');
  const sizeArg = strOf(raw, 'persist-size');
  if (sizeArg !== undefined && persistArg === undefined)
    throw new InputError('--persist-size', 'needs --persist');
  const setupArg = strOf(raw, 'setup');
  const netArg = strOf(raw, 'setup-network');
  if (netArg !== undefined && !['none', 'proxy'].includes(netArg)) {
    throw new InputError('--setup-network', `'${netArg}' is not one of none, proxy`);
  }
  const network = (netArg ?? presetSetup?.network ?? 'none') as 'none' | 'proxy';
  let setup: PhaseOptions['setup'] = null;
  if (setupArg !== undefined) {
    if (setupArg.trim() === '') throw new InputError('--setup', 'is empty: give the setup command');
    setup = { command: setupArg, network };
  } else if (presetSetup?.command !== undefined) setup = { command: presetSetup.command, network };
  else if (netArg !== undefined) throw new InputError('--setup-network', 'needs --setup');
  const warm = raw.warm === true || raw.warm === 'true';
  const ttlArg = strOf(raw, 'idle-ttl');
  if (ttlArg !== undefined && !warm)
    throw new InputError('--idle-ttl', 'needs --warm (sessions take it on create)');
  return {
    mounts,
    allowMounts: listOf(raw, 'allow-mount').map((p) => path.resolve(cwd, p)),
    persist: persistArg
      ? {
          dir: path.resolve(cwd, persistArg),
          sizeBytes: sizeArg === undefined ? DEFAULT_PERSIST_BYTES : parseSize('--persist-size', sizeArg),
        }
      : null,
    setup,
    warm: warm ? { idleTtlMs: ttlArg ? parseDuration('--idle-ttl', ttlArg) : DEFAULT_IDLE_TTL_MS } : null,
  };
}
