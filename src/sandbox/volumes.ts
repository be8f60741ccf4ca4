/**
 * Writable volumes with a hard size cap enforced by their filesystem, so a build cannot fill the host's disk.
 *  - loop:  a sparse ext4 image (mkfs.ext4 -E root_owner) attached with losetup, handed to the engine as an ext4
 *           volume. Needs root (or passwordless sudo) on the engine's host.
 *  - tmpfs: a tmpfs volume with size= (nr_blocks= on Podman, which reads size= as a quota request); its pages count
 *           against memory. Rootless Podman can mount it (tmpfs may be mounted in a user namespace; ext4 may not).
 *  - unbounded: a plain engine volume, no cap (only on explicit request; recorded as loosened).
 */
import { execFile, spawn } from 'node:child_process';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { VolumeBackend } from '../config/run-options.js';
import { EngineError, ReservationError, errorMessage } from '../config/errors.js';
import { podmanTmpfsBlocks } from '../engine/podman.js';
import type { Engine, Labels } from '../engine/types.js';
import type { VolumePlan } from './plan.js';
import { LABEL_ROLE } from './plan.js';

const run = promisify(execFile);

export const LABEL_LOOP_DEVICE = 'sandbox-action.loop-device';
export const LABEL_LOOP_IMAGE = 'sandbox-action.loop-image';

export type ConcreteBackend = 'loop' | 'tmpfs' | 'unbounded';

/** A loop image whose space could not be reserved (fallocate refused: usually no space left). */
export { ReservationError };

export interface CreatedVolume {
  name: string;
  role: string;
  mount: string;
  sizeBytes: number;
  backend: ConcreteBackend;
  /** True when the size cap is enforced by a filesystem. */
  enforced: boolean;
  /** True when the volume's space was reserved on the host's disk (fallocate) when it was made. */
  reserved: boolean;
  remove(): Promise<void>;
}

export interface VolumeHost {
  /** Where loop images live (on the host's disk). */
  stateDir: string;
  /** Run a privileged tool (losetup): directly as root, else through `sudo -n`. */
  privileged(cmd: string, args: string[]): Promise<string>;
  /** Run an ordinary tool (mkfs.ext4, debugfs). */
  tool(cmd: string, args: string[]): Promise<string>;
  /** False when this process's files are not the engine host's (a job container under `act`). */
  sharedWithEngine?: boolean;
  /** Free bytes (for an unprivileged user) of the filesystem holding stateDir, or null when unknown. */
  freeBytes(): Promise<number | null>;
  /**
   * Remove a loop image whose device is detached. Without it the image is removed before the run ends; the doors
   * hand it to `rm` in the background (see defaultVolumeHost).
   */
  discard?(image: string): Promise<void>;
}

/** Where the doors move loop images to be deleted in the background (gc empties it too). */
export const DISCARD_DIR = '.discard';

/** Free bytes of the filesystem holding `dir` (made if missing), as statfs reports them to an unprivileged user. */
export async function freeBytesOf(dir: string): Promise<number | null> {
  try {
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    const st = await fsp.statfs(dir);
    return Number(st.bavail) * Number(st.bsize);
  } catch {
    return null;
  }
}

/**
 * `deferDiscard`: unlinking a loop image frees its whole reservation (20 GiB by default) in the kernel, a few
 * hundred milliseconds the run need not wait for. The image, its device already detached, is moved into
 * stateDir/.discard (one rename: gone from stateDir at once) and unlinked by a detached `rm`, which goes on if this
 * process ends; `gc` removes whatever is left there.
 */
export function defaultVolumeHost(
  stateDir: string,
  isRoot: boolean,
  sharedWithEngine = true,
  deferDiscard = false,
): VolumeHost {
  return {
    ...(deferDiscard ? { discard: (image: string) => discardInBackground(stateDir, image) } : {}),
    stateDir,
    sharedWithEngine,
    async privileged(cmd, args) {
      const { stdout } = isRoot ? await run(cmd, args) : await run('sudo', ['-n', cmd, ...args]);
      return stdout.trim();
    },
    async tool(cmd, args) {
      const { stdout } = await run(cmd, args);
      return stdout.trim();
    },
    freeBytes: () => freeBytesOf(stateDir),
  };
}

