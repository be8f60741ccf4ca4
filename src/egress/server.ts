/**
 * The egress proxy's explicit side: Node's http server for CONNECT tunnels and absolute-form requests (what the
 * sandbox's proxy variables point at). Every decision comes from the pure policy module; this file only resolves,
 * connects, counts and logs (through the shared core). One JSON line per decision, written when the exchange ends
 * (with its bytes and duration). Transparent mode's listeners are in transparent.ts and dns.ts.
 *
 * Order of a CONNECT: target check (name, port, literal) → the proxy's own lookup (never for a refused name) →
 * every answer checked → TCP connect to the checked address → `200` → the client's TLS ClientHello is read and its
 * server name must be the CONNECT host → only then is a byte forwarded upstream.
 */
import { InternalError } from '../config/errors.js';
import http from 'node:http';
import net from 'node:net';
import type { ProxyConfig } from './config.js';
import { createProxyCore, type ProxyCore, type ProxyDeps, type ProxyReason } from './core.js';
import { forwardRequest, httpServerOptions, refuseRequest, refuseUpgradesAndErrors } from './http-forward.js';
import { decideHostHeader, decideSni } from './policy.js';
import { matchRoute, serveRoute } from './routes.js';
import { openTunnel, readHello, type Tunnel } from './tunnel.js';
import { onceRecorder } from './record.js';

export { makeLookup } from './core.js';
export type { DecisionRecord, ProxyDeps, ProxyReason } from './core.js';

/** `host:port` of a CONNECT request (IPv6 in brackets). */
function splitAuthority(text: string): { host: string; port: number } | null {
  const m = /^(.{1,300}):(\d{1,5})$/.exec(text);
  if (!m) return null;
  const port = Number(m[2]);
  return port >= 1 && port <= 65535 ? { host: m[1]!, port } : null;
}

export interface ProxyServer {
  server: http.Server;
  /** What all of the proxy's listeners share (limits, byte cap, admission). */
  core: ProxyCore;
  /** Bytes moved so far, both directions. */
  totalBytes(): number;
  activeConnections(): number;
  /** End every exchange in flight (each still logs its line) and stop listening. */
  shutdown(): void;
}

export function createProxyServer(cfg: ProxyConfig, deps: ProxyDeps, shared?: ProxyCore): ProxyServer {
  const core = shared ?? createProxyCore(cfg, deps);
  const server = http.createServer(httpServerOptions(cfg));
  server.timeout = cfg.idleTimeoutMs;

  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) =>
    onConnect(core, deps, req, client, head),
  );
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) =>
    onRequest(core, cfg, deps, req, res),
  );
  refuseUpgradesAndErrors(server, deps.log, 'http');

  return {
    server,
    core,
    totalBytes: core.totalBytes,
    activeConnections: core.activeConnections,
    shutdown() {
      core.shutdown();
      server.close();
      server.closeAllConnections();
    },
  };
}

/**
 * A CONNECT's one ledger line (`rec`, the first call wins) and its refusal: the line, then the status to the
 * client, then the socket closed.
 */
