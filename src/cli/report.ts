/**
 * `sandbox-action report`: the privileged half. Reads the untrusted result file as data, validates it, and creates
 * the check run on the head SHA taken from the workflow_run event (never from the artifact). `--dry-run` prints
 * the requests as JSON instead of sending them. Executes nothing from the result.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InputError, errorMessage } from '../config/errors.js';
import { buildCheck, type CheckTarget } from '../report/checks.js';
import { LIMITS, validateReport, type Validated } from '../report/schema.js';
import { mergeValidated } from '../report/shards.js';
import { sendCheck } from '../report/send.js';
import { parseCommandLine, type OptionTable } from './args.js';

export const REPORT_TABLE: OptionTable = {
  result: {
    kind: 'string',
    help: 'the result file from the untrusted run, or a directory of shards (*/result.json) merged into one check (required)',
  },
  repository: { kind: 'string', help: 'owner/repo (default $GITHUB_REPOSITORY)' },
  'head-sha': { kind: 'string', help: 'commit to report on (default: workflow_run.head_sha of the event)' },
  name: { kind: 'string', help: "check name (default 'sandbox / verify')" },
  'dry-run': { kind: 'boolean', help: 'print the requests as JSON instead of sending them' },
  help: { kind: 'boolean', help: 'this help', short: 'h' },
};

/** The file's bytes, or why they are not used (a file above the limit is not read at all). */
function readLimited(file: string): { bytes: Buffer } | { reason: string } {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return { reason: `'${file}' is not a regular file` };
    if (st.size > LIMITS.fileBytes)
      return { reason: `the file is ${st.size} bytes, above ${LIMITS.fileBytes}` };
    return { bytes: fs.readFileSync(file) };
  } catch (err) {
    return { reason: `the file cannot be read: ${errorMessage(err)}` };
  }
}

const MAX_SHARDS = 256;

/** One result file, or a directory of shard results (`result.json` in it and in its subdirectories), merged. */
export function readResults(fileOrDir: string): Validated {
  const one = (f: string): Validated => {
    const read = readLimited(f);
    return 'bytes' in read ? validateReport(read.bytes) : { ok: false, reason: read.reason };
  };
  let st: fs.Stats;
  try {
    st = fs.lstatSync(fileOrDir);
  } catch (err) {
    return { ok: false, reason: `the result cannot be read: ${errorMessage(err)}` };
  }
  if (!st.isDirectory()) return one(fileOrDir);
  const files: string[] = [];
  if (fs.existsSync(path.join(fileOrDir, 'result.json'))) files.push('result.json');
  for (const d of fs.readdirSync(fileOrDir).sort()) {
    const f = path.join(d, 'result.json');
    if (fs.lstatSync(path.join(fileOrDir, d)).isDirectory() && fs.existsSync(path.join(fileOrDir, f)))
      files.push(f);
  }
  if (files.length > MAX_SHARDS)
    return { ok: false, reason: `${files.length} shard results, above ${MAX_SHARDS}` };
  return mergeValidated(
    files.map((f) => ({
      name: path.dirname(f) === '.' ? 'result' : path.dirname(f),
      v: one(path.join(fileOrDir, f)),
    })),
  );
}

export interface ReportOutcome {
  /** The check run's id (null for --dry-run). */
  id: number | null;
  conclusion: string;
  requests: number;
  title: string;
  annotations: number;
  /** Why the result was refused, when it was. */
  invalid: string | null;
}

export async function reportCommand(
  argv: string[],
  env: Record<string, string | undefined>,
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
  onDone: (o: ReportOutcome) => void = () => undefined,
): Promise<number> {
  let target: CheckTarget;
  let file: string;
  let dryRun: boolean;
  try {
    const { options: o, positionals } = parseCommandLine(argv, REPORT_TABLE);
    if (positionals.length) throw new InputError(positionals[0]!, 'report takes no arguments');
    const s = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
    file = s('result') ?? '';
    if (!file) throw new InputError('--result', 'is required: the result file the untrusted run uploaded');
    const repository = s('repository') ?? env.GITHUB_REPOSITORY ?? '';
    const m = /^([\w.-]+)\/([\w.-]+)$/.exec(repository);
    if (!m) throw new InputError('--repository', `'${repository}' is not owner/repo`);
    let headSha = s('head-sha');
    if (!headSha && env.GITHUB_EVENT_PATH) {
      const event = JSON.parse(fs.readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as {
        workflow_run?: { head_sha?: unknown };
      };
      if (typeof event.workflow_run?.head_sha === 'string') headSha = event.workflow_run.head_sha;
    }
    if (!headSha || !/^[0-9a-f]{40}$/.test(headSha)) {
      throw new InputError('--head-sha', 'is required (40 hex), or run on a workflow_run event');
    }
    dryRun = o['dry-run'] === true;
    if (!dryRun && !env.GITHUB_TOKEN)
      throw new InputError('GITHUB_TOKEN', 'is required to create the check (or use --dry-run)');
    target = { owner: m[1]!, repo: m[2]!, headSha, name: s('name') ?? 'sandbox / verify' };
  } catch (err) {
    io.stderr.write(`sandbox-action: ${errorMessage(err)}\n`);
    return 2;
  }
  const validated = readResults(file);
  const plan = buildCheck(target, validated);
  if (!validated.ok)
    io.stderr.write(`sandbox-action: invalid result from the untrusted build: ${validated.reason}\n`);
  const facts = {
    title: plan.create.output.title,
    annotations: [plan.create, ...plan.updates].reduce((n, r) => n + r.output.annotations.length, 0),
    invalid: validated.ok ? null : validated.reason,
  };
  if (dryRun) {
    const base = `/repos/${target.owner}/${target.repo}/check-runs`;
    const requests = [
      { method: 'POST', route: base, body: plan.create },
      ...plan.updates.map((u) => ({ method: 'PATCH', route: `${base}/{check_run_id}`, body: u })),
    ];
    io.stdout.write(`${JSON.stringify(requests, null, 2)}\n`);
    onDone({
      id: null,
      conclusion: plan.conclusion,
      requests: requests.length,
      ...facts,
    });
    return 0;
  }
  try {
    const sent = await sendCheck(plan, target, {
      token: env.GITHUB_TOKEN!,
      baseUrl: env.GITHUB_API_URL || 'https://api.github.com',
    });
    io.stderr.write(
      `sandbox-action: check run ${sent.id} (${plan.conclusion}) in ${sent.requests} requests\n`,
    );
    onDone({
      id: sent.id,
      conclusion: plan.conclusion,
      requests: sent.requests,
      ...facts,
    });
    return 0;
  } catch (err) {
    io.stderr.write(`sandbox-action: the Checks API refused: ${errorMessage(err)}\n`);
    return 1;
  }
}
