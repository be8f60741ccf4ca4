/**
 * The proxy server on loopback (no engine): each case is an attack or a use, and the decision log is checked.
 * Upstreams are this test's own HTTP and TLS servers on 127.0.0.1; names reach them through the proxy's
 * --add-host map, and 127.0.0.0/8 is allowed by --allow-cidr only where the case says so.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readClientHello } from '../../src/egress/client-hello.js';
import type { ProxyConfig } from '../../src/egress/config.js';
import { parseCidr, parseDomainRule } from '../../src/egress/policy.js';
import { ReadBuffers } from '../../src/egress/read-buffers.js';
import { readHello } from '../../src/egress/tunnel.js';
import { createProxyServer, makeLookup, type DecisionRecord } from '../../src/egress/server.js';
import { makeCerts, type TestCerts } from '../helpers/certs.js';

let certs: TestCerts;
let httpUp: http.Server;
let tlsUp: tls.Server;
let httpPort: number;
let tlsPort: number;
let sinkPort: number;
let sink: net.Server;
const sinkBytes: Buffer[] = [];

/** 12 MiB that differ per seed and per position, so a mixed-up or overwritten chunk changes the digest. */
const patterns = new Map<number, Buffer>();
function pattern(seed: number): Buffer {
  let p = patterns.get(seed);
  if (!p) {
    const key = crypto.createHash('sha256').update(`seed ${seed}`).digest();
    const c = crypto.createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
    p = c.update(Buffer.alloc(12 * 1024 * 1024));
    patterns.set(seed, p);
  }
  return p;
}
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

function listen(s: net.Server): Promise<number> {
  return new Promise((r) => s.listen(0, '127.0.0.1', () => r((s.address() as net.AddressInfo).port)));
}

beforeAll(async () => {
  certs = makeCerts(['up.test', 'other.test']);
  httpUp = http.createServer((req, res) => {
    let n = 0;
    req.on('data', (c: Buffer) => (n += c.length));
    req.on('end', () => {
      res.setHeader('content-type', 'text/plain');
      res.end(`hello ${req.method} ${req.url} host=${req.headers.host} body=${n}\n`);
    });
  });
  tlsUp = tls.createServer({ key: certs.key, cert: certs.cert }, (s) => {
    tlsSockets.add(s);
    s.on('close', () => tlsSockets.delete(s));
    s.once('data', (c: Buffer) => {
      // "big": 8 MiB, for the byte cap; anything else: a greeting.
      if (c.toString() === 'big') s.end(Buffer.alloc(8 * 1024 * 1024, 1));
      else if (c.toString().startsWith('pattern ')) s.end(pattern(Number(c.toString().slice(8))));
      else s.end('tls-hello\n');
    });
    s.on('error', () => undefined);
  });
  sink = net.createServer((s) => {
    sinkSockets.add(s);
    s.on('data', (c: Buffer) => sinkBytes.push(c));
  });
  [httpPort, tlsPort, sinkPort] = await Promise.all([listen(httpUp), listen(tlsUp), listen(sink)]);
});
const sinkSockets = new Set<net.Socket>();
const tlsSockets = new Set<net.Socket>();
afterAll(() => {
  for (const s of tlsSockets) s.destroy();
  httpUp.closeAllConnections();
  httpUp.close();
  tlsUp.close();
  for (const s of sinkSockets) s.destroy();
  sink.close();
});

interface Harness {
  port: number;
  log: DecisionRecord[];
  lookups: string[];
  close(): Promise<void>;
}

