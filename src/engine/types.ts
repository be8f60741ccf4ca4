/**
 * The engine interface: everything sandbox-action asks of a container engine, and nothing about policy.
 * One implementation speaks the Docker Engine API (Docker, and Podman's compatible service).
 */
import type { Duplex, Readable } from 'node:stream';

export type EngineName = 'docker' | 'podman';

export interface EngineInfo {
  name: EngineName;
  /** The engine's own version, e.g. `20.10.24+dfsg1`. */
  version: string;
  /** The API version this client speaks to it. */
  apiVersion: string;
  os: string;
  arch: string;
  /** Where it was reached: `unix:///var/run/docker.sock`. */
  endpoint: string;
  /** True when the engine runs on this host (unix socket), so host paths and loop devices are shared with it. */
  local: boolean;
  /** The engine runs as an ordinary user (rootless Podman, rootless Docker). */
  rootless: boolean;
  /** `v1` or `v2`, as the engine reports its cgroups. */
  cgroupVersion: string;
  /** Where the engine mounts a writable tmpfs by itself when the root is read-only (Podman: /run, /tmp, /var/tmp). */
  readOnlyTmpfs: string[];
}

export type Labels = Record<string, string>;

export interface Mount {
  type: 'volume' | 'bind' | 'tmpfs';
  /** Volume name or host path; empty for tmpfs. */
  source: string;
  target: string;
  readOnly: boolean;
  /** tmpfs only. */
  tmpfs?: { sizeBytes: number; mode: number; options: string[] };
}

export interface Ulimit {
  name: string;
  soft: number;
  hard: number;
}

/** A container as data: every security-relevant flag is a field here, so a test can read it off the plan. */
export interface ContainerSpec {
  name: string;
  image: string;
  cmd: string[];
  entrypoint?: string[];
  user: string;
  workingDir: string;
  env: string[];
  labels: Labels;
  mounts: Mount[];
  readOnlyRootfs: boolean;
  capDrop: string[];
  capAdd: string[];
  securityOpt: string[];
  init: boolean;
  privileged: false;
  networkMode: string;
  memoryBytes: number;
  memorySwapBytes: number;
  nanoCpus: number;
  pidsLimit: number;
  ulimits: Ulimit[];
  runtime?: string;
  logDriver: { type: string; config: Record<string, string> };
  hostname?: string;
  extraHosts?: string[];
  dns?: string[];
  /** Namespaced kernel settings of the container's own network namespace (the proxy's low ports). */
  sysctls?: Record<string, string>;
  /** Keep stdin closed; no TTY (a TTY would merge streams and let the build draw on the terminal). */
  tty: false;
  /**
   * Hold stdin open with nothing attached (a session's idle process blocks reading it). Never attached: the
   * trusted side writes nothing to it.
   */
  openStdin?: boolean;
}

export interface ContainerState {
  running: boolean;
  exitCode: number;
  oomKilled: boolean;
  error: string;
  startedAt: string;
  finishedAt: string;
}

/** A created container as the engine reports it: what the conformance check compares with the plan. */
export interface InspectedContainer {
  user: string;
  entrypoint: string[] | null;
  cmd: string[] | null;
  readOnlyRootfs: boolean;
  privileged: boolean;
  capDrop: string[];
  capAdd: string[];
  securityOpt: string[];
  /** The engine applies its default seccomp profile to containers (`/info` SecurityOptions). */
  engineSeccomp: boolean;
  networkMode: string;
  memoryBytes: number;
  memorySwapBytes: number;
  nanoCpus: number;
  pidsLimit: number | null;
  ulimits: Ulimit[];
  runtime: string;
  init: boolean;
  pidMode: string;
  usernsMode: string;
  devices: number;
  /** What will be mounted (volumes and binds), by target. */
  mounts: { type: string; source: string; target: string; readOnly: boolean }[];
  tmpfs: Record<string, string>;
}

export interface ImageInfo {
  id: string;
  user: string;
  workingDir: string;
  env: string[];
  entrypoint: string[] | null;
  cmd: string[] | null;
  os: string;
  arch: string;
  labels: Labels;
}

