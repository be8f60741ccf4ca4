/**
 * A comparator step as a container, read off the plan: what comes from the host (only the named paths, read-only),
 * what is writable (only the .lake volume), who runs it, and every refusal. The engine honouring it is proved in
 * test/integration/comparator.test.ts.
 */
import { describe, expect, test } from '@jest/globals';
import { InputError } from '../../src/config/errors.js';
import { parseContext, encodeContext, type LandrunContext } from '../../src/comparator/context.js';
import { FIXED_PREFIX, parseLandrunArgs } from '../../src/comparator/landrun-args.js';
import { planStep, hostPaths, type HostFacts, type PathKind } from '../../src/comparator/step-plan.js';

const ctx: LandrunContext = {
  version: 1,
  runId: 'r1',
  createdAt: '2026-01-01T00:00:00.000Z',
  image: 'img',
  projectDir: '/p',
  lakeVolume: 'sandbox-action-r1-lake',
  user: { uid: 65534, gid: 65534 },
  isolation: 'default',
  runtime: null,
  limits: { timeoutMs: 1000, memoryBytes: 1 << 30, cpus: 1.5, pids: 256, nofile: 1024, fsizeBytes: 1 << 30 },
  fence: null,
};
const kinds = new Map<string, PathKind>([
  ['/p', 'dir'],
  ['/lean', 'dir'],
  ['/usr/bin/git', 'file'],
  ['/opt/lean4export', 'file'],
  ['/tmp/cfg.json', 'file'],
  ['/sock', 'other'],
  ['/var/run', 'dir'],
  ['/home/runner/.docker', 'dir'],
  ['/srv', 'dir'],
]);
const facts = (o: Partial<HostFacts> = {}): HostFacts => ({
  cwd: '/p',
  env: { PATH: '/lean/bin:/usr/bin', HOME: '/home/j', LEAN_ABORT_ON_PANIC: '1', SECRET: 's3cret' },
  judgeUid: 1001,
  kinds,
  lakeOnHost: 'dir',
  stepId: 'abcd',
  engineSockets: ['/var/run/docker.sock', '/srv/engine/docker.sock'],
  ...o,
});
const P = [...FIXED_PREFIX];
const buildArgv = [
  ...P,
  ...['--env', 'PATH', '--env', 'HOME', '--env', 'LEAN_ABORT_ON_PANIC', '--env', 'UNSET'],
  ...[
    '--ro',
    '/p',
    '--rwx',
    '/p/.lake',
    '--rox',
    '/lean',
    '--rox',
    '/usr/bin/git',
    '--',
    'lake',
    'build',
    'Solution',
  ],
];
const exportArgv = [
  ...P,
  ...[
    '--env',
    'PATH',
    '--ro',
    '/p',
    '--ro',
    '/p/.lake',
    '--rox',
    '/lean',
    '--',
    '/opt/lean4export',
    'M',
    '--',
    'x',
  ],
];
const planOf = (argv: string[], f: Partial<HostFacts> = {}, c: LandrunContext = ctx) =>
  planStep(parseLandrunArgs(argv), c, facts(f));

describe('a build step', () => {
  const c = planOf(buildArgv);
  test('only the named host paths, each read-only at its own path; .lake is the volume, writable', () =>
    expect(c.mounts).toEqual([
      { type: 'bind', source: '/p', target: '/p', readOnly: true },
      { type: 'bind', source: '/lean', target: '/lean', readOnly: true },
      { type: 'bind', source: '/usr/bin/git', target: '/usr/bin/git', readOnly: true },
      { type: 'volume', source: 'sandbox-action-r1-lake', target: '/p/.lake', readOnly: false },
    ]));
  test('no bind is writable, and `/` and `/dev` of the fixed prefix are not mounted', () => {
    expect(c.mounts.filter((m) => m.type === 'bind' && !m.readOnly)).toEqual([]);
    expect(c.mounts.map((m) => m.target)).not.toContain('/');
    expect(c.mounts.map((m) => m.target)).not.toContain('/dev');
  });
  test('only the listed variables, with their values; an unset one is left out, SECRET never appears', () =>
    expect(c.env).toEqual(['PATH=/lean/bin:/usr/bin', 'HOME=/home/j', 'LEAN_ABORT_ON_PANIC=1']));
  test.each([
    ['entrypoint', ['lake']],
    ['cmd', ['build', 'Solution']],
    ['user', '65534:65534'],
    ['workingDir', '/p'],
    ['readOnlyRootfs', true],
    ['capDrop', ['ALL']],
    ['capAdd', []],
    ['securityOpt', ['no-new-privileges:true']],
    ['init', true],
    ['privileged', false],
    ['networkMode', 'none'],
    ['memoryBytes', 1 << 30],
    ['memorySwapBytes', 1 << 30],
    ['nanoCpus', 1.5e9],
    ['pidsLimit', 256],
    ['tty', false],
    ['name', 'sandbox-action-r1-step-abcd'],
  ] as const)('%s = %p', (k, v) => expect(c[k]).toEqual(v));
  test('labelled with the run (gc finds it) and its role', () =>
    expect(c.labels).toEqual({
      'sandbox-action.run': 'r1',
      'sandbox-action.created': '2026-01-01T00:00:00.000Z',
      'sandbox-action.role': 'comparator-step',
    }));
  test('no runtime unless runsc; under runsc the chosen runtime and the raised pids limit', () => {
    expect(c.runtime).toBeUndefined();
    const g = planOf(buildArgv, {}, { ...ctx, isolation: 'runsc', runtime: 'runsc-host' });
    expect(g.runtime).toBe('runsc-host');
    expect(g.pidsLimit).toBe(2048);
  });
});

