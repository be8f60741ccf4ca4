/**
 * The proxy's configuration: written by the runner, read by the proxy from SANDBOX_EGRESS_CONFIG (JSON). Rules
 * travel as the text the user gave and are parsed again by the proxy with the same pure parsers.
 */
import { InputError } from '../config/errors.js';
import net from 'node:net';
import { parseCidr, parseDomainRule, type EgressPolicy } from './policy.js';

export const PROXY_PORT = 3128;
/** Transparent mode's DNS port on the proxy's internal address. */
export const DNS_PORT = 53;
export const CONFIG_ENV = 'SANDBOX_EGRESS_CONFIG';

export interface ProxyConfigText {
  mode: 'allowlist' | 'audit';
  domains: string[];
  ports: number[];
  allowCidrs: string[];
  /** --add-host: name → addresses, used by the proxy's resolver instead of DNS. */
  hosts: Record<string, string[]>;
  /** Resolvers the proxy asks (empty: the system resolver of its container). */
  dnsServers: string[];
  /** The proxy listens only on its address inside this subnet (the sandbox's internal network). */
  listenSubnet: string | null;
  /**
   * Transparent mode: the proxy also answers DNS (UDP and TCP 53) and listens on every allowed port of its
   * internal address, routing by TLS server name or Host header. Allowlist mode only.
   */
  transparent: boolean;
  port: number;
  maxHeaderBytes: number;
  maxConnections: number;
  idleTimeoutMs: number;
  /** Total bytes (both directions) the run may move through the proxy; null for no cap. */
  maxTotalBytes: number | null;
  /** --secret-route: `/NAME/…` forwarded to https://HOST:PORT/… with `header: value` (src/egress/routes.ts). */
  routes?: ProxyRoute[];
}

export interface ProxyRoute {
  name: string;
  host: string;
  port: number;
  header: string;
  value: string;
  /** Extra certificate authorities (PEM) for this upstream; null: the system's. */
  ca: string | null;
}

export interface ProxyConfig extends Omit<
  ProxyConfigText,
  'mode' | 'domains' | 'allowCidrs' | 'ports' | 'routes'
> {
  policy: EgressPolicy;
  routes?: ProxyRoute[];
}

export const PROXY_DEFAULTS = {
  port: PROXY_PORT,
  maxHeaderBytes: 16 * 1024,
  maxConnections: 512,
  idleTimeoutMs: 120_000,
} as const;

function fail(what: string): never {
  throw new InputError(CONFIG_ENV, what);
}

/** A list of strings, or the failure naming `name`. */
function strings(v: unknown, name: string): string[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) fail(`${name} is not a list of strings`);
  return v as string[];
}

/** An integer from `min` to `max`, or the failure naming `name`. */
function int(v: unknown, name: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(`${name} is out of range`);
  return v;
}

/** --add-host's map: every name's value a list of IP addresses. */
function parseHosts(raw: ProxyConfigText['hosts'] | undefined): Record<string, string[]> {
  const hosts: Record<string, string[]> = {};
  for (const [name, addrs] of Object.entries(raw ?? {})) {
    const list = strings(addrs, `hosts.${name}`);
    if (!list.every((a) => net.isIP(a) !== 0)) fail(`hosts.${name} has an address that is not an IP`);
    hosts[name] = list;
  }
  return hosts;
}

/** The secret routes (none when absent), each field checked in the order they are listed. */
function parseRoutes(raw: ProxyConfigText['routes']): ProxyRoute[] {
  return (Array.isArray(raw) ? raw : raw === undefined ? [] : fail('routes')).map(
    (r: Partial<ProxyRoute> | null, i) => {
      if (typeof r !== 'object' || r === null || Array.isArray(r)) fail(`routes[${i}] is not an object`);
      const str = (v: unknown, name: string) =>
        typeof v === 'string' && v.length > 0 ? v : fail(`routes[${i}].${name} is not a string`);
      return {
        name: str(r.name, 'name'),
        host: str(r.host, 'host'),
        port: int(r.port, `routes[${i}].port`, 1, 65535),
        header: str(r.header, 'header'),
        value: str(r.value, 'value'),
        ca: r.ca === null || r.ca === undefined ? null : str(r.ca, 'ca'),
      };
    },
  );
}

/** Parse and check the configuration text (throws one line naming what is wrong). */
export function parseProxyConfig(text: string): ProxyConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    fail('is not JSON');
  }
  if (typeof raw !== 'object' || raw === null) fail('is not an object');
  const c = raw as Partial<ProxyConfigText>;
  if (c.mode !== 'allowlist' && c.mode !== 'audit') fail('mode is not allowlist or audit');
  const ports = Array.isArray(c.ports) ? c.ports.map((p) => int(p, 'ports', 1, 65535)) : fail('ports');
  const hosts = parseHosts(c.hosts);
  const transparent = c.transparent ?? false;
  if (typeof transparent !== 'boolean') fail('transparent is not true or false');
  if (transparent && c.mode !== 'allowlist') fail('transparent needs mode allowlist');
  if (transparent && ports.some((p) => p === DNS_PORT || p === c.port)) {
    fail(`transparent: ports must not include ${DNS_PORT} (DNS) or the proxy port`);
  }
  const routes = parseRoutes(c.routes);
  const dnsServers = strings(c.dnsServers ?? [], 'dnsServers');
  if (!dnsServers.every((a) => net.isIP(a) !== 0)) fail('dnsServers has an address that is not an IP');
  return {
    policy: {
      mode: c.mode,
      domains: strings(c.domains, 'domains').map(parseDomainRule),
      ports,
      allowCidrs: strings(c.allowCidrs, 'allowCidrs').map(parseCidr),
    },
    hosts,
    dnsServers,
    routes,
    listenSubnet: c.listenSubnet ? parseCidr(c.listenSubnet).text : null,
    transparent,
    port: int(c.port, 'port', 1, 65535),
    maxHeaderBytes: int(c.maxHeaderBytes, 'maxHeaderBytes', 1024, 1024 * 1024),
    maxConnections: int(c.maxConnections, 'maxConnections', 1, 65536),
    idleTimeoutMs: int(c.idleTimeoutMs, 'idleTimeoutMs', 100, 24 * 3600_000),
    maxTotalBytes:
      c.maxTotalBytes === null || c.maxTotalBytes === undefined
        ? null
        : int(c.maxTotalBytes, 'maxTotalBytes', 1, Number.MAX_SAFE_INTEGER),
  };
}
