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
      ['tests/test_math.py', 10, 'junit: test failed', 'failure'],
    ]);
    expect(parsed.annotations[0]!.message).toMatch(/assert 5 == 6/);
  });

  test('end to end: the python-tests preset in the sandbox, its result file reported (--dry-run) at the failing line', async () => {
    const src = tmpDir('pyproj2');
    fs.cpSync(path.join(ROOT, 'examples/python-project'), src, { recursive: true });
    const dir = tmpDir('pyout2');
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
      path.join(dir, 'o'),
      // The python-tests preset supplies the command (pytest with JUnit XML into /output) and the parser.
      '--preset',
      'python-tests',
      '--log-file',
      path.join(dir, 'result', 'log.txt'),
      // The subject the report checks (without an event it takes it from its own flags).
      '--head-sha',
      'b'.repeat(40),
      '--base-ref',
      'main',
      '--repository',
      'o/r',
    ]).done;
    expect(r.code).toBe(1);
    // The capped copy of the log, for the result artifact, holds what pytest printed.
    expect(fs.readFileSync(path.join(dir, 'result', 'log.txt'), 'utf8')).toMatch(/1 failed/);
    const resultFile = path.join(dir, 'result.json');
    fs.writeFileSync(resultFile, r.stdout.trim().split('\n').pop()!);
    const report = await spawnCli([
      'report',
      '--result',
      resultFile,
      '--repository',
      'o/r',
      '--head-sha',
      'b'.repeat(40),
      '--base-ref',
      'main',
      '--dry-run',
    ]).done;
    expect(report.code).toBe(0);
    const [create] = JSON.parse(report.stdout) as {
      body: { conclusion: string; output: { annotations: Record<string, unknown>[] } };
    }[];
    expect(create!.body.conclusion).toBe('failure');
    expect(create!.body.output.annotations).toEqual([
      expect.objectContaining({
        path: 'tests/test_math.py',
        start_line: 10,
        end_line: 10,
        annotation_level: 'failure',
      }),
    ]);
    expect(String(create!.body.output.annotations[0]!.message)).toMatch(
      /^tests\.test_math\.test_sub\n\nassert 5 == 6\n \+ {2}where 5 = add\(2, 3\)/,
    );
  });
});
