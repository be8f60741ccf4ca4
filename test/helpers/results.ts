/** Result files as the run writes them (schema v2), for the report's tests: a passing shard unless told otherwise. */
export const HEAD = 'c'.repeat(40);
export const OTHER = 'd'.repeat(40);
export const BASE_SHA = 'b'.repeat(40);

export const ann = (i: number, over: Record<string, unknown> = {}) => ({
  path: `src/f${i % 7}.lean`,
  startLine: i + 1,
  endLine: i + 1,
  startColumn: 3,
  level: i % 3 === 0 ? 'failure' : i % 3 === 1 ? 'warning' : 'notice',
  title: `build log: t${i}`,
  message: `m${i}`,
  ...over,
});

export const judge = (judgeName: string, passed = true, over: Record<string, unknown> = {}) => ({
  judge: judgeName,
  passed,
  advisory: false,
  summary: `${judgeName} ${passed ? 'passed' : 'failed'}`,
  facts: {},
  annotations: [],
  ...over,
});

export function result(over: Record<string, unknown> = {}, subject: Record<string, unknown> = {}) {
  return {
    schemaVersion: 2,
    runId: 'r1',
    status: 'succeeded',
    exitCode: 0,
    commandExitCode: 0,
    durationMs: 1234,
    subject: {
      repository: 'o/r',
      headSha: HEAD,
      baseSha: BASE_SHA,
      baseRef: 'main',
      shard: { index: 0, count: 1 },
      ...subject,
    },
    verdict: { passed: true, judges: [judge('exit-code')] },
    annotations: [],
    loosened: [],
    notes: [],
    error: null,
    ...over,
  };
}

/** The pull_request_target event GitHub writes for a PR from a fork (the fields the report reads). */
export function prTargetEvent(o: { head?: string; base?: string; repo?: string; pr?: number } = {}) {
  return {
    action: 'synchronize',
    number: o.pr ?? 5,
    pull_request: {
      number: o.pr ?? 5,
      head: { sha: o.head ?? HEAD, ref: 'feature', repo: { full_name: 'fork/r' } },
      base: { sha: BASE_SHA, ref: o.base ?? 'main', repo: { full_name: o.repo ?? 'o/r' } },
    },
    repository: { full_name: o.repo ?? 'o/r', default_branch: 'main' },
  };
}
