/**
 * python-tests by attack (threat model 17), in the real python-sandbox image: the base branch's tests judge the
 * pull request's code. Each attack is a pull request that would turn the check green; each must be refused, and
 * each has a control (the same attack with the defence loosened) showing the test would notice it working.
 * The expected-output judge is tested last: it is what beats code that lies from inside the test process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, jest, test } from '@jest/globals';
import { BASE, ROOT, engineOrSkip, run, sh, tmpDir } from '../helpers/engine.js';

jest.setTimeout(600_000);
const { d } = await engineOrSkip();
const IMAGE = 'sandbox-action/python-sandbox:test';

const BASE_FILES: Record<string, string> = {
  'calc.py': 'def add(a, b):\n    return a + b\n\ndef sub(a, b):\n    return a - b\n',
  'tests/test_calc.py':
    'from calc import add, sub\n\ndef test_add():\n    assert add(2, 3) == 5\n\ndef test_sub():\n    assert sub(5, 3) == 2\n',
};
/** The pull request's sub() is wrong: honestly judged, test_sub fails. Each attack adds files to this. */
const WRONG = {
  ...BASE_FILES,
  'calc.py': 'def add(a, b):\n    return a + b\n\ndef sub(a, b):\n    return a + b\n',
};

function tree(files: Record<string, string>): string {
  const dir = tmpDir('py');
  for (const [p, c] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, path.dirname(p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), c);
  }
  fs.chmodSync(dir, 0o755);
  for (const p of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const abs = path.join(dir, p);
    fs.chmodSync(abs, fs.statSync(abs).isDirectory() ? 0o755 : 0o644);
  }
  return dir;
}

let base: string;
/** The preset as the PR check runs it: the base branch's tests. */
const judged = (pr: Record<string, string>, extra: string[] = []) =>
  run(
    [
      '--preset',
      'python-tests',
      '--pull',
      'never',
      '--source',
      tree(pr),
      '--tests',
      base,
      '--output-dir',
      path.join(tmpDir('o'), 'o'),
      ...extra,
    ],
    [],
    { image: IMAGE },
  );
/** A loosened run: the source's own tests and config (no --tests), or another command. */
const loosened = (pr: Record<string, string>, cmd: string[] = [], extra: string[] = []) =>
  run(
    [
      '--preset',
      'python-tests',
      '--pull',
      'never',
      '--source',
      tree(pr),
      '--output-dir',
      path.join(tmpDir('o'), 'o'),
      ...extra,
    ],
    cmd,
    {
      image: IMAGE,
    },
  );
const junitOf = (r: Awaited<ReturnType<typeof run>>) =>
  r.result.verdict.judges.find((j) => j.judge === 'junit');
/** The plain pytest runs of before: `python -m pytest` in /work, JUnit written by the test process itself. */
const PLAIN = ['-m', 'pytest', '-q', '--junitxml=/output/junit.xml'];

