/**
 * Faults a user's machine meets (issue 14): a CLI killed with SIGKILL, a CLI that hangs, leftovers past their
 * deadline. The attack is the fault itself; each has its control (the same fault with --no-watchdog, a deadline not
 * yet passed), so the test would notice a watchdog that does nothing.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, expect, jest, test } from '@jest/globals';
import { BASE, CLI, engineOrSkip, labelled, loopDevicesIn, sh, spawnCli, tmpDir } from '../helpers/engine.js';
import { privateEngine, type PrivateEngine } from '../helpers/private-engine.js';

jest.setTimeout(180_000);
const { engine, d } = await engineOrSkip();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The run id of the sandbox container whose environment holds `mark` (other runs may share the engine). */
async function runOf(mark: string, ms = 30_000): Promise<string> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const { stdout } = await sh('docker', ['ps', '-q', '--filter', 'label=sandbox-action.role=sandbox']);
    const ids = stdout.split('\n').filter(Boolean);
    // One inspect for all (other runs may hold many sandboxes); a container gone meanwhile fails only its line.
    const j = ids.length
      ? await sh('docker', [
          'inspect',
          '--format',
          '{{json .Config.Env}} {{index .Config.Labels "sandbox-action.run"}}',
          ...ids,
        ]).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }))
      : { stdout: '' };
    const line = j.stdout.split('\n').find((l) => l.includes(mark));
    if (line) return line.trim().split(' ').pop()!;
    await sleep(200);
  }
  throw new Error(`no running sandbox with ${mark}`);
}

async function running(runId: string): Promise<string[]> {
  const { stdout } = await sh('docker', ['ps', '-q', '--filter', `label=sandbox-action.run=${runId}`]);
  return stdout.split('\n').filter(Boolean);
}

function start(extra: string[], cmd = ['sleep', '1000']) {
  const mark = `SA_FAULT_MARK=${randomUUID()}`;
  const cli = spawnCli(['run', '--image', BASE, '--timeout', '10s', '--env', mark, ...extra, '--', ...cmd]);
  return { ...cli, mark };
}

d('faults leave nothing running', () => {
  test('SIGKILL of the CLI mid-run: 15 s later no container of the run runs, and then nothing of it is left', async () => {
    const { child, done, mark } = start([]);
    const runId = await runOf(mark);
    child.kill('SIGKILL');
    await done;
    await sleep(15_000);
    expect(await running(runId)).toEqual([]);
    // The watchdog removed the rest too (containers, networks, volumes and loop devices).
    expect(await labelled(engine!, runId)).toEqual([]);
  });

  test('control: the same SIGKILL with --no-watchdog leaves the untrusted command running past its timeout', async () => {
    const { child, done, mark } = start(['--no-watchdog']);
    const runId = await runOf(mark);
    child.kill('SIGKILL');
    await done;
    await sleep(15_000);
    try {
      expect(await running(runId)).toHaveLength(1);
    } finally {
      await sh('node', [CLI, 'gc', '--run', runId]);
    }
    expect(await labelled(engine!, runId)).toEqual([]);
  });

  test('a CLI that hangs (SIGSTOP) cannot keep the sandbox past its deadline (timeout + 30 s)', async () => {
    const { child, done, mark } = start([], ['sleep', '1000']);
    const runId = await runOf(mark).catch(async (e: unknown) => {
      child.kill('SIGKILL');
      throw new Error(`${String(e)}: ${JSON.stringify(await done)}`);
    });
    const { stdout } = await sh('docker', [
      'ps',
      '--filter',
      `label=sandbox-action.run=${runId}`,
      '--format',
      '{{.Label "sandbox-action.deadline"}}',
    ]);
    const deadline = Date.parse(stdout.trim());
    expect(deadline).toBeGreaterThan(Date.now());
    child.kill('SIGSTOP');
    try {
      // Control: before the deadline it still runs (the watchdog does not kill early).
      await sleep(Math.max(0, deadline - Date.now() - 5_000));
      expect(await running(runId)).toHaveLength(1);
      await sleep(Math.max(0, deadline - Date.now()) + 5_000);
      expect(await running(runId)).toEqual([]);
    } finally {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      await done;
    }
    await sleep(5_000);
    expect(await labelled(engine!, runId)).toEqual([]);
  });

  test('gc removes a container past its deadline whatever its age; one before its deadline is kept', async () => {
    const now = new Date();
    const make = (run: string, deadline: Date) =>
      sh('docker', [
        'run',
        '-d',
        '--label',
        `sandbox-action.run=${run}`,
        '--label',
        `sandbox-action.created=${now.toISOString()}`,
        '--label',
        `sandbox-action.deadline=${deadline.toISOString()}`,
        '--entrypoint',
        'sleep',
        BASE,
        '1000',
      ]);
    const past = `${Date.now().toString(36)}-dead1`;
    const future = `${Date.now().toString(36)}-dead2`;
    await make(past, new Date(now.getTime() - 1000));
    await make(future, new Date(now.getTime() + 3_600_000));
    await sh('node', [CLI, 'gc', '--older-than', '1h']);
    expect(await labelled(engine!, past)).toEqual([]);
    expect((await labelled(engine!, future)).map((r) => r.kind)).toEqual(['container']);
    await sh('node', [CLI, 'gc', '--run', future]);
    expect(await labelled(engine!, future)).toEqual([]);
  });
});

