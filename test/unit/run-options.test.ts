import { main } from '../../src/cli/main.js';
import { describe, expect, test } from '@jest/globals';
import {
  DEFAULTS,
  GiB,
  MiB,
  RUN_OPTIONS,
  loosenedBy,
  parseRunOptions,
  type RawOptions,
} from '../../src/config/run-options.js';
import { LOOSENING_OPTIONS } from '../../src/config/loosened.js';
import { RUN_PRESETS, presetLoosenings, type RunPreset } from '../../src/config/presets.js';
import { helpFor } from '../../src/cli/args.js';

const host = { cpus: 2, cwd: '/home/u/repo' };
const parse = (raw: RawOptions, cmd = ['make', 'test']) =>
  parseRunOptions({ image: 'img:1', ...raw }, cmd, host);

describe('defaults are the locked-down ones', () => {
  const s = parse({});
  test.each([
    ['limits.memoryBytes', 2 * GiB],
    ['limits.cpus', 2],
    ['limits.pids', 512],
    ['limits.timeoutMs', 60 * 60_000],
    ['limits.workSizeBytes', 20 * GiB],
    ['limits.outputSizeBytes', 2 * GiB],
    ['network', 'none'],
    ['security.isolation', 'default'],
    ['security.user', null],
    ['security.allowRoot', false],
    ['security.writableRoot', false],
    ['security.tmpExec', false],
    ['limits.logLimitBytes', 64 * MiB],
  ] as const)('%s = %p', (key, value) => expect(s).toHaveProperty(key, value));
  test('nothing is loosened', () => expect(loosenedBy(s)).toEqual([]));
  test('no env is passed', () => expect(s.env).toEqual([]));
  test('cpus default is clamped to the host', () =>
    expect(parseRunOptions({ image: 'i' }, ['x'], { cpus: 1, cwd: '/' }).limits.cpus).toBe(1));
  test('output caps', () =>
    expect(s.limits.outputCaps).toEqual({
      maxTotalBytes: DEFAULTS.maxOutputBytes,
      maxFiles: 10_000,
      maxFileBytes: DEFAULTS.maxOutputFileBytes,
    }));
});

describe('values are parsed', () => {
  test.each([
    [{ memory: '512m' }, 'limits.memoryBytes', 512 * MiB],
    [{ timeout: '20m' }, 'limits.timeoutMs', 1_200_000],
    [{ cpus: '0.5' }, 'limits.cpus', 0.5],
    [{ pids: '64' }, 'limits.pids', 64],
    [{ source: 'src' }, 'io.source', { dir: '/home/u/repo/src', readOnly: false }],
    [{ source: '/abs', 'source-readonly': true }, 'io.source', { dir: '/abs', readOnly: true }],
    [{ 'output-dir': 'out' }, 'io.outputDir', '/home/u/repo/out'],
    [{ env: ['A=1', 'B=x=y'] }, 'env', ['A=1', 'B=x=y']],
    [{ user: '1000:1000' }, 'security.user', '1000:1000'],
    [{ user: 'root', 'allow-root': true }, 'security.user', 'root'],
    [{ 'cap-add': ['chown'] }, 'security.capAdd', ['CHOWN']],
    [{ isolation: 'runsc' }, 'security.isolation', 'runsc'],
    [{ 'volume-backend': 'tmpfs' }, 'host.volumeBackend', 'tmpfs'],
    [{ memory: '256m' }, 'limits.tmpSizeBytes', 128 * MiB],
    [{ memory: '256m', 'tmp-size': '200m' }, 'limits.tmpSizeBytes', 200 * MiB],
    [{ annotate: 'lean' }, 'verdict.annotate', { parser: 'lean' }],
    [{ annotate: 'gcc' }, 'verdict.annotate', { parser: 'gcc' }],
    [{ annotate: 'junit', 'output-dir': 'o' }, 'verdict.annotate', { parser: 'junit', file: 'junit.xml' }],
    [
      { annotate: 'junit:reports/t.xml', 'output-dir': 'o' },
      'verdict.annotate',
      { parser: 'junit', file: 'reports/t.xml' },
    ],
    [
      { annotate: 'junit:/output/t.xml', 'output-dir': 'o' },
      'verdict.annotate',
      { parser: 'junit', file: 't.xml' },
    ],
    [
      { 'max-output-files': '5' },
      'limits.outputCaps',
      { maxTotalBytes: GiB, maxFiles: 5, maxFileBytes: 512 * MiB },
    ],
  ] as [RawOptions, string, unknown][])('%j → %s', (raw, key, value) =>
    expect(key.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], parse(raw))).toEqual(
      value,
    ),
  );
});

