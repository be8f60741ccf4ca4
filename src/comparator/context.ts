/**
 * The contract between the process that starts comparator (runComparator, on the trusted side) and the landrun
 * shim that comparator calls for every build and export: one JSON object in SANDBOX_LANDRUN_CONTEXT. comparator
 * passes its whole environment to the landrun it starts, so the shim finds it there; the step never does (it gets
 * only the `--env` names comparator lists). It holds no secret but the fence token, which only marks where a
 * step's stderr begins and ends in comparator's stderr so the judge's own lines can be told from the build's.
 * Pure: parsing and encoding only.
 */
import { InputError } from '../config/errors.js';

export const CONTEXT_ENV = 'SANDBOX_LANDRUN_CONTEXT';
export const CONTEXT_VERSION = 1;

export interface StepLimits {
  /** Wall clock of one step (one build or one export). */
  timeoutMs: number;
  memoryBytes: number;
  cpus: number;
  pids: number;
  nofile: number;
  fsizeBytes: number;
}

export interface LandrunContext {
  version: typeof CONTEXT_VERSION;
  /** The run's id: every step container carries it (label `sandbox-action.run`), so `gc` finds leftovers. */
  runId: string;
  /** ISO time the run was created (label `sandbox-action.created`, read by `gc --older-than`). */
  createdAt: string;
  /** The image every step runs in (its own root, read-only). */
  image: string;
  /** The host project directory comparator runs in; `<projectDir>/.lake` is the capped volume below. */
  projectDir: string;
  /** The engine volume that is `<projectDir>/.lake` in every step: writable for --rwx, read-only for --ro. */
  lakeVolume: string;
  /** Who the step runs as: never root, never the judging process's uid. */
  user: { uid: number; gid: number };
  isolation: 'default' | 'runsc';
  /** The engine's runtime for runsc (chosen once by the starter), else null. */
  runtime: string | null;
  limits: StepLimits;
  /** When set, each step's stderr is written between two lines carrying this token (see step.ts). */
  fence: string | null;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: Json | undefined): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Reader {
  constructor(private readonly o: { [k: string]: Json }) {}
  private bad(key: string, what: string): never {
    throw new InputError(CONTEXT_ENV, `'${key}' must be ${what}`);
  }
  str(key: string, re?: RegExp): string {
    const v = this.o[key];
    if (typeof v !== 'string' || v === '' || (re && !re.test(v)))
      this.bad(key, 'a non-empty string of the right form');
    return v;
  }
  int(key: string, min: number): number {
    const v = this.o[key];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) this.bad(key, `an integer ≥ ${min}`);
    return v;
  }
  num(key: string, min: number): number {
    const v = this.o[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min) this.bad(key, `a number ≥ ${min}`);
    return v;
  }
  obj(key: string): Reader {
    const v = this.o[key];
    if (!isObject(v)) this.bad(key, 'an object');
    return new Reader(v);
  }
  nullable(key: string, re: RegExp): string | null {
    return this.o[key] === null ? null : this.str(key, re);
  }
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const ABSOLUTE = /^\/[^\0\n]*[^/\0\n]$/;

export function parseContext(text: string | undefined): LandrunContext {
  if (!text) {
    throw new InputError(
      CONTEXT_ENV,
      'is not set: the shim runs only under a comparator started by sandbox-action (runComparator)',
    );
  }
  let raw: Json;
  try {
    raw = JSON.parse(text) as Json;
  } catch {
    throw new InputError(CONTEXT_ENV, 'is not JSON');
  }
  if (!isObject(raw)) throw new InputError(CONTEXT_ENV, 'is not a JSON object');
  const r = new Reader(raw);
  if (raw.version !== CONTEXT_VERSION) {
    throw new InputError(CONTEXT_ENV, `version ${JSON.stringify(raw.version)} is not ${CONTEXT_VERSION}`);
  }
  const isolation = r.str('isolation');
  if (isolation !== 'default' && isolation !== 'runsc')
    throw new InputError(CONTEXT_ENV, "'isolation' must be default or runsc");
  const createdAt = r.str('createdAt');
  if (Number.isNaN(Date.parse(createdAt))) throw new InputError(CONTEXT_ENV, "'createdAt' is not a date");
  const user = r.obj('user');
  const limits = r.obj('limits');
  return {
    version: CONTEXT_VERSION,
    runId: r.str('runId', NAME),
    createdAt,
    image: r.str('image'),
    projectDir: r.str('projectDir', ABSOLUTE),
    lakeVolume: r.str('lakeVolume', NAME),
    user: { uid: user.int('uid', 1), gid: user.int('gid', 0) },
    isolation,
    runtime: r.nullable('runtime', NAME),
    limits: {
      timeoutMs: limits.int('timeoutMs', 1),
      memoryBytes: limits.int('memoryBytes', 16 * 1024 * 1024),
      cpus: limits.num('cpus', 0.01),
      pids: limits.int('pids', 8),
      nofile: limits.int('nofile', 16),
      fsizeBytes: limits.int('fsizeBytes', 1),
    },
    fence: r.nullable('fence', /^[0-9a-f]{32}$/),
  };
}

export function encodeContext(c: LandrunContext): string {
  return JSON.stringify(c);
}

/** The line before (`begin`) and after (`end`) a step's stderr, when the context has a fence token. */
export function fenceLine(token: string, edge: 'begin' | 'end'): string {
  return `[sandbox-landrun ${token} ${edge}]\n`;
}
