/**
 * The run's egress report, folded from the proxy's decision lines as they arrive (pure; bounded memory whatever
 * the build does: hosts and refusal kinds are capped, counts are not).
 */
import net from 'node:net';
import type { DecisionRecord } from './server.js';

export interface EgressHostReport {
  host: string;
  ports: number[];
  connections: number;
  bytesUp: number;
  bytesDown: number;
  errors: number;
}

export interface EgressRefusal {
  host: string;
  port: number;
  reason: string;
  detail: string;
  count: number;
}

export interface EgressReport {
  network: 'proxy';
  mode: 'allowlist' | 'audit';
  /** `--egress transparent`: the proxy also answered DNS and served tools that ignore proxy variables. */
  transparent: boolean;
  /** The image the proxy ran from. */
  proxyImage: string;
  allowlist: string[];
  allowed: EgressHostReport[];
  refused: EgressRefusal[];
  refusedTotal: number;
  bytesUp: number;
  bytesDown: number;
  /** Hosts and refusal kinds beyond the caps were counted but not listed. */
  truncated: boolean;
  /** Audit mode: the allowlist that would have let exactly these hosts through. */
  suggested: { domains: string[]; cli: string; actionInput: string } | null;
  /** Set when the proxy stopped before the build ended (the build then had no egress). */
  proxyExit: string | null;
}

export const MAX_HOSTS = 500;
export const MAX_REFUSALS = 500;

export class Ledger {
  private hosts = new Map<string, EgressHostReport>();
  private refusals = new Map<string, EgressRefusal>();
  private refusedTotal = 0;
  private up = 0;
  private down = 0;
  private truncated = false;
  proxyExit: string | null = null;

  constructor(
    private readonly mode: 'allowlist' | 'audit',
    private readonly allowlist: string[],
    private readonly proxyImage = '',
    private readonly transparent = false,
  ) {}

  /** One line of the proxy's output; lines that are not decisions are ignored. */
  addLine(line: string): DecisionRecord | null {
    let r: unknown;
    try {
      r = JSON.parse(line);
    } catch {
      return null;
    }
    if (!isDecision(r)) return null;
    this.add(r);
    return r;
  }

  add(r: DecisionRecord) {
    this.up += r.bytesUp;
    this.down += r.bytesDown;
    if (r.decision === 'allow') {
      let h = this.hosts.get(r.host);
      if (!h) {
        if (this.hosts.size >= MAX_HOSTS) {
          this.truncated = true;
          return;
        }
        h = { host: r.host, ports: [], connections: 0, bytesUp: 0, bytesDown: 0, errors: 0 };
        this.hosts.set(r.host, h);
      }
      h.connections++;
      h.bytesUp += r.bytesUp;
      h.bytesDown += r.bytesDown;
      if (r.error) h.errors++;
      if (!h.ports.includes(r.port)) h.ports.push(r.port);
      return;
    }
    this.refusedTotal++;
    const key = `${r.host}\u0000${r.port}\u0000${r.reason}`;
    const f = this.refusals.get(key);
    if (f) f.count++;
    else if (this.refusals.size < MAX_REFUSALS) {
      this.refusals.set(key, {
        host: r.host,
        port: r.port,
        reason: r.reason,
        detail: r.detail ?? '',
        count: 1,
      });
    } else this.truncated = true;
  }

  report(): EgressReport {
    const allowed = [...this.hosts.values()].sort((a, b) => a.host.localeCompare(b.host));
    let suggested: EgressReport['suggested'] = null;
    if (this.mode === 'audit') {
      // Names only: an address reached through --allow-cidr is already allowed by that option.
      const domains = allowed
        .filter((h) => h.errors < h.connections && net.isIP(h.host) === 0)
        .map((h) => h.host);
      suggested = {
        domains,
        cli: domains.map((d) => `--allow-domain ${d}`).join(' '),
        actionInput: `allow-domains: ${domains.join(',')}`,
      };
    }
    return {
      network: 'proxy',
      mode: this.mode,
      transparent: this.transparent,
      proxyImage: this.proxyImage,
      allowlist: this.allowlist,
      allowed,
      refused: [...this.refusals.values()].sort((a, b) => b.count - a.count || a.host.localeCompare(b.host)),
      refusedTotal: this.refusedTotal,
      bytesUp: this.up,
      bytesDown: this.down,
      truncated: this.truncated,
      suggested,
      proxyExit: this.proxyExit,
    };
  }
}

function isDecision(r: unknown): r is DecisionRecord {
  if (typeof r !== 'object' || r === null) return false;
  const o = r as Record<string, unknown>;
  return (
    (o.decision === 'allow' || o.decision === 'deny') &&
    typeof o.host === 'string' &&
    typeof o.port === 'number' &&
    typeof o.reason === 'string' &&
    typeof o.bytesUp === 'number' &&
    typeof o.bytesDown === 'number'
  );
}
