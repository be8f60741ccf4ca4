/**
 * `sandbox-action landrun …`: the command comparator's COMPARATOR_LANDRUN points at (through scripts/sandbox-landrun).
 * It takes landrun's argv exactly as comparator writes it; see src/comparator/step.ts for what it does and its
 * exit codes. Its own messages are one line each, prefixed `sandbox-landrun:`.
 */
import { InputError, InterruptedError, errorMessage } from '../config/errors.js';
import { runLandrunStep } from '../comparator/step.js';
import { SIGNAL_EXIT, abortOnSignals, connect, processContext, randomId } from './door.js';

interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export async function landrunCommand(argv: string[], io: Io): Promise<number> {
  const ctx = processContext();
  const sig = abortOnSignals();
  try {
    return await runLandrunStep(argv, {
      connect: () => connect(ctx),
      env: ctx.env,
      cwd: ctx.cwd,
      judgeUid: process.getuid?.() ?? -1,
      stdout: io.stdout,
      stderr: io.stderr,
      signal: sig.signal,
      random: randomId,
    });
  } catch (err) {
    io.stderr.write(`sandbox-landrun: ${errorMessage(err)}\n`);
    if (err instanceof InterruptedError) return SIGNAL_EXIT[err.signal] ?? 130;
    return err instanceof InputError ? 2 : 125;
  } finally {
    sig.dispose();
  }
}
