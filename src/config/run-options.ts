/**
 * The run's options, parsed and validated once at the boundary (CLI argv or action inputs both arrive here as
 * strings keyed by option name). Everything below works on the typed RunSpec.
 */
import type { Subject } from '../verdict/schema.js';
import path from 'node:path';
import { InputError } from './errors.js';
import { parseDuration, parsePositiveNumber, parseSize } from './units.js';
import { canonicalHost, parseCidr, parseDomainRule } from '../egress/policy.js';
import { DNS_PORT, PROXY_PORT } from '../egress/config.js';
import { expandPresets } from '../egress/presets.js';
import { applyPreset } from './presets.js';
import { DEFAULT_AXIOMS, checkTargets } from '../lean/audit.js';
import { parsePhaseOptions, type PhaseOptions } from './mounts.js';
import { parseSecretRoutes, type SecretRoute } from './secret-routes.js';
import type { EngineChoice } from '../engine/podman.js';

export const GiB = 1024 ** 3;
export const MiB = 1024 ** 2;

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

/** Every option of `run`: name, kind, and a line of help. The CLI and the action's inputs are made from it. */
export const RUN_OPTIONS = {
  image: { kind: 'string', help: 'image to run (required unless --preset names one)' },
  preset: {
    kind: 'string',
    help: 'a kind of job: python-tests, lean-proof, lean4 (image, command, network, parser, limits; explicit options win)',
  },
  'images-registry': {
    kind: 'string',
    help: "where a preset's image comes from (default ghcr.io/org/sandbox-action)",
  },
  entrypoint: { kind: 'string', help: "program to run instead of the image's entrypoint, e.g. sh" },
  source: { kind: 'string', help: 'directory copied into the writable /work volume (default: none)' },
  'source-readonly': {
    kind: 'boolean',
    help: 'bind-mount --source read-only at /work instead of copying it',
  },
  'output-dir': { kind: 'string', help: 'fresh directory to collect /output into (default: not collected)' },
  timeout: { kind: 'string', help: 'wall-clock limit, e.g. 90s, 20m, 1h (default 60m)' },
  memory: { kind: 'string', help: 'memory limit, swap included (default 2g, at least 16m)' },
  cpus: { kind: 'string', help: 'CPU limit (default 2, or the host count if lower)' },
  pids: { kind: 'string', help: 'process limit (default 512)' },
  nofile: { kind: 'string', help: 'open-files ulimit (default 8192)' },
  'max-file-size': {
    kind: 'string',
    help: 'largest file the command may write, the fsize ulimit (default 4g)',
  },
  'tmp-size': {
    kind: 'string',
    help: 'size of the noexec tmpfs at /tmp (default 512m, at most half of --memory)',
  },
  'work-size': { kind: 'string', help: 'hard size cap of /work (default 20g)' },
  'output-size': { kind: 'string', help: 'hard size cap of /output (default 2g)' },
  'state-dir': {
    kind: 'string',
    help: 'host directory kept between runs at /state (copied in, collected back safely; default: none)',
  },
  'state-size': { kind: 'string', help: 'hard size cap of /state (default 5g)' },
  user: {
    kind: 'string',
    help: 'uid[:gid] or name to run as (default: the image user if not root, else 65534:65534)',
  },
  'allow-root': { kind: 'boolean', help: 'allow uid 0 in the sandbox (loosens)' },
  'no-watchdog': {
    kind: 'boolean',
    help: 'start no watchdog: a killed CLI then leaves the sandbox running until gc (loosens)',
  },
  'writable-root': { kind: 'boolean', help: 'make the root filesystem writable (loosens)' },
  'tmp-exec': { kind: 'boolean', help: 'allow executing files from /tmp (loosens)' },
  'cap-add': { kind: 'strings', help: 'add a Linux capability back (loosens; repeatable)' },
  env: { kind: 'strings', help: 'KEY=VALUE for the sandbox (repeatable); nothing else is passed' },
  network: {
    kind: 'string',
    help: 'none (default), proxy (egress only through the allowlisting proxy) or open (unrestricted; loosens)',
  },
  'secret-route': {
    kind: 'strings',
    input: 'secret-routes',
    help: 'with --network proxy: NAME=https://HOST[,header=H,env=VAR,ca=FILE] the proxy serves http://<proxy>/NAME/… as https://HOST/… with header H from $VAR; the sandbox gets NAME_BASE_URL, never the secret (loosens; repeatable)',
  },
  'allow-domain': {
    kind: 'strings',
    input: 'allow-domains',
    help: 'with --network proxy: a name the build may reach, github.com or *.githubusercontent.com (repeatable)',
  },
  'allow-preset': {
    kind: 'strings',
    input: 'allow-preset',
    help: 'with --network proxy: a named allowlist: github, lean, pypi, debian (repeatable)',
  },
  'allow-cidr': {
    kind: 'strings',
    input: 'allow-cidrs',
    help: 'with --network proxy: addresses the proxy may connect to even when private or literal (repeatable; loosens)',
  },
  'allow-port': {
    kind: 'strings',
    input: 'allow-ports',
    help: 'with --network proxy: destination ports (default 443 and 80; repeatable)',
  },
  'add-host': {
    kind: 'strings',
    help: "with --network proxy: NAME:IP for the proxy's resolver (internal mirrors, tests; repeatable)",
  },
  egress: {
    kind: 'string',
    help: 'with --network proxy: allowlist (default), transparent (allowlist, and tools that ignore proxy variables work too: listed names resolve to the proxy, which routes by TLS server name or Host) or audit (loosens: any public host, recorded, with a suggested allowlist)',
  },
  'egress-network': {
    kind: 'string',
    help: "with --network proxy: an existing network for the proxy's outside (default: a fresh bridge per run; loosens)",
  },
  'egress-dns': {
    kind: 'strings',
    help: "with --network proxy: resolver addresses the proxy asks (default: its engine's)",
  },
  'egress-max-bytes': {
    kind: 'string',
    help: 'with --network proxy: total bytes the run may move through the proxy (default: no cap)',
  },
  'proxy-image': {
    kind: 'string',
    help: "with --network proxy: the proxy's image (default: built once from this version's sources; loosens: it is the enforcement point)",
  },
  'proxy-base-image': {
    kind: 'string',
    help: "build the proxy image from this base with apt's nodejs (default: made from this machine's Node, without the network)",
  },
  isolation: { kind: 'string', help: 'default, or runsc for gVisor' },
  'allow-weaker-gvisor': {
    kind: 'boolean',
    help: 'with --isolation runsc: use a runsc runtime without --oci-seccomp, so no seccomp filter inside gVisor (loosens; for gVisor releases where --oci-seccomp breaks threads, docs/gvisor.md)',
  },
  pull: { kind: 'string', help: 'missing (default), always or never' },
  engine: {
    kind: 'string',
    help: 'docker or podman (default: DOCKER_HOST, CONTAINER_HOST, then the usual sockets; docs/engines.md)',
  },
  'volume-backend': {
    kind: 'string',
    help: 'how volume caps are enforced: auto (default), loop, tmpfs, unbounded (unbounded loosens)',
  },
  'max-output-bytes': { kind: 'string', help: 'total bytes collected from /output (default 1g)' },
  'max-output-files': { kind: 'string', help: 'files collected from /output (default 10000)' },
  'max-output-file-size': { kind: 'string', help: 'largest single file collected (default 512m)' },
  annotate: {
    kind: 'string',
    help: 'annotations from the log (lean, gcc) or from a JUnit file in /output (junit, junit:path/in/output.xml)',
  },
  'audit-target': {
    kind: 'strings',
    input: 'audit-targets',
    help: 'after the build, a fresh sandbox (no network, /work read-only) prints the axioms of this Lean theorem (repeatable)',
  },
  'audit-module': {
    kind: 'strings',
    input: 'audit-modules',
    help: 'Lean module the audit imports (repeatable; default: the root of each target)',
  },
  'audit-allow': {
    kind: 'strings',
    input: 'audit-allow',
    help: 'axioms the audit accepts (default propext, Classical.choice, Quot.sound)',
  },
  'audit-protected': {
    kind: 'strings',
    help: "PATH=BASEFILE: every theorem of BASEFILE (the base branch's PATH) must keep its statement in /work/PATH after the build (repeatable)",
  },
  output: {
    kind: 'strings',
    input: 'outputs',
    help: 'a file of /output the verdict needs, e.g. junit.xml: collected first, outside the count cap; missing fails the run (repeatable)',
  },
  junit: {
    kind: 'string',
    help: 'judge by this JUnit XML file of /output (a declared output): at least one test, none failed or errored',
  },
  expect: {
    kind: 'string',
    help: 'directory of expected files on this host (never in the sandbox): each must equal the /output file of the same path (.json as JSON)',
  },
  tests: {
    kind: 'string',
    help: "trusted checkout (e.g. the base branch) whose tests, conftest.py files and pytest config replace the source's, read-only (python-tests)",
  },
  'tests-path': {
    kind: 'strings',
    input: 'tests-paths',
    help: "test directories or files inside --tests (default: the preset's, tests)",
  },
  challenge: {
    kind: 'string',
    help: 'trusted checkout (e.g. the base branch) whose challenge, its imports, lakefile, toolchain and comparator config are judged, read-only (lean-proof)',
  },
  'comparator-config': { kind: 'string', help: "comparator's config in the project (default config.json)" },
  comparator: { kind: 'string', help: 'the comparator program on this host (default: comparator on PATH)' },
  lean4export: {
    kind: 'string',
    help: 'the lean4export program on this host (default: lean4export on PATH)',
  },
  lake: {
    kind: 'string',
    help: 'the lake program on this host comparator is started with (default: lake on PATH)',
  },
  'head-sha': {
    kind: 'string',
    help: 'the commit the run verifies (40 hex; recorded in the result and checked by report)',
  },
  'base-sha': {
    kind: 'string',
    help: 'the base commit the head was merged into for this run (40 hex; recorded and checked by report)',
  },
  'base-ref': { kind: 'string', help: 'the branch it is verified against (recorded and checked by report)' },
  repository: { kind: 'string', help: 'owner/repo of the commit (recorded and checked by report)' },
  shard: {
    kind: 'string',
    help: 'I/N: this run is shard I of N (recorded; report needs every shard exactly once)',
  },
  'result-file': {
    kind: 'string',
    help: 'write the result JSON to this file, also when the run fails (status error with the reason)',
  },
  'skip-self-check': {
    kind: 'boolean',
    help: 'do not run the in-sandbox self-check before the command, e.g. for an image without /bin/sh (loosens)',
  },
  'log-limit': { kind: 'string', help: 'bytes of the build log shown before it is cut (default 64m)' },
  mount: {
    kind: 'strings',
    input: 'mounts',
    help: 'HOST:DEST[:ro|rw] a host directory or file, read-only unless :rw (loosens); /, /etc, /proc, /sys, /dev, sockets and credentials are refused (repeatable)',
  },
  'allow-mount': {
    kind: 'strings',
    help: 'a host path --mount refuses by default (a socket, /etc…), mounted anyway (loosens; repeatable)',
  },
  persist: {
    kind: 'string',
    help: 'host directory holding a size-capped filesystem image mounted writable at /persist, kept between runs and sessions',
  },
  'persist-size': { kind: 'string', help: 'size cap of /persist when its image is made (default 1g)' },
  setup: {
    kind: 'string',
    help: 'a shell command run first, in its own container on the same volumes, with --setup-network; the command then runs in a fresh one',
  },
  'setup-network': {
    kind: 'string',
    help: "the setup phase's network: none (default) or proxy (the allowlist options apply to it)",
  },
  warm: {
    kind: 'boolean',
    help: 'reuse a warm sandbox with the same plan, reset between runs (fresh /work, /output, /tmp, no process left); a cold one when none is ready or it cannot be reset, as the result says',
  },
  'idle-ttl': {
    kind: 'string',
    help: 'with --warm: how long the warm sandbox is kept while idle (default 15m)',
  },
  'log-file': {
    kind: 'string',
    help: "also write the build's log, as it came (capped at 16 MiB), to this new file (for a result artifact)",
  },
} as const satisfies Record<string, { kind: 'string' | 'boolean' | 'strings'; help: string; input?: string }>;

