/**
 * Transparent mode without an engine: the pure decisions (DNS questions, names from SNI and Host), the DNS
 * responder's answers (messages made and read with dns-packet, the library the proxy uses), and the listeners on
 * loopback. The listeners sit on 127.0.0.2 at the upstreams' own port numbers; the upstreams are this test's
 * servers on 127.0.0.1, reached through the proxy's --add-host map. Each attack has its control next to it.
 */
import dns from 'node:dns';
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import dnsPacket from 'dns-packet';
import type { ProxyConfig } from '../../src/egress/config.js';
import { createProxyCore, makeLookup, type DecisionRecord } from '../../src/egress/core.js';
import { answerDns, startDnsResponder } from '../../src/egress/dns.js';
import {
  decideDnsQuestion,
  decideTransparentName,
  parseCidr,
  parseDomainRule,
  splitHostHeader,
  transparentProtocol,
  type EgressPolicy,
} from '../../src/egress/policy.js';
import { startTransparent } from '../../src/egress/transparent.js';
import { makeCerts, type TestCerts } from '../helpers/certs.js';

const policy = (over: Partial<EgressPolicy> = {}): EgressPolicy => ({
  mode: 'allowlist',
  domains: ['up.test', '*.wild.test'].map(parseDomainRule),
  ports: [443, 80],
  allowCidrs: [],
  ...over,
});

describe('DNS questions', () => {
  test.each<[string, string, string, object]>([
    ['up.test', 'A', 'IN', { answer: 'proxy-address', host: 'up.test' }],
    ['UP.Test.', 'A', 'IN', { answer: 'proxy-address', host: 'up.test' }],
    ['a.b.wild.test', 'A', 'IN', { answer: 'proxy-address', host: 'a.b.wild.test' }],
    ['up.test', 'AAAA', 'IN', { answer: 'empty' }],
    ['up.test', 'HTTPS' as string, 'IN', { answer: 'empty' }],
    ['up.test', 'A', 'CH', { answer: 'empty' }],
    ['wild.test', 'A', 'IN', { answer: 'nxdomain', reason: 'not-allowlisted' }],
    ['evil.test', 'A', 'IN', { answer: 'nxdomain', reason: 'not-allowlisted', host: 'evil.test' }],
    ['evil.test', 'AAAA', 'IN', { answer: 'nxdomain', reason: 'not-allowlisted' }],
    ['up.test.evil.test', 'A', 'IN', { answer: 'nxdomain', reason: 'not-allowlisted' }],
    ['10.0.0.1', 'A', 'IN', { answer: 'nxdomain', reason: 'ip-literal', host: '10.0.0.1' }],
    ['localhost', 'A', 'IN', { answer: 'nxdomain', reason: 'invalid-host' }],
    ['1.0.0.127.in-addr.arpa', 'PTR', 'IN', { answer: 'nxdomain', reason: 'not-allowlisted' }],
    ['bad\nname.test', 'A', 'IN', { answer: 'nxdomain', reason: 'invalid-host', host: 'bad?name.test' }],
  ])('%s %s %s', (name, type, klass, want) =>
    expect(decideDnsQuestion(policy(), name, type, klass)).toMatchObject(want),
  );

  test('audit mode would answer any public name (transparent mode is allowlist only)', () => {
    expect(decideDnsQuestion(policy({ mode: 'audit' }), 'evil.test', 'A', 'IN')).toMatchObject({
      answer: 'proxy-address',
    });
  });
});

describe('names of transparent connections', () => {
  const p = policy({ allowCidrs: [parseCidr('10.0.0.0/8')] });
  test.each<[string | null, 'sni' | 'host', number, object]>([
    ['up.test', 'sni', 443, { allow: true }],
    ['x.wild.test', 'host', 80, { allow: true }],
    [null, 'sni', 443, { allow: false, reason: 'sni-missing' }],
    ['', 'sni', 443, { allow: false, reason: 'sni-missing' }],
    [null, 'host', 80, { allow: false, reason: 'host-missing' }],
    // An address is refused even where --allow-cidr covers it: transparent mode routes by name only.
    ['10.1.2.3', 'sni', 443, { allow: false, reason: 'ip-literal' }],
    ['10.1.2.3', 'host', 80, { allow: false, reason: 'ip-literal' }],
    ['0x0a010203', 'host', 80, { allow: false, reason: 'ip-literal' }],
    ['[::ffff:10.1.2.3]', 'host', 80, { allow: false, reason: 'ip-literal' }],
    ['evil.test', 'sni', 443, { allow: false, reason: 'not-allowlisted' }],
    ['up.test', 'sni', 8443, { allow: false, reason: 'port-not-allowed' }],
    ['up test', 'host', 80, { allow: false, reason: 'invalid-host' }],
  ])('%j from %s on port %d', (name, from, port, want) =>
    expect(decideTransparentName(p, name, port, from)).toMatchObject(want),
  );

  test.each<[number, number, string | null]>([
    [443, 22, 'tls'],
    [443, 0x47, null], // plain HTTP on 443 is not TLS: refused
    [80, 0x47, 'http'],
    [80, 22, null], // TLS on 80 is not HTTP: refused
    [8443, 22, 'tls'],
    [8080, 0x50, 'http'],
    [8080, 0x00, null],
    [443, 0x53, null], // SSH's "SSH-" is neither
  ])('port %d, first byte %d → %s', (port, first, want) =>
    expect(transparentProtocol(port, first)).toBe(want),
  );

  test.each<[string, object | null]>([
    ['up.test', { host: 'up.test', port: null }],
    ['up.test:8080', { host: 'up.test', port: 8080 }],
    ['[::1]:80', { host: '[::1]', port: 80 }],
    ['up.test:80:80', null],
    ['user@up.test', { host: 'user@up.test', port: null }], // then refused as invalid-host
    ['', null],
  ])('Host %j', (text, want) => expect(splitHostHeader(text)).toEqual(want));
});

