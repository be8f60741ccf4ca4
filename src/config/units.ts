/** Pure parsers for the sizes and durations users type. Each returns a number or throws InputError. */
import { InputError } from './errors.js';

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
  tib: 1024 ** 4,
};

const SIZE_HELP = 'a size like 512m, 2g, 20GiB or a byte count';

/** `2g`, `512MiB`, `1.5g`, `1048576` → bytes (binary units, as Docker reads them). */
export function parseSize(input: string, value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(value);
  if (!m) throw new InputError(input, `'${value}' is not ${SIZE_HELP}`);
  const unit = SIZE_UNITS[m[2]!.toLowerCase()];
  if (unit === undefined)
    throw new InputError(input, `unknown unit '${m[2]}' in '${value}'; use ${SIZE_HELP}`);
  const bytes = Math.floor(Number(m[1]) * unit);
  if (!Number.isSafeInteger(bytes) || bytes <= 0) throw new InputError(input, `'${value}' must be above 0`);
  return bytes;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION_HELP = 'a duration like 90s, 20m, 1h30m or 1.5h';

/** `90s`, `20m`, `1h30m`, `1.5h`, `500ms`; a bare number means seconds. → milliseconds. */
export function parseDuration(input: string, value: string): number {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return checkDuration(input, value, Math.round(Number(text) * 1000));
  const part = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  for (let m = part.exec(text); m; m = part.exec(text)) {
    total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
    consumed = part.lastIndex;
  }
  if (consumed === 0 || consumed !== text.length) {
    throw new InputError(input, `'${value}' is not ${DURATION_HELP}`);
  }
  return checkDuration(input, value, Math.round(total));
}

function checkDuration(input: string, value: string, ms: number): number {
  if (!Number.isSafeInteger(ms) || ms <= 0) throw new InputError(input, `'${value}' must be above 0`);
  return ms;
}

/** A positive number with at most `max`; `cpus` takes fractions. */
export function parsePositiveNumber(
  input: string,
  value: string,
  opts: { integer: boolean; max: number },
): number {
  const n = Number(value.trim());
  const ok =
    value.trim() !== '' &&
    Number.isFinite(n) &&
    n > 0 &&
    n <= opts.max &&
    (!opts.integer || Number.isInteger(n));
  if (!ok) {
    const kind = opts.integer ? 'a whole number' : 'a number';
    throw new InputError(input, `'${value}' is not ${kind} above 0 and at most ${opts.max}`);
  }
  return n;
}

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v >= 10 ? 0 : 1)} ${units[i]}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return `${m} min ${s} s`;
}
