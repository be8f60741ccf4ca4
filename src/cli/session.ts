/**
 * The session commands: create, start, stop, rm, ls, exec, shell, sync, cp. Exit codes: 0 done, 1 failed, 2 bad
 * input (one line naming it, nothing made); `exec` as `run` (the command's own, 124, 137, 125 — bad input included).
 */
import path from 'node:path';
import { FAILED_EXIT, InputError, errorMessage, exitCodeFor } from '../config/errors.js';
import { DEFAULT_IDLE_TTL_MS } from '../config/mounts.js';
import { RUN_OPTIONS, parseRunOptions, type RunSpec } from '../config/run-options.js';
import { parseDuration } from '../config/units.js';
import type { Engine } from '../engine/types.js';
import type { RunDeps } from '../sandbox/execute.js';
import { summaryLine } from '../sandbox/summary.js';
import { createSession, sessionRefusal } from '../session/create.js';
import { execInSession } from '../session/exec.js';
import { dirOf, listTable, removeSession, startSession, stopSession, sweep } from '../session/lifecycle.js';
import { NAME, findSession, listRecords, type SessionRecord } from '../session/record.js';
import { shellInSession } from '../session/shell.js';
import { cpFromSession, parseCpSource, syncSession } from '../session/transfer.js';
import { helpFor, parseCommandLine, type Io, type OptionTable } from './args.js';
import {
  abortOnSignals,
  connect,
  failedBeforeRun,
  makeRunDeps,
  processContext,
  writeResultFile,
  type ProcessContext,
} from './door.js';

const COMMON = {
  json: { kind: 'boolean', help: 'print the outcome as JSON on stdout' },
  quiet: { kind: 'boolean', help: 'no summary line' },
  help: { kind: 'boolean', help: 'this help', short: 'h' },
} as const satisfies OptionTable;

const omit = (o: OptionTable, keys: string[]): OptionTable =>
  Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

/** create takes the run options, but not those of a warm run (a session is not a warm sandbox). */
const SESSION_RUN_OPTIONS = omit(RUN_OPTIONS, ['warm', 'idle-ttl']);

export const CREATE_TABLE: OptionTable = {
  ...SESSION_RUN_OPTIONS,
  name: {
    kind: 'string',
    help: 'a name for the session (letters, digits, . _ -), usable in place of its id',
  },
  'idle-ttl': {
    kind: 'string',
    help: 'stop the session after this long idle, remove it after as long stopped (default 15m)',
  },
  keep: { kind: 'boolean', help: 'never stop or remove it for being idle' },
  ...COMMON,
};
export const EXEC_TABLE: OptionTable = {
  timeout: { kind: 'string', help: "this command's wall-clock limit (default: the session's --timeout)" },
  env: { kind: 'strings', help: 'KEY=VALUE added for this command (repeatable)' },
  'output-dir': {
    kind: 'string',
    help: 'collect /output afterwards into this new directory (the safe collector)',
  },
  'result-file': { kind: 'string', help: 'write the result JSON here, also when it fails' },
  ...COMMON,
};
const PLAIN: OptionTable = { ...COMMON };

export const SESSION_USAGE = `sessions (a run's locked-down plan kept alive; see docs/sessions.md):
  sandbox-action create [run options] [--name N] [--idle-ttl 15m] [--keep]   (prints the session id)
  sandbox-action start|stop|rm ID
  sandbox-action ls [--json]
  sandbox-action exec ID [--timeout T] [--env K=V] [--output-dir D] [--result-file F] [--json] -- CMD [ARGS...]
  sandbox-action shell ID
  sandbox-action sync ID [DIR]          (the working tree into /work; deletes what is gone)
  sandbox-action cp ID:/output/PATH DEST (through the safe collector, into a new or empty directory)

create options (the run options, and):
${helpFor({ name: CREATE_TABLE.name!, 'idle-ttl': CREATE_TABLE['idle-ttl']!, keep: CREATE_TABLE.keep! })}

exec options:
${helpFor(EXEC_TABLE)}`;

function line(io: Io, err: unknown) {
  io.stderr.write(`sandbox-action: ${errorMessage(err)}\n`);
}

/** Connected, with the run's deps (logs to the terminal) and the TTL applied first. */
async function session(
  ctx: ProcessContext,
  io: Io,
  signal: AbortSignal,
): Promise<{ engine: Engine; deps: RunDeps }> {
  const engine = await connect(ctx);
  const deps = makeRunDeps(ctx, engine, {
    log: { stdout: io.stdout, stderr: io.stderr },
    notice: (l) => io.stderr.write(`sandbox-action: ${l}\n`),
    signal,
    // A session outlives this process by design: its idle TTL and gc end it, not a watchdog.
    watchdog: false,
  });
  for (const l of await sweep(deps)) io.stderr.write(`sandbox-action: ${l}\n`);
  return { engine, deps };
}