const PROXY = '10.9.8.7';
const query = (name: string, type: dnsPacket.RecordType = 'A', id = 4242) =>
  dnsPacket.encode({
    type: 'query',
    id,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type, name, class: 'IN' }],
  });

describe('DNS answers (dns-packet on both sides)', () => {
  test('a listed name gets the proxy address, authoritative, with the id and the question as asked', () => {
    const a = answerDns(policy(), PROXY, query('Up.Test'));
    const r = dnsPacket.decode(a.reply!);
    expect(r).toMatchObject({ id: 4242, type: 'response', flag_aa: true, flag_rd: true });
    expect((r as unknown as { rcode: string }).rcode).toBe('NOERROR');
    expect(r.questions).toEqual([{ name: 'Up.Test', type: 'A', class: 'IN' }]);
    expect(r.answers).toEqual([
      expect.objectContaining({ name: 'Up.Test', type: 'A', data: PROXY, ttl: 60 }),
    ]);
    expect(a.refusal).toBeNull();
  });

  test('AAAA of a listed name: an empty answer, no error (the sandbox has no IPv6)', () => {
    const r = dnsPacket.decode(answerDns(policy(), PROXY, query('up.test', 'AAAA')).reply!);
    expect((r as unknown as { rcode: string }).rcode).toBe('NOERROR');
    expect(r.answers).toEqual([]);
  });

  test('an unlisted name: NXDOMAIN, no address, and a refusal with the name (control: the listed one above)', () => {
    const a = answerDns(policy(), PROXY, query('exfil-data.evil.test', 'TXT'));
    const r = dnsPacket.decode(a.reply!);
    expect((r as unknown as { rcode: string }).rcode).toBe('NXDOMAIN');
    expect(r.answers).toEqual([]);
    expect(a.refusal).toEqual({
      host: 'exfil-data.evil.test',
      reason: 'not-allowlisted',
      detail: 'exfil-data.evil.test is not in the allowlist',
    });
  });

  test('malformed and odd messages', () => {
    expect(answerDns(policy(), PROXY, Buffer.from('short'))).toMatchObject({
      reply: null,
      refusal: { reason: 'bad-request' },
    });
    const garbage = Buffer.concat([query('up.test').subarray(0, 12), Buffer.from([0xc0, 0xff, 0, 1])]);
    const g = answerDns(policy(), PROXY, garbage);
    expect((dnsPacket.decode(g.reply!) as unknown as { rcode: string }).rcode).toBe('FORMERR');
    expect(g.refusal).toMatchObject({ reason: 'bad-request' });
    const two = dnsPacket.encode({
      type: 'query',
      id: 1,
      questions: [
        { type: 'A', name: 'up.test' },
        { type: 'A', name: 'evil.test' },
      ],
    });
    expect(
      (dnsPacket.decode(answerDns(policy(), PROXY, two).reply!) as unknown as { rcode: string }).rcode,
    ).toBe('FORMERR');
    // A response is never answered (no loops between resolvers).
    const resp = dnsPacket.encode({ type: 'response', id: 1, questions: [{ type: 'A', name: 'up.test' }] });
    expect(answerDns(policy(), PROXY, resp)).toEqual({ reply: null, refusal: null });
    // Another opcode (an UPDATE, opcode 5): NOTIMP.
    const update = Buffer.from(query('up.test'));
    update.writeUInt16BE(5 << 11, 2);
    expect(
      (dnsPacket.decode(answerDns(policy(), PROXY, update).reply!) as unknown as { rcode: string }).rcode,
    ).toBe('NOTIMP');
  });
});

