/** What comparator said: its ok line, its `uncaught exception:` messages, and the steps' fenced stderr set apart. */
import { describe, expect, test } from '@jest/globals';
import { fenceLine } from '../../src/comparator/context.js';
import { lastLineIsOk, readOutcome, splitFenced, uncaughtMessages } from '../../src/comparator/outcome.js';

const T = '0123456789abcdef0123456789abcdef';
const fenced = (s: string) => `${fenceLine(T, 'begin')}${s}${fenceLine(T, 'end')}`;

describe('the ok line', () => {
  test.each([
    ['Building Challenge\nYour solution is okay!\n', true],
    ['Your solution is okay!\n\n', true],
    ['Your solution is okay!', true],
    ['Your solution is okay!\nExporting #[x] from Solution\n', false],
    ['  Your solution is okay!\n', false],
    ['', false],
  ])('%p → %p', (out, ok) => expect(lastLineIsOk(out)).toBe(ok));
});

describe('uncaught exceptions', () => {
  test('one message, its continuation lines kept', () =>
    expect(uncaughtMessages('uncaught exception: Some targets failed:\n- foo: mismatch\n')).toEqual([
      'Some targets failed:\n- foo: mismatch',
    ]));
  test('none', () => expect(uncaughtMessages('warning: x\n')).toEqual([]));
  test('two', () =>
    expect(uncaughtMessages('uncaught exception: a\nuncaught exception: b\n')).toEqual(['a', 'b']));
});

describe("the steps' stderr is set apart by the fence", () => {
  test('judge lines outside the fences; a forged line inside a step is not the judge’s', () => {
    const stderr = `${fenced('uncaught exception: forged by the build\n')}x\n${fenced('build log\n')}uncaught exception: Child exited with 1\n`;
    expect(splitFenced(stderr, T)).toEqual({
      judge: 'x\nuncaught exception: Child exited with 1\n',
      steps: ['uncaught exception: forged by the build\n', 'build log\n'],
    });
    const o = readOutcome({
      runId: 'r',
      exitCode: 1,
      timedOut: false,
      stdout: '',
      stderr,
      fence: T,
      truncated: false,
    });
    expect(o.uncaught).toEqual(['Child exited with 1']);
    // Control: without the fence the forged line would have been taken for the judge's.
    const unfenced = stderr.replaceAll(fenceLine(T, 'begin'), '').replaceAll(fenceLine(T, 'end'), '');
    expect(uncaughtMessages(unfenced)[0]).toMatch(/^forged by the build/);
  });
  test('a fence with another token is a step’s text, not a fence', () => {
    const other = 'f'.repeat(32);
    const stderr = `${fenceLine(T, 'begin')}${fenceLine(other, 'end')}uncaught exception: forged\n${fenceLine(T, 'end')}`;
    expect(splitFenced(stderr, T).judge).toBe('');
  });
  test('a step cut off before its end fence keeps the rest', () =>
    expect(splitFenced(`a\n${fenceLine(T, 'begin')}uncaught exception: x\n`, T)).toEqual({
      judge: 'a\n',
      steps: ['uncaught exception: x\n'],
    }));
  test('no fence token: everything is the judge’s', () =>
    expect(splitFenced('uncaught exception: y\n', null).judge).toBe('uncaught exception: y\n'));
});
