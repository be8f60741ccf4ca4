/**
 * The proxy's egress network, the side that reaches the world. On Docker, one network serves every run and session
 * of the engine: `sandbox-action-egress`, made by the first proxy run and kept (as the proxy image is kept). Made
 * per run, it cost a proxy run ~150 ms to create and ~200-300 ms to remove here (a non-internal bridge: the engine
 * writes and deletes its NAT and isolation rules), both on the run's path.
 *
 * Sharing it makes the proxies of different runs neighbours on one bridge. They never reach each other: the
 * network is made with inter-container traffic off (`com.docker.network.bridge.enable_icc=false`: the engine
 * drops bridge-to-bridge forwarding between its containers), and no proxy listens on it anyway (each listens on
 * its internal network's address only). A network of that name that is not exactly this (internal, icc on, another
 * bridge) is never used: the run makes one of its own, as before, and says why in a note.
 *
 * Its host guard (host-guard.ts: what arrives on the bridge for this host is dropped) is added once, when missing,
 * and never removed by a run: another run may be using the bridge. A network that is gone leaves the rule for a
 * bridge of the same name; a new one of that name is guarded by it at once. Podman keeps a network per run (its
 * bridges take other options).
 */
import fs from 'node:fs';
import type { Engine, Labels, NetworkInfo, NetworkSpec } from '../engine/types.js';
import { egressBridgeName, hostGuardRule } from './host-guard.js';
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

/** Why a network of the shared name cannot serve as it, or null when it can. Pure. */
export function sharedEgressMismatch(n: NetworkInfo): string | null {
  if (n.internal) return 'it is internal';
  if (n.options[ICC] !== 'false') return `it lets its containers reach each other (${ICC} is not false)`;
  if (n.options[BRIDGE] !== SHARED_EGRESS_BRIDGE) return `its bridge is not ${SHARED_EGRESS_BRIDGE}`;
  return null;
}

export interface EgressNetwork {
  name: string;
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
    return { name, bridge, ownedByRun: true, note };
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
  if (why) {
    return own(
      `the network ${SHARED_EGRESS_NETWORK} is not used (${why}): this run's proxy had an egress network of its own`,
    );
  }
  return { name: SHARED_EGRESS_NETWORK, bridge: SHARED_EGRESS_BRIDGE, ownedByRun: false, note: null };
}

/**
 * The shared bridge's host guard: checked (`iptables -C`), added when missing, never removed here. False when it
 * can be neither seen nor added (no iptables, no root, a bridge in another network namespace).
 */
export async function guardSharedBridge(
  privileged: (cmd: string, args: string[]) => Promise<string>,
  bridge: string,
): Promise<boolean> {
  if (!fs.existsSync(`/sys/class/net/${bridge}`)) return false;
  const present = await privileged('iptables', hostGuardRule('-C', bridge)).then(
    () => true,
    () => false,
  );
  if (present) return true;
  return privileged('iptables', hostGuardRule('-I', bridge)).then(
    () => true,
    () => false,
  );
}
