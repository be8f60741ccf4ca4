/**
 * The result of a run: the contract between the half that runs untrusted code and the privileged half that reports
 * it. `sandbox-action run` writes it (the trusted process outside the sandbox: it judged the evidence it collected);
 * `sandbox-action report` reads it back as untrusted data with `readResult` (strict: size, types, counts, lengths,
 * paths inside the repository) before anything is built from it. Both sides import this one module.
 */
import type { Loosened } from '../config/run-options.js';
import type { EgressReport } from '../egress/ledger.js';
import type { OutputsReport } from '../outputs/collect.js';
import type { Annotation, AnnotationLevel } from '../report/parsers/types.js';
import type { AuditReport } from '../sandbox/audit.js';

export const RESULT_SCHEMA_VERSION = 2;

export type RunStatus = 'succeeded' | 'failed' | 'timed-out' | 'oom-killed' | 'error';
export const RUN_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'timed-out', 'oom-killed', 'error'];

/** The judges a verdict can be made of (src/verdict/judges/). */
export type JudgeName =
  'exit-code' | 'declared-outputs' | 'junit' | 'expected-output' | 'lean-audit' | 'challenge' | 'comparator';
export const JUDGE_NAMES: readonly JudgeName[] = [
  'exit-code',
  'declared-outputs',
  'junit',
  'expected-output',
  'lean-audit',
  'challenge',
  'comparator',
];

/** What one judge found, on the trusted side, from collected evidence. */
export interface JudgeOutcome {
  judge: JudgeName;
  passed: boolean;
  /** An advisory judge annotates; it never turns a verdict green or red. */
  advisory: boolean;
  /** One line: what was checked and what was found. */
  summary: string;
  /** Facts the report shows (e.g. junit: trusted tests or the source's own; counts). Strings only. */
  facts: Record<string, string>;
  annotations: Annotation[];
}

export interface Verdict {
  /** True only when every decisive judge passed and there was at least one. */
  passed: boolean;
  judges: JudgeOutcome[];
}

/** What the trusted side bound the run to (from the trusted workflow's event, never from the pull request). */
export interface Subject {
  repository: string | null;
  headSha: string | null;
  /** The base commit the head was merged into for the run (a pull request's); null for a push. */
  baseSha: string | null;
  baseRef: string | null;
  shard: { index: number; count: number } | null;
}

/** The sandbox as the engine made it and as it looked from inside, before the command started. */
export interface SandboxCheck {
  /** The created container, inspected, against the plan. */
  conformance: { ok: boolean; mismatches: string[] };
  /** The self-check the sandbox ran first with the image's own shell (null when it never ran). */
  selfCheck: { ok: boolean; facts: Record<string, string>; problems: string[] } | null;
}

export interface VolumeReport {
  mount: string;
  sizeBytes: number;
  backend: string;
  enforced: boolean;
  /** The space was reserved on the host's disk when the volume was made (fallocate). */
  reserved: boolean;
}

/** `--setup`: the first phase, in its own container with its own network, on the same volumes. */
export interface SetupReport {
  command: string;
  /** none or proxy. */
  network: string;
  exitCode: number | null;
  timedOut: boolean;
  oomKilled: boolean;
  durationMs: number;
  sandbox: SandboxCheck;
  egress: EgressReport | null;
}

/** A result made in a session (`exec`) or by a warm run (`run --warm`). */
export interface SessionInfo {
  id: string;
  name: string | null;
  /** session: `create`d, for exec; warm: a sandbox kept by `run --warm`. */
  kind: 'session' | 'warm';
  /** The hash of every security-relevant field of the plan (src/session/hash.ts). */
  planHash: string;
  /** `run --warm` only: whether a warm sandbox was reused, and if not, why a fresh (cold) one ran the command. */
  warm: {
    reused: boolean;
    /** Why it was not reused (null when it was). */
    coldReason: string | null;
    /** After the run: whether the sandbox was reset and kept for the next one, or why it was removed. */
    keptForNext: boolean;
    resetProblem: string | null;
  } | null;
}

