/**
 * One HTTP request forwarded to a checked upstream address (absolute-form through the proxy variables, and
 * origin-form on a transparent HTTP port). Hop-by-hop headers are dropped both ways; the one decision line is
 * written when the response ends.
 */
import http from 'node:http';
import type net from 'node:net';
import type { ProxyConfig } from './config.js';
import type { DecisionRecord, LiveExchange, ProxyCore, ProxyReason } from './core.js';
import { decisionRecord, instantRefusal, type RecordOrigin } from './record.js';

/** The headers of one hop (RFC 9110 7.6.1, and the proxy's own): never forwarded, either way. */
export const HOP_BY_HOP = [
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

/** A request as first read: what its ledger line names before anything is decided. */
export interface RequestBase {
  kind: DecisionRecord['kind'];
  host: string;
  port: number;
}

/** A request's origin for its ledger line (its base was read when it arrived, at `started`). */
export function originOf(base: RequestBase, started: number): RecordOrigin {
  return { kind: base.kind, host: base.host, port: base.port, started };
}

/** Refuse a request: log the line and answer with a short text body (the connection stays usable). */
export function refuseRequest(
  core: ProxyCore,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  base: RequestBase,
  started: number,
  r: { status: number; host: string; reason: ProxyReason; detail: string },
): void {
  core.deps.log(
    decisionRecord(originOf(base, started), {
      host: r.host,
      decision: 'deny',
      reason: r.reason,
      detail: r.detail,
    }),
  );
  req.resume();
  res.writeHead(r.status, { 'content-type': 'text/plain', connection: 'keep-alive' });
  res.end(`sandbox-action egress: ${r.reason}: ${r.detail}\n`);
}

export interface ForwardOptions {
  base: RequestBase;
  started: number;
  /** The admitted host and the address that was checked. */
  host: string;
  address: string;
  port: number;
  /** Path and query for the upstream's request line. */
  path: string;
  /** The Host header the upstream gets. */
  hostHeader: string;
  release(): void;
}

/** What one forwarded request's listeners share: the bytes each way, the first error, whether its line is written. */
interface ForwardTally {
  up: number;
  down: number;
  error: string | undefined;
  logged: boolean;
}

/**
 * Forward one admitted request to its checked address and relay the answer. The exchange is live (the byte cap and
 * shutdown can cut it) until the response closes or the upstream fails; whichever comes first writes the one line.
 */
export function forwardRequest(
  core: ProxyCore,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  o: ForwardOptions,
): void {
  const t: ForwardTally = { up: 0, down: 0, error: undefined, logged: false };
  // A client that left while its name was admitted has closed already ('close' will not come again): no upstream
  // request is made, and the line is written (and the slot given back) now, not after an idle timeout.
  if (req.socket.destroyed) {
    t.error = 'the client left before the upstream was reached';
    logForwarded(core, o, t, { destroy: () => undefined, bytes: () => 0 });
    return;
  }
  const headers = withoutHopByHop(req.headers);
  headers.host = o.hostHeader;
  const log = () => logForwarded(core, o, t, entry);
  const upstream = http.request({
    host: o.address,
    port: o.port,
    method: req.method,
    path: o.path,
    headers,
    agent: false,
    setHost: false,
    timeout: core.cfg.idleTimeoutMs,
  });
  const entry: LiveExchange = {
    destroy(why: string) {
      t.error ??= why;
      upstream.destroy();
      res.destroy();
    },
    bytes: () => t.up + t.down,
  };
  core.live(entry);
  req.on('data', (c: Buffer) => {
    t.up += c.length;
    if (core.capped) core.enforceCap();
  });
  req.pipe(upstream);
  upstream.on('timeout', () => entry.destroy('idle-timeout'));
  upstream.on('error', (err) => {
    t.error ??= `upstream: ${err.message}`;
    if (!res.headersSent) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`sandbox-action egress: ${o.host} could not be reached\n`);
    } else res.destroy();
    log();
  });
  upstream.on('response', (r) => relayResponse(core, res, r, t, entry));
  res.on('close', log);
}

/** End the exchange and write its one allow line; only the first call counts (the close, or the upstream's error). */
function logForwarded(core: ProxyCore, o: ForwardOptions, t: ForwardTally, entry: LiveExchange): void {
  if (t.logged) return;
  t.logged = true;
  core.end(entry);
  o.release();
  core.deps.log(
    decisionRecord(originOf(o.base, o.started), {
      host: o.host,
      address: o.address,
      decision: 'allow',
      reason: 'allowed',
      ...(t.error ? { error: t.error } : {}),
      bytesUp: t.up,
      bytesDown: t.down,
    }),
  );
}

/** Relay the upstream's answer to the client, its bytes counted against the run's cap as they come. */
function relayResponse(
  core: ProxyCore,
  res: http.ServerResponse,
  r: http.IncomingMessage,
  t: ForwardTally,
  entry: LiveExchange,
): void {
  res.writeHead(r.statusCode ?? 502, r.statusMessage, withoutHopByHop(r.headers));
  r.on('data', (c: Buffer) => {
    t.down += c.length;
    if (core.capped) core.enforceCap();
  });
  r.pipe(res);
  r.on('error', () => entry.destroy('upstream reset'));
}

/** The http server's options for every listener of the proxy that speaks HTTP. */
export function httpServerOptions(cfg: ProxyConfig): http.ServerOptions {
  return {
    maxHeaderSize: cfg.maxHeaderBytes,
    headersTimeout: 30_000,
    requestTimeout: 0,
    keepAliveTimeout: Math.min(cfg.idleTimeoutMs, 60_000),
  };
}

/** Refuse protocol upgrades (WebSocket, h2c) and answer malformed requests, on any HTTP listener. */
export function refuseUpgradesAndErrors(
  server: http.Server,
  log: (r: DecisionRecord) => void,
  kind: DecisionRecord['kind'],
): void {
  server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket) => {
    log(
      instantRefusal(
        { kind, host: (req.url ?? '').slice(0, 100), port: 0 },
        { reason: 'bad-request', detail: 'protocol upgrades are not served' },
      ),
    );
    socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: net.Socket) => {
    if (socket.writable) {
      const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`);
    } else socket.destroy();
  });
}
