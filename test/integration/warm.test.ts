/**
 * Warm runs (`run --warm`), isolation between consecutive runs proved by attack. Each attack plants something in one
 * warm run and looks for it from the next, which must be served by the same sandbox (same session id, reused) and
 * must not see it. The control is the same attack between two commands of a session (`exec`), which shares the
 * sandbox the same way but is not reset: there the plant is seen, so each look can see what it looks for.
 * Then: a sandbox that cannot be reset cleanly gives a cold run that says why, and what makes a run cold at once.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, jest, test } from '@jest/globals';
import type { RunResult } from '../../src/verdict/schema.js';
import { engineOrSkip, labelled, run, tmpDir } from '../helpers/engine.js';
import { SMALL, exec, isoArgs, isoLoosened, sa } from '../helpers/sessions.js';
import { hostProcesses } from '../../src/session/procs.js';
import { strayProcesses } from '../../src/session/reset-script.js';

jest.setTimeout(240_000);
const { engine, d } = await engineOrSkip();
const isolations = (process.env.SANDBOX_TEST_ISOLATIONS ?? 'default,runsc').split(',');
const PY = 'sandbox-action/python-sandbox:test';
const sessions = new Set<string>();

afterAll(async () => {
  for (const id of sessions) await sa(['rm', id]);
});

/** A warm run of its own plan (the env names the test, so no two tests share a sandbox). */
async function warm(plan: string, iso: string[], cmd: string, o: { image?: string; extra?: string[] } = {}) {
  const src = tmpDir('warm-src');
  fs.writeFileSync(path.join(src, 'a.txt'), 'original\n');
  fs.chmodSync(src, 0o755);
  const out = path.join(tmpDir('warm-out'), 'o');
  const r = await run(
    [
      '--warm',
      ...SMALL,
      ...iso,
      '--env',
      `PLAN=${plan}`,
      '--source',
      src,
      '--output-dir',
      out,
      ...(o.extra ?? []),
    ],
    ['sh', '-c', cmd],
    o.image ? { image: o.image } : {},
  );
  if (r.result.session) sessions.add(r.result.session.id);
  return { ...r, out };
}

const reusedFrom = (first: RunResult, second: RunResult) => {
  expect(second.session!.warm!.reused).toBe(true);
  expect(second.session!.id).toBe(first.session!.id);
};

interface Attack {
  name: string;
  plant: string;
  /** Prints each marker of `seen` only when the plant carried over (plain cat and test, no directory listings). */
  look: string;
  /** The control must print every one; the next warm run none. */
  seen: RegExp[];
  image?: string;
  extra?: string[];
}

const ATTACKS: Attack[] = [
  {
    name: 'a file left in /tmp',
    plant: 'echo planted > /tmp/left; echo hidden > /tmp/.hidden',
    look: 'cat /tmp/left /tmp/.hidden 2>/dev/null',
    seen: [/^planted$/m, /^hidden$/m],
  },
  {
    name: 'a background process',
    plant: 'nohup setsid sh -c "while :; do sleep 0.05; done" >/dev/null 2>&1 & sleep 0.3',
    look: 'for p in /proc/[0-9]*; do tr "\\0" " " < $p/cmdline 2>/dev/null; echo; done | grep -q "sl[e]ep 0.05" && echo GHOST-PROCESS',
    seen: [/^GHOST-PROCESS$/m],
  },
  {
    // A PID hopper: forks and exits at once, over and over, so each of its PIDs is gone within microseconds and no
    // listing of the cgroup or of /proc catches it (kill(-1), which the reset always runs, does). The listening
    // abstract socket it holds, inherited by each generation, is in /proc/net/unix while any of it lives.
    name: 'a process that forks and exits in a loop (a PID hopper)',
    plant: `nohup setsid perl -MSocket -e 'socket(my $s, AF_UNIX, SOCK_STREAM, 0) or die; bind($s, pack_sockaddr_un("\\0sandbox-action-hopper")) or die; listen($s, 1); for (;;) { exit 0 if fork(); }' >/dev/null 2>&1 & sleep 0.3`,
    look: 'grep -q "@sandbox-action-hoppe[r]" /proc/net/unix && echo GHOST-FORKER',
    seen: [/^GHOST-FORKER$/m],
  },
  {
    name: 'a background process writing into /output',
    plant:
      'nohup setsid sh -c "while :; do echo ghost > /output/ghost; sleep 0.05; done" >/dev/null 2>&1 & sleep 0.3',
    look: 'sleep 0.5; cat /output/ghost 2>/dev/null',
    seen: [/^ghost$/m],
  },
  {
    name: 'an environment change (a profile a login shell reads)',
    plant: 'export LEAK=env; echo "export LEAK=profile" > "$HOME/.profile"',
    look: 'bash -l -c "echo LEAK=\\$LEAK"',
    seen: [/LEAK=profile/],
    extra: ['--env', 'HOME=/tmp'],
  },
  {
    name: 'a modified file in /work',
    plant: 'echo tampered > /work/a.txt; echo new > /work/new',
    look: 'cat /work/a.txt; cat /work/new 2>/dev/null',
    seen: [/^tampered$/m, /^new$/m],
  },
  {
    name: 'a file in /dev/shm',
    plant: 'echo shm > /dev/shm/x',
    look: 'cat /dev/shm/x 2>/dev/null',
    seen: [/^shm$/m],
  },
  {
    name: 'a System V shared memory segment',
    plant: 'ipcmk -M 4096',
    look: '[ "$(tail -n +2 /proc/sysvipc/shm | wc -l)" -gt 0 ] && echo GHOST-SHM',
    seen: [/^GHOST-SHM$/m],
  },
  {
    // Found by review: `chmod 0755` keeps a directory's setuid and setgid bits (GNU chmod).
    name: 'setuid and setgid bits on the volume roots',
    plant: 'chmod u+s,g+s /work /output',
    // perl's stat, not coreutils' (its statx is refused by runsc 20221219).
    look: `perl -e 'printf "%o\\n", (stat $_)[2] & 07777 for @ARGV' /work /output`,
    seen: [/^6755\n6755$/m],
  },
  {
    // Found by review: a chosen mtime or a future atime on a root is ~90 bits the next run could read.
    name: 'chosen times on the volume roots',
    plant: 'touch -m -d @1234567890 /output; touch -a -d @4102444800 /work',
    look: `[ "$(perl -e 'print +(stat "/output")[9]')" = 1234567890 ] && echo GHOST-MTIME; [ "$(perl -e 'print +(stat "/work")[8]')" = 4102444800 ] && echo GHOST-ATIME`,
    seen: [/^GHOST-MTIME$/m, /^GHOST-ATIME$/m],
  },
  {
    name: "an extended attribute and a mode on /work's root",
    plant: "python3 -c \"import os; os.setxattr('/work', 'user.leak', b'x')\"; chmod 700 /work",
    look: 'python3 -c "import os; print(os.listxattr(\'/work\'))"; stat -c %a /work',
    seen: [/user\.leak/, /^700$/m],
    image: PY,
    // The image's entrypoint is python: the warm run's command goes through env instead (exec has none).
    extra: ['--entrypoint', 'env'],
  },
];

