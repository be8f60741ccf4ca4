/**
 * `sandbox-action report`: the privileged half. It learns the commit from the event GitHub wrote for this run (never
 * from an artifact), reads every result file as untrusted data, decides the check with src/verdict/check.ts (every
 * expected shard exactly once, for this head, base and repository, each passing with the required judges), and
 * creates the check run named with the base branch. `--dry-run` prints the requests instead. Executes nothing from
 * the results.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FAILED_EXIT, InputError, errorMessage, exitCodeFor, inputExitCode } from '../config/errors.js';
import { RUN_PRESETS } from '../config/presets.js';
import { buildCheck, type CheckPlan, type CheckTarget } from '../report/checks.js';
import { sendCheck } from '../report/send.js';
import { decideCheck, type ResultFile } from '../verdict/check.js';
import { checkName, subjectFromEvent, type CheckSubject } from '../verdict/event.js';
import { JUDGE_NAMES, LIMITS, readResult, type JudgeName, type ReadResult } from '../verdict/schema.js';
import { parseCommandLine, type OptionTable } from './args.js';

export const REPORT_TABLE: OptionTable = {
  result: {
    kind: 'string',
    help: 'a result file, or a directory whose */result.json are the shards (required)',
  },
  shards: { kind: 'string', help: 'how many shards the check expects, each exactly once (default 1)' },
  preset: {
    kind: 'string',
    help: 'the kind of job: requires its judges (python-tests: junit; lean-proof: …)',
  },
  'require-judge': {
    kind: 'strings',
    help: `a judge every shard must have passed (repeatable): ${JUDGE_NAMES.join(', ')}`,
  },
  name: {
    kind: 'string',
    help: "check name; the base branch is added: 'sandbox / verify (main)' (default 'sandbox / verify')",
  },
  'head-sha': { kind: 'string', help: 'without an event (local use): the commit to report on' },
  'base-ref': { kind: 'string', help: 'without an event: the branch it was verified against' },
  repository: { kind: 'string', help: 'without an event: owner/repo (default $GITHUB_REPOSITORY)' },
  'dry-run': { kind: 'boolean', help: 'print the requests as JSON instead of sending them' },
  help: { kind: 'boolean', help: 'this help', short: 'h' },
};

/** The file's bytes, or why they are not used (a file above the limit is not read at all). */
function readLimited(file: string): ReadResult {
  try {
    const st = fs.lstatSync(file);
    if (!st.isFile()) return { ok: false, reason: `'${file}' is not a regular file` };
    if (st.size > LIMITS.fileBytes)
      return { ok: false, reason: `the file is ${st.size} bytes, above ${LIMITS.fileBytes}` };
    return readResult(fs.readFileSync(file));
  } catch (err) {
    return { ok: false, reason: `the file cannot be read: ${errorMessage(err)}` };
  }
}

const MAX_FILES = 512;

/** One result file, or every `result.json` of a directory and of its subdirectories (one level: the artifacts). */
export function readResultFiles(fileOrDir: string): ResultFile[] {
  const st = fs.lstatSync(fileOrDir, { throwIfNoEntry: false });
  // No artifact at all (no shard left a result, or none was uploaded) is zero results: every shard fails the check.
  if (!st) return [];
  if (!st.isDirectory()) return [{ name: path.basename(fileOrDir), read: readLimited(fileOrDir) }];
  const out: ResultFile[] = [];
  if (fs.existsSync(path.join(fileOrDir, 'result.json')))
    out.push({ name: 'result.json', read: readLimited(path.join(fileOrDir, 'result.json')) });
  for (const d of fs.readdirSync(fileOrDir).sort()) {
    const sub = path.join(fileOrDir, d);
    if (!fs.lstatSync(sub).isDirectory()) continue;
    for (const f of fs.readdirSync(sub).sort()) {
      if (f === 'result.json' || /^sandbox-result.*\.json$/.test(f)) {
        out.push({ name: `${d}/${f}`, read: readLimited(path.join(sub, f)) });
      }
    }
    if (out.length > MAX_FILES) throw new InputError('--result', `more than ${MAX_FILES} result files`);
  }
  return out;
}

