/**
 * The result file the untrusted half uploads and the privileged half reads: untrusted data, validated strictly
 * (size, counts, string lengths, UTF-8, paths inside the repository) before anything is built from it.
 */
import type { Annotation, AnnotationLevel } from './parsers/types.js';

export const REPORT_SCHEMA_VERSION = 1;
export const LIMITS = {
  fileBytes: 10 * 1024 * 1024,
  annotations: 10_000,
  message: 64 * 1024,
  title: 1024,
  path: 1024,
  summary: 256 * 1024,
} as const;

export interface ReportInput {
  schemaVersion: 1;
  status: 'succeeded' | 'failed' | 'timed-out' | 'oom-killed' | 'error';
  exitCode: number;
  durationMs: number;
  summary: string;
  annotations: Annotation[];
}

export type Validated = { ok: true; value: ReportInput } | { ok: false; reason: string };

const STATUSES = ['succeeded', 'failed', 'timed-out', 'oom-killed', 'error'];
const LEVELS: AnnotationLevel[] = ['failure', 'warning', 'notice'];

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A repository-relative path: no absolute path, no `..`, no empty or control-character part. */
export function safeRepoPath(p: string): boolean {
  if (p.length === 0 || p.length > LIMITS.path || p.startsWith('/') || p.includes('\\')) return false;
  // eslint-disable-next-line no-control-regex
  return p.split('/').every((s) => s !== '' && s !== '.' && s !== '..' && !/[\u0000-\u001f\u007f]/.test(s));
}

export function validateReport(bytes: Buffer): Validated {
  if (bytes.length > LIMITS.fileBytes)
    return { ok: false, reason: `the file is ${bytes.length} bytes, above ${LIMITS.fileBytes}` };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: 'the file is not valid UTF-8' };
  }
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the file is not JSON' };
  }
  if (!isObj(j)) return { ok: false, reason: 'the result is not an object' };
  if (j.schemaVersion !== REPORT_SCHEMA_VERSION)
    return { ok: false, reason: `schemaVersion must be ${REPORT_SCHEMA_VERSION}` };
  if (typeof j.status !== 'string' || !STATUSES.includes(j.status))
    return { ok: false, reason: 'status is not a known status' };
  for (const k of ['exitCode', 'durationMs'] as const) {
    if (typeof j[k] !== 'number' || !Number.isInteger(j[k]))
      return { ok: false, reason: `${k} is not an integer` };
  }
  const summary = j.summary ?? '';
  if (typeof summary !== 'string' || summary.length > LIMITS.summary)
    return { ok: false, reason: 'summary is not a string within limits' };
  const list = j.annotations ?? [];
  if (!Array.isArray(list)) return { ok: false, reason: 'annotations is not a list' };
  if (list.length > LIMITS.annotations)
    return { ok: false, reason: `${list.length} annotations, above ${LIMITS.annotations}` };
  const annotations: Annotation[] = [];
  for (const [i, a] of list.entries()) {
    const where = `annotation ${i}`;
    if (!isObj(a)) return { ok: false, reason: `${where} is not an object` };
    if (typeof a.path !== 'string' || !safeRepoPath(a.path))
      return { ok: false, reason: `${where} has a path outside the repository` };
    const lines = [a.startLine, a.endLine];
    if (!lines.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 10_000_000)) {
      return { ok: false, reason: `${where} has bad line numbers` };
    }
    if ((a.endLine as number) < (a.startLine as number))
      return { ok: false, reason: `${where} ends before it starts` };
    for (const c of [a.startColumn, a.endColumn]) {
      if (c !== undefined && (typeof c !== 'number' || !Number.isInteger(c) || c < 1 || c > 100_000)) {
        return { ok: false, reason: `${where} has bad columns` };
      }
    }
    if (typeof a.level !== 'string' || !LEVELS.includes(a.level as AnnotationLevel))
      return { ok: false, reason: `${where} has a bad level` };
    if (typeof a.title !== 'string' || a.title.length > LIMITS.title)
      return { ok: false, reason: `${where} has a bad title` };
    if (typeof a.message !== 'string' || a.message.length > LIMITS.message)
      return { ok: false, reason: `${where} has a bad message` };
    annotations.push({
      path: a.path,
      startLine: a.startLine as number,
      endLine: a.endLine as number,
      ...(a.startColumn !== undefined ? { startColumn: a.startColumn as number } : {}),
      ...(a.endColumn !== undefined ? { endColumn: a.endColumn as number } : {}),
      level: a.level as AnnotationLevel,
      title: a.title,
      message: a.message,
    });
  }
  return {
    ok: true,
    value: {
      schemaVersion: 1,
      status: j.status as ReportInput['status'],
      exitCode: j.exitCode as number,
      durationMs: j.durationMs as number,
      summary,
      annotations,
    },
  };
}
