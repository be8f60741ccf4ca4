/**
 * A Lean 4 file's header (`module`? `prelude`? then `import`s), read the way Lean's scanner reads it: whitespace and
 * comments between any two tokens (line comments `--`, block comments `/- … -/` that nest, doc comments included),
 * `import` and its module name may sit on different lines, and a name's components are identifiers with Lean's
 * letters (Greek, letter-like symbols, subscripts, `'`, `!`, `?`) or `«quoted»`. Pure. The trusted side follows these
 * imports to decide which files the base branch owns, so a name it cannot read is an error, never skipped.
 */
import { HeaderError } from '../config/errors.js';

/** Lean's identifier characters, wider where unsure (a wider reading trusts more files, never fewer). */
const ID_START = /[\p{L}_\u2100-\u214f\u1d49-\u1d6a]/u;
const ID_REST = /[\p{L}\p{N}_'!?\u2100-\u214f\u1d49-\u1d6a\u2080-\u209c\u1d62-\u1d6a]/u;
const MODIFIERS = new Set(['public', 'private', 'meta']);

export { HeaderError };

/** One module name's components, `«»` removed: `«Challenge».Defs` → `['Challenge', 'Defs']`. */
export function moduleComponents(name: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (name[i] === '«') {
      const end = name.indexOf('»', i + 1);
      if (end === -1) throw new HeaderError(`an unterminated «name» in ${name}`);
      out.push(name.slice(i + 1, end));
      i = end + 1;
    } else {
      let j = i;
      while (j < name.length && name[j] !== '.') j++;
      out.push(name.slice(i, j));
      i = j;
    }
    if (i >= name.length) return out;
    if (name[i] !== '.') throw new HeaderError(`'${name}' is not a module name`);
    i++;
  }
}

/** The file of a module in its package's source root: `A.«b c»` → `A/b c.lean`. */
export function moduleFile(name: string): string {
  const parts = moduleComponents(name);
  if (parts.some((c) => c === '' || c === '.' || c === '..' || /[/\\\0]/.test(c)))
    throw new HeaderError(`'${name}' names no file of the package`);
  return `${parts.join('/')}.lean`;
}

/** The modules a Lean file's header imports, in order, each once; throws HeaderError on a name it cannot read. */
export function headerImports(text: string): string[] {
  const n = text.length;
  let i = 0;
  const lineAt = (at: number) => text.slice(0, at).split('\n').length;
  /** Skip whitespace and comments; `stopAtNewline`: stop before a newline (same-line lists `import A B`). */
  const skip = (stopAtNewline = false) => {
    for (;;) {
      const c = text[i];
      if (c === '\n' && stopAtNewline) return;
      if (c !== undefined && /\s/.test(c)) i++;
      else if (text.startsWith('--', i)) {
        const e = text.indexOf('\n', i);
        i = e === -1 ? n : e;
      } else if (text.startsWith('/-', i)) {
        let depth = 1;
        i += 2;
        while (i < n && depth > 0) {
          if (text.startsWith('/-', i)) {
            depth++;
            i += 2;
          } else if (text.startsWith('-/', i)) {
            depth--;
            i += 2;
          } else i++;
        }
      } else return;
    }
  };
  /** A name at i (components joined by `.`, no space), or null when none starts here. */
  const name = (): string | null => {
    const start = i;
    for (;;) {
      if (text[i] === '«') {
        const e = text.indexOf('»', i + 1);
        if (e === -1 || text.slice(i, e).includes('\n'))
          throw new HeaderError(`line ${lineAt(i)}: an unterminated «name»`);
        i = e + 1;
      } else if (text[i] !== undefined && ID_START.test(text[i]!)) {
        i++;
        while (i < n && ID_REST.test(text[i]!)) i++;
      } else {
        if (i === start) return null;
        throw new HeaderError(`line ${lineAt(i)}: '${text.slice(start, i + 1)}' is not a module name`);
      }
      if (text[i] !== '.') return text.slice(start, i);
      i++;
    }
  };
  const out: string[] = [];
  const add = (m: string) => {
    const norm = moduleComponents(m)
      .map((c) => (c !== '' && [...c].every((ch, k) => (k ? ID_REST : ID_START).test(ch)) ? c : `«${c}»`))
      .join('.');
    if (!out.includes(norm)) out.push(norm);
  };
  for (;;) {
    skip();
    const at = i;
    const word = name();
    if (word === null) break; // not a word: the header is over (or the file is)
    if (word === 'module' || word === 'prelude') continue;
    let w: string | null = word;
    while (w !== null && MODIFIERS.has(w)) {
      skip();
      w = name();
    }
    if (w !== 'import') break; // the first command that is not an import ends the header (`private def` too)
    skip();
    let m = name();
    if (m === 'all' || m === 'runtime') {
      const save = i;
      skip(true);
      const next = name();
      if (next !== null) m = next;
      else i = save;
    }
    if (m === null) throw new HeaderError(`line ${lineAt(at)}: import is not followed by a module name`);
    add(m);
    // `import A B`: further names on the same line are imports too (reading more trusts more).
    for (;;) {
      skip(true);
      if (text[i] === '\n' || i >= n) break;
      const more = name();
      if (more === null || more === 'import' || MODIFIERS.has(more)) {
        i -= more?.length ?? 0;
        break;
      }
      add(more);
    }
  }
  return out;
}