export interface RunResult {
  schemaVersion: typeof RESULT_SCHEMA_VERSION;
  runId: string;
  status: RunStatus;
  /** The exit code of `run`: the command's own, 124 timed out, 137 OOM-killed, 125 sandbox-action failed, 1 a judge failed. */
  exitCode: number;
  /** What the command itself exited with (null when it never ran or was killed at the deadline). */
  commandExitCode: number | null;
  durationMs: number;
  subject: Subject;
  image: { ref: string; id: string | null };
  engine: { name: string; version: string; runtime: string };
  user: string;
  /** none, proxy or open. */
  network: string;
  /** --network proxy: hosts contacted with bytes, refusals with reasons, audit suggestions. */
  egress: EgressReport | null;
  limits: {
    timeoutMs: number;
    memoryBytes: number;
    memorySwapBytes: number;
    cpus: number;
    pids: number;
    nofile: number;
    fsizeBytes: number;
    tmpSizeBytes: number;
    readOnlyRoot: boolean;
    capabilities: string[];
    noNewPrivileges: boolean;
  } | null;
  volumes: VolumeReport[];
  loosened: Loosened[];
  /** Things the host could not provide as asked, and other facts worth a line. */
  notes: string[];
  sandbox: SandboxCheck | null;
  outputs: OutputsReport;
  /** /state as kept for the next run (null without --state-dir). */
  state: {
    dir: string;
    files: number;
    bytes: number;
    skippedCount: number;
    skippedByReason: OutputsReport['skippedByReason'];
  } | null;
  /** The judges' verdict over the collected evidence. */
  verdict: Verdict;
  /** Advisory annotations parsed from the build's log (titled "build log: …"; at most 10,000), and how many were dropped. */
  annotations: Annotation[];
  annotationsDropped: number;
  /** --audit-target: the advisory proof audit's findings per target (null without an audit). */
  audit: AuditReport | null;
  /** Where the time went, in milliseconds: before start, the command, collection, cleanup. */
  timings: { prepareMs: number; commandMs: number; collectMs: number; cleanupMs: number };
  logTruncated: boolean;
  logBytes: { shown: number; dropped: number };
  /** status error: what went wrong (sandbox-action itself, the engine, the sandbox check). */
  error: string | null;
  /** `--setup`: the setup phase (absent or null without one). */
  setup?: SetupReport | null;
  /** `exec` and `run --warm`: the session the command ran in (absent or null for a plain run). */
  session?: SessionInfo | null;
}

/* ---------------------------------------------------------------- reading a result back (untrusted data) */

export const LIMITS = {
  fileBytes: 10 * 1024 * 1024,
  annotations: 10_000,
  message: 64 * 1024,
  title: 1024,
  path: 1024,
  line: 4096,
  judges: 32,
  notes: 200,
  facts: 32,
} as const;

/** The part of a result the report uses, validated. */
export interface ReportedResult {
  schemaVersion: typeof RESULT_SCHEMA_VERSION;
  runId: string;
  status: RunStatus;
  exitCode: number;
  durationMs: number;
  subject: Subject;
  verdict: Verdict;
  annotations: Annotation[];
  loosened: Loosened[];
  notes: string[];
  error: string | null;
}

export type ReadResult = { ok: true; value: ReportedResult } | { ok: false; reason: string };

class Invalid extends Error {}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A repository-relative path: no absolute path, no `..`, no empty or control-character part. */
export function safeRepoPath(p: string): boolean {
  if (p.length === 0 || p.length > LIMITS.path || p.startsWith('/') || p.includes('\\')) return false;
  // eslint-disable-next-line no-control-regex
  return p.split('/').every((s) => s !== '' && s !== '.' && s !== '..' && !/[\u0000-\u001f\u007f]/.test(s));
}

