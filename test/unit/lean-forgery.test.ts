/**
 * The Lean red team's forgeries of a green lean-proof verdict, performed against the trusted side's own functions
 * (src/lean/challenge.ts, src/sandbox/lean.ts, src/verdict/judges.ts) on attacker-crafted trees. Each case is the
 * attack; the assertion is that it is refused. Controls: see docs/lean-audit.md ("Red team").
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import type { ComparatorOutcome } from '../../src/comparator/outcome.js';
import { assembleProject, trustedFiles } from '../../src/lean/challenge.js';
import { resolveLean } from '../../src/sandbox/lean.js';
import { judgeChallenge, judgeComparator } from '../../src/verdict/judges.js';
import { verdictPasses } from '../../src/verdict/schema.js';

const tree = (files: Record<string, string>) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-forge-'));
  for (const [f, t] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), t);
  }
  return dir;
};
const CFG = JSON.stringify({
  challenge_module: 'Challenge',
  solution_module: 'Solution',
  theorem_names: ['foo'],
  permitted_axioms: ['propext', 'Quot.sound', 'Classical.choice'],
});
/** Executables named comparator, lean4export and lake (resolveLean only checks that they are there). */
const programs = () => {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-forge-bin-'));
  for (const p of ['comparator', 'lean4export', 'lake'])
    fs.writeFileSync(path.join(bin, p), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
  return bin;
};
const layoutOf = (base: string, pr: string) =>
  resolveLean(
    {
      challengeDir: base,
      trusted: true,
      config: 'config.json',
      comparator: 'comparator',
      lean4export: 'lean4export',
      lake: 'lake',
    },
    pr,
    programs(),
  );
/** What comparator's run looks like when the attack works: exit 0 and the ok line (here printed by the attacker). */
const okOutcome: ComparatorOutcome = {
  runId: 'r',
  exitCode: 0,
  timedOut: false,
  okLine: true,
  uncaught: [],
  stdout: 'Your solution is okay!\n',
  stderr: '',
  judgeStderr: '',
  truncated: false,
};
const assembled = (pr: string, base: string, files: string[]) => {
  const dest = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sa-forge-asm-')), 'p');
  assembleProject(pr, base, files, dest);
  return dest;
};

/**
 * F1. `lake env comparator config.json` runs on the host, in the assembled project, before any sandbox. Lake prefers
 * `lakefile.lean` over `lakefile.toml` and elaborates it (Lake/Load/Package.lean: "both present; using
 * lakefile.lean"): a `#eval` there prints `Your solution is okay!` and exits 0, on the trusted side. Likewise elan
 * installs whatever toolchain a `lean-toolchain` (or `leanpkg.toml`) names, from any GitHub repository. A base with
 * only `lakefile.toml` and no `lean-toolchain` left those files to the pull request.
 */
describe('F1: a project file the base branch does not have, added by the pull request', () => {
  const base = {
    'config.json': CFG,
    'lakefile.toml': 'name = "p"\n[[lean_lib]]\nname = "Challenge"\n[[lean_lib]]\nname = "Solution"\n',
    'Challenge.lean': 'theorem foo : 1 + 1 = 2 := sorry\n',
  };
  test.each<[string, string]>([
    [
      'lakefile.lean',
      'import Lake\n#eval (IO.println "Your solution is okay!" *> IO.Process.exit 0 : IO Unit)\n',
    ],
    ['lean-toolchain', 'attacker/lean4-fork:v4.33.0\n'],
    ['leanpkg.toml', '[package]\nlean_version = "attacker/lean4-fork:v1"\n'],
    ['lake-manifest.json', '{"version":"1.1.0","packagesDir":"vendor","packages":[]}\n'],
  ])('%s: left out of the judged project and of /work, and the challenge judge fails', (file, text) => {
    const b = tree(base);
    const pr = tree({ ...base, 'Solution.lean': 'theorem foo : 1 + 1 = 2 := sorry\n', [file]: text });
    const layout = layoutOf(b, pr);
    // What `lake env` on the host sees: the base's project files only.
    expect(fs.existsSync(path.join(assembled(pr, b, layout.files), file))).toBe(false);
    // The build's /work: the pull request's copy is left out.
    expect(layout.exclude).toContain(file);
    // The verdict: even a comparator run that reports success (what the attacker's lakefile prints) is not green.
    expect(layout.changed).toEqual([file]);
    const judges = [judgeChallenge(layout), judgeComparator(layout, okOutcome)];
    expect(judges[0]!.passed).toBe(false);
    expect(judges[0]!.summary).toContain(file);
    expect(verdictPasses(judges)).toBe(false);
  });
  test('control: the same base and a pull request that adds none of them is judged green on a comparator pass', () => {
    const b = tree(base);
    const pr = tree({ ...base, 'Solution.lean': 'theorem foo : 1 + 1 = 2 := rfl\n' });
    const layout = layoutOf(b, pr);
    expect(layout.changed).toEqual([]);
    expect(verdictPasses([judgeChallenge(layout), judgeComparator(layout, okOutcome)])).toBe(true);
  });
});

/**
 * F2. The challenge's local imports are the base branch's: the trusted side reads the challenge's header to find them.
 * Each header below is valid Lean whose import of a local module the old line-by-line reading missed (a quoted or
 * unicode name, a nested comment, `/-` inside a line comment, `import` and its name on two lines). The missed module
 * was the pull request's to change: it weakens the definition the statement uses (`Goal := True`), both the challenge
 * and the solution are built against the weakened copy, and comparator (which compares the two) accepts.
 */
describe("F2: a local import of the challenge that the header's reading missed", () => {
  const THEOREM = '\ntheorem foo : Goal := sorry\n';
  test.each<[string, string, string]>([
    ['a «quoted» first component', 'import «Challenge».Defs\n', 'Challenge/Defs.lean'],
    ['a «quoted» last component', 'import Challenge.«Defs»\n', 'Challenge/Defs.lean'],
    ['a Greek letter', 'import Challenge.αDefs\n', 'Challenge/αDefs.lean'],
    ['a subscript', 'import Challenge.Defs₁\n', 'Challenge/Defs₁.lean'],
    ['a `!` in the name', 'import Challenge.Defs!\n', 'Challenge/Defs!.lean'],
    [
      'a nested block comment above',
      '/- Copyright /- (c) -/ 2025 -/\nimport Challenge.Defs\n',
      'Challenge/Defs.lean',
    ],
    [
      '`/-` inside a line comment',
      '-- see /- below\nimport Challenge.Defs\n/-- The goal. -/',
      'Challenge/Defs.lean',
    ],
    ['import and its name on two lines', 'import\n  Challenge.Defs\n', 'Challenge/Defs.lean'],
    [
      'a comment between import and the name',
      'import /- the defs -/ Challenge.Defs\n',
      'Challenge/Defs.lean',
    ],
  ])('%s: the imported module is trusted, and its change fails the challenge judge', (_n, header, defs) => {
    const base = {
      'config.json': CFG,
      'lakefile.toml': 'name = "p"\n',
      'Challenge.lean': `${header}${THEOREM}`,
      [defs]: 'def Goal : Prop := 1 + 1 = 3\n',
    };
    const b = tree(base);
    const pr = tree({
      ...base,
      [defs]: 'def Goal : Prop := True\n',
      'Solution.lean': 'theorem foo : Goal := trivial\n',
    });
    const layout = layoutOf(b, pr);
    expect(layout.files).toContain(defs);
    expect(layout.changed).toEqual([defs]);
    expect(fs.readFileSync(path.join(assembled(pr, b, layout.files), defs), 'utf8')).toBe(
      'def Goal : Prop := 1 + 1 = 3\n',
    );
    expect(verdictPasses([judgeChallenge(layout), judgeComparator(layout, okOutcome)])).toBe(false);
  });
  test.each<[string, string, RegExp]>([
    [
      'an unterminated «name»',
      'import «Challenge.Defs\n',
      /Challenge\.lean: its header cannot be read: line 1: an unterminated «name»/,
    ],
    ['a name with a trailing dot', 'import Challenge.\n', /Challenge\.lean: its header cannot be read/],
    ['import with no name', 'import\n#check 1\n', /import is not followed by a module name/],
    ['a name that leaves the package', 'import «..».Secret\n', /names no file of the package/],
  ])('a header it cannot read (%s) refuses the challenge, never skips the import', (_n, header, re) => {
    const b = tree({ 'config.json': CFG, 'Challenge.lean': `${header}${THEOREM}` });
    expect(() => trustedFiles(b, 'config.json', JSON.parse(CFG))).toThrow(re);
  });
  test('control: a header with only package imports trusts the challenge alone', () => {
    const b = tree({
      'config.json': CFG,
      'Challenge.lean': `/- a /- b -/ c -/\nimport Mathlib.Tactic${THEOREM}`,
    });
    expect(trustedFiles(b, 'config.json', JSON.parse(CFG))).toEqual(['config.json', 'Challenge.lean']);
  });
});

/**
 * F3. An import with no file at the base's root was taken for a package's module and skipped. But a module can live
 * in the repository elsewhere: a library with its own `srcDir`, or a path package (`[[require]] path = "common"`).
 * Lake builds it from the pull request's copy, which weakens the definition the statement uses, for both sides.
 */
describe('F3: a local import outside the root source folder', () => {
  const THEOREM = '\ntheorem foo : Goal := sorry\n';
  test.each<[string, Record<string, string>, Record<string, string>, string]>([
    [
      "a library's srcDir",
      {
        'lakefile.toml':
          'name = "p"\n[[lean_lib]]\nname = "Challenge"\n[[lean_lib]]\nname = "Defs"\nsrcDir = "defs"\n',
        'Challenge.lean': `import Defs${THEOREM}`,
        'defs/Defs.lean': 'def Goal : Prop := 1 + 1 = 3\n',
      },
      { 'defs/Defs.lean': 'def Goal : Prop := True\n' },
      'defs/Defs.lean',
    ],
    [
      "a path package's module, two imports deep",
      {
        'lakefile.toml':
          'name = "p"\n[[require]]\nname = "common"\npath = "common"\n[[lean_lib]]\nname = "Challenge"\n',
        'Challenge.lean': `import Common.Goal${THEOREM}`,
        'common/Common/Goal.lean': 'import Common.Basic\ndef Goal : Prop := Hard\n',
        'common/Common/Basic.lean': 'def Hard : Prop := 1 + 1 = 3\n',
      },
      { 'common/Common/Basic.lean': 'def Hard : Prop := True\n' },
      'common/Common/Basic.lean',
    ],
    [
      'a module the base has nowhere, added by the pull request under a source folder',
      {
        'lakefile.toml':
          'name = "p"\n[[lean_lib]]\nname = "Challenge"\n[[lean_lib]]\nname = "Extra"\nsrcDir = "vendor"\n',
        'Challenge.lean': `import Extra.Goal${THEOREM}`,
      },
      { 'vendor/Extra/Goal.lean': 'def Goal : Prop := True\n' },
      'vendor/Extra/Goal.lean',
    ],
  ])('%s: the pull request changing it fails the challenge judge', (_n, baseFiles, prFiles, file) => {
    const base = { 'config.json': CFG, ...baseFiles };
    const b = tree(base);
    const pr = tree({ ...base, ...prFiles, 'Solution.lean': 'theorem foo : Goal := trivial\n' });
    const layout = layoutOf(b, pr);
    expect(layout.changed).toEqual([file]);
    expect(judgeChallenge(layout).summary).toContain(file);
    expect(verdictPasses([judgeChallenge(layout), judgeComparator(layout, okOutcome)])).toBe(false);
  });
  test('control: the same trees with the pull request leaving them alone pass', () => {
    const base = {
      'config.json': CFG,
      'lakefile.toml': 'name = "p"\n',
      'Challenge.lean': `import Common.Goal\nimport Mathlib.Tactic${THEOREM}`,
      'common/Common/Goal.lean': 'def Goal : Prop := 1 + 1 = 2\n',
    };
    const layout = layoutOf(tree(base), tree({ ...base, 'Solution.lean': 'theorem foo : Goal := rfl\n' }));
    expect(layout.files.sort()).toEqual([
      'Challenge.lean',
      'common/Common/Goal.lean',
      'config.json',
      'lakefile.toml',
    ]);
    expect(verdictPasses([judgeChallenge(layout), judgeComparator(layout, okOutcome)])).toBe(true);
  });
});

/**
 * F4. A trusted lakefile that requires a path package (`[[require]] path = "common"`) makes `lake env`, on the host,
 * load `common/lakefile.lean` too: only the root's project files were the base's, so the pull request's (changed, or
 * added beside the package's `lakefile.toml`) ran its code on the trusted side and printed the ok line.
 */
describe("F4: a path package's project file, changed or added by the pull request", () => {
  const base = {
    'config.json': CFG,
    'lakefile.toml':
      'name = "p"\n[[require]]\nname = "common"\npath = "common"\n[[lean_lib]]\nname = "Challenge"\n',
    'Challenge.lean': 'theorem foo : 1 + 1 = 2 := sorry\n',
    'common/lakefile.toml': 'name = "common"\n',
  };
  const FORGE = 'import Lake\n#eval (IO.println "Your solution is okay!" *> IO.Process.exit 0 : IO Unit)\n';
  test.each<[string, Record<string, string>, string]>([
    [
      'common/lakefile.lean added beside its lakefile.toml',
      { 'common/lakefile.lean': FORGE },
      'common/lakefile.lean',
    ],
    [
      'common/lakefile.toml changed',
      { 'common/lakefile.toml': 'name = "common"\n[[lean_lib]]\nname = "X"\n' },
      'common/lakefile.toml',
    ],
    [
      'common/lean-toolchain added',
      { 'common/lean-toolchain': 'attacker/lean4-fork:v1\n' },
      'common/lean-toolchain',
    ],
  ])(
    '%s: never in the judged project as the pull request has it, and the challenge judge fails',
    (_n, prFiles, file) => {
      const b = tree(base);
      const pr = tree({ ...base, ...prFiles, 'Solution.lean': 'theorem foo : 1 + 1 = 2 := sorry\n' });
      const layout = layoutOf(b, pr);
      const dest = assembled(pr, b, layout.files);
      const got = fs.existsSync(path.join(dest, file))
        ? fs.readFileSync(path.join(dest, file), 'utf8')
        : null;
      expect(got).toBe((base as Record<string, string>)[file] ?? null);
      expect(layout.changed).toEqual([file]);
      expect(layout.exclude).toContain(file);
      expect(verdictPasses([judgeChallenge(layout), judgeComparator(layout, okOutcome)])).toBe(false);
    },
  );
});