/** The action input that carries an option (kebab-case, the option's own name unless it says otherwise). */
export function inputName(option: RunOptionName): string {
  const o = RUN_OPTIONS[option];
  return 'input' in o ? o.input : option;
}

export type RunOptionName = keyof typeof RUN_OPTIONS;

export const DEFAULTS = {
  timeoutMs: 60 * 60_000,
  memoryBytes: 2 * GiB,
  cpus: 2,
  pids: 512,
  nofile: 8192,
  fsizeBytes: 4 * GiB,
  tmpSizeBytes: 512 * MiB,
  workSizeBytes: 20 * GiB,
  outputSizeBytes: 2 * GiB,
  stateSizeBytes: 5 * GiB,
  maxStateFiles: 200_000,
  maxOutputBytes: 1 * GiB,
  maxOutputFiles: 10_000,
  maxOutputFileBytes: 512 * MiB,
  logLimitBytes: 64 * MiB,
} as const;

const MIN_MEMORY = 16 * MiB;
/** Capabilities that hand the host or the network to the build: never added, even on request. */
const FORBIDDEN_CAPS = new Set([
  'SYS_ADMIN',
  'SYS_MODULE',
  'SYS_RAWIO',
  'SYS_PTRACE',
  'SYS_BOOT',
  'NET_ADMIN',
  'ALL',
]);

