/**
 * `create`: a session is the run's plan kept alive. The run's own stages make it (prepare, network, plan, volumes,
 * sandbox: created, compared with the plan, filled with the source and /state, attached), then its keeper process
 * starts behind the self-check and the record is written. What the stages registered for removal is kept (the
 * session owns it until `rm`, the TTL or `gc`); only handles are closed. If anything fails, all of it is removed.
 */
import { InputError, SandboxError } from '../config/errors.js';
import type { RunSpec } from '../config/run-options.js';
import { PROXY_PORT } from '../egress/config.js';
import type { ContainerSpec, Labels } from '../engine/types.js';
import type { RunDeps } from '../sandbox/execute.js';
import { LogStream } from '../sandbox/logs.js';
import { setupNetwork, type NetworkSetup } from '../sandbox/network.js';
import { LABEL_ROLE, plan, type SandboxPlan } from '../sandbox/plan.js';
import { RunContext } from '../sandbox/run-context.js';
import type { CreatedVolume } from '../sandbox/volumes.js';
import { prepare, type Prepared } from '../sandbox/stages/prepare.js';
import { createSandbox } from '../sandbox/stages/sandbox.js';
import { createVolumes } from '../sandbox/stages/volumes.js';
import { deadEndGateways } from './network.js';
import { keeperFor, sessionContainer } from './plan.js';
import { planHash } from './hash.js';
import { RECORD_VERSION, sessionLabels, sessionsDir, writeRecord, type SessionRecord } from './record.js';

export interface CreateOptions {
  name: string | null;
  kind: 'session' | 'warm';
  keep: boolean;
  idleTtlMs: number;
}

const KEEPER_START_TIMEOUT_MS = 60_000;

/** Why gVisor sessions need --allow-weaker-gvisor (the self-check of every exec'd command refuses it otherwise). */
export const GVISOR_EXEC =
  "a session's commands are exec'd into its container, and gVisor (runsc 20221219, measured here) applies the seccomp profile only to the container's first process: an exec'd one has seccomp mode 0";

/** What a session cannot take (each is a property of one run, judged or collected by it). */
export function sessionRefusal(spec: RunSpec): InputError | null {
  const no = (input: string, why: string) => new InputError(input, why);
  if (spec.security.isolation === 'runsc' && !spec.security.allowWeakerGvisor) {
    return no(
      '--isolation',
      `runsc: ${GVISOR_EXEC}; pass --allow-weaker-gvisor to take that (recorded), or use run`,
    );
  }
  if (spec.io.outputDir)
    return no('--output-dir', 'a session collects with `cp ID:/output/PATH DEST` or `exec --output-dir`');
  if (spec.io.resultFile)
    return no('--result-file', 'a session writes results per exec (`exec --result-file`)');
  if (spec.verdict.tests) return no('--tests', 'trusted tests are mounted per run: use `run`');
  if (spec.verdict.lean) return no('--challenge', 'comparator judges one run: use `run`');
  if (spec.verdict.audit) return no('--audit-target', 'the proof audit judges one run: use `run`');
  if (spec.phases.setup) return no('--setup', 'a session has one container: run setup commands with exec');
  if (spec.verdict.declared.length || spec.verdict.junit || spec.verdict.expectDir) {
    return no('--output', 'a session judges commands by their exit code; declared outputs belong to `run`');
  }
  if (spec.verdict.annotate) return no('--annotate', 'annotations belong to `run`');
  return null;
}

export async function createSession(
  spec: RunSpec,
  deps: RunDeps,
  o: CreateOptions,
): Promise<{ record: SessionRecord; notes: string[] }> {
  const ctx = new RunContext(spec, deps);
  let imageId = '';
  try {
    const prep = await prepare(ctx);
    imageId = prep.image.id;
    const hash = planHash(spec, imageId);
    const labels = sessionLabels({ id: ctx.runId, name: o.name, kind: o.kind, planHash: hash });
    // Every resource of the session carries its labels, so `rm`, the TTL and `gc` find them all.
    Object.assign(ctx.labels, labels);
    const net = await sessionNetwork(ctx, prep);
    ctx.check();
    const p = sessionPlan(ctx, prep, net.network);
    const volumes = await createVolumes(ctx, prep);
    const { box, container, keeper, deadEnd, logs } = await startKeeper(ctx, prep, p, labels, net.gateways);
    const record = sessionRecord({
      ctx,
      o,
      hash,
      now: deps.now().toISOString(),
      prep,
      boxId: box.id,
      container,
      keeper,
      selfCheck: p.selfCheck,
      net,
      deadEnd,
      volumes,
    });
    await writeRecord(sessionsDir(deps.volumeHost.stateDir), record);
    logs.end();
    box.watch.cancel();
    // The session keeps what it made; the attach streams and log copies are closed.
    const failures = await ctx.cleanup.runOnly((what) => !/^(remove|detach \/persist)/.test(what));
    return { record, notes: [...ctx.notes, ...failures.map((f) => `cleanup: ${f}`)] };
  } catch (err) {
    for (const f of await ctx.cleanup.run()) deps.notice(`cleanup: ${f}`);
    throw err;
  }
}

