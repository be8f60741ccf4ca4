import { describe, expect, test } from '@jest/globals';
import { InputError } from '../../src/config/errors.js';
import { parseDuration, parsePositiveNumber, parseSize } from '../../src/config/units.js';

describe('parseSize', () => {
  test.each([
    ['1024', 1024],
    ['1k', 1024],
    ['1KiB', 1024],
    ['512m', 512 * 1024 ** 2],
    ['512MB', 512 * 1024 ** 2],
    ['2g', 2 * 1024 ** 3],
    ['20GiB', 20 * 1024 ** 3],
    ['1.5g', 1.5 * 1024 ** 3],
    [' 3 m ', 3 * 1024 ** 2],
    ['1t', 1024 ** 4],
  ])('%s → %d bytes', (text, bytes) => expect(parseSize('--memory', text)).toBe(bytes));

  test.each(['', 'abc', '-1g', '0', '0m', '1x', '1 g b', '1e9', 'g', '0.0000001'])(
    '%j is refused naming the input',
    (text) => {
      expect(() => parseSize('--memory', text)).toThrow(InputError);
      expect(() => parseSize('--memory', text)).toThrow(/^--memory: /);
    },
  );
});

describe('parseDuration', () => {
  test.each([
    ['90s', 90_000],
    ['20m', 1_200_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    ['500ms', 500],
    ['45', 45_000],
    ['2m30s', 150_000],
  ])('%s → %d ms', (text, ms) => expect(parseDuration('--timeout', text)).toBe(ms));

  test.each(['', 'soon', '10x', '-5s', '0s', 'm', '1h 30m', '5 s', '1d'])('%j is refused', (text) => {
    expect(() => parseDuration('--timeout', text)).toThrow(/^--timeout: /);
  });
});

describe('parsePositiveNumber', () => {
  test.each([
    ['2', { integer: false, max: 4 }, 2],
    ['0.5', { integer: false, max: 4 }, 0.5],
    ['512', { integer: true, max: 1000 }, 512],
  ])('%s → %d', (text, opts, n) => expect(parsePositiveNumber('--cpus', text, opts)).toBe(n));
  test.each([
    ['0', { integer: false, max: 4 }],
    ['5', { integer: false, max: 4 }],
    ['1.5', { integer: true, max: 10 }],
    ['', { integer: true, max: 10 }],
    ['NaN', { integer: false, max: 4 }],
  ])('%j is refused', (text, opts) =>
    expect(() => parsePositiveNumber('--cpus', text, opts)).toThrow(/^--cpus: /),
  );
});
