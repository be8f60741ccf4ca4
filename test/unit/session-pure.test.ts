/** Sessions, the pure parts: the plan hash, the idle TTL, the ls table, the session's container, warm rules. */
import { describe, expect, test } from '@jest/globals';
import { parseRunOptions, type RawOptions, type RunSpec } from '../../src/config/run-options.js';
import { plan } from '../../src/sandbox/plan.js';
import { SPEC_FIELDS, planFacts, planHash, specFieldParts } from '../../src/session/hash.js';
import { IDLE_SCRIPT, execArgv, keeperFor, sessionContainer } from '../../src/session/plan.js';
import { lsTable, type SessionRow } from '../../src/session/table.js';
import { ttlDecision, type TtlFacts } from '../../src/session/ttl.js';
import { warmBlocker } from '../../src/session/warm-rules.js';

const host = { cpus: 4, cwd: '/repo' };
const spec = (raw: RawOptions = {}, cmd = ['make']) => parseRunOptions({ image: 'img:1', ...raw }, cmd, host);

describe('the plan hash covers every security-relevant field', () => {
  const base = planHash(spec(), 'sha256:aaa');
  test.each([
    ['memory', { memory: '1g' }],
    ['cpus', { cpus: '1' }],
    ['pids', { pids: '10' }],
    ['nofile', { nofile: '100' }],
    ['max-file-size', { 'max-file-size': '1m' }],
    ['tmp-size', { 'tmp-size': '1m' }],
    ['work-size', { 'work-size': '1g' }],
    ['output-size', { 'output-size': '1g' }],
    ['timeout', { timeout: '5m' }],
    ['user', { user: '1000' }],
    ['allow-root + user 0', { user: '0', 'allow-root': true }],
    ['writable-root', { 'writable-root': true }],
    ['tmp-exec', { 'tmp-exec': true }],
    ['cap-add', { 'cap-add': ['CHOWN'] }],
    ['env', { env: ['A=1'] }],
    ['network open', { network: 'open' }],
    ['network proxy', { network: 'proxy', 'allow-domain': ['example.com'] }],
    ['isolation', { isolation: 'runsc' }],
    ['volume backend', { 'volume-backend': 'tmpfs' }],
    ['output caps', { 'max-output-files': '5' }],
    ['skip-self-check', { 'skip-self-check': true }],
    ['read-only source', { source: '/src', 'source-readonly': true }],
    ['state', { 'state-dir': '/st' }],
    ['mount', { mount: ['/data:/data'] }],
    ['persist', { persist: '/p' }],
    ['image', { image: 'other:2' }],
  ] as [string, RawOptions][])('%s changes it', (_, raw) =>
    expect(planHash(spec(raw), 'sha256:aaa')).not.toBe(base),
  );
  test('the image id changes it (a re-tagged image)', () =>
    expect(planHash(spec(), 'sha256:bbb')).not.toBe(base));
  test.each([
    ['the command', spec({}, ['other', 'cmd'])],
    ['a copied source', spec({ source: '/elsewhere' })],
    ['the output dir', spec({ 'output-dir': '/o' })],
    ['the result file', spec({ 'result-file': '/r.json' })],
    ['the subject', spec({ 'head-sha': 'a'.repeat(40) })],
    ['--warm', spec({ warm: true })],
    ['the log limit', spec({ 'log-limit': '1m' })],
  ] as [string, RunSpec][])('%s does not', (_, s) => expect(planHash(s, 'sha256:aaa')).toBe(base));
  test('the same plan always hashes the same (keys sorted), and every plan field is in the facts', () => {
    const facts = planFacts(spec(), 'x');
    for (const [k, part] of specFieldParts()) if (part === 'plan') expect(Object.keys(facts)).toContain(k);
    expect(planHash(spec(), 'x')).toMatch(/^[0-9a-f]{32}$/);
    expect(planHash(spec(), 'x')).toBe(planHash(spec(), 'x'));
  });
});

