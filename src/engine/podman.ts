/**
 * What Podman's Docker-compatible service says differently from Docker, in one place (docs/engines.md). Pure: the
 * engine layer hands in Podman's answers and gets Docker's vocabulary back, with nothing hidden or guessed.
 */
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import type { ContainerSpec, EngineName, Ulimit } from './types.js';

/** `--engine`: which engine to look for (auto: DOCKER_HOST, CONTAINER_HOST, then the usual sockets). */
export type EngineChoice = 'auto' | EngineName;

export const ROOTFUL_PODMAN_SOCKET = 'unix:///run/podman/podman.sock';
export const DOCKER_SOCKET = 'unix:///var/run/docker.sock';

/** The sockets to try for `--engine`, from the environment the door passes in. */
export function endpointsFor(
  choice: EngineChoice,
  env: { DOCKER_HOST?: string; CONTAINER_HOST?: string; XDG_RUNTIME_DIR?: string },
): string[] {
  const rootless = env.XDG_RUNTIME_DIR ? [`unix://${env.XDG_RUNTIME_DIR}/podman/podman.sock`] : [];
  if (choice === 'docker') return [env.DOCKER_HOST || DOCKER_SOCKET];
  if (choice === 'podman') {
    if (env.CONTAINER_HOST) return [env.CONTAINER_HOST];
    return [ROOTFUL_PODMAN_SOCKET, ...rootless];
  }
  if (env.DOCKER_HOST) return [env.DOCKER_HOST];
  if (env.CONTAINER_HOST) return [env.CONTAINER_HOST];
  return [DOCKER_SOCKET, ROOTFUL_PODMAN_SOCKET, ...rootless];
}

/** What to do when `--engine podman` finds no Podman service (one line, with the sockets it tried). */
export function noPodmanHint(tried: string[]): string {
  return `no Podman service answers at ${tried.join(' or ')}; start one (\`podman system service --time=0 &\`, or \`systemctl --user start podman.socket\` for rootless Podman) or set CONTAINER_HOST to its socket`;
}

/** The facts of `GET /libpod/info` that sandbox-action uses. */
export interface PodmanHost {
  rootless: boolean;
  /** `v1` or `v2`. */
  cgroupVersion: string;
  cgroupControllers: string[];
  /** containers.conf `default_capabilities`, as Podman reports them (`CAP_CHOWN,...`). */
  defaultCapabilities: string[];
}

export function parsePodmanInfo(j: unknown): PodmanHost {
  const host = (j as { host?: Record<string, unknown> }).host ?? {};
  const sec = (host.security ?? {}) as { rootless?: boolean; capabilities?: string };
  return {
    rootless: sec.rootless === true,
    cgroupVersion: typeof host.cgroupVersion === 'string' ? host.cgroupVersion : '',
    cgroupControllers: Array.isArray(host.cgroupControllers) ? (host.cgroupControllers as string[]) : [],
    defaultCapabilities: (sec.capabilities ?? '')
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean),
  };
}

/**
 * Rootless Podman on cgroup v1 drops every resource limit of a container (`Resource limits are not supported and
 * ignored on cgroups V1 rootless systems`: memory, memory+swap, CPUs and pids), so a fork bomb or a memory flood
 * would meet no limit. Refused before anything is created; the conformance check would refuse it too.
 */
export function podmanLimitsProblem(info: {
  name: EngineName;
  rootless: boolean;
  cgroupVersion: string;
}): string | null {
  if (info.name !== 'podman' || !info.rootless || info.cgroupVersion !== 'v1') return null;
  return 'rootless Podman on a cgroup v1 host ignores --memory, --cpus and --pids (Podman drops every resource limit there), so the sandbox would have none; use rootful Podman (`sudo podman system service`), Docker, or a cgroup v2 host that delegates the memory, pids and cpu controllers to the user';
}

/**
 * gVisor through Podman: Podman's API lists a runtime's path but not the arguments it runs it with, so whether
 * runsc applies the seccomp profile inside the sandbox (`--oci-seccomp`), or which network mode it takes, cannot
 * be read; runsc is refused there rather than run unverified.
 */
export const PODMAN_NO_RUNSC =
  "Podman's API does not report the arguments it runs a runtime with, so --oci-seccomp (gVisor's seccomp inside the sandbox) cannot be confirmed; use Docker for --isolation runsc (docs/engines.md)";

/**
 * Podman 4.3 (conmon 2.1.6 on cgroup v1) reports `OOMKilled: false` even when the kernel's OOM killer killed the
 * container's processes, so an out-of-memory kill shows only as exit 137 (SIGKILL); the result says so.
 */
export const PODMAN_OOM_NOTE =
  'exit 137 (SIGKILL) under Podman, which does not report OOM kills: if the command reached --memory, this was the OOM killer (docs/engines.md)';

/** Docker's default capability set: what Podman's compatible service measures its CapDrop against. */
export const DOCKER_DEFAULT_CAPS = [
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'NET_RAW',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
];

const bare = (c: string) => c.toUpperCase().replace(/^CAP_/, '');

