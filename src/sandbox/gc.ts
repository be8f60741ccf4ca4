/**
 * Remove what crashed runs left behind: every labelled container, network and volume, our loop devices, and the
 * host guards of egress bridges that are gone.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { errorMessage } from '../config/errors.js';
import type { Engine, ResourceRef } from '../engine/types.js';
import { pruneHostGuards } from './egress-network.js';
import { LABEL_CREATED, LABEL_DEADLINE, LABEL_RUN } from './plan.js';
import {
  DISCARD_DIR,
  LABEL_LOOP_DEVICE,
  LABEL_LOOP_IMAGE,
  ourLoopDevices,
  type VolumeHost,
} from './volumes.js';

export interface GcReport {
  removed: { kind: string; name: string }[];
  kept: number;
  failures: string[];
}

function createdAt(r: ResourceRef): number {
  const t = Date.parse(r.labels[LABEL_CREATED] ?? '');
  return Number.isNaN(t) ? 0 : t;
}

/** A container whose deadline label has passed: its run's CLI should have killed it; `gc` and the watchdog do. */
export function pastDeadline(r: ResourceRef, now: number): boolean {
  const t = Date.parse(r.labels[LABEL_DEADLINE] ?? '');
  return !Number.isNaN(t) && t <= now;
}

/**
 * `olderThanMs` 0 removes everything labelled; `runId` limits to one run. A container past its deadline is removed
 * whatever its age (killed first: removal forces it). `keepRuns`: runs that are live sessions (their TTL decides,
 * src/session/): never removed here, whatever their age, nor their loop devices.
 */
export async function gc(
  engine: Engine,
  host: VolumeHost,
  opts: { olderThanMs: number; now: number; runId?: string; keepRuns?: Set<string> },
): Promise<GcReport> {
  const label = opts.runId ? `${LABEL_RUN}=${opts.runId}` : LABEL_RUN;
  const all = await engine.listLabelled(label);
  const cutoff = opts.now - opts.olderThanMs;
  const live = (r: ResourceRef) => opts.keepRuns?.has(r.labels[LABEL_RUN] ?? '') === true;
  const old = all.filter(
    (r) => (createdAt(r) <= cutoff || (r.kind === 'container' && pastDeadline(r, opts.now))) && !live(r),
  );
  const report: GcReport = { removed: [], kept: all.length - old.length, failures: [] };
  const attempt = async (r: ResourceRef, fn: () => Promise<void>) => {
    try {
      await fn();
      report.removed.push({ kind: r.kind, name: r.name });
    } catch (err) {
      report.failures.push(`${r.kind} ${r.name}: ${errorMessage(err)}`);
    }
  };
  // Containers first (they hold volumes and networks), then networks, then volumes with their loop devices.
  await Promise.all(
    old.filter((r) => r.kind === 'container').map((r) => attempt(r, () => engine.removeContainer(r.id))),
  );
  await Promise.all(
    old.filter((r) => r.kind === 'network').map((r) => attempt(r, () => engine.removeNetwork(r.id))),
  );
  await Promise.all(
    old
      .filter((r) => r.kind === 'volume')
      .map((r) =>
        attempt(r, async () => {
          await engine.removeVolume(r.name);
          const dev = r.labels[LABEL_LOOP_DEVICE];
          const img = r.labels[LABEL_LOOP_IMAGE];
          if (dev) await host.privileged('losetup', ['-d', dev]).catch(() => undefined);
          if (img && path.resolve(img).startsWith(path.resolve(host.stateDir) + path.sep)) {
            await fsp.rm(img, { force: true });
          }
        }),
      ),
  );
  if (!opts.runId) {
    const inUse = new Set(
      all.filter((r) => createdAt(r) > cutoff || live(r)).map((r) => r.labels[LABEL_LOOP_IMAGE]),
    );
    report.removed.push(...(await orphans(engine, host, inUse, cutoff)));
  }
  return report;
}

/**
 * What no engine resource names any more (a whole `gc` only): loop devices and images of runs that crashed before
 * their volume existed, images a background `rm` did not finish, host guards whose bridge is gone.
 */
async function orphans(
  engine: Engine,
  host: VolumeHost,
  inUse: Set<string | undefined>,
  cutoff: number,
): Promise<GcReport['removed']> {
  const removed: GcReport['removed'] = [];
  // Loop devices and images of runs that crashed before their volume existed.
  for (const d of await ourLoopDevices(host)) {
    if (inUse.has(d.image)) continue;
    const st = await fsp.stat(d.image).catch(() => null);
    if (st && st.mtimeMs > cutoff) continue;
    await host.privileged('losetup', ['-d', d.device]).catch(() => undefined);
    await fsp.rm(d.image, { force: true });
    removed.push({ kind: 'loop-device', name: d.device });
  }
  const files = await fsp.readdir(host.stateDir).catch(() => [] as string[]);
  for (const f of files.filter((n) => n.endsWith('.img'))) {
    const abs = path.join(host.stateDir, f);
    if (inUse.has(abs)) continue;
    const st = await fsp.stat(abs).catch(() => null);
    if (st && st.mtimeMs <= cutoff) {
      await fsp.rm(abs, { force: true });
      removed.push({ kind: 'volume-image', name: f });
    }
  }
  // Images handed to a background `rm` that did not finish (their devices were detached first).
  const discard = path.join(host.stateDir, DISCARD_DIR);
  for (const f of await fsp.readdir(discard).catch(() => [] as string[])) {
    await fsp.rm(path.join(discard, f), { force: true });
    removed.push({ kind: 'volume-image', name: f });
  }
  // The egress bridges' host guards whose bridge is gone (host-guard.ts); none where iptables cannot be run.
  if (engine.info.name === 'docker' && engine.info.local) {
    for (const b of await pruneHostGuards((c, a) => host.privileged(c, a)).catch(() => [] as string[]))
      removed.push({ kind: 'host-guard', name: b });
  }
  return removed;
}
