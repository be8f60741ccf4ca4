/**
 * The watchdog's sentinel (src/sandbox/watchdog.ts, SENTINEL_SCRIPT) under /bin/sh, with real processes: it must
 * hand over to the Node watchdog (here a stand-in that writes a file, run by the same `exec "$@"`) when its parent is
 * gone, when the parent's PID is another process's (its start time differs), or when its time is up, and not before.
 * The parent has a command name with spaces and `)` in it, as a sandboxed build cannot choose for the CLI but a
 * careless parser would misread (a parser that splits at the first `)` reads the wrong start time: row "alive" fails).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { HANDOVER_MS, SENTINEL_SCRIPT, processStart } from '../../src/sandbox/watchdog.js';
import { DEADLINE_GRACE_MS } from '../../src/sandbox/plan.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-sentinel-'));
const sleeper = path.join(dir, 'x) 1 2 3 4');
fs.copyFileSync('/bin/sleep', sleeper);
fs.chmodSync(sleeper, 0o755);
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function parent(): Promise<{ pid: number; start: string; kill(): void }> {
  const c = spawn(sleeper, ['60'], { stdio: 'ignore' });
  children.push(c);
  await sleep(100);
  const start = processStart(c.pid!);
  if (!start) throw new Error('the parent did not start');
  return { pid: c.pid!, start, kill: () => c.kill('SIGKILL') };
}

/** The sentinel watching `pid`/`start` until `untilS` (epoch seconds); `handed()` is when it exec'd the stand-in. */
function sentinel(pid: number, start: string, untilS: number) {
  const marker = path.join(dir, `handed-${children.length}`);
  const began = Date.now();
  const c = spawn(
    '/bin/sh',
    [
      '-c',
      SENTINEL_SCRIPT,
      'sh',
      String(pid),
      start,
      String(untilS),
      '/bin/sh',
      '-c',
      'date +%s%3N > "$0"',
      marker,
    ],
    { stdio: 'ignore' },
  );
  children.push(c);
  return {
    began,
    /** Milliseconds from the sentinel's start to its handover, or null if it has not handed over. */
    handed: () => (fs.existsSync(marker) ? Number(fs.readFileSync(marker, 'utf8').trim()) - began : null),
  };
}

const later = () => Math.floor(Date.now() / 1000) + 3600;

describe('the sentinel hands over when it must, and not before', () => {
  test('hands over before any deadline: HANDOVER_MS is inside the grace every deadline has', () => {
    expect(HANDOVER_MS).toBeLessThan(DEADLINE_GRACE_MS);
    expect(HANDOVER_MS).toBeGreaterThan(0);
  });

  test.each<
    [string, (p: { pid: number; start: string; kill(): void }) => [number, string, number], number | null]
  >([
    // Control for the rows below: a live parent with its own start time keeps the sentinel waiting.
    ['alive: no handover', (p) => [p.pid, p.start, later()], null],
    [
      "the parent's PID with another start time (reused): at once",
      (p) => [p.pid, String(Number(p.start) + 1), later()],
      1500,
    ],
    ['a PID no process has: at once', () => [2 ** 22 + 7, '1', later()], 1500],
    [
      'its time is up while the parent lives',
      (p) => [p.pid, p.start, Math.floor(Date.now() / 1000) + 2],
      4000,
    ],
  ])('%s', async (_name, args, within) => {
    const p = await parent();
    const s = sentinel(...args(p));
    await sleep(within ?? 3500);
    if (within === null) {
      expect(s.handed()).toBeNull();
    } else {
      expect(s.handed()).not.toBeNull();
      expect(s.handed()!).toBeLessThanOrEqual(within);
    }
    p.kill();
  });

  test('the parent killed: handed over after the kill, within its one-second poll', async () => {
    const p = await parent();
    const s = sentinel(p.pid, p.start, later());
    await sleep(1500);
    expect(s.handed()).toBeNull();
    const killedAfter = Date.now() - s.began;
    p.kill();
    await sleep(2500);
    expect(s.handed()).not.toBeNull();
    expect(s.handed()!).toBeGreaterThanOrEqual(killedAfter);
    // One poll is a second; the rest is slack for a busy machine.
    expect(s.handed()! - killedAfter).toBeLessThanOrEqual(2000);
  });
});
