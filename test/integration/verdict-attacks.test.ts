/**
 * The red team's forgeries of a green verdict (test/integration/redteam-*.test.ts on the `redteam` branch), now
 * regression tests: each attack runs through `sandbox-action run` on the real engine and image and must fail. Each
 * has its control: the plain broken code fails (so a pass would be the attack's), or the same attack where the
 * defence does not reach (a folder that also holds code, expectations outside any repository) still works, or a
 * declared file that is not behind a link is collected. Mutations run by hand are listed in docs/pr-check.md.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, jest, test } from '@jest/globals';
import { BASE, engineOrSkip, run, tmpDir } from '../helpers/engine.js';

jest.setTimeout(600_000);
const { d } = await engineOrSkip();
const IMAGE = 'sandbox-action/python-sandbox:test';
const SMALL = ['--work-size', '256m', '--output-size', '64m'];

function tree(files: Record<string, string>, o: { git?: boolean } = {}): string {
  const dir = tmpDir('va-tree');
  for (const [p, c] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, path.dirname(p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), c);
  }
  for (const p of ['', ...(fs.readdirSync(dir, { recursive: true }) as string[])]) {
    const abs = path.join(dir, p);
    fs.chmodSync(abs, fs.statSync(abs).isDirectory() ? 0o755 : 0o644);
  }
  if (o.git) execFileSync('git', ['init', '-q', dir]);
  return dir;
}

const TEST =
  'from calc import add, sub\n\ndef test_add():\n    assert add(2, 3) == 5\n\ndef test_sub():\n    assert sub(5, 3) == 2\n';
const WRONG = {
  'calc.py': 'def add(a, b):\n    return a + b\n\ndef sub(a, b):\n    return a + b\n',
  'tests/test_calc.py': TEST,
};
/** Once it runs in the pytest controller, every failed report becomes a pass; it says where it ran. */
const FLIP = [
  'import sys',
  "_where = 'RT-CONTROLLER' if sys.argv[0] == '/sandbox-action/pytest/run.py' else 'RT-WORKER'",
  'print(_where, file=sys.stderr)',
  "open('/output/' + _where, 'w').close()",
  'from _pytest.reports import TestReport',
  '_o = TestReport._from_json.__func__',
  'def _f(cls, data):',
  '    r = _o(cls, data)',
  '    if r.outcome == "failed":',
  '        r.outcome = "passed"; r.longrepr = None',
  '    return r',
  'TestReport._from_json = classmethod(_f)',
  '',
].join('\n');

