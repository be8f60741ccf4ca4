/**
 * Stage 4: the sandbox container. Created from the plan, then inspected and compared with it (a flag the engine did
 * not honour refuses the run before it starts), then filled (the source into /work, /state) and attached, with its
 * exit watched, all before start so nothing it does goes unseen.
 */
import fsp from 'node:fs/promises';
import { SandboxError } from '../../config/errors.js';
import type { AttachedStreams } from '../../engine/types.js';
import { conformance } from '../conformance.js';
import { StopWatch } from '../outside-stop.js';
import { checkedLogPipe, openLogCopy } from '../checked-pipe.js';
import { Capture, type LogPipe } from '../log-pipe.js';
import type { LogStream } from '../logs.js';
import { STATE_DIR, WORK_DIR, type SandboxPlan } from '../plan.js';
import type { RunContext } from '../run-context.js';
import { packDirectory } from '../source-tar.js';
import type { SandboxCheck } from '../../verdict/schema.js';

/** A capture of the log (for the parsers) is kept up to this size. */
export const LOG_CAPTURE_CAP = 16 * 1024 * 1024;

export interface Sandbox {
  id: string;
  attached: AttachedStreams;
  watch: { exit: Promise<number>; cancel(): void };
  pipe: LogPipe;
  capture: Capture | null;
  /** Filled as the evidence arrives: the conformance check now, the self-check when its line comes. */
  check: SandboxCheck;
  /** The engine's kill and die events of the container: whether someone else stopped it (outside-stop.ts). */
  stops: StopWatch;
  /** Kill the container, as the run (a timeout, a refused self-check, a stop of the run). */
  kill(): Promise<void>;
}

export async function createSandbox(
  ctx: RunContext,
  p: SandboxPlan,
  o: {
    logs: LogStream;
    owner: { uid: number; gid: number };
    exclude: string[];
    deadEndGateways: string[];
    /** The volumes were filled already (by the setup phase): copy nothing in. */
    filled?: boolean;
  },
): Promise<Sandbox> {
  const { spec, deps } = ctx;
  const { engine } = deps;
  const copy = openLogCopy(ctx);
  const id = await engine.createContainer(p.container);
  ctx.cleanup.add('remove container', () => engine.removeContainer(id));
  const stops = new StopWatch();
  const kill = () => {
    stops.ours();
    return engine.killContainer(id, 'KILL');
  };

  const check = await checkConformance(ctx, p, id);
  const expect = p.selfCheck;
  const capture =
    spec.verdict.annotate && spec.verdict.annotate.parser !== 'junit' ? new Capture(LOG_CAPTURE_CAP) : null;
  const pipe = checkedLogPipe(ctx, o.logs, {
    capture,
    copy,
    expect,
    deadEndGateways: o.deadEndGateways,
    check,
    kill,
  });

  const stateDir =
    !o.filled && spec.io.stateDir && (await fsp.readdir(spec.io.stateDir).catch(() => [])).length > 0
      ? spec.io.stateDir
      : null;
  ctx.cleanup.add('stop following the engine events', async () => stops.close());
  const [, attached, watch] = await ctx.race(
    Promise.all([
      fillVolumes(ctx, p, id, { ...o, stateDir }),
      engine.attach(id, pipe.sink),
      engine.watchExit(id),
      stops.start(engine, id),
    ]),
  );
  ctx.cleanup.add('detach log', async () => attached.close());
  return { id, attached, watch, pipe, capture, check, stops, kill };
}

/** The created container against the plan (conformance.ts): a sandbox that is not what the plan said never starts. */
async function checkConformance(ctx: RunContext, p: SandboxPlan, id: string): Promise<SandboxCheck> {
  const mismatches = conformance(p.container, await ctx.deps.engine.inspectCreated(id));
  const check: SandboxCheck = { conformance: { ok: mismatches.length === 0, mismatches }, selfCheck: null };
  ctx.sandboxCheck = check;
  if (mismatches.length) throw new SandboxError(mismatches.map((m) => `the engine did not honour ${m}`));
  return check;
}

/** The source into /work and --state (when it is not empty) into /state, before start (not when the setup phase filled them). */
async function fillVolumes(
  ctx: RunContext,
  p: SandboxPlan,
  id: string,
  o: { owner: { uid: number; gid: number }; exclude: string[]; filled?: boolean; stateDir: string | null },
): Promise<void> {
  const { deps } = ctx;
  const copyIn = async (dir: string | null, target: string, exclude: string[] = []) => {
    if (!dir) return;
    const packed = packDirectory(dir, o.owner, exclude);
    await Promise.all([deps.engine.putArchive(id, target, packed.stream), packed.done]);
  };
  await Promise.all([
    copyIn(o.filled ? null : p.copySource, WORK_DIR, o.exclude),
    copyIn(o.stateDir, STATE_DIR),
  ]);
}
