/**
 * The judges: each reads evidence the trusted side collected (the command's exit status as the engine reported it,
 * the declared outputs as safe collection wrote them, the proof audit's captured output) and returns one outcome.
 * None of them reads what the build says about itself in its log. See docs/pr-check.md for what each one proves.
 */
import type { DeclaredOutput } from '../outputs/collect.js';
import { parseJunitReport } from '../report/parsers/junit.js';
import type { Annotation } from '../report/parsers/types.js';
import type { ComparatorOutcome } from '../comparator/outcome.js';
import type { AuditReport } from '../sandbox/audit.js';
import type { LeanLayout } from '../sandbox/lean.js';
import { compareExpected, type ExpectedFile } from './expected.js';
import { verdictPasses, type JudgeOutcome, type Verdict } from './schema.js';

/** What a run's verdict is made of, decided before the run from trusted options (RunSpec.verdict). */
export interface VerdictSpec {
  /** Files of /output the verdict needs: collected first, outside the count cap; missing fails. */
  declared: string[];
  /** JUnit XML in /output (a declared file). `trustedTests`: the tests and their config came from the trusted side. */
  junit: { file: string; trustedTests: boolean } | null;
  /** Expected files on the host (never in the sandbox), compared with the declared outputs of the same path. */
  expect: { dir: string; files: ExpectedFile[] } | null;
}

export interface Evidence {
  commandExitCode: number | null;
  timedOut: boolean;
  oomKilled: boolean;
  /** Where safe collection wrote /output on the host (null when outputs were not collected). */
  outputDir: string | null;
  declared: DeclaredOutput[];
  audit: AuditReport | null;
  /** Read a collected file (a regular file this process wrote under outputDir), up to a cap. */
  readCollected(rel: string, cap: number): Promise<Buffer | null>;
}

const outcome = (o: Omit<JudgeOutcome, 'facts' | 'annotations'> & Partial<JudgeOutcome>): JudgeOutcome => ({
  facts: {},
  annotations: [],
  ...o,
});

export function judgeExitCode(e: Evidence): JudgeOutcome {
  const summary = e.timedOut
    ? 'the command ran past its timeout and was killed'
    : e.oomKilled
      ? 'the command was killed for exceeding its memory limit'
      : e.commandExitCode === null
        ? 'the command did not run to an exit'
        : `the command exited ${e.commandExitCode}`;
  return outcome({
    judge: 'exit-code',
    passed: !e.timedOut && !e.oomKilled && e.commandExitCode === 0,
    advisory: false,
    summary,
  });
}

/** Every declared output must have been collected as a regular file. */
export function judgeDeclared(declared: DeclaredOutput[]): JudgeOutcome | null {
  if (declared.length === 0) return null;
  const bad = declared.filter((d) => d.status !== 'collected');
  return outcome({
    judge: 'declared-outputs',
    passed: bad.length === 0,
    advisory: false,
    summary: bad.length
      ? bad
          .map((d) => `declared output ${d.status === 'missing' ? 'missing' : d.status}: ${d.path}`)
          .join('; ')
      : `all ${declared.length} declared output(s) collected`,
    facts: Object.fromEntries(declared.map((d) => [`output-${d.path.replace(/[^\w-]/g, '_')}`, d.status])),
  });
}

const JUNIT_CAP = 16 * 1024 * 1024;

/**
 * pytest's JUnit XML: at least one test, no failure, no error and no skip. A skip (or an xfail) fails: the code under
 * test can raise unittest.SkipTest or call pytest.skip() or pytest.xfail() itself, so a skipped test proves nothing.
 */
export async function judgeJunit(
  e: Evidence,
  cfg: NonNullable<VerdictSpec['junit']>,
  root: string,
): Promise<JudgeOutcome> {
  const facts = { tests: cfg.trustedTests ? 'trusted (from the trusted side)' : "the source's own" };
  // The source's own tests prove nothing about the source: they annotate, they do not decide.
  const advisory = !cfg.trustedTests;
  const bytes = await e.readCollected(cfg.file, JUNIT_CAP);
  if (!bytes) {
    return outcome({
      judge: 'junit',
      passed: false,
      advisory,
      summary: `declared output missing: ${cfg.file} (the test run wrote no JUnit report)`,
      facts,
    });
  }
  const r = parseJunitReport(bytes.toString('utf8'), { root });
  if (!r.valid) {
    return outcome({
      judge: 'junit',
      passed: false,
      advisory: false,
      summary: `${cfg.file} is not JUnit XML`,
      facts,
    });
  }
  const { tests, failures, errors, skipped } = r.counts;
  const passed = tests > 0 && failures === 0 && errors === 0 && skipped === 0;
  return outcome({
    judge: 'junit',
    passed,
    advisory,
    summary:
      tests === 0
        ? `${cfg.file} reports no test`
        : `${tests} tests: ${failures} failed, ${errors} errors, ${skipped} skipped${skipped ? ' (a skipped test fails the judge)' : ''}`,
    facts: {
      ...facts,
      tests_run: String(tests),
      failures: String(failures),
      errors: String(errors),
      skipped: String(skipped),
    },
    annotations: r.annotations,
  });
}