/**
 * Are the host's tools for loop volumes there (mkfs.ext4, and losetup with the privilege it needs)? Both asked at
 * once, once per volume host (a process has one); the CLI asks before it connects to the engine.
 */
const toolChecks = new WeakMap<VolumeHost, Promise<string | null>>();
export function loopToolsReason(host: VolumeHost): Promise<string | null> {
  const known = toolChecks.get(host);
  if (known) return known;
  const ok = (p: Promise<string>) =>
    p.then(
      () => true,
      () => false,
    );
  const check = Promise.all([
    ok(host.tool('mkfs.ext4', ['-V'])),
    ok(host.privileged('losetup', ['--version'])),
  ]).then(([mkfs, losetup]) =>
    !mkfs
      ? 'mkfs.ext4 is not installed (apt-get install e2fsprogs)'
      : !losetup
        ? 'losetup needs root or passwordless sudo'
        : null,
  );
  toolChecks.set(host, check);
  return check;
}

async function discardInBackground(stateDir: string, image: string): Promise<void> {
  const dir = path.join(stateDir, DISCARD_DIR);
  const target = path.join(dir, path.basename(image));
  try {
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    await fsp.rename(image, target);
  } catch {
    await fsp.rm(image, { force: true });
    return;
  }
  const child = spawn('rm', ['-f', '--', target], { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
}

/** Can loop volumes be made here? */
export async function loopUnavailableReason(engine: Engine, host: VolumeHost): Promise<string | null> {
  if (!engine.info.local) return 'the engine is remote, so a loop device here would not reach it';
  if (host.sharedWithEngine === false) {
    return "the job runs in act's container, whose files and loop devices the engine does not see";
  }
  if (engine.info.rootless) {
    return `the engine is rootless ${engine.info.name}, which cannot mount an ext4 volume (the kernel lets only real root mount one)`;
  }
  return loopToolsReason(host);
}

export async function chooseBackend(
  wanted: VolumeBackend,
  engine: Engine,
  host: VolumeHost,
): Promise<{ backend: ConcreteBackend; note: string | null }> {
  if (wanted === 'tmpfs' || wanted === 'unbounded') return { backend: wanted, note: null };
  const why = await loopUnavailableReason(engine, host);
  if (why === null) return { backend: 'loop', note: null };
  if (wanted === 'loop') throw new EngineError(engine.info.name, 'create a loop volume', why);
  return {
    backend: 'tmpfs',
    note: `volumes are size-capped tmpfs, counted against memory: ${why}`,
  };
}

export async function createVolume(
  engine: Engine,
  host: VolumeHost,
  backend: ConcreteBackend,
  v: VolumePlan,
  owner: { uid: number; gid: number },
  labels: Labels,
): Promise<CreatedVolume> {
  const base = { name: v.name, role: v.role, mount: v.mount, sizeBytes: v.sizeBytes, backend };
  const volLabels = { ...labels, [LABEL_ROLE]: v.role };
  if (backend === 'tmpfs') {
    await engine.createVolume({
      name: v.name,
      driver: 'local',
      driverOpts: {
        type: 'tmpfs',
        device: 'tmpfs',
        o: `${tmpfsSize(engine, v)},uid=${owner.uid},gid=${owner.gid},mode=0755,nosuid,nodev`,
      },
      labels: volLabels,
    });
    return { ...base, enforced: true, reserved: false, remove: () => engine.removeVolume(v.name) };
  }
  if (backend === 'unbounded') {
    await engine.createVolume({ name: v.name, driver: 'local', driverOpts: {}, labels: volLabels });
    return { ...base, enforced: false, reserved: false, remove: () => engine.removeVolume(v.name) };
  }
  return createLoopVolume(engine, host, v, owner, volLabels, base);
}

/**
 * A loop-backed ext4 volume: an image file of its own in the state directory, its space taken now, formatted,
 * attached to a loop device and handed to the engine. Any failure undoes what was done.
 */
async function createLoopVolume(
  engine: Engine,
  host: VolumeHost,
  v: VolumePlan,
  owner: { uid: number; gid: number },
  volLabels: Labels,
  base: Omit<CreatedVolume, 'enforced' | 'reserved' | 'remove'>,
): Promise<CreatedVolume> {
  const image = path.join(host.stateDir, `${v.name}.img`);
  await fsp.mkdir(host.stateDir, { recursive: true, mode: 0o700 });
  const fh = await fsp.open(image, 'wx', 0o600);
  let device: string | null = null;
  let created = false;
  let madeOnce = false;
  // Safe to call again after a failure: what is done is not done twice (a detached device number may be another
  // run's by then).
  const remove = async () => {
    if (created) await engine.removeVolume(v.name);
    created = false;
    if (device) await host.privileged('losetup', ['-d', device]).catch(() => undefined);
    device = null;
    // Before the image is made and attached, a failure removes it here and now.
    if (host.discard && madeOnce) await host.discard(image);
    else await fsp.rm(image, { force: true });
  };
  try {
    await fh.close();
    await makeImage(engine, host, image, v, owner);
    device = await host.privileged('losetup', ['--find', '--show', image]);
    await engine.createVolume({
      name: v.name,
      driver: 'local',
      driverOpts: { type: 'ext4', device, o: 'nosuid,nodev' },
      labels: { ...volLabels, [LABEL_LOOP_DEVICE]: device, [LABEL_LOOP_IMAGE]: image },
    });
    created = madeOnce = true;
    return { ...base, enforced: true, reserved: true, remove };
  } catch (err) {
    await remove().catch(() => undefined);
    throw err;
  }
}

/** The image's space reserved (fallocate) and an ext4 filesystem made in it, owned by the sandbox user. */
async function makeImage(
  engine: Engine,
  host: VolumeHost,
  image: string,
  v: VolumePlan,
  owner: { uid: number; gid: number },
): Promise<void> {
  // The image takes its space now (threat model 21): a build that fills its volume cannot fill the host's disk,
  // and two runs cannot both count on the same free space.
  try {
    await host.tool('fallocate', ['-l', String(v.sizeBytes), image]);
  } catch (err) {
    throw new ReservationError(
      engine.info.name,
      `reserve ${v.sizeBytes} bytes for ${v.mount}`,
      `fallocate of ${image} failed: ${errorMessage(err).split('\n').slice(-2).join(' ').trim()}`,
      'free space on that filesystem, lower the volume caps, or set SANDBOX_ACTION_STATE_DIR to a larger one',
    );
  }
  // No journal (the volume lives for one run); lazy init keeps mkfs at a few milliseconds for any size.
  await host.tool('mkfs.ext4', [
    '-q',
    '-F',
    '-m',
    '0',
    '-O',
    '^has_journal',
    '-E',
    `root_owner=${owner.uid}:${owner.gid},lazy_itable_init=1,nodiscard`,
    image,
  ]);
  // lost+found would appear in /work and /output as a root-owned folder: remove it from the image.
  await host.tool('debugfs', ['-w', '-R', 'rmdir lost+found', image]);
}

/** The size option of a tmpfs volume: `size=` on Docker; on Podman its name for the same cap (src/engine/podman.ts). */
function tmpfsSize(engine: Engine, v: VolumePlan): string {
  if (engine.info.name !== 'podman') return `size=${v.sizeBytes}`;
  const blocks = podmanTmpfsBlocks(v.sizeBytes, engine.info.arch);
  if (blocks === null) {
    throw new EngineError(
      engine.info.name,
      `create the ${v.mount} volume`,
      `Podman takes a tmpfs volume's size only in pages, and the page size on ${engine.info.arch} is not known here`,
      'use --volume-backend loop (rootful Podman on this host)',
    );
  }
  return blocks;
}

/** Loop devices whose backing file is one of ours (in stateDir): for gc after a crash. */
export async function ourLoopDevices(host: VolumeHost): Promise<{ device: string; image: string }[]> {
  let out: string;
  try {
    out = await host.privileged('losetup', ['--list', '--json', '--output', 'NAME,BACK-FILE']);
  } catch {
    return [];
  }
  if (!out) return [];
  const j = JSON.parse(out) as { loopdevices?: { name: string; 'back-file': string | null }[] };
  const dir = path.resolve(host.stateDir) + path.sep;
  return (j.loopdevices ?? [])
    .filter(
      (d) => d['back-file'] && path.resolve(d['back-file'].replace(/ \(deleted\)$/, '')).startsWith(dir),
    )
    .map((d) => ({ device: d.name, image: d['back-file']!.replace(/ \(deleted\)$/, '') }));
}
