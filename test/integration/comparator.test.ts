/**
 * sandbox-action as comparator's sandbox, against the real engine. The shim (scripts/sandbox-landrun) is driven
 * with comparator's own argv shapes (buildLandrunArgs in leanprover/comparator Main.lean) running a probe, and
 * comparator as a whole runs through runComparator with stand-ins that follow the documented interface
 * (test/fixtures/comparator; no Lean toolchain can be installed here). Every attack has a control showing the test
 * would notice it succeed. SANDBOX_TEST_ISOLATIONS picks the isolations (default: default,runsc).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import { FIXED_PREFIX } from '../../src/comparator/landrun-args.js';
import { BASE, engineOrSkip, labelled } from '../helpers/engine.js';
import {
  GIT,
  buildFlags,
  exportFlags,
  makeProject,
  makeWorld,
  section,
  shim,
  snapshot,
  withContext,
} from '../helpers/comparator.js';
import type { World } from '../helpers/comparator.js';

jest.setTimeout(180_000);
const { engine, d } = await engineOrSkip();
const isolations = (process.env.SANDBOX_TEST_ISOLATIONS ?? 'default,runsc').split(',') as (
  'default' | 'runsc'
)[];
let w: World;
const runIds = new Set<string>();
beforeAll(() => {
  w = makeWorld();
});
afterAll(async () => {
  if (w) fs.rmSync(w.root, { recursive: true, force: true });
  if (!engine) return;
  // Nothing of any run made here is left: no step container, no volume.
  for (const id of runIds) expect(await labelled(engine, id)).toEqual([]);
});

const CHALLENGE = 'theorem foo : 1 + 1 = 2 := sorry\n';
/** Run `sh -c SCRIPT` through the shim with a build's (or an export's) flags, in a fresh context. */
async function step(
  iso: 'default' | 'runsc',
  script: string,
  o: { proj?: string; flags?: 'build' | 'export'; extra?: string[]; env?: NodeJS.ProcessEnv } = {},
) {
  const proj = o.proj ?? makeProject(w, { 'Challenge.lean': CHALLENGE, 'inside-canary': 'inside\n' });
  return withContext(engine!, proj, iso, async (ctx) => {
    runIds.add(ctx.runId);
    const flags = (o.flags === 'export' ? exportFlags : buildFlags)(w, proj);
    return shim([...flags, ...(o.extra ?? []), '--', 'sh', '-c', script], { w, cwd: proj, ctx, env: o.env });
  });
}

d('the shim’s argv', () => {
  const proj = () => makeProject(w, { 'Challenge.lean': CHALLENGE });
  test('refused shapes exit 2 with one line on stderr, nothing on stdout, and nothing created', async () => {
    const p = proj();
    const bad: [string[], RegExp][] = [
      [['--ro', '/', '--', 'true'], /expected comparator's fixed prefix/],
      [[...FIXED_PREFIX, '--rw', p, '--', 'true'], /^--rw: nothing from the host is writable/],
      [[...FIXED_PREFIX, '--log-level', 'debug', '--', 'true'], /is not a flag comparator passes/],
      [[...FIXED_PREFIX, '--ro', 'rel', '--', 'true'], /not an absolute path/],
      [[...FIXED_PREFIX, '--ro', p, '--'], /no command/],
      [[...FIXED_PREFIX, '--ro', p, '--rwx', w.sibling, '--', 'true'], /only the project's \.lake/],
      [[...FIXED_PREFIX, '--ro', `${w.root}/absent`, '--', 'true'], /does not exist on this host/],
    ];
    await withContext(engine!, p, 'default', async (ctx) => {
      runIds.add(ctx.runId);
      for (const [argv, want] of bad) {
        const r = await shim(argv, { w, cwd: p, ctx });
        expect(r).toMatchObject({ code: 2, stdout: '' });
        expect(r.stderr.split('\n')).toEqual([expect.stringMatching(/^sandbox-landrun: /), '']);
        expect(r.stderr.replace(/^sandbox-landrun: /, '')).toMatch(want);
        expect((await labelled(engine!, ctx.runId)).filter((x) => x.kind === 'container')).toEqual([]);
      }
    });
    const noContext = await shim([...FIXED_PREFIX, '--', 'true'], { w, cwd: p });
    expect(noContext).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/SANDBOX_LANDRUN_CONTEXT: is not set/),
    });
  });

  test('both forms run the command with its argv, its exit code, stdout unchanged and stderr apart', async () => {
    const p = proj();
    const expected = execFileSync('seq', ['1', '200000'], { maxBuffer: 64 << 20 }).toString();
    await withContext(engine!, p, 'default', async (ctx) => {
      runIds.add(ctx.runId);
      const cmd = [
        'sh',
        '-c',
        'printf "%s|" "$@"; echo; seq 1 200000; echo to-stderr >&2; exit 7',
        'sh',
        'a',
        '--',
        'b c',
      ];
      const flags = [...FIXED_PREFIX, '--env', 'PATH', '--ro', p, '--rox', w.toolchain];
      for (const argv of [
        [...flags, '--', ...cmd],
        [...flags, ...cmd],
      ]) {
        const r = await shim(argv, { w, cwd: p, ctx });
        expect(r.code).toBe(7);
        expect(r.stdout).toBe(`a|--|b c|\n${expected}`);
        expect(r.stderr).toBe('to-stderr\n');
      }
    });
  });
});

