/** The containers layer of the Docker API engine: create, start, wait, follow events, kill, inspect (as made), remove. */
import {
  coverReadOnlyTmpfs,
  podmanCapabilities,
  podmanNetworkMode,
  podmanPidMode,
  podmanUlimit,
} from './podman.js';
import { DockerImages } from './docker-images.js';
import { followContainerEvents, pingEngine } from './events.js';
import { readAll } from './http.js';
import type {
  ContainerEvent,
  ContainerSpec,
  ContainerState,
  EventFollow,
  InspectedContainer,
} from './types.js';

/** The spec's mounts in the Engine API's two shapes: tmpfs mounts as HostConfig.Tmpfs options, the rest as Mounts. */
function toMountsBody(specMounts: ContainerSpec['mounts']): {
  mounts: Record<string, unknown>[];
  tmpfs: Record<string, string>;
} {
  const tmpfs: Record<string, string> = {};
  const mounts = [];
  for (const m of specMounts) {
    if (m.type === 'tmpfs') {
      const t = m.tmpfs!;
      tmpfs[m.target] = [...t.options, `size=${t.sizeBytes}`, `mode=${t.mode.toString(8)}`].join(',');
    } else {
      mounts.push({
        Type: m.type,
        Source: m.source,
        Target: m.target,
        ReadOnly: m.readOnly,
        // Never copy the image's files or the mount point's owner into a volume: it starts empty, ours.
        ...(m.type === 'volume' ? { VolumeOptions: { NoCopy: true } } : {}),
        ...(m.type === 'bind' ? { BindOptions: { Propagation: 'rprivate' } } : {}),
      });
    }
  }
  return { mounts, tmpfs };
}

/** The Engine API's create body for a ContainerSpec: every field the plan decided, nothing left to the engine. */
function toContainerBody(s: ContainerSpec): Record<string, unknown> {
  const { mounts, tmpfs } = toMountsBody(s.mounts);
  return {
    Image: s.image,
    Cmd: s.cmd,
    ...(s.entrypoint ? { Entrypoint: s.entrypoint } : {}),
    User: s.user,
    WorkingDir: s.workingDir,
    Env: s.env,
    Labels: s.labels,
    Tty: s.tty,
    OpenStdin: s.openStdin === true,
    StdinOnce: false,
    AttachStdin: false,
    AttachStdout: true,
    AttachStderr: true,
    ...(s.hostname ? { Hostname: s.hostname } : {}),
    HostConfig: {
      Mounts: mounts,
      Tmpfs: tmpfs,
      ReadonlyRootfs: s.readOnlyRootfs,
      CapDrop: s.capDrop,
      CapAdd: s.capAdd,
      SecurityOpt: s.securityOpt,
      Init: s.init,
      Privileged: s.privileged,
      NetworkMode: s.networkMode,
      Memory: s.memoryBytes,
      MemorySwap: s.memorySwapBytes,
      NanoCpus: s.nanoCpus,
      PidsLimit: s.pidsLimit,
      Ulimits: s.ulimits.map((u) => ({ Name: u.name, Soft: u.soft, Hard: u.hard })),
      ...(s.runtime ? { Runtime: s.runtime } : {}),
      LogConfig: { Type: s.logDriver.type, Config: s.logDriver.config },
      ExtraHosts: s.extraHosts ?? [],
      ...(s.dns ? { Dns: s.dns } : {}),
      ...(s.sysctls ? { Sysctls: s.sysctls } : {}),
      Devices: [],
      IpcMode: 'private',
      PidMode: '',
      UsernsMode: '',
      AutoRemove: false,
    },
  };
}

/** The part of the Engine API's container inspect that the conformance check compares with the plan. */
interface CreatedInspect {
  Config: { User?: string; Entrypoint?: string[] | null; Cmd?: string[] | null };
  HostConfig: {
    ReadonlyRootfs?: boolean;
    Privileged?: boolean;
    CapDrop?: string[] | null;
    CapAdd?: string[] | null;
    SecurityOpt?: string[] | null;
    NetworkMode?: string;
    Memory?: number;
    MemorySwap?: number;
    NanoCpus?: number;
    PidsLimit?: number | null;
    Ulimits?: { Name: string; Soft: number; Hard: number }[] | null;
    Runtime?: string;
    Init?: boolean | null;
    PidMode?: string;
    UsernsMode?: string;
    Devices?: unknown[] | null;
    Tmpfs?: Record<string, string> | null;
  };
  Mounts?: { Type: string; Name?: string; Source: string; Destination: string; RW: boolean }[] | null;
  NetworkSettings?: { Networks?: Record<string, unknown> | null };
}

/**
 * What the engine made, in the plan's own terms: Podman's answers are translated (capabilities against its
 * defaults, network and pid modes, the runtime from its own inspect) so that both engines are checked alike.
 */
