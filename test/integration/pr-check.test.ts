/**
 * The PR check end to end, without GitHub: the project's real workflow files (workflows/verify.yml installed in a
 * repository as its README says, calling .github/workflows/pr-verify.yml at a pinned commit of this project) run by
 * the workflow harness (test/harness/: events, jobs, needs, matrix, permissions, reusable workflows, expressions
 * through @actions/expressions, composite local actions, stand-ins for checkout, artifacts, cache and app tokens),
 * against the real engine, from a pull request event to the requests the Checks API stand-in receives.
 *
 * Every pull request is opened from a fork and fires both events GitHub fires: pull_request (the PR's own workflow
 * files) and pull_request_target (the base branch's). Each attack must end with no success check from the app the
 * branch protection requires, and the reason on the check.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import YAML from 'yaml';
import { installedCaller, toolRepo } from '../harness/install.js';
import { dispatch, type Event, type WorkflowRun } from '../harness/workflows.js';
import { World, commit, git } from '../harness/world.js';
import { BASE, ROOT, engineOrSkip, sh, tmpDir } from '../helpers/engine.js';

jest.setTimeout(900_000);
const { d } = await engineOrSkip();
const APP = { id: '4242', name: 'sandbox-verify', key: 'test-private-key' };
const PRESET_IMAGE = 'ghcr.io/org/sandbox-action/python-sandbox:latest';
const NAME = 'sandbox / verify (main)';

const PROJECT: Record<string, string> = {
  'calc.py': 'def add(a, b):\n    return a + b\n\ndef sub(a, b):\n    return a - b\n',
  'tests/test_calc.py':
    'from calc import add, sub\n\ndef test_add():\n    assert add(2, 3) == 5\n\ndef test_sub():\n    assert sub(5, 3) == 2\n',
  'README.md': 'a project\n',
};
const BROKEN = { 'calc.py': 'def add(a, b):\n    return a + b\n\ndef sub(a, b):\n    return a + b\n' };

let world: World;
let toolSha = '';
let baseDir = '';
let prNumber = 0;
const timings: number[] = [];

interface Pr {
  head: string;
  runs: WorkflowRun[];
}

/** A pull request from the fork: both events, pull_request_target first (its check is not the last word). */
async function openPr(
  changes: Record<string, string | null>,
  o: { base?: string; reuseHead?: string } = {},
): Promise<Pr> {
  const base = o.base ?? 'main';
  const n = ++prNumber;
  const fork = world.repoDir('fork/r');
  git(fork, 'fetch', '-q', baseDir, `${base}:refs/remotes/origin/${base}`);
  const head = o.reuseHead ?? commit(fork, `pr-${n}`, changes, `pull request ${n}`, `origin/${base}`);
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
      head: { sha: head, ref: `pr-${n}`, repo: { full_name: 'fork/r' } },
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
  const pr: Event = {
    name: 'pull_request',
    payload,
    repository: 'o/r',
    ref: `refs/pull/${n}/merge`,
    sha: merge,
    workflowsAt: merge,
    fromFork: true,
    checkSha: head,
  };
  const t = Date.now();
  const runs = [...(await dispatch(world, target, { baseEnv })), ...(await dispatch(world, pr, { baseEnv }))];
  timings.push(Date.now() - t);
  return { head, runs };
}

const appChecks = (head: string, name = NAME) => world.checksFor(head, name, APP.name);
const logsOf = (p: Pr) =>
  p.runs.flatMap((r) => r.jobs.map((j) => `--- ${r.file} ${j.name}: ${j.result}\n${j.log}`)).join('\n');
/** The check the required app posted: exactly one, with its conclusion and its text. */
function theCheck(p: Pr, name = NAME) {
  const runs = appChecks(p.head, name);
  if (runs.length !== 1)
    throw new Error(`expected one '${name}' check from ${APP.name}, got ${runs.length}\n${logsOf(p)}`);
  return { ...runs[0]!, text: `${runs[0]!.output.title}\n${runs[0]!.output.summary}` };
}

