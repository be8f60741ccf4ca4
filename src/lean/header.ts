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

/** A reader of a Lean header at a position: whitespace and comments skipped, names read. */
class HeaderLexer {
  i = 0;
  private readonly n: number;

  constructor(private readonly text: string) {
    this.n = text.length;
  }

  lineAt(at: number): number {
    return this.text.slice(0, at).split('\n').length;
  }

  /** At a newline (or the end): where a same-line import list stops. */
  atLineEnd(): boolean {
    return this.text[this.i] === '\n' || this.i >= this.n;
  }

  /** Skip whitespace and comments; `stopAtNewline`: stop before a newline (same-line lists `import A B`). */
  skip(stopAtNewline = false): void {
    const { text, n } = this;
    for (;;) {
      const c = text[this.i];
      if (c === '\n' && stopAtNewline) return;
      if (c !== undefined && /\s/.test(c)) this.i++;
      else if (text.startsWith('--', this.i)) {
        const e = text.indexOf('\n', this.i);
        this.i = e === -1 ? n : e;
      } else if (text.startsWith('/-', this.i)) this.skipBlockComment();
      else return;
    }
  }

  /** `/- … -/`, nested. */
  private skipBlockComment(): void {
    const { text, n } = this;
    let depth = 1;
    this.i += 2;
    while (this.i < n && depth > 0) {
      if (text.startsWith('/-', this.i)) {
        depth++;
        this.i += 2;
      } else if (text.startsWith('-/', this.i)) {
        depth--;
        this.i += 2;
      } else this.i++;
    }
  }

  /** A name at i (components joined by `.`, no space), or null when none starts here. */
  name(): string | null {
    const { text, n } = this;
    const start = this.i;
    for (;;) {
      if (text[this.i] === '«') {
        const e = text.indexOf('»', this.i + 1);
        if (e === -1 || text.slice(this.i, e).includes('\n'))
          throw new HeaderError(`line ${this.lineAt(this.i)}: an unterminated «name»`);
        this.i = e + 1;
      } else if (text[this.i] !== undefined && ID_START.test(text[this.i]!)) {
        this.i++;
        while (this.i < n && ID_REST.test(text[this.i]!)) this.i++;
      } else {
        if (this.i === start) return null;
        throw new HeaderError(
          `line ${this.lineAt(this.i)}: '${text.slice(start, this.i + 1)}' is not a module name`,
        );
      }
      if (text[this.i] !== '.') return text.slice(start, this.i);
      this.i++;
    }
  }
}

/** A module name written one way: «» only around components that need them. */
function normalName(m: string): string {
  return moduleComponents(m)
    .map((c) => (c !== '' && [...c].every((ch, k) => (k ? ID_REST : ID_START).test(ch)) ? c : `«${c}»`))
    .join('.');
}

/** The modules a Lean file's header imports, in order, each once; throws HeaderError on a name it cannot read. */
export function headerImports(text: string): string[] {
  const lx = new HeaderLexer(text);
  const out: string[] = [];
  const add = (m: string) => {
    const norm = normalName(m);
    if (!out.includes(norm)) out.push(norm);
  };
  for (;;) {
    lx.skip();
    const at = lx.i;
    const word = lx.name();
    if (word === null) break; // not a word: the header is over (or the file is)
    if (word === 'module' || word === 'prelude') continue;
    let w: string | null = word;
    while (w !== null && MODIFIERS.has(w)) {
      lx.skip();
      w = lx.name();
    }
    if (w !== 'import') break; // the first command that is not an import ends the header (`private def` too)
    const m = importedName(lx);
    if (m === null) throw new HeaderError(`line ${lx.lineAt(at)}: import is not followed by a module name`);
    add(m);
    // `import A B`: further names on the same line are imports too (reading more trusts more).
    for (;;) {
      lx.skip(true);
      if (lx.atLineEnd()) break;
      const more = lx.name();
      if (more === null || more === 'import' || MODIFIERS.has(more)) {
        lx.i -= more?.length ?? 0;
        break;
      }
      add(more);
    }
  }
  return out;
}

/** The name after `import`, past an `all` or `runtime` keyword on the same line (which is a name when alone). */
function importedName(lx: HeaderLexer): string | null {
  lx.skip();
  const m = lx.name();
  if (m === 'all' || m === 'runtime') {
    const save = lx.i;
    lx.skip(true);
    const next = lx.name();
    if (next !== null) return next;
    lx.i = save;
  }
  return m;
}