describe('the classification of RunSpec', () => {
  // The fields a warm sandbox must share with a run (the security-relevant ones): exactly these, by name.
  const PLAN_FIELDS = [
    'image.ref',
    'env',
    'limits.timeoutMs',
    'limits.memoryBytes',
    'limits.cpus',
    'limits.pids',
    'limits.nofile',
    'limits.fsizeBytes',
    'limits.tmpSizeBytes',
    'limits.workSizeBytes',
    'limits.outputSizeBytes',
    'limits.stateSizeBytes',
    'limits.outputCaps',
    'security.user',
    'security.allowRoot',
    'security.writableRoot',
    'security.tmpExec',
    'security.capAdd',
    'security.isolation',
    'security.allowWeakerGvisor',
    'security.selfCheck',
    'network',
    'egress',
    'host.engine',
    'host.volumeBackend',
    'verdict.audit',
    'verdict.tests',
    'verdict.lean',
    'phases.mounts',
    'phases.allowMounts',
    'phases.persist',
    'phases.setup',
  ];
  test('the plan fields are exactly the security-relevant ones', () =>
    expect(
      specFieldParts()
        .filter(([, p]) => p === 'plan')
        .map(([k]) => k)
        .sort(),
    ).toEqual([...PLAN_FIELDS].sort()));
  test('every field of a parsed spec, in every group, is classified (and nothing else is)', () => {
    const s = spec({ network: 'proxy', 'allow-domain': ['example.com'], setup: 'true', warm: true });
    const groups = Object.entries(SPEC_FIELDS).filter(([, v]) => typeof v !== 'string');
    const keys = Object.keys(s).flatMap((k) =>
      groups.some(([g]) => g === k)
        ? Object.keys(s[k as keyof RunSpec] as object).map((f) => `${k}.${f}`)
        : [k],
    );
    expect(keys.sort()).toEqual(
      specFieldParts()
        .map(([k]) => k)
        .sort(),
    );
  });
});

describe('the idle TTL', () => {
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  const at = (min: number) => new Date(t0 + min * 60_000).toISOString();
  const facts = (o: Partial<TtlFacts>): TtlFacts => ({
    kind: 'session',
    keep: false,
    idleTtlMs: 15 * 60_000,
    lastUsedAt: at(0),
    stoppedAt: null,
    running: true,
    busy: false,
    ...o,
  });
  test.each([
    ['running, idle 10 of 15 min', facts({}), 10, 'keep'],
    ['running, idle 15 min: stopped', facts({}), 15, 'stop'],
    ['stopped 10 min ago', facts({ running: false, stoppedAt: at(20) }), 30, 'keep'],
    ['stopped 15 min ago: removed', facts({ running: false, stoppedAt: at(20) }), 35, 'remove'],
    ['--keep, idle a day', facts({ keep: true }), 1440, 'keep'],
    ['--keep, stopped a day', facts({ keep: true, running: false, stoppedAt: at(0) }), 1440, 'keep'],
    ['in use (locked), idle an hour', facts({ busy: true }), 60, 'keep'],
    ['warm, idle 15 min: removed at once', facts({ kind: 'warm' }), 15, 'remove'],
    ['warm, stopped a minute: kept', facts({ kind: 'warm', running: false }), 1, 'keep'],
    ['warm, stopped for its TTL: removed', facts({ kind: 'warm', running: false }), 15, 'remove'],
    [
      'used after it stopped: counted from the use',
      facts({ running: false, stoppedAt: at(0), lastUsedAt: at(10) }),
      20,
      'keep',
    ],
  ] as [string, TtlFacts, number, string][])('%s', (_, f, min, action) =>
    expect(ttlDecision(f, t0 + min * 60_000).action).toBe(action),
  );
});

