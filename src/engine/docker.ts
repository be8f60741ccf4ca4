/** The Engine interface over the Docker Engine API (Docker, and Podman's Docker-compatible service). */
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import { EngineError, InputError } from '../config/errors.js';
import { ApiClient, parseEndpoint, readAll } from './http.js';
import { Demuxer } from './demux.js';
import { followContainerEvents, pingEngine } from './events.js';
import {
  PODMAN_READ_ONLY_TMPFS,
  coverReadOnlyTmpfs,
  archiveUnderBase,
  endpointsFor,
  noPodmanHint,
  parsePodmanInfo,
  podmanCapabilities,
  podmanNetworkMode,
  podmanPidMode,
  podmanUlimit,
  type EngineChoice,
} from './podman.js';
import type {
  AttachedStreams,
  ContainerEvent,
  EventFollow,
  BuildProgressLine,
  ImageInspectResponse,
  NetworkInspectResponse,
  PushProgressLine,
  ContainerSpec,
  ExecSpec,
  ExecState,
  ExecStream,
  InteractiveExec,
  ProcessTable,
  ContainerState,
  Engine,
  EngineInfo,
  EngineName,
  ExecResult,
  ImageInfo,
  InspectedContainer,
  Labels,
  BuildOptions,
  NetworkInfo,
  NetworkSpec,
  PathStat,
  RegistryAuth,
  RuntimeInfo,
  ResourceRef,
  VolumeSpec,
} from './types.js';

/** The newest API version this client was written against; older engines are spoken to in their own. */
const CLIENT_MAX_API = '1.47';
/** Docker 20.10 speaks 1.41; nothing older is supported (the flags we need are all there). */
const CLIENT_MIN_API = '1.41';

function compareApi(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am! - bm! || an! - bn!;
}

interface VersionAnswer {
  Version: string;
  ApiVersion: string;
  MinAPIVersion?: string;
  Os: string;
  Arch: string;
  Components?: { Name: string; Version: string }[];
}

/** Where the engine is: `DOCKER_HOST` / `CONTAINER_HOST` (as the door passes them), else the usual sockets. */
export function defaultEndpoints(env: {
  DOCKER_HOST?: string;
  CONTAINER_HOST?: string;
  XDG_RUNTIME_DIR?: string;
}) {
  return endpointsFor('auto', env);
}

interface InfoAnswer {
  SecurityOptions?: string[] | null;
  CgroupVersion?: string;
  Runtimes?: Record<string, { runtimeArgs?: string[] } | null>;
}

/**
 * Connect to the first endpoint that answers, and learn what it is once. With `choice` (`--engine`), the engine
 * that answers must be that one. /info is asked at the same time as /version (unversioned, as /version is): one
 * round trip fewer before every run; if that answer fails it is asked again, versioned.
 */
