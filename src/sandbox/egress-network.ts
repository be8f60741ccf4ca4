/**
 * The proxy's egress network, the side that reaches the world. On Docker, one network serves every run and session
 * of the engine: `sandbox-action-egress`, made by the first proxy run and kept (as the proxy image is kept). Made
 * per run, it cost a proxy run ~150 ms to create and ~200-300 ms to remove here (a non-internal bridge: the engine
 * writes and deletes its NAT and isolation rules), both on the run's path.
 *
 * Sharing it makes the proxies of different runs neighbours on one bridge. They never reach each other: the
 * network is made with inter-container traffic off (`com.docker.network.bridge.enable_icc=false`: the engine
 * drops bridge-to-bridge forwarding between its containers), and no proxy listens on it anyway (each listens on
 * its internal network's address only). A network of that name that is not exactly this (its driver, IPv6, options
 * and label; icc on, internal, another bridge, IPv6 on) is never used: the run makes one of its own, as before, and
 * says why in a note. The proxy joins it by its id, so a network removed and made again between the check and the
 * proxy's create is refused by the engine, never joined. The proxy has IPv6 off inside (proxyContainer), so no
 * link-local address reaches past icc, which filters IPv4. icc needs the engine's iptables (`--iptables=false`
 * turns both it and the engine's NAT off; not detected here).
 *
 * Its host guard (host-guard.ts: what arrives on the bridge for this host is dropped) is added when it is not the
 * first INPUT rule (missing, or another rule put above it since), and never removed by a run: another run may be
 * using the bridge. It is taken as guarding this engine's bridge only when the host's interface of that name holds
 * the network's gateway address (a rootless engine's or a VM's bridge of the same name is elsewhere). A network that is gone leaves the rule for a
 * bridge of the same name; a new one of that name is guarded by it at once. Podman keeps a network per run (its
 * bridges take other options).
 */
import fs from 'node:fs';
import type { ContainerSpec, Engine, Labels, NetworkInfo, NetworkSpec } from '../engine/types.js';
import { egressBridgeName, guardedBridge, hostGuardRule, orphanGuards } from './host-guard.js';
import type { NetworkDeps } from './network.js';
import { LABEL_ROLE } from './plan.js';

export const SHARED_EGRESS_NETWORK = 'sandbox-action-egress';
/** Linux allows 15 characters in an interface name; the per-run ones are `sa-e` and 10 hex digits. */
export const SHARED_EGRESS_BRIDGE = 'sa-egress';
export const LABEL_SHARED = 'sandbox-action.shared';

const ICC = 'com.docker.network.bridge.enable_icc';
const BRIDGE = 'com.docker.network.bridge.name';

/** The shared network as it is made (no run's labels: no run's cleanup or `gc --run` removes it). */
export function sharedEgressSpec(): NetworkSpec {
  return {
    name: SHARED_EGRESS_NETWORK,
    internal: false,
    enableIPv6: false,
    options: { [ICC]: 'false', [BRIDGE]: SHARED_EGRESS_BRIDGE },
    labels: { [LABEL_SHARED]: 'egress', [LABEL_ROLE]: 'egress' },
  };
}

/** Why a network of the shared name cannot serve as it, or null when it can: it must be as made. Pure. */
export function sharedEgressMismatch(n: NetworkInfo): string | null {
  const want = sharedEgressSpec();
  if (n.driver !== 'bridge') return `its driver is ${n.driver || 'not said'}, not bridge`;
  if (n.internal) return 'it is internal';
  if (n.enableIPv6) return 'it has IPv6 (inter-container traffic is filtered for IPv4 only)';
  if (n.options[ICC] !== 'false') return `it lets its containers reach each other (${ICC} is not false)`;
  if (n.options[BRIDGE] !== SHARED_EGRESS_BRIDGE) return `its bridge is not ${SHARED_EGRESS_BRIDGE}`;
  const extra = Object.keys(n.options).filter((k) => !(k in want.options));
  if (extra.length) return `it has options sandbox-action does not set (${extra.sort().join(', ')})`;
  if (n.labels[LABEL_SHARED] !== 'egress') return `it has no ${LABEL_SHARED}=egress label`;
  return null;
}

