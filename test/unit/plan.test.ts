import { describe, expect, test } from '@jest/globals';
import { parseRunOptions, type RawOptions } from '../../src/config/run-options.js';
import { plan } from '../../src/sandbox/plan.js';
import { gvisorFor } from '../../src/sandbox/gvisor.js';
import { InputError } from '../../src/config/errors.js';
import type { RuntimeInfo } from '../../src/engine/types.js';
import { numericUser, resolveUser } from '../../src/sandbox/sandbox-user.js';
import { decideStatus } from '../../src/verdict/status.js';

// The engine's runtimes as Debian's runsc 20221219 is registered in docs/gvisor.md (one per network kind).
const DEBIAN_RUNSC = [
  { name: 'runsc', args: ['--network=none', '--oci-seccomp'] },
  { name: 'runsc-host', args: ['--network=host', '--oci-seccomp'] },
];
const ctx = {
  runId: 'r1',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  uid: 65534,
  gid: 65534,
  runtimes: DEBIAN_RUNSC,
};
const planFor = (raw: RawOptions = {}) =>
  plan(parseRunOptions({ image: 'img', ...raw }, ['make'], { cpus: 4, cwd: '/repo' }), ctx);

describe('the plan locks the container down by default', () => {
  const c = planFor().container;
  test.each([
    ['capDrop', ['ALL']],
    ['capAdd', []],
    ['readOnlyRootfs', true],
    ['privileged', false],
    ['init', true],
    ['networkMode', 'none'],
    ['user', '65534:65534'],
    ['memoryBytes', 2 * 1024 ** 3],
    ['memorySwapBytes', 2 * 1024 ** 3],
    ['nanoCpus', 2e9],
    ['pidsLimit', 512],
    ['env', []],
    ['workingDir', '/work'],
    ['tty', false],
  ] as const)('%s = %p', (k, v) => expect(c[k]).toEqual(v));
  test('no-new-privileges, and no seccomp override', () => {
    expect(c.securityOpt).toContain('no-new-privileges:true');
    expect(c.securityOpt.some((o) => o.startsWith('seccomp'))).toBe(false);
  });
  test('ulimits nofile, nproc, fsize and no core dumps', () =>
    expect(c.ulimits.map((u) => u.name).sort()).toEqual(['core', 'fsize', 'nofile', 'nproc']));
  test('no docker socket and no host path is mounted', () => {
    for (const m of c.mounts) {
      expect(m.source).not.toMatch(/docker\.sock/);
      expect(m.type).not.toBe('bind');
    }
  });
  test('/tmp is a noexec,nosuid tmpfs', () => {
    const tmp = c.mounts.find((m) => m.target === '/tmp')!;
    expect(tmp.type).toBe('tmpfs');
    expect(tmp.tmpfs!.options).toEqual(expect.arrayContaining(['noexec', 'nosuid', 'nodev']));
  });
  test('every resource is labelled with the run id', () => {
    const p = planFor();
    expect(p.container.labels['sandbox-action.run']).toBe('r1');
    expect(p.labels['sandbox-action.run']).toBe('r1');
  });
  test('volumes: /work and /output with their caps', () =>
    expect(
      planFor({ 'work-size': '1g', 'output-size': '10m' }).volumes.map((v) => [v.mount, v.sizeBytes]),
    ).toEqual([
      ['/work', 1024 ** 3],
      ['/output', 10 * 1024 ** 2],
    ]));
  test('log kept by the engine: none', () => expect(c.logDriver.type).toBe('none'));
});

