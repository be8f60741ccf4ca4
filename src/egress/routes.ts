/**
 * Secret routes (`--secret-route`): the sandbox asks the proxy itself for `/NAME/PATH` (origin-form, or
 * absolute-form naming the proxy's own address), and the proxy sends `PATH` to the route's fixed HTTPS upstream,
 * its certificate checked against the route's host, with the route's header set to the secret (whatever the
 * sandbox sent under that name is dropped). The upstream is the route's, whatever the request says: neither its
 * path, its Host header nor anything else can point it at another host. Every other request goes through the
 * policy as before. The route's host's addresses are checked like any other (private ones need --allow-cidr).
 */
import { errorMessage } from '../config/errors.js';
import http from 'node:http';
import https from 'node:https';
import type { ProxyRoute } from './config.js';
import type { ProxyCore } from './core.js';
import { HOP_BY_HOP } from './http-forward.js';
import { decideAddresses } from './policy.js';
import { decisionRecord, type DecisionFields } from './record.js';

/** A route's request gets its own Host: the client's is dropped with the hop-by-hop headers. */
const REQUEST_DROPPED = [...HOP_BY_HOP, 'host'];

/** Which route a request line asks for, and the path to send upstream (pure). null: not a route request. */
export function matchRoute(
  routes: ProxyRoute[],
  url: string,
  self: string[],
): { route: ProxyRoute; path: string } | { unknown: string } | null {
  let rest: string;
  if (url.startsWith('/')) rest = url;
  else {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return null;
    }
    // Absolute-form to the proxy's own address (a client that sends every request through its proxy variables).
    if (u.protocol !== 'http:' || !self.includes(u.host)) return null;
    rest = `${u.pathname}${u.search}`;
  }
  const m = /^\/([^/?#]*)(.*)$/s.exec(rest);
  const name = m?.[1] ?? '';
  const route = routes.find((r) => r.name === name);
  if (!route) return { unknown: name.slice(0, 64) };
  const tail = m![2]!;
  const path = tail.startsWith('/') ? tail : tail.startsWith('?') ? `/${tail}` : '/';
  // The path goes upstream as a path only: no scheme, no authority, nothing that is not a printable byte.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f]/.test(path) || path.startsWith('//')) return { unknown: name };
  return { route, path };
}

/**
 * A request on a secret route: the host's addresses are checked by the policy, the request goes to the route's
 * upstream over TLS with the secret header added (the sandbox's own copy of that header dropped), and the answer
 * comes back. One ledger line when the exchange ends.
 */
export function serveRoute(
  core: ProxyCore,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  m: { route: ProxyRoute; path: string },
): void {
  const { route } = m;
  const x: RouteExchange = {
    core,
    req,
    res,
    route,
    path: m.path,
    started: Date.now(),
    up: 0,
    down: 0,
    logged: false,
  };
  if (core.capReached()) return refuse(x, 403, 'byte-cap', 'the run used its egress byte cap');
  const release = core.takeSlot();
  res.on('close', release);
  void core.deps.lookup(route.host).then(
    (addresses) => {
      const a = decideAddresses(core.cfg.policy, route.host, addresses);
      if (!a.allow) return refuse(x, 403, a.reason, a.detail);
      forward(x, a.address!);
    },
    (err: unknown) => refuse(x, 502, 'resolve-failed', errorMessage(err)),
  );
}

interface RouteExchange {
  core: ProxyCore;
  req: http.IncomingMessage;
  res: http.ServerResponse;
  route: ProxyRoute;
  path: string;
  started: number;
  up: number;
  down: number;
  logged: boolean;
}

/** The exchange's one ledger line (the first call wins). */
function log(
  x: RouteExchange,
  decision: 'allow' | 'deny',
  reason: string,
  extra: Pick<DecisionFields, 'address' | 'detail' | 'error'> = {},
) {
  if (x.logged) return;
  x.logged = true;
  const at = { kind: 'http' as const, host: x.route.host, port: x.route.port, started: x.started };
  x.core.deps.log(decisionRecord(at, { decision, reason, bytesUp: x.up, bytesDown: x.down, ...extra }));
}

function refuse(x: RouteExchange, status: number, reason: string, detail: string): void {
  log(x, 'deny', reason, { detail });
  x.req.resume();
  x.res.writeHead(status, { 'content-type': 'text/plain' });
  x.res.end(`sandbox-action egress: ${reason}: ${detail}\n`);
}

/** The request's headers upstream: hop-by-hop ones and the sandbox's own copy of the secret header dropped. */
function upstreamHeaders(req: http.IncomingMessage, route: ProxyRoute): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (!REQUEST_DROPPED.includes(k) && k !== route.header) headers[k] = v;
  }
  headers.host = route.port === 443 ? route.host : `${route.host}:${route.port}`;
  headers[route.header] = route.value;
  return headers;
}

function forward(x: RouteExchange, address: string): void {
  const { core, req, res, route } = x;
  const upstream = https.request({
    host: address,
    port: route.port,
    servername: route.host,
    method: req.method,
    path: x.path,
    headers: upstreamHeaders(req, route),
    agent: false,
    ...(route.ca ? { ca: route.ca } : {}),
    timeout: core.cfg.idleTimeoutMs,
  });
  const entry = {
    destroy: (why: string) => {
      upstream.destroy(new Error(why));
      res.destroy();
    },
    bytes: () => x.up + x.down,
  };
  core.live(entry);
  res.on('close', () => {
    core.end(entry);
    log(x, 'allow', 'secret-route', { address, detail: route.name });
  });
  req.on('data', (c: Buffer) => (x.up += c.length));
  req.pipe(upstream);
  upstream.on('timeout', () => entry.destroy('idle-timeout'));
  upstream.on('error', (err) => {
    if (!res.headersSent) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      // The upstream's own words may name the certificate: never the secret (it is not in an error).
      res.end(`sandbox-action egress: ${route.host} could not be reached: ${err.message}\n`);
    } else res.destroy();
  });
  upstream.on('response', (r) => {
    const back = Object.fromEntries(Object.entries(r.headers).filter(([k]) => !HOP_BY_HOP.includes(k)));
    res.writeHead(r.statusCode ?? 502, r.statusMessage, back);
    r.on('data', (c: Buffer) => (x.down += c.length));
    r.pipe(res);
  });
}
