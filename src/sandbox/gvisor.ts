/**
 * The gVisor runtime a sandbox runs under, from the engine's registered runtimes: pure, so plan() decides it and
 * prepare refuses an engine that has none that fits before anything is created (the same function, called twice).
 */
import { InputError } from '../config/errors.js';
import type { RunSpec } from '../config/run-options.js';
import type { RuntimeInfo } from '../engine/types.js';

/** Does this runtime apply the container's seccomp profile inside gVisor (`--oci-seccomp`)? */
export function hasOciSeccomp(r: RuntimeInfo): boolean {
  return r.args.some((a) => /^--?oci-seccomp(=true)?$/.test(a));
}

/**
 * The gVisor runtime to use. Debian's runsc 20221219 starts containers without a network only with
 * `--network=none` and containers on a docker network only with `--network=host` (gVisor then uses the
 * container's own namespace); newer builds need neither. The engine's runtimes and their arguments decide.
 * Only a runtime with `--oci-seccomp` is used: without it gVisor applies no seccomp filter inside the sandbox
 * (`unshare -U` succeeds in its kernel), which the engine's default profile refuses under runc. With
 * `allowWeaker` (--allow-weaker-gvisor, a recorded loosening) a runtime without it is taken first: on runsc
 * 20221219 --oci-seccomp also makes clone3 and pselect6 fail with EPERM, so threaded programs cannot start.
 */
export function chooseRunscRuntime(
  runtimes: RuntimeInfo[],
  networked: boolean,
  allowWeaker = false,
): { runtime: string } | { error: string } {
  const all = runtimes.filter((r) => r.name.startsWith('runsc'));
  if (all.length === 0) {
    const have = runtimes.map((r) => r.name).join(', ') || 'none';
    return {
      error: `the engine has no runsc runtime (it has ${have}); register gVisor as in docs/gvisor.md`,
    };
  }
  const net = (r: RuntimeInfo) => r.args.find((a) => a.startsWith('--network'))?.split('=')[1] ?? null;
  const fits = (r: RuntimeInfo) => (networked ? net(r) !== 'none' : true);
  const weak = all.filter((r) => !hasOciSeccomp(r));
  const runsc = allowWeaker
    ? [...weak.filter(fits), ...all.filter(hasOciSeccomp)]
    : all.filter(hasOciSeccomp);
  if (runsc.length === 0) {
    return {
      error: `the engine's runsc runtimes (${all.map((r) => r.name).join(', ')}) run without --oci-seccomp, so gVisor would apply no seccomp filter inside the sandbox; add "--oci-seccomp" to their "runtimeArgs" in daemon.json and reload dockerd (kill -HUP), as in docs/gvisor.md, or pass --allow-weaker-gvisor`,
    };
  }
  if (!networked) {
    const pick = runsc.find((r) => net(r) === 'none') ?? runsc.find((r) => r.name === 'runsc') ?? runsc[0]!;
    return { runtime: pick.name };
  }
  const pick =
    runsc.find((r) => net(r) === 'host') ?? runsc.find((r) => net(r) === null || net(r) === 'sandbox');
  if (!pick) {
    return {
      error: `every runsc runtime of the engine with --oci-seccomp runs with --network=none (${runsc.map((r) => r.name).join(', ')}), so a sandbox on a network cannot start; register one with "runtimeArgs": ["--network=host", "--oci-seccomp"] as in docs/gvisor.md`,
    };
  }
  return { runtime: pick.name };
}

/**
 * The runtime for this spec under --isolation runsc (null otherwise), and whether it applies the seccomp profile
 * inside gVisor. The network the spec names decides (a setup phase's spec names its own). Refuses, as bad input of
 * --isolation, an engine with no runtime that fits.
 */
export function gvisorFor(
  spec: Pick<RunSpec, 'network' | 'security'>,
  runtimes: RuntimeInfo[],
): { runtime: string; seccomp: boolean } | null {
  if (spec.security.isolation !== 'runsc') return null;
  const r = chooseRunscRuntime(runtimes, spec.network !== 'none', spec.security.allowWeakerGvisor);
  if ('error' in r) throw new InputError('--isolation', `runsc: ${r.error}`);
  return { runtime: r.runtime, seccomp: hasOciSeccomp(runtimes.find((x) => x.name === r.runtime)!) };
}