describe('the DNS responder on loopback (UDP and TCP)', () => {
  let log: DecisionRecord[];
  let close: () => void;
  const port = 20000 + (process.pid % 20000);
  beforeAll(async () => {
    log = [];
    close = (await startDnsResponder(policy(), '127.0.0.2', (r) => log.push(r), port)).close;
  });
  afterAll(() => close());

  test("UDP: Node's resolver gets the proxy address for a listed name and NXDOMAIN for another", async () => {
    const r = new dns.promises.Resolver({ timeout: 2000, tries: 1 });
    r.setServers([`127.0.0.2:${port}`]);
    expect(await r.resolve4('up.test')).toEqual(['127.0.0.2']);
    await expect(r.resolve4('tunnel-abc123.evil.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(log).toEqual([
      expect.objectContaining({
        kind: 'dns',
        host: 'tunnel-abc123.evil.test',
        port: 53,
        decision: 'deny',
        reason: 'not-allowlisted',
      }),
    ]);
  });

  test('TCP: length-framed messages, two on one connection', async () => {
    const s = net.connect(port, '127.0.0.2');
    const frame = (b: Buffer) => Buffer.concat([Buffer.from([b.length >> 8, b.length & 255]), b]);
    s.write(Buffer.concat([frame(query('up.test', 'A', 1)), frame(query('evil.test', 'A', 2))]));
    let got = Buffer.alloc(0);
    const replies: dnsPacket.DecodedPacket[] = [];
    await new Promise<void>((resolve) =>
      s.on('data', (c: Buffer) => {
        got = Buffer.concat([got, c]);
        while (got.length >= 2 && got.length >= 2 + got.readUInt16BE(0)) {
          replies.push(dnsPacket.decode(got.subarray(2, 2 + got.readUInt16BE(0))));
          got = got.subarray(2 + got.readUInt16BE(0));
        }
        if (replies.length === 2) resolve();
      }),
    );
    s.destroy();
    expect(replies.map((r) => [r.id, (r as unknown as { rcode: string }).rcode])).toEqual([
      [1, 'NOERROR'],
      [2, 'NXDOMAIN'],
    ]);
    expect(replies[0]!.answers).toEqual([expect.objectContaining({ data: '127.0.0.2' })]);
  });
});

// ---- The listeners.
let certs: TestCerts;
let httpUp: http.Server;
let tlsUp: tls.Server;
let httpPort: number;
let tlsPort: number;
const upstreamSaw: string[] = [];
const listen = (s: net.Server) =>
  new Promise<number>((r) => s.listen(0, '127.0.0.1', () => r((s.address() as net.AddressInfo).port)));

beforeAll(async () => {
  certs = makeCerts(['up.test', 'other.test']);
  httpUp = http.createServer((req, res) => {
    upstreamSaw.push(`http ${req.headers.host} ${req.url}`);
    res.end(`hello ${req.url} host=${req.headers.host}\n`);
  });
  tlsUp = tls.createServer({ key: certs.key, cert: certs.cert }, (s) => {
    upstreamSaw.push(`tls ${(s as tls.TLSSocket & { servername?: string }).servername}`);
    s.on('error', () => undefined);
    s.end('tls-hello\n');
  });
  [httpPort, tlsPort] = await Promise.all([listen(httpUp), listen(tlsUp)]);
});
afterAll(() => {
  httpUp.closeAllConnections();
  httpUp.close();
  tlsUp.close();
});

async function transparent(over: Partial<ProxyConfig> & { cidrs?: string[] } = {}) {
  const cfg: ProxyConfig = {
    policy: policy({
      ports: [httpPort, tlsPort],
      allowCidrs: (over.cidrs ?? ['127.0.0.0/8']).map(parseCidr),
    }),
    hosts: { 'up.test': ['127.0.0.1'], 'other.test': ['127.0.0.1'] },
    dnsServers: [],
    listenSubnet: null,
    transparent: true,
    port: 0,
    maxHeaderBytes: 16 * 1024,
    maxConnections: 512,
    idleTimeoutMs: 30_000,
    maxTotalBytes: null,
    ...over,
  };
  const log: DecisionRecord[] = [];
  const lookups: string[] = [];
  const base = makeLookup(cfg);
  const core = createProxyCore(cfg, {
    log: (r) => log.push(r),
    lookup: async (n) => {
      lookups.push(n);
      return base(n);
    },
  });
  const l = await startTransparent(core, '127.0.0.2');
  return {
    log,
    lookups,
    close() {
      l.close();
      core.shutdown();
    },
  };
}

const until = async (f: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!f() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
};