describe('bad input names the input and what is allowed', () => {
  test.each([
    [{ image: '' }, ['x'], /^--image: is required/],
    [{ image: '-rm' }, ['x'], /^--image: /],
    [{ image: 'bad image' }, ['x'], /^--image: /],
    [{}, [], /^command: is empty/],
    [{}, ['  '], /^command: is empty/],
    [{ memory: '8m' }, ['x'], /^--memory: must be at least 16m/],
    [{ memory: 'lots' }, ['x'], /^--memory: 'lots' is not a size/],
    [{ timeout: '10 minutes' }, ['x'], /^--timeout: /],
    [{ cpus: '4' }, ['x'], /^--cpus: .*at most 2/],
    [{ pids: '1.5' }, ['x'], /^--pids: /],
    [{ user: 'root' }, ['x'], /^--user: 'root' is root; pass --allow-root/],
    [{ user: '0:0' }, ['x'], /^--user: /],
    [{ user: 'a b' }, ['x'], /^--user: /],
    [{ env: ['NOEQUALS'] }, ['x'], /^--env: /],
    [{ env: ['1X=2'] }, ['x'], /^--env: /],
    [{ 'cap-add': ['SYS_ADMIN'] }, ['x'], /^--cap-add: SYS_ADMIN would give the build the host/],
    [{ 'cap-add': ['all'] }, ['x'], /^--cap-add: /],
    [{ network: 'host' }, ['x'], /^--network: 'host' is not one of none/],
    // Node's timers end at 24.8 days: a longer timeout used to fire at once (exit 124).
    [{ timeout: '99999999h' }, ['x'], /^--timeout: '99999999h' is longer than the limit of 168h \(7 days\)$/],
    [{ timeout: '169h' }, ['x'], /^--timeout: '169h' is longer than the limit/],
    [{ isolation: 'kata' }, ['x'], /^--isolation: /],
    [{ pull: 'sometimes' }, ['x'], /^--pull: /],
    [{ 'source-readonly': true }, ['x'], /^--source-readonly: needs --source/],
    [{ 'tmp-size': '4g', memory: '1g' }, ['x'], /^--tmp-size: /],
    [{ 'allow-root': 'maybe' }, ['x'], /^--allow-root: /],
    [{ annotate: 'eslint' }, ['x'], /^--annotate: 'eslint' is not lean, gcc, junit/],
    [{ annotate: 'lean:x' }, ['x'], /^--annotate: /],
    [{ annotate: 'junit' }, ['x'], /^--annotate: junit reads a collected file: it needs --output-dir/],
    [
      { annotate: 'junit:../../etc/passwd', 'output-dir': 'o' },
      ['x'],
      /^--annotate: .* must be a path inside \/output/,
    ],
  ] as [RawOptions, string[], RegExp][])('%j %j', (raw, cmd, re) => {
    expect(() => parseRunOptions({ image: 'img', ...raw }, cmd, host)).toThrow(re);
  });
});

describe('loosening is recorded', () => {
  test.each([
    [{ 'allow-root': true }, ['--allow-root']],
    [{ 'writable-root': true }, ['--writable-root']],
    [{ 'tmp-exec': true }, ['--tmp-exec']],
    [{ 'cap-add': ['NET_BIND_SERVICE'] }, ['--cap-add NET_BIND_SERVICE']],
    [{ 'volume-backend': 'unbounded' }, ['--volume-backend unbounded']],
    [{ 'allow-root': true, 'tmp-exec': true }, ['--allow-root', '--tmp-exec']],
  ] as [RawOptions, string[]][])('%j', (raw, options) =>
    expect(loosenedBy(parse(raw)).map((l) => l.option)).toEqual(options),
  );
});

