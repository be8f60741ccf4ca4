/**
 * Transparent mode's listeners: one per allowed port on the proxy's internal address, for the tools that ignore
 * proxy variables (the DNS responder gives them the proxy's address for every listed name). The destination is
 * the name the client sends, never the address it connected to:
 * - TLS: the ClientHello's server name (SNI) is the destination; it must be a listed name, and it is the name the
 *   proxy resolves (every answer checked, the checked address connected to), before one byte goes upstream.
 * - HTTP: every request's Host header is the destination, checked per request as for absolute-form requests.
 * Anything without a name (no SNI, an address as the name, not TLS on 443, not HTTP on 80) is refused and logged.
 * On other ports the first byte tells TLS from HTTP (policy.ts `transparentProtocol`).
 */
import http from 'node:http';
import net from 'node:net';
import type { DecisionRecord, ProxyCore, ProxyReason } from './core.js';
import { forwardRequest, httpServerOptions, refuseRequest, refuseUpgradesAndErrors } from './http-forward.js';
import { decideTransparentName, printable, splitHostHeader, transparentProtocol } from './policy.js';
import { HELLO_TIMEOUT_MS, openTunnel, readHello } from './tunnel.js';
import { instantRefusal, onceRecorder } from './record.js';

export interface TransparentListeners {
  ports: number[];
  close(): void;
}

/** The one decision line of a transparent connection, written once. */
function onceLog(core: ProxyCore, kind: DecisionRecord['kind'], port: number, started: number) {
  return onceRecorder(core.deps.log, { kind, host: '(none)', port, started });
}

function transparentTls(core: ProxyCore, client: net.Socket, port: number, first: Buffer, started: number) {
  const log = onceLog(core, 'tls', port, started);
  const refuse = (host: string, reason: ProxyReason, detail: string) => {
    log({ host, decision: 'deny', reason, detail });
    client.destroy();
  };
  void readHello(client, first).then(async (h) => {
    if (h.state === 'closed')
      return refuse('(none)', 'not-tls', 'the client closed before a TLS ClientHello');
    if (h.state === 'timeout') return refuse('(none)', 'not-tls', 'no TLS ClientHello within 10 s');
    if (h.state === 'not-tls') return refuse('(none)', 'not-tls', h.why);
    const named = decideTransparentName(core.cfg.policy, h.sni, port, 'sni');
    if (!named.allow) return refuse(h.sni ? printable(h.sni) : '(none)', named.reason, named.detail);
    const release = core.takeSlot();
    const a = await core.admit(h.sni!, port);
    if (!a.ok) {
      release();
      return refuse(a.host, a.reason, a.detail);
    }
    if (client.destroyed) {
      release();
      return refuse(a.host, 'not-tls', 'the client left before the upstream was reached');
    }
    openTunnel(core, {
      client,
      initial: h.bytes,
      host: a.host,
      address: a.address,
      port,
      log,
      release,
      onConnectError: () => client.destroy(),
      onConnected: (t) => t.forward(h.bytes),
    });
  });
}

/** The HTTP side of one transparent port: origin-form requests routed by their Host header. */
function hostRouter(core: ProxyCore, port: number): http.Server {
  const server = http.createServer(httpServerOptions(core.cfg));
  server.timeout = core.cfg.idleTimeoutMs;
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) =>
    routeByHost(core, port, req, res),
  );
  server.on('connect', (req: http.IncomingMessage, socket: net.Socket) =>
    refuseConnect(core, port, req, socket),
  );
  refuseUpgradesAndErrors(server, core.deps.log, 'http-host');
  return server;
}

/**
 * One origin-form request on a transparent port: its Host header is checked (form, port, policy) and then admitted
 * before anything is forwarded; every refusal is one line.
 */
