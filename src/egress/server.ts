/**
 * The egress proxy: Node's http server for the HTTP side (CONNECT tunnels and absolute-form requests) and net
 * sockets for the bytes. Every decision comes from the pure policy module; this file only resolves, connects,
 * counts and logs. One JSON line per decision, written when the exchange ends (with its bytes and duration).
 *
 * Order of a CONNECT: target check (name, port, literal) → the proxy's own lookup (never for a refused name) →
 * every answer checked → TCP connect to the checked address → `200` → the client's TLS ClientHello is read and its
 * server name must be the CONNECT host → only then is a byte forwarded upstream.
 */
import dns from 'node:dns';
import http from 'node:http';
import net from 'node:net';
import { readClientHello } from './client-hello.js';
import type { ProxyConfig } from './config.js';
import { ReadBuffers } from './read-buffers.js';
import {
  canonicalHost,
  decideAddresses,
  decideHostHeader,
  decideSni,
  decideTarget,
  type Decision,
} from './policy.js';

export type ProxyReason =
  | Exclude<Decision, { allow: true }>['reason']
  | 'bad-request'
  | 'not-tls'
  | 'too-many-connections'
  | 'byte-cap'
  | 'resolve-failed';

export interface DecisionRecord {
  time: string;
  kind: 'connect' | 'http';
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
  /** The tunnels' read buffers (default: a pool of 1 MiB buffers, at most 64 out). */
  buffers?: ReadBuffers;
}

const HELLO_TIMEOUT_MS = 10_000;
const HOP_BY_HOP = [
  'connection',
  'proxy-connection',
  'keep-alive',
  'proxy-authorization',
  'proxy-authenticate',
  'te',
  'trailer',
  'upgrade',
];

function withoutHopByHop(h: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(h).filter(([k]) => !HOP_BY_HOP.includes(k)));
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
      const out = [
        ...(a.status === 'fulfilled' ? a.value : []),
        ...(aaaa.status === 'fulfilled' ? aaaa.value : []),
      ];
      return out;
    }
    const all = await dns.promises.lookup(name, { all: true, verbatim: true }).catch(() => []);
    return all.map((r) => r.address);
  };
}

/** `host:port` of a CONNECT request (IPv6 in brackets). */
function splitAuthority(text: string): { host: string; port: number } | null {
  const m = /^(.{1,300}):(\d{1,5})$/.exec(text);
  if (!m) return null;
  const port = Number(m[2]);
  return port >= 1 && port <= 65535 ? { host: m[1]!, port } : null;
}

export interface ProxyServer {
  server: http.Server;
  /** Bytes moved so far, both directions. */
  totalBytes(): number;
  activeConnections(): number;
  /** End every exchange in flight (each still logs its line) and stop listening. */
  shutdown(): void;
}

interface LiveExchange {
  destroy(why: string): void;
  bytes(): number;
}

