/** argv → raw option values, through Node's own parseArgs, from the one table of options. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../config/errors.js';
import type { RawOptions } from '../config/run-options.js';

export type OptionTable = Record<
  string,
  { kind: 'string' | 'boolean' | 'strings'; help: string; short?: string }
>;

export function parseCommandLine(
  argv: string[],
  table: OptionTable,
): { options: RawOptions; positionals: string[]; rest: string[] } {
  const dash = argv.indexOf('--');
  const head = dash === -1 ? argv : argv.slice(0, dash);
  const rest = dash === -1 ? [] : argv.slice(dash + 1);
  const config: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, o] of Object.entries(table)) {
    config[name] = {
      type: o.kind === 'boolean' ? 'boolean' : 'string',
      ...(o.kind === 'strings' ? { multiple: true } : {}),
      ...(o.short ? { short: o.short } : {}),
    };
  }
  try {
    const { values, positionals } = parseArgs({
      args: head,
      options: config,
      strict: true,
      allowPositionals: true,
    });
    return { options: values as RawOptions, positionals, rest };
  } catch (err) {
    const msg = (err as Error).message;
    const m = /Unknown option '([^']+)'/.exec(msg);
    if (m) throw new InputError(m[1]!, `is not an option; see --help for the options`);
    const v = /Option '(?:-\w, )?(--[\w-]+)(?: <value>)?' argument missing/.exec(msg);
    if (v) throw new InputError(v[1]!, 'needs a value');
    throw new InputError('arguments', msg.split('\n')[0]!);
  }
}

export function helpFor(table: OptionTable): string {
  const width = Math.max(...Object.keys(table).map((k) => k.length)) + 4;
  return Object.entries(table)
    .map(([k, o]) => `  --${(o.kind === 'boolean' ? k : `${k} X`).padEnd(width)} ${o.help}`)
    .join('\n');
}
