/** The CLI door: argv in, typed options out, the library called, an exit code back. */
import path from 'node:path';
import { EngineError, InputError, errorMessage } from '../config/errors.js';
import { RUN_OPTIONS, parseRunOptions, type RunSpec } from '../config/run-options.js';
import { parseDuration } from '../config/units.js';
import { executeRun } from '../sandbox/execute.js';
import { gc } from '../sandbox/gc.js';
import { loopToolsReason } from '../sandbox/volumes.js';
import { suggestionLines, summaryLine } from '../sandbox/summary.js';
import { helpFor, parseCommandLine, type OptionTable } from './args.js';
import { BUILD_TABLE, buildCommand } from './build.js';
import { landrunCommand } from './landrun.js';
import { shardCommand } from './shard.js';
import { VERIFY_TABLE, verifyCommand } from './verify.js';
import { REPORT_TABLE, reportCommand } from './report.js';
import { TAGS_TABLE, tagsCommand } from './tags.js';
import {
  abortOnSignals,
  connect,
  failedBeforeRun,
  makeRunDeps,
  processContext,
  volumeHostFor,
  writeResultFile,
  writeResultOnCrash,
} from './door.js';

declare const SANDBOX_ACTION_VERSION: string | undefined;
const VERSION = typeof SANDBOX_ACTION_VERSION === 'string' ? SANDBOX_ACTION_VERSION : 'dev';

const CLI_ONLY = {
  json: { kind: 'boolean', help: 'print the result as one JSON object on stdout (the log goes to stderr)' },
  quiet: { kind: 'boolean', help: 'no summary line' },
  help: { kind: 'boolean', help: 'this help', short: 'h' },
} as const satisfies OptionTable;

const RUN_TABLE: OptionTable = { ...RUN_OPTIONS, ...CLI_ONLY };
const GC_TABLE: OptionTable = {
  'older-than': { kind: 'string', help: 'only what is older than this, e.g. 1h (default: everything)' },
  json: CLI_ONLY.json,
  help: CLI_ONLY.help,
};

const USAGE = `sandbox-action ${VERSION}: run untrusted builds in a locked-down container

usage:
  sandbox-action run --image IMAGE [options] -- COMMAND [ARGS...]
  sandbox-action gc [--older-than 1h]
  sandbox-action tags [--sha S --ref R --event E --pr N --repository REPO] [--json]
  sandbox-action report --result FILE [--repository owner/repo --head-sha SHA] [--dry-run]
  sandbox-action build [--images a,b] [--platforms linux/amd64,linux/arm64] [--push] [--registry R] [--tag X]
  sandbox-action shard --targets 'A B C' --shards N --index I   (the targets of one shard, one per line)
  sandbox-action verify --shards N --action-ref SHA [--github-output FILE]   (may this run make a PR verdict?)
  sandbox-action landrun --best-effort --ro / --rw /dev -ldd -add-exec [--env N|--ro P|--rwx P|--rox P]... -- CMD...
      (comparator's sandbox: COMPARATOR_LANDRUN=scripts/sandbox-landrun; see docs/comparator.md)
  sandbox-action --version

run options:
${helpFor(RUN_TABLE)}

gc options:
${helpFor(GC_TABLE)}

tags options (defaults from the GitHub environment when it is there):
${helpFor(TAGS_TABLE)}

report options:
${helpFor(REPORT_TABLE)}

verify options (the PR check's first job; the commit comes from the event):
${helpFor(VERIFY_TABLE)}

build options (tag options as for tags; defaults from the GitHub environment, else git):
${helpFor(BUILD_TABLE)}

exit codes of run: the command's own; 124 timed out; 137 OOM-killed; 125 sandbox-action failed;
130/143 interrupted. landrun: the step's own; 124, 137 as for run; 2 request refused;
125 the step could not be run. Other subcommands: 0 done, 1 failed, 2 bad input.`;

interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

function errorLine(io: Io, err: unknown) {
  io.stderr.write(`sandbox-action: ${errorMessage(err)}\n`);
}

