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

export interface RunSpec extends PhaseOptions {
  image: string;
  /** Replaces the image's entrypoint when set. */
  entrypoint: string | null;
  /** The preset the options came from, if any. */
  preset: string | null;
  command: string[];
  source: { dir: string; readOnly: boolean } | null;
  /** Where collected outputs go; null collects nothing (the /output volume still exists). */
  outputDir: string | null;
  timeoutMs: number;
  memoryBytes: number;
  cpus: number;
  pids: number;
  nofile: number;
  fsizeBytes: number;
  tmpSizeBytes: number;
  workSizeBytes: number;
  outputSizeBytes: number;
  /** Host directory kept between runs: copied into a capped /state volume, collected back safely after. */
  stateDir: string | null;
  stateSizeBytes: number;
  /** Explicit --user, or null for the image's non-root user (else 65534:65534). */
  user: string | null;
  allowRoot: boolean;
  writableRoot: boolean;
  tmpExec: boolean;
  capAdd: string[];
  env: string[];
  network: NetworkMode;
  /** The proxy's policy and topology (`--network proxy` only). */
  egress: EgressSpec | null;
  isolation: Isolation;
  /** --allow-weaker-gvisor: a runsc runtime without --oci-seccomp (no seccomp filter inside gVisor). */
  allowWeakerGvisor: boolean;
  pull: PullPolicy;
  /** --engine: which engine to connect to (auto: DOCKER_HOST, CONTAINER_HOST, then the usual sockets). */
  engine: EngineChoice;
  volumeBackend: VolumeBackend;
  outputCaps: OutputCaps;
  logLimitBytes: number;
  /** A capped copy of the build's log on the host (16 MiB), or null. */
  logFile: string | null;
  /** Lean proof audit after the build (lean-proof): targets, imported modules, allowed axioms. */
  audit: {
    targets: string[];
    modules: string[];
    allow: string[];
    /** Files of /work whose theorems must keep the base branch's statements: path in /work → base file on the host. */
    protected: { path: string; baseFile: string }[];
  } | null;
  /** Parse into annotations: the log (lean, gcc) or a collected JUnit file (a path inside /output). */
  annotate: { parser: 'lean' | 'gcc' } | { parser: 'junit'; file: string } | null;
  /** What the verdict is made of: declared outputs, the JUnit judge, expected outputs (src/verdict/). */
  verdict: {
    declared: string[];
    junit: { file: string } | null;
    /** Expected files on this host, never in the sandbox (loaded and checked when the run starts). */
    expectDir: string | null;
  };
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
  /** Run the self-check inside the sandbox before the command (off only with --skip-self-check: loosens). */
  selfCheck: boolean;
  /** A detached watchdog removes the run if the CLI dies, and kills a sandbox past its deadline (src/sandbox/watchdog.ts). */
  watchdog: boolean;
  /** Where the result is written, also when the run fails (null: nowhere). */
  resultFile: string | null;
  /** Sizes the user did not give (defaults, or a preset's): these may shrink to fit the disk, with a note. */
  defaultSizes: ('workSizeBytes' | 'outputSizeBytes' | 'stateSizeBytes')[];
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
