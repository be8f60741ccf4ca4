/** The CLI's upkeep doors: `gc` (what runs and sessions left behind) and `watchdog` (started detached by a run). */
import { InputError, FAILED_EXIT, errorMessage, exitCodeFor } from '../config/errors.js';
import { parseDuration } from '../config/units.js';
import { gc } from '../sandbox/gc.js';
import { watch } from '../sandbox/watchdog.js';
import { dirOf, sweep } from '../session/lifecycle.js';
import { listRecords } from '../session/record.js';
import { CLI_ONLY, helpFor, parseCommandLine, type Io, type OptionTable } from './args.js';
import { connect, makeRunDeps, processContext, volumeHostFor } from './door.js';

export const GC_TABLE: OptionTable = {
  'older-than': { kind: 'string', help: 'only what is older than this, e.g. 1h (default: everything)' },
  run: { kind: 'string', help: "only this run's containers, networks and volumes (its run id)" },
  json: CLI_ONLY.json,
  help: CLI_ONLY.help,
};

const RUN_ID = /^[a-z0-9]{1,16}-[a-f0-9]{1,32}$/;
export const WATCHDOG_TABLE: OptionTable = {
  run: { kind: 'string', help: 'the run to watch' },
  parent: { kind: 'string', help: 'the pid of the CLI that runs it' },
  'parent-start': { kind: 'string', help: "that process's start time (/proc/PID/stat field 22)" },
  help: CLI_ONLY.help,
};

function errorLine(io: Io, err: unknown) {
  io.stderr.write(`sandbox-action: ${errorMessage(err)}\n`);
}

export async function gcCommand(argv: string[], io: Io): Promise<number> {
  const ctx = processContext();
  try {
    const { options, positionals } = parseCommandLine(argv, GC_TABLE);
    if (options.help) {
      io.stdout.write(`usage: sandbox-action gc [--older-than 1h] [--run ID]\n${helpFor(GC_TABLE)}\n`);
      return 0;
    }
    if (positionals.length) throw new InputError(positionals[0]!, 'gc takes no arguments');
    const older =
      typeof options['older-than'] === 'string' ? parseDuration('--older-than', options['older-than']) : 0;
    const runId = typeof options.run === 'string' ? options.run : undefined;
    if (runId !== undefined && !RUN_ID.test(runId))
      throw new InputError('--run', `'${runId}' is not a run id`);
    const engine = await connect(ctx);
    const deps = makeRunDeps(ctx, engine, {
      log: { stdout: io.stderr, stderr: io.stderr },
      notice: (l) => io.stderr.write(`sandbox-action: ${l}\n`),
      signal: new AbortController().signal,
      watchdog: false,
    });
    // Sessions first, by their TTL; then runs' leftovers, never a live session's.
    const swept = runId ? [] : await sweep(deps);
    const live = new Set((await listRecords(dirOf(deps))).map((r) => r.id));
    const report = await gc(engine, volumeHostFor(ctx), {
      olderThanMs: older,
      now: Date.now(),
      keepRuns: live,
      ...(runId ? { runId } : {}),
    });
    for (const l of swept) io.stderr.write(`sandbox-action: gc: ${l}\n`);
    if (options.json) io.stdout.write(`${JSON.stringify(report)}\n`);
    else {
      for (const r of report.removed) io.stdout.write(`removed ${r.kind} ${r.name}\n`);
      for (const f of report.failures) io.stderr.write(`sandbox-action: gc: ${f}\n`);
      io.stderr.write(`sandbox-action: gc removed ${report.removed.length}, kept ${report.kept} newer\n`);
    }
    return report.failures.length ? FAILED_EXIT : 0;
  } catch (err) {
    errorLine(io, err);
    return exitCodeFor('plain', err);
  }
}

/** `sandbox-action watchdog`: started detached by every run (src/sandbox/watchdog.ts); not for direct use. */
export async function watchdogCommand(argv: string[], io: Io): Promise<number> {
  const ctx = processContext();
  try {
    const { options: o } = parseCommandLine(argv, WATCHDOG_TABLE);
    if (o.help) {
      io.stdout.write(
        `usage: sandbox-action watchdog --run ID --parent PID --parent-start TICKS\n${helpFor(WATCHDOG_TABLE)}\n`,
      );
      return 0;
    }
    const runId = typeof o.run === 'string' ? o.run : '';
    if (!RUN_ID.test(runId)) throw new InputError('--run', `'${runId}' is not a run id`);
    const parent = Number(o.parent);
    if (!Number.isInteger(parent) || parent < 1) throw new InputError('--parent', 'is not a pid');
    if (typeof o['parent-start'] !== 'string' || !/^\d+$/.test(o['parent-start']))
      throw new InputError('--parent-start', 'is not a start time in clock ticks');
    const stop = new AbortController();
    process.on('SIGTERM', () => stop.abort());
    const engine = await connect(ctx);
    await watch(engine, volumeHostFor(ctx), {
      runId,
      parentPid: parent,
      parentStart: o['parent-start'],
      signal: stop.signal,
    });
    return 0;
  } catch (err) {
    errorLine(io, err);
    return exitCodeFor('plain', err);
  }
}
