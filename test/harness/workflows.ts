/**
 * Workflows as GitHub runs them, for the end-to-end tests of the PR check without GitHub:
 *  - which files run: on pull_request, the pull request's merge commit's; on pull_request_target, the base branch's;
 *    every workflow whose `on:` names the event (and its activity type);
 *  - jobs in `needs` order with `if:` (success() unless a status function is named), `needs.*.result/outputs`,
 *    `strategy.matrix` (fromJSON included), job `outputs`, `permissions` (a called workflow can only lower its
 *    caller's; a fork's pull_request token is read-only whatever is asked), `environment` with a branch policy;
 *  - reusable workflows (`uses: owner/repo/.github/workflows/f.yml@ref` from the world's repositories, or
 *    `./.github/workflows/f.yml`) with typed inputs, defaults, secrets (mapped or inherited) and outputs;
 *  - secrets: none for a fork's pull_request; the repository's otherwise;
 *  - a check run per job from the "github-actions" app, named as GitHub names it (`caller / called`).
 * Every file is first validated with GitHub's own workflow parser (@actions/workflow-parser).
 */
import fs from 'node:fs';
import path from 'node:path';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import YAML from 'yaml';
import { asString, condition, evalValue, type Contexts } from './expr.js';
import { runSteps, type JobEnv, type StepDef } from './steps.js';
import { listFiles, show, type World } from './world.js';

type Level = 'none' | 'read' | 'write';
type Perms = Record<string, Level>;
const SCOPES = [
  'actions',
  'checks',
  'contents',
  'deployments',
  'id-token',
  'issues',
  'packages',
  'pull-requests',
  'statuses',
];
const RESTRICTED: Perms = { contents: 'read', packages: 'read' };
const RANK: Record<Level, number> = { none: 0, read: 1, write: 2 };

function perms(p: unknown, fallback: Perms): Perms {
  if (p === undefined) return fallback;
  if (p === 'read-all') return Object.fromEntries(SCOPES.map((s) => [s, 'read' as Level]));
  if (p === 'write-all') return Object.fromEntries(SCOPES.map((s) => [s, 'write' as Level]));
  return { ...(p as Perms) };
}
/** What a called workflow's job gets: its own ask, never above its caller's grant. */
function capped(ask: Perms, cap: Perms): Perms {
  return Object.fromEntries(
    SCOPES.map((s) => {
      const a = ask[s] ?? 'none';
      const c = cap[s] ?? 'none';
      return [s, RANK[a] <= RANK[c] ? a : c];
    }),
  );
}