function connectLedger(
  deps: ProxyDeps,
  req: http.IncomingMessage,
  client: net.Socket,
  target: { host: string; port: number } | null,
  started: number,
) {
  const rec = onceRecorder(deps.log, {
    kind: 'connect',
    host: target?.host ?? (req.url ?? '').slice(0, 100),
    port: target?.port ?? 0,
    started,
  });
  const refuse = (status: number, host: string, reason: ProxyReason, detail: string) => {
    rec({ host, decision: 'deny', reason, detail });
    if (client.writable) {
      client.end(
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nsandbox-action egress: ${reason}: ${detail}\n`,
      );
    }
    client.destroySoon?.();
  };
  return { rec, refuse };
}

/** The tunnel's first bytes: a TLS ClientHello naming the admitted host is forwarded; anything else is denied. */
function helloDecides(host: string, h: Awaited<ReturnType<typeof readHello>>, t: Tunnel): void {
  if (h.state === 'closed') return t.deny('not-tls', 'the client closed the tunnel before a TLS ClientHello');
  if (h.state === 'timeout') return t.deny('not-tls', 'no TLS ClientHello within 10 s');
  if (h.state === 'not-tls') return t.deny('not-tls', h.why);
  const s = decideSni(host, h.sni);
  if (!s.allow) return t.deny(s.reason, s.detail);
  t.forward(h.bytes);
}

/**
 * A CONNECT: the authority is admitted by the policy, the tunnel opened to the address the policy resolved, and
 * the first bytes must be a TLS ClientHello whose server name is the admitted host. Exactly one ledger line.
 */
function onConnect(
  core: ProxyCore,
  deps: ProxyDeps,
  req: http.IncomingMessage,
  client: net.Socket,
  head: Buffer,
): void {
  const started = Date.now();
  const target = splitAuthority(req.url ?? '');
  const { rec, refuse } = connectLedger(deps, req, client, target, started);
  client.on('error', () => client.destroy());
  if (!target) {
    refuse(400, (req.url ?? '').slice(0, 100), 'bad-request', 'CONNECT needs host:port');
    return;
  }
  // A CONNECT's Host header is not checked: clients fill it differently (the proxy's address, or the target);
  // the authority decides, and the TLS server name must match it.
  const release = core.takeSlot();
  void core.admit(target.host, target.port).then((a) => {
    if (!a.ok) {
      release();
      refuse(403, a.host, a.reason, a.detail);
      return;
    }
    openTunnel(core, {
      client,
      initial: head,
      host: a.host,
      address: a.address,
      port: target.port,
      log: rec,
      release,
      onConnectError: () => {
        if (client.writable) {
          client.end(
            `HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\nsandbox-action egress: ${a.host} could not be reached\n`,
          );
        }
      },
      onConnected: (t) => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        void readHello(client, head).then((h) => helloDecides(a.host, h, t));
      },
    });
  });
}

/** An absolute-form http:// request (or a secret route): admitted per request, the Host header checked. */
function onRequest(
  core: ProxyCore,
  cfg: ProxyConfig,
  deps: ProxyDeps,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): void {
  const started = Date.now();
  const routed = cfg.routes?.length ? matchRoute(cfg.routes, req.url ?? '', deps.selfHosts ?? []) : null;
  if (routed && 'route' in routed) return serveRoute(core, req, res, routed);
  let url: URL | null = null;
  try {
    if (/^http:\/\//i.test(req.url ?? '')) url = new URL(req.url!);
  } catch {
    url = null;
  }
  const port = url ? Number(url.port || 80) : 0;
  const base = {
    kind: 'http' as const,
    host: url?.hostname ?? (req.url ?? '').slice(0, 100),
    port,
  };
  const refuse = (status: number, host: string, reason: ProxyReason, detail: string) =>
    refuseRequest(core, req, res, base, started, { status, host, reason, detail });
  if (routed) {
    refuse(404, routed.unknown, 'bad-request', `there is no secret route '${routed.unknown}'`);
    return;
  }
  if (!url) {
    refuse(400, base.host, 'bad-request', 'only absolute-form http:// requests and CONNECT are served');
    return;
  }
  const hostCheck = decideHostHeader(url.host, req.headers.host);
  if (!hostCheck.allow) {
    refuse(403, url.hostname, hostCheck.reason, hostCheck.detail);
    return;
  }
  const release = core.takeSlot();
  const target = url;
  void core.admit(target.hostname, port).then((a) => {
    if (!a.ok) {
      release();
      refuse(403, a.host, a.reason, a.detail);
      return;
    }
    forwardRequest(core, req, res, {
      base,
      started,
      host: a.host,
      address: a.address,
      port,
      path: `${target.pathname}${target.search}`,
      hostHeader: target.host,
      release,
    });
  });
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
  throw new InternalError(`no interface of the proxy is in ${subnet}`);
}