/** The run's JSON result from a finished spawnCli (its last stdout line). */
function resultOf(r: { stdout: string; stderr: string }): {
  status: string;
  exitCode: number;
  error: string | null;
} {
  const last = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as { status: string; exitCode: number; error: string | null };
  } catch {
    throw new Error(`no JSON result: ${r.stdout} ${r.stderr}`);
  }
}

d('an exit the engine caused is no verdict of the command', () => {
  test('docker stop from the host mid-run: status error, exit 125, the reason named (not failed 143)', async () => {
    const { child, done, mark } = start(['--json', '--quiet'], ['sleep', '1000']);
    const runId = await runOf(mark).catch((e: unknown) => {
      child.kill('SIGKILL');
      throw e;
    });
    await sh('docker', ['stop', '-t', '1', `sandbox-action-${runId}`]);
    const r = await done;
    const res = resultOf(r);
    expect({ code: r.code, status: res.status, exitCode: res.exitCode }).toEqual({
      code: 125,
      status: 'error',
      exitCode: 125,
    });
    expect(res.error).toMatch(/the engine stopped the container \(kill with signal 15, not sent by this run/);
    expect(await labelled(engine!, runId)).toEqual([]);
  });

  test('control: the command that ends itself with SIGTERM (143) is the command failing, and a timeout is a timeout', async () => {
    const own = await done(start(['--json', '--quiet'], ['sh', '-c', 'kill -TERM $$; sleep 5']));
    expect([own.code, resultOf(own).status, resultOf(own).exitCode]).toEqual([143, 'failed', 143]);
    const late = await done(start(['--json', '--quiet', '--timeout', '2s'], ['sleep', '1000']));
    expect([late.code, resultOf(late).status]).toEqual([124, 'timed-out']);
  });
});

async function done(s: { done: Promise<{ code: number | null; stdout: string; stderr: string }> }) {
  return s.done;
}

d('an engine restart mid-run', () => {
  let pe: PrivateEngine | null = null;
  const stateDir = tmpDir('restart-state');
  afterAll(async () => {
    await pe?.close();
    // A failing run of this test leaves its loop devices: detached here, so the machine is clean either way.
    for (const dev of await loopDevicesIn(stateDir)) await sh('losetup', ['-d', dev]).catch(() => undefined);
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  test('status error with the reason, exit 125; its volumes and loop devices removed once the engine is back', async () => {
    pe = await privateEngine();
    const env = { ...process.env, DOCKER_HOST: pe.host, SANDBOX_ACTION_STATE_DIR: stateDir };
    const args = ['run', '--json', '--quiet', '--image', BASE, '--work-size', '64m', '--output-size', '64m'];
    const run = spawnCli([...args, '--pull', 'never', '--', 'sleep', '30'], env);
    // The sandbox is running, then the engine stops (as `systemctl restart docker` does) and comes back.
    for (let i = 0; i < 100; i++) {
      const { stdout } = await sh('docker', [
        '-H',
        pe.host,
        'ps',
        '-q',
        '--filter',
        'label=sandbox-action.role=sandbox',
      ]);
      if (stdout.trim()) break;
      await sleep(200);
    }
    await pe.stop();
    await sleep(1000);
    await pe.start();
    const r = await run.done;
    const res = resultOf(r);
    expect({ code: r.code, status: res.status, exitCode: res.exitCode }).toEqual({
      code: 125,
      status: 'error',
      exitCode: 125,
    });
    expect(res.error).toMatch(/the engine stopped the container/);
    // Nothing left: no volume in the engine, no loop device on its images, no image file.
    expect((await sh('docker', ['-H', pe.host, 'volume', 'ls', '-q'])).stdout.trim()).toBe('');
    expect(await loopDevicesIn(stateDir)).toEqual([]);
    expect(fs.readdirSync(stateDir).filter((f) => f.endsWith('.img'))).toEqual([]);
  });
});
