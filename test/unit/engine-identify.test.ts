/**
 * Which engine answers (src/engine/identify.ts): `/_ping`'s headers with `/info`, in place of `/version`. The
 * table rows are the headers real engines send (Docker 20.10.24 and Podman 4.3.1 on this machine) and broken
 * ones; the fakes follow the Engine API's documented answers (a stand-in, not an engine), and the engine found
 * through `/_ping` must be the one found through `/version`.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { connectEngine } from '../../src/engine/docker.js';
import { pingIdentity, versionFromPing } from '../../src/engine/identify.js';

const DOCKER_PING = { 'api-version': '1.41', server: 'Docker/20.10.24+dfsg1 (linux)', ostype: 'linux' };
const PODMAN_PING = {
  'api-version': '1.41',
  server: 'Libpod/4.3.1 (linux)',
  'libpod-api-version': '4.3.1',
  'docker-experimental': 'true',
};

describe('pingIdentity', () => {
  test.each([
    ['Docker', DOCKER_PING, { api: '1.41', podman: false, version: '20.10.24+dfsg1' }],
    ['Podman', PODMAN_PING, { api: '1.41', podman: true, version: '4.3.1' }],
    [
      'Docker without the OS part',
      { ...DOCKER_PING, server: 'Docker/27.3.1' },
      { api: '1.41', podman: false, version: '27.3.1' },
    ],
    ['no Api-Version', { server: DOCKER_PING.server }, null],
    ['an Api-Version that is no version', { ...DOCKER_PING, 'api-version': 'v1' }, null],
    ['no Server', { 'api-version': '1.41' }, null],
    ['another server', { ...DOCKER_PING, server: 'nginx/1.22' }, null],
    ['Libpod without Libpod-Api-Version', { ...PODMAN_PING, 'libpod-api-version': undefined }, null],
    ['Docker with Libpod-Api-Version', { ...DOCKER_PING, 'libpod-api-version': '4.3.1' }, null],
  ])('%s', (_n, headers, want) => {
    expect(pingIdentity(headers as http.IncomingHttpHeaders)).toEqual(want);
  });
});

describe('versionFromPing', () => {
  const p = { api: '1.41', podman: false, version: '20.10.24' };
  test.each([
    ['Docker: uname names', { OSType: 'linux', Architecture: 'x86_64' }, 'amd64'],
    ['Docker on arm64', { OSType: 'linux', Architecture: 'aarch64' }, 'arm64'],
    ['Podman: Go names', { OSType: 'linux', Architecture: 'amd64' }, 'amd64'],
    ['an architecture not known here', { OSType: 'linux', Architecture: 'mips64' }, null],
    ['no architecture', { OSType: 'linux' }, null],
    ['no OS', { Architecture: 'x86_64' }, null],
  ])('%s', (_n, info, arch) => {
    const v = versionFromPing(p, info);
    expect(v?.Arch ?? null).toBe(arch);
    if (v) expect(v).toMatchObject({ Version: '20.10.24', ApiVersion: '1.41', Os: 'linux', Components: [] });
  });
});

/** A fake engine: `/version`, `/info` (both unversioned and versioned), `/libpod/info`, and `/_ping` when `ping`. */
function fake(kind: 'docker' | 'podman', ping: boolean) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-identify-'));
  const socket = path.join(dir, 'engine.sock');
  const podman = kind === 'podman';
  const asked: string[] = [];
  const server = http.createServer((req, res) => {
    asked.push(req.url ?? '');
    const json = (j: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(j));
    };
    if (req.url === '/_ping' && ping) {
      res.writeHead(200, { 'content-type': 'text/plain', ...(podman ? PODMAN_PING : DOCKER_PING) });
      return res.end('OK');
    }
    if (req.url === '/version')
      return json({
        Version: podman ? '4.3.1' : '20.10.24+dfsg1',
        ApiVersion: '1.41',
        Os: 'linux',
        Arch: 'amd64',
        Components: [
          { Name: podman ? 'Podman Engine' : 'Engine', Version: podman ? '4.3.1' : '20.10.24+dfsg1' },
        ],
      });
    if (req.url === '/info' || req.url === '/v1.41/info')
      return json({
        SecurityOptions: ['name=seccomp,profile=default'],
        CgroupVersion: '1',
        OSType: 'linux',
        Architecture: podman ? 'amd64' : 'x86_64',
      });
    if (req.url === '/v1.41/libpod/info' && podman)
      return json({
        host: {
          cgroupVersion: 'v1',
          cgroupControllers: [],
          security: { rootless: false, capabilities: 'CAP_CHOWN,CAP_KILL' },
        },
      });
    res.writeHead(404);
    res.end('{"message":"page not found"}');
  });
  return {
    url: `unix://${socket}`,
    asked,
    listen: () => new Promise<void>((r) => server.listen(socket, r)),
    close: () =>
      new Promise<void>((r) =>
        server.close(() => {
          fs.rmSync(dir, { recursive: true, force: true });
          r();
        }),
      ),
  };
}

describe('connecting through /_ping finds the engine /version finds', () => {
  const fakes = {
    docker: { ping: fake('docker', true), version: fake('docker', false) },
    podman: { ping: fake('podman', true), version: fake('podman', false) },
  };
  const all = [fakes.docker.ping, fakes.docker.version, fakes.podman.ping, fakes.podman.version];
  beforeAll(async () => {
    for (const f of all) await f.listen();
  });
  afterAll(async () => {
    for (const f of all) await f.close();
  });

  test.each(['docker', 'podman'] as const)('%s', async (kind) => {
    const { ping, version } = fakes[kind];
    const byPing = await connectEngine([ping.url], kind);
    const byVersion = await connectEngine([version.url], kind);
    expect(byPing.info).toEqual({ ...byVersion.info, endpoint: ping.url });
    expect(byPing.info).toMatchObject({ name: kind, arch: 'amd64', os: 'linux', apiVersion: '1.41' });
    // /version is asked only where /_ping does not tell.
    expect(ping.asked).not.toContain('/version');
    expect(version.asked).toContain('/version');
  });
});
