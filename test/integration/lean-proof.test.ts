/**
 * lean-proof judged by comparator, with the stand-ins of test/fixtures/comparator (no Lean toolchain can be installed
 * here; they follow comparator's documented interface): the challenge is the base branch's (trusted files mounted
 * read-only over /work for the build, and over the judged project), comparator's exit code and output make the
 * verdict, its messages become the judge's annotations. By attack, each with a control.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import type { RunResult } from '../../src/verdict/schema.js';
import { makeProject, makeWorld, type World } from '../helpers/comparator.js';
import { BASE, engineOrSkip, labelled, spawnCli, tmpDir } from '../helpers/engine.js';

jest.setTimeout(300_000);
const { engine, d } = await engineOrSkip();

const CHALLENGE = 'theorem foo : 1 + 1 = 2 := sorry\n';
const GOOD = 'theorem foo : 1 + 1 = 2 := by rfl\n';
let w: World;
let base: string;

beforeAll(() => {
  w = makeWorld();
  base = makeProject(w, { 'Challenge.lean': CHALLENGE, 'lean-toolchain': 'leanprover/lean4:v4.33.0-rc2\n' });
});
afterAll(() => {
  if (w) fs.rmSync(w.root, { recursive: true, force: true });
});

/** The pull request's project: the base's files, with its own changes. */
function pr(files: Record<string, string | null>): string {
  const dir = tmpDir('leanpr');
  fs.cpSync(base, dir, { recursive: true });
  for (const [f, t] of Object.entries(files)) {
    if (t === null) fs.rmSync(path.join(dir, f), { force: true });
    else {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), t);
    }
  }
  fs.chmodSync(dir, 0o755);
  for (const f of fs.readdirSync(dir, { recursive: true }) as string[])
    fs.chmodSync(path.join(dir, f), fs.statSync(path.join(dir, f)).isDirectory() ? 0o755 : 0o644);
  return dir;
}

async function judge(source: string, o: { challenge?: string | null; build?: string } = {}) {
  const resultFile = path.join(tmpDir('res'), 'r.json');
  const challenge = o.challenge === undefined ? base : o.challenge;
  const r = await spawnCli(
    [
      'run',
      '--preset',
      'lean-proof',
      '--image',
      BASE,
      '--pull',
      'never',
      '--memory',
      '1g',
      '--work-size',
      '256m',
      '--output-size',
      '64m',
      '--source',
      source,
      '--result-file',
      resultFile,
      ...(challenge ? ['--challenge', challenge] : []),
      '--comparator',
      w.comparator,
      '--lean4export',
      w.lean4export,
      '--lake',
      path.join(w.toolchain, 'bin/lake'),
      // The stand-in image has no lake: the advisory build is a shell command here.
      '--',
      '-c',
      o.build ?? 'cat /work/Challenge.lean',
    ],
    { ...process.env, PATH: w.path },
  ).done;
  const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as RunResult;
  const judges = Object.fromEntries(result.verdict.judges.map((j) => [j.judge, j]));
  return { ...r, result, judges };
}

