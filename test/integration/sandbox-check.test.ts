/**
 * The sandbox is what the plan said, or the command does not run (threat model 20), by attack: a lying engine (the
 * real engine behind test/helpers/lying-engine.ts) drops a flag of the create request; the conformance check sees
 * it before start. When the engine also lies in its inspect answer, the self-check inside the sandbox sees it.
 * Controls: the honest proxy runs the command; --skip-self-check lets the lie through (and the command proves it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, jest, test } from '@jest/globals';
import type { RunResult } from '../../src/verdict/schema.js';
import { BASE, engineOrSkip, labelled, spawnCli, tmpDir } from '../helpers/engine.js';
import { lyingEngine, type Lies, type LyingEngine } from '../helpers/lying-engine.js';

jest.setTimeout(120_000);
const { engine, d } = await engineOrSkip();

type Body = Record<string, unknown> & { HostConfig: Record<string, unknown> };

async function runThrough(lies: Lies, cmd: string, extra: string[] = []) {
  const e: LyingEngine = await lyingEngine(lies);
  const resultFile = path.join(tmpDir('res'), 'result.json');
  const before = (await labelled(engine!)).length;
  try {
    const r = await spawnCli(
      [
        'run',
        '--image',
        BASE,
        '--pull',
        'never',
        '--work-size',
        '128m',
        '--output-size',
        '64m',
        '--result-file',
        resultFile,
        ...extra,
        '--',
        'sh',
        '-c',
        cmd,
      ],
      { ...process.env, DOCKER_HOST: e.endpoint },
    ).done;
    const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as RunResult;
    return { ...r, result, left: (await labelled(engine!)).length - before };
  } finally {
    await e.close();
  }
}

d('conformance: the created container is compared with the plan before start', () => {
  test('control: through the honest proxy the command runs', async () => {
    const r = await runThrough({}, 'echo RAN; touch /var/tmp/x 2>/dev/null || echo ROOT-READ-ONLY');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('RAN');
    expect(r.stdout).toContain('ROOT-READ-ONLY');
    expect(r.result.sandbox).toMatchObject({
      conformance: { ok: true, mismatches: [] },
      selfCheck: { ok: true },
    });
  });

  test.each<[string, (b: Body) => void, RegExp]>([
    [
      'ReadonlyRootfs ignored',
      (b) => (b.HostConfig.ReadonlyRootfs = false),
      /ReadonlyRootfs: the plan says true, the engine made false/,
    ],
    ['CapDrop ignored', (b) => (b.HostConfig.CapDrop = []), /CapDrop: the plan says \["ALL"\]/],
    [
      'no-new-privileges dropped',
      (b) => (b.HostConfig.SecurityOpt = []),
      /no-new-privileges: the plan says true/,
    ],
    [
      'seccomp turned off',
      (b) => (b.HostConfig.SecurityOpt = ['no-new-privileges:true', 'seccomp=unconfined']),
      /seccomp: the plan says "the engine default profile"/,
    ],
    [
      'a network instead of none',
      (b) => (b.HostConfig.NetworkMode = 'bridge'),
      /NetworkMode: the plan says "none", the engine made "bridge"/,
    ],
    [
      'no memory limit',
      (b) => ((b.HostConfig.Memory = 0), (b.HostConfig.MemorySwap = 0)),
      /Memory: the plan says 2147483648, the engine made 0/,
    ],
    ['no pids limit', (b) => (b.HostConfig.PidsLimit = 0), /PidsLimit: the plan says 512/],
    [
      'root instead of the sandbox user',
      (b) => (b.User = '0:0'),
      /user: the plan says "65534:65534", the engine made "0:0"/,
    ],
    [
      'an extra mount of the host',
      (b) =>
        (b.HostConfig.Mounts = [
          ...(b.HostConfig.Mounts as unknown[]),
          { Type: 'bind', Source: '/etc', Target: '/host-etc', ReadOnly: true },
        ]),
      /mounts: the plan says \[[^\]]*\], the engine made \[[^\]]*"\/host-etc"/,
    ],
  ])(
    '%s: refused before start (exit 125, one line, the command never ran, nothing left)',
    async (_n, lie, re) => {
      const r = await runThrough({ create: (b) => lie(b as Body) }, 'echo SHOULD-NOT-RUN');
      expect(r.code).toBe(125);
      expect(r.stdout).not.toContain('SHOULD-NOT-RUN');
      expect(r.stderr).toMatch(re);
      expect(
        r.stderr.split('\n').filter((l) => /the sandbox is not what the plan said/.test(l)),
      ).toHaveLength(1);
      expect(r.result).toMatchObject({
        status: 'error',
        exitCode: 125,
        sandbox: { conformance: { ok: false } },
      });
      expect(r.left).toBe(0);
    },
  );
});

d('self-check: the sandbox checks itself from inside before the command', () => {
  // The engine drops a flag and its inspect answer hides it: only the view from inside can tell.
  const hidden = (change: (b: Body) => void, restore: (j: Body) => void): Lies => ({
    create: (b) => change(b as Body),
    inspect: (j) => restore(j as Body),
  });
  test.each<[string, Lies, RegExp]>([
    [
      'a writable root',
      hidden(
        (b) => (b.HostConfig.ReadonlyRootfs = false),
        (j) => (j.HostConfig.ReadonlyRootfs = true),
      ),
      /the root filesystem is mounted rw/,
    ],
    [
      'no seccomp filter',
      hidden(
        (b) => (b.HostConfig.SecurityOpt = ['no-new-privileges:true', 'seccomp=unconfined']),
        (j) => (j.HostConfig.SecurityOpt = ['no-new-privileges:true']),
      ),
      /seccomp mode is 0, not 2/,
    ],
    [
      'root',
      hidden(
        (b) => (b.User = '0:0'),
        (j) => ((j.Config as Record<string, unknown>).User = '65534:65534'),
      ),
      /uid is 0, the plan says 65534/,
    ],
    [
      'capabilities',
      hidden(
        (b) => (b.HostConfig.CapDrop = []),
        (j) => (j.HostConfig.CapDrop = ['ALL']),
      ),
      /capbnd is 00000000a80425fb, beyond the plan's 0000000000000000/,
    ],
  ])('%s behind a lying inspect: the self-check refuses, the command never runs', async (_n, lies, re) => {
    const r = await runThrough(lies, 'echo SHOULD-NOT-RUN');
    expect(r.stdout).not.toContain('SHOULD-NOT-RUN');
    expect(r.code).toBe(125);
    expect(r.stderr).toMatch(re);
    expect(r.result).toMatchObject({
      status: 'error',
      sandbox: { conformance: { ok: true }, selfCheck: { ok: false } },
    });
    expect(r.left).toBe(0);
  });

  test('control: with --skip-self-check the same lie goes through, and the command can write the root', async () => {
    const lies = hidden(
      (b) => (b.HostConfig.ReadonlyRootfs = false),
      (j) => (j.HostConfig.ReadonlyRootfs = true),
    );
    const r = await runThrough(lies, 'touch /var/tmp/pwned && echo ROOT-WRITTEN', ['--skip-self-check']);
    expect(r.stdout).toContain('ROOT-WRITTEN');
    expect(r.result.loosened.map((l) => l.option)).toContain('--skip-self-check');
  });
});

d('fail closed: every run writes a result, also when sandbox-action or the engine fails', () => {
  test('the engine goes away mid-run: status error with the reason, exit 125, the result file written', async () => {
    const e = await lyingEngine();
    const resultFile = path.join(tmpDir('res'), 'result.json');
    const child = spawnCli(
      [
        'run',
        '--image',
        BASE,
        '--pull',
        'never',
        '--work-size',
        '128m',
        '--output-size',
        '64m',
        '--result-file',
        resultFile,
        '--',
        'sleep',
        '30',
      ],
      {
        ...process.env,
        DOCKER_HOST: e.endpoint,
      },
    );
    await new Promise((r) => setTimeout(r, 2500));
    const t = Date.now();
    e.cut();
    const r = await child.done;
    expect(Date.now() - t).toBeLessThan(10_000);
    expect(r.code).toBe(125);
    const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as RunResult;
    expect(result).toMatchObject({ status: 'error', exitCode: 125 });
    expect(result.error).toMatch(/engine|socket|ECONNRESET/i);
    await e.close();
    // What the run left on the engine (it could not remove it: the engine was gone) is labelled for gc.
    const runId = result.runId;
    const left = await labelled(engine!, runId);
    expect(left.length).toBeGreaterThan(0);
    for (const c of left.filter((x) => x.kind === 'container')) await engine!.removeContainer(c.id);
    for (const v of left.filter((x) => x.kind === 'volume')) await engine!.removeVolume(v.name);
  });

  test('ENOSPC while writing the log copy: the run stops at once, status error naming it, the result written', async () => {
    const small = tmpDir('enospc');
    const { execFileSync } = await import('node:child_process');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', small]);
    try {
      const resultFile = path.join(tmpDir('res'), 'result.json');
      const t = Date.now();
      const r = await spawnCli([
        'run',
        '--image',
        BASE,
        '--pull',
        'never',
        '--work-size',
        '128m',
        '--output-size',
        '64m',
        '--log-file',
        path.join(small, 'log.txt'),
        '--result-file',
        resultFile,
        '--',
        'sh',
        '-c',
        'head -c 3000000 /dev/zero | tr "\\0" x; sleep 30; echo END',
      ]).done;
      expect(Date.now() - t).toBeLessThan(20_000);
      expect(r.code).toBe(125);
      expect(r.stdout).not.toContain('END');
      const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as RunResult;
      expect(result.status).toBe('error');
      expect(result.error).toMatch(/ENOSPC/);
      expect(await labelled(engine!, result.runId)).toEqual([]);
    } finally {
      execFileSync('umount', [small]);
    }
  });
});

d(
  'fail closed on a bug: a TypeError inside sandbox-action still gives an error result and removes the run',
  () => {
    test('an engine call that throws (injected) mid-run: status error, "internal error", nothing left', async () => {
      const { executeRun } = await import('../../src/sandbox/execute.js');
      const { parseRunOptions } = await import('../../src/config/run-options.js');
      const { defaultVolumeHost } = await import('../../src/sandbox/volumes.js');
      const real = engine!;
      // The fault: after the command ran, reading its state throws as a bug would.
      const buggy = new Proxy(real, {
        get(target, prop, receiver) {
          if (prop === 'inspectContainer')
            return () =>
              Promise.reject(new TypeError("Cannot read properties of undefined (reading 'ExitCode')"));
          const v = Reflect.get(target, prop, receiver) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
      const spec = parseRunOptions(
        { image: BASE, pull: 'never', 'work-size': '128m', 'output-size': '64m' },
        ['sh', '-c', 'echo RAN'],
        { cpus: 2, cwd: '/' },
      );
      const sink = { write: () => undefined };
      const result = await executeRun(spec, {
        engine: buggy,
        volumeHost: defaultVolumeHost(process.env.SANDBOX_ACTION_STATE_DIR ?? '/tmp/sandbox-action', true),
        log: { stdout: sink, stderr: sink },
        notice: () => undefined,
        fenceWorkflowCommands: false,
        signal: new AbortController().signal,
        now: () => new Date(),
        random: () => Math.random().toString(16).slice(2, 10),
      });
      expect(result).toMatchObject({ status: 'error', exitCode: 125 });
      expect(result.error).toBe(
        "internal error in sandbox-action: Cannot read properties of undefined (reading 'ExitCode')",
      );
      expect(result.verdict).toEqual({ passed: false, judges: [] });
      expect(await labelled(real, result.runId)).toEqual([]);
    });
  },
);

d('the log fence closes after the last byte of the build, and nothing follows it', () => {
  const fenced = async (afterMs: number) => {
    const e = await lyingEngine({
      lateAttach: { afterMs, stdout: '::error::forged after the build ended\n' },
    });
    try {
      return await spawnCli(
        [
          'run',
          '--image',
          BASE,
          '--pull',
          'never',
          '--work-size',
          '128m',
          '--output-size',
          '64m',
          '--',
          'sh',
          '-c',
          'echo last line of the build',
        ],
        {
          ...process.env,
          DOCKER_HOST: e.endpoint,
          GITHUB_ACTIONS: 'true',
        },
      ).done;
    } finally {
      await e.close();
    }
  };
  const fence = (stdout: string) => {
    const token = /^::stop-commands::([0-9a-f]{32})$/m.exec(stdout)?.[1];
    const start = stdout.indexOf(`::stop-commands::${token}`);
    const end = stdout.indexOf(`::${token}::`);
    return { token, inside: stdout.slice(start, end), after: stdout.slice(end + `::${token}::`.length) };
  };
  test('a chunk that arrives while the output drains is inside the fence (control: the lying engine does inject)', async () => {
    const r = await fenced(500);
    const f = fence(r.stdout);
    expect(f.token).toBeDefined();
    expect(f.inside).toContain('last line of the build');
    expect(f.inside).toContain('::error::forged after the build ended');
    expect(f.after.trim()).toBe('');
  });
  test('a stream that stays open past the drain window is cut: the late chunk never appears, after the fence least of all', async () => {
    const r = await fenced(4500);
    const f = fence(r.stdout);
    expect(f.inside).toContain('last line of the build');
    expect(r.stdout).not.toContain('forged after the build ended');
    expect(f.after.trim()).toBe('');
  });
});