describe('an export step', () => {
  const c = planOf(exportArgv);
  test('.lake is the same volume, read-only; an absolute command is bound read-only (-add-exec)', () =>
    expect(c.mounts).toEqual([
      { type: 'bind', source: '/p', target: '/p', readOnly: true },
      { type: 'bind', source: '/lean', target: '/lean', readOnly: true },
      { type: 'volume', source: 'sandbox-action-r1-lake', target: '/p/.lake', readOnly: true },
      { type: 'bind', source: '/opt/lean4export', target: '/opt/lean4export', readOnly: true },
    ]));
  test('the command’s own `--` is an argument', () => expect(c.cmd).toEqual(['M', '--', 'x']));
  test('a command under a --rox path is not bound twice', () => {
    const argv = [...P, '--ro', '/p', '--rox', '/lean', '--', '/lean/bin/lake', 'build', 'M'];
    expect(planOf(argv).mounts.map((m) => m.target)).toEqual(['/p', '/lean']);
  });
  test('hostPaths lists what the shim must stat: binds and the absolute command, not .lake', () =>
    expect(hostPaths(parseLandrunArgs(exportArgv), ctx)).toEqual(['/p', '/lean', '/opt/lean4export']));
});

describe('refusals', () => {
  const refused = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      return (err as Error).message;
    }
    throw new Error('accepted');
  };
  test.each([
    [
      'a writable host path',
      [...P, '--ro', '/p', '--rwx', '/srv', '--', 'true'],
      {},
      /^--rwx: '\/srv': only the project's \.lake/,
    ],
    [
      'a writable path inside .lake',
      [...P, '--ro', '/p', '--rwx', '/p/.lake/build', '--', 'true'],
      {},
      /only the project's \.lake/,
    ],
    [
      'a bind inside .lake',
      [...P, '--ro', '/p', '--ro', '/p/.lake/build', '--', 'true'],
      {},
      /inside \.lake, which is the run's volume/,
    ],
    [
      'a missing host path',
      [...P, '--ro', '/nope', '--', 'true'],
      {},
      /^--ro: '\/nope' does not exist on this host/,
    ],
    ['a socket or device', [...P, '--ro', '/sock', '--', 'true'], {}, /neither a file nor a directory/],
    ['host state (/var/run)', [...P, '--ro', '/var/run', '--', 'true'], {}, /host state and never mounted/],
    [
      'a directory holding the engine socket',
      [...P, '--rox', '/srv', '--', 'true'],
      {},
      /holds the engine's socket \/srv\/engine\/docker\.sock/,
    ],
    [
      '.lake a symlink on the host',
      buildArgv,
      { lakeOnHost: 'symlink' as const },
      /is a symlink on the host/,
    ],
    [
      '.lake missing on the host',
      buildArgv,
      { lakeOnHost: 'missing' as const },
      /not a directory on the host/,
    ],
    [
      'an absolute command that is missing',
      [...P, '--ro', '/p', '--', '/opt/none'],
      {},
      /^command: '\/opt\/none' does not exist/,
    ],
    [
      'an absolute command that is a directory',
      [...P, '--ro', '/p', '--', '/srv'],
      {},
      /^command: '\/srv' (is not a file|holds)/,
    ],
    [
      'a working directory outside the named paths',
      buildArgv,
      { cwd: '/home/j' },
      /^working directory: '\/home\/j'/,
    ],
    [
      'the judge’s own uid',
      buildArgv,
      { judgeUid: 65534 },
      /^user: the step's uid 65534 is the judging process's own/,
    ],
  ])('%s', (_n, argv, f, want) => expect(refused(() => planOf(argv, f))).toMatch(want));
  test('root as the step user', () =>
    expect(refused(() => planOf(buildArgv, {}, { ...ctx, user: { uid: 0, gid: 0 } }))).toMatch(
      /never runs as root/,
    ));
});

describe('the context', () => {
  test('round-trips', () => expect(parseContext(encodeContext(ctx))).toEqual(ctx));
  const bad = (o: Record<string, unknown>) => JSON.stringify({ ...ctx, ...o });
  test.each([
    ['missing', undefined, /is not set/],
    ['not JSON', '{', /is not JSON/],
    ['an array', '[]', /not a JSON object/],
    ['another version', bad({ version: 2 }), /version 2 is not 1/],
    ['root', bad({ user: { uid: 0, gid: 0 } }), /'uid' must be an integer ≥ 1/],
    ['a relative project', bad({ projectDir: 'p' }), /'projectDir'/],
    ['a bad run id', bad({ runId: '../x' }), /'runId'/],
    ['a bad isolation', bad({ isolation: 'kata' }), /'isolation' must be default or runsc/],
    ['no limits', bad({ limits: null }), /'limits' must be an object/],
    ['a tiny memory limit', bad({ limits: { ...ctx.limits, memoryBytes: 10 } }), /'memoryBytes'/],
    ['a bad fence', bad({ fence: 'short' }), /'fence'/],
    ['a bad date', bad({ createdAt: 'yesterday' }), /'createdAt' is not a date/],
  ])('%s is refused', (_n, text, want) => expect(() => parseContext(text)).toThrow(want));
});
