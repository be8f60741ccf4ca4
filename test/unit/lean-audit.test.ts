/** The Lean proof audit on text in the formats of lean-output.md: table rows, forgeries, protected statements. */
import { describe, expect, test } from '@jest/globals';
import {
  auditAnnotations,
  auditFile,
  axiomKind,
  declaredTheorems,
  judgeAudit,
  protectedChanges,
  statements,
} from '../../src/lean/audit.js';

const N = '0123456789abcdef0123456789abcdef';
const block = (t: string, body: string) => `<<audit ${N} begin ${t}>>\n${body}\n<<audit ${N} end ${t}>>\n`;

describe('the audit file', () => {
  test("imports the modules and fences each #print axioms with the run's nonce", () => {
    expect(auditFile(['Solution', 'Solution.Lemmas'], ['Solution.main_theorem'], N)).toBe(
      [
        'import Solution',
        'import Solution.Lemmas',
        '',
        `#eval IO.println "<<audit ${N} begin Solution.main_theorem>>"`,
        '#print axioms Solution.main_theorem',
        `#eval IO.println "<<audit ${N} end Solution.main_theorem>>"`,
        '',
      ].join('\n'),
    );
  });
  test.each([['x y'], ['a"b'], ['#eval'], ['«weird»'], ['a..b']])('target %j is refused', (t) => {
    expect(() => auditFile(['M'], [t], N)).toThrow(/is not a Lean declaration name/);
  });
  test('a weak nonce is refused', () => expect(() => auditFile(['M'], ['t'], 'abc')).toThrow(/nonce/));
});

describe('judging #print axioms', () => {
  test.each<[string, string, object]>([
    ['no axioms', `'T' does not depend on any axioms`, { status: 'ok', axioms: [] }],
    [
      'the standard three',
      `'T' depends on axioms: [propext, Classical.choice, Quot.sound]`,
      { status: 'ok', axioms: ['propext', 'Classical.choice', 'Quot.sound'] },
    ],
    [
      'a wrapped list',
      `'T' depends on axioms: [propext,\n Classical.choice,\n Quot.sound]`,
      { status: 'ok' },
    ],
    [
      'sorry',
      `'T' depends on axioms: [propext, sorryAx]`,
      { status: 'bad-axioms', disallowed: [{ axiom: 'sorryAx', kind: 'sorry' }] },
    ],
    [
      'native_decide (newer)',
      `'T' depends on axioms: [propext, T._native.native_decide.ax_1_1]`,
      { status: 'bad-axioms', disallowed: [{ axiom: 'T._native.native_decide.ax_1_1', kind: 'native' }] },
    ],
    [
      'native_decide (older)',
      `'T' depends on axioms: [Lean.ofReduceBool]`,
      { status: 'bad-axioms', disallowed: [{ axiom: 'Lean.ofReduceBool', kind: 'native' }] },
    ],
    [
      'a user axiom (allowlist, not blocklist)',
      `'T' depends on axioms: [myAxiom, propext]`,
      { status: 'bad-axioms', disallowed: [{ axiom: 'myAxiom', kind: 'other' }] },
    ],
    ['a module header', 'error: cannot use `#print axioms` in a `module`', { status: 'error' }],
    [
      'two answers in one block (forged)',
      `'T' does not depend on any axioms\n'T' depends on axioms: [sorryAx]`,
      { status: 'unreadable' },
    ],
    [
      'two axioms lines (forged)',
      `'T' depends on axioms: [propext]\n'T' depends on axioms: [sorryAx]`,
      { status: 'unreadable' },
    ],
    ['an answer for another name', `'U' does not depend on any axioms`, { status: 'unreadable' }],
    ['an unclosed list', `'T' depends on axioms: [propext`, { status: 'unreadable' }],
  ])('%s', (_, body, want) => {
    expect(judgeAudit(block('T', body), ['T'], N)[0]).toMatchObject({ target: 'T', ...want });
  });

  test.each<[string, string, string]>([
    ['a target the output never mentions', '', 'missing'],
    [
      'a fence printed twice (a forged second block)',
      block('T', `'T' does not depend on any axioms`).repeat(2),
      'duplicated',
    ],
    [
      "fences with another run's nonce",
      block('T', `'T' does not depend on any axioms`).replaceAll(N, 'f'.repeat(32)),
      'missing',
    ],
    ['an answer outside the fences only', `'T' does not depend on any axioms\n`, 'missing'],
  ])('%s fails', (_, output, status) => {
    expect(judgeAudit(output, ['T'], N)[0]!.status).toBe(status);
  });

  test('a custom allowlist; each target judged on its own block', () => {
    const out =
      block('A', `'A' depends on axioms: [propext]`) +
      block('B', `'B' depends on axioms: [Classical.choice]`);
    expect(judgeAudit(out, ['A', 'B'], N, ['propext']).map((r) => r.status)).toEqual(['ok', 'bad-axioms']);
  });

  test('kinds', () => {
    expect(
      ['sorryAx', 'Lean.trustCompiler', 'X.y._native.native_decide.ax_2', 'Classical.choice'].map(axiomKind),
    ).toEqual(['sorry', 'native', 'native', 'other']);
  });

  test('failures become annotations on the declaring file', () => {
    const reports = judgeAudit(block('S.t', `'S.t' depends on axioms: [sorryAx]`), ['S.t', 'S.u'], N);
    expect(auditAnnotations(reports, (t) => (t === 'S.t' ? 'S.lean' : null))).toEqual([
      {
        path: 'S.lean',
        startLine: 1,
        endLine: 1,
        level: 'failure',
        title: 'axioms outside the allowlist',
        message: 'S.t depends on sorryAx (sorry), outside the allowlist',
      },
      {
        path: 'lakefile.lean',
        startLine: 1,
        endLine: 1,
        level: 'failure',
        title: 'proof audit: missing',
        message: 'S.u: the audit printed nothing for it',
      },
    ]);
  });
});

