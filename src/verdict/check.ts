/**
 * The PR check's decision (pure, fail closed): from the commit the event names, the number of shards the trusted
 * side expects, the judges it requires, and the result files it found, to success or failure with every reason.
 * Success needs every shard exactly once, each for this head, base and repository, each succeeded, each with a
 * passing verdict that includes every required judge. Anything missing, doubled, invalid or for another commit
 * fails the check and is named.
 */
import type { Annotation } from '../report/parsers/types.js';
import { escapeMarkdown } from '../report/summary.js';
import type { CheckSubject } from './event.js';
import { verdictPasses, type JudgeName, type ReadResult, type ReportedResult } from './schema.js';

export interface ResultFile {
  /** Where it was found, e.g. `sandbox-result-1/result.json`. */
  name: string;
  read: ReadResult;
}

export interface CheckDecision {
  conclusion: 'success' | 'failure';
  title: string;
  summary: string;
  annotations: Annotation[];
  reasons: string[];
}

const MAX_ANNOTATIONS = 10_000;
const LOG_TITLE = 'build log: ';

/**
 * The check from the shards' results: each result must be for this commit, base and repository and name its shard
 * of the expected count; every shard must have exactly one; each accepted one must have succeeded with its verdict
 * decided by its judges, the required judges among them. Any reason at all is a failure.
 */
export function decideCheck(
  subject: CheckSubject,
  shards: number,
  files: ResultFile[],
  required: JudgeName[],
): CheckDecision {
  const reasons: string[] = [];
  const byShard = new Map<number, { name: string; r: ReportedResult }[]>();
  for (const f of files) {
    if (!f.read.ok) {
      reasons.push(`${f.name}: invalid result (${f.read.reason}); nothing from it was used`);
      continue;
    }
    const r = f.read.value;
    const { wrong, shard } = placeResult(subject, shards, r);
    if (wrong.length || shard === null) {
      reasons.push(`${f.name}: the result is for ${wrong.join(', ')}`);
      continue;
    }
    const list = byShard.get(shard.index) ?? [];
    list.push({ name: f.name, r });
    byShard.set(shard.index, list);
  }
  const accepted = onePerShard(byShard, shards, reasons);
  for (const { index, r } of accepted) reasons.push(...shardReasons(`shard ${index}`, r, required));
  const conclusion = reasons.length === 0 && accepted.length === shards ? 'success' : 'failure';
  return {
    conclusion,
    title:
      conclusion === 'success'
        ? `passed: ${shards} shard${shards === 1 ? '' : 's'}, judged by ${judgeList(accepted.map((a) => a.r))}`
        : `failed: ${reasons[0] ?? 'no result'}${reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : ''}`,
    summary: summarize(subject, conclusion, reasons, accepted),
    annotations: annotationsOf(accepted.map((a) => a.r)),
    reasons,
  };
}

/** What in a result names another commit, base, repository or shard count; and its shard. */
function placeResult(
  subject: CheckSubject,
  shards: number,
  r: ReportedResult,
): { wrong: string[]; shard: { index: number; count: number } | null } {
  const s = r.subject;
  const wrong: string[] = [];
  if (s.headSha !== subject.headSha)
    wrong.push(`commit ${s.headSha ?? 'none'}, not the head ${subject.headSha}`);
  if (subject.baseSha !== null && s.baseSha !== subject.baseSha)
    wrong.push(`base commit ${s.baseSha ?? 'none'}, not ${subject.baseSha}`);
  if (s.baseRef !== subject.baseRef) wrong.push(`base ${s.baseRef ?? 'none'}, not ${subject.baseRef}`);
  if (s.repository !== subject.repository)
    wrong.push(`repository ${s.repository ?? 'none'}, not ${subject.repository}`);
  const shard = s.shard ?? (shards === 1 ? { index: 0, count: 1 } : null);
  if (!shard) wrong.push('no shard index');
  else if (shard.count !== shards)
    wrong.push(`shard ${shard.index} of ${shard.count}, but ${shards} shards are expected`);
  return { wrong, shard };
}

