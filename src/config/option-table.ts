/**
 * Every option of `run`, in one table: its kind, its help, the action input that carries it, and what it loosens.
 * The CLI's parser and help, the action's inputs and the result's `loosened` list are all made from it.
 */
export const GiB = 1024 ** 3;
export const MiB = 1024 ** 2;

/** One option of `run`: how it parses, its help, the action input carrying it, and what it loosens. */
export interface RunOption {
  kind: 'string' | 'boolean' | 'strings';
  help: string;
  /** The action input's name, when it is not the option's own (plural for repeatable ones). */
  input?: string;
  /**
   * What the option weakens (when: a value prefix such as `open:` says which value), or null: it does not loosen
   * anything. Every option says one or the other; loosened.ts records each loosening in the result, and the help
   * shows it as "(loosens: …)".
   */
  loosens: string | null;
}

/** Every option of `run`. The CLI's parser and help, the action's inputs and `loosenedBy` are made from it. */
export const RUN_OPTIONS = {
  image: { kind: 'string', help: 'image to run (required unless --preset names one)', loosens: null },
  preset: {
    kind: 'string',
    help: 'a kind of job: python-tests, lean-proof, lean4 (image, command, network, parser, limits; explicit options win)',
    loosens: null,
  },
  'images-registry': {
    kind: 'string',
    help: "where a preset's image comes from (default ghcr.io/org/sandbox-action)",
    loosens: null,
  },
  entrypoint: {
    kind: 'string',
    help: "program to run instead of the image's entrypoint, e.g. sh",
    loosens: null,
  },
  source: {
    kind: 'string',
    help: 'directory copied into the writable /work volume (default: none)',
    loosens: null,
  },
  'source-readonly': {
    kind: 'boolean',
    help: 'bind-mount --source read-only at /work instead of copying it',
    loosens: null,
  },
  'output-dir': {
    kind: 'string',
    help: 'fresh directory to collect /output into (default: not collected)',
    loosens: null,
  },
  timeout: { kind: 'string', help: 'wall-clock limit, e.g. 90s, 20m, 1h (default 60m)', loosens: null },
  memory: { kind: 'string', help: 'memory limit, swap included (default 2g, at least 16m)', loosens: null },
  cpus: { kind: 'string', help: 'CPU limit (default 2, or the host count if lower)', loosens: null },
  pids: { kind: 'string', help: 'process limit (default 512)', loosens: null },
  nofile: { kind: 'string', help: 'open-files ulimit (default 8192)', loosens: null },
  'max-file-size': {
    kind: 'string',
    help: 'largest file the command may write, the fsize ulimit (default 4g)',
    loosens: null,
  },
  'tmp-size': {
    kind: 'string',
    help: 'size of the noexec tmpfs at /tmp (default 512m, at most half of --memory)',
    loosens: null,
  },
  'work-size': { kind: 'string', help: 'hard size cap of /work (default 20g)', loosens: null },
  'output-size': { kind: 'string', help: 'hard size cap of /output (default 2g)', loosens: null },
  'state-dir': {
    kind: 'string',
    help: 'host directory kept between runs at /state (copied in, collected back safely; default: none)',
    loosens: null,
  },
  'state-size': { kind: 'string', help: 'hard size cap of /state (default 5g)', loosens: null },
  user: {
    kind: 'string',
    help: 'uid[:gid] or name to run as (default: the image user if not root, else 65534:65534)',
    loosens: null,
  },
  'allow-root': {
    kind: 'boolean',
    help: 'allow uid 0 in the sandbox',
    loosens: 'the command may run as root',
  },
  'no-watchdog': {
    kind: 'boolean',
    help: 'start no watchdog',
    loosens: 'a killed CLI leaves the sandbox running past its deadline until gc',
  },
  'writable-root': {
    kind: 'boolean',
    help: 'make the root filesystem writable',
    loosens: 'the image can be changed',
  },
  'tmp-exec': {
    kind: 'boolean',
    help: 'allow executing files from /tmp',
    loosens: 'files written to /tmp run',
  },
  'cap-add': {
    kind: 'strings',
    help: 'add a Linux capability back (repeatable)',
    loosens: 'the capability is granted',
  },
  env: {
    kind: 'strings',
    help: 'KEY=VALUE for the sandbox (repeatable); nothing else is passed',
    loosens: null,
  },
  network: {
    kind: 'string',
    help: 'none (default), proxy (egress only through the allowlisting proxy) or open (unrestricted)',
    loosens: 'open: any host can be reached',
  },
  'secret-route': {
    kind: 'strings',
    input: 'secret-routes',
    help: 'with --network proxy: NAME=https://HOST[,header=H,env=VAR,ca=FILE] the proxy serves http://<proxy>/NAME/… as https://HOST/… with header H from $VAR; the sandbox gets NAME_BASE_URL, never the secret (repeatable)',
    loosens: "the sandbox can call HOST with the host's secret",
  },
  'allow-domain': {
    kind: 'strings',
    input: 'allow-domains',
    help: 'with --network proxy: a name the build may reach, github.com or *.githubusercontent.com (repeatable)',
    loosens: null,
  },
  'allow-preset': {
    kind: 'strings',
    input: 'allow-preset',
    help: 'with --network proxy: a named allowlist: github, lean, pypi, debian (repeatable)',
    loosens: null,
  },
  'allow-cidr': {
    kind: 'strings',
    input: 'allow-cidrs',
    help: 'with --network proxy: addresses the proxy may connect to even when private or literal (repeatable)',
    loosens: 'the proxy may reach private addresses',
  },
  'allow-port': {
    kind: 'strings',
    input: 'allow-ports',
    help: 'with --network proxy: destination ports (default 443 and 80; repeatable)',
    loosens: null,
  },
  'add-host': {
    kind: 'strings',
    help: "with --network proxy: NAME:IP for the proxy's resolver (internal mirrors, tests; repeatable)",
    loosens: null,
  },
  egress: {
    kind: 'string',
    help: 'with --network proxy: allowlist (default), transparent (allowlist, and tools that ignore proxy variables work too: listed names resolve to the proxy, which routes by TLS server name or Host) or audit (any public host, recorded, with a suggested allowlist)',
    loosens: 'audit: any public host can be reached',
  },
  'egress-network': {
    kind: 'string',
    help: "with --network proxy: an existing network for the proxy's outside (default: a fresh bridge per run)",
    loosens: "other containers may share the proxy's outside",
  },
  'egress-dns': {
    kind: 'strings',
    help: "with --network proxy: resolver addresses the proxy asks (default: its engine's)",
    loosens: null,
  },
  'egress-max-bytes': {
    kind: 'string',
    help: 'with --network proxy: total bytes the run may move through the proxy (default: no cap)',
    loosens: null,
  },
  'proxy-image': {
    kind: 'string',
    help: "with --network proxy: the proxy's image (default: built once from this version's sources)",
    loosens: 'the enforcement point is an image of your own',
  },
  'proxy-base-image': {
    kind: 'string',
    help: "build the proxy image from this base with apt's nodejs (default: made from this machine's Node, without the network)",
    loosens: null,
  },
  isolation: { kind: 'string', help: 'default, or runsc for gVisor', loosens: null },
  'allow-weaker-gvisor': {
    kind: 'boolean',
    help: 'with --isolation runsc: use a runsc runtime without --oci-seccomp, so no seccomp filter inside gVisor (for gVisor releases where --oci-seccomp breaks threads, docs/gvisor.md)',
    loosens: 'no seccomp filter inside gVisor',
  },
  pull: { kind: 'string', help: 'missing (default), always or never', loosens: null },
  engine: {
    kind: 'string',
    help: 'docker or podman (default: DOCKER_HOST, CONTAINER_HOST, then the usual sockets; docs/engines.md)',
    loosens: null,
  },
  'volume-backend': {
    kind: 'string',
    help: 'how volume caps are enforced: auto (default), loop, tmpfs, unbounded',
    loosens: 'unbounded: writable volumes have no size cap',
  },
  'max-output-bytes': {
    kind: 'string',
    help: 'total bytes collected from /output (default 1g)',
    loosens: null,
  },
  'max-output-files': { kind: 'string', help: 'files collected from /output (default 10000)', loosens: null },
  'max-output-file-size': {
    kind: 'string',
    help: 'largest single file collected (default 512m)',
    loosens: null,
  },
  annotate: {
    kind: 'string',
    help: 'annotations from the log (lean, gcc) or from a JUnit file in /output (junit, junit:path/in/output.xml)',
    loosens: null,
  },
  'audit-target': {
    kind: 'strings',
    input: 'audit-targets',
    help: 'after the build, a fresh sandbox (no network, /work read-only) prints the axioms of this Lean theorem (repeatable)',
    loosens: null,
  },
  'audit-module': {
    kind: 'strings',
    input: 'audit-modules',
    help: 'Lean module the audit imports (repeatable; default: the root of each target)',
    loosens: null,
  },
  'audit-allow': {
    kind: 'strings',
    input: 'audit-allow',
    help: 'axioms the audit accepts (default propext, Classical.choice, Quot.sound)',
    loosens: null,
  },
  'audit-protected': {
    kind: 'strings',
    help: "PATH=BASEFILE: every theorem of BASEFILE (the base branch's PATH) must keep its statement in /work/PATH after the build (repeatable)",
    loosens: null,
  },
  output: {
    kind: 'strings',
    input: 'outputs',
    help: 'a file of /output the verdict needs, e.g. junit.xml: collected first, outside the count cap; missing fails the run (repeatable)',
    loosens: null,
  },
  junit: {
    kind: 'string',
    help: 'judge by this JUnit XML file of /output (a declared output): at least one test, none failed or errored',
    loosens: null,
  },
  expect: {
    kind: 'string',
    help: 'directory of expected files on this host (never in the sandbox): each must equal the /output file of the same path (.json as JSON)',
    loosens: null,
  },
  tests: {
    kind: 'string',
    help: "trusted checkout (e.g. the base branch) whose tests, conftest.py files and pytest config replace the source's, read-only (python-tests)",
    loosens: null,
  },
  'tests-path': {
    kind: 'strings',
    input: 'tests-paths',
    help: "test directories or files inside --tests (default: the preset's, tests)",
    loosens: null,
  },
  challenge: {
    kind: 'string',
    help: 'trusted checkout (e.g. the base branch) whose challenge, its imports, lakefile, toolchain and comparator config are judged, read-only (lean-proof)',
    loosens: null,
  },
  'comparator-config': {
    kind: 'string',
    help: "comparator's config in the project (default config.json)",
    loosens: null,
  },
  comparator: {
    kind: 'string',
    help: 'the comparator program on this host (default: comparator on PATH)',
    loosens: null,
  },
  lean4export: {
    kind: 'string',
    help: 'the lean4export program on this host (default: lean4export on PATH)',
    loosens: null,
  },
  lake: {
    kind: 'string',
    help: 'the lake program on this host comparator is started with (default: lake on PATH)',
    loosens: null,
  },
  'head-sha': {
    kind: 'string',
    help: 'the commit the run verifies (40 hex; recorded in the result and checked by report)',
    loosens: null,
  },
  'base-sha': {
    kind: 'string',
    help: 'the base commit the head was merged into for this run (40 hex; recorded and checked by report)',
    loosens: null,
  },
  'base-ref': {
    kind: 'string',
    help: 'the branch it is verified against (recorded and checked by report)',
    loosens: null,
  },
  repository: {
    kind: 'string',
    help: 'owner/repo of the commit (recorded and checked by report)',
    loosens: null,
  },
  shard: {
    kind: 'string',
    help: 'I/N: this run is shard I of N (recorded; report needs every shard exactly once)',
    loosens: null,
  },
  'result-file': {
    kind: 'string',
    help: 'write the result JSON to this file, also when the run fails (status error with the reason)',
    loosens: null,
  },
  'skip-self-check': {
    kind: 'boolean',
    help: 'do not run the in-sandbox self-check before the command, e.g. for an image without /bin/sh',
    loosens: 'the sandbox is not checked from inside',
  },
  'log-limit': {
    kind: 'string',
    help: 'bytes of the build log shown before it is cut (default 64m)',
    loosens: null,
  },
  mount: {
    kind: 'strings',
    input: 'mounts',
    help: 'HOST:DEST[:ro|rw] a host directory or file, read-only unless :rw; /, /etc, /proc, /sys, /dev, sockets and credentials are refused (repeatable)',
    loosens: ':rw: the sandbox can write to the host',
  },
  'allow-mount': {
    kind: 'strings',
    help: 'a host path --mount refuses by default (a socket, /etc…), mounted anyway (repeatable)',
    loosens: 'a refused host path is mounted',
  },
  persist: {
    kind: 'string',
    help: 'host directory holding a size-capped filesystem image mounted writable at /persist, kept between runs and sessions',
    loosens: null,
  },
  'persist-size': {
    kind: 'string',
    help: 'size cap of /persist when its image is made (default 1g)',
    loosens: null,
  },
  setup: {
    kind: 'string',
    help: 'a shell command run first, in its own container on the same volumes, with --setup-network; the command then runs in a fresh one',
    loosens: null,
  },
  'setup-network': {
    kind: 'string',
    help: "the setup phase's network: none (default) or proxy (the allowlist options apply to it)",
    loosens: null,
  },
  warm: {
    kind: 'boolean',
    help: 'reuse a warm sandbox with the same plan, reset between runs (fresh /work, /output, /tmp, no process left); a cold one when none is ready or it cannot be reset, as the result says',
    loosens: null,
  },
  'idle-ttl': {
    kind: 'string',
    help: 'with --warm: how long the warm sandbox is kept while idle (default 15m)',
    loosens: null,
  },
  'log-file': {
    kind: 'string',
    help: "also write the build's log, as it came (capped at 16 MiB), to this new file (for a result artifact)",
    loosens: null,
  },
} as const satisfies Record<string, RunOption>;

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
