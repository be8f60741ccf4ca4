/**
 * landrun's argument shape, exactly as comparator writes it (leanprover/comparator, Main.lean `buildLandrunArgs`),
 * parsed into a typed request. Pure: no I/O.
 *
 *   --best-effort --ro / --rw /dev -ldd -add-exec      the fixed prefix, always first, always these seven words
 *   ( --env NAME | --ro PATH | --rwx PATH | --rox PATH )*   each flag takes exactly one value
 *   -- COMMAND [ARGS...]                                comparator on master
 *   COMMAND [ARGS...]                                   older comparators (no `--`)
 *
 * Anything else (another flag, a flag without its value, a relative or unnormalised path, no command) is refused
 * with an InputError naming the offending word: the shim never guesses what an unknown flag meant.
 */
import path from 'node:path';
import { InputError } from '../config/errors.js';

export const FIXED_PREFIX = ['--best-effort', '--ro', '/', '--rw', '/dev', '-ldd', '-add-exec'] as const;

export interface LandrunRequest {
  /** `separator`: the command follows `--` (comparator on master); `legacy`: it follows the last flag. */
  form: 'separator' | 'legacy';
  /** `--env NAME`: variables passed through, by name, in order. */
  env: string[];
  /** `--ro PATH`: readable. */
  readOnly: string[];
  /** `--rwx PATH`: writable and executable (comparator names only `<project>/.lake`). */
  writable: string[];
  /** `--rox PATH`: readable and executable. */
  executable: string[];
  command: string;
  args: string[];
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Control characters (newlines included) would make a path ambiguous in mount tables and logs.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** An absolute, normalised path other than `/` (no `.`/`..` parts, no `//`, no trailing `/`). */
export function checkHostPath(flag: string, p: string): string {
  if (!p.startsWith('/')) throw new InputError(flag, `'${p}' is not an absolute path`);
  if (CONTROL.test(p)) throw new InputError(flag, `${JSON.stringify(p)} has a control character`);
  if (p === '/') throw new InputError(flag, "'/' is never mounted: the step sees the image's own root");
  if (path.posix.normalize(p) !== p || p.endsWith('/')) {
    throw new InputError(flag, `'${p}' is not a normalised path (write it as '${path.posix.resolve(p)}')`);
  }
  return p;
}

const VALUE_FLAGS = {
  '--env': 'env',
  '--ro': 'readOnly',
  '--rwx': 'writable',
  '--rox': 'executable',
} as const;
type ValueFlag = keyof typeof VALUE_FLAGS;
const isValueFlag = (w: string): w is ValueFlag => Object.hasOwn(VALUE_FLAGS, w);

/** Flags landrun has that comparator never passes after its prefix: named so the refusal says why. */
const REFUSED: Record<string, string> = {
  '--rw': 'nothing from the host is writable; the project’s .lake is served by --rwx as a capped volume',
  '--best-effort': 'appears only once, in the fixed prefix',
  '--unrestricted-network': 'the step never has a network',
  '--unrestricted-filesystem': 'the step never sees the host’s filesystem',
  '--bind-tcp': 'the step never has a network',
  '--connect-tcp': 'the step never has a network',
};

export function parseLandrunArgs(argv: readonly string[]): LandrunRequest {
  for (let i = 0; i < FIXED_PREFIX.length; i++) {
    if (argv[i] !== FIXED_PREFIX[i]) {
      throw new InputError(
        `argument ${i + 1}`,
        `expected comparator's fixed prefix '${FIXED_PREFIX.join(' ')}', got ${argv[i] === undefined ? 'the end' : `'${argv[i]}'`}`,
      );
    }
  }
  const req: LandrunRequest = {
    form: 'legacy',
    env: [],
    readOnly: [],
    writable: [],
    executable: [],
    command: '',
    args: [],
  };
  const seen = new Set<string>();
  let i = FIXED_PREFIX.length;
  for (; i < argv.length; i++) {
    const w = argv[i]!;
    if (w === '--') {
      req.form = 'separator';
      i++;
      break;
    }
    if (!w.startsWith('-')) break;
    if (!isValueFlag(w)) {
      const why = REFUSED[w];
      throw new InputError(
        w,
        why ?? 'is not a flag comparator passes to landrun (--env, --ro, --rwx, --rox)',
      );
    }
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('-')) throw new InputError(w, 'needs a value');
    i++;
    const field = VALUE_FLAGS[w];
    if (field === 'env') {
      if (!ENV_NAME.test(v)) throw new InputError(w, `'${v}' is not a variable name`);
      if (!req.env.includes(v)) req.env.push(v);
      continue;
    }
    checkHostPath(w, v);
    if (seen.has(v)) throw new InputError(w, `'${v}' is named twice`);
    seen.add(v);
    req[field].push(v);
  }
  const command = argv[i];
  if (command === undefined || command === '') throw new InputError('command', 'no command after the flags');
  if (command.includes('/')) checkHostPath('command', command);
  if (CONTROL.test(command))
    throw new InputError('command', `${JSON.stringify(command)} has a control character`);
  req.command = command;
  req.args = argv.slice(i + 1);
  return req;
}
