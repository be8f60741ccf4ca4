/** The bundled action entry (dist/index.js) as the runner starts it: inputs in INPUT_*, outputs in GITHUB_OUTPUT. */
import fs from 'node:fs';
import path from 'node:path';
import { expect, jest, test } from '@jest/globals';
import { BASE, ROOT, engineOrSkip, labelled, tmpDir } from '../helpers/engine.js';
import { envName } from '../../src/action/inputs.js';
import { spawn } from 'node:child_process';

jest.setTimeout(120_000);
const { engine, d } = await engineOrSkip();

function runAction(inputs: Record<string, string>) {
  const dir = tmpDir('action');
  const outFile = path.join(dir, 'output');
  fs.writeFileSync(outFile, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outFile,
    RUNNER_TEMP: dir,
    SANDBOX_ACTION_STATE_DIR: process.env.SANDBOX_ACTION_STATE_DIR,
  };
  for (const [k, v] of Object.entries(inputs)) env[envName(k)] = v;
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/index.js')], { env, cwd: dir });
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stdout += c.toString()));
  return new Promise<{ code: number | null; stdout: string; outputs: Record<string, string> }>((resolve) =>
    child.on('close', (code) => {
      const text = fs.readFileSync(outFile, 'utf8');
      const outputs: Record<string, string> = {};
      // GITHUB_OUTPUT heredoc format: name<<DELIM\nvalue\nDELIM
      for (const m of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[m[1]!] = m[3]!;
      resolve({ code, stdout, outputs });
    }),
  );
}

d('action entry', () => {
  test('a succeeding build sets the outputs and passes', async () => {
    const r = await runAction({
      image: BASE,
      run: 'echo hello from the sandbox; id -u',
      'output-dir': 'collected',
    });
    expect(r.code).toBe(0);
    expect(r.outputs.status).toBe('succeeded');
    expect(r.outputs['exit-code']).toBe('0');
    expect(Number(r.outputs['duration-ms'])).toBeGreaterThan(0);
    const result = JSON.parse(fs.readFileSync(r.outputs['result-json']!, 'utf8'));
    expect(result.user).toBe('65534:65534');
    expect(r.stdout).toMatch(/::stop-commands::[0-9a-f]{32}/);
    // One log group per stage, in order, each ended; the build's own lines sit in the command's group.
    const groups = [...r.stdout.matchAll(/^::group::sandbox-action: (.*)$/gm)].map((m) => m[1]);
    expect(groups).toEqual([
      'prepare (image, engine checks, network, volumes)',
      'the sandboxed command',
      'collect and judge',
      'cleanup',
    ]);
    expect(r.stdout.match(/^::endgroup::$/gm)).toHaveLength(4);
    const at = (s: string) => r.stdout.indexOf(s);
    expect(at('hello from the sandbox')).toBeGreaterThan(
      at('::group::sandbox-action: the sandboxed command'),
    );
    expect(at('hello from the sandbox')).toBeLessThan(at('::group::sandbox-action: collect and judge'));
  });

  test('a failing build fails the step with its exit code', async () => {
    const r = await runAction({ image: BASE, run: 'exit 4' });
    expect(r.code).toBe(1);
    expect(r.outputs.status).toBe('failed');
    expect(r.outputs['exit-code']).toBe('4');
    expect(r.stdout).toMatch(/::error::the sandboxed command failed \(exit 4\)/);
  });

  test('fail-on-error false keeps the step green and still reports', async () => {
    const r = await runAction({ image: BASE, run: 'exit 4', 'fail-on-error': 'false' });
    expect(r.code).toBe(0);
    expect(r.outputs.status).toBe('failed');
  });

  test('an invalid input fails with one line naming it, before any container starts', async () => {
    const before = (await labelled(engine!)).length;
    const r = await runAction({ image: BASE, run: 'true', memory: 'lots' });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^::error::input --memory: 'lots' is not a size/m);
    expect((await labelled(engine!)).length).toBe(before);
  });
});
