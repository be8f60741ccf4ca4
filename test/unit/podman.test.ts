/**
 * Podman through its Docker-compatible service: which socket `--engine` picks, what a fake Podman's answers become
 * (engine facts, inspect in Docker's terms), and the plan's answer to Podman's read-only-root tmpfs.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { connectEngine } from '../../src/engine/docker.js';
import {
  DOCKER_DEFAULT_CAPS,
  PODMAN_READ_ONLY_TMPFS,
  coverReadOnlyTmpfs,
  endpointsFor,
  podmanCapabilities,
  podmanLimitsProblem,
  podmanNetworkMode,
  podmanTmpfsBlocks,
  podmanUlimit,
} from '../../src/engine/podman.js';
import { parseRunOptions } from '../../src/config/run-options.js';
import type { ContainerSpec } from '../../src/engine/types.js';
import { conformance } from '../../src/sandbox/conformance.js';
import { plan } from '../../src/sandbox/plan.js';
import type { InspectedContainer } from '../../src/engine/types.js';

describe('--engine picks the socket', () => {
  const env = { XDG_RUNTIME_DIR: '/run/user/1000' };
  test.each([
    ['auto', {}, ['unix:///var/run/docker.sock', 'unix:///run/podman/podman.sock']],
    [
      'auto',
      env,
      [
        'unix:///var/run/docker.sock',
        'unix:///run/podman/podman.sock',
        'unix:///run/user/1000/podman/podman.sock',
      ],
    ],
    ['auto', { DOCKER_HOST: 'unix:///d.sock', CONTAINER_HOST: 'unix:///p.sock' }, ['unix:///d.sock']],
    ['auto', { CONTAINER_HOST: 'unix:///p.sock' }, ['unix:///p.sock']],
    ['docker', { CONTAINER_HOST: 'unix:///p.sock' }, ['unix:///var/run/docker.sock']],
    [
      'podman',
      { ...env, DOCKER_HOST: 'unix:///d.sock' },
      ['unix:///run/podman/podman.sock', 'unix:///run/user/1000/podman/podman.sock'],
    ],
    ['podman', { DOCKER_HOST: 'unix:///d.sock', CONTAINER_HOST: 'unix:///p.sock' }, ['unix:///p.sock']],
  ] as const)('%s with %j', (choice, e, want) => expect(endpointsFor(choice, e)).toEqual(want));

  test('--engine takes docker or podman only', () => {
    expect(() => parseRunOptions({ image: 'x', engine: 'lxc' }, ['true'], { cpus: 2, cwd: '/' })).toThrow(
      "--engine: 'lxc' is not one of auto, docker, podman",
    );
    expect(
      parseRunOptions({ image: 'x', engine: 'podman' }, ['true'], { cpus: 2, cwd: '/' }).host.engine,
    ).toBe('podman');
  });
});

/** A fake engine on a unix socket answering /version, /info and /libpod/info. */
function fakeEngine(podman: { rootless: boolean; cgroupVersion: string } | null) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-fake-engine-'));
  const socket = path.join(dir, 'engine.sock');
  const server = http.createServer((req, res) => {
    const json = (j: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(j));
    };
    if (req.url === '/version')
      return json({
        Version: podman ? '4.3.1' : '20.10.24',
        ApiVersion: '1.41',
        Os: 'linux',
        Arch: 'amd64',
        Components: [{ Name: podman ? 'Podman Engine' : 'Engine', Version: '4.3.1' }],
      });
    if (req.url === '/v1.41/info')
      return json({ SecurityOptions: ['name=seccomp,profile=default'], CgroupVersion: '1' });
    if (req.url === '/v1.41/libpod/info' && podman)
      return json({
        host: {
          cgroupVersion: podman.cgroupVersion,
          cgroupControllers: [],
          security: { rootless: podman.rootless, capabilities: 'CAP_CHOWN,CAP_KILL' },
        },
      });
    res.writeHead(404);
    res.end('{"message":"no such endpoint"}');
  });
  return {
    url: `unix://${socket}`,
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

describe('connecting to Podman', () => {
  const rootless = fakeEngine({ rootless: true, cgroupVersion: 'v1' });
  const docker = fakeEngine(null);
  beforeAll(async () => {
    await rootless.listen();
    await docker.listen();
  });
  afterAll(async () => {
    await rootless.close();
    await docker.close();
  });

  test('it is recognised, with its version, rootless and cgroup facts and its read-only-root tmpfs', async () => {
    const e = await connectEngine([rootless.url], 'podman');
    expect(e.info).toMatchObject({
      name: 'podman',
      version: '4.3.1',
      rootless: true,
      cgroupVersion: 'v1',
      readOnlyTmpfs: ['/run', '/tmp', '/var/tmp'],
      local: true,
    });
    expect(podmanLimitsProblem(e.info)).toMatch(
      /^rootless Podman on a cgroup v1 host ignores --memory, --cpus and --pids/,
    );
  });

  test('docker is docker (no Podman tmpfs, no limits problem)', async () => {
    const e = await connectEngine([docker.url]);
    expect(e.info).toMatchObject({ name: 'docker', rootless: false, cgroupVersion: 'v1', readOnlyTmpfs: [] });
    expect(podmanLimitsProblem(e.info)).toBeNull();
  });

  test('--engine podman reaching Docker, and --engine docker reaching Podman, are refused with what to do', async () => {
    await expect(connectEngine([docker.url], 'podman')).rejects.toThrow(
      `--engine: podman: the engine at ${docker.url} is docker 20.10.24; pass --engine docker, or point CONTAINER_HOST at a podman socket`,
    );
    await expect(connectEngine([rootless.url], 'docker')).rejects.toThrow(
      `--engine: docker: the engine at ${rootless.url} is podman 4.3.1; pass --engine podman`,
    );
  });

  test('--engine podman with no Podman socket: one line naming the sockets tried and how to start one', async () => {
    const err = await connectEngine(
      ['unix:///nonexistent/a.sock', 'unix:///nonexistent/b.sock'],
      'podman',
    ).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const msg = (err as Error).message;
    expect(msg.split('\n')).toHaveLength(1);
    expect(msg).toMatch(
      /^--engine: podman: no Podman service answers at unix:\/\/\/nonexistent\/a.sock or unix:\/\/\/nonexistent\/b.sock; start one \(`podman system service --time=0 &`/,
    );
  });

  test('rootful Podman, and rootless Podman on cgroup v2, have no limits problem', () => {
    const base = { name: 'podman' as const };
    expect(podmanLimitsProblem({ ...base, rootless: false, cgroupVersion: 'v1' })).toBeNull();
    expect(podmanLimitsProblem({ ...base, rootless: true, cgroupVersion: 'v2' })).toBeNull();
  });
});

describe("Podman's inspect in Docker's terms", () => {
  const conf = ['CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_FOWNER', 'CAP_KILL'];
  test('drop ALL: CapDrop lists every default; the bounding set is empty', () => {
    expect(podmanCapabilities(DOCKER_DEFAULT_CAPS, [], conf)).toEqual({ capDrop: ['ALL'], capAdd: [] });
  });
  test('drop ALL, add CHOWN: CHOWN is a default, so Podman lists it in neither; it is granted', () => {
    const drop = DOCKER_DEFAULT_CAPS.filter((c) => c !== 'CHOWN');
    expect(podmanCapabilities(drop, [], conf)).toEqual({ capDrop: ['ALL'], capAdd: ['CHOWN'] });
  });
  test('a capability beyond the defaults shows in CapAdd', () => {
    expect(podmanCapabilities(DOCKER_DEFAULT_CAPS, ['CAP_SYS_ADMIN'], conf).capAdd).toEqual(['SYS_ADMIN']);
  });
  test('mutation: an engine that ignored CapDrop grants the defaults, and conformance refuses it', () => {
    const caps = podmanCapabilities([], [], conf);
    expect(caps.capAdd).toEqual([...DOCKER_DEFAULT_CAPS].sort());
    const p = plan(parseRunOptions({ image: 'x' }, ['true'], { cpus: 2, cwd: '/' }), {
      runId: 'r',
      createdAt: new Date(0),
      uid: 65534,
      gid: 65534,
      runtimes: [],
    });
    const got = inspectedFrom(p.container);
    expect(conformance(p.container, got)).toEqual([]);
    expect(conformance(p.container, { ...got, ...caps }).join('\n')).toMatch(/^CapAdd: the plan says \[\]/m);
  });
  test("a default of containers.conf beyond Docker's set counts too", () => {
    expect(podmanCapabilities(DOCKER_DEFAULT_CAPS, [], ['CAP_SYS_PTRACE']).capAdd).toEqual(['SYS_PTRACE']);
  });
  test('network mode: bridge on one named network is that network; on podman it is bridge; two are wrong', () => {
    expect(podmanNetworkMode('bridge', ['sa-int'])).toBe('sa-int');
    expect(podmanNetworkMode('bridge', ['podman'])).toBe('bridge');
    expect(podmanNetworkMode('none', [])).toBe('none');
    expect(podmanNetworkMode('bridge', ['sa-int', 'podman'])).toBe('bridge:sa-int,podman');
  });
  test('ulimit names: RLIMIT_NOFILE is nofile; Docker names pass unchanged', () => {
    expect(podmanUlimit({ Name: 'RLIMIT_NOFILE', Soft: 1, Hard: 2 })).toEqual({
      name: 'nofile',
      soft: 1,
      hard: 2,
    });
    expect(podmanUlimit({ Name: 'nofile', Soft: 1, Hard: 2 }).name).toBe('nofile');
  });
  test('tmpfs volume caps in pages on x86-64; unknown elsewhere', () => {
    expect(podmanTmpfsBlocks(64 * 1024 * 1024, 'amd64')).toBe('nr_blocks=16384');
    expect(podmanTmpfsBlocks(4097, 'amd64')).toBe('nr_blocks=2');
    expect(podmanTmpfsBlocks(4096, 'arm64')).toBeNull();
  });
});

describe("the plan covers Podman's read-only-root tmpfs", () => {
  const ctx = {
    runId: 'r',
    createdAt: new Date(0),
    uid: 65534,
    gid: 65534,
    runtimes: [],
    engineTmpfs: ['/run', '/tmp', '/var/tmp'],
  };
  const spec = (raw: Record<string, string | boolean>) =>
    parseRunOptions({ image: 'x', ...raw }, ['true'], { cpus: 2, cwd: '/' });
  test("/run and /var/tmp get an empty read-only noexec tmpfs; /tmp stays the plan's own", () => {
    const m = plan(spec({}), ctx).container.mounts.filter((x) => x.type === 'tmpfs');
    expect(m.map((x) => [x.target, x.tmpfs!.options.join(',')])).toEqual([
      ['/tmp', 'rw,nosuid,nodev,noexec'],
      ['/run', 'ro,nosuid,nodev,noexec'],
      ['/var/tmp', 'ro,nosuid,nodev,noexec'],
    ]);
  });
  test('with --writable-root nothing is added (Podman adds none then)', () => {
    const m = plan(spec({ 'writable-root': true }), ctx).container.mounts.filter((x) => x.type === 'tmpfs');
    expect(m.map((x) => x.target)).toEqual(['/tmp']);
  });
  test('mutation: a writable /var/tmp that the plan did not name is refused by conformance', () => {
    const p = plan(spec({}), ctx);
    const got = inspectedFrom(p.container);
    got.tmpfs['/var/tmp'] = 'rw,rprivate,nosuid,nodev,tmpcopyup';
    expect(conformance(p.container, got)).toEqual([
      expect.stringMatching(/^tmpfs \/var\/tmp: the plan says \["ro","nosuid","nodev","noexec"\]/),
    ]);
  });
});

/** What an honest engine would report for the plan's container. */
function inspectedFrom(c: ReturnType<typeof plan>['container']): InspectedContainer {
  const tmpfs: Record<string, string> = {};
  for (const m of c.mounts) if (m.type === 'tmpfs') tmpfs[m.target] = m.tmpfs!.options.join(',');
  return {
    user: c.user,
    entrypoint: c.entrypoint ?? null,
    cmd: c.cmd,
    readOnlyRootfs: c.readOnlyRootfs,
    privileged: false,
    capDrop: c.capDrop,
    capAdd: c.capAdd,
    securityOpt: c.securityOpt,
    engineSeccomp: true,
    networkMode: c.networkMode,
    memoryBytes: c.memoryBytes,
    memorySwapBytes: c.memorySwapBytes,
    nanoCpus: c.nanoCpus,
    pidsLimit: c.pidsLimit,
    ulimits: c.ulimits,
    runtime: c.runtime ?? 'runc',
    init: c.init,
    pidMode: '',
    usernsMode: '',
    devices: 0,
    mounts: c.mounts
      .filter((m) => m.type !== 'tmpfs')
      .map((m) => ({ type: m.type, source: m.source, target: m.target, readOnly: m.readOnly })),
    tmpfs,
  };
}

describe("coverReadOnlyTmpfs: Podman's own writable tmpfs under a read-only root are covered read-only", () => {
  const tmp = {
    type: 'tmpfs' as const,
    source: '',
    target: '/tmp',
    readOnly: false,
    tmpfs: { sizeBytes: 1, mode: 0o1777, options: [] },
  };
  const base = { readOnlyRootfs: true, mounts: [] } as unknown as ContainerSpec;
  const ROWS: [string, Partial<ContainerSpec>, readonly string[], string[]][] = [
    ['every one covered on Podman', {}, PODMAN_READ_ONLY_TMPFS, ['/run:ro', '/tmp:ro', '/var/tmp:ro']],
    [
      'a target the spec mounts itself is kept as it is',
      { mounts: [tmp] },
      PODMAN_READ_ONLY_TMPFS,
      ['/tmp:rw', '/run:ro', '/var/tmp:ro'],
    ],
    [
      'a writable root is left alone (the caller loosened it)',
      { readOnlyRootfs: false },
      PODMAN_READ_ONLY_TMPFS,
      [],
    ],
    ['Docker adds none, so none is covered', {}, [], []],
  ];
  test.each(ROWS)('%s', (_n, change, engineTmpfs, want) => {
    const out = coverReadOnlyTmpfs({ ...base, ...change }, engineTmpfs);
    expect(out.mounts.map((m) => `${m.target}:${m.readOnly ? 'ro' : 'rw'}`)).toEqual(want);
    for (const m of out.mounts.filter((x) => x.readOnly))
      expect(m.tmpfs?.options).toEqual(['ro', 'nosuid', 'nodev', 'noexec']);
  });
});
