/**
 * Every helper container a run creates besides the sandbox, as data (pure): the image probe, the volume holders and
 * the chown helper. Each is `helperContainer`'s locked-down profile with only what its job needs; the plan tests
 * read every one (test/unit/helper-containers.test.ts).
 */
import type { ContainerSpec, Labels, Mount } from '../engine/types.js';
import { LABEL_ROLE, LABEL_RUN, NPROC_ULIMIT } from './plan.js';

/** Memory of a helper that only holds volumes open or probes an image's files (it runs sleep, or nothing). */
export const HOLDER_MEMORY_BYTES = 16 * 1024 * 1024;

/** A one-shot helper container of the run (image probe, chown): as locked down as the sandbox, labelled with the run. */
export function helperContainer(
  labels: Labels,
  role: string,
  o: Pick<ContainerSpec, 'image' | 'cmd'> & Partial<ContainerSpec>,
): ContainerSpec {
  const memory = o.memoryBytes ?? 64 * 1024 * 1024;
  return {
    name: `sandbox-action-${labels[LABEL_RUN]}-${role}`,
    user: '65534:65534',
    workingDir: '/',
    env: [],
    labels: { ...labels, [LABEL_ROLE]: role },
    mounts: [],
    readOnlyRootfs: true,
    capDrop: ['ALL'],
    capAdd: [],
    securityOpt: ['no-new-privileges:true'],
    init: false,
    privileged: false,
    networkMode: 'none',
    nanoCpus: 5e8,
    pidsLimit: 16,
    ulimits: [{ name: 'nofile', soft: 1024, hard: 1024 }, NPROC_ULIMIT, { name: 'core', soft: 0, hard: 0 }],
    logDriver: { type: 'none', config: {} },
    tty: false,
    ...o,
    memoryBytes: memory,
    memorySwapBytes: memory,
  };
}

/** The roles of the helpers: one builder each below. */
export type HelperRole = 'probe' | 'holder' | 'chown' | 'lake-holder';

type Ids = { uid: number; gid: number };
type VolumeAt = { name: string; mount: string };

const volumeMounts = (volumes: VolumeAt[], readOnly: boolean): Mount[] =>
  volumes.map((v) => ({ type: 'volume', source: v.name, target: v.mount, readOnly }));

/** Reads small files of an image through a container that is created and never started. */
export function probeContainer(labels: Labels, image: string): ContainerSpec {
  return helperContainer(labels, 'probe', {
    image,
    cmd: ['/nonexistent'],
    pidsLimit: 1,
    memoryBytes: HOLDER_MEMORY_BYTES,
  });
}

/**
 * Keeps volumes mounted for the run (Podman mounts a volume's options only while a running container has it):
 * `sleep infinity` as the sandbox user, the volumes read-only. `lake-holder`: comparator's .lake.
 */
export function holderContainer(
  labels: Labels,
  role: 'holder' | 'lake-holder',
  image: string,
  owner: Ids,
  volumes: VolumeAt[],
): ContainerSpec {
  return helperContainer(labels, role, {
    image,
    entrypoint: ['sleep'],
    cmd: ['infinity'],
    user: `${owner.uid}:${owner.gid}`,
    mounts: volumeMounts(volumes, true),
    pidsLimit: 4,
    memoryBytes: HOLDER_MEMORY_BYTES,
  });
}

/** Gives unbounded volumes to the sandbox user: the one helper that runs as root, with CHOWN and nothing else. */
export function chownContainer(
  labels: Labels,
  image: string,
  owner: Ids,
  volumes: VolumeAt[],
): ContainerSpec {
  return helperContainer(labels, 'chown', {
    image,
    entrypoint: ['chown'],
    cmd: [`${owner.uid}:${owner.gid}`, ...volumes.map((v) => v.mount)],
    user: '0:0',
    capAdd: ['CHOWN'],
    mounts: volumeMounts(volumes, false),
  });
}