d('the PR check, from a pull request event to the Checks API', () => {
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
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    // The preset's image, as the published one would be found (no registry here).
    await sh('docker', ['tag', 'sandbox-action/python-sandbox:test', PRESET_IMAGE]);
    world = await World.create(tmpDir('world'));
    toolSha = toolRepo(world);
    baseDir = world.newRepo('o/r', {
      ...PROJECT,
      '.github/workflows/verify.yml': installedCaller(toolSha, APP.id),
    }).dir;
    // A second base branch whose tests want something else of sub(): the same head must be judged by them there.
    commit(
      baseDir,
      'release',
      { 'tests/test_calc.py': PROJECT['tests/test_calc.py']!.replace('sub(5, 3) == 2', 'sub(5, 3) == 8') },
      'release tests',
      'main',
    );
    git(baseDir, 'checkout', '-q', 'main');
    world.fork('fork/r', 'o/r');
    world.apps.set(APP.id, { name: APP.name, privateKey: APP.key });
    world.environments.set('o/r:sandbox-report', {
      branches: ['main', 'release'],
      secrets: { SANDBOX_APP_PRIVATE_KEY: APP.key },
    });
  });
  afterAll(async () => {
    await world?.close();
    process.stderr.write(
      `pr-check harness: full PR runs took ${timings.map((t) => `${(t / 1000).toFixed(1)} s`).join(', ')}\n`,
    );
  });

  test('a good pull request gets success, from the app, named with the base branch', async () => {
    const p = await openPr({ 'README.md': 'a better project\n' });
    const c = theCheck(p);
    expect(c.conclusion).toBe('success');
    expect(c.output.title).toBe('passed: 2 shards, judged by exit-code, declared-outputs, junit');
    expect(world.protectionPasses(p.head, NAME, APP.name)).toBe(true);
    // The job that ran the pull request's code held no token that could write anything.
    const verify = p.runs.flatMap((r) => r.jobs).filter((j) => j.name.startsWith('verify / verify'));
    expect(verify).toHaveLength(2);
    for (const j of verify) {
      expect(Object.values(j.permissions).every((v) => v === 'none')).toBe(true);
      expect(j.env!.checkouts.every((x) => x.persistCredentials === 'false')).toBe(true);
    }
  });

  test('a failing pull request gets failure, with the failing test as an annotation', async () => {
    const p = await openPr(BROKEN);
    const c = theCheck(p);
    expect(c.conclusion).toBe('failure');
    expect(c.text).toMatch(/judge junit: 2 tests: 1 failed/);
    expect(c.output.annotations).toContainEqual(
      expect.objectContaining({
        path: 'tests/test_calc.py',
        start_line: 7,
        annotation_level: 'failure',
        title: 'junit: test failed',
      }),
    );
  });

  test.each<[string, Record<string, string | null>]>([
    [
      'an edited caller that runs `true` instead of the tests',
      {
        '.github/workflows/verify.yml': installedCaller(toolSha, APP.id, (wf) => {
          wf.jobs.verify.with.run = 'true';
        }),
      },
    ],
    [
      'an edited caller with empty tests and one shard',
      {
        '.github/workflows/verify.yml': installedCaller(toolSha, APP.id, (wf) =>
          Object.assign(wf.jobs.verify.with, { tests: '', shards: 1 }),
        ),
      },
    ],
    [
      'an edited test that expects the wrong answer',
      { 'tests/test_calc.py': PROJECT['tests/test_calc.py']!.replace('== 2', '== 8') },
    ],
  ])("attack: %s — the base branch's definition and tests judge it: failure", async (_n, attack) => {
    const p = await openPr({ ...BROKEN, ...attack });
    const c = theCheck(p);
    expect(c.conclusion).toBe('failure');
    expect(c.text).toMatch(/judge junit: 2 tests: 1 failed/);
  });

  test('attack: an added workflow named verify (a job named like the check, a forged result artifact, a check posted with its token)', async () => {
    const forged = JSON.stringify({ schemaVersion: 2, status: 'succeeded' });
    const fake = {
      name: 'verify',
      on: 'pull_request',
      permissions: { checks: 'write' },
      jobs: {
        fake: {
          name: NAME,
          'runs-on': 'ubuntu-24.04',
          steps: [
            { run: `mkdir -p r && echo '${forged}' > r/result.json` },
            {
              uses: 'actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02',
              with: { name: 'sandbox-result-0', path: 'r' },
            },
            {
              run: `curl -sf -X POST -H "Authorization: token \${{ github.token }}" "$GITHUB_API_URL/repos/o/r/check-runs" -d '{"name":"${NAME}","head_sha":"\${{ github.event.pull_request.head.sha }}","status":"completed","conclusion":"success"}' || echo REFUSED`,
            },
          ],
        },
      },
    };
    const p = await openPr({ ...BROKEN, '.github/workflows/fake.yml': YAML.stringify(fake) });
    // The required app's check: failure, from the base branch's definition.
    expect(theCheck(p).conclusion).toBe('failure');
    // The fork's token could not post a check; its job's own check run, named like ours, is from GitHub Actions.
    expect(logsOf(p)).toContain('REFUSED');
    const forgedRuns = world.checksFor(p.head, NAME).filter((r) => r.app === 'github-actions');
    expect(forgedRuns.map((r) => r.conclusion)).toEqual(['success']);
    // Control, and why the app is required: a protection rule that does not name the app takes the forgery.
    expect(world.protectionPasses(p.head, NAME)).toBe(true);
    expect(world.protectionPasses(p.head, NAME, APP.name)).toBe(false);
  });

  test('attack: the caller edited to run on pull_request calls the pinned pr-verify there: it refuses, no check', async () => {
    const edited = installedCaller(toolSha, APP.id, (wf) => {
      wf.on = { pull_request: null };
      wf.jobs.verify.with.run = 'true';
    });
    const p = await openPr({ ...BROKEN, '.github/workflows/verify.yml': edited });
    expect(logsOf(p)).toMatch(/no verdict from this run: the event is pull_request/);
    expect(theCheck(p).conclusion).toBe('failure'); // only the pull_request_target one
  });

  test.each<[string, (runId: number) => void, RegExp]>([
    [
      'a missing shard (its runner died: no artifact)',
      () => {
        world.faults.dropArtifact = (_r, name) => name === 'sandbox-result-1';
      },
      /shard 1: no result/,
    ],
    [
      'a duplicated shard',
      () => {
        world.faults.beforeJob = (runId, job) => {
          if (job !== 'report') return;
          const store = world.artifacts.get(runId)!;
          const copy = `${store.get('sandbox-result-0')!}-copy`;
          fs.cpSync(store.get('sandbox-result-0')!, copy, { recursive: true });
          store.set('sandbox-result-0-retry', copy);
        };
      },
      /shard 0: 2 results/,
    ],
    [
      'a shard for another head SHA (a result of an earlier run put in its place)',
      () => {
        world.faults.beforeJob = (runId, job) => {
          if (job !== 'report') return;
          const store = world.artifacts.get(runId)!;
          const old = [...world.artifacts.entries()].find(
            ([id, s]) => id < runId && s.has('sandbox-result-1'),
          )![1];
          fs.cpSync(old.get('sandbox-result-1')!, store.get('sandbox-result-1')!, { recursive: true });
        };
      },
      /the result is for commit [0-9a-f]{40}, not the head/,
    ],
  ])('attack: %s — failure, naming it', async (_n, inject, re) => {
    inject(0);
    try {
      const p = await openPr({ 'README.md': `passing, but ${_n}\n` });
      const c = theCheck(p);
      expect(c.conclusion).toBe('failure');
      expect(c.text).toMatch(re);
    } finally {
      delete world.faults.dropArtifact;
      delete world.faults.beforeJob;
    }
  });

  test("attack: the same head opened against another base: its own check, judged by that base's tests", async () => {
    const onMain = await openPr({ 'README.md': 'same head\n' });
    expect(theCheck(onMain).conclusion).toBe('success');
    const against = await openPr({}, { base: 'release', reuseHead: onMain.head });
    const release = theCheck(against, 'sandbox / verify (release)');
    expect(release.conclusion).toBe('failure');
    expect(release.text).toMatch(/against `release`/);
    // The main check stays what main's tests made it.
    expect(appChecks(onMain.head).every((c) => c.conclusion === 'success')).toBe(true);
  });
});