/** TLS straight to the transparent listener (no CONNECT, no proxy variables) with the given server name. */
function tlsDirect(servername: string | undefined): Promise<string> {
  return new Promise((resolve) => {
    const t = tls.connect({
      host: '127.0.0.2',
      port: tlsPort,
      ...(servername ? { servername } : {}),
      ca: certs.ca,
      rejectUnauthorized: false,
    });
    let got = '';
    t.on('data', (c: Buffer) => (got += c.toString()));
    t.on('error', (e) => resolve(`error ${e.message}`));
    t.on('close', () => resolve(got || 'closed'));
  });
}

/** Raw bytes straight to the transparent HTTP listener; what came back once the answer went quiet. */
function httpDirect(raw: string): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect(httpPort, '127.0.0.2', () => s.write(raw));
    let got = '';
    let quiet: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(quiet);
      s.destroy();
      resolve(got);
    };
    s.on('data', (c: Buffer) => {
      got += c.toString();
      clearTimeout(quiet);
      quiet = setTimeout(done, 300);
    });
    s.on('error', done);
    s.on('close', done);
  });
}

describe('transparent TLS: the server name is the destination', () => {
  test('a listed SNI goes through to the name it names (resolved by the proxy, address checked)', async () => {
    const h = await transparent();
    expect(await tlsDirect('up.test')).toBe('tls-hello\n');
    await until(() => h.log.length > 0);
    expect(h.log[0]).toMatchObject({ kind: 'tls', host: 'up.test', address: '127.0.0.1', decision: 'allow' });
    expect(h.log[0]!.bytesUp).toBeGreaterThan(100);
    expect(h.lookups).toEqual(['up.test']);
    h.close();
  });

  test.each([
    ['an unlisted (forged) server name', 'evil.test', 'not-allowlisted'],
    ['no server name', undefined, 'sni-missing'],
  ])('%s is refused before a byte reaches any upstream, and never resolved', async (_, sni, reason) => {
    const h = await transparent();
    const before = upstreamSaw.length;
    expect(await tlsDirect(sni)).not.toContain('tls-hello');
    await until(() => h.log.length > 0);
    expect(h.log[0]).toMatchObject({ kind: 'tls', decision: 'deny', reason });
    expect(h.lookups).toEqual([]);
    expect(upstreamSaw.length).toBe(before);
    h.close();
  });

  test('DNS rebinding: a listed SNI that resolves to loopback is refused without --allow-cidr (control above)', async () => {
    const h = await transparent({ cidrs: [] });
    expect(await tlsDirect('up.test')).not.toContain('tls-hello');
    await until(() => h.log.length > 0);
    expect(h.log[0]).toMatchObject({ decision: 'deny', reason: 'special-address' });
    h.close();
  });
});

describe('transparent HTTP: every request is routed by its Host header', () => {
  test('a listed Host is served; every request on the kept-alive connection is checked', async () => {
    const h = await transparent();
    const got = await httpDirect(
      `GET /one HTTP/1.1\r\nHost: up.test:${httpPort}\r\n\r\nGET /two HTTP/1.1\r\nHost: evil.test\r\nConnection: close\r\n\r\n`,
    );
    expect(got).toContain(`hello /one host=up.test:${httpPort}`);
    expect(got).toMatch(/403 Forbidden[\s\S]*not-allowlisted/);
    expect(got).not.toContain('hello /two');
    await until(() => h.log.length === 2);
    // Lines are written when an exchange ends: the refusal at once, the allowed one when its response has gone.
    expect(h.log.map((l) => [l.kind, l.decision, l.reason]).sort()).toEqual([
      ['http-host', 'allow', 'allowed'],
      ['http-host', 'deny', 'not-allowlisted'],
    ]);
    h.close();
  });

  test.each([
    ['no Host header', 'GET / HTTP/1.0\r\n\r\n', 'host-missing'],
    [
      'a Host that is an address (--allow-cidr covers it)',
      'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      'ip-literal',
    ],
    ['a Host naming another port', 'GET / HTTP/1.1\r\nHost: up.test:1\r\n\r\n', 'host-header-mismatch'],
    ['an absolute-form request', 'GET http://up.test/ HTTP/1.1\r\nHost: up.test\r\n\r\n', 'bad-request'],
  ])('%s is refused and reaches no upstream', async (_, raw, reason) => {
    const h = await transparent();
    const before = upstreamSaw.length;
    const got = await httpDirect(raw);
    expect(got).toMatch(/^HTTP\/1\.[01] 4\d\d/);
    await until(() => h.log.length > 0);
    expect(h.log[0]).toMatchObject({ kind: 'http-host', decision: 'deny', reason });
    expect(upstreamSaw.length).toBe(before);
    expect(h.lookups).toEqual([]);
    h.close();
  });

  test('bytes that are neither TLS nor HTTP are refused', async () => {
    const h = await transparent();
    await httpDirect('\x00\x01binary');
    await until(() => h.log.length > 0);
    expect(h.log[0]).toMatchObject({ decision: 'deny', reason: 'not-tls' });
    h.close();
  });
});