/** Every shard from 0 to shards-1 must have exactly one result: a missing or doubled shard is a reason. */
function onePerShard(
  byShard: Map<number, { name: string; r: ReportedResult }[]>,
  shards: number,
  reasons: string[],
): { index: number; r: ReportedResult }[] {
  const accepted: { index: number; r: ReportedResult }[] = [];
  for (let i = 0; i < shards; i++) {
    const got = byShard.get(i) ?? [];
    if (got.length === 0) {
      reasons.push(`shard ${i}: no result (its run died without one, or its artifact was not uploaded)`);
    } else if (got.length > 1) {
      reasons.push(
        `shard ${i}: ${got.length} results (${got.map((g) => g.name).join(', ')}); a shard counts once`,
      );
    } else accepted.push({ index: i, r: got[0]!.r });
  }
  return accepted;
}

/** Why an accepted shard does not pass: its status, each failed judge, no deciding judge, a required one absent. */
function shardReasons(at: string, r: ReportedResult, required: JudgeName[]): string[] {
  const reasons: string[] = [];
  if (r.status !== 'succeeded') reasons.push(`${at}: ${r.status}${r.error ? `: ${r.error}` : ''}`);
  const failed = r.verdict.judges.filter((j) => !j.advisory && !j.passed);
  for (const j of failed) reasons.push(`${at}: judge ${j.judge}: ${j.summary}`);
  if (!verdictPasses(r.verdict.judges) && failed.length === 0)
    reasons.push(`${at}: no judge decided the verdict`);
  for (const need of required) {
    if (!r.verdict.judges.some((j) => j.judge === need && !j.advisory)) {
      reasons.push(`${at}: the ${need} judge this check requires did not run`);
    }
  }
  return reasons;
}

function judgeList(rs: ReportedResult[]): string {
  const names = [
    ...new Set(rs.flatMap((r) => r.verdict.judges.filter((j) => !j.advisory).map((j) => j.judge))),
  ];
  return names.join(', ') || 'nothing';
}

/** Judges' annotations first (they decided), then the build log's (advisory; always titled as such). */
function annotationsOf(rs: ReportedResult[]): Annotation[] {
  const judged = rs.flatMap((r) => r.verdict.judges.flatMap((j) => j.annotations));
  const logged = rs.flatMap((r) =>
    r.annotations.map((a) => (a.title.startsWith(LOG_TITLE) ? a : { ...a, title: `${LOG_TITLE}${a.title}` })),
  );
  return [...judged, ...logged].slice(0, MAX_ANNOTATIONS);
}

function summarize(
  subject: CheckSubject,
  conclusion: string,
  reasons: string[],
  accepted: { index: number; r: ReportedResult }[],
): string {
  const out = [
    `**${conclusion === 'success' ? 'Passed' : 'Failed'}**: commit \`${subject.headSha}\` against \`${escapeMarkdown(subject.baseRef)}\`${subject.pr !== null ? ` (pull request #${subject.pr})` : ''}, judged on the trusted side from evidence the pull request could not write.`,
    '',
  ];
  if (reasons.length)
    out.push('**Why not:**', ...reasons.slice(0, 200).map((r) => `- ${escapeMarkdown(r)}`), '');
  for (const { index, r } of accepted) {
    out.push(
      `**Shard ${index}**: ${r.status} (exit ${r.exitCode}) in ${r.durationMs} ms`,
      '',
      '| judge | result | what it found |',
      '|---|---|---|',
      ...r.verdict.judges.map(
        (j) =>
          `| ${j.judge}${j.advisory ? ' (advisory)' : ''} | ${j.passed ? 'passed' : '**failed**'} | ${escapeMarkdown(j.summary)} |`,
      ),
      '',
    );
    if (r.loosened.length)
      out.push(
        `Loosened: ${r.loosened.map((l) => `\`${escapeMarkdown(l.option)}\` (${escapeMarkdown(l.effect)})`).join(', ')}`,
        '',
      );
  }
  return out.join('\n');
}
