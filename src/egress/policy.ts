/**
 * The egress proxy's policy: pure functions from a request (host, port, resolved addresses, TLS server name) to a
 * decision with a reason. The proxy server only plumbs bytes and logs these decisions.
 *
 * Host text is canonicalised by Node's WHATWG URL host parser (no hand-written parsing): it turns every textual
 * form of an IPv4 address (dotted, decimal, hex, octal, short) and of IPv6 into one canonical form, lowercases and
 * punycodes names, and rejects what is not a host. Address ranges are checked with net.BlockList, which also
 * matches IPv4-mapped IPv6 addresses against IPv4 ranges.
 */
import net from 'node:net';
import { InputError } from '../config/errors.js';

export type DomainRule = { kind: 'exact'; name: string } | { kind: 'suffix'; suffix: string };

export interface Cidr {
  text: string;
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

export interface EgressPolicy {
  /** allowlist: only listed names. audit: any public destination, recorded. */
  mode: 'allowlist' | 'audit';
  domains: DomainRule[];
  ports: number[];
  allowCidrs: Cidr[];
}

export type Target =
  { kind: 'name'; name: string } | { kind: 'ip'; address: string; family: 'ipv4' | 'ipv6' };

export type DenyReason =
  | 'invalid-host'
  | 'port-not-allowed'
  | 'not-allowlisted'
  | 'ip-literal'
  | 'special-address'
  | 'no-address'
  | 'sni-mismatch'
  | 'sni-missing'
  | 'host-header-mismatch'
  | 'host-missing';

export type Decision = { allow: true; reason: string } | { allow: false; reason: DenyReason; detail: string };

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

/** Canonical host, or null when the text is not a host. Brackets around IPv6 are optional on input. */
export function canonicalHost(text: string): Target | null {
  const raw = text.trim();
  // Only characters a host can have; this also keeps the URL parser from reading a path, user info or port.
  if (raw === '' || raw.length > 255 || !/^[A-Za-z0-9.\-_:[\]]+$/.test(raw)) return null;
  const bracketed = raw.startsWith('[') ? raw : net.isIPv6(raw) ? `[${raw}]` : raw;
  if (!bracketed.startsWith('[') && bracketed.includes(':')) return null;
  let host: string;
  try {
    host = new URL(`http://${bracketed}/`).hostname;
  } catch {
    return null;
  }
  if (host.startsWith('[')) {
    const address = host.slice(1, -1);
    const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address);
    if (mapped) {
      // IPv4-mapped IPv6 is an IPv4 address: judge it as one.
      const hi = parseInt(mapped[1]!, 16);
      const lo = parseInt(mapped[2]!, 16);
      return { kind: 'ip', address: `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, family: 'ipv4' };
    }
    return { kind: 'ip', address, family: 'ipv6' };
  }
  if (net.isIPv4(host)) return { kind: 'ip', address: host, family: 'ipv4' };
  const name = host.replace(/\.$/, '');
  if (name.length === 0 || name.length > 253) return null;
  const labels = name.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  // A name whose last label is all digits is neither a name nor an address.
  if (/^\d+$/.test(labels[labels.length - 1]!)) return null;
  return { kind: 'name', name };
}

/** `github.com` or `*.githubusercontent.com` (the wildcard is one whole first label and never matches the parent). */
export function parseDomainRule(text: string): DomainRule {
  const t = text.trim();
  if (t.startsWith('*.')) {
    const rest = canonicalHost(t.slice(2));
    if (rest?.kind !== 'name')
      throw new InputError('--allow-domain', `'${text}' is not *.name with a valid name`);
    return { kind: 'suffix', suffix: rest.name };
  }
  const h = canonicalHost(t);
  if (h?.kind !== 'name') {
    throw new InputError(
      '--allow-domain',
      `'${text}' is not a host name like github.com or *.githubusercontent.com`,
    );
  }
  return { kind: 'exact', name: h.name };
}

export function matchesRule(name: string, rule: DomainRule): boolean {
  return rule.kind === 'exact' ? name === rule.name : name.endsWith(`.${rule.suffix}`);
}

export function parseCidr(text: string): Cidr {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text.trim());
  const family = m ? (net.isIPv4(m[1]!) ? 'ipv4' : net.isIPv6(m[1]!) ? 'ipv6' : null) : null;
  const prefix = m ? Number(m[2]) : -1;
  if (!m || !family || prefix > (family === 'ipv4' ? 32 : 128)) {
    throw new InputError('--allow-cidr', `'${text}' is not a CIDR like 10.1.0.0/16 or fd00::/8`);
  }
  return { text: text.trim(), address: m[1]!, prefix, family };
}

/** Address classes the proxy never connects to unless an --allow-cidr covers the address. */
const SPECIAL: [string, string, number, 'ipv4' | 'ipv6'][] = [
  ['unspecified', '0.0.0.0', 8, 'ipv4'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['cgnat', '100.64.0.0', 10, 'ipv4'],
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['link-local', '169.254.0.0', 16, 'ipv4'], // 169.254.169.254: cloud metadata
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['reserved', '192.0.0.0', 24, 'ipv4'],
  ['documentation', '192.0.2.0', 24, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['benchmarking', '198.18.0.0', 15, 'ipv4'],
  ['documentation', '198.51.100.0', 24, 'ipv4'],
  ['documentation', '203.0.113.0', 24, 'ipv4'],
  ['multicast', '224.0.0.0', 4, 'ipv4'],
  ['reserved', '240.0.0.0', 4, 'ipv4'], // and 255.255.255.255
  ['metadata', '168.63.129.16', 32, 'ipv4'], // Azure's host endpoint, used by GitHub's runners
  ['unspecified', '::', 128, 'ipv6'],
  ['loopback', '::1', 128, 'ipv6'],
  ['ipv4-compatible', '::', 96, 'ipv6'],
  ['nat64', '64:ff9b::', 96, 'ipv6'],
  ['nat64', '64:ff9b:1::', 48, 'ipv6'],
  ['discard', '100::', 64, 'ipv6'],
  ['teredo', '2001::', 32, 'ipv6'],
  ['documentation', '2001:db8::', 32, 'ipv6'],
  ['6to4', '2002::', 16, 'ipv6'],
  ['private', 'fc00::', 7, 'ipv6'],
  ['link-local', 'fe80::', 10, 'ipv6'],
  ['site-local', 'fec0::', 10, 'ipv6'],
  ['multicast', 'ff00::', 8, 'ipv6'],
];
const specialLists = SPECIAL.map(([name, addr, prefix, family]) => {
  const b = new net.BlockList();
  b.addSubnet(addr, prefix, family);
  return { name, b };
});

/** The special class of an address ('loopback', 'private', …), or null for a public address. */
export function specialClass(address: string): string | null {
  const family = net.isIPv4(address) ? 'ipv4' : net.isIPv6(address) ? 'ipv6' : null;
  if (!family) return 'invalid';
  for (const { name, b } of specialLists) if (b.check(address, family)) return name;
  return null;
}

function inAllowedCidr(policy: EgressPolicy, address: string): boolean {
  const family = net.isIPv4(address) ? 'ipv4' : 'ipv6';
  return policy.allowCidrs.some((c) => {
    const b = new net.BlockList();
    b.addSubnet(c.address, c.prefix, c.family);
    return b.check(address, family);
  });
}

/** Before any lookup: may this host and port be resolved and connected to at all? */
export function decideTarget(policy: EgressPolicy, hostText: string, port: number): Decision {
  const t = canonicalHost(hostText);
  if (!t)
    return { allow: false, reason: 'invalid-host', detail: `'${hostText.slice(0, 100)}' is not a host` };
  if (!policy.ports.includes(port)) {
    return {
      allow: false,
      reason: 'port-not-allowed',
      detail: `port ${port} is not in ${policy.ports.join(', ')}`,
    };
  }
  if (t.kind === 'ip') {
    return inAllowedCidr(policy, t.address)
      ? { allow: true, reason: `address ${t.address} is in --allow-cidr` }
      : { allow: false, reason: 'ip-literal', detail: `${t.address} is an address, not a listed name` };
  }
  const rule = policy.domains.find((r) => matchesRule(t.name, r));
  if (rule)
    return {
      allow: true,
      reason: rule.kind === 'exact' ? `listed: ${rule.name}` : `listed: *.${rule.suffix}`,
    };
  if (policy.mode === 'audit') return { allow: true, reason: 'audit mode: any public destination' };
  return { allow: false, reason: 'not-allowlisted', detail: `${t.name} is not in the allowlist` };
}

/**
 * After the proxy's own lookup: refuse when ANY answer is special (DNS rebinding), unless --allow-cidr covers it.
 * Returns the address to connect to: the one that was checked (the proxy never looks up twice).
 */
export function decideAddresses(
  policy: EgressPolicy,
  name: string,
  addresses: string[],
): Decision & { address?: string } {
  if (addresses.length === 0) return { allow: false, reason: 'no-address', detail: `${name} has no address` };
  for (const a of addresses) {
    const cls = specialClass(a);
    if (cls !== null && !inAllowedCidr(policy, a)) {
      return { allow: false, reason: 'special-address', detail: `${name} resolves to ${a} (${cls})` };
    }
  }
  return { allow: true, reason: `resolved to ${addresses[0]}`, address: addresses[0]! };
}

/** In a CONNECT tunnel the TLS server name must be the CONNECT host itself. */
export function decideSni(connectHost: string, sni: string | null): Decision {
  if (sni === null || sni === '')
    return { allow: false, reason: 'sni-missing', detail: 'the TLS ClientHello names no server' };
  const a = canonicalHost(connectHost);
  const b = canonicalHost(sni);
  if (a && b && a.kind === 'name' && b.kind === 'name' && a.name === b.name)
    return { allow: true, reason: 'sni matches' };
  return {
    allow: false,
    reason: 'sni-mismatch',
    detail: `TLS names '${sni.slice(0, 100)}', CONNECT named '${connectHost}'`,
  };
}

/** For absolute-form HTTP requests: the Host header, when present, must name the same host as the URI. */
export function decideHostHeader(uriHost: string, hostHeader: string | undefined): Decision {
  if (hostHeader === undefined) return { allow: true, reason: 'no Host header' };
  const strip = (h: string) => h.replace(/:\d+$/, '');
  const a = canonicalHost(strip(uriHost));
  const b = canonicalHost(strip(hostHeader));
  const same =
    a &&
    b &&
    (a.kind === 'name' ? b.kind === 'name' && a.name === b.name : b.kind === 'ip' && a.address === b.address);
  return same
    ? { allow: true, reason: 'Host header matches' }
    : {
        allow: false,
        reason: 'host-header-mismatch',
        detail: `Host '${hostHeader.slice(0, 100)}' is not '${uriHost}'`,
      };
}

// ---- Transparent mode (`--egress transparent`): names come from DNS questions, TLS server names and Host headers.

/** What the proxy's DNS responder answers: its own address, an empty answer, or NXDOMAIN (a recorded refusal). */
export type DnsDecision =
  | { answer: 'proxy-address'; host: string }
  | { answer: 'empty'; host: string }
  | { answer: 'nxdomain'; host: string; reason: DenyReason; detail: string };

/** Printable ASCII of at most 100 characters, for names the policy could not read (they go into the ledger). */
export function printable(text: string): string {
  return text.slice(0, 100).replace(/[^\x21-\x7e]/g, '?');
}

/**
 * A DNS question from the sandbox. A listed name (any public name in audit mode) gets the proxy's own address
 * for A and an empty answer for every other type (AAAA included: the sandbox has no IPv6); anything else gets
 * NXDOMAIN. The port is not known yet: it is checked when the connection arrives. Nothing is resolved here.
 */
export function decideDnsQuestion(
  policy: EgressPolicy,
  name: string,
  type: string,
  klass: string,
): DnsDecision {
  const t = canonicalHost(name);
  if (!t) {
    return {
      answer: 'nxdomain',
      host: printable(name),
      reason: 'invalid-host',
      detail: `'${printable(name)}' is not a host name`,
    };
  }
  if (t.kind === 'ip') {
    return {
      answer: 'nxdomain',
      host: t.address,
      reason: 'ip-literal',
      detail: `${t.address} is an address, not a listed name`,
    };
  }
  const listed = policy.domains.some((r) => matchesRule(t.name, r)) || policy.mode === 'audit';
  if (!listed) {
    return {
      answer: 'nxdomain',
      host: t.name,
      reason: 'not-allowlisted',
      detail: `${t.name} is not in the allowlist`,
    };
  }
  return { answer: type === 'A' && klass === 'IN' ? 'proxy-address' : 'empty', host: t.name };
}

/**
 * A transparent connection names its destination only by the TLS server name (SNI) or the Host header. It must be
 * a name (an address, even one --allow-cidr covers, is refused: transparent mode routes by name), then passes the
 * same checks as a CONNECT target.
 */
export function decideTransparentName(
  policy: EgressPolicy,
  name: string | null | undefined,
  port: number,
  from: 'sni' | 'host',
): Decision {
  if (name === null || name === undefined || name === '') {
    return from === 'sni'
      ? { allow: false, reason: 'sni-missing', detail: 'the TLS ClientHello names no server' }
      : { allow: false, reason: 'host-missing', detail: 'the request has no Host header' };
  }
  const t = canonicalHost(name);
  if (t?.kind === 'ip') {
    return {
      allow: false,
      reason: 'ip-literal',
      detail: `${from === 'sni' ? 'the TLS server name' : 'Host'} ${t.address} is an address; transparent mode routes by name`,
    };
  }
  return decideTarget(policy, name, port);
}

/** The protocol of a transparent connection, from its port and its first byte; null when it is neither. */
export function transparentProtocol(port: number, firstByte: number): 'tls' | 'http' | null {
  const tls = firstByte === 22; // a TLS handshake record
  const http = firstByte >= 0x41 && firstByte <= 0x5a; // a request line starts with an upper-case method
  if (port === 443) return tls ? 'tls' : null;
  if (port === 80) return http ? 'http' : null;
  return tls ? 'tls' : http ? 'http' : null;
}

/** `name`, `name:port` or `[v6]:port` of a Host header (the port is null when absent); null when malformed. */
export function splitHostHeader(text: string): { host: string; port: number | null } | null {
  const m = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(text.trim());
  if (!m) return null;
  return { host: m[1]!, port: m[2] === undefined ? null : Number(m[2]) };
}
