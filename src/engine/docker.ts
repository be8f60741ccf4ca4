/**
 * The Engine interface over the Docker Engine API (Docker, and Podman's Docker-compatible service): connecting, and
 * `DockerApiEngine`, whose methods are built up by concern (docker-base.ts lists the layers); this file adds the
 * volumes, networks and the labelled listing.
 */
import { EngineError, InputError } from '../config/errors.js';
import { DockerStreams } from './docker-streams.js';
import type { InfoAnswer } from './docker-base.js';
import { ApiClient, parseEndpoint, readAll, type Endpoint } from './http.js';
import { pingIdentity, versionFromPing, type InfoIdentity, type VersionAnswer } from './identify.js';
import {
  PODMAN_READ_ONLY_TMPFS,
  endpointsFor,
  noPodmanHint,
  parsePodmanInfo,
  type EngineChoice,
  type PodmanHost,
} from './podman.js';
import type {
  Engine,
  EngineInfo,
  EngineName,
  Labels,
  NetworkInfo,
  NetworkInspectResponse,
  NetworkSpec,
  ResourceRef,
  VolumeSpec,
} from './types.js';

export { splitRef } from './docker-images.js';

/** The newest API version this client was written against; older engines are spoken to in their own. */
const CLIENT_MAX_API = '1.47';
/** Docker 20.10 speaks 1.41; nothing older is supported (the flags we need are all there). */
const CLIENT_MIN_API = '1.41';

function compareApi(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am! - bm! || an! - bn!;
}

/** Where the engine is: `DOCKER_HOST` / `CONTAINER_HOST` (as the door passes them), else the usual sockets. */
export function defaultEndpoints(env: {
  DOCKER_HOST?: string;
  CONTAINER_HOST?: string;
  XDG_RUNTIME_DIR?: string;
}) {
  return endpointsFor('auto', env);
}

/**
 * Which engine answers: `/_ping` and `/info` at once (identify.ts), or `/version` when those do not tell. `early`
 * is the unversioned `/info` already asked.
 */
async function identify(client: ApiClient, early: Promise<InfoIdentity>): Promise<VersionAnswer> {
  const fromPing = await client
    .raw('GET', '/_ping', {}, 'ping')
    .then(async (res) => {
      await readAll(res.body);
      const p = res.statusCode === 200 ? pingIdentity(res.headers) : null;
      return p ? versionFromPing(p, await early) : null;
    })
    .catch(() => null);
  return fromPing ?? client.json<VersionAnswer>('GET', '/version', {}, 'version');
}

/**
 * Connect to the first endpoint that answers, and learn what it is once. With `choice` (`--engine`), the engine
 * that answers must be that one. /info is asked at the same time as /_ping (unversioned, as /_ping is): one
 * round trip before every run; if that answer fails it is asked again, versioned.
 */
export async function connectEngine(
  endpoints: string[],
  choice: EngineChoice = 'auto',
): Promise<DockerApiEngine> {
  let firstErr: unknown;
  for (const url of endpoints) {
    const client = new ApiClient(parseEndpoint(url), 'engine');
    try {
      const early = client.json<InfoIdentity>('GET', '/info', {}, 'info');
      early.catch(() => undefined);
      const v = await identify(client, early);
      const { name, isPodman, api } = fitEngine(v, url, choice);
      const c = new ApiClient(client.endpoint, name);
      c.setApiVersion(api);
      const [info, podman] = await Promise.all([
        early.catch(() => c.json<InfoAnswer>('GET', '/info', {}, 'info')),
        isPodman ? c.json<unknown>('GET', '/libpod/info', {}, 'info').then(parsePodmanInfo) : null,
      ]);
      const securityOptions = info.SecurityOptions ?? [];
      return new DockerApiEngine(
        c,
        engineInfo(v, client.endpoint, { name, api, info, podman, securityOptions }),
        securityOptions.some((o) => /(^|,)name=seccomp(,|$)/.test(o)),
        podman?.defaultCapabilities ?? [],
        info.Runtimes ?? null,
      );
    } catch (err) {
      // An engine that answered but is unfit (too old, not the one asked for) is the one to report; else a plain
      // "nothing answers".
      if (err instanceof InputError || (err instanceof EngineError && err.engine !== 'engine')) throw err;
      firstErr ??= err;
    }
  }
  failNoEngine(firstErr, endpoints, choice);
}

