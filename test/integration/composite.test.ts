/** action.yml executed as the runner would (test/helpers/composite.ts), against the real engine. */
import fs from 'node:fs';
import path from 'node:path';
import { expect, jest, test } from '@jest/globals';
import { runComposite } from '../helpers/composite.js';
import { BASE, ROOT, engineOrSkip, tmpDir } from '../helpers/engine.js';

jest.setTimeout(120_000);
const { d } = await engineOrSkip();

const run = (inputs: Record<string, string>) =>
  runComposite(ROOT, inputs, {
    workspace: tmpDir('ws'),
    temp: tmpDir('runner-temp'),
    // What a runner's environment has; INPUT_* and ACTIONS_* would be dropped by the harness anyway.
    baseEnv: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      SANDBOX_ACTION_STATE_DIR: process.env.SANDBOX_ACTION_STATE_DIR,
      INPUT_IMAGE: 'leaked',
    },
  });

d('the composite action', () => {
  test('a succeeding build: outputs set, the staged directory holds the files, the upload step gets it', async () => {
    const r = await run({
      image: BASE,
      run: 'echo report > /output/report.txt; mkdir /output/sub; echo x > /output/sub/y',
      'artifact-name': 'results',
    });
    expect(r.failed).toBe(false);
    expect(r.outputs).toMatchObject({ status: 'succeeded', 'exit-code': '0' });
    const dir = r.outputs['outputs-dir']!;
    expect(fs.readFileSync(path.join(dir, 'report.txt'), 'utf8')).toBe('report\n');
    expect(fs.readFileSync(path.join(dir, 'sub/y'), 'utf8')).toBe('x\n');
    expect(r.uses).toEqual([
      {
        id: 'upload',
        uses: 'actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02',
        with: {
          name: 'results',
          path: dir,
          'if-no-files-found': 'warn',
          'retention-days': '',
          'include-hidden-files': 'false',
        },
      },
    ]);
    expect(JSON.parse(fs.readFileSync(r.outputs['result-json']!, 'utf8')).status).toBe('succeeded');
    expect(r.summary).toMatch(/sandbox-action: succeeded \(exit 0\)/);
    expect(r.summary).toMatch(/\*\*Outputs:\*\* 2 files/);
  });

  test('a failing build fails the step, and its outputs are still uploaded', async () => {
    const r = await run({
      image: BASE,
      run: 'echo partial > /output/p.txt; exit 3',
      'artifact-name': 'results',
    });
    expect(r.failed).toBe(true);
    expect(r.outputs).toMatchObject({ status: 'failed', 'exit-code': '3' });
    expect(r.uses.map((u) => u.with.path)).toEqual([r.outputs['outputs-dir']]);
  });

  test('a timed-out build: status timed-out, exit 124', async () => {
    const r = await run({ image: BASE, run: 'sleep 100', timeout: '2s' });
    expect(r.failed).toBe(true);
    expect(r.outputs).toMatchObject({ status: 'timed-out', 'exit-code': '124' });
    expect(r.uses).toEqual([]); // no artifact-name, no upload
  });

  test('malicious entries in /output never reach the staged directory the upload reads', async () => {
    const r = await run({
      image: BASE,
      run: 'cd /output; ln -s /etc/hostname leak; ln -s / root; mkfifo f; echo ok > good; echo h > h1; ln h1 h2',
      'artifact-name': 'results',
    });
    const dir = r.outputs['outputs-dir']!;
    const names = fs.readdirSync(dir).sort();
    expect(names).toEqual(['good', 'h1']);
    for (const n of names) expect(fs.lstatSync(path.join(dir, n)).isFile()).toBe(true);
    const result = JSON.parse(fs.readFileSync(r.outputs['result-json']!, 'utf8'));
    expect(result.outputs.skippedByReason).toEqual({ symlink: 2, fifo: 1, hardlink: 1 });
    expect(r.summary).toMatch(/\*\*Skipped 4:\*\*/);
  });

  test('an invalid input fails before any container, naming the input', async () => {
    const r = await run({ image: BASE, run: 'true', memory: 'lots' });
    expect(r.failed).toBe(true);
    expect(r.log).toMatch(/::error::input --memory: 'lots' is not a size/);
    expect(r.outputs.status).toBe('');
  });
});
