/**
 * The egress tests' own containers, on a test network of their own: an upstream (HTTP 80, HTTPS 443 with the
 * test CA's certificate, raw TCP 9000, a bare git repository over dumb HTTP(S)) and a stub DNS server that logs
 * every question; a listener of this process on the host; and the client image the sandbox runs (curl, git,
 * openssl, dig, nc, node, python3). Shared by egress.test.ts and egress-transparent.test.ts.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensureProxyImage } from '../../src/egress/image.js';
import type { DockerApiEngine } from '../../src/engine/docker.js';
import { makeCerts, type TestCerts } from './certs.js';
import { FIX, buildClientImage, docker } from './client-image.js';
import { ENGINE_CLI_PREFIX, TEST_ENGINE } from './engine.js';

export { buildClientImage, docker } from './client-image.js';

export interface EgressFixtures {
  client: string;
  proxyImage: string;
  certs: TestCerts;
  /** The build's sources: the CA (to trust the upstream) and the TLS probe (tls-probe.mjs). */
  src: string;
  net: string;
  upName: string;
  dnsName: string;
  upIp: string;
  dnsIp: string;
  subnet: string;
  gateway: string;
  hostPort: number;
  hostHits: string[];
  /** Every name the stub DNS was asked, in order. */
  dnsQueries(): string[];
  /** The upstream's request lines (JSON), in order. */
  upstreamRequests(): string[];
  teardown(): void;
}

/** Start the fixtures; `answers` adds names the stub DNS answers with the upstream's address. */
export async function startEgressFixtures(
  engine: DockerApiEngine,
  tag: string,
  answers: string[] = [],
): Promise<EgressFixtures> {
  const client = buildClientImage();
  const proxyImage = await ensureProxyImage(
    engine,
    {
      mode: 'allowlist',
      transparent: false,
      domains: [],
      presets: [],
      ports: [],
      allowCidrs: [],
      hosts: {},
      dnsServers: [],
      egressNetwork: null,
      proxyImage: null,
      proxyBaseImage: null,
      maxBytes: null,
      routes: [],
    },
    'never',
    () => undefined,
  );
  const certs = makeCerts(['up.test', 'other.test', 'rebind.test', ...answers]);
  const src = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-egress-src-'));
  fs.copyFileSync(certs.caFile, path.join(src, 'ca.pem'));
  fs.copyFileSync(path.join(FIX, 'tls-probe.mjs'), path.join(src, 'tls-probe.mjs'));
  fs.chmodSync(src, 0o755);
  // A bare repository served over dumb HTTP(S) by the upstream.
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-egress-repo-'));
  const git = (cwd: string, ...a: string[]) =>
    execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...a], { cwd, stdio: 'pipe' });
  git(repo, 'init', '-q', '-b', 'main', 'work');
  fs.writeFileSync(path.join(repo, 'work', 'README'), 'egress test repository\n');
  git(path.join(repo, 'work'), 'add', '.');
  git(path.join(repo, 'work'), 'commit', '-qm', 'one');
  git(repo, 'clone', '-q', '--bare', 'work', 'repo.git');
  git(path.join(repo, 'repo.git'), 'update-server-info');
  execFileSync('chmod', ['-R', 'a+rX', repo]);

  const NET = `sa-test-egress-${tag}`;
  const UP = `sa-test-upstream-${tag}`;
  const DNS = `sa-test-dns-${tag}`;
  docker('network', 'create', '--label', 'sandbox-action-test=egress', NET);
  // Through the engine's API: the CLIs' own inspect formats differ (Docker's IPAM.Config, Podman's subnets).
  const info = (await engine.inspectNetwork(NET))!;
  const subnet = info.subnets[0]!;
  const gateway = info.gateways[0]!;
  const fixture = (name: string, script: string, extra: string[]) =>
    docker(
      'run',
      '-d',
      '--name',
      name,
      '--network',
      NET,
      '--user',
      '0',
      '--label',
      'sandbox-action-test=egress',
      '-v',
      `${FIX}:/fixtures:ro`,
      ...extra,
      '--entrypoint',
      'node',
      proxyImage,
      `/fixtures/${script}`,
    );
  fixture(UP, 'upstream.mjs', [
    '-v',
    `${certs.dir}:/certs:ro`,
    '-v',
    `${path.join(repo, 'repo.git')}:/srv/repo.git:ro`,
  ]);
  const ip = (name: string) =>
    docker('inspect', '-f', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', name);
  const upIp = ip(UP);
  const stubAnswers = Object.fromEntries(
    ['up.test', 'rebind.test', 'other.test', ...answers].map((n) => [n, upIp]),
  );
  fixture(DNS, 'dns.mjs', ['-e', `ANSWERS=${JSON.stringify(stubAnswers)}`]);
  const dnsIp = ip(DNS);
  const hostHits: string[] = [];
  const hostServer = net.createServer((s) => {
    // `nc -z` closes at once, so the reply can meet a reset: an unheard socket error would end the test run.
    s.on('error', () => undefined);
    hostHits.push(s.remoteAddress ?? '?');
    s.end('host-service\n');
  });
  await new Promise<void>((r) => hostServer.listen(0, '0.0.0.0', () => r()));
  const hostPort = (hostServer.address() as net.AddressInfo).port;
  const logsOf = (name: string) => docker('logs', name);
  for (let i = 0; i < 50 && !(logsOf(UP).includes('ready') && logsOf(DNS).includes('ready')); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    client,
    proxyImage,
    certs,
    src,
    net: NET,
    upName: UP,
    dnsName: DNS,
    upIp,
    dnsIp,
    subnet,
    gateway,
    hostPort,
    hostHits,
    dnsQueries: () =>
      logsOf(DNS)
        .split('\n')
        .flatMap((l) => {
          try {
            const j = JSON.parse(l) as { query?: string };
            return j.query ? [j.query] : [];
          } catch {
            return [];
          }
        }),
    upstreamRequests: () =>
      logsOf(UP)
        .split('\n')
        .filter((l) => l.includes('"scheme"')),
    teardown() {
      // The host listener first: a failing removal below must not leave it holding the test process open.
      hostServer.close();
      for (const c of [UP, DNS])
        execFileSync(TEST_ENGINE, [...ENGINE_CLI_PREFIX, 'rm', '-f', c], { stdio: 'ignore' });
      execFileSync(TEST_ENGINE, [...ENGINE_CLI_PREFIX, 'network', 'rm', NET], { stdio: 'ignore' });
    },
  };
}