async function proxy(
  over: Partial<ProxyConfig> & {
    domains?: string[];
    cidrs?: string[];
    audit?: boolean;
    /** Each name lookup answers this much later (a slow resolver). */
    lookupDelayMs?: number;
  } = {},
  buffers?: ReadBuffers,
): Promise<Harness> {
  const cfg: ProxyConfig = {
    policy: {
      mode: over.audit ? 'audit' : 'allowlist',
      domains: (over.domains ?? ['up.test', '*.wild.test']).map(parseDomainRule),
      ports: [httpPort, tlsPort, sinkPort],
      allowCidrs: (over.cidrs ?? ['127.0.0.0/8']).map(parseCidr),
    },
    hosts: { 'up.test': ['127.0.0.1'], 'a.wild.test': ['127.0.0.1'], 'other.test': ['127.0.0.1'] },
    dnsServers: [],
    listenSubnet: null,
    transparent: false,
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
  const p = createProxyServer(cfg, {
    log: (r) => log.push(r),
    lookup: async (n) => {
      lookups.push(n);
      if (over.lookupDelayMs) await new Promise((r) => setTimeout(r, over.lookupDelayMs));
      return base(n);
    },
    ...(buffers ? { buffers } : {}),
  });
  const port = await listen(p.server);
  return {
    port,
    log,
    lookups,
    close: () =>
      new Promise((r) => {
        p.shutdown();
        p.server.close(() => r());
      }),
  };
}

/** An absolute-form request through the proxy. */
function viaProxy(
  h: Harness,
  url: string,
  o: { host?: string; agent?: http.Agent; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port: h.port,
      path: url,
      method: o.body ? 'POST' : 'GET',
      agent: o.agent ?? false,
      setHost: false,
      headers: {
        host: o.host ?? (url.startsWith('http://') ? new URL(url).host : 'proxy'),
        ...(o.headers ?? {}),
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

/** CONNECT through the proxy; resolves with the status line and the raw socket. */
function connect(
  h: Harness,
  authority: string,
): Promise<{ status: number; socket: net.Socket; rest: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port: h.port,
      method: 'CONNECT',
      path: authority,
      agent: false,
    });
    req.on('connect', (res, socket, head) =>
      resolve({ status: res.statusCode ?? 0, socket, rest: head.toString() }),
    );
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, socket: res.socket, rest: body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** TLS over a CONNECT tunnel with the given SNI; resolves with what the upstream sent, or the error. */
function tlsThrough(h: Harness, authority: string, servername: string | undefined): Promise<string> {
  return connect(h, authority).then(
    ({ status, socket }) =>
      new Promise((resolve) => {
        if (status !== 200) return resolve(`status ${status}`);
        const t = tls.connect({
          socket,
          ...(servername ? { servername } : {}),
          ca: certs.ca,
          rejectUnauthorized: false,
        });
        t.on('secureConnect', () => t.write('hi'));
        let got = '';
        t.on('data', (c: Buffer) => (got += c.toString()));
        t.on('end', () => resolve(got));
        t.on('error', (e) => resolve(`error ${e.message}`));
        t.on('close', () => resolve(got || 'closed'));
      }),
  );
}

const until = async (f: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!f() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
};

/** The first bytes Node's TLS client sends for `servername`. */
async function helloFor(servername?: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const s = net.createServer((c) => {
      c.once('data', (d: Buffer) => {
        resolve(d);
        c.destroy();
        s.close();
      });
    });
    s.listen(0, '127.0.0.1', () => {
      const t = tls.connect({
        port: (s.address() as net.AddressInfo).port,
        host: '127.0.0.1',
        ...(servername ? { servername } : {}),
        rejectUnauthorized: false,
      });
      t.on('error', () => undefined);
    });
  });
}

describe('absolute-form HTTP', () => {
  test('a listed name is served, logged with bytes, and resolved through --add-host', async () => {
    const h = await proxy();
    const r = await viaProxy(h, `http://up.test:${httpPort}/x?y=1`, { body: 'abc' });
    expect(r.status).toBe(200);
    expect(r.body).toBe(`hello POST /x?y=1 host=up.test:${httpPort} body=3\n`);
    await until(() => h.log.length > 0);
    expect(h.log[0]).toMatchObject({
      kind: 'http',
      host: 'up.test',
      address: '127.0.0.1',
      decision: 'allow',
      bytesUp: 3,
    });
    expect(h.log[0]!.bytesDown).toBe(r.body.length);
    await h.close();
  });

  test.each([
    ['an unlisted name', `http://evil.test:PORT/`, 'not-allowlisted'],
    ['the bare parent of a wildcard', `http://wild.test:PORT/`, 'not-allowlisted'],
    ['a dotted IP literal', `http://127.0.0.1:PORT/`, 'ip-literal'],
    ['a decimal IP literal', `http://2130706433:PORT/`, 'ip-literal'],
    ['a hex IP literal', `http://0x7f000001:PORT/`, 'ip-literal'],
    ['an octal IP literal', `http://0177.0.0.1:PORT/`, 'ip-literal'],
    ['an IPv6 literal', `http://[::1]:PORT/`, 'ip-literal'],
    ['an IPv4-mapped IPv6 literal', `http://[::ffff:127.0.0.1]:PORT/`, 'ip-literal'],
    ['a port not listed', `http://up.test:1/`, 'port-not-allowed'],
  ])('%s is refused with 403 and never resolved', async (_, url, reason) => {
    const h = await proxy({ cidrs: [] });
    const r = await viaProxy(h, url.replace('PORT', String(httpPort)));
    expect(r.status).toBe(403);
    expect(r.body).toContain(reason);
    expect(h.lookups).toEqual([]);
    expect(h.log).toMatchObject([{ decision: 'deny', reason }]);
    await h.close();
  });

  test('control: the same IP literal passes when --allow-cidr covers it', async () => {
    const h = await proxy({ cidrs: ['127.0.0.0/8'] });
    expect((await viaProxy(h, `http://0x7f000001:${httpPort}/`)).status).toBe(200);
    await h.close();
  });

  test('DNS rebinding: a listed name resolving to loopback is refused without --allow-cidr', async () => {
    const h = await proxy({ cidrs: [] });
    const r = await viaProxy(h, `http://up.test:${httpPort}/`);
    expect(r.status).toBe(403);
    expect(h.log[0]).toMatchObject({ decision: 'deny', reason: 'special-address' });
    expect(h.log[0]!.detail).toContain('127.0.0.1 (loopback)');
    await h.close();
  });

  test('a Host header naming another host is refused', async () => {
    const h = await proxy();
    const r = await viaProxy(h, `http://up.test:${httpPort}/`, { host: 'evil.test' });
    expect(r.status).toBe(403);
    expect(h.log[0]).toMatchObject({ reason: 'host-header-mismatch' });
    await h.close();
  });

  test('every request on a kept-alive connection is checked, not only the first', async () => {
    const h = await proxy();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<net.Socket>();
    agent.on('free', (s: net.Socket) => sockets.add(s));
    const first = await viaProxy(h, `http://up.test:${httpPort}/`, { agent });
    const second = await viaProxy(h, `http://evil.test:${httpPort}/`, { agent });
    expect(first.status).toBe(200);
    expect(second.status).toBe(403);
    expect(sockets.size).toBe(1); // one connection carried both
    expect(h.log.map((l) => l.decision)).toEqual(['allow', 'deny']);
    agent.destroy();
    await h.close();
  });

  test('an origin-form request to the proxy itself is a bad request', async () => {
    const h = await proxy();
    expect((await viaProxy(h, '/')).status).toBe(400);
    await h.close();
  });

  test.each([
    ['over the limit', 8000, 'HTTP/1.1 431 Request Header Fields Too Large'],
    ['control: under the limit', 2000, 'HTTP/1.1 200 OK'],
  ])('oversized headers are refused (431) before any decision: %s', async (_, size, statusLine) => {
    const h = await proxy({ maxHeaderBytes: 4096 });
    // One write on a raw socket, read to the end: the status line the proxy sent, whatever the client library
    // would make of a connection closed early.
    const got = await new Promise<string>((resolve, reject) => {
      const s = net.connect(h.port, '127.0.0.1');
      let text = '';
      s.on('data', (c: Buffer) => (text += c.toString()));
      s.on('close', () => resolve(text));
      s.on('error', reject);
      s.write(
        `GET http://up.test:${httpPort}/ HTTP/1.1\r\nHost: up.test:${httpPort}\r\nX-Big: ${'a'.repeat(size)}\r\nConnection: close\r\n\r\n`,
      );
    });
    expect(got.split('\r\n')[0]).toBe(statusLine);
    await until(() => h.log.length > 0, size > 4096 ? 200 : 3000);
    expect(h.log.map((l) => l.decision)).toEqual(size > 4096 ? [] : ['allow']);
    await h.close();
  });
});

describe('CONNECT tunnels', () => {
  test('TLS with the CONNECT host as SNI goes through', async () => {
    const h = await proxy();
    expect(await tlsThrough(h, `up.test:${tlsPort}`, 'up.test')).toBe('tls-hello\n');
    await until(() => h.log.length > 0);
    expect(h.log[0]).toMatchObject({ kind: 'connect', host: 'up.test', decision: 'allow' });
    expect(h.log[0]!.bytesUp).toBeGreaterThan(100);
    expect(h.log[0]!.bytesDown).toBeGreaterThan(100);
    await h.close();
  });

  test('an SNI naming another host closes the tunnel before a byte reaches the upstream', async () => {
    const h = await proxy({ domains: ['up.test'] });
    const before = sinkBytes.length;
    const got = await tlsThrough(h, `up.test:${sinkPort}`, 'other.test');
    expect(got).not.toContain('tls-hello');
    await until(() => h.log.length > 0);
    expect(h.log[0]).toMatchObject({ decision: 'deny', reason: 'sni-mismatch' });
    expect(sinkBytes.length).toBe(before);
    // Control: with the matching SNI the same sink receives the hello.
    const { status, socket } = await connect(h, `up.test:${sinkPort}`);
    expect(status).toBe(200);
    const t = tls.connect({ socket, servername: 'up.test', rejectUnauthorized: false });
    t.on('error', () => undefined);
    await until(() => sinkBytes.length > before);
    expect(sinkBytes.length).toBeGreaterThan(before);
    t.destroy();
    await h.close();
  });

  test('a ClientHello without SNI closes the tunnel', async () => {
    const h = await proxy();
    await tlsThrough(h, `up.test:${tlsPort}`, undefined);
    await until(() => h.log.length > 0);
    expect(h.log[0]).toMatchObject({ decision: 'deny', reason: 'sni-missing' });
    await h.close();
  });

  test('plain bytes in a tunnel are not TLS and close it', async () => {
    const h = await proxy();
    const before = sinkBytes.length;
    const { status, socket } = await connect(h, `up.test:${sinkPort}`);
    expect(status).toBe(200);
    socket.write('GET / HTTP/1.1\r\nHost: evil.test\r\n\r\n');
    await new Promise((r) => socket.on('close', r));
    expect(h.log[0]).toMatchObject({ decision: 'deny', reason: 'not-tls' });
    expect(sinkBytes.length).toBe(before);
    await h.close();
  });

  test.each([
    ['evil.test:PORT', 403, 'not-allowlisted'],
    ['127.0.0.1:PORT', 403, 'ip-literal'],
    ['[::ffff:7f00:1]:PORT', 403, 'ip-literal'],
    ['up.test:1', 403, 'port-not-allowed'],
    ['up.test', 400, 'bad-request'],
    ['a..b.test:443', 403, 'invalid-host'],
  ])('CONNECT %s is refused (%i, %s) and never resolved', async (auth, status, reason) => {
    const h = await proxy({ cidrs: [] });
    const r = await connect(h, auth.replace('PORT', String(tlsPort)));
    expect(r.status).toBe(status);
    expect(r.rest).toContain(`sandbox-action egress: ${reason}:`);
    expect(h.lookups).toEqual([]);
    expect(h.log).toMatchObject([{ decision: 'deny', reason }]);
    await h.close();
  });

  test('200 concurrent tunnels complete', async () => {
    const h = await proxy();
    const got = await Promise.all(
      Array.from({ length: 200 }, () => tlsThrough(h, `up.test:${tlsPort}`, 'up.test')),
    );
    expect(got.filter((g) => g === 'tls-hello\n')).toHaveLength(200);
    await until(() => h.log.length === 200);
    expect(h.log.every((l) => l.decision === 'allow')).toBe(true);
    await h.close();
    // A limit for a loaded 2-core machine (200 TLS handshakes), not a speed target: that lives in bench/.
  }, 60_000);

  test('more tunnels than --max-connections are refused, not queued', async () => {
    const h = await proxy({ maxConnections: 2 });
    const held = await Promise.all([connect(h, `up.test:${sinkPort}`), connect(h, `up.test:${sinkPort}`)]);
    try {
      // Exactly the limit is served.
      expect(held.map((c) => c.status)).toEqual([200, 200]);
      const third = await connect(h, `up.test:${sinkPort}`);
      expect(third.status).toBe(403);
      expect(h.log.at(-1)).toMatchObject({ reason: 'too-many-connections' });
    } finally {
      for (const c of held) c.socket.destroy();
      await h.close();
    }
  });

  // Attack: hold the proxy's connection slots by leaving while each name is being decided. A client gone before
  // admission ends gets no upstream connection, and its slot is free at once (not after the idle timeout).
  const LEFT = 'the client left before the upstream was reached';
  test.each([
    [
      'absolute-form HTTP',
      // (functions: the upstreams' ports are known only once beforeAll has run)
      () => `GET http://up.test:${sinkPort}/x HTTP/1.1\r\nHost: up.test:${sinkPort}\r\n\r\n`,
      // Admitted, and nothing was forwarded: the allow line says why.
      { decision: 'allow', reason: 'allowed', error: LEFT, bytesUp: 0, bytesDown: 0 },
    ],
    [
      'CONNECT',
      () => `CONNECT up.test:${sinkPort} HTTP/1.1\r\nHost: up.test:${sinkPort}\r\n\r\n`,
      // No ClientHello can come from a client that ended its side: refused as a tunnel that is not TLS.
      { decision: 'deny', reason: 'not-tls', detail: LEFT, bytesUp: 0, bytesDown: 0 },
    ],
    [
      'CONNECT with bytes that are not a hello',
      () => `CONNECT up.test:${sinkPort} HTTP/1.1\r\nHost: up.test:${sinkPort}\r\n\r\n\x00`,
      { decision: 'deny', reason: 'not-tls', detail: LEFT, bytesUp: 0, bytesDown: 0 },
    ],
  ])(
    '%s: a client that leaves during admission holds no slot and reaches no upstream',
    async (_, request, line) => {
      const h = await proxy({ maxConnections: 1, lookupDelayMs: 300 });
      try {
        const upstreamsBefore = sinkSockets.size;
        const gone = net.connect(h.port, '127.0.0.1');
        await new Promise((r) => gone.once('connect', r));
        gone.write(request());
        await until(() => h.lookups.length === 1);
        gone.destroy();
        // The one line of the exchange comes once admission ends (not after a timeout), and says the client left.
        await until(() => h.log.length === 1, 2000);
        expect(h.log).toEqual([expect.objectContaining({ host: 'up.test', ...line })]);
        await new Promise((r) => setTimeout(r, 100));
        expect(sinkSockets.size).toBe(upstreamsBefore);
        // The only slot is free again: a request now is served, not refused as too many connections.
        const next = await viaProxy(h, `http://up.test:${httpPort}/after`);
        expect(next.status).toBe(200);
      } finally {
        await h.close();
      }
    },
  );

  test('control: a client that sends its whole ClientHello with the CONNECT and then ends its side is served', async () => {
    const h = await proxy({ lookupDelayMs: 300 });
    try {
      const hello = await helloFor('up.test');
      const c = net.connect(h.port, '127.0.0.1');
      await new Promise((r) => c.once('connect', r));
      c.end(
        Buffer.concat([Buffer.from(`CONNECT up.test:${tlsPort} HTTP/1.1\r\nHost: up.test\r\n\r\n`), hello]),
      );
      const got: Buffer[] = [];
      c.on('data', (d: Buffer) => got.push(d));
      await new Promise((r) => c.once('close', r));
      const text = Buffer.concat(got);
      expect(text.toString('latin1')).toMatch(/^HTTP\/1\.1 200 Connection Established\r\n\r\n/);
      // The upstream's answer (its TLS ServerHello, record type 22) came back through the tunnel.
      expect(text.length).toBeGreaterThan(40);
      expect(text[text.indexOf('\r\n\r\n') + 4]).toBe(22);
      await until(() => h.log.length === 1);
      expect(h.log).toEqual([
        expect.objectContaining({ host: 'up.test', decision: 'allow', reason: 'allowed' }),
      ]);
    } finally {
      await h.close();
    }
  });

  test('the byte cap cuts the exchange that crosses it and refuses the ones after', async () => {
    const h = await proxy({ maxTotalBytes: 1 });
    const first = await viaProxy(h, `http://up.test:${httpPort}/`).catch((e: Error) => ({
      status: -1,
      body: e.message,
    }));
    expect(first.body).not.toMatch(/^hello GET \/ .*\n$/);
    await until(() => h.log.length > 0);
    expect(h.log[0]).toMatchObject({ decision: 'allow', error: 'byte-cap' });
    const second = await viaProxy(h, `http://up.test:${httpPort}/`);
    expect(second.status).toBe(403);
    expect(h.log.at(-1)).toMatchObject({ decision: 'deny', reason: 'byte-cap' });
    await h.close();
  });

  test('the byte cap also cuts a tunnel (sampled from the socket counters)', async () => {
    const h = await proxy({ maxTotalBytes: 1024 * 1024 });
    const { status, socket } = await connect(h, `up.test:${tlsPort}`);
    expect(status).toBe(200);
    const got = await new Promise<number>((resolve) => {
      const t = tls.connect({ socket, servername: 'up.test', rejectUnauthorized: false });
      let n = 0;
      t.on('secureConnect', () => t.write('big'));
      t.on('data', (c: Buffer) => (n += c.length));
      t.on('error', () => undefined);
      t.on('close', () => resolve(n));
    });
    // The upstream sends 8 MiB; the read that crosses 1 MiB (TLS framing and the handshake count too) is dropped.
    expect(got).toBeGreaterThan(0);
    expect(got).toBeLessThanOrEqual(1024 * 1024);
    await until(() => h.log.length > 0);
    expect(h.log[0]).toMatchObject({ decision: 'allow', error: 'byte-cap' });
    const again = await connect(h, `up.test:${tlsPort}`);
    expect(again.status).toBe(403);
    await h.close();
  });

  test.each([
    ['lent buffers', 64],
    ['two lent, the rest through the shared buffer', 2],
  ])(
    'four tunnels at once, read slowly, each get exactly their own bytes (%s)',
    async (_, maxLent) => {
      const buffers = new ReadBuffers(1024 * 1024, maxLent);
      const h = await proxy({}, buffers);
      const open: net.Socket[] = [];
      const fetch = async (seed: number) => {
        const { status, socket } = await connect(h, `up.test:${tlsPort}`);
        open.push(socket);
        expect(status).toBe(200);
        return new Promise<Buffer>((resolve, reject) => {
          const t = tls.connect({ socket, servername: 'up.test', ca: certs.ca, rejectUnauthorized: false });
          const parts: Buffer[] = [];
          let n = 0;
          t.on('secureConnect', () => t.write(`pattern ${seed}`));
          t.on('data', (c: Buffer) => {
            parts.push(c);
            // A pause every MiB keeps the proxy's writes waiting (its reads pile up behind the client).
            if (Math.floor((n + c.length) / (1 << 20)) > Math.floor(n / (1 << 20))) {
              t.pause();
              setTimeout(() => t.resume(), 5);
            }
            n += c.length;
          });
          t.on('end', () => resolve(Buffer.concat(parts)));
          t.on('error', reject);
        });
      };
      try {
        // A mixed-up byte fails TLS's record check (an error here) or the digest below.
        const got = await Promise.all([1, 2, 3, 4].map(fetch));
        got.forEach((b, i) => {
          expect(b.length).toBe(12 * 1024 * 1024);
          expect(sha(b)).toBe(sha(pattern(i + 1)));
        });
      } finally {
        for (const s of open) s.destroy();
        await h.close();
      }
      await until(() => buffers.out === 0);
      expect(buffers.out).toBe(0);
    },
    30_000,
  );

  test('tunnels cut in the middle of a download give every buffer back', async () => {
    const buffers = new ReadBuffers(1024 * 1024, 64);
    const h = await proxy({}, buffers);
    const cut = async (seed: number) => {
      const { status, socket } = await connect(h, `up.test:${tlsPort}`);
      expect(status).toBe(200);
      await new Promise<void>((resolve) => {
        const t = tls.connect({ socket, servername: 'up.test', ca: certs.ca, rejectUnauthorized: false });
        t.on('secureConnect', () => t.write(`pattern ${seed}`));
        let n = 0;
        t.on('data', (c: Buffer) => {
          n += c.length;
          if (n > 2 * 1024 * 1024) {
            t.pause(); // the proxy's writes are left pending, then the tunnel is cut
            setTimeout(() => socket.destroy(), 50);
          }
        });
        t.on('error', () => undefined);
        t.on('close', () => resolve());
        socket.on('close', () => resolve()); // Node 18: a paused TLS socket may not close with its transport
      });
    };
    await Promise.all([5, 6, 7].map(cut));
    await until(() => h.log.length >= 3 && buffers.out === 0);
    expect(buffers.out).toBe(0);
    await h.close();
  });

  test('an idle tunnel is closed after the idle timeout', async () => {
    const h = await proxy({ idleTimeoutMs: 300 });
    const { status, socket } = await connect(h, `up.test:${sinkPort}`);
    expect(status).toBe(200);
    const t0 = Date.now();
    await new Promise((r) => socket.on('close', r));
    expect(Date.now() - t0).toBeLessThan(5000);
    await h.close();
  });
});

describe('audit mode', () => {
  test('an unlisted name passes and is recorded; special addresses stay refused', async () => {
    const h = await proxy({ audit: true, domains: [], cidrs: [] });
    // other.test maps to loopback: refused even in audit mode.
    const r = await viaProxy(h, `http://other.test:${httpPort}/`);
    expect(r.status).toBe(403);
    expect(h.log[0]).toMatchObject({ reason: 'special-address' });
    await h.close();
    const h2 = await proxy({ audit: true, domains: [], cidrs: ['127.0.0.0/8'] });
    expect((await viaProxy(h2, `http://other.test:${httpPort}/`)).status).toBe(200);
    await until(() => h2.log.length > 0);
    expect(h2.log[0]).toMatchObject({ decision: 'allow', host: 'other.test' });
    await h2.close();
  });
});

describe('ClientHello reader', () => {
  test('readHello on a socket whose client had already ended its side, hello unfinished: closed at once', async () => {
    const hello = await helloFor('up.test');
    // Half-open, as the proxy's sockets are (http.Server's, and the transparent listener's): no 'close' follows 'end'.
    const server = net.createServer({ allowHalfOpen: true });
    const port = await listen(server);
    const sockets: net.Socket[] = [];
    try {
      const accepted = new Promise<net.Socket>((r) => server.once('connection', r));
      const c = net.connect(port, '127.0.0.1');
      sockets.push(c);
      c.end(hello.subarray(0, 20));
      const s = await accepted;
      sockets.push(s);
      // The server side reads the 20 bytes and the end before anyone asks for the hello (as a CONNECT's head).
      const head = await new Promise<Buffer>((r) => {
        const got: Buffer[] = [];
        s.on('data', (d: Buffer) => got.push(d));
        s.once('end', () => r(Buffer.concat(got)));
      });
      s.removeAllListeners('data');
      expect(s.readableEnded).toBe(true);
      // 'end' will not come again: without looking at readableEnded the read would wait out its timeout.
      expect(await readHello(s, head, 1000)).toEqual({ state: 'closed' });
    } finally {
      for (const x of sockets) x.destroy();
      server.close();
    }
  });

  test('reads the server name of a real ClientHello, whole and byte by byte', async () => {
    const hello = await helloFor('api.github.com');
    expect(readClientHello(hello)).toEqual({ state: 'done', sni: 'api.github.com' });
    for (let i = 1; i < hello.length; i += 37)
      expect(readClientHello(hello.subarray(0, i)).state).toBe('need-more');
  });

  test('a hello split over two TLS records is read', async () => {
    const hello = await helloFor('a.b.test');
    const body = hello.subarray(5);
    const rec = (b: Buffer) => Buffer.concat([Buffer.from([22, 3, 1, b.length >> 8, b.length & 255]), b]);
    const split = Buffer.concat([rec(body.subarray(0, 40)), rec(body.subarray(40))]);
    expect(readClientHello(split)).toEqual({ state: 'done', sni: 'a.b.test' });
  });

  test('no SNI is reported as null', async () => {
    expect(readClientHello(await helloFor())).toEqual({ state: 'done', sni: null });
  });

  test.each([
    ['plain HTTP', Buffer.from('GET / HTTP/1.1\r\n\r\n')],
    ['SSLv2-style', Buffer.from([0x80, 0x2e, 0x01, 0x03, 0x01])],
    ['a record of version 2', Buffer.from([22, 2, 0, 0, 5, 1, 0, 0, 1, 0])],
    ['a zero-length record', Buffer.from([22, 3, 1, 0, 0])],
    ['a ServerHello', Buffer.from([22, 3, 3, 0, 4, 2, 0, 0, 0])],
    ['a truncated body', Buffer.from([22, 3, 1, 0, 6, 1, 0, 0, 2, 3, 3])],
  ])('%s is not a ClientHello', (_, b) => {
    expect(readClientHello(b).state).toBe('not-tls');
  });

  test('two host names in one server_name extension are refused', async () => {
    const hello = await helloFor('x.test');
    // Rebuild: find "x.test" and append a second host_name entry by rewriting the lengths.
    const i = hello.indexOf('x.test');
    const entry = Buffer.concat([Buffer.from([0, 0, 6]), Buffer.from('y.test')]);
    const patched = Buffer.concat([hello.subarray(0, i + 6), entry, hello.subarray(i + 6)]);
    const bump = (off: number, n: number, width: 2 | 3) =>
      width === 2
        ? patched.writeUInt16BE(patched.readUInt16BE(off) + n, off)
        : patched.writeUIntBE(patched.readUIntBE(off, 3) + n, off, 3);
    bump(3, 9, 2); // record length
    bump(6, 9, 3); // handshake length
    bump(i - 5, 9, 2); // server name list length
    bump(i - 7, 9, 2); // extension data length
    // extensions total length: walk from the start of the body
    const sidLen = patched[5 + 4 + 34]!;
    let off = 5 + 4 + 35 + sidLen;
    off += 2 + patched.readUInt16BE(off);
    off += 1 + patched[off]!;
    bump(off, 9, 2);
    expect(readClientHello(patched)).toMatchObject({ state: 'not-tls' });
  });
});

describe("ReadBuffers (the tunnels' read buffers)", () => {
  test.each([
    ['an empty read', 0],
    ['a small read (a fresh copy)', 100],
    ['just under the recycled size', 64 * 1024 - 1],
    ['a large read (a recycled copy)', 64 * 1024],
    ['a whole buffer', 1024 * 1024],
  ])('%s from the shared buffer is a copy: reading into it again changes nothing', (_, n) => {
    const pool = new ReadBuffers(1024 * 1024, 0);
    const src = pool.next();
    expect(src).toBe(pool.shared);
    src.set(crypto.randomBytes(src.length));
    const want = Buffer.from(src.subarray(0, n));
    const { chunk, done } = pool.take(src, n);
    src.fill(0);
    expect(chunk.equals(want)).toBe(true);
    done();
  });

  test('a lent buffer is handed over without a copy and lent again only after its write is done', () => {
    const pool = new ReadBuffers(1024, 4, 4);
    const a = pool.next();
    expect(a).not.toBe(pool.shared);
    a.fill(1);
    const t = pool.take(a, 10);
    expect(t.chunk.buffer).toBe(a.buffer);
    const b = pool.next();
    expect(b).not.toBe(a);
    expect(pool.out).toBe(2);
    t.done();
    t.done(); // twice: still one buffer back
    expect(pool.out).toBe(1);
    expect(pool.next()).toBe(a);
    expect(pool.next()).not.toBe(a);
  });

  test('past maxLent every read goes to the shared buffer; giving it (or a stranger) back changes nothing', () => {
    const pool = new ReadBuffers(1024, 2, 1);
    const [x, y, z] = [pool.next(), pool.next(), pool.next()];
    expect([x === pool.shared, y === pool.shared, z === pool.shared]).toEqual([false, false, true]);
    pool.give(pool.shared);
    pool.give(Buffer.alloc(1024));
    expect(pool.out).toBe(2);
    pool.give(x);
    pool.give(y);
    expect(pool.out).toBe(0);
    // at most maxIdle wait: the second one was dropped
    const again = [pool.next(), pool.next()];
    expect(again.filter((b) => b === x || b === y)).toHaveLength(1);
  });

  test('a recycled copy is handed out again only after its write is done', () => {
    const pool = new ReadBuffers(1024 * 1024, 0);
    const a = pool.take(pool.shared, 512 * 1024);
    const b = pool.take(pool.shared, 512 * 1024);
    expect(a.chunk.buffer === b.chunk.buffer).toBe(false);
    a.done();
    const c = pool.take(pool.shared, 512 * 1024);
    expect(c.chunk.buffer === a.chunk.buffer).toBe(true);
    b.done();
    c.done();
  });
});
