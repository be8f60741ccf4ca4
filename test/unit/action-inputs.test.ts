import { describe, expect, test } from '@jest/globals';
import { envName, readActionInputs } from '../../src/action/inputs.js';
import { RUN_OPTIONS, inputName, parseRunOptions, type RunOptionName } from '../../src/config/run-options.js';

const env = (o: Record<string, string>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [envName(k), v]));

describe('action inputs become the CLI options', () => {
  test.each([
    [{ image: 'img', run: 'make test' }, { image: 'img' }, ['sh', '-c', 'make test']],
    [
      { image: 'img', run: 'x', memory: '1g', timeout: '20m' },
      { image: 'img', memory: '1g', timeout: '20m' },
      ['sh', '-c', 'x'],
    ],
    [
      { image: 'img', run: 'x', env: 'A=1\n  B=2 \n\n' },
      { image: 'img', env: ['A=1', 'B=2'] },
      ['sh', '-c', 'x'],
    ],
    [
      { image: 'img', run: 'x', 'source-readonly': 'TRUE', source: '.' },
      { image: 'img', 'source-readonly': true, source: '.' },
      ['sh', '-c', 'x'],
    ],
    [
      { image: 'img', run: 'x', 'allow-root': 'false' },
      { image: 'img', 'allow-root': false },
      ['sh', '-c', 'x'],
    ],
    [{ image: 'img', run: 'x', memory: '' }, { image: 'img' }, ['sh', '-c', 'x']],
  ])('%j', (inputs, options, command) => {
    const r = readActionInputs(env(inputs));
    // `run` is a shell command: sh is the entrypoint whatever the image's is (python-sandbox's is python).
    expect(r.options).toEqual({ ...options, entrypoint: 'sh' });
    expect(['sh', ...r.command]).toEqual(command);
  });

  test('a preset may stand in for run; an explicit entrypoint input wins over sh', () => {
    const p = readActionInputs(env({ preset: 'python-tests' }));
    expect(p.command).toEqual([]);
    expect(p.options.entrypoint).toBeUndefined();
    expect(readActionInputs(env({ image: 'i', run: 'x', entrypoint: 'bash' })).options.entrypoint).toBe(
      'bash',
    );
  });

  test.each([
    [{ image: 'img' }, /^run: is required/],
    [{ image: 'img', run: 'x', 'source-readonly': 'yes' }, /^source-readonly: 'yes' is not true or false/],
    [{ image: 'img', run: 'x', 'fail-on-error': 'maybe' }, /^fail-on-error: /],
  ])('bad input %j names the input', (inputs, re) => expect(() => readActionInputs(env(inputs))).toThrow(re));

  test('every CLI option of run has an input of the same name, and it reaches the options', () => {
    for (const [name, o] of Object.entries(RUN_OPTIONS) as [RunOptionName, { kind: string }][]) {
      const value = o.kind === 'boolean' ? 'true' : 'v';
      const r = readActionInputs(env({ run: 'x', [inputName(name)]: value }));
      expect(r.options[name]).toEqual(o.kind === 'boolean' ? true : o.kind === 'strings' ? ['v'] : 'v');
    }
  });

  test('the inputs validate through the same parser as the CLI', () => {
    const r = readActionInputs(env({ image: 'img', run: 'x', memory: '8m' }));
    expect(() => parseRunOptions(r.options, r.command, { cpus: 2, cwd: '/' })).toThrow(
      /^--memory: must be at least 16m/,
    );
  });
});
