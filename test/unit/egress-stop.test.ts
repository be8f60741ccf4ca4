/**
 * The proxy's stop, on the real process (dist/egress-proxy.js, on loopback): SIGTERM with a tunnel still open
 * ends that tunnel with its ledger line and then the `stopped` line, even though the proxy now leaves as soon as
 * nothing is open (src/egress/shutdown.ts) instead of after a fixed 200 ms. Control, run by hand: with
 * `nothingOpen` always true the proxy leaves before the tunnel's close is handled, and this test fails (no line).
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import tls from 'node:tls';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';

const PROXY = path.resolve(import.meta.dirname, '../../dist/egress-proxy.js');
let upstream: net.Server;
let upPort = 0;
const held: net.Socket[] = [];
const seen = new Set<net.Socket>();

beforeAll(async () => {
  upstream = net.createServer((s) => held.push(s));
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  upPort = (upstream.address() as net.AddressInfo).port;
});
afterAll(async () => {
  for (const s of held) s.destroy();
  await new Promise<void>((r) => upstream.close(() => r()));
});

// Tunnels cut while forwarding (a TLS ClientHello for up.test sent through, the upstream silent) and while the
// proxy still waits for the hello: each kind has its own line.
const CUT = { decision: 'allow', error: 'proxy-stopped' };
const NO_HELLO = { decision: 'deny', reason: 'not-tls' };
test.each([
  [1, true, CUT],
  [3, true, CUT],
  [1, false, NO_HELLO],
  [3, false, NO_HELLO],
])(
  'SIGTERM with %i open tunnels (hello sent: %p): each gets its line, then stopped',
  async (tunnels, hello, want) => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const config = {
      mode: 'allowlist',
      domains: ['up.test'],
      ports: [upPort],
      allowCidrs: ['127.0.0.0/8'],
      hosts: { 'up.test': ['127.0.0.1'] },
      dnsServers: [],
      listenSubnet: '127.0.0.0/8',
      transparent: false,
      port,
      maxHeaderBytes: 16384,
      maxConnections: 512,
      idleTimeoutMs: 120000,
      maxTotalBytes: null,
    };
    const proxy = spawn(process.execPath, [PROXY], {
      env: { SANDBOX_EGRESS_CONFIG: JSON.stringify(config) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proxy.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => proxy.on('exit', (code) => r(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        const t = setInterval(() => out.includes('"listening"') && (clearInterval(t), resolve()), 10);
        void exited.then(() => reject(new Error(`the proxy exited: ${out}`)));
      });
      const clients: net.Socket[] = [];
      for (let i = 0; i < tunnels; i++) {
        const c = net.connect(port, '127.0.0.1');
        clients.push(c);
        c.write(`CONNECT up.test:${upPort} HTTP/1.1\r\nHost: up.test:${upPort}\r\n\r\n`);
        const answer = await new Promise<string>((r) => c.once('data', (d: Buffer) => r(d.toString())));
        expect(answer).toMatch(/^HTTP\/1\.1 200/);
        if (hello) {
          const t = tls.connect({ socket: c, servername: 'up.test' });
          t.on('error', () => undefined);
          // The hello went through once the upstream holds a connection with bytes.
          await new Promise<void>((r) => {
            const wait = setInterval(
              () => held.some((s) => s.bytesRead > 0 && !seen.has(s)) && (clearInterval(wait), r()),
              5,
            );
          });
          for (const s of held) if (s.bytesRead > 0) seen.add(s);
        }
      }
      proxy.kill('SIGTERM');
      expect(await exited).toBe(0);
      for (const c of clients) c.destroy();
      const lines = out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const tunnelLines = lines.filter((l) => l.kind === 'connect' && l.host === 'up.test');
      expect(tunnelLines).toHaveLength(tunnels);
      for (const l of tunnelLines) expect(l).toMatchObject(want);
      expect(lines.at(-1)).toMatchObject({ event: 'stopped' });
    } finally {
      proxy.kill('SIGKILL');
    }
  },
);
