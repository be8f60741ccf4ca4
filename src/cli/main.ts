/** The CLI door: argv in, typed options out, the library called, an exit code back. */
import path from 'node:path';
import { EngineError, InputError, errorMessage, exitCodeFor, inputExitCode } from '../config/errors.js';
import { RUN_OPTIONS, parseRunOptions, type RunSpec } from '../config/run-options.js';
import { runSandboxed } from '../session/warm.js';
import { loopToolsReason } from '../sandbox/volumes.js';
import { suggestionLines, summaryLine } from '../sandbox/summary.js';
import { CLI_ONLY, helpFor, parseCommandLine, type Io, type OptionTable } from './args.js';
import { SESSION_USAGE, sessionCommand } from './session.js';
import type { RunResult } from '../verdict/schema.js';
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

const RUN_TABLE: OptionTable = { ...RUN_OPTIONS, ...CLI_ONLY };
/**
 * Every subcommand, once: its usage line, its options, its door. Help, the overview and the unknown-command line
 * come from it. A door that is not on the path of run and the session commands is `load`ed when it is used, so
 * that its modules and dependencies (Octokit, the image builder) are not evaluated by every `run` and `exec`.
 */
interface Door {
  table?: OptionTable;
  run(rest: string[], io: Io): Promise<number> | number;
}
type Subcommand = { usage: string; about: string } & (Door | { load: () => Promise<Door> });

async function doorOf(c: Subcommand): Promise<Door> {
  return 'load' in c ? c.load() : c;
}

const SUBCOMMANDS: Record<string, Subcommand> = {
  run: {
    usage: 'run --image IMAGE [options] -- COMMAND [ARGS...]',
    about: 'run an untrusted command in a locked-down sandbox, collect its outputs, judge it',
    table: RUN_TABLE,
    run: (rest, io) => runCommand(rest, io),
  },
  create: {
    usage: 'create [run options] [--name N] [--idle-ttl 15m] [--keep]',
    about: 'a session: the run plan kept alive (prints its id)',
    run: (rest, io) => sessionCommand('create', rest, io),
  },
  start: {
    usage: 'start ID',
    about: 'start a stopped session',
    run: (rest, io) => sessionCommand('start', rest, io),
  },
  stop: {
    usage: 'stop ID',
    about: 'stop a session (its volumes are kept)',
    run: (rest, io) => sessionCommand('stop', rest, io),
  },
  rm: {
    usage: 'rm ID',
    about: 'remove a session and everything of it',
    run: (rest, io) => sessionCommand('rm', rest, io),
  },
  ls: {
    usage: 'ls [--json]',
    about: 'the sessions, as a table or JSON',
    run: (rest, io) => sessionCommand('ls', rest, io),
  },
  exec: {
    usage: 'exec ID [--timeout T] [--env K=V] [--output-dir D] [--result-file F] [--json] -- CMD [ARGS...]',
    about: 'run a command in a session (exit codes as for run)',
    run: (rest, io) => sessionCommand('exec', rest, io),
  },
  shell: {
    usage: 'shell ID',
    about: 'an interactive shell in a session (a TTY, resize passed on)',
    run: (rest, io) => sessionCommand('shell', rest, io),
  },
  sync: {
    usage: 'sync ID [DIR]',
    about: 'copy the working tree into /work (deletes what is gone, never follows a link out)',
    run: (rest, io) => sessionCommand('sync', rest, io),
  },
  cp: {
    usage: 'cp ID:/output/PATH DEST',
    about: 'copy out of /output through the safe collector',
    run: (rest, io) => sessionCommand('cp', rest, io),
  },
  gc: {
    usage: 'gc [--older-than 1h] [--run ID]',
    about: 'remove what runs left behind (and any sandbox past its deadline)',
    load: async () => {
      const m = await import('./maintenance.js');
      return { table: m.GC_TABLE, run: (rest, io) => m.gcCommand(rest, io) };
    },
  },
  tags: {
    usage: 'tags [--sha S --ref R --event E --pr N --repository REPO] [--json]',
    about: 'the image tags for a commit (defaults from the GitHub environment when it is there)',
    load: async () => {
      const m = await import('./tags.js');
      return { table: m.TAGS_TABLE, run: (rest, io) => m.tagsCommand(rest, process.env, io) };
    },
  },
  report: {
    usage:
      'report --result FILE|DIR [--shards N] [--repository owner/repo --head-sha SHA --base-ref B] [--dry-run]',
    about: "turn run results into one check run (every shard once, for the event's commit)",
    load: async () => {
      const m = await import('./report.js');
      return { table: m.REPORT_TABLE, run: (rest, io) => m.reportCommand(rest, process.env, io) };
    },
  },
  build: {
    usage: 'build [--images a,b] [--platforms linux/amd64,linux/arm64] [--push] [--registry R] [--tag X]',
    about: 'build (and push) the sandbox images for several platforms (tag options as for tags)',
    load: async () => {
      const m = await import('./build.js');
      return {
        table: m.BUILD_TABLE,
        run: (rest, io) => m.buildCommand(rest, process.env, io, () => connect(processContext())),
      };
    },
  },
  shard: {
    usage: "shard --targets 'A B C' --shards N --index I",
    about: 'the targets of one shard, one per line (deterministic, for a workflow matrix)',
    load: async () => {
      const m = await import('./shard.js');
      return { table: m.SHARD_TABLE, run: (rest, io) => m.shardCommand(rest, io) };
    },
  },
  verify: {
    usage: 'verify --shards N --action-ref SHA [--github-output FILE]',
    about: "the PR check's first job: may this run make a verdict (the commit comes from the event)?",
    load: async () => {
      const m = await import('./verify.js');
      return { table: m.VERIFY_TABLE, run: (rest, io) => m.verifyCommand(rest, process.env, io) };
    },
  },
  landrun: {
    usage:
      'landrun --best-effort --ro / --rw /dev -ldd -add-exec [--env N|--ro P|--rwx P|--rox P]... -- CMD...',
    about: "comparator's sandbox hook (COMPARATOR_LANDRUN=scripts/sandbox-landrun; see docs/comparator.md)",
    load: async () => {
      const m = await import('./landrun.js');
      return { run: (rest, io) => m.landrunCommand(rest, io) };
    },
  },
  watchdog: {
    usage: 'watchdog --run ID --parent PID --parent-start TICKS',
    about: 'started by every run, detached: removes the run if its CLI dies (not for direct use)',
    load: async () => {
      const m = await import('./maintenance.js');
      return { table: m.WATCHDOG_TABLE, run: (rest, io) => m.watchdogCommand(rest, io) };
    },
  },
};

