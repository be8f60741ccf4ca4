import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, test } from '@jest/globals';
import {
  CleanupError,
  EXIT_CODES,
  EngineError,
  HeaderError,
  InputError,
  InternalError,
  InterruptedError,
  ProtocolError,
  RegistryError,
  ReservationError,
  SandboxError,
  errorKind,
  exitCodeFor,
  inputExitCode,
  type CommandKind,
} from '../../src/config/errors.js';
import { envName } from '../../src/action/inputs.js';
import { runAction } from '../../src/action/main.js';
import { main } from '../../src/cli/main.js';
import { failedBeforeRun } from '../../src/cli/door.js';
import { engineSide } from '../../src/sandbox/cleanup.js';

const KINDS: CommandKind[] = ['mirror', 'landrun', 'plain'];

// Each class of failure, and the code each kind of command exits with: [error, mirror, landrun, plain].
const TABLE: [string, unknown, number, number, number][] = [
  ['InputError', new InputError('--memory', "'lots' is not a size"), 125, 2, 2],
  ['HeaderError', new HeaderError("'1x' is not a module name"), 125, 2, 2],
  ['EngineError', new EngineError('docker', 'create', 'no such image'), 125, 125, 1],
  ['ReservationError', new ReservationError('docker', 'fallocate', 'no space'), 125, 125, 1],
  ['RegistryError', new RegistryError('the registry issued no token', null), 125, 125, 1],
  ['CleanupError', new CleanupError(['remove volumes: busy']), 125, 125, 1],
  ['ProtocolError', new ProtocolError('answer larger than 10 bytes'), 125, 125, 1],
  ['SandboxError', new SandboxError(['the root is writable']), 125, 125, 1],
  ['InterruptedError SIGINT', new InterruptedError('SIGINT'), 130, 130, 1],
  ['InterruptedError SIGTERM', new InterruptedError('SIGTERM'), 143, 143, 1],
  ['InterruptedError SIGHUP', new InterruptedError('SIGHUP'), 129, 129, 1],
  ['InternalError', new InternalError('unknown capability 99'), 125, 125, 1],
  ['a plain Error (a bug)', new Error('boom'), 125, 125, 1],
  ['a thrown string', 'boom', 125, 125, 1],
];

describe('the exit-code table: each class of failure × each kind of command', () => {
  test.each(TABLE)('%s', (_name, err, mirror, landrun, plain) => {
    expect(KINDS.map((k) => exitCodeFor(k, err))).toEqual([mirror, landrun, plain]);
  });

  test('every error kind has a code for every command kind; bad input is 2, or 125 for run and exec', () => {
    for (const k of KINDS) {
      expect(Object.keys(EXIT_CODES[k]).sort()).toEqual(
        ['engine', 'input', 'interrupted', 'internal', 'sandbox'].sort(),
      );
    }
    expect(KINDS.map(inputExitCode)).toEqual([125, 2, 2]);
  });

  test('classification is by class, not by message', () => {
    expect(errorKind(new Error('--memory: not a size'))).toBe('internal');
    expect(errorKind(new InputError('x', 'engine: create failed'))).toBe('input');
    // A subclass keeps its parent's kind.
    expect(errorKind(new ReservationError('docker', 'fallocate', 'full'))).toBe('engine');
  });

  test("a run that failed before it began carries the table's code in its result", () => {
    for (const [, err, mirror] of TABLE) expect(failedBeforeRun(err, null).exitCode).toBe(mirror);
  });
});

/** The CLI door, its stdout and stderr kept. */
async function cli(argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (b: Buffer) => (out += b.toString()));
  stderr.on('data', (b: Buffer) => (err += b.toString()));
  const code = await main(argv, { stdout, stderr });
  return { code, stdout: out, stderr: err };
}

/** The action door with these inputs: its exit code and the outputs it set. */
async function action(job: string, inputs: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exit-codes-'));
  const outputFile = path.join(dir, 'output');
  fs.writeFileSync(outputFile, '');
  const saved = process.env;
  process.env = {
    ...Object.fromEntries(Object.entries(saved).filter(([k]) => !k.startsWith('INPUT_'))),
    SANDBOX_ACTION_JOB: job,
    GITHUB_OUTPUT: outputFile,
    RUNNER_TEMP: dir,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [envName(k), v])),
  };
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    const code = await runAction();
    const outputs: Record<string, string> = {};
    const text = fs.readFileSync(outputFile, 'utf8');
    for (const m of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[m[1]!] = m[3]!;
    return { code, outputs };
  } finally {
    process.stdout.write = write;
    process.env = saved;
    // core.setFailed marks the process failed; the test process is not the action.
    process.exitCode = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('both doors give the same code for the same failure', () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  test.each([
    ['a size that is not one', { memory: 'lots' }, ['--memory', 'lots']],
    ['an unknown network mode', { network: 'everywhere' }, ['--network', 'everywhere']],
    ['a timeout that is not a duration', { timeout: 'soon' }, ['--timeout', 'soon']],
  ])('run, %s: the CLI exits with the code the action reports as exit-code', async (_n, input, flags) => {
    const c = await cli(['run', '--image', 'img', ...flags, '--', 'true']);
    const a = await action('run', { image: 'img', run: 'true', ...input });
    expect(c.code).toBe(125);
    expect(a.outputs['exit-code']).toBe(String(c.code));
    expect(a.outputs.status).toBe('error');
    // The action's own step fails as every plain job does on bad input.
    expect(a.code).toBe(inputExitCode('plain'));
    expect(c.stderr.trim().split('\n')).toHaveLength(1);
  });

  test.each([
    ['an unknown builder', { builder: 'magic' }, ['--builder', 'magic']],
    ['a build argument that is not KEY=VALUE', { 'build-args': 'NOEQUALS' }, ['--build-arg', 'NOEQUALS']],
  ])('build, %s: both exit 2', async (_n, input, flags) => {
    const c = await cli(['build', '--registry', 'ghcr.io/o/r', ...flags]);
    const a = await action('build', { registry: 'ghcr.io/o/r', ...input });
    expect(c.code).toBe(2);
    expect(a.code).toBe(c.code);
  });
});

describe('a cleanup failure keeps its causes', () => {
  test.each([
    ['an engine 500', new EngineError('docker', 'remove volume', 'db closed', '', 500), true],
    ['no answer', new EngineError('docker', 'remove volume', 'no engine answers'), true],
    ['a 409', new EngineError('docker', 'remove volume', 'in use', '', 409), false],
    ['a bug', new Error('boom'), false],
  ])('%s: engine-side %s', (_n, cause, side) => {
    const err = new CleanupError(['v1: failed'], [cause]);
    expect(err.message).toBe('v1: failed');
    expect(engineSide(err)).toBe(side);
    expect(exitCodeFor('plain', err)).toBe(1);
  });
});
