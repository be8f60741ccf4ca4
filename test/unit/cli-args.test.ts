/** argv through Node's parseArgs, its errors classified by their code: one line naming the input. */
import { describe, expect, test } from '@jest/globals';
import { parseCommandLine, type OptionTable } from '../../src/cli/args.js';
import { InputError } from '../../src/config/errors.js';

const TABLE: OptionTable = {
  image: { kind: 'string', help: 'image' },
  env: { kind: 'strings', help: 'env' },
  quiet: { kind: 'boolean', help: 'quiet', short: 'q' },
};

describe('parseCommandLine', () => {
  const OK: [string, string[], unknown][] = [
    [
      'a value, a list and a flag',
      ['--image', 'i', '--env', 'A=1', '--env', 'B=2', '-q'],
      { image: 'i', env: ['A=1', 'B=2'], quiet: true },
    ],
    ['-- ends the options', ['--image', 'i', '--', '--not-an-option'], { image: 'i' }],
  ];
  test.each(OK)('%s', (_n, argv, want) => expect(parseCommandLine(argv, TABLE).options).toEqual(want));
  test('what follows -- is the command, as given', () =>
    expect(parseCommandLine(['--image', 'i', '--', 'sh', '-c', 'x'], TABLE).rest).toEqual(['sh', '-c', 'x']));

  const BAD: [string, string[], string][] = [
    ['an unknown long option', ['--imgae', 'i'], '--imgae: is not an option; see --help for the options'],
    ['an unknown short option', ['-z'], '-z: is not an option; see --help for the options'],
    ['a value missing at the end', ['--image'], '--image: needs a value'],
  ];
  test.each(BAD)('%s: one line naming it', (_n, argv, line) => {
    let err: unknown;
    try {
      parseCommandLine(argv, TABLE);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe(line);
  });
});