/**
 * Podman reports capabilities relative to a default set: CapDrop lists the defaults the container lacks, CapAdd
 * what it has beyond them (it never says `ALL`). The container's bounding set is then (defaults − CapDrop) ∪ CapAdd,
 * with the defaults taken as Docker's set together with containers.conf's (Podman 4.3's compatible service measures
 * against the first, `/libpod/info` reports the second). Returned in Docker's terms: drop ALL, add that set.
 * A default capability beyond both lists would not show here; the self-check reads the bounding set in the kernel.
 */
export function podmanCapabilities(
  capDrop: string[],
  capAdd: string[],
  defaults: string[],
): { capDrop: string[]; capAdd: string[] } {
  const dropped = new Set(capDrop.map(bare));
  const all = new Set([...DOCKER_DEFAULT_CAPS, ...defaults.map(bare)]);
  const granted = new Set([...[...all].filter((c) => !dropped.has(c)), ...capAdd.map(bare)]);
  return { capDrop: ['ALL'], capAdd: [...granted].sort() };
}

/** Podman names ulimits as `RLIMIT_NOFILE`; Docker as `nofile`. */
export function podmanUlimit(u: { Name: string; Soft: number; Hard: number }): Ulimit {
  return { name: u.Name.toLowerCase().replace(/^rlimit_/, ''), soft: u.Soft, hard: u.Hard };
}

/**
 * Podman reports `bridge` as the network mode of a container on any network and names the networks apart; Docker
 * names the one network (`bridge` for its default, Podman's `podman`). More than one network stays visibly wrong.
 */
export function podmanNetworkMode(mode: string | undefined, networks: string[]): string {
  if (mode !== 'bridge') return mode ?? '';
  if (networks.length === 1) return networks[0] === 'podman' ? 'bridge' : networks[0]!;
  return `bridge:${networks.join(',')}`;
}

/** Podman reports a private pid namespace as `private`; Docker as the empty string. */
export function podmanPidMode(mode: string | undefined): string {
  return mode === 'private' ? '' : (mode ?? '');
}

/**
 * Under a read-only root Podman mounts writable tmpfs on /run, /tmp and /var/tmp by itself (`--read-only-tmpfs`,
 * which its Docker-compatible create always turns on). The plan covers the ones it does not mount itself.
 */
export const PODMAN_READ_ONLY_TMPFS = ['/run', '/tmp', '/var/tmp'];

/**
 * A read-only root stays read-only on Podman: each of its own writable tmpfs not already mounted by the spec is
 * covered with an empty read-only one (as the sandbox's plan does; here for every other container: the proxy,
 * helpers, audit and comparator steps). Pure; a writable root, or an engine without them, is left as it is.
 */
export function coverReadOnlyTmpfs(spec: ContainerSpec, engineTmpfs: readonly string[]): ContainerSpec {
  if (!spec.readOnlyRootfs || engineTmpfs.length === 0) return spec;
  const missing = engineTmpfs.filter((t) => !spec.mounts.some((m) => m.target === t));
  if (missing.length === 0) return spec;
  return {
    ...spec,
    mounts: [
      ...spec.mounts,
      ...missing.map((target) => ({
        type: 'tmpfs' as const,
        source: '',
        target,
        readOnly: true,
        tmpfs: { sizeBytes: 64 * 1024, mode: 0o755, options: ['ro', 'nosuid', 'nodev', 'noexec'] },
      })),
    ],
  };
}

/**
 * A tmpfs volume's size for Podman's local driver. Podman before 4.8 takes `size=` out of a volume's `o` as an XFS
 * project-quota request and refuses it elsewhere; `nr_blocks` (pages) is the same tmpfs cap under another name.
 * x86-64 pages are 4 KiB; other architectures' page size is not known from the API, so null there.
 */
export function podmanTmpfsBlocks(sizeBytes: number, arch: string): string | null {
  if (arch !== 'amd64' && arch !== 'x86_64') return null;
  return `nr_blocks=${Math.ceil(sizeBytes / 4096)}`;
}

/**
 * Podman 4.3 archives a mount point (GET /archive?path=/output, a volume) with its entries rooted at `/` (`/`,
 * `/a`, `/d/b`) where Docker names them under the directory (`output/`, `output/a`). The entries are renamed on the
 * way (a leading `/` becomes `output/`, a hard link's target too), nothing else is touched: the collector then judges
 * the same names on both engines. Destroying the result destroys the engine's answer.
 */
export function archiveUnderBase(src: Readable, base: string): Readable {
  const extract = tar.extract();
  const pack = tar.pack();
  const rename = (n: string) => (n.startsWith('/') ? `${base}/${n.replace(/^\/+/, '')}` : n);
  extract.on('entry', (header, stream, next) => {
    const h = { ...header, name: rename(header.name) };
    if (h.type === 'link' && h.linkname) h.linkname = rename(h.linkname);
    stream.pipe(pack.entry(h, (err) => (err ? extract.destroy(err) : next())));
  });
  extract.on('finish', () => pack.finalize());
  extract.on('error', (err) => pack.destroy(err));
  src.on('error', (err) => extract.destroy(err));
  src.pipe(extract);
  const out = Readable.from(pack);
  out.on('close', () => {
    if (!src.readableEnded) src.destroy();
    extract.destroy();
  });
  return out;
}