function str(raw: RawOptions, name: RunOptionName): string | undefined {
  const v = raw[name];
  if (v === undefined || v === false) return undefined;
  if (typeof v !== 'string') throw new InputError(`--${name}`, 'takes a value');
  return v;
}
function bool(raw: RawOptions, name: RunOptionName): boolean {
  const v = raw[name];
  if (v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  throw new InputError(`--${name}`, `'${String(v)}' is not true or false`);
}
function list(raw: RawOptions, name: RunOptionName): string[] {
  const v = raw[name];
  if (v === undefined || v === false) return [];
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [v];
  throw new InputError(`--${name}`, 'takes a value');
}
function oneOf<T extends string>(
  name: RunOptionName,
  value: string | undefined,
  allowed: readonly T[],
  dflt: T,
): T {
  if (value === undefined) return dflt;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`--${name}`, `'${value}' is not one of ${allowed.join(', ')}`);
}
function size(raw: RawOptions, name: RunOptionName, dflt: number): number {
  const v = str(raw, name);
  return v === undefined ? dflt : parseSize(`--${name}`, v);
}
function count(raw: RawOptions, name: RunOptionName, dflt: number, max: number): number {
  const v = str(raw, name);
  return v === undefined ? dflt : parsePositiveNumber(`--${name}`, v, { integer: true, max });
}

