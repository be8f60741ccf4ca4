/**
 * Evidence the verdict needs, by attack:
 *  - the host's disk (threat model 21): on a small filesystem of the test's own (a loop-mounted 2 GiB ext4 image
 *    holding the volume directory), caps that do not fit are refused before anything is made, defaults shrink to
 *    fit, and a build that fills /work to its cap leaves the host filesystem's free space where the reservation put it;
 *  - crowding out (threat model 19): 20,000 junk files before junit.xml; declared, it is still collected (control:
 *    undeclared, it is dropped and nothing names it).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import type { RunResult } from '../../src/verdict/schema.js';
import { BASE, engineOrSkip, labelled, loopDevicesIn, spawnCli, tmpDir } from '../helpers/engine.js';

jest.setTimeout(300_000);
const { engine, d } = await engineOrSkip();
const MiB = 1024 ** 2;

const free = (dir: string) => {
  const s = fs.statfsSync(dir);
  return Number(s.bavail) * Number(s.bsize);
};

d("the disk: volume caps are reserved on a small filesystem of the test's own", () => {
  let mnt = '';
  let image = '';
  beforeAll(() => {
    const dir = tmpDir('smallfs');
    image = path.join(dir, 'fs.img');
    mnt = path.join(dir, 'mnt');
    fs.mkdirSync(mnt);
    execFileSync('truncate', ['-s', '2G', image]);
    execFileSync('mkfs.ext4', ['-q', '-F', '-m', '0', image]);
    execFileSync('mount', ['-o', 'loop', image, mnt]);
  });
  afterAll(async () => {
    // A run moves its loop image aside and a detached `rm` unlinks it after the run has returned (off the run's
    // path, src/sandbox/volumes.ts), and the kernel frees a loop device on its own time: the filesystem may be busy
    // for a moment. It must be free within a minute; if not, say who holds it.
    if (mnt) {
      for (let i = 0; ; i++) {
        try {
          execFileSync('umount', [mnt], { stdio: 'pipe', timeout: 30_000 });
          break;
        } catch (err) {
          if (i >= 120) {
            const who = (() => {
              try {
                return execFileSync('fuser', ['-vm', mnt], { encoding: 'utf8', stdio: 'pipe' });
              } catch (e) {
                return String((e as { stderr?: Buffer }).stderr ?? e);
              }
            })();
            throw new Error(
              `${String(err)}; held by: ${who}; loop devices: ${execFileSync('losetup', ['-a'], { encoding: 'utf8' })}`,
            );
          }
          await new Promise((res) => setTimeout(res, 500));
        }
      }
    }
    if (image) fs.rmSync(path.dirname(image), { recursive: true, force: true });
  });
  const runOn = (args: string[], cmd: string) => {
    const resultFile = path.join(tmpDir('res'), 'r.json');
    return spawnCli(
      [
        'run',
        '--image',
        BASE,
        '--pull',
        'never',
        '--result-file',
        resultFile,
        ...args,
        '--',
        'sh',
        '-c',
        cmd,
      ],
      {
        ...process.env,
        SANDBOX_ACTION_STATE_DIR: mnt,
      },
    ).done.then((r) => ({ ...r, result: JSON.parse(fs.readFileSync(resultFile, 'utf8')) as RunResult }));
  };

  test('caps that do not fit: one line naming the option, exit 125, nothing made (no image, loop device, volume)', async () => {
    const before = (await labelled(engine!)).length;
    const r = await runOn(['--work-size', '3g'], 'echo SHOULD-NOT-RUN');
    expect(r.code).toBe(125);
    expect(r.stdout).not.toContain('SHOULD-NOT-RUN');
    expect(r.stderr).toMatch(
      /^sandbox-action: --work-size: the volumes need .* in .*, which has .* free \(1\.0 GiB is kept for the host\); lower --work-size or free space$/m,
    );
    expect(fs.readdirSync(mnt).filter((f) => f.endsWith('.img'))).toEqual([]);
    expect(await loopDevicesIn(mnt)).toEqual([]);
    expect((await labelled(engine!)).length).toBe(before);
  });

  test('default caps shrink to fit the free space, with a note; the space is reserved while the run lasts', async () => {
    const start = free(mnt);
    const r = await runOn([], 'sleep 1; df -k /work /output | tail -2');
    expect(r.result.status).toBe('succeeded');
    expect(r.result.notes.join('\n')).toMatch(/\/work is capped at .* instead of the default 20 GiB/);
    expect(r.result.volumes.every((v) => v.reserved && v.enforced)).toBe(true);
    const total = r.result.volumes.reduce((n, v) => n + v.sizeBytes, 0);
    expect(total).toBeLessThanOrEqual(start - 1024 * MiB);
    expect(free(mnt)).toBeGreaterThan(start - 16 * MiB); // everything was released after the run
  });

  test('a build that fills /work to its cap leaves the host filesystem the free space the reservation left', async () => {
    const start = free(mnt);
    const during = path.join(tmpDir('during'), 'free');
    // The build writes until /work is full; meanwhile the host's free space is read from outside.
    const child = runOn(
      ['--work-size', '512m', '--output-size', '64m'],
      'dd if=/dev/zero of=/work/fill bs=1M 2>&1 | tail -1; sleep 2; echo FILLED',
    );
    const samples: number[] = [];
    const t = setInterval(() => samples.push(free(mnt)), 200);
    const r = await child;
    clearInterval(t);
    fs.writeFileSync(during, JSON.stringify(samples));
    expect(r.stdout).toMatch(/No space left on device|FILLED/);
    expect(r.result.status).toBe('succeeded');
    // Reserved up front: the host's free space drops by the caps when the volumes are made (a sparse image would
    // not), and however full /work gets it drops no further.
    const caps = (512 + 64) * MiB;
    expect(samples.length).toBeGreaterThan(5);
    expect(Math.min(...samples)).toBeGreaterThan(start - caps - 16 * MiB);
    expect(samples.some((x) => x < start - caps + 16 * MiB)).toBe(true);
  });
});

d('declared evidence is collected first, outside the count cap', () => {
  // The engine's archive lists a folder in lexical order: the junk sorts before junit.xml.
  const crowd = `mkdir -p /output/d; cd /output/d; i=0; while [ $i -lt 20000 ]; do : > a-junk-$i; i=$((i+1)); done; echo '<testsuites/>' > junit.xml`;
  const runIt = async (extra: string[]) => {
    const out = path.join(tmpDir('crowd'), 'o');
    const resultFile = path.join(tmpDir('res'), 'r.json');
    const r = await spawnCli([
      'run',
      '--image',
      BASE,
      '--pull',
      'never',
      '--work-size',
      '128m',
      '--output-size',
      '256m',
      '--output-dir',
      out,
      '--max-output-files',
      '10',
      '--result-file',
      resultFile,
      ...extra,
      '--',
      'sh',
      '-c',
      crowd,
    ]).done;
    return { ...r, out, result: JSON.parse(fs.readFileSync(resultFile, 'utf8')) as RunResult };
  };
  test('declared: junit.xml is collected though 20,000 files came first; the result says it was truncated and by how much', async () => {
    const r = await runIt(['--output', 'd/junit.xml']);
    expect(fs.readFileSync(path.join(r.out, 'd/junit.xml'), 'utf8')).toBe('<testsuites/>\n');
    expect(r.result.outputs).toMatchObject({
      declared: [{ path: 'd/junit.xml', status: 'collected', size: 14 }],
      truncated: true,
      droppedByCaps: 20000 - 10,
      files: 11,
    });
    expect(r.result.verdict.judges.find((j) => j.judge === 'declared-outputs')!.passed).toBe(true);
  });
  test('control: undeclared, junit.xml is crowded out, and nothing of the result names it', async () => {
    const r = await runIt([]);
    expect(fs.existsSync(path.join(r.out, 'd/junit.xml'))).toBe(false);
    expect(r.result.outputs.truncated).toBe(true);
    expect(JSON.stringify(r.result.outputs.skipped)).not.toContain('junit.xml');
  });
  test('a declared output that is a link, or missing, fails the verdict by name', async () => {
    const out = path.join(tmpDir('link'), 'o');
    const resultFile = path.join(tmpDir('res'), 'r.json');
    const r = await spawnCli([
      'run',
      '--image',
      BASE,
      '--pull',
      'never',
      '--work-size',
      '128m',
      '--output-size',
      '64m',
      '--output-dir',
      out,
      '--result-file',
      resultFile,
      '--output',
      'junit.xml',
      '--output',
      'report.json',
      '--',
      'sh',
      '-c',
      'ln -s /etc/shadow /output/junit.xml',
    ]).done;
    const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as RunResult;
    expect(r.code).toBe(1);
    expect(result.status).toBe('failed');
    expect(result.outputs.declared).toEqual([
      { path: 'junit.xml', status: 'not-a-regular-file', size: null },
      { path: 'report.json', status: 'missing', size: null },
    ]);
    expect(fs.readdirSync(out)).toEqual([]);
  });
});
