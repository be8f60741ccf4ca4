/**
 * The run's options, parsed and validated once at the boundary (CLI argv or action inputs both arrive here as
 * strings keyed by option name). Everything below works on the typed RunSpec (run-spec.ts); the options themselves
 * are one table (option-table.ts).
 */
import path from 'node:path';
import { InputError } from './errors.js';
import { parsePositiveNumber, parseSize } from './units.js';
import { applyPreset } from './presets.js';
import { parsePhaseOptions } from './mounts.js';
import { DEFAULTS, MiB, type RunOptionName } from './option-table.js';
import { IMAGE_REF, bool, count, list, oneOf, size, str } from './raw-options.js';
import {
  outputPath,
  parseAudit,
  parseEgress,
  parseLean,
  parseSubject,
  repoRelative,
  timeout,
} from './option-sections.js';
import type { HostFacts, RawOptions, RunSpec } from './run-spec.js';

export * from './run-spec.js';
export * from './option-table.js';
export { loosenedBy, type Loosened } from './loosened.js';
export { MAX_TIMEOUT_MS } from './option-sections.js';

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

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const USER_SPEC = /^([a-z_][a-z0-9_-]*|\d+)(:([a-z_][a-z0-9_-]*|\d+))?$/i;

type Raw = RawOptions;
type Spec = RunSpec;

/** Validate everything; throws InputError naming the first bad input. Pure: the host facts come in. */
export function parseRunOptions(given: RawOptions, givenCommand: string[], host: HostFacts): RunSpec {
  // What the caller set (not the preset): a default size is one the user did not give.
  const explicit = new Set(
    Object.entries(given)
      .filter(([, v]) => v !== undefined && v !== false && !(Array.isArray(v) && v.length === 0))
      .map(([k]) => k),
  );
  const { raw, command, preset, commandFromPreset } = applyPreset(given, givenCommand);
  const image = parseImage(raw);
  if (command.length === 0 || command.every((c) => c.trim() === '')) {
    throw new InputError('command', 'is empty: give the command after --, e.g. `-- make test`');
  }
  const io = parseIo(raw, host);
  const limits = parseLimits(raw, host, explicit);
  const security = parseSecurity(raw);
  const env = parseEnv([...list(raw, 'env'), ...(preset?.env ?? [])]);
  const network = oneOf('network', str(raw, 'network'), ['none', 'proxy', 'open'] as const, 'none');
  const verdict = parseVerdict(raw, host, io, preset, commandFromPreset);
  const phases = parsePhaseOptions(raw, host.cwd, preset?.setup ?? null);
  if (phases.setup && phases.setup.network === 'proxy' && network === 'open') {
    throw new InputError(
      '--setup-network',
      'proxy with --network open: the allowlist would not hold the command',
    );
  }
  return {
    preset: typeof raw.preset === 'string' ? raw.preset : null,
    image,
    command,
    env,
    io,
    limits,
    security,
    network,
    // The setup phase's proxy is the run's one: its policy is parsed as for --network proxy.
    egress: parseEgress(
      raw,
      phases.setup?.network === 'proxy' && network === 'none' ? 'proxy' : network,
      host.cwd,
    ),
    host: {
      engine: oneOf('engine', str(raw, 'engine'), ['auto', 'docker', 'podman'] as const, 'auto'),
      volumeBackend: oneOf(
        'volume-backend',
        str(raw, 'volume-backend'),
        ['auto', 'loop', 'tmpfs', 'unbounded'] as const,
        'auto',
      ),
      watchdog: !bool(raw, 'no-watchdog'),
    },
    verdict,
    phases,
  };
}

function parseImage(raw: Raw): Spec['image'] {
  const ref = str(raw, 'image');
  if (!ref) throw new InputError('--image', 'is required: name the image to run the command in');
  if (!IMAGE_REF.test(ref) || ref.length > 512) {
    throw new InputError(
      '--image',
      `'${ref}' is not an image reference like python:3.12 or ghcr.io/org/img@sha256:…`,
    );
  }
  const entrypoint = str(raw, 'entrypoint') ?? null;
  if (entrypoint !== null && !/^[\w./-]{1,256}$/.test(entrypoint)) {
    throw new InputError('--entrypoint', `'${entrypoint}' is not a program name or path`);
  }
  return {
    ref,
    entrypoint,
    pull: oneOf('pull', str(raw, 'pull'), ['missing', 'always', 'never'] as const, 'missing'),
  };
}

function parseIo(raw: Raw, host: HostFacts): Spec['io'] {
  const sourceArg = str(raw, 'source');
  const readOnly = bool(raw, 'source-readonly');
  if (readOnly && !sourceArg) throw new InputError('--source-readonly', 'needs --source');
  if (readOnly && host.sharedWithEngine === false) {
    throw new InputError(
      '--source-readonly',
      "under act the job container's paths are not the engine's, so the source cannot be bind-mounted; drop it to copy the source instead",
    );
  }
  const at = (name: RunOptionName) => {
    const v = str(raw, name);
    return v ? path.resolve(host.cwd, v) : null;
  };
  return {
    source: sourceArg ? { dir: path.resolve(host.cwd, sourceArg), readOnly } : null,
    outputDir: at('output-dir'),
    stateDir: at('state-dir'),
    logFile: at('log-file'),
    resultFile: at('result-file'),
  };
}

