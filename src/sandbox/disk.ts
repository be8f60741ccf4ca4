/**
 * The host's disk (threat model 21): loop volumes reserve their space when they are made (fallocate), so their caps
 * must fit the free space of the volume directory's filesystem, less a reserve for the host. Checked before
 * anything is created (pure, with the free space measured by the caller). Sizes the user gave explicitly are
 * honoured or refused; default sizes (and a preset's) shrink to fit, with a note.
 */
import { InputError } from '../config/errors.js';
import { formatBytes } from '../config/units.js';
import type { RunVolumeRole, VolumePlan } from './plan.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
/** What is left for the host: 1 GiB, or 5 % of the free space when that is more. */
export const hostReserve = (free: number) => Math.max(GiB, Math.floor(free * 0.05));
/** A default volume is never shrunk below this; below it the run is refused instead. */
export const MIN_VOLUME_BYTES = 64 * MiB;

type SizeKey = 'workSizeBytes' | 'outputSizeBytes' | 'stateSizeBytes';
const KEY: Record<RunVolumeRole, SizeKey> = {
  work: 'workSizeBytes',
  output: 'outputSizeBytes',
  state: 'stateSizeBytes',
};
const OPTION: Record<SizeKey, string> = {
  workSizeBytes: '--work-size',
  outputSizeBytes: '--output-size',
  stateSizeBytes: '--state-size',
};

export interface DiskFit {
  sizes: Partial<Record<SizeKey, number>>;
  notes: string[];
  freeBytes: number | null;
  neededBytes: number;
}

export function fitVolumes(
  volumes: VolumePlan<RunVolumeRole>[],
  defaults: SizeKey[],
  free: number | null,
  dir: string,
): DiskFit {
  const needed = volumes.reduce((n, v) => n + v.sizeBytes, 0);
  if (free === null) {
    return {
      sizes: {},
      notes: [
        `the free space of ${dir} could not be measured; the volumes' space is still reserved when they are made`,
      ],
      freeBytes: null,
      neededBytes: needed,
    };
  }
  const room = free - hostReserve(free);
  if (needed <= room) return { sizes: {}, notes: [], freeBytes: free, neededBytes: needed };
  const isDefault = (v: VolumePlan<RunVolumeRole>) => defaults.includes(KEY[v.role]);
  const fixed = volumes.filter((v) => !isDefault(v));
  const flexible = volumes.filter(isDefault);
  const fixedBytes = fixed.reduce((n, v) => n + v.sizeBytes, 0);
  const flexBytes = flexible.reduce((n, v) => n + v.sizeBytes, 0);
  const refuse = (what: string) =>
    new InputError(
      what,
      `the volumes need ${formatBytes(needed)} in ${dir}, which has ${formatBytes(free)} free (${formatBytes(hostReserve(free))} is kept for the host); lower ${what} or free space`,
    );
  const largest = (vs: VolumePlan<RunVolumeRole>[]) =>
    OPTION[KEY[[...vs].sort((a, b) => b.sizeBytes - a.sizeBytes)[0]!.role]];
  if (fixedBytes > room || flexible.length === 0) throw refuse(largest(fixed.length ? fixed : volumes));
  const factor = (room - fixedBytes) / flexBytes;
  const sizes: DiskFit['sizes'] = {};
  const notes: string[] = [];
  for (const v of flexible) {
    const size = Math.floor((v.sizeBytes * factor) / MiB) * MiB;
    if (size < MIN_VOLUME_BYTES) throw refuse(OPTION[KEY[v.role]]);
    sizes[KEY[v.role]] = size;
    notes.push(
      `${v.mount} is capped at ${formatBytes(size)} instead of the default ${formatBytes(v.sizeBytes)}: ${dir} has ${formatBytes(free)} free (${OPTION[KEY[v.role]]} sets it)`,
    );
  }
  return { sizes, notes, freeBytes: free, neededBytes: needed };
}
