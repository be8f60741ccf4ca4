/** The challenge is the base branch's (src/lean/challenge.ts), table-driven on real-looking Lean headers and trees. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import {
  assembleProject,
  changedByPr,
  headerImports,
  readConfig,
  trustedFiles,
} from '../../src/lean/challenge.js';

const tree = (files: Record<string, string>) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-chal-'));
  for (const [f, t] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), t);
  }
  return dir;
};
const CFG = {
  challenge_module: 'Challenge',
  solution_module: 'Solution',
  theorem_names: ['foo'],
  permitted_axioms: ['propext'],
};

describe('the header imports of a Lean file', () => {
  test.each<[string, string[]]>([
    [
      'import Mathlib.Data.Nat\nimport Challenge.Defs\n\ntheorem foo : True := trivial\n',
      ['Mathlib.Data.Nat', 'Challenge.Defs'],
    ],
    ['module\n\npublic import A.B\nmeta import C\nprivate import D\n\ndef x := 1\n', ['A.B', 'C', 'D']],
    ['/- a comment\nimport Fake -/\nimport Real -- trailing\n', ['Real']],
    ['prelude\nimport Init.Core\n', ['Init.Core']],
    ['import A B C\n', ['A', 'B', 'C']],
    ['theorem foo : True := trivial\nimport Late\n', []],
    ['-- only comments\n', []],
    // `import all M` and `import runtime M` name M; alone, `all` is the module's name.
    ['import all A.B\nimport runtime C\n', ['A.B', 'C']],
    ['import all\nimport B\n', ['all', 'B']],
    // A second `import` on the same line starts its own import; a modifier there ends the list.
    ['import A import B\n', ['A', 'B']],
    ['import A private def x := 1\nimport Late\n', ['A']],
    // Nested block comments hide what is inside them, however deep.
    ['/- outer /- inner -/ import Fake -/\nimport Real\n', ['Real']],
    // «» names: kept where a component needs them, dropped where it does not; each module once.
    ['import «A b».C\nimport «A».B\nimport A.B\n', ['«A b».C', 'A.B']],
  ])('%j → %j', (text, want) => expect(headerImports(text)).toEqual(want));

  test.each<[string, RegExp]>([
    ['import\n', /line 1: import is not followed by a module name/],
    ['import «A\nB»\n', /line 1: an unterminated «name»/],
    ['\nimport A.\n', /line 2: 'A\.\n' is not a module name/],
  ])('%j is refused: %s', (text, want) => expect(() => headerImports(text)).toThrow(want));
});

describe('what the trusted side owns', () => {
  test('the config, the project files the base has, and the local import closure (packages excluded)', () => {
    const base = tree({
      'config.json': JSON.stringify(CFG),
      'lakefile.toml': 'name = "x"\n',
      'lean-toolchain': 'v\n',
      'Challenge.lean': 'import Challenge.Defs\nimport Mathlib.Tactic\ntheorem foo : two = 2 := sorry\n',
      'Challenge/Defs.lean': 'import Challenge.Basic\ndef two := 2\n',
      'Challenge/Basic.lean': '-- nothing\n',
      'Solution.lean': 'theorem foo : two = 2 := rfl\n',
      'Other.lean': 'def unrelated := 0\n',
    });
    expect(trustedFiles(base, 'config.json', CFG).sort()).toEqual(
      [
        'Challenge.lean',
        'Challenge/Basic.lean',
        'Challenge/Defs.lean',
        'config.json',
        'lakefile.toml',
        'lean-toolchain',
      ].sort(),
    );
  });
  test('a challenge module the base does not have is refused', () =>
    expect(() => trustedFiles(tree({ 'config.json': '{}' }), 'config.json', CFG)).toThrow(
      /the challenge module Challenge \(Challenge\.lean\) is not in/,
    ));
  test.each<[string, unknown, RegExp]>([
    ['not JSON', '{', /cannot be read as JSON/],
    ['a bad module name', { ...CFG, challenge_module: '../x' }, /challenge_module is not a module name/],
    ['no theorem', { ...CFG, theorem_names: [] }, /theorem_names is empty/],
    ['axioms not a list', { ...CFG, permitted_axioms: 'all' }, /permitted_axioms is not a list/],
  ])('a config with %s is refused', (_n, cfg, re) => {
    const dir = tree({ 'config.json': typeof cfg === 'string' ? cfg : JSON.stringify(cfg) });
    expect(() => readConfig(path.join(dir, 'config.json'))).toThrow(re);
  });
});

describe('changes of the pull request to the trusted files', () => {
  const files = ['Challenge.lean', 'config.json'];
  const base = tree({ 'Challenge.lean': 'A\n', 'config.json': '{}' });
  test.each<[string, Record<string, string>, string[]]>([
    ['none', { 'Challenge.lean': 'A\n', 'config.json': '{}', 'Solution.lean': 'S\n' }, []],
    ['a changed challenge', { 'Challenge.lean': 'B\n', 'config.json': '{}' }, ['Challenge.lean']],
    ['a removed config', { 'Challenge.lean': 'A\n' }, ['config.json']],
    ['a trailing space', { 'Challenge.lean': 'A \n', 'config.json': '{}' }, ['Challenge.lean']],
  ])('%s', (_n, prFiles, want) => expect(changedByPr(base, tree(prFiles), files)).toEqual(want));
  test('a link in place of a trusted file counts as a change, never followed', () => {
    const pr = tree({ 'config.json': '{}' });
    fs.symlinkSync(path.join(base, 'Challenge.lean'), path.join(pr, 'Challenge.lean'));
    expect(changedByPr(base, pr, files)).toEqual(['Challenge.lean']);
  });
});

describe('the judged project', () => {
  test("the pull request's regular files, the trusted ones over them; no links, no .lake, no .git", () => {
    const base = tree({ 'Challenge.lean': 'TRUSTED\n', 'config.json': '{"t":1}' });
    const pr = tree({
      'Challenge.lean': 'WEAKENED\n',
      'Solution.lean': 'S\n',
      'sub/x.lean': 'X\n',
      '.lake/junk': 'j',
      '.git/HEAD': 'h',
    });
    fs.symlinkSync('/etc/passwd', path.join(pr, 'leak'));
    const dest = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sa-asm-')), 'p');
    assembleProject(pr, base, ['Challenge.lean', 'config.json'], dest);
    expect(fs.readFileSync(path.join(dest, 'Challenge.lean'), 'utf8')).toBe('TRUSTED\n');
    expect(fs.readFileSync(path.join(dest, 'config.json'), 'utf8')).toBe('{"t":1}');
    expect(fs.readFileSync(path.join(dest, 'sub/x.lean'), 'utf8')).toBe('X\n');
    expect(fs.existsSync(path.join(dest, 'leak'))).toBe(false);
    expect(fs.readdirSync(path.join(dest, '.lake'))).toEqual([]);
    expect(fs.existsSync(path.join(dest, '.git'))).toBe(false);
  });
});
