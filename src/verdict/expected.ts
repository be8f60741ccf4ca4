/**
 * The expected-output judge's comparisons (pure, apart from loading the expected files). Expected files live on the
 * trusted side (`--expect DIR`) and never enter the sandbox; each is compared with the collected output of the same
 * path: byte for byte, or as JSON values for `.json` files (key order and whitespace do not matter).
 */
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { InputError } from '../config/errors.js';

export interface ExpectedFile {
  /** Relative to /output (and to the expect directory). */
  path: string;
  hostPath: string;
  mode: 'exact' | 'json';
}

export interface Comparison {
  path: string;
  match: boolean;
  /** A short account of the first difference (or of what is missing). */
  detail: string;
  /** The first differing line of a text file, 1-based. */
  line?: number;
}

export const EXPECT_MAX_FILES = 1000;
export const EXPECT_MAX_BYTES = 16 * 1024 * 1024;
const SHOWN = 120;

/** The expected files under `dir`: regular files only (a link or a special file is refused), within caps. */
export function loadExpected(dir: string): ExpectedFile[] {
  const st = fs.lstatSync(dir, { throwIfNoEntry: false });
  if (!st?.isDirectory()) throw new InputError('--expect', `'${dir}' is not a directory`);
  const out: ExpectedFile[] = [];
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const s = fs.lstatSync(path.join(dir, r));
      if (s.isDirectory()) walk(r);
      else if (s.isFile()) {
        if (s.size > EXPECT_MAX_BYTES)
          throw new InputError('--expect', `'${r}' is ${s.size} bytes, above ${EXPECT_MAX_BYTES}`);
        out.push({ path: r, hostPath: path.join(dir, r), mode: r.endsWith('.json') ? 'json' : 'exact' });
      } else throw new InputError('--expect', `'${r}' is not a regular file or directory`);
      if (out.length > EXPECT_MAX_FILES)
        throw new InputError('--expect', `more than ${EXPECT_MAX_FILES} expected files`);
    }
  };
  walk('');
  if (out.length === 0) throw new InputError('--expect', `'${dir}' holds no file to compare with`);
  return out;
}

/**
 * Where the expected files sit in their repository, so the pull request's copy of that path is left out of /work:
 * a submission that could read the expectations could print them (reward hacking). `--expect` inside `--source`
 * is refused for the same reason. The repository is the nearest folder above with a `.git`; none, nothing is left out.
 */
export function expectedRepoPath(expectDir: string, sourceDir: string | null): string | null {
  const abs = path.resolve(expectDir);
  if (sourceDir) {
    const src = path.resolve(sourceDir);
    if (abs === src || abs.startsWith(src + path.sep)) {
      throw new InputError(
        '--expect',
        `'${expectDir}' is inside --source: the sandbox would read the expected files; keep them outside it`,
      );
    }
  }
  for (let dir = path.dirname(abs); ; dir = path.dirname(dir)) {
    if (fs.lstatSync(path.join(dir, '.git'), { throwIfNoEntry: false }))
      return path.relative(dir, abs).split(path.sep).join('/');
    if (path.dirname(dir) === dir) return null;
  }
}

const show = (s: string) => JSON.stringify(s.length > SHOWN ? `${s.slice(0, SHOWN)}…` : s);

/** The first difference between two byte strings, as a line of text (or a byte offset for binary data). */
export function diffExact(expected: Buffer, actual: Buffer): { detail: string; line?: number } | null {
  if (expected.equals(actual)) return null;
  const dec = new TextDecoder('utf-8', { fatal: true });
  let a: string;
  let b: string;
  try {
    a = dec.decode(expected);
    b = dec.decode(actual);
  } catch {
    let i = 0;
    while (i < expected.length && i < actual.length && expected[i] === actual[i]) i++;
    return {
      detail: `binary contents differ from byte ${i} (expected ${expected.length} bytes, got ${actual.length})`,
    };
  }
  const lines = (t: string) => (t.endsWith('\n') ? t.slice(0, -1) : t).split('\n');
  const la = lines(a);
  const lb = lines(b);
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] === lb[i]) continue;
    const line = i + 1;
    if (la[i] === undefined) return { line, detail: `line ${line}: unexpected extra line ${show(lb[i]!)}` };
    if (lb[i] === undefined) return { line, detail: `line ${line}: missing, expected ${show(la[i]!)}` };
    return { line, detail: `line ${line}: expected ${show(la[i]!)}, got ${show(lb[i]!)}` };
  }
  return {
    detail: a.endsWith('\n')
      ? 'the output has no final newline'
      : 'the output has a final newline the expected file has not',
  };
}

/** The first path where two JSON values differ, e.g. `$.scores[2]: expected 3, got 4`. */
export function diffJson(expected: unknown, actual: unknown, at = '$'): string | null {
  if (isDeepStrictEqual(expected, actual)) return null;
  const kind = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
  if (kind(expected) !== kind(actual) || typeof expected !== 'object' || expected === null) {
    return `${at}: expected ${show(JSON.stringify(expected) ?? 'undefined')}, got ${show(JSON.stringify(actual) ?? 'undefined')}`;
  }
  if (Array.isArray(expected)) {
    const b = actual as unknown[];
    if (expected.length !== b.length) return `${at}: expected ${expected.length} items, got ${b.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = diffJson(expected[i], b[i], `${at}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const ea = expected as Record<string, unknown>;
  const ab = actual as Record<string, unknown>;
  for (const k of Object.keys(ea)) {
    if (!(k in ab)) return `${at}.${k}: missing`;
    const d = diffJson(ea[k], ab[k], `${at}.${k}`);
    if (d) return d;
  }
  const extra = Object.keys(ab).find((k) => !(k in ea));
  return extra === undefined ? null : `${at}.${extra}: not expected`;
}

export async function compareExpected(
  files: ExpectedFile[],
  readActual: (rel: string, cap: number) => Promise<Buffer | null>,
): Promise<Comparison[]> {
  const out: Comparison[] = [];
  for (const f of files) {
    const expected = fs.readFileSync(f.hostPath);
    const actual = await readActual(f.path, EXPECT_MAX_BYTES);
    if (!actual) {
      out.push({ path: f.path, match: false, detail: `declared output missing: ${f.path}` });
      continue;
    }
    if (f.mode === 'json') {
      let want: unknown;
      let got: unknown;
      try {
        want = JSON.parse(expected.toString('utf8'));
      } catch {
        throw new InputError(
          '--expect',
          `'${f.path}' is not JSON (expected .json files are compared as JSON)`,
        );
      }
      try {
        got = JSON.parse(actual.toString('utf8'));
      } catch {
        out.push({ path: f.path, match: false, detail: `${f.path} is not JSON` });
        continue;
      }
      const d = diffJson(want, got);
      out.push({ path: f.path, match: d === null, detail: d ?? 'equal as JSON' });
    } else {
      const d = diffExact(expected, actual);
      out.push({
        path: f.path,
        match: d === null,
        detail: d?.detail ?? 'identical',
        ...(d?.line !== undefined ? { line: d.line } : {}),
      });
    }
  }
  return out;
}