export interface EgressNetwork {
  name: string;
  /** What the proxy joins: the shared network's id (checked as it is), or the run's own network's name. */
  join: string;
  /** The shared network's gateway (its bridge's address on the engine's host), when known. */
  gateway: string | null;
  /** The bridge's interface name, for the host guard. */
  bridge: string;
  /** Made for this run: removed with it. */
  ownedByRun: boolean;
  note: string | null;
}

/**
 * The egress network a proxy run uses: the shared one on Docker (made when missing; two runs making it at once
 * both end up with the one that won), else one of the run's own (`runNetwork`, which the caller removes).
 */
export async function egressNetworkFor(
  engine: Engine,
  runId: string,
  runNetwork: (spec: NetworkSpec) => Promise<string>,
  labels: Labels,
): Promise<EgressNetwork> {
  const own = async (note: string | null): Promise<EgressNetwork> => {
    const bridge = egressBridgeName(runId);
    const name = `sandbox-action-${runId}-egress`;
    await runNetwork({
      name,
      internal: false,
      enableIPv6: false,
      // A bridge of a known name, so the host guard can name it.
      options: engine.info.name === 'docker' ? { [BRIDGE]: bridge } : {},
      labels: { ...labels, [LABEL_ROLE]: 'egress' },
    });
    return { name, join: name, gateway: null, bridge, ownedByRun: true, note };
  };
  if (engine.info.name !== 'docker') return own(null);
  let found = await engine.inspectNetwork(SHARED_EGRESS_NETWORK);
  if (!found) {
    // Another run may make it at the same moment (409 for one of the two): what is there after decides.
    await engine.createNetwork(sharedEgressSpec()).catch(async (err: unknown) => {
      if (!(await engine.inspectNetwork(SHARED_EGRESS_NETWORK))) throw err;
    });
    found = await engine.inspectNetwork(SHARED_EGRESS_NETWORK);
  }
  const why = found ? sharedEgressMismatch(found) : 'it is gone';
  if (!found || why) {
    return own(
      `the network ${SHARED_EGRESS_NETWORK} is not used (${why}): this run's proxy had an egress network of its own`,
    );
  }
  return {
    name: SHARED_EGRESS_NETWORK,
    join: found.id,
    gateway: found.gateways[0] ?? null,
    bridge: SHARED_EGRESS_BRIDGE,
    ownedByRun: false,
    note: null,
  };
}

/**
 * Is the guard ahead of every rule of INPUT that is not one of ours (in `iptables -S INPUT`'s output)? Our other
 * guards (DROP rules of other bridges, inserted on top by runs with a bridge of their own) may come first: they
 * let nothing through. Pure.
 */
export function guardFirst(rules: string, bridge: string): boolean {
  for (const line of rules.split('\n')) {
    if (!line.startsWith('-A INPUT ')) continue;
    const ours = guardedBridge(line);
    if (ours === bridge) return true;
    if (ours === null) return false;
  }
  return false;
}