/** The session's container: the run's plan with the keeper as its command, created, checked, started. */
async function startKeeper(
  ctx: RunContext,
  prep: Prepared,
  p: SandboxPlan,
  labels: Labels,
  gateways: string[],
) {
  const { deps } = ctx;
  const keeper = keeperFor(prep.owner);
  const container = sessionContainer(p, {
    name: p.container.name,
    labels: { ...labels, [LABEL_ROLE]: 'sandbox' },
    keeper,
  });
  const deadEnd = deadEndGateways(deps, gateways);
  const logs = new LogStream(deps.log, prep.spec.limits.logLimitBytes, deps.fenceWorkflowCommands);
  const box = await createSandbox(
    ctx,
    {
      ...p,
      container,
      selfCheck: p.selfCheck ? { ...p.selfCheck, uid: keeper.uid, gid: keeper.gid } : null,
    },
    { logs, owner: prep.owner, exclude: [], deadEndGateways: deadEnd },
  );
  await ctx.race(deps.engine.startContainer(box.id));
  if (p.selfCheck) await waitForCheck(ctx, box.check, box.watch.exit);
  return { box, container, keeper, deadEnd, logs };
}

/** The session's network (and in proxy mode its proxy), labelled as the session, living as long as it. */
function sessionNetwork(ctx: RunContext, prep: Prepared) {
  return ctx.race(setupNetwork(prep.spec, ctx.networkDeps()));
}

/** The same plan a run would make from the prepared spec (before the session's own keeper container). */
function sessionPlan(ctx: RunContext, prep: Prepared, network: Parameters<typeof plan>[1]['network']) {
  return plan(prep.spec, {
    runId: ctx.runId,
    createdAt: ctx.createdAt,
    uid: prep.owner.uid,
    gid: prep.owner.gid,
    network,
    imageEntrypoint: prep.image.entrypoint,
    hostMounts: prep.hostMounts,
    runtimes: prep.runtimes,
  });
}

/** What a session's record keeps: its plan, its resources and how to reach them (src/session/record.ts). */
function sessionRecord(x: {
  ctx: RunContext;
  o: CreateOptions;
  hash: string;
  now: string;
  prep: Prepared;
  boxId: string;
  container: ContainerSpec;
  keeper: SessionRecord['keeper'];
  selfCheck: SessionRecord['selfCheck'];
  net: NetworkSetup;
  deadEnd: SessionRecord['network']['deadEndGateways'];
  volumes: CreatedVolume[];
}): SessionRecord {
  const { ctx, o, hash, now, prep, boxId, container, keeper, selfCheck, net, deadEnd, volumes } = x;
  return {
    version: RECORD_VERSION,
    id: ctx.runId,
    name: o.name,
    kind: o.kind,
    planHash: hash,
    createdAt: ctx.createdAt.toISOString(),
    lastUsedAt: now,
    stoppedAt: null,
    keep: o.keep,
    idleTtlMs: o.idleTtlMs,
    imageId: prep.image.id,
    spec: prep.spec,
    container: { id: boxId, plan: container },
    keeper,
    user: prep.owner,
    selfCheck,
    imageEntrypoint: prep.image.entrypoint,
    network: {
      proxyContainer: net.proxyContainer,
      internalNetwork: net.proxyContainer ? net.network.mode : null,
      proxyPort: net.proxyContainer ? PROXY_PORT : null,
      deadEndGateways: deadEnd,
      egress:
        net.ledger && prep.spec.egress
          ? {
              mode: prep.spec.egress.mode,
              domains: prep.spec.egress.domains,
              image: net.ledger.report().proxyImage,
            }
          : null,
    },
    volumes: volumes.map((v) => ({
      name: v.name,
      role: v.role,
      mount: v.mount,
      sizeBytes: v.sizeBytes,
      backend: v.backend,
      enforced: v.enforced,
      reserved: v.reserved,
    })),
    notes: [...ctx.notes],
  };
}

/** The keeper's self-check line has come and passed, or the container ended, or it is too late. */
async function waitForCheck(
  ctx: RunContext,
  check: { selfCheck: { ok: boolean; problems: string[] } | null },
  exit: Promise<number>,
): Promise<void> {
  const until = Date.now() + KEEPER_START_TIMEOUT_MS;
  let exited: number | null = null;
  exit.then(
    (c) => (exited = c),
    () => undefined,
  );
  while (check.selfCheck === null) {
    ctx.check();
    if (exited !== null) {
      throw new SandboxError([`the session's container exited (${exited}) before its self-check reported`]);
    }
    if (Date.now() > until) throw new SandboxError(["the session's self-check did not report within 60 s"]);
    await new Promise((r) => setTimeout(r, 10));
  }
  ctx.check();
  if (!check.selfCheck.ok) throw new SandboxError(check.selfCheck.problems);
}
