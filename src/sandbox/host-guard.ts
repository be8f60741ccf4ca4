/**
 * The proxy's egress network must reach the world, not this host. On a plain Docker bridge the host answers on the
 * bridge's gateway (and on every address it has) to anything on that network: a build that took over the proxy
 * would reach the host's services there. The egress network sandbox-action makes gets a bridge of a known name,
 * and one firewall rule drops what arrives on it for the host itself (INPUT); what it forwards to the world
 * (FORWARD, NAT) is untouched, and the engine's DNS is answered inside the container's namespace.
 *
 * Only where it can hold: a local Docker engine and root (or sudo) with iptables. Elsewhere the run says so in a
 * note. A network the user names (--egress-network, a recorded loosening) is theirs and gets no rule.
 */
import crypto from 'node:crypto';

/** Linux allows 15 characters in an interface name. */
export function egressBridgeName(runId: string): string {
  return `sa-e${crypto.createHash('sha256').update(runId).digest('hex').slice(0, 10)}`;
}

/** The iptables arguments that add (`-I`) or delete (`-D`) the rule. Pure. */
export function hostGuardRule(op: '-I' | '-D', bridge: string): string[] {
  return [
    '-w',
    '5',
    op,
    'INPUT',
    '-i',
    bridge,
    '-m',
    'comment',
    '--comment',
    'sandbox-action egress',
    '-j',
    'DROP',
  ];
}

export const HOST_GUARD_NOTE =
  "the proxy's egress network can reach this host's own addresses (no iptables rule could be added: it needs a local Docker engine whose bridges are in this host's network namespace, root or sudo, and iptables)";

/** The rule as `iptables -S INPUT` prints it. Pure. */
export function guardLine(bridge: string): string {
  return `-A INPUT -i ${bridge} -m comment --comment "sandbox-action egress" -j DROP`;
}

/** The bridge of a line of `iptables -S INPUT` that is one of our rules (any bridge), else null. Pure. */
export function guardedBridge(line: string): string | null {
  return (
    /^-A INPUT -i (\S+) -m comment --comment "sandbox-action egress" -j DROP$/.exec(line.trim())?.[1] ?? null
  );
}

/**
 * The rules of ours for a run's own bridge (`sa-e` + 10 hex digits; never the shared bridge's) whose bridge is
 * gone (a session's network removed by `rm`, a crashed run): from `iptables -S INPUT` and the interfaces that
 * exist. Pure.
 */
export function orphanGuards(rules: string, exists: (bridge: string) => boolean): string[] {
  return rules
    .split('\n')
    .map(guardedBridge)
    .filter((b): b is string => b !== null && /^sa-e[0-9a-f]{10}$/.test(b) && !exists(b));
}
