/**
 * Runs a composite action's steps the way GitHub's runner does, for tests: `${{ }}` expressions are evaluated with
 * GitHub's own expression library against `inputs`, `runner`, `github` and `steps`; `run:` steps get only the env
 * the step maps and the job's environment (no runtime ACTIONS_* variables) plus the runner's file commands
 * (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STEP_SUMMARY as files); `uses:` steps are recorded, not executed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { truthy } from '@actions/expressions/result';
import YAML from 'yaml';
import { evaluate as evalWith, interpolate as interpolateWith, type Contexts } from '../harness/expr.js';

const evaluate = (expr: string, ctx: Contexts, failed: boolean) => evalWith(expr, ctx, { failed });
const interpolate = (text: string, ctx: Contexts, failed: boolean) => interpolateWith(text, ctx, { failed });

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface ActionFile {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

export interface CompositeRun {
  outputs: Record<string, string>;
  stepOutputs: Record<string, Record<string, string>>;
  uses: { id?: string; uses: string; with: Record<string, string> }[];
  summary: string;
  log: string;
  failed: boolean;
  /** The argv of each `run:` step's process, as spawned. */
  argv: string[][];
}

function readOutputFile(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  const text = fs.readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) out[m[1]!] = m[3]!;
  for (const m of text.matchAll(/^([\w-]+)=(.*)$/gm)) out[m[1]!] = m[2]!;
  return out;
}

export async function runComposite(
  actionDir: string,
  given: Record<string, string>,
  opts: {
    workspace: string;
    temp: string;
    baseEnv: Record<string, string | undefined>;
    /** github context fields: event_name, event, run_id, run_attempt … */
    github?: Record<string, unknown>;
  },
): Promise<CompositeRun> {
  const action = YAML.parse(fs.readFileSync(path.join(actionDir, 'action.yml'), 'utf8')) as ActionFile;
  if (action.runs.using !== 'composite') throw new Error('not a composite action');
  const inputs: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.inputs)) inputs[k] = given[k] ?? v.default ?? '';
  const steps: Record<string, { outputs: Record<string, string>; outcome: string }> = {};
  const ctx = () => ({
    inputs,
    strategy: { 'job-index': 0, 'job-total': 1 },
    matrix: {},
    runner: { temp: opts.temp, os: 'Linux' },
    github: {
      action: 'sandbox-action',
      workspace: opts.workspace,
      job: 'test',
      event_name: 'push',
      run_id: '1000',
      run_attempt: '1',
      event: {},
      ...opts.github,
    },
    steps,
  });
  const summaryFile = path.join(opts.temp, 'summary.md');
  fs.writeFileSync(summaryFile, '');
  // The runner's default variables, as every step (composite ones too) gets them.
  const gh = ctx().github as Record<string, unknown>;
  const eventFile = path.join(opts.temp, 'event.json');
  fs.writeFileSync(eventFile, JSON.stringify(gh.event ?? {}));
  const defaults: Record<string, string> = {
    GITHUB_EVENT_NAME: String(gh.event_name ?? ''),
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_REF: String(gh.ref ?? ''),
    GITHUB_RUN_ID: String(gh.run_id ?? ''),
    GITHUB_RUN_ATTEMPT: String(gh.run_attempt ?? ''),
    GITHUB_REPOSITORY: String(gh.repository ?? ''),
    GITHUB_JOB: String(gh.job ?? ''),
  };
  const result: CompositeRun = {
    outputs: {},
    stepOutputs: {},
    uses: [],
    summary: '',
    log: '',
    failed: false,
    argv: [],
  };
  for (const step of action.runs.steps) {
    const cond = step.if ?? 'success()';
    const condExpr = cond.replace(/^\$\{\{([\s\S]*)\}\}$/, '$1').trim();
    if (!truthy(evaluate(condExpr, ctx(), result.failed))) continue;
    if (step.uses) {
      const w: Record<string, string> = {};
      for (const [k, v] of Object.entries(step.with ?? {}))
        w[k] = interpolate(String(v), ctx(), result.failed);
      result.uses.push({ ...(step.id ? { id: step.id } : {}), uses: step.uses, with: w });
      if (step.id) steps[step.id] = { outputs: {}, outcome: 'success' };
      continue;
    }
    const outFile = path.join(opts.temp, `out-${step.id ?? 'x'}`);
    fs.writeFileSync(outFile, '');
    const env: Record<string, string> = {};
    // The job's environment reaches every step, INPUT_* a workflow set there included; the runtime's ACTIONS_*
    // variables do not reach a run: step.
    for (const [k, v] of Object.entries(opts.baseEnv))
      if (v !== undefined && !/^ACTIONS_/.test(k)) env[k] = v;
    for (const [k, v] of Object.entries(step.env ?? {}))
      env[k] = interpolate(String(v), ctx(), result.failed);
    Object.assign(env, defaults, {
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTION_PATH: actionDir,
      GITHUB_WORKSPACE: opts.workspace,
      RUNNER_TEMP: opts.temp,
      GITHUB_OUTPUT: outFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_ENV: path.join(opts.temp, 'env'),
    });
    const argv = ['-e', '-c', interpolate(step.run ?? '', ctx(), result.failed)];
    result.argv.push(['bash', ...argv]);
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn('bash', argv, {
        env,
        cwd: opts.workspace,
      });
      child.stdout.on('data', (c: Buffer) => (result.log += c.toString()));
      child.stderr.on('data', (c: Buffer) => (result.log += c.toString()));
      child.on('close', resolve);
    });
    const outputs = readOutputFile(outFile);
    if (step.id) steps[step.id] = { outputs, outcome: code === 0 ? 'success' : 'failure' };
    if (code !== 0) result.failed = true;
  }
  for (const [k, o] of Object.entries(action.outputs))
    result.outputs[k] = interpolate(o.value, ctx(), result.failed);
  for (const [id, s] of Object.entries(steps)) result.stepOutputs[id] = s.outputs;
  result.summary = fs.readFileSync(summaryFile, 'utf8');
  return result;
}
