/** Parsers, table-driven on the exact formats of shared/reference/lean-output.md, and on forged lines. */
import { describe, expect, test } from '@jest/globals';
import { parseGeneric } from '../../src/report/parsers/generic.js';
import { parseJunit } from '../../src/report/parsers/junit.js';
import { parseLean } from '../../src/report/parsers/lean.js';
import { repoPath } from '../../src/report/parsers/types.js';

const root = '/work';
const one = (text: string) => {
  const r = parseLean(text, { root });
  expect(r.annotations).toHaveLength(1);
  return r.annotations[0]!;
};

describe('Lean and Lake messages', () => {
  test.each([
    [
      'plain lean error',
      "Foo.lean:3:2: error: unknown identifier 'x'",
      {
        path: 'Foo.lean',
        startLine: 3,
        endLine: 3,
        startColumn: 3,
        level: 'failure',
        title: 'build log: Lean error',
        message: "unknown identifier 'x'",
      },
    ],
    [
      'error with a name (newer toolchains)',
      "F.lean:3:2: error(lean.unknownIdentifier): unknown identifier 'x'",
      // The name the build printed goes in the message; the title says where the line came from.
      {
        path: 'F.lean',
        startColumn: 3,
        title: 'build log: Lean error',
        message: "(lean.unknownIdentifier) unknown identifier 'x'",
      },
    ],
    [
      'warning',
      'Foo/Bar.lean:10:0: warning: unused variable `h`',
      { path: 'Foo/Bar.lean', startLine: 10, startColumn: 1, level: 'warning' },
    ],
    ['info', 'Foo.lean:1:0: info: 2', { level: 'notice', title: 'build log: Lean info', message: '2' }],
    [
      'end position on one line',
      'Foo.lean:3:2-3:9: error: type mismatch',
      { startLine: 3, endLine: 3, startColumn: 3, endColumn: 10 },
    ],
    [
      'end position over lines: no columns',
      'Foo.lean:3:2-5:4: error: unsolved goals',
      { startLine: 3, endLine: 5 },
    ],
    [
      'old sorry warning',
      "Foo.lean:7:8: warning: declaration uses 'sorry'",
      { level: 'warning', title: 'build log: declaration uses sorry' },
    ],
    [
      'new sorry warning',
      'Foo.lean:7:8: warning: declaration uses `sorry`',
      { title: 'build log: declaration uses sorry' },
    ],
    [
      'lake warning with ./././ path',
      "warning: ./././Foo/Bar.lean:3:8: declaration uses 'sorry'",
      {
        path: 'Foo/Bar.lean',
        startLine: 3,
        startColumn: 9,
        level: 'warning',
        title: 'build log: declaration uses sorry',
      },
    ],
    [
      'lake error',
      "error: Foo.lean:10:2: unknown identifier 'x'",
      { path: 'Foo.lean', startLine: 10, startColumn: 3, level: 'failure' },
    ],
    ['lake info', 'info: Foo.lean:1:0: hello', { level: 'notice', message: 'hello' }],
    ['absolute path inside the repo', '/work/Foo/Baz.lean:2:0: error: oops', { path: 'Foo/Baz.lean' }],
    ['column is a code-point index, +1', 'Ünï.lean:1:5: error: x', { path: 'Ünï.lean', startColumn: 6 }],
    [
      'ANSI colours are stripped',
      '\u001b[31merror\u001b[0m: Foo.lean:2:0: bad',
      { path: 'Foo.lean', level: 'failure', message: 'bad' },
    ],
    [
      'workflow-command text inside a message stays text',
      'Foo.lean:1:0: error: ::add-mask::x and ::error file=/etc/passwd::y',
      { message: '::add-mask::x and ::error file=/etc/passwd::y' },
    ],
    [
      'markdown in a message is kept as text for the report to escape',
      'Foo.lean:1:0: error: <img src=x> **b**',
      { message: '<img src=x> **b**' },
    ],
  ] as [string, string, Record<string, unknown>][])('%s', (_n, text, expected) =>
    expect(one(text)).toMatchObject(expected),
  );

  test('a message spans its continuation lines, until the next message or a Lake line', () => {
    const text = [
      '✔ [1/4] Built Foo.Basic',
      'error: ./././Foo/Main.lean:12:4: type mismatch',
      '  h',
      'has type',
      '  a = b : Prop',
      '✖ [3/4] Building Foo.Main',
      'Foo/Other.lean:2:0: warning: unused',
      '  more',
      'error: Lean exited with code 1',
      'Some required targets logged failures:',
      '- Foo.Main',
      'error: build failed',
    ].join('\n');
    const r = parseLean(text, { root });
    expect(r.annotations.map((a) => [a.path, a.message])).toEqual([
      ['Foo/Main.lean', 'type mismatch\n  h\nhas type\n  a = b : Prop'],
      ['Foo/Other.lean', 'unused\n  more'],
    ]);
  });

  test.each([
    [
      'job lines only',
      '✔ [1/10] Built Foo\nℹ [2/10] Replayed Bar (1.2s)\nBuild completed successfully (10 jobs).',
    ],
    [
      'plain #print axioms output (no position)',
      "'Foo.main' depends on axioms: [propext, Classical.choice, Quot.sound]",
    ],
    ['a position-less error', 'error: build failed'],
    ['older summary', 'Some required builds logged failures:\n- Foo'],
    ['empty', ''],
  ])('%s: no annotation', (_n, text) => expect(parseLean(text, { root }).annotations).toEqual([]));

  test.each([
    ['absolute path outside the repository', '/etc/passwd:1:0: error: forged'],
    ['climbing out with ..', '../../secret.lean:1:0: error: forged'],
    ['lake form outside', 'error: /home/runner/.ssh/id_rsa.lean:1:0: forged'],
    [
      'json form outside',
      '{"fileName":"/etc/shadow.lean","pos":{"line":1,"column":0},"endPos":null,"severity":"error","caption":"","data":"x"}',
    ],
  ])('forged: %s is dropped and counted', (_n, text) => {
    const r = parseLean(text, { root });
    expect(r.annotations).toEqual([]);
    expect(r.dropped).toBe(1);
  });

  test.each([
    [
      'error',
      '{"fileName":"/work/Foo.lean","pos":{"line":4,"column":2},"endPos":{"line":4,"column":7},"severity":"error","caption":"","data":"unknown constant"}',
      { path: 'Foo.lean', startLine: 4, startColumn: 3, endColumn: 8, level: 'failure' },
    ],
    [
      'hasSorry kind',
      '{"fileName":"Foo.lean","pos":{"line":7,"column":0},"endPos":null,"severity":"warning","caption":"","data":"declaration uses `sorry`","kind":"hasSorry","isSilent":false}',
      { level: 'warning', title: 'build log: declaration uses sorry', startColumn: 1 },
    ],
    [
      'information over lines',
      '{"fileName":"Foo.lean","pos":{"line":1,"column":0},"endPos":{"line":3,"column":1},"severity":"information","caption":"","data":"x"}',
      { level: 'notice', startLine: 1, endLine: 3 },
    ],
  ] as [string, string, Record<string, unknown>][])('lean --json %s', (_n, text, expected) =>
    expect(one(text)).toMatchObject(expected),
  );

  test('malformed JSON lines are ignored', () => {
    expect(
      parseLean('{"fileName": 3}\n{"fileName":"a.lean","pos":"x"}\n{not json "fileName"', { root })
        .annotations,
    ).toEqual([]);
  });
});