interface JobDef {
  name?: string;
  needs?: string | string[];
  if?: string;
  permissions?: unknown;
  environment?: string | { name: string };
  strategy?: { matrix?: unknown; 'fail-fast'?: boolean };
  outputs?: Record<string, string>;
  steps?: StepDef[];
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: 'inherit' | Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface WorkflowDef {
  name?: string;
  on: unknown;
  permissions?: unknown;
  env?: Record<string, unknown>;
  jobs: Record<string, JobDef>;
}

export interface Event {
  name: 'pull_request' | 'pull_request_target' | 'push';
  payload: Record<string, unknown>;
  /** The repository the workflows belong to (the base repository). */
  repository: string;
  ref: string;
  sha: string;
  /** The commit whose .github/workflows run. */
  workflowsAt: string;
  /** A pull request from a fork (its pull_request runs get a read-only token and no secrets). */
  fromFork: boolean;
  /** The commit the jobs' own check runs go on (a pull request's head for pull_request). */
  checkSha?: string;
}

export interface JobRun {
  id: string;
  name: string;
  result: 'success' | 'failure' | 'skipped';
  outputs: Record<string, string>;
  log: string;
  env: JobEnv | null;
  permissions: Perms;
}

export interface WorkflowRun {
  id: number;
  file: string;
  name: string;
  jobs: JobRun[];
}

export interface RunOptions {
  baseEnv: Record<string, string>;
}

function validate(file: string, text: string) {
  const r = parseWorkflow({ name: file, content: text }, new NoOperationTraceWriter());
  const errors = r.context.errors.getErrors().map((e) => e.message);
  if (errors.length) throw new Error(`${file}: not a valid workflow: ${errors.join('; ')}`);
}

function triggers(on: unknown, event: Event): boolean {
  const names =
    typeof on === 'string' ? [on] : Array.isArray(on) ? (on as string[]) : Object.keys(on as object);
  if (!names.includes(event.name)) return false;
  const cfg =
    typeof on === 'object' && !Array.isArray(on)
      ? (on as Record<string, { types?: string[] } | null>)[event.name]
      : null;
  const action = asString(event.payload.action);
  return !cfg?.types || !action || cfg.types.includes(action);
}

/** Run every workflow of the repository that this event triggers. */
export async function dispatch(world: World, event: Event, o: RunOptions): Promise<WorkflowRun[]> {
  const repoDir = world.repoDir(event.repository);
  const runs: WorkflowRun[] = [];
  for (const f of listFiles(repoDir, event.workflowsAt, '.github/workflows').filter((x) =>
    /\.ya?ml$/.test(x),
  )) {
    const file = `.github/workflows/${f}`;
    const text = show(repoDir, event.workflowsAt, file)!;
    validate(file, text);
    const wf = YAML.parse(text) as WorkflowDef;
    if (!triggers(wf.on, event)) continue;
    runs.push(await runWorkflow(world, event, wf, file, o));
  }
  return runs;
}

export async function runWorkflow(
  world: World,
  event: Event,
  wf: WorkflowDef,
  file: string,
  o: RunOptions,
): Promise<WorkflowRun> {
  const run: WorkflowRun = { id: world.nextRunId(), file, name: wf.name ?? file, jobs: [] };
  const fork = event.name === 'pull_request' && event.fromFork;
  const secrets = fork ? {} : { ...(world.secrets.get(event.repository) ?? {}) };
  const done = await runJobs(world, event, run, wf, {
    inputs: {},
    secrets,
    cap: null,
    namePrefix: '',
    relativeAt: { repo: event.repository, sha: event.workflowsAt },
    o,
  });
  run.jobs.push(...Object.values(done).flat());
  return run;
}

interface Scope {
  inputs: Record<string, unknown>;
  secrets: Record<string, string>;
  /** The caller job's grant, for a called workflow. */
  cap: Perms | null;
  namePrefix: string;
  /** Where `./.github/workflows/…` resolves: the repository and commit of the calling file. */
  relativeAt: { repo: string; sha: string };
  o: RunOptions;
}

async function runJobs(
  world: World,
  event: Event,
  run: WorkflowRun,
  wf: WorkflowDef,
  scope: Scope,
): Promise<Record<string, JobRun[]>> {
  const done: Record<string, JobRun[]> = {};
  const pending = new Set(Object.keys(wf.jobs));
  while (pending.size) {
    const ready = [...pending].filter((id) => needsOf(wf.jobs[id]!).every((n) => n in done));
    if (ready.length === 0)
      throw new Error(`${run.file}: jobs ${[...pending].join(', ')} wait on each other`);
    for (const id of ready) {
      pending.delete(id);
      world.faults.beforeJob?.(run.id, id);
      done[id] = await runJob(world, event, run, wf, id, done, scope);
    }
  }
  return done;
}

const needsOf = (j: JobDef) => (j.needs === undefined ? [] : Array.isArray(j.needs) ? j.needs : [j.needs]);

function resultOf(rs: JobRun[]): JobRun['result'] {
  if (rs.some((r) => r.result === 'failure')) return 'failure';
  if (rs.length && rs.every((r) => r.result === 'skipped')) return 'skipped';
  return 'success';
}

function githubContext(
  world: World,
  event: Event,
  run: WorkflowRun,
  job: string,
  workspace: string,
  token: string,
) {
  const [owner] = event.repository.split('/');
  return {
    event_name: event.name,
    event: event.payload,
    ref: event.ref,
    sha: event.sha,
    repository: event.repository,
    repository_owner: owner,
    run_id: String(run.id),
    run_attempt: '1',
    job,
    workspace,
    token,
    action: `__${job}`,
    workflow: run.name,
    server_url: 'https://github.example.invalid',
    api_url: world.checks.url,
  };
}

async function runJob(
  world: World,
  event: Event,
  run: WorkflowRun,
  wf: WorkflowDef,
  id: string,
  done: Record<string, JobRun[]>,
  scope: Scope,
): Promise<JobRun[]> {
  const def = wf.jobs[id]!;
  const needs = Object.fromEntries(
    needsOf(def).map((n) => {
      const rs = done[n]!;
      return [
        n,
        {
          result: resultOf(rs),
          outputs: Object.assign({}, ...rs.map((r) => r.outputs)) as Record<string, string>,
        },
      ];
    }),
  );
  const needFailed = Object.values(needs).some((n) => n.result !== 'success');
  const base: Contexts = {
    github: githubContext(world, event, run, id, '', ''),
    inputs: scope.inputs,
    needs,
    secrets: scope.secrets,
    vars: {},
    env: {},
    runner: { os: 'Linux', arch: 'X64', temp: '' },
    strategy: {},
    matrix: {},
  };
  const grant = scope.cap
    ? capped(perms(def.permissions ?? wf.permissions, RESTRICTED), scope.cap)
    : perms(def.permissions ?? wf.permissions, RESTRICTED);
  const displayName = `${scope.namePrefix}${def.name ?? id}`;
  if (!condition(def.if, base, { failed: needFailed })) {
    return [
      { id, name: displayName, result: 'skipped', outputs: {}, log: '', env: null, permissions: grant },
    ];
  }
  if (def.uses) return [await callWorkflow(world, event, run, def, id, displayName, base, grant, scope)];
  // The matrix: each combination is a job of its own.
  const matrix = def.strategy?.matrix
    ? (evalValue(def.strategy.matrix, base) as Record<string, unknown[]>)
    : null;
  const combos = matrix ? expand(matrix) : [{}];
  const out: JobRun[] = [];
  for (const [i, combo] of combos.entries()) {
    out.push(
      await runSteppedJob(
        world,
        event,
        run,
        wf,
        def,
        id,
        displayName,
        { ...base, matrix: combo, strategy: { 'job-index': i, 'job-total': combos.length } },
        grant,
        scope,
      ),
    );
  }
  return out;
}

function expand(m: Record<string, unknown[]>): Record<string, unknown>[] {
  let combos: Record<string, unknown>[] = [{}];
  for (const [k, vs] of Object.entries(m)) {
    if (k === 'include' || k === 'exclude') continue;
    combos = combos.flatMap((c) => (vs as unknown[]).map((v) => ({ ...c, [k]: v })));
  }
  return combos;
}

async function runSteppedJob(
  world: World,
  event: Event,
  run: WorkflowRun,
  wf: WorkflowDef,
  def: JobDef,
  id: string,
  displayName: string,
  base: Contexts,
  grant: Perms,
  scope: Scope,
): Promise<JobRun> {
  const dir = fs.mkdtempSync(path.join(world.root, `job-${run.id}-${id}-`));
  const workspace = path.join(dir, 'ws');
  const temp = path.join(dir, 'tmp');
  fs.mkdirSync(workspace);
  fs.mkdirSync(temp);
  fs.writeFileSync(path.join(temp, '_event.json'), JSON.stringify(event.payload));
  const fork = event.name === 'pull_request' && event.fromFork;
  const token = world.jobToken(grant.checks === 'write' && !fork);
  let secrets = scope.secrets;
  const job: JobEnv = {
    world,
    runId: run.id,
    github: githubContext(world, event, run, id, workspace, token),
    workspace,
    temp,
    baseEnv: scope.o.baseEnv,
    log: [],
    checkouts: [],
    uses: [],
  };
  const record = (result: JobRun['result'], outputs: Record<string, string>): JobRun => {
    // GitHub makes a check run for every job, from the GitHub Actions app, under the job's name.
    world.checks.runs.push({
      id: world.checks.runs.length + 1000,
      app: 'github-actions',
      name: displayName,
      head_sha: event.checkSha ?? event.sha,
      conclusion: result,
      output: { title: '', summary: '', annotations: [] },
    });
    return { id, name: displayName, result, outputs, log: job.log.join(''), env: job, permissions: grant };
  };
  const envName = def.environment
    ? asString(evalValue(typeof def.environment === 'string' ? def.environment : def.environment.name, base))
    : '';
  if (envName) {
    const name = envName;
    const env = world.environments.get(`${event.repository}:${name}`);
    const branch = event.ref.replace(/^refs\/heads\//, '');
    if (env && !env.branches.includes(branch)) {
      job.log.push(
        `::error::Branch "${branch}" is not allowed to deploy to ${name} due to environment protection rules.\n`,
      );
      return record('failure', {});
    }
    if (env && !fork) secrets = { ...secrets, ...env.secrets };
  }
  const contexts: Contexts = {
    ...base,
    github: job.github,
    secrets,
    runner: { os: 'Linux', arch: 'X64', temp },
    job: { status: 'success' },
  };
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...(wf.env ?? {}), ...(def.env ?? {}) }))
    env[k] = asString(evalValue(v, contexts));
  contexts.env = env;
  const r = await runSteps(job, { contexts, env }, def.steps ?? []);
  const ctx = { ...contexts, steps: r.steps };
  const outputs = Object.fromEntries(
    Object.entries(def.outputs ?? {}).map(([k, v]) => [k, asString(evalValue(v, ctx, { failed: r.failed }))]),
  );
  return record(r.failed ? 'failure' : 'success', outputs);
}