describe('explicit options change the plan, and only them', () => {
  test('--source-readonly binds the source read-only and makes no /work volume', () => {
    const p = planFor({ source: '/src', 'source-readonly': true });
    expect(p.container.mounts).toContainEqual({
      type: 'bind',
      source: '/src',
      target: '/work',
      readOnly: true,
    });
    expect(p.volumes.map((v) => v.role)).toEqual(['output']);
    expect(p.copySource).toBeNull();
  });
  test('--source copies', () => expect(planFor({ source: 'src' }).copySource).toBe('/repo/src'));
  test('--tmp-exec', () =>
    expect(
      planFor({ 'tmp-exec': true }).container.mounts.find((m) => m.target === '/tmp')!.tmpfs!.options,
    ).toContain('exec'));
  test('--writable-root', () =>
    expect(planFor({ 'writable-root': true }).container.readOnlyRootfs).toBe(false));
  test('--isolation runsc', () => expect(planFor({ isolation: 'runsc' }).container.runtime).toBe('runsc'));
  // plan() picks the gVisor runtime from the engine's (gvisor.ts): the spec's network decides which, and the
  // self-check expects the seccomp filter the picked runtime applies. A setup phase's spec names its own network.
  const WEAK = { name: 'runsc-weak', args: ['--network=none'] };
  test.each([
    ['runc: no runtime named, the filter expected', {}, [], undefined, 'runc', true],
    [
      'runsc, no network: the --network=none runtime',
      { isolation: 'runsc' },
      DEBIAN_RUNSC,
      'runsc',
      'runsc',
      true,
    ],
    [
      'runsc on a network: the --network=host runtime',
      { isolation: 'runsc', network: 'open' },
      DEBIAN_RUNSC,
      'runsc-host',
      'runsc',
      true,
    ],
    [
      '--allow-weaker-gvisor takes the runtime without --oci-seccomp, and the self-check expects no filter',
      { isolation: 'runsc', 'allow-weaker-gvisor': true },
      [...DEBIAN_RUNSC, WEAK],
      'runsc-weak',
      'runsc',
      false,
    ],
    [
      'without --allow-weaker-gvisor that runtime is never taken',
      { isolation: 'runsc' },
      [WEAK, ...DEBIAN_RUNSC],
      'runsc',
      'runsc',
      true,
    ],
  ] as [string, RawOptions, RuntimeInfo[], string | undefined, string, boolean][])(
    '%s',
    (_, raw, runtimes, runtime, checkRuntime, seccomp) => {
      const p = plan(parseRunOptions({ image: 'img', ...raw }, ['make'], { cpus: 4, cwd: '/repo' }), {
        ...ctx,
        runtimes,
      });
      expect(p.container.runtime).toBe(runtime);
      expect(p.selfCheck).toMatchObject({ runtime: checkRuntime, seccomp });
    },
  );
  test.each([
    [
      'an engine without runsc',
      { isolation: 'runsc' },
      [],
      /^--isolation: runsc: the engine has no runsc runtime/,
    ],
    [
      'only runtimes without --oci-seccomp',
      { isolation: 'runsc' },
      [WEAK],
      /^--isolation: runsc: the engine's runsc runtimes \(runsc-weak\) run without --oci-seccomp/,
    ],
    [
      'a networked spec where every filtering runtime is --network=none',
      { isolation: 'runsc', network: 'open' },
      [DEBIAN_RUNSC[0]!],
      /^--isolation: runsc: every runsc runtime of the engine with --oci-seccomp runs with --network=none/,
    ],
  ] as [string, RawOptions, RuntimeInfo[], RegExp][])('plan() refuses %s', (_, raw, runtimes, message) => {
    const spec = parseRunOptions({ image: 'img', ...raw }, ['make'], { cpus: 4, cwd: '/repo' });
    expect(() => plan(spec, { ...ctx, runtimes })).toThrow(message);
    expect(() => gvisorFor(spec, runtimes)).toThrow(InputError);
  });
  test("a setup phase's own network picks its own runtime", () => {
    const spec = parseRunOptions({ image: 'img', isolation: 'runsc' }, ['make'], { cpus: 4, cwd: '/repo' });
    expect(gvisorFor(spec, DEBIAN_RUNSC)).toEqual({ runtime: 'runsc', seccomp: true });
    expect(gvisorFor({ ...spec, network: 'proxy' }, DEBIAN_RUNSC)).toEqual({
      runtime: 'runsc-host',
      seccomp: true,
    });
  });
  test.each([
    [{ pids: '64' }, 64],
    [{ pids: '64', isolation: 'runsc' }, 2048],
    [{ pids: '512', isolation: 'runsc' }, 4096],
  ] as [RawOptions, number][])('pids limit for %j is %d (gVisor counts its own threads)', (raw, n) =>
    expect(planFor(raw).container.pidsLimit).toBe(n),
  );
  test('--env', () => expect(planFor({ env: ['A=1'] }).container.env).toEqual(['A=1']));
});