export interface VolumeSpec {
  name: string;
  driver: string;
  driverOpts: Record<string, string>;
  labels: Labels;
}

export interface NetworkSpec {
  name: string;
  internal: boolean;
  enableIPv6: boolean;
  options: Record<string, string>;
  labels: Labels;
}

/** An image build through the engine's own builder. */
export interface BuildOptions {
  tags: string[];
  dockerfile?: string;
  buildArgs?: Record<string, string>;
  labels?: Labels;
  platform?: string;
  pull?: boolean;
  noCache?: boolean;
}

export interface RegistryAuth {
  username: string;
  password: string;
  serveraddress: string;
}

export interface RuntimeInfo {
  name: string;
  args: string[];
}

export interface NetworkInfo {
  id: string;
  name: string;
  internal: boolean;
  /** IPv4 subnets of the network, e.g. `172.18.0.0/16`. */
  subnets: string[];
  /** The IPv4 gateway addresses the engine assigned (none when the bridge has no host address). */
  gateways: string[];
  options: Record<string, string>;
  driver: string;
  enableIPv6: boolean;
  labels: Record<string, string>;
}

export interface ResourceRef {
  kind: 'container' | 'volume' | 'network';
  id: string;
  name: string;
  labels: Labels;
}

export interface AttachedStreams {
  /** Resolves when the container's output has ended. */
  done: Promise<void>;
  close(): void;
}

/** A command run in a running container (`exec`): as whom, with what added to the container's environment. */
export interface ExecSpec {
  cmd: string[];
  /** `uid:gid`. */
  user: string;
  /** `KEY=VALUE`, added to the container's environment (a name in both: this value). */
  env?: string[];
  workingDir?: string;
}

export interface ExecStream {
  id: string;
  /** Resolves when the output has ended (the process exited and its output drained). */
  done: Promise<void>;
  close(): void;
}

export interface ExecState {
  running: boolean;
  /** null while it runs. */
  exitCode: number | null;
}

/** An exec with a TTY and stdin: the raw terminal stream both ways, and its size. */
export interface InteractiveExec {
  id: string;
  stream: Duplex;
  resize(rows: number, cols: number): Promise<void>;
}