describe('every subcommand answers --help with its own usage, exit 0', () => {
  test.each(['run', 'gc', 'tags', 'report', 'build', 'shard', 'verify', 'watchdog'])(
    '%s --help',
    async (sub) => {
      const out: string[] = [];
      const err: string[] = [];
      const io = {
        stdout: { write: (s: string) => out.push(s) },
        stderr: { write: (s: string) => err.push(s) },
      } as unknown as Parameters<typeof main>[1];
      expect(await main([sub, '--help'], io)).toBe(0);
      expect(out.join('')).toMatch(new RegExp(`^usage: sandbox-action ${sub} `));
      expect(err.join('')).toBe('');
    },
  );
  // Bad input is refused with its own line and exit 2 before any engine is asked: DOCKER_HOST points at nothing,
  // so a door that connected first would say "connect failed" and exit 1 instead.
  test.each([
    [['gc', '--run', 'BAD'], /^sandbox-action: --run: 'BAD' is not a run id\n$/],
    [['gc', '--older-than', 'soon'], /^sandbox-action: --older-than: /],
    [['watchdog', '--run', 'BAD'], /^sandbox-action: --run: 'BAD' is not a run id\n$/],
  ])('%j is refused before the engine is asked', async (argv, line) => {
    const err: string[] = [];
    const io = {
      stdout: { write: () => true },
      stderr: { write: (s: string) => err.push(s) },
    } as unknown as Parameters<typeof main>[1];
    const saved = { ...process.env };
    process.env.DOCKER_HOST = 'unix:///nonexistent/sandbox-action-test.sock';
    delete process.env.CONTAINER_HOST;
    try {
      expect(await main(argv, io)).toBe(2);
    } finally {
      process.env = saved;
    }
    expect(err.join('')).toMatch(line);
  });
  test('an unknown command names every command', async () => {
    const err: string[] = [];
    const io = {
      stdout: { write: () => true },
      stderr: { write: (s: string) => err.push(s) },
    } as unknown as Parameters<typeof main>[1];
    expect(await main(['nope'], io)).toBe(2);
    expect(err.join('')).toMatch(
      /use run, create, start, stop, rm, ls, exec, shell, sync, cp, gc, tags, report, build, shard, verify, landrun, watchdog/,
    );
  });
});

