/**
 * The typed run: what parseRunOptions makes of the options, and what every stage reads. One module, so the parse and
 * the stages cannot disagree about a field.
 */
import type { Subject } from '../verdict/schema.js';

import { type PhaseOptions } from './mounts.js';
import { type SecretRoute } from './secret-routes.js';
import type { EngineChoice } from '../engine/podman.js';

export type NetworkMode = 'none' | 'proxy' | 'open';
export type Isolation = 'default' | 'runsc';
export type PullPolicy = 'missing' | 'always' | 'never';
export type VolumeBackend = 'auto' | 'loop' | 'tmpfs' | 'unbounded';

export interface OutputCaps {
  maxTotalBytes: number;
  maxFiles: number;
  maxFileBytes: number;
}

/**
 * The run, grouped by concern. Each group is read by the stages it names: `plan()` reads `security` and `limits`;
 * the plan hash (src/session/hash.ts) classifies every field of every group.
 */
export interface RunSpec {
  /** The preset the options came from, if any. */
  preset: string | null;
  image: ImageSpec;
  /** The command, as argv (run behind the image's entrypoint unless `image.entrypoint` replaces it). */
  command: string[];
  /** `--env` and the preset's variables, KEY=VALUE. */
  env: string[];
  io: IoSpec;
  limits: LimitsSpec;
  security: SecuritySpec;
  network: NetworkMode;
  /** The proxy's policy and topology (`--network proxy` only). */
  egress: EgressSpec | null;
  host: HostSpec;
  verdict: VerdictSpec;
  /** Host mounts, /persist, the setup phase and warm reuse. */
  phases: PhaseOptions;
}

export interface ImageSpec {
  /** The image reference (`--image`). */
  ref: string;
  /** Replaces the image's entrypoint when set. */
  entrypoint: string | null;
  /** When the image is pulled. */
  pull: PullPolicy;
}

/** What goes in and comes out: host paths. */
export interface IoSpec {
  /** Copied into /work, or bind-mounted read-only over it (`--source-readonly`). */
  source: { dir: string; readOnly: boolean } | null;
  /** Where collected outputs go; null collects nothing (the /output volume still exists). */
  outputDir: string | null;
  /** Host directory kept between runs: copied into a capped /state volume, collected back safely after. */
  stateDir: string | null;
  /** A capped copy of the build's log on the host (16 MiB), or null. */
  logFile: string | null;
  /** Where the result is written, also when the run fails (null: nowhere). */
  resultFile: string | null;
}

/** What bounds the run: time, memory, processes, files and every volume's size. */
export interface LimitsSpec {
  /** Wall-clock limit of the command (then killed: status timeout). */
  timeoutMs: number;
  /** Memory and memory+swap cap of the sandbox (/tmp counts against it). */
  memoryBytes: number;
  /** CPUs the sandbox may use (nano-CPUs of the engine). */
  cpus: number;
  /** Processes in the sandbox (raised under gVisor: see pidsLimitFor). */
  pids: number;
  /** Open files per process. */
  nofile: number;
  /** Largest file a process may write. */
  fsizeBytes: number;
  /** /tmp's tmpfs (counted against memoryBytes). */
  tmpSizeBytes: number;
  /** /work's hard size cap. */
  workSizeBytes: number;
  /** /output's hard size cap. */
  outputSizeBytes: number;
  /** /state's hard size cap (with `io.stateDir`). */
  stateSizeBytes: number;
  /** What collecting /output may take. */
  outputCaps: OutputCaps;
  /** How much of the log is streamed and kept. */
  logLimitBytes: number;
  /** Sizes the user did not give (defaults, or a preset's): these may shrink to fit the disk, with a note. */
  defaultSizes: ('workSizeBytes' | 'outputSizeBytes' | 'stateSizeBytes')[];
}

/** Who the command runs as and what it may do; every loosening here is recorded (loosened.ts). */
export interface SecuritySpec {
  /** Explicit --user, or null for the image's non-root user (else 65534:65534). */
  user: string | null;
  /** --allow-root: the command may run as uid 0 (loosens). */
  allowRoot: boolean;
  /** --writable-root: the root filesystem is writable (loosens). */
  writableRoot: boolean;
  /** --tmp-exec: /tmp is mounted exec (loosens). */
  tmpExec: boolean;
  /** Capabilities added after dropping all (never the forbidden ones; each loosens). */
  capAdd: string[];
  /** runc (default) or gVisor (runsc). */
  isolation: Isolation;
  /** --allow-weaker-gvisor: a runsc runtime without --oci-seccomp (no seccomp filter inside gVisor). */
  allowWeakerGvisor: boolean;
  /** Run the self-check inside the sandbox before the command (off only with --skip-self-check: loosens). */
  selfCheck: boolean;
}