d('python-tests: trusted tests against untrusted code', () => {
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
    base = tree(BASE_FILES);
  });

  test('the base branch passes; the wrong pull request fails at the failing test, with its annotation', async () => {
    const ok = await judged(BASE_FILES);
    expect(ok.result.status).toBe('succeeded');
    expect(junitOf(ok)).toMatchObject({
      passed: true,
      advisory: false,
      summary: '2 tests: 0 failed, 0 errors, 0 skipped',
    });
    const bad = await judged(WRONG);
    expect(bad.result.status).toBe('failed');
    expect(junitOf(bad)).toMatchObject({ passed: false, summary: '2 tests: 1 failed, 0 errors, 0 skipped' });
    expect(junitOf(bad)!.annotations).toEqual([
      expect.objectContaining({ path: 'tests/test_calc.py', startLine: 7, title: 'junit: test failed' }),
    ]);
  });

  test('a pytest package in /work (python -m pytest finds it first) does not replace the runner', async () => {
    const attack = {
      ...WRONG,
      'pytest/__init__.py': '',
      'pytest/__main__.py': 'print("FAKE PYTEST RAN")\nraise SystemExit(0)\n',
    };
    const r = await judged(attack);
    expect(r.stderr).not.toContain('FAKE PYTEST RAN');
    expect(junitOf(r)).toMatchObject({ passed: false, summary: '2 tests: 1 failed, 0 errors, 0 skipped' });
    // Control: `python -m pytest` from /work runs the PR's pytest and exits 0.
    const c = await loosened(attack, PLAIN);
    expect(c.stderr).toContain('FAKE PYTEST RAN');
    expect(c.result.commandExitCode).toBe(0);
  });

  test("a conftest.py that rewrites the exit status is never loaded (the base branch's, or an empty one, is)", async () => {
    const attack = {
      ...WRONG,
      'conftest.py':
        'import pytest\n\n@pytest.hookimpl(trylast=True)\ndef pytest_sessionfinish(session, exitstatus):\n    print("PR CONFTEST LOADED")\n    session.exitstatus = 0\n',
    };
    const r = await judged(attack);
    expect(r.stderr).not.toContain('PR CONFTEST LOADED');
    expect(r.result.commandExitCode).toBe(1);
    expect(junitOf(r)!.passed).toBe(false);
    // Control: plain pytest in /work (no trusted runner) loads it, and it turns the failure into exit 0.
    const c = await loosened(attack, PLAIN);
    expect(c.stderr).toContain('PR CONFTEST LOADED');
    expect(c.result.commandExitCode).toBe(0);
  });

  test.each([
    ['pytest.ini', '[pytest]\naddopts = -k test_add\n'],
    ['pyproject.toml', '[tool.pytest.ini_options]\naddopts = "-k test_add"\n'],
  ])('%s addopts that deselect the failing test are never read', async (file, text) => {
    const attack = { ...WRONG, [file]: text };
    const r = await judged(attack);
    expect(junitOf(r)).toMatchObject({ passed: false, summary: '2 tests: 1 failed, 0 errors, 0 skipped' });
    const c = await loosened(attack);
    expect(c.result.commandExitCode).toBe(0);
    expect(junitOf(c)!.summary).toBe('1 tests: 0 failed, 0 errors, 0 skipped');
  });

  test('sitecustomize.py, usercustomize.py and a .pth file in the user site are not run (python -I)', async () => {
    const hook = (n: string) => `print("${n} RAN", flush=True)\n`;
    const attack = {
      ...WRONG,
      'sitecustomize.py': hook('SITECUSTOMIZE'),
      'usercustomize.py': hook('USERCUSTOMIZE'),
      'evil.pth': 'import sys; print("PTH RAN", flush=True)\n',
      'ub/lib/python3.11/site-packages/evil.pth': 'import sys; print("USER PTH RAN", flush=True)\n',
      'ub/lib/python3.11/site-packages/usercustomize.py': hook('USERCUSTOMIZE'),
    };
    // The environment points Python at them (as a hostile image or caller might): isolated mode ignores it.
    const env = ['--env', 'PYTHONPATH=/work', '--env', 'PYTHONUSERBASE=/work/ub'];
    const r = await judged(attack, env);
    for (const m of ['SITECUSTOMIZE RAN', 'USERCUSTOMIZE RAN', 'PTH RAN']) expect(r.stderr).not.toContain(m);
    expect(junitOf(r)!.passed).toBe(false);
    // Control: without -I the same environment runs every one of them.
    const c = await loosened(attack, PLAIN, env);
    expect(c.stderr).toContain('SITECUSTOMIZE RAN');
    expect(c.stderr).toContain('USER PTH RAN');
    expect(c.stderr).toContain('USERCUSTOMIZE RAN');
  });

  test('os._exit(0) when the package is imported: no test ran, so the JUnit judge fails', async () => {
    const attack = { ...WRONG, 'calc.py': 'import os\nos._exit(0)\n' };
    const r = await judged(attack);
    expect(r.result.status).toBe('failed');
    expect(junitOf(r)).toMatchObject({ passed: false, summary: 'junit.xml reports no test' });
    // Control: a plain pytest exits 0 (an exit-code judge alone would pass it).
    const c = await loosened(attack, PLAIN);
    expect(c.result.commandExitCode).toBe(0);
  });

  test("a JUnit file the submission writes itself (then os._exit) is replaced by pytest's own", async () => {
    const forged =
      '<testsuites><testsuite name="pytest" tests="2"><testcase classname="tests.test_calc" name="test_add"/><testcase classname="tests.test_calc" name="test_sub"/></testsuite></testsuites>';
    const attack = {
      ...WRONG,
      'calc.py': `import os\nopen('/output/junit.xml', 'w').write(${JSON.stringify(forged)})\nos._exit(0)\n`,
    };
    const r = await judged(attack);
    expect(r.result.status).toBe('failed');
    expect(junitOf(r)!.passed).toBe(false);
    // Control: when the test process writes the JUnit itself, the forgery stands and every judge passes.
    const c = await loosened(attack, PLAIN, ['--tests', base]);
    expect(c.result.verdict.passed).toBe(true);
    expect(c.result.status).toBe('succeeded');
  });

  test("a daemon that keeps rewriting the JUnit after the tests is killed before pytest's is written", async () => {
    const forged =
      '<testsuites><testsuite name="x"><testcase classname="a" name="b"/></testsuite></testsuites>';
    const attack = {
      ...WRONG,
      'calc.py': [
        'import os, time',
        'if os.fork() == 0:',
        '    os.setsid()',
        '    while True:',
        `        open('/output/junit.xml', 'w').write(${JSON.stringify(forged)})`,
        '        time.sleep(0.001)',
        'from calc_real import add, sub',
      ].join('\n'),
      'calc_real.py': WRONG['calc.py'],
    };
    const r = await judged(attack);
    expect(junitOf(r)).toMatchObject({ passed: false, summary: '2 tests: 1 failed, 0 errors, 0 skipped' });
  });

  test("the pull request edits the test itself: the base branch's test runs", async () => {
    const attack = {
      ...WRONG,
      'tests/test_calc.py': BASE_FILES['tests/test_calc.py']!.replace('== 2', '== 8'),
    };
    const r = await judged(attack);
    expect(junitOf(r)!.passed).toBe(false);
    const c = await loosened(attack);
    expect(c.result.commandExitCode).toBe(0);
  });

  test("the source's own tests make the JUnit judge advisory: a PR check that requires junit cannot pass on them", async () => {
    const r = await loosened(BASE_FILES);
    expect(junitOf(r)).toMatchObject({
      passed: true,
      advisory: true,
      facts: expect.objectContaining({ tests: "the source's own" }),
    });
  });
});