function routeByHost(
  core: ProxyCore,
  port: number,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): void {
  const started = Date.now();
  const hostText = req.headers.host;
  const parts = hostText === undefined ? null : splitHostHeader(hostText);
  const base = {
    kind: 'http-host' as const,
    host: parts?.host ?? printable(hostText ?? '(none)'),
    port,
  };
  const refuse = (status: number, host: string, reason: ProxyReason, detail: string) =>
    refuseRequest(core, req, res, base, started, { status, host, reason, detail });
  if (!(req.url ?? '').startsWith('/')) {
    refuse(400, base.host, 'bad-request', 'a transparent HTTP port serves origin-form requests only');
    return;
  }
  if (hostText !== undefined && !parts) {
    refuse(400, base.host, 'invalid-host', `Host '${printable(hostText)}' is not host[:port]`);
    return;
  }
  if (parts?.port !== null && parts?.port !== undefined && parts.port !== port) {
    const detail = `Host names port ${parts.port}, the connection is to port ${port}`;
    refuse(403, parts.host, 'host-header-mismatch', detail);
    return;
  }
  const named = decideTransparentName(core.cfg.policy, parts?.host, port, 'host');
  if (!named.allow) {
    refuse(403, base.host, named.reason, named.detail);
    return;
  }
  const release = core.takeSlot();
  void core.admit(parts!.host, port).then((a) => {
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
      path: req.url!,
      hostHeader: hostText!,
      release,
    });
  });
}

/** A CONNECT sent to a transparent port is refused and logged: tunnels are served on the proxy port only. */
function refuseConnect(core: ProxyCore, port: number, req: http.IncomingMessage, socket: net.Socket): void {
  core.deps.log(
    instantRefusal(
      { kind: 'http-host', host: printable(req.url ?? ''), port },
      { reason: 'bad-request', detail: 'CONNECT is served on the proxy port only' },
    ),
  );
  socket.end('HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\n\r\n');
}

/** Listen on every allowed port of `address`; resolves once all of them are bound. */
export async function startTransparent(core: ProxyCore, address: string): Promise<TransparentListeners> {
  const servers: net.Server[] = [];
  const routers: http.Server[] = [];
  for (const port of core.cfg.policy.ports) {
    const router = hostRouter(core, port);
    routers.push(router);
    // Half-open like an http server's own sockets: a client may end its side and still read the answer.
    const server = net.createServer({ allowHalfOpen: true }, (socket) =>
      sniffConnection(core, port, router, socket),
    );
    server.maxConnections = core.cfg.maxConnections;
    servers.push(server);
    await listenOn(server, address, port);
  }
  return {
    ports: [...core.cfg.policy.ports],
    close() {
      for (const s of servers) s.close();
      for (const r of routers) r.closeAllConnections();
    },
  };
}

/**
 * One connection to a transparent port: its first byte decides whether it is TLS (routed by the ClientHello's
 * server name) or HTTP (handed to the port's Host router); anything else, or silence, is refused with one line.
 */
function sniffConnection(core: ProxyCore, port: number, router: http.Server, socket: net.Socket): void {
  const started = Date.now();
  socket.on('error', () => socket.destroy());
  const timer = setTimeout(() => {
    onceLog(
      core,
      'tls',
      port,
      started,
    )({
      decision: 'deny',
      reason: 'not-tls',
      detail: 'nothing was sent within 10 s',
    });
    socket.destroy();
  }, HELLO_TIMEOUT_MS);
  socket.once('close', () => clearTimeout(timer));
  socket.once('data', (first: Buffer) => {
    clearTimeout(timer);
    socket.pause();
    const protocol = transparentProtocol(port, first[0]!);
    if (protocol === 'tls') return transparentTls(core, socket, port, first, started);
    if (protocol === 'http') {
      socket.unshift(first);
      router.emit('connection', socket);
      socket.resume();
      return;
    }
    onceLog(
      core,
      port === 80 ? 'http-host' : 'tls',
      port,
      started,
    )({
      decision: 'deny',
      reason: port === 80 ? 'not-http' : 'not-tls',
      detail:
        port === 80 ? 'not HTTP on port 80' : `not TLS${port === 443 ? '' : ' or HTTP'} on port ${port}`,
    });
    socket.destroy();
  });
}

/** Bind `server` to `address:port`; rejects with the bind's error (the port taken, the address not ours). */
function listenOn(server: net.Server, address: string, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: address, port, backlog: 1024 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