/**
 * The engine that answered /version, and the API version to speak to it; refused when `--engine` asked for the
 * other one, or when its API is older than the oldest this client speaks.
 */
function fitEngine(
  v: VersionAnswer,
  url: string,
  choice: EngineChoice,
): { name: EngineName; isPodman: boolean; api: string } {
  const isPodman = (v.Components ?? []).some((c) => /podman/i.test(c.Name));
  const name: EngineName = isPodman ? 'podman' : 'docker';
  if (choice !== 'auto' && choice !== name) {
    throw new InputError(
      '--engine',
      `${choice}: the engine at ${url} is ${name} ${v.Version}; pass --engine ${name}, or point ${choice === 'podman' ? 'CONTAINER_HOST' : 'DOCKER_HOST'} at a ${choice} socket`,
    );
  }
  if (compareApi(v.ApiVersion, CLIENT_MIN_API) < 0) {
    throw new EngineError(
      name,
      'version',
      `engine API ${v.ApiVersion} is older than ${CLIENT_MIN_API}`,
      'upgrade to Docker 20.10 or later, or Podman 3 or later',
    );
  }
  const api = compareApi(v.ApiVersion, CLIENT_MAX_API) > 0 ? CLIENT_MAX_API : v.ApiVersion;
  return { name, isPodman, api };
}

/** What connecting learned about the engine, kept for the run (Podman's own /libpod/info is believed first). */
function engineInfo(
  v: VersionAnswer,
  endpoint: Endpoint,
  a: {
    name: EngineName;
    api: string;
    info: InfoAnswer;
    podman: PodmanHost | null;
    securityOptions: string[];
  },
): EngineInfo {
  const { podman, info, securityOptions } = a;
  return {
    name: a.name,
    version: v.Version,
    apiVersion: a.api,
    os: v.Os,
    arch: v.Arch,
    endpoint: endpoint.url,
    local: endpoint.socketPath !== undefined,
    rootless: podman ? podman.rootless : securityOptions.some((o) => /(^|,)name=rootless(,|$)/.test(o)),
    cgroupVersion: podman ? podman.cgroupVersion : info.CgroupVersion ? `v${info.CgroupVersion}` : '',
    readOnlyTmpfs: podman ? PODMAN_READ_ONLY_TMPFS : [],
  };
}

/**
 * No endpoint gave an engine: when the first failure was an engine error (nothing listening, no answer), a plain
 * "nothing answers" that says how to start one; any other first failure is thrown as it was.
 */
function failNoEngine(firstErr: unknown, endpoints: string[], choice: EngineChoice): never {
  if (firstErr instanceof EngineError) {
    if (choice === 'podman') throw new InputError('--engine', `podman: ${noPodmanHint(endpoints)}`);
    throw new EngineError(
      'docker',
      'connect',
      `no engine answers at ${endpoints.join(' or ')}`,
      'start it (`sudo systemctl start docker`, or `sudo scripts/engine-up.sh` here) or set DOCKER_HOST',
    );
  }
  throw firstErr;
}

function labelFilter(label: string): string {
  return JSON.stringify({ label: [label] });
}

export class DockerApiEngine extends DockerStreams implements Engine {
  async createVolume(spec: VolumeSpec): Promise<void> {
    await this.api.json(
      'POST',
      '/volumes/create',
      { body: { Name: spec.name, Driver: spec.driver, DriverOpts: spec.driverOpts, Labels: spec.labels } },
      'create volume',
    );
  }

