/** The trusted side's pure decisions, table-driven: judges, expected outputs, the sandbox check, the disk, state keys. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { stateKeys } from '../../src/action/state-key.js';
import { parseRunOptions } from '../../src/config/run-options.js';
import type { InspectedContainer } from '../../src/engine/types.js';
import { conformance } from '../../src/sandbox/conformance.js';
import { fitVolumes, hostReserve } from '../../src/sandbox/disk.js';
import { plan, volumePlans } from '../../src/sandbox/plan.js';
import { ancestors, findPytestConfig } from '../../src/sandbox/pytest.js';
import {
  capabilityMask,
  judgeSelfCheck,
  parseSelfCheckLine,
  routeHexToIp,
  selfCheckScript,
  type SelfCheckExpect,
} from '../../src/sandbox/self-check.js';
import { diffExact, diffJson } from '../../src/verdict/expected.js';
import { judgeDeclared, judgeExitCode, judgeJunit, type Evidence } from '../../src/verdict/judges.js';
import { verdictPasses } from '../../src/verdict/schema.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

describe('judges', () => {
  const ev = (o: Partial<Evidence>): Evidence => ({
    commandExitCode: 0,
    timedOut: false,
    oomKilled: false,
    outputDir: null,
    declared: [],
    audit: null,
    readCollected: async () => null,
    ...o,
  });
  test.each<[Partial<Evidence>, boolean, string]>([
    [{}, true, 'the command exited 0'],
    [{ commandExitCode: 3 }, false, 'the command exited 3'],
    [{ commandExitCode: null, timedOut: true }, false, 'the command ran past its timeout and was killed'],
    [{ oomKilled: true }, false, 'the command was killed for exceeding its memory limit'],
    [{ commandExitCode: null }, false, 'the command did not run to an exit'],
  ])('exit code %j → %s', (e, passed, summary) =>
    expect(judgeExitCode(ev(e))).toMatchObject({ passed, summary }),
  );
  const suite = (cases: string) => `<testsuites><testsuite name="pytest">${cases}</testsuite></testsuites>`;
  const ok = '<testcase classname="t" name="a"/>';
  test.each<[string, string | null, boolean, boolean, RegExp]>([
    ['two passed', suite(ok + ok), true, true, /^2 tests: 0 failed, 0 errors, 0 skipped$/],
    [
      'one failed',
      suite(ok + '<testcase classname="t" name="b"><failure message="x"/></testcase>'),
      true,
      false,
      /1 failed/,
    ],
    [
      'one error',
      suite('<testcase classname="t" name="b"><error message="x"/></testcase>'),
      true,
      false,
      /1 errors/,
    ],
    [
      'a skip raised by the code under test',
      suite(ok + '<testcase classname="t" name="b"><skipped type="pytest.skip" message="x"/></testcase>'),
      true,
      false,
      /1 skipped \(a skipped test fails the judge\)/,
    ],
    [
      'an xfail',
      suite('<testcase classname="t" name="b"><skipped type="pytest.xfail" message="x"/></testcase>'),
      true,
      false,
      /1 skipped/,
    ],
    ['no test', suite(''), true, false, /reports no test/],
    ['no file', null, true, false, /the test run wrote no JUnit report/],
    ["the source's own tests: advisory", suite(ok), false, true, /1 tests/],
  ])('junit: %s', async (_n, xml, trustedTests, passed, summary) => {
    const e = ev({ readCollected: async () => (xml === null ? null : Buffer.from(xml)) });
    const o = await judgeJunit(e, { file: 'junit.xml', trustedTests }, '/work');
    expect(o).toMatchObject({ passed, advisory: !trustedTests });
    expect(o.summary).toMatch(summary);
  });
  test('declared outputs: every one must be collected, and each fate is named', () => {
    expect(judgeDeclared([])).toBeNull();
    expect(judgeDeclared([{ path: 'a.xml', status: 'collected', size: 3 }])!.passed).toBe(true);
    const bad = judgeDeclared([
      { path: 'a.xml', status: 'collected', size: 3 },
      { path: 'b.json', status: 'missing', size: null },
      { path: 'c', status: 'not-a-regular-file', size: null },
    ])!;
    expect(bad).toMatchObject({
      passed: false,
      summary: 'declared output missing: b.json; declared output not-a-regular-file: c',
    });
  });
  test.each([
    [[], false],
    [[{ advisory: false, passed: true }], true],
    [
      [
        { advisory: false, passed: true },
        { advisory: false, passed: false },
      ],
      false,
    ],
    [[{ advisory: true, passed: true }], false],
    [
      [
        { advisory: false, passed: true },
        { advisory: true, passed: false },
      ],
      true,
    ],
  ])('a verdict passes only with a decisive judge and every decisive judge passing: %j → %s', (js, want) =>
    expect(
      verdictPasses(
        js.map((j) => ({ judge: 'junit' as const, summary: '', facts: {}, annotations: [], ...j })),
      ),
    ).toBe(want),
  );
});

describe('expected outputs', () => {
  test.each<[string, string, string | null, number | undefined]>([
    ['a\nb\n', 'a\nb\n', null, undefined],
    ['a\nb\n', 'a\nc\n', 'line 2: expected "b", got "c"', 2],
    ['a\n', 'a\nextra\n', 'line 2: unexpected extra line "extra"', 2],
    ['a\nb\n', 'a\n', 'line 2: missing, expected "b"', 2],
    ['a\n', 'a', 'the output has no final newline', undefined],
  ])('text %j against %j', (want, got, detail, line) => {
    const d = diffExact(Buffer.from(want), Buffer.from(got));
    if (detail === null) expect(d).toBeNull();
    else expect(d).toEqual({ detail, line });
  });
  test('binary contents: the first differing byte', () =>
    expect(diffExact(Buffer.from([0xff, 1, 2]), Buffer.from([0xff, 1, 3]))!.detail).toBe(
      'binary contents differ from byte 2 (expected 3 bytes, got 3)',
    ));
  test.each<[unknown, unknown, string | null]>([
    [{ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, null],
    [{ a: 1 }, { a: 2 }, '$.a: expected "1", got "2"'],
    [{ a: [1, 2] }, { a: [1] }, '$.a: expected 2 items, got 1'],
    [{ a: 1 }, { a: 1, b: 2 }, '$.b: not expected'],
    [{ a: { b: 1 } }, { a: {} }, '$.a.b: missing'],
    [[1, 'x'], [1, 1], '$[1]: expected "\\"x\\"", got "1"'],
  ])('JSON %j against %j', (want, got, d) => expect(diffJson(want, got)).toBe(d));
});

describe('conformance: the created container against the plan', () => {
  const spec = parseRunOptions({ image: 'img' }, ['true'], { cpus: 4, cwd: '/repo' });
  const p = plan(spec, { runId: 'r', createdAt: new Date(0), uid: 65534, gid: 65534, runtimes: [] });
  const c = p.container;
  const honest: InspectedContainer = {
    user: c.user,
    entrypoint: c.entrypoint ?? null,
    cmd: c.cmd,
    readOnlyRootfs: true,
    privileged: false,
    capDrop: ['ALL'],
    capAdd: [],
    securityOpt: ['no-new-privileges:true'],
    engineSeccomp: true,
    networkMode: 'none',
    memoryBytes: c.memoryBytes,
    memorySwapBytes: c.memorySwapBytes,
    nanoCpus: c.nanoCpus,
    pidsLimit: c.pidsLimit,
    ulimits: c.ulimits,
    runtime: 'runc',
    init: true,
    pidMode: '',
    usernsMode: '',
    devices: 0,
    mounts: c.mounts
      .filter((m) => m.type !== 'tmpfs')
      .map((m) => ({ type: m.type, source: m.source, target: m.target, readOnly: m.readOnly })),
    tmpfs: { '/tmp': 'rw,nosuid,nodev,noexec,size=536870912,mode=1777' },
  };
  test('the honest engine conforms', () => expect(conformance(c, honest)).toEqual([]));
  test.each<[string, Partial<InspectedContainer>, RegExp]>([
    ['a writable root', { readOnlyRootfs: false }, /^ReadonlyRootfs/],
    ['privileged', { privileged: true }, /^Privileged/],
    ['capabilities kept', { capDrop: [] }, /^CapDrop/],
    ['a capability added', { capAdd: ['CAP_SYS_ADMIN'] }, /^CapAdd/],
    ['no no-new-privileges', { securityOpt: [] }, /^no-new-privileges/],
    ['seccomp unconfined', { securityOpt: ['no-new-privileges:true', 'seccomp=unconfined'] }, /^seccomp/],
    ['an engine without seccomp', { engineSeccomp: false }, /^seccomp/],
    ['the host network', { networkMode: 'host' }, /^NetworkMode/],
    ['another user', { user: '0:0' }, /^user/],
    ['no memory limit', { memoryBytes: 0 }, /^Memory/],
    ['no swap limit', { memorySwapBytes: -1 }, /^MemorySwap/],
    ['no pids limit', { pidsLimit: null }, /^PidsLimit/],
    ['another runtime', { runtime: 'runsc' }, /^Runtime/],
    ['no init', { init: false }, /^Init/],
    ['the host PID namespace', { pidMode: 'host' }, /^PidMode/],
    ['a device', { devices: 1 }, /^Devices/],
    [
      'nofile raised',
      { ulimits: c.ulimits.map((u) => (u.name === 'nofile' ? { ...u, hard: 1 << 20 } : u)) },
      /^ulimit nofile/,
    ],
    [
      'a volume mounted read-write elsewhere',
      { mounts: [...honest.mounts, { type: 'bind', source: '/', target: '/host', readOnly: false }] },
      /^mounts/,
    ],
    [
      '/work mounted from another volume',
      { mounts: honest.mounts.map((m) => (m.target === '/work' ? { ...m, source: 'other' } : m)) },
      /^mount \/work/,
    ],
    ['/tmp executable', { tmpfs: { '/tmp': 'rw,nosuid,nodev,size=1' } }, /^tmpfs \/tmp/],
    ['another command (no self-check in front)', { entrypoint: null }, /^Entrypoint/],
  ])('%s is named', (_n, change, re) => {
    const m = conformance(c, { ...honest, ...change });
    expect(m).toHaveLength(1);
    expect(m[0]).toMatch(re);
  });
});

describe('the self-check', () => {
  const x: SelfCheckExpect = {
    uid: 65534,
    gid: 65534,
    capabilities: [],
    readOnlyRoot: true,
    noRouteOut: true,
    runtime: 'runc',
    seccomp: true,
  };
  const good =
    'sandbox-action-self-check uid=65534 gid=65534 capeff=0000000000000000 capprm=0000000000000000 capbnd=0000000000000000 nnp=1 seccomp=2 root=ro route=none gw= bad=';
  const facts = (over: Record<string, string>) => ({ ...parseSelfCheckLine(good)!, ...over });
  test('the line parses and the facts pass', () =>
    expect(judgeSelfCheck(parseSelfCheckLine(good), x)).toEqual([]));
  test.each<[string, Record<string, string>, Partial<SelfCheckExpect>, RegExp | null]>([
    ['root', { uid: '0' }, {}, /uid is 0/],
    ['a capability', { capbnd: '0000000000200000' }, {}, /capbnd is 0000000000200000, beyond/],
    ['an allowed capability', { capbnd: '0000000000000001' }, { capabilities: ['CHOWN'] }, null],
    ['no no-new-privileges', { nnp: '0' }, {}, /no-new-privileges is 0/],
    ['gVisor shows no NoNewPrivs line', { nnp: 'absent' }, { runtime: 'runsc' }, null],
    ['runc without the line', { nnp: 'absent' }, {}, /no-new-privileges is absent/],
    ['no seccomp', { seccomp: '0' }, {}, /seccomp mode is 0/],
    [
      'no seccomp, expected (--allow-weaker-gvisor)',
      { seccomp: '0' },
      { runtime: 'runsc', seccomp: false },
      null,
    ],
    ['a writable root', { root: 'rw' }, {}, /mounted rw/],
    ['a default route', { route: 'default', gw: '0101A8C0' }, {}, /default route via 192\.168\.1\.1/],
    ['an IPv6 default route', { route: 'default6' }, {}, /routing table shows default6/],
    ['open network', { route: 'default', gw: '0101A8C0' }, { noRouteOut: false }, null],
    ['the script itself refused', { bad: 'uid' }, {}, /the self-check itself refused: uid/],
  ])('%s', (_n, over, xo, re) => {
    const p = judgeSelfCheck(facts(over), { ...x, ...xo });
    if (re === null) expect(p).toEqual([]);
    else expect(p.join('; ')).toMatch(re);
  });
  test('a default route only via a dead-end gateway the trusted side checked', () => {
    const f = facts({ route: 'default', gw: '01A0A8C0' });
    expect(judgeSelfCheck(f, x, ['192.168.160.1'])).toEqual([]);
    expect(judgeSelfCheck(f, x, ['192.168.161.1'])).toHaveLength(1);
  });
  test.each([
    ['', null],
    ['hello', null],
    [`${good} extra`, null],
    [`sandbox-action-self-check ${'x'.repeat(3000)}=1`, null],
  ])('%j is not a self-check line', (line, want) => expect(parseSelfCheckLine(line)).toEqual(want));
  test('no line at all is a problem', () =>
    expect(judgeSelfCheck(null, x)).toEqual([expect.stringMatching(/did not report/)]));
  test.each([
    ['01A0A8C0', '192.168.160.1'],
    ['0100007F', '127.0.0.1'],
    ['zz', null],
  ])('route hex %s → %s', (h, ip) => expect(routeHexToIp(h)).toBe(ip));
  test.each([
    [[], '0000000000000000'],
    [['CHOWN'], '0000000000000001'],
    [['SYS_ADMIN', 'NET_RAW'], '0000000000202000'],
  ])('capability mask %j', (caps, m) => expect(capabilityMask(caps)).toBe(m));
  test('the expectations are written into the script (nothing for the command to read from its environment)', () => {
    const s = selfCheckScript({ ...x, uid: 1234 });
    expect(s).toContain('[ "$uid" = 1234 ]');
    expect(s).toMatch(/exec "\$@"$/);
  });
});

describe('the disk: caps fit the free space, defaults shrink, explicit sizes are honoured or refused', () => {
  const spec = parseRunOptions({ image: 'img' }, ['true'], { cpus: 2, cwd: '/' });
  const vols = volumePlans(spec, 'r'); // /work 20 GiB, /output 2 GiB
  const all = ['workSizeBytes', 'outputSizeBytes'] as const;
  test('enough room: unchanged', () =>
    expect(fitVolumes(vols, [...all], 100 * GiB, '/d')).toMatchObject({ sizes: {}, notes: [] }));
  test('a 14 GiB runner: the defaults shrink in proportion, with a note each', () => {
    const f = fitVolumes(vols, [...all], 14 * GiB, '/d');
    const room = 14 * GiB - hostReserve(14 * GiB);
    expect(f.sizes.workSizeBytes! + f.sizes.outputSizeBytes!).toBeLessThanOrEqual(room);
    expect(f.sizes.workSizeBytes! / f.sizes.outputSizeBytes!).toBeCloseTo(10, 0);
    expect(f.notes[0]).toMatch(
      /^\/work is capped at .* instead of the default 20 GiB: \/d has 14 GiB free \(--work-size sets it\)$/,
    );
  });
  test('an explicit size that does not fit is refused, naming it', () =>
    expect(() => fitVolumes(vols, ['outputSizeBytes'], 14 * GiB, '/d')).toThrow(
      /^--work-size: the volumes need 22 GiB in \/d, which has 14 GiB free/,
    ));
  test('defaults that would shrink below 64 MiB are refused', () =>
    expect(() => fitVolumes(vols, [...all], GiB + 100 * MiB, '/d')).toThrow(/--output-size/));
  test('unknown free space: unchanged, and said', () =>
    expect(fitVolumes(vols, [...all], null, '/d').notes[0]).toMatch(/could not be measured/));
});

describe('state keys: trusted only on a push to the default branch or a tag', () => {
  const k = (eventName: string, ref: string, pr: number | null = null) =>
    stateKeys(
      { key: 'ccache', restore: ['old'], eventName, ref, runId: '9', attempt: '1' },
      { defaultBranch: 'main', pr },
    );
  test.each<[string, string, number | null, string]>([
    ['push', 'refs/heads/main', null, 'sandbox-state-trusted-ccache-9-1'],
    ['push', 'refs/tags/v1.0', null, 'sandbox-state-trusted-ccache-9-1'],
    ['push', 'refs/heads/feature', null, 'sandbox-state-untrusted-push-feature-ccache-9-1'],
    ['pull_request', 'refs/pull/7/merge', 7, 'sandbox-state-untrusted-pr-7-ccache-9-1'],
    ['pull_request_target', 'refs/heads/main', 7, 'sandbox-state-untrusted-pr-7-ccache-9-1'],
    ['issue_comment', 'refs/heads/main', 7, 'sandbox-state-untrusted-pr-7-ccache-9-1'],
    [
      'workflow_dispatch',
      'refs/heads/main',
      null,
      'sandbox-state-untrusted-workflow_dispatch-main-ccache-9-1',
    ],
  ])('%s on %s', (e, ref, pr, key) => expect(k(e, ref, pr).key).toBe(key));
  test('an untrusted run restores only from its own scope', () =>
    expect(k('pull_request', 'refs/pull/7/merge', 7).restore).toEqual([
      'sandbox-state-untrusted-pr-7-ccache-',
      'sandbox-state-untrusted-pr-7-old',
    ]));
  test.each(['a,b', 'has space', ''])('%j is not a cache key', (key) =>
    expect(() =>
      stateKeys(
        { key, restore: [], eventName: 'push', ref: 'refs/heads/main', runId: '1', attempt: '1' },
        { defaultBranch: 'main', pr: null },
      ),
    ).toThrow(/state-key/),
  );
});

describe('python-tests layout', () => {
  test.each([
    ['tests', ['']],
    ['pkg/tests', ['', 'pkg']],
    ['a/b/tests', ['', 'a', 'a/b']],
  ])('the directories above %s hold the conftest.py files that are overlaid', (p, want) =>
    expect(ancestors(p)).toEqual(want),
  );
  test.each<[Record<string, string>, string | null]>([
    [{}, null],
    [{ 'pytest.ini': '[pytest]\n' }, 'pytest.ini'],
    [{ 'pyproject.toml': '[project]\nname = "x"\n' }, null],
    [{ 'pyproject.toml': '[tool.pytest.ini_options]\naddopts = "-q"\n' }, 'pyproject.toml'],
    [{ 'tox.ini': '[pytest]\n', 'setup.cfg': '[tool:pytest]\n' }, 'tox.ini'],
    [{ 'setup.cfg': '[metadata]\n' }, null],
    [{ 'pytest.ini': '[pytest]\n', 'pyproject.toml': '[tool.pytest.ini_options]\n' }, 'pytest.ini'],
  ])('the trusted configuration of %j is %s', (files, want) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-cfg-'));
    for (const [f, t] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), t);
    expect(findPytestConfig(dir)).toBe(want);
  });
});
