/**
 * Integration tests run against the real engine. Outside CI a missing engine skips them with a loud line;
 * in CI (CI=true) a missing engine fails the run.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { describe } from '@jest/globals';
import { connectEngine, defaultEndpoints, type DockerApiEngine } from '../../src/engine/docker.js';
import { main } from '../../src/cli/main.js';
import type { RunResult } from '../../src/verdict/schema.js';

export const BASE = process.env.SANDBOX_BASE_IMAGE ?? 'sandbox-action/base:bookworm';
/**
 * The engine under test: docker, or podman with SANDBOX_TEST_ENGINE=podman and DOCKER_HOST (or CONTAINER_HOST) at
 * its socket, rootful or rootless (scripts/podman-up.sh starts both; .ci/run runs the sandbox-defaults,
 * workspace-outputs and egress suites so). Test controls and fixtures use that engine's CLI against the same service
 * (`podman --remote --url`), so they run on the same engine, and the same storage, as the sandbox.
 */
export const TEST_ENGINE: 'docker' | 'podman' =
  process.env.SANDBOX_TEST_ENGINE === 'podman' ? 'podman' : 'docker';
export const onPodman = TEST_ENGINE === 'podman';
const podmanUrl = process.env.DOCKER_HOST || process.env.CONTAINER_HOST || 'unix:///run/podman/podman.sock';
/** The CLI's arguments before a command: none for docker; podman's remote client at the service under test. */
export const ENGINE_CLI_PREFIX = onPodman ? ['--remote', '--url', podmanUrl] : [];
export const engineCli = (...args: string[]) =>
  execFileSync(TEST_ENGINE, [...ENGINE_CLI_PREFIX, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(ROOT, 'dist/cli.js');
export const sh = promisify(execFile);

export async function engineOrSkip(): Promise<{ engine: DockerApiEngine | null; d: typeof describe }> {
  try {
    const engine = await connectEngine(defaultEndpoints(process.env));
    if (engine.info.name !== TEST_ENGINE) {
      throw new Error(
        `SANDBOX_TEST_ENGINE is ${TEST_ENGINE} but the engine at ${engine.info.endpoint} is ${engine.info.name}`,
      );
    }
    const base = await engine.imageInspect(BASE);
    if (!base) throw new Error(`base image ${BASE} is missing: run scripts/engine-up.sh`);
    return { engine, d: describe };
  } catch (err) {
    if (process.env.CI === 'true') throw new Error(`CI=true and the engine is not usable: ${String(err)}`);
    process.stderr.write(`SKIPPING integration tests: ${String(err)}\n`);
    return { engine: null, d: describe.skip as typeof describe };
  }
}

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

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  result: RunResult;
}

/** `sandbox-action run --json ARGS` in this process; the build's log is in stderr. */
export async function run(args: string[], cmd: string[], o: { image?: string } = {}): Promise<CliRun> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(['run', '--json', '--quiet', '--image', o.image ?? BASE, ...args, '--', ...cmd], {
    stdout,
    stderr,
  });
  const out = stdout.text();
  let result: RunResult;
  try {
    result = JSON.parse(out.trim().split('\n').pop() ?? '{}') as RunResult;
  } catch {
    throw new Error(`no JSON result; stdout: ${out}\nstderr: ${stderr.text()}`);
  }
  return { code, stdout: out, stderr: stderr.text(), result };
}

/** Run the bundled CLI as its own process (for signals and exit codes). */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

export function tmpDir(prefix: string): string {
  return fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', `sa-test-${prefix}-`));
}

/** Everything labelled by sandbox-action right now (for "nothing left behind"). */
export async function labelled(engine: DockerApiEngine, runId?: string) {
  return engine.listLabelled(runId ? `sandbox-action.run=${runId}` : 'sandbox-action.run');
}

export async function loopDevicesIn(dir: string): Promise<string[]> {
  const { stdout } = await sh('losetup', ['--list', '--json', '--output', 'NAME,BACK-FILE']).catch(() => ({
    stdout: '',
  }));
  if (!stdout.trim()) return [];
  const j = JSON.parse(stdout) as { loopdevices: { name: string; 'back-file': string | null }[] };
  return j.loopdevices.filter((d) => (d['back-file'] ?? '').startsWith(dir)).map((d) => d.name);
}
