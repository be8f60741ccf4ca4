/**
 * `sandbox-action landrun …`: the command comparator's COMPARATOR_LANDRUN points at (through scripts/sandbox-landrun).
 * It takes landrun's argv exactly as comparator writes it; see src/comparator/step.ts for what it does and its
 * exit codes. Its own messages are one line each, prefixed `sandbox-landrun:`.
 */
import { InterruptedError, errorMessage, exitCodeFor } from '../config/errors.js';
import { runLandrunStep } from '../comparator/step.js';
import type { Io } from './args.js';
import { abortOnSignals, connect, processContext, randomId } from './door.js';

export async function landrunCommand(argv: string[], io: Io): Promise<number> {
  const ctx = processContext();
  const sig = abortOnSignals();
  // comparator gone (its end of our stdout or stderr closed): stop the step, so its container is removed.
  const gone = new AbortController();
  const onGone = () => gone.abort('SIGPIPE');
  io.stdout.on('error', onGone);
  io.stderr.on('error', onGone);
  try {
    return await runLandrunStep(argv, {
      connect: () => connect(ctx),
      env: ctx.env,
      cwd: ctx.cwd,
      judgeUid: process.getuid?.() ?? -1,
      stdout: io.stdout,
      stderr: io.stderr,
      signal: AbortSignal.any([sig.signal, gone.signal]),
      random: randomId,
    });
  } catch (err) {
    if (err instanceof InterruptedError) {
      io.stderr.write(`sandbox-landrun: interrupted by ${err.signal}; the step's container was removed\n`);
      return exitCodeFor('landrun', err);
    }
    io.stderr.write(`sandbox-landrun: ${errorMessage(err)}\n`);
    return exitCodeFor('landrun', err);
  } finally {
    // The error listeners stay: a write after comparator has gone is not worth a crash on the way out.
    sig.dispose();
  }
}
