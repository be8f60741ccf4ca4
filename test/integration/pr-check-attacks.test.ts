/**
 * The red team's forged green checks (F1-F9, first shown on the `redteam` branch), end to end through the workflow
 * harness: the real workflows/verify.yml installed in a repository, the real pr-verify.yml of this tree (the caller
 * pinned to a commit of it), the real engine. Each pull request's code FAILS the base branch's tests; each must now
 * get `failure` from the required app on `sandbox / verify (<base>)`, and branch protection must not pass. The
 * controls: an honest, correct pull request gets `success` on the same base, so a failure is the attack's refusal,
 * not a broken setup.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import { installedCaller, toolRepo } from '../harness/install.js';
import { dispatch, type Event, type WorkflowRun } from '../harness/workflows.js';
import { World, commit, git } from '../harness/world.js';
import { BASE, ROOT, engineOrSkip, sh, tmpDir } from '../helpers/engine.js';

jest.setTimeout(900_000);
const { d } = await engineOrSkip();
const APP = { id: '4242', name: 'sandbox-verify', key: 'test-private-key' };
const PRESET_IMAGE = 'ghcr.io/org/sandbox-action/python-sandbox:latest';

const TEST =
  'from calc import add, sub\n\ndef test_add():\n    assert add(2, 3) == 5\n\ndef test_sub():\n    assert sub(5, 3) == 2\n';
const PROJECT: Record<string, string> = {
  'calc.py': 'def add(a, b):\n    return a + b\n\ndef sub(a, b):\n    return a - b\n',
  'tests/test_calc.py': TEST,
  'README.md': 'a project\n',
};
/** sub() is wrong: honestly judged, test_sub fails. */
const BROKEN = { 'calc.py': 'def add(a, b):\n    return a + b\n\ndef sub(a, b):\n    return a + b\n' };

/** Code that, once it runs in the pytest controller, turns every failed report into a pass (nothing else). */
const FLIP = [
  'from _pytest.reports import TestReport',
  '_orig = TestReport._from_json.__func__',
  'def _forged(cls, data):',
  '    r = _orig(cls, data)',
  '    if r.outcome == "failed":',
  '        r.outcome = "passed"; r.longrepr = None',
  '    return r',
  'TestReport._from_json = classmethod(_forged)',
].join('\n');

let world: World;
let toolSha = '';
let baseDir = '';
let prNumber = 0;

interface Pr {
  head: string;
  runs: WorkflowRun[];
  merge: string;
}

/** A pull request from the fork against `base`, its branch made from `from` (default: the base's tip). */
async function openPr(
  changes: Record<string, string | null>,
  o: { base?: string; from?: string } = {},
): Promise<Pr> {
  const base = o.base ?? 'main';
  const n = ++prNumber;
  const fork = world.repoDir('fork/r');
  git(fork, 'fetch', '-q', baseDir, `+${base}:refs/remotes/origin/${base}`);
  if (o.from) git(fork, 'fetch', '-q', baseDir, o.from);
  const head = commit(fork, `rt-${n}`, changes, `pull request ${n}`, o.from ?? `origin/${base}`);
  git(baseDir, 'fetch', '-q', fork, head);
  const baseSha = git(baseDir, 'rev-parse', base);
  const tree = git(baseDir, 'merge-tree', '--write-tree', baseSha, head).split('\n')[0]!;
  const merge = git(
    baseDir,
    'commit-tree',
    tree,
    '-p',
    baseSha,
    '-p',
    head,
    '-m',
    `Merge ${head} into ${baseSha}`,
  );
  const payload = {
    action: 'opened',
    number: n,
    pull_request: {
      number: n,
      head: { sha: head, ref: `rt-${n}`, repo: { full_name: 'fork/r' } },
      base: { sha: baseSha, ref: base, repo: { full_name: 'o/r' } },
    },
    repository: { full_name: 'o/r', default_branch: 'main' },
  };
  const baseEnv = {
    PATH: process.env.PATH!,
    HOME: process.env.HOME!,
    SANDBOX_ACTION_STATE_DIR: process.env.SANDBOX_ACTION_STATE_DIR ?? '/tmp/sandbox-action',
  };
  const target: Event = {
    name: 'pull_request_target',
    payload,
    repository: 'o/r',
    ref: `refs/heads/${base}`,
    sha: baseSha,
    workflowsAt: baseSha,
    fromFork: true,
  };
  const runs = await dispatch(world, target, { baseEnv });
  return { head, runs, merge };
}

const logsOf = (p: Pr) =>
  p.runs.flatMap((r) => r.jobs.map((j) => `--- ${r.file} ${j.name}: ${j.result}\n${j.log}`)).join('\n');