function subcommandHelp(c: Subcommand, door: Door): string {
  const options = door.table ? `\n\noptions:\n${helpFor(door.table)}` : '';
  return `usage: sandbox-action ${c.usage}\n\n${c.about}${options}`;
}

const USAGE = () => `sandbox-action ${VERSION}: run untrusted builds in a locked-down container

usage:
${Object.entries(SUBCOMMANDS)
  .map(([, c]) => `  sandbox-action ${c.usage}\n      ${c.about}`)
  .join('\n')}
  sandbox-action --version

${SESSION_USAGE}

exit codes of run: the command's own; 124 timed out; 137 OOM-killed; 125 sandbox-action failed;
130/143 interrupted. landrun: the step's own; 124, 137 as for run; 2 request refused;
125 the step could not be run. Other subcommands: 0 done, 1 failed, 2 bad input.

'sandbox-action COMMAND --help' shows a command's options.`;

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
      io.stdout.write(`${USAGE()}\n`);
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
  writeResultOnCrash(spec.io.resultFile, spec.verdict.subject);
  // The host's tools for loop volumes are asked while the engine is connected to, not after (a warm run asks only
  // when it must make a sandbox: two processes less when one is ready).
  if (spec.host.volumeBackend !== 'tmpfs' && spec.host.volumeBackend !== 'unbounded' && !spec.phases.warm) {
    void loopToolsReason(volumeHostFor(ctx));
  }
  let engine;
  try {
    engine = await connect(ctx, spec.host.engine);
  } catch (err) {
    return failBeforeRun(io, err, spec, spec.io.resultFile, json);
  }
  const sig = abortOnSignals();
  try {
    const result = await runSandboxed(
      spec,
      makeRunDeps(ctx, engine, {
        log: json ? { stdout: io.stderr, stderr: io.stderr } : { stdout: io.stdout, stderr: io.stderr },
        notice: (l) => io.stderr.write(`sandbox-action: ${l}\n`),
        signal: sig.signal,
        watchdog: spec.host.watchdog,
      }),
    );
    if (spec.io.resultFile) writeResultFile(spec.io.resultFile, result);
    tell(io, result, { json, quiet });
    return result.exitCode;
  } finally {
    sig.dispose();
  }
}

/** The result on the terminal: its error and notes, the JSON with --json, the summary unless --quiet. */
function tell(io: Io, result: RunResult, o: { json: boolean; quiet: boolean }): void {
  if (result.error) io.stderr.write(`sandbox-action: ${result.error}\n`);
  for (const n of result.notes) io.stderr.write(`sandbox-action: note: ${n}\n`);
  if (o.json) io.stdout.write(`${JSON.stringify(result)}\n`);
  // An error is told by its own line above (bad input gets exactly one); the summary is for runs that ran.
  if (!o.quiet && result.status !== 'error') {
    io.stderr.write(`${summaryLine(result)}\n`);
    for (const l of suggestionLines(result)) io.stderr.write(`${l}\n`);
  }
}

/** Bad input or no engine: one line, exit 125 (EXIT_CODES.mirror), and an error result where the caller looks for one. */
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
      errorLine(io, new InputError('--result-file', errorMessage(e)));
    }
  }
  if (json) io.stdout.write(`${JSON.stringify(result)}\n`);
  if (!(err instanceof InputError) && !(err instanceof EngineError) && process.env.SANDBOX_ACTION_DEBUG) {
    io.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  }
  return exitCodeFor('mirror', err);
}

export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr }) {
  const [sub, ...rest] = argv;
  const c = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub]! : null;
  if (c) {
    // `--help` before `--` is the command's own usage, exit 0 (after `--` it belongs to the sandboxed command).
    const own = rest.indexOf('--') === -1 ? rest : rest.slice(0, rest.indexOf('--'));
    const door = await doorOf(c);
    if (sub !== 'landrun' && (own.includes('--help') || own.includes('-h'))) {
      io.stdout.write(`${subcommandHelp(c, door)}\n`);
      return 0;
    }
    return door.run(rest, io);
  }
  switch (sub) {
    case '--version':
    case 'version':
      io.stdout.write(`${VERSION}\n`);
      return 0;
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      io.stdout.write(`${USAGE()}\n`);
      return sub === undefined ? inputExitCode('plain') : 0;
    default:
      io.stderr.write(
        `sandbox-action: '${sub}' is not a command; use ${Object.keys(SUBCOMMANDS).join(', ')} (see --help)\n`,
      );
      return inputExitCode('plain');
  }
}