async function runCommand(argv: string[], io: Io): Promise<number> {
  const ctx = processContext();
  let json = false;
  let quiet = false;
  let resultFile: string | null = null;
  let spec: RunSpec;
  try {
    const { options, positionals, rest } = parseCommandLine(argv, RUN_TABLE);
    json = options.json === true;
    quiet = options.quiet === true;
    if (options.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    // Known before validation, so that even bad input leaves its error result where the caller looks.
    if (typeof options['result-file'] === 'string')
      resultFile = path.resolve(ctx.cwd, options['result-file']);
    spec = parseRunOptions(options, [...positionals, ...rest], {
      cpus: ctx.cpus,
      cwd: ctx.cwd,
      sharedWithEngine: ctx.env.ACT !== 'true',
    });
  } catch (err) {
    return failBeforeRun(io, err, null, resultFile, json);
  }
  writeResultOnCrash(spec.resultFile, spec.subject);
  // The host's tools for loop volumes are asked while the engine is connected to, not after.
  if (spec.volumeBackend !== 'tmpfs' && spec.volumeBackend !== 'unbounded') {
    void loopToolsReason(volumeHostFor(ctx));
  }
  let engine;
  try {
    engine = await connect(ctx);
  } catch (err) {
    return failBeforeRun(io, err, spec, spec.resultFile, json);
  }
  const sig = abortOnSignals();
  try {
    const result = await executeRun(
      spec,
      makeRunDeps(ctx, engine, {
        log: json ? { stdout: io.stderr, stderr: io.stderr } : { stdout: io.stdout, stderr: io.stderr },
        notice: (l) => io.stderr.write(`sandbox-action: ${l}\n`),
        signal: sig.signal,
      }),
    );
    if (spec.resultFile) writeResultFile(spec.resultFile, result);
    if (result.error) io.stderr.write(`sandbox-action: ${result.error}\n`);
    for (const n of result.notes) io.stderr.write(`sandbox-action: note: ${n}\n`);
    if (json) io.stdout.write(`${JSON.stringify(result)}\n`);
    if (!quiet) {
      io.stderr.write(`${summaryLine(result)}\n`);
      for (const l of suggestionLines(result)) io.stderr.write(`${l}\n`);
    }
    return result.exitCode;
  } finally {
    sig.dispose();
  }
}

/** Bad input or no engine: one line, exit 125, and an error result where the caller looks for one. */
function failBeforeRun(
  io: Io,
  err: unknown,
  spec: RunSpec | null,
  resultFile: string | null,
  json: boolean,
): number {
  errorLine(io, err);
  const result = failedBeforeRun(err, spec);
  if (resultFile) {
    try {
      writeResultFile(resultFile, result);
    } catch (e) {
      errorLine(io, new Error(`--result-file: ${errorMessage(e)}`));
    }
  }
  if (json) io.stdout.write(`${JSON.stringify(result)}\n`);
  if (!(err instanceof InputError) && !(err instanceof EngineError) && process.env.SANDBOX_ACTION_DEBUG) {
    io.stderr.write(`${(err as Error).stack}\n`);
  }
  return 125;
}

async function gcCommand(argv: string[], io: Io): Promise<number> {
  const ctx = processContext();
  try {
    const { options, positionals } = parseCommandLine(argv, GC_TABLE);
    if (options.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length) throw new InputError(positionals[0]!, 'gc takes no arguments');
    const older =
      typeof options['older-than'] === 'string' ? parseDuration('--older-than', options['older-than']) : 0;
    const engine = await connect(ctx);
    const report = await gc(engine, volumeHostFor(ctx), { olderThanMs: older, now: Date.now() });
    if (options.json) io.stdout.write(`${JSON.stringify(report)}\n`);
    else {
      for (const r of report.removed) io.stdout.write(`removed ${r.kind} ${r.name}\n`);
      for (const f of report.failures) io.stderr.write(`sandbox-action: gc: ${f}\n`);
      io.stderr.write(`sandbox-action: gc removed ${report.removed.length}, kept ${report.kept} newer\n`);
    }
    return report.failures.length ? 1 : 0;
  } catch (err) {
    errorLine(io, err);
    return err instanceof InputError ? 2 : 1;
  }
}

export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr }) {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'run':
      return runCommand(rest, io);
    case 'gc':
      return gcCommand(rest, io);
    case 'tags':
      return tagsCommand(rest, process.env, io);
    case 'report':
      return reportCommand(rest, process.env, io);
    case 'shard':
      return shardCommand(rest, io);
    case 'verify':
      return verifyCommand(rest, process.env, io);
    case 'landrun':
      return landrunCommand(rest, io);
    case 'build':
      return buildCommand(rest, process.env, io, () => connect(processContext()));
    case '--version':
    case 'version':
      io.stdout.write(`${VERSION}\n`);
      return 0;
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      io.stdout.write(`${USAGE}\n`);
      return sub === undefined ? 2 : 0;
    default:
      io.stderr.write(
        `sandbox-action: '${sub}' is not a command; use run, gc, tags or report (see --help)\n`,
      );
      return 2;
  }
}