function toInspectedContainer(
  j: CreatedInspect,
  runtime: string | null,
  engine: { podman: boolean; seccomp: boolean; podmanDefaultCaps: string[] },
): InspectedContainer {
  const { podman, seccomp } = engine;
  const h = j.HostConfig;
  const caps = podman
    ? podmanCapabilities(h.CapDrop ?? [], h.CapAdd ?? [], engine.podmanDefaultCaps)
    : { capDrop: h.CapDrop ?? [], capAdd: h.CapAdd ?? [] };
  return {
    user: j.Config.User ?? '',
    entrypoint: j.Config.Entrypoint ?? null,
    cmd: j.Config.Cmd ?? null,
    readOnlyRootfs: h.ReadonlyRootfs === true,
    privileged: h.Privileged === true,
    capDrop: caps.capDrop,
    capAdd: caps.capAdd,
    securityOpt: h.SecurityOpt ?? [],
    engineSeccomp: seccomp,
    networkMode: podman
      ? podmanNetworkMode(h.NetworkMode, Object.keys(j.NetworkSettings?.Networks ?? {}))
      : (h.NetworkMode ?? ''),
    memoryBytes: h.Memory ?? 0,
    memorySwapBytes: h.MemorySwap ?? 0,
    nanoCpus: h.NanoCpus ?? 0,
    pidsLimit: h.PidsLimit ?? null,
    ulimits: (h.Ulimits ?? []).map(podmanUlimit),
    runtime: runtime ?? h.Runtime ?? 'runc',
    init: h.Init === true,
    pidMode: podman ? podmanPidMode(h.PidMode) : (h.PidMode ?? ''),
    usernsMode: h.UsernsMode ?? '',
    devices: (h.Devices ?? []).length,
    mounts: (j.Mounts ?? []).map((m) => ({
      type: m.Type,
      source: m.Type === 'volume' ? (m.Name ?? m.Source) : m.Source,
      target: m.Destination,
      readOnly: !m.RW,
    })),
    tmpfs: h.Tmpfs ?? {},
  };
}

export class DockerContainers extends DockerImages {
  async createContainer(spec: ContainerSpec): Promise<string> {
    const j = await this.api.json<{ Id: string }>(
      'POST',
      '/containers/create',
      {
        query: { name: spec.name },
        body: toContainerBody(coverReadOnlyTmpfs(spec, this.info.readOnlyTmpfs)),
      },
      'create container',
    );
    return j.Id;
  }

  async startContainer(id: string): Promise<void> {
    await this.api.call('POST', `/containers/${id}/start`, {}, 'start container', [304]);
  }

  /**
   * Registers a wait for the next exit and resolves once the engine has registered it (it flushes the
   * answer's headers then), so a container started afterwards cannot exit unseen.
   */
  async watchExit(id: string): Promise<{ exit: Promise<number>; cancel(): void }> {
    const res = await this.api.raw(
      'POST',
      `/containers/${id}/wait`,
      { query: { condition: 'next-exit' } },
      'wait',
    );
    if (res.statusCode !== 200) throw this.api.statusError('wait', res.statusCode, await readAll(res.body));
    const exit = readAll(res.body).then((b) => {
      const j = JSON.parse(b.toString('utf8')) as { StatusCode: number };
      return j.StatusCode;
    });
    // A cancelled wait rejects; whoever still awaits it sees that, nobody else does.
    exit.catch(() => undefined);
    return { exit, cancel: () => res.body.destroy() };
  }

  followEvents(id: string, actions: string[], sink: (e: ContainerEvent) => void): Promise<EventFollow> {
    return followContainerEvents(this.api, id, actions, sink);
  }

  ping(): Promise<boolean> {
    return pingEngine(this.api);
  }

  async waitContainer(id: string): Promise<number> {
    const j = await this.api.json<{ StatusCode: number }>(
      'POST',
      `/containers/${id}/wait`,
      { query: { condition: 'not-running' } },
      'wait',
    );
    return j.StatusCode;
  }

  async killContainer(id: string, signal = 'KILL'): Promise<void> {
    // 409: not running any more, which is what we wanted.
    await this.api.call(
      'POST',
      `/containers/${id}/kill`,
      { query: { signal } },
      'kill container',
      [404, 409],
    );
  }

  async inspectContainer(id: string): Promise<ContainerState> {
    const j = await this.api.json<{
      State: {
        Running: boolean;
        ExitCode: number;
        OOMKilled: boolean;
        Error: string;
        StartedAt: string;
        FinishedAt: string;
      };
    }>('GET', `/containers/${id}/json`, {}, 'inspect container');
    return {
      running: j.State.Running,
      exitCode: j.State.ExitCode,
      oomKilled: j.State.OOMKilled,
      error: j.State.Error,
      startedAt: j.State.StartedAt,
      finishedAt: j.State.FinishedAt,
    };
  }

  async inspectCreated(id: string): Promise<InspectedContainer> {
    const podman = this.info.name === 'podman';
    const [j, runtime] = await Promise.all([
      this.api.json<CreatedInspect>('GET', `/containers/${id}/json`, {}, 'inspect container'),
      // Podman's compatible inspect says `oci` for every runtime; its own inspect names the one it will run.
      podman
        ? this.api
            .json<{ OCIRuntime?: string }>('GET', `/libpod/containers/${id}/json`, {}, 'inspect container')
            .then((l) => l.OCIRuntime ?? '')
        : null,
    ]);
    return toInspectedContainer(j, runtime, {
      podman,
      seccomp: this.seccomp,
      podmanDefaultCaps: this.podmanDefaultCaps,
    });
  }

  async removeContainer(id: string): Promise<void> {
    // Podman's forced remove stops a running container as `stop` does (SIGTERM, then its 10 s stop timeout before
    // SIGKILL) where Docker's kills it at once: killed first, so a remove costs the same on both. Its kill answers 500
    // for a container that never ran; the remove that follows reports a real failure.
    if (this.info.name === 'podman') await this.killContainer(id, 'KILL').catch(() => undefined);
    await this.api.call(
      'DELETE',
      `/containers/${id}`,
      { query: { force: 1, v: 1 } },
      'remove container',
      [404],
    );
  }
}