describe('decideStatus', () => {
  test.each([
    [{ commandExitCode: 0, timedOut: false, oomKilled: false, verdictPassed: true }, 'succeeded', 0],
    [{ commandExitCode: 3, timedOut: false, oomKilled: false, verdictPassed: false }, 'failed', 3],
    // The command exited 0 but a judge failed (a missing declared output, a failing JUnit): failed, exit 1.
    [{ commandExitCode: 0, timedOut: false, oomKilled: false, verdictPassed: false }, 'failed', 1],
    [{ commandExitCode: null, timedOut: true, oomKilled: false, verdictPassed: false }, 'timed-out', 124],
    [{ commandExitCode: 0, timedOut: false, oomKilled: true, verdictPassed: true }, 'oom-killed', 137],
    [{ commandExitCode: 137, timedOut: false, oomKilled: true, verdictPassed: false }, 'oom-killed', 137],
    [{ commandExitCode: 137, timedOut: true, oomKilled: true, verdictPassed: false }, 'timed-out', 124],
  ])('%j → %s %d', (e, status, code) => expect(decideStatus(e)).toEqual({ status, exitCode: code }));
});

describe('users', () => {
  const passwd =
    'root:x:0:0::/root:/bin/sh\nsandbox:x:1000:1001::/home/sandbox:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n';
  const group = 'root:x:0:\nusers:x:100:\nsandbox:x:1001:\n';
  test.each([
    ['sandbox', { uid: 1000, gid: 1001 }],
    ['sandbox:users', { uid: 1000, gid: 100 }],
    ['1000', { uid: 1000, gid: 1001 }],
    ['4242', { uid: 4242, gid: 4242 }],
    ['root', { uid: 0, gid: 0 }],
    ['nobody:7', { uid: 65534, gid: 7 }],
  ])('%s → %j', (u, ids) => expect(resolveUser(u, passwd, group)).toEqual(ids));
  test.each(['ghost', 'sandbox:nogroup'])('%s is not found', (u) =>
    expect(resolveUser(u, passwd, group)).toHaveProperty('error'),
  );
  test.each([
    ['1000', { uid: 1000, gid: 1000 }],
    ['1000:5', { uid: 1000, gid: 5 }],
    ['sandbox', null],
  ])('numericUser %s', (u, r) => expect(numericUser(u)).toEqual(r));
});

describe('the plan says what it decided', () => {
  test.each([
    ['runc: no note', {}, []],
    [
      'runsc without --pids: the raised pids limit',
      { isolation: 'runsc' },
      [
        "under gVisor the pids limit counts gVisor's own threads: the engine's limit is 4096 for --pids 512; the memory limit and the timeout hold a fork bomb",
      ],
    ],
    [
      'runsc with a small --pids',
      { isolation: 'runsc', pids: '10' },
      [
        "under gVisor the pids limit counts gVisor's own threads: the engine's limit is 2048 for --pids 10; the memory limit and the timeout hold a fork bomb",
      ],
    ],
  ] as [string, RawOptions, string[]][])('%s', (_, raw, notes) => expect(planFor(raw).notes).toEqual(notes));
});