d.each(isolations)('warm runs (isolation %s)', (isolation) => {
  const iso = isoArgs(isolation);
  const gvisor = isolation === 'runsc';
  // System V IPC under gVisor dies with the sandbox's kernel, which a warm run restarts; /proc/sysvipc is absent there.
  const attacks = gvisor ? ATTACKS.filter((a) => !a.name.includes('System V') && !a.image) : ATTACKS;

  test.each(attacks)('attack: $name is not seen by the next warm run', async (a) => {
    const plan = `${a.name}-${isolation}`;
    const first = await warm(plan, iso, a.plant, a);
    expect(first.result.status).toBe('succeeded');
    const second = await warm(plan, iso, a.look, a);
    reusedFrom(first.result, second.result);
    for (const m of a.seen) expect(second.stderr).not.toMatch(m);
    expect(second.result.session!.warm!.keptForNext).toBe(true);
    expect(fs.existsSync(path.join(second.out, 'ghost'))).toBe(false);
  });

  test.each(attacks)('control: $name is seen by the next command of a session (no reset)', async (a) => {
    const r = await sa([
      'create',
      '--image',
      a.image ?? 'sandbox-action/base:bookworm',
      ...SMALL,
      ...iso,
      ...(a.extra ?? []),
    ]);
    const id = r.stdout.trim();
    sessions.add(id);
    await exec(id, ['sh', '-c', a.plant]);
    const look = await exec(id, ['sh', '-c', a.look]);
    for (const m of a.seen) expect(look.stderr).toMatch(m);
  });

  test('a warm run is a run: same result schema, limits and loosenings recorded, exit codes, a timeout', async () => {
    const first = await warm(`schema-${isolation}`, iso, 'cp /work/a.txt /output/; exit 4');
    expect(first.code).toBe(4);
    expect(first.result.status).toBe('failed');
    expect(first.result.session).toMatchObject({ kind: 'warm', warm: { reused: false, keptForNext: true } });
    expect(first.result.session!.warm!.coldReason).toMatch(
      /^no warm sandbox with this plan was ready; a fresh sandbox ran the command and is kept for the next run$/,
    );
    expect(first.result.notes.join('\n')).toMatch(/warm: no warm sandbox/);
    expect(fs.readFileSync(path.join(first.out, 'a.txt'), 'utf8')).toBe('original\n');
    const second = await warm(`schema-${isolation}`, iso, 'sleep 30', { extra: ['--timeout', '2s'] });
    // A different timeout is a different plan: its own sandbox.
    expect(second.result.session!.id).not.toBe(first.result.session!.id);
    const third = await warm(`schema-${isolation}`, iso, 'cat /work/a.txt > /output/b.txt');
    reusedFrom(first.result, third.result);
    expect(third.code).toBe(0);
    expect(fs.readdirSync(third.out)).toEqual(['b.txt']);
    expect(third.result.limits).toMatchObject({
      memoryBytes: 2 * 1024 ** 3,
      readOnlyRoot: true,
      capabilities: [],
    });
    expect(third.result.loosened.map((l) => l.option)).toEqual(isoLoosened(isolation));
    expect(third.result.network).toBe('none');
    const late = await warm(`schema-${isolation}`, iso, 'sleep 30 & sleep 40', {
      extra: ['--timeout', '2s'],
    });
    expect(late.code).toBe(124);
    expect(late.result.session!.warm!.keptForNext).toBe(true);
    const after = await warm(`schema-${isolation}`, iso, 'sleep 30 & sleep 40; true', {
      extra: ['--timeout', '2s'],
    });
    reusedFrom(late.result, after.result);
  });
});

