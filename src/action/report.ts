/**
 * The `report/` sub-action: the privileged half, on a `workflow_run` event. Its inputs become the arguments of
 * `sandbox-action report`, so both doors validate the same way; the token travels in the environment only.
 */
import { BOOLEAN_TEXT } from '../config/raw-options.js';
import { Writable } from 'node:stream';
import * as core from '@actions/core';
import { reportCommand, type ReportOutcome } from '../cli/report.js';
import { escapeMarkdown } from '../report/summary.js';
import { InputError, errorMessage, inputExitCode } from '../config/errors.js';
import { envName } from './inputs.js';

/** Inputs of report/action.yml, in the order of its file. */
export const REPORT_INPUTS = [
  'result',
  'shards',
  'preset',
  'require-judges',
  'token',
  'name',
  'dry-run',
] as const;

/** Pure: the environment in, the CLI arguments and the token out. The commit always comes from the event. */
export function reportArgs(env: Record<string, string | undefined>): { argv: string[]; token: string } {
  const get = (n: (typeof REPORT_INPUTS)[number]) => (env[envName(n)] ?? '').trim();
  const argv: string[] = [];
  if (get('result')) argv.push('--result', get('result'));
  for (const n of ['shards', 'preset', 'name'] as const) if (get(n)) argv.push(`--${n}`, get(n));
  for (const j of get('require-judges')
    .split(/[\s,]+/)
    .filter(Boolean))
    argv.push('--require-judge', j);
  const dry = get('dry-run') || 'false';
  if (!BOOLEAN_TEXT.test(dry)) throw new InputError('dry-run', `'${dry}' is not true or false`);
  if (dry.toLowerCase() === 'true') argv.push('--dry-run');
  return { argv, token: get('token') };
}

class Lines extends Writable {
  text = '';
  constructor(private readonly echo: NodeJS.WritableStream) {
    super();
  }
  override _write(chunk: Buffer, _e: BufferEncoding, cb: () => void) {
    this.text += chunk.toString('utf8');
    this.echo.write(chunk);
    cb();
  }
}

export async function runReportAction(env: Record<string, string | undefined>): Promise<number> {
  let args;
  try {
    args = reportArgs(env);
  } catch (err) {
    core.setFailed(`input ${errorMessage(err)}`);
    return inputExitCode('plain');
  }
  const { argv, token } = args;
  if (token) core.setSecret(token);
  const stderr = new Lines(process.stderr);
  let outcome: ReportOutcome | null = null;
  const code = await reportCommand(
    argv,
    { ...env, GITHUB_TOKEN: token || env.GITHUB_TOKEN },
    { stdout: process.stdout, stderr },
    (o) => {
      outcome = o;
      core.setOutput('check-run-id', o.id === null ? '' : String(o.id));
      core.setOutput('check-name', o.name);
      core.setOutput('conclusion', o.conclusion);
    },
  );
  if (outcome && env.GITHUB_STEP_SUMMARY) {
    const o: ReportOutcome = outcome;
    await core.summary.addRaw(reportSummary(o), true).write();
  }
  if (code !== 0)
    core.setFailed(
      stderr.text
        .trim()
        .split('\n')[0]
        ?.replace(/^sandbox-action: /, '') ?? 'report failed',
    );
  return code;
}

/** The report step's job summary (markdown; everything from the result escaped). */
export function reportSummary(o: ReportOutcome): string {
  const icon = o.conclusion === 'success' ? '✅' : '❌';
  return [
    `### ${icon} sandbox-action report: ${o.conclusion}${o.name ? ` (${escapeMarkdown(o.name)})` : ''}`,
    '',
    `**${escapeMarkdown(o.title || 'no check')}**: ${o.annotations} annotations in ${o.requests} request(s)${o.id === null ? ' (nothing sent)' : `, check run ${o.id}`}.`,
    ...(o.reasons.length
      ? ['', '**Why not:**', ...o.reasons.slice(0, 50).map((r) => `- ${escapeMarkdown(r)}`)]
      : []),
    '',
  ].join('\n');
}