function parseLimits(raw: Raw, host: HostFacts, explicit: Set<string>): Spec['limits'] {
  const memoryBytes = size(raw, 'memory', DEFAULTS.memoryBytes);
  if (memoryBytes < MIN_MEMORY)
    throw new InputError('--memory', `must be at least 16m (16 MiB); got ${memoryBytes} bytes`);
  const cpusArg = str(raw, 'cpus');
  const cpus =
    cpusArg === undefined
      ? Math.min(DEFAULTS.cpus, host.cpus)
      : parsePositiveNumber('--cpus', cpusArg, { integer: false, max: host.cpus });
  if (cpus < 0.01) throw new InputError('--cpus', 'must be at least 0.01');
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
  const sized = [
    ['work-size', 'workSizeBytes'],
    ['output-size', 'outputSizeBytes'],
    ['state-size', 'stateSizeBytes'],
  ] as const;
  return {
    timeoutMs: timeout(str(raw, 'timeout')),
    memoryBytes,
    cpus,
    pids: count(raw, 'pids', DEFAULTS.pids, 1_000_000),
    nofile: count(raw, 'nofile', DEFAULTS.nofile, 1_048_576),
    fsizeBytes: size(raw, 'max-file-size', DEFAULTS.fsizeBytes),
    tmpSizeBytes,
    workSizeBytes: size(raw, 'work-size', DEFAULTS.workSizeBytes),
    outputSizeBytes: size(raw, 'output-size', DEFAULTS.outputSizeBytes),
    stateSizeBytes: size(raw, 'state-size', DEFAULTS.stateSizeBytes),
    outputCaps: {
      maxTotalBytes,
      maxFiles: count(raw, 'max-output-files', DEFAULTS.maxOutputFiles, 10_000_000),
      maxFileBytes,
    },
    logLimitBytes: size(raw, 'log-limit', DEFAULTS.logLimitBytes),
    defaultSizes: sized.filter(([o]) => !explicit.has(o)).map(([, k]) => k),
  };
}

function parseSecurity(raw: Raw): Spec['security'] {
  const user = str(raw, 'user') ?? null;
  if (user !== null && !USER_SPEC.test(user)) {
    throw new InputError('--user', `'${user}' is not uid[:gid] or name[:group]`);
  }
  const allowRoot = bool(raw, 'allow-root');
  if (user !== null && !allowRoot && /^(0|root)(:|$)/.test(user)) {
    throw new InputError('--user', `'${user}' is root; pass --allow-root to run as root (not recommended)`);
  }
  const capAdd = list(raw, 'cap-add').map((c) => c.toUpperCase().replace(/^CAP_/, ''));
  for (const c of capAdd) {
    if (!/^[A-Z_]+$/.test(c)) throw new InputError('--cap-add', `'${c}' is not a capability name`);
    if (FORBIDDEN_CAPS.has(c))
      throw new InputError('--cap-add', `${c} would give the build the host; it is never added`);
  }
  const isolation = oneOf('isolation', str(raw, 'isolation'), ['default', 'runsc'] as const, 'default');
  const allowWeakerGvisor = bool(raw, 'allow-weaker-gvisor');
  if (allowWeakerGvisor && isolation !== 'runsc') {
    throw new InputError('--allow-weaker-gvisor', 'needs --isolation runsc');
  }
  return {
    user,
    allowRoot,
    writableRoot: bool(raw, 'writable-root'),
    tmpExec: bool(raw, 'tmp-exec'),
    capAdd,
    isolation,
    allowWeakerGvisor,
    selfCheck: !bool(raw, 'skip-self-check'),
  };
}

function parseEnv(env: string[]): string[] {
  for (const e of env) {
    const eq = e.indexOf('=');
    if (eq <= 0 || !ENV_NAME.test(e.slice(0, eq))) {
      throw new InputError(
        '--env',
        `'${e.split('=')[0]}' is not KEY=VALUE with KEY of letters, digits and _`,
      );
    }
  }
  return env;
}

function parseAnnotate(raw: Raw, io: Spec['io']): Spec['verdict']['annotate'] {
  const arg = str(raw, 'annotate');
  if (arg === undefined) return null;
  const m = /^(lean|gcc|junit)(?::(.+))?$/.exec(arg);
  if (!m || (m[2] !== undefined && m[1] !== 'junit')) {
    throw new InputError('--annotate', `'${arg}' is not lean, gcc, junit or junit:FILE`);
  }
  if (m[1] !== 'junit') return { parser: m[1] as 'lean' | 'gcc' };
  const file = (m[2] ?? 'junit.xml').replace(/^\/output\//, '');
  if (file.startsWith('/') || file.split('/').includes('..')) {
    throw new InputError('--annotate', `'${file}' must be a path inside /output`);
  }
  if (!io.outputDir)
    throw new InputError('--annotate', 'junit reads a collected file: it needs --output-dir');
  return { parser: 'junit', file };
}

function parseVerdict(
  raw: Raw,
  host: HostFacts,
  io: Spec['io'],
  preset: ReturnType<typeof applyPreset>['preset'],
  commandFromPreset: boolean,
): Spec['verdict'] {
  const annotate = parseAnnotate(raw, io);
  const declared = list(raw, 'output').map((o) => outputPath('--output', o));
  const junitArg = str(raw, 'junit');
  const junit = junitArg === undefined ? null : { file: outputPath('--junit', junitArg) };
  if (junit && !declared.includes(junit.file)) declared.push(junit.file);
  const expectArg = str(raw, 'expect');
  if ((declared.length || expectArg) && !io.outputDir) {
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
  const source = io.source;
  return {
    declared,
    junit,
    expectDir: expectArg ? path.resolve(host.cwd, expectArg) : null,
    annotate,
    audit: parseAudit(raw, preset?.audit?.allowAxioms ?? null, host.cwd),
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
  };
}
