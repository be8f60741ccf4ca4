/**
 * Stage 3: the run's writable volumes, each with a hard size cap enforced by its own filesystem (loop ext4 images
 * reserve their space when made). Made in parallel; whatever was made is removed at the end of the run.
 */
import { CleanupError, EngineError, InternalError, errorMessage } from '../../config/errors.js';
import type { Labels } from '../../engine/types.js';
import { fitVolumes } from '../disk.js';
import { startHolder } from '../holder.js';
import { chownContainer, holderContainer } from '../helper-containers.js';
import { volumePlans, type RunVolumeRole, type VolumePlan } from '../plan.js';
import type { RunContext } from '../run-context.js';
import { attachPersist } from '../persist.js';
import { persistVolumeName } from '../plan.js';
import { ReservationError, createVolume, type CreatedVolume } from '../volumes.js';
import type { Prepared } from './prepare.js';

const SIZE_KEY = { work: 'workSizeBytes', output: 'outputSizeBytes', state: 'stateSizeBytes' } as const;

export async function createVolumes(ctx: RunContext, prep: Prepared): Promise<CreatedVolume[]> {
  const { engine, volumeHost } = ctx.deps;
  const plans = volumePlans(prep.spec, ctx.runId);
  const make = (vs: VolumePlan<RunVolumeRole>[]) =>
    ctx.race(
      Promise.allSettled(
        vs.map((v) => createVolume(engine, volumeHost, prep.backend, v, prep.owner, ctx.labels)),
      ),
    );
  const made = await make(plans);
  // Registered before the retry: a retry that is refused (fitVolumes throws when nothing fits) must not leave the
  // volumes of the first pass behind. `made` is read when the cleanup runs, after any retry replaced its entries.
  const madeVolumes = () => made.flatMap((m) => (m.status === 'fulfilled' ? [m.value] : []));
  ctx.cleanup.add('remove volumes', async () => {
    const volumes = madeVolumes();
    const done = await Promise.allSettled(volumes.map((v) => v.remove()));
    const bad = done.flatMap((d, i) =>
      d.status === 'rejected' ? [`${volumes[i]!.name}: ${errorMessage(d.reason)}`] : [],
    );
    const causes = done.flatMap((d) => (d.status === 'rejected' ? [d.reason as unknown] : []));
    if (bad.length) throw new CleanupError(bad, causes);
  });
  // Another run may have taken the space since it was measured. Volumes of default size shrink to what is free now
  // (once); a size the user gave is honoured or the run is refused.
  const failed = made.flatMap((m, i) => (m.status === 'rejected' ? [i] : []));
  const retry =
    failed.length > 0 &&
    failed.every((i) => {
      const reason: unknown = (made[i] as PromiseRejectedResult).reason;
      return (
        reason instanceof ReservationError && prep.spec.limits.defaultSizes.includes(SIZE_KEY[plans[i]!.role])
      );
    });
  if (retry) {
    const again = failed.map((i) => plans[i]!);
    const keys = again.map((v) => SIZE_KEY[v.role]);
    const fit = fitVolumes(again, keys, await volumeHost.freeBytes(), volumeHost.stateDir);
    ctx.notes.push(...fit.notes);
    const second = await make(
      again.map((v) => ({ ...v, sizeBytes: fit.sizes[SIZE_KEY[v.role]] ?? v.sizeBytes })),
    );
    failed.forEach((i, k) => (made[i] = second[k]!));
  }
  const volumes = madeVolumes();
  const bad = made.find((m): m is PromiseRejectedResult => m.status === 'rejected');
  if (bad) throw bad.reason;
  if (prep.spec.phases.persist) volumes.push(await persistVolume(ctx, prep, prep.spec.phases.persist));
  if (prep.backend === 'unbounded') {
    // A plain volume's root belongs to root: hand it to the sandbox user with a one-shot chown.
    await chownVolumes(ctx, prep.spec.image.ref, volumes, prep.owner, ctx.labels);
  } else if (ctx.deps.engine.info.name === 'podman') {
    await holdVolumes(ctx, prep.spec.image.ref, volumes, prep.owner, ctx.labels);
  }
  ctx.check();
  return volumes;
}

/** /persist: the user's volume image, attached for the run and detached (kept) at its end, whatever happens. */
async function persistVolume(
  ctx: RunContext,
  prep: Prepared,
  persist: NonNullable<Prepared['spec']['phases']['persist']>,
): Promise<CreatedVolume> {
  const { engine, volumeHost } = ctx.deps;
  const pending = attachPersist(
    engine,
    volumeHost,
    { ...persist, name: persistVolumeName(ctx.runId) },
    prep.owner,
    ctx.labels,
  );
  // Detached (the image kept) whatever happens, even when the run stops while it is being attached.
  ctx.cleanup.add('detach /persist', async () => {
    const v = await pending.catch(() => null);
    await v?.remove();
  });
  const p = await ctx.race(pending);
  if (p.note) ctx.notes.push(p.note);
  return { ...p, remove: async () => undefined };
}

/**
 * Podman mounts a volume with mount options (ext4 on a loop device, tmpfs) only while a running container has it, and
 * its archive of a stopped container reads the bare mount point: the source would be copied under the mount, and
 * /output collected empty (a tmpfs one would be gone). A holder keeps them mounted for the whole run: `sleep
 * infinity` from the run's image, read-only mounts, no network, no capabilities, removed before the volumes.
 * A start that fails on the engine's side gets one more holder (holder.ts), and the result's notes say so.
 */
async function holdVolumes(
  ctx: RunContext,
  image: string,
  volumes: CreatedVolume[],
  owner: { uid: number; gid: number },
  labels: Labels,
) {
  const { engine } = ctx.deps;
  const spec = holderContainer(labels, 'holder', image, owner, volumes);
  const h = await startHolder(
    engine,
    spec,
    (id) => ctx.cleanup.add('remove the volume holder', () => engine.removeContainer(id)),
    () => ctx.check(),
  );
  if (!h.started) {
    throw new EngineError(
      engine.info.name,
      'hold the volumes mounted',
      `Podman unmounts a volume when no running container has it, so a holder runs \`sleep infinity\` from ${image}, which failed: ${errorMessage(h.error)}`,
      'use an image with sleep, or --volume-backend unbounded',
    );
  }
  if (h.retried !== null) {
    ctx.notes.push(
      `the volume holder failed to start on the engine's side (${errorMessage(h.retried)}); a second one started`,
    );
  }
}

async function chownVolumes(
  ctx: RunContext,
  image: string,
  volumes: CreatedVolume[],
  owner: { uid: number; gid: number },
  labels: Labels,
) {
  const { engine } = ctx.deps;
  const id = await engine.createContainer(
    // The one helper that runs as root: it needs CHOWN and nothing else, with no network.
    chownContainer(labels, image, owner, volumes),
  );
  try {
    const watch = await engine.watchExit(id);
    await engine.startContainer(id);
    const code = await watch.exit;
    if (code !== 0) throw new InternalError(`chown of the unbounded volumes exited with ${code}`);
  } finally {
    await engine.removeContainer(id);
  }
}
