/**
 * /persist: a writable, size-capped place kept between runs and sessions. The host directory holds an ext4 image
 * (its space reserved when made); each sandbox attaches it through a loop device as an engine volume, and detaches
 * it after, keeping the image. Never a raw writable bind of the host directory: the sandbox sees only the image's
 * filesystem, whose size is its cap.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { InputError, errorMessage } from '../config/errors.js';
import type { Engine, Labels } from '../engine/types.js';
import { LABEL_ROLE } from './plan.js';
import {
  LABEL_LOOP_DEVICE,
  LABEL_LOOP_IMAGE,
  loopUnavailableReason,
  type CreatedVolume,
  type VolumeHost,
} from './volumes.js';

export const PERSIST_DIR = '/persist';
export const PERSIST_IMAGE = 'sandbox-persist.img';

/** Check `--persist DIR` before anything is made: a directory (not a link), and loop volumes available here. */
export async function checkPersist(engine: Engine, host: VolumeHost, dir: string): Promise<void> {
  const st = await fsp.lstat(dir).catch(() => null);
  if (!st?.isDirectory()) {
    throw new InputError(
      '--persist',
      `'${dir}' is not a directory; name an existing directory (it will hold the capped image ${PERSIST_IMAGE})`,
    );
  }
  const why = await loopUnavailableReason(engine, host);
  if (why)
    throw new InputError('--persist', `needs capped loop volumes, which this host cannot make: ${why}`);
  const img = await fsp.lstat(path.join(dir, PERSIST_IMAGE)).catch(() => null);
  if (img && !img.isFile())
    throw new InputError('--persist', `'${path.join(dir, PERSIST_IMAGE)}' is not a file`);
}

/** A new image: its space taken now, an ext4 filesystem owned by the sandbox user. Removed again on failure. */
async function makePersistImage(
  host: VolumeHost,
  image: string,
  sizeBytes: number,
  owner: { uid: number; gid: number },
): Promise<void> {
  await fsp.writeFile(image, '', { flag: 'wx', mode: 0o600 });
  try {
    await host.tool('fallocate', ['-l', String(sizeBytes), image]);
    await host.tool('mkfs.ext4', [
      '-q',
      '-F',
      '-m',
      '0',
      '-E',
      `root_owner=${owner.uid}:${owner.gid},nodiscard`,
      image,
    ]);
    await host.tool('debugfs', ['-w', '-R', 'rmdir lost+found', image]);
  } catch (err) {
    await fsp.rm(image, { force: true });
    throw new InputError('--persist', `could not make ${image}: ${errorMessage(err).split('\n')[0]}`);
  }
}

/**
 * An image kept from an earlier sandbox: checked (a crash may have left it unclean; one that needs more than a
 * safe repair is refused), and its root given to this sandbox's user, who may differ from the last one's.
 */
async function reusePersistImage(
  host: VolumeHost,
  image: string,
  owner: { uid: number; gid: number },
): Promise<void> {
  await host.tool('e2fsck', ['-p', image]).catch((err: unknown) => {
    throw new InputError('--persist', `${image} needs repair (e2fsck: ${errorMessage(err).split('\n')[0]})`);
  });
  await host.tool('debugfs', ['-w', '-R', `set_inode_field / uid ${owner.uid}`, image]);
  await host.tool('debugfs', ['-w', '-R', `set_inode_field / gid ${owner.gid}`, image]);
}

/** Attach the image (made when missing) as the volume `name`, owned by the sandbox user. */
export async function attachPersist(
  engine: Engine,
  host: VolumeHost,
  p: { dir: string; sizeBytes: number; name: string },
  owner: { uid: number; gid: number },
  labels: Labels,
): Promise<CreatedVolume & { note: string | null }> {
  const image = path.join(p.dir, PERSIST_IMAGE);
  let note: string | null = null;
  // One sandbox at a time: a second ext4 mount of the same image would corrupt it.
  const lock = `${image}.lock`;
  const fh = await fsp.open(lock, 'wx', 0o600).catch(() => null);
  if (!fh) throw new InputError('--persist', `'${p.dir}' is being attached by another sandbox right now`);
  let device: string | null = null;
  let created = false;
  const detach = async () => {
    if (created) await engine.removeVolume(p.name);
    if (device) await host.privileged('losetup', ['-d', device]);
  };
  try {
    await fh.close();
    const inUse = await host.privileged('losetup', ['-j', image]);
    if (inUse.trim()) {
      throw new InputError('--persist', `'${p.dir}' is in use by another sandbox (${inUse.split(':')[0]})`);
    }
    const st = await fsp.stat(image).catch(() => null);
    if (!st) await makePersistImage(host, image, p.sizeBytes, owner);
    else {
      if (st.size !== p.sizeBytes)
        note = `/persist keeps the size its image was made with (${st.size} bytes)`;
      await reusePersistImage(host, image, owner);
    }
    device = await host.privileged('losetup', ['--find', '--show', image]);
    await engine.createVolume({
      name: p.name,
      driver: 'local',
      driverOpts: { type: 'ext4', device, o: 'nosuid,nodev' },
      labels: { ...labels, [LABEL_ROLE]: 'persist', [LABEL_LOOP_DEVICE]: device, [LABEL_LOOP_IMAGE]: image },
    });
    created = true;
  } catch (err) {
    await detach().catch(() => undefined);
    throw err;
  } finally {
    await fsp.rm(lock, { force: true });
  }
  const size = (await fsp.stat(image)).size;
  return {
    name: p.name,
    role: 'persist',
    mount: PERSIST_DIR,
    sizeBytes: size,
    backend: 'loop',
    enforced: true,
    reserved: true,
    remove: detach,
    note,
  };
}