export interface ReportOutcome {
  /** The check run's id (null for --dry-run). */
  id: number | null;
  name: string;
  conclusion: string;
  requests: number;
  title: string;
  annotations: number;
  reasons: string[];
}

interface Parsed {
  subject: CheckSubject | null;
  refused: string | null;
  shards: number;
  required: JudgeName[];
  file: string;
  name: string;
  dryRun: boolean;
  owner: string;
  repo: string;
}

/** The judges a green check needs: the preset's, and each `--require-judge`. */
function requiredJudges(preset: string | undefined, named: string[]): JudgeName[] {
  const required = new Set<JudgeName>();
  if (preset !== undefined) {
    const p = RUN_PRESETS[preset];
    if (!p)
      throw new InputError(
        '--preset',
        `'${preset}' is not a preset; the presets are ${Object.keys(RUN_PRESETS).join(', ')}`,
      );
    for (const j of p.requiredJudges) required.add(j as JudgeName);
  }
  for (const j of named) {
    if (!JUDGE_NAMES.includes(j as JudgeName))
      throw new InputError(
        '--require-judge',
        `'${j}' is not a judge; the judges are ${JUDGE_NAMES.join(', ')}`,
      );
    required.add(j as JudgeName);
  }
  return [...required];
}

/**
 * The commit the check is for. On GitHub the event is its only source, and flags naming another are bad input;
 * an event that names no commit to check is `refused`. Elsewhere the flags name it.
 */
function checkSubject(
  env: Record<string, string | undefined>,
  s: (k: string) => string | undefined,
): { subject: CheckSubject | null; refused: string | null } {
  const eventName = env.GITHUB_EVENT_NAME;
  if (!eventName || !env.GITHUB_EVENT_PATH) return { subject: subjectFromFlags(env, s), refused: null };
  const payload: unknown = JSON.parse(fs.readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
  const r = subjectFromEvent(eventName, payload);
  for (const k of ['head-sha', 'base-ref', 'repository'] as const) {
    if (s(k) !== undefined)
      throw new InputError(`--${k}`, 'comes from the event on GitHub; it cannot be given');
  }
  return r.ok ? { subject: r.subject, refused: null } : { subject: null, refused: r.reason };
}

function subjectFromFlags(
  env: Record<string, string | undefined>,
  s: (k: string) => string | undefined,
): CheckSubject {
  const headSha = s('head-sha') ?? '';
  const baseRef = s('base-ref') ?? '';
  const repository = s('repository') ?? env.GITHUB_REPOSITORY ?? '';
  if (!/^[0-9a-f]{40}$/.test(headSha))
    throw new InputError('--head-sha', 'is required without an event (40 hex)');
  if (!/^[\w./-]{1,255}$/.test(baseRef)) throw new InputError('--base-ref', 'is required without an event');
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository))
    throw new InputError('--repository', `'${repository}' is not owner/repo`);
  return { event: 'push', repository, headSha, baseRef, baseSha: null, headRepository: repository, pr: null };
}

function parse(argv: string[], env: Record<string, string | undefined>): Parsed {
  const { options: o, positionals } = parseCommandLine(argv, REPORT_TABLE);
  if (positionals.length) throw new InputError(positionals[0]!, 'report takes no arguments');
  const s = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const file = s('result') ?? '';
  if (!file) throw new InputError('--result', 'is required: the result file or directory of shard results');
  const shardsArg = s('shards') ?? '1';
  if (!/^\d{1,3}$/.test(shardsArg) || Number(shardsArg) < 1 || Number(shardsArg) > 256)
    throw new InputError('--shards', `'${shardsArg}' is not a number from 1 to 256`);
  const required = requiredJudges(s('preset'), (o['require-judge'] as string[] | undefined) ?? []);
  const { subject, refused } = checkSubject(env, s);
  if (refused) {
    return {
      subject,
      refused,
      shards: Number(shardsArg),
      required,
      file,
      name: '',
      dryRun: true,
      owner: '',
      repo: '',
    };
  }
  const repository = subject?.repository ?? env.GITHUB_REPOSITORY ?? '';
  const m = /^([\w.-]+)\/([\w.-]+)$/.exec(repository);
  if (!m) throw new InputError('GITHUB_REPOSITORY', `'${repository}' is not owner/repo`);
  const dryRun = o['dry-run'] === true;
  if (!dryRun && !env.GITHUB_TOKEN)
    throw new InputError('GITHUB_TOKEN', 'is required to create the check (or use --dry-run)');
  return {
    subject,
    refused,
    shards: Number(shardsArg),
    required,
    file,
    name: s('name') ?? 'sandbox / verify',
    dryRun,
    owner: m[1]!,
    repo: m[2]!,
  };
}

