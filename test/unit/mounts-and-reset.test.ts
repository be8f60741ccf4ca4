/** --mount, --persist, --setup parsing and the refusal rules; the reset's pure parts; sync's plan. */
import { describe, expect, test } from '@jest/globals';
import { credentialDirs, mountRefusal, parseMount, parsePhaseOptions } from '../../src/config/mounts.js';
import { loosenedBy, parseRunOptions, type RawOptions } from '../../src/config/run-options.js';
import { parseWipeReport, strayProcesses, wipeScript, wipeTargets } from '../../src/session/reset-script.js';
import { chunks, parseFindListing, syncPlan, type TreeEntry } from '../../src/session/sync-plan.js';

const host = { cpus: 2, cwd: '/home/u/repo' };
const parse = (raw: RawOptions) => parseRunOptions({ image: 'i', ...raw }, ['x'], host);

describe('--mount HOST:DEST[:ro|rw]', () => {
  test.each([
    ['data:/data', { host: '/home/u/repo/data', dest: '/data', readOnly: true }],
    ['/abs/x:/x:ro', { host: '/abs/x', dest: '/x', readOnly: true }],
    ['/abs/x:/x:rw', { host: '/abs/x', dest: '/x', readOnly: false }],
    ['/a:b/c:/mnt/c', { host: '/a:b/c', dest: '/mnt/c', readOnly: true }],
    ['/a:/mnt/deep/', { host: '/a', dest: '/mnt/deep', readOnly: true }],
  ])('%s', (v, want) => expect(parseMount(v, host.cwd)).toEqual(want));
  test.each([
    ['/a:/work', /would shadow \/work/],
    ['/a:/output', /would shadow \/output/],
    ['/a:/state', /would shadow \/state/],
    ['/a:/tmp', /would shadow \/tmp/],
    ['/a:/persist', /would shadow \/persist/],
    ['/a:/', /must not be \//],
    ['/a:/work/sub', /inside \/work/],
    ['/a:/tmp/x', /inside \/tmp/],
    ['/a:/data/../work', /must not contain '\.\.'/],
    ['/a:/..', /must not contain '\.\.'/],
    ['/a:relative', /absolute path/],
    ['/a:/proc/x', /inside \/proc/],
    ['/a:/dev', /inside \/dev/],
    ['/a', /is not HOST:DEST/],
    [':/x', /is not HOST:DEST/],
  ])('%s is refused', (v, why) => expect(() => parseMount(v, host.cwd)).toThrow(why));
  test('two mounts at one place are refused; rw is a recorded loosening, ro is not', () => {
    expect(() => parse({ mount: ['/a:/x', '/b:/x'] })).toThrow(/two mounts at \/x/);
    expect(loosenedBy(parse({ mount: ['/a:/x'] }))).toEqual([]);
    expect(loosenedBy(parse({ mount: ['/a:/x:rw'] })).map((l) => l.option)).toEqual(['--mount /a:/x:rw']);
    expect(loosenedBy(parse({ 'allow-mount': ['/run/x.sock'] })).map((l) => l.option)).toEqual([
      '--allow-mount /run/x.sock',
    ]);
  });
});

describe('which host paths a mount refuses', () => {
  const places = {
    sockets: ['/run/docker.sock', '/run/containerd/containerd.sock'],
    credentials: credentialDirs('/home/u'),
  };
  const facts = (real: string | null, o: { given?: string; isSocket?: boolean } = {}) => ({
    given: o.given ?? real ?? '/gone',
    real,
    isSocket: o.isSocket ?? false,
  });
  test.each([
    ['/', /the host's root/],
    ['/etc', /is \/etc of the host/],
    ['/etc/ssl', /is \/etc of the host/],
    ['/proc', /is \/proc/],
    ['/sys/kernel', /is \/sys/],
    ['/dev', /is \/dev/],
    ['/run', /holds the engine socket \/run\/docker.sock/],
    ['/run/docker.sock', /is the engine socket/],
    ['/run/containerd', /holds the engine socket/],
    ['/home/u', /holds the credentials in \/home\/u\/.ssh/],
    ['/home/u/.ssh', /is in the credentials/],
    ['/home/u/.aws/config', /is in the credentials/],
    ['/home/u/.config', /holds the credentials in \/home\/u\/.config\/gcloud/],
    ['/home/u/.docker', /is in the credentials/],
    ['/home/u/.kube', /is in the credentials/],
    ['/home', /holds the credentials/],
  ])('%s', (real, why) => expect(mountRefusal(facts(real), places, [])).toMatch(why));
  test('a socket anywhere is refused; a path that does not exist is refused', () => {
    expect(mountRefusal(facts('/tmp/x/agent.sock', { isSocket: true }), places, [])).toMatch(/is a socket/);
    expect(mountRefusal(facts(null, { given: '/nope' }), places, [])).toMatch(/does not exist/);
  });
  test('a link is judged by where it leads, and said so', () =>
    expect(mountRefusal(facts('/etc', { given: '/tmp/innocent' }), places, [])).toMatch(
      /^'\/tmp\/innocent' \(it is a link to \/etc\) is \/etc/,
    ));
  test('an ordinary directory is allowed; --allow-mount allows the exact path named, nothing around it', () => {
    expect(mountRefusal(facts('/home/u/repo/data'), places, [])).toBeNull();
    expect(mountRefusal(facts('/etc'), places, ['/etc'])).toBeNull();
    expect(mountRefusal(facts('/etc/ssl'), places, ['/etc'])).toMatch(/is \/etc/);
    expect(mountRefusal(facts('/tmp/s.sock', { isSocket: true }), places, ['/tmp/s.sock'])).toBeNull();
  });
});

describe('--persist, --setup, --warm', () => {
  test('defaults and bad input', () => {
    expect(parse({ persist: 'p' }).phases.persist).toEqual({ dir: '/home/u/repo/p', sizeBytes: 1024 ** 3 });
    expect(parse({ persist: 'p', 'persist-size': '256m' }).phases.persist!.sizeBytes).toBe(256 * 1024 ** 2);
    expect(() => parse({ 'persist-size': '1g' })).toThrow(/^--persist-size: needs --persist$/);
    expect(parse({ setup: 'make deps' }).phases.setup).toEqual({ command: 'make deps', network: 'none' });
    expect(() => parse({ 'setup-network': 'proxy' })).toThrow(/^--setup-network: needs --setup$/);
    expect(() => parse({ setup: 'x', 'setup-network': 'open' })).toThrow(/not one of none, proxy/);
    expect(() => parse({ setup: ' ' })).toThrow(/^--setup: is empty/);
    expect(parse({ warm: true }).phases.warm).toEqual({ idleTtlMs: 15 * 60_000 });
    expect(parse({ warm: true, 'idle-ttl': '2m' }).phases.warm).toEqual({ idleTtlMs: 120_000 });
    expect(() => parse({ 'idle-ttl': '2m' })).toThrow(/^--idle-ttl: needs --warm/);
  });
  test('the allowlist applies to a proxy setup phase while the command has no network', () => {
    const s = parse({ setup: 'fetch', 'setup-network': 'proxy', 'allow-domain': ['example.com'] });
    expect(s.network).toBe('none');
    expect(s.egress!.domains).toEqual(['example.com']);
    expect(() => parse({ setup: 'fetch', 'allow-domain': ['example.com'] })).toThrow(/needs --network proxy/);
  });
  test('lean-proof fetches the cache online in its setup phase and builds offline; python-tests offers pip online', () => {
    const lean = parseRunOptions({ preset: 'lean-proof' }, [], host);
    expect(lean.phases.setup).toEqual({
      command: expect.stringContaining('then lake exe cache get;'),
      network: 'proxy',
    });
    expect(lean.network).toBe('none');
    expect(lean.command).toEqual(['-c', 'lake build']);
    const py = parseRunOptions({ preset: 'python-tests', 'output-dir': '/o' }, [], host);
    expect(py.phases.setup).toBeNull();
    expect(py.egress).toBeNull();
    const pip = parseRunOptions(
      { preset: 'python-tests', 'output-dir': '/o', setup: 'pip install -r r.txt' },
      [],
      host,
    );
    expect(pip.phases.setup).toEqual({ command: 'pip install -r r.txt', network: 'proxy' });
    expect(pip.egress!.presets).toEqual(['pypi']);
  });
  test('phase options alone, pure', () =>
    expect(parsePhaseOptions({}, '/', null)).toEqual({
      mounts: [],
      allowMounts: [],
      persist: null,
      setup: null,
      warm: null,
    }));
});

describe('the reset', () => {
  test('the engine’s process list: anything but the keeper is a stray', () => {
    const table = {
      titles: ['PID', 'UID', 'COMMAND'],
      processes: [
        ['100', '65533', 'docker-init'],
        ['101', '65533', 'sh'],
        ['150', '65534', 'sleep'],
      ],
    };
    expect(strayProcesses(table, 65533)).toEqual(['pid 150 uid 65534 sleep']);
    expect(strayProcesses({ ...table, processes: table.processes.slice(0, 2) }, 65533)).toEqual([]);
    expect(strayProcesses({ titles: ['PID', 'CMD'], processes: [] }, 65533)).toBeNull();
  });
  test('what the wipe empties: the volumes (not a read-only /work) and the shared places', () => {
    expect(wipeTargets({ writableWork: true, state: false })).toEqual({
      dirs: ['/work', '/output', '/tmp', '/dev/shm', '/dev/mqueue'],
      roots: ['/work', '/output'],
    });
    expect(wipeTargets({ writableWork: false, state: true }).dirs).toEqual([
      '/output',
      '/state',
      '/tmp',
      '/dev/shm',
      '/dev/mqueue',
    ]);
    const s = wipeScript(wipeTargets({ writableWork: true, state: false }));
    expect(s).toContain("for d in '/work' '/output' '/tmp' '/dev/shm' '/dev/mqueue'; do");
    expect(s).toContain('ipcrm -a');
    expect(s).toContain('python3 -I -c');
    expect(parseWipeReport('x\nsandbox-action-reset: left:/tmp xattr\n')).toEqual(['left:/tmp', 'xattr']);
    expect(parseWipeReport('')).toEqual([]);
  });
});

describe('sync', () => {
  const e = (path: string, type: TreeEntry['type'], size = 1, mtime = 10, link = ''): TreeEntry => ({
    path,
    type,
    size,
    mtime,
    link,
  });
  test('what is gone is deleted (the topmost only), what changed is sent, the rest is left', () => {
    const hostTree = [
      e('a', 'f'),
      e('d', 'd'),
      e('d/b', 'f', 2),
      e('l', 'l', 0, 10, 'a'),
      e('n', 'f'),
      e('t', 'f'),
    ];
    const work = [
      e('a', 'f'),
      e('d', 'd'),
      e('d/b', 'f', 3),
      e('l', 'l', 0, 10, 'b'),
      e('old', 'd'),
      e('old/x', 'f'),
      e('t', 'd'),
      e('t/y', 'f'),
      e('fifo', 'o'),
      e('build.o', 'f'),
    ];
    const p = syncPlan(hostTree, work);
    expect(p.remove.sort()).toEqual(['build.o', 'fifo', 'old', 't']);
    expect([...p.send].sort()).toEqual(['d/b', 'l', 'n', 't']);
  });
  test('a listing of find -printf, and chunks under a command line', () => {
    const out = Buffer.from(
      'f\u00003\u000012.7\u0000\u0000a b\u0000l\u00000\u00001\u0000/etc\u0000x\ny\u0000',
    );
    expect(parseFindListing(out)).toEqual([
      { path: 'a b', type: 'f', size: 3, mtime: 12, link: '' },
      { path: 'x\ny', type: 'l', size: 0, mtime: 1, link: '/etc' },
    ]);
    expect(parseFindListing(Buffer.from('f\u00001'))).toBeNull();
    expect(chunks(['aaaa', 'bbbb', 'cc'], 10)).toEqual([['aaaa', 'bbbb'], ['cc']]);
  });
});