describe('the expected-output judge: expectations that never enter the sandbox', () => {
  const program = (answer: string) => ({
    'solve.py': `import json\njson.dump({"answer": ${answer}, "steps": [1, 2]}, open('/output/answer.json', 'w'))\nprint("done")\n`,
  });
  let expectDir: string;
  beforeAll(() => {
    expectDir = tmpDir('expect');
    fs.writeFileSync(path.join(expectDir, 'answer.json'), '{ "steps": [1, 2], "answer": 42 }\n');
  });
  const judge = (files: Record<string, string>, cmd = ['-I', '/work/solve.py']) =>
    run(
      [
        '--pull',
        'never',
        '--entrypoint',
        'python',
        '--source',
        tree(files),
        '--output-dir',
        path.join(tmpDir('o'), 'o'),
        '--expect',
        expectDir,
      ],
      cmd,
      { image: IMAGE },
    );
  const expected = (r: Awaited<ReturnType<typeof run>>) =>
    r.result.verdict.judges.find((j) => j.judge === 'expected-output');

  test('equal as JSON (key order and spacing aside): passes; a wrong answer fails with the path of the difference', async () => {
    expect(expected(await judge(program('42')))).toMatchObject({ passed: true });
    const bad = await judge(program('41'));
    expect(bad.result.status).toBe('failed');
    expect(expected(bad)!.annotations[0]).toMatchObject({
      path: 'answer.json',
      title: 'judge expected-output: mismatch',
      message: '$.answer: expected "42", got "41"',
    });
  });

  test('a missing output fails as a declared output; the expected file is nowhere in the sandbox', async () => {
    const snoop = {
      'solve.py': `import os\nfound = [os.path.join(d, f) for top in ('/', '/work', '/tmp', '/output') for d, _, fs in os.walk(top) if not d.startswith(('/proc', '/sys', '/usr', '/lib')) for f in fs if 'answer' in f]\nprint("FOUND", found)\n`,
    };
    const r = await judge(snoop);
    expect(r.stderr).toMatch(/FOUND \[\]/);
    expect(expected(r)).toMatchObject({ passed: false, summary: expect.stringContaining('answer.json') });
    expect(r.result.outputs.declared).toEqual([{ path: 'answer.json', status: 'missing', size: null }]);
  });
});