export async function connectEngine(
  endpoints: string[],
  choice: EngineChoice = 'auto',
): Promise<DockerApiEngine> {
  let firstErr: unknown;
  for (const url of endpoints) {
    const client = new ApiClient(parseEndpoint(url), 'engine');
    try {
      const early = client.json<InfoAnswer>('GET', '/info', {}, 'info');
      early.catch(() => undefined);
      const v = await client.json<VersionAnswer>('GET', '/version', {}, 'version');
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
      const c = new ApiClient(client.endpoint, name);
      c.setApiVersion(api);
      const [info, podman] = await Promise.all([
        early.catch(() => c.json<InfoAnswer>('GET', '/info', {}, 'info')),
        isPodman ? c.json<unknown>('GET', '/libpod/info', {}, 'info').then(parsePodmanInfo) : null,
      ]);
      const securityOptions = info.SecurityOptions ?? [];
      return new DockerApiEngine(
        c,
        {
          name,
          version: v.Version,
          apiVersion: api,
          os: v.Os,
          arch: v.Arch,
          endpoint: client.endpoint.url,
          local: client.endpoint.socketPath !== undefined,
          rootless: podman ? podman.rootless : securityOptions.some((o) => /(^|,)name=rootless(,|$)/.test(o)),
          cgroupVersion: podman ? podman.cgroupVersion : info.CgroupVersion ? `v${info.CgroupVersion}` : '',
          readOnlyTmpfs: podman ? PODMAN_READ_ONLY_TMPFS : [],
        },
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

function toContainerBody(s: ContainerSpec): Record<string, unknown> {
  const tmpfs: Record<string, string> = {};
  const mounts = [];
  for (const m of s.mounts) {
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

/** `repo:tag` → parts (a colon before the last slash is a registry port, not a tag). */
export function splitRef(ref: string): { repo: string; tag: string } {
  const i = ref.lastIndexOf(':');
  return i > ref.lastIndexOf('/')
    ? { repo: ref.slice(0, i), tag: ref.slice(i + 1) }
    : { repo: ref, tag: 'latest' };
}

export class DockerApiEngine implements Engine {
  constructor(
    private readonly api: ApiClient,
    readonly info: EngineInfo,
    /** The engine applies its default seccomp profile to containers (`/info` SecurityOptions). */
    private readonly seccomp: boolean,
    /** Podman only: containers.conf's default capabilities (what its inspect measures CapDrop against). */
    private readonly podmanDefaultCaps: string[] = [],
    /** The runtimes /info listed at connect time (null: ask when needed). */
    private readonly knownRuntimes: InfoAnswer['Runtimes'] | null = null,
  ) {}

  async runtimes(): Promise<RuntimeInfo[]> {
    const runtimes =
      this.knownRuntimes ??
      (
        await this.api.json<{ Runtimes?: Record<string, { runtimeArgs?: string[] } | null> }>(
          'GET',
          '/info',
          {},
          'info',
        )
      ).Runtimes;
    return Object.entries(runtimes ?? {}).map(([name, r]) => ({ name, args: r?.runtimeArgs ?? [] }));
  }

  async imageInspect(ref: string): Promise<ImageInfo | null> {
    const j = await this.api.getOrNull<ImageInspectResponse>(
      `/images/${encodeURIComponent(ref)}/json`,
      'inspect image',
    );
    if (!j) return null;
    const c = j.Config ?? {};
    return {
      id: j.Id,
      user: c.User ?? '',
      workingDir: c.WorkingDir ?? '',
      env: c.Env ?? [],
      entrypoint: c.Entrypoint ?? null,
      cmd: c.Cmd ?? null,
      os: j.Os,
      arch: j.Architecture,
      labels: c.Labels ?? {},
    };
  }

  async imagePull(ref: string): Promise<void> {
    // The pull answers 200 then streams progress; an error arrives as a JSON line with `error`.
    await this.api.progress('POST', '/images/create', { query: { fromImage: ref } }, `pull ${ref}`);
  }

  async imageBuild(
    context: Readable,
    o: BuildOptions,
    progress: (line: string) => void = () => undefined,
  ): Promise<string> {
    const query: Record<string, string | number> = {
      dockerfile: o.dockerfile ?? 'Dockerfile',
      buildargs: JSON.stringify(o.buildArgs ?? {}),
      labels: JSON.stringify(o.labels ?? {}),
      rm: 1,
      forcerm: 1,
      pull: o.pull ? 1 : 0,
      nocache: o.noCache ? 1 : 0,
      ...(o.platform ? { platform: o.platform } : {}),
    };
    // Several tags are several `t` parameters: the first goes in the query, the rest are tagged after.
    const [first, ...rest] = o.tags;
    if (first) query.t = first;
    let id = '';
    await this.api.progress<BuildProgressLine>(
      'POST',
      '/build',
      { query, bodyStream: context, headers: { 'content-type': 'application/x-tar' } },
      'build image',
      (j) => {
        if (j.aux?.ID) id = j.aux.ID;
        if (j.stream) {
          const m = /Successfully built ([0-9a-f]+)/.exec(j.stream);
          if (m && !id) id = m[1]!;
          for (const l of j.stream.split('\n')) if (l.trim()) progress(l);
        }
      },
    );
    if (!id) throw new EngineError(this.info.name, 'build image', 'the engine reported no image id');
    for (const t of rest) await this.imageTag(id, t);
    return id;
  }

  async imageImport(rootfs: Readable, ref: string, changes: string[]): Promise<void> {
    // The whole reference in `repo` (the API allows a tag there): Podman 4.3 ignores a separate `tag`.
    const qs = new URLSearchParams({ fromSrc: '-', repo: ref });
    for (const c of changes) qs.append('changes', c);
    // Several `changes` parameters: the query is written here, not through the one-value-per-key helper.
    let id = '';
    await this.api.progress<{ error?: string; status?: string }>(
      'POST',
      `/images/create?${qs}`,
      { bodyStream: rootfs, headers: { 'content-type': 'application/x-tar' } },
      `import ${ref}`,
      (j) => {
        if (j.status && /^sha256:[0-9a-f]{64}$/.test(j.status)) id = j.status;
      },
    );
    // Tagged by the id it reported as well: the name is then the one asked for, whatever the engine made of it.
    if (!id) throw new EngineError(this.info.name, `import ${ref}`, 'the engine reported no image id');
    await this.imageTag(id, ref);
  }

  async imageTag(source: string, ref: string): Promise<void> {
    const { repo, tag } = splitRef(ref);
    await this.api.call(
      'POST',
      `/images/${encodeURIComponent(source)}/tag`,
      { query: { repo, tag } },
      `tag ${ref}`,
    );
  }

  async imagePush(ref: string, auth: RegistryAuth | null): Promise<{ digest: string; size: number }> {
    const { repo, tag } = splitRef(ref);
    // The engine wants the credentials as base64url JSON in a header: never on a command line.
    // URL-safe base64 *with* padding: the engine decodes it with Go's base64.URLEncoding.
    const header = Buffer.from(JSON.stringify(auth ?? {}))
      .toString('base64')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
    let digest = '';
    let size = 0;
    await this.api.progress<PushProgressLine>(
      'POST',
      `/images/${encodeURIComponent(repo)}/push`,
      { query: { tag }, headers: { 'x-registry-auth': header } },
      `push ${ref}`,
      (j) => {
        if (j.aux?.Digest) {
          digest = j.aux.Digest;
          size = j.aux.Size ?? 0;
        }
      },
    );
    if (!digest) throw new EngineError(this.info.name, `push ${ref}`, 'the engine reported no digest');
    return { digest, size };
  }

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

  async attach(
    id: string,
    sink: (stream: 'stdout' | 'stderr', chunk: Buffer) => void,
  ): Promise<AttachedStreams> {
    const res = await this.api.raw(
      'POST',
      `/containers/${id}/attach`,
      { query: { stream: 1, stdout: 1, stderr: 1, logs: 0 } },
      'attach',
    );
    if (res.statusCode !== 200) throw this.api.statusError('attach', res.statusCode, await readAll(res.body));
    const demux = new Demuxer(sink);
    const done = new Promise<void>((resolve) => {
      res.body.on('data', (c: Buffer) => demux.push(c));
      res.body.on('end', resolve);
      res.body.on('close', resolve);
      res.body.on('error', () => resolve());
    });
    return { done, close: () => res.body.destroy() };
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
      this.api.json<{
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
      }>('GET', `/containers/${id}/json`, {}, 'inspect container'),
      // Podman's compatible inspect says `oci` for every runtime; its own inspect names the one it will run.
      podman
        ? this.api
            .json<{ OCIRuntime?: string }>('GET', `/libpod/containers/${id}/json`, {}, 'inspect container')
            .then((l) => l.OCIRuntime ?? '')
        : null,
    ]);
    const seccomp = this.seccomp;
    const h = j.HostConfig;
    const caps = podman
      ? podmanCapabilities(h.CapDrop ?? [], h.CapAdd ?? [], this.podmanDefaultCaps)
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

  async exec(id: string, cmd: string[], opts: { user?: string } = {}): Promise<ExecResult> {
    const created = await this.api.json<{ Id: string }>(
      'POST',
      `/containers/${id}/exec`,
      { body: { Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: false, User: opts.user ?? '' } },
      'exec',
    );
    const res = await this.api.raw(
      'POST',
      `/exec/${created.Id}/start`,
      { body: { Detach: false, Tty: false } },
      'exec',
    );
    if (res.statusCode !== 200) throw this.api.statusError('exec', res.statusCode, await readAll(res.body));
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const demux = new Demuxer((s, b) => (s === 'stdout' ? out : err).push(Buffer.from(b)));
    for await (const chunk of res.body) demux.push(chunk as Buffer);
    const inspect = await this.api.json<{ ExitCode: number }>('GET', `/exec/${created.Id}/json`, {}, 'exec');
    return {
      exitCode: inspect.ExitCode,
      stdout: Buffer.concat(out).toString('utf8'),
      stderr: Buffer.concat(err).toString('utf8'),
    };
  }

  private async execCreate(id: string, spec: ExecSpec, tty: boolean): Promise<string> {
    const created = await this.api.json<{ Id: string }>(
      'POST',
      `/containers/${id}/exec`,
      {
        body: {
          Cmd: spec.cmd,
          User: spec.user,
          Env: spec.env ?? [],
          ...(spec.workingDir ? { WorkingDir: spec.workingDir } : {}),
          AttachStdin: tty,
          AttachStdout: true,
          AttachStderr: true,
          Tty: tty,
          Privileged: false,
        },
      },
      'exec',
    );
    return created.Id;
  }

  async execStream(
    id: string,
    spec: ExecSpec,
    sink: (stream: 'stdout' | 'stderr', chunk: Buffer) => void,
  ): Promise<ExecStream> {
    const execId = await this.execCreate(id, spec, false);
    const res = await this.api.raw(
      'POST',
      `/exec/${execId}/start`,
      { body: { Detach: false, Tty: false } },
      'exec',
    );
    if (res.statusCode !== 200) throw this.api.statusError('exec', res.statusCode, await readAll(res.body));
    const demux = new Demuxer(sink);
    const done = new Promise<void>((resolve) => {
      res.body.on('data', (c: Buffer) => demux.push(c));
      res.body.on('end', resolve);
      res.body.on('close', resolve);
      res.body.on('error', () => resolve());
    });
    return { id: execId, done, close: () => res.body.destroy() };
  }

  async execInspect(execId: string): Promise<ExecState> {
    const j = await this.api.json<{ Running: boolean; ExitCode: number | null }>(
      'GET',
      `/exec/${execId}/json`,
      {},
      'inspect exec',
    );
    return { running: j.Running, exitCode: j.Running ? null : j.ExitCode };
  }

  async execInteractive(
    id: string,
    spec: ExecSpec,
    size: { rows: number; cols: number },
  ): Promise<InteractiveExec> {
    const execId = await this.execCreate(id, spec, true);
    const stream = await this.api.upgrade(
      'POST',
      `/exec/${execId}/start`,
      { Detach: false, Tty: true },
      'exec',
    );
    const resize = async (rows: number, cols: number) => {
      // The engine refuses a resize of an exec that has ended: nothing to resize then.
      await this.api.call(
        'POST',
        `/exec/${execId}/resize`,
        { query: { h: rows, w: cols } },
        'resize exec',
        [404, 409, 500],
      );
    };
    await resize(size.rows, size.cols);
    return { id: execId, stream, resize };
  }

  async top(id: string, psArgs?: string): Promise<ProcessTable> {
    const j = await this.api.json<{ Titles: string[] | null; Processes: string[][] | null }>(
      'GET',
      `/containers/${id}/top`,
      { query: psArgs ? { ps_args: psArgs } : {} },
      'list processes',
    );
    return { titles: j.Titles ?? [], processes: j.Processes ?? [] };
  }

  async putArchive(id: string, path: string, tar: Readable): Promise<void> {
    await this.api.call(
      'PUT',
      `/containers/${id}/archive`,
      {
        query: { path, noOverwriteDirNonDir: 1 },
        bodyStream: tar,
        headers: { 'content-type': 'application/x-tar' },
      },
      `copy into ${path}`,
    );
  }

  async getArchive(id: string, path: string): Promise<Readable> {
    const res = await this.api.raw(
      'GET',
      `/containers/${id}/archive`,
      { query: { path } },
      `copy out of ${path}`,
    );
    if (res.statusCode !== 200)
      throw this.api.statusError(`copy out of ${path}`, res.statusCode, await readAll(res.body));
    return this.info.name === 'podman' ? archiveUnderBase(res.body, posix.basename(path)) : res.body;
  }

  async statPath(id: string, path: string): Promise<PathStat | null> {
    const res = await this.api.raw('HEAD', `/containers/${id}/archive`, { query: { path } }, `stat ${path}`);
    const body = await readAll(res.body);
    if (res.statusCode === 404) return null;
    if (res.statusCode !== 200) throw this.api.statusError(`stat ${path}`, res.statusCode, body);
    const header = res.headers['x-docker-container-path-stat'];
    if (typeof header !== 'string')
      throw new EngineError(this.info.name, `stat ${path}`, 'the engine sent no path stat');
    const j = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as Partial<PathStat>;
    return {
      name: String(j.name ?? ''),
      size: Number(j.size ?? 0),
      mode: Number(j.mode ?? 0),
      linkTarget: String(j.linkTarget ?? ''),
    };
  }

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