d("lean-proof: comparator on the trusted side judges the base branch's challenge", () => {
  test("a proof of the challenge: accepted; the verdict is comparator's; nothing left behind", async () => {
    const r = await judge(pr({ 'Solution.lean': GOOD }));
    expect(r.result.status).toBe('succeeded');
    expect(r.judges.challenge).toMatchObject({ passed: true, advisory: false });
    expect(r.judges.comparator).toMatchObject({
      passed: true,
      advisory: false,
      facts: expect.objectContaining({
        theorems: 'foo',
        outcome: 'accepted',
        exit_code: '0',
        ok_line: 'true',
      }),
    });
    expect(await labelled(engine!, r.result.runId)).toEqual([]);
  });

  test("a proof by sorry: rejected, comparator's message as the judge's annotation", async () => {
    const r = await judge(pr({ 'Solution.lean': 'theorem foo : 1 + 1 = 2 := sorry\n' }));
    expect(r.result.status).toBe('failed');
    expect(r.judges.comparator!.passed).toBe(false);
    expect(r.judges.comparator!.annotations[0]).toMatchObject({
      path: 'Challenge.lean',
      title: 'judge comparator: rejected',
    });
    expect(r.judges.comparator!.annotations[0]!.message).toMatch(/sorryAx/);
  });

  test("the pull request weakens the challenge to what it can prove: the challenge judge fails it, comparator judges the base's", async () => {
    const weak = {
      'Challenge.lean': 'theorem foo : True := sorry\n',
      'Solution.lean': 'theorem foo : True := trivial\n',
    };
    const r = await judge(pr(weak));
    expect(r.result.status).toBe('failed');
    expect(r.judges.challenge).toMatchObject({
      passed: false,
      summary: expect.stringContaining('the pull request changes Challenge.lean'),
    });
    expect(r.judges.challenge!.annotations[0]).toMatchObject({
      path: 'Challenge.lean',
      title: 'judge challenge: a trusted file changed',
    });
    expect(r.judges.comparator!.passed).toBe(false);
    // Control: without --challenge the source's own (weakened) challenge is judged, and comparator accepts it;
    // so both judges only advise, and a PR check requiring them cannot pass on it.
    const c = await judge(pr(weak), { challenge: null });
    expect(c.judges.comparator).toMatchObject({ passed: true, advisory: true });
    expect(c.judges.challenge).toMatchObject({ advisory: true });
  });

  test.each<[string, Record<string, string | null>]>([
    [
      'its comparator config (sorry permitted)',
      {
        'config.json': JSON.stringify({
          challenge_module: 'Challenge',
          solution_module: 'Solution',
          theorem_names: ['foo'],
          permitted_axioms: ['sorryAx'],
        }),
      },
    ],
    ['its lakefile', { 'lakefile.toml': 'name = "other"\n' }],
    ['its toolchain', { 'lean-toolchain': 'leanprover/lean4:v4.0.0\n' }],
    ['a module the challenge imports', { 'Challenge/Defs.lean': 'def two : Nat := 3\n' }],
    ['the challenge, removed', { 'Challenge.lean': null }],
  ])('the pull request changes %s: refused by name', async (_n, change) => {
    const importing = makeProject(w, {
      'Challenge.lean': `import Challenge.Defs\n${CHALLENGE}`,
      'Challenge/Defs.lean': 'def two : Nat := 2\n',
      'lean-toolchain': 'leanprover/lean4:v4.33.0-rc2\n',
    });
    const src = pr({
      ...Object.fromEntries(
        fs
          .readdirSync(importing, { recursive: true })
          .filter((f) => fs.statSync(path.join(importing, f as string)).isFile())
          .map((f) => [f as string, fs.readFileSync(path.join(importing, f as string), 'utf8')]),
      ),
      'Solution.lean': GOOD,
      ...change,
    });
    const r = await judge(src, { challenge: importing });
    expect(r.judges.challenge!.passed).toBe(false);
    const changed = Object.keys(change)[0]!;
    expect(r.judges.challenge!.summary).toContain(changed);
    expect(r.result.status).toBe('failed');
  });

  test("a build that writes the challenge fails to (it is mounted read-only); the base's is what comparator judged", async () => {
    const r = await judge(pr({ 'Solution.lean': GOOD }), {
      build:
        "echo 'theorem foo : True := trivial' > /work/Challenge.lean && echo WROTE; echo x > /work/Solution-notes.txt && echo WROTE-OWN",
    });
    expect(r.stderr + r.stdout).toMatch(/Read-only file system/);
    expect(r.stdout).not.toMatch(/^WROTE$/m);
    expect(r.stdout).toMatch(/^WROTE-OWN$/m); // control: the rest of /work is the build's
    expect(r.judges.comparator!.passed).toBe(true);
  });
});