const LEVELS: AnnotationLevel[] = ['failure', 'warning', 'notice'];
const HEX40 = /^[0-9a-f]{40}$/;
const REF = /^[\w./-]{1,255}$/;
const REPO = /^[\w.-]{1,100}\/[\w.-]{1,100}$/;

function str(v: unknown, where: string, max: number): string {
  if (typeof v !== 'string' || v.length > max) throw new Invalid(`${where} is not a string within ${max}`);
  return v;
}
function int(
  v: unknown,
  where: string,
  min = Number.MIN_SAFE_INTEGER,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    throw new Invalid(`${where} is not an integer from ${min} to ${max}`);
  return v;
}
function bool(v: unknown, where: string): boolean {
  if (typeof v !== 'boolean') throw new Invalid(`${where} is not true or false`);
  return v;
}
function nullable<T>(v: unknown, f: (x: unknown) => T): T | null {
  return v === null || v === undefined ? null : f(v);
}
function list(v: unknown, where: string, max: number): unknown[] {
  if (!Array.isArray(v)) throw new Invalid(`${where} is not a list`);
  if (v.length > max) throw new Invalid(`${where} has ${v.length} entries, above ${max}`);
  return v;
}

export function readAnnotation(a: unknown, where: string): Annotation {
  if (!isObj(a)) throw new Invalid(`${where} is not an object`);
  if (typeof a.path !== 'string' || !safeRepoPath(a.path))
    throw new Invalid(`${where} has a path outside the repository`);
  const startLine = int(a.startLine, `${where}.startLine`, 1, 10_000_000);
  const endLine = int(a.endLine, `${where}.endLine`, 1, 10_000_000);
  if (endLine < startLine) throw new Invalid(`${where} ends before it starts`);
  const col = (c: unknown, k: string) => (c === undefined ? undefined : int(c, `${where}.${k}`, 1, 100_000));
  const startColumn = col(a.startColumn, 'startColumn');
  const endColumn = col(a.endColumn, 'endColumn');
  if (typeof a.level !== 'string' || !LEVELS.includes(a.level as AnnotationLevel))
    throw new Invalid(`${where} has a bad level`);
  return {
    path: a.path,
    startLine,
    endLine,
    ...(startColumn !== undefined ? { startColumn } : {}),
    ...(endColumn !== undefined ? { endColumn } : {}),
    level: a.level as AnnotationLevel,
    title: str(a.title, `${where}.title`, LIMITS.title),
    message: str(a.message, `${where}.message`, LIMITS.message),
  };
}

function readSubject(v: unknown): Subject {
  if (!isObj(v)) throw new Invalid('subject is not an object');
  const repository = nullable(v.repository, (x) => str(x, 'subject.repository', 201));
  if (repository !== null && !REPO.test(repository))
    throw new Invalid('subject.repository is not owner/repo');
  const headSha = nullable(v.headSha, (x) => str(x, 'subject.headSha', 40));
  if (headSha !== null && !HEX40.test(headSha)) throw new Invalid('subject.headSha is not 40 hex digits');
  const baseSha = nullable(v.baseSha, (x) => str(x, 'subject.baseSha', 40));
  if (baseSha !== null && !HEX40.test(baseSha)) throw new Invalid('subject.baseSha is not 40 hex digits');
  const baseRef = nullable(v.baseRef, (x) => str(x, 'subject.baseRef', 255));
  if (baseRef !== null && !REF.test(baseRef)) throw new Invalid('subject.baseRef is not a branch name');
  const shard = nullable(v.shard, (s) => {
    if (!isObj(s)) throw new Invalid('subject.shard is not an object');
    const count = int(s.count, 'subject.shard.count', 1, 256);
    return { index: int(s.index, 'subject.shard.index', 0, count - 1), count };
  });
  return { repository, headSha, baseSha, baseRef, shard };
}