/** The IPv4 addresses in `ip -4 -o addr show` output. Pure. */
export function ipv4Addresses(shown: string): string[] {
  return [...shown.matchAll(/\binet (\d{1,3}(?:\.\d{1,3}){3})\//g)].map((m) => m[1]!);
}

/**
 * The shared bridge's host guard: inserted at the top of INPUT unless it is first already, never removed here
 * (the guards of run bridges that are gone are pruned on the way, from the same listing).
 * False when it cannot be shown to guard this engine's bridge (no interface of that name holding the network's
 * gateway in this host's namespace) or cannot be added (no iptables, no root).
 */
export async function guardSharedBridge(
  privileged: (cmd: string, args: string[]) => Promise<string>,
  bridge: string,
  gateway: string | null,
): Promise<boolean> {
  // `ip`, not os.networkInterfaces(): libuv leaves out an interface that is down, and the bridge is down while no
  // container is on it (the first proxy run of a quiet engine).
  const shown = await privileged('ip', ['-4', '-o', 'addr', 'show', 'dev', bridge]).catch(() => '');
  if (gateway === null || !ipv4Addresses(shown).includes(gateway)) return false;
  try {
    // One listing for both: the guards pruned are of other bridges, which guardFirst passes over anyway.
    const rules = await privileged('iptables', ['-w', '5', '-S', 'INPUT']);
    await pruneHostGuards(privileged, rules).catch(() => undefined);
    // Missing, or another rule was put above it: a copy on top (one below it, if any, is harmless).
    if (!guardFirst(rules, bridge)) await privileged('iptables', hostGuardRule('-I', bridge));
    return true;
  } catch {
    return false;
  }
}

/**
 * IPv6 off inside the proxy (local Docker, where this host has IPv6): on the shared egress network icc filters
 * IPv4 only, and some engines (Docker 26.0.0-26.0.1, CVE-2024-32473) leave link-local addresses on IPv4-only
 * networks. Only where the sysctl exists: on a host without IPv6 the container could not start.
 */
export function withoutIpv6(engine: Engine, spec: ContainerSpec): ContainerSpec {
  const local = engine.info.name === 'docker' && engine.info.local && !engine.info.rootless;
  if (!local || !fs.existsSync('/proc/sys/net/ipv6/conf/all/disable_ipv6')) return spec;
  return { ...spec, sysctls: { ...spec.sysctls, 'net.ipv6.conf.all.disable_ipv6': '1' } };
}

/**
 * Add the egress bridge's host guard (and drop the guards whose bridge is gone); its removal goes in the cleanup.
 * False when the rule could not be added (no iptables, no root): the run then says so.
 */
async function guardHost(
  privileged: (cmd: string, args: string[]) => Promise<string>,
  bridge: string,
  addCleanup: NetworkDeps['addCleanup'],
): Promise<boolean> {
  // The engine's bridge must be in this process's network namespace (not a rootless engine's, not a VM's):
  // a rule for an interface this host does not have guards nothing.
  if (!fs.existsSync(`/sys/class/net/${bridge}`)) return false;
  try {
    await pruneHostGuards(privileged);
    await privileged('iptables', hostGuardRule('-I', bridge));
  } catch {
    return false;
  }
  addCleanup("remove the egress network's host guard", async () => {
    await privileged('iptables', hostGuardRule('-D', bridge));
  });
  return true;
}

/** Remove the host guards whose bridge is gone (a session's, after `rm`; a crashed run's); their names. */
export async function pruneHostGuards(
  privileged: (cmd: string, args: string[]) => Promise<string>,
  listed?: string,
): Promise<string[]> {
  const rules = listed ?? (await privileged('iptables', ['-w', '5', '-S', 'INPUT']));
  const gone = orphanGuards(rules, (b) => fs.existsSync(`/sys/class/net/${b}`));
  for (const b of gone) await privileged('iptables', hostGuardRule('-D', b)).catch(() => undefined);
  return gone;
}

/** The egress bridge's host guard: the shared one's kept for every run, a run's own removed with it. */
export async function guardEgress(
  engine: Engine,
  deps: Pick<NetworkDeps, 'privileged' | 'addCleanup'>,
  n: EgressNetwork,
): Promise<boolean> {
  // A rootless engine's bridges are in its own network namespace: no rule of this host's guards them.
  if (engine.info.name !== 'docker' || !engine.info.local || engine.info.rootless || !deps.privileged)
    return false;
  if (!n.ownedByRun) return guardSharedBridge(deps.privileged, n.bridge, n.gateway);
  return guardHost(deps.privileged, n.bridge, deps.addCleanup);
}
