/** gcc/clang-style diagnostics: `file:line[:col]: error|warning|note|fatal error: message`. */
import { repoPath, stripAnsi, type Annotation, type AnnotationLevel, type ParseResult } from './types.js';

const DIAG = /^(.+?):(\d+)(?::(\d+))?: (fatal error|error|warning|note): (.*)$/;
const LEVEL: Record<string, AnnotationLevel> = {
  'fatal error': 'failure',
  error: 'failure',
  warning: 'warning',
  note: 'notice',
};

export function parseGeneric(text: string, opts: { root: string }): ParseResult {
  const annotations: Annotation[] = [];
  let dropped = 0;
  for (const line of stripAnsi(text).split(/\r?\n/)) {
    const m = DIAG.exec(line);
    if (!m) continue;
    const path = repoPath(m[1]!, opts.root);
    const lineNo = Number(m[2]);
    if (path === null || lineNo < 1) {
      dropped++;
      continue;
    }
    const col = m[3] ? Number(m[3]) : undefined;
    annotations.push({
      path,
      startLine: lineNo,
      endLine: lineNo,
      // gcc and clang columns are already 1-based.
      ...(col !== undefined && col >= 1 ? { startColumn: col } : {}),
      level: LEVEL[m[4]!]!,
      title: m[4] === 'note' ? 'build log: note' : `build log: compiler ${m[4]}`,
      message: m[5]!,
    });
  }
  return { annotations, dropped };
}