  async removeVolume(name: string): Promise<void> {
    await this.api.call(
      'DELETE',
      `/volumes/${encodeURIComponent(name)}`,
      { query: { force: 1 } },
      'remove volume',
      [404],
    );
  }

  async createNetwork(spec: NetworkSpec): Promise<string> {
    const j = await this.api.json<{ Id: string }>(
      'POST',
      '/networks/create',
      {
        body: {
          Name: spec.name,
          CheckDuplicate: true,
          Driver: 'bridge',
          Internal: spec.internal,
          EnableIPv6: spec.enableIPv6,
          Options: spec.options,
          Labels: spec.labels,
        },
      },
      'create network',
    );
    return j.Id;
  }

  async connectNetwork(network: string, container: string, opts: { aliases?: string[]; ipv4?: string } = {}) {
    await this.api.call(
      'POST',
      `/networks/${network}/connect`,
      {
        body: {
          Container: container,
          EndpointConfig: {
            Aliases: opts.aliases ?? [],
            ...(opts.ipv4 ? { IPAMConfig: { IPv4Address: opts.ipv4 } } : {}),
          },
        },
      },
      'connect network',
    );
  }

  async inspectNetwork(idOrName: string): Promise<NetworkInfo | null> {
    const j = await this.api.getOrNull<NetworkInspectResponse>(
      `/networks/${encodeURIComponent(idOrName)}`,
      'inspect network',
    );
    if (!j) return null;
    const cfg = (j.IPAM?.Config ?? []).filter((c) => c.Subnet && !c.Subnet.includes(':'));
    return {
      id: j.Id,
      name: j.Name,
      internal: j.Internal,
      subnets: cfg.map((c) => c.Subnet!),
      // Podman names an internal network's missing gateway `<nil>`.
      gateways: cfg.flatMap((c) => (c.Gateway && c.Gateway !== '<nil>' ? [c.Gateway] : [])),
      options: j.Options ?? {},
      driver: j.Driver ?? '',
      enableIPv6: j.EnableIPv6 === true,
      labels: j.Labels ?? {},
    };
  }

  async containerAddresses(id: string): Promise<Record<string, string>> {
    const j = await this.api.json<{
      NetworkSettings?: { Networks?: Record<string, { IPAddress?: string }> | null };
    }>('GET', `/containers/${id}/json`, {}, 'inspect container');
    const out: Record<string, string> = {};
    for (const [name, n] of Object.entries(j.NetworkSettings?.Networks ?? {})) {
      if (n.IPAddress) out[name] = n.IPAddress;
    }
    return out;
  }

  async removeNetwork(id: string): Promise<void> {
    await this.api.call('DELETE', `/networks/${id}`, {}, 'remove network', [404]);
  }

  async listLabelled(label: string): Promise<ResourceRef[]> {
    const filters = labelFilter(label);
    const [containers, volumes, networks] = await Promise.all([
      this.api.json<{ Id: string; Names: string[]; Labels: Labels | null }[]>(
        'GET',
        '/containers/json',
        { query: { all: 1, filters } },
        'list containers',
      ),
      this.api.json<{ Volumes: { Name: string; Labels: Labels | null }[] | null }>(
        'GET',
        '/volumes',
        { query: { filters } },
        'list volumes',
      ),
      this.api.json<{ Id: string; Name: string; Labels: Labels | null }[]>(
        'GET',
        '/networks',
        { query: { filters } },
        'list networks',
      ),
    ]);
    return [
      ...containers.map((c) => ({
        kind: 'container' as const,
        id: c.Id,
        name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
        labels: c.Labels ?? {},
      })),
      ...(volumes.Volumes ?? []).map((v) => ({
        kind: 'volume' as const,
        id: v.Name,
        name: v.Name,
        labels: v.Labels ?? {},
      })),
      ...networks.map((n) => ({ kind: 'network' as const, id: n.Id, name: n.Name, labels: n.Labels ?? {} })),
    ];
  }
}
