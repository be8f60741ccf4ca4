/**
 * Which commit a PR check is about, and whether this workflow run may make one at all (pure, over the event payload
 * GitHub wrote for this run; see shared/reference/github-runner.md, "Who wrote the workflow").
 *
 * Only two events may produce a verdict:
 *  - pull_request_target: GitHub runs the *base branch's* workflow file, so the definition that produced the verdict
 *    cannot be changed by the pull request. The head SHA, the base branch and the repository come from the event.
 *  - push (to any branch or tag): the workflow is the pushed commit's own, written by someone with write access.
 * On pull_request the workflow files are the pull request's own (it can edit or add any), so nothing that run
 * produces is a verdict; workflow_run, issue_comment and the rest are refused too (docs/pr-check.md says why).
 */

export interface CheckSubject {
  event: 'pull_request_target' | 'push';
  repository: string;
  headSha: string;
  /** The branch the head is verified against: the PR's base, or the pushed branch. */
  baseRef: string;
  baseSha: string | null;
  /** The repository the head commit lives in (a fork's, for a PR from a fork). */
  headRepository: string;
  pr: number | null;
}

export type SubjectResult = { ok: true; subject: CheckSubject } | { ok: false; reason: string };

const HEX40 = /^[0-9a-f]{40}$/;
const REPO = /^[\w.-]{1,100}\/[\w.-]{1,100}$/;
const BRANCH = /^[\w./-]{1,255}$/;

function obj(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
const s = (v: unknown) => (typeof v === 'string' ? v : '');

export function subjectFromEvent(eventName: string, payload: unknown): SubjectResult {
  const e = obj(payload);
  const repository = s(obj(e.repository).full_name);
  if (eventName === 'pull_request_target') {
    const pr = obj(e.pull_request);
    const head = obj(pr.head);
    const base = obj(pr.base);
    const subject: CheckSubject = {
      event: 'pull_request_target',
      repository,
      headSha: s(head.sha),
      baseRef: s(base.ref),
      baseSha: s(base.sha) || null,
      headRepository: s(obj(head.repo).full_name),
      pr: typeof pr.number === 'number' ? pr.number : null,
    };
    return check(subject);
  }
  if (eventName === 'push') {
    const ref = s(e.ref);
    const m = /^refs\/(?:heads|tags)\/(.+)$/.exec(ref);
    return check({
      event: 'push',
      repository,
      headSha: s(e.after),
      baseRef: m?.[1] ?? '',
      baseSha: null,
      headRepository: repository,
      pr: null,
    });
  }
  if (eventName === 'pull_request') {
    return {
      ok: false,
      reason:
        "the event is pull_request: GitHub runs the pull request's own copy of the workflow files, so its results are the author's claims and make no verdict; run the check on pull_request_target (docs/pr-check.md)",
    };
  }
  return {
    ok: false,
    reason: `the event is ${eventName || 'unknown'}: a verdict is made only on pull_request_target (or push), where the workflow definition is not the pull request's (docs/pr-check.md)`,
  };
}

function check(x: CheckSubject): SubjectResult {
  if (!REPO.test(x.repository)) return { ok: false, reason: 'the event names no repository' };
  if (!HEX40.test(x.headSha)) return { ok: false, reason: 'the event names no head commit (40 hex)' };
  if (!BRANCH.test(x.baseRef)) return { ok: false, reason: 'the event names no base branch' };
  if (x.event === 'pull_request_target' && !REPO.test(x.headRepository))
    return { ok: false, reason: 'the event names no head repository' };
  return { ok: true, subject: x };
}

/** The check's name: the base branch is part of it, so one head opened against two bases makes two checks. */
export function checkName(name: string, subject: Pick<CheckSubject, 'baseRef'>): string {
  return `${name} (${subject.baseRef})`;
}
