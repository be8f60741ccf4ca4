/** Interrupts, leftovers, bad input and exit codes, through the bundled CLI as its own process. */
import fs from 'node:fs';
import path from 'node:path';
import { expect, jest, test } from '@jest/globals';
import { BASE, engineOrSkip, labelled, loopDevicesIn, run, sh, spawnCli, tmpDir } from '../helpers/engine.js';

jest.setTimeout(120_000);
const { engine, d } = await engineOrSkip();
const stateDir = process.env.SANDBOX_ACTION_STATE_DIR ?? '/tmp/sandbox-action';

async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

d('lifecycle', () => {
  test.each(['SIGTERM', 'SIGINT'] as const)(
    '%s to the CLI mid-run leaves no labelled resource and no loop device',
    async (signal) => {
      const before = new Set((await labelled(engine!)).map((r) => r.id));
      const loopsBefore = await loopDevicesIn(stateDir);
      const { child, done } = spawnCli([
        'run',
        '--image',
        BASE,
        '--',
        'sh',
        '-c',
        'echo started; sleep 1000',
      ]);
      // Wait until the sandbox container of this run is running.
      const mine = await waitFor(async () => {
        const now = (await labelled(engine!)).filter((r) => !before.has(r.id) && r.kind === 'container');
        return now.length ? now[0] : null;
      }, 20_000);
      const runId = mine.labels['sandbox-action.run']!;
      await waitFor(async () => (await engine!.inspectContainer(mine.id).catch(() => null))?.running, 20_000);
      child.kill(signal);
      const r = await done;
      expect(r.code).toBe(signal === 'SIGTERM' ? 143 : 130);
      expect(r.stderr).toMatch(/interrupted by SIG(TERM|INT)/);
      expect(await labelled(engine!, runId)).toEqual([]);
      expect(await loopDevicesIn(stateDir)).toEqual(loopsBefore);
      expect(fs.readdirSync(stateDir).filter((f) => f.includes(runId))).toEqual([]);
    },
  );

  test('gc removes labelled leftovers older than the cutoff and keeps newer ones', async () => {
    const old = new Date(Date.now() - 2 * 3600_000).toISOString();
    const fresh = new Date().toISOString();
    const mk = async (name: string, created: string) => {
      await sh('docker', [
        'volume',
        'create',
        '--label',
        `sandbox-action.run=${name}`,
        '--label',
        `sandbox-action.created=${created}`,
        name,
      ]);
      await sh('docker', [
        'network',
        'create',
        '--label',
        `sandbox-action.run=${name}`,
        '--label',
        `sandbox-action.created=${created}`,
        name,
      ]);
      await sh('docker', [
        'create',
        '--name',
        name,
        '--label',
        `sandbox-action.run=${name}`,
        '--label',
        `sandbox-action.created=${created}`,
        BASE,
        'true',
      ]);
    };
    await mk('sa-gc-old', old);
    await mk('sa-gc-new', fresh);
    const r = spawnCli(['gc', '--older-than', '1h']);
    const res = await r.done;
    expect(res.code).toBe(0);
    expect(await labelled(engine!, 'sa-gc-old')).toEqual([]);
    expect((await labelled(engine!, 'sa-gc-new')).map((x) => x.kind).sort()).toEqual([
      'container',
      'network',
      'volume',
    ]);
    const all = spawnCli(['gc']);
    expect((await all.done).code).toBe(0);
    expect(await labelled(engine!, 'sa-gc-new')).toEqual([]);
  });

  test.each([
    [
      ['run', '--image', 'no-such-image:never', '--pull', 'never', '--', 'true'],
      /--image: 'no-such-image:never' is not on this engine/,
    ],
    [
      ['run', '--image', BASE, '--source', '/nonexistent/dir', '--', 'true'],
      /--source: '\/nonexistent\/dir' is not a directory/,
    ],
    [['run', '--image', BASE, '--frobnicate', '--', 'true'], /--frobnicate: is not an option/],
    [['run', '--image', BASE, '--memory', '1m', '--', 'true'], /--memory: must be at least 16m/],
    [['run', '--image', BASE, '--timeout', 'soon', '--', 'true'], /--timeout: 'soon' is not a duration/],
    [['run', '--image', BASE, '--'], /command: is empty/],
    [
      ['run', '--image', BASE, '--isolation', 'kata', '--', 'true'],
      /--isolation: 'kata' is not one of default, runsc/,
    ],
    [
      ['run', '--image', BASE, '--user', 'ghost', '--', 'true'],
      /--user: user 'ghost' is not in the image's \/etc\/passwd/,
    ],
  ])('bad input %j: one line, exit 125, nothing left behind', async (args, re) => {
    const loopsBefore = await loopDevicesIn(stateDir);
    const before = (await labelled(engine!)).length;
    // With --json the refused run still has its id: what it left is counted by that id, not engine-wide (other
    // runs come and go on a shared engine). An option the parser refuses ends before there is a run (and before
    // --json is read): then no result, and only the engine-wide count can show nothing was made.
    const r = await spawnCli(['run', '--json', ...args.slice(1)]).done;
    expect(r.code).toBe(125);
    expect(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => !/pulling/.test(l)),
    ).toHaveLength(1);
    expect(r.stderr).toMatch(re);
    if (r.stdout.trim() === '') {
      expect(r.stderr).toMatch(/is not an option/);
      expect((await labelled(engine!)).length).toBe(before);
    } else {
      const result = JSON.parse(r.stdout.trim().split('\n').pop()!) as { runId: string; error: string };
      expect(result.error).toMatch(re);
      expect(result.runId).toMatch(/^[0-9a-z]+-[0-9a-f]{8}$/);
      expect(await labelled(engine!, result.runId)).toEqual([]);
    }
    expect(await loopDevicesIn(stateDir)).toEqual(loopsBefore);
  });

  test.each([
    [['gc', '--older-than', 'yesterday'], /--older-than: /],
    [['gc', 'extra'], /gc takes no arguments/],
    [['frob'], /'frob' is not a command/],
  ])('other subcommands exit 2 on bad input: %j', async (args, re) => {
    const r = await spawnCli(args).done;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(re);
  });

  test('an unreachable engine is named with what to do, exit 125', async () => {
    const r = await spawnCli(['run', '--image', BASE, '--', 'true'], {
      ...process.env,
      DOCKER_HOST: 'unix:///nonexistent.sock',
    }).done;
    expect(r.code).toBe(125);
    expect(r.stderr).toMatch(/no engine answers at unix:\/\/\/nonexistent.sock .*start it/);
  });

  test('exit codes mirror the command', async () => {
    expect((await spawnCli(['run', '--image', BASE, '--', 'sh', '-c', 'exit 7']).done).code).toBe(7);
    expect((await spawnCli(['run', '--image', BASE, '--', 'true']).done).code).toBe(0);
  });

  test('the result object has every field', async () => {
    const out = path.join(tmpDir('res'), 'o');
    const r = await run(
      ['--output-dir', out, '--memory', '256m', '--cpus', '1', '--pids', '100'],
      ['sh', '-c', 'echo hi > /output/a; exit 3'],
    );
    expect(r.code).toBe(3);
    expect(r.result).toMatchObject({
      schemaVersion: 2,
      status: 'failed',
      exitCode: 3,
      commandExitCode: 3,
      limits: {
        memoryBytes: 256 * 1024 ** 2,
        memorySwapBytes: 256 * 1024 ** 2,
        cpus: 1,
        pids: 100,
        readOnlyRoot: true,
      },
      loosened: [],
      outputs: { collected: true, files: 1, bytes: 3 },
      logTruncated: false,
      network: 'none',
    });
    expect(r.result.runId).toMatch(/^[a-z0-9]+-[0-9a-f]{8}$/);
    expect(r.result.durationMs).toBeGreaterThan(0);
  });

  test('on GitHub the log is fenced: a forged workflow command stays inside stop-commands', async () => {
    const r = await spawnCli(
      ['run', '--image', BASE, '--', 'sh', '-c', 'echo "::add-mask::secret"; echo "::error::forged" >&2'],
      {
        ...process.env,
        GITHUB_ACTIONS: 'true',
      },
    ).done;
    const m = /::stop-commands::([0-9a-f]{32})\n([\s\S]*)\n::\1::/.exec(r.stdout);
    expect(m).not.toBeNull();
    expect(m![2]).toContain('::add-mask::secret');
    expect(m![2]).toContain('::error::forged');
  });

  test('a log past --log-limit is cut with one clear line; the build still finishes', async () => {
    const r = await run(
      ['--log-limit', '1k'],
      ['sh', '-c', 'yes x | head -c 100000; echo; echo done-marker > /dev/null; exit 0'],
    );
    expect(r.result.logTruncated).toBe(true);
    expect(r.result.logBytes.shown).toBe(1024);
    expect(r.result.logBytes.dropped).toBeGreaterThan(90_000);
    expect(r.result.status).toBe('succeeded');
    expect(r.stderr).toMatch(/log cut at 1024 bytes/);
  });

  test("a named image user is resolved from the image's /etc/passwd; an image running as root gets 65534", async () => {
    const ctx = tmpDir('img');
    fs.writeFileSync(
      path.join(ctx, 'Dockerfile'),
      `FROM ${BASE}\nRUN useradd -u 4321 -m builder\nUSER builder\n`,
    );
    await sh('docker', ['build', '-q', '-t', 'sandbox-action-test/named-user', ctx]);
    const named = await main_run(
      ['--image', 'sandbox-action-test/named-user'],
      'id -u; touch /work/x && echo wrote',
    );
    expect(named).toMatch(/^4321$/m);
    expect(named).toMatch(/wrote/);
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), `FROM ${BASE}\nUSER root\n`);
    await sh('docker', ['build', '-q', '-t', 'sandbox-action-test/root-user', ctx]);
    const r = await spawnCli(['run', '--image', 'sandbox-action-test/root-user', '--', 'id', '-u']).done;
    expect(r.stdout).toMatch(/^65534$/m);
    expect(r.stderr).toMatch(/the image runs as root/);
  });
});

async function main_run(args: string[], script: string): Promise<string> {
  const r = await spawnCli(['run', ...args, '--', 'sh', '-c', script]).done;
  return r.stdout + r.stderr;
}