d('forged verdicts, refused', () => {
  let base: string;
  beforeAll(() => {
    base = tree({
      'calc.py': 'def add(a, b):\n    return a + b\n\ndef sub(a, b):\n    return a - b\n',
      'tests/test_calc.py': TEST,
    });
  });
  const judged = (pr: Record<string, string>, tests: string, paths: string[] = []) =>
    run(
      [
        '--preset',
        'python-tests',
        '--pull',
        'never',
        '--source',
        tree(pr),
        '--tests',
        tests,
        ...paths.flatMap((p) => ['--tests-path', p]),
        '--output-dir',
        path.join(tmpDir('va-o'), 'o'),
        ...SMALL,
      ],
      [],
      { image: IMAGE },
    );
  const junit = (r: Awaited<ReturnType<typeof run>>) =>
    r.result.verdict.judges.find((j) => j.judge === 'junit')!;

  test('control: the wrong code alone fails the junit judge', async () => {
    const r = await judged(WRONG, base);
    expect(r.result.status).toBe('failed');
    expect(junit(r)).toMatchObject({ passed: false, summary: '2 tests: 1 failed, 0 errors, 0 skipped' });
  });

  test('F1: a root __init__.py is never imported by the controller (it loads no conftest.py)', async () => {
    const r = await judged({ ...WRONG, '__init__.py': FLIP }, base);
    expect(r.stderr).not.toContain('RT-CONTROLLER');
    expect(r.result.status).toBe('failed');
    expect(junit(r).passed).toBe(false);
  });

  test('F2: a module in /work cannot shadow one the controller imports late (/work is not on its path)', async () => {
    const r = await judged({ ...WRONG, 'setproctitle.py': `${FLIP}raise ImportError\n` }, base);
    expect(r.stderr).not.toContain('RT-CONTROLLER');
    expect(r.result.status).toBe('failed');
  });

  test("F9: a warning's category from the worker is not imported by the controller", async () => {
    const calc = [
      'import warnings',
      'class CalcWarning(UserWarning):',
      '    pass',
      FLIP,
      'def add(a, b):',
      '    warnings.warn(CalcWarning("add() will change"))',
      '    return a + b',
      'def sub(a, b):',
      '    return a + b',
      '',
    ].join('\n');
    const r = await judged({ ...WRONG, 'calc.py': calc }, base);
    // Control inside the attack: the module ran (in the worker, where the tests import it), and left its mark.
    expect(r.result.outputs.written.map((w) => w.path)).toContain('RT-WORKER');
    expect(r.result.outputs.written.map((w) => w.path)).not.toContain('RT-CONTROLLER');
    expect(r.stderr).not.toContain('RT-CONTROLLER');
    expect(r.result.status).toBe('failed');
    expect(junit(r).summary).toBe('2 tests: 1 failed, 0 errors, 0 skipped');
  });

  test('F3: a test the code under test skips (unittest.SkipTest) fails the junit judge', async () => {
    const r = await judged(
      {
        ...WRONG,
        'calc.py':
          'import unittest\n\ndef add(a, b):\n    return a + b\n\ndef sub(a, b):\n    raise unittest.SkipTest("x")\n',
      },
      base,
    );
    expect(r.result.status).toBe('failed');
    expect(junit(r)).toMatchObject({
      passed: false,
      summary: '2 tests: 0 failed, 0 errors, 1 skipped (a skipped test fails the judge)',
    });
  });

  test("F4: a test file's data beside it comes from the trusted side when its folder holds only tests", async () => {
    const TEST_DATA =
      'import json, pathlib\nfrom calc import sub\nCASES = json.loads((pathlib.Path(__file__).parent / "cases.json").read_text())\n\ndef test_sub():\n    for a, b, want in CASES["sub"]:\n        assert sub(a, b) == want\n';
    const forged = '{"sub": [[5, 3, 8]]}\n';
    const honest = '{"sub": [[5, 3, 2]]}\n';
    const inFolder = tree({
      'calc.py': 'def sub(a, b):\n    return a - b\n',
      'tests/test_calc.py': TEST_DATA,
      'tests/cases.json': honest,
    });
    const r = await judged(
      { 'calc.py': WRONG['calc.py'], 'tests/test_calc.py': TEST_DATA, 'tests/cases.json': forged },
      inFolder,
      ['tests/test_calc.py'],
    );
    expect(r.result.status).toBe('failed');
    // Control: at the root, beside the code, the file alone is the trusted side's, the data the source's; the same
    // forgery then works, and the result says why.
    const atRoot = tree({
      'calc.py': 'def sub(a, b):\n    return a - b\n',
      'test_calc.py': TEST_DATA,
      'cases.json': honest,
    });
    const c = await judged(
      { 'calc.py': WRONG['calc.py'], 'test_calc.py': TEST_DATA, 'cases.json': forged },
      atRoot,
      ['test_calc.py'],
    );
    expect(c.result.status).toBe('succeeded');
    expect(c.result.notes.join('\n')).toMatch(/tests path test_calc.py: its folder also holds code/);
  });

  test('F5: the expected files are left out of /work, and --expect inside --source is refused', async () => {
    const cmd = ['sh', '-c', 'cat /work/expected/answer.json > /output/answer.json; true'];
    const src = tree({ 'expected/answer.json': '{"answer": 42}\n' });
    const repo = tree({ 'expected/answer.json': '{"answer": 42}\n' }, { git: true });
    const go = (expect: string, source = src) =>
      run(
        ['--source', source, '--expect', expect, '--output-dir', path.join(tmpDir('va-o'), 'o'), ...SMALL],
        cmd,
      );
    const r = await go(path.join(repo, 'expected'));
    expect(r.result.status).toBe('failed');
    expect(r.result.verdict.judges.find((j) => j.judge === 'expected-output')!.passed).toBe(false);
    // Control: expectations outside any repository have no counterpart to leave out: the copy reads them.
    const loose = tree({ 'answer.json': '{"answer": 42}\n' });
    const c = await go(loose);
    expect(c.result.status).toBe('succeeded');
    const inside = await go(path.join(src, 'expected'));
    expect(inside.code).toBe(125);
    expect(inside.stderr).toMatch(
      /--expect: '.*' is inside --source: the sandbox would read the expected files/,
    );
  });

  test('F8: a declared output behind a linked folder is never read (no /etc/shadow out of the container)', async () => {
    const out = path.join(tmpDir('va-o'), 'o');
    const r = await run(
      ['--pull', 'never', '--output-dir', out, '--output', 'sub/shadow', '--output', 'real/ok', ...SMALL],
      ['sh', '-c', 'ln -s /etc /output/sub; mkdir /output/real; echo fine > /output/real/ok'],
      { image: BASE },
    );
    expect(r.result.outputs.declared).toEqual([
      { path: 'sub/shadow', status: 'missing', size: null },
      // Control: a declared file that is not behind a link is collected, in the same pass.
      { path: 'real/ok', status: 'collected', size: 5 },
    ]);
    expect(fs.existsSync(path.join(out, 'sub/shadow'))).toBe(false);
    expect(fs.readFileSync(path.join(out, 'real/ok'), 'utf8')).toBe('fine\n');
    expect(r.result.status).toBe('failed');
  });
});