function readJudge(v: unknown, where: string): JudgeOutcome {
  if (!isObj(v)) throw new Invalid(`${where} is not an object`);
  if (typeof v.judge !== 'string' || !JUDGE_NAMES.includes(v.judge as JudgeName))
    throw new Invalid(`${where}.judge is not a known judge`);
  if (!isObj(v.facts)) throw new Invalid(`${where}.facts is not an object`);
  const entries = Object.entries(v.facts);
  if (entries.length > LIMITS.facts) throw new Invalid(`${where}.facts has too many entries`);
  const facts: Record<string, string> = {};
  for (const [k, x] of entries) {
    if (!/^[\w-]{1,64}$/.test(k)) throw new Invalid(`${where}.facts has a bad key`);
    facts[k] = str(x, `${where}.facts.${k}`, LIMITS.line);
  }
  return {
    judge: v.judge as JudgeName,
    passed: bool(v.passed, `${where}.passed`),
    advisory: bool(v.advisory, `${where}.advisory`),
    summary: str(v.summary, `${where}.summary`, LIMITS.line),
    facts,
    annotations: list(v.annotations, `${where}.annotations`, LIMITS.annotations).map((a, i) =>
      readAnnotation(a, `${where}.annotations[${i}]`),
    ),
  };
}

/** A verdict passes only when it has a decisive judge and every decisive judge passed: recomputed, never read. */
export function verdictPasses(judges: JudgeOutcome[]): boolean {
  const decisive = judges.filter((j) => !j.advisory);
  return decisive.length > 0 && decisive.every((j) => j.passed);
}

/** Validate a result file's bytes. Nothing from an invalid file is used. */
export function readResult(bytes: Buffer): ReadResult {
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
  try {
    if (!isObj(j)) throw new Invalid('the result is not an object');
    if (j.schemaVersion !== RESULT_SCHEMA_VERSION)
      throw new Invalid(`schemaVersion must be ${RESULT_SCHEMA_VERSION}`);
    if (typeof j.status !== 'string' || !RUN_STATUSES.includes(j.status as RunStatus))
      throw new Invalid('status is not a known status');
    if (!isObj(j.verdict)) throw new Invalid('verdict is not an object');
    const judges = list(j.verdict.judges, 'verdict.judges', LIMITS.judges).map((x, i) =>
      readJudge(x, `verdict.judges[${i}]`),
    );
    const annotations = list(j.annotations ?? [], 'annotations', LIMITS.annotations).map((a, i) =>
      readAnnotation(a, `annotation ${i}`),
    );
    const judged = judges.reduce((n, x) => n + x.annotations.length, 0);
    if (annotations.length + judged > LIMITS.annotations)
      throw new Invalid(`${annotations.length + judged} annotations, above ${LIMITS.annotations}`);
    const loosened = list(j.loosened ?? [], 'loosened', 64).map((l, i) => {
      if (!isObj(l)) throw new Invalid(`loosened[${i}] is not an object`);
      return {
        option: str(l.option, `loosened[${i}].option`, 256),
        effect: str(l.effect, `loosened[${i}].effect`, 1024),
      };
    });
    return {
      ok: true,
      value: {
        schemaVersion: RESULT_SCHEMA_VERSION,
        runId: str(j.runId, 'runId', 128),
        status: j.status as RunStatus,
        exitCode: int(j.exitCode, 'exitCode', 0, 255),
        durationMs: int(j.durationMs, 'durationMs', 0),
        subject: readSubject(j.subject),
        // `passed` is recomputed from the judges: a file that says passed with a failed judge is not believed.
        verdict: { passed: verdictPasses(judges), judges },
        annotations,
        loosened,
        notes: list(j.notes ?? [], 'notes', LIMITS.notes).map((n, i) => str(n, `notes[${i}]`, LIMITS.line)),
        error: nullable(j.error, (e) => str(e, 'error', LIMITS.line)),
      },
    };
  } catch (err) {
    if (err instanceof Invalid) return { ok: false, reason: err.message };
    throw err;
  }
}