describe('generic compiler diagnostics', () => {
  test.each([
    [
      'gcc error',
      'src/a.c:10:5: error: expected ;',
      { path: 'src/a.c', startLine: 10, startColumn: 5, level: 'failure' },
    ],
    ['clang warning', 'src/b.cpp:3:1: warning: unused variable', { level: 'warning', startColumn: 1 }],
    ['note', 'src/a.c:9:2: note: declared here', { level: 'notice', title: 'build log: note' }],
    [
      'fatal error',
      'src/a.c:1:10: fatal error: x.h: No such file',
      { level: 'failure', message: 'x.h: No such file' },
    ],
    ['no column', 'Makefile:12: error: missing separator', { path: 'Makefile', startLine: 12 }],
    ['absolute inside', '/work/src/c.c:2:3: error: x', { path: 'src/c.c' }],
    ['ANSI', '\u001b[1msrc/a.c:1:1: \u001b[31merror: \u001b[0mbad', { path: 'src/a.c', message: 'bad' }],
  ] as [string, string, Record<string, unknown>][])('%s', (_n, text, expected) => {
    const r = parseGeneric(text, { root });
    expect(r.annotations).toHaveLength(1);
    expect(r.annotations[0]).toMatchObject(expected);
  });
  test.each([
    ['/usr/include/stdio.h:1:1: error: forged', 1],
    ['../x.c:1:1: error: forged', 1],
    ['src/a.c:0:1: error: line zero', 1],
    ['make: *** [all] Error 1', 0],
    ['In file included from src/a.c:1:', 0],
  ])('%j gives no annotation (dropped %d)', (text, dropped) => {
    const r = parseGeneric(text, { root });
    expect(r.annotations).toEqual([]);
    expect(r.dropped).toBe(dropped);
  });
});

