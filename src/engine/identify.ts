/**
 * Which engine answers, in one cheap round trip: `GET /_ping` (about 2 ms on Docker 20.10, against 25-40 ms for
 * `/version`, which asks containerd and runc for their versions) names the API version (`Api-Version`) and the
 * engine (`Server: Docker/20.10.24 (linux)`, or `Libpod/4.3.1 (linux)` with a `Libpod-Api-Version` header on
 * Podman). `/info`, asked at the same time anyway, adds the OS and architecture. Together they give what
 * `/version` gave. When `/_ping` does not say all of that (a proxy in between, an engine that leaves the headers
 * out), or `/info` fails, the caller asks `/version` as before.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { InfoAnswer } from './docker-base.js';

/** The part of `/version`'s answer this client uses. */
export interface VersionAnswer {
  Version: string;
  ApiVersion: string;
  Os: string;
  Arch: string;
  Components?: { Name: string; Version: string }[];
}

export interface PingIdentity {
  api: string;
  podman: boolean;
  version: string;
}

const one = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h)?.trim() ?? '';

/** What `/_ping`'s headers say, or null when they do not name both the API version and the engine. */
export function pingIdentity(h: IncomingHttpHeaders): PingIdentity | null {
  const api = one(h['api-version']);
  const server = /^(Docker|Libpod)\/(\S+)(?:\s|$)/.exec(one(h.server));
  if (!/^\d+\.\d+$/.test(api) || !server) return null;
  const podman = server[1] === 'Libpod';
  // A Podman service says so twice; a Server header alone that says Libpod is not enough to go on.
  if (podman !== (one(h['libpod-api-version']) !== '')) return null;
  return { api, podman, version: server[2]! };
}

/** `uname -m` (Docker's /info) to Go's names (/version's, and Podman's /info). */
const GO_ARCH: Record<string, string> = {
  x86_64: 'amd64',
  amd64: 'amd64',
  aarch64: 'arm64',
  arm64: 'arm64',
  armv7l: 'arm',
  armv6l: 'arm',
  i386: '386',
  i686: '386',
  ppc64le: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
};

export interface InfoIdentity extends InfoAnswer {
  OSType?: string;
  Architecture?: string;
}

/** `/version`'s answer from `/_ping` and `/info`, or null when /info lacks the OS or the architecture. */
export function versionFromPing(p: PingIdentity, info: InfoIdentity): VersionAnswer | null {
  const arch = info.Architecture ? GO_ARCH[info.Architecture] : undefined;
  if (!info.OSType || !arch) return null;
  return {
    Version: p.version,
    ApiVersion: p.api,
    Os: info.OSType,
    Arch: arch,
    Components: p.podman ? [{ Name: 'Podman Engine', Version: p.version }] : [],
  };
}
