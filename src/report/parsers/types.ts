/** What parsers produce: annotation records, before any GitHub limit or escaping is applied. */
export type AnnotationLevel = 'failure' | 'warning' | 'notice';

export interface Annotation {
  /** Relative to the repository root, '/'-separated, inside the repository. */
  path: string;
  startLine: number;
  endLine: number;
  /** 1-based, as GitHub wants them. */
  startColumn?: number;
  endColumn?: number;
  level: AnnotationLevel;
  title: string;
  message: string;
}

export interface ParseResult {
  annotations: Annotation[];
  /** Messages whose path was outside the repository, absolute elsewhere, or malformed: dropped, counted. */
  dropped: number;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[@-Z\\-_]/g;

/** Remove terminal escape sequences (colour, cursor) before parsing. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/**
 * A path as a build printed it → a repository-relative path, or null when it points outside the repository.
 * `root` is the path the repository had where the build ran (e.g. /work).
 */
export function repoPath(printed: string, root: string): string | null {
  let p = printed.trim().replace(/\\/g, '/');
  if (p.startsWith('/')) {
    const r = root.replace(/\/+$/, '');
    if (!p.startsWith(`${r}/`)) return null;
    p = p.slice(r.length + 1);
  }
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return null;
      parts.pop();
      continue;
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(seg)) return null;
    parts.push(seg);
  }
  return parts.length ? parts.join('/') : null;
}