function theCheck(p: Pr, base = 'main') {
  const name = `sandbox / verify (${base})`;
  const runs = world.checksFor(p.head, name, APP.name);
  if (runs.length !== 1) throw new Error(`expected one '${name}' check, got ${runs.length}\n${logsOf(p)}`);
  return { ...runs[0]!, text: `${runs[0]!.output.title}\n${runs[0]!.output.summary}`, name };
}
/** Refused: red from the required app, and branch protection (requiring that app) does not pass. */
function expectRefused(p: Pr, base = 'main') {
  const c = theCheck(p, base);
  expect({ conclusion: c.conclusion, title: c.output.title }).toMatchObject({ conclusion: 'failure' });
  expect(world.protectionPasses(p.head, c.name, APP.name)).toBe(false);
  return c;
}
/** The control: a correct pull request on the same base gets success. */
async function expectHonestPasses(changes: Record<string, string>, base = 'main') {
  const c = theCheck(await openPr(changes, { base }), base);
  expect({ conclusion: c.conclusion, text: c.text }).toMatchObject({ conclusion: 'success' });
}
const CORRECT = {
  'calc.py': 'def add(a, b):\n    return a + b\n\ndef sub(a, b):\n    return a - b\n',
};

d('forged green checks, refused end to end', () => {
  beforeAll(async () => {
    await sh(
      'docker',
      [
        'build',
        '-q',
        '--build-arg',
        `BASE_IMAGE=${BASE}`,
        '-t',
        'sandbox-action/python-sandbox:test',
        path.join(ROOT, 'images/python-sandbox'),
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    await sh('docker', ['tag', 'sandbox-action/python-sandbox:test', PRESET_IMAGE]);
    world = await World.create(tmpDir('rt-world'));
    toolSha = toolRepo(world);
    baseDir = world.newRepo('o/r', {
      ...PROJECT,
      '.github/workflows/verify.yml': installedCaller(toolSha, APP.id),
    }).dir;
    // A base branch sharded by test file, whose test reads a data file beside it in its folder of tests.
    commit(
      baseDir,
      'byfile',
      {
        '.github/workflows/verify.yml': installedCaller(toolSha, APP.id, (wf) =>
          Object.assign(wf.jobs.verify.with, { targets: 'tests/test_calc.py', shards: 1 }),
        ),
        'tests/test_calc.py':
          'import json, pathlib\nfrom calc import add, sub\nCASES = json.loads((pathlib.Path(__file__).parent / "cases.json").read_text())\n\ndef test_add():\n    assert add(2, 3) == 5\n\ndef test_sub():\n    for a, b, want in CASES["sub"]:\n        assert sub(a, b) == want\n',
        'tests/cases.json': '{"sub": [[5, 3, 2], [9, 4, 5]]}\n',
      },
      'shard by test file',
      'main',
    );
    // A base branch whose caller names a target the shard step refuses: no shard can leave a result.
    commit(
      baseDir,
      'badtarget',
      {
        '.github/workflows/verify.yml': installedCaller(toolSha, APP.id, (wf) =>
          Object.assign(wf.jobs.verify.with, { targets: '../outside.py', shards: 1 }),
        ),
      },
      'a target the shard step refuses',
      'main',
    );
    // A base branch that also has the expected-output judge (the docs' answer to code that lies in-process).
    commit(
      baseDir,
      'withexpect',
      {
        '.github/workflows/verify.yml': installedCaller(toolSha, APP.id, (wf) =>
          Object.assign(wf.jobs.verify.with, { expect: 'expected', shards: 1 }),
        ),
        'solve.py': 'def answer():\n    return 6 * 7\n',
        'tests/test_solve.py':
          'import json\nfrom solve import answer\n\ndef test_writes_answer():\n    json.dump({"answer": answer()}, open("/output/answer.json", "w"))\n',
        'expected/answer.json': '{"answer": 42}\n',
      },
      'expected outputs',
      'main',
    );
    // A base branch whose history later removed a module: a pull request forked before that still has it.
    commit(baseDir, 'drift', { 'legacy.py': 'def minus(a, b):\n    return a - b\n' }, 'add legacy', 'main');
    commit(baseDir, 'drift', { 'legacy.py': null }, 'remove legacy (unused)');
    git(baseDir, 'checkout', '-q', 'main');
    world.fork('fork/r', 'o/r');
    world.apps.set(APP.id, { name: APP.name, privateKey: APP.key });
    world.environments.set('o/r:sandbox-report', {
      branches: ['main', 'byfile', 'badtarget', 'withexpect', 'drift'],
      secrets: { SANDBOX_APP_PRIVATE_KEY: APP.key },
    });
  });
  afterAll(async () => {
    await world?.close();
  });

  test('controls: the plain broken pull request gets failure; a correct one gets success', async () => {
    const c = theCheck(await openPr(BROKEN));
    expect(c.conclusion).toBe('failure');
    expect(c.text).toMatch(/judge junit: 2 tests: 1 failed/);
    await expectHonestPasses(CORRECT);
  });

  test('F1: an __init__.py at the repository root never runs in the pytest controller', async () => {
    const p = await openPr({
      ...BROKEN,
      '__init__.py': `import sys\nprint("RT-INIT in", sys.argv[0], file=sys.stderr)\n${FLIP}\n`,
    });
    expect(expectRefused(p).text).toMatch(/judge junit: 2 tests: 1 failed/);
    expect(logsOf(p)).not.toContain('RT-INIT in /sandbox-action/pytest/run.py');
  });

  test('F2: a module on /work cannot shadow one the controller imports late', async () => {
    const p = await openPr({
      ...BROKEN,
      'setproctitle.py': `import sys\nprint("RT-SHADOW in", sys.argv[0], file=sys.stderr)\n${FLIP}\nraise ImportError("no setproctitle")\n`,
    });
    expectRefused(p);
    expect(logsOf(p)).not.toContain('RT-SHADOW in /sandbox-action/pytest/run.py');
  });

  test('F3: a test the code under test skips (unittest.SkipTest) fails the check', async () => {
    const p = await openPr({
      'calc.py':
        'import unittest\n\ndef add(a, b):\n    return a + b\n\ndef sub(a, b):\n    raise unittest.SkipTest("later")\n',
    });
    expect(expectRefused(p).text).toMatch(
      /judge junit: 2 tests: 0 failed, 0 errors, 1 skipped \\\(a skipped test fails the judge\\\)/,
    );
  });

  test("F4: sharded by test file, the data file beside it in its folder of tests is the base's", async () => {
    const p = await openPr(
      { ...BROKEN, 'tests/cases.json': '{"sub": [[5, 3, 8], [9, 4, 13]]}\n' },
      { base: 'byfile' },
    );
    expectRefused(p, 'byfile');
    await expectHonestPasses(CORRECT, 'byfile');
  });

  test('F5: the expected outputs of the base are not in /work: the program cannot read its answer', async () => {
    const p = await openPr(
      {
        'solve.py':
          'import json\n\ndef answer():\n    return json.load(open("/work/expected/answer.json"))["answer"]\n',
      },
      { base: 'withexpect' },
    );
    expectRefused(p, 'withexpect');
    await expectHonestPasses({ 'solve.py': 'def answer():\n    return 6 * 7\n' }, 'withexpect');
  });

  test('F6: the merge is judged, not the head: a module the base removed since the fork point', async () => {
    const forkPoint = git(baseDir, 'rev-parse', 'drift~1');
    const p = await openPr(
      {
        'calc.py':
          'from legacy import minus\n\ndef add(a, b):\n    return a + b\n\ndef sub(a, b):\n    return minus(a, b)\n',
      },
      { base: 'drift', from: forkPoint },
    );
    const c = expectRefused(p, 'drift');
    expect(c.text).toMatch(/ModuleNotFoundError|No module named 'legacy'|judge junit/);
    await expectHonestPasses(CORRECT, 'drift');
  });

  test('F7: when no shard leaves a result (the shard step refuses a target), the check is failure, not absent', async () => {
    const p = await openPr(BROKEN, { base: 'badtarget' });
    const c = expectRefused(p, 'badtarget');
    expect(c.text).toMatch(/shard 0: no result/);
    expect(logsOf(p)).toMatch(/--targets: '..\/outside.py' is not a Lean name or a repository path/);
  });

  test('F9: a custom warning category in the code under test: the controller does not import that module', async () => {
    const calc = [
      'import sys, warnings',
      'class CalcWarning(UserWarning):',
      '    pass',
      "if sys.argv[0] == '/sandbox-action/pytest/run.py':",
      '    print("RT-WARN calc imported in", sys.argv[0], file=sys.stderr)',
      ...FLIP.split('\n').map((l) => `    ${l}`),
      'def add(a, b):',
      '    warnings.warn(CalcWarning("add() will change"))',
      '    return a + b',
      'def sub(a, b):',
      '    return a + b',
    ].join('\n');
    const p = await openPr({ 'calc.py': `${calc}\n` });
    expectRefused(p);
    expect(logsOf(p)).not.toContain('RT-WARN calc imported in');
  });
});