export async function sessionCommand(sub: string, argv: string[], io: Io): Promise<number> {
  if (sub === 'exec') return execCommand(argv, io);
  const ctx = processContext();
  const sig = abortOnSignals();
  try {
    const table = sub === 'create' ? CREATE_TABLE : PLAIN;
    const { options, positionals, rest } = parseCommandLine(argv, table);
    if (options.help) {
      io.stdout.write(`${SESSION_USAGE}\n`);
      return 0;
    }
    const json = options.json === true;
    const args = [...positionals, ...rest];
    if (sub === 'create') return await create(ctx, io, options, args, sig.signal);
    const open = async () => (await session(ctx, io, sig.signal)).deps;
    if (sub === 'ls') {
      wantArgs(sub, args, 0, 'no arguments');
      const t = await listTable(await open());
      io.stdout.write(json ? `${JSON.stringify(t.rows)}\n` : `${t.text}\n`);
      return 0;
    }
    if (sub === 'cp') return await cpCommand(ctx, io, args, json, open);
    wantArgs(sub, args, 1, sub === 'sync' ? 'ID [DIR]' : 'ID');
    const deps = await open();
    const r = await findSession(dirOf(deps), args[0]!);
    return await onSession(sub, { ctx, io, deps, r, args, json });
  } catch (err) {
    line(io, err);
    return exitCodeFor('plain', err);
  } finally {
    sig.dispose();
  }
}

/** The subcommand takes exactly `n` arguments (sync one more, its DIR). */
function wantArgs(sub: string, args: string[], n: number, names: string): void {
  if (args.length < n || args.length > n + (sub === 'sync' ? 1 : 0)) {
    throw new InputError('arguments', `${sub} takes ${names}`);
  }
}

/** `cp ID:/output/PATH DEST`: through the safe collector, with its report. */
async function cpCommand(
  ctx: ProcessContext,
  io: Io,
  args: string[],
  json: boolean,
  open: () => Promise<RunDeps>,
): Promise<number> {
  wantArgs('cp', args, 2, 'ID:/output/PATH DEST');
  const src = parseCpSource(args[0]!);
  const deps = await open();
  const r = await findSession(dirOf(deps), src.ref);
  const report = await cpFromSession(deps, r, src.path, path.resolve(ctx.cwd, args[1]!));
  if (json) io.stdout.write(`${JSON.stringify(report)}\n`);
  io.stderr.write(
    `sandbox-action: copied ${report.files} files (${report.bytes} bytes); skipped ${report.skippedCount}\n`,
  );
  for (const s of report.skipped.slice(0, 20))
    io.stderr.write(`sandbox-action:   skipped ${s.path}: ${s.reason}\n`);
  return 0;
}

/** start, stop, rm, sync and shell: one session, found by id or name. */
async function onSession(
  sub: string,
  o: { ctx: ProcessContext; io: Io; deps: RunDeps; r: SessionRecord; args: string[]; json: boolean },
): Promise<number> {
  const { ctx, io, deps, r } = o;
  if (sub === 'start') {
    await startSession(deps, r);
    io.stdout.write(`${r.id}\n`);
  } else if (sub === 'stop') {
    await stopSession(deps, r);
    io.stdout.write(`${r.id}\n`);
  } else if (sub === 'rm') {
    const rep = await removeSession(deps, r);
    for (const n of rep.notes) io.stderr.write(`sandbox-action: ${n}\n`);
    for (const f of rep.failures) io.stderr.write(`sandbox-action: rm: ${f}\n`);
    if (rep.failures.length) return FAILED_EXIT;
    io.stdout.write(`${r.id}\n`);
  } else if (sub === 'sync') {
    const rep = await syncSession(deps, r, path.resolve(ctx.cwd, o.args[1] ?? '.'));
    if (o.json) io.stdout.write(`${JSON.stringify(rep)}\n`);
    io.stderr.write(
      `sandbox-action: sync: sent ${rep.sent} files (${rep.bytes} bytes), deleted ${rep.deleted}${rep.mode === 'whole' ? ' (/work emptied first: the image has no GNU find)' : ''}\n`,
    );
  } else if (sub === 'shell') {
    return await shellInSession(deps, r, {
      input: process.stdin,
      output: process.stdout,
      term: ctx.env.TERM,
    });
  }
  return 0;
}

