/**
 * A session's container (pure): the run's plan, kept alive. Everything security-relevant is the plan's (the
 * conformance check compares the engine's container with it before every use); only the command and the user of
 * the container's own process change:
 *  - its process is a trusted idle one, `sh` reading the stdin the engine holds open (nothing ever writes to it),
 *    behind the self-check (so the sandbox is checked from inside when it starts);
 *  - it runs as a keeper user that no command of the session runs as. Commands run as the sandbox user (`exec`),
 *    which can neither signal nor trace a process of another user without capabilities: the idle process cannot be
 *    killed from inside (which would stop the session) nor taken over (which would let a run outlive its reset).
 * Each command runs through the self-check again, as the sandbox user, with the session's environment only.
 */
import type { ContainerSpec, Labels } from '../engine/types.js';
import type { SandboxPlan } from '../sandbox/plan.js';
import { wrapWithSelfCheck, type SelfCheckExpect } from '../sandbox/self-check.js';

export const IDLE_MARK = 'sandbox-action-idle';
/** Builtins only: works with dash, bash and busybox sh. EOF (the engine closing stdin) ends it. */
export const IDLE_SCRIPT = 'while read -r _; do :; done';

/** The keeper user: 65533, unless the sandbox user is 65533 (then 65532). Never root, never the sandbox user. */
export function keeperFor(user: { uid: number }): { uid: number; gid: number } {
  const id = user.uid === 65533 ? 65532 : 65533;
  return { uid: id, gid: id };
}

export function sessionContainer(
  p: SandboxPlan,
  o: { name: string; labels: Labels; keeper: { uid: number; gid: number } },
): ContainerSpec {
  const idle = ['/bin/sh', '-c', IDLE_SCRIPT, IDLE_MARK];
  const check: SelfCheckExpect | null = p.selfCheck
    ? { ...p.selfCheck, uid: o.keeper.uid, gid: o.keeper.gid }
    : null;
  const command = check
    ? wrapWithSelfCheck(idle, check)
    : { entrypoint: idle.slice(0, 3), cmd: idle.slice(3) };
  return {
    ...p.container,
    ...command,
    name: o.name,
    user: `${o.keeper.uid}:${o.keeper.gid}`,
    labels: { ...p.container.labels, ...o.labels },
    openStdin: true,
  };
}

/** What the keeper's self-check must find when the session starts. */
export function keeperCheck(
  selfCheck: SelfCheckExpect | null,
  keeper: { uid: number; gid: number },
): SelfCheckExpect | null {
  return selfCheck ? { ...selfCheck, uid: keeper.uid, gid: keeper.gid } : null;
}

/** A command of the session: behind the self-check (its first line of output), as argv for exec. */
export function execArgv(cmd: string[], selfCheck: SelfCheckExpect | null): string[] {
  if (!selfCheck) return cmd;
  const w = wrapWithSelfCheck(cmd, selfCheck);
  return [...w.entrypoint, ...w.cmd];
}

/** A fixed PATH for the trusted scripts (a session's --env cannot point them at /work). */
export const TRUSTED_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