/** Docker's image reference grammar, loosely: no spaces or control characters, no leading dash. */
const IMAGE_REF = /^[a-zA-Z0-9][a-zA-Z0-9._\-/:@]*$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const USER_SPEC = /^([a-z_][a-z0-9_-]*|\d+)(:([a-z_][a-z0-9_-]*|\d+))?$/i;

/** Validate everything; throws InputError naming the first bad input. Pure: the host facts come in. */
export function parseRunOptions(given: RawOptions, givenCommand: string[], host: HostFacts): RunSpec {
  const given0 = Object.fromEntries(
    Object.entries(given).filter(
      ([, v]) => v !== undefined && v !== false && !(Array.isArray(v) && v.length === 0),
    ),
  );
  const { raw, command, preset, commandFromPreset } = applyPreset(given, givenCommand);
  const presetAllow = preset?.audit?.allowAxioms ?? null;
  const image = str(raw, 'image');
  if (!image) throw new InputError('--image', 'is required: name the image to run the command in');
  if (!IMAGE_REF.test(image) || image.length > 512) {
    throw new InputError(
      '--image',
      `'${image}' is not an image reference like python:3.12 or ghcr.io/org/img@sha256:…`,
    );
  }
  const entrypoint = str(raw, 'entrypoint') ?? null;
  if (entrypoint !== null && !/^[\w./-]{1,256}$/.test(entrypoint)) {
    throw new InputError('--entrypoint', `'${entrypoint}' is not a program name or path`);
  }
  if (command.length === 0 || command.every((c) => c.trim() === '')) {
    throw new InputError('command', 'is empty: give the command after --, e.g. `-- make test`');
  }

  const sourceArg = str(raw, 'source');
  const readOnly = bool(raw, 'source-readonly');
  if (readOnly && !sourceArg) throw new InputError('--source-readonly', 'needs --source');
  if (readOnly && host.sharedWithEngine === false) {
    throw new InputError(
      '--source-readonly',
      "under act the job container's paths are not the engine's, so the source cannot be bind-mounted; drop it to copy the source instead",
    );
  }
  const source = sourceArg ? { dir: path.resolve(host.cwd, sourceArg), readOnly } : null;
  const outputArg = str(raw, 'output-dir');

  const memoryBytes = size(raw, 'memory', DEFAULTS.memoryBytes);
  if (memoryBytes < MIN_MEMORY)
    throw new InputError('--memory', `must be at least 16m (16 MiB); got ${memoryBytes} bytes`);
  const cpusArg = str(raw, 'cpus');
  const cpus =
    cpusArg === undefined
      ? Math.min(DEFAULTS.cpus, host.cpus)
      : parsePositiveNumber('--cpus', cpusArg, { integer: false, max: host.cpus });
  if (cpus < 0.01) throw new InputError('--cpus', 'must be at least 0.01');

  const user = str(raw, 'user') ?? null;
  if (user !== null && !USER_SPEC.test(user)) {
    throw new InputError('--user', `'${user}' is not uid[:gid] or name[:group]`);
  }
  const allowRoot = bool(raw, 'allow-root');
  if (user !== null && !allowRoot && /^(0|root)(:|$)/.test(user)) {
    throw new InputError('--user', `'${user}' is root; pass --allow-root to run as root (not recommended)`);
  }

  const env = [...list(raw, 'env'), ...(preset?.env ?? [])];
  for (const e of env) {
    const eq = e.indexOf('=');
    if (eq <= 0 || !ENV_NAME.test(e.slice(0, eq))) {
      throw new InputError(
        '--env',
        `'${e.split('=')[0]}' is not KEY=VALUE with KEY of letters, digits and _`,
      );
    }
  }
  const capAdd = list(raw, 'cap-add').map((c) => c.toUpperCase().replace(/^CAP_/, ''));
  for (const c of capAdd) {
    if (!/^[A-Z_]+$/.test(c)) throw new InputError('--cap-add', `'${c}' is not a capability name`);
    if (FORBIDDEN_CAPS.has(c))
      throw new InputError('--cap-add', `${c} would give the build the host; it is never added`);
  }

  // /tmp's pages count against --memory: by default it takes at most half of it.
  const tmpSizeBytes = size(raw, 'tmp-size', Math.min(DEFAULTS.tmpSizeBytes, Math.floor(memoryBytes / 2)));
  if (tmpSizeBytes > memoryBytes) {
    throw new InputError('--tmp-size', 'must not exceed --memory (the tmpfs is counted against it)');
  }
  const maxTotalBytes = size(raw, 'max-output-bytes', DEFAULTS.maxOutputBytes);
  const maxFileBytesArg = str(raw, 'max-output-file-size');
  const maxFileBytes =
    maxFileBytesArg === undefined
      ? Math.min(DEFAULTS.maxOutputFileBytes, maxTotalBytes)
      : parseSize('--max-output-file-size', maxFileBytesArg);

  const network = oneOf('network', str(raw, 'network'), ['none', 'proxy', 'open'] as const, 'none');
  const isolation = oneOf('isolation', str(raw, 'isolation'), ['default', 'runsc'] as const, 'default');
  const allowWeakerGvisor = bool(raw, 'allow-weaker-gvisor');
  if (allowWeakerGvisor && isolation !== 'runsc') {
    throw new InputError('--allow-weaker-gvisor', 'needs --isolation runsc');
  }

  const annotateArg = str(raw, 'annotate');
  let annotate: RunSpec['annotate'] = null;
  if (annotateArg !== undefined) {
    const m = /^(lean|gcc|junit)(?::(.+))?$/.exec(annotateArg);
    if (!m || (m[2] !== undefined && m[1] !== 'junit')) {
      throw new InputError('--annotate', `'${annotateArg}' is not lean, gcc, junit or junit:FILE`);
    }
    if (m[1] === 'junit') {
      const file = (m[2] ?? 'junit.xml').replace(/^\/output\//, '');
      if (file.startsWith('/') || file.split('/').includes('..')) {
        throw new InputError('--annotate', `'${file}' must be a path inside /output`);
      }
      if (!outputArg)
        throw new InputError('--annotate', 'junit reads a collected file: it needs --output-dir');
      annotate = { parser: 'junit', file };
    } else annotate = { parser: m[1] as 'lean' | 'gcc' };
  }

  const declared = list(raw, 'output').map((o) => outputPath('--output', o));
  const junitArg = str(raw, 'junit');
  const junit = junitArg === undefined ? null : { file: outputPath('--junit', junitArg) };
  if (junit && !declared.includes(junit.file)) declared.push(junit.file);
  const expectArg = str(raw, 'expect');
  if ((declared.length || expectArg) && !outputArg) {
    throw new InputError(
      declared.length ? '--output' : '--expect',
      'the verdict reads collected files: it needs --output-dir',
    );
  }
  const testsArg = str(raw, 'tests');
  const testsPaths = list(raw, 'tests-path').map((t) => repoRelative('--tests-path', t));
  if (testsPaths.length && !testsArg) throw new InputError('--tests-path', 'needs --tests');
  if (testsArg && host.sharedWithEngine === false) {
    throw new InputError(
      '--tests',
      "under act the job container's paths are not the engine's, so trusted tests cannot be mounted",
    );
  }
  const explicit = new Set(Object.keys(given0));
  const phases = parsePhaseOptions(raw, host.cwd, preset?.setup ?? null);
  if (phases.setup && phases.setup.network === 'proxy' && network === 'open') {
    throw new InputError(
      '--setup-network',
      'proxy with --network open: the allowlist would not hold the command',
    );
  }
  return {
    ...phases,
    annotate,
    verdict: { declared, junit, expectDir: expectArg ? path.resolve(host.cwd, expectArg) : null },
    tests: testsArg
      ? {
          dir: path.resolve(host.cwd, testsArg),
          paths: testsPaths.length ? testsPaths : (preset?.tests?.paths ?? ['tests']),
          trusted: true,
          runner: commandFromPreset ? (preset?.tests?.runner ?? null) : null,
        }
      : preset?.tests && source && commandFromPreset
        ? { dir: source.dir, paths: preset.tests.paths, trusted: false, runner: preset.tests.runner }
        : null,
    subject: parseSubject(raw),
    lean: parseLean(raw, preset, source, host),
    selfCheck: !bool(raw, 'skip-self-check'),
    watchdog: !bool(raw, 'no-watchdog'),
    resultFile: str(raw, 'result-file') ? path.resolve(host.cwd, str(raw, 'result-file')!) : null,
    defaultSizes: (
      [
        ['work-size', 'workSizeBytes'],
        ['output-size', 'outputSizeBytes'],
        ['state-size', 'stateSizeBytes'],
      ] as const
    )
      .filter(([o]) => !explicit.has(o))
      .map(([, k]) => k),
    audit: parseAudit(raw, presetAllow, host.cwd),
    image,
    entrypoint,
    preset: typeof raw.preset === 'string' ? raw.preset : null,
    command,
    source,
    outputDir: outputArg ? path.resolve(host.cwd, outputArg) : null,
    timeoutMs: timeout(str(raw, 'timeout')),
    memoryBytes,
    cpus,
    pids: count(raw, 'pids', DEFAULTS.pids, 1_000_000),
    nofile: count(raw, 'nofile', DEFAULTS.nofile, 1_048_576),
    fsizeBytes: size(raw, 'max-file-size', DEFAULTS.fsizeBytes),
    tmpSizeBytes,
    workSizeBytes: size(raw, 'work-size', DEFAULTS.workSizeBytes),
    outputSizeBytes: size(raw, 'output-size', DEFAULTS.outputSizeBytes),
    stateDir: str(raw, 'state-dir') ? path.resolve(host.cwd, str(raw, 'state-dir')!) : null,
    stateSizeBytes: size(raw, 'state-size', DEFAULTS.stateSizeBytes),
    user,
    allowRoot,
    writableRoot: bool(raw, 'writable-root'),
    tmpExec: bool(raw, 'tmp-exec'),
    capAdd,
    env,
    network,
    egress: parseEgress(
      raw,
      phases.setup?.network === 'proxy' && network === 'none' ? 'proxy' : network,
      host.cwd,
    ),
    isolation,
    allowWeakerGvisor,
    pull: oneOf('pull', str(raw, 'pull'), ['missing', 'always', 'never'] as const, 'missing'),
    engine: oneOf('engine', str(raw, 'engine'), ['auto', 'docker', 'podman'] as const, 'auto'),
    volumeBackend: oneOf(
      'volume-backend',
      str(raw, 'volume-backend'),
      ['auto', 'loop', 'tmpfs', 'unbounded'] as const,
      'auto',
    ),
    outputCaps: {
      maxTotalBytes,
      maxFiles: count(raw, 'max-output-files', DEFAULTS.maxOutputFiles, 10_000_000),
      maxFileBytes,
    },
    logLimitBytes: size(raw, 'log-limit', DEFAULTS.logLimitBytes),
    logFile: str(raw, 'log-file') ? path.resolve(host.cwd, str(raw, 'log-file')!) : null,
  };
}

function parseAudit(raw: RawOptions, presetAllow: string[] | null, cwd: string): RunSpec['audit'] {
  const targets = list(raw, 'audit-target');
  const modulesArg = list(raw, 'audit-module');
  const allowArg = list(raw, 'audit-allow');
  if (targets.length === 0) {
    const stray = modulesArg.length
      ? '--audit-module'
      : allowArg.length
        ? '--audit-allow'
        : list(raw, 'audit-protected').length
          ? '--audit-protected'
          : null;
    if (stray) throw new InputError(stray, 'needs --audit-target');
    return null;
  }
  const check = (name: string, xs: string[]) => {
    try {
      return checkTargets(xs);
    } catch {
      throw new InputError(
        name,
        `'${xs.find((x) => !/^[A-Za-z_][\w'!?]*(\.[A-Za-z_][\w'!?]*)*$/.test(x.trim())) ?? xs[0]}' is not a Lean name`,
      );
    }
  };
  const t = check('--audit-target', targets);
  const modules = modulesArg.length
    ? check('--audit-module', modulesArg)
    : [...new Set(t.map((x) => x.split('.')[0]!))];
  const allow = allowArg.length ? check('--audit-allow', allowArg) : (presetAllow ?? DEFAULT_AXIOMS);
  const protectedFiles = list(raw, 'audit-protected').map((x) => {
    const m = /^([^=]+)=(.+)$/.exec(x);
    const rel = m?.[1]!.trim().replace(/^\/work\//, '') ?? '';
    if (!m || rel.startsWith('/') || rel.split('/').includes('..') || !rel.endsWith('.lean')) {
      throw new InputError('--audit-protected', `'${x}' is not PATH.lean=BASEFILE with PATH inside /work`);
    }
    return { path: rel, baseFile: path.resolve(cwd, m[2]!.trim()) };
  });
  return { targets: t, modules, allow, protected: protectedFiles };
}

const EGRESS_OPTIONS = [
  'allow-domain',
  'allow-preset',
  'allow-cidr',
  'allow-port',
  'add-host',
  'egress',
  'egress-network',
  'egress-dns',
  'egress-max-bytes',
  'proxy-image',
  'proxy-base-image',
  'secret-route',
] as const satisfies readonly RunOptionName[];

/** Docker's network name grammar. */
const NETWORK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;

function parseEgress(raw: RawOptions, network: NetworkMode, cwd: string): EgressSpec | null {
  if (network !== 'proxy') {
    for (const o of EGRESS_OPTIONS) {
      const v = raw[o];
      if (v !== undefined && v !== false && !(Array.isArray(v) && v.length === 0)) {
        throw new InputError(`--${o}`, `needs --network proxy (the network is ${network})`);
      }
    }
    return null;
  }
  const egressArg = oneOf(
    'egress',
    str(raw, 'egress'),
    ['allowlist', 'transparent', 'audit'] as const,
    'allowlist',
  );
  const mode = egressArg === 'audit' ? 'audit' : 'allowlist';
  const transparent = egressArg === 'transparent';
  const presets = list(raw, 'allow-preset');
  const domains: string[] = [];
  for (const d of [...list(raw, 'allow-domain'), ...expandPresets(presets)]) {
    const rule = parseDomainRule(d);
    const text = rule.kind === 'exact' ? rule.name : `*.${rule.suffix}`;
    if (!domains.includes(text)) domains.push(text);
  }
  const allowCidrs = list(raw, 'allow-cidr').map((c) => parseCidr(c).text);
  const portArgs = list(raw, 'allow-port');
  const ports = portArgs.length
    ? portArgs.map((p) => parsePositiveNumber('--allow-port', p, { integer: true, max: 65535 }))
    : [443, 80];
  for (const p of transparent ? ports : []) {
    if (p === DNS_PORT || p === PROXY_PORT) {
      throw new InputError(
        '--allow-port',
        `${p} is the proxy's own ${p === DNS_PORT ? 'DNS' : 'proxy'} port under --egress transparent; list other ports`,
      );
    }
  }
  const hosts: Record<string, string[]> = {};
  for (const h of list(raw, 'add-host')) {
    const i = h.indexOf(':');
    const name = i > 0 ? canonicalHost(h.slice(0, i)) : null;
    const ip = i > 0 ? canonicalHost(h.slice(i + 1)) : null;
    if (name?.kind !== 'name' || ip?.kind !== 'ip') {
      throw new InputError('--add-host', `'${h}' is not NAME:IP like mirror.internal.test:10.1.2.3`);
    }
    (hosts[name.name] ??= []).push(ip.address);
  }
  const dnsServers = list(raw, 'egress-dns').map((d) => {
    const t = canonicalHost(d);
    if (t?.kind !== 'ip') throw new InputError('--egress-dns', `'${d}' is not an IP address`);
    return t.address;
  });
  const egressNetwork = str(raw, 'egress-network') ?? null;
  if (
    egressNetwork !== null &&
    (!NETWORK_NAME.test(egressNetwork) || ['host', 'none'].includes(egressNetwork))
  ) {
    throw new InputError('--egress-network', `'${egressNetwork}' is not the name of a bridge network`);
  }
  const proxyImage = str(raw, 'proxy-image') ?? null;
  const proxyBaseImage = str(raw, 'proxy-base-image') ?? null;
  for (const [name, ref] of [
    ['--proxy-image', proxyImage],
    ['--proxy-base-image', proxyBaseImage],
  ] as const) {
    if (ref !== null && (!IMAGE_REF.test(ref) || ref.length > 512)) {
      throw new InputError(name, `'${ref}' is not an image reference`);
    }
  }
  const maxBytesArg = str(raw, 'egress-max-bytes');
  const routes = parseSecretRoutes(list(raw, 'secret-route'), cwd, (c, p) => path.resolve(c, p));
  if (mode === 'allowlist' && domains.length === 0 && allowCidrs.length === 0 && routes.length === 0) {
    throw new InputError(
      '--network',
      'proxy with nothing allowed: add --allow-domain, --allow-preset or --allow-cidr, or --egress audit to find what the build needs',
    );
  }
  return {
    mode,
    transparent,
    domains,
    presets,
    ports,
    allowCidrs,
    hosts,
    dnsServers,
    egressNetwork,
    proxyImage,
    proxyBaseImage,
    maxBytes: maxBytesArg === undefined ? null : parseSize('--egress-max-bytes', maxBytesArg),
    routes,
  };
}

/** The longest --timeout: a week. Longer is a typo (Node's timers also end at 24.8 days and would fire at once). */
export const MAX_TIMEOUT_MS = 7 * 24 * 3600_000;

function timeout(v: string | undefined): number {
  if (v === undefined) return DEFAULTS.timeoutMs;
  const ms = parseDuration('--timeout', v);
  if (ms > MAX_TIMEOUT_MS)
    throw new InputError('--timeout', `'${v}' is longer than the limit of 168h (7 days)`);
  return ms;
}

function parseLean(
  raw: RawOptions,
  preset: ReturnType<typeof applyPreset>['preset'],
  source: RunSpec['source'],
  host: HostFacts,
): RunSpec['lean'] {
  const challenge = str(raw, 'challenge');
  // The preset decides the judge; a command of the caller's replaces only the (advisory) build.
  const wanted = challenge !== undefined || (preset?.lean?.judge === 'comparator' && source !== null);
  const stray = (['comparator-config', 'comparator', 'lean4export', 'lake'] as const).find(
    (o) => str(raw, o) !== undefined,
  );
  if (!wanted) {
    if (stray)
      throw new InputError(`--${stray}`, 'needs --challenge (or the lean-proof preset with --source)');
    return null;
  }
  if (challenge !== undefined && host.sharedWithEngine === false) {
    throw new InputError(
      '--challenge',
      "under act the job container's paths are not the engine's, so the challenge cannot be mounted",
    );
  }
  if (!source) throw new InputError('--challenge', "needs --source (the pull request's project)");
  const config = repoRelative(
    '--comparator-config',
    str(raw, 'comparator-config') ?? preset?.lean?.config ?? 'config.json',
  );
  return {
    challengeDir: challenge !== undefined ? path.resolve(host.cwd, challenge) : source.dir,
    trusted: challenge !== undefined,
    config,
    comparator: str(raw, 'comparator') ?? 'comparator',
    lean4export: str(raw, 'lean4export') ?? 'lean4export',
    lake: str(raw, 'lake') ?? 'lake',
  };
}

/** A path inside /output, as `--output` and `--junit` take it (`/output/` may be written or not). */
function outputPath(name: string, value: string): string {
  const rel = value.trim().replace(/^\/output\//, '');
  if (!rel || rel.startsWith('/') || rel.split('/').some((p) => p === '' || p === '.' || p === '..')) {
    throw new InputError(
      name,
      `'${value}' is not a file path inside /output, like junit.xml or reports/out.json`,
    );
  }
  return rel;
}

/** A path inside the repository, as --tests-path takes it. */
function repoRelative(name: string, value: string): string {
  const rel = value.trim().replace(/\/+$/, '');
  if (!rel || rel.startsWith('/') || rel.split('/').some((p) => p === '' || p === '.' || p === '..')) {
    throw new InputError(name, `'${value}' is not a path inside the repository, like tests or pkg/tests`);
  }
  return rel;
}

const HEX40 = /^[0-9a-f]{40}$/;
const BRANCH = /^[\w./-]{1,255}$/;

function parseSubject(raw: RawOptions): Subject {
  const headSha = str(raw, 'head-sha') ?? null;
  if (headSha !== null && !HEX40.test(headSha))
    throw new InputError('--head-sha', `'${headSha}' is not a 40-hex commit`);
  const baseSha = str(raw, 'base-sha') ?? null;
  if (baseSha !== null && !HEX40.test(baseSha))
    throw new InputError('--base-sha', `'${baseSha}' is not a 40-hex commit`);
  const baseRef = str(raw, 'base-ref') ?? null;
  if (baseRef !== null && !BRANCH.test(baseRef))
    throw new InputError('--base-ref', `'${baseRef}' is not a branch name`);
  const repository = str(raw, 'repository') ?? null;
  if (repository !== null && !/^[\w.-]{1,100}\/[\w.-]{1,100}$/.test(repository)) {
    throw new InputError('--repository', `'${repository}' is not owner/repo`);
  }
  const shardArg = str(raw, 'shard');
  let shard: Subject['shard'] = null;
  if (shardArg !== undefined) {
    const m = /^(\d{1,3})\/(\d{1,3})$/.exec(shardArg);
    const index = Number(m?.[1]);
    const count = Number(m?.[2]);
    if (!m || count < 1 || count > 256 || index >= count) {
      throw new InputError('--shard', `'${shardArg}' is not I/N with 0 <= I < N <= 256, like 0/4`);
    }
    shard = { index, count };
  }
  return { repository, headSha, baseSha, baseRef, shard };
}

export interface Loosened {
  option: string;
  effect: string;
}

/** What the spec loosens compared with the locked-down defaults; recorded in every result. */
export function loosenedBy(spec: RunSpec): Loosened[] {
  const out: Loosened[] = [];
  if (spec.allowRoot) out.push({ option: '--allow-root', effect: 'the command may run as uid 0' });
  if (spec.writableRoot) out.push({ option: '--writable-root', effect: 'the root filesystem is writable' });
  if (spec.tmpExec) out.push({ option: '--tmp-exec', effect: 'files in /tmp may be executed' });
  for (const c of spec.capAdd) out.push({ option: `--cap-add ${c}`, effect: `capability ${c} is granted` });
  if (spec.network === 'open') {
    out.push({ option: '--network open', effect: 'the build has unrestricted network access' });
  }
  for (const c of spec.egress?.allowCidrs ?? []) {
    out.push({ option: `--allow-cidr ${c}`, effect: `the proxy may connect to ${c}, private or not` });
  }
  if (spec.egress?.egressNetwork) {
    out.push({
      option: `--egress-network ${spec.egress.egressNetwork}`,
      effect: "the proxy's outside is a network other containers may share",
    });
  }
  if (spec.egress?.proxyImage) {
    out.push({
      option: `--proxy-image ${spec.egress.proxyImage}`,
      effect: "the enforcement point is an image of the caller's, not this version's proxy",
    });
  }
  if (spec.egress?.mode === 'audit') {
    out.push({ option: '--egress audit', effect: 'the proxy lets any public host through (recorded)' });
  }
  if (spec.allowWeakerGvisor) {
    out.push({
      option: '--allow-weaker-gvisor',
      effect: 'gVisor may run without --oci-seccomp: no seccomp filter inside the sandbox',
    });
  }
  if (spec.volumeBackend === 'unbounded') {
    out.push({ option: '--volume-backend unbounded', effect: 'writable volumes have no size cap' });
  }
  if (!spec.watchdog) {
    out.push({
      option: '--no-watchdog',
      effect: 'no watchdog: if the CLI is killed, the sandbox runs on past its deadline until gc',
    });
  }
  for (const m of spec.mounts) {
    if (!m.readOnly) {
      out.push({
        option: `--mount ${m.host}:${m.dest}:rw`,
        effect: `the sandbox can write to ${m.host} on the host`,
      });
    }
  }
  for (const r of spec.egress?.routes ?? []) {
    out.push({
      option: `--secret-route ${r.name}=https://${r.host}${r.port === 443 ? '' : `:${r.port}`}`,
      effect: `the sandbox can call ${r.host} with the host's $${r.env} (it never sees the value)`,
    });
  }
  for (const a of spec.allowMounts) {
    out.push({ option: `--allow-mount ${a}`, effect: 'a host path refused by default may be mounted' });
  }
  if (!spec.selfCheck) {
    out.push({
      option: '--skip-self-check',
      effect: 'the sandbox was not checked from inside before the command ran',
    });
  }
  return out;
}
