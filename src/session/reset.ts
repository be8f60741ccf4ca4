/**
 * Resetting a warm sandbox (engine I/O around the pure scripts of reset-script.ts). Two moments:
 *  - `endRun`, right after a run's command: nothing of the run may go on running while its evidence is collected or
 *    after. runc: kill(-1) as the sandbox user, then the container's process list (the kernel's, from its cgroup
 *    on the host, or the engine's: procs.ts) must show the keeper only.
 *    gVisor (whose processes the engine cannot list): the sandbox is stopped, and started again for the next run
 *    (a fresh gVisor kernel: no process, /tmp, /dev/shm or IPC object survives it).
 *  - `readyForRun`, before a run uses a sandbox it claimed: running (started again under gVisor, its keeper checked),
 *    as planned (conformance), no process of the sandbox user (runc), and then, with nothing left that could tamper
 *    with it, the wipe: every writable place emptied and checked.
 * Each returns problems, one line each; empty means clean. A sandbox with a problem is removed, never reused.
 */
import { errorMessage } from '../config/errors.js';
import type { RunContext } from '../sandbox/run-context.js';
import { checkConformance, trustedExec } from './command.js';
import { isRunning, startKeeper } from './lifecycle.js';
import { containerProcesses } from './procs.js';
import type { SessionRecord } from './record.js';
import {
  KILL_SCRIPT,
  RESET_UNCLEAN,
  parseWipeReport,
  strayProcesses,
  wipeScript,
  wipeTargets,
} from './reset-script.js';

const SETTLE_TRIES = 40;
const SETTLE_MS = 25;

const gvisor = (r: SessionRecord) => r.spec.security.isolation === 'runsc';

/**
 * Processes of anyone but the keeper (runc), from the container's cgroup on the host or the engine's `top`
 * (procs.ts), listed until clean or SETTLE_TRIES times: killed processes take a moment to be reaped by the
 * keeper's init.
 */
async function strays(ctx: RunContext, r: SessionRecord): Promise<string[]> {
  for (let i = 0; ; i++) {
    const table = await containerProcesses(ctx.deps.engine, r.container.id, r.keeper.uid);
    const left = strayProcesses(table, r.keeper.uid);
    if (left === null)
      return ["the engine's process list has no PID and UID columns, so the reset cannot be checked"];
    if (left.length === 0 || i >= SETTLE_TRIES) return left.map((p) => `a process outlived the reset: ${p}`);
    await new Promise((res) => setTimeout(res, SETTLE_MS));
  }
}

export async function endRun(ctx: RunContext, r: SessionRecord): Promise<string[]> {
  const { engine } = ctx.deps;
  try {
    if (gvisor(r)) {
      await engine.killContainer(r.container.id, 'KILL');
      await engine.waitContainer(r.container.id);
      return [];
    }
    // Always the kill first: kill(-1) is atomic against fork (a process forking and exiting in a loop is in no
    // listing long enough to be seen, and is killed with its child). The listing only checks it.
    const k = await trustedExec(ctx, r, KILL_SCRIPT, 10_000);
    const left = await strays(ctx, r);
    if (left.length && k.exitCode !== 0) left.unshift(`the kill step exited ${k.exitCode}`);
    if (left.length) {
      // Nothing of it may run on while its evidence is collected: the whole sandbox stops (and is removed after).
      await engine.killContainer(r.container.id, 'KILL');
      await engine.waitContainer(r.container.id).catch(() => undefined);
    }
    return left;
  } catch (err) {
    await engine.killContainer(r.container.id, 'KILL').catch(() => undefined);
    return [`the reset failed: ${errorMessage(err)}`];
  }
}

export async function readyForRun(ctx: RunContext, r: SessionRecord, fresh: boolean): Promise<string[]> {
  const { engine } = ctx.deps;
  try {
    const running = await isRunning(engine, r.container.id);
    if (running === null) return ['its container is gone'];
    if (!running) {
      if (!gvisor(r)) return ['it is not running (stopped by someone else)'];
      await startKeeper(engine, r);
    }
    await checkConformance(ctx, r);
    if (!gvisor(r)) {
      const left = await strays(ctx, r);
      if (left.length) return left;
    }
    if (fresh) return [];
    const w = await trustedExec(
      ctx,
      r,
      wipeScript(
        wipeTargets({ writableWork: !r.spec.io.source?.readOnly, state: r.spec.io.stateDir !== null }),
      ),
      60_000,
    );
    if (w.exitCode === 0) return [];
    const found = parseWipeReport(w.stderr);
    return w.exitCode === RESET_UNCLEAN && found.length
      ? found.map((f) => `the wipe left ${f}`)
      : [`the wipe exited ${w.exitCode}: ${w.stderr.trim().slice(0, 300)}`];
  } catch (err) {
    return [`it could not be checked: ${errorMessage(err)}`];
  }
}
