/**
 * Faults a user's machine meets (issue 14): a CLI killed with SIGKILL, a CLI that hangs, leftovers past their
 * deadline. The attack is the fault itself; each has its control (the same fault with --no-watchdog, a deadline not
 * yet passed), so the test would notice a watchdog that does nothing.
 */
import { randomUUID } from 'node:crypto';
import { expect, jest, test } from '@jest/globals';
import { BASE, CLI, engineOrSkip, labelled, sh, spawnCli } from '../helpers/engine.js';

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