async function callWorkflow(
  world: World,
  event: Event,
  run: WorkflowRun,
  def: JobDef,
  id: string,
  displayName: string,
  base: Contexts,
  grant: Perms,
  scope: Scope,
): Promise<JobRun> {
  const ref = def.uses!;
  let repo: string;
  let sha: string;
  let file: string;
  if (ref.startsWith('./')) {
    ({ repo, sha } = scope.relativeAt);
    file = ref.slice(2);
  } else {
    const m = /^([\w.-]+\/[\w.-]+)\/(\.github\/workflows\/[\w.-]+\.ya?ml)@(.+)$/.exec(ref);
    if (!m) throw new Error(`${run.file}: '${ref}' is not owner/repo/.github/workflows/file.yml@ref`);
    [, repo, file, sha] = m as unknown as [string, string, string, string];
  }
  const text = show(world.repoDir(repo), sha, file);
  if (text === null) throw new Error(`${run.file}: ${ref} does not exist`);
  validate(ref, text);
  const called = YAML.parse(text) as WorkflowDef & {
    on: {
      workflow_call?: {
        inputs?: Record<string, { type?: string; default?: unknown; required?: boolean }>;
        outputs?: Record<string, { value: string }>;
        secrets?: Record<string, unknown>;
      };
    };
  };
  const call = called.on.workflow_call;
  if (!call) throw new Error(`${ref} is not a reusable workflow`);
  const given = (evalValue(def.with ?? {}, base) ?? {}) as Record<string, unknown>;
  const inputs: Record<string, unknown> = {};
  for (const [k, spec] of Object.entries(call.inputs ?? {})) {
    let v = k in given ? given[k] : spec.default;
    if (v === undefined && spec.required) throw new Error(`${ref}: input ${k} is required`);
    if (spec.type === 'number' && v !== undefined) v = Number(v);
    if (spec.type === 'boolean' && v !== undefined) v = v === true || v === 'true';
    inputs[k] = v ?? (spec.type === 'number' ? 0 : spec.type === 'boolean' ? false : '');
  }
  for (const k of Object.keys(given))
    if (!(k in (call.inputs ?? {}))) throw new Error(`${ref}: unknown input ${k}`);
  const secrets =
    def.secrets === 'inherit'
      ? scope.secrets
      : Object.fromEntries(
          Object.entries(def.secrets ?? {}).map(([k, v]) => [k, asString(evalValue(v, base))]),
        );
  const jobs = await runJobs(world, event, run, called, {
    inputs,
    secrets,
    cap: grant,
    namePrefix: `${displayName} / `,
    relativeAt: { repo, sha },
    o: scope.o,
  });
  const all = Object.values(jobs).flat();
  run.jobs.push(...all);
  const ctx: Contexts = {
    ...base,
    inputs,
    jobs: Object.fromEntries(
      Object.entries(jobs).map(([k, rs]) => [
        k,
        {
          result: resultOf(rs),
          outputs: Object.assign({}, ...rs.map((r) => r.outputs)) as Record<string, string>,
        },
      ]),
    ),
  };
  const outputs = Object.fromEntries(
    Object.entries(call.outputs ?? {}).map(([k, o]) => [k, asString(evalValue(o.value, ctx))]),
  );
  return { id, name: displayName, result: resultOf(all), outputs, log: '', env: null, permissions: grant };
}