export function createProxyServer(cfg: ProxyConfig, deps: ProxyDeps): ProxyServer {
  const buffers = deps.buffers ?? new ReadBuffers();
  let active = 0;
  /** Bytes of exchanges that have ended; live ones report their own (socket counters, no per-chunk work). */
  let finished = 0;
  const live = new Set<LiveExchange>();
  const totalNow = () => {
    let t = finished;
    for (const l of live) t += l.bytes();
    return t;
  };
  const capReached = () => cfg.maxTotalBytes !== null && totalNow() >= cfg.maxTotalBytes;
  const enforceCap = () => {
    if (capReached()) for (const l of [...live]) l.destroy('byte-cap');
  };
  const end = (entry: LiveExchange) => {
    if (live.delete(entry)) finished += entry.bytes();
  };
  // Downloads are checked on every (up to 1 MiB) read; uploads through a tunnel are sampled every 100 ms.
  const sampler = cfg.maxTotalBytes !== null ? setInterval(enforceCap, 100) : null;
  sampler?.unref();

  /** Count one exchange in flight; the returned function gives the slot back (once, however often called). */
  const takeSlot = () => {
    active++;
    let released = false;
    return () => {
      if (!released) {
        released = true;
        active--;
      }
    };
  };

  /** Decide name, port and addresses. Returns the address to connect to, or the refusal. */
  async function admit(
    hostText: string,
    port: number,
  ): Promise<
    | { ok: true; host: string; address: string }
    | { ok: false; host: string; reason: ProxyReason; detail: string }
  > {
    const t = decideTarget(cfg.policy, hostText, port);
    const canon = canonicalHost(hostText);
    const host = canon ? (canon.kind === 'name' ? canon.name : canon.address) : hostText.slice(0, 100);
    if (!t.allow) return { ok: false, host, reason: t.reason, detail: t.detail };
    if (capReached())
      return { ok: false, host, reason: 'byte-cap', detail: 'the run used its egress byte cap' };
    if (active >= cfg.maxConnections) {
      return {
        ok: false,
        host,
        reason: 'too-many-connections',
        detail: `at most ${cfg.maxConnections} at once`,
      };
    }
    let addresses: string[];
    if (canon!.kind === 'ip') addresses = [canon!.address];
    else {
      try {
        addresses = await deps.lookup(canon!.name);
      } catch (err) {
        return { ok: false, host, reason: 'resolve-failed', detail: (err as Error).message };
      }
    }
    const a = decideAddresses(cfg.policy, host, addresses);
    if (!a.allow) return { ok: false, host, reason: a.reason, detail: a.detail };
    return { ok: true, host, address: a.address! };
  }

  const server = http.createServer({
    maxHeaderSize: cfg.maxHeaderBytes,
    headersTimeout: 30_000,
    requestTimeout: 0,
    keepAliveTimeout: Math.min(cfg.idleTimeoutMs, 60_000),
  });
  server.timeout = cfg.idleTimeoutMs;

  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const started = Date.now();
    const target = splitAuthority(req.url ?? '');
    let up = 0;
    let down = 0;
    let logged = false;
    const rec = (r: Partial<DecisionRecord> & Pick<DecisionRecord, 'decision' | 'reason'>) => {
      if (logged) return;
      logged = true;
      deps.log({
        time: new Date(started).toISOString(),
        kind: 'connect',
        host: target?.host ?? (req.url ?? '').slice(0, 100),
        port: target?.port ?? 0,
        address: null,
        bytesUp: up,
        bytesDown: down,
        durationMs: Date.now() - started,
        ...r,
      });
    };
    const refuse = (status: number, host: string, reason: ProxyReason, detail: string) => {
      rec({ host, decision: 'deny', reason, detail });
      if (client.writable) {
        client.end(
          `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nsandbox-action egress: ${reason}: ${detail}\n`,
        );
      }
      client.destroySoon?.();
    };
    client.on('error', () => client.destroy());
    if (!target) {
      refuse(400, (req.url ?? '').slice(0, 100), 'bad-request', 'CONNECT needs host:port');
      return;
    }
    // A CONNECT's Host header is not checked: clients fill it differently (the proxy's address, or the target);
    // the authority decides, and the TLS server name must match it.
    const release = takeSlot();
    void admit(target.host, target.port).then((a) => {
      if (!a.ok) {
        release();
        refuse(403, a.host, a.reason, a.detail);
        return;
      }
      // Downloads are the heavy direction: the upstream reads into 1 MiB buffers lent by the pool (fewer, larger
      // reads than the default 64 KiB, written on without a copy; see read-buffers.ts). Nothing is forwarded
      // before the ClientHello is checked; a server that speaks first is held (bounded, copied) until then.
      let forwarding = false;
      const early: Buffer[] = [];
      let earlyBytes = 0;
      const forward = (chunk: Buffer, done?: () => void) => {
        if (!client.write(chunk, done)) {
          upstream.pause();
          client.once('drain', () => upstream.resume());
        }
      };
      // The buffer the next read goes into: returned to the pool when the socket closes unused.
      let reserved: Buffer | null = null;
      let closed = false;
      const upstream = net.connect({
        host: a.address,
        port: target.port,
        onread: {
          buffer: () => (closed ? buffers.shared : (reserved = buffers.next())),
          callback: (n: number, buf: Uint8Array) => {
            reserved = null; // this read's buffer is the chunk's now
            const { chunk, done } = buffers.take(buf, n);
            if (sampler && capReached()) {
              done();
              entry.destroy('byte-cap');
              return false;
            }
            if (forwarding) forward(chunk, done);
            else {
              if ((earlyBytes += n) > 64 * 1024) entry.destroy('upstream spoke first');
              else early.push(Buffer.from(chunk));
              done();
            }
            return true;
          },
        },
      });
      upstream.once('close', () => {
        closed = true;
        if (reserved) buffers.give(reserved);
        reserved = null;
      });
      let error: string | undefined;
      let helloChecked = false;
      let helloBytes = 0;
      let readBefore = 0;
      const measure = () => {
        if (!helloChecked) return;
        up = helloBytes + client.bytesRead - readBefore;
        down = upstream.bytesRead;
      };
      const entry = {
        destroy(why: string) {
          error ??= why;
          upstream.destroy();
          client.destroy();
        },
        bytes() {
          measure();
          return up + down;
        },
      };
      live.add(entry);
      let helloTimer: NodeJS.Timeout | undefined;
      const finish = () => {
        clearTimeout(helloTimer);
        measure();
        end(entry);
        release();
        upstream.destroy();
        client.destroy();
        if (!helloChecked) {
          const detail = 'the client closed the tunnel before a TLS ClientHello';
          rec({ host: a.host, address: a.address, decision: 'deny', reason: 'not-tls', detail });
          return;
        }
        rec({
          host: a.host,
          address: a.address,
          decision: 'allow',
          reason: 'allowed',
          ...(error ? { error } : {}),
        });
      };
      upstream.once('error', (err) => {
        if (!upstream.connecting) {
          error ??= `upstream: ${err.message}`;
          return;
        }
        end(entry);
        release();
        error = `upstream: ${err.message}`;
        rec({ host: a.host, address: a.address, decision: 'allow', reason: 'allowed', error });
        if (client.writable) {
          client.end(
            `HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\nsandbox-action egress: ${a.host} could not be reached\n`,
          );
        }
      });
      client.once('close', () => {
        if (!upstream.connecting) finish();
        else upstream.destroy();
      });
      upstream.once('connect', () => {
        upstream.setNoDelay(true);
        client.setNoDelay(true);
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        let hello = Buffer.from(head);
        helloTimer = setTimeout(() => {
          rec({
            host: a.host,
            address: a.address,
            decision: 'deny',
            reason: 'not-tls',
            detail: 'no TLS ClientHello within 10 s',
          });
          entry.destroy('hello-timeout');
        }, HELLO_TIMEOUT_MS);
        const onHello = () => {
          const r = readClientHello(hello);
          if (r.state === 'need-more') return;
          clearTimeout(helloTimer);
          client.off('data', onData);
          if (r.state === 'not-tls') {
            rec({ host: a.host, address: a.address, decision: 'deny', reason: 'not-tls', detail: r.why });
            entry.destroy('not-tls');
            return;
          }
          const s = decideSni(a.host, r.sni);
          if (!s.allow) {
            rec({ host: a.host, address: a.address, decision: 'deny', reason: s.reason, detail: s.detail });
            entry.destroy(s.reason);
            return;
          }
          // The hello is checked: from here bytes flow both ways, counted by the sockets themselves.
          helloChecked = true;
          helloBytes = hello.length;
          readBefore = client.bytesRead;
          upstream.write(hello);
          client.pipe(upstream);
          forwarding = true;
          for (const c of early.splice(0)) forward(c);
          upstream.once('close', () => client.destroySoon?.() ?? client.end());
          upstream.once('end', () => client.end());
        };
        const onData = (c: Buffer) => {
          hello = Buffer.concat([hello, c]);
          onHello();
        };
        client.setTimeout(cfg.idleTimeoutMs, () => entry.destroy('idle-timeout'));
        upstream.setTimeout(cfg.idleTimeoutMs, () => entry.destroy('idle-timeout'));
        client.on('data', onData);
        if (hello.length) onHello();
      });
    });
  });

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const started = Date.now();
    let up = 0;
    let down = 0;
    let url: URL | null = null;
    try {
      if (/^http:\/\//i.test(req.url ?? '')) url = new URL(req.url!);
    } catch {
      url = null;
    }
    const port = url ? Number(url.port || 80) : 0;
    const base = {
      time: new Date(started).toISOString(),
      kind: 'http' as const,
      host: url?.hostname ?? (req.url ?? '').slice(0, 100),
      port,
    };
    const refuse = (status: number, host: string, reason: ProxyReason, detail: string) => {
      deps.log({
        ...base,
        host,
        address: null,
        decision: 'deny',
        reason,
        detail,
        bytesUp: 0,
        bytesDown: 0,
        durationMs: Date.now() - started,
      });
      req.resume();
      res.writeHead(status, { 'content-type': 'text/plain', connection: 'keep-alive' });
      res.end(`sandbox-action egress: ${reason}: ${detail}\n`);
    };
    if (!url) {
      refuse(400, base.host, 'bad-request', 'only absolute-form http:// requests and CONNECT are served');
      return;
    }
    const hostCheck = decideHostHeader(url.host, req.headers.host);
    if (!hostCheck.allow) {
      refuse(403, url.hostname, hostCheck.reason, hostCheck.detail);
      return;
    }
    const release = takeSlot();
    void admit(url.hostname, port).then((a) => {
      if (!a.ok) {
        release();
        refuse(403, a.host, a.reason, a.detail);
        return;
      }
      const headers = withoutHopByHop(req.headers);
      headers.host = url.host;
      let error: string | undefined;
      let logged = false;
      const log = () => {
        if (logged) return;
        logged = true;
        end(entry);
        release();
        deps.log({
          ...base,
          host: a.host,
          address: a.address,
          decision: 'allow',
          reason: 'allowed',
          ...(error ? { error } : {}),
          bytesUp: up,
          bytesDown: down,
          durationMs: Date.now() - started,
        });
      };
      const upstream = http.request({
        host: a.address,
        port,
        method: req.method,
        path: `${url.pathname}${url.search}`,
        headers,
        agent: false,
        setHost: false,
        timeout: cfg.idleTimeoutMs,
      });
      const entry = {
        destroy(why: string) {
          error ??= why;
          upstream.destroy();
          res.destroy();
        },
        bytes: () => up + down,
      };
      live.add(entry);
      req.on('data', (c: Buffer) => {
        up += c.length;
        if (sampler) enforceCap();
      });
      req.pipe(upstream);
      upstream.on('timeout', () => entry.destroy('idle-timeout'));
      upstream.on('error', (err) => {
        error ??= `upstream: ${err.message}`;
        if (!res.headersSent) {
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(`sandbox-action egress: ${a.host} could not be reached\n`);
        } else res.destroy();
        log();
      });
      upstream.on('response', (r) => {
        const out = withoutHopByHop(r.headers);
        res.writeHead(r.statusCode ?? 502, r.statusMessage, out);
        r.on('data', (c: Buffer) => {
          down += c.length;
          if (sampler) enforceCap();
        });
        r.pipe(res);
        r.on('error', () => entry.destroy('upstream reset'));
      });
      res.on('close', log);
    });
  });

  // Upgrade requests (WebSocket and h2c) are not served.
  server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket) => {
    deps.log({
      time: new Date().toISOString(),
      kind: 'http',
      host: (req.url ?? '').slice(0, 100),
      port: 0,
      address: null,
      decision: 'deny',
      reason: 'bad-request',
      detail: 'protocol upgrades are not served',
      bytesUp: 0,
      bytesDown: 0,
      durationMs: 0,
    });
    socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: net.Socket) => {
    if (socket.writable) {
      const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`);
    } else socket.destroy();
  });

  return {
    server,
    totalBytes: totalNow,
    activeConnections: () => active,
    shutdown() {
      if (sampler) clearInterval(sampler);
      server.close();
      for (const l of [...live]) l.destroy('proxy-stopped');
      server.closeAllConnections();
    },
  };
}

/** Where to listen: the proxy's own address inside `subnet` (the internal network), else every interface. */
export function listenAddress(
  subnet: string | null,
  interfaces: Record<string, { address: string; family: string }[] | undefined>,
): string {
  if (!subnet) return '0.0.0.0';
  const [addr, prefix] = subnet.split('/') as [string, string];
  const family = net.isIPv4(addr) ? 'ipv4' : 'ipv6';
  const list = new net.BlockList();
  list.addSubnet(addr, Number(prefix), family);
  for (const entries of Object.values(interfaces)) {
    for (const e of entries ?? []) {
      if (
        (e.family === 'IPv4' || (e.family as unknown) === 4) &&
        family === 'ipv4' &&
        list.check(e.address, 'ipv4')
      )
        return e.address;
    }
  }
  throw new Error(`no interface of the proxy is in ${subnet}`);
}
