/**
 * Lean 4 and Lake messages → annotations, for every format in shared/reference/lean-output.md:
 *   F.lean:3:2: error: msg            F.lean:3:2: error(lean.unknownIdentifier): msg
 *   F.lean:3:2-5:4: warning: msg      (end position)
 *   warning: ./././Foo/Bar.lean:3:8: declaration uses 'sorry'     (Lake, with older ./././ paths)
 *   continuation lines (no prefix) belong to the message before them
 *   `lean --json`: one object per line
 * Columns are 0-based code-point indexes in Lean and 1-based in GitHub: +1. Text the build printed is data only:
 * a line that looks like a message is an annotation at most, never a verdict.
 */
import { repoPath, stripAnsi, type Annotation, type AnnotationLevel, type ParseResult } from './types.js';

const LEVEL: Record<string, AnnotationLevel> = {
  error: 'failure',
  warning: 'warning',
  info: 'notice',
  information: 'notice',
};

// file:line:col[-endLine:endCol]: severity[(name)]: message
const LEAN_MSG =
  /^(?<file>.+?):(?<line>\d+):(?<col>\d+)(?:-(?<endLine>\d+):(?<endCol>\d+))?: (?<level>error|warning|info)(?:\((?<name>[\w.]+)\))?: ?(?<msg>.*)$/;
// Lake: level: file:line:col: message
const LAKE_MSG =
  /^(?<level>error|warning|info): (?<file>.+?\.lean):(?<line>\d+):(?<col>\d+)(?:-(?<endLine>\d+):(?<endCol>\d+))?: (?<msg>.*)$/;
/** Lines that end a message's continuation: Lake's own job and summary lines. */
const LAKE_LINE =
  /^(?:[✔ℹ⚠✖] \[\d+\/\d+\] |error: Lean exited with code|Some required (?:targets|builds) logged failures:|- \S+$|error: build failed|Build completed successfully|⣿|trace: )/;

const SORRY = /declaration uses (?:'sorry'|`sorry`)/;

/**
 * Titles are ours and say where they come from ("build log: …"): a name the build printed (an error name such as
 * `lean.unknownIdentifier`, or anything an `#eval` made up) goes in the message, never in the title, so nothing on
 * the check can look like a judge's line.
 */
export function leanTitle(message: string, level: AnnotationLevel): string {
  if (SORRY.test(message)) return 'build log: declaration uses sorry';
  return level === 'failure'
    ? 'build log: Lean error'
    : level === 'warning'
      ? 'build log: Lean warning'
      : 'build log: Lean info';
}

interface Pending {
  file: string;
  line: number;
  col: number;
  endLine?: number;
  endCol?: number;
  level: AnnotationLevel;
  name?: string;
  lines: string[];
}

export function parseLean(text: string, opts: { root: string }): ParseResult {
  const out: Annotation[] = [];
  let dropped = 0;
  let cur: Pending | null = null;
  const flush = () => {
    if (!cur) return;
    const path = repoPath(cur.file.replace(/^(?:\.\/)+/, ''), opts.root);
    const text = cur.lines.join('\n').replace(/\s+$/, '');
    const message = cur.name ? `(${cur.name}) ${text}` : text;
    if (path === null) dropped++;
    else {
      const single = cur.endLine === undefined || cur.endLine === cur.line;
      out.push({
        path,
        startLine: cur.line,
        endLine: cur.endLine ?? cur.line,
        ...(single ? { startColumn: cur.col + 1 } : {}),
        ...(single && cur.endCol !== undefined ? { endColumn: cur.endCol + 1 } : {}),
        level: cur.level,
        title: leanTitle(text, cur.level),
        message,
      });
    }
    cur = null;
  };

  for (const line of stripAnsi(text).split(/\r?\n/)) {
    if (line.startsWith('{') && line.includes('"fileName"')) {
      flush();
      const j = parseJsonMessage(line, opts.root);
      if (j === 'dropped') dropped++;
      else if (j) out.push(j);
      continue;
    }
    // Lake's form first: its `level: file:…` would otherwise read as a Lean message about a file named `level`.
    const g = (LAKE_MSG.exec(line) ?? LEAN_MSG.exec(line))?.groups;
    if (g) {
      flush();
      cur = {
        file: g.file!,
        line: Number(g.line),
        col: Number(g.col),
        ...(g.endLine ? { endLine: Number(g.endLine), endCol: Number(g.endCol) } : {}),
        level: LEVEL[g.level!]!,
        ...(g.name ? { name: g.name } : {}),
        lines: [g.msg!],
      };
    } else if (LAKE_LINE.test(line)) {
      flush();
    } else if (cur) {
      cur.lines.push(line);
    }
  }
  flush();
  return { annotations: out.filter((a) => a.startLine >= 1), dropped };
}

function parseJsonMessage(line: string, root: string): Annotation | 'dropped' | null {
  let j: unknown;
  try {
    j = JSON.parse(line);
  } catch {
    return null;
  }
  const o = j as Record<string, unknown>;
  const pos = o.pos as { line?: unknown; column?: unknown } | undefined;
  const end = o.endPos as { line?: unknown; column?: unknown } | null | undefined;
  if (typeof o.fileName !== 'string' || typeof pos?.line !== 'number' || typeof pos.column !== 'number')
    return null;
  const level = LEVEL[String(o.severity)];
  if (!level || typeof o.data !== 'string') return null;
  const path = repoPath(o.fileName.replace(/^(?:\.\/)+/, ''), root);
  if (path === null) return 'dropped';
  const endLine = typeof end?.line === 'number' ? end.line : pos.line;
  const single = endLine === pos.line;
  const text = o.data.replace(/\s+$/, '');
  const kind = typeof o.kind === 'string' && o.kind !== '' ? o.kind.slice(0, 100) : undefined;
  const message = kind && kind !== 'hasSorry' ? `(${kind}) ${text}` : text;
  return {
    path,
    startLine: pos.line,
    endLine,
    ...(single ? { startColumn: pos.column + 1 } : {}),
    ...(single && typeof end?.column === 'number' ? { endColumn: end.column + 1 } : {}),
    level,
    title: kind === 'hasSorry' ? 'build log: declaration uses sorry' : leanTitle(text, level),
    message,
  };
}