async function create(
  ctx: ProcessContext,
  io: Io,
  options: ReturnType<typeof parseCommandLine>['options'],
  command: string[],
  signal: AbortSignal,
): Promise<number> {
  if (command.length)
    throw new InputError('command', 'create takes no command; run commands with exec ID -- CMD');
  const name = typeof options.name === 'string' ? options.name : null;
  if (name !== null && !NAME.test(name)) {
    throw new InputError(
      '--name',
      `'${name}' is not a name (a letter, then letters, digits, . _ -; at most 63)`,
    );
  }
  const ttl =
    typeof options['idle-ttl'] === 'string'
      ? parseDuration('--idle-ttl', options['idle-ttl'])
      : DEFAULT_IDLE_TTL_MS;
  const { keep, json } = options;
  const run = Object.fromEntries(
    Object.entries(options).filter(
      ([k]) => !['name', 'idle-ttl', 'keep', 'json', 'quiet', 'help'].includes(k),
    ),
  );
  // The session's own command is its keeper; the run options' parser wants one.
  const spec: RunSpec = parseRunOptions(run, ['/bin/sh'], {
    cpus: ctx.cpus,
    cwd: ctx.cwd,
    sharedWithEngine: ctx.env.ACT !== 'true',
  });
  const refused = sessionRefusal(spec);
  if (refused) throw refused;
  const { deps } = await session(ctx, io, signal);
  if (name !== null && (await listRecords(dirOf(deps))).some((r) => r.name === name)) {
    throw new InputError('--name', `'${name}' is the name of another session`);
  }
  const { record, notes } = await createSession(spec, deps, {
    name,
    kind: 'session',
    keep: keep === true,
    idleTtlMs: ttl,
  });
  for (const n of notes) io.stderr.write(`sandbox-action: note: ${n}\n`);
  io.stdout.write(
    json === true
      ? `${JSON.stringify({ id: record.id, name: record.name, planHash: record.planHash })}\n`
      : `${record.id}\n`,
  );
  return 0;
}

async function execCommand(argv: string[], io: Io): Promise<number> {
  const ctx = processContext();
  // Filled as the command line is read: a refusal after --json or --result-file is told that way.
  const how: ExecHow = { json: false, quiet: false, resultFile: null };
  let opts: Parameters<typeof execInSession>[0] | null;
  try {
    opts = parseExec(ctx, argv, how);
  } catch (err) {
    return failed(io, err, how.resultFile, how.json);
  }
  if (opts === null) {
    io.stdout.write(`${SESSION_USAGE}\n`);
    return 0;
  }
  const { json, quiet, resultFile } = how;
  let engine: Engine;
  try {
    engine = await connect(ctx);
  } catch (err) {
    return failed(io, err, resultFile, json);
  }
  const sig = abortOnSignals();
  try {
    const deps = makeRunDeps(ctx, engine, {
      log: json ? { stdout: io.stderr, stderr: io.stderr } : { stdout: io.stdout, stderr: io.stderr },
      notice: (l) => io.stderr.write(`sandbox-action: ${l}\n`),
      signal: sig.signal,
      // An exec runs in a session that outlives this process: its TTL and gc end it.
      watchdog: false,
    });
    // What a result needs before the session is known: the parser's defaults for an empty plan.
    const base = parseRunOptions({ image: 'unknown' }, opts.command, { cpus: ctx.cpus, cwd: ctx.cwd });
    const result = await execInSession(opts, deps, { ...base, io: { ...base.io, resultFile } });
    if (resultFile) writeResultFile(resultFile, result);
    if (result.error) io.stderr.write(`sandbox-action: ${result.error}\n`);
    if (json) io.stdout.write(`${JSON.stringify(result)}\n`);
    if (!quiet) io.stderr.write(`${summaryLine(result)}\n`);
    return result.exitCode;
  } finally {
    sig.dispose();
  }
}

interface ExecHow {
  json: boolean;
  quiet: boolean;
  resultFile: string | null;
}

/** `exec ID -- CMD` and its options, checked (null for --help); `how` gets --json, --quiet and --result-file first. */
function parseExec(
  ctx: ProcessContext,
  argv: string[],
  how: ExecHow,
): Parameters<typeof execInSession>[0] | null {
  const { options, positionals, rest } = parseCommandLine(argv, EXEC_TABLE);
  if (options.help) return null;
  how.json = options.json === true;
  how.quiet = options.quiet === true;
  if (typeof options['result-file'] === 'string')
    how.resultFile = path.resolve(ctx.cwd, options['result-file']);
  if (positionals.length !== 1) throw new InputError('ID', 'exec takes one session: exec ID -- CMD');
  if (rest.length === 0 || rest.every((c) => c.trim() === '')) {
    throw new InputError('command', 'is empty: give the command after --, e.g. `exec ID -- make test`');
  }
  const env = Array.isArray(options.env) ? options.env : [];
  for (const e of env) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(e))
      throw new InputError('--env', `'${e.split('=')[0]}' is not KEY=VALUE`);
  }
  return {
    ref: positionals[0]!,
    command: rest,
    outputDir:
      typeof options['output-dir'] === 'string' ? path.resolve(ctx.cwd, options['output-dir']) : null,
    resultFile: how.resultFile,
    timeoutMs: typeof options.timeout === 'string' ? parseDuration('--timeout', options.timeout) : null,
    env,
  };
}

function failed(io: Io, err: unknown, resultFile: string | null, json: boolean): number {
  line(io, err);
  const result = failedBeforeRun(err, null);
  if (resultFile) {
    try {
      writeResultFile(resultFile, result);
    } catch (e) {
      line(io, new InputError('--result-file', errorMessage(e)));
    }
  }
  if (json) io.stdout.write(`${JSON.stringify(result)}\n`);
  return exitCodeFor('mirror', err);
}