/** How this host runs the sandbox. */
export interface HostSpec {
  /** --engine: which engine to connect to (auto: DOCKER_HOST, CONTAINER_HOST, then the usual sockets). */
  engine: EngineChoice;
  /** How volume sizes are enforced (loop images, tmpfs; unbounded loosens). */
  volumeBackend: VolumeBackend;
  /** A detached watchdog removes the run if the CLI dies, and kills a sandbox past its deadline (src/sandbox/watchdog.ts). */
  watchdog: boolean;
}

/** What the verdict is made of, and the judges that make it (src/verdict/, src/sandbox/audit.ts, src/comparator/). */
export interface VerdictSpec {
  /** Declared outputs (paths inside /output) that must be collected. */
  declared: string[];
  /** The JUnit judge. */
  junit: { file: string } | null;
  /** Expected files on this host, never in the sandbox (loaded and checked when the run starts). */
  expectDir: string | null;
  /** Parse into annotations: the log (lean, gcc) or a collected JUnit file (a path inside /output). */
  annotate: { parser: 'lean' | 'gcc' } | { parser: 'junit'; file: string } | null;
  /** Lean proof audit after the build (lean-proof): targets, imported modules, allowed axioms. */
  audit: {
    targets: string[];
    modules: string[];
    allow: string[];
    /** Files of /work whose theorems must keep the base branch's statements: path in /work → base file on the host. */
    protected: { path: string; baseFile: string }[];
  } | null;
  /**
   * Trusted tests (python-tests): a checkout of the base branch on this host whose test paths, conftest.py files and
   * pytest configuration replace the source's, mounted read-only over /work. null: the source's own tests.
   */
  tests: { dir: string; paths: string[]; trusted: boolean; runner: 'pytest' | null } | null;
  /** What the trusted side bound the run to (from its own event; recorded in the result, checked by report). */
  subject: Subject;
  /**
   * The Lean judge (lean-proof): comparator over a project whose challenge, lakefile, toolchain, manifest and config
   * are the trusted checkout's (`--challenge`); null without it. `trusted` false: the source's own challenge (the
   * judges then only advise).
   */
  lean: {
    challengeDir: string;
    trusted: boolean;
    /** comparator's config, relative to the project root. */
    config: string;
    /** Programs on this host: comparator, lean4export, lake (found on PATH unless absolute). */
    comparator: string;
    lean4export: string;
    lake: string;
  } | null;
}

/** The run's subject, as the trusted workflow names it: the result schema's (one contract for both halves). */
export type { Subject };

export interface EgressSpec {
  mode: 'allowlist' | 'audit';
  /**
   * `--egress transparent`: allowlist mode, and tools that ignore proxy variables work too (the proxy answers the
   * sandbox's DNS for listed names with its own address and routes by TLS server name or Host header).
   */
  transparent: boolean;
  /** --allow-domain rules and the presets' names, expanded and checked. */
  domains: string[];
  presets: string[];
  ports: number[];
  allowCidrs: string[];
  /** --add-host NAME:IP, for the proxy's resolver (never the sandbox's). */
  hosts: Record<string, string[]>;
  dnsServers: string[];
  /** An existing network for the proxy's egress side, or null for a fresh per-run bridge. */
  egressNetwork: string | null;
  /** null: the image made from this version's own proxy sources. */
  proxyImage: string | null;
  /** null: the proxy image is made from this machine's Node (built from debian:bookworm-slim if it cannot be). */
  proxyBaseImage: string | null;
  maxBytes: number | null;
  /** --secret-route: paths of the proxy forwarded to an HTTPS upstream with a header from the host's environment. */
  routes: SecretRoute[];
}

/** Options as they arrive: each key is an option's long name; repeatable options are arrays. */
export type RawOptions = Partial<Record<string, string | boolean | string[]>>;

/** Facts about the host the defaults depend on (the door measures them). */
export interface HostFacts {
  cpus: number;
  cwd: string;
  /** False under `act`: this process's paths are not the engine host's, so nothing can be bind-mounted. */
  sharedWithEngine?: boolean;
}