/** The engine's process list of a container (`top`): what runs in its cgroup, as the host sees it. */
export interface ProcessTable {
  titles: string[];
  processes: string[][];
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** One event of a container, as the engine reports it (its action, e.g. kill or die, and its attributes). */
export interface ContainerEvent {
  action: string;
  attributes: Record<string, string>;
}

export interface EventFollow {
  ended: Promise<void>;
  close(): void;
}

export interface Engine {
  readonly info: EngineInfo;
  /** The engine's registered runtimes with their extra arguments (`runsc: ['--network=none']`). */
  runtimes(): Promise<RuntimeInfo[]>;
  imageInspect(ref: string): Promise<ImageInfo | null>;
  imagePull(ref: string): Promise<void>;
  /** Push `ref` to its registry; resolves with the pushed manifest's digest. */
  imagePush(ref: string, auth: RegistryAuth | null): Promise<{ digest: string; size: number }>;
  imageTag(source: string, ref: string): Promise<void>;
  /** Build an image from a tar context (the engine's own builder); each progress line goes to `progress`. */
  imageBuild(context: Readable, o: BuildOptions, progress?: (line: string) => void): Promise<string>;
  /** Make an image of one layer from a root filesystem tar, configured by Dockerfile-style `changes`. */
  imageImport(rootfs: Readable, ref: string, changes: string[]): Promise<void>;
  createContainer(spec: ContainerSpec): Promise<string>;
  /** Attach to stdout/stderr before start; each chunk goes to the sink as it arrives. */
  attach(id: string, sink: (stream: 'stdout' | 'stderr', chunk: Buffer) => void): Promise<AttachedStreams>;
  startContainer(id: string): Promise<void>;
  /**
   * Registers a wait for the next exit; resolves once registered, with the exit code still to come. `cancel` drops
   * the wait (a session's container outlives the command that made it); `exit` then rejects.
   */
  watchExit(id: string): Promise<{ exit: Promise<number>; cancel(): void }>;
  /**
   * Follow the engine's events of one container, those of the actions given, from now on; resolves once the stream
   * is open. `ended` resolves when it ends (closed, or the engine went away).
   */
  followEvents(id: string, actions: string[], sink: (e: ContainerEvent) => void): Promise<EventFollow>;
  /** True when the engine answers now (GET /_ping). */
  ping(): Promise<boolean>;
  /** Resolves with the exit code once the container is not running. */
  waitContainer(id: string): Promise<number>;
  killContainer(id: string, signal?: string): Promise<void>;
  inspectContainer(id: string): Promise<ContainerState>;
  /** The created container's configuration as the engine holds it (for the conformance check). */
  inspectCreated(id: string): Promise<InspectedContainer>;
  removeContainer(id: string): Promise<void>;
  exec(id: string, cmd: string[], opts?: { user?: string }): Promise<ExecResult>;
  /** Start a command in a running container; its demultiplexed output goes to the sink as it arrives. */
  execStream(
    id: string,
    spec: ExecSpec,
    sink: (stream: 'stdout' | 'stderr', chunk: Buffer) => void,
  ): Promise<ExecStream>;
  execInspect(execId: string): Promise<ExecState>;
  /** Start a command with a TTY and stdin (an interactive shell). */
  execInteractive(id: string, spec: ExecSpec, size: { rows: number; cols: number }): Promise<InteractiveExec>;
  /** The processes of a running container as the engine lists them (`ps` arguments as for `docker top`). */
  top(id: string, psArgs?: string): Promise<ProcessTable>;
  /** Extract a tar stream into `path` of the container (its volumes included). */
  putArchive(id: string, path: string, tar: Readable): Promise<void>;
  /** A tar stream of `path` in the container (works on stopped containers). */
  getArchive(id: string, path: string): Promise<Readable>;
  /**
   * What `path` is in the container, without reading it (null when it does not exist). The engine follows links in
   * the path's parents and not in its last part: use it for sizes, never to decide what is collected.
   */
  statPath(id: string, path: string): Promise<PathStat | null>;
  createVolume(spec: VolumeSpec): Promise<void>;
  removeVolume(name: string): Promise<void>;
  createNetwork(spec: NetworkSpec): Promise<string>;
  connectNetwork(
    network: string,
    container: string,
    opts?: { aliases?: string[]; ipv4?: string },
  ): Promise<void>;
  removeNetwork(id: string): Promise<void>;
  inspectNetwork(idOrName: string): Promise<NetworkInfo | null>;
  /** The container's IPv4 address on each network it is attached to (network name → address). */
  containerAddresses(id: string): Promise<Record<string, string>>;
  /** Every container, volume and network carrying `label` (a `key` or `key=value`). */
  listLabelled(label: string): Promise<ResourceRef[]>;
}

/** The engine's stat of a container path (`X-Docker-Container-Path-Stat`); `mode` is Go's os.FileMode. */
export interface PathStat {
  name: string;
  size: number;
  mode: number;
  linkTarget: string;
}

// The engine's own answers, as this client reads them (the Docker Engine API's field names; Podman's compat API
// answers the same).

/** GET /images/{name}/json */
export interface ImageInspectResponse {
  Id: string;
  Os: string;
  Architecture: string;
  Config?: {
    User?: string;
    WorkingDir?: string;
    Env?: string[] | null;
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    Labels?: Labels | null;
  };
}

/** GET /networks/{id} */
export interface NetworkInspectResponse {
  Id: string;
  Name: string;
  Internal: boolean;
  Driver?: string;
  EnableIPv6?: boolean;
  IPAM?: { Config?: { Subnet?: string; Gateway?: string }[] | null };
  Options?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
}

/** One line of POST /build's progress stream. */
export interface BuildProgressLine {
  stream?: string;
  error?: string;
  aux?: { ID?: string };
}

/** One line of POST /images/{name}/push's progress stream. */
export interface PushProgressLine {
  error?: string;
  aux?: { Digest?: string; Size?: number };
}
