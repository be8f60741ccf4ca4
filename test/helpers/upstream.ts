/**
 * A plain HTTP upstream for the session and phase tests: a container of the proxy image (it has node) on a test
 * network of its own, answering every request and logging it, reachable through the proxy as `up.test`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { ensureProxyImage } from '../../src/egress/image.js';
import type { Engine } from '../../src/engine/types.js';
import { buildClientImage } from './client-image.js';
import { BASE } from './engine.js';

const docker = (...args: string[]) =>
  execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

export interface Upstream {
  /** The client image (curl, node, python3) a sandbox runs to reach it. */
  client: string;
  net: string;
  ip: string;
  proxyImage: string;
  /** The requests it served (one per line it logged). */
  hits(): string[];
  /** Options that let a sandbox (or its setup phase) reach http://up.test/ through the proxy. */
  reach(flag?: '--network' | '--setup-network'): string[];
  close(): void;
}

export async function startUpstream(engine: Engine, tag: string): Promise<Upstream> {
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
      proxyBaseImage: BASE,
      maxBytes: null,
      routes: [],
    },
    'never',
    () => undefined,
  );
  const net = `sa-test-sessions-${tag}`;
  const name = `sa-test-sessions-up-${tag}`;
  docker('network', 'create', '--label', 'sandbox-action-test=sessions', net);
  docker(
    'run',
    '-d',
    '--name',
    name,
    '--network',
    net,
    '--label',
    'sandbox-action-test=sessions',
    '--entrypoint',
    'node',
    proxyImage,
    '-e',
    "require('http').createServer((q, s) => { console.log(JSON.stringify({ url: q.url, host: q.headers.host })); s.end('hello from up.test\\n'); }).listen(8080, () => console.log('ready'))",
  );
  const ip = docker('inspect', '-f', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', name);
  for (let i = 0; i < 50 && !docker('logs', name).includes('ready'); i++)
    await new Promise((r) => setTimeout(r, 100));
  return {
    client,
    net,
    ip,
    proxyImage,
    hits: () =>
      docker('logs', name)
        .split('\n')
        .filter((l) => l.startsWith('{')),
    reach: (flag = '--network') => [
      flag,
      'proxy',
      '--egress-network',
      net,
      '--proxy-image',
      proxyImage,
      '--add-host',
      `up.test:${ip}`,
      '--allow-domain',
      'up.test',
      '--allow-cidr',
      `${ip}/32`,
      '--allow-port',
      '8080',
    ],
    close: () => {
      spawnSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
      spawnSync('docker', ['network', 'rm', net], { stdio: 'ignore' });
    },
  };
}
