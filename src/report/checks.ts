/**
 * The check run as Checks API requests, built purely from a validated result (or from the reason it was invalid).
 * GitHub's limits: at most 50 annotations per request (more by further updates), summary and text at most
 * 65,535 characters, annotation titles at most 255, columns only on single-line annotations.
 */
import type { Annotation } from './parsers/types.js';
import type { CheckDecision } from '../verdict/check.js';

export const BATCH = 50;
export const SUMMARY_MAX = 65_535;
export const TITLE_MAX = 255;
export const MESSAGE_MAX = 64 * 1024;

export interface CheckTarget {
  owner: string;
  repo: string;
  /** From the workflow_run event, never from the artifact. */
  headSha: string;
  name: string;
}

export interface ApiAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  title: string;
  message: string;
}

export interface CheckOutput {
  title: string;
  summary: string;
  annotations: ApiAnnotation[];
}

export interface CheckPlan {
  conclusion: 'success' | 'failure';
  /** The create request's output (first batch), then one update per further batch. */
  create: {
    name: string;
    head_sha: string;
    status: 'completed';
    conclusion: 'success' | 'failure';
    output: CheckOutput;
  };
  updates: { output: CheckOutput }[];
}

const cut = (s: string, max: number, note: string) =>
  s.length <= max ? s : `${s.slice(0, max - note.length)}${note}`;

export function toApiAnnotation(a: Annotation): ApiAnnotation {
  const single = a.startLine === a.endLine;
  return {
    path: a.path,
    start_line: a.startLine,
    end_line: a.endLine,
    ...(single && a.startColumn !== undefined ? { start_column: a.startColumn } : {}),
    ...(single && a.endColumn !== undefined ? { end_column: a.endColumn } : {}),
    annotation_level: a.level,
    title: cut(a.title, TITLE_MAX, '…'),
    message: cut(a.message || a.title, MESSAGE_MAX, '\n…(cut)'),
  };
}

export function planCheck(d: CheckDecision): Omit<CheckPlan, 'create'> & { output: CheckOutput } {
  const title = cut(d.title, TITLE_MAX, '…');
  const summary = cut(
    d.summary,
    SUMMARY_MAX,
    '\n\n(summary cut to fit 65,535 characters; the full text is in the run artifact)',
  );
  const all = d.annotations.map(toApiAnnotation);
  const batches: ApiAnnotation[][] = [];
  for (let i = 0; i < all.length; i += BATCH) batches.push(all.slice(i, i + BATCH));
  return {
    conclusion: d.conclusion,
    output: { title, summary, annotations: batches[0] ?? [] },
    updates: batches.slice(1).map((annotations) => ({ output: { title, summary, annotations } })),
  };
}

export function buildCheck(target: CheckTarget, d: CheckDecision): CheckPlan {
  const p = planCheck(d);
  return {
    conclusion: p.conclusion,
    create: {
      name: target.name,
      head_sha: target.headSha,
      status: 'completed',
      conclusion: p.conclusion,
      output: p.output,
    },
    updates: p.updates,
  };
}