describe('protected statements', () => {
  const base = `/- the challenge -/
theorem main_theorem (n : Nat) : n + 0 = n := by
  sorry
-- helper
lemma helper : True := trivial
`;
  test.each<[string, string, { name: string; detail: RegExp }[]]>([
    ['unchanged statement, new proof', base.replace('by\n  sorry', 'by simp'), []],
    [
      'whitespace and comments do not matter',
      base.replace('(n : Nat) : n + 0 = n', '(n : Nat)  -- x\n  : n + 0 = n'),
      [],
    ],
    [
      'a weakened statement',
      base.replace('n + 0 = n', 'True'),
      [{ name: 'Challenge.main_theorem', detail: /statement changed/ }],
    ],
    [
      'a removed theorem',
      base.replace(/theorem main_theorem[\s\S]*?sorry/, ''),
      [{ name: 'Challenge.main_theorem', detail: /removed by the pull request/ }],
    ],
  ])('%s', (_, pr, want) => {
    const got = protectedChanges(base, pr, ['Challenge.main_theorem', 'helper']);
    expect(got).toEqual(want.map((w) => ({ name: w.name, detail: expect.stringMatching(w.detail) })));
  });
  test('every theorem and lemma a file declares is protected', () => {
    expect(declaredTheorems(base)).toEqual(['main_theorem', 'helper']);
    expect(declaredTheorems('-- theorem hidden : True := trivial\n/- lemma x : True -/')).toEqual([]);
  });
  test('statements read the text between the name and :=', () => {
    expect(statements(base, ['main_theorem', 'helper', 'nope'])).toEqual(
      new Map<string, string | null>([
        ['main_theorem', '(n : Nat) : n + 0 = n'],
        ['helper', ': True'],
        ['nope', null],
      ]),
    );
  });
});
