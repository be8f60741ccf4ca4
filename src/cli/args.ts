/** argv → raw option values, through Node's own parseArgs, from the one table of options. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../config/errors.js';
import type { RawOptions } from '../config/run-options.js';

export type OptionTable = Record<
  string,
  { kind: 'string' | 'boolean' | 'strings'; help: string; short?: string; loosens?: string | null }
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
    // Classified by Node's error code; only the option's name is read from the message.
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
    const msg = err instanceof Error ? err.message : String(err);
    const named = /'(?:-\w, )?(-{1,2}[^' ]+)/.exec(msg)?.[1] ?? 'arguments';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      throw new InputError(named, 'is not an option; see --help for the options');
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new InputError(named, 'needs a value');
    throw err;
  }
}

export function helpFor(table: OptionTable): string {
  const width = Math.max(...Object.keys(table).map((k) => k.length)) + 4;
  return Object.entries(table)
    .map(
      ([k, o]) =>
        `  --${(o.kind === 'boolean' ? k : `${k} X`).padEnd(width)} ${o.help}${o.loosens ? ` (loosens: ${o.loosens})` : ''}`,
    )
    .join('\n');
}

/** Where a door writes: its stdout and stderr (the process's, or a test's). */
export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** The options every door of the CLI shares. */
export const CLI_ONLY = {
  json: { kind: 'boolean', help: 'print the result as one JSON object on stdout (the log goes to stderr)' },
  quiet: { kind: 'boolean', help: 'no summary line' },
  help: { kind: 'boolean', help: 'this help', short: 'h' },
} as const satisfies OptionTable;