describe('every loosening is marked in the help and recorded in the result, and nothing else is', () => {
  // One row per option whose help says "loosens": the options that make it loosen, and what the result must name.
  const ROWS: [string, RawOptions, RegExp][] = [
    ['allow-root', { 'allow-root': true, user: '0' }, /^--allow-root$/],
    ['no-watchdog', { 'no-watchdog': true }, /^--no-watchdog$/],
    ['writable-root', { 'writable-root': true }, /^--writable-root$/],
    ['tmp-exec', { 'tmp-exec': true }, /^--tmp-exec$/],
    ['cap-add', { 'cap-add': ['CHOWN'] }, /^--cap-add CHOWN$/],
    ['network', { network: 'open' }, /^--network open$/],
    [
      'secret-route',
      { network: 'proxy', 'secret-route': ['api=https://api.example.com,env=API_KEY'] },
      /^--secret-route api=/,
    ],
    ['allow-cidr', { network: 'proxy', 'allow-cidr': ['10.1.2.0/24'] }, /^--allow-cidr 10\.1\.2\.0\/24$/],
    ['egress', { network: 'proxy', egress: 'audit' }, /^--egress audit$/],
    [
      'egress-network',
      { network: 'proxy', 'allow-domain': ['example.com'], 'egress-network': 'shared-net' },
      /^--egress-network shared-net$/,
    ],
    [
      'proxy-image',
      { network: 'proxy', 'allow-domain': ['example.com'], 'proxy-image': 'me/proxy:1' },
      /^--proxy-image me\/proxy:1$/,
    ],
    ['allow-weaker-gvisor', { isolation: 'runsc', 'allow-weaker-gvisor': true }, /^--allow-weaker-gvisor$/],
    ['volume-backend', { 'volume-backend': 'unbounded' }, /^--volume-backend unbounded$/],
    ['skip-self-check', { 'skip-self-check': true }, /^--skip-self-check$/],
    ['mount', { mount: ['/tmp:/data:rw'] }, /^--mount \/tmp:\/data:rw$/],
    ['allow-mount', { 'allow-mount': ['/etc'] }, /^--allow-mount \/etc$/],
  ];
  const marked = Object.entries(RUN_OPTIONS)
    .filter(([, o]) => o.loosens !== null)
    .map(([n]) => n)
    .sort();
  test('the rows are exactly the options the table marks as loosening: a new loosening must be added here', () => {
    expect(ROWS.map(([n]) => n).sort()).toEqual(marked);
    // Every option is classified: a loosening (what it weakens) or null, never left out.
    for (const [n, o] of Object.entries(RUN_OPTIONS))
      expect([n, typeof o.loosens]).toEqual([n, expect.stringMatching(/^(string|object)$/)]);
  });
  test('the result records exactly the options the table marks, and the help shows each of them as (loosens: …)', () => {
    expect([...LOOSENING_OPTIONS].sort()).toEqual(marked);
    const help = helpFor(RUN_OPTIONS).split('\n');
    const shown = help
      .filter((l) => /\(loosens: /.test(l))
      .map((l) => /^ {2}--([\w-]+)/.exec(l)![1])
      .sort();
    expect(shown).toEqual(marked);
    // The help strings themselves never say it by hand (it would drift): only the table's loosens does.
    for (const [n, o] of Object.entries(RUN_OPTIONS)) expect([n, /loosens/.test(o.help)]).toEqual([n, false]);
  });
  test.each(ROWS)('%s is recorded in the result when it loosens', (_n, raw, want) => {
    const spec = parse(raw);
    expect(loosenedBy(spec).map((l) => l.option)).toEqual(
      expect.arrayContaining([expect.stringMatching(want)]),
    );
  });
  test('the defaults record no loosening', () => expect(loosenedBy(parse({}))).toEqual([]));
});

describe('a preset (a lower-trust source) may only tighten: one that sets a loosening is refused', () => {
  const base = RUN_PRESETS['python-tests']!;
  const ROWS: [string, Partial<RunPreset>, string[]][] = [
    ['the shipped python-tests', {}, []],
    ['an open network', { network: 'open' }, ['--network open']],
    ['allow-root in its options', { options: { 'allow-root': 'true' } }, ['--allow-root']],
    ['an rw mount', { options: { mount: ['/tmp:/data:rw'] } }, ['--mount']],
    ['a proxy image', { options: { 'proxy-image': 'me/proxy:1' } }, ['--proxy-image']],
    ['a limit only (tightens)', { options: { memory: '1g', pids: '64' } }, []],
    [
      'a declared loosening (as the agent preset declares its secret route)',
      { options: { 'secret-route': ['a=https://a.example'] }, loosens: ['--secret-route'] },
      [],
    ],
    [
      'a declared loosening does not cover another',
      {
        options: { 'secret-route': ['a=https://a.example'], 'allow-root': 'true' },
        loosens: ['--secret-route'],
      },
      ['--allow-root'],
    ],
  ];
  test.each(ROWS)('%s', (_n, change, want) => {
    expect(presetLoosenings({ ...base, ...change })).toEqual(want);
  });
  test('every shipped preset loosens nothing (applyPreset refuses one that does)', () => {
    for (const p of Object.values(RUN_PRESETS)) expect([p.name, presetLoosenings(p)]).toEqual([p.name, []]);
  });
});
