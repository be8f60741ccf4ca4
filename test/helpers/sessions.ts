/** Session commands through the CLI, in this process (as test/helpers/engine.ts does for run). */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { RunResult } from '../../src/verdict/schema.js';
import { BASE } from './engine.js';

/** Small volumes: loop volumes reserve real disk. */
export const SMALL = ['--work-size', '256m', '--output-size', '64m'];
export const STATE_DIR = process.env.SANDBOX_ACTION_STATE_DIR ?? '/tmp/sandbox-action';

class Capture extends Writable {
  chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void) {
    this.chunks.push(Buffer.from(chunk));
    cb();
  }
  text() {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

export interface Cli {
  code: number;
  stdout: string;
  stderr: string;
}

export async function sa(args: string[]): Promise<Cli> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(args, { stdout, stderr });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** `create` with the base image and small volumes; the session id. */
export async function create(args: string[] = [], image = BASE): Promise<string> {
  const r = await sa(['create', '--image', image, ...SMALL, ...args]);
  if (r.code !== 0) throw new Error(`create failed (${r.code}): ${r.stderr}`);
  return r.stdout.trim();
}

/** `exec --json`: the result, and the command's output (on stderr with --json). */
export async function exec(
  id: string,
  cmd: string[],
  args: string[] = [],
): Promise<Cli & { result: RunResult }> {
  const r = await sa(['exec', '--json', '--quiet', ...args, id, '--', ...cmd]);
  const last = r.stdout.trim().split('\n').pop() ?? '{}';
  return { ...r, result: JSON.parse(last) as RunResult };
}

/** The session records on disk right now. */
export function records(): string[] {
  const dir = path.join(STATE_DIR, 'sessions');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
}

/**
 * The isolation options of a test matrix entry. Under gVisor a session's commands are exec'd, and runsc 20221219
 * applies no seccomp filter to an exec'd process, so sessions there take --allow-weaker-gvisor (a recorded
 * loosening; without it create is refused and a warm run is cold, as tested).
 */
export const isoArgs = (isolation: string) =>
  isolation === 'runsc' ? ['--isolation', 'runsc', '--allow-weaker-gvisor'] : ['--isolation', isolation];
export const isoLoosened = (isolation: string) => (isolation === 'runsc' ? ['--allow-weaker-gvisor'] : []);