export async function judgeExpectedOutputs(
  e: Evidence,
  cfg: NonNullable<VerdictSpec['expect']>,
): Promise<JudgeOutcome> {
  const results = await compareExpected(cfg.files, (rel, cap) => e.readCollected(rel, cap));
  const bad = results.filter((r) => !r.match);
  const annotations: Annotation[] = bad.map((r) => ({
    path: r.path,
    startLine: r.line ?? 1,
    endLine: r.line ?? 1,
    level: 'failure',
    title: 'judge expected-output: mismatch',
    message: r.detail,
  }));
  return outcome({
    judge: 'expected-output',
    passed: results.length > 0 && bad.length === 0,
    advisory: false,
    summary: bad.length
      ? `${bad.length} of ${results.length} output(s) differ from the expected: ${bad.map((r) => r.path).join(', ')}`
      : `all ${results.length} output(s) match the expected files`,
    annotations,
  });
}

/**
 * The `#print axioms` audit of the PR's own modules: advisory only. Its text comes from a Lean process that loaded the
 * pull request's compiled modules, which can print anything (docs/lean-audit.md): it annotates, it never decides.
 */
export function judgeLeanAudit(audit: AuditReport, annotations: Annotation[]): JudgeOutcome {
  const bad = audit.targets.filter((t) => t.status !== 'ok');
  return outcome({
    judge: 'lean-audit',
    passed: audit.ok,
    advisory: true,
    summary: audit.ok
      ? `${audit.targets.length} target(s): only allowed axioms`
      : [
          ...bad.map((t) => `${t.target}: ${t.status}`),
          ...audit.protectedChanges.map((c) => `${c.path} ${c.name}: ${c.detail}`),
        ]
          .join('; ')
          .slice(0, 4000),
    annotations,
  });
}

export interface LeanEvidence {
  layout: LeanLayout;
  /** comparator's outcome (null when the build timed out and comparator did not run). */
  outcome: ComparatorOutcome | null;
}

/** The challenge is the base branch's: a pull request that changes a file of it fails, naming the file. */
export function judgeChallenge(l: LeanLayout): JudgeOutcome {
  return outcome({
    judge: 'challenge',
    passed: l.trusted && l.changed.length === 0,
    advisory: !l.trusted,
    summary: !l.trusted
      ? "the challenge is the source's own (no --challenge): nothing ties it to the base branch"
      : l.changed.length
        ? `the pull request changes ${l.changed.join(', ')}, which the base branch owns; they were judged as the base branch has them`
        : `the challenge (${l.files.length} files: ${l.files.slice(0, 6).join(', ')}${l.files.length > 6 ? ', …' : ''}) is the base branch's`,
    facts: { trusted_files: l.files.join(' ').slice(0, 4000) },
    annotations: l.changed.map((path) => ({
      path,
      startLine: 1,
      endLine: 1,
      level: 'failure' as const,
      title: 'judge challenge: a trusted file changed',
      message: `${path} belongs to the challenge (the base branch's); the pull request may not change it.`,
    })),
  });
}

/** comparator's exit code and output: a pass is exit 0 *and* its last line `Your solution is okay!`. */
export function judgeComparator(l: LeanLayout, o: ComparatorOutcome | null): JudgeOutcome {
  const challengeFile = `${l.config.challenge_module.split('.').join('/')}.lean`;
  const passed = o !== null && !o.timedOut && o.exitCode === 0 && o.okLine && o.uncaught.length === 0;
  const theorems = l.config.theorem_names.join(', ');
  const summary =
    o === null
      ? 'comparator did not run (the build ran out of time)'
      : o.timedOut
        ? 'comparator ran past its time limit and was stopped'
        : passed
          ? `comparator accepted ${theorems}: same statements as the challenge, permitted axioms only, replayed by the kernel`
          : `comparator rejected ${theorems}: ${o.uncaught[0]?.split('\n')[0]?.slice(0, 300) ?? `exit ${o.exitCode}${o.okLine ? '' : ', no ok line'}`}`;
  return outcome({
    judge: 'comparator',
    passed,
    advisory: !l.trusted,
    summary,
    facts: {
      theorems,
      outcome: passed ? 'accepted' : 'rejected',
      exit_code: String(o?.exitCode ?? 'none'),
      ok_line: String(o?.okLine ?? false),
      permitted_axioms: l.config.permitted_axioms.join(', '),
    },
    annotations: (o?.uncaught ?? []).slice(0, 50).map((m) => ({
      path: challengeFile,
      startLine: 1,
      endLine: 1,
      level: 'failure' as const,
      title: 'judge comparator: rejected',
      message: m.slice(0, 64 * 1024),
    })),
  });
}

/** All judges of a run, in a fixed order, and the verdict they make. */
export async function judgeRun(
  spec: VerdictSpec,
  e: Evidence,
  opts: { root: string; auditAnnotations: Annotation[]; lean?: LeanEvidence | null },
): Promise<Verdict> {
  const judges: JudgeOutcome[] = [judgeExitCode(e)];
  const declared = judgeDeclared(e.declared);
  if (declared) judges.push(declared);
  if (spec.junit) judges.push(await judgeJunit(e, spec.junit, opts.root));
  if (spec.expect) judges.push(await judgeExpectedOutputs(e, spec.expect));
  if (opts.lean)
    judges.push(judgeChallenge(opts.lean.layout), judgeComparator(opts.lean.layout, opts.lean.outcome));
  if (e.audit) judges.push(judgeLeanAudit(e.audit, opts.auditAnnotations));
  return { passed: verdictPasses(judges), judges };
}