d.each(isolations)('a step (isolation %s)', (iso) => {
  test('sees the image’s root, the engine’s /dev, and only the named host paths, read-only but .lake', async () => {
    const proj = makeProject(w, { 'Challenge.lean': CHALLENGE });
    const r = await step(iso, 'probe id; probe mounts; probe env', { proj });
    expect(r.code).toBe(0);
    expect(section(r.stdout, 'id')).toEqual(['uid=65534 gid=65534']); // not the judge's uid (this process: 0)
    const mounts = section(r.stdout, 'mounts').map((l) => l.split(' '));
    const engineOwn = (t: string) => ['/proc', '/sys', '/dev'].some((x) => t === x || t.startsWith(`${x}/`));
    const points = mounts.map((f) => f[4]!).filter((t) => !engineOwn(t));
    expect(points.sort()).toEqual(
      [
        '/',
        '/etc/hostname',
        '/etc/hosts',
        '/etc/resolv.conf',
        '/usr/sbin/docker-init',
        proj,
        `${proj}/.lake`,
        w.toolchain,
        GIT,
      ].sort(),
    );
    const opts = (t: string) => mounts.find((f) => f[4] === t)![5]!.split(',');
    for (const t of ['/', proj, w.toolchain, GIT]) expect(opts(t)).toContain('ro');
    expect(opts(`${proj}/.lake`)).toContain('rw');
    // Only the listed variables came from the host (HOSTNAME and PWD are the engine's and the shell's).
    const env = Object.fromEntries(
      section(r.stdout, 'env')[0]!
        .split('\u001e')
        .filter(Boolean)
        .map((kv) => [kv.split('=')[0], kv.slice(kv.indexOf('=') + 1)]),
    );
    expect(Object.keys(env).sort()).toEqual(['HOME', 'HOSTNAME', 'LEAN_ABORT_ON_PANIC', 'PATH', 'PWD']);
    expect(env).toMatchObject({ HOME: '/home/judge', LEAN_ABORT_ON_PANIC: '1', PATH: w.path });
    expect(r.stdout).not.toContain(w.canary);
    // Control: the same canary variable, listed, does arrive.
    const listed = await step(iso, 'probe env', { extra: ['--env', 'CANARY'] });
    expect(section(listed.stdout, 'env')[0]).toContain(`CANARY=${w.canary}`);
  });

  test('host paths not named are absent: a sibling canary, the judge, the host’s /etc/hostname', async () => {
    const proj = makeProject(w, { 'Challenge.lean': CHALLENGE, 'inside-canary': 'inside\n' });
    const targets = [`${proj}/inside-canary`, `${w.sibling}/canary`, w.comparator, '/etc/hostname'];
    const r = await step(iso, `probe read ${targets.join(' ')}`, { proj });
    const read = section(r.stdout, 'read');
    expect(read[0]).toBe(`read ${proj}/inside-canary ok: inside`); // control: a named path is readable
    expect(read[1]).toMatch(new RegExp(`^read ${w.sibling}/canary failed: .*No such file or directory`));
    expect(read[2]).toMatch(new RegExp(`^read ${w.comparator} failed: .*No such file or directory`));
    const hostname = fs.readFileSync('/etc/hostname', 'utf8').trim();
    expect(hostname).not.toBe('sandbox');
    expect(read[3]).toBe('read /etc/hostname ok: sandbox');
    // Mutation: name the sibling (--ro) and the same probe reads the canary: the probe would notice a leak.
    const leaked = await step(iso, `probe read ${w.sibling}/canary`, { proj, extra: ['--ro', w.sibling] });
    expect(section(leaked.stdout, 'read')).toEqual([`read ${w.sibling}/canary ok: ${w.canary}`]);
  });

  test('writes to the challenge, the judge’s files and read-only paths fail; .lake takes them (control)', async () => {
    const proj = makeProject(w, { 'Challenge.lean': CHALLENGE });
    fs.mkdirSync(path.join(proj, '.lake'));
    // The host's permissions would let anyone write: only the mounts stop it.
    for (const f of ['Challenge.lean', 'config.json']) fs.chmodSync(path.join(proj, f), 0o666);
    for (const dir of [proj, `${w.toolchain}/bin`, w.judge]) fs.chmodSync(dir, 0o777);
    const before = snapshot(proj);
    const judge = snapshot(w.judge);
    const targets = [
      `${proj}/Challenge.lean`,
      `${proj}/config.json`,
      proj,
      `${w.toolchain}/bin`,
      w.comparator,
      w.judge,
      `${proj}/.lake`,
    ];
    const r = await step(iso, `probe write ${targets.join(' ')}`, { proj });
    const lines = section(r.stdout, 'write');
    for (const t of targets.slice(0, 4))
      expect(lines).toContainEqual(
        expect.stringMatching(new RegExp(`^write ${t} failed: .*Read-only file system`)),
      );
    for (const t of [w.comparator, w.judge])
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^write ${t} failed: `)));
    expect(lines).toContain(`write ${proj}/.lake ok`);
    expect(snapshot(proj)).toEqual(before);
    expect(snapshot(w.judge)).toEqual(judge);
    for (const dir of [`${w.toolchain}/bin`, w.judge]) fs.chmodSync(dir, 0o755);
    // An export gets .lake read-only: the same write fails there.
    const exp = await step(iso, `probe write ${proj}/.lake`, { proj, flags: 'export' });
    expect(section(exp.stdout, 'write')).toEqual([expect.stringMatching(/failed: .*Read-only file system/)]);
  });

  test('.lake is capped: a build filling it gets ENOSPC (a small write passes)', async () => {
    const proj = makeProject(w, { 'Challenge.lean': CHALLENGE });
    const r = await withContext(
      engine!,
      proj,
      iso,
      async (ctx) => {
        runIds.add(ctx.runId);
        const script =
          'head -c 1m /dev/zero > .lake/small && echo small=ok; head -c 100m /dev/zero > .lake/big; echo big=$?';
        return shim([...buildFlags(w, proj), '--', 'sh', '-c', script], { w, cwd: proj, ctx });
      },
      { lakeBytes: 32 << 20 },
    );
    expect(r.stdout).toContain('small=ok');
    expect(r.stderr).toMatch(/No space left on device/);
    expect(r.stdout).toContain('big=1');
  });

  test('no network: only loopback, and a connect to the host fails (a bridged container connects)', async () => {
    let hits = 0;
    const server = net.createServer((c) => (hits++, c.destroy())).listen(0, '0.0.0.0');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as AddressInfo).port;
    try {
      // Every address of this host (the docker bridge's included: the engine's gateway), each tried from the step.
      const addrs = execFileSync('ip', ['-4', '-o', 'addr', 'show'], { encoding: 'utf8' })
        .split('\n')
        .map((l) => /^\d+: (\S+)\s+inet ([\d.]+)\//.exec(l))
        .flatMap((m) => (m && m[1] !== 'lo' ? [m[2]!] : []));
      const gw = '172.17.0.1';
      expect(addrs).toContain(gw);
      const r = await step(iso, `probe net; ${addrs.map((a) => `probe connect ${a} ${port}`).join('; ')}`);
      expect(section(r.stdout, 'net')).toEqual(['lo']);
      // gVisor's own network stack words the refusal differently; each isolation has exactly one.
      const refusal = iso === 'runsc' ? 'No route to host' : 'Network is unreachable';
      for (const a of addrs)
        expect(r.stdout).toMatch(new RegExp(`^connect ${a}:${port} failed: .*${refusal}`, 'm'));
      expect(hits).toBe(0);
      execFileSync(
        'docker',
        ['run', '--rm', '--network', 'bridge', BASE, 'bash', '-c', `echo x > /dev/tcp/${gw}/${port}`],
        { timeout: 60_000 },
      );
      await new Promise((res) => setTimeout(res, 200));
      expect(hits).toBe(1);
    } finally {
      server.close();
    }
  });
});
