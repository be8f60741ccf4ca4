/**
 * The setup phase (`--setup CMD`, network per phase): the command runs first in a container of its own, made from
 * the same plan with the setup's network (`--setup-network proxy` with the allowlist, or none), on the same volumes.
 * It is filled with the source and /state, checked like the sandbox (conformance, self-check), and removed with
 * its proxy and networks before the main command's fresh container is made: nothing it started survives into the
 * main phase, which has its own network (none by default).
 */
import type { RunSpec } from '../../config/run-options.js';
import type { EgressReport } from '../../egress/ledger.js';
import type { SetupReport } from '../../verdict/schema.js';
import { LogStream } from '../logs.js';
import { setupNetwork } from '../network.js';
import { LABEL_ROLE, plan, type SandboxPlan } from '../plan.js';
import type { RunContext } from '../run-context.js';
import type { Exit } from './command.js';
import { runCommand } from './command.js';
import type { Prepared } from './prepare.js';
import { createSandbox } from './sandbox.js';

export async function runSetup(
  ctx: RunContext,
  prep: Prepared,
  main: SandboxPlan,
  o: { deadEnd(gateways: string[]): string[] },
): Promise<{ report: SetupReport; exit: Exit }> {
  const setup = prep.spec.phases.setup!;
  const { deps } = ctx;
  const t0 = Date.now();
  return ctx.phase('remove the setup phase', async () => {
    const spec: RunSpec = {
      ...prep.spec,
      image: { ...prep.spec.image, entrypoint: null },
      network: setup.network,
      command: ['/bin/sh', '-c', setup.command],
    };
    const net = await ctx.race(
      // Its own names (a proxy of the main phase may follow); the run's labels, so gc finds it.
      setupNetwork(spec, ctx.networkDeps(`${ctx.runId}-setup`)),
    );
    const p = plan(spec, {
      runId: ctx.runId,
      createdAt: ctx.createdAt,
      uid: prep.owner.uid,
      gid: prep.owner.gid,
      network: net.network,
      imageEntrypoint: null,
      // The same /work as the main phase: the trusted files over it (the trusted tests, lean's challenge files).
      overlays: [...(prep.pytest?.mounts ?? []), ...(prep.lean?.overlays ?? [])],
      hostMounts: prep.hostMounts,
      runtimes: prep.runtimes,
    });
    p.container.name = `${main.container.name}-setup`;
    p.container.labels = { ...p.container.labels, [LABEL_ROLE]: 'setup' };
    deps.notice(`setup phase (network ${setup.network}): ${setup.command}`);
    const logs = new LogStream(deps.log, spec.limits.logLimitBytes, deps.fenceWorkflowCommands);
    const box = await createSandbox(ctx, p, {
      logs,
      owner: prep.owner,
      exclude: [...(prep.pytest?.exclude ?? []), ...(prep.lean?.exclude ?? [])],
      deadEndGateways: o.deadEnd(net.gateways),
    });
    const exit = await runCommand(ctx, box, net, logs);
    const egress: EgressReport | null = net.ledger?.report() ?? null;
    const report: SetupReport = {
      command: setup.command,
      network: setup.network,
      exitCode: exit.commandExitCode,
      timedOut: exit.timedOut,
      oomKilled: exit.oomKilled,
      durationMs: Date.now() - t0,
      sandbox: box.check,
      egress,
    };
    return { report, exit };
  });
}
