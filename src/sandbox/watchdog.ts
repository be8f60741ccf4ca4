/**
 * No sandbox outlives its deadline, whatever becomes of the CLI (issue 14, threat model 9). Chosen: a detached
 * watchdog process per run, started as soon as the run has its id. It does not depend on the CLI staying alive:
 *  - when the CLI process is gone (SIGKILL, the OOM killer, a closed terminal) it removes everything labelled with the
 *    run (containers first, then networks, volumes and their loop devices), as `gc` would for that run;
 *  - while the CLI lives, it kills any container of the run whose deadline label has passed (the timeout plus a
 *    grace: a CLI that hangs cannot keep the untrusted command running);
 *  - when the run ends normally the CLI stops it.
 * Why not a supervisor inside the container: it would need a process the sandboxed user cannot signal, that is
 * another uid in the sandbox's PID namespace, and every container runs without root and capabilities. `gc` honours
 * the same deadline label, and the action's cleanup step (`if: always()`) removes the run by its id.
 *
 * The watchdog starts as a sentinel (SENTINEL_SCRIPT, /bin/sh): it only watches the CLI, once a second, and becomes
 * the Node watchdog (exec, the same process) when the CLI is gone or HANDOVER_MS have passed, whichever comes first.
 * A Node process started beside every run cost the run ~250 ms on a 2-core machine (its start competed with the
 * run's; `run -- true`, 12 interleaved rounds, 1429 ms against 1176 ms with --no-watchdog). The handover comes before
 * any deadline of the run: a container's deadline is its plan's time plus its timeout plus DEADLINE_GRACE_MS, and
 * HANDOVER_MS is less than that grace, counted from before the run's first plan.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine, ResourceRef } from '../engine/types.js';
import { gc, pastDeadline } from './gc.js';
import { DEADLINE_GRACE_MS, LABEL_RUN } from './plan.js';
import type { VolumeHost } from './volumes.js';

export const WATCHDOG_INTERVAL_MS = 1000;

/** The start time of a process (field 22 of /proc/PID/stat, in clock ticks), or null when it is gone. */
export function processStart(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** The bundled CLI beside this module (dist/cli.js), or the repository's when running from the sources. */
export function cliPath(): string | null {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const p of [path.join(here, 'cli.js'), path.resolve(here, '../../dist/cli.js')]) {
    if (fs.existsSync(p)) return p;
  }
  return null;
}

export interface WatchdogHandle {
  pid: number | null;
  stop(): void;
}

/** The sentinel hands over to the Node watchdog this long after it starts, at the latest: well inside the grace. */
export const HANDOVER_MS = DEADLINE_GRACE_MS - 10_000;

/**
 * The sentinel: `sh -c SENTINEL_SCRIPT sh PARENT_PID PARENT_START UNTIL_EPOCH_S CMD...`. While the parent runs with
 * the same start time (field 22 of /proc/PID/stat, read after the last `)`: the command name may hold spaces and
 * parentheses) and the clock is before UNTIL, it sleeps a second; then it execs CMD (the Node watchdog), which
 * finds the parent gone and removes the run, or watches the run's deadlines from then on. No fork but `sleep` and
 * `date`; nothing from the environment is evaluated.
 */
export const SENTINEL_SCRIPT = [
  'p=$1 s=$2 u=$3; shift 3',
  'alive() { { read -r l < "/proc/$p/stat"; } 2>/dev/null || return 1; r=${l##*) }; set -f; set -- $r; [ "${20}" = "$s" ]; }',
  'while alive && [ "$(date +%s)" -lt "$u" ]; do sleep 1; done',
  'exec "$@"',
].join('\n');

/** Start the detached watchdog for `runId`, watching this process. Null when no CLI bundle is found. */
export function startWatchdog(
  runId: string,
  env: NodeJS.ProcessEnv,
  now: () => number = Date.now,
): WatchdogHandle | null {
  const cli = cliPath();
  const start = processStart(process.pid);
  if (!cli || !start) return null;
  const node = [
    process.execPath,
    cli,
    'watchdog',
    '--run',
    runId,
    '--parent',
    String(process.pid),
    '--parent-start',
    start,
  ];
  const until = Math.floor((now() + HANDOVER_MS) / 1000);
  // Without /bin/sh (not seen on a Linux host), the Node watchdog from the start.
  const [cmd, args] = fs.existsSync(SH)
    ? [SH, ['-c', SENTINEL_SCRIPT, 'sh', String(process.pid), start, String(until), ...node]]
    : [node[0]!, node.slice(1)];
  const child = spawn(cmd, args, { detached: true, stdio: 'ignore', env });
  child.on('error', () => undefined);
  child.unref();
  return {
    pid: child.pid ?? null,
    stop: () => {
      if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
      // Its own process group (detached): the sentinel and its `sleep`, or the Node watchdog it became.
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
    },
  };
}

const SH = '/bin/sh';

export interface WatchOptions {
  runId: string;
  parentPid: number;
  parentStart: string;
  intervalMs?: number;
  now?: () => number;
  signal?: AbortSignal;
}

/** The watchdog's loop: returns why it ended. */
export async function watch(
  engine: Engine,
  host: VolumeHost,
  o: WatchOptions,
): Promise<'parent-gone' | 'stopped'> {
  const now = o.now ?? Date.now;
  const killed = new Set<string>();
  while (!o.signal?.aborted) {
    if (processStart(o.parentPid) !== o.parentStart) {
      await gc(engine, host, { olderThanMs: 0, now: now(), runId: o.runId });
      return 'parent-gone';
    }
    const mine = await engine.listLabelled(`${LABEL_RUN}=${o.runId}`).catch(() => [] as ResourceRef[]);
    for (const r of mine) {
      if (r.kind !== 'container' || killed.has(r.id) || !pastDeadline(r, now())) continue;
      killed.add(r.id);
      await engine.killContainer(r.id, 'SIGKILL').catch(() => undefined);
    }
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, o.intervalMs ?? WATCHDOG_INTERVAL_MS);
      o.signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    });
  }
  return 'stopped';
}