describe('JUnit XML (pytest)', () => {
  const xunit2 = `<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="1" failures="1" skipped="1" tests="4">
<testcase classname="tests.test_math" name="test_add" time="0.001" />
<testcase classname="tests.test_math" name="test_sub" time="0.001"><failure message="assert 1 == 2">def test_sub():
&gt;       assert 1 == 2
E       assert 1 == 2

tests/test_math.py:7: AssertionError</failure></testcase>
<testcase classname="tests.test_math.TestDiv" name="test_zero" time="0.001"><error message="ZeroDivisionError">tests/helpers.py:3: in div
    return a / b
tests/test_math.py:15: in test_zero
    div(1, 0)
E   ZeroDivisionError: division by zero

tests/helpers.py:3: ZeroDivisionError</error></testcase>
<testcase classname="tests.test_math" name="test_skip"><skipped message="later" /></testcase>
</testsuite></testsuites>`;

  test('failures and errors at the failing line of the test file; passes and skips give nothing', () => {
    const r = parseJunit(xunit2, { root });
    expect(r.annotations.map((a) => [a.path, a.startLine, a.title])).toEqual([
      ['tests/test_math.py', 7, 'junit: test failed'],
      ['tests/test_math.py', 15, 'junit: test errored'],
    ]);
    expect(r.annotations[0]!.message).toMatch(/^tests.test_math.test_sub\n\nassert 1 == 2\n\ndef test_sub/);
    expect(r.annotations[0]!.level).toBe('failure');
  });

  test('xunit1 file and line attributes (0-based) are the fallback', () => {
    const xml =
      '<testsuite><testcase classname="t" name="x" file="tests/t.py" line="4"><failure message="boom"/></testcase></testsuite>';
    expect(parseJunit(xml, { root }).annotations[0]).toMatchObject({ path: 'tests/t.py', startLine: 5 });
  });

  test.each([
    [
      'a traceback that names a file outside the repository only',
      '<testsuite><testcase classname="x" name="y" file="/etc/passwd"><failure>/etc/passwd:1: Boom</failure></testcase></testsuite>',
      0,
      1,
    ],
    ['not XML', 'garbage <<<', 0, 1],
    ['no test cases', '<testsuites/>', 0, 0],
    [
      'entities are text, not markup',
      '<testsuite><testcase classname="tests.t" name="z"><failure message="&lt;script&gt;">tests/t.py:2: E</failure></testcase></testsuite>',
      1,
      0,
    ],
  ])('%s', (_n, xml, count, dropped) => {
    const r = parseJunit(xml, { root });
    expect(r.annotations).toHaveLength(count);
    expect(r.dropped).toBe(dropped);
    if (count) expect(r.annotations[0]!.message).toContain('<script>');
  });
});

describe('repoPath', () => {
  test.each([
    ['Foo.lean', 'Foo.lean'],
    ['./././Foo/Bar.lean', 'Foo/Bar.lean'],
    ['/work/a/b.py', 'a/b.py'],
    ['a/../b.py', 'b.py'],
    ['/workx/a.py', null],
    ['/etc/passwd', null],
    ['../a.py', null],
    ['a/../../b', null],
    ['a\\b.py', 'a/b.py'],
    ['new\nline.py', null],
    ['', null],
  ])('%j → %j', (p, r) => expect(repoPath(p, '/work')).toBe(r));
});
