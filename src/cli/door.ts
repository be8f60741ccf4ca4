/** What both doors (CLI and action) need from the process: the engine, the host facts, signals. */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { connectEngine, defaultEndpoints } from '../engine/docker.js';
import type { Engine } from '../engine/types.js';
import { defaultVolumeHost, type VolumeHost } from '../sandbox/volumes.js';

export interface ProcessContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
  cpus: number;
  isRoot: boolean;
}

export function processContext(): ProcessContext {
  return {
    env: process.env,
    cwd: process.cwd(),
    cpus: os.availableParallelism(),
    isRoot: process.getuid?.() === 0,
  };
}

export function connect(ctx: ProcessContext): Promise<Engine> {
  return connectEngine(defaultEndpoints(ctx.env));
}

export function volumeHostFor(ctx: ProcessContext): VolumeHost {
  const dir = ctx.env.SANDBOX_ACTION_STATE_DIR || path.join(os.tmpdir(), 'sandbox-action');
  // Under act the job is a container beside the engine's: its paths and devices are not the engine host's.
  return defaultVolumeHost(dir, ctx.isRoot, ctx.env.ACT !== 'true');
}

export const randomId = () => randomBytes(4).toString('hex');

/** An AbortController fired by SIGINT/SIGTERM; the run cleans up, then the door exits 128+signal. */
export function abortOnSignals(): { signal: AbortSignal; dispose(): void } {
  const ac = new AbortController();
  const handlers: [NodeJS.Signals, () => void][] = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((s) => [
    s,
    () => {
      if (!ac.signal.aborted) {
        process.stderr.write(`sandbox-action: ${s} received; removing the run's containers and volumes\n`);
        ac.abort(s);
        return;
      }
      // A second signal: stop now. Whatever cleanup had not finished is found by `sandbox-action gc`.
      process.stderr.write(
        `sandbox-action: ${s} again; exiting now (run 'sandbox-action gc' for leftovers)\n`,
      );
      process.exit(SIGNAL_EXIT[s] ?? 130);
    },
  ]);
  for (const [s, h] of handlers) process.on(s, h);
  return { signal: ac.signal, dispose: () => handlers.forEach(([s, h]) => process.off(s, h)) };
}

export const SIGNAL_EXIT: Record<string, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
