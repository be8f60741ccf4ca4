/**
 * The created container against the plan (threat model 20), pure: before start, the trusted side inspects what the
 * engine made and refuses to run when any security-relevant flag differs from the plan. An engine that ignores a
 * flag (an old API, a compatibility layer, a runtime that drops it) is caught here, not after the command ran.
 */
import type { ContainerSpec, InspectedContainer } from '../engine/types.js';

const capName = (c: string) => c.toUpperCase().replace(/^CAP_/, '');
const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

/** Each difference as one line naming the flag, what the plan says and what the engine made. */
export function conformance(spec: ContainerSpec, got: InspectedContainer): string[] {
  const out: string[] = [];
  const check: Check = (flag, ok, want, have) => {
    if (!ok)
      out.push(`${flag}: the plan says ${JSON.stringify(want)}, the engine made ${JSON.stringify(have)}`);
  };
  checkSecurity(check, spec, got);
  checkLimits(check, spec, got);
  checkMounts(check, spec, got);
  check(
    'Entrypoint',
    sameList(got.entrypoint, spec.entrypoint ?? null),
    spec.entrypoint ?? null,
    got.entrypoint,
  );
  check('Cmd', sameList(got.cmd, spec.cmd), spec.cmd, got.cmd);
  return out;
}

type Check = (flag: string, ok: boolean, want: unknown, have: unknown) => void;

/** Who runs, with what privileges and confinement, in which namespaces. */
function checkSecurity(check: Check, spec: ContainerSpec, got: InspectedContainer): void {
  check('user', got.user === spec.user, spec.user, got.user);
  check(
    'ReadonlyRootfs',
    got.readOnlyRootfs === spec.readOnlyRootfs,
    spec.readOnlyRootfs,
    got.readOnlyRootfs,
  );
  check('Privileged', got.privileged === false, false, got.privileged);
  check('CapDrop', sameSet(got.capDrop.map(capName), spec.capDrop.map(capName)), spec.capDrop, got.capDrop);
  check('CapAdd', sameSet(got.capAdd.map(capName), spec.capAdd.map(capName)), spec.capAdd, got.capAdd);
  const nnp = got.securityOpt.some((o) => /^no-new-privileges(?:[:=]true)?$/.test(o));
  check('no-new-privileges', nnp, true, got.securityOpt);
  const unconfined = got.securityOpt.filter((o) =>
    /^(seccomp|apparmor)[:=]unconfined$|^label[:=]disable$/.test(o),
  );
  check('seccomp', unconfined.length === 0 && got.engineSeccomp, 'the engine default profile', {
    securityOpt: got.securityOpt,
    engineSeccomp: got.engineSeccomp,
  });
  check('NetworkMode', got.networkMode === spec.networkMode, spec.networkMode, got.networkMode);
}

/** Memory, CPUs, processes, the runtime, init, the namespaces shared (none), devices, ulimits. */
function checkLimits(check: Check, spec: ContainerSpec, got: InspectedContainer): void {
  check('Memory', got.memoryBytes === spec.memoryBytes, spec.memoryBytes, got.memoryBytes);
  check(
    'MemorySwap',
    got.memorySwapBytes === spec.memorySwapBytes,
    spec.memorySwapBytes,
    got.memorySwapBytes,
  );
  check('NanoCpus', got.nanoCpus === spec.nanoCpus, spec.nanoCpus, got.nanoCpus);
  check('PidsLimit', got.pidsLimit === spec.pidsLimit, spec.pidsLimit, got.pidsLimit);
  check('Runtime', got.runtime === (spec.runtime ?? 'runc'), spec.runtime ?? 'runc', got.runtime);
  check('Init', got.init === spec.init, spec.init, got.init);
  check('PidMode', got.pidMode === '', '', got.pidMode);
  check('UsernsMode', got.usernsMode === '' || got.usernsMode === 'private', '', got.usernsMode);
  check('Devices', got.devices === 0, 0, got.devices);
  for (const u of spec.ulimits) {
    const h = got.ulimits.find((x) => x.name === u.name);
    check(`ulimit ${u.name}`, !!h && h.soft === u.soft && h.hard === u.hard, u, h ?? null);
  }
}

/** Exactly the plan's volumes and binds, with the plan's access; tmpfs with the plan's options; nothing else. */
function checkMounts(check: Check, spec: ContainerSpec, got: InspectedContainer): void {
  const planned = spec.mounts.filter((m) => m.type !== 'tmpfs');
  for (const m of planned) {
    const h = got.mounts.find((x) => x.target === m.target);
    check(
      `mount ${m.target}`,
      !!h && h.type === m.type && h.readOnly === m.readOnly && (m.type !== 'volume' || h.source === m.source),
      { type: m.type, source: m.source, readOnly: m.readOnly },
      h ?? null,
    );
  }
  const extra = got.mounts.filter((h) => !planned.some((m) => m.target === h.target));
  check(
    'mounts',
    extra.length === 0,
    planned.map((m) => m.target),
    got.mounts.map((m) => m.target),
  );
  for (const m of spec.mounts.filter((x) => x.type === 'tmpfs')) {
    const opts = got.tmpfs[m.target];
    const want = m.tmpfs!.options.filter((o) => o !== 'rw');
    check(
      `tmpfs ${m.target}`,
      opts !== undefined && want.every((o) => opts.split(',').includes(o)),
      want,
      opts ?? null,
    );
  }
  const extraTmpfs = Object.keys(got.tmpfs).filter(
    (t) => !spec.mounts.some((m) => m.type === 'tmpfs' && m.target === t),
  );
  check('tmpfs', extraTmpfs.length === 0, [], extraTmpfs);
}

function sameList(a: string[] | null, b: string[] | null): boolean {
  if (a === null || b === null) return a === b || (a?.length ?? 0) + (b?.length ?? 0) === 0;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
