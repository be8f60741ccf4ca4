/**
 * Stage 5: start the command and wait for its end, or its deadline (then kill), or a stop of the run (a signal, a
 * fault: then kill and rethrow). The log's fence closes only after the attach stream has ended or been cut, so no
 * byte of the build can follow it.
 */
import { EngineError } from '../../config/errors.js';
import type { NetworkSetup } from '../network.js';
import { outsideStop } from '../outside-stop.js';
import type { LogStream } from '../logs.js';
import type { RunContext } from '../run-context.js';
import type { Sandbox } from './sandbox.js';

/** After the container exits, how long its output may still take to drain before the stream is cut. */
export const ATTACH_DRAIN_MS = 3000;

export interface Exit {
  commandExitCode: number | null;
  timedOut: boolean;
  oomKilled: boolean;
  startedAt: number;
  endedAt: number;
  log: { shownBytes: number; droppedBytes: number };
}

export async function runCommand(
  ctx: RunContext,
  box: Sandbox,
  net: NetworkSetup,
  logs: LogStream,
  /** A phase's own deadline (the setup phase; the command then gets what is left of --timeout). */
  timeoutMs: number = ctx.spec.limits.timeoutMs,
): Promise<Exit> {
  const { engine } = ctx.deps;
  logs.begin();
  const startedAt = Date.now();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  try {
    await ctx.race(engine.startContainer(box.id));
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const first = await Promise.race([box.watch.exit, deadline, ctx.stopped]);
    if (first === 'timeout') {
      timedOut = true;
      await box.kill();
      await Promise.race([box.watch.exit, engine.waitContainer(box.id)]);
    }
  } catch (err) {
    // Stopped (a signal, a fault) or the engine failed: the command must not go on running.
    await box.kill().catch(() => undefined);
    await endLog(box, logs);
    throw err;
  } finally {
    clearTimeout(timer);
  }
  const endedAt = Date.now();
  await net.stop();
  const log = await endLog(box, logs);
  ctx.check();
  const state = await engine.inspectContainer(box.id);
  // An exit the engine caused (a restart, docker stop) is no verdict of the command: an engine failure.
  const evidence = await box.stops.evidence();
  // A stop the engine sent (a restart, a shutdown): its cleanup waits for it to answer again.
  if (evidence.outside.length) ctx.engineStopped = true;
  const outside = outsideStop(evidence);
  if (outside) throw new EngineError(engine.info.name, 'run the command', outside);
  return {
    commandExitCode: timedOut ? null : state.exitCode,
    timedOut,
    oomKilled: state.oomKilled,
    startedAt,
    endedAt,
    log,
  };
}

/** Wait for the output to drain (bounded), cut the stream, then close the fence. */
async function endLog(box: Sandbox, logs: LogStream) {
  let t: NodeJS.Timeout | undefined;
  await Promise.race([box.attached.done, new Promise((r) => (t = setTimeout(r, ATTACH_DRAIN_MS)))]);
  clearTimeout(t);
  box.attached.close();
  box.pipe.end();
  return logs.end();
}
