/**
 * The Docker Engine API engine is built up by concern, one layer per file, each adding the Engine methods of its
 * concern: this base (the client and what connecting learned) → images (docker-images.ts) → containers
 * (docker-containers.ts) → exec, attach and archive streams (docker-streams.ts) → volumes, networks and the
 * public `DockerApiEngine` (docker.ts).
 */
import type { ApiClient } from './http.js';
import type { EngineInfo, RuntimeInfo } from './types.js';

/** What `/info` answers that the engine keeps. */
export interface InfoAnswer {
  SecurityOptions?: string[] | null;
  CgroupVersion?: string;
  Runtimes?: Record<string, { runtimeArgs?: string[] } | null>;
}

export class DockerEngineBase {
  constructor(
    protected readonly api: ApiClient,
    readonly info: EngineInfo,
    /** The engine applies its default seccomp profile to containers (`/info` SecurityOptions). */
    protected readonly seccomp: boolean,
    /** Podman only: containers.conf's default capabilities (what its inspect measures CapDrop against). */
    protected readonly podmanDefaultCaps: string[] = [],
    /** The runtimes /info listed at connect time (null: ask when needed). */
    protected readonly knownRuntimes: InfoAnswer['Runtimes'] | null = null,
  ) {}

  async runtimes(): Promise<RuntimeInfo[]> {
    const runtimes =
      this.knownRuntimes ?? (await this.api.json<InfoAnswer>('GET', '/info', {}, 'info')).Runtimes;
    return Object.entries(runtimes ?? {}).map(([name, r]) => ({ name, args: r?.runtimeArgs ?? [] }));
  }
}
