/**
 * What every path of the proxy shares (CONNECT, absolute-form HTTP, and in transparent mode the TLS and HTTP
 * listeners): the admission of a destination (policy, the proxy's own lookup, every answer checked), the count of
 * exchanges in flight, the run's byte cap, and the tunnels' read buffers. One core per proxy, so the limits hold
 * across all of its listeners together.
 */
import { errorMessage } from '../config/errors.js';
import dns from 'node:dns';
import type { ProxyConfig } from './config.js';
import { canonicalHost, decideAddresses, decideTarget, type Decision } from './policy.js';
import { ReadBuffers } from './read-buffers.js';

export type ProxyReason =
  | Exclude<Decision, { allow: true }>['reason']
  | 'bad-request'
  | 'not-tls'
  | 'not-http'
  | 'too-many-connections'
  | 'byte-cap'
  | 'resolve-failed';

export interface DecisionRecord {
  time: string;
  /** connect and http: through the proxy variables; tls, http-host and dns: transparent mode. */
  kind: 'connect' | 'http' | 'tls' | 'http-host' | 'dns';
  host: string;
  port: number;
  address: string | null;
  decision: 'allow' | 'deny';
  reason: string;
  detail?: string;
  /** For allowed exchanges that then failed (upstream refused, idle timeout, byte cap…). */
  error?: string;
  bytesUp: number;
  bytesDown: number;
  durationMs: number;
}

export interface ProxyDeps {
  log(rec: DecisionRecord): void;
  /** Resolve a name to every address it has (A and AAAA). */
  lookup(name: string): Promise<string[]>;
  /** `host:port` the proxy itself is reached at (an absolute-form request to it may ask for a secret route). */
  selfHosts?: string[];
  /** The tunnels' read buffers (default: a pool of 1 MiB buffers, at most 64 out). */
  buffers?: ReadBuffers;
}

/** An exchange in flight: it can be cut (byte cap, shutdown) and reports its bytes so far. */
export interface LiveExchange {
  destroy(why: string): void;
  bytes(): number;
}

export type Admission =
  | { ok: true; host: string; address: string }
  | { ok: false; host: string; reason: ProxyReason; detail: string };

export interface ProxyCore {
  readonly cfg: ProxyConfig;
  readonly deps: ProxyDeps;
  readonly buffers: ReadBuffers;
  /** True when the run has a byte cap (reads then check it). */
  readonly capped: boolean;
  capReached(): boolean;
  /** Cut every exchange in flight when the cap is reached. */
  enforceCap(): void;
  live(entry: LiveExchange): void;
  /** The exchange ended: its bytes join the finished total (once, however often called). */
  end(entry: LiveExchange): void;
  /** Count one exchange in flight; the returned function gives the slot back (once, however often called). */
  takeSlot(): () => void;
  /** Decide name, port and addresses: the address to connect to, or the refusal. */
  admit(hostText: string, port: number): Promise<Admission>;
  totalBytes(): number;
  activeConnections(): number;
  /** Cut every exchange in flight (each still logs its line). */
  shutdown(): void;
}

/** The resolver the proxy uses: --add-host entries first, then the configured servers or the system's. */
export function makeLookup(
  cfg: Pick<ProxyConfig, 'hosts' | 'dnsServers'>,
): (name: string) => Promise<string[]> {
  const resolver = cfg.dnsServers.length ? new dns.promises.Resolver({ timeout: 3000, tries: 2 }) : null;
  resolver?.setServers(cfg.dnsServers);
  return async (name) => {
    const mapped = cfg.hosts[name];
    if (mapped) return mapped;
    if (resolver) {
      const [a, aaaa] = await Promise.allSettled([resolver.resolve4(name), resolver.resolve6(name)]);
      return [
        ...(a.status === 'fulfilled' ? a.value : []),
        ...(aaaa.status === 'fulfilled' ? aaaa.value : []),
      ];
    }
    const all = await dns.promises.lookup(name, { all: true, verbatim: true }).catch(() => []);
    return all.map((r) => r.address);
  };
}

export function createProxyCore(cfg: ProxyConfig, deps: ProxyDeps): ProxyCore {
  const buffers = deps.buffers ?? new ReadBuffers();
  let active = 0;
  /** Bytes of exchanges that have ended; live ones report their own (socket counters, no per-chunk work). */
  let finished = 0;
  const live = new Set<LiveExchange>();
  const totalBytes = () => {
    let t = finished;
    for (const l of live) t += l.bytes();
    return t;
  };
  const capReached = () => cfg.maxTotalBytes !== null && totalBytes() >= cfg.maxTotalBytes;
  const enforceCap = () => {
    if (capReached()) for (const l of [...live]) l.destroy('byte-cap');
  };
  // Downloads are checked on every (up to 1 MiB) read; uploads through a tunnel are sampled every 100 ms.
  const sampler = cfg.maxTotalBytes !== null ? setInterval(enforceCap, 100) : null;
  sampler?.unref();

  return {
    cfg,
    deps,
    buffers,
    capped: sampler !== null,
    capReached,
    enforceCap,
    live: (entry) => void live.add(entry),
    end(entry) {
      if (live.delete(entry)) finished += entry.bytes();
    },
    takeSlot() {
      active++;
      let released = false;
      return () => {
        if (!released) {
          released = true;
          active--;
        }
      };
    },
    admit: (hostText, port) => admit(cfg, deps, hostText, port, { capReached, active: () => active }),
    totalBytes,
    activeConnections: () => active,
    shutdown() {
      if (sampler) clearInterval(sampler);
      for (const l of [...live]) l.destroy('proxy-stopped');
    },
  };
}

/**
 * Whether an exchange to `hostText:port` may go ahead, and to which address: the policy on the name, the byte cap,
 * the connection limit, then the policy on the addresses the name resolves to (decideAddresses picks the one).
 */
async function admit(
  cfg: ProxyConfig,
  deps: ProxyDeps,
  hostText: string,
  port: number,
  now: { capReached(): boolean; active(): number },
): Promise<Admission> {
  const t = decideTarget(cfg.policy, hostText, port);
  const canon = canonicalHost(hostText);
  const host = canon ? (canon.kind === 'name' ? canon.name : canon.address) : hostText.slice(0, 100);
  if (!t.allow) return { ok: false, host, reason: t.reason, detail: t.detail };
  // decideTarget allows only a host it could read.
  if (!canon) return { ok: false, host, reason: 'invalid-host', detail: 'not a host' };
  if (now.capReached())
    return { ok: false, host, reason: 'byte-cap', detail: 'the run used its egress byte cap' };
  // Every caller took its slot before asking: `active` counts this exchange too.
  if (now.active() > cfg.maxConnections) {
    return {
      ok: false,
      host,
      reason: 'too-many-connections',
      detail: `at most ${cfg.maxConnections} at once`,
    };
  }
  let addresses: string[];
  if (canon.kind === 'ip') addresses = [canon.address];
  else {
    try {
      addresses = await deps.lookup(canon.name);
    } catch (err) {
      return { ok: false, host, reason: 'resolve-failed', detail: errorMessage(err) };
    }
  }
  const a = decideAddresses(cfg.policy, host, addresses);
  if (!a.allow) return { ok: false, host, reason: a.reason, detail: a.detail };
  return { ok: true, host, address: a.address! };
}
