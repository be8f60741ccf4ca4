/** Reading one option's raw value (a string, a boolean or a list, as the CLI or the action gave it) as a type. */

import { InputError } from './errors.js';
import { parsePositiveNumber, parseSize } from './units.js';
import type { RawOptions } from './run-spec.js';
import type { RunOptionName } from './option-table.js';

/** What an action input or an env flag may say for a boolean: true or false, in any case. */
/** Docker's image reference grammar, loosely: no spaces or control characters, no leading dash. */
export const IMAGE_REF = /^[a-zA-Z0-9][a-zA-Z0-9._\-/:@]*$/;

export const BOOLEAN_TEXT = /^(true|false)$/i;

export function str(raw: RawOptions, name: RunOptionName): string | undefined {
  const v = raw[name];
  if (v === undefined || v === false) return undefined;
  if (typeof v !== 'string') throw new InputError(`--${name}`, 'takes a value');
  return v;
}
export function bool(raw: RawOptions, name: RunOptionName): boolean {
  const v = raw[name];
  if (v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && BOOLEAN_TEXT.test(v)) return v.toLowerCase() === 'true';
  throw new InputError(`--${name}`, `'${String(v)}' is not true or false`);
}
export function list(raw: RawOptions, name: RunOptionName): string[] {
  const v = raw[name];
  if (v === undefined || v === false) return [];
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [v];
  throw new InputError(`--${name}`, 'takes a value');
}
export function oneOf<T extends string>(
  name: RunOptionName,
  value: string | undefined,
  allowed: readonly T[],
  dflt: T,
): T {
  if (value === undefined) return dflt;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`--${name}`, `'${value}' is not one of ${allowed.join(', ')}`);
}
export function size(raw: RawOptions, name: RunOptionName, dflt: number): number {
  const v = str(raw, name);
  return v === undefined ? dflt : parseSize(`--${name}`, v);
}
export function count(raw: RawOptions, name: RunOptionName, dflt: number, max: number): number {
  const v = str(raw, name);
  return v === undefined ? dflt : parsePositiveNumber(`--${name}`, v, { integer: true, max });
}