/** What every outcome of a decided check reports, whether it was sent or only printed. */
type CheckFacts = Omit<ReportOutcome, 'id' | 'requests'>;

/** This run may make no verdict (pull_request, workflow_run…): say so, and post nothing that could look like one. */
function reportNoCheck(
  refused: string,
  io: { stderr: NodeJS.WritableStream },
  onDone: (o: ReportOutcome) => void,
): number {
  io.stderr.write(`sandbox-action: no check: ${refused}\n`);
  onDone({
    id: null,
    name: '',
    conclusion: 'none',
    requests: 0,
    title: '',
    annotations: 0,
    reasons: [refused],
  });
  return FAILED_EXIT;
}

/** --dry-run: print the requests that would create and complete the check run, and send none. */
function printDryRun(
  plan: CheckPlan,
  target: CheckTarget,
  facts: CheckFacts,
  io: { stdout: NodeJS.WritableStream },
  onDone: (o: ReportOutcome) => void,
): number {
  const base = `/repos/${target.owner}/${target.repo}/check-runs`;
  const requests = [
    { method: 'POST', route: base, body: plan.create },
    ...plan.updates.map((u) => ({ method: 'PATCH', route: `${base}/{check_run_id}`, body: u })),
  ];
  io.stdout.write(`${JSON.stringify(requests, null, 2)}\n`);
  onDone({ id: null, requests: requests.length, ...facts });
  return 0;
}

export async function reportCommand(
  argv: string[],
  env: Record<string, string | undefined>,
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
  onDone: (o: ReportOutcome) => void = () => undefined,
): Promise<number> {
  let p: Parsed;
  let files: ResultFile[];
  try {
    p = parse(argv, env);
    files = p.subject ? readResultFiles(p.file) : [];
  } catch (err) {
    io.stderr.write(`sandbox-action: ${errorMessage(err)}\n`);
    return inputExitCode('plain');
  }
  if (!p.subject) return reportNoCheck(p.refused!, io, onDone);
  const decision = decideCheck(p.subject, p.shards, files, p.required);
  const target: CheckTarget = {
    owner: p.owner,
    repo: p.repo,
    headSha: p.subject.headSha,
    name: checkName(p.name, p.subject),
  };
  const plan = buildCheck(target, decision);
  for (const r of decision.reasons) io.stderr.write(`sandbox-action: ${r}\n`);
  const facts: CheckFacts = {
    name: target.name,
    conclusion: plan.conclusion,
    title: plan.create.output.title,
    annotations: [plan.create, ...plan.updates].reduce((n, r) => n + r.output.annotations.length, 0),
    reasons: decision.reasons,
  };
  if (p.dryRun) return printDryRun(plan, target, facts, io, onDone);
  try {
    const sent = await sendCheck(plan, target, {
      token: env.GITHUB_TOKEN!,
      baseUrl: env.GITHUB_API_URL || 'https://api.github.com',
    });
    io.stderr.write(
      `sandbox-action: check run ${sent.id} '${target.name}' (${plan.conclusion}) in ${sent.requests} requests\n`,
    );
    onDone({ id: sent.id, requests: sent.requests, ...facts });
    return 0;
  } catch (err) {
    io.stderr.write(`sandbox-action: the Checks API refused: ${errorMessage(err)}\n`);
    return exitCodeFor('plain', err);
  }
}
