/**
 * The action's inputs → the same RawOptions the CLI makes, so both doors validate through parseRunOptions.
 * Inputs are read as @actions/core reads them (`INPUT_<NAME>`, name upper-cased, hyphens kept); the composite
 * action maps each of its inputs into that variable explicitly (composite `run:` steps get no INPUT_*).
 */
import { BOOLEAN_TEXT } from '../config/raw-options.js';
import { InputError } from '../config/errors.js';
import { RUN_OPTIONS, inputName, type RawOptions, type RunOptionName } from '../config/run-options.js';

export const envName = (input: string) => `INPUT_${input.replace(/ /g, '_').toUpperCase()}`;

export interface ActionInputs {
  options: RawOptions;
  command: string[];
  failOnError: boolean;
}

const WORD_LISTS = new Set<RunOptionName>([
  'audit-target',
  'audit-module',
  'audit-allow',
  'allow-domain',
  'allow-preset',
  'allow-cidr',
  'allow-port',
  'egress-dns',
  'add-host',
  'output',
  'tests-path',
]);

/** Pure: the environment in, the options out. Empty inputs are "not given". */
export function readActionInputs(env: Record<string, string | undefined>): ActionInputs {
  const get = (name: string) => (env[envName(name)] ?? '').trim();
  const options: RawOptions = {};
  for (const [name, o] of Object.entries(RUN_OPTIONS) as [
    RunOptionName,
    (typeof RUN_OPTIONS)[RunOptionName],
  ][]) {
    const input = inputName(name);
    const v = get(input);
    if (v === '') continue;
    if (o.kind === 'boolean') {
      if (!BOOLEAN_TEXT.test(v)) throw new InputError(input, `'${v}' is not true or false`);
      options[name] = v.toLowerCase() === 'true';
    } else if (o.kind === 'strings') {
      // Lists of names and addresses may also be written on one line, separated by commas or spaces.
      options[name] = v
        .split(WORD_LISTS.has(name) ? /[\s,]+/ : '\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
    } else {
      options[name] = v;
    }
  }
  const run = get('run');
  if (run === '' && options.preset === undefined) {
    throw new InputError(
      'run',
      'is required (or a preset): the shell command to run in the sandbox, e.g. `make test`',
    );
  }
  const failOnError = get('fail-on-error') || 'true';
  if (!BOOLEAN_TEXT.test(failOnError)) {
    throw new InputError('fail-on-error', `'${failOnError}' is not true or false`);
  }
  // `run` is a shell command whatever the image's entrypoint is (python-sandbox's is python): sh runs it.
  if (run !== '') options.entrypoint ??= 'sh';
  return {
    options,
    command: run === '' ? [] : ['-c', run],
    failOnError: failOnError.toLowerCase() === 'true',
  };
}