d('a warm sandbox that cannot be reset cleanly: a cold run, and the result says why', () => {
  test('a file the sandbox user cannot delete (left by someone else between runs)', async () => {
    const first = await warm('tamper-file', ['--isolation', 'default'], 'true');
    const id = first.result.session!.id;
    execFileSync(
      'docker',
      [
        'exec',
        '-u',
        '0',
        `sandbox-action-${id}`,
        'sh',
        '-c',
        'echo x > /tmp/root-owned; chmod 600 /tmp/root-owned',
      ],
      { timeout: 60_000 },
    );
    const second = await warm('tamper-file', ['--isolation', 'default'], 'ls -A /tmp');
    expect(second.result.status).toBe('succeeded');
    expect(second.result.session!.warm!.reused).toBe(false);
    expect(second.result.session!.id).not.toBe(id);
    expect(second.result.session!.warm!.coldReason).toMatch(
      new RegExp(
        `^the warm sandbox ${id} could not be reset cleanly \\(the wipe left left:/tmp\\), so it was removed; a fresh sandbox ran the command`,
      ),
    );
    expect(second.stderr).not.toContain('root-owned');
    expect(await labelled(engine!, id)).toEqual([]);
  });

  test('a process of the sandbox user started between runs', async () => {
    const first = await warm('tamper-proc', ['--isolation', 'default'], 'true');
    const id = first.result.session!.id;
    execFileSync('docker', ['exec', '-d', '-u', '65534:65534', `sandbox-action-${id}`, 'sleep', '1000'], {
      timeout: 60_000,
    });
    await new Promise((r) => setTimeout(r, 300));
    const second = await warm('tamper-proc', ['--isolation', 'default'], 'true');
    expect(second.result.session!.warm!.reused).toBe(false);
    expect(second.result.session!.warm!.coldReason).toMatch(
      /could not be reset cleanly \(a process outlived the reset: pid \d+ uid 65534 sleep\)/,
    );
    expect(await labelled(engine!, id)).toEqual([]);
  });

  test("the reset's process list is the kernel's: the container's cgroup, read on the host, lists what top does", async () => {
    // src/session/procs.ts reads it in place of the engine's `top` on a local Docker engine. Were it not found (or
    // empty), the reset would fall back to top (or see nothing): both are caught here.
    const first = await warm('cgroup-list', ['--isolation', 'default'], 'true');
    const name = `sandbox-action-${first.result.session!.id}`;
    const cid = execFileSync('docker', ['inspect', '-f', '{{.Id}}', name]).toString().trim();
    execFileSync('docker', ['exec', '-d', '-u', '65534:65534', name, 'sleep', '1000'], { timeout: 60_000 });
    await new Promise((r) => setTimeout(r, 300));
    const host = await hostProcesses(cid, 65533);
    const top = await engine!.top(cid, '-o pid,uid,comm');
    expect(host).not.toBeNull();
    const rows = (t: { processes: string[][] }) => t.processes.map((p) => `${p[0]} ${p[1]}`).sort();
    expect(rows(host!)).toEqual(rows(top));
    expect(host!.processes.filter((p) => p[1] === '65534').map((p) => p[2])).toEqual(['sleep']);
    expect(strayProcesses(host!, 65533)).toEqual([expect.stringMatching(/^pid \d+ uid 65534 sleep$/)]);
  });

  test.each([
    [
      ['--writable-root'],
      /--writable-root: what a run writes to the root filesystem would be seen by the next/,
    ],
    [['--cap-add', 'CHOWN'], /--cap-add CHOWN: a capability lets a run reach past its own processes/],
    [
      ['--allow-root', '--user', '0:0'],
      /--allow-root: uid 0 owns \/dev and the roots of \/tmp and \/dev\/shm/,
    ],
    [['--setup', 'true'], /--setup: the setup phase has a container of its own/],
    [['--isolation', 'runsc'], /--isolation runsc: a warm run's command is exec'd into the warm sandbox/],
  ])('%p makes it cold at once, said in the notes', async (extra, why) => {
    const r = await warm('blocked', extra[0] === '--isolation' ? [] : ['--isolation', 'default'], 'true', {
      extra,
    });
    expect(r.code).toBe(0);
    expect(r.result.session ?? null).toBeNull();
    expect(r.result.notes.join('\n')).toMatch(
      new RegExp(`warm: a cold sandbox ran the command: ${why.source}`),
    );
  });
});
