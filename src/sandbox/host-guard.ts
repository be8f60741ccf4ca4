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

/**
 * The rules of ours whose bridge is gone (a session's network removed by `rm`, a crashed run): from `iptables -S
 * INPUT` and the interfaces that exist. Pure.
 */
export function orphanGuards(rules: string, exists: (bridge: string) => boolean): string[] {
  const out: string[] = [];
  for (const line of rules.split('\n')) {
    const m = /^-A INPUT -i (sa-e[0-9a-f]{10}) -m comment --comment "sandbox-action egress" -j DROP$/.exec(
      line.trim(),
    );
    if (m && !exists(m[1]!)) out.push(m[1]!);
  }
  return out;
}
