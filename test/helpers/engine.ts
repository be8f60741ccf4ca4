/**
 * Integration tests run against the real engine. A missing engine fails the suite, whatever CI says, unless
 * SANDBOX_ALLOW_SKIP=1: then the suites are skipped, and each file says how many of its suites it skipped.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect } from '@jest/globals';
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
/** Two image references name the same image once Podman's registry prefix (docker.io/, localhost/) is set aside. */
export const sameImage = (a: string, b: string) =>
  a.replace(/^(docker\.io|localhost)\//, '') === b.replace(/^(docker\.io|localhost)\//, '');
/** An exec that prints a file of the proxy's container: its image has no shell and no cat, only its own Node. */
export const readInProxy = (file: string) => [
  '/usr/local/bin/node',
  '-e',
  "process.stdout.write(require('fs').readFileSync(process.argv[1], 'utf8'))",
  file,
];
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
    return { engine: null, d: skipOrFail(String(err), process.env) };
  }
}

/**
 * The engine is not usable: fail, unless the environment says SANDBOX_ALLOW_SKIP=1. Then every suite of the file
 * is registered as skipped, counted, and the count printed once the file's suites are registered.
 */
export function skipOrFail(why: string, env: NodeJS.ProcessEnv): typeof describe {
  if (env.SANDBOX_ALLOW_SKIP !== '1') {
    throw new Error(
      `the engine is not usable (set SANDBOX_ALLOW_SKIP=1 to skip these tests instead): ${why}`,
    );
  }
  const file = path.relative(ROOT, expect.getState().testPath ?? 'an integration test');
  let suites = 0;
  setImmediate(() =>
    process.stderr.write(`SKIPPED ${suites} suite(s) of ${file} (SANDBOX_ALLOW_SKIP=1): ${why}\n`),
  );
  const count = <F extends (...a: never[]) => unknown>(f: F): F =>
    ((...a: Parameters<F>) => {
      suites++;
      return f(...a);
    }) as F;
  const skip = count(describe.skip) as typeof describe;
  const eachOf = describe.skip.each.bind(describe.skip) as typeof describe.each;
  (skip as { each: unknown }).each = (...table: Parameters<typeof describe.each>) => {
    const register = (eachOf as (...t: unknown[]) => (...a: unknown[]) => void)(...table);
    return (...a: unknown[]) => {
      suites += Array.isArray(table[0]) ? table[0].length : 1;
      return register(...a);
    };
  };
  return skip;
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