describe('ls', () => {
  const row = (o: Partial<SessionRow>): SessionRow => ({
    id: 'mx1-abcd',
    name: 'lean',
    kind: 'session',
    state: 'running',
    image: 'img:1',
    network: 'none',
    isolation: 'default',
    lastUsedAt: '2026-01-01T00:00:00Z',
    idleTtlMs: 900_000,
    keep: false,
    loosened: [],
    ...o,
  });
  test('a header and one aligned row per session', () => {
    const now = Date.parse('2026-01-01T00:05:00Z');
    const text = lsTable(
      [row({}), row({ id: 'mx2-ef01', name: null, keep: true, loosened: ['--network open'] })],
      now,
    );
    expect(text.split('\n')).toEqual([
      'ID        NAME  KIND     STATE    IDLE  TTL   NETWORK  ISOLATION  IMAGE  LOOSENED',
      'mx1-abcd  lean  session  running  5m    15m   none     default    img:1  -',
      'mx2-ef01  -     session  running  5m    keep  none     default    img:1  --network open',
    ]);
  });
});

describe("a session's container is the run's plan, kept alive", () => {
  const p = plan(spec({ memory: '1g', 'cap-add': ['CHOWN'] }), {
    runId: 'r1',
    createdAt: new Date(0),
    uid: 65534,
    gid: 65534,
    runtimes: [],
  });
  const keeper = keeperFor({ uid: 65534 });
  const c = sessionContainer(p, { name: 'n', labels: { 'sandbox-action.session': 'r1' }, keeper });
  test.each([
    'readOnlyRootfs',
    'capDrop',
    'capAdd',
    'securityOpt',
    'networkMode',
    'memoryBytes',
    'memorySwapBytes',
    'nanoCpus',
    'pidsLimit',
    'ulimits',
    'mounts',
    'env',
    'init',
    'logDriver',
  ] as const)('%s is the plan’s', (k) => expect(c[k]).toEqual(p.container[k]));
  test('its own process is the idle keeper behind the self-check, as a user no command runs as', () => {
    expect(c.user).toBe('65533:65533');
    expect(c.entrypoint!.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    expect(c.entrypoint![2]).toContain('uid=? gid=?');
    expect(c.cmd).toEqual(['/bin/sh', '-c', IDLE_SCRIPT, 'sandbox-action-idle']);
    expect(c.openStdin).toBe(true);
    expect(c.labels['sandbox-action.session']).toBe('r1');
  });
  test('the keeper is never the sandbox user nor root', () => {
    expect(keeperFor({ uid: 65533 }).uid).toBe(65532);
    for (const uid of [0, 1000, 65532, 65533, 65534]) {
      expect(keeperFor({ uid }).uid).not.toBe(uid);
      expect(keeperFor({ uid }).uid).not.toBe(0);
    }
  });
  test('a command runs behind the self-check (its first line), or as given without one', () => {
    const argv = execArgv(['make', 'test'], p.selfCheck);
    expect(argv.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    expect(argv.slice(-2)).toEqual(['make', 'test']);
    expect(execArgv(['make'], null)).toEqual(['make']);
  });
});

describe('what makes a warm run cold', () => {
  test.each([
    [{}, null],
    [{ network: 'proxy', 'allow-domain': ['a.example'] }, null],
    [{ isolation: 'runsc' }, /^--isolation runsc: a warm run's command is exec'd into the warm sandbox/],
    [{ isolation: 'runsc', 'allow-weaker-gvisor': true }, null],
    [{ mount: ['/data:/data'] }, null],
    [{ 'writable-root': true }, /--writable-root/],
    [{ 'cap-add': ['CHOWN'] }, /--cap-add CHOWN/],
    [{ 'allow-root': true }, /^--allow-root: uid 0 owns \/dev/],
    [{ 'allow-root': true, user: '0:0' }, /^--allow-root/],
    [{ mount: ['/data:/data:rw'] }, /writable host mount/],
    [{ persist: '/p' }, /--persist/],
    [{ setup: 'true' }, /--setup/],
    [{ 'audit-target': ['A.b'] }, /--audit-target/],
  ] as [RawOptions, RegExp | null][])('%p', (raw, want) => {
    const why = warmBlocker(spec({ ...raw, warm: true }));
    if (want === null) expect(why).toBeNull();
    else expect(why).toMatch(want);
  });
});
