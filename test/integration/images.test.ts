/**
 * The python-sandbox image, built from the local base (Debian's packages, as on GitHub), verified as non-root,
 * then used for a real pytest run whose collected JUnit XML is parsed into an annotation at the failing line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, jest, test } from '@jest/globals';
import { parseJunit } from '../../src/report/parsers/junit.js';
import { BASE, ROOT, engineOrSkip, sh, spawnCli, tmpDir } from '../helpers/engine.js';

jest.setTimeout(600_000);
const { d } = await engineOrSkip();
const IMAGE = 'sandbox-action/python-sandbox:test';

d('python-sandbox image', () => {
  beforeAll(async () => {
    await sh(
      'docker',
      [
        'build',
        '-q',
        '--build-arg',
        `BASE_IMAGE=${BASE}`,
        '-t',
        IMAGE,
        path.join(ROOT, 'images/python-sandbox'),
      ],
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    );
  });

  test('its verification command passes, as the non-root user sandbox, in the sandbox', async () => {
    const r = await spawnCli([
      'run',
      '--pull',
      'never',
      '--image',
      IMAGE,
      '--',
      '-c',
      "import os, pytest, numpy, scipy; print('ok', os.getuid())",
    ]).done;
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok 1000$/m);
  });

  test('a project with one failing test: exit 1, JUnit XML collected, the annotation at the failing line', async () => {
    const src = tmpDir('pyproj');
    fs.cpSync(path.join(ROOT, 'examples/python-project'), src, { recursive: true });
    const out = path.join(tmpDir('pyout'), 'o');
    const r = await spawnCli([
      'run',
      '--json',
      '--pull',
      'never',
      '--image',
      IMAGE,
      '--source',
      src,
      '--output-dir',
      out,
      '--',
      '-m',
      'pytest',
      '-q',
      '--junitxml=/output/junit.xml',
    ]).done;
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(result.status).toBe('failed');
    expect(result.outputs.written.map((f: { path: string }) => f.path)).toEqual(['junit.xml']);
    const parsed = parseJunit(fs.readFileSync(path.join(out, 'junit.xml'), 'utf8'), { root: '/work' });
    expect(parsed.annotations.map((a) => [a.path, a.startLine, a.title, a.level])).toEqual([
      ['tests/test_math.py', 10, 'tests.test_math.test_sub failed', 'failure'],
    ]);
    expect(parsed.annotations[0]!.message).toMatch(/assert 5 == 6/);
  });
});
